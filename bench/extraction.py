"""Article-body extraction benchmark: token-shingle precision, recall and F1.

Compares plain trafilatura (defaults, and without comments) with
``collector.extraction.extract_article`` on the pages of an article-extraction
benchmark folder (``<id>.html.gz`` + ``<id>.json`` holding ``url`` and
``articleBody``). The metric follows the dataset's README: 4-token shingles over
``\\w+`` tokens counted as a multiset, per-page tp/fp/fn normalised by their sum,
precision averaged over non-empty predictions, recall over all pages.

Usage::

    .venv/bin/python bench/extraction.py [--dataset DIR] [--out FILE] [--systems a,b]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

logger = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4
FETCHED_AT = datetime(2026, 3, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, URL, raw HTML and ground-truth body."""

    page_id: str
    url: str
    html: str
    truth: str


@dataclass(frozen=True)
class PageScore:
    """Normalised per-page counts: tp + fp + fn == 1 unless both texts are empty."""

    tp: float
    fp: float
    fn: float
    empty: bool


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; 1 to ``size - 1`` tokens give one shingle.

    Args:
        text: Any text.
        size: Shingle length in tokens.

    Returns:
        A Counter of token tuples (empty for a text without tokens).
    """
    tokens = TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_page(prediction: str, truth: str) -> PageScore:
    """Score one prediction against its ground truth.

    Args:
        prediction: Extracted text (may be empty).
        truth: Ground-truth article body.

    Returns:
        tp, fp and fn divided by their sum, and whether the prediction was empty.
    """
    pred, gold = shingles(prediction), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    total = tp + fp + fn
    empty = not pred
    if total == 0:
        return PageScore(1.0, 0.0, 0.0, empty)
    return PageScore(tp / total, fp / total, fn / total, empty)


def _precision(s: PageScore) -> float:
    return 1.0 if s.tp + s.fp == 0 else s.tp / (s.tp + s.fp)


def _recall(s: PageScore) -> float:
    return 1.0 if s.tp + s.fn == 0 else s.tp / (s.tp + s.fn)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def aggregate(scores: Sequence[PageScore]) -> tuple[float, float, float]:
    """Precision over non-empty predictions, recall over all pages, and their F1.

    Args:
        scores: Per-page scores.

    Returns:
        (precision, recall, f1).
    """
    nonempty = [s for s in scores if not s.empty]
    precision = sum(map(_precision, nonempty)) / len(nonempty) if nonempty else 0.0
    recall = sum(map(_recall, scores)) / len(scores) if scores else 0.0
    return precision, recall, _f1(precision, recall)


def bootstrap_std(scores: Sequence[PageScore], rounds: int = 200, seed: int = 0) -> float:
    """Bootstrap standard deviation of F1 over pages.

    Args:
        scores: Per-page scores.
        rounds: Number of resamples.
        seed: Random seed, for repeatable output.

    Returns:
        The standard deviation of the resampled F1 values.
    """
    rng = random.Random(seed)
    values = [aggregate(rng.choices(scores, k=len(scores)))[2] for _ in range(rounds)]
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


def load_pages(dataset: Path) -> Iterator[Page]:
    """Read the benchmark pages of a folder, sorted by id.

    Args:
        dataset: Folder with ``<id>.html.gz`` and ``<id>.json`` files.

    Yields:
        One Page per id.
    """
    for meta_path in sorted(dataset.glob("*.json")):
        page_id = meta_path.stem
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        html = gzip.decompress((dataset / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
        yield Page(page_id, meta["url"], html, meta.get("articleBody") or "")


def _trafilatura_default(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url) or ""


def _trafilatura_no_comments(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, include_comments=False) or ""


def _ours(page: Page) -> str:
    from collector.extraction import extract_article

    article = extract_article(page.html, page.url, FETCHED_AT)
    return article.text if article else ""


SYSTEMS: dict[str, Callable[[Page], str]] = {
    "trafilatura": _trafilatura_default,
    "trafilatura_no_comments": _trafilatura_no_comments,
    "ours": _ours,
}


def run(pages: Sequence[Page], names: Sequence[str]) -> dict[str, dict[str, object]]:
    """Run each named system over all pages and summarise its scores.

    Args:
        pages: Benchmark pages.
        names: Keys of SYSTEMS to run.

    Returns:
        Per system: precision, recall, f1, f1_std, empty count, seconds, per-page outputs
        emptiness and per-page F1.
    """
    results: dict[str, dict[str, object]] = {}
    for name in names:
        start = time.perf_counter()
        outputs = [SYSTEMS[name](page) for page in pages]
        seconds = time.perf_counter() - start
        scores = [score_page(o, p.truth) for o, p in zip(outputs, pages, strict=True)]
        precision, recall, f1 = aggregate(scores)
        results[name] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "f1_std": round(bootstrap_std(scores), 4),
            "empty": sum(s.empty for s in scores),
            "seconds": round(seconds, 2),
            "pages": {
                p.page_id: {
                    "empty": s.empty,
                    "f1": round(_f1(_precision(s), _recall(s)), 4),
                    "precision": round(_precision(s), 4),
                    "recall": round(_recall(s), 4),
                }
                for p, s in zip(pages, scores, strict=True)
            },
        }
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dataset", type=Path, default=REPO_ROOT / ".." / "shared/bench/extraction/dev"
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data/bench-extraction.json")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    names = [n for n in args.systems.split(",") if n]
    unknown = sorted(set(names) - set(SYSTEMS))
    if unknown:
        parser.error(f"--systems: no system {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}")
    pages = list(load_pages(args.dataset.resolve()))
    if args.limit:
        pages = pages[: args.limit]
    results = run(pages, names)
    print(f"{len(pages)} pages from {args.dataset}")
    print(f"{'system':<26}{'P':>8}{'R':>8}{'F1':>8}{'±':>8}{'empty':>7}{'sec':>8}")
    for name, r in results.items():
        print(
            f"{name:<26}{r['precision']:>8.4f}{r['recall']:>8.4f}{r['f1']:>8.4f}"
            f"{r['f1_std']:>8.4f}{r['empty']:>7}{r['seconds']:>8.1f}"
        )
    summary: dict[str, object] = {"pages": len(pages), "systems": results}
    if "ours" in results and "trafilatura" in results:
        ours = results["ours"]["pages"]
        base = results["trafilatura"]["pages"]
        lost = sorted(k for k in ours if ours[k]["empty"] and not base[k]["empty"])  # type: ignore[index]
        summary["empty_ours_filled_by_trafilatura"] = lost
        print(f"pages trafilatura fills but ours leaves empty: {len(lost)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
