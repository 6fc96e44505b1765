"""Leads: search queries from the seeds, and which links are worth fetching.

Pure functions. A lead is a URL with the text that announced it (a search hit's title, a
feed entry, a link's anchor and the words around it); it is scored against the topic
profile before it is fetched, and URLs that cannot be articles or that look like crawler
traps are refused with a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from posixpath import splitext
from urllib.parse import unquote, urlsplit

from courlan import is_navigation_page, is_not_crawlable
from scrapy.linkextractors import IGNORED_EXTENSIONS

from collector.relevance import TopicProfile, specificity, terms

_URL_WORDS = re.compile(r"[^\W\d_]{2,}")
_CALENDAR = re.compile(r"/(19|20)\d\d/\d{1,2}(/\d{1,2})?/?$|[?&](date|month|year|day)=", re.I)
_PAGINATION = re.compile(r"[?&](page|p|start|offset)=\d+|/page/\d+", re.I)
_SESSION = re.compile(r"[?&;](sid|sessionid|phpsessid|jsessionid|session_id)=", re.I)
_SKIP_EXTENSIONS = frozenset(f".{e}" for e in IGNORED_EXTENSIONS) | {".xml", ".rss", ".json"}
MAX_PATH_SEGMENTS = 8


def build_queries(
    headlines: Sequence[str], profile: TopicProfile, per_headline: int = 2
) -> list[str]:
    """Build deduplicated search queries from seed headlines and the profile.

    Each headline gives a query of its four most specific words and, when
    ``per_headline`` allows, a broader one of its three; one query joins
    the profile's three heaviest single words.
    """
    queries: list[str] = []
    for headline in headlines:
        ranked = _ranked_words(headline, profile)
        for size in (4, 3)[:per_headline]:
            if len(ranked) >= 2:
                queries.append(" ".join(ranked[:size]))
    core = [t for t, _ in profile.top_terms(40) if " " not in t][:3]
    if core:
        queries.append(" ".join(core))
    return list(dict.fromkeys(q for q in queries if q))


def _ranked_words(headline: str, profile: TopicProfile) -> list[str]:
    counts = Counter(t for t in terms(headline) if " " not in t)
    weight = {t: profile.weights.get(t, 0.0) + specificity(t) for t in counts}
    return sorted(weight, key=lambda t: -weight[t])


def url_words(url: str) -> str:
    """The words of a URL's path (slugs carry the headline on most news sites)."""
    return " ".join(_URL_WORDS.findall(unquote(urlsplit(url).path).replace("-", " ")))


def score_lead(profile: TopicProfile, url: str, texts: Iterable[str] = ()) -> float:
    """Score a lead from the text that announced it and its URL's words, 0..1."""
    announced = " ".join(t for t in texts if t)
    return profile.coverage(f"{announced} {url_words(url)}")


def refuse_reason(url: str, max_segments: int = MAX_PATH_SEGMENTS) -> str | None:
    """Tell why a URL is not worth fetching as an article, or None if it may be one.

    Reasons: ``scheme``, ``non-article`` (files, feeds), ``navigation`` (tags, categories,
    login, share), ``trap`` (calendars, pagination, session ids, repeated or ever-deeper
    path segments).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "scheme"
    path = parts.path.lower()
    if splitext(path)[1] in _SKIP_EXTENSIONS:
        return "non-article"
    segments = [s for s in path.split("/") if s]
    if (
        len(segments) > max_segments
        or len(segments) - len(set(segments)) >= 2
        or _CALENDAR.search(url)
        or _PAGINATION.search(url)
        or _SESSION.search(url)
    ):
        return "trap"
    if not segments or is_navigation_page(url) or is_not_crawlable(url):
        return "navigation"
    return None
