"""Throughput benchmark: is the collector limited by the CPU, or by how it is wired?

Every page costs one fetch (Scrapy) and one extraction (trafilatura). With ``n`` cores the CPU
allows at most ``L = n / (1/a + 1/b)`` pages per second, where, over the same pages,

- (a) is bare ``trafilatura.extract`` on one core (pages/s),
- (b) is bare Scrapy with a spider that does nothing with the pages, one process (pages/s),

and the bench compares it with

- (c) the collector's end-to-end throughput: ``collector grow`` fetching, extracting, gating,
  deduplicating and storing the pages (articles stored per second of the crawl),
- (d) the crawl's peak memory (RSS summed over its process tree, sampled from ``/proc``) and
  the DuckDB write throughput (``Store.write`` batches),

printing ``ratio = c / L`` on a line of its own. It also measures the start-up of a crawl on a
corpus of a million articles (``Store.load_state`` and the near-duplicate index) and the
collector's own extraction (``extract_article``: two trafilatura passes, dates, cleaning) on
the same sample, so the figures say where the time goes.

The synthetic news web: ``--pages`` articles (30-150 KB of HTML each: inline CSS and scripts,
JSON-LD, navigation, "Latest Stories" and "More from" teasers, footer, comment form) spread
over ``--outlets`` outlets, deterministic for a given ``--seed``. Article text is drawn from
the seeds' topic profile (a fifth of the words) and common English words, so every article
is on the seeds' story and passes the default relevance gate, and no two are copies. Each
outlet has robots.txt, a sitemap index and news sitemaps; a static RSS search answer lists
the first article of each outlet. The collector crawls it as it would the web: the search
hits are relevant, so their outlets' sitemaps are read and every article is fetched.

The pages are served as static files by Debian's nginx, in its own processes, one port per
outlet (installed with apt-get when missing: the bench needs root or nginx on the PATH).

Usage::

    .venv/bin/python bench/throughput.py [--pages 20000] [--outlets 4] [--out FILE]
    .venv/bin/python bench/throughput.py --pages 2000 --startup-articles 100000   # quick
    .venv/bin/python bench/throughput.py --jemalloc   # the crawl on jemalloc (LD_PRELOAD)
    .venv/bin/python bench/throughput.py --crawls 4   # 4 crawl processes on one frontier
"""

from __future__ import annotations

import argparse
import ctypes.util
import json
import logging
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

logger = logging.getLogger(__name__)

FETCH_SETTINGS = {
    # The same download settings for the bare spider and the collector: no politeness
    # delays against our own loopback server, enough requests in flight to keep it busy.
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "LOGSTATS_INTERVAL": 10,
}
# Cores one crawl process keeps busy, (its own CPU + its workers') / its own per article:
# 3.0 measured here (README, "Cores"). ``--crawls auto`` runs one crawl process per this many.
CORES_PER_CRAWL = 3.0
STORY_SHARE = 0.2
FIRST_NAMES = "Amina Brian Carine Daniel Esther Farah Grace Henri Imani Joseph Kioko Lucie".split()
LAST_NAMES = "Baptiste Charles Dorvil Etienne Kamau Mwangi Njoroge Odhiambo Pierre Wanjiru".split()
OUTLET_NAMES = "Courier Observer Tribune Herald Star Times Post".split()
SECTIONS = "world africa americas politics security business sport culture opinion".split()


# -- the synthetic news web ----------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """Words the synthetic articles are made of."""

    story: list[str]  # the seeds' topic terms (words and two-word phrases)
    common: list[str]  # general English words


def load_vocabulary(seeds: Path) -> Vocabulary:
    """The seeds' profile terms and wordfreq's most frequent English words."""
    from wordfreq import top_n_list

    from collector.relevance import build_profile
    from collector.seeds import load_seeds

    seedset = load_seeds(seeds)
    profile = build_profile([f"{s.title}\n{s.text}" for s in seedset.seeds])
    story = [term for term, _ in profile.top_terms(80)]
    common = [w for w in top_n_list("en", 8000) if w.isalpha() and len(w) > 1]
    return Vocabulary(story, common)


def sentence(rng: random.Random, vocab: Vocabulary, words: int) -> str:
    """One sentence: a fifth of the words from the story, the rest common English."""
    out = [
        rng.choice(vocab.story) if rng.random() < STORY_SHARE else rng.choice(vocab.common)
        for _ in range(words)
    ]
    text = " ".join(out)
    return text[:1].upper() + text[1:] + rng.choice(".....?!")


def headline(rng: random.Random, vocab: Vocabulary) -> str:
    """A headline of story terms and common words."""
    words = [rng.choice(vocab.story) if i % 2 else rng.choice(vocab.common) for i in range(8)]
    return " ".join(w.capitalize() for w in words)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70]


@dataclass
class Outlet:
    """One outlet of the synthetic web: its name, port and articles."""

    index: int
    port: int
    name: str
    articles: list[tuple[str, str, datetime]] = field(default_factory=list)  # path, title, date

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def plan_outlets(
    rng: random.Random, vocab: Vocabulary, pages: int, ports: Sequence[int]
) -> list[Outlet]:
    """Decide every article's outlet, URL path, headline and date."""
    outlets = [
        Outlet(i, port, f"{rng.choice(['Daily', 'Weekly', 'Evening'])} {name} {i}")
        for i, (port, name) in enumerate(
            zip(ports, OUTLET_NAMES * (len(ports) // len(OUTLET_NAMES) + 1), strict=False)
        )
    ]
    start = datetime(2024, 6, 1, 6, 0, tzinfo=UTC)
    for n in range(pages):
        outlet = outlets[n % len(outlets)]
        title = headline(rng, vocab)
        when = start + timedelta(minutes=37 * n)
        section = rng.choice(SECTIONS)
        path = f"/{section}/{when:%Y/%m/%d}/{slugify(title)}-{n}.html"
        outlet.articles.append((path, title, when))
    return outlets


CSS_RULE = ".{name} {{ margin: {a}px {b}px; padding: {b}px; color: #{c:06x}; font-size: {d}px; }}\n"
SCRIPT_LINE = 'window.dataLayer.push({{"event": "{name}", "slot": "{slot}", "v": {v}}});\n'


def boilerplate_css(rng: random.Random, size: int) -> str:
    rules = []
    while sum(map(len, rules)) < size:
        rules.append(
            CSS_RULE.format(
                name=f"c-{rng.randrange(10**6):x}", a=rng.randrange(40), b=rng.randrange(20),
                c=rng.randrange(1 << 24), d=rng.randrange(10, 30),
            )
        )  # fmt: skip
    return "".join(rules)


def boilerplate_script(rng: random.Random, size: int) -> str:
    lines = ["window.dataLayer = window.dataLayer || [];\n"]
    while sum(map(len, lines)) < size:
        lines.append(
            SCRIPT_LINE.format(
                name=rng.choice(["view", "scroll", "ad_load", "consent", "video"]),
                slot=f"div-gpt-ad-{rng.randrange(10**8)}", v=rng.randrange(10**6),
            )
        )  # fmt: skip
    return "".join(lines)


def teaser_list(
    rng: random.Random, vocab: Vocabulary, outlet: Outlet, heading: str, n: int, teasers: bool
) -> str:
    """A promo block of links to other articles of the outlet ("Latest Stories", "More from")."""
    items = []
    for _ in range(n):
        path, title, _when = rng.choice(outlet.articles)
        summary = f"<p class='teaser'>{escape(sentence(rng, vocab, 18))}</p>" if teasers else ""
        items.append(f"<li><a href='{path}'>{escape(title)}</a>{summary}</li>")
    return f"<section class='promo'><h3>{heading}</h3><ul>{''.join(items)}</ul></section>\n"


def nav(outlet: Outlet, vocab: Vocabulary, links: int) -> str:
    """The outlet's menu: the same links on every page, as on a real site."""
    rng = random.Random(f"menu-{outlet.index}-{links}")
    items = [
        f"<li><a href='/{rng.choice(SECTIONS)}/{slugify(rng.choice(vocab.common))}/'>"
        f"{rng.choice(vocab.common).capitalize()}</a></li>"
        for _ in range(links)
    ]
    return "<ul class='menu'>" + "".join(items) + "</ul>"


def article_page(rng: random.Random, vocab: Vocabulary, outlet: Outlet, number: int) -> str:
    """One article page of 30-150 KB, boilerplate included."""
    path, title, when = outlet.articles[number]
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    paragraphs = [
        " ".join(sentence(rng, vocab, rng.randint(12, 28)) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(8, 22))
    ]
    body = []
    for i, text in enumerate(paragraphs):
        if i == 3 and len(outlet.articles) > 1:
            other_path, other_title, _ = rng.choice(outlet.articles)
            text += f" <a href='{other_path}'>{escape(other_title)}</a>."
        body.append(f"<p>{text}</p>")
        if i == 5:
            body.append("<div class='ad-slot'>Advertisement</div>")
    target = rng.randint(30_000, 150_000)
    url = outlet.base + path
    iso = when.isoformat()
    jsonld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
         "datePublished": iso, "dateModified": iso, "author": {"@type": "Person", "name": author},
         "publisher": {"@type": "Organization", "name": outlet.name}, "mainEntityOfPage": url}
    )  # fmt: skip
    article = (
        f"<article><h1>{escape(title)}</h1>"
        f"<div class='byline'>By <a rel='author' href='/author/{slugify(author)}/'>{author}</a>"
        f" <time datetime='{iso}'>{when:%B %d, %Y %H:%M}</time></div>"
        f"<figure><img src='/img/{number}.jpg' alt=''>"
        f"<figcaption>{escape(sentence(rng, vocab, 10))}</figcaption></figure>"
        f"<div class='article-body'>{''.join(body)}</div>"
        f"<div class='share'>Share this article: Facebook Twitter WhatsApp Email</div></article>"
    )
    fixed = 4000 + len(article)
    budget = max(target - fixed, 6000)
    css, script = boilerplate_css(rng, budget // 4), boilerplate_script(rng, budget // 4)
    rest = budget - len(css) - len(script)
    teasers = []
    while rest > 0:
        heading = rng.choice(["Latest Stories", f"More from {outlet.name}", "Most Read", "Related"])
        block = teaser_list(rng, vocab, outlet, heading, rng.randint(5, 10), teasers=True)
        teasers.append(block)
        rest -= len(block)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} | {outlet.name}</title>"
        f"<link rel='canonical' href='{url}'><meta property='og:title' content='{escape(title)}'>"
        f"<meta property='og:site_name' content='{outlet.name}'>"
        f"<meta name='description' content='{escape(paragraphs[0][:150])}'>"
        f"<meta property='article:published_time' content='{iso}'>"
        f"<link rel='alternate' type='application/rss+xml' href='{outlet.base}/feed.xml'>"
        f"<script type='application/ld+json'>{jsonld}</script>"
        f"<style>{css}</style><script>{script}</script></head><body>"
        f"<header><div class='logo'><a href='/'>{outlet.name}</a></div>"
        f"<nav>{nav(outlet, vocab, 60)}</nav>"
        "<form class='search'><input name='q'><button>Search</button></form></header>"
        f"<main><div class='content'>{article}</div>"
        f"<aside>{''.join(teasers)}</aside></main>"
        "<section class='comments'><h3>Leave a comment</h3><form><textarea></textarea>"
        "<button>Post comment</button></form></section>"
        f"<footer>{nav(outlet, vocab, 40)}<p>© 2024 {outlet.name}. All rights reserved.</p>"
        "<div class='newsletter'>Subscribe to our newsletter</div></footer></body></html>"
    )


def write_site(
    root: Path, outlets: list[Outlet], vocab: Vocabulary, seed: int
) -> list[tuple[str, Path]]:
    """Write every outlet's pages, robots.txt and sitemaps; return each article's URL and file."""
    urls = []
    for outlet in outlets:
        base = root / f"outlet{outlet.index}"
        for number, (path, _title, _when) in enumerate(outlet.articles):
            rng = random.Random(f"{seed}-{outlet.index}-{number}")
            target = base / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(article_page(rng, vocab, outlet, number), encoding="utf-8")
            urls.append((outlet.base + path, target))
        write_sitemaps(base, outlet)
    return urls


def write_sitemaps(base: Path, outlet: Outlet, per_file: int = 1000) -> None:
    """robots.txt pointing at a sitemap index of news sitemaps with every article."""
    (base / "robots.txt").write_text(
        f"User-agent: *\nDisallow: /search\nSitemap: {outlet.base}/sitemap-index.xml\n"
    )
    children = []
    for k in range(0, len(outlet.articles), per_file):
        entries = "".join(
            f"<url><loc>{outlet.base}{path}</loc><news:news><news:publication><news:name>"
            f"{outlet.name}</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>{when.isoformat()}</news:publication_date>"
            f"<news:title>{escape(title)}</news:title></news:news></url>"
            for path, title, when in outlet.articles[k : k + per_file]
        )
        name = f"sitemap-{k // per_file}.xml"
        (base / name).write_text(
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{entries}</urlset>"
        )
        children.append(f"<sitemap><loc>{outlet.base}/{name}</loc></sitemap>")
    (base / "sitemap-index.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{''.join(children)}</sitemapindex>"
    )


def write_search(root: Path, outlets: list[Outlet]) -> None:
    """A static RSS search answer: the first article of each outlet."""
    items = "".join(
        f"<item><title>{escape(o.articles[0][1])}</title><link>{o.base}{o.articles[0][0]}</link>"
        f"<description>{escape(o.articles[0][1])}</description></item>"
        for o in outlets
        if o.articles
    )
    folder = root / "search"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "search.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Search</title>'
        f"{items}</channel></rss>"
    )


# -- the server ----------------------------------------------------------------------------


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 right now."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def ensure_debian_tool(binary: str, package: str, purpose: str) -> str:
    """The path of ``binary``, installed from Debian's ``package`` when missing.

    Raises:
        SystemExit: the binary is missing and cannot be installed (not root, no apt-get).
    """
    sbin = "/usr/sbin:/usr/local/sbin:/usr/bin"
    found = shutil.which(binary) or shutil.which(binary, path=sbin)
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(f"bench: {binary} is needed {purpose}; apt-get install {package}")
    print(f"Installing {package} (apt-get) {purpose} ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)
    found = shutil.which(binary, path=sbin)
    if not found:
        raise SystemExit(f"bench: {package} was installed but {binary} is not on the PATH")
    return found


def nginx_config(
    root: Path, outlets: list[Outlet], search_port: int, access_log: Path | None = None
) -> str:
    """One server per outlet port, static files only; an access log of port, path and time
    (``access_log``) or none."""
    temp = root / "nginx-tmp"
    log = (
        f"log_format bench '$server_port $uri $msec'; access_log {access_log} bench;"
        if access_log
        else "access_log off;"
    )
    servers = [
        f"server {{ listen 127.0.0.1:{o.port}; root {root / f'outlet{o.index}'}; }}"
        for o in outlets
    ]
    servers.append(
        f"server {{ listen 127.0.0.1:{search_port}; root {root / 'search'}; "
        "location / { try_files /search.xml =404; } }"
    )
    return (
        f"worker_processes 1; pid {root / 'nginx.pid'}; error_log {root / 'nginx-error.log'};\n"
        "events { worker_connections 1024; }\n"
        "http { types { text/html html; application/xml xml; text/plain txt; }\n"
        f"default_type application/octet-stream; {log} sendfile on;\n"
        "keepalive_requests 100000;\n"
        f"client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; "
        f"fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi;\n"
        f"scgi_temp_path {temp}/scgi;\n" + "\n".join(servers) + "\n}\n"
    )


class Nginx:
    """nginx serving the synthetic web in the foreground, stopped on exit."""

    def __init__(
        self, root: Path, outlets: list[Outlet], search_port: int, access_log: Path | None = None
    ) -> None:
        self.root = root
        self.config = root / "nginx.conf"
        (root / "nginx-tmp").mkdir(exist_ok=True)
        self.config.write_text(nginx_config(root, outlets, search_port, access_log))
        self.ports = [o.port for o in outlets] + [search_port]
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Nginx:
        binary = ensure_debian_tool("nginx", "nginx-light", "to serve the synthetic web")
        self.process = subprocess.Popen(
            [binary, "-e", str(self.root / "nginx-error.log"), "-p", str(self.root),
             "-c", str(self.config), "-g", "daemon off;"],
        )  # fmt: skip
        deadline = time.monotonic() + 10
        for port in self.ports:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or self.process.poll() is not None:
                        log = (self.root / "nginx-error.log").read_text(errors="replace")
                        raise SystemExit(f"bench: nginx did not start:\n{log[-2000:]}") from None
                    time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def pids(self) -> list[int]:
        return process_tree(self.process.pid) if self.process else []


# -- measuring -----------------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from ``/proc``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def rss_bytes(pids: Sequence[int]) -> int:
    """Summed resident set size of the processes still alive."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    return total


def cpu_by_process(pids: Sequence[int]) -> dict[int, float]:
    """User + system CPU seconds of each process still alive."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time of the processes still alive."""
    return sum(cpu_by_process(pids).values())


class TreeSampler(threading.Thread):
    """Sample the RSS and CPU time of process trees every ``interval`` seconds.

    The roots are the crawl's own processes (Scrapy and the pipelines, or with ``--crawls``
    the crawl processes and the writer); their descendants are the extraction workers.
    """

    def __init__(self, roots: Sequence[int], interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.roots, self.interval = list(roots), interval
        self.samples: list[tuple[float, int, int, int]] = []  # s, RSS, processes, roots' RSS
        self.cpu: dict[int, float] = {}  # last CPU seconds seen per process
        self.done = threading.Event()

    def run(self) -> None:
        start = time.monotonic()
        while not self.done.is_set():
            pids = [pid for root in self.roots for pid in process_tree(root)]
            main = rss_bytes(self.roots)
            self.samples.append((time.monotonic() - start, rss_bytes(pids), len(pids), main))
            self.cpu.update(cpu_by_process(pids))
            self.done.wait(self.interval)

    def summary(self) -> dict[str, Any]:
        """Peak RSS, and the peak of each quarter of the run (flat once the crawl is going)."""
        if not self.samples:
            return {}
        end = self.samples[-1][0] or 1.0

        def by_quarter(column: int, of: Callable[[list[float]], float] = max) -> list[float]:
            quarters = [
                [x[column] for x in self.samples if q * end / 4 <= x[0] <= (q + 1) * end / 4]
                for q in range(4)
            ]
            return [round(of(values) / 1e6, 1) if values else 0.0 for values in quarters]

        main_cpu = sum(self.cpu.get(pid, 0.0) for pid in self.roots)
        return {
            "peak_rss_mb": round(max(x[1] for x in self.samples) / 1e6, 1),
            "peak_rss_mb_by_quarter": by_quarter(1),
            "peak_rss_mb_main_process_by_quarter": by_quarter(3),
            # Its mean says whether it grows with the pages, which write spikes hide in peaks.
            "mean_rss_mb_main_process_by_quarter": by_quarter(3, statistics.fmean),
            "max_processes": max(x[2] for x in self.samples),
            # Every 10th sample (5 s): whether the crawl's process levels off or keeps growing.
            "main_process_rss_mb_series": [
                (round(x[0]), round(x[3] / 1e6)) for x in self.samples[::10]
            ],
            # The main process runs Scrapy and the pipelines; the others are the workers.
            "cpu_s_main_process": round(main_cpu, 1),
            "cpu_s_other_processes": round(sum(self.cpu.values()) - main_cpu, 1),
            "cpu_s_by_root": [round(self.cpu.get(pid, 0.0), 1) for pid in self.roots],
        }


def run_sampled(
    command: list[str], log: Path, cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, dict[str, Any], str]:
    """Run a command with its process tree sampled; return wall seconds, memory, its log."""
    start = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        sampler = TreeSampler([process.pid])
        sampler.start()
        code = process.wait()
        sampler.done.set()
        sampler.join()
    wall = time.monotonic() - start
    text = log.read_text(errors="replace")
    if code != 0:
        raise SystemExit(f"bench: {' '.join(command[:4])} ... failed ({code}):\n{text[-3000:]}")
    return wall, sampler.summary(), text


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port, without persistence; its URL."""
    import redis

    binary = ensure_debian_tool("redis-server", "redis-server", "for --crawls")
    (port,) = free_ports(1)
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


def run_cluster(
    args: argparse.Namespace, db: Path, search: str, work: Path, env: dict[str, str] | None
) -> tuple[float, dict[str, Any], list[str], str]:
    """``--crawls`` crawl processes on one Redis frontier and their writer, sampled as one
    tree: the crawl processes and the writer are the roots, the writer first.

    Returns the seconds from every crawl process being registered (their imports done, as
    in Scrapy's ``elapsed_time_seconds`` of a single crawl) to the writer's exit, the
    samples' summary, the crawl processes' logs and the writer's log.
    """
    import redis

    from collector.distributed.keys import CrawlKeys

    keys = CrawlKeys("bench")
    with redis_server(work) as url:
        shared = ["--redis", url, "--crawl", keys.crawl, "-s", "COLLECTOR_WORKER_TIMEOUT=30"]
        logs = [work / "writer.log", *(work / f"crawl-{i}.log" for i in range(args.crawls))]
        outs = [log.open("w") for log in logs]

        def start(command: list[str], out: Any) -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT, env=env
            )

        client = redis.Redis.from_url(url)
        writer = start([sys.executable, "-m", "collector.cli", "store-worker", "--db", str(db),
                        "--log-level", "INFO", *shared], outs[0])  # fmt: skip
        while client.get(keys.run) is None and writer.poll() is None:
            time.sleep(0.05)
        crawls = [start(crawl_command(args, None, search) + shared, out) for out in outs[1:]]
        processes = [writer, *crawls]
        sampler = TreeSampler([p.pid for p in processes])
        sampler.start()
        while client.scard(keys.workers) < args.crawls and all(p.poll() is None for p in processes):
            time.sleep(0.05)
        started = time.monotonic()
        codes = [p.wait() for p in processes]
        elapsed = time.monotonic() - started
        sampler.done.set()
        sampler.join()
        for out in outs:
            out.close()
    texts = [log.read_text(errors="replace") for log in logs]
    if any(codes):
        failed = next(i for i, code in enumerate(codes) if code)
        raise SystemExit(f"bench: {logs[failed].name} failed ({codes[failed]}):\n"
                         f"{texts[failed][-3000:]}")  # fmt: skip
    return elapsed, sampler.summary(), texts[1:], texts[0]


def fresh(db: Path) -> Path:
    """``db`` with what an earlier run in the same folder left of it removed (the file, its
    WAL, lock, search index, HTTP cache and spills): a crawl on a kept corpus would resume
    its leads and find its articles again as copies."""
    for path in db.parent.glob(f"{db.stem}.*"):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    return db


def stat_value(log: str, name: str) -> float:
    """A number from the stats Scrapy dumps at the end of a crawl: the sum over the fresh
    processes a crawl went on in at its memory limit (one dump each)."""
    return sum(float(x) for x in re.findall(rf"'{re.escape(name)}': ([0-9.]+)", log))


def measure_extraction(paths: Sequence[Path], urls: Sequence[str]) -> dict[str, float]:
    """(a) bare trafilatura.extract, and the collector's extract_article, on one core."""
    import trafilatura

    from collector.extraction import extract_article

    pages = [p.read_text(encoding="utf-8") for p in paths]
    fetched = datetime.now(UTC)
    for html in pages[:3]:  # warm caches and lazy imports
        trafilatura.extract(html)
        extract_article(html, urls[0], fetched)
    start = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    bare = time.process_time() - start
    start = time.process_time()
    for html, url in zip(pages, urls, strict=True):
        extract_article(html, url, fetched)
    own = time.process_time() - start
    return {
        "pages": len(pages),
        "mean_html_kb": round(sum(map(len, pages)) / len(pages) / 1000, 1),
        "trafilatura_extract_per_s": round(len(pages) / bare, 2),
        "extract_article_per_s": round(len(pages) / own, 2),
    }


def measure_writes(db: Path, scratch: Path, batch_size: int) -> dict[str, float]:
    """DuckDB write throughput: the crawl's articles and pages rewritten through Store.write."""
    from collector.store import Batch, Store

    source = Store(db)
    articles = list(source.iter_rows("SELECT * FROM articles"))
    pages = {r["article_id"]: r for r in source.iter_rows("SELECT * FROM pages")}
    target = Store(scratch)
    target.load_state()
    written, took = 0, []
    for k in range(0, len(articles), batch_size):
        batch = Batch()
        for row in articles[k : k + batch_size]:
            batch.add("articles", row)
            if row["id"] in pages:
                batch.add("pages", pages[row["id"]])
            batch.add("aliases", {"url": row["url"], "article_id": row["id"]})
        start = time.perf_counter()
        target.write(batch)
        took.append(time.perf_counter() - start)
        written += len(batch)
    seconds, tenth = sum(took), max(1, len(took) // 10)
    return {
        "batch_articles": batch_size,
        "articles_per_s": round(len(articles) / seconds, 1),
        "rows_per_s": round(written / seconds, 1),
        # A batch should cost the same into a small file as into a large one.
        "first_tenth_s_per_batch": round(sum(took[:tenth]) / tenth, 3),
        "last_tenth_s_per_batch": round(sum(took[-tenth:]) / tenth, 3),
        "slowest_batch_s": round(max(took), 3),
    }


# -- the runs ------------------------------------------------------------------------------


def bare_spider_main(url_file: Path) -> None:
    """(b) Child mode: fetch every URL with a spider that does nothing with the pages."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    urls = url_file.read_text().split()

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self) -> Any:
            for url in urls:
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response: Any) -> None:
            return None

    process = CrawlerProcess({**FETCH_SETTINGS, "LOG_LEVEL": "INFO", "ROBOTSTXT_OBEY": True})
    process.crawl(BareSpider)
    process.start()


def startup_main(db: Path) -> None:
    """Child mode: time a crawl's start-up on an existing corpus; print JSON."""
    from collector.dedup import DuplicateIndex
    from collector.store import Store

    wall, cpu = time.perf_counter(), time.process_time()
    store = Store(db)
    state = store.load_state()
    loaded = time.perf_counter()
    # As the dedup pipeline builds its index: signatures streamed in Arrow blocks.
    index = DuplicateIndex.from_columns(
        (b.ids, b.offsets, b.data) for b in store.signature_blocks()
    )
    indexed = time.perf_counter()
    known = dict(state.known_urls)  # the spider's working copy
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "articles": index.size,
                "known_urls": len(known),
                "load_state_s": round(loaded - wall, 2),
                "index_build_s": round(indexed - loaded, 2),
                "total_s": round(done - wall, 2),
                "cpu_s": round(time.process_time() - cpu, 2),
                "rss_mb": round(rss_bytes([os.getpid()]) / 1e6, 1),
            }
        )
    )


def build_corpus(db: Path, articles: int, chunk: int = 100_000) -> float:
    """A synthetic corpus of ``articles`` articles (signatures, aliases, copies) via Arrow."""
    import numpy as np
    import pyarrow as pa

    from collector import dedup
    from collector.store import Store

    store = Store(db)
    store.load_state()
    rng = np.random.default_rng(7)
    start = time.perf_counter()
    for first in range(1, articles + 1, chunk):
        ids = np.arange(first, min(first + chunk, articles + 1), dtype=np.int64)
        n = len(ids)
        exact = rng.integers(0, 2**63, n, dtype=np.uint64)
        near = rng.integers(0, 2**32, (n, dedup.NEAR_BANDS * dedup.NEAR_ROWS), dtype=np.uint32)
        rewrite = rng.integers(0, 2**32, (n, dedup.REWRITE_BANDS), dtype=np.uint32)
        urls = [f"https://outlet{i % 700}.example/news/{i // 700}/story-{i}" for i in ids]
        store.append(
            "articles",
            pa.table({
                "id": ids, "url": urls, "title": [f"Story {i}" for i in ids],
                "text": ["Text."] * n, "is_seed": np.zeros(n, dtype=bool),
                "content_hash": [f"{h:016x}" for h in exact.tolist()],
                "signature": dedup.pack_signatures(exact, near, rewrite),
            }),
        )  # fmt: skip
        store.append("aliases", pa.table({"url": urls, "article_id": ids}))
        copies = ids[::5]
        store.append(
            "duplicates",
            pa.table({"url": [f"https://copies.example/{i}" for i in copies],
                      "article_id": copies, "method": ["hash"] * len(copies)}),
        )  # fmt: skip
    return time.perf_counter() - start


def cpu_time_figures(results: dict[str, Any], cores: int) -> dict[str, float]:
    """The same comparison on CPU time, which other load on the machine does not distort.

    The crawl's main process (Scrapy and the pipelines' bookkeeping) runs on one core at
    most; the workers share the rest. Its throughput on an otherwise idle machine is bounded
    by the slower of the two: ``1 / main`` and ``cores / (main + workers)`` per page, so one
    crawl keeps at most ``(main + workers) / main`` cores busy (``cores_one_crawl_uses``).
    With ``--crawls`` the main processes are the crawl processes, each on one core at most,
    and the writer (deduplication and storage), on one core for them all (``c_writer_max``).
    """
    crawl, bare = results["c_collector"], results["b_bare_scrapy"]
    memory = results["d_memory"]
    stored = max(crawl["articles_stored"], 1)
    extract_ms = 1000 / results["a_extraction"]["trafilatura_extract_per_s"]
    scrapy_ms = 1000 * bare["cpu_s_main_process"] / max(bare["pages"], 1)
    main_ms = 1000 * memory["cpu_s_main_process"] / stored
    workers_ms = 1000 * memory["cpu_s_other_processes"] / stored
    writer_ms = 1000 * memory["cpu_s_by_root"][0] / stored if crawl["crawls"] > 1 else 0.0
    crawls_ms = main_ms - writer_ms  # the crawl processes' own, without the writer's
    crawls_max = crawl["crawls"] * 1000 / crawls_ms
    writer_max = 1000 / writer_ms if writer_ms else math.inf
    by_process = {"c_one_crawl_max": round(1000 / crawls_ms, 1)}
    if writer_ms:
        by_process |= {
            "writer_ms": round(writer_ms, 1),
            "c_crawls_max": round(crawls_max, 1),
            "c_writer_max": round(writer_max, 1),
        }
    projected = min(crawls_max, writer_max, cores * 1000 / (main_ms + workers_ms))
    limit = cores * 1000 / (extract_ms + scrapy_ms)
    return {
        "extract_ms": round(extract_ms, 1),
        "extract_article_ms": round(1000 / results["a_extraction"]["extract_article_per_s"], 1),
        "scrapy_ms": round(scrapy_ms, 1),
        "main_ms": round(main_ms, 1),
        "workers_ms": round(workers_ms, 1),
        "L": round(limit, 1),
        "c_projected": round(projected, 2),
        "ratio": round(projected / limit, 3),
        "cores_one_crawl_uses": round((crawls_ms + workers_ms) / crawls_ms, 1),
        **by_process,
    }


def crawl_command(args: argparse.Namespace, db: Path | None, search: str) -> list[str]:
    """``collector grow`` on the bench's web: into ``db``, or without one as one of
    ``--crawls`` crawl processes (``--processes auto`` then shares the cores among them)."""
    from collector.pool import available_cores

    processes = args.processes
    if args.crawls > 1 and processes == "auto":
        processes = str(max(1, available_cores() // args.crawls))
    settings = {
        **FETCH_SETTINGS,
        "COLLECTOR_MAX_PAGES_PER_OUTLET": args.pages + 10,
        "COLLECTOR_EXTRACT_PROCESSES": processes,
    }
    command = [
        sys.executable, "-m", "collector.cli", "grow", *(["--db", str(db)] if db else []),
        "--seeds", str(args.seeds), "--search", f"rss={search}?q={{query}}",
        "--allow-private-hosts", "--log-level", "INFO",
    ]  # fmt: skip
    if args.crawl_time_limit:
        command += ["--time-limit", str(args.crawl_time_limit)]
    if args.max_memory:
        command += ["--max-memory", str(args.max_memory)]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def crawls_for(cores: int, per_crawl: float = CORES_PER_CRAWL) -> int:
    """How many crawl processes keep ``cores`` busy: one, or one per ``per_crawl`` cores."""
    return max(1, math.ceil(cores / per_crawl))


def parse_crawls(value: str, parser: argparse.ArgumentParser) -> int:
    """``--crawls``: a number, or ``auto`` (:func:`crawls_for` this machine's cores; one
    when redis-server, which a shared crawl needs, is neither here nor installable)."""
    from collector.pool import available_cores

    if value != "auto":
        if not value.isdigit() or int(value) < 1:
            parser.error(f"--crawls {value}: give auto, 1 (one crawl process) or more")
        return int(value)
    crawls = crawls_for(available_cores())
    if crawls > 1:
        try:
            ensure_debian_tool("redis-server", "redis-server", f"for {crawls} crawl processes")
        except (SystemExit, subprocess.CalledProcessError) as exc:
            print(f"{exc}; measuring one crawl process instead", flush=True)
            return 1
    return crawls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages", type=int, default=20_000, help="article pages (>= 20000 for the report)"
    )
    parser.add_argument("--outlets", type=int, default=4)
    parser.add_argument("--sample", type=int, default=300, help="pages for (a)")
    parser.add_argument("--startup-articles", type=int, default=1_000_000, help="0 to skip")
    parser.add_argument("--processes", default="auto", help="COLLECTOR_EXTRACT_PROCESSES")
    parser.add_argument(
        "--crawls", default="auto", metavar="N",
        help="(c) with N crawl processes on one Redis frontier and their writer "
        "(collector grow --redis, collector store-worker; needs redis-server); auto: one, "
        f"or one per {CORES_PER_CRAWL:g} cores on machines with more cores than one crawl "
        "process keeps busy",
    )  # fmt: skip
    parser.add_argument(
        "--crawl-time-limit", type=int, default=0, metavar="S",
        help="stop the collector's crawl after S seconds (c is then measured over that time)",
    )  # fmt: skip
    parser.add_argument(
        "--max-memory", type=int, default=0, metavar="MB",
        help="the collector's crawl with `collector grow --max-memory MB`: it goes on in a "
        "fresh process each time its own process holds that much",
    )  # fmt: skip
    parser.add_argument(
        "--jemalloc", action="store_true",
        help="run the collector's crawl on jemalloc (LD_PRELOAD), against glibc's malloc",
    )  # fmt: skip
    parser.add_argument("--seeds", type=Path, default=REPO_ROOT / "seeds")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the synthetic web")
    parser.add_argument("--workdir", type=Path, help="keep the generated web and corpora here")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data" / "bench-throughput.json")
    parser.add_argument("--bare-spider", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--startup", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.crawls = parse_crawls(args.crawls, parser)
    if args.bare_spider:
        return bare_spider_main(args.bare_spider)
    if args.startup:
        return startup_main(args.startup)
    logging.basicConfig(level=logging.WARNING)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        run(args, args.workdir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
            run(args, Path(tmp))
    return None


def run(args: argparse.Namespace, work: Path) -> None:
    from collector.pool import available_cores, parse_processes

    work.chmod(0o755)  # nginx's workers run as another user
    cores = available_cores()
    preload = ctypes.util.find_library("jemalloc") if args.jemalloc else None
    if args.jemalloc and not preload:
        raise SystemExit("bench: --jemalloc: no jemalloc library found; on Debian or Ubuntu: "
                         "apt-get install libjemalloc2")  # fmt: skip
    results: dict[str, Any] = {
        "pages": args.pages, "outlets": args.outlets, "cores": cores,
        "extract_processes": parse_processes(args.processes),
        "crawl_ld_preload": preload or "",
        "load_average_at_start": os.getloadavg(),
    }  # fmt: skip
    vocab = load_vocabulary(args.seeds)
    rng = random.Random(args.seed)
    *ports, search_port = free_ports(args.outlets + 1)
    outlets = plan_outlets(rng, vocab, args.pages, ports)
    site = work / "site"
    started = time.perf_counter()
    pages = write_site(site, outlets, vocab, args.seed)
    urls = [url for url, _ in pages]
    write_search(site, outlets)
    results["generate_s"] = round(time.perf_counter() - started, 1)
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    results["html_kb"] = {"min": min(sizes) // 1000, "mean": sum(sizes) // len(sizes) // 1000,
                          "max": max(sizes) // 1000}  # fmt: skip
    kb = results["html_kb"]
    print(f"{len(urls)} pages in {results['generate_s']} s, {kb['min']}-{kb['max']} KB", flush=True)

    step = max(1, len(urls) // args.sample)
    sample = list(range(0, len(urls), step))[: args.sample]
    extraction = measure_extraction([pages[i][1] for i in sample], [urls[i] for i in sample])
    results["a_extraction"] = extraction
    a = extraction["trafilatura_extract_per_s"]
    print(f"(a) trafilatura.extract: {a} pages/s on one core "
          f"(extract_article: {extraction['extract_article_per_s']})", flush=True)  # fmt: skip

    with Nginx(site, outlets, search_port) as nginx:
        url_file = work / "urls.txt"
        url_file.write_text("\n".join(urls))
        nginx_cpu = cpu_seconds(nginx.pids)
        wall, memory, log = run_sampled(
            [sys.executable, __file__, "--bare-spider", str(url_file)], work / "bare.log", REPO_ROOT
        )
        fetched = stat_value(log, "response_received_count")
        elapsed = stat_value(log, "elapsed_time_seconds")
        b = round(fetched / elapsed, 2)
        results["b_bare_scrapy"] = {"pages": fetched, "elapsed_s": elapsed, "pages_per_s": b,
                                    "wall_s": round(wall, 1), **memory}  # fmt: skip
        print(f"(b) bare Scrapy: {b} pages/s ({fetched:.0f} pages in {elapsed:.1f} s)", flush=True)

        db = fresh(work / "corpus.duckdb")
        env = {**os.environ, "LD_PRELOAD": preload} if preload else None
        search = f"http://127.0.0.1:{search_port}/search"
        if args.crawls > 1:
            elapsed, memory, crawl_logs, log = run_cluster(args, db, search, work, env)
            wall = elapsed
        else:
            command = crawl_command(args, db, search)
            wall, memory, log = run_sampled(command, work / "crawl.log", REPO_ROOT, env)
            elapsed, crawl_logs = stat_value(log, "elapsed_time_seconds"), [log]
        restarts = log.count("going on in a fresh process")  # at the memory limit
        if restarts:
            elapsed = wall  # the restarts' start-ups count
        results["nginx_cpu_s"] = round(cpu_seconds(nginx.pids) - nginx_cpu, 1)
    from collector.store import Store

    stored = Store(db).query("SELECT count(*) FROM articles WHERE NOT is_seed")[1][0][0]
    c = round(stored / elapsed, 2)
    results["c_collector"] = {
        "crawls": args.crawls,
        "articles_stored": stored,
        "pages_fetched": sum(stat_value(x, "response_received_count") for x in crawl_logs),
        "duplicates": stat_value(log, "dedup/duplicates"),
        "dedup_read_back": stat_value(log, "dedup/read_back"),
        "rejected": sum(stat_value(x, "leads/rejected/off-topic") for x in crawl_logs),
        "elapsed_s": round(elapsed, 1), "wall_s": round(wall, 1), "articles_per_s": c,
        "finish_reason": (re.findall(r"'finish_reason': '([^']+)'", log) or ["?"])[-1],
        "restarts_at_memory_limit": restarts,
        "main_process_busy": round(memory.get("cpu_s_main_process", 0) / elapsed, 2),
    }  # fmt: skip
    results["d_memory"] = memory
    restarted = f"; went on in {restarts} fresh processes at the memory limit" if restarts else ""
    print(
        f"(c) collector: {c} articles/s ({stored} stored in {elapsed:.1f} s); CPU seconds: "
        f"main process {memory.get('cpu_s_main_process')}, "
        f"workers {memory.get('cpu_s_other_processes')}{restarted}",
        flush=True,
    )
    print(f"(d) peak RSS of the crawl: {memory.get('peak_rss_mb')} MB over "
          f"{memory.get('max_processes')} processes; by quarter "
          f"{memory.get('peak_rss_mb_by_quarter')}; the crawl's own process by quarter, mean "
          f"{memory.get('mean_rss_mb_main_process_by_quarter')}, peak "
          f"{memory.get('peak_rss_mb_main_process_by_quarter')}", flush=True)  # fmt: skip

    from collector.settings import COLLECTOR_STORE_BATCH

    writes = measure_writes(db, fresh(work / "rewrite.duckdb"), COLLECTOR_STORE_BATCH)
    results["d_duckdb_writes"] = writes
    print(f"(d) DuckDB writes: {writes['articles_per_s']} articles/s with their pages "
          f"({writes['rows_per_s']} rows/s) in batches of {COLLECTOR_STORE_BATCH}; "
          f"{writes['first_tenth_s_per_batch']} s a batch over the first tenth, "
          f"{writes['last_tenth_s_per_batch']} s over the last, slowest "
          f"{writes['slowest_batch_s']} s", flush=True)  # fmt: skip

    if args.startup_articles:
        big = fresh(work / "million.duckdb")
        built = build_corpus(big, args.startup_articles)
        out = subprocess.run(
            [sys.executable, __file__, "--startup", str(big)], capture_output=True, text=True,
            check=True, cwd=REPO_ROOT,
        )  # fmt: skip
        results["startup"] = {**json.loads(out.stdout), "corpus_build_s": round(built, 1)}
        s = results["startup"]
        print(
            f"Start-up on {s['articles']} articles: {s['total_s']} s "
            f"(load_state {s['load_state_s']} s, index {s['index_build_s']} s)",
            flush=True,
        )

    n = cores
    limit = n / (1 / a + 1 / b)
    own = n / (1 / extraction["extract_article_per_s"] + 1 / b)
    results["L_cpu_limit"] = round(limit, 2)
    results["ratio"] = round(c / limit, 3)
    results["L_with_extract_article"] = round(own, 2)
    results["ratio_with_extract_article"] = round(c / own, 3)
    results["load_average_at_end"] = os.getloadavg()
    print(f"L = {n} / (1/{a} + 1/{b}) = {limit:.1f} pages/s")
    print(f"ratio = {c / limit:.3f}")
    print(f"(with extract_article's own cost: L = {own:.1f}, c / L = {c / own:.3f})")
    results["cpu_time"] = cpu_time_figures(results, n)
    print(
        "CPU time per page, ms: trafilatura.extract {extract_ms}, extract_article "
        "{extract_article_ms}, bare Scrapy {scrapy_ms}; collector's main process {main_ms}, "
        "its workers {workers_ms}; ratio on CPU time {ratio}".format(**results["cpu_time"])
    )
    print(
        "One crawl process keeps at most {cores_one_crawl_uses} cores busy: past that its "
        "own process is the limit, {c_one_crawl_max} articles/s".format(**results["cpu_time"])
    )
    uses = results["cpu_time"]["cores_one_crawl_uses"]
    if crawls_for(cores, uses) > args.crawls:
        print(f"This machine has {cores} cores, more than {args.crawls} crawl process(es) "
              f"keep busy: measure with --crawls {crawls_for(cores, uses)}")  # fmt: skip
    if args.crawls > 1:
        print(
            "{crawls} crawl processes allow at most {c_crawls_max} articles/s, their writer "
            "{c_writer_max} ({writer_ms} ms per article)".format(
                crawls=args.crawls, **results["cpu_time"]
            )
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"Figures written to {args.out}")


if __name__ == "__main__":
    main()
