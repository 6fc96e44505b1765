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

A signature (:func:`signature`) is a compact ``bytes`` value the store keeps next to the article;
the index is rebuilt from stored signatures at start-up. Usage::

    sig = signature(text)
    verdict = check(text, index, get_text, sig=sig)   # get_text(id) -> stored text or None
    if verdict.kind is None:
        article_id = store(text, sig)
        index.add(article_id, sig)
    # at start-up:
    index = DuplicateIndex.from_signatures(rows)       # rows: iterable of (id, sig)

``check`` returns a :class:`Verdict` whose ``kind`` is ``"exact"``, ``"near"``, ``"rewrite"`` or
``None``. A ``"near"`` verdict may point at a shorter (truncated) stored copy of the new text;
callers that prefer the longer version can compare lengths.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "DuplicateIndex",
    "Verdict",
    "check",
    "content_hash",
    "content_pairs",
    "near_similarity",
    "normalize_text",
    "pack_signatures",
    "rewrite_score",
    "shingles",
    "signature",
    "split_sentences",
    "tokenize",
]

logger = logging.getLogger(__name__)

SHINGLE_SIZE = 5
NEAR_BANDS = 20
NEAR_ROWS = 3
REWRITE_BANDS = 36
REWRITE_ROWS = 1
PAIR_WINDOW = 5
NEAR_JACCARD = 0.5
NEAR_CONTAINMENT = 0.8
MIN_CONTAINMENT_SHINGLES = 20
SENTENCE_MATCH = 0.4
REWRITE_THRESHOLD = 0.35
MAX_VERIFY = 5
REWRITE_MIN_SHARED = 2

_SIG_VERSION = 1
_DIR_SIZE = 1 << 16
_HEADER = 4
_FLAG_NO_NEAR = 1
_FLAG_NO_REWRITE = 2
_NEAR_PERM = NEAR_BANDS * NEAR_ROWS
_REWRITE_PERM = REWRITE_BANDS * REWRITE_ROWS
SIGNATURE_SIZE = _HEADER + 8 + 4 * (_NEAR_PERM + _REWRITE_PERM)

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
_WORD_RE = re.compile(r"\w+(?:['-]\w+)*")
_SENTENCE_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')\]]))\s+|\n+|(?<=[a-z]{2}[.!?])(?=[A-Z\"])")
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
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WORD_RE.findall(folded)


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
    return [s.strip() for s in _SENTENCE_RE.split(folded) if s and s.strip()]


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
    h = _token_hashes(tokens)
    n = len(h)
    if n == 0:
        return h
    k = min(size, n)
    acc = np.zeros(n - k + 1, dtype=_U64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = _mix64(acc + h[j : n - k + 1 + j] + _U64(j + 1))
    return np.unique(acc)


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
    h = _token_hashes(words)
    sent = np.array(sentence_of, dtype=np.int64)
    parts: list[IntArray] = []
    for d in range(1, min(window, len(h) - 1) + 1):
        same = sent[:-d] == sent[d:]
        a, b = h[:-d][same], h[d:][same]
        with np.errstate(over="ignore"):
            parts.append(_mix64(np.minimum(a, b) * _U64(0x9E3779B97F4A7C15) ^ np.maximum(a, b)))
    if not parts:
        return np.empty(0, dtype=_U64)
    return np.unique(np.concatenate(parts))


# --------------------------------------------------------------------------- MinHash


def _perm_params(count: int, seed: int) -> tuple[IntArray, IntArray]:
    """Deterministic multiply-shift hash parameters (odd multipliers) for ``count`` permutations."""
    offset = _U64((seed * 0x9E3779B97F4A7C15) & _MASK64)
    base = np.arange(1, 2 * count + 1, dtype=_U64) + offset
    values = _mix64(base)
    return values[:count] | _U64(1), values[count:]


def minhash(values: IntArray, num_perm: int, seed: int) -> npt.NDArray[np.uint32]:
    """MinHash of a set of uint64 element hashes with ``num_perm`` multiply-shift permutations.

    Returns:
        ``num_perm`` uint32 minima; all ``0xFFFFFFFF`` for an empty set.
    """
    if len(values) == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    a, b = _perm_params(num_perm, seed)
    with np.errstate(over="ignore"):
        hashed = (values[:, None] * a[None, :] + b[None, :]) >> _U64(32)
    return hashed.min(axis=0).astype(np.uint32)


def signature(text: str) -> bytes:
    """Compute the compact signature the store keeps with an article.

    Layout: version byte, flags byte, two spare bytes, 8-byte exact-hash prefix, then the near
    and rewrite MinHash values as little-endian uint32.

    Args:
        text: clean article text.

    Returns:
        ``SIGNATURE_SIZE`` bytes.
    """
    sh = shingles(tokenize(text))
    pairs = content_pairs(text)
    flags = (_FLAG_NO_NEAR if len(sh) == 0 else 0) | (_FLAG_NO_REWRITE if len(pairs) == 0 else 0)
    exact = np.frombuffer(bytes.fromhex(content_hash(text))[:8], dtype="<u8").astype(_U64)
    near = minhash(sh, _NEAR_PERM, seed=1)[None, :]
    rewrite = minhash(pairs, _REWRITE_PERM, seed=2)[None, :]
    return pack_signatures(exact, near, rewrite, np.array([flags], dtype=np.uint8))[0]


def pack_signatures(
    exact: IntArray,
    near: npt.NDArray[np.uint32],
    rewrite: npt.NDArray[np.uint32],
    flags: npt.NDArray[np.uint8] | None = None,
) -> list[bytes]:
    """Pack precomputed parts into signatures (the layout :func:`signature` produces).

    Args:
        exact: (n,) 64-bit exact-hash prefixes.
        near: (n, NEAR_BANDS * NEAR_ROWS) MinHash values over word shingles.
        rewrite: (n, REWRITE_BANDS * REWRITE_ROWS) MinHash values over content-word pairs.
        flags: (n,) flag bytes; zeros when omitted.

    Returns:
        One ``SIGNATURE_SIZE``-byte signature per row.
    """
    n = len(exact)
    raw = np.zeros((n, SIGNATURE_SIZE), dtype=np.uint8)
    raw[:, 0] = _SIG_VERSION
    if flags is not None:
        raw[:, 1] = flags
    raw[:, _HEADER : _HEADER + 8] = exact.astype("<u8").view(np.uint8).reshape(n, 8)
    mins = np.concatenate([near, rewrite], axis=1).astype("<u4")
    raw[:, _HEADER + 8 :] = mins.view(np.uint8).reshape(n, -1)
    return [row.tobytes() for row in raw]


# --------------------------------------------------------------------------- verification


def near_similarity(text_a: str, text_b: str) -> tuple[float, float]:
    """Return the word-shingle Jaccard and containment of two texts.

    Containment is the share of the smaller shingle set found in the other one; it stays high
    when one text is a truncated copy of the other.
    """
    a = shingles(tokenize(text_a))
    b = shingles(tokenize(text_b))
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def _sentence_sets(text: str) -> list[frozenset[str]]:
    """Content-word sets of the sentences of a text, sentences with fewer than 3 dropped."""
    sets = [frozenset(content_words(s)) for s in split_sentences(text)]
    return [s for s in sets if len(s) >= 3]


def _pair_weights(sentences: Sequence[frozenset[str]]) -> dict[str, float]:
    """IDF weights of content words over the sentences of both texts of a pair.

    Words found in many sentences (the story's names and topic words) weigh little, so two
    sentences align on what is specific to them rather than on what every article repeats.
    """
    df: dict[str, int] = {}
    for sentence in sentences:
        for word in sentence:
            df[word] = df.get(word, 0) + 1
    n = len(sentences)
    return {word: math.log(1.0 + n / count) for word, count in df.items()}


def rewrite_score(text_a: str, text_b: str, match: float = SENTENCE_MATCH) -> float:
    """Share of the sentences of the shorter text that align with a sentence of the other.

    Sentences are compared as sets of stemmed content words weighted by IDF over the sentences
    of both texts; a sentence aligns when the weighted Dice coefficient with the most similar
    sentence of the other text reaches ``match``. Sentences with fewer than three content words
    are ignored.

    Args:
        text_a: clean text.
        text_b: clean text.
        match: per-sentence weighted Dice threshold.

    Returns:
        A share in ``[0, 1]``; 0.0 when either text has no usable sentence.
    """
    sa, sb = _sentence_sets(text_a), _sentence_sets(text_b)
    if not sa or not sb:
        return 0.0
    weights = _pair_weights(sa + sb)
    short, other = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    other_mass = [sum(weights[w] for w in o) for o in other]
    aligned = 0
    for s in short:
        mass = sum(weights[w] for w in s)
        best = max(
            2.0 * sum(weights[w] for w in s & o) / (mass + om)
            for o, om in zip(other, other_mass, strict=True)
        )
        aligned += best >= match
    return aligned / len(short)


# --------------------------------------------------------------------------- index


def _parse(sigs: Sequence[bytes]) -> tuple[npt.NDArray[np.uint8], IntArray, npt.NDArray[np.uint32]]:
    """Decode signatures into flags, exact-hash prefixes and an (n, perms) MinHash matrix."""
    for sig in sigs:
        if len(sig) != SIGNATURE_SIZE or sig[0] != _SIG_VERSION:
            raise ValueError(f"not a version-{_SIG_VERSION} signature of {SIGNATURE_SIZE} bytes")
    raw = np.frombuffer(b"".join(sigs), dtype=np.uint8).reshape(len(sigs), SIGNATURE_SIZE)
    flags = raw[:, 1].copy()
    exact = raw[:, _HEADER : _HEADER + 8].copy().view("<u8").reshape(-1).astype(_U64)
    mins = raw[:, _HEADER + 8 :].copy().view("<u4").reshape(len(sigs), -1).astype(np.uint32)
    return flags, exact, mins


def _band_keys(mins: npt.NDArray[np.uint32], bands: int, rows: int) -> npt.NDArray[np.uint32]:
    """Hash each band of ``rows`` MinHash values into one uint32 key: shape (n, bands)."""
    m = mins[:, : bands * rows].astype(_U64).reshape(len(mins), bands, rows)
    acc = np.arange(1, bands + 1, dtype=_U64)[None, :] * _U64(0x9E3779B97F4A7C15)
    acc = np.broadcast_to(acc, m.shape[:2]).copy()
    with np.errstate(over="ignore"):
        for r in range(rows):
            acc = _mix64(acc ^ m[:, :, r])
    return (acc >> _U64(32)).astype(np.uint32)


class _BandTable:
    """LSH buckets of one layer, stored compactly, plus a dict overlay for recent additions.

    Per band, entries are sorted by their 32-bit key; a directory of ``2**16`` offsets indexed by
    the key's high 16 bits locates a key's slice, so only the low 16 bits are stored (6 bytes per
    entry with the uint32 id) and a lookup of all bands is a handful of vectorised operations.
    """

    def __init__(self, bands: int) -> None:
        self.bands = bands
        self.low = np.empty((bands, 0), dtype=np.uint16)
        self.ids = np.empty((bands, 0), dtype=np.uint32)
        self.directory = np.zeros((bands, _DIR_SIZE + 1), dtype=np.uint32)
        self.pending: list[dict[int, list[int]]] = [{} for _ in range(bands)]
        self.pending_count = 0

    def build(self, ids: npt.NDArray[np.uint32], keys: npt.NDArray[np.uint32]) -> None:
        """Replace the arrays with ``keys`` (n, bands) of ``ids`` (n,)."""
        self._store(np.broadcast_to(ids, keys.T.shape), np.ascontiguousarray(keys.T))

    def _store(self, ids: npt.NDArray[np.uint32], keys: npt.NDArray[np.uint32]) -> None:
        """Sort (bands, n) keys and ids per band and rebuild the directory."""
        order = np.argsort(keys, axis=1, kind="stable")
        keys = np.take_along_axis(keys, order, axis=1)
        self.ids = np.take_along_axis(ids, order, axis=1)
        self.low = (keys & 0xFFFF).astype(np.uint16)
        self.directory = np.zeros((self.bands, _DIR_SIZE + 1), dtype=np.uint32)
        for band in range(self.bands):
            counts = np.bincount(keys[band] >> 16, minlength=_DIR_SIZE)
            np.cumsum(counts, out=self.directory[band, 1:])

    def _full_keys(self) -> npt.NDArray[np.uint32]:
        """Rebuild the (bands, n) 32-bit keys from the directory and the low bits."""
        high = [
            np.repeat(np.arange(_DIR_SIZE, dtype=np.uint32), np.diff(d)) for d in self.directory
        ]
        return (np.array(high, dtype=np.uint32).reshape(self.low.shape) << 16) | self.low

    def add(self, article_id: int, keys: npt.NDArray[np.uint32]) -> None:
        """Add one article's band keys to the overlay."""
        for band, key in enumerate(keys.tolist()):
            self.pending[band].setdefault(key, []).append(article_id)
        self.pending_count += 1

    def merge(self) -> None:
        """Fold the overlay into the arrays."""
        if not self.pending_count:
            return
        new_keys = [[k for k, v in p.items() for _ in v] for p in self.pending]
        new_ids = [[i for v in p.values() for i in v] for p in self.pending]
        keys = np.concatenate([self._full_keys(), np.array(new_keys, dtype=np.uint32)], axis=1)
        ids = np.concatenate([self.ids, np.array(new_ids, dtype=np.uint32)], axis=1)
        self._store(ids, keys)
        self.pending = [{} for _ in range(self.bands)]
        self.pending_count = 0

    def matches(self, keys: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
        """Ids sharing a bucket with ``keys``, one entry per shared band (ids repeat)."""
        bands = np.arange(self.bands)
        high = (keys >> 16).astype(np.int64)
        starts = self.directory[bands, high].astype(np.int64)
        lengths = self.directory[bands, high + 1].astype(np.int64) - starts
        band_of = np.repeat(bands, lengths)
        within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        pos = starts[band_of] + within
        hit = self.low[band_of, pos] == (keys & 0xFFFF).astype(np.uint16)[band_of]
        found = [self.ids[band_of[hit], pos[hit]]]
        if not self.pending_count:
            return found[0]
        for band, key in enumerate(keys.tolist()):
            extra = self.pending[band].get(key)
            if extra:
                found.append(np.array(extra, dtype=np.uint32))
        return np.concatenate(found)

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (the overlay is small and not counted)."""
        return int(self.low.nbytes + self.ids.nbytes + self.directory.nbytes)


class DuplicateIndex:
    """In-memory index of signatures: exact-hash lookup and two LSH layers.

    Ids must fit in uint32. Memory is about ``6 * (NEAR_BANDS + REWRITE_BANDS) + 12`` bytes per
    article once merged, plus 256 KB per band; recent additions sit in small dict overlays that
    are folded into the sorted arrays when they reach ``merge_every`` articles (or an eighth of
    the index).
    """

    def __init__(self, merge_every: int = 4096) -> None:
        """Create an empty index.

        Args:
            merge_every: minimum overlay size (articles) before it is folded into the arrays.
        """
        self.merge_every = merge_every
        self.size = 0
        self._exact_keys = np.empty(0, dtype=_U64)
        self._exact_ids = np.empty(0, dtype=np.uint32)
        self._exact_pending: dict[int, list[int]] = {}
        self._near = _BandTable(NEAR_BANDS)
        self._rewrite = _BandTable(REWRITE_BANDS)

    @classmethod
    def from_signatures(
        cls, rows: Iterable[tuple[int, bytes]], merge_every: int = 4096
    ) -> DuplicateIndex:
        """Build an index from stored ``(id, signature)`` rows in one vectorised pass."""
        ids_list: list[int] = []
        sigs: list[bytes] = []
        for article_id, sig in rows:
            ids_list.append(article_id)
            sigs.append(bytes(sig))
        index = cls(merge_every=merge_every)
        if not sigs:
            return index
        ids = np.array(ids_list, dtype=np.uint32)
        flags, exact, mins = _parse(sigs)
        order = np.argsort(exact, kind="stable")
        index._exact_keys, index._exact_ids = exact[order], ids[order]
        has_near = (flags & _FLAG_NO_NEAR) == 0
        index._near.build(
            ids[has_near], _band_keys(mins[has_near, :_NEAR_PERM], NEAR_BANDS, NEAR_ROWS)
        )
        has_rw = (flags & _FLAG_NO_REWRITE) == 0
        rw = mins[has_rw, _NEAR_PERM:]
        index._rewrite.build(ids[has_rw], _band_keys(rw, REWRITE_BANDS, REWRITE_ROWS))
        index.size = len(ids)
        return index

    def add(self, article_id: int, sig: bytes) -> None:
        """Add one article's signature."""
        flags, exact, mins = _parse([sig])
        self._exact_pending.setdefault(int(exact[0]), []).append(article_id)
        if not flags[0] & _FLAG_NO_NEAR:
            self._near.add(article_id, _band_keys(mins[:, :_NEAR_PERM], NEAR_BANDS, NEAR_ROWS)[0])
        if not flags[0] & _FLAG_NO_REWRITE:
            keys = _band_keys(mins[:, _NEAR_PERM:], REWRITE_BANDS, REWRITE_ROWS)[0]
            self._rewrite.add(article_id, keys)
        self.size += 1
        if len(self._exact_pending) >= max(self.merge_every, self.size // 8):
            self.merge()

    def merge(self) -> None:
        """Fold the recent additions into the sorted arrays."""
        if self._exact_pending:
            keys = [k for k, v in self._exact_pending.items() for _ in v]
            ids = [i for v in self._exact_pending.values() for i in v]
            all_keys = np.concatenate([self._exact_keys, np.array(keys, dtype=_U64)])
            all_ids = np.concatenate([self._exact_ids, np.array(ids, dtype=np.uint32)])
            order = np.argsort(all_keys, kind="stable")
            self._exact_keys, self._exact_ids = all_keys[order], all_ids[order]
            self._exact_pending = {}
        self._near.merge()
        self._rewrite.merge()

    def exact(self, sig: bytes) -> list[int]:
        """Ids whose exact-hash prefix equals that of ``sig``."""
        _, exact, _ = _parse([sig])
        key = int(exact[0])
        lo = int(np.searchsorted(self._exact_keys, exact[0], side="left"))
        hi = int(np.searchsorted(self._exact_keys, exact[0], side="right"))
        return self._exact_ids[lo:hi].tolist() + self._exact_pending.get(key, [])

    def query(self, sig: bytes, layer: str = "near", limit: int = 10) -> list[tuple[int, float]]:
        """Candidate ids sharing LSH buckets with ``sig``, best first.

        Args:
            sig: a signature from :func:`signature`.
            layer: ``"near"`` (word shingles) or ``"rewrite"`` (content-word pairs).
            limit: at most this many candidates.

        Returns:
            ``(id, estimated similarity)`` pairs; the estimate is ``(shared bands / bands) **
            (1 / rows)``, the Jaccard at which that many shared bands is expected.
        """
        flags, _, mins = _parse([sig])
        if layer == "near":
            if flags[0] & _FLAG_NO_NEAR:
                return []
            table, rows = self._near, NEAR_ROWS
            keys = _band_keys(mins[:, :_NEAR_PERM], NEAR_BANDS, NEAR_ROWS)[0]
        elif layer == "rewrite":
            if flags[0] & _FLAG_NO_REWRITE:
                return []
            table, rows = self._rewrite, REWRITE_ROWS
            keys = _band_keys(mins[:, _NEAR_PERM:], REWRITE_BANDS, REWRITE_ROWS)[0]
        else:
            raise ValueError(f"unknown layer {layer!r}")
        found = table.matches(keys)
        if len(found) == 0:
            return []
        ids, counts = np.unique(found, return_counts=True)
        top = np.argsort(-counts, kind="stable")[:limit]
        return [(int(ids[i]), float((counts[i] / table.bands) ** (1.0 / rows))) for i in top]

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays."""
        exact = int(self._exact_keys.nbytes + self._exact_ids.nbytes)
        return exact + self._near.nbytes + self._rewrite.nbytes


# --------------------------------------------------------------------------- decision


def check(
    text: str,
    index: DuplicateIndex,
    get_text: Callable[[int], str | None],
    sig: bytes | None = None,
) -> Verdict:
    """Decide whether ``text`` duplicates an indexed article.

    Steps: exact-hash candidates verified on normalised text; near candidates (both LSH layers,
    best first, at most ``MAX_VERIFY`` texts fetched) verified by shingle Jaccard or containment;
    rewrite candidates verified by :func:`rewrite_score`.

    Args:
        text: clean text of the new article.
        index: the index of stored articles.
        get_text: returns the stored clean text of an id, or ``None`` if it is gone.
        sig: the text's signature if already computed.

    Returns:
        The :class:`Verdict`; ``kind`` is ``None`` when no duplicate was verified.
    """
    sig = signature(text) if sig is None else sig
    fetched: dict[int, str | None] = {}

    def fetch(article_id: int) -> str | None:
        if article_id not in fetched:
            fetched[article_id] = get_text(article_id)
        return fetched[article_id]

    normal = normalize_text(text)
    if normal:
        for article_id in index.exact(sig):
            other = fetch(article_id)
            if other is not None and normalize_text(other) == normal:
                return Verdict("exact", article_id, 1.0, "hash")
    min_est = REWRITE_MIN_SHARED / REWRITE_BANDS
    rewrite_cands = [i for i, e in index.query(sig, "rewrite", MAX_VERIFY) if e >= min_est]
    near_cands = [i for i, _ in index.query(sig, "near", MAX_VERIFY)]
    for article_id in dict.fromkeys(near_cands + rewrite_cands):
        other = fetch(article_id)
        if other is None:
            continue
        jaccard, containment = near_similarity(text, other)
        if jaccard >= NEAR_JACCARD:
            return Verdict("near", article_id, jaccard, "jaccard")
        small = min(len(tokenize(text)), len(tokenize(other))) - SHINGLE_SIZE + 1
        if containment >= NEAR_CONTAINMENT and small >= MIN_CONTAINMENT_SHINGLES:
            return Verdict("near", article_id, containment, "containment")
    best = Verdict()
    for article_id in rewrite_cands:
        other = fetch(article_id)
        if other is None:
            continue
        score = rewrite_score(text, other)
        if score >= REWRITE_THRESHOLD and score > best.similarity:
            best = Verdict("rewrite", article_id, score, "sentences")
    return best
