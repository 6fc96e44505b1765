"""Loads the demo web's outlets and articles from the package's content files.

Articles are plain-text files: ``key: value`` header lines, a blank line, then one body
paragraph per blank-line separated block. Inside a paragraph, ``[anchor](slug)`` links to
another article by its slug. A file with a ``copy_of: <slug>`` header carries the body of
that article (a syndicated wire story).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Outlet:
    """One news outlet of the demo web and the boilerplate its pages carry."""

    key: str
    name: str
    template: str
    feed: str
    feed_path: str
    article_path: str
    country: str
    language: str
    title_sep: str
    private: str
    sections: dict[str, str]
    promo: dict[str, str]
    filler: tuple[str, ...]
    latest_times: tuple[str, ...] = ()
    inline_promo: str = ""


@dataclass(frozen=True)
class Article:
    """One article: its metadata and body paragraphs (with link markup)."""

    slug: str
    outlet: str
    title: str
    published: datetime
    section: str
    relevant: bool
    language: str
    searchable: bool
    body: tuple[str, ...]
    tags: tuple[str, ...] = ()
    wire: str = ""
    caption: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs as plain text, link markup removed."""
        return tuple(plain_text(p) for p in self.body)


def plain_text(paragraph: str) -> str:
    """Removes ``[anchor](slug)`` link markup, keeping the anchor text.

    Args:
        paragraph: A body paragraph with link markup.

    Returns:
        The paragraph as a reader sees it.
    """
    return LINK_RE.sub(r"\1", paragraph)


def render_links(paragraph: str, escape: Callable[[str], str], url_of: Callable[[str], str]) -> str:
    """Turns link markup into HTML anchors, escaping the text around them.

    Args:
        paragraph: A body paragraph with link markup.
        escape: HTML escaping function for text.
        url_of: Maps an article slug to its absolute URL.

    Returns:
        The paragraph as an HTML fragment.
    """
    parts: list[str] = []
    last = 0
    for match in LINK_RE.finditer(paragraph):
        parts.append(escape(paragraph[last : match.start()]))
        href = escape(url_of(match.group(2)))
        parts.append(f'<a href="{href}">{escape(match.group(1))}</a>')
        last = match.end()
    parts.append(escape(paragraph[last:]))
    return "".join(parts)


def linked_slugs(article: Article) -> list[str]:
    """Slugs of the articles linked from an article's body, in order."""
    return [m.group(2) for p in article.body for m in LINK_RE.finditer(p)]


def parse_article(text: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Splits an article file into its header fields and body paragraphs.

    Args:
        text: The file's content.

    Returns:
        The header as a dict and the paragraphs, whitespace-normalised.
    """
    head, _, rest = text.strip().partition("\n\n")
    header = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        header[key.strip()] = value.strip()
    blocks = (" ".join(block.split()) for block in rest.split("\n\n"))
    return header, tuple(b for b in blocks if b)


def _article(header: dict[str, str], body: tuple[str, ...]) -> Article:
    tags = tuple(t.strip() for t in header.get("tags", "").split(",") if t.strip())
    return Article(
        slug=header["slug"],
        outlet=header["outlet"],
        title=header["title"],
        published=datetime.fromisoformat(header["published"]).astimezone(UTC),
        section=header["section"],
        relevant=header["topic"] == "relevant",
        language=header.get("language", "en"),
        searchable=header.get("search", "yes") == "yes",
        body=body,
        tags=tags,
        wire=header.get("wire", ""),
        caption=header.get("caption", ""),
        meta=header,
    )


def load_outlets() -> list[Outlet]:
    """Reads the outlets from ``content/outlets.json``, in file order."""
    raw: list[dict[str, Any]] = json.loads(_content().joinpath("outlets.json").read_text("utf-8"))
    outlets = []
    for entry in raw:
        entry["filler"] = tuple(entry["filler"])
        entry["latest_times"] = tuple(entry.get("latest_times", ()))
        outlets.append(Outlet(**entry))
    return outlets


def load_articles() -> list[Article]:
    """Reads every article file under ``content/articles/``, sorted by slug.

    Files with ``copy_of`` take the body of the named article.
    """
    parsed = [
        parse_article(f.read_text("utf-8"))
        for f in _content().joinpath("articles").iterdir()
        if f.name.endswith(".txt")
    ]
    bodies = {h["slug"]: body for h, body in parsed if "copy_of" not in h}
    articles = [_article(h, bodies[h["copy_of"]] if "copy_of" in h else b) for h, b in parsed]
    return sorted(articles, key=lambda a: a.slug)


def _content() -> Any:
    return resources.files("collector.demoweb").joinpath("content")
