"""The hostile web: one real crawl through every bad case, served on loopback.

``collector grow`` runs in a subprocess against :mod:`hostile_web` with the real seeds. The
crawl must finish, store every good page around the bad ones, never fetch what robots.txt
forbids or what points at a private address, and count each case in the run's own stats
(Scrapy's ``downloader/``, ``retry/``, ``robotstxt/`` keys and the ``leads/`` outcomes),
which are kept in the ``runs`` row.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hostile_web import (
    CP1252_SENTENCE,
    CRAWL_DELAY,
    LATIN1_SENTENCE,
    PAGINATED,
    RETRY_AFTER,
    SLOW_ANSWER,
    HostileWeb,
)

from collector.store import Store
from collector.urls import canonicalize_url

ROOT = Path(__file__).resolve().parent.parent
MAXSIZE = 1_000_000  # below the huge page and the gzip bomb's decompressed size
EXCEPTION = "downloader/exception_type_count/scrapy.exceptions"


@dataclass
class Crawl:
    web: HostileWeb
    db: Path
    result: subprocess.CompletedProcess[str]
    stats: dict[str, Any]

    def rows(self, sql: str) -> list[tuple]:
        return Store(self.db).query(sql)[1]

    def lead(self, case: str) -> set[tuple[str, str | None]]:
        url = canonicalize_url(self.web.cases[case])
        return set(self.rows(f"SELECT status, reason FROM leads WHERE url = '{url}'"))

    def paths(self, server: str = "main") -> list[str]:
        return [h.path for h in self.web.hits if h.server == server]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    db = tmp_path_factory.mktemp("hostile") / "corpus.duckdb"
    with HostileWeb() as web:
        settings = {
            "COLLECTOR_PRIVATE_HOSTS_ALLOWED": ",".join(web.allowed_hosts),
            "DOWNLOAD_TIMEOUT": 2,
            "RETRY_TIMES": 1,
            "DOWNLOAD_MAXSIZE": MAXSIZE,
            "AUTOTHROTTLE_ENABLED": 0,
            "DOWNLOAD_DELAY": 0,
            "COLLECTOR_RETRY_AFTER_MAX": 30,
        }
        result = subprocess.run(
            [sys.executable, "-m", "collector.cli", "grow", "--db", str(db),
             "--seeds", str(ROOT / "seeds"), f"--search=rss={web.search_template}",
             *(f"--set={k}={v}" for k, v in settings.items())],
            capture_output=True, text=True, timeout=300, cwd=ROOT,
        )  # fmt: skip
        (stats,) = Store(db).query("SELECT stats FROM runs")[1][0]
        yield Crawl(web, db, result, json.loads(stats))


def test_the_crawl_finishes_and_records_its_run(crawl: Crawl) -> None:
    assert crawl.result.returncode == 0, crawl.result.stderr[-3000:]
    assert crawl.rows("SELECT status, finished_at IS NOT NULL FROM runs") == [("finished", True)]


def test_every_good_page_around_the_bad_ones_is_stored(crawl: Crawl) -> None:
    stored = {r[0] for r in crawl.rows("SELECT url FROM articles WHERE NOT is_seed")}
    assert stored == {canonicalize_url(u) for u in crawl.web.good.values()}


@pytest.mark.parametrize(
    ("case", "reason", "stat"),
    [
        ("404", "http-404", "downloader/response_status_count/404"),
        ("always-500", "http-500", "retry/max_reached"),
        ("huge", "too-large", f"{EXCEPTION}.DownloadCancelledError"),
        ("gzip-bomb", "too-large", "leads/failed/too-large"),
        ("hang", "timeout", f"{EXCEPTION}.DownloadTimeoutError"),
        ("reset", "connection-lost", f"{EXCEPTION}.DownloadFailedError"),
        ("long-redirect-chain", None, "leads/failed/redirect-limit"),
    ],
)  # fmt: skip
def test_failed_pages_are_recorded_and_counted(
    crawl: Crawl, case: str, reason: str | None, stat: str
) -> None:
    if reason:
        assert crawl.lead(case) == {("failed", reason)}
        assert crawl.stats[f"leads/failed/{reason}"] >= 1
    assert crawl.stats[stat] >= 1


def test_robots_disallowed_pages_are_skipped_and_counted(crawl: Crawl) -> None:
    assert crawl.lead("disallowed") == {("skipped", "robots")}
    assert crawl.stats["robotstxt/forbidden"] >= 1


def test_the_long_redirect_chain_stops_at_the_limit(crawl: Crawl) -> None:
    hops = [p for p in crawl.paths() if p.startswith("/chain/")]
    assert len(hops) == 11  # the first request and REDIRECT_MAX_TIMES (10) redirects
    assert set(crawl.rows("SELECT reason FROM leads WHERE url LIKE '%/chain/11'")) == {
        ("redirect-limit",)
    }


def test_a_redirect_loop_is_broken(crawl: Crawl) -> None:
    # Back at its start the chain is followed once (a consent check sends the client back
    # with a cookie); the second time round it is broken.
    loop = [p for p in crawl.paths() if p.startswith("/loop/")]
    assert sorted(loop) == ["/loop/a", "/loop/a", "/loop/b"]
    assert crawl.lead("redirect-loop") == {("skipped", "redirect-known")}


def test_a_redirect_chain_reaches_its_article(crawl: Crawl) -> None:
    target = canonicalize_url(crawl.web.good["after-redirects"])
    aliases = {r[0] for r in crawl.rows(
        "SELECT a.url FROM aliases a JOIN articles b ON a.article_id = b.id "
        f"WHERE b.url = '{target}'"
    )}  # fmt: skip
    assert {canonicalize_url(f"{crawl.web.main}/hop/{i}") for i in range(1, 5)} <= aliases


@pytest.mark.parametrize(("case", "reason"), [("binary", "binary"), ("empty", "no-article-text")])
def test_pages_without_an_article_are_skipped(crawl: Crawl, case: str, reason: str) -> None:
    assert crawl.lead(case) == {("skipped", reason)}
    assert crawl.stats[f"leads/skipped/{reason}"] >= 1


def test_a_server_error_that_recovers_is_retried(crawl: Crawl) -> None:
    assert len(crawl.web.requested("main", "/news/flaky-500")) == 2
    assert crawl.stats["retry/reason_count/500 Internal Server Error"] >= 1
    assert crawl.lead("flaky-500") == {("stored", None)}


@pytest.mark.parametrize("case", ["busy-429", "busy-503"])
def test_retry_after_is_honoured(crawl: Crawl, case: str) -> None:
    first, second = crawl.web.requested("main", f"/news/{case}")
    assert second - first >= RETRY_AFTER * 0.95
    status = case.removeprefix("busy-")
    assert crawl.stats[f"retry/reason_count/{status} Retry-After"] == 1
    assert crawl.lead(case) == {("stored", None)}


def test_a_retry_after_beyond_the_limit_leaves_the_lead_for_the_next_run(crawl: Crawl) -> None:
    assert len(crawl.web.requested("main", "/bad/retry-tomorrow")) == 1
    assert crawl.lead("retry-tomorrow") == {("queued", None)}
    assert crawl.stats["leads/deferred"] == 1
    assert crawl.stats["retry/retry_after_too_long"] == 1


def test_robots_disallowed_pages_are_never_fetched(crawl: Crawl) -> None:
    assert not [p for p in crawl.paths() if p.startswith("/private/")]


def test_a_robots_txt_that_fails_to_load_does_not_stop_the_outlet(crawl: Crawl) -> None:
    assert crawl.web.requested("no-robots", "/robots.txt")
    assert any(k.startswith("robotstxt/exception_count/") for k in crawl.stats)
    assert crawl.lead("no-robots") == {("stored", None)}


def test_the_crawl_delay_counts_from_the_last_answer(crawl: Crawl) -> None:
    # The outlet takes SLOW_ANSWER to answer, so the next request must wait for that too:
    # a delay counted from when the last request was sent leaves a gap of only CRAWL_DELAY.
    times = sorted(h.at for h in crawl.web.hits if h.server == "delayed" and "/news/" in h.path)
    assert len(times) == 2
    assert times[1] - times[0] >= SLOW_ANSWER + CRAWL_DELAY
    assert crawl.stats["robotstxt/crawl_delay_count"] == 1


def test_spider_traps_are_never_fetched(crawl: Crawl) -> None:
    fetched = set(crawl.paths())
    for url in crawl.web.traps:
        canonical = canonicalize_url(url)
        assert set(crawl.rows(f"SELECT status, reason FROM leads WHERE url = '{canonical}'")) == {
            ("skipped", "trap")
        }
        assert url.removeprefix(crawl.web.main) not in fetched
    assert crawl.stats["leads/skipped/trap"] == len(crawl.web.traps)


def test_private_addresses_are_refused_also_after_a_redirect(crawl: Crawl) -> None:
    refused = {r[0] for r in crawl.rows(
        "SELECT url FROM leads WHERE status = 'skipped' AND reason = 'private-host'"
    )}  # fmt: skip
    assert {canonicalize_url(u) for u in crawl.web.private_links} <= refused
    # Redirects from an allowed host: to the metadata address and to another loopback address.
    port = crawl.web.main.rsplit(":", 1)[1]
    assert canonicalize_url(f"http://127.0.0.3:{port}/news/plain") in refused
    assert crawl.stats["leads/skipped/private_host"] >= len(crawl.web.private_links) + 1


def test_a_malformed_page_is_stored_whole(crawl: Crawl) -> None:
    url = canonicalize_url(crawl.web.good["malformed"])
    ((text,),) = crawl.rows(f"SELECT text FROM articles WHERE url = '{url}'")
    assert "Kenyan President William Ruto spent Saturday in Port-au-Prince" in text


def test_wrong_and_missing_charsets_are_decoded(crawl: Crawl) -> None:
    texts = dict(crawl.rows("SELECT url, text FROM articles"))
    assert CP1252_SENTENCE in texts[canonicalize_url(crawl.web.good["cp1252-as-utf8"])]
    assert LATIN1_SENTENCE in texts[canonicalize_url(crawl.web.good["latin1-undeclared"])]
    assert not [url for url, text in texts.items() if "\ufffd" in text]
    assert crawl.stats["decode/cp1252_in_utf8"] == 1


def test_an_article_split_over_pages_is_stored_whole(crawl: Crawl) -> None:
    url = canonicalize_url(crawl.web.good["paginated"])
    ((text, article_id),) = crawl.rows(f"SELECT text, id FROM articles WHERE url = '{url}'")
    paragraphs = PAGINATED["paginated"].paragraphs
    for paragraph in (paragraphs[0], paragraphs[len(paragraphs) // 2], paragraphs[-1]):
        assert paragraph[:60] in text
    assert "Continue reading" not in text
    aliases = {u for (u,) in crawl.rows(f"SELECT url FROM aliases WHERE article_id = {article_id}")}
    assert {f"{url}?page=2", f"{url}?page=3"} <= aliases
    assert crawl.rows(f"SELECT count(*) FROM articles WHERE starts_with(url, '{url}?')") == [(0,)]
    # Its stored raw page holds every page: extracted again, the article is the same.
    again = subprocess.run(
        [sys.executable, "-m", "collector.cli", "reextract", "--db", str(crawl.db), "--dry-run",
         "--list"], capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert url not in again.stdout


def test_an_article_whose_next_page_fails_keeps_its_first(crawl: Crawl) -> None:
    url = canonicalize_url(crawl.web.good["paginated-broken"])
    ((text,),) = crawl.rows(f"SELECT text FROM articles WHERE url = '{url}'")
    paragraphs = PAGINATED["paginated-broken"].paragraphs
    assert paragraphs[0][:60] in text
    assert paragraphs[-1][:60] not in text
