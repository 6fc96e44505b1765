"""A hostile web on loopback: every way a page, a server or a link can go wrong.

Three servers: the main outlet on 127.0.0.1 (a news-search RSS endpoint listing every case,
good articles, broken ones, misbehaving servers, traps and links to private addresses), an
outlet on 127.0.0.2 whose robots.txt asks for a crawl delay, and one whose robots.txt
cannot be loaded (the connection is reset). Good articles are the demo web's relevant
stories, so the real seeds find them relevant. Every request is logged with its arrival
time; :attr:`HostileWeb.cases` maps each case to its URL and :attr:`HostileWeb.good` lists
the articles a crawl must store.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from collector.demoweb.content import Article, load_articles, plain_text

RETRY_AFTER = 2  # seconds the busy pages ask for
CRAWL_DELAY = 1  # seconds the delayed outlet's robots.txt asks for
SLOW_ANSWER = 0.5  # seconds the delayed outlet takes to answer for an article
HUGE_BYTES = 3 * 1024 * 1024  # served to a crawl whose DOWNLOAD_MAXSIZE is below this
BOMB_BYTES = 64 * 1024 * 1024  # a gzip bomb: 64 MB of zeros in about 64 KB
HTML = "text/html; charset=utf-8"

# Good pages: case -> the demo article served there.
GOOD_MAIN = {
    "plain": "un-renews-haiti-mission-wire",
    "malformed": "ruto-tours-haiti-base-gangs",
    "cp1252-as-utf8": "haiti-mission-deployment-numbers-september",
    "latin1-undeclared": "haitian-national-police-attrition",
    "flaky-500": "haiti-mission-trust-fund-shortfall",
    "busy-429": "haiti-mission-equipment-shortages",
    "busy-503": "haiti-deployment-court-challenge",
    "after-redirects": "second-kenyan-contingent-awaits-flights",
    "hub": "us-pushes-un-peacekeeping-haiti",
}
PAGES = 3  # the paginated article's pages
# Two stories of the seeds' that the demo web does not hold, served over several pages.
PAGINATED = {
    "paginated": Article(
        slug="paginated",
        outlet="hostile",
        title="Kenyan police in Haiti open a base in Cap-Haïtien",
        published=datetime(2024, 10, 30, 9, 0, tzinfo=UTC),
        section="news",
        relevant=True,
        language="en",
        searchable=True,
        body=(
            "Kenyan police officers serving with the multinational mission in Haiti opened "
            "their first base outside Port-au-Prince on Tuesday, in the northern city of "
            "Cap-Haïtien, the mission's commander said.",
            "The base will house 120 Kenyan officers and about 80 members of the Haitian "
            "National Police, who will patrol the coastal road where gangs have set up "
            "checkpoints to extort drivers and traders.",
            "Residents of Cap-Haïtien lined the main street as the convoy of armoured "
            "vehicles arrived from the capital, many of them waving Haitian and Kenyan flags.",
            "The mission's commander, Godfrey Otunge, told reporters that the gangs had to "
            "understand that the police would no longer leave any part of Haiti to them.",
            "Human rights groups welcomed the deployment but asked the mission to publish "
            "how its officers would handle arrests and complaints in the north.",
            "Kenya has sent about 400 police officers to Haiti since June, and President "
            "William Ruto has promised that 600 more will follow before the end of the year.",
        ),
    ),
    "paginated-broken": Article(
        slug="paginated-broken",
        outlet="hostile",
        title="Haiti's gangs block fuel trucks as Kenyan police patrol the port road",
        published=datetime(2024, 11, 2, 16, 0, tzinfo=UTC),
        section="news",
        relevant=True,
        language="en",
        searchable=True,
        body=(
            "Gangs blocked fuel trucks leaving the main terminal of Port-au-Prince on Friday, "
            "hours after Kenyan police officers of the multinational mission began patrolling "
            "the road between the port and the city centre.",
            "Drivers said armed men had stopped at least a dozen trucks near the Varreux "
            "terminal and demanded payment before letting them through towards the capital.",
            "The Kenyan-led mission said its officers and the Haitian National Police had "
            "cleared two barricades and escorted a first convoy of tankers to the hospitals.",
            "Fuel shortages have closed schools and clinics across Port-au-Prince, and the "
            "price of gasoline on the black market has doubled in a week, traders said.",
            "The mission's spokesman said more Kenyan officers would join the patrols once "
            "the next contingent arrives in Haiti from Nairobi later this month.",
            "Haiti's transitional council asked the United Nations for more funding for the "
            "mission, which has received less than a third of what its backers promised.",
        ),
    ),
}
GOOD_DELAYED = {"delayed-1": "ruto-600-officers-conille-nairobi",
                "delayed-2": "pont-sonde-massacre-artibonite-response"}  # fmt: skip
GOOD_NO_ROBOTS = {"no-robots": "haiti-mission-complaints-mechanism"}
LATIN1_SENTENCE = "Le Nouvelliste reported the first patrols in Pétion-Ville and Cité Soleil."
CP1252_SENTENCE = "\u201cWe are here to stay,\u201d the commander said \u2013 twice."


@dataclass(frozen=True)
class Hit:
    """One request the hostile web received."""

    server: str
    path: str
    at: float  # time.monotonic()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    name: str
    route: Callable[[_Handler], None]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up (timeouts) and reset connections are the point here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.route(self)

    def send(
        self, status: int, body: bytes, content_type: str = HTML, headers: dict | None = None
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def reset(self) -> None:
        """Close the connection with a TCP reset, answering nothing."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def render(
    article: Article,
    extra: str = "",
    charset_meta: bool = True,
    paragraphs: tuple[str, ...] | None = None,
    head: str = "",
) -> str:
    """A plain news page for a demo article (or for some of its ``paragraphs``)."""
    shown = article.paragraphs if paragraphs is None else paragraphs
    paragraphs_html = "".join(f"<p>{escape(plain_text(p))}</p>" for p in shown)
    meta = '<meta charset="utf-8">' if charset_meta else ""
    return (
        f"<!DOCTYPE html><html><head>{meta}{head}<title>{escape(article.title)}</title>"
        f'<meta property="article:published_time" content="{article.published.isoformat()}">'
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{escape(article.title)}</h1>"
        f"{paragraphs_html}{extra}</article><footer>Copyright Hostile News</footer></body></html>"
    )


def page_of(article: Article, case: str, page: int, last: int) -> str:
    """Page ``page`` of an article split over ``last`` pages at /news/CASE?page=N, which
    names the next one with rel="next" and a "Continue reading" link."""
    size = -(-len(article.paragraphs) // last)
    paragraphs = article.paragraphs[(page - 1) * size : page * size]
    if page == last:
        return render(article, paragraphs=paragraphs)
    following = f"/news/{case}?page={page + 1}"
    return render(
        article,
        f'<p><a href="{following}">Continue reading on page {page + 1}</a></p>',
        paragraphs=paragraphs,
        head=f'<link rel="next" href="{following}">',
    )


def malformed(article: Article) -> str:
    """The page with broken markup: unclosed and stray tags, bad attributes, junk."""
    paragraphs = "".join(f"<p class=x'>{escape(plain_text(p))}<b><i>" for p in article.paragraphs)
    return (
        f"<html><head><title>{escape(article.title)}</title><body></div></span>"
        f"<h1>{escape(article.title)}</h2><article><div><table><tr><td>{paragraphs}"
        "<script>var x = '</article>'; <!-- </div> --></script>&#xZZZ; &bogus; <<<>>> "
        "</td></tr></article></body></html></html><p>trailing</div>"
    )


class HostileWeb:
    """Serve the hostile web on loopback (a context manager)."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.cases: dict[str, str] = {}
        self.good: dict[str, str] = {}
        self.private_links: list[str] = []
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._servers: list[_Server] = []
        self._articles = {a.slug: a for a in load_articles()}
        self._bomb = gzip.compress(b"\0" * BOMB_BYTES, compresslevel=9)

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> HostileWeb:
        main = self._serve("main", "127.0.0.1", self._main)
        delayed = self._serve("delayed", "127.0.0.2", self._delayed)
        no_robots = self._serve("no-robots", "127.0.0.1", self._no_robots)
        self.main, self.delayed, self.no_robots = main, delayed, no_robots
        self.allowed_hosts = [h.removeprefix("http://") for h in (main, delayed, no_robots)]
        self.search_template = main + "/search?q={query}"
        for case in (*GOOD_MAIN, *PAGINATED):
            self.good[case] = f"{main}/news/{case}"
        self.good["after-redirects"] = f"{main}/news/after-redirects"
        for case in GOOD_DELAYED:
            self.good[case] = f"{delayed}/news/{case}"
        for case in GOOD_NO_ROBOTS:
            self.good[case] = f"{no_robots}/news/{case}"
        bad = (
            "binary", "empty", "huge", "gzip-bomb", "404", "always-500", "hang", "reset",
            "retry-tomorrow",
        )  # fmt: skip
        self.cases = {**self.good, **{case: f"{main}/bad/{case}" for case in bad}}
        self.cases["redirect-chain"] = f"{main}/hop/1"
        self.cases["redirect-loop"] = f"{main}/loop/a"
        self.cases["redirect-to-metadata"] = f"{main}/bad/to-metadata"
        self.cases["redirect-to-loopback"] = f"{main}/bad/to-loopback"
        self.cases["long-redirect-chain"] = f"{main}/chain/1"
        self.cases["disallowed"] = f"{main}/private/kenya-haiti-report"
        self.traps = [
            f"{main}/calendar/2024/10/01/",
            f"{main}/archive/haiti/haiti/haiti/haiti/",
            f"{main}/news/police-haiti?sid=8f2a9c",
        ]
        self.private_links = [
            "http://169.254.169.254/latest/meta-data/haiti-kenya-police",
            "http://10.0.0.7/world/kenya-police-haiti",
            "http://192.168.1.20/news/haiti-gangs-kenya",
        ]
        for server in self._servers:
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def _serve(self, name: str, host: str, route: Callable[[_Handler], None]) -> str:
        server = _Server((host, 0), _Handler)
        server.name = name

        def logged(handler: _Handler) -> None:
            with self._lock:
                self.hits.append(Hit(name, handler.path, time.monotonic()))
                self._counts[f"{name}{handler.path}"] += 1
            route(handler)

        server.route = logged
        self._servers.append(server)
        return f"http://{host}:{server.server_address[1]}"

    def requested(self, server: str, path: str) -> list[float]:
        """When ``path`` of ``server`` was requested."""
        return [h.at for h in self.hits if h.server == server and h.path == path]

    def _count(self, name: str, path: str) -> int:
        with self._lock:
            return self._counts[f"{name}{path}"]

    # -- the main outlet ----------------------------------------------------------------

    def _main(self, h: _Handler) -> None:  # noqa: C901 (one branch per case)
        path = h.path
        if path == "/robots.txt":
            h.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path.startswith("/search"):
            h.send(200, self._search_rss().encode(), "application/rss+xml; charset=utf-8")
        elif path.startswith("/news/") and path.removeprefix("/news/") in GOOD_MAIN:
            self._good(h, path.removeprefix("/news/"))
        elif path.startswith("/news/paginated"):
            self._paginated(h, *path.removeprefix("/news/").partition("?page=")[::2])
        elif path.startswith("/hop/"):
            hop = int(path.removeprefix("/hop/"))
            target = f"/hop/{hop + 1}" if hop < 4 else "/news/after-redirects"
            h.send(302, b"", "", {"Location": target})
        elif path.startswith("/chain/"):
            h.send(302, b"", "", {"Location": f"/chain/{int(path.removeprefix('/chain/')) + 1}"})
        elif path in ("/loop/a", "/loop/b"):
            h.send(302, b"", "", {"Location": "/loop/b" if path == "/loop/a" else "/loop/a"})
        elif path.startswith("/bad/"):
            self._bad(h, path.removeprefix("/bad/"))
        else:
            h.send(404, b"<html><body>Not found</body></html>")

    def _good(self, h: _Handler, case: str) -> None:
        article = self._articles[GOOD_MAIN[case]]
        count = self._count("main", h.path)
        if case == "flaky-500" and count == 1:
            h.send(500, b"<html><body>Internal error, try again</body></html>")
        elif case == "busy-429" and count == 1:
            h.send(429, b"Slow down", "text/plain", {"Retry-After": str(RETRY_AFTER)})
        elif case == "busy-503" and count == 1:
            when = formatdate(time.time() + RETRY_AFTER + 1, usegmt=True)
            h.send(503, b"Maintenance", "text/plain", {"Retry-After": when})
        elif case == "malformed":
            h.send(200, malformed(article).encode())
        elif case == "cp1252-as-utf8":
            page = render(article, f"<p>{CP1252_SENTENCE}</p>")
            h.send(200, page.encode("cp1252", errors="replace"))  # declared utf-8
        elif case == "latin1-undeclared":
            page = render(article, f"<p>{LATIN1_SENTENCE}</p>", charset_meta=False)
            h.send(200, page.encode("latin-1", errors="replace"), "text/html")
        elif case == "hub":
            h.send(200, render(article, self._hub_links()).encode())

        else:
            h.send(200, render(article).encode())

    def _paginated(self, h: _Handler, case: str, page: str) -> None:
        """An article over ``PAGES`` pages; the broken one's later pages fail."""
        if case not in PAGINATED or (page and not page.isdigit()):
            h.send(404, b"<html><body>Not found</body></html>")
        elif case == "paginated-broken" and page:
            h.send(500, b"<html><body>Internal error</body></html>")
        else:
            h.send(200, page_of(PAGINATED[case], case, int(page or 1), PAGES).encode())

    def _hub_links(self) -> str:
        links = [
            *self.traps,
            *self.private_links,
            self.cases["disallowed"],
            f"{self.main}/bad/to-metadata",
        ]
        items = "".join(
            f'<li>More on the <a href="{escape(url)}">Kenyan police mission in Haiti and the '
            "gangs</a> from our correspondents.</li>"
            for url in links
        )
        return f"<h2>Related coverage of Kenya's police in Haiti</h2><ul>{items}</ul>"

    def _bad(self, h: _Handler, case: str) -> None:
        if case == "binary":
            h.send(200, bytes(range(256)) * 64, "text/html")
        elif case == "empty":
            h.send(200, b"")
        elif case == "huge":
            filler = "<p>Kenya police Haiti gangs mission officers.</p>" * (HUGE_BYTES // 48)
            h.send(200, f"<html><body>{filler}</body></html>".encode())
        elif case == "gzip-bomb":
            h.send(200, self._bomb, HTML, {"Content-Encoding": "gzip"})
        elif case == "404":
            h.send(404, b"<html><body>Not found</body></html>")
        elif case == "always-500":
            h.send(500, b"<html><body>Internal error</body></html>")
        elif case == "hang":
            self._stop.wait(60)
            h.close_connection = True
        elif case == "reset":
            h.reset()
        elif case == "retry-tomorrow":
            h.send(503, b"Come back tomorrow", "text/plain", {"Retry-After": "86400"})
        elif case == "to-metadata":
            h.send(302, b"", "", {"Location": self.private_links[0]})
        elif case == "to-loopback":
            port = self.main.rsplit(":", 1)[1]
            h.send(302, b"", "", {"Location": f"http://127.0.0.3:{port}/news/plain"})
        else:
            h.send(404, b"")

    def _search_rss(self) -> str:
        """Every case but the page behind the redirect chain, announced as on-topic."""
        items = []
        for number, (case, url) in enumerate(sorted(self.cases.items()), start=1):
            if case == "after-redirects":
                continue
            slug = {**GOOD_MAIN, **GOOD_DELAYED, **GOOD_NO_ROBOTS}.get(case)
            if slug or case in PAGINATED:
                article = self._articles[slug] if slug else PAGINATED[case]
                title, summary = article.title, plain_text(article.paragraphs[0])
            else:
                # One headline per case: search hits with one headline are one article.
                title = summary = f"Kenyan police in Haiti: mission update {number}"
            items.append(
                f"<item><title>{escape(title)}</title><link>{escape(url)}</link>"
                f"<description>{escape(summary)}</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Hostile search</title><link>{self.main}/</link>{''.join(items)}"
            "</channel></rss>"
        )

    # -- the other outlets ----------------------------------------------------------------

    def _delayed(self, h: _Handler) -> None:
        if h.path == "/robots.txt":
            h.send(200, f"User-agent: *\nCrawl-delay: {CRAWL_DELAY}\n".encode(), "text/plain")
        elif h.path.removeprefix("/news/") in GOOD_DELAYED:
            time.sleep(SLOW_ANSWER)
            h.send(
                200, render(self._articles[GOOD_DELAYED[h.path.removeprefix("/news/")]]).encode()
            )
        else:
            h.send(404, b"")

    def _no_robots(self, h: _Handler) -> None:
        if h.path == "/robots.txt":
            h.reset()
        elif h.path.removeprefix("/news/") in GOOD_NO_ROBOTS:
            article = self._articles[GOOD_NO_ROBOTS[h.path.removeprefix("/news/")]]
            h.send(200, render(article).encode())
        else:
            h.send(404, b"")
