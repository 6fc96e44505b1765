"""Distributed-crawl benchmark: throughput of 1, 2 and 4 ``collector grow`` workers.

Serves a synthetic news web on loopback (a few thousand article pages about the seeds' story,
spread over several outlets, each page linking to the next and to random others, plus a
GDELT-shaped search endpoint), starts a real redis-server, and for each worker count runs one
``collector store-worker`` and N workers until the crawl is over. Throughput is counted by the
web server: article pages served per second between the first and the last one. Every worker
count crawls the same web into a fresh corpus.

Usage::

    .venv/bin/python bench/distributed.py [--pages 2000] [--workers 1,2,4] [--outlets 8]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import redis  # noqa: E402
from wordfreq import top_n_list  # noqa: E402

from collector.store import Store  # noqa: E402

PHRASES = (
    "Kenyan police officers", "the Multinational Security Support mission",
    "President William Ruto", "gangs in Port-au-Prince", "the Haitian National Police",
    "the UN Security Council", "the MSS mission in Haiti", "gang violence in Haiti",
    "the Kenyan contingent", "peacekeeping efforts in Haiti", "security forces in Haiti",
    "the mission's mandate", "Kenyan officers deployed to Haiti", "Haitian officials",
    "the United Nations",
)  # fmt: skip
ARTICLE_PATH = re.compile(r"^/news/\d+/")


def words(rng: random.Random, vocabulary: list[str], low: int, high: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(low, high)))


def sentence(rng: random.Random, vocabulary: list[str]) -> str:
    return (
        f"{rng.choice(PHRASES)} {words(rng, vocabulary, 5, 9)} {rng.choice(PHRASES)} "
        f"{words(rng, vocabulary, 2, 4)}."
    )


@dataclass
class Page:
    path: str
    title: str
    body: list[str]
    links: list[int] = field(default_factory=list)


def build_pages(count: int, seed: int) -> list[Page]:
    """Article pages on the story, each unique; page i links to i + 1 and to 7 others."""
    rng = random.Random(seed)
    vocabulary = [w for w in top_n_list("en", 4000) if w.isalpha() and len(w) > 3]
    pages = []
    for i in range(count):
        title = f"{rng.choice(PHRASES)} {words(rng, vocabulary, 3, 5)}".capitalize()
        slug = "-".join(re.findall(r"[a-z]+", title.lower())[:8])
        body = [" ".join(sentence(rng, vocabulary) for _ in range(4)) for _ in range(6)]
        pages.append(Page(f"/news/{i:05d}/{slug}", title, body))
    for i, page in enumerate(pages):
        page.links = [(i + 1) % count, *rng.sample(range(count), 7)]
    return pages


def render(page: Page, outlet: str, url_of: list[str], pages: list[Page]) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in page.body)
    related = "".join(
        f'<li><a href="{url_of[j]}">{pages[j].title}</a> - {pages[j].body[0][:160]}</li>'
        for j in page.links
    )
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{page.title} | {outlet}</title></head><body>"
        f'<header><nav><a href="/">{outlet}</a></nav></header><main><article>'
        f"<h1>{page.title}</h1><p>By Staff Reporter, {outlet}</p>"
        f'<time datetime="2024-10-01T09:00:00Z">1 October 2024</time>{paragraphs}</article>'
        f"<aside><h2>Related coverage</h2><ul>{related}</ul></aside></main>"
        f"<footer>&copy; {outlet}</footer></body></html>"
    )
    return html.encode()


class Web:
    """The synthetic web on loopback: one server per outlet plus a search server. Counts the
    article pages it serves and when."""

    def __init__(self, pages: list[Page], outlets: int) -> None:
        self.servers = [_server(self) for _ in range(outlets + 1)]
        bases = [f"http://127.0.0.1:{s.server_address[1]}" for s in self.servers]
        url_of = [bases[i % outlets] + p.path for i, p in enumerate(pages)]
        self.bodies: dict[tuple[int, str], bytes] = {}
        for i, page in enumerate(pages):
            port = self.servers[i % outlets].server_address[1]
            self.bodies[(port, page.path)] = render(page, f"Outlet {i % outlets}", url_of, pages)
        hubs = [{"url": url_of[i], "title": pages[i].title} for i in range(0, len(pages), 97)]
        search = self.servers[-1].server_address[1]
        self.bodies[(search, "/search")] = json.dumps({"articles": hubs}).encode()
        self.search = f"gdelt={bases[-1]}/search?query={{query}}"
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.hits: Counter[str] = Counter()
            self.first = self.last = 0.0

    def answer(self, port: int, path: str) -> tuple[int, bytes]:
        key = (port, urlsplit(path).path)
        if key[1] == "/robots.txt":
            return 200, b"User-agent: *\nDisallow:\n"
        body = self.bodies.get(key)
        if body is None:
            return 404, b"not found"
        if ARTICLE_PATH.match(key[1]):
            with self.lock:
                now = time.monotonic()
                self.first = self.first or now
                self.last = now
                self.hits[f"{port}{key[1]}"] += 1
        return 200, body

    def __enter__(self) -> Web:
        for server in self.servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def _server(web: Web) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            status, body = web.answer(self.server.server_address[1], self.path)
            content_type = "application/json" if self.path.startswith("/search") else "text/html"
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    return server


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed: apt-get install redis-server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(10)


def collector(*args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as err, log.with_suffix(".out").open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "collector.cli", *args], stdout=out, stderr=err, cwd=REPO_ROOT
        )


def fetched_by(out: Path) -> int:
    """The pages a worker says it fetched."""
    match = re.search(r"pages fetched: (\d+)", out.read_text())
    return int(match.group(1)) if match else 0


@dataclass
class Result:
    workers: int
    pages: int
    seconds: float
    wall: float
    stored: int
    twice: int
    shares: list[int]
    cpu: float
    load: float

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def crawl(web: Web, redis_url: str, workers: int, folder: Path) -> Result:
    """One crawl of the whole web by ``workers`` workers and one writer."""
    db, name = folder / f"corpus-{workers}.duckdb", f"bench-{workers}"
    common = ("--redis", redis_url, "--crawl", name, "-s", "COLLECTOR_WORKER_TIMEOUT=30")
    web.reset()
    cpu_before = _children_cpu()
    started = time.monotonic()
    writer = collector("store-worker", "--db", str(db), *common, log=folder / f"w{workers}.err")
    ready = redis.Redis.from_url(redis_url)
    while ready.get(f"collector:{name}:run") is None:
        if writer.poll() is not None:
            sys.exit(f"store-worker failed, see {folder}/w{workers}.err")
        time.sleep(0.05)
    flags = (
        "--search", web.search, "--allow-private-hosts", "--seeds", str(REPO_ROOT / "seeds"),
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "COLLECTOR_MAX_DEPTH=100000",
        "-s", "COLLECTOR_MAX_PAGES_PER_OUTLET=1000000",
    )  # fmt: skip
    procs = [
        collector("grow", *common, *flags, log=folder / f"g{workers}-{i}.err")
        for i in range(workers)
    ]
    codes = [p.wait() for p in procs] + [writer.wait()]
    wall = time.monotonic() - started
    cpu = _children_cpu() - cpu_before
    if any(codes):
        sys.exit(f"a process failed ({codes}); logs in {folder}")
    stored = Store(db).query("SELECT count(*) FROM articles WHERE NOT is_seed")[1][0][0]
    shares = [fetched_by(folder / f"g{workers}-{i}.out") for i in range(workers)]
    return Result(
        workers, sum(web.hits.values()), web.last - web.first, wall, stored,
        sum(1 for n in web.hits.values() if n > 1), shares, cpu, os.getloadavg()[0],
    )  # fmt: skip


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--outlets", type=int, default=8)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    pages = build_pages(args.pages, args.seed)
    folder = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    results = []
    with redis_server(folder) as url, Web(pages, args.outlets) as web:
        for workers in counts:
            result = crawl(web, url, workers, folder)
            results.append(result)
            print(f"  {workers} worker(s): {result.pages} pages in {result.seconds:.1f} s",
                  flush=True)  # fmt: skip
    base = results[0].rate
    print(f"\nSynthetic web: {args.pages} article pages on {args.outlets} outlets, loopback")
    print(f"{os.cpu_count()} cores; load average at each end: the machine's other work")
    print(
        "workers  pages  fetched twice  stored  crawl s  pages/s  vs 1  wall s  "
        "CPU s/page  load  pages per worker"
    )
    for r in results:
        print(
            f"{r.workers:7d}  {r.pages:5d}  {r.twice:13d}  {r.stored:6d}  {r.seconds:7.1f}  "
            f"{r.rate:7.1f}  {r.rate / base:4.2f}  {r.wall:6.1f}  {r.cpu / r.pages:10.3f}  "
            f"{r.load:4.1f}  {' '.join(map(str, r.shares))}"
        )
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
