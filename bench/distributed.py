"""Distributed-crawl benchmark: throughput of 1, 2 and 4 ``collector grow`` workers.

Crawls the synthetic news web of the throughput benchmark (``bench/throughput.py``: articles
of 30-150 KB of HTML about the seeds' story over several outlets, with robots.txt, news
sitemaps and a static RSS search answer, served as static files by Debian's nginx in its own
processes), starts a real redis-server, and for each worker count runs one
``collector store-worker`` and N workers until the crawl is over. Throughput is counted from
nginx's access log: article pages served per second between the first and the last one, and
URLs served more than once. Every worker count crawls the same web into a fresh corpus.

Usage::

    .venv/bin/python bench/distributed.py [--pages 2000] [--workers 1,2,4] [--outlets 4]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import redis  # noqa: E402
from throughput import (  # noqa: E402
    FETCH_SETTINGS,
    Nginx,
    free_ports,
    load_vocabulary,
    plan_outlets,
    redis_server,
    write_search,
    write_site,
)

from collector.store import Store  # noqa: E402


class Web:
    """The throughput benchmark's web behind nginx, with an access log read per crawl."""

    def __init__(self, folder: Path, pages: int, outlets: int, seed: int) -> None:
        vocab = load_vocabulary(REPO_ROOT / "seeds")
        *ports, search_port = free_ports(outlets + 1)
        self.outlets = plan_outlets(random.Random(seed), vocab, pages, ports)
        self.site = folder / "site"
        write_site(self.site, self.outlets, vocab, seed)
        write_search(self.site, self.outlets)
        folder.chmod(0o755)  # nginx's workers run as another user
        self.log = folder / "access.log"
        self.nginx = Nginx(self.site, self.outlets, search_port, self.log)
        self.search = f"rss=http://127.0.0.1:{search_port}/search?q={{query}}"
        self.offset = 0

    def take(self) -> tuple[Counter[str], float]:
        """Article pages served since the last call (per port and path), and the seconds
        between the first and the last."""
        with self.log.open() as log:
            log.seek(self.offset)
            lines = log.read().splitlines()
            self.offset = log.tell()
        hits: Counter[str] = Counter()
        times = []
        for line in lines:
            port, path, when = line.split()
            if path.endswith(".html"):
                hits[f"{port}{path}"] += 1
                times.append(float(when))
        return hits, (max(times) - min(times)) if times else 0.0

    def __enter__(self) -> Web:
        self.nginx.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.nginx.__exit__(*exc)


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


def crawl(web: Web, redis_url: str, workers: int, folder: Path, pages: int) -> Result:
    """One crawl of the whole web by ``workers`` workers and one writer."""
    db, name = folder / f"corpus-{workers}.duckdb", f"bench-{workers}"
    common = ("--redis", redis_url, "--crawl", name, "-s", "COLLECTOR_WORKER_TIMEOUT=30")
    web.take()
    cpu_before = _children_cpu()
    started = time.monotonic()
    writer = collector("store-worker", "--db", str(db), *common, log=folder / f"w{workers}.err")
    ready = redis.Redis.from_url(redis_url)
    while ready.get(f"collector:{name}:run") is None:
        if writer.poll() is not None:
            sys.exit(f"store-worker failed, see {folder}/w{workers}.err")
        time.sleep(0.05)
    flags = ["--search", web.search, "--allow-private-hosts", "--seeds", str(REPO_ROOT / "seeds"),
             "-s", f"COLLECTOR_MAX_PAGES_PER_OUTLET={pages + 10}"]  # fmt: skip
    for setting, value in FETCH_SETTINGS.items():
        flags += ["-s", f"{setting}={value}"]
    procs = [
        collector("grow", *common, *flags, log=folder / f"g{workers}-{i}.err")
        for i in range(workers)
    ]
    codes = [p.wait() for p in procs] + [writer.wait()]
    wall = time.monotonic() - started
    cpu = _children_cpu() - cpu_before
    if any(codes):
        sys.exit(f"a process failed ({codes}); logs in {folder}")
    hits, seconds = web.take()
    stored = Store(db).query("SELECT count(*) FROM articles WHERE NOT is_seed")[1][0][0]
    shares = [fetched_by(folder / f"g{workers}-{i}.out") for i in range(workers)]
    return Result(
        workers, sum(hits.values()), seconds, wall, stored,
        sum(1 for n in hits.values() if n > 1), shares, cpu, os.getloadavg()[0],
    )  # fmt: skip


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--outlets", type=int, default=4)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the synthetic web")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    results = []
    with redis_server(folder) as url, Web(folder, args.pages, args.outlets, args.seed) as web:
        for workers in counts:
            result = crawl(web, url, workers, folder, args.pages)
            results.append(result)
            print(f"  {workers} worker(s): {result.pages} pages in {result.seconds:.1f} s",
                  flush=True)  # fmt: skip
    base = results[0].rate
    print(f"\nThe throughput benchmark's web: {args.pages} article pages on {args.outlets} "
          "outlets, nginx on loopback")  # fmt: skip
    print(f"{os.cpu_count()} cores; load average at each end: the machine's other work")
    print(
        "workers  pages  fetched twice  stored  crawl s  pages/s  vs 1  wall s  "
        "CPU s/page  load  pages per worker"
    )
    for r in results:
        print(
            f"{r.workers:7d}  {r.pages:5d}  {r.twice:13d}  {r.stored:6d}  {r.seconds:7.1f}  "
            f"{r.rate:7.1f}  {r.rate / base:4.2f}  {r.wall:6.1f}  {r.cpu / max(r.pages, 1):10.3f}  "
            f"{r.load:4.1f}  {' '.join(map(str, r.shares))}"
        )
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
