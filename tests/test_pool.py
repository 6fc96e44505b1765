"""The worker pool: results equal to in-process extraction, back-pressure, crashed workers,
and crawls with the pool on and off storing the same articles."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from parsel import Selector

from collector import pool
from collector.dedup import features, signature
from collector.demoweb import DemoWeb
from collector.extraction import extract_article, with_standfirst
from collector.leads import feed_links, link_score, outlinks
from collector.pool import (
    WorkerCrashed,
    WorkerPool,
    available_cores,
    extract_page,
    parse_processes,
)
from collector.relevance import build_profile, weigh
from collector.store import Store, decompress_html
from collector.urls import canonicalize_url

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
FETCHED = datetime(2026, 3, 1, tzinfo=UTC)
PROFILE = build_profile(
    [path.read_text() for path in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))]
)


def worker_pid(_: int) -> int:
    return os.getpid()


def interrupt_handler(_: int) -> object:
    return signal.getsignal(signal.SIGINT)


def die(code: int) -> None:
    os._exit(code)


def slow_square(x: int) -> tuple[int, float]:
    start = time.monotonic()
    time.sleep(0.2)
    return x * x, start


# -- the pool ----------------------------------------------------------------------------


def test_pages_extracted_in_workers_equal_in_process_extraction() -> None:
    pages = sorted(FIXTURES.glob("*.html"))
    assert pages

    async def main() -> list:
        pool = WorkerPool(2)
        try:
            return await asyncio.gather(
                *(
                    pool.run(
                        extract_page,
                        p.read_text(),
                        f"https://ex.com/{p.stem}",
                        FETCHED,
                        frozenset(),
                        PROFILE,
                    )  # fmt: skip
                    for p in pages
                )
            )
        finally:
            pool.close()

    results = asyncio.run(main())
    assert any(result.article is not None for result in results)
    for path, result in zip(pages, results, strict=True):
        expected = extract_article(path.read_text(), f"https://ex.com/{path.stem}", FETCHED)
        assert result.article == expected
        if expected is not None:
            text = f"{expected.title}\n{with_standfirst(expected.text, expected.removed)}"
            assert result.relevance == PROFILE.score(text, expected.language or "en")
            assert result.features is not None
            assert result.features.signature == signature(expected.text)
            assert decompress_html(result.html_zlib) == path.read_text()
            assert result.terms == weigh(text, expected.language or "en")
            base = f"https://ex.com/{path.stem}"
            if expected.canonical_url and expected.canonical_url.startswith("http"):
                base = canonicalize_url(expected.canonical_url)
            root = Selector(text=path.read_text()).root
            assert result.links == tuple(outlinks(root, base, None))
            scored = outlinks(root, base, PROFILE)
            memo: dict[tuple[str, str, str], float] = {}
            assert [link_score(link, PROFILE, memo) for link in result.links] == [
                link.score for link in scored
            ]
            assert result.feeds == tuple(feed_links(root, base))


@pytest.mark.parametrize("memo_words", [200_000, 50])
def test_features_from_the_workers_word_memos_equal_fresh_ones(
    monkeypatch: pytest.MonkeyPatch, memo_words: int
) -> None:
    # A worker hashes and stems each word once for all its pages (the memos emptied at
    # MEMO_WORDS words): every page's features must equal those computed from scratch.
    monkeypatch.setattr(pool, "MEMO_WORDS", memo_words)
    monkeypatch.setattr(pool, "_word_hashes", {})
    monkeypatch.setattr(pool, "_word_stems", {})
    pages = sorted(FIXTURES.glob("*.html"))
    texts = []
    for path in pages * 2:
        result = extract_page(path.read_text(), f"https://ex.com/{path.stem}", FETCHED,
                              frozenset(), PROFILE)  # fmt: skip
        if result.article is not None:
            assert result.features is not None
            texts.append(result.article.text)
            expected = features(result.article.text)
            for field in dataclasses.fields(expected):
                got, want = getattr(result.features, field.name), getattr(expected, field.name)
                assert np.array_equal(got, want) if isinstance(want, np.ndarray) else got == want
    assert len(texts) >= 4
    kept: dict[str, int] = {}  # what the memo holds: every page's words, or the last page's
    for text in texts if memo_words > 1000 else texts[-1:]:
        features(text, kept)
    assert pool._word_hashes.keys() == kept.keys()


def test_only_pages_above_the_threshold_bring_their_links() -> None:
    page = next(p for p in sorted(FIXTURES.glob("*.html")) if "<a " in p.read_text())
    url = f"https://ex.com/{page.stem}"
    result = extract_page(page.read_text(), url, FETCHED, frozenset(), PROFILE, 0.0)
    assert result.article is not None and result.links
    above = extract_page(page.read_text(), url, FETCHED, frozenset(), PROFILE, 1.01)
    assert above.article == result.article and above.relevance == result.relevance
    assert above.links == () and above.feeds == ()


def test_tasks_run_in_other_processes_or_in_a_thread() -> None:
    async def pids(processes: int) -> set[int]:
        pool = WorkerPool(processes)
        try:
            return set(await asyncio.gather(*(pool.run(worker_pid, i) for i in range(8))))
        finally:
            pool.close()

    assert os.getpid() not in asyncio.run(pids(2))
    assert asyncio.run(pids(0)) == {os.getpid()}


def test_workers_leave_ctrl_c_to_the_crawl() -> None:
    async def main() -> object:
        pool = WorkerPool(1)
        try:
            return await pool.run(interrupt_handler, 0)
        finally:
            pool.close()

    assert asyncio.run(main()) == signal.SIG_IGN


def test_at_most_max_pending_tasks_run_at_once() -> None:
    async def main() -> list[float]:
        pool = WorkerPool(3, max_pending=1)
        try:
            results = await asyncio.gather(*(pool.run(slow_square, i) for i in range(3)))
        finally:
            pool.close()
        assert [r[0] for r in results] == [0, 1, 4]
        return sorted(r[1] for r in results)

    starts = asyncio.run(main())
    # With one task admitted at a time, each starts after the previous one's 0.2 s sleep.
    assert starts[1] - starts[0] >= 0.2 and starts[2] - starts[1] >= 0.2


def test_a_crashed_worker_is_reported_and_the_pool_goes_on() -> None:
    async def main() -> int:
        pool = WorkerPool(1)
        try:
            with pytest.raises(WorkerCrashed, match="die"):
                await pool.run(die, 3)
            return await pool.run(worker_pid, 0)
        finally:
            pool.close()

    assert asyncio.run(main()) != os.getpid()


@pytest.mark.parametrize(
    ("value", "expected"), [("auto", available_cores()), ("", available_cores()), ("0", 0), (3, 3)]
)
def test_processes_setting(value: object, expected: int) -> None:
    assert parse_processes(value) == expected


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_bad_processes_setting_names_itself(value: str) -> None:
    with pytest.raises(ValueError, match="COLLECTOR_EXTRACT_PROCESSES"):
        parse_processes(value)


# -- crawls with the pool on and off -----------------------------------------------------


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb() as served:
        yield served


def crawl(web: DemoWeb, db: Path, processes: int) -> None:
    search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
    result = subprocess.run(
        [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), *search,
         "--allow-private-hosts", "-s", f"COLLECTOR_EXTRACT_PROCESSES={processes}"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]


def stored(db: Path) -> dict[str, tuple]:
    """Every stored article by URL, with the URLs of its copies and what it rewrites."""
    _, rows = Store(db).query(
        "SELECT a.url, a.title, a.text, a.published_at, a.language, a.authors, a.tags, "
        "a.content_hash, a.signature, r.url, "
        "(SELECT list(d.url ORDER BY d.url) FROM duplicates d WHERE d.article_id = a.id), "
        "(SELECT html_zlib FROM pages p WHERE p.article_id = a.id) "
        "FROM articles a LEFT JOIN articles r ON a.rewrite_of = r.id"
    )
    return {row[0]: (*row[1:11], decompress_html(row[11]) if row[11] else None) for row in rows}


def test_crawls_with_and_without_the_pool_store_the_same_articles(
    web: DemoWeb, tmp_path: Path
) -> None:
    crawl(web, tmp_path / "pool.duckdb", 2)
    crawl(web, tmp_path / "thread.duckdb", 0)
    with_pool, in_thread = stored(tmp_path / "pool.duckdb"), stored(tmp_path / "thread.duckdb")
    assert len(with_pool) > 10
    assert with_pool == in_thread


CRAWL_STANDIN = """
import asyncio, os, sys, time
from collector.pool import WorkerPool

async def main():
    pool = WorkerPool(2)
    pids = await asyncio.gather(*(pool.run(os.getpid) for _ in range(8)))
    print(" ".join(map(str, sorted(set(pids)))), flush=True)
    time.sleep(300)

if __name__ == "__main__":
    asyncio.run(main())
"""


def test_workers_exit_when_the_crawl_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL_STANDIN)
    root = str(Path(__file__).parent.parent)
    crawl = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": root},
    )  # fmt: skip
    assert crawl.stdout is not None
    workers = [int(pid) for pid in crawl.stdout.readline().split()]
    assert workers and crawl.pid not in workers
    os.kill(crawl.pid, signal.SIGKILL)  # not collected yet: a zombie, as under a supervisor
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    crawl.communicate(timeout=20)  # the workers no longer hold its output open
    assert left == []


def test_a_pages_standfirst_counts_for_its_relevance_though_not_in_its_text() -> None:
    # The summary under the headline names the story; the body is a local follow-up.
    dek = "Kenya sends 600 more police officers to Haiti to fight the gangs of Port-au-Prince."
    body = "".join(
        f"<p>Relatives waited at the airport in Nairobi on Tuesday morning, item {i}, as the "
        f"families of the officers gathered outside the terminal with flags and songs.</p>"
        for i in range(4)
    )
    html = (
        "<html><head><title>Families wait</title></head><body><article><h1>Families wait at "
        f"the airport</h1><p class='dek'>{dek}</p><time datetime='2026-02-28T10:00:00Z'>"
        f"28 February 2026</time><div class='body'>{body}</div></article></body></html>"
    )
    result = extract_page(html, "https://ex.com/families", FETCHED, frozenset(), PROFILE)
    assert result.article is not None and dek not in result.article.text
    without = PROFILE.score(f"{result.article.title}\n{result.article.text}", "en")
    assert result.relevance > without  # the dek's words count
    assert result.relevance == pytest.approx(
        PROFILE.score(f"{result.article.title}\n{dek}\n{result.article.text}", "en")
    )
