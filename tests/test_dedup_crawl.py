"""Deduplication end to end: two real ``collector grow`` runs into one DuckDB file.

A small news web of several outlets is served on loopback by one ``http.server`` that answers
as an HTTP proxy, so pages keep real-looking host names (``m.`` and ``amp.`` hosts, ``www.``)
without DNS. The web carries syndicated copies with other headlines and boilerplate, URL
variants (tracking parameters, AMP, mobile, ``rel=canonical``), truncated copies, and
different articles on the same story. Run 1 fetches some copies; run 2 fetches the others,
earlier-published or longer ones among them, plus every URL of run 1 again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from loopback import Handler

from collector.demoweb.content import load_articles
from collector.store import Store
from collector.urls import canonicalize_url

BODIES = {a.slug: a.paragraphs for a in load_articles()}
EMPTY_RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>s</title></channel></rss>'


@dataclass(frozen=True)
class Page:
    url: str
    slug: str
    title: str
    published: str  # ISO date the page states
    share: float = 1.0  # leading share of the body's paragraphs (truncated copies)
    canonical: str = ""
    top: tuple[str, ...] = ()  # boilerplate before and after the body
    bottom: tuple[str, ...] = ()

    def html(self) -> str:
        body = BODIES[self.slug]
        kept = body[: max(1, round(len(body) * self.share))]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in (*self.top, *kept, *self.bottom))
        link = f'<link rel="canonical" href="{self.canonical}">' if self.canonical else ""
        host = urlsplit(self.url).hostname
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(self.title)} | {host}</title>{link}"
            f'<meta property="article:published_time" content="{self.published}T08:00:00Z">'
            f'</head><body><header><nav><a href="/">Home</a> <a href="/world/">World</a></nav>'
            f"</header><main><article><h1>{escape(self.title)}</h1>{paragraphs}</article></main>"
            f"<footer><p>Copyright 2024 {host}. All rights reserved.</p></footer></body></html>"
        )


# Run 1 fetches the wire story and two later copies, in whatever order the crawl finishes
# them (tests/test_dedup_pipeline.py plays each order): the wire story must be the one kept.
WIRE = Page(
    "http://www.wirenews.test/2024/10/01/haiti-mission-short-of-kit",
    "haiti-mission-equipment-shortages",
    "Haiti mission short of basic kit",
    "2024-10-01",
)
SYNDICATED = Page(  # the same wire story: another outlet, headline and boilerplate, 2 days on
    "http://www.islandpost.test/world/kenyan-police-lack-vehicles-helicopters",
    "haiti-mission-equipment-shortages",
    "No helicopters, broken vehicles: Kenyan police in Haiti lack equipment",
    "2024-10-03",
    top=("Island Post carries this wire story as it was sent.", "Advertisement"),
    bottom=("Also Read | Haiti gangs block main road north", "Subscribe to our newsletter."),
)
TEASER = Page(  # a truncated copy of the wire story, published a day later
    "http://www.teaser.test/haiti-kit",
    "haiti-mission-equipment-shortages",
    "Haiti force lacks kit",
    "2024-10-02",
    share=0.5,
    bottom=("Continue reading on Wire News.",),
)
VARIANT_OF = "http://dailynews.test/world/second-kenyan-contingent-waits"
VARIANTS = (  # one page under mobile, AMP and tracking addresses
    "http://m.dailynews.test/world/second-kenyan-contingent-waits?utm_source=twitter&fbclid=x1",
    "http://amp.dailynews.test/world/second-kenyan-contingent-waits",
    "http://www.dailynews.test/amp/world/second-kenyan-contingent-waits?ocid=msn",
)
PRINT = Page(
    "http://www.dailynews.test/print/police-attrition",
    "haitian-national-police-attrition",
    "Haitian police keep losing officers",
    "2024-10-06",
    canonical="http://www.dailynews.test/world/haitian-police-attrition",
)
LATE = Page(
    "http://www.latecopy.test/news/trust-fund-shortfall",
    "haiti-mission-trust-fund-shortfall",
    "Trust fund for Haiti mission short of money",
    "2024-10-05",
    bottom=("Share this article",),
)
EARLY = Page(  # run 2: the same story, published three days earlier
    "http://www.firstpost.test/haiti-trust-fund",
    "haiti-mission-trust-fund-shortfall",
    "UN trust fund for Kenya-led force has received a fraction of pledges",
    "2024-10-02",
    top=("First Post exclusive",),
)
BRIEF = Page(
    "http://www.briefs.test/deployment-numbers",
    "haiti-mission-deployment-numbers-september",
    "Haiti mission: how many officers are deployed",
    "2024-10-04",
    share=0.5,
)
FULL = Page(  # run 2: the whole article the brief was cut from, the same day
    "http://www.fullstory.test/haiti-mission-deployment-numbers",
    "haiti-mission-deployment-numbers-september",
    "Haiti mission counts its officers as September deployments fall short",
    "2024-10-04",
)
SAME_STORY = (  # different articles on the same story: never merged
    Page(
        "http://www.islandpost.test/world/ruto-visits-base",
        "ruto-tours-haiti-base-gangs",
        "Ruto tours Haiti base",
        "2024-10-01",
    ),
    Page(
        "http://www.wirenews.test/2024/10/02/court-challenge",
        "haiti-deployment-court-challenge",
        "Court challenge to Haiti deployment",
        "2024-10-02",
    ),
)
ORIGINAL = Page(  # never given to the crawl: the copy below names it
    "http://www.capitalwire.test/2024/10/01/complaints-mechanism",
    "haiti-mission-complaints-mechanism",
    "Haiti mission sets up a complaints mechanism",
    "2024-10-01",
)
PARTNER_COPY = Page(  # another publisher's copy, naming the original as its canonical URL
    "http://news.portal.test/partner/haiti-mission-complaints",
    "haiti-mission-complaints-mechanism",
    "Haiti mission opens complaints office",
    "2024-10-02",
    canonical=ORIGINAL.url,
    top=("Provided by Capital Wire",),
)
VARIANT_PAGES = tuple(
    Page(url, "second-kenyan-contingent-awaits-flights", "Second contingent waits", "2024-10-03")
    for url in VARIANTS
)
RUN1 = (SYNDICATED, WIRE, TEASER, *VARIANT_PAGES, PRINT, LATE, BRIEF, *SAME_STORY, PARTNER_COPY)
RUN2 = (EARLY, FULL)


@dataclass
class ServedWeb:
    pages: dict[tuple[str, str], Page]
    hits: list[str] = field(default_factory=list)
    port: int = 0


class _Handler(Handler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = self.path if "://" in self.path else f"http://{self.headers['Host']}{self.path}"
        parts = urlsplit(url)
        self.server.web.hits.append(url)
        if parts.hostname == "search.test":
            self.answer(200, "application/rss+xml", EMPTY_RSS)
        elif page := self.server.web.pages.get((parts.hostname or "", parts.path)):
            self.answer(200, "text/html", page.html())
        else:
            self.answer(404, "text/plain", "not found")


class _Server(ThreadingHTTPServer):
    web: ServedWeb


@pytest.fixture(scope="module")
def web() -> Iterator[ServedWeb]:
    pages = {}
    for page in (*RUN1, *RUN2, ORIGINAL):
        parts = urlsplit(page.url)
        pages[parts.hostname or "", parts.path] = page
    served = ServedWeb(pages)
    server = _Server(("127.0.0.1", 0), _Handler)
    server.web = served
    served.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


def grow(web: ServedWeb, db: Path, pages: tuple[Page, ...], extra: tuple[str, ...] = ()) -> None:
    proxy = f"http://127.0.0.1:{web.port}"
    env = {**os.environ, "http_proxy": proxy, "HTTP_PROXY": proxy, "no_proxy": "", "NO_PROXY": ""}
    starts = [f"--start-url={url}" for url in (*(p.url for p in pages), *extra)]
    result = subprocess.run(
        [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), "--allow-private-hosts",
         "--search=rss=http://search.test/rss?q={query}", *starts],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]


QUERIES = {
    "articles": "SELECT id, url, published_at FROM articles WHERE NOT is_seed ORDER BY id",
    "ids": "SELECT id FROM articles",
    "aliases": "SELECT url, article_id FROM aliases",
    "duplicates": "SELECT url, article_id, method, similarity FROM duplicates",
    "pages": "SELECT article_id, url FROM pages",
    "rewrites": "SELECT a.url, b.url FROM articles a JOIN articles b ON a.rewrite_of = b.id",
}


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, list[tuple]]
    hits: list[str]

    def article_of(self, url: str) -> int | None:
        """The article id a URL belongs to, as an article, alias or duplicate."""
        for row in self.tables["articles"]:
            if row[1] == url:
                return row[0]
        for table in ("aliases", "duplicates"):
            for row in self.tables[table]:
                if row[0] == url:
                    return row[1]
        return None

    def urls(self) -> set[str]:
        return {row[1] for row in self.tables["articles"]}


@pytest.fixture(scope="module")
def runs(web: ServedWeb, tmp_path_factory: pytest.TempPathFactory) -> tuple[Snapshot, Snapshot]:
    db = tmp_path_factory.mktemp("dedup") / "corpus.duckdb"
    snapshots = []
    for pages, extra in ((RUN1, ()), (RUN2, (*(p.url for p in RUN1), VARIANT_OF, PRINT.canonical))):
        web.hits.clear()
        grow(web, db, pages, extra)
        store = Store(db)
        tables = {name: store.query(sql)[1] for name, sql in QUERIES.items()}
        snapshots.append(Snapshot(tables, list(web.hits)))
    return snapshots[0], snapshots[1]


def canonical(url: str) -> str:
    parts = urlsplit(url)
    return f"http://{(parts.hostname or '').removeprefix('www.')}{parts.path}"


def article_hits(snapshot: Snapshot, pages: tuple[Page, ...]) -> list[str]:
    paths = {urlsplit(p.url).path for p in pages}
    return [u for u in snapshot.hits if urlsplit(u).path in paths]


def test_syndicated_copy_is_a_duplicate_of_the_earlier_wire_story(runs) -> None:
    first, _ = runs
    wire_id = first.article_of(canonical(WIRE.url))
    assert canonical(WIRE.url) in first.urls()
    assert canonical(SYNDICATED.url) not in first.urls()
    [(method, similarity)] = [
        (m, s) for u, i, m, s in first.tables["duplicates"] if u == canonical(SYNDICATED.url)
    ]
    assert first.article_of(canonical(SYNDICATED.url)) == wire_id
    assert method in ("jaccard", "containment") and similarity >= 0.5


def test_truncated_later_copy_is_a_duplicate(runs) -> None:
    first, _ = runs
    assert canonical(TEASER.url) not in first.urls()
    assert first.article_of(canonical(TEASER.url)) == first.article_of(canonical(WIRE.url))


def test_url_variants_are_one_article_fetched_once(runs) -> None:
    first, second = runs
    assert VARIANT_OF in first.urls()
    assert len(article_hits(first, VARIANT_PAGES)) == 1
    assert article_hits(second, VARIANT_PAGES) == []


def test_rel_canonical_names_the_article_and_keeps_the_fetched_url(runs) -> None:
    first, second = runs
    assert canonical(PRINT.canonical) in first.urls()
    assert first.article_of(canonical(PRINT.url)) == first.article_of(canonical(PRINT.canonical))
    assert article_hits(second, (PRINT,)) == []
    assert [u for u in second.hits if urlsplit(u).path == urlsplit(PRINT.canonical).path] == []


def test_a_copy_naming_another_publishers_page_as_canonical_brings_the_original(runs) -> None:
    # The copy is not that page under another address: the original is fetched, and kept.
    first, _ = runs
    assert canonical(ORIGINAL.url) in first.urls()
    assert canonical(PARTNER_COPY.url) not in first.urls()
    original_id = first.article_of(canonical(ORIGINAL.url))
    assert first.article_of(canonical(PARTNER_COPY.url)) == original_id
    [published] = [p for i, u, p in first.tables["articles"] if i == original_id]
    assert published.date().isoformat() == ORIGINAL.published


def test_an_earlier_copy_in_a_later_run_takes_the_place_and_id(runs) -> None:
    first, second = runs
    late_id = first.article_of(canonical(LATE.url))
    assert canonical(LATE.url) in first.urls()
    assert canonical(EARLY.url) in second.urls()
    assert canonical(LATE.url) not in second.urls()
    assert second.article_of(canonical(EARLY.url)) == late_id
    assert [(u, i) for u, i, *_ in second.tables["duplicates"] if u == canonical(LATE.url)] == [
        (canonical(LATE.url), late_id)
    ]
    assert (canonical(LATE.url), late_id) in second.tables["aliases"]
    assert (late_id, canonical(EARLY.url)) in second.tables["pages"]
    [published] = [p for i, u, p in second.tables["articles"] if i == late_id]
    assert published.date().isoformat() == EARLY.published


def test_a_longer_copy_of_the_same_day_takes_the_place(runs) -> None:
    first, second = runs
    brief_id = first.article_of(canonical(BRIEF.url))
    assert canonical(FULL.url) in second.urls() and canonical(BRIEF.url) not in second.urls()
    assert second.article_of(canonical(FULL.url)) == brief_id
    [method] = [m for u, _, m, _ in second.tables["duplicates"] if u == canonical(BRIEF.url)]
    assert method in ("jaccard", "containment")


def test_different_articles_on_the_same_story_are_all_kept(runs) -> None:
    _, second = runs
    ids = {second.article_of(canonical(p.url)) for p in (*SAME_STORY, WIRE, LATE, BRIEF)}
    assert len(ids) == 5
    assert {canonical(p.url) for p in SAME_STORY} <= second.urls()
    duplicated = {u for u, *_ in second.tables["duplicates"]}
    assert not duplicated & {canonical(p.url) for p in SAME_STORY}


def test_no_url_of_run_one_is_fetched_again(runs) -> None:
    _, second = runs
    assert article_hits(second, RUN1) == []
    assert len(article_hits(second, RUN2)) == 2


def test_every_fetched_article_url_is_accounted_for(runs) -> None:
    """Nothing is silently dropped: each fetched page is an article, alias or duplicate, and
    every alias, duplicate and page names an article that exists."""
    first, second = runs
    for snapshot in (first, second):
        fetched = {canonicalize_url(u) for u in article_hits(snapshot, (*RUN1, *RUN2))}
        assert all(snapshot.article_of(u) is not None for u in fetched)
        ids = {i for (i,) in snapshot.tables["ids"]}
        assert {i for _, i in snapshot.tables["aliases"]} <= ids
        assert {i for _, i, *_ in snapshot.tables["duplicates"]} <= ids
        assert {i for i, _ in snapshot.tables["pages"]} <= ids


def test_only_the_reworded_seeds_are_linked(runs) -> None:
    _, second = runs
    pairs = {
        frozenset(u.removeprefix("seed:")[:3] for u in pair) for pair in second.tables["rewrites"]
    }
    assert pairs == {frozenset({"000", "003"})}
