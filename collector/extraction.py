"""Article extraction from HTML: body text, dates and metadata.

The only module of the project that imports trafilatura. ``extract_article`` runs the
whole cascade, listed in its docstring; the helpers are small pure functions.
"""

from __future__ import annotations

import difflib
import html as html_module
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document
from trafilatura.utils import load_html

from collector.cleaning import (
    clean_text,
    entry_stamps,
    is_kicker,
    normalise_line,
    paywall_box,
    without_list_mark,
)
from collector.dates import (
    find_modified,
    find_published,
    json_ld_objects,
    may_end_dated,
    reads_as_date,
    script_json,
)
from collector.language import detect_language
from collector.layout import relayout
from collector.urls import looks_like_listing
from collector.words import word_count

logger = logging.getLogger(__name__)

__all__ = [
    "Article",
    "anchor_texts",
    "dated_link",
    "embedded_text",
    "extract_article",
    "find_authors",
    "fuller_text",
    "join_pages",
    "json_ld_body",
    "outlet_name",
    "parse_page",
    "headline_list",
    "link_run",
    "promo_container_paths",
    "strip_outlet_suffix",
    "with_later_pages",
]

MAX_HTML_CHARS = 5_000_000
MIN_WORDS = 10
# A page that shows no date and has fewer words is a service page (a company profile, a
# contact or "about" page a sitemap lists), not an article; a news brief shows its date.
MIN_UNDATED_WORDS = 50
# trafilatura's fallback comparison (readability, justext) takes over from its own
# extraction when that is shorter than this or than half of readability's text.
_FALLBACK_MIN_CHARS = 250
_FALLBACK_RATIO = 0.5
_LINK_RUN_SEPARATOR_RE = re.compile(r"\s[|·•]\s")
_ITEM_SOURCE_RE = re.compile(r"\s+\([^()]{1,60}\)\s*$")  # "... (Noticias del Cono Sur)"
_RUN_LABEL_RE = re.compile(r"^[^\W\d_]+(?:\s[^\W\d_]+){0,2}\s*:\s+")
_TITLE_SEPARATORS_RE = re.compile(r"\s+[|\-–—:•·»]\s+|\s*[|•·»]\s*")
_PROMO_HEADING_RE = re.compile(
    r"^\W*(?:latest(?: news| stories| articles| posts| headlines)?|recent(?: news| stories| posts)?"
    r"|related(?: news| stories| articles| posts| content| coverage| topics| links)?"
    r"|(?:also |more )?read(?: more| also| next)|also read|see also|trending(?: now| news)?"
    r"|more (?:from|on|in|stories|news|articles)\b.{0,40}|you (?:may|might) (?:also )?like"
    r"|recommended(?: for you| stories| articles)?|(?:most|top) (?:read|popular|viewed|stories)"
    r"|popular(?: now| posts| stories)?|editor'?s? picks?|don'?t miss|in other news"
    r"|(?:à )?lire (?:aussi|également)|sur le même sujet|les plus lus|leer (?:más|también)"
    r"|noticias relacionadas|soma (?:pia|zaidi)|habari zaidi|mehr zum thema|lesen sie auch"
    r"|discover more from .{1,60}|subscribe.{0,60}|newsletter|comments?|leave a (?:comment|reply)"
    r"|share (?:this|on).{0,30}|what'?s your reaction\?)\W*$",
    re.IGNORECASE,
)
_VIEW_QUALIFIER_RE = re.compile(
    r"\s*[(\[](?:print|printer[- ]friendly|print version|mobile|amp)[)\]]$", re.IGNORECASE
)
# A script-rendered page's JSON is read when its HTML gave fewer words than this, and its
# article taken when it has at least this many.
_THIN_WORDS = 150
_NOT_TEXT_BLOCK_RE = re.compile(
    r"image|photo|picture|caption|video|embed|related|teaser|promo|newsletter|\bads?\b",
    re.IGNORECASE,
)
_MIN_EMBEDDED_WORDS = 120
_HAS_ARTICLE_BODY = etree.XPath(
    'boolean(//script[contains(@type, "ld+json")][contains(., "articleBody")])'
)
_BODY_BREAK_RE = re.compile(r"</p\s*>|<br\s*/?>", re.IGNORECASE)
_HAS_FAQ = etree.XPath('boolean(//script[contains(@type, "ld+json")][contains(., "FAQPage")])')
# The heading over a page's FAQ box, in the languages the cleaner knows.
_FAQ_HEADING_RE = re.compile(
    r"^\W*(?:frequently asked questions|faqs?|häufig gestellte fragen|questions fréquentes"
    r"|foire aux questions|preguntas frecuentes|domande frequenti|perguntas frequentes"
    r"|veelgestelde vragen|często zadawane pytania|常见问题|常見問題|よくある質問"
    r"|자주 묻는 질문)\W*$",
    re.IGNORECASE,
)
# What a page says it is (schema.org): a gallery or a video, or an article of some kind
# (NewsArticle, ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report...).
_MEDIA_PAGE_TYPES = frozenset({"ImageGallery", "MediaGallery", "VideoGallery", "VideoObject"})
_ARTICLE_TYPE_RE = re.compile(r"(?:Article|Posting|Report)$")
_OG_TYPE = etree.XPath('string(//meta[@property="og:type"]/@content)')
# A path segment that names a page a video, a recording or a photo gallery: "/video/",
# "/videos/", "/wideo/", "/play/", "/watch/", "/audio/", "/podcast/", "/galerie/",
# "/galeria/", "/galleria/", "/galeri/", "/gallery/", "/photos/", "/fotos/", and a photo
# gallery's "/foto-galeri/", "/photo-gallery/", "/fotogalerie/".
_MEDIA_SEGMENT_RE = re.compile(
    r"/(?:videos?|vid[eé]os?|wideo|play|watch|audio|podcasts?|photos|fotos"
    r"|(?:(?:foto|photo)-?)?(?:galler(?:y|ies|ia)|galer(?:ie|ia|i)|galerij))/",
    re.IGNORECASE,
)
# A player: the element, a video host's frame, or a script's placeholder for one ("<div
# class="video__player" data-provider="dailymotion">").
_PLAYER = etree.XPath(
    "boolean(//video | //audio | //iframe[contains(@src, 'youtube') or contains(@src, 'vimeo')"
    " or contains(@src, 'dailymotion') or contains(@src, 'player')]"
    " | //*[contains(translate(@class, 'PLAYER', 'player'), 'player')])"
)
# A photo's caption: its <figcaption>, or an element its class calls one ("slide-caption",
# "wp-caption-text"), as galleries set their slides' captions in plain paragraphs.
_CAPTIONS = etree.XPath("//figcaption | //*[contains(@class, 'caption')][not(.//figcaption)]")
# A photo and the text just after it: a slide and its description ("<img ...><p
# class="gallery-desc">...").
_TEXT_AFTER_PHOTO = etree.XPath("//img/following-sibling::*[1][self::p or self::div or self::span]")
MIN_GALLERY_CAPTIONS = 3
MAX_CAPTION_WORDS = 60
_TEASER_HEADINGS = frozenset({"h2", "h3", "h4"})
_FIRST_H1 = etree.XPath("(//h1)[1]")
# A standfirst is a sentence, not a heading: this many words, or fewer ending as one does.
MIN_STANDFIRST_WORDS, MAX_STANDFIRST_WORDS = 8, 60
_SENTENCE_END_RE = re.compile(r"[.!?…]['’\"”»)]?$")
_TAG_RE = re.compile(r"<[^>]+>")
_NON_WORD_RE = re.compile(r"\W+")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "header", "strong", "b", "span", "p", "div")
_CONTAINER_TAGS = {"div", "section", "aside", "ul", "ol", "nav", "footer", "figure"}
# Separators between a page title's headline and outlet name, spaced ("A | B", "A - B"),
# and those Chinese and Japanese sites write without spaces ("标题_东方日报", "見出し｜東都新聞").
_NAME_SEPARATORS_RE = re.compile(r"\s+(?:[|\-–—•·»]|::)\s+|\s*[｜_＿]\s*")
_HEADLINES_XPATH = etree.XPath(
    '//meta[@property="og:title" or @name="twitter:title" or @property="twitter:title"]'
    "/@content | (//h1)[1] | (//head/title)[1]"
)
_CANONICAL_XPATH = etree.XPath(
    '//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'
)


@dataclass(frozen=True)
class Article:
    """An extracted article.

    Attributes:
        title: Headline without the outlet suffix.
        text: Clean body, paragraphs joined by newlines.
        published_at: Aware UTC publication time, or None when the page shows none.
        date_source: Where the date came from ("json-ld", "meta", "time", "json", "url",
            "metadata", "text", "live"; the extract stage may make it "feed") or None.
        modified_at: Aware UTC last-modified time or None.
        authors: Author names.
        outlet: Site name.
        language: ISO 639-1 code detected from the text.
        canonical_url: The page's canonical URL (the fetched URL when none is declared).
        description: Meta description.
        tags: Tags and categories.
        removed: (text, reason) pairs taken out by the cleaning step.
        blocks: The extracted lines before any were removed: what site-level learning
            counts (see ``collector.boilerplate``).
    """

    title: str
    text: str
    published_at: datetime | None = None
    date_source: str | None = None
    modified_at: datetime | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    removed: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    blocks: tuple[str, ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict with datetimes as ISO strings and tuples as lists (without ``blocks``)."""
        data = asdict(self)
        del data["blocks"]
        for key in ("published_at", "modified_at"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        data["authors"] = list(self.authors)
        data["tags"] = list(self.tags)
        data["removed"] = [list(pair) for pair in self.removed]
        return data


def strip_outlet_suffix(
    title: str, outlet: str | None = None, host: str | None = None, page_title: str = ""
) -> str:
    """Remove an outlet name prefixed or suffixed to a headline ("Headline | Outlet").

    Args:
        title: The page title.
        outlet: The site name, if known.
        host: The page's host name, if known.
        page_title: The page's ``<title>``, if ``title`` is another (``og:title``).

    Returns:
        The headline alone. A segment is dropped only if it names the outlet or host,
        or if it is the last of two segments and at most four words long, unless
        ``page_title`` is the whole title with a segment more (its outlet's:
        "Man missing after ferry fire – wife rescued – Kveldsposten").
    """
    title = " ".join((title or "").split())
    parts = [p for p in _TITLE_SEPARATORS_RE.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    names = {normalise_line(n) for n in (outlet, host) if n}
    host_key = re.sub(r"^www\.|\.\w+$", "", host or "").replace("-", "").lower()

    def names_outlet(part: str) -> bool:
        key = normalise_line(part)
        compact = re.sub(r"\W", "", key)
        return key in names or bool(
            host_key and compact and (compact in host_key or host_key in compact)
        )

    if names_outlet(parts[-1]):
        return _rejoin(title, parts[:-1])
    if names_outlet(parts[0]):
        return _rejoin(title, parts[1:])
    longer = " ".join(page_title.split())
    if longer.startswith(title) and _NAME_SEPARATORS_RE.match(longer[len(title) :]):
        return title
    if word_count(parts[-1]) <= 4 and word_count(parts[0]) >= 4 and len(parts) == 2:
        tail_sep = title[len(parts[0]) :].lstrip()[:1]
        if tail_sep in "|•·»-–—":
            return parts[0].strip()
    return title


def _title_segments(page_title: str) -> list[str]:
    """A page title's segments between spaced separators ("Headline | Outlet")."""
    return [part.strip() for part in _NAME_SEPARATORS_RE.split(" ".join(page_title.split()))]


def page_headline(title: str, page_title: str, body_text: Callable[[], str]) -> str:
    """trafilatura's title, unless it took the outlet of an "Outlet - Headline" page title.

    Without an ``h1`` or ``og:title``, trafilatura takes the first segment of the
    ``<title>``. When that is at most four words, the other segment at least twice as long
    and shown on the page (``body_text``, called only then), the other is the headline.
    """
    parts = _title_segments(page_title)
    if len(parts) != 2 or normalise_line(title) != normalise_line(parts[0]):
        return title
    short, long = word_count(parts[0]), word_count(parts[1])
    if short <= 4 and long >= 2 * short and parts[1] in " ".join(body_text().split()):
        return parts[1]
    return title


def declared_headline(tree: lxml_html.HtmlElement, title: str) -> str:
    """trafilatura's title, or the headline the page's JSON-LD article declares when its
    first ``<h1>`` shows that one and not the title: a live blog's title was the headline
    of its latest update, nested in the blog's ``liveBlogUpdate``."""
    heading = next(iter(tree.iter("h1")), None)
    shown = normalise_line(heading.text_content()) if heading is not None else ""
    if not shown or shown == normalise_line(title):
        return title
    for item in json_ld_objects(tree):
        declared = item.get("headline")
        if (
            isinstance(declared, str) and normalise_line(declared) == shown
            and any(_ARTICLE_TYPE_RE.search(kind) for kind in _types(item))
        ):  # fmt: skip
            return " ".join(declared.split())
    return title


def outlet_name(sitename: str | None, page_title: str, headline: str, host: str) -> str | None:
    """The outlet's name, for a page whose site name may be missing or mistaken.

    Args:
        sitename: trafilatura's site name: ``og:site_name`` or JSON-LD publisher, else a
            segment of the ``<title>`` holding a dot, else the host.
        page_title: The page's ``<title>``.
        headline: The article's headline.
        host: The page's host name.

    Returns:
        ``sitename``, unless it is the headline ("Oversight failed. Again | Outlet") or the
        bare host; then the segment of at most four words at the other end of
        ``page_title`` from the headline ("Headline | Outlet", "Outlet - Headline",
        "Headline | News | Outlet"); else None. A print or
        mobile view's qualifier ("Outlet (print)") is left out.
    """
    key = normalise_line(headline)
    bare = {host.lower().removeprefix("www."), host.lower().split(":")[0]}
    if sitename and normalise_line(sitename) != key:
        if sitename.lower().removeprefix("www.") not in bare:
            return _VIEW_QUALIFIER_RE.sub("", sitename) or None
    parts = _title_segments(page_title)
    if len(parts) < 2:
        return None
    first, last = parts[0], parts[-1]  # between them, sections ("Headline | World | Outlet")
    for name, other in ((last, first), (first, last)):
        if normalise_line(other) == key and 0 < word_count(name) <= 4:
            capital = name[:1].isupper() or (name[:1].isalpha() and not name[:1].islower())
            return _VIEW_QUALIFIER_RE.sub("", name) if capital else None  # or caseless
    return None


def _rejoin(title: str, parts: Sequence[str]) -> str:
    """Cut the title from the first kept segment to the end of the last kept one."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def promo_container_paths(tree: lxml_html.HtmlElement, max_text: int = 3000) -> list[str]:
    """XPaths of containers introduced by a promo heading ("Latest Stories", "Related").

    A container is the nearest block ancestor of a short heading-like element whose
    text is a promo heading, provided the container holds little text besides links
    (so an article container that merely includes such a heading is never selected).

    Args:
        tree: Parsed page.
        max_text: Upper bound on the container's text length.

    Returns:
        Absolute XPaths, usable as trafilatura's ``prune_xpath``.
    """
    root = tree.getroottree()
    paths: list[str] = []
    for element in tree.iter(*_HEADING_TAGS):
        # More than 30 words cannot make 60 characters: stop splitting a long text there.
        words = element.text_content().split(None, 30)
        if not words or len(words) > 30:
            continue
        text = " ".join(words)
        if len(text) > 60 or not _PROMO_HEADING_RE.match(text):
            continue
        container = element.getparent()
        while container is not None and container.tag not in _CONTAINER_TAGS:
            container = container.getparent()
        if container is None or container.tag in ("body", "html"):
            continue
        content = " ".join(container.text_content().split())
        link_text = sum(len(" ".join(a.text_content().split())) for a in container.iter("a"))
        rest = len(content) - len(text)
        if len(content) <= max_text and (rest < 20 or link_text >= 0.5 * rest):
            paths.append(root.getpath(container))
    return paths


def _is_prose(line: str, min_words: int = 8) -> bool:
    """A paragraph of running text: enough words, ends like a sentence, not a list item."""
    line = line.strip()
    return (
        word_count(line) >= min_words
        and not line.startswith(("- ", "* ", "• "))
        and bool(re.search(r"[.!?…。！？।؟۔]['\"”’»)」』]*$", line))
    )


def merge_passes(precise: str, recall: str, min_ratio: float = 0.33) -> str:
    """Combine a precision-oriented and a recall-oriented extraction of one page.

    The precise pass decides where the article starts and ends and drops promo lines;
    lines only the recall pass found are kept when they sit inside the article (between
    two lines both passes agree on) and read as prose (a list item too: a list of facts
    inside the article), or head a live blog's entries (``entry_stamps``). When the
    precise pass is empty or much shorter than the recall pass it probably picked the
    wrong block, and the recall pass is used as is. A recall line that is part of a
    precise line (the rest of a paragraph the recall pass cut at an inline link) is not
    added again.

    Args:
        precise: Text of the precision-oriented pass, one paragraph per line.
        recall: Text of the recall-oriented pass.
        min_ratio: Below this length ratio precise/recall the recall pass wins.

    Returns:
        The merged text, one paragraph per line.
    """
    if len(precise.strip()) < min_ratio * len(recall.strip()):
        return recall
    p_lines = [line for line in precise.splitlines() if line.strip()]
    r_lines = [line for line in recall.splitlines() if line.strip()]
    p_keys, r_keys = [normalise_line(x) for x in p_lines], [normalise_line(x) for x in r_lines]
    matcher = difflib.SequenceMatcher(None, p_keys, r_keys, autojunk=False)
    opcodes = matcher.get_opcodes()
    agreed = [i for i, op in enumerate(opcodes) if op[0] == "equal"]
    first, last = (agreed[0], agreed[-1]) if agreed else (0, 0)
    # A recall line may be a piece of a precise one (a paragraph cut at an inline link).
    known = "\n".join(p_keys)
    stamps = entry_stamps(r_lines)  # a live blog's entry times, which are no prose
    merged: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag in ("equal", "delete", "replace"):
            merged.extend(p_lines[i1:i2])
        if tag in ("insert", "replace") and first < index < last:
            merged.extend(
                line for j, line in enumerate(r_lines[j1:j2], j1)
                if (j in stamps or _is_prose(without_list_mark(line))) and r_keys[j] not in known
            )  # fmt: skip
    return "\n".join(merged)


def join_pages(first: Article, more: Sequence[Article]) -> Article:
    """One article from the pages it is split over: the first page's headline, dates and
    metadata, and the text of every page in order, a line an earlier page showed (the
    standfirst, a byline) kept once."""
    lines = first.text.splitlines()
    seen = {normalise_line(line) for line in lines}
    for page in more:
        for line in page.text.splitlines():
            if (key := normalise_line(line)) and key not in seen:
                seen.add(key)
                lines.append(line)
    removed = first.removed + tuple(pair for page in more for pair in page.removed)
    return replace(first, text="\n".join(lines), removed=removed)


def with_later_pages(
    article: Article,
    more: Sequence[tuple[str, str]],
    fetched_at: datetime,
    template_blocks: frozenset[str] = frozenset(),
) -> Article:
    """``article`` joined with its later pages, ``(url, html)`` in order (see
    :func:`join_pages`); a later page without article text adds nothing."""
    later = (extract_article(page, url, fetched_at, template_blocks) for url, page in more)
    return join_pages(article, [page for page in later if page is not None]) if more else article


def embedded_text(tree: lxml_html.HtmlElement, text: str, title: str) -> str | None:
    """The article a script-rendered page holds in its JSON data, when its HTML holds
    little of it or only its first paragraphs (:func:`_continued_in_data`); None
    otherwise.

    Sites built with Next.js and the like send skeleton blocks in the HTML and the article
    in a ``<script type="application/json">`` (``__NEXT_DATA__``), so the page's text was
    its cookie banner. The article is the list of paragraphs (strings, or objects with a
    string) that holds the most prose; when the extracted text has fewer than
    ``_THIN_WORDS`` words, it is taken when it has twice the extracted words (and
    ``_MIN_EMBEDDED_WORDS``) and names half the headline's longer words.
    """
    best: list[str] = []
    for data in script_json(tree):
        for paragraphs in _prose_lists(data):
            if sum(map(len, paragraphs)) > sum(map(len, best)):
                best = paragraphs
    words = sum(map(word_count, best))
    if word_count(text) < _THIN_WORDS and words >= max(_MIN_EMBEDDED_WORDS, 2 * word_count(text)):
        wanted = {w for w in _words_only(title).split() if len(w) >= 5}
        found = set(_words_only(" ".join(best)).split())
        if len(wanted & found) * 2 >= len(wanted):
            return "\n".join(best)
    return _continued_in_data(text, best) if best else None


def _continued_in_data(text: str, paragraphs: list[str], min_gain: float = 1.25) -> str | None:
    """``text`` up to its first paragraph that ``paragraphs`` (a script-rendered page's
    article in its JSON data) hold, then those paragraphs, when they hold every prose line
    of the text from there on and ``min_gain`` times its words (and 20 more): a page that
    renders the first paragraphs and the rest only in its data. None otherwise."""
    lines = text.splitlines()
    held = {_words_only(p) for p in paragraphs}
    start = next((i for i, line in enumerate(lines) if _words_only(line) in held), None)
    if start is None:
        return None
    tail = lines[start:]
    if any(_is_prose(line) and _words_only(line) not in held for line in tail):
        return None
    if sum(map(word_count, paragraphs)) < min_gain * word_count("\n".join(tail)) + 20:
        return None
    return "\n".join([*lines[:start], *paragraphs])


def _prose_lists(data: Any) -> Iterator[list[str]]:
    """Every list in a JSON value, as the prose paragraphs its items hold: a string, or an
    object's string value, of running text ending like a sentence (tags dropped)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            paragraphs = []
            for entry in item:
                if isinstance(entry, dict) and _NOT_TEXT_BLOCK_RE.search(
                    str(entry.get("type") or entry.get("__typename") or "")
                ):
                    continue  # an image's caption, a teaser, an advert
                values = entry.values() if isinstance(entry, dict) else [entry]
                for value in values:
                    if isinstance(value, str) and len(value) >= 40:
                        line = " ".join(html_module.unescape(_TAG_RE.sub(" ", value)).split())
                        if _is_prose(line):
                            paragraphs.append(line)
            if paragraphs:
                yield paragraphs


def json_ld_body(tree: lxml_html.HtmlElement) -> str:
    """The longest ``articleBody`` of the page's JSON-LD, as text with a paragraph per
    line (tags in it dropped, ``</p>`` and ``<br>`` read as line ends); "" without one."""
    if not _HAS_ARTICLE_BODY(tree):  # most pages: no JSON-LD parsed a second time
        return ""
    bodies = [
        item["articleBody"]
        for item in json_ld_objects(tree)
        if isinstance(item.get("articleBody"), str)
    ]
    if not bodies:
        return ""
    body = _BODY_BREAK_RE.sub("\n", max(bodies, key=len))
    body = html_module.unescape(_TAG_RE.sub("", body))
    return "\n".join(" ".join(line.split()) for line in body.splitlines() if line.strip())


def faq_lines(tree: lxml_html.HtmlElement) -> frozenset[str]:
    """The questions and answers of the FAQ box an article page declares (a schema.org
    ``FAQPage`` beside its ``NewsArticle``), normalised (``normalise_line``), a paragraph
    of an answer each; empty for a page that is an FAQ and nothing else.

    Outlets add such a box under their reports for search engines: the same generic
    questions on every page about a story ("What is cypermethrin?"), not the report.
    """
    if not _HAS_FAQ(tree):
        return frozenset()
    items = list(json_ld_objects(tree))
    if not any(_ARTICLE_TYPE_RE.search(t) for item in items for t in _types(item)):
        return frozenset()
    keys: set[str] = set()
    for item in items:
        if "Question" not in _types(item):
            continue
        answer = item.get("acceptedAnswer")
        texts = [item.get("name"), answer.get("text") if isinstance(answer, dict) else None]
        for text in (t for t in texts if isinstance(t, str)):
            plain = html_module.unescape(_TAG_RE.sub("", _BODY_BREAK_RE.sub("\n", text)))
            keys.update(normalise_line(line) for line in plain.splitlines())
    return frozenset(keys - {""})


def _types(item: dict[str, Any]) -> list[str]:
    """The schema.org types a JSON-LD object declares."""
    declared = item.get("@type")
    if isinstance(declared, str):
        return [declared]
    return [t for t in declared if isinstance(t, str)] if isinstance(declared, list) else []


def declared_media_page(tree: lxml_html.HtmlElement) -> bool:
    """Whether the page says it is a photo gallery or a video (JSON-LD ``ImageGallery``,
    ``VideoObject``..., or ``og:type`` ``video.*``) and not an article of any kind."""
    types = {t for item in json_ld_objects(tree) for t in _types(item)}
    if any(_ARTICLE_TYPE_RE.search(t) for t in types):
        return False
    return bool(types & _MEDIA_PAGE_TYPES) or str(_OG_TYPE(tree)).strip().startswith("video")


def named_media_page(tree: lxml_html.HtmlElement, url: str) -> bool:
    """Whether the page's URL names it a video, a recording or a gallery ("/videos/",
    "/galerie/"...) and it holds a player or photos (a ``<video>``, an ``<audio>``, a
    video host's frame, ``MIN_GALLERY_CAPTIONS`` captions, or as many photos each with a
    short text just after it): a media page that says nothing of what it is in its
    markup, or calls itself an article as every page of its site does."""
    path = url.split("?", 1)[0].split("://", 1)[-1]
    if not _MEDIA_SEGMENT_RE.search(path):
        return False
    described = (normalise_line(e.text_content()) for e in _TEXT_AFTER_PHOTO(tree))
    photos = sum(0 < word_count(text) <= MAX_CAPTION_WORDS for text in described)
    return (
        bool(_PLAYER(tree))
        or len(_caption_texts(tree)) >= MIN_GALLERY_CAPTIONS
        or photos >= MIN_GALLERY_CAPTIONS
    )


def _caption_texts(tree: lxml_html.HtmlElement) -> set[str]:
    """The page's captions, each once (a caption's wrapper holds its text too), of at most
    ``MAX_CAPTION_WORDS`` words: a class naming captions on a wrapper of the whole story
    ("has-captions") names no caption."""
    texts = {normalise_line(c.text_content()) for c in _CAPTIONS(tree)}
    return {t for t in texts if t and word_count(t) <= MAX_CAPTION_WORDS}


def captions_page(tree: lxml_html.HtmlElement, text: str, credited: Sequence[str] = ()) -> bool:
    """Whether the page is its photos' captions (``MIN_GALLERY_CAPTIONS`` or more) with
    less of its own text than they hold, whatever it says it is: a gallery. Its captions
    are its ``<figcaption>`` elements and the ``credited`` lines (the lines cleaning
    removed as captions for their photo credit, "... (Ảnh: Y Nhung)"): a gallery may set
    its captions in plain paragraphs."""
    captions = _caption_texts(tree) | ({normalise_line(line) for line in credited} - {""})
    if len(captions) < MIN_GALLERY_CAPTIONS:
        return False
    own = normalise_line(" ".join(text.split()))
    for caption in captions:  # where extraction kept them, on lines of their own or not
        own = own.replace(caption, " ")
    return word_count(own) <= sum(word_count(c) for c in captions)


def standfirst(
    tree: lxml_html.HtmlElement, text: str, description: str | None = None
) -> str | None:
    """The text's first line when it is the page's standfirst (dek): the summary of
    ``MIN_STANDFIRST_WORDS`` to ``MAX_STANDFIRST_WORDS`` words (or four and more ending as
    a sentence does) a page sets under its headline, in the headline's own container (a
    later sibling of the ``<h1>``, or of the element that holds it), while the next line
    is in the body's container. None otherwise, and for a page whose paragraphs all
    follow the headline side by side, or whose first paragraph, set apart inside the body
    ("story-body__introduction"), is the body's. A first line set apart inside the body is
    the standfirst when it is the page's ``description`` too and its paragraph's class
    names a lead ("article-content__lead", "standfirst", "perex": :func:`_marked_lead`;
    not an introduction's, which a body may open with, nor a bold paragraph's alone, as a
    Drupal body's first may be, both the page's description too).
    """
    lines = text.splitlines()
    words = word_count(lines[0]) if len(lines) >= 3 else 0
    sentence = words >= MIN_STANDFIRST_WORDS or words >= 4 and _SENTENCE_END_RE.search(lines[0])
    if not sentence or words > MAX_STANDFIRST_WORDS:
        return None
    heads = _FIRST_H1(tree)
    if not heads:
        return None
    beside: set[str] = set()
    bold: set[str] = set()
    for anchor in (heads[0], heads[0].getparent()):
        if anchor is None:
            break
        for sibling in itertools.islice(anchor.itersiblings(), 8):
            if isinstance(sibling.tag, str):
                beside.add(key := normalise_line(sibling.text_content()))
                if _all_bold(sibling):
                    bold.add(key)
    first, second = normalise_line(lines[0]), normalise_line(lines[1])
    if first in beside and (second not in beside or first in bold and second not in bold):
        return lines[0]
    if description and first == normalise_line(description) and _marked_lead(tree, first):
        return lines[0]
    return None


# The class names of a lead paragraph: "lead", "standfirst", "dek", "summary", "excerpt",
# "teaser", "subtitle", "perex" (Czech and Slovak), "chapo" (French), "sapo" (Portuguese),
# "entradilla" (Spanish), "vorspann" (German)
_LEAD_CLASS_RE = re.compile(
    r"lead|standfirst|\bdek\b|summary|excerpt|teaser|subtitle|perex|chapo|sapo|entradilla"
    r"|vorspann",
    re.IGNORECASE,
)
_FIRST_PARAGRAPHS = etree.XPath("(//p)[position() <= 40]")


def _marked_lead(tree: lxml_html.HtmlElement, key: str) -> bool:
    """Whether the paragraph whose text is ``key`` (:func:`normalise_line`), among a
    page's first, has a class that names a lead, or is alone in a box whose class does
    (``<div class="summary"><p>...</p></div>``; not a body's box, whose class may name
    its summary field: Drupal's "text-with-summary")."""
    for paragraph in _FIRST_PARAGRAPHS(tree):
        if normalise_line(paragraph.text_content()) != key:
            continue
        box = paragraph.getparent()
        alone = box is not None and normalise_line(box.text_content()) == key
        marks = (paragraph.get("class", ""), box.get("class", "") if alone else "")
        if any(_LEAD_CLASS_RE.search(mark) for mark in marks):
            return True
    return False


def with_standfirst(text: str, removed: Iterable[tuple[str, str]]) -> str:
    """An article's text with the standfirst extraction took out of it (among its
    ``removed`` lines) in front: what its relevance and its naming of the story, core and
    story names alike, are judged on (the summary says what the story is about, as the
    headline does)."""
    dek = next((line for line, reason in removed if reason == "standfirst"), None)
    return f"{dek}\n{text}" if dek else text


def _all_bold(element: lxml_html.HtmlElement) -> bool:
    """Whether a paragraph is all one ``<strong>`` or ``<b>``: a lead set in bold above the
    body's paragraphs, beside them ("<p><strong>Nach dem Angriff ...</strong></p>")."""
    children = [child for child in element if isinstance(child.tag, str)]
    return (
        element.tag == "p" and len(children) == 1 and children[0].tag in ("strong", "b")
        and not (element.text or "").strip() and not (children[0].tail or "").strip()
    )  # fmt: skip


def fuller_text(
    text: str, body: str, min_gain: float = 1.25, min_shared: float = 0.8
) -> str | None:
    """``body`` (a JSON-LD ``articleBody``) when it holds the extracted ``text`` and is much
    longer; None otherwise.

    A paywalled page shows the first paragraphs and gives the whole article in its
    JSON-LD for search engines. ``body`` must have ``min_gain`` times the words of ``text``
    (and 20 more), and hold ``min_shared`` of the characters of ``text``'s prose lines
    (compared as lower-case words), its paywall's box left out (:func:`paywall_box`: "You
    have used your 3 free articles this month. Join now ...", which no body holds).
    """
    if word_count(body) < min_gain * word_count(text) + 20:
        return None
    flat = _words_only(body)
    lines = text.splitlines()
    if (box := paywall_box(lines)) is not None:
        del lines[box]
    prose = [line for line in lines if _is_prose(line)]
    total = sum(len(line) for line in prose)
    shared = sum(len(line) for line in prose if _words_only(line) in flat)
    return body if total and shared >= min_shared * total else None


def continued_text(tree: lxml_html.HtmlElement, text: str, min_lines: int = 2) -> str | None:
    """``text`` with the paragraphs of the article's later containers, or None.

    Some sites cut an article's body into several containers of the same tag and class
    (an advert or a pull quote between them), and extraction keeps the first. The
    container of the text's last prose paragraph gives that tag and class. Prose paragraphs
    of later containers of the same kind, near the last one (within ``_CONTINUED_LEVELS``
    of it) and not inside comments, a sidebar or teasers, are added after the text in page
    order when there are ``min_lines`` of them not in it yet.
    """
    lines = text.splitlines()
    end = next((line for line in reversed(lines) if _is_prose(line)), None)
    holder = _PARAGRAPH_XPATH(tree, line=" ".join(end.split())) if end else None
    last = holder[0].getparent() if holder else None
    if last is None or not last.get("class"):
        return None
    near = list(last.iterancestors())[_CONTINUED_LEVELS - 1 : _CONTINUED_LEVELS]
    kind = near[0].iter(last.tag) if near else ()
    after = itertools.dropwhile(lambda box: box is not last, kind)  # in page order
    boxes = [
        box for box in itertools.islice(after, 1, None)
        if box.get("class") == last.get("class") and not _aside(box, near[0])
    ]  # fmt: skip
    if not boxes:
        return None
    keys = {normalise_line(line) for line in lines}
    found = (" ".join(p.text_content().split()) for box in boxes for p in box.iterchildren("p"))
    added = [line for line in found if _is_prose(line) and normalise_line(line) not in keys]
    return "\n".join([text, *added]) if len(added) >= min_lines else None


_CONTINUED_LEVELS = 3
_PARAGRAPH_XPATH = etree.XPath("(//p[normalize-space(.) = $line])[last()]")
_ASIDE_RE = re.compile(r"comment|reply|related|teaser|promo|recommend|sidebar|aside|footer", re.I)


def _aside(box: lxml_html.HtmlElement, top: lxml_html.HtmlElement) -> bool:
    """Whether ``box`` or an element between it and ``top`` is an aside by its tag, id or
    class: comments, related stories, teasers, a sidebar, a footer."""
    for element in (box, *box.iterancestors()):
        if element is top:
            return False
        if element.tag in ("aside", "footer", "nav") or _ASIDE_RE.search(
            f"{element.get('id', '')} {element.get('class', '')}"
        ):
            return True
    return False


def teaser_list(text: str, min_words: int = 8) -> bool:
    """Whether a text is a listing's teasers rather than an article: at least two of its
    lines of ``min_words`` or more, and half of them, are cut short with an ellipsis ("...
    a déraillé mardi peu avant 06H00 à l'entrée de…"), as a topic page cuts the first
    sentence of each story it lists."""
    long = [line.rstrip() for line in text.splitlines() if word_count(line) >= min_words]
    cut = sum(line.endswith(("…", "...")) for line in long)
    return cut >= 2 and 2 * cut >= len(long)


def linked_teasers(
    tree: lxml_html.HtmlElement,
    text: str,
    anchors: frozenset[str] = frozenset(),
    min_words: int = 8,
) -> bool:
    """Whether a text is a listing's teasers: at least two of its lines of ``min_words``
    or more, and half of them (or its one such line, the others too short to stay), are
    each a paragraph under a linked headline (a heading holding a link, or a link alone)
    that leads to its story, or such a headline and its teaser run together on one line
    (a section page's items: linked headline, time, teaser; extraction drops the linked
    headlines, keeps them as lines of their own, which are not counted, or joins them to
    the teasers, whole sentences none of which is cut short; a heading inside a link is
    such a headline too). ``anchors``: the page's links' texts (:func:`anchor_texts`)."""
    lines = [normalise_line(line) for line in text.splitlines() if word_count(line) >= min_words]
    headlines = _headings_in_links(tree)
    lines = [line for line in lines if line not in anchors and line not in headlines]
    if not lines:
        return False
    found = _teasers(tree)
    teasers = sum(line in found or _headline_and_teaser(line, found, anchors) for line in lines)
    if len(lines) == 1:  # the one teaser long enough to stay, the others cleaned away
        return teasers == 1
    return teasers >= 2 and 2 * teasers >= len(lines)


def _headline_and_teaser(line: str, teasers: set[str], anchors: frozenset[str]) -> bool:
    """Whether a normalised line is a link's whole text followed by a teaser."""
    return any(
        teaser
        and line.endswith(teaser)
        and (headline := normalise_line(line[: -len(teaser)]))
        and headline in anchors
        for teaser in teasers
    )


def _teasers(tree: lxml_html.HtmlElement) -> set[str]:
    """The paragraphs (or blocks) that follow a linked headline, among its siblings, before
    any other headline or paragraph (normalised): a heading holding a link, or a link of
    its own with words in it (not an image's) just before a paragraph or a block, or a
    heading inside a link (a card whose whole is its link: ``<a><h2/><p/></a>``)."""
    headings = (
        h for h in tree.iter(*_TEASER_HEADINGS) if h.find(".//a[@href]") is not None or _in_link(h)
    )  # fmt: skip
    links = (a for a in _LINK_BEFORE_TEXT(tree) if _linked_headline(a))
    found = set()
    for headline in itertools.chain(headings, links):
        for sibling in headline.itersiblings():
            if sibling.tag == "p" or sibling.tag == "div" and sibling.find(".//p") is None:
                text = normalise_line(sibling.text_content())
                if sibling.tag == "p" or word_count(text) >= _TEASER_WORDS:
                    found.add(text)  # a box of one teaser's words (an article's body is not)
                    break
            if sibling.tag in _TEASER_HEADINGS or sibling.tag == "a" and _linked_headline(sibling):
                break
    return found


_TEASER_WORDS = 8
_LINK_BEFORE_TEXT = etree.XPath("//a[@href][following-sibling::*[1][self::p or self::div]]")


def _in_link(element: lxml_html.HtmlElement) -> bool:
    return any(a.get("href") for a in element.iterancestors("a"))


def _headings_in_links(tree: lxml_html.HtmlElement) -> set[str]:
    """The texts of the headings inside links (a card's headline), normalised."""
    return {normalise_line(h.text_content()) for h in tree.iter(*_TEASER_HEADINGS) if _in_link(h)}


def _linked_headline(link: lxml_html.HtmlElement) -> bool:
    """A link whose own words read as a headline (four at least)."""
    return bool(link.get("href")) and word_count(link.text_content()) >= 4


def headline_list(anchors: frozenset[str], text: str, min_words: int = 4) -> bool:
    """Whether a text is a listing's headlines: at least three of its lines, and a quarter
    of those of ``min_words`` words or more, are the whole text of a link on the page
    (``anchors``, see :func:`anchor_texts`; a topic page lists each story as its linked
    headline, its first sentence and its time, "13 godz. temu", none cut short)."""
    long = [normalise_line(line) for line in text.splitlines() if word_count(line) >= min_words]
    if len(long) < 3:
        return False
    linked = sum(line in anchors for line in long)
    return linked >= 3 and 4 * linked >= len(long)


def anchor_texts(tree: lxml_html.HtmlElement) -> frozenset[str]:
    """The whole texts of the page's links, normalised (:func:`normalise_line`)."""
    return frozenset(normalise_line(a.text_content()) for a in tree.iter("a"))


def link_run(line: str, anchors: frozenset[str]) -> bool:
    """Whether a line is two or more of the page's links' whole texts (``anchors``) joined
    by "·", "|" or "•", after a label of up to three words: a ticker ("NYT: headline ·
    headline · headline") or a row of tags, which trafilatura keeps as a paragraph when
    the page has little other text (a gallery's)."""
    parts = _LINK_RUN_SEPARATOR_RE.split(_RUN_LABEL_RE.sub("", line.strip(), count=1))
    return len(parts) >= 2 and all(normalise_line(part) in anchors for part in parts)


def dated_link(line: str, anchors: frozenset[str]) -> bool:
    """Whether a line is the whole text of one of the page's links (``anchors``) and a
    date or time after it (:func:`~collector.dates.reads_as_date`): an item of a related
    stories' or latest news' list, "- Čtyři mrtví, 27 zraněných. Co víme o neštěstí
    hradeckého autobusu v Polsku včera 18:05"."""
    words = line.split()
    return any(
        normalise_line(" ".join(words[:-n])) in anchors and reads_as_date(" ".join(words[-n:]))
        for n in range(1, min(5, len(words) - 2) + 1)
    )


def drop_link_lines(text: str, anchors: frozenset[str]) -> str:
    """The text without its lines that are runs of the page's links (``anchors``, see
    :func:`link_run`) or a link and its date (:func:`dated_link`), without the lines that
    are each a link (:func:`linked_line`) three or more in a row, or two or more list
    items in a row (a menu or a related stories' list under a heading no rule knows,
    "Seguir leyendo:"; one or two alone may be the article's), and without the heading
    over two or more of those ("Související" over a related stories' box)."""
    lines = text.splitlines()
    starts = {_first_words(anchor) for anchor in anchors}
    dropped = [_link_line(line, anchors, starts) for line in lines]
    linked = [linked_line(line, anchors) for line in lines]
    for is_linked, group in itertools.groupby(range(len(lines)), key=linked.__getitem__):
        run = list(group)
        items = all(without_list_mark(lines[i]) != lines[i] for i in run)
        if is_linked and (len(run) >= 3 or len(run) == 2 and items):
            for i in run:
                dropped[i] = True
    for i in range(1, len(lines) - 1):  # the heading of a list of two or more such lines
        if dropped[i] and dropped[i + 1] and not dropped[i - 1] and _box_heading(lines[i - 1]):
            dropped[i - 1] = True
    return "\n".join(line for line, drop in zip(lines, dropped, strict=True) if not drop)


def linked_line(line: str, anchors: frozenset[str]) -> bool:
    """Whether a line (or list item, see :func:`without_list_mark`) is the whole text of
    one of the page's links (``anchors``), alone or followed by its source in brackets
    ("- Qué se sabe del colapso (Noticias del Cono Sur)")."""
    item = without_list_mark(line)
    return any(normalise_line(form) in anchors for form in (item, _ITEM_SOURCE_RE.sub("", item)))


def _box_heading(line: str) -> bool:
    """Whether a line reads as a box's heading: four words at most and no sentence's end
    ("Související", "Read more"), or six at most ending in a colon ("Para seguir en el
    tema:")."""
    end = line.rstrip()[-1:]
    return word_count(line) <= (6 if end == ":" else 4) and end not in '.!?…"”'


def _link_line(line: str, anchors: frozenset[str], starts: set[str]) -> bool:
    """:func:`link_run` or :func:`dated_link`, tried only on a line that has a separator,
    or that ends in what may be a date and begins as a link does (most lines are
    paragraphs, which do not)."""
    if _LINK_RUN_SEPARATOR_RE.search(line) and link_run(line, anchors):
        return True
    return may_end_dated(line) and _first_words(line[:80]) in starts and dated_link(line, anchors)


def _first_words(text: str) -> str:
    """A text's first two words, normalised (:func:`normalise_line`)."""
    return " ".join(normalise_line(text).split()[:2])


def _words_only(text: str) -> str:
    return " ".join(_NON_WORD_RE.split(text.casefold())).strip()


def title_candidates(tree: lxml_html.HtmlElement, title: str) -> frozenset[str]:
    """Normalised forms of every headline the page shows: title, og/twitter title, h1."""
    found = [title]
    found += [x if isinstance(x, str) else x.text_content() for x in _HEADLINES_XPATH(tree)]
    keys = {normalise_line(str(x)) for x in found}
    keys |= {normalise_line(strip_outlet_suffix(str(x))) for x in found}
    return frozenset(k for k in keys if word_count(k) >= 2)


def drop_page_lines(
    text: str,
    titles: frozenset[str],
    urls: Sequence[str],
    outlets: Sequence[str] = (),
    faq: frozenset[str] = frozenset(),
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Drop lines the page shows outside the body: its headlines and the section label
    over one (``CRONACA``), its own URL and its outlet's name (a logo's text, as print
    views show it), and the FAQ box it declares (``faq``: see :func:`faq_lines`) with its
    heading.

    The meta description is not used: pages often repeat their first paragraph there.

    Args:
        text: Extracted text, one paragraph per line.
        titles: Normalised headline forms (see ``title_candidates``).
        urls: The page's own URLs.
        outlets: Names the page gives its outlet (site name, title segment).
        faq: Normalised lines of the page's FAQ box.

    Returns:
        The kept text and the (line, reason) pairs dropped.
    """
    url_keys = {normalise_line(u) for u in urls if u}
    outlet_keys = {normalise_line(_VIEW_QUALIFIER_RE.sub("", name)) for name in outlets if name}
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    for line in (x for x in text.splitlines() if x.strip()):
        key = normalise_line(line)
        if key in titles:
            if kept and is_kicker(kept[-1]):  # "CRONACA" over the headline
                dropped.append((kept.pop(), "kicker"))
            dropped.append((line, "title"))
        elif key in url_keys:
            dropped.append((line, "own-url"))
        elif key in outlet_keys:
            dropped.append((line, "outlet-name"))
        elif faq and (key in faq or _FAQ_HEADING_RE.match(line)):
            dropped.append((line, "faq"))
        else:
            kept.append(line)
    return "\n".join(kept), tuple(dropped)


def _union(paths: Sequence[str]) -> str | None:
    """One XPath selecting all ``paths`` at once.

    trafilatura deletes the matches of each expression in turn; separate absolute paths
    would shift after the first deletion and hit the wrong siblings.
    """
    return " | ".join(dict.fromkeys(paths)) or None


def precise_text(tree: lxml_html.HtmlElement, url: str, prune: str | None, recall: str) -> str:
    """The precision-oriented trafilatura pass, its fallback comparison run only when needed.

    The pass runs fast (without readability and justext). Only when it found less than
    ``_FALLBACK_MIN_CHARS`` or less than half the recall pass's text, the cases where that
    comparison could take over, it runs again with the comparison.

    Args:
        tree: The parsed page (trafilatura copies it).
        url: The page's URL.
        prune: XPath of the nodes to prune first, if any.
        recall: Text of the recall-oriented pass.

    Returns:
        The pass's text, "" when it found none.
    """
    options: dict[str, Any] = {
        "url": url, "include_comments": False, "favor_precision": True, "prune_xpath": prune
    }  # fmt: skip
    text = trafilatura.extract(tree, fast=True, **options) or ""
    if len(text) < max(_FALLBACK_MIN_CHARS, _FALLBACK_RATIO * len(recall)):
        text = trafilatura.extract(tree, **options) or ""
    return text


def _page_title(tree: lxml_html.HtmlElement) -> str:
    element = tree.find(".//head/title")
    return element.text_content() if element is not None else ""


def _canonical(tree: lxml_html.HtmlElement, url: str) -> str:
    """The page's canonical URL: its ``rel=canonical`` link, else its ``og:url``, else the
    fetched URL. A home or section page named canonical by a page that is not one is a
    CMS's mistake (every article of an outlet pointing at its front page) and is passed
    over."""
    for href in _CANONICAL_XPATH(tree):
        href = str(href).strip()
        if href.startswith(("http://", "https://")) and (
            not looks_like_listing(href) or looks_like_listing(url)
        ):
            return href
    return url


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_BYLINE_CUT_RE = re.compile(
    rf"\s*[·•|]|\s+\d|\s+(?:on|published|updated|posted)\b|\s+{_WEEKDAY}\b|\s+{_MONTH}\s+\d"
    rf"|^(?:{_MONTH}|{_WEEKDAY})$|\s+(?:january|february|march|april|august|september|october"
    r"|november|december)$",
    re.IGNORECASE,
)
_ROLE_WORDS = frozenset(
    "writer reporter correspondent editor contributor columnist news senior political national "
    "auto sports chief foreign business ap".split()
)


def _clean_name(part: str) -> str:
    """One author name: without "By", without a date or "Published" after it, without a
    trailing job title ("AP Auto Writer", "News reporter"); "" when nothing is left."""
    name = _BYLINE_CUT_RE.split(part.strip(), maxsplit=1)[0]
    name = re.sub(r"^(?:by|par|por|von|na)\s+", "", name.strip(), flags=re.IGNORECASE)
    words = name.split()
    if words and words[-1].casefold().strip(".") in _ROLE_WORDS - {"news", "ap"}:
        while words and words[-1].casefold().strip(".") in _ROLE_WORDS:
            words.pop()
    if not words or len(words) > 6 or any(ch.isdigit() for ch in name):
        return ""
    return " ".join(words)


def _json_ld_people(tree: lxml_html.HtmlElement) -> list[str]:
    """Names of the ``Person`` authors in the page's JSON-LD."""
    names = []
    for obj in json_ld_objects(tree):
        authors = obj.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type") == "Person":
                names.append(str(author.get("name") or ""))
    return names


def find_authors(tree: lxml_html.HtmlElement, byline: str | None) -> tuple[str, ...]:
    """Author names from trafilatura's byline, else the JSON-LD ``Person`` authors.

    Args:
        tree: The parsed page.
        byline: trafilatura's author string ("A; B"), if any.

    Returns:
        Distinct names in page order, each cleaned by ``_clean_name``.
    """
    parts = re.split(r";|,| and ", byline) if byline else _json_ld_people(tree)
    names = [_clean_name(part) for part in parts]
    return tuple(dict.fromkeys(name for name in names if name))


def _date_languages(language: str | None) -> tuple[str, ...] | None:
    """Languages to read visible dates in: the page's, and English, which pages mix in."""
    return tuple(dict.fromkeys((language, "en"))) if language else None


_PARSE_ERRORS = (ValueError, TypeError, LookupError, UnicodeError, RecursionError, etree.LxmlError)


def parse_page(html: str | bytes) -> lxml_html.HtmlElement | None:
    """Parse a page the way ``extract_article`` does, to share the tree with other steps.

    Args:
        html: Page source.

    Returns:
        The page's root element; None for empty, binary, oversized or unparsable input.
    """
    if not html or len(html) > MAX_HTML_CHARS:
        return None
    if isinstance(html, bytes) and b"<" not in html[:4096]:
        return None
    try:
        tree = load_html(html)
    except _PARSE_ERRORS as exc:
        logger.debug("unparsable page: %s", exc)
        return None
    return tree if isinstance(tree, lxml_html.HtmlElement) else None


def extract_article(
    html: str | bytes | lxml_html.HtmlElement,
    url: str,
    fetched_at: datetime,
    template_blocks: frozenset[str] = frozenset(),
) -> Article | None:
    """Extract the article of an HTML page.

    Steps:
        1. parse the page once, unless given parsed (``parse_page``; empty, binary or
           oversized input gives None); a page laid out in tables gets blocks and
           paragraphs instead (``collector.layout.relayout``, on a copy);
        2. find promo containers by their heading text ("Latest Stories", "Related",
           "Lire aussi") and hand them to trafilatura as ``prune_xpath``;
        3. run trafilatura twice without comments and without its fallback comparison
           (favouring recall, with metadata; favouring precision, compared only when it
           found little: ``precise_text``) and merge the passes (``merge_passes``); these
           lines are
           ``Article.blocks``;
        4. drop the page's own headlines and URL, then ``clean_text``: promo lines and
           lists, widget labels, prompts, repeated captions, the outlet's template blocks;
        5. the language, detected from the clean text;
        6. dates: JSON-LD, meta tags, ``<time>``, URL, htmldate via trafilatura's
           metadata, then dates shown on the page (read in the page's language and
           English; a day-precision date takes the time shown for that day); None
           when the page shows none;
        7. metadata: title without outlet suffix, authors (JSON-LD, else the byline),
           outlet, canonical URL, description, tags.

    Args:
        html: Page source, or its root element from ``parse_page``, which is left as
            it was (trafilatura works on copies) and can serve other steps after.
        url: The fetched URL.
        fetched_at: Fetch time (relative dates resolve against it).
        template_blocks: Lines learned as the outlet's template, removed from the text
            (compared after ``normalise_line``), except the page's own description.

    Returns:
        The Article, or None when the page holds no article text (fewer than
        ``MIN_WORDS`` words, or fewer than ``MIN_UNDATED_WORDS`` and no date, or fewer
        than ``_THIN_WORDS`` on a page that says it is a gallery or a video, whose URL
        does, or that is its photos' captions: see :func:`declared_media_page`,
        :func:`named_media_page` and :func:`captions_page`; or a listing's teasers or
        linked headlines: see
        :func:`teaser_list` and :func:`headline_list`). Never raises.
    """
    tree = html if isinstance(html, lxml_html.HtmlElement) else parse_page(html)
    if tree is None:
        return None
    try:
        return _extract(tree, url, fetched_at, template_blocks)
    except _PARSE_ERRORS as exc:
        logger.debug("extraction failed for %s: %s", url, exc)
        return None


def _extract(
    tree: lxml_html.HtmlElement, url: str, fetched_at: datetime, template_blocks: frozenset[str]
) -> Article | None:
    tree = relayout(tree)
    prune = _union(promo_container_paths(tree))
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        with_metadata=True,
        prune_xpath=prune,
        fast=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(document, Document) or not document.text:
        return None
    text = merge_passes(precise_text(tree, url, prune, document.text), document.text)
    text = fuller_text(text, json_ld_body(tree)) or text
    text = continued_text(tree, text) or text
    host = re.sub(r"^https?://([^/]+).*$", r"\1", url or "")
    page_title = _page_title(tree)
    body = tree.find("body")
    headline = page_headline(
        declared_headline(tree, document.title or ""),
        page_title,
        lambda: body.text_content() if body is not None else "",
    )
    title = strip_outlet_suffix(headline, document.sitename, host, page_title)
    text = embedded_text(tree, text, title) or text
    titles = title_candidates(tree, title)
    canonical = _canonical(tree, url)
    outlet = outlet_name(document.sitename, page_title, title, host)
    outlets = (outlet or "", document.sitename or "")
    kept, dropped = drop_page_lines(text, titles, (url, canonical), outlets, faq_lines(tree))
    anchors = anchor_texts(tree)
    kept = drop_link_lines(kept, anchors)
    # A block the outlet repeats elsewhere may be this page's own teaser (its description).
    templates = template_blocks - {normalise_line(document.description or "")}
    cleaned = clean_text(kept, title=title, template_blocks=templates)
    dek = standfirst(tree, cleaned.text, document.description)
    if dek is not None:  # a summary, kept as the description when the page gives none
        cleaned = replace(cleaned, text=cleaned.text.split("\n", 1)[1],
                          removed=((dek, "standfirst"), *cleaned.removed))  # fmt: skip
    words = word_count(cleaned.text)
    credits = [line for line, reason in cleaned.removed if reason == "caption"]
    if words < MIN_WORDS or captions_page(tree, cleaned.text, credits) or words < _THIN_WORDS and (
        declared_media_page(tree) or named_media_page(tree, url)
    ):  # fmt: skip
        return None  # no text, or a gallery's captions or a video's blurb
    if (
        teaser_list(cleaned.text)
        or headline_list(anchors, cleaned.text)
        or linked_teasers(tree, cleaned.text, anchors)
    ):
        return None  # a topic or section page's headlines and their teasers
    language = detect_language(cleaned.text)
    published, source = find_published(
        tree, url, fetched_at, document.date, _date_languages(language), kept
    )
    if published is None and words < MIN_UNDATED_WORDS:
        return None
    return Article(
        title=title,
        text=cleaned.text,
        published_at=published,
        date_source=source,
        modified_at=find_modified(tree, fetched_at, url),
        authors=find_authors(tree, document.author),
        outlet=outlet,
        language=language,
        canonical_url=canonical,
        description=document.description or dek or None,
        tags=tuple(dict.fromkeys([*(document.categories or []), *(document.tags or [])])),
        removed=(*dropped, *cleaned.removed),
        blocks=tuple(line for line in text.splitlines() if line.strip()),
    )
