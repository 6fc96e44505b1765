"""Serves the demo web on loopback: one threaded HTTP server per outlet plus a search server.

Example:
    >>> from collector.demoweb import DemoWeb
    >>> with DemoWeb() as web:
    ...     len(web.outlets) >= 5
    True
"""

from __future__ import annotations

import hashlib
import logging
import re
import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from collector.demoweb import feeds, search
from collector.demoweb.content import Article, Outlet, load_articles, load_outlets
from collector.demoweb.templates import (
    Site,
    render_amp,
    render_article,
    render_listing,
    render_static,
    slugify,
)
from collector.demoweb.truth import Truth, build_truth

logger = logging.getLogger(__name__)

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
    """Answers GDELT-style artlist queries, news-search RSS and its redirects."""

    def __init__(self, base: str, docs: list[search.Doc]) -> None:
        self.base = base
        self.docs = docs
        self.redirects = {search.opaque_id(d.url): d.url for d in docs}

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
        return text(404, "Not found", PLAIN)

    def _gdelt(self, params: dict[str, str]) -> Response:
        query = params.get("query", "").strip()
        if not query:
            return text(200, "Please specify a query.", PLAIN)
        if params.get("mode", "artlist").lower() != "artlist" or params.get("format") != "json":
            return text(400, "Only mode=artlist&format=json is supported.", PLAIN)
        limit = min(int(params.get("maxrecords", "75") or 75), 250)
        hits = search.search(self.docs, query, params.get("sort", "datedesc") != "dateasc")
        return text(200, search.gdelt_json(hits, limit), "application/json; charset=utf-8")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        response = self.server.app(self.path, self.headers)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        logger.debug("%s " + format, self.server.server_address, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    app: App


class DemoWeb:
    """The offline demo news web: outlets and a search server on loopback.

    Args:
        host: Interface to listen on.
        base_port: 0 for ephemeral ports; otherwise outlet i listens on ``base_port + i``
            and the search server on ``base_port + len(outlets)``.

    Attributes:
        outlets: Outlet name -> base URL (available after :meth:`start`).
        search_templates: ``{"gdelt": ..., "rss": ...}`` URL templates with ``{query}``.
        truth: The :class:`Truth` for the running servers.
    """

    def __init__(self, host: str = "127.0.0.1", base_port: int = 0) -> None:
        self.host = host
        self.base_port = base_port
        self.outlets: dict[str, str] = {}
        self.search_templates: dict[str, str] = {}
        self._servers: list[_Server] = []
        self._truth: Truth | None = None

    @property
    def truth(self) -> Truth:
        """Ground truth of the running demo web."""
        if self._truth is None:
            raise RuntimeError("DemoWeb is not started")
        return self._truth

    def start(self) -> DemoWeb:
        """Binds every server, builds the pages' URLs and starts serving in daemon threads."""
        outlets, articles = load_outlets(), load_articles()
        ports = [self.base_port + i if self.base_port else 0 for i in range(len(outlets) + 1)]
        self._servers = _bind(self.host, ports)
        bases = {o.key: self._base(s) for o, s in zip(outlets, self._servers, strict=False)}
        search_base = self._base(self._servers[-1])
        by_outlet = {o.key: [a for a in articles if a.outlet == o.key] for o in outlets}
        outlet_of = {a.slug: next(o for o in outlets if o.key == a.outlet) for a in articles}
        urls = {a.slug: bases[a.outlet] + article_path(outlet_of[a.slug], a) for a in articles}

        docs = []
        for outlet, server in zip(outlets, self._servers, strict=False):
            site = Site(outlet, bases[outlet.key], tuple(by_outlet[outlet.key]), urls.__getitem__)
            server.app = OutletApp(site, {article_path(outlet, a): a for a in site.articles})
            docs += [
                _doc(a, urls[a.slug], outlet, bases[outlet.key])
                for a in site.articles
                if a.searchable
            ]
        self._servers[-1].app = SearchApp(search_base, docs)

        self.outlets = {o.name: bases[o.key] for o in outlets}
        self.search_templates = {
            "gdelt": search_base + "/api/v2/doc/doc?query={query}&mode=artlist&format=json"
            "&maxrecords=250&sort=datedesc",
            "rss": search_base + "/rss/search?q={query}&hl=en-US&gl=US&ceid=US:en",
        }
        self._truth = build_truth(outlets, by_outlet, bases, urls.__getitem__)
        for server in self._servers:
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        logger.info("demo web serving %d outlets, search at %s", len(outlets), search_base)
        return self

    def stop(self) -> None:
        """Stops and closes every server."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers = []

    def __enter__(self) -> DemoWeb:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _base(self, server: _Server) -> str:
        return f"http://{self.host}:{server.server_address[1]}"


def _bind(host: str, ports: list[int]) -> list[_Server]:
    """Binds one server per port, closing those already bound if one port is taken."""
    servers: list[_Server] = []
    try:
        for port in ports:
            servers.append(_Server((host, port), _Handler))
    except OSError:
        for server in servers:
            server.server_close()
        raise
    return servers


def _doc(article: Article, url: str, outlet: Outlet, base: str) -> search.Doc:
    return search.Doc(
        url=url,
        title=article.title,
        text="\n".join(article.paragraphs),
        published=article.published,
        outlet=outlet.name,
        outlet_url=base,
        language=outlet.language,
        country=outlet.country,
    )
