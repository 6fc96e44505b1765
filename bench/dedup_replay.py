"""Dedup cache replay: how often a crawl's dedup reads stored articles back and computes their
features, with the pipeline's cache layout and, in the same run, the layout it replaced.

The articles of a corpus are checked in id order (the order a crawl stored them) as the dedup
pipeline checks them: each against the index of the earlier ones, stored articles' features
from a :class:`~collector.dedup.FeatureCache`, then added. Two layouts of what stays in memory:

- ``features kept`` (the pipeline's): the features of the last ``KEEP`` articles used; a miss
  reads the text back from the corpus and computes its features;
- ``texts kept`` (the baseline): the texts of the last ``KEEP`` articles used and the
  features of the last ``KEEP / 2``; a miss computes the features from a kept text, and reads
  the text back only when it is not kept.

It counts, it does not time: on a 2-core machine the runs of the throughput benchmark vary
more than these counts move. Multiply by the cost of one computation (printed, timed over the
first 300 texts) and of one read-back (``bench/dedup.py`` prints it).

Usage::

    .venv/bin/python bench/dedup_replay.py CORPUS [--limit N]

For instance on the corpus ``bench/throughput.py --workdir DIR`` leaves in ``DIR``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import OrderedDict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from collector.dedup import FeatureCache, Features, check, features  # noqa: E402
from collector.lsh import DuplicateIndex  # noqa: E402
from collector.store import Store  # noqa: E402
from pipelines.dedup import KEEP  # noqa: E402


def replay(
    articles: list[tuple[int, str]], new: list[Features], keep_features: int, keep_texts: int
) -> dict[str, int]:
    """Check ``articles`` (with their ``new`` features, computed ahead as the workers do) in
    order; count read-backs and the features computed for stored articles."""
    texts = dict(articles)
    kept: OrderedDict[int, str] = OrderedDict()
    reads = 0

    def remember(article_id: int, text: str) -> None:
        kept[article_id] = text
        kept.move_to_end(article_id)
        while len(kept) > keep_texts:
            kept.popitem(last=False)

    def text_of(article_id: int) -> str:
        nonlocal reads
        if article_id not in kept:
            reads += 1
        remember(article_id, texts[article_id])
        return texts[article_id]

    cache = FeatureCache(text_of, size=keep_features)
    index = DuplicateIndex()
    for (article_id, text), feats in zip(articles, new, strict=True):
        check(feats, index, cache)
        index.add(article_id, feats.signature)
        cache.put(article_id, feats)
        remember(article_id, text)
    return {"read_back": reads, "features_computed": cache.misses, "features_cached": cache.hits}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="the first N articles only")
    args = parser.parse_args()
    sql = "SELECT id, text FROM articles ORDER BY id"
    articles = [(i, t) for i, t in Store(args.corpus).query(sql)[1]][: args.limit]
    started = time.process_time()
    memo: dict[str, int] = {}
    for _, text in articles[:300]:
        features(text, memo, signed=False)
    per_text = (time.process_time() - started) * 1000 / max(1, min(300, len(articles)))
    print(f"{len(articles)} articles; features of a stored text: {per_text:.1f} ms of CPU")
    new = [features(text) for _, text in articles]
    current = replay(articles, new, KEEP, 0)
    baseline = replay(articles, new, KEEP // 2, KEEP)
    for name, counts in (("features kept", current), ("texts kept (baseline)", baseline)):
        print(
            f"{name:22s} read back {counts['read_back']:6d}, features computed "
            f"{counts['features_computed']:6d}, cached {counts['features_cached']:6d}"
        )
    computed, before = current["features_computed"], baseline["features_computed"]
    saved = before - computed
    print(f"features computed: {computed / max(1, before):.2f}x the baseline "
          f"({saved} fewer, about {saved * per_text / 1000:.0f} s of CPU)")  # fmt: skip


if __name__ == "__main__":
    main()
