"""Duplicate detection for clean article text: exact copies, near copies and rewrites.

Three layers, cheapest first, each answered from an in-memory index and verified on the texts:

1. **exact**: :func:`content_hash` of :func:`normalize_text` (case, whitespace, punctuation and
   unicode quotes folded). The index keeps a 64-bit prefix of the hash.
2. **near** (syndicated copies with other headlines or boilerplate, light edits, truncation):
   MinHash over word 5-shingles, LSH bands; candidates are verified by shingle Jaccard or by
   containment (share of the smaller text's shingles found in the other), so a copy holding only
   the first half of an article is found too.
3. **rewrite** (the same article reworded sentence by sentence): MinHash over pairs of content
   words that occur close together in one sentence, LSH bands at a low threshold; candidates are
   verified by :func:`rewrite_score`, the share of sentences of the shorter text aligned to a
   sentence of the other.

:func:`features` computes, once per text, everything the checks compare: the signature (a
compact ``bytes`` value the store keeps next to the article, from which the index is rebuilt
at start-up), the exact-copy digest, the shingles and the sentences' content words. It is a
pure function with a picklable result, so it can run in a worker process with extraction.
Stored articles' features come from a :class:`FeatureCache`. Usage::

    feats = features(text)                              # anywhere, e.g. a worker process
    cache = FeatureCache(get_text)                      # get_text(id) -> stored text or None
    verdict = check(feats, index, cache)
    if verdict.kind is None:
        article_id = store(text, feats.signature)
        index.add(article_id, feats.signature)
        cache.put(article_id, feats)
    # at start-up, from the stored signature column (see collector.lsh):
    index = DuplicateIndex.from_columns(chunks)        # chunks of (ids, offsets, data)

``check`` returns a :class:`Verdict` whose ``kind`` is ``"exact"``, ``"near"``, ``"rewrite"`` or
``None``. Of two copies (exact or near) the corpus keeps the earliest published, then the
longest: :func:`keeps_new_copy` tells whether a new copy should replace the stored one,
except that of one outlet's two versions of a report, the one that adds paragraphs to the
other (:func:`adds_to`) is kept.
"""

from __future__ import annotations

import hashlib
import logging
import re
import struct
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from collector.lsh import (
    FLAG_NO_NEAR,
    FLAG_NO_REWRITE,
    NEAR_BANDS,
    NEAR_PERM,
    NEAR_ROWS,
    REWRITE_BANDS,
    REWRITE_PERM,
    REWRITE_ROWS,
    SIGNATURE_SIZE,
    Candidates,
    DuplicateIndex,
    pack_signatures,
)
from collector.words import ROMAN, WORD_CHARS, is_unspaced, segment

__all__ = [
    "NEAR_BANDS",
    "NEAR_ROWS",
    "REWRITE_BANDS",
    "REWRITE_ROWS",
    "SIGNATURE_SIZE",
    "DuplicateIndex",
    "FeatureCache",
    "Features",
    "Verdict",
    "adds_to",
    "aligned_share",
    "check",
    "content_hash",
    "content_pairs",
    "features",
    "keeps_new_copy",
    "near_match",
    "near_similarity",
    "normalize_text",
    "pack_features",
    "pack_signatures",
    "rewrite_score",
    "shingles",
    "signature",
    "split_sentences",
    "tokenize",
    "unpack_features",
]

logger = logging.getLogger(__name__)

SHINGLE_SIZE = 5
PAIR_WINDOW = 5
NEAR_SEED = 1  # MinHash permutation seeds of the two layers
REWRITE_SEED = 2
NEAR_JACCARD = 0.5
NEAR_CONTAINMENT = 0.7
MIN_CONTAINMENT_SHINGLES = 20
MIN_UPDATE_SENTENCES = 2  # sentences an update adds to its first version, at least
SENTENCE_MATCH = 0.4
REWRITE_THRESHOLD = 0.35
MAX_VERIFY = 5
MAX_REWRITE_VERIFY = 3  # rewrite candidates aligned at most: the best ones, and strong others
REWRITE_ALWAYS = 2  # the best this many rewrite candidates are aligned whatever their weight
REWRITE_MIN_WEIGHT = 2.0  # weight a further rewrite candidate needs to be aligned
REWRITE_MIN_MATCHES = 2  # rewrite MinHash values (of 36) a candidate must share to be aligned
MEMO_WORDS = 200_000  # word hashes a FeatureCache keeps (about 20 MB)
NEAR_MIN_WEIGHT = 2.0  # summed candidate weight below which a near copy is not looked for
REWRITE_MIN_SHARED = 1  # candidates are ranked by shared evidence; the score decides

_U64 = np.uint64
_MASK64 = (1 << 64) - 1
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
# Cyrillic read in Latin letters too: a Serbian page and its copy in the other script are
# one text (collector.words.ROMAN).
_FOLD = {**_QUOTES, **ROMAN}
_WORD_RE = re.compile(rf"{WORD_CHARS}(?:['-]{WORD_CHARS})*")  # marks in: collector.words
# A sentence ends at spaces after end punctuation (or after a closing quote or bracket that
# follows it), at line breaks, or where a capital follows "xx." with no space. Every split
# starts at a space or a capital, which the leading lookahead checks first: the other
# positions, nearly all of a text, fail at once (twice as fast, the same splits).
# Hindi ends a sentence with "।", Arabic a question with "؟", Urdu a sentence with "۔".
_SENTENCE_RE = re.compile(
    r"(?=[\s\"A-Z])"
    r"(?:(?:(?<=[.!?。।؟۔])|(?<=[.!?。।؟۔][\"')\]]))\s+|\n+|(?<=[a-z]{2}[.!?])(?=[A-Z\"]))"
)
# Chinese and Japanese end one with "。" ("！" and "？" are "!" and "?" after NFKC) and start
# the next without a space: text in them is split at those too (the test at each position
# would cost other text four fifths more).
_UNSPACED_SENTENCE_RE = re.compile(
    f"{_SENTENCE_RE.pattern}|(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])(?<=[。!?])"
)
STOPWORDS = frozenset(
    """a about above after again against ago all almost also although am among an and another
    any are around as at away be became because become been before being below between both but
    by can could did do does doing done down during each either even ever every few for from
    further get gets got had has have having he her here hers herself him himself his how however
    i if in including into is it its itself just last least less like made make many may me might
    more most much must my myself near need neither new no nor not now of off often on once one
    only or other others our ours ourselves out over own per put rather said same say says see
    seen several shall she should since so some still such than that the their theirs them
    themselves then there these they this those though through thus to too two under until up
    upon us very via was we well were what when where whether which while who whom whose why will
    with within without would yet you your yours yourself yourselves
    """.split()
)

IntArray = npt.NDArray[np.uint64]
Hash32 = npt.NDArray[np.uint32]
_Int = TypeVar("_Int", bound=np.integer[Any])


@dataclass(frozen=True)
class Verdict:
    """Outcome of :func:`check`.

    Attributes:
        kind: ``"exact"``, ``"near"``, ``"rewrite"`` or ``None`` when the text is new.
        of_id: id of the stored article it duplicates, or ``None``.
        similarity: the verified similarity (1.0 for exact, Jaccard or containment for near,
            :func:`rewrite_score` for rewrite), 0.0 when new.
        method: short name of the measure that decided (``"hash"``, ``"jaccard"``,
            ``"containment"``, ``"sentences"``) or ``""``.
    """

    kind: str | None = None
    of_id: int | None = None
    similarity: float = 0.0
    method: str = ""


# --------------------------------------------------------------------------- text features


def normalize_text(text: str) -> str:
    """Fold a text for exact comparison.

    Applies NFKC, folds unicode quotes, case, punctuation and whitespace.

    Args:
        text: clean article text.

    Returns:
        The words of the text, lower-cased, joined by single spaces.
    """
    return " ".join(tokenize(text))


def tokenize(text: str) -> list[str]:
    """Split a text into lower-case word tokens (apostrophes and hyphens kept inside words)."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _WORD_RE.findall(segment(folded))


def content_hash(text: str) -> str:
    """Return a hex digest (32 characters) of :func:`normalize_text` for exact-copy detection."""
    return hashlib.blake2b(normalize_text(text).encode("utf-8"), digest_size=16).hexdigest()


def _stem(word: str) -> str:
    """Strip a few English inflections so that 'deployed' and 'deploys' meet."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """Return the stemmed content words of a text (stop words and one-letter words dropped)."""
    return [_stem(w) for w in tokenize(text) if len(w) > 1 and w not in STOPWORDS]


def split_sentences(text: str) -> list[str]:
    """Split a text into sentences at end punctuation and line breaks; blank pieces dropped."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    pattern = _UNSPACED_SENTENCE_RE if is_unspaced(folded) else _SENTENCE_RE
    return [s.strip() for s in pattern.split(folded) if s and s.strip()]


def _token_hashes(tokens: Sequence[str]) -> IntArray:
    """Stable 64-bit hashes of tokens (the same across processes and machines)."""
    cache: dict[str, int] = {}
    out = np.empty(len(tokens), dtype=_U64)
    for i, tok in enumerate(tokens):
        h = cache.get(tok)
        if h is None:
            digest = hashlib.blake2b(tok.encode("utf-8"), digest_size=8).digest()
            h = cache[tok] = int.from_bytes(digest, "little")
        out[i] = h
    return out


def _mix64(x: IntArray) -> IntArray:
    """Finalise 64-bit values (splitmix64 finaliser) so that every output bit depends on all."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> _U64(30))
        x = x * _U64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> _U64(27))
        x = x * _U64(0x94D049BB133111EB)
        return x ^ (x >> _U64(31))


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> IntArray:
    """Hash the word ``size``-shingles of a token list into a sorted array of unique uint64.

    A text shorter than ``size`` words gives one shingle of all its words; no words give none.
    """
    return _shingles(_token_hashes(tokens), size)


def _shingles(h: IntArray, size: int) -> IntArray:
    """:func:`shingles` from the tokens' hashes."""
    n = len(h)
    if n == 0:
        return h
    k = min(size, n)
    acc = np.zeros(n - k + 1, dtype=_U64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = _mix64(acc + h[j : n - k + 1 + j] + _U64(j + 1))
    return sorted_unique(acc)


def sorted_unique(values: npt.NDArray[_Int]) -> npt.NDArray[_Int]:
    """``np.unique(values)`` for a 1-D integer array, by sorting: numpy 2.3 and later
    answer ``np.unique`` with a hash table, about ten times slower on the few thousand hashes
    of one article (0.76 ms against 0.07 ms on 3,000, numpy 2.4.6)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def content_pairs(text: str, window: int = PAIR_WINDOW) -> IntArray:
    """Hash unordered pairs of content words that occur within ``window`` words in one sentence.

    Such pairs survive rewording, synonym swaps of other words and reordering of clauses far
    better than word shingles do, and are far rarer across different articles than single words.

    Returns:
        Sorted unique uint64 hashes of the pairs.
    """
    words: list[str] = []
    sentence_of: list[int] = []
    for number, sentence in enumerate(split_sentences(text)):
        found = content_words(sentence)
        words.extend(found)
        sentence_of.extend([number] * len(found))
    return _pairs(_token_hashes(words), np.array(sentence_of, dtype=np.int64), window)


def _pairs(h: IntArray, sent: npt.NDArray[np.int64], window: int) -> IntArray:
    """:func:`content_pairs` from the word hashes and the sentence number of each word."""
    parts: list[IntArray] = []
    for d in range(1, min(window, len(h) - 1) + 1):
        same = sent[:-d] == sent[d:]
        a, b = h[:-d][same], h[d:][same]
        with np.errstate(over="ignore"):
            parts.append(_mix64(np.minimum(a, b) * _U64(0x9E3779B97F4A7C15) ^ np.maximum(a, b)))
    if not parts:
        return np.empty(0, dtype=_U64)
    return sorted_unique(np.concatenate(parts))


# --------------------------------------------------------------------------- MinHash


def _perm_params(count: int, seed: int) -> tuple[IntArray, IntArray]:
    """Deterministic multiply-shift hash parameters (odd multipliers) for ``count`` permutations."""
    offset = _U64((seed * 0x9E3779B97F4A7C15) & _MASK64)
    base = np.arange(1, 2 * count + 1, dtype=_U64) + offset
    values = _mix64(base)
    return values[:count] | _U64(1), values[count:]


def permuted(values: IntArray, num_perm: int, seed: int) -> npt.NDArray[np.uint32]:
    """Each element hash under ``num_perm`` multiply-shift permutations: (n, num_perm) uint32."""
    a, b = _perm_params(num_perm, seed)
    with np.errstate(over="ignore"):
        return ((values[:, None] * a[None, :] + b[None, :]) >> _U64(32)).astype(np.uint32)


def minhash(values: IntArray, num_perm: int, seed: int) -> npt.NDArray[np.uint32]:
    """MinHash of a set of uint64 element hashes: the minimum of :func:`permuted` per permutation.

    Returns:
        ``num_perm`` uint32 minima; all ``0xFFFFFFFF`` for an empty set.
    """
    if len(values) == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    return permuted(values, num_perm, seed).min(axis=0)


def signature(text: str) -> bytes:
    """Compute the compact signature the store keeps with an article.

    Layout: version byte, flags byte, two spare bytes, 8-byte exact-hash prefix, then the near
    and rewrite MinHash values as little-endian uint32.

    Args:
        text: clean article text.

    Returns:
        ``SIGNATURE_SIZE`` bytes.
    """
    return features(text).signature


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True, eq=False)
class Features:
    """What :func:`check` compares about a text, computed once by :func:`features`.

    Plain bytes and numpy arrays, so the value pickles compactly (a few KB per article) and
    can be computed in a worker process and travel with the article. The compared hashes keep
    their low 32 bits: half the memory of 64 (a crawl keeps thousands of these), and two
    texts of 3,000 shingles each share a false value about once in 500 comparisons, which
    moves their Jaccard by 1/6,000. The signature is computed from the full 64-bit hashes.

    Attributes:
        signature: the text's :func:`signature`.
        digest: the 16-byte hash of :func:`normalize_text` (the exact-copy identity).
        words: the number of word tokens.
        shingles: sorted unique hashes of the word 5-shingles (32-bit).
        sentence_words: the stemmed content words (32-bit hashes) of each sentence with at
            least three of them, unique within a sentence, sentence after sentence.
        sentence_starts: where each such sentence's words start in ``sentence_words``, plus
            the end (``sentences + 1`` offsets).
        sentence_keys: a hash of each such sentence's normalised text (verbatim identity).
    """

    signature: bytes
    digest: bytes
    words: int
    shingles: Hash32
    sentence_words: Hash32
    sentence_starts: npt.NDArray[np.int64]
    sentence_keys: IntArray

    @property
    def sentences(self) -> int:
        """The number of sentences that take part in rewrite alignment."""
        return len(self.sentence_keys)


# Lengths: signature and digest bytes, words, then the four arrays' items.
_PACKED_HEAD = struct.Struct("<HHIIIII")
_PACKED_ARRAYS = ("<u4", "<u4", "<i8", "<u8")  # shingles, sentence words, starts, keys


def pack_features(f: Features) -> bytes:
    """Features as plain bytes (little-endian arrays behind a header of lengths), so a
    process can send them to another without pickle: :func:`unpack_features` reads them."""
    arrays: tuple[npt.NDArray[Any], ...] = (
        f.shingles, f.sentence_words, f.sentence_starts, f.sentence_keys
    )  # fmt: skip
    head = _PACKED_HEAD.pack(len(f.signature), len(f.digest), f.words, *map(len, arrays))
    body = [a.astype(t, copy=False).tobytes() for a, t in zip(arrays, _PACKED_ARRAYS, strict=True)]
    return b"".join([head, f.signature, f.digest, *body])


def unpack_features(data: bytes) -> Features:
    """Inverse of :func:`pack_features`.

    Raises:
        ValueError: ``data`` is not packed features (too short, or lengths that disagree).
    """
    if len(data) < _PACKED_HEAD.size:
        raise ValueError(f"packed features: {len(data)} bytes, shorter than their header")
    signature_size, digest_size, words, *counts = _PACKED_HEAD.unpack_from(data)
    digest_at = _PACKED_HEAD.size + signature_size
    at = digest_at + digest_size
    sizes = [n * np.dtype(t).itemsize for n, t in zip(counts, _PACKED_ARRAYS, strict=True)]
    if at + sum(sizes) != len(data):
        raise ValueError(f"packed features: {len(data)} bytes, their header says {at + sum(sizes)}")
    arrays = []
    for count, size, dtype in zip(counts, sizes, _PACKED_ARRAYS, strict=True):
        arrays.append(np.frombuffer(data, dtype, count, at).astype(dtype[1:]))
        at += size
    signature, digest = (
        data[_PACKED_HEAD.size : digest_at],
        data[digest_at : digest_at + digest_size],
    )
    return Features(signature, digest, words, *arrays)


def _hash64(value: str) -> int:
    """The stable 64-bit hash :func:`_token_hashes` gives one token."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "little")


def _hashed(words: Sequence[str], memo: dict[str, int]) -> IntArray:
    """:func:`_token_hashes` of ``words``, each distinct word hashed once into ``memo``."""
    for word in set(words).difference(memo):
        memo[word] = _hash64(word)
    return np.fromiter(map(memo.__getitem__, words), dtype=_U64, count=len(words))


def features(
    text: str,
    memo: dict[str, int] | None = None,
    signed: bool = True,
    stems: dict[str, str] | None = None,
) -> Features:
    """Compute a text's :class:`Features` (signature included) in one pass over the text.

    Pure and picklable in and out: the crawl can compute it in a worker process, next to
    extraction, and hand it to :func:`check` with the article.

    Args:
        text: clean article text.
        memo: word -> hash, filled as words are hashed; a caller computing the features of
            many texts on one story passes the same dict (and bounds it) to hash fewer words.
        signed: ``False`` leaves the signature out (``b""``), which a stored article compared
            with a new one does not need: a quarter of the work.
        stems: word -> stem, filled as words are stemmed; shared like ``memo``.

    Returns:
        The features; an empty or wordless text gives empty arrays.
    """
    memo = {} if memo is None else memo
    stems = {} if stems is None else stems
    tokens = tokenize(text)
    digest = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).digest()
    sh = _shingles(_hashed(tokens, memo), SHINGLE_SIZE)
    words: list[str] = []  # content words of the text, for the word pairs
    sentence_of: list[int] = []
    kept: list[str] = []  # distinct content words of the sentences kept for alignment
    starts = [0]
    keys: list[int] = []
    for number, sentence in enumerate(split_sentences(text)):
        said = _WORD_RE.findall(segment(sentence.translate(ROMAN).casefold()))  # = tokenize
        found = [
            stems.get(w) or stems.setdefault(w, _stem(w))
            for w in said
            if len(w) > 1 and w not in STOPWORDS
        ]
        words.extend(found)
        sentence_of.extend([number] * len(found))
        distinct = sorted(set(found))
        if len(distinct) >= 3:
            kept.extend(distinct)
            starts.append(len(kept))
            keys.append(_hash64(" ".join(said)))
    return Features(
        signature=_signed(digest, sh, words, sentence_of, memo) if signed else b"",
        digest=digest,
        words=len(tokens),
        shingles=sorted_unique(sh.astype(np.uint32)),
        sentence_words=_hashed(kept, memo).astype(np.uint32),
        sentence_starts=np.array(starts, dtype=np.int64),
        sentence_keys=np.array(keys, dtype=_U64),
    )


def _signed(
    digest: bytes, sh: IntArray, words: list[str], sentence_of: list[int], memo: dict[str, int]
) -> bytes:
    """The :func:`signature` from the parts :func:`features` computed."""
    pairs = _pairs(_hashed(words, memo), np.array(sentence_of, dtype=np.int64), PAIR_WINDOW)
    flags = (FLAG_NO_NEAR if len(sh) == 0 else 0) | (FLAG_NO_REWRITE if len(pairs) == 0 else 0)
    exact = np.frombuffer(digest[:8], dtype="<u8").astype(_U64)
    near = minhash(sh, NEAR_PERM, seed=NEAR_SEED)[None, :]
    rewrite = minhash(pairs, REWRITE_PERM, seed=REWRITE_SEED)[None, :]
    return pack_signatures(exact, near, rewrite, np.array([flags], dtype=np.uint8))[0]


def _overlap(a: npt.NDArray[_Int], b: npt.NDArray[_Int]) -> tuple[float, float]:
    """Jaccard and containment of two sorted unique shingle arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def near_similarity(text_a: str, text_b: str) -> tuple[float, float]:
    """Return the word-shingle Jaccard and containment of two texts.

    Containment is the share of the smaller shingle set found in the other one; it stays high
    when one text is a truncated copy of the other.
    """
    return _overlap(shingles(tokenize(text_a)), shingles(tokenize(text_b)))


def rewrite_score(text_a: str, text_b: str, match: float = SENTENCE_MATCH) -> float:
    """Share of the sentences of the shorter text that align with a reworded sentence of the other.

    Sentences are compared as sets of stemmed content words weighted by IDF over the sentences
    of both texts; a sentence aligns when the weighted Dice coefficient with the most similar
    sentence of the other text reaches ``match``. A sentence found verbatim in the other text
    counts as not aligned: articles on one story share quotes word for word, and copying is
    what the near-copy layer judges, so only reworded sentences make a rewrite. Sentences
    with fewer than three content words are ignored.

    Args:
        text_a: clean text.
        text_b: clean text.
        match: per-sentence weighted Dice threshold.

    Returns:
        A share in ``[0, 1]``; 0.0 when either text has no usable sentence.
    """
    return aligned_share(features(text_a), features(text_b), match)


def _sentence_numbers(f: Features) -> npt.NDArray[np.int64]:
    """The sentence number of each entry of ``f.sentence_words``."""
    return np.repeat(np.arange(f.sentences, dtype=np.int64), np.diff(f.sentence_starts))


def aligned_share(a: Features, b: Features, match: float = SENTENCE_MATCH) -> float:
    """:func:`rewrite_score` on two texts' features, vectorised.

    The IDF weight of a word is ``log(1 + sentences / sentences holding it)`` over the
    sentences of both texts. The weighted intersection of every sentence pair is summed in one
    pass over the (short sentence, other sentence) pairs that share a word.
    """
    if not a.sentences or not b.sentences:
        return 0.0
    short, other = (a, b) if a.sentences <= b.sentences else (b, a)
    ns, no = short.sentences, other.sentences
    cut = len(short.sentence_words)
    sent = np.concatenate([_sentence_numbers(short), _sentence_numbers(other)])
    _, word = np.unique(
        np.concatenate([short.sentence_words, other.sentence_words]), return_inverse=True
    )
    counts = np.bincount(word)
    weight = np.log(1.0 + (ns + no) / counts)[word]
    mass_s = np.bincount(sent[:cut], weights=weight[:cut], minlength=ns)
    mass_o = np.bincount(sent[cut:], weights=weight[cut:], minlength=no)
    # The other text's entries grouped by word; each short entry meets the group of its word.
    order = np.argsort(word[cut:], kind="stable")
    group_starts = np.searchsorted(word[cut:][order], word[:cut])
    lengths = np.searchsorted(word[cut:][order], word[:cut], side="right") - group_starts
    total = int(lengths.sum())
    first = np.repeat(group_starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
    pair = np.repeat(sent[:cut] * no, lengths) + sent[cut:][order][first]
    shared = np.bincount(pair, weights=np.repeat(weight[:cut], lengths), minlength=ns * no)
    dice = 2.0 * shared.reshape(ns, no) / (mass_s[:, None] + mass_o[None, :])
    verbatim = np.isin(short.sentence_keys, other.sentence_keys)
    aligned = (dice.max(axis=1) >= match) & ~verbatim
    return int(aligned.sum()) / ns


def near_match(a: Features, b: Features) -> Verdict | None:
    """Whether two texts are near copies: shingle Jaccard, or containment for a truncated copy.

    Returns:
        A ``"near"`` :class:`Verdict` (its ``of_id`` unset) with the measure that decided, or
        ``None``.
    """
    jaccard, containment = _overlap(a.shingles, b.shingles)
    if jaccard >= NEAR_JACCARD:
        return Verdict("near", None, jaccard, "jaccard")
    small = min(a.words, b.words) - SHINGLE_SIZE + 1
    if containment >= NEAR_CONTAINMENT and small >= MIN_CONTAINMENT_SHINGLES:
        return Verdict("near", None, containment, "containment")
    return None


# --------------------------------------------------------------------------- decision


def adds_to(longer: Features, shorter: Features) -> bool:
    """Whether ``longer`` is ``shorter`` with paragraphs added: it holds
    ``NEAR_CONTAINMENT`` of the shorter text's shingles and ``MIN_UPDATE_SENTENCES``
    sentences more (:attr:`Features.sentences`). Of one outlet's two versions of a report,
    such a text is its update (a higher toll, what the police said since); an extra
    caption or sign-off line is no update.
    """
    return (
        longer.sentences >= shorter.sentences + MIN_UPDATE_SENTENCES
        and _overlap(longer.shingles, shorter.shingles)[1] >= NEAR_CONTAINMENT
    )


def _ranked(found: Candidates) -> list[tuple[int, float]]:
    """Candidates of both layers by their summed weight (evidence of copying), best first."""
    weight: dict[int, float] = {}
    pairs = zip(found.near + found.rewrite, found.near_weights + found.rewrite_weights, strict=True)
    for (article_id, _), w in pairs:
        weight[article_id] = weight.get(article_id, 0.0) + w
    return sorted(weight.items(), key=lambda item: -item[1])


def check(
    new: str | Features,
    index: DuplicateIndex,
    get_features: Callable[[int], str | Features | None],
) -> Verdict:
    """Decide whether a text duplicates an indexed article.

    Steps: exact-hash candidates verified on the full hash of the normalised text; candidates
    of both LSH layers whose summed weight reaches ``NEAR_MIN_WEIGHT`` (at most
    ``MAX_VERIFY``, best first) verified by shingle Jaccard or containment; the
    ``REWRITE_ALWAYS`` best rewrite candidates, and up to ``MAX_REWRITE_VERIFY`` whose weight
    reaches ``REWRITE_MIN_WEIGHT``, if they share at least ``REWRITE_MIN_MATCHES`` of the 36
    rewrite MinHash values (:meth:`DuplicateIndex.rewrite_matches`), verified by sentence
    alignment (at a million articles a
    rewrite may share a single uncrowded bucket with its original, as many same-story articles
    do, so the best is not always first). Nothing is compared with articles
    the index does not name, and a stored article's features are asked for at most once.

    Args:
        new: the new article's text, or better its :func:`features` (computed elsewhere, off
            the caller's hot path).
        index: the index of stored articles.
        get_features: returns a stored article's features (or its clean text), or ``None`` if
            it is gone. A :class:`FeatureCache` keeps the ones asked for often.

    Returns:
        The :class:`Verdict`; ``kind`` is ``None`` when no duplicate was verified.
    """
    new = new if isinstance(new, Features) else features(new)
    fetched: dict[int, Features | None] = {}

    def fetch(article_id: int) -> Features | None:
        if article_id not in fetched:
            other = get_features(article_id)
            fetched[article_id] = features(other) if isinstance(other, str) else other
        return fetched[article_id]

    found = index.candidates(new.signature, MAX_VERIFY)
    if new.words:
        for article_id in found.exact:
            other = fetch(article_id)
            if other is not None and other.digest == new.digest:
                return Verdict("exact", article_id, 1.0, "hash")
    near = [i for i, w in _ranked(found) if w >= NEAR_MIN_WEIGHT][:MAX_VERIFY]
    for article_id in near:
        other = fetch(article_id)
        verdict = None if other is None else near_match(new, other)
        if verdict is not None:
            return Verdict("near", article_id, verdict.similarity, verdict.method)
    best = Verdict()
    ranked = found.rewrite[:MAX_REWRITE_VERIFY]
    matches = index.rewrite_matches(new.signature, [i for i, _ in ranked])
    for rank, ((article_id, shared), weight, match) in enumerate(
        zip(ranked, found.rewrite_weights, matches, strict=False)
    ):
        strong = rank < REWRITE_ALWAYS or weight >= REWRITE_MIN_WEIGHT
        wanted = shared >= REWRITE_MIN_SHARED and strong and match >= REWRITE_MIN_MATCHES
        other = fetch(article_id) if wanted else None
        if other is None:
            continue
        score = aligned_share(new, other)
        if score >= REWRITE_THRESHOLD and score > best.similarity:
            best = Verdict("rewrite", article_id, score, "sentences")
    return best


class FeatureCache:
    """The features of recently compared articles, by id, computed from texts on a miss.

    Articles on one story are candidates of many checks in a row, so most requests hit.

    Args:
        get_text: returns a stored article's clean text, or ``None`` if it is gone.
        size: how many articles' features to keep (about 11 KB each on news articles).
    """

    def __init__(self, get_text: Callable[[int], str | None], size: int = 8192) -> None:
        self.get_text = get_text
        self.size = size
        self.hits = self.misses = 0
        self._items: OrderedDict[int, Features] = OrderedDict()
        self._memo: dict[str, int] = {}  # word hashes, shared by the texts of one story
        self._stems: dict[str, str] = {}

    def __call__(self, article_id: int) -> Features | None:
        """The features of ``article_id``; ``None`` when its text is gone."""
        found = self._items.get(article_id)
        if found is not None:
            self.hits += 1
            self._items.move_to_end(article_id)
            return found
        self.misses += 1
        text = self.get_text(article_id)
        if text is None:
            return None
        if len(self._memo) > MEMO_WORDS:
            self._memo, self._stems = {}, {}
        found = features(text, self._memo, signed=False, stems=self._stems)
        self.put(article_id, found)
        return found

    def put(self, article_id: int, found: Features) -> None:
        """Keep the features of ``article_id`` (a new article, or a stored one's new text)."""
        self._items[article_id] = found
        self._items.move_to_end(article_id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


# --------------------------------------------------------------------------- which copy to keep


def _utc_day(when: datetime | None) -> date | None:
    """The UTC calendar day of a timestamp (naive timestamps are taken as UTC)."""
    if when is None:
        return None
    return (when.astimezone(UTC) if when.tzinfo else when).date()


def keeps_new_copy(
    new_published: datetime | None,
    new_words: int,
    old_published: datetime | None,
    old_words: int,
    contained: bool = False,
) -> bool:
    """Whether a new copy of a stored article should take its place.

    The copy kept is the earliest published: the original, not a copy that trims it or adds
    its own paragraphs (a regional paper's version of an agency report, longer by its local
    lines and published 40 minutes later, is not the report). Of two copies of one day the
    earlier time wins when both give one, unless the shorter is ``contained`` in the longer:
    then the longer is the full story an earlier brief announced, and it wins, as it does
    when one copy is known only to the day (a page that gives no time, read as midnight, or
    a print view) and times cannot tell them apart. A copy without a date counts as
    published after any dated one, and two undated copies are compared by length. Which
    copy is kept does not depend on the order the crawl reached them in; on a full tie the
    stored copy stays.

    Args:
        new_published: publication time of the new copy (aware, or naive UTC), or None.
        new_words: its clean text's word tokens (:attr:`Features.words`).
        old_published: publication time of the stored copy, or None.
        old_words: the stored copy's word tokens.
        contained: the near-copy check found the shorter copy inside the longer one, which
            shares too little of its text to be a copy of it otherwise (the ``containment``
            measure of :func:`near_match`, not ``jaccard``).

    Returns:
        True when the new copy should replace the stored one.
    """
    new_day, old_day = _utc_day(new_published), _utc_day(old_published)
    if new_day != old_day:
        return old_day is None or (new_day is not None and new_day < old_day)
    new_time, old_time = _time_of_day(new_published), _time_of_day(old_published)
    if new_time is None or old_time is None or new_time == old_time:
        return new_words > old_words
    if contained and new_words != old_words:  # a brief and the full story: the full one
        return new_words > old_words
    return new_time < old_time


def _time_of_day(when: datetime | None) -> datetime | None:
    """A timestamp as naive UTC, or None when it is missing or gives only the day."""
    return None if when is None or _day_only(when) else _naive_utc(when)


def _day_only(when: datetime) -> bool:
    return _naive_utc(when).time() == datetime.min.time()


def _naive_utc(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
