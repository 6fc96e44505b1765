"""End to end: several ``collector grow`` workers and one ``collector store-worker`` on a real
redis-server, crawling the demo web over loopback into a real DuckDB file, compared with a
single-process crawl of the same web."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from loopback import serving
from template_pages import KayaHandler, check_reextracted

from collector.demoweb import DemoWeb
from collector.distributed.keys import CrawlKeys
from collector.store import Store, decompress_html
from collector.urls import canonicalize_url

# Politeness off: the demo web is ours and on loopback.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")
# Few requests in hand per worker, so that two workers share even the small demo web.
SHARE = ("-s", "CONCURRENT_REQUESTS=4", "-s", "SCRAPER_SLOT_MAX_ACTIVE_SIZE=50000")
TIMEOUT = 240


class RequestLog(logging.Handler):
    """Counts the GET requests the demo web answers, per (port, path)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.hits: Counter[tuple[int, str]] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.args, tuple) and len(record.args) == 4:
            address, requestline = record.args[0], str(record.args[1])
            method, path = requestline.split()[:2]
            if method == "GET":
                self.hits[(address[1], path)] += 1  # type: ignore[index]

    def take(self) -> Counter[tuple[int, str]]:
        """The counts so far; start counting afresh."""
        hits, self.hits = self.hits, Counter()
        return hits


@pytest.fixture(scope="module")
def web() -> Iterator[tuple[DemoWeb, RequestLog]]:
    log = RequestLog()
    server_log = logging.getLogger("collector.demoweb.server")
    level = server_log.level
    server_log.setLevel(logging.DEBUG)
    server_log.addHandler(log)
    try:
        with DemoWeb() as served:
            yield served, log
    finally:
        server_log.removeHandler(log)
        server_log.setLevel(level)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "collector.cli", *args]


def search_flags(web: DemoWeb) -> list[str]:
    return [f"--search={name}={url}" for name, url in web.search_templates.items()]


@dataclass
class Process:
    """A collector command running in the background, its output in files."""

    popen: subprocess.Popen[bytes]
    out: Path
    err: Path

    @classmethod
    def start(cls, folder: Path, name: str, *args: str) -> Process:
        out, err = folder / f"{name}.out", folder / f"{name}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            popen = subprocess.Popen(command(*args), stdout=stdout, stderr=stderr)
        return cls(popen, out, err)

    def finish(self) -> tuple[int, str, str]:
        code = self.popen.wait(TIMEOUT)
        return code, self.out.read_text(), self.err.read_text()


def start_writer(
    folder: Path, db: Path, redis_url: str, crawl: str, *extra: str, name: str = "writer"
) -> Process:
    return Process.start(
        folder, name, "store-worker", "--db", str(db), "--redis", redis_url, "--crawl", crawl,
        *extra,
    )  # fmt: skip


def start_worker(
    folder: Path, name: str, web: DemoWeb, redis_url: str, crawl: str, *extra: str
) -> Process:
    return Process.start(
        folder, name, "grow", "--redis", redis_url, "--crawl", crawl, *search_flags(web),
        "--allow-private-hosts", *extra,
    )  # fmt: skip


def rows(db: Path, sql: str) -> list[tuple]:
    return Store(db).query(sql)[1]


def stories(web: DemoWeb, urls: set[str]) -> set[frozenset[str]]:
    """Stored URLs up to the choice of copy: both URLs of a syndicated story are one story."""
    copies = {canonicalize_url(u): pair for pair in web.truth.syndicated for u in pair}
    return {frozenset(canonicalize_url(u) for u in copies.get(url, (url,))) for url in urls}


def fetched_twice(hits: Counter[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """Pages requested more than once. robots.txt is left out: every worker's Scrapy reads it
    for politeness, outside the frontier."""
    return {key: n for key, n in hits.items() if n > 1 and key[1] != "/robots.txt"}


@dataclass
class Crawl:
    db: Path
    hits: Counter[tuple[int, str]]
    outputs: dict[str, tuple[int, str, str]]


@pytest.fixture(scope="module")
def single(web: tuple[DemoWeb, RequestLog], tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    served, log = web
    db = tmp_path_factory.mktemp("single") / "corpus.duckdb"
    log.take()
    result = subprocess.run(
        command("grow", "--db", str(db), *search_flags(served), "--allow-private-hosts", *FAST),
        capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return Crawl(db, log.take(), {"grow": (result.returncode, result.stdout, result.stderr)})


@pytest.fixture(scope="module")
def distributed(
    web: tuple[DemoWeb, RequestLog],
    single: Crawl,
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Crawl:
    served, log = web
    folder = tmp_path_factory.mktemp("distributed")
    db = folder / "corpus.duckdb"
    log.take()
    writer = start_writer(folder, db, redis_url, "two")
    workers = {
        name: start_worker(folder, name, served, redis_url, "two", *FAST, *SHARE)
        for name in ("a", "b")
    }
    outputs = {name: w.finish() for name, w in workers.items()}
    outputs["writer"] = writer.finish()
    for name, (code, _, err) in outputs.items():
        assert code == 0, (name, err[-3000:])
    return Crawl(db, log.take(), outputs)


def test_every_relevant_article_found_is_stored_once(
    web: tuple[DemoWeb, RequestLog], distributed: Crawl
) -> None:
    served, _ = web
    stored = [r[0] for r in rows(distributed.db, "SELECT url FROM articles WHERE NOT is_seed")]
    relevant = {canonicalize_url(u) for u in served.truth.relevant}
    assert len(stored) >= 8
    assert set(stored) <= relevant
    for pair in served.truth.syndicated:
        assert len({canonicalize_url(u) for u in pair} & set(stored)) == 1
    assert len(stories(served, set(stored))) == len(stored)


def test_the_corpus_is_the_single_process_one(
    web: tuple[DemoWeb, RequestLog], single: Crawl, distributed: Crawl
) -> None:
    served, _ = web
    sql = "SELECT url FROM articles WHERE NOT is_seed"
    one = {r[0] for r in rows(single.db, sql)}
    many = {r[0] for r in rows(distributed.db, sql)}
    assert stories(served, many) == stories(served, one)
    seeds = "SELECT url, title, text FROM articles WHERE is_seed ORDER BY url"
    assert rows(distributed.db, seeds) == rows(single.db, seeds)
    linked = "SELECT a.url, b.url FROM articles a JOIN articles b ON a.rewrite_of = b.id ORDER BY 1"
    assert rows(distributed.db, linked) == rows(single.db, linked)
    rejected = "SELECT DISTINCT url FROM leads WHERE status = 'rejected' ORDER BY 1"
    assert rows(distributed.db, rejected) == rows(single.db, rejected)
    learned = "SELECT source, pages, offtopic_pages FROM outlet_pages ORDER BY source"
    assert rows(distributed.db, learned) == rows(single.db, learned)
    assert rows(distributed.db, learned)


def test_pages_and_signatures_are_the_single_process_ones(
    single: Crawl, distributed: Crawl
) -> None:
    # The workers send the page compressed and the dedup features they computed.
    sql = (
        "SELECT a.url, a.content_hash, a.signature, p.html_zlib FROM articles a "
        "LEFT JOIN pages p ON p.article_id = a.id WHERE NOT a.is_seed"
    )
    one, many = ({url: rest for url, *rest in rows(c.db, sql)} for c in (single, distributed))
    assert all(page is not None for _, _, page in many.values())
    both = one.keys() & many.keys()
    assert both
    for url in both:
        assert many[url][:2] == one[url][:2], url  # the content hash and the signature
        assert decompress_html(many[url][2]) == decompress_html(one[url][2]), url


def test_no_page_is_fetched_twice(distributed: Crawl) -> None:
    assert distributed.hits
    assert fetched_twice(distributed.hits) == {}


def test_both_workers_fetched_and_the_run_counts_them(distributed: Crawl) -> None:
    fetched = []
    for name in ("a", "b"):
        line = next(s for s in distributed.outputs[name][1].splitlines() if "pages fetched:" in s)
        fetched.append(int(line.split(":")[1]))
    assert min(fetched) > 0
    run = rows(distributed.db, "SELECT count(*), max(pages_fetched), max(status) FROM runs")
    assert run == [(1, sum(fetched), "finished")]
    assert rows(distributed.db, "SELECT DISTINCT run_id FROM leads") == [(1,)]


def test_the_crawl_leaves_nothing_in_redis(distributed: Crawl, redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    assert list(server.scan_iter(match=CrawlKeys("two").prefix + "*")) == []


def test_a_shared_crawl_skips_what_the_user_rejected(
    web: tuple[DemoWeb, RequestLog], single: Crawl, redis_url: str, tmp_path: Path
) -> None:
    served, log = web
    db = tmp_path / "corpus.duckdb"
    shutil.copy(single.db, db)
    [(kept, copy)] = rows(db, "SELECT a.url, d.url FROM duplicates d JOIN articles a "
                              "ON a.id = d.article_id ORDER BY d.url LIMIT 1")  # fmt: skip
    result = subprocess.run(command("reject", "--db", str(db), kept), capture_output=True)
    assert result.returncode == 0, result.stderr
    log.take()
    writer = start_writer(tmp_path, db, redis_url, "after-reject")
    worker = start_worker(tmp_path, "a", served, redis_url, "after-reject", *FAST)
    for code, _, err in (worker.finish(), writer.finish()):
        assert code == 0, err[-3000:]
    hits = log.take()
    assert hits
    for url in (kept, copy):
        parts = urlsplit(url)
        assert hits[(parts.port, parts.path)] == 0, url
    assert rows(db, f"SELECT count(*) FROM articles WHERE url IN ('{kept}', '{copy}')") == [(0,)]


# -- a worker killed mid-crawl -------------------------------------------------------------


def leased_urls(server: redis.Redis, keys: CrawlKeys, worker: str) -> set[str]:
    """URLs of the requests a worker holds (scrapy-redis pickles requests as dicts)."""
    held = server.hvals(keys.leases(worker))
    return {canonicalize_url(pickle.loads(data)["url"]) for data in held}


@pytest.fixture(scope="module")
def recovered(
    web: tuple[DemoWeb, RequestLog],
    distributed: Crawl,
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Crawl, set[str]]:
    """Two workers and a writer. One worker is SIGKILLed while it holds requests and a third
    takes its place; then the writer is SIGKILLed with messages not committed, and a second
    writer finishes the crawl."""
    served, log = web
    folder = tmp_path_factory.mktemp("recovery")
    db = folder / "corpus.duckdb"
    keys = CrawlKeys("kill")
    server = redis.Redis.from_url(redis_url)
    # Slow enough to be caught with requests in hand even on a busy machine (each request
    # waits in its outlet's download slot, leased); dead after 10 s without a heartbeat (a
    # live worker starved of CPU by the rest of a parallel test run was taken for dead
    # after 3 s, and its requests fetched again by the others).
    slow = ("-s", "DOWNLOAD_DELAY=0.8", "-s", "AUTOTHROTTLE_ENABLED=0",
            "-s", "COLLECTOR_WORKER_TIMEOUT=10", "-s", "COLLECTOR_HEARTBEAT=0.5")  # fmt: skip
    log.take()
    # The first writer commits nothing on its own: it dies with every message it took.
    hold = ("-s", "COLLECTOR_WRITER_INTERVAL=3600", "-s", "COLLECTOR_STORE_BATCH=100000")
    writer = start_writer(folder, db, redis_url, "kill", *slow, *hold)
    victim = start_worker(folder, "victim", served, redis_url, "kill", *slow)
    victim_id = f"{os.uname().nodename}-{victim.popen.pid}"
    deadline = time.monotonic() + 60
    # The other worker joins once the victim holds requests: started together, a quick one
    # could take the whole frontier and leave the victim nothing to hold.
    while server.hlen(keys.leases(victim_id)) < 1:
        assert time.monotonic() < deadline, "the victim never held requests"
        assert victim.popen.poll() is None, victim.err.read_text()[-3000:]
        time.sleep(0.02)
    other = start_worker(folder, "other", served, redis_url, "kill", *slow)
    # Mid-crawl: the writer has had messages beyond the 5 seeds and the victim holds requests.
    while int(server.get(keys.pending_seq) or 0) < 7 or server.hlen(keys.leases(victim_id)) < 1:
        assert time.monotonic() < deadline, "the victim never held requests mid-crawl"
        assert victim.popen.poll() is None, victim.err.read_text()[-3000:]
        time.sleep(0.02)
    victim.popen.send_signal(signal.SIGKILL)
    victim.popen.wait(10)
    lost = leased_urls(server, keys, victim_id)
    assert lost, "the victim held no request when killed"
    rescuer = start_worker(folder, "rescuer", served, redis_url, "kill", *slow)
    taken = int(server.get(keys.pending_seq) or 0)
    while int(server.get(keys.pending_seq) or 0) < taken + 3:
        assert time.monotonic() < deadline, "the writer took no more messages"
        time.sleep(0.02)
    writer.popen.send_signal(signal.SIGKILL)
    writer.popen.wait(10)
    assert server.hlen(keys.pending) >= taken + 3
    first = ("killed", writer.out.read_text(), writer.err.read_text())
    writer = start_writer(folder, db, redis_url, "kill", *slow, name="writer2")
    outputs = {"other": other.finish(), "rescuer": rescuer.finish(), "writer": writer.finish()}
    for name, (code, _, err) in outputs.items():
        assert code == 0, (name, err[-3000:])
    outputs["first writer"] = first
    return Crawl(db, log.take(), outputs), lost


def test_killed_processes_lose_no_lead_and_no_article(
    web: tuple[DemoWeb, RequestLog], single: Crawl, recovered: tuple[Crawl, set[str]]
) -> None:
    served, _ = web
    crawl, _ = recovered
    sql = "SELECT url FROM articles WHERE NOT is_seed"
    assert stories(served, {r[0] for r in rows(crawl.db, sql)}) == stories(
        served, {r[0] for r in rows(single.db, sql)}
    )
    assert rows(crawl.db, "SELECT count(*) FROM articles WHERE is_seed") == [(5,)]
    assert rows(crawl.db, "SELECT count(*), count(DISTINCT content_hash) FROM articles") == rows(
        single.db, "SELECT count(*), count(DISTINCT content_hash) FROM articles"
    )
    logs = "".join(err for _, _, err in crawl.outputs.values())
    assert "Requeued" in logs
    assert "Replaying" in crawl.outputs["writer"][2]
    assert rows(crawl.db, "SELECT count(*), max(status) FROM runs") == [(1, "finished")]


def test_only_the_killed_workers_requests_are_fetched_again(
    recovered: tuple[Crawl, set[str]],
) -> None:
    crawl, lost = recovered
    twice = fetched_twice(crawl.hits)
    again = {canonicalize_url(f"http://127.0.0.1:{port}{path}") for port, path in twice}
    assert again <= lost
    assert max(twice.values(), default=2) == 2


# -- mistakes get one clear line -----------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=TIMEOUT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def assert_user_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_an_unreachable_redis_is_named(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    assert_user_error(run_cli("grow", "--redis", url), "cannot reach Redis", url)
    assert_user_error(
        run_cli("store-worker", "--db", str(tmp_path / "c.duckdb"), "--redis", url),
        "cannot reach Redis",
    )


def test_a_bad_crawl_name_is_refused(redis_url: str) -> None:
    assert_user_error(run_cli("grow", "--redis", redis_url, "--crawl", "a b"), "--crawl")


def test_a_worker_without_writer_says_what_to_start(redis_url: str) -> None:
    result = run_cli(
        "grow", "--redis", redis_url, "--crawl", "lonely", "-s", "COLLECTOR_WAIT_FOR_WRITER=1"
    )
    assert_user_error(result, "store-worker")


def test_a_second_writer_is_refused(redis_url: str, tmp_path: Path) -> None:
    server = redis.Redis.from_url(redis_url)
    server.set(CrawlKeys("busy").writer, "writer-elsewhere-1", px=60_000)
    db = tmp_path / "c.duckdb"
    result = run_cli(
        "store-worker", "--db", str(db), "--redis", redis_url, "--crawl", "busy",
        "-s", "COLLECTOR_WORKER_TIMEOUT=1",
    )  # fmt: skip
    assert_user_error(result, "another store-worker")
    assert not db.exists()
    assert server.get(CrawlKeys("busy").writer) == b"writer-elsewhere-1"


def test_a_writer_on_a_file_that_is_no_corpus_stops_cleanly(redis_url: str, tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("these are my notes\n")
    result = run_cli("store-worker", "--db", str(db), "--redis", redis_url, "--crawl", "bad")
    assert_user_error(result, str(db))
    assert db.read_text() == "these are my notes\n"
    server = redis.Redis.from_url(redis_url)
    assert not server.exists(CrawlKeys("bad").writer)
    assert not server.exists(CrawlKeys("bad").run)


def test_the_writer_reextracts_what_was_stored_before_an_outlets_template_was_learned(
    redis_url: str, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    seeds = Path(__file__).parents[1] / "seeds"
    with serving(KayaHandler) as url:
        writer = start_writer(tmp_path, db, redis_url, "kaya")
        worker = Process.start(
            tmp_path, "worker", "grow", "--redis", redis_url, "--crawl", "kaya", "--seeds",
            str(seeds), f"--search=rss={url}/search?q={{query}}", "--allow-private-hosts",
            "--set=COLLECTOR_RELEVANCE_FEEDBACK_WAIT=0", *FAST,
        )  # fmt: skip
        outputs = {"worker": worker.finish(), "writer": writer.finish()}
    for name, (code, _, err) in outputs.items():
        assert code == 0, (name, err[-3000:])
    texts = dict(rows(db, "SELECT url, text FROM articles WHERE NOT is_seed"))
    [(changed,)] = rows(db, "SELECT json_extract(stats, '$.extract/reextracted') FROM runs")
    check_reextracted(texts, int(changed))
