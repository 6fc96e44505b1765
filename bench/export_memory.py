"""Export memory benchmark: peak RSS of every export format on a large synthetic corpus.

Builds a corpus of synthetic articles (100,000 by default: ~3.5 KB of text each, a stored
raw page each, 20 outlets, two years of dates, 2% rewrites, 5% duplicate URLs) through
``Store.write`` with Arrow batches, then runs ``collector export`` once per format in a
child process and reads that child's peak resident memory from ``os.wait4``. A bare
``python -c "import collector.store"`` child, measured in the same run, is the baseline.

Linux hands a child the peak memory of the process it was forked from, so this process stays
small: it imports neither DuckDB nor numpy, and the corpus is built in a child of its own.

Usage::

    .venv/bin/python bench/export_memory.py [--articles 100000] [--db PATH] [--formats jsonl,csv]

``--db`` keeps the synthetic corpus at PATH and reuses it on the next run when it already
holds the requested number of articles.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("jsonl", "parquet", "csv", "txt", "warc")  # collector.export.FORMATS
LIMIT_MB = 300
BATCH = 5_000
WORDS_PER_ARTICLE = 550
SYLLABLES = "ka to ri me sa lu no vi de pa zo fe gu hi ba te mo ru si la ne po".split()


def vocabulary(rng: np.random.Generator, size: int = 20_000) -> np.ndarray:
    """Pseudo-words of two to four syllables."""
    import numpy as np

    lengths = rng.integers(2, 5, size)
    return np.array(["".join(rng.choice(SYLLABLES, n)) for n in lengths])


def article_rows(
    rng: np.random.Generator, words: np.ndarray, start: int, count: int
) -> tuple[list[dict], list[dict], list[dict]]:
    """Articles, their pages and some duplicate URLs for ids ``start`` .. ``start + count``."""
    import numpy as np

    weights = 1 / np.arange(1, len(words) + 1)
    weights /= weights.sum()
    drawn = rng.choice(words, size=(count, WORDS_PER_ARTICLE), p=weights)
    base = datetime(2023, 1, 1)
    articles, pages, duplicates = [], [], []
    for offset, row in enumerate(drawn):
        article_id = start + offset
        outlet = article_id % 20
        sentences = [" ".join(row[i : i + 22]).capitalize() + "." for i in range(0, len(row), 22)]
        text = "\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
        title = " ".join(row[:8]).capitalize()
        url = f"https://outlet{outlet}.example/news/{article_id}"
        published = base + timedelta(hours=int(rng.integers(0, 2 * 365 * 24)))
        articles.append(
            {"id": article_id, "url": url, "title": title, "text": text,
             "published_at": published, "date_source": "json-ld",
             "source": f"outlet{outlet}.example", "outlet": f"Outlet {outlet}",
             "language": "en", "authors": ["A. Writer"], "description": title,
             "tags": ["news"], "fetched_at": published + timedelta(days=1),
             "relevance": float(rng.uniform(0.2, 0.9)), "is_seed": False,
             "content_hash": f"{article_id:016x}",
             "rewrite_of": article_id - 1 if article_id % 50 == 0 else None,
             "run_id": 1 + article_id // 10_000, "lead_origin": "search:gdelt:story"}
        )  # fmt: skip
        html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        html += "".join(f"<p>{s}</p>" for s in sentences) + "</article></body></html>"
        pages.append({"article_id": article_id, "url": url, "fetched_at": published,
                      "html_zlib": zlib.compress(html.encode(), 6)})  # fmt: skip
        if article_id % 20 == 0:
            duplicates.append({"url": f"https://copies.example/{article_id}",
                               "article_id": article_id, "similarity": 1.0,
                               "method": "hash", "run_id": 1, "found_at": published})  # fmt: skip
    return articles, pages, duplicates


def build_corpus(path: Path, total: int, seed: int = 7) -> None:
    """Write ``total`` synthetic articles to a fresh corpus at ``path`` (unless it holds them)."""
    import numpy as np

    sys.path.insert(0, str(REPO_ROOT))
    from collector.store import Batch, Store

    if path.exists() and Store(path).count("SELECT id FROM articles") == total:
        return
    path.unlink(missing_ok=True)
    rng = np.random.default_rng(seed)
    words = vocabulary(rng)
    store = Store(path)
    for start in range(1, total + 1, BATCH):
        articles, pages, duplicates = article_rows(rng, words, start, min(BATCH, total + 1 - start))
        batch = Batch()
        batch.rows["articles"], batch.rows["pages"] = articles, pages
        batch.rows["duplicates"] = duplicates
        store.write(batch)


def peak_rss_mb(command: list[str]) -> tuple[float, float, str]:
    """Run a command in this checkout; return its peak RSS in MB, wall time and output.

    The child's own peak comes from ``os.wait4``, so each run is measured on its own.

    Raises:
        SystemExit: the command failed (its error output is shown).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        child = subprocess.Popen(command, cwd=REPO_ROOT, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            sys.exit(f"{' '.join(command)} failed:\n{err.read()}")
        return usage.ru_maxrss / 1024, elapsed, out.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep (and reuse) the synthetic corpus here")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--build-into", type=Path, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.build_into:
        build_corpus(args.build_into, args.articles)
        return 0
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        db = args.db or Path(tmp) / "corpus.duckdb"
        started = time.monotonic()
        build = [sys.executable, __file__, "--articles", str(args.articles)]
        subprocess.run([*build, "--build-into", str(db)], check=True)
        print(f"corpus of {args.articles:,} articles ready in {time.monotonic() - started:.0f}s")
        size_mb = db.stat().st_size / 2**20
        print(f"corpus {db}: {size_mb:,.0f} MB on disk")
        baseline, _, _ = peak_rss_mb([sys.executable, "-c", "import collector.store"])
        print(f"baseline (python -c 'import collector.store'): {baseline:.0f} MB")
        header = f"{'format':8} {'rows':>9} {'seconds':>8} {'peak MB':>8} {'x base':>7}"
        print(f"{header}  <{LIMIT_MB} MB")
        worst = 0.0
        for fmt in args.formats.split(","):
            out = Path(tmp) / f"out.{fmt}"
            command = [sys.executable, "-m", "collector.cli", "export", "--db", str(db),
                       "--format", fmt, "--out", str(out), "--include-rewrites",
                       "--include-duplicates"]  # fmt: skip
            peak, seconds, said = peak_rss_mb(command)
            rows = said.split()[1]  # "Exported N rows to ..."
            worst = max(worst, peak)
            print(
                f"{fmt:8} {rows:>9} {seconds:8.1f} {peak:8.0f} {peak / baseline:7.1f}  "
                f"{'yes' if peak < LIMIT_MB else 'NO'}"
            )
    return 0 if worst < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
