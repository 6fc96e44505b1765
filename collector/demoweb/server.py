"""Serves the demo web on loopback: one threaded HTTP server per outlet plus a search server.

Example:
    >>> from collector.demoweb import DemoWeb
    >>> with DemoWeb() as web:
    ...     len(web.outlets) >= 5
    True
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from collector.demoweb import search
from collector.demoweb.apps import App, OutletApp, SearchApp, article_path
from collector.demoweb.content import Article, Outlet, load_articles, load_outlets
from collector.demoweb.templates import Site
from collector.demoweb.truth import Truth, build_truth

logger = logging.getLogger(__name__)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        response = self.server.app(self.path, self.headers)
        self.server.log.append((self.server.base, self.path, response.status))
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
    base: str
    log: list[tuple[str, str, int]]


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
        bing_template: A Bing-News-RSS-style search URL template (format ``rss``).
        requests: Every request served, as ``(base URL, request target, status)``.
    """

    def __init__(self, host: str = "127.0.0.1", base_port: int = 0) -> None:
        self.host = host
        self.base_port = base_port
        self.outlets: dict[str, str] = {}
        self.search_templates: dict[str, str] = {}
        self.bing_template = ""
        self.requests: list[tuple[str, str, int]] = []
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
        outlets, articles = self.content()
        ports = [self.base_port + i if self.base_port else 0 for i in range(len(outlets) + 1)]
        self._servers = _bind(self.host, ports)
        for server in self._servers:
            server.base, server.log = self._base(server), self.requests
        bases = {o.key: self._base(s) for o, s in zip(outlets, self._servers, strict=False)}
        search_base = self._base(self._servers[-1])
        by_outlet = {o.key: [a for a in articles if a.outlet == o.key] for o in outlets}
        outlet_of = {a.slug: next(o for o in outlets if o.key == a.outlet) for a in articles}
        urls = {a.slug: bases[a.outlet] + article_path(outlet_of[a.slug], a) for a in articles}

        docs = []
        for outlet, server in zip(outlets, self._servers, strict=False):
            site = Site(outlet, bases[outlet.key], tuple(by_outlet[outlet.key]), urls.__getitem__)
            server.app = self.outlet_app(site, {article_path(outlet, a): a for a in site.articles})
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
            "rss": search_base + "/rss/search?q={query}&hl={hl}&gl={gl}&ceid={ceid}",
        }
        self.bing_template = search_base + "/news/search?q={query}&format=rss"
        self._truth = build_truth(outlets, by_outlet, bases, urls.__getitem__)
        for server in self._servers:
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        logger.info("demo web serving %d outlets, search at %s", len(outlets), search_base)
        return self

    def content(self) -> tuple[list[Outlet], list[Article]]:
        """The outlets and articles to serve (a generated web overrides this)."""
        return load_outlets(), load_articles()

    def outlet_app(self, site: Site, paths: dict[str, Article]) -> App:
        """The app answering one outlet's requests (a generated web overrides this)."""
        return OutletApp(site, paths)

    def stop(self) -> None:
        """Stops and closes every server, all at once: each takes up to its poll interval
        to notice, so one after the other seven took 0.3 s."""
        stopping = [threading.Thread(target=server.shutdown) for server in self._servers]
        for thread in stopping:
            thread.start()
        for thread in stopping:
            thread.join()
        for server in self._servers:
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
