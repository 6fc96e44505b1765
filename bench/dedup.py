"""Deduplication benchmark: lookup and check time, index memory, rebuild, precision and recall.

Synthetic articles are drawn from a Zipf-distributed vocabulary (English stop words at the top
ranks, pseudo-words below). Each story has 50 terms (names, places, topic words; a few of them
dominate, as "Kenya", "Haiti" and "police" do) and 12 quoted sentences that articles on the
story repeat verbatim. From a base article the bench derives labelled queries:

- positives: ``syndicated`` (same body, other headline, boilerplate at top and bottom),
  ``light_edit`` (3% of words replaced, a sentence dropped, one added), ``truncated`` (the first
  40-60% of the sentences), ``rewrite`` (40% of content words swapped for synonyms, clauses
  reordered, quotes kept verbatim, as content farms do);
- hard negatives, which must not be flagged: ``same_story`` (another article on the story,
  sharing 1-3 of the base's quotes and its names), ``brief`` (5-8 sentences, 2-3 of them the
  base's quotes), ``follow_up`` (a new article that reuses a quarter of the base's sentences
  verbatim as background).

The index holds the base articles and same-story texts with real signatures; the rest, up to
each size, are filler signatures built with the same hash functions from synthetic element
sets: per filler, a number of unique shingles and word pairs (drawn like the real texts' set
sizes), each of the story's quotes with probability 0.1, and each of the story's common word
pairs (those in at least 2% of its real texts) with its real document frequency. So fillers
crowd the same LSH buckets as real same-story articles do, popular pairs included. All
signatures are written to a DuckDB corpus file and the index is rebuilt from it, timed, and
measured for peak memory in a fresh process.

Each query is checked as the dedup pipeline checks an article: its features computed ahead
(the extraction workers' job), the stored articles' features through a :class:`FeatureCache`
that starts cold and computes them from the stored texts on a miss. The same queries are
checked again from their texts with nothing cached, as a same-run baseline.

Precision for a positive category is measured on its pairs plus all hard negatives:
correct flags / (flags of the expected kind on the category + such flags on negatives).

Usage::

    .venv/bin/python bench/dedup.py [--sizes 10000,1000000] [--pairs N] [--quick] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from collector import dedup  # noqa: E402
from collector.lsh import NEAR_PERM, REWRITE_PERM, DuplicateIndex, pack_signatures  # noqa: E402
from collector.store import Batch, Store  # noqa: E402

BASELINE_QUERIES = 200
POSITIVES = {"syndicated": "near", "light_edit": "near", "truncated": "near", "rewrite": "rewrite"}
NEGATIVES = ("same_story", "brief", "follow_up")
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
Sentence = list[list[int]] | str  # clauses of word ids, or a rendered quote
Article = list[Sentence]


@dataclass
class Language:
    """Vocabulary, Zipf weights and synonym map of the synthetic language."""

    words: list[str]
    weights: np.ndarray
    synonyms: np.ndarray
    n_stop: int


@dataclass
class Story:
    """A story's terms (with Zipf weights) and the quotes its articles repeat."""

    terms: np.ndarray
    weights: np.ndarray
    quotes: list[str]


def make_language(rng: np.random.Generator, size: int = 30000) -> Language:
    """Stop words first (most frequent), then distinct pseudo-words; a synonym permutation."""
    stop = sorted(dedup.STOPWORDS)
    words = list(stop)
    seen = set(words)
    while len(words) < size:
        word = "".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), rng.integers(2, 5)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = 1.0 / (np.arange(1, size + 1) + 2.7) ** 1.07
    synonyms = np.arange(size)
    synonyms[len(stop) :] = rng.permutation(np.arange(len(stop), size))
    return Language(words, weights / weights.sum(), synonyms, len(stop))


def draw_words(rng: np.random.Generator, lang: Language, story: Story, n: int) -> np.ndarray:
    """``n`` word ids: Zipf background words, 15% of them story terms."""
    ids = rng.choice(len(lang.words), n, p=lang.weights)
    terms = rng.random(n) < 0.15
    ids[terms] = rng.choice(story.terms, int(terms.sum()), p=story.weights)
    return ids


def draw_sentence(rng: np.random.Generator, lang: Language, story: Story) -> list[list[int]]:
    """8-32 words split into clauses."""
    n = int(rng.integers(8, 33))
    ids = draw_words(rng, lang, story, n)
    cuts = sorted({int(c) for c in rng.integers(3, max(4, n - 2), n // 8)})
    return [c.tolist() for c in np.split(ids, cuts) if len(c)]


def sentence_text(lang: Language, sentence: Sentence) -> str:
    if isinstance(sentence, str):
        return sentence
    text = ", ".join(" ".join(lang.words[i] for i in c) for c in sentence)
    return text[:1].upper() + text[1:] + "."


def make_story(rng: np.random.Generator, lang: Language) -> Story:
    """50 terms, the first few dominant, and 12 quotes attributed to story names."""
    terms = rng.choice(np.arange(lang.n_stop + 200, len(lang.words)), 50, replace=False)
    weights = 1.0 / np.arange(1, 51) ** 1.1
    story = Story(terms, weights / weights.sum(), [])
    for _ in range(12):
        said = lang.words[int(rng.choice(terms[:10]))].title()
        body = sentence_text(lang, draw_sentence(rng, lang, story)).rstrip(".")
        story.quotes.append(f'"{body}," said {said}.')
    return story


def make_article(
    rng: np.random.Generator,
    lang: Language,
    story: Story,
    sentences: tuple[int, int] = (12, 36),
    quotes: list[str] | None = None,
) -> Article:
    """Sentences of the story, with the given quotes placed at random positions."""
    article: Article = [
        draw_sentence(rng, lang, story) for _ in range(int(rng.integers(*sentences)))
    ]
    for quote in quotes or []:
        article.insert(int(rng.integers(1, len(article) + 1)), quote)
    return article


def render(lang: Language, article: Article, title: str, top: list[str], bottom: list[str]) -> str:
    """Headline, top lines, paragraphs of three sentences, bottom lines."""
    texts = [sentence_text(lang, s) for s in article]
    paragraphs = [" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]
    return "\n".join([title, *top, *paragraphs, *bottom])


def headline(rng: np.random.Generator, lang: Language, story: Story) -> str:
    ids = [
        *rng.choice(story.terms, 3, p=story.weights),
        *rng.choice(len(lang.words), 4, p=lang.weights),
    ]
    rng.shuffle(ids)
    return " ".join(lang.words[i].title() for i in ids)


def boilerplate(rng: np.random.Generator, lang: Language, story: Story, n: int) -> list[str]:
    """Boilerplate lines, sometimes a 'Latest Stories' list of other headlines."""
    lines = [BOILERPLATE[i] for i in rng.integers(0, len(BOILERPLATE), n)]
    if rng.random() < 0.5:
        lines += ["Latest Stories"] + [headline(rng, lang, story) for _ in range(4)]
    return lines


def base_quotes(rng: np.random.Generator, story: Story, n: int) -> list[str]:
    return [story.quotes[i] for i in rng.choice(len(story.quotes), n, replace=False)]


def derive(rng: np.random.Generator, lang: Language, story: Story, base: Article, kind: str) -> str:
    """A labelled query text of ``kind`` derived from a base article."""
    title = headline(rng, lang, story)
    quotes = [s for s in base if isinstance(s, str)]
    if kind == "syndicated":
        top, bottom = (boilerplate(rng, lang, story, int(rng.integers(1, 4))) for _ in range(2))
        return render(lang, base, title, top, bottom)
    if kind == "truncated":
        keep = max(1, int(len(base) * rng.uniform(0.4, 0.6)))
        return render(lang, base[:keep], title, [], boilerplate(rng, lang, story, 2))
    if kind == "light_edit":
        edited: Article = [
            s if isinstance(s, str) else [
                [int(rng.integers(len(lang.words))) if rng.random() < 0.03 else w for w in c]
                for c in s
            ]
            for s in base
        ]  # fmt: skip
        edited.pop(int(rng.integers(len(edited))))
        edited.insert(int(rng.integers(len(edited))), draw_sentence(rng, lang, story))
        return render(lang, edited, title, [], [])
    if kind == "rewrite":
        out: Article = []
        for s in base:
            if isinstance(s, str):
                out.append(s)
                continue
            swapped = [
                [int(lang.synonyms[w]) if w >= lang.n_stop and rng.random() < 0.4 else w for w in c]
                for c in s
            ]
            shift = int(rng.integers(len(swapped)))
            out.append(swapped[shift:] + swapped[:shift])
        return render(lang, out, title, [], boilerplate(rng, lang, story, 1))
    if kind == "same_story":
        shared = quotes[: int(rng.integers(1, 4))]
        return render(lang, make_article(rng, lang, story, quotes=shared), title, [], [])
    if kind == "brief":
        shared = quotes[: int(rng.integers(2, 4))]
        article = make_article(rng, lang, story, (3, 6), quotes=shared)
        return render(lang, article, title, [], [])
    if kind == "follow_up":
        picks = sorted(rng.choice(len(base), max(1, len(base) // 4), replace=False))
        background = [base[i] for i in picks]
        article = make_article(rng, lang, story, (len(base), len(base) + 12)) + background
        return render(lang, article, title, [], [])
    raise ValueError(kind)


# --------------------------------------------------------------------------- fillers


@dataclass
class FillerModel:
    """What filler signatures of one story are built from."""

    quote_mins: np.ndarray  # (quotes, NEAR_PERM) MinHash of each quote's shingles
    pair_values: np.ndarray  # (common pairs, REWRITE_PERM) permuted values
    pair_df: np.ndarray  # (common pairs,) document frequency among the story's texts


def filler_model(lang: Language, story: Story, texts: list[str]) -> FillerModel:
    """Measure a story's quotes and common word pairs on its real texts."""
    quote_mins = np.stack(
        [
            dedup.minhash(dedup.shingles(dedup.tokenize(q)), NEAR_PERM, dedup.NEAR_SEED)
            for q in story.quotes
        ]
    )
    df: Counter[int] = Counter()
    for text in texts:
        df.update(dedup.content_pairs(text).tolist())
    floor = max(2, int(0.02 * len(texts)))
    common = np.array([p for p, c in df.items() if c >= floor], dtype=np.uint64)
    freq = np.array([df[int(p)] / len(texts) for p in common])
    values = dedup.permuted(common, REWRITE_PERM, dedup.REWRITE_SEED)
    return FillerModel(quote_mins, values, freq)


def unique_minima(rng: np.random.Generator, sizes: np.ndarray, perms: int) -> np.ndarray:
    """MinHash values of sets of ``sizes`` distinct random elements: the minimum of n uniform
    32-bit values, drawn directly, independent across permutations."""
    u = rng.random((len(sizes), perms))
    return np.minimum(-np.log(u) / sizes[:, None] * 2**32, 2**32 - 1).astype(np.uint32)


def filler_signatures(
    rng: np.random.Generator,
    model: FillerModel,
    n: int,
    near_sizes: np.ndarray,
    pair_sizes: np.ndarray,
) -> np.ndarray:
    """(n, SIGNATURE_SIZE) filler signatures of one story (see the module docstring)."""
    pick = rng.integers(0, len(near_sizes), n)
    near = unique_minima(rng, near_sizes[pick], NEAR_PERM)
    quoted = rng.random((n, len(model.quote_mins))) < 0.1
    for q in range(len(model.quote_mins)):
        near[quoted[:, q]] = np.minimum(near[quoted[:, q]], model.quote_mins[q])
    rewrite = unique_minima(rng, pair_sizes[pick], REWRITE_PERM)
    if len(model.pair_df):
        included = rng.random((n, len(model.pair_df))) < model.pair_df
        for j in range(REWRITE_PERM):
            # Only the lowest values of a permutation can be a set's minimum.
            order = np.argsort(model.pair_values[:, j])[:64]
            sub = included[:, order]
            first = sub.argmax(axis=1)
            has = sub[np.arange(n), first]
            value = np.where(has, model.pair_values[order[first], j], 2**32 - 1)
            rewrite[:, j] = np.minimum(rewrite[:, j], value.astype(np.uint32))
    exact = rng.integers(0, 2**63, n, dtype=np.uint64)
    packed = pack_signatures(exact, near, rewrite)
    return np.frombuffer(b"".join(packed), dtype=np.uint8).reshape(n, -1)


# --------------------------------------------------------------------------- measurements


def write_corpus(db: Path, real: dict[int, bytes], fillers: list[np.ndarray], first: int) -> None:
    """Write every signature into a DuckDB corpus, as the collector stores them."""
    store = Store(db)
    batch = Batch()
    for i, sig in real.items():
        batch.add("articles", {"id": i, "url": f"bench:{i}", "text": "", "is_seed": False,
                               "signature": sig})  # fmt: skip
    store.write(batch)
    with store.connect() as con:
        next_id = first
        for block in fillers:
            n = len(block)
            sigs = pa.FixedSizeBinaryArray.from_buffers(
                pa.binary(block.shape[1]), n, [None, pa.py_buffer(block.tobytes())]
            ).cast(pa.binary())
            ids = np.arange(next_id, next_id + n)
            table = pa.table({"id": ids, "url": pa.array([f"bench:{i}" for i in ids]),
                              "text": pa.array([""] * n), "is_seed": pa.array([False] * n),
                              "signature": sigs})  # fmt: skip
            con.register("fill", table)
            con.execute("INSERT INTO articles BY NAME SELECT * FROM fill")
            con.unregister("fill")
            next_id += n


def rebuild(db: Path) -> tuple[DuplicateIndex, float]:
    started = time.perf_counter()
    blocks = Store(db).signature_blocks()
    index = DuplicateIndex.from_columns((b.ids, b.offsets, b.data) for b in blocks)
    return index, time.perf_counter() - started


def rebuild_in_fresh_process(db: Path) -> dict[str, float]:
    """Rebuild in a new interpreter and report its time and peak resident memory."""
    out = subprocess.run(
        [sys.executable, __file__, "--rebuild-only", str(db)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; unlike ru_maxrss it restarts at exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rebuild_only(db: Path) -> None:
    before = peak_rss_mb()
    index, seconds = rebuild(db)
    peak = peak_rss_mb()
    print(json.dumps({"seconds": round(seconds, 2), "articles": index.size,
                      "index_mb": round(index.nbytes / 2**20, 1),
                      "rss_before_mb": round(before, 1),
                      "rss_peak_mb": round(peak, 1)}))  # fmt: skip


def stored_reads_ms(db: Path, reads: int = 20) -> dict[str, float]:
    """Time to read one article's facts from the corpus file, as the pipeline does on a
    miss: the first read opens the file, the next ones use the connection it keeps open."""
    store = Store(db)
    started = time.perf_counter()
    store.article_facts(0)
    opened = time.perf_counter()
    for article_id in range(1, reads + 1):
        store.article_facts(article_id)
    done = time.perf_counter()
    store.release()
    return {"first": round((opened - started) * 1000, 3),
            "next": round((done - opened) * 1000 / reads, 3)}  # fmt: skip


def brute_force_ms(sigs: list[bytes], queries: list[bytes]) -> float:
    """Time per query of the alternative to an index: compare with each of ``sigs``."""
    matrix = np.frombuffer(b"".join(sigs), dtype="<u4").reshape(len(sigs), -1)[:, 3:]
    started = time.perf_counter()
    for q in queries:
        row = np.frombuffer(q, dtype="<u4")[3:]
        int(np.argmax((matrix == row).sum(axis=1)))
    return (time.perf_counter() - started) * 1000 / len(queries)


def score(queries: list[tuple[str, int, str]], verdicts: list[dedup.Verdict]) -> dict:
    """Recall and precision per positive category, false flags per negative one."""
    flags: dict[str, Counter[str]] = {}
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter(kind for kind, _, _ in queries)
    for (kind, of_id, _), v in zip(queries, verdicts, strict=True):
        flags.setdefault(kind, Counter())[v.kind or "none"] += 1
        expected = POSITIVES.get(kind)
        wanted = {expected, "exact"} if expected == "near" else {expected}
        if expected and v.kind in wanted and v.of_id == of_id:
            hits[kind] += 1
    report: dict[str, dict] = {}
    for kind, expected in POSITIVES.items():
        flagged = {"near", "exact"} if expected == "near" else {"rewrite"}
        on_negatives = sum(flags.get(n, Counter())[k] for n in NEGATIVES for k in flagged)
        on_kind = sum(flags[kind][k] for k in flagged)
        report[kind] = {
            "recall": round(hits[kind] / totals[kind], 4),
            "precision": round(hits[kind] / max(1, on_kind + on_negatives), 4),
            "verdicts": dict(flags[kind]),
        }
    for kind in NEGATIVES:
        report[kind] = {
            "flagged": round(1 - flags[kind]["none"] / totals[kind], 4),
            "verdicts": dict(flags[kind]),
        }
    return report


def measure(
    size: int,
    real: dict[int, str],
    queries: list[tuple[str, int, str]],
    models: list[FillerModel],
    rng: np.random.Generator,
    workdir: Path,
) -> dict:
    """Build a corpus of ``size`` articles in DuckDB, rebuild the index, run the queries."""
    real_sigs = {i: dedup.signature(t) for i, t in real.items()}
    near_sizes = np.array([len(dedup.shingles(dedup.tokenize(t))) for t in real.values()])
    pair_sizes = np.array([len(dedup.content_pairs(t)) for t in real.values()])
    n_fill = max(0, size - len(real))
    started = time.perf_counter()
    per_story = np.bincount(rng.integers(0, len(models), n_fill), minlength=len(models))
    fillers = []
    for model, count in zip(models, per_story, strict=True):
        for start in range(0, int(count), 50_000):
            n = min(50_000, int(count) - start)
            fillers.append(filler_signatures(rng, model, n, near_sizes, pair_sizes))
    generate_s = time.perf_counter() - started
    db = workdir / f"corpus-{size}.duckdb"
    started = time.perf_counter()
    write_corpus(db, real_sigs, fillers, first=max(real) + 1)
    write_s = time.perf_counter() - started
    baseline_sigs = list(real_sigs.values())[:10_000]
    for block in fillers:
        baseline_sigs += [bytes(row) for row in block[: 10_000 - len(baseline_sigs)]]
    del fillers
    fresh = rebuild_in_fresh_process(db)
    index, rebuild_s = rebuild(db)
    query_features = [dedup.features(q) for _, _, q in queries]  # as the extraction workers do
    query_sigs = [f.signature for f in query_features]
    lookup_ms, check_ms, missed = [], [], []
    verdicts = []
    cache = dedup.FeatureCache(real.get)  # as the pipeline keeps one, cold at start
    for feats in query_features:
        t0 = time.perf_counter()
        index.candidates(feats.signature, dedup.MAX_VERIFY)
        lookup_ms.append((time.perf_counter() - t0) * 1000)
        misses = cache.misses
        t0 = time.perf_counter()
        verdicts.append(dedup.check(feats, index, cache))
        check_ms.append((time.perf_counter() - t0) * 1000)
        missed.append(cache.misses > misses)
    baseline_ms = []  # the same checks from the texts, nothing computed ahead or cached
    for _, _, text in queries[:BASELINE_QUERIES]:
        t0 = time.perf_counter()
        dedup.check(text, index, real.get)
        baseline_ms.append((time.perf_counter() - t0) * 1000)
    brute_ms = brute_force_ms(baseline_sigs, query_sigs[:200])
    hit_ms = [t for t, m in zip(check_ms, missed, strict=True) if not m]
    miss_ms = [t for t, m in zip(check_ms, missed, strict=True) if m]
    return {
        "size": size,
        "generate_s": round(generate_s, 1),
        "write_duckdb_s": round(write_s, 1),
        "rebuild_s": round(rebuild_s, 2),
        "rebuild_fresh_process": fresh,
        "index_mb": round(index.nbytes / 2**20, 1),
        "bytes_per_article": round(index.nbytes / index.size, 1),
        "lookup_ms_mean": round(float(np.mean(lookup_ms)), 3),
        "lookup_ms_p99": round(float(np.quantile(lookup_ms, 0.99)), 3),
        "check_ms_mean": round(float(np.mean(check_ms)), 3),
        "check_ms_p99": round(float(np.quantile(check_ms, 0.99)), 3),
        "check_ms_mean_cache_hit": round(float(np.mean(hit_ms or [np.nan])), 3),
        "check_ms_mean_cache_miss": round(float(np.mean(miss_ms or [np.nan])), 3),
        "checks_with_a_miss": round(len(miss_ms) / len(check_ms), 3),
        "cache_hits": cache.hits,
        "cache_misses": cache.misses,
        "baseline_check_ms_mean": round(float(np.mean(baseline_ms)), 3),
        "baseline_queries": len(baseline_ms),
        "stored_read_ms": stored_reads_ms(db),
        "brute_force_ms": round(brute_ms, 3),
        "brute_force_signatures": len(baseline_sigs),
        "quality": score(queries, verdicts),
    }


def quantiles(values: list[float]) -> list[float]:
    return [round(float(v), 3) for v in np.quantile(values, [0, 0.05, 0.5, 0.95, 1.0])]


def similarity_report(pairs: list[tuple[str, str, str]]) -> dict[str, dict[str, list[float]]]:
    """Distribution (min, p5, median, p95, max) of each verification measure per category."""
    found: dict[str, dict[str, list[float]]] = {}
    for kind, query, original in pairs:
        jac, cont = dedup.near_similarity(query, original)
        d = found.setdefault(kind, {"jaccard": [], "containment": [], "rewrite_score": []})
        d["jaccard"].append(jac)
        d["containment"].append(cont)
        d["rewrite_score"].append(dedup.rewrite_score(query, original))
    return {k: {m: quantiles(v) for m, v in d.items()} for k, d in found.items()}


def print_size(res: dict) -> None:
    size, fresh = res["size"], res["rebuild_fresh_process"]
    print(f"\n== {size:,} articles")
    print(f"rebuild from DuckDB: {res['rebuild_s']} s; in a fresh process {fresh['seconds']} s, "
          f"peak RSS {fresh['rss_peak_mb']} MB (interpreter and imports "
          f"{fresh['rss_before_mb']} MB)")  # fmt: skip
    print(f"index memory: {res['index_mb']} MB ({res['bytes_per_article']} bytes per article)")
    ratio = res["lookup_ms_mean"] / res["brute_force_ms"]
    scanned = res["brute_force_signatures"]
    print(f"lookup: {res['lookup_ms_mean']} ms mean, {res['lookup_ms_p99']} ms p99 = {ratio:.2f}x "
          f"a brute-force scan of {scanned:,} signatures ({res['brute_force_ms']} ms), "
          f"{ratio * scanned / size:.4f}x a scan of all {size:,}")  # fmt: skip
    print(
        f"full check (the pipeline's call: features given, stored ones through a cache): "
        f"{res['check_ms_mean']} ms mean, {res['check_ms_p99']} ms p99; "
        f"{res['check_ms_mean_cache_hit']} ms mean when every stored article it compared was "
        f"cached, {res['check_ms_mean_cache_miss']} ms when one was not "
        f"({res['checks_with_a_miss']:.0%} of checks; cache {res['cache_hits']} hits, "
        f"{res['cache_misses']} misses)"
    )
    print(
        f"baseline, the same check from the texts (nothing computed ahead, nothing cached): "
        f"{res['baseline_check_ms_mean']} ms mean over {res['baseline_queries']} queries"
    )
    reads = res["stored_read_ms"]
    print(f"reading one stored article from the DuckDB file (a cache miss in a crawl also pays "
          f"it): {reads['first']} ms opening the file, {reads['next']} ms once open")  # fmt: skip
    for kind, r in res["quality"].items():
        if kind in POSITIVES:
            print(f"  {kind:11s} precision {r['precision']:.4f} recall {r['recall']:.4f} "
                  f"{r['verdicts']}")  # fmt: skip
        else:
            print(f"  {kind:11s} (negative) flagged {r['flagged']:.4f} {r['verdicts']}")


def features_memory(texts: list[str]) -> float:
    """Bytes the features of one text hold, as a ``FeatureCache`` keeps them (tracemalloc;
    the texts' words hashed and stemmed beforehand, as a crawl's shared memo has them)."""
    memo: dict[str, int] = {}
    stems: dict[str, str] = {}
    for text in texts:
        dedup.features(text, memo, signed=False, stems=stems)
    tracemalloc.start()
    kept = [dedup.features(text, memo, signed=False, stems=stems) for text in texts]
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return held / len(kept)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the figures and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--quick", action="store_true", help="one size of 3,000, 40 pairs")
    parser.add_argument("--pairs", type=int, default=200, help="labelled queries per category")
    parser.add_argument("--texts", type=int, default=1500, help="real same-story texts indexed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=str(REPO_ROOT / "data" / "bench-dedup.json"))
    parser.add_argument("--rebuild-only", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rebuild_only:
        rebuild_only(Path(args.rebuild_only))
        return 0
    sizes = [3000] if args.quick else [int(s) for s in args.sizes.split(",")]
    n_pairs = 40 if args.quick else args.pairs
    n_texts = 300 if args.quick else args.texts
    rng = np.random.default_rng(args.seed)
    lang = make_language(rng)
    stories = [make_story(rng, lang) for _ in range(8)]
    started = time.perf_counter()
    real: dict[int, str] = {}
    by_story: dict[int, list[str]] = {s: [] for s in range(len(stories))}
    for i in range(n_texts):
        s = i % len(stories)
        quotes = base_quotes(rng, stories[s], int(rng.integers(0, 4)))
        text = render(lang, make_article(rng, lang, stories[s], quotes=quotes),
                      headline(rng, lang, stories[s]), [], [])  # fmt: skip
        real[i] = text
        by_story[s].append(text)
    queries: list[tuple[str, int, str]] = []
    pairs: list[tuple[str, str, str]] = []
    for j in range(n_pairs):
        s = j % len(stories)
        story = stories[s]
        base = make_article(
            rng, lang, story, quotes=base_quotes(rng, story, int(rng.integers(2, 4)))
        )
        base_id = n_texts + j
        real[base_id] = render(lang, base, headline(rng, lang, story), [], [])
        by_story[s].append(real[base_id])
        for kind in (*POSITIVES, *NEGATIVES):
            text = derive(rng, lang, story, base, kind)
            queries.append((kind, base_id if kind in POSITIVES else -1, text))
            pairs.append((kind, text, real[base_id]))
    print(f"generated {len(real)} indexed texts and {len(queries)} labelled queries "
          f"in {time.perf_counter() - started:.1f}s")  # fmt: skip
    sims = similarity_report(pairs)
    print("similarity to the base article [min, p5, median, p95, max]:")
    for kind, measures in sims.items():
        print(f"  {kind:11s} " + "  ".join(f"{m} {v}" for m, v in measures.items()))
    started = time.perf_counter()
    for _, _, text in queries[:200]:
        dedup.features(text)
    sig_ms = (time.perf_counter() - started) * 1000 / min(200, len(queries))
    size = np.mean([len(pickle.dumps(dedup.features(t))) for _, _, t in queries[:200]])
    held = features_memory([t for _, _, t in queries[:200]])
    print(f"features (signature included): {sig_ms:.2f} ms per text, pickled "
          f"{size / 1024:.1f} KB, {held / 1024:.1f} KB held in a cache; "
          f"signature {dedup.SIGNATURE_SIZE} bytes")  # fmt: skip
    models = [filler_model(lang, story, by_story[s]) for s, story in enumerate(stories)]
    print("common word pairs per story (in >= 2% of its texts): "
          f"{[len(m.pair_df) for m in models]}, most frequent in "
          f"{max(float(m.pair_df.max()) for m in models):.0%} of texts")  # fmt: skip
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        for size in sizes:
            res = measure(size, real, queries, models, rng, Path(tmp))
            results.append(res)
            print_size(res)
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
            "near_min_weight": dedup.NEAR_MIN_WEIGHT,
            "rewrite_min_weight": dedup.REWRITE_MIN_WEIGHT,
            "rewrite_always": dedup.REWRITE_ALWAYS,
            "rewrite_min_matches": dedup.REWRITE_MIN_MATCHES,
            "max_rewrite_verify": dedup.MAX_REWRITE_VERIFY,
            "signature_bytes": dedup.SIGNATURE_SIZE,
        },  # fmt: skip
        "pairs_per_category": n_pairs,
        "features_ms": round(sig_ms, 3),
        "similarities": sims,
        "sizes": results,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
