"""Deduplication benchmark: check latency, index memory, rebuild time, precision and recall.

Synthetic articles are drawn from a Zipf-distributed vocabulary (real English stop words at the
top ranks, pseudo-words below) with story terms mixed in, so different articles on one story
share many names and terms. From base articles the bench derives labelled queries:

- ``syndicated``: same body, another headline, boilerplate lines added at top and bottom;
- ``light_edit``: 3% of words replaced, a sentence dropped and one added;
- ``truncated``: the first 40-60% of the sentences, plus boilerplate;
- ``rewrite``: content words swapped for synonyms (40%) and clauses of each sentence reordered;
- ``negative``: a different article on the same story (must not be flagged).

The index holds the base articles and same-story fillers as real texts with real signatures;
the rest, up to each size, are signatures generated directly with numpy (uniform MinHash values
for the shingle layer, values with a shared pool of common content-word pairs for the rewrite
layer), so the same index code is exercised at 1,000,000 articles without hashing a million
texts. Base articles are added one by one with ``DuplicateIndex.add`` after the rebuild.

Usage::

    .venv/bin/python bench/dedup.py [--sizes 10000,1000000] [--quick] [--pairs N] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from collector import dedup  # noqa: E402

logger = logging.getLogger(__name__)

KINDS = ("syndicated", "light_edit", "truncated", "rewrite")
SYLLABLES = "ka to ri me sa lu no vi de pa zo fe gu hi ba te mo ru si la ne po".split()
BOILERPLATE = [
    "Advertisement",
    "Share this article",
    "Follow us on social media for the latest news.",
    "Subscribe to our newsletter to get updates in your inbox.",
    "Read More:",
    "Audio By Carbonatix",
    "Leave a comment, share your thoughts.",
    "What's Your Reaction?",
]


@dataclass
class Corpus:
    """Vocabulary, Zipf weights and the synonym map of the synthetic language."""

    words: list[str]
    weights: np.ndarray
    synonyms: np.ndarray
    n_stop: int


def make_corpus(rng: np.random.Generator, size: int = 30000) -> Corpus:
    """Build the vocabulary: stop words first (most frequent), then distinct pseudo-words."""
    stop = sorted(dedup.STOPWORDS)
    words = list(stop)
    seen = set(words)
    while len(words) < size:
        n = int(rng.integers(2, 5))
        word = "".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), n))
        if word not in seen:
            seen.add(word)
            words.append(word)
    ranks = np.arange(1, size + 1, dtype=np.float64)
    weights = 1.0 / (ranks + 2.7) ** 1.07
    synonyms = np.arange(size)
    content = np.arange(len(stop), size)
    synonyms[len(stop) :] = rng.permutation(content)
    return Corpus(words, weights / weights.sum(), synonyms, len(stop))


def make_story(rng: np.random.Generator, corpus: Corpus) -> np.ndarray:
    """Pick the 50 terms (names, places, topic words) every article on a story repeats."""
    return rng.choice(np.arange(corpus.n_stop + 200, len(corpus.words)), 50, replace=False)


Article = list[list[list[int]]]  # sentences -> clauses -> word ids


def make_article(rng: np.random.Generator, corpus: Corpus, story: np.ndarray) -> Article:
    """Draw 12-35 sentences of 8-32 words split into clauses, 15% of words story terms."""
    sentences: Article = []
    for _ in range(int(rng.integers(12, 36))):
        n = int(rng.integers(8, 33))
        ids = rng.choice(len(corpus.words), n, p=corpus.weights)
        terms = rng.random(n) < 0.15
        ids[terms] = rng.choice(story, int(terms.sum()))
        cuts = sorted(set(int(c) for c in rng.integers(3, max(4, n - 2), n // 8)))
        clauses = [c.tolist() for c in np.split(ids, cuts) if len(c)]
        sentences.append(clauses)
    return sentences


def render(
    corpus: Corpus, article: Article, headline: str, top: list[str], bottom: list[str]
) -> str:
    """Render an article as text: headline, top lines, paragraphs of 3 sentences, bottom lines."""
    texts = []
    for clauses in article:
        sentence = ", ".join(" ".join(corpus.words[i] for i in c) for c in clauses)
        texts.append(sentence[:1].upper() + sentence[1:] + ".")
    paragraphs = [" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]
    return "\n".join([headline, *top, *paragraphs, *bottom])


def headline(rng: np.random.Generator, corpus: Corpus, story: np.ndarray) -> str:
    """A short title-cased line of story terms and common words."""
    ids = list(rng.choice(story, 3)) + list(rng.choice(len(corpus.words), 4, p=corpus.weights))
    rng.shuffle(ids)
    return " ".join(corpus.words[i].title() for i in ids)


def boilerplate(rng: np.random.Generator, corpus: Corpus, story: np.ndarray, n: int) -> list[str]:
    """Boilerplate lines, sometimes a 'Latest Stories' list of other headlines."""
    lines = [BOILERPLATE[i] for i in rng.integers(0, len(BOILERPLATE), n)]
    if rng.random() < 0.5:
        lines += ["Latest Stories"] + [headline(rng, corpus, story) for _ in range(4)]
    return lines


def variant(
    rng: np.random.Generator, corpus: Corpus, story: np.ndarray, base: Article, kind: str
) -> str:
    """Derive a labelled query text of ``kind`` from a base article."""
    title = headline(rng, corpus, story)
    if kind == "syndicated":
        top = boilerplate(rng, corpus, story, int(rng.integers(1, 4)))
        return render(
            corpus, base, title, top, boilerplate(rng, corpus, story, int(rng.integers(2, 5)))
        )
    if kind == "truncated":
        keep = max(1, int(len(base) * rng.uniform(0.4, 0.6)))
        return render(corpus, base[:keep], title, [], boilerplate(rng, corpus, story, 2))
    if kind == "light_edit":
        edited = [
            [
                [int(rng.integers(len(corpus.words))) if rng.random() < 0.03 else w for w in c]
                for c in s
            ]
            for s in base
        ]
        edited.pop(int(rng.integers(len(edited))))
        extra = make_article(rng, corpus, story)[0]
        edited.insert(int(rng.integers(len(edited))), extra)
        return render(corpus, edited, title, [], [])
    if kind == "rewrite":
        out: Article = []
        for clauses in base:
            swapped = [
                [
                    int(corpus.synonyms[w]) if w >= corpus.n_stop and rng.random() < 0.4 else w
                    for w in c
                ]
                for c in clauses
            ]
            shift = int(rng.integers(len(swapped)))
            out.append(swapped[shift:] + swapped[:shift])
        return render(corpus, out, title, [], boilerplate(rng, corpus, story, 1))
    raise ValueError(kind)


def synthetic_signatures(rng: np.random.Generator, n: int) -> list[bytes]:
    """Signatures of ``n`` unrelated filler articles generated directly with numpy.

    Shingle-layer values are uniform (unrelated articles share no 5-shingles); a fifth of the
    rewrite-layer values come from a pool of 500 values per permutation, standing in for the
    content-word pairs many articles on a topic share.
    """
    exact = rng.integers(0, 2**63, n, dtype=np.uint64)
    near = rng.integers(0, 2**32, (n, dedup.NEAR_BANDS * dedup.NEAR_ROWS), dtype=np.uint32)
    perms = dedup.REWRITE_BANDS * dedup.REWRITE_ROWS
    rewrite = rng.integers(0, 2**32, (n, perms), dtype=np.uint32)
    pool = rng.integers(0, 2**32, (500, perms), dtype=np.uint32)
    common = rng.random((n, perms)) < 0.2
    picks = pool[rng.integers(0, 500, (n, perms)), np.arange(perms)[None, :]]
    rewrite[common] = picks[common]
    return dedup.pack_signatures(exact, near, rewrite)


def quantiles(values: list[float]) -> dict[str, float]:
    """Min, 5th percentile, median and max, rounded."""
    a = np.array(values) if values else np.zeros(1)
    return {
        k: round(float(v), 3)
        for k, v in zip(
            ("min", "p5", "median", "max"), np.quantile(a, [0, 0.05, 0.5, 1.0]), strict=True
        )
    }


def similarity_report(pairs: list[tuple[str, str, str]]) -> dict[str, dict[str, dict[str, float]]]:
    """Distribution of the verification measures per category, to justify the thresholds."""
    found: dict[str, dict[str, list[float]]] = {}
    for kind, query, original in pairs:
        jac, cont = dedup.near_similarity(query, original)
        d = found.setdefault(kind, {"jaccard": [], "containment": [], "rewrite_score": []})
        d["jaccard"].append(jac)
        d["containment"].append(cont)
        d["rewrite_score"].append(dedup.rewrite_score(query, original))
    return {k: {m: quantiles(v) for m, v in d.items()} for k, d in found.items()}


def run_size(
    size: int,
    real: dict[int, str],
    bases: dict[int, str],
    queries: list[tuple[str, int, str]],
    rng: np.random.Generator,
) -> dict[str, object]:
    """Build an index of ``size`` articles and measure it."""
    real_sigs = {i: dedup.signature(t) for i, t in real.items()}
    base_sigs = {i: dedup.signature(t) for i, t in bases.items()}
    n_fill = max(0, size - len(real) - len(bases))
    first = max([*real, *bases]) + 1
    t0 = time.perf_counter()
    fill = synthetic_signatures(rng, n_fill)
    gen_s = time.perf_counter() - t0
    rows = [*real_sigs.items(), *zip(range(first, first + n_fill), fill, strict=True)]
    t0 = time.perf_counter()
    index = dedup.DuplicateIndex.from_signatures(rows)
    rebuild_s = time.perf_counter() - t0
    for i, sig in base_sigs.items():
        index.add(i, sig)
    index.flush()
    tracemalloc.start()
    traced = dedup.DuplicateIndex.from_signatures(rows)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced, rows, fill
    texts = {**real, **bases}
    query_sigs = [dedup.signature(q) for _, _, q in queries]
    lookup_ms, check_ms = [], []
    outcomes: dict[str, Counter[str]] = {k: Counter() for k in (*KINDS, "negative")}
    for (kind, of_id, text), sig in zip(queries, query_sigs, strict=True):
        t0 = time.perf_counter()
        index.exact(sig)
        index.query(sig, "near", dedup.MAX_VERIFY)
        index.query(sig, "rewrite", dedup.MAX_VERIFY)
        lookup_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        verdict = dedup.check(text, index, texts.get, sig=sig)
        check_ms.append((time.perf_counter() - t0) * 1000)
        if verdict.kind is None:
            outcomes[kind]["none"] += 1
        elif kind != "negative" and verdict.of_id == of_id:
            outcomes[kind]["hit:" + verdict.kind] += 1
        else:
            outcomes[kind]["wrong:" + verdict.kind] += 1
    neg = outcomes["negative"]
    false_pos = sum(v for k, v in neg.items() if k != "none")
    n_neg = sum(neg.values())
    per_kind: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        c = outcomes[kind]
        total = sum(c.values())
        tp = sum(v for k, v in c.items() if k.startswith("hit:"))
        wrong = sum(v for k, v in c.items() if k.startswith("wrong:"))
        fp = wrong + false_pos * total / max(1, n_neg)  # against as many hard negatives
        per_kind[kind] = {
            "recall": round(tp / max(1, total), 4),
            "precision": round(tp / max(1e-9, tp + fp), 4),
            "verdicts": dict(c),
        }
    return {
        "size": size,
        "signature_generation_s": round(gen_s, 2),
        "rebuild_s": round(rebuild_s, 3),
        "index_nbytes_mb": round(index.nbytes / 2**20, 1),
        "index_traced_mb": round(current / 2**20, 1),
        "build_peak_traced_mb": round(peak / 2**20, 1),
        "lookup_ms_mean": round(float(np.mean(lookup_ms)), 3),
        "lookup_ms_p99": round(float(np.quantile(lookup_ms, 0.99)), 3),
        "check_ms_mean": round(float(np.mean(check_ms)), 3),
        "check_ms_p99": round(float(np.quantile(check_ms, 0.99)), 3),
        "negatives_flagged": round(false_pos / max(1, n_neg), 4),
        "per_kind": per_kind,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--quick", action="store_true", help="sizes 3000 and 60 pairs per kind")
    parser.add_argument("--pairs", type=int, default=300, help="labelled queries per kind")
    parser.add_argument("--fillers", type=int, default=1500, help="same-story texts in the index")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=str(REPO_ROOT / "data" / "bench-dedup.json"))
    args = parser.parse_args(argv)
    sizes = [3000] if args.quick else [int(s) for s in args.sizes.split(",")]
    n_pairs = 60 if args.quick else args.pairs
    n_fill = 500 if args.quick else args.fillers
    rng = np.random.default_rng(args.seed)
    corpus = make_corpus(rng)
    stories = [make_story(rng, corpus) for _ in range(max(4, n_pairs // 20))]
    t0 = time.perf_counter()
    real: dict[int, str] = {}
    bases: dict[int, str] = {}
    queries: list[tuple[str, int, str]] = []
    pairs: list[tuple[str, str, str]] = []
    for i in range(n_fill):
        story = stories[i % len(stories)]
        real[i] = render(
            corpus, make_article(rng, corpus, story), headline(rng, corpus, story), [], []
        )
    for j in range(n_pairs):
        story = stories[j % len(stories)]
        article = make_article(rng, corpus, story)
        base_id = n_fill + j
        bases[base_id] = render(corpus, article, headline(rng, corpus, story), [], [])
        for kind in KINDS:
            text = variant(rng, corpus, story, article, kind)
            queries.append((kind, base_id, text))
            pairs.append((kind, text, bases[base_id]))
        negative = render(
            corpus, make_article(rng, corpus, story), headline(rng, corpus, story), [], []
        )
        queries.append(("negative", -1, negative))
        pairs.append(("negative", negative, bases[base_id]))
    print(
        f"generated {len(real) + len(bases)} texts and {len(queries)} queries "
        f"in {time.perf_counter() - t0:.1f}s"
    )
    t0 = time.perf_counter()
    sims = similarity_report(pairs)
    for kind, measures in sims.items():
        line = " ".join(
            f"{m}[min/p5/med/max]={v['min']}/{v['p5']}/{v['median']}/{v['max']}"
            for m, v in measures.items()
        )
        print(f"similarity {kind}: {line}")
    sample = [t for _, _, t in queries[:200]]
    t0 = time.perf_counter()
    for t in sample:
        dedup.signature(t)
    sig_ms = (time.perf_counter() - t0) * 1000 / len(sample)
    print(f"signature: {sig_ms:.2f} ms per text, {dedup.SIGNATURE_SIZE} bytes")
    results = []
    for size in sizes:
        res = run_size(size, real, bases, queries, rng)
        results.append(res)
        print(
            f"size {size}: rebuild {res['rebuild_s']} s, index {res['index_nbytes_mb']} MB arrays "
            f"({res['index_traced_mb']} MB traced, build peak {res['build_peak_traced_mb']} MB)"
        )
        print(
            f"size {size}: lookup {res['lookup_ms_mean']} ms mean, {res['lookup_ms_p99']} ms p99; "
            f"check {res['check_ms_mean']} ms mean, {res['check_ms_p99']} ms p99"
        )
        print(f"size {size}: hard negatives flagged {res['negatives_flagged']}")
        for kind, r in res["per_kind"].items():  # type: ignore[union-attr]
            print(
                f"size {size}: {kind} precision {r['precision']} recall {r['recall']} "
                f"{r['verdicts']}"
            )
    report = {
        "params": {
            "shingle_size": dedup.SHINGLE_SIZE,
            "near_bands": dedup.NEAR_BANDS,
            "near_rows": dedup.NEAR_ROWS,
            "rewrite_bands": dedup.REWRITE_BANDS,
            "rewrite_rows": dedup.REWRITE_ROWS,
            "near_jaccard": dedup.NEAR_JACCARD,
            "near_containment": dedup.NEAR_CONTAINMENT,
            "sentence_match": dedup.SENTENCE_MATCH,
            "rewrite_threshold": dedup.REWRITE_THRESHOLD,
            "signature_bytes": dedup.SIGNATURE_SIZE,
        },
        "pairs_per_kind": n_pairs,
        "signature_ms": round(sig_ms, 3),
        "similarities": sims,
        "sizes": results,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
