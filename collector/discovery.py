"""Parsers for the documents that announce articles: search answers, feeds, sitemaps.

Pure functions from a response body to :class:`Entry` objects (a URL and the text that
announced it). Malformed input gives no entries, never an exception.
"""

from __future__ import annotations

import calendar
import json
import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit, urlunsplit

import feedparser
from lxml import etree
from scrapy.utils.gz import gunzip

from collector.urls import canonicalize_url

# The Google News edition (hl, gl, ceid) a story in a language is searched in, where a
# provider's template asks for ``{hl}``, ``{gl}`` and ``{ceid}``; a language without an
# edition of its own gets the US English one.
NEWS_EDITIONS: Mapping[str, tuple[str, str, str]] = {
    "en": ("en-US", "US", "US:en"), "de": ("de", "DE", "DE:de"), "fr": ("fr", "FR", "FR:fr"),
    "es": ("es", "ES", "ES:es"), "pt": ("pt-BR", "BR", "BR:pt-419"), "it": ("it", "IT", "IT:it"),
    "nl": ("nl", "NL", "NL:nl"), "pl": ("pl", "PL", "PL:pl"), "cs": ("cs", "CZ", "CZ:cs"),
    "sk": ("sk", "SK", "SK:sk"), "sl": ("sl", "SI", "SI:sl"), "hu": ("hu", "HU", "HU:hu"),
    "ro": ("ro", "RO", "RO:ro"), "bg": ("bg", "BG", "BG:bg"), "sr": ("sr", "RS", "RS:sr"),
    "el": ("el", "GR", "GR:el"), "tr": ("tr", "TR", "TR:tr"), "ru": ("ru", "RU", "RU:ru"),
    "uk": ("uk", "UA", "UA:uk"), "lv": ("lv", "LV", "LV:lv"), "lt": ("lt", "LT", "LT:lt"),
    "sv": ("sv", "SE", "SE:sv"), "no": ("no", "NO", "NO:no"), "nb": ("no", "NO", "NO:no"),
    "nn": ("no", "NO", "NO:no"), "he": ("he", "IL", "IL:he"), "ar": ("ar", "EG", "EG:ar"),
    "hi": ("hi", "IN", "IN:hi"), "bn": ("bn", "BD", "BD:bn"), "ta": ("ta", "IN", "IN:ta"),
    "te": ("te", "IN", "IN:te"), "mr": ("mr", "IN", "IN:mr"), "ml": ("ml", "IN", "IN:ml"),
    "id": ("id", "ID", "ID:id"), "ms": ("ms", "MY", "MY:ms"), "vi": ("vi", "VN", "VN:vi"),
    "th": ("th", "TH", "TH:th"), "ja": ("ja", "JP", "JP:ja"), "ko": ("ko", "KR", "KR:ko"),
    "zh": ("zh-CN", "CN", "CN:zh-Hans"),
}  # fmt: skip


def search_url(template: str, query: str, language: str) -> str:
    """A search provider's URL for a query: the template's ``{query}`` the query,
    URL-encoded, and its ``{hl}``, ``{gl}`` and ``{ceid}`` the Google News edition of the
    story's ``language`` (see ``NEWS_EDITIONS``).

    Raises:
        KeyError: the template names another placeholder ("{lang}").
        IndexError: it holds a positional one ("{0}").
        ValueError: it holds a stray brace.
    """
    hl, gl, ceid = NEWS_EDITIONS.get(language, NEWS_EDITIONS["en"])
    return template.format(query=quote_plus(query), hl=hl, gl=gl, ceid=ceid)


@dataclass(frozen=True)
class Entry:
    """A URL announced by a search provider, a feed or a sitemap."""

    url: str
    title: str = ""
    summary: str = ""
    source: str = ""  # the publisher's home URL, when a search provider names it
    updated: datetime | None = None  # UTC: a feed's or sitemap's last change of the page
    # When the feed or news sitemap says the page appeared, in the offset it gives (see
    # :func:`collector.dates.announced_time`); UTC when it gives none. GDELT's: when it
    # first saw the page.
    published: datetime | None = None


class ProviderError(ValueError):
    """A search provider answered something that is not its documented format.

    ``rate_limited`` is set when the answer asks to slow down (worth retrying later).
    """

    def __init__(self, message: str, rate_limited: bool = False) -> None:
        super().__init__(message)
        self.rate_limited = rate_limited


GDELT_MAX_RECORDS = 250
GDELT_DEFAULT_RECORDS = 75
# Without a window GDELT DOC searches the last three months.
GDELT_DEFAULT_SPAN = timedelta(days=90)
_GDELT_TIME = "%Y%m%d%H%M%S"
_SPAN = re.compile(r"(\d+)\s*(min|minutes?|h|hours?|d|days?|w|weeks?|m|months?)$", re.I)
_SPAN_UNIT = {"mi": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1),
              "w": timedelta(weeks=1), "m": timedelta(days=30)}  # fmt: skip
_RATE_LIMIT = re.compile(r"limit requests|rate limit|too many requests", re.I)


def parse_gdelt(body: bytes) -> list[Entry]:
    """Parse a GDELT DOC 2.0 ``mode=artlist&format=json`` answer.

    ``{}`` means no match. GDELT answers a bad query with HTTP 200 and an HTML or text
    error message, which raises :class:`ProviderError` with the message's start.
    """
    try:
        data = json.loads(body.decode("utf-8", "replace"))
    except ValueError as exc:
        snippet = " ".join(body[:120].decode("utf-8", "replace").split())
        raise ProviderError(f"not JSON: {snippet!r}", bool(_RATE_LIMIT.search(snippet))) from exc
    if not isinstance(data, dict):
        raise ProviderError("JSON answer is not an object")
    articles = data.get("articles") or []
    return [
        Entry(str(a["url"]), str(a.get("title") or ""), published=_seen_time(a.get("seendate")))
        for a in articles
        if isinstance(a, dict) and isinstance(a.get("url"), str)
    ]


def _seen_time(value: object) -> datetime | None:
    """When GDELT first saw an article ("20250407T101500Z", UTC): minutes to hours after it
    appeared, so it makes a page's date known only to the day (or relative) precise, the
    way a feed's time does, but never dates a page that shows none."""
    try:
        return datetime.strptime(str(value), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_feed(body: bytes) -> list[Entry]:
    """Parse an RSS or Atom feed (also search providers' RSS answers).

    Google News appends " - Outlet" to titles; the suffix stays (it scores nothing).
    """
    parsed = feedparser.parse(body)
    entries = []
    for item in parsed.entries:
        link = unwrap_link(item.get("link") or "")
        if not link.startswith(("http://", "https://")):
            continue
        title, source = item.get("title", ""), item.get("source") or {}
        suffix = f" - {source.get('title', '')}"
        if source.get("title") and title.endswith(suffix):
            title = title[: -len(suffix)]
        published = _with_given_offset(_feed_time(item, ("published_parsed",)), item)
        entries.append(Entry(link, title, _text(item.get("summary", "")), source.get("href", ""),
                             _feed_time(item), published))  # fmt: skip
    return entries


def _feed_time(
    item: feedparser.FeedParserDict, keys: tuple[str, ...] = ("published_parsed", "updated_parsed")
) -> datetime | None:
    """The latest of an entry's ``keys`` times, published and updated by default
    (feedparser gives them in UTC)."""
    present = item.keys()  # not item.get: feedparser maps a missing updated to published
    times = [item[key] for key in keys if key in present]
    found = [datetime.fromtimestamp(calendar.timegm(t), UTC) for t in times if t]
    return max(found, default=None)


def _with_given_offset(
    published: datetime | None, item: feedparser.FeedParserDict
) -> datetime | None:
    """A feed entry's publication time in the offset its feed wrote ("Mon, 14 Jul 2025
    19:05:00 +0800"), which feedparser's reading loses; as read when the text gives none
    or another instant."""
    raw = item["published"] if "published" in item.keys() else ""
    given: datetime | None
    try:
        given = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        given = _iso_time(raw, keep_offset=True)
    if published is None or given is None or given.tzinfo is None or given != published:
        return published
    return given


def unwrap_link(url: str) -> str:
    """The publisher URL inside a click-tracking link, else the link itself.

    Bing News RSS links are ``bing.com/news/apiclick.aspx?...&url=<publisher URL>&...``:
    the target is read from the ``url`` parameter, no request needed. Opaque redirects
    (Google News ``/rss/articles/...``) cannot be decoded and are followed when fetched.
    """
    parts = urlsplit(url)
    if not parts.query or "click" not in parts.path.lower():
        return url
    for name, value in parse_qsl(parts.query):
        if name.lower() in ("url", "u") and value.startswith(("http://", "https://")):
            return value
    return url


def gdelt_limit(url: str) -> int:
    """How many articles a GDELT DOC call can return: its ``maxrecords``, at most 250."""
    value = _params(url).get("maxrecords", "")
    count = int(value) if value.isdigit() else GDELT_DEFAULT_RECORDS
    return max(1, min(count, GDELT_MAX_RECORDS))


def gdelt_window(url: str, now: datetime) -> tuple[datetime, datetime]:
    """The time window a GDELT DOC call searches (naive UTC).

    From ``startdatetime``/``enddatetime``, else ``timespan`` before ``now``, else the last
    three months (GDELT's default).
    """
    params = _params(url)
    end = _gdelt_time(params.get("enddatetime", "")) or now
    start = _gdelt_time(params.get("startdatetime", ""))
    if start is None:
        start = end - (_span(params.get("timespan", "")) or GDELT_DEFAULT_SPAN)
    return start, end


def _span(value: str) -> timedelta | None:
    found = _SPAN.match(value.strip())
    if not found:
        return None
    unit = found[2].lower()
    return int(found[1]) * _SPAN_UNIT["mi" if unit.startswith("mi") else unit[0]]


def split_gdelt(url: str, now: datetime, min_span: timedelta = timedelta(hours=1)) -> list[str]:
    """Two GDELT DOC calls covering the two halves of a call's time window.

    GDELT returns at most 250 articles per call; a call that comes back full is split so
    the older matches are reached too. Nothing is split below ``min_span``.
    """
    start, end = gdelt_window(url, now)
    if end - start < 2 * min_span:
        return []
    middle = start + (end - start) / 2
    return [_with_window(url, start, middle), _with_window(url, middle, end)]


def _with_window(url: str, start: datetime, end: datetime) -> str:
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in ("startdatetime", "enddatetime", "timespan")]  # fmt: skip
    kept += [("startdatetime", start.strftime(_GDELT_TIME)),
             ("enddatetime", end.strftime(_GDELT_TIME))]  # fmt: skip
    return urlunsplit(parts._replace(query=urlencode(kept)))


def _params(url: str) -> dict[str, str]:
    return {k.lower(): v for k, v in parse_qsl(urlsplit(url).query)}


def _gdelt_time(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, _GDELT_TIME) if value else None
    except ValueError:
        return None


def _text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    try:
        return " ".join(etree.fromstring(f"<x>{fragment}</x>", etree.HTMLParser()).itertext())
    except (etree.ParserError, ValueError):
        return ""


def parse_sitemap(body: bytes, max_size: int = 0) -> tuple[list[str], list[Entry]]:
    """Parse a sitemap or sitemap index, gzipped or not (``sitemap.xml.gz`` is served as a
    gzip file, not with a gzip content encoding).

    Args:
        body: The response body.
        max_size: Bytes a gzipped sitemap may take once decompressed (0: no limit); one
            that would take more, or is not gzip after all, gives nothing.

    Returns:
        The child sitemaps of an index, and the page entries of a urlset (with the
        ``news:title`` of Google News sitemaps as the entry title).
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=max_size)
        except (OSError, EOFError, struct.error, ValueError):  # corrupt, or over max_size
            return [], []
    try:
        root = etree.fromstring(body, etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    children: list[str] = []
    entries: list[Entry] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        if etree.QName(node).localname == "sitemap":
            children.append(loc)
        else:
            modified = _iso_time(_child_text(node, "lastmod"))
            published = _iso_time(_child_text(node, "publication_date", deep=True), True)
            title = _child_text(node, "title", deep=True)
            entries.append(Entry(loc, title, updated=modified, published=published))
    return children, entries


def _iso_time(value: str, keep_offset: bool = False) -> datetime | None:
    """A sitemap's W3C datetime ("2026-12-07", "2026-12-07T09:30:00+01:00") in UTC, or in
    the offset it gives (``keep_offset``; UTC when it gives none)."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    parsed = parsed.replace(tzinfo=parsed.tzinfo or UTC)
    return parsed if keep_offset else parsed.astimezone(UTC)


def _child_text(node: etree._Element, name: str, deep: bool = False) -> str:
    for child in node.iter() if deep else node:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return (child.text or "").strip()
    return ""


def dedupe(entries: list[Entry]) -> list[Entry]:
    """Keep the first entry per canonical URL."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        seen.setdefault(canonicalize_url(entry.url), entry)
    return list(seen.values())
