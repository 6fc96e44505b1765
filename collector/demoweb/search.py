"""The demo web's search engine: query matching, a GDELT DOC 2.0 style artlist and a
news-search RSS feed whose item links are opaque redirects."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape as html_escape
from urllib.parse import quote_plus, urlsplit
from xml.sax.saxutils import escape

TOKEN_RE = re.compile(r'-?"[^"]*"|\(|\)|[^\s()]+')

# A query is a conjunction of clauses; a clause is a disjunction of phrases; a phrase is
# a tuple of folded words. Negated clauses must not match.
Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """One AND-ed part of a query: any of its phrases must (or, negated, must not) occur."""

    phrases: tuple[Phrase, ...]
    negated: bool = False


@dataclass(frozen=True)
class Doc:
    """One searchable article."""

    url: str
    title: str
    text: str
    published: datetime
    outlet: str
    outlet_url: str
    language: str
    country: str


def fold(text: str) -> str:
    """Lower-cases and strips accents, so that "Haïti" matches "haiti"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> Phrase:
    """The folded word tokens of a text."""
    return tuple(re.findall(r"\w+", fold(text)))


def parse_query(query: str) -> list[Clause]:
    """Parses words, "quoted phrases", ``a OR b``, ``(a OR b)`` and ``-word``.

    Operators such as ``sourcelang:french`` are ignored.

    Args:
        query: The decoded query string.

    Returns:
        The clauses, all of which must hold for a match.
    """
    clauses: list[Clause] = []
    group: list[Phrase] | None = None
    join_next = False
    for token in TOKEN_RE.findall(query):
        if token == "(":
            group = []
        elif token == ")":
            if group:
                clauses.append(Clause(tuple(group)))
            group = None
        elif token == "OR":
            join_next = group is None and bool(clauses)
        elif ":" in token and not token.startswith(('"', '-"')):
            continue
        else:
            negated = token.startswith("-")
            phrase = words(token)
            if not phrase:
                continue
            if group is not None:
                group.append(phrase)
            elif join_next and not negated:
                clauses[-1] = Clause(clauses[-1].phrases + (phrase,))
            else:
                clauses.append(Clause((phrase,), negated))
            join_next = False
    return clauses


def matches(clauses: list[Clause], text: str) -> bool:
    """Whether a text satisfies every clause (an empty query matches nothing).

    Args:
        clauses: A parsed query.
        text: The document text (title and body).

    Returns:
        True when all clauses hold.
    """
    if not any(not c.negated for c in clauses):
        return False
    haystack = " " + " ".join(words(text)) + " "
    for clause in clauses:
        found = any(" " + " ".join(p) + " " in haystack for p in clause.phrases)
        if found == clause.negated:
            return False
    return True


def search(docs: list[Doc], query: str, newest_first: bool = True) -> list[Doc]:
    """Documents matching a query, sorted by publication date."""
    clauses = parse_query(query)
    hits = [d for d in docs if matches(clauses, d.title + "\n" + d.text)]
    return sorted(hits, key=lambda d: d.published, reverse=newest_first)


def opaque_id(url: str) -> str:
    """A stable, non-decodable identifier for a publisher URL."""
    digest = hashlib.sha256(url.encode()).digest()[:30]
    return "CBMi" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def gdelt_json(hits: list[Doc], limit: int) -> str:
    """A GDELT DOC 2.0 ``mode=artlist&format=json`` answer; ``{}`` when nothing matched."""
    if not hits:
        return "{}"
    articles = [
        {
            "url": d.url,
            "url_mobile": "",
            "title": d.title,
            "seendate": d.published.strftime("%Y%m%dT%H%M%SZ"),
            "socialimage": "",
            "domain": urlsplit(d.url).netloc,
            "language": d.language,
            "sourcecountry": d.country,
        }
        for d in hits[:limit]
    ]
    return json.dumps({"articles": articles}, ensure_ascii=False, indent=1)


def news_rss(hits: list[Doc], query: str, base: str) -> str:
    """A news-search RSS 2.0 feed whose links redirect through ``base/rss/articles/``."""
    items = []
    for d in hits[:100]:
        oid = opaque_id(d.url)
        link = f"{base}/rss/articles/{oid}?oc=5"
        items.append(
            f"<item><title>{escape(d.title)} - {escape(d.outlet)}</title><link>{link}</link>"
            f'<guid isPermaLink="false">{oid}</guid>'
            f"<pubDate>{format_datetime(d.published, usegmt=True)}</pubDate>"
            f"<description>{escape(_teaser(link, d))}</description>"
            f'<source url="{escape(d.outlet_url)}">{escape(d.outlet)}</source></item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        f"<generator>NFE/5.0</generator><title>&quot;{escape(query)}&quot; - News search"
        f"</title><link>{base}/search?q={quote_plus(query)}</link><language>en-US</language>"
        f"<description>News search</description>{''.join(items)}</channel></rss>\n"
    )


def _teaser(link: str, doc: Doc) -> str:
    return (
        f'<a href="{link}" target="_blank">{html_escape(doc.title)}</a>&nbsp;&nbsp;'
        f'<font color="#6f6f6f">{html_escape(doc.outlet)}</font>'
    )


def window(start: str, end: str) -> tuple[datetime, datetime] | None:
    """A GDELT ``startdatetime``/``enddatetime`` pair (``YYYYMMDDHHMMSS``, UTC) as aware
    datetimes; a missing bound is open. None when a bound is malformed."""
    try:
        low = datetime.strptime(start, "%Y%m%d%H%M%S").replace(tzinfo=UTC) if start else None
        high = datetime.strptime(end, "%Y%m%d%H%M%S").replace(tzinfo=UTC) if end else None
    except ValueError:
        return None
    return (low or datetime(1970, 1, 1, tzinfo=UTC), high or datetime(9999, 1, 1, tzinfo=UTC))


def bing_rss(hits: list[Doc], query: str, base: str) -> str:
    """A Bing-News-style RSS 2.0 feed: item links are ``apiclick.aspx`` tracking URLs whose
    ``url`` parameter holds the publisher URL."""
    items = []
    for d in hits[:100]:
        link = (
            f"{base}/news/apiclick.aspx?ref=FexRss&aid=&tid={opaque_id(d.url)[4:20]}"
            f"&url={quote_plus(d.url)}&c=1&mkt=en-us"
        )
        items.append(
            f"<item><title>{escape(d.title)}</title><link>{escape(link)}</link>"
            f"<description>{escape(d.text[:200])}</description>"
            f"<pubDate>{format_datetime(d.published, usegmt=True)}</pubDate>"
            f"<News:Source>{escape(d.outlet)}</News:Source></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8" ?>\n<rss version="2.0" '
        'xmlns:News="https://www.bing.com/news/search?q=rss"><channel>'
        f"<title>{escape(query)} - Bing News</title><link>{base}/news/search?q="
        f"{quote_plus(query)}</link><description>Search results</description>"
        f"{''.join(items)}</channel></rss>\n"
    )
