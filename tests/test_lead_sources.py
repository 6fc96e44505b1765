"""Every lead source, the relevance gate and the search providers' rules, end to end.

Real ``collector grow`` runs over HTTP on loopback: against the generated benchmark web
(search, feeds, sitemaps, home and section pages, links, hard negatives, traps, robots), and
against the demo web through each search provider format (GDELT with full answers split by
time window, Google-News-style redirects, Bing-style click links), a rate-limiting provider
and a dead one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from collector.demoweb import DemoWeb
from collector.demoweb.apps import SearchApp
from collector.demoweb.bench import BenchTruth, BenchWeb
from collector.store import Store
from collector.urls import canonicalize_url

FAST = ["--set=DOWNLOAD_DELAY=0", "--set=AUTOTHROTTLE_ENABLED=False"]


def grow(db: Path, search: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), "--allow-private-hosts",
         *(f"--search={s}" for s in search), *FAST, *extra],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def rows(db: Path, sql: str) -> list[tuple]:
    return Store(db).query(sql)[1]


# -- the benchmark web: every lead source ------------------------------------------------


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BenchWeb, Path]]:
    with BenchWeb() as web:
        db = tmp_path_factory.mktemp("bench") / "corpus.duckdb"
        search = [f"{name}={url}" for name, url in web.search_templates.items()]
        result = grow(db, search, "--set=COLLECTOR_GDELT_INTERVAL=0.1")
        assert result.returncode == 0, result.stderr[-3000:]
        yield web, db


def stored_leads(db: Path) -> dict[str, str]:
    return dict(rows(db, "SELECT url, origin FROM leads WHERE status = 'stored'"))


@pytest.mark.parametrize(
    ("reach", "origins"),
    [("search", ("search:",)), ("feed", ("feed:", "sitemap:", "link:")),
     ("sitemap", ("sitemap:", "link:")), ("link", ("link:",)), ("listing", ("listing:", "link:"))],
)  # fmt: skip
def test_each_way_of_reaching_a_story_works(
    bench: tuple[BenchWeb, Path], reach: str, origins: tuple[str, ...]
) -> None:
    web, db = bench
    leads = stored_leads(db)
    stories: dict[str, list[str]] = {}
    for url, story in web.bench.story.items():
        stories.setdefault(story, []).append(url)
    wanted = [urls for urls in stories.values() if web.bench.reach[urls[0]] == reach]
    assert wanted
    found = [u for urls in wanted for u in map(canonicalize_url, urls) if u in leads]
    assert len(found) >= 0.75 * len(wanted), (reach, found)
    if reach != "search":  # in no search index: found by a source that can reach it
        assert all(leads[u].startswith(origins) for u in found), [leads[u] for u in found]


def test_every_lead_source_announces_fetched_leads(bench: tuple[BenchWeb, Path]) -> None:
    _, db = bench
    fetched = rows(db, "SELECT DISTINCT split_part(origin, ':', 1) FROM leads "
                   "WHERE status IN ('stored', 'rejected', 'duplicate')")  # fmt: skip
    assert {"seed", "search", "feed", "sitemap", "link", "listing"} <= {r[0] for r in fetched}


def test_hard_negatives_are_fetched_scored_and_rejected(bench: tuple[BenchWeb, Path]) -> None:
    web, db = bench
    hard = {canonicalize_url(u) for u in web.bench.hard}
    outcomes = rows(
        db, "SELECT url, status, score FROM leads WHERE status IN ('stored', 'rejected')"
    )
    judged = [(status, score) for url, status, score in outcomes if url in hard]
    assert len(judged) >= 10  # the crawl met names-sharing pages, and judged them
    rejected = [score for status, score in judged if status == "rejected"]
    assert len(rejected) >= 0.85 * len(judged)
    reasons = rows(db, "SELECT reason, min(score), max(score) FROM leads "
                   "WHERE status = 'rejected' GROUP BY reason")  # fmt: skip
    for reason, low, high in reasons:
        assert reason in ("off-topic", "off-core", "like-rejected")
        if reason == "off-topic":  # below the threshold
            assert high < 0.2
        if reason == "like-rejected":  # above it, but like the pages rejected before
            assert low >= 0.2
    assert "off-core" in {r[0] for r in reasons}  # names-sharing pages that miss a core name
    stored = {r[0] for r in rows(db, "SELECT url FROM articles WHERE NOT is_seed")}
    relevant = {canonicalize_url(u) for u in web.bench.relevant}
    assert len(stored & relevant) >= 0.95 * len(stored)


def test_robots_disallowed_links_are_refused_not_fetched(bench: tuple[BenchWeb, Path]) -> None:
    web, db = bench
    assert not [t for b, t, _ in web.requests if web.bench.is_disallowed(b, t)]
    refused = rows(db, "SELECT url FROM leads WHERE status = 'skipped' AND reason = 'robots'")
    assert any("/premium/" in url for (url,) in refused)


def test_traps_are_bounded(bench: tuple[BenchWeb, Path]) -> None:
    web, db = bench
    assert sum(BenchTruth.is_trap(t) for _, t, _ in web.requests) <= 20
    traps = rows(db, "SELECT url FROM leads WHERE reason = 'trap'")
    kinds = {
        k for (url,) in traps for k in ("/archive/", "/page/", "/more/", "sessionid") if k in url
    }
    assert len(kinds) >= 3


def test_outlets_without_feeds_or_sitemaps_are_read_from_their_listings(
    bench: tuple[BenchWeb, Path],
) -> None:
    web, _ = bench
    plans = web.generated.plans
    bare = [
        web.outlets[o.name]
        for o in web.generated.outlets
        if not plans[o.key].feed and not plans[o.key].sitemap
    ]
    assert bare
    for base in bare:
        paths = {t for b, t, _ in web.requests if b == base}
        assert "/" in paths
        assert not {"/sitemap.xml", "/feed/", "/rss.xml"} & paths


# -- the demo web through each search provider format ---------------------------------------


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb() as served:
        yield served


def test_bing_click_links_are_read_without_a_redirect(web: DemoWeb, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    start = len(web.requests)
    result = grow(db, [f"rss={web.bing_template}"])
    assert result.returncode == 0, result.stderr[-3000:]
    origins = [r[0] for r in rows(db, "SELECT origin FROM leads WHERE status = 'stored'")]
    assert sum(o.startswith("search:rss:") for o in origins) >= 3
    assert not [t for _, t, _ in web.requests[start:] if "apiclick" in t]


def test_news_redirects_resolve_to_the_publisher(web: DemoWeb, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    result = grow(db, [f"rss={web.search_templates['rss']}"])
    assert result.returncode == 0, result.stderr[-3000:]
    stored = {r[0] for r in rows(db, "SELECT url FROM articles WHERE NOT is_seed")}
    assert len(stored) >= 3
    assert stored <= {canonicalize_url(u) for u in web.truth.relevant}
    # Every redirect URL is remembered: as an alias of the article it led to, or, when the
    # crawl reached that article another way first, as a lead skipped for it.
    aliases = rows(db, "SELECT count(*) FROM aliases WHERE url LIKE '%/rss/articles/%'")[0][0]
    known = rows(db, "SELECT count(*) FROM leads WHERE url LIKE '%/rss/articles/%' "
                     "AND reason = 'redirect-known'")[0][0]  # fmt: skip
    assert aliases >= 1 and aliases + known >= 3


class _Flaky(BaseHTTPRequestHandler):
    """A GDELT endpoint that answers 429 to the first call of each query, then the demo's
    answer; it logs the time of every call."""

    app: SearchApp
    seen: dict[str, list[float]]
    answered: dict[str, set[str]]

    def do_GET(self) -> None:  # noqa: N802
        if not self.path.startswith("/api/"):  # robots.txt
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        query = parse_qs(urlsplit(self.path).query).get("query", [""])[0]
        calls = self.seen.setdefault(query, [])
        calls.append(time.monotonic())
        if len(calls) == 1:
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        answer = self.app(self.path, self.headers)
        found = json.loads(answer.body or b"{}").get("articles", [])
        self.answered.setdefault(query, set()).update(a["url"] for a in found)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_gdelt_rules_rate_limits_and_dead_providers(web: DemoWeb, tmp_path: Path) -> None:
    search_app = web._servers[-1].app
    handler = type("Flaky", (_Flaky,), {"app": search_app, "seen": {}, "answered": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dead = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    dead_port = dead.server_address[1]
    dead.server_close()  # nothing listens there any more
    try:
        port = server.server_address[1]
        gdelt = (f"gdelt=http://127.0.0.1:{port}/api/v2/doc/doc?query={{query}}&mode=artlist"
                 "&format=json&maxrecords=4&startdatetime=20240601000000"
                 "&enddatetime=20250101000000")  # fmt: skip
        db = tmp_path / "corpus.duckdb"
        result = grow(db, [gdelt, f"rss=http://127.0.0.1:{dead_port}/rss?q={{query}}"],
                      "--set=COLLECTOR_GDELT_INTERVAL=0.3", "--set=COLLECTOR_SEARCH_RETRIES=2",
                      "--set=COLLECTOR_SEARCH_RETRY_DELAY=0.2")  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr[-3000:]
    seen = handler.seen
    assert seen and all(len(calls) >= 2 for calls in seen.values())  # each 429 was retried
    times = sorted(t for calls in seen.values() for t in calls)
    # Paced at 0.3 s: Scrapy spaces the calls out; the server sees them give or take its
    # own latency (unpaced, the calls of one burst come milliseconds apart).
    gaps = sorted(b - a for a, b in zip(times, times[1:], strict=False))
    assert gaps[len(gaps) // 2] >= 0.25
    assert times[-1] - times[0] >= 0.3 * len(gaps) - 0.5
    split = [q for q, calls in seen.items() if len(calls) >= 4]  # 429, full answer, 2 halves
    assert split
    leads = {r[0] for r in rows(db, "SELECT url FROM leads")}
    for query in split:
        assert len(handler.answered[query]) > 4  # more than one full answer holds
        assert {canonicalize_url(u) for u in handler.answered[query]} <= leads
    assert "gave up" in result.stderr  # the dead provider, after its retries
    assert rows(db, "SELECT count(*) FROM articles WHERE NOT is_seed")[0][0] >= 3


def test_the_profile_grows_between_runs_and_keeps_its_core(web: DemoWeb, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    search = [f"{name}={url}" for name, url in web.search_templates.items()]
    first = grow(db, search, "--set=COLLECTOR_GDELT_INTERVAL=0.1")
    assert first.returncode == 0, first.stderr[-3000:]
    terms = rows(db, "SELECT term, weight, source FROM profile_terms")
    grown = {t: w for t, w, s in terms if s == "grown"}
    core = {t: w for t, w, s in terms if s == "seed"}
    assert grown and len(core) >= 50
    assert sum(w * w for w in grown.values()) <= 0.25 * sum(w * w for _, w, _ in terms) + 1e-9
    assert max(grown.values()) < sorted(core.values())[len(core) // 2] + 1e-9
    top = sorted(terms, key=lambda t: -t[1])[:10]
    assert {s for _, _, s in top} == {"seed"}
    start = len(web.requests)
    second = grow(db, search, "--set=COLLECTOR_GDELT_INTERVAL=0.1")
    assert second.returncode == 0, second.stderr[-3000:]
    sent = [
        parse_qs(urlsplit(t).query)["query"][0]
        for _, t, _ in web.requests[start:]
        if t.startswith("/api/v2/doc/doc")
    ]
    assert any(term.strip('"') in query for term in grown for query in sent)


def test_a_home_page_given_to_start_from_is_read_for_its_links(
    web: DemoWeb, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    home = web.outlets["Nairobi Ledger"] + "/"
    result = grow(db, [], f"--start-url={home}", "--set=COLLECTOR_SEARCH=")
    assert result.returncode == 0, result.stderr[-3000:]
    assert ("source", "listing") in rows(
        db, f"SELECT status, reason FROM leads WHERE url = '{home}'"
    )
    stored = rows(db, "SELECT url FROM articles WHERE NOT is_seed")
    assert stored and (canonicalize_url(home),) not in stored
    origins = [o for (o,) in rows(db, "SELECT origin FROM leads WHERE status = 'stored'")]
    assert f"listing:{home}" in origins


def test_seeds_given_only_as_urls_teach_the_story(web: DemoWeb, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    named = sorted(web.truth.relevant, key=lambda url: urlsplit(url).path)[:2]
    (seeds / "story.urls").write_text("\n".join(named) + "\n")
    db = tmp_path / "corpus.duckdb"
    for _run in (1, 2):
        start = len(web.requests)
        result = grow(db, [f"gdelt={web.search_templates['gdelt']}"], f"--seeds={seeds}",
                      "--set=COLLECTOR_GDELT_INTERVAL=0.1")  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        # the queries come from the seed pages: fetched in the first run, stored in the next
        assert [t for _, t, _ in web.requests[start:] if t.startswith("/api/v2/doc/doc?query=")]
    kept = rows(db, "SELECT url, relevance FROM articles WHERE is_seed")
    assert sorted(url for url, _ in kept) == sorted(canonicalize_url(u) for u in named)
    assert all(relevance > 0.2 for _, relevance in kept)  # scored by what they taught
    found = rows(db, "SELECT url FROM articles WHERE NOT is_seed")
    assert len(found) >= 4
    assert {url for (url,) in found} <= {canonicalize_url(u) for u in web.truth.relevant}
    shown = subprocess.run(
        [sys.executable, "-m", "collector.cli", "profile", "--db", str(db), f"--seeds={seeds}",
         "--json"], capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    profile = json.loads(shown.stdout)
    assert profile["queries"] and any(t["term"] == "haiti" for t in profile["terms"])
