"""Lead-discovery benchmark: recall, precision and cost of a real crawl of a harder web.

Serves the generated benchmark web (:mod:`collector.demoweb.bench`: 12 outlets, 40 relevant
stories plus two syndicated copies, 100 off-topic articles of which 45 share the story's
names, outlets without feeds or sitemaps, traps and robots-disallowed links) on loopback,
runs the real ``collector grow`` in a subprocess with the shipped seeds and default
settings (only the search endpoints point at the benchmark web), and reports from the
web's own request log and the corpus file:

- recall: relevant stories with at least one stored copy / relevant stories (also per way
  a story can be reached: search, feed, sitemap, listing, link only);
- precision: stored articles that are relevant / stored articles;
- pages fetched per relevant article stored: every HTTP request the web answered (search
  API calls, redirects, robots.txt, feeds, sitemaps, listings, articles, 404s);
- robots-disallowed URLs fetched and trap pages fetched.

Targets: recall >= 0.9, precision >= 0.95, <= 3 pages per relevant article, 0 disallowed,
<= 20 trap pages. Exit code 1 when a target is missed.

Usage::

    .venv/bin/python bench/leads.py [--seed 7] [--runs 1] [--gdelt-interval 0.2] [--json]
                                    [--db NEW_FILE] [--log FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from collector.demoweb.bench import BenchTruth, BenchWeb  # noqa: E402
from collector.store import Store  # noqa: E402
from collector.urls import canonicalize_url  # noqa: E402

TARGETS = {
    "recall": 0.9,
    "precision": 0.95,
    "pages_per_relevant": 3.0,
    "disallowed": 0,
    "trap_pages": 20,
}


def crawl(web: BenchWeb, db: Path, interval: float, overrides: list[str]) -> float:
    """Run ``collector grow`` against the web; return the wall time in seconds."""
    search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "collector.cli",
            "grow",
            "--db",
            str(db),
            *search,
            "--allow-private-hosts",
            f"--set=COLLECTOR_GDELT_INTERVAL={interval}",
            *(f"--set={o}" for o in overrides),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=1800,
    )
    if result.returncode != 0:
        sys.exit(f"collector grow failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return time.monotonic() - started


def kind_of(target: str, bench: BenchTruth, base: str, articles: set[str]) -> str:
    """What a request was for, from its target."""
    path = target.split("?")[0]
    if bench.is_trap(target):
        return "trap"
    if base + path in articles:
        return "article"
    if path.startswith(("/api/", "/rss/search", "/news/search")):
        return "search"
    if path.startswith(("/rss/articles/", "/news/apiclick")):
        return "redirect"
    if path == "/robots.txt":
        return "robots"
    if "sitemap" in path:
        return "sitemap"
    if path.endswith((".xml", "/feed/")) or "feed" in path:
        return "feed"
    return "other"


def measure(web: BenchWeb, db: Path, log: list[tuple[str, str, int]]) -> dict[str, Any]:
    """Metrics of one run from the request log slice and the corpus."""
    bench = web.bench
    relevant = {canonicalize_url(u): u for u in bench.relevant}
    offtopic = {canonicalize_url(u) for u in bench.offtopic}
    hard = {canonicalize_url(u) for u in bench.hard}
    _, rows = Store(db).query("SELECT url FROM articles WHERE NOT is_seed")
    stored = {r[0] for r in rows}
    good = stored & relevant.keys()
    found_stories = {bench.story[relevant[u]] for u in good}
    stories: dict[str, set[str]] = {}
    for url, story in bench.story.items():
        stories.setdefault(story, set()).add(bench.reach[url])
    by_reach: Counter[str] = Counter()
    found_by_reach: Counter[str] = Counter()
    for story, reaches in stories.items():
        reach = "search" if "search" in reaches else sorted(reaches)[0]
        by_reach[reach] += 1
        found_by_reach[reach] += story in found_stories
    articles = set(bench.relevant | bench.offtopic)
    kinds = Counter(kind_of(t, bench, b, articles) for b, t, _ in log)
    fetched_articles = {canonicalize_url(b + t.split("?")[0]) for b, t, _ in log}
    return {
        "recall": len(found_stories) / len(stories),
        "precision": len(good) / len(stored) if stored else 0.0,
        "pages": len(log),
        "pages_per_relevant": len(log) / len(good) if good else float("inf"),
        "html_per_relevant": (kinds["article"] + kinds["trap"] + kinds["other"]) / len(good)
        if good
        else float("inf"),
        "disallowed": sum(bench.is_disallowed(b, t) for b, t, _ in log),
        "trap_pages": kinds["trap"],
        "stored": len(stored),
        "stored_relevant": len(good),
        "stored_offtopic": len(stored & offtopic),
        "stored_hard": len(stored & hard),
        "fetched_offtopic": len(fetched_articles & offtopic),
        "fetched_hard": len(fetched_articles & hard),
        "requests_by_kind": dict(kinds.most_common()),
        "not_found": sum(status == 404 for _, _, status in log),
        "recall_by_reach": {r: f"{found_by_reach[r]}/{n}" for r, n in sorted(by_reach.items())},
        "missed": sorted(
            relevant[u]
            for u in relevant.keys() - stored
            if bench.story[relevant[u]] not in found_stories
        ),
    }


def report(run: int, metrics: dict[str, Any], seconds: float) -> None:
    """Print one run's metrics against the targets."""
    print(f"Run {run}: {seconds:.1f} s")
    for name, target in TARGETS.items():
        value = metrics[name]
        ok = value >= target if name in ("recall", "precision") else value <= target
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        bound = ">=" if name in ("recall", "precision") else "<="
        print(f"  {name:20s} {shown:>8s}   target {bound} {target}   {'ok' if ok else 'MISSED'}")
    print(
        f"  stored {metrics['stored']} articles: {metrics['stored_relevant']} relevant, "
        f"{metrics['stored_offtopic']} off-topic ({metrics['stored_hard']} hard negatives)"
    )
    print(
        f"  off-topic articles fetched: {metrics['fetched_offtopic']} "
        f"({metrics['fetched_hard']} hard negatives); 404s: {metrics['not_found']}"
    )
    print(
        f"  HTML pages (articles, listings, traps, 404s) per relevant article stored: "
        f"{metrics['html_per_relevant']:.3f}"
    )
    print(f"  recall by how a story can be reached: {metrics['recall_by_reach']}")
    print(f"  requests by kind ({metrics['pages']}): {metrics['requests_by_kind']}")
    for url in metrics["missed"]:
        print(f"  missed: {url}")


def passed(metrics: dict[str, Any]) -> bool:
    """Whether every target is met."""
    return all(
        metrics[n] >= t if n in ("recall", "precision") else metrics[n] <= t
        for n, t in TARGETS.items()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated web")
    parser.add_argument("--runs", type=int, default=1, help="crawls in a row (snowball growth)")
    parser.add_argument(
        "--gdelt-interval",
        type=float,
        default=0.2,
        help="seconds between GDELT calls (5 against the real GDELT)",
    )
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--db", type=Path, help="keep the corpus here (a new file) to inspect it")
    parser.add_argument("--log", type=Path, help="write the request log here (TSV)")
    parser.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the crawl, e.g. COLLECTOR_MIN_RELEVANCE=0.25",
    )
    args = parser.parse_args()
    if args.db and args.db.exists():
        sys.exit(f"{args.db}: exists; give a new file")
    results = []
    with tempfile.TemporaryDirectory() as tmp, BenchWeb(seed=args.seed) as web:
        db = args.db.resolve() if args.db else Path(tmp) / "corpus.duckdb"
        print(
            f"Benchmark web: {len(web.outlets)} outlets, {len(web.bench.relevant)} relevant "
            f"articles ({len(set(web.bench.story.values()))} stories), "
            f"{len(web.bench.offtopic)} off-topic ({len(web.bench.hard)} hard negatives)"
        )
        for run in range(1, args.runs + 1):
            start = len(web.requests)
            seconds = crawl(web, db, args.gdelt_interval, args.set)
            metrics = measure(web, db, web.requests[start:])
            if args.log:
                with args.log.open("a", encoding="utf-8") as out:
                    out.writelines(f"{run}\t{b}{t}\t{s}\n" for b, t, s in web.requests[start:])
            results.append(metrics)
            if args.json:
                print(json.dumps({"run": run, "seconds": round(seconds, 1), **metrics}))
            else:
                report(run, metrics, seconds)
    return 0 if passed(results[0]) else 1


if __name__ == "__main__":
    sys.exit(main())
