"""Scheduled runs, end to end: incremental reruns, the run lock, kills at any moment, and a
corpus that is full, locked, read-only, corrupt or missing.

Every test runs the real ``collector grow`` in a subprocess against the demo web on
loopback, into real DuckDB files.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from corpus_data import hold, release

from collector import settings
from collector.demoweb import DemoWeb
from collector.runlock import RunLock
from collector.store import Store, StoreError
from collector.urls import canonicalize_url

ROOT = Path(__file__).resolve().parent.parent
# The demo's GDELT endpoint is on loopback: no need to wait 5 s between its queries.
FAST = ("--set=DOWNLOAD_DELAY=0", "--set=AUTOTHROTTLE_ENABLED=0",
        "--set=COLLECTOR_GDELT_INTERVAL=0.2")  # fmt: skip
# Slow enough to be caught in the middle, writing every article at once.
SLOW = ("--set=DOWNLOAD_DELAY=0.25", "--set=AUTOTHROTTLE_ENABLED=0",
        "--set=COLLECTOR_STORE_BATCH=1", "--set=COLLECTOR_STORE_INTERVAL=0.5")  # fmt: skip
ONE_AT_A_TIME = ("--set=CONCURRENT_REQUESTS=1", "--set=SCRAPER_SLOT_MAX_ACTIVE_SIZE=1")
EXIT_LOCKED, EXIT_UNSAVED, EXIT_INTERRUPTED = 75, 1, 130


def grow_args(web: DemoWeb, db: Path, *extra: str) -> list[str]:
    search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
    return [sys.executable, "-m", "collector.cli", "grow", "--db", str(db),
            "--seeds", str(ROOT / "seeds"), *search, "--allow-private-hosts", *extra]  # fmt: skip


def grow(
    web: DemoWeb, db: Path, *extra: str, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        grow_args(web, db, *extra), capture_output=True, text=True, timeout=300, cwd=ROOT,
        preexec_fn=preexec_fn,
    )  # fmt: skip


def start(web: DemoWeb, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        grow_args(web, db, *extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT,
    )  # fmt: skip


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    return Store(db, lock_timeout=10).query(sql)[1]


def rows_or_none(db: Path, sql: str) -> Any:
    """The first value ``sql`` gives, None while the file is unreadable."""
    try:
        return rows(db, sql)[0][0]
    except StoreError:
        return None


def stored(db: Path) -> int:
    """Articles stored so far (0 while the file does not exist or is being written)."""
    return rows_or_none(db, "SELECT count(*) FROM articles WHERE NOT is_seed") or 0


def stored_and_queued(db: Path) -> tuple[int, int]:
    """Articles stored and leads queued, read in one query ((0, 0) while unreadable)."""
    try:
        return rows(db, "SELECT (SELECT count(*) FROM articles WHERE NOT is_seed), "
                        "(SELECT count(*) FROM leads WHERE status = 'queued')")[0]  # fmt: skip
    except StoreError:
        return (0, 0)


def wait_for(condition: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def run_stats(db: Path, run: int) -> dict[str, Any]:
    (stats,) = rows(db, f"SELECT stats FROM runs WHERE id = {run}")[0]
    return json.loads(stats or "{}")  # an interrupted run has none


def stories(web: DemoWeb, db: Path) -> set[frozenset[str]]:
    """The stored articles, a syndicated copy counting as its original."""
    pairs = [frozenset(canonicalize_url(u) for u in pair) for pair in web.truth.syndicated]
    found = set()
    for (url,) in rows(db, "SELECT url FROM articles"):
        found.add(next((p for p in pairs if url in p), frozenset([url])))
    return found


def assert_whole(db: Path) -> None:
    """Nothing stored twice, and every stored page came with its whole batch."""
    assert rows(db, "SELECT count(*) - count(DISTINCT md5(text)) FROM articles") == [(0,)]
    assert rows(
        db,
        "SELECT count(*) FROM articles a WHERE NOT is_seed AND (NOT EXISTS "
        "(SELECT 1 FROM pages p WHERE p.article_id = a.id) OR NOT EXISTS "
        "(SELECT 1 FROM leads l WHERE l.url = a.url AND l.status = 'stored'))",
    ) == [(0,)]


def assert_stopped_then_resumed(web: DemoWeb, db: Path, first: Path, status: str) -> None:
    """The one run so far stopped midway (``status``) with whole batches and leads queued;
    the next run resumes them and ends with the corpus of an uninterrupted run."""
    assert rows(db, "SELECT status FROM runs") == [(status,)]
    assert stored(db) >= 2
    assert_whole(db)
    (queued,) = rows(db, "SELECT count(*) FROM leads WHERE status = 'queued'")[0]
    assert queued >= 1

    result = grow(web, db, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert run_stats(db, 2)["leads/resumed"] == queued
    assert rows(db, "SELECT count(*) FROM leads WHERE status = 'queued'") == [(0,)]
    assert_whole(db)
    assert stories(web, db) == stories(web, first)


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb() as served:
        yield served


@pytest.fixture(scope="module")
def first(web: DemoWeb, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus after one whole, uninterrupted run: the reference."""
    db = tmp_path_factory.mktemp("first") / "corpus.duckdb"
    result = grow(web, db, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


# -- incremental ------------------------------------------------------------------------


def test_a_second_run_only_revalidates_what_may_have_changed(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    shutil.copy(first, db)
    shutil.copytree(first.with_name(first.name + ".httpcache"), tmp_path / (db.name + ".httpcache"))
    # A run killed after storing a lead's page but before settling the lead leaves it queued.
    with duckdb.connect(str(db)) as con:
        con.execute(
            "INSERT INTO leads (url, origin, detail, score, status, run_id, seen_at, depth) "
            "SELECT url, 'redirect', url, 0.5, 'queued', 1, now(), 1 FROM articles "
            "WHERE NOT is_seed LIMIT 1"
        )
    result = grow(web, db, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(db, "SELECT count(*) FROM leads WHERE status = 'queued'") == [(0,)]
    before, after = run_stats(db, 1), run_stats(db, 2)
    assert after["sources/revisited"] >= len(web.outlets) - 1  # feeds and sitemaps known
    assert after["httpcache/revalidate"] >= 1  # answered 304 Not Modified
    assert "httpcache/invalidate" not in after
    # No article fetched again: what was requested at all were news-search redirects,
    # stopped before the article they lead to.
    assert rows(
        db,
        "SELECT count(*) FROM leads WHERE run_id = 2 "
        "AND status IN ('stored', 'duplicate', 'rejected', 'failed', 'queued')",
    ) == [(0,)]
    assert after.get("leads/queued", 0) <= after.get("leads/skipped/redirect-known", 0)
    assert after["response_received_count"] < before["response_received_count"]
    assert rows(db, "SELECT status, articles_added FROM runs ORDER BY id") == [
        ("finished", rows(first, "SELECT count(*) FROM articles")[0][0]),
        ("finished", 0),
    ]
    history = subprocess.run(
        [sys.executable, "-m", "collector.cli", "stats", "--db", str(db)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert history.returncode == 0 and "finished" in history.stdout


# -- one run at a time ------------------------------------------------------------------


def test_a_second_run_gives_up_after_the_lock_timeout(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    shutil.copy(first, db)
    running = start(web, db, *SLOW)
    try:
        wait_for(lambda: RunLock(db).holder() == str(running.pid))
        second = grow(web, db, "--set=COLLECTOR_LOCK_TIMEOUT=1")
        assert second.returncode == EXIT_LOCKED
        assert f"another crawl (process {running.pid})" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        running.terminate()
        running.communicate(timeout=120)
    statuses = [r[0] for r in rows(db, "SELECT status FROM runs ORDER BY id")]
    assert statuses[0] == "finished" and statuses[1] in ("shutdown", "finished")
    assert len(statuses) == 2  # the run that gave up wrote nothing


def test_a_waiting_run_starts_when_the_lock_is_freed(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    shutil.copy(first, db)
    lock = RunLock(db)
    assert lock.try_acquire()
    waiting = start(web, db, *FAST, "--set=COLLECTOR_LOCK_TIMEOUT=60")
    time.sleep(1.5)
    assert waiting.poll() is None
    assert rows(db, "SELECT count(*) FROM runs") == [(1,)]
    lock.release()
    _, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err[-3000:]
    assert rows(db, "SELECT count(*), count(finished_at) FROM runs") == [(2, 2)]


# -- killed at any moment ---------------------------------------------------------------


def test_sigterm_stops_cleanly_and_the_next_run_resumes(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    # A stopping crawl still finishes every request that has left the scheduler, and
    # with 16 concurrent requests that can be every lead the demo web has. One page at a
    # time leaves the rest of the frontier waiting when SIGTERM lands.
    crawl = start(web, db, *SLOW, *ONE_AT_A_TIME)

    def midway() -> bool:  # articles stored and leads still waiting, read together
        done, waiting = stored_and_queued(db)
        return done >= 2 and waiting >= 3

    wait_for(midway)
    crawl.send_signal(signal.SIGTERM)
    _, err = crawl.communicate(timeout=120)
    assert crawl.returncode == EXIT_INTERRUPTED
    assert "the next run resumes" in err
    assert_stopped_then_resumed(web, db, first, "shutdown")


def test_sigkill_at_any_moment_loses_nothing_stored(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    seen = 0
    # While starting (lock, migrations, seeds, searches), then twice just after a write.
    for moment in (0.3, 2.0, 5.0, "write", "write"):
        crawl = start(web, db, *SLOW)
        if moment == "write":
            wait_for(lambda before=seen: stored(db) > before)
        else:
            time.sleep(float(moment))
        crawl.kill()
        crawl.communicate(timeout=60)
        if db.exists():
            now = stored(db)  # readable after every kill
            assert now >= seen
            seen = now
            # Killed while it created the file, the run left no table yet: nothing to check.
            if rows_or_none(db, "SELECT count(*) FROM articles") is not None:
                assert_whole(db)
    assert seen >= 2

    result = grow(web, db, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = [r[0] for r in rows(db, "SELECT status FROM runs ORDER BY id")]
    assert statuses[-1] == "finished" and set(statuses[:-1]) == {"interrupted"}
    resumed = sum(run_stats(db, r).get("leads/resumed", 0) for r in range(2, len(statuses) + 1))
    assert resumed >= 1
    assert rows(db, "SELECT count(*) FROM leads WHERE status = 'queued'") == [(0,)]
    assert_whole(db)
    assert stories(web, db) == stories(web, first)


def test_a_killed_crawl_leaves_no_access_token_behind(web: DemoWeb, tmp_path: Path) -> None:
    # Scrapy's remote control would write its port and token here and, killed, keep them.
    jobs = tmp_path / "jobs"
    crawl = start(web, tmp_path / "corpus.duckdb", *SLOW, f"--set=REMOTE_CONTROL_JOBS_DIR={jobs}")
    wait_for(lambda: stored(tmp_path / "corpus.duckdb") > 0)
    crawl.kill()
    crawl.communicate(timeout=60)
    assert not jobs.exists() or not any(jobs.iterdir())


# -- stopped by a budget -----------------------------------------------------------------


def with_extension(path: str) -> str:
    """The ``--set`` that adds the extension at ``path`` to the project's own."""
    return f"--set=EXTENSIONS={json.dumps({**settings.EXTENSIONS, path: 0})}"


def test_a_stop_asked_while_the_seeds_are_stored_ends_the_run(web: DemoWeb, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    # Seeds are items of the spider's start; the second one asks the crawl to stop.
    result = grow(web, db, *FAST, "--set=CLOSESPIDER_ITEMCOUNT=2")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Stopped early: the item limit was reached" in result.stdout
    assert rows(db, "SELECT status FROM runs") == [("closespider_itemcount",)]
    assert rows(db, "SELECT count(*) FROM articles WHERE is_seed") == [(5,)]


def test_sigterm_while_many_seeds_are_stored_ends_the_run(web: DemoWeb, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shipped = sorted((ROOT / "seeds").glob("*.txt"))
    for n in range(300):  # the shipped seeds, retitled and their paragraphs reordered
        title, *body = shipped[n % len(shipped)].read_text().splitlines()
        body = body[n % len(body) :] + body[: n % len(body)]
        (seeds / f"{n:03d}.txt").write_text("\n".join([f"{title} ({n})", *body]) + "\n")
    db = tmp_path / "corpus.duckdb"
    crawl = start(web, db, *SLOW, "--seeds", str(seeds))  # the last --seeds counts
    wait_for(lambda: bool(rows_or_none(db, "SELECT count(*) FROM articles WHERE is_seed")))
    crawl.send_signal(signal.SIGTERM)
    _, err = crawl.communicate(timeout=120)
    assert crawl.returncode == EXIT_INTERRUPTED, err[-3000:]
    assert rows(db, "SELECT status FROM runs") == [("shutdown",)]


# 512 MB more once two articles past the five seeds are stored: a process that grew.
BALLAST = (with_extension("tests.ballast.Ballast"), "--set=BALLAST_AFTER_ITEMS=7",
           "--set=BALLAST_MB=512", "--set=MEMUSAGE_CHECK_INTERVAL_SECONDS=0.2")  # fmt: skip


def test_the_memory_limit_restarts_the_crawl_in_a_fresh_process(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    result = grow(web, db, *FAST, *BALLAST, "--max-memory", "600")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "reached the memory limit of 600 MB" in result.stdout
    assert "going on in a fresh process (restart 1)" in result.stdout
    statuses = [status for (status,) in rows(db, "SELECT status FROM runs ORDER BY id")]
    assert len(statuses) >= 2
    assert statuses == ["memusage_exceeded"] * (len(statuses) - 1) + ["finished"]
    fetched = sum(
        run_stats(db, run)["response_received_count"] for run in range(1, len(statuses) + 1)
    )
    assert f"pages fetched this run: {fetched}\n" in result.stdout
    assert f"fresh processes at the memory limit: {len(statuses) - 1}\n" in result.stdout
    assert rows(db, "SELECT count(*) FROM leads WHERE status = 'queued'") == [(0,)]
    assert_whole(db)
    assert stories(web, db) == stories(web, first)


def test_a_stop_asked_while_closing_at_the_memory_limit_is_not_restarted(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    result = grow(web, db, *FAST, *ONE_AT_A_TIME, *BALLAST, "--set=BALLAST_SIGTERM_ON_CLOSE=1",
                  "--max-memory", "600")  # fmt: skip
    assert result.returncode == EXIT_INTERRUPTED, result.stderr[-3000:]
    assert "fresh process" not in result.stdout
    assert "interrupted; the next run resumes" in result.stderr
    assert not Store(db).index_path.exists()  # left to the run that goes on
    assert_stopped_then_resumed(web, db, first, "memusage_exceeded")


def test_a_memory_limit_below_the_start_up_is_a_clear_error(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    shutil.copy(first, db)
    before = rows(db, "SELECT count(*), max(id) FROM articles")
    result = grow(web, db, *FAST, "--max-memory", "1")
    assert result.returncode == 2
    assert "--max-memory 1: the crawl's process used" in result.stderr
    assert "raise the limit" in result.stderr
    assert "Traceback" not in result.stderr
    assert rows(db, "SELECT count(*), max(id) FROM articles") == before


# -- the corpus goes wrong ----------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system: the corpus fills it in the middle of a crawl."""
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_a_full_disk_keeps_whole_batches_and_the_next_run_completes(
    web: DemoWeb, first: Path, small_disk: Path, tmp_path: Path
) -> None:
    db = small_disk / "corpus.duckdb"
    result = grow(web, db, *FAST, "--set=COLLECTOR_STORE_BATCH=1")
    assert result.returncode == EXIT_UNSAVED
    assert "could not be written" in result.stderr
    assert "No space left on device" in result.stderr
    assert_whole(db)  # readable, and only whole batches

    moved = tmp_path / "moved" / "corpus.duckdb"  # the user frees space: here, moves the corpus
    shutil.copytree(small_disk, moved.parent)
    result = grow(web, moved, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(moved, "SELECT status FROM runs ORDER BY id") == [("interrupted",), ("finished",)]
    assert_whole(moved)
    assert stories(web, moved) == stories(web, first)


def test_a_corpus_locked_during_the_crawl_is_spilled_and_replayed(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    crawl = start(web, db, *SLOW[1:], "--set=DOWNLOAD_DELAY=0.1", "--set=COLLECTOR_LOCK_TIMEOUT=1")
    wait_for(lambda: stored(db) >= 2)
    holder = hold(db)
    try:
        _, err = crawl.communicate(timeout=300)
    finally:
        release(holder)
    assert crawl.returncode == EXIT_UNSAVED
    assert "Traceback" not in err  # no callback fails on the unreadable corpus
    spills = list((tmp_path / "corpus.duckdb.spill").iterdir())
    assert len(spills) == 1 and f"kept in {spills[0]}" in err
    kept = stored(db)

    result = grow(web, db, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (tmp_path / "corpus.duckdb.spill").exists()
    assert rows(db, "SELECT name FROM spills") == [(spills[0].name,)]
    assert run_stats(db, 2)["store/replayed_articles"] >= 1
    assert stored(db) > kept
    assert_whole(db)
    assert stories(web, db) == stories(web, first)


def test_a_corpus_held_by_another_process_is_a_clear_error(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    shutil.copy(first, db)
    holder = hold(db)
    try:
        result = grow(web, db, "--set=COLLECTOR_LOCK_TIMEOUT=1")
    finally:
        release(holder)
    assert result.returncode == 2
    assert "another process has held the database" in result.stderr
    assert rows(db, "SELECT count(*) FROM runs") == [(1,)]


def test_a_corrupt_corpus_is_left_untouched(web: DemoWeb, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    db.write_bytes(b"not a database " * 1000)
    result = grow(web, db)
    assert result.returncode == 2
    assert f"collector: {db}: cannot open the database" in result.stderr
    assert "not a valid DuckDB database file" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == b"not a database " * 1000


def without_file_override() -> None:
    """As root, drop the capabilities that ignore file permissions (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH), so a read-only file is read-only for the crawl too."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_corpus_is_a_clear_error(web: DemoWeb, first: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "corpus.duckdb"
    shutil.copy(first, db)
    lock = folder / "corpus.duckdb.lock"
    lock.touch(mode=0o666)
    before = db.read_bytes()
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = grow(web, db, preexec_fn=without_file_override)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert f"collector: {db}: cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_a_corpus_folder_that_cannot_be_created_is_a_clear_error(
    web: DemoWeb, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    result = grow(web, blocker / "corpus.duckdb")
    assert result.returncode == 2
    assert "cannot create the run lock" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_seed_files_stop_the_run_before_anything_is_written(
    web: DemoWeb, first: Path, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_text("")
    (seeds / "photo.txt").write_bytes(bytes(range(256)) * 4)
    (seeds / "latin1.txt").write_bytes("Café in Pétion-Ville".encode("latin-1"))
    db = tmp_path / "corpus.duckdb"
    shutil.copy(first, db)
    before = db.read_bytes()
    result = grow(web, db, "--seeds", str(seeds))  # the last --seeds counts
    assert result.returncode == 2
    for name in ("empty.txt", "photo.txt", "latin1.txt"):
        assert name in result.stderr
    assert "no usable seed, nothing was written" in result.stderr
    assert db.read_bytes() == before
