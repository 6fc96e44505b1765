"""Articles split over several pages: which link leads to an article's next page.

A paginated article names its next page with ``rel="next"`` (``<link>`` in the head, or
``<a>`` in the body). The same attribute on other pages points at the next listing page or
the outlet's next story, so a target counts as the article's next page only when it is the
article's own URL with a page number added: ``?page=2`` (or any other parameter added, as
``?strona=2``), ``/2``, ``/page/2``, ``/seite-2``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from urllib.parse import parse_qsl, urljoin, urlsplit

__all__ = ["continues", "join_html", "linked_next_page", "next_page_url", "split_html"]

_REL_NEXT_RE = re.compile(r"<(?:link|a)\b[^>]*\brel\s*=\s*[\"']?next\b[^>]*>", re.IGNORECASE)
_HREF_RE = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_PAGE_SUFFIX_RE = re.compile(r"[/-](?:page|seite|pagina|pag|p)?[/-]?\d{1,2}$", re.IGNORECASE)
_PAGE_PARAMS = frozenset({"page", "pg", "pagina", "seite", "p"})
# A page number after an article's last path segment in a link: "?strana=2", "/?selida=2",
# "/2".
_PAGE_LINK_RE = re.compile(r"(?:/?[?&;][\w-]{1,20}=\d{1,2}|[/-]\d{1,2}/?)(?=[\"'\s>#&])")
# "Next" in a page list's link: an arrow, or the word in English, French, German, Spanish,
# Portuguese, Italian, Dutch, the Nordic languages, Finnish, Polish, Czech, Serbian,
# Croatian and Bosnian (both scripts), Bulgarian, Russian, Greek, Turkish and Indonesian.
_NEXT_RE = re.compile(
    r"[»›→>]|\bnext\b|suivante|siguiente|próxima|seguinte|successiva|nächste|volgende|nästa"
    r"|neste|næste|seuraava|następna|další|sledeć|sljedeć|следећ|следващ|следующ|sonraki"
    r"|επ[οό]μενη|berikutnya",
    re.IGNORECASE,
)
_MAX_PAGE = 50
# Between the pages of one article in the stored raw page: the next page's URL.
_PAGE_MARK = "\n<!--collector:next-page {url}-->\n"
_PAGE_MARK_RE = re.compile(r"\n<!--collector:next-page (\S+)-->\n")


def next_page_url(page: str, url: str, first: str | None = None) -> str | None:
    """The absolute URL of the next page of the article at ``url``, or None.

    ``first`` is the article's first page when ``page`` is a later one: the next page
    continues it (a page number added to its URL), not necessarily ``url``.

    A string search comes first: most pages have no ``rel="next"`` at all, and this runs
    on every page the crawl fetches.
    """
    if "next" in page and re.search(r"rel\s*=\s*[\"']?next\b", page, re.IGNORECASE):
        for tag in _REL_NEXT_RE.findall(page):
            href = _HREF_RE.search(tag)
            if not href:
                continue
            target = urljoin(url, html.unescape(next(v for v in href.groups() if v is not None)))
            if continues(first or url, target) and target.split("#")[0] != url.split("#")[0]:
                return target.split("#")[0]
    return linked_next_page(page, url, first)


def linked_next_page(page: str, url: str, first: str | None = None) -> str | None:
    """The next page of the article at ``url`` named by a link of its page list, for a
    page without ``rel="next"``: a link to the article's own URL with a page number added
    ("1 | 2 | Следећа страна »"), whose text is that number or says "next" (an arrow, or
    the word in one of ``_NEXT_RE``'s languages); the lowest such page after this one.

    Only the links whose URL holds the article's last path segment followed by a page
    number are looked at, found by a plain search for that segment (0.04 ms a page of the
    extraction benchmark, 156 KB on average).
    """
    base = first or url
    tail = urlsplit(base).path.rstrip("/").rsplit("/", 1)[-1]
    if len(tail) < 4:
        return None
    best: tuple[int, str] | None = None
    for match in _page_links(page, tail):
        start = page.rfind("<a", 0, match.start())
        end = page.find(">", match.end())
        close = page.find("</a>", end)
        if start < 0 or page.find(">", start, match.start()) >= 0 or not 0 <= end < close:
            continue
        href = _HREF_RE.search(page, start, end + 1)
        text = html.unescape(re.sub(r"<[^>]*>", "", page[end + 1 : close])).strip()
        if href is None or close - end > 200:
            continue
        target = urljoin(url, html.unescape(next(v for v in href.groups() if v is not None)))
        target = target.split("#")[0]
        number = int(re.findall(r"\d+", target)[-1])
        if (
            (text == str(number) or _NEXT_RE.search(text))
            and target != url.split("#")[0]
            and continues(base, target)
            and (best is None or number < best[0])
        ):
            best = (number, target)
    return best[1] if best else None


def continues(url: str, target: str) -> bool:
    """Whether ``target`` is a later page of the article at ``url`` (itself a page of it):
    same host, and the same path and query but for a page number."""
    a, b = urlsplit(url), urlsplit(target)
    if a.netloc.lower() != b.netloc.lower() or b.scheme not in ("http", "https"):
        return False
    path, other = a.path.rstrip("/"), b.path.rstrip("/")
    if path == other:
        return _later_in_query(a.query, b.query)
    if _without_page(a.query) != _without_page(b.query):
        return False
    base = _PAGE_SUFFIX_RE.sub("", path)
    rest = other[len(base) :]
    if not base or not other.startswith(base) or not _PAGE_SUFFIX_RE.fullmatch(rest):
        return False
    return _trailing_number(rest) > max(_trailing_number(path[len(base) :]), 1)


def _page_links(page: str, tail: str) -> Iterator[re.Match[str]]:
    """Where ``tail`` is followed by a page number in ``page``: the number's match."""
    at = page.find(tail)
    while at >= 0:
        if match := _PAGE_LINK_RE.match(page, at + len(tail)):
            yield match
        at = page.find(tail, at + len(tail))


def _trailing_number(suffix: str) -> int:
    digits = re.search(r"\d+$", suffix)
    return int(digits.group()) if digits else 0


def _later_in_query(query: str, other: str) -> bool:
    """Whether ``other`` is ``query`` with one parameter added as a page number from 2
    (``strona=2``, whatever its name), or a page parameter's number raised (``page=3``
    after ``page=2``; not ``id=6`` after ``id=5``, the outlet's next story)."""
    before, after = dict(parse_qsl(query)), dict(parse_qsl(other))
    changed = [k for k in before.keys() | after.keys() if before.get(k) != after.get(k)]
    if len(changed) != 1 or not after.get(changed[0], "").isdigit():
        return False
    key, number = changed[0], int(after[changed[0]])
    if not 1 < number <= _MAX_PAGE:
        return False
    if key not in before:
        return True
    return key.lower() in _PAGE_PARAMS and before[key].isdigit() and number > int(before[key])


def _without_page(query: str) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in parse_qsl(query) if k.lower() not in _PAGE_PARAMS)


def join_html(first: str, more: Sequence[tuple[str, str]]) -> str:
    """The raw pages of one article as one text to store: the first page, then each later
    ``(url, html)`` after a comment that names its URL (see :func:`split_html`)."""
    return first + "".join(_PAGE_MARK.format(url=url.replace("-->", "")) + page
                           for url, page in more)  # fmt: skip


def split_html(stored: str) -> tuple[str, list[tuple[str, str]]]:
    """The first page and the later ``(url, html)`` pages of a stored raw page."""
    parts = _PAGE_MARK_RE.split(stored)
    return parts[0], list(zip(parts[1::2], parts[2::2], strict=True))
