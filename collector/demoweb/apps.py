"""Request handling for the demo web: an app per outlet and one for the search server.

An app maps a request target and headers to a :class:`Response`; the HTTP plumbing lives in
:mod:`collector.demoweb.server`.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit

from collector.demoweb import feeds, search
from collector.demoweb.content import Article, Outlet
from collector.demoweb.templates import (
    Site,
    render_amp,
    render_article,
    render_listing,
    render_static,
    slugify,
)

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
PLAIN = "text/plain; charset=utf-8"
STATIC_PAGES = {
    "/about/": "About us",
    "/contact/": "Contact",
    "/privacy/": "Privacy policy",
    "/terms/": "Terms of use",
    "/search": "Search results",
}


@dataclass(frozen=True)
class Response:
    """An HTTP answer produced by an app."""

    status: int
    body: bytes = b""
    content_type: str = PLAIN
    headers: tuple[tuple[str, str], ...] = ()


App = Callable[[str, Message], Response]


def text(status: int, body: str, content_type: str = HTML) -> Response:
    """A response with a UTF-8 encoded body."""
    return Response(status, body.encode("utf-8"), content_type)


def conditional(body: str, content_type: str, modified: datetime, headers: Message) -> Response:
    """A cacheable response with ETag and Last-Modified, or 304 when the client has it.

    Args:
        body: The document.
        content_type: Its Content-Type header.
        modified: Its last modification time.
        headers: The request headers (If-None-Match, If-Modified-Since).

    Returns:
        200 with validators, or 304 without a body.
    """
    etag = '"' + hashlib.sha1(body.encode("utf-8")).hexdigest()[:16] + '"'
    validators = (("ETag", etag), ("Last-Modified", format_datetime(modified, usegmt=True)))
    if headers.get("If-None-Match") is not None:
        fresh = etag in headers.get("If-None-Match", "")
    else:
        fresh = _not_modified_since(headers.get("If-Modified-Since"), modified)
    if fresh:
        return Response(304, b"", content_type, validators)
    return Response(200, body.encode("utf-8"), content_type, validators)


def _not_modified_since(value: str | None, modified: datetime) -> bool:
    if not value:
        return False
    try:
        return parsedate_to_datetime(value) >= modified.replace(microsecond=0)
    except (TypeError, ValueError):
        return False


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        payload = kind + data
        return struct.pack(">I", len(data)) + payload + struct.pack(">I", zlib.crc32(payload))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def article_path(outlet: Outlet, article: Article) -> str:
    """The path an outlet serves an article at, from its ``article_path`` pattern."""
    p = article.published
    return outlet.article_path.format(
        slug=article.slug,
        section=article.section,
        yyyy=f"{p:%Y}",
        mm=f"{p:%m}",
        dd=f"{p:%d}",
        id=zlib.crc32(article.slug.encode()) % 90000 + 10000,
    )


class OutletApp:
    """Answers requests for one outlet's pages, feeds and sitemaps."""

    def __init__(self, site: Site, paths: dict[str, Article]) -> None:
        self.site = site
        self.paths = paths

    def __call__(self, target: str, headers: Message) -> Response:
        site, path = self.site, urlsplit(target).path
        if path in self.paths:
            return text(200, render_article(site, self.paths[path]))
        if path == "/robots.txt":
            return text(200, feeds.robots_txt(site), PLAIN)
        if path == "/sitemap.xml":
            return conditional(feeds.sitemap_index(site), XML, feeds.newest(site), headers)
        if path == "/sitemap-news.xml":
            return conditional(feeds.news_sitemap(site), XML, feeds.newest(site), headers)
        if path == site.outlet.feed_path:
            atom = site.outlet.feed == "atom"
            body = feeds.atom_feed(site) if atom else feeds.rss_feed(site)
            kind = f"application/{'atom' if atom else 'rss'}+xml; charset=utf-8"
            return conditional(body, kind, feeds.newest(site), headers)
        return self._page(path)

    def _page(self, path: str) -> Response:
        site, o = self.site, self.site.outlet
        if path == "/":
            return text(200, render_listing(site, o.name, list(site.articles), path))
        section = path.strip("/")
        if path == f"/{section}/" and section in o.sections:
            listed = [a for a in site.articles if a.section == section]
            return text(200, render_listing(site, o.sections[section], listed, path))
        tag = re.fullmatch(r"/tag/([\w-]+)/", path)
        if tag:
            listed = [a for a in site.articles if tag.group(1) in map(slugify, a.tags)]
            if listed:
                return text(200, render_listing(site, tag.group(1), listed, path))
        amp = re.fullmatch(r"/amp/([\w-]+)", path)
        if amp and o.template == "storybody":
            found = [a for a in site.articles if a.slug == amp.group(1)]
            if found:
                return text(200, render_amp(site, found[0]))
        if path.startswith("/media/") and path.endswith(".png"):
            return Response(200, tiny_png(), "image/png")
        if path in STATIC_PAGES or path == o.private + "login":
            return text(200, render_static(site, STATIC_PAGES.get(path, "Log in"), path))
        return text(404, "<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>")


class SearchApp:
    """Answers GDELT-style artlist queries (with ``startdatetime``/``enddatetime``
    windows), news-search RSS and its redirects, and Bing-News-style RSS whose links are
    click-tracking URLs carrying the publisher URL."""

    def __init__(self, base: str, docs: list[search.Doc]) -> None:
        self.base = base
        self.docs = docs
        self.redirects = {search.opaque_id(d.url): d.url for d in docs}
        self.targets = {d.url for d in docs}

    def __call__(self, target: str, headers: Message) -> Response:
        parts = urlsplit(target)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/api/v2/doc/doc":
            return self._gdelt(params)
        if parts.path == "/rss/search" and params.get("q", "").strip():
            hits = search.search(self.docs, params["q"])
            body = search.news_rss(hits, params["q"], self.base)
            return text(200, body, XML)
        found = re.fullmatch(r"/rss/articles/([\w-]+)", parts.path)
        if found and found.group(1) in self.redirects:
            return Response(302, b"", headers=(("Location", self.redirects[found.group(1)]),))
        if parts.path == "/news/search" and params.get("q", "").strip():
            hits = search.search(self.docs, params["q"])
            return text(200, search.bing_rss(hits, params["q"], self.base), XML)
        if parts.path == "/news/apiclick.aspx" and params.get("url") in self.targets:
            return Response(302, b"", headers=(("Location", params["url"]),))
        return text(404, "Not found", PLAIN)

    def _gdelt(self, params: dict[str, str]) -> Response:
        query = params.get("query", "").strip()
        if not query:
            return text(200, "Please specify a query.", PLAIN)
        if params.get("mode", "artlist").lower() != "artlist" or params.get("format") != "json":
            return text(400, "Only mode=artlist&format=json is supported.", PLAIN)
        limit = min(int(params.get("maxrecords", "75") or 75), 250)
        hits = search.search(self.docs, query, params.get("sort", "datedesc") != "dateasc")
        start, end = params.get("startdatetime"), params.get("enddatetime")
        if start or end:
            window = search.window(start or "", end or "")
            if window is None:
                return text(200, "Invalid startdatetime or enddatetime.", PLAIN)
            hits = [d for d in hits if window[0] <= d.published < window[1]]
        return text(200, search.gdelt_json(hits, limit), "application/json; charset=utf-8")
