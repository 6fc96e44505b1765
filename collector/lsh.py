"""Signature layout and the in-memory LSH index that finds duplicate candidates without a scan.

A signature is ``SIGNATURE_SIZE`` bytes: version byte, flags byte, two spare bytes, the 8-byte
exact-hash prefix, then ``NEAR_BANDS * NEAR_ROWS`` MinHash values over word shingles and
``REWRITE_BANDS * REWRITE_ROWS`` over content-word pairs, as little-endian uint32. The size is
a multiple of four, so a block of signatures is read as a uint32 matrix without a copy.

The index keeps, per layer, tables of band keys (32-bit hashes of a band's MinHash values).
In a table, each band's entries are grouped by the key's high bits (a directory of offsets
locates a group) and only the low 16 bits and the uint32 article id are stored: 6 bytes per
article and band. Additions gather in a small dict overlay, are flushed into a new table every
``flush_every`` articles, and tables of similar size are merged, so an index holds a handful
of tables and a lookup is a few vectorised operations per table whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = [
    "NEAR_BANDS",
    "NEAR_ROWS",
    "REWRITE_BANDS",
    "REWRITE_ROWS",
    "SIGNATURE_SIZE",
    "Candidates",
    "DuplicateIndex",
    "pack_signatures",
    "signature_matrix",
]

NEAR_BANDS = 20
NEAR_ROWS = 3
REWRITE_BANDS = 36
REWRITE_ROWS = 1
SIG_VERSION = 1
FLAG_NO_NEAR = 1
FLAG_NO_REWRITE = 2
NEAR_PERM = NEAR_BANDS * NEAR_ROWS
REWRITE_PERM = REWRITE_BANDS * REWRITE_ROWS
_HEADER = 4
SIGNATURE_SIZE = _HEADER + 8 + 4 * (NEAR_PERM + REWRITE_PERM)
_WORDS = SIGNATURE_SIZE // 4
_NEAR_WORD = (_HEADER + 8) // 4
_REWRITE_WORD = _NEAR_WORD + NEAR_PERM
_MAX_DIR_BITS = 16
_GOLDEN = np.uint32(0x9E3779B9)

U32 = npt.NDArray[np.uint32]
U8 = npt.NDArray[np.uint8]
I64 = npt.NDArray[np.int64]


def _fmix32(x: U32) -> U32:
    """MurmurHash3's 32-bit finaliser: every output bit depends on every input bit."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint32(16))
        x = x * np.uint32(0x85EBCA6B)
        x = x ^ (x >> np.uint32(13))
        x = x * np.uint32(0xC2B2AE35)
        return x ^ (x >> np.uint32(16))


def pack_signatures(
    exact: npt.NDArray[np.uint64], near: U32, rewrite: U32, flags: U8 | None = None
) -> list[bytes]:
    """Pack signature parts into ``SIGNATURE_SIZE``-byte signatures.

    Args:
        exact: (n,) 64-bit exact-hash prefixes.
        near: (n, NEAR_PERM) MinHash values over word shingles.
        rewrite: (n, REWRITE_PERM) MinHash values over content-word pairs.
        flags: (n,) flag bytes (``FLAG_NO_NEAR``, ``FLAG_NO_REWRITE``); zeros when omitted.

    Returns:
        One signature per row.
    """
    n = len(exact)
    raw = np.zeros((n, SIGNATURE_SIZE), dtype=np.uint8)
    raw[:, 0] = SIG_VERSION
    if flags is not None:
        raw[:, 1] = flags
    raw[:, _HEADER : _HEADER + 8] = exact.astype("<u8").view(np.uint8).reshape(n, 8)
    mins = np.concatenate([near, rewrite], axis=1).astype("<u4")
    raw[:, _HEADER + 8 :] = mins.view(np.uint8).reshape(n, -1)
    return [row.tobytes() for row in raw]


def signature_matrix(offsets: I64, data: U8) -> tuple[U8, npt.NDArray[np.bool_]]:
    """View a column of binary values as an (n, SIGNATURE_SIZE) matrix of valid signatures.

    Args:
        offsets: (n + 1,) start offsets of the values in ``data`` (Arrow's binary layout).
        data: the values' bytes.

    Returns:
        The matrix of the valid rows (without a copy when all are valid) and an (n,) mask of
        which rows were valid (right size and version).
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    n = len(offsets) - 1
    sized = np.diff(offsets) == SIGNATURE_SIZE
    contiguous = n > 0 and bool(sized.all()) and offsets[-1] - offsets[0] == n * SIGNATURE_SIZE
    if contiguous:
        matrix = data[offsets[0] : offsets[-1]].reshape(n, SIGNATURE_SIZE)
    else:
        starts = offsets[:-1][sized]
        matrix = data[starts[:, None] + np.arange(SIGNATURE_SIZE)].reshape(-1, SIGNATURE_SIZE)
    versioned = matrix[:, 0] == SIG_VERSION
    valid = sized.copy()
    valid[sized] = versioned
    if not versioned.all():
        matrix = matrix[versioned]
    return matrix, valid


def _parse_one(sig: bytes) -> U32:
    """Return one signature as uint32 words, checking its size and version."""
    if len(sig) != SIGNATURE_SIZE or sig[0] != SIG_VERSION:
        raise ValueError(f"not a version-{SIG_VERSION} signature of {SIGNATURE_SIZE} bytes")
    return np.frombuffer(sig, dtype="<u4")  # read in place, no copy


@dataclass(frozen=True)
class _Layer:
    """Where a layer's MinHash values sit in a signature and how they are banded."""

    bands: int
    rows: int
    word: int
    flag: int
    salts: U32 = field(repr=False, compare=False)

    @classmethod
    def make(cls, bands: int, rows: int, word: int, flag: int, seed: int) -> _Layer:
        salts = _fmix32(np.arange(seed, seed + bands, dtype=np.uint32) * _GOLDEN)
        return cls(bands, rows, word, flag, salts)

    def keys(self, words: U32, band: int | None = None) -> U32:
        """Band keys of signatures given as uint32 words.

        Args:
            words: (n, SIGNATURE_SIZE // 4) or (SIGNATURE_SIZE // 4,) signature words.
            band: one band, or ``None`` for all.

        Returns:
            (n,) keys of ``band``, or (bands,) / (n, bands) keys of all bands.
        """
        first, count = (0, self.bands) if band is None else (band, 1)
        start = self.word + first * self.rows
        values = words[..., start : start + count * self.rows]
        values = values.reshape(*values.shape[:-1], count, self.rows)
        h = self.salts[first : first + count]
        with np.errstate(over="ignore"):
            for r in range(self.rows):
                h = _fmix32((h + _GOLDEN) ^ values[..., r])
        return h[..., 0] if band is not None else h

    def column_keys(self, columns: U32, band: int) -> U32:
        """(n,) keys of one band, the same as :meth:`keys`, from signature words laid out by
        column, (SIGNATURE_SIZE // 4, n): contiguous rows make a rebuild several times faster."""
        start = self.word + band * self.rows
        h: U32 = np.full(columns.shape[1], self.salts[band], dtype=np.uint32)
        with np.errstate(over="ignore"):
            for r in range(self.rows):
                h = _fmix32((h + _GOLDEN) ^ columns[start + r])
        return h


NEAR = _Layer.make(NEAR_BANDS, NEAR_ROWS, _NEAR_WORD, FLAG_NO_NEAR, seed=1)
REWRITE = _Layer.make(REWRITE_BANDS, REWRITE_ROWS, _REWRITE_WORD, FLAG_NO_REWRITE, seed=101)


class _Table:
    """Immutable band keys of ``n`` articles: per band, entries grouped by the key's high bits."""

    def __init__(self, bands: int, n: int, band_entries: Iterable[tuple[U32, U32]]) -> None:
        """Build from, band after band, the (n,) article ids and their (n,) keys.

        Bands are consumed one at a time, so a caller can compute or free them lazily and the
        build never holds two copies of the keys.
        """
        self.bands, self.n = bands, n
        self.dir_bits = min(_MAX_DIR_BITS, max(4, n.bit_length()))
        self.shift = np.uint32(32 - self.dir_bits)
        # Full tables keep the low 16 bits (the directory holds the high 16); small ones,
        # with fewer directory bits, keep whole keys so that merging loses nothing.
        key_type = np.uint16 if self.dir_bits == _MAX_DIR_BITS else np.uint32
        size = 1 << self.dir_bits
        total = bands * n
        self.low = np.empty(total, dtype=key_type)
        self.ids = np.empty(total, dtype=np.uint32)
        self.directory = np.empty((bands, size + 1), dtype=np.uint32 if total < 2**32 else np.int64)
        for band, (ids, keys) in enumerate(band_entries):
            high = (keys >> self.shift).astype(np.uint16)
            order = np.argsort(high, kind="stable")  # a radix sort on 16-bit values
            part = slice(band * n, (band + 1) * n)
            self.low[part] = keys[order].astype(key_type)
            self.ids[part] = ids[order]
            self.directory[band, 0] = band * n
            np.cumsum(np.bincount(high, minlength=size), out=self.directory[band, 1:])
            self.directory[band, 1:] += band * n
        self._band_range = np.arange(bands)

    def entries(self, band: int) -> tuple[U32, U32]:
        """The (ids, keys) of one band, for merging tables."""
        part = slice(band * self.n, (band + 1) * self.n)
        if self.low.dtype == np.uint32:
            return self.ids[part], self.low[part].astype(np.uint32, copy=False)
        counts = np.diff(self.directory[band]).astype(np.int64)
        high = np.repeat(np.arange(len(counts), dtype=np.uint32), counts) << self.shift
        return self.ids[part], high | self.low[part].astype(np.uint32)

    def lookup(self, keys: U32, stop: int | None) -> tuple[U32, I64]:
        """Ids whose key equals ``keys[band]`` in some band, with that band, once per match.

        Args:
            keys: (bands,) band keys.
            stop: a band whose group holds more than ``max(stop, 16 * mean group)`` entries is
                skipped (see :class:`DuplicateIndex`); ``None`` skips none.
        """
        bucket = (keys >> self.shift).astype(np.intp)
        starts = self.directory[self._band_range, bucket].astype(np.int64)
        lengths = self.directory[self._band_range, bucket + 1].astype(np.int64) - starts
        if stop is not None:
            lengths[lengths > max(stop, (16 * self.n) >> self.dir_bits)] = 0
        total = int(lengths.sum())
        if total == 0:
            return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
        pos = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        hit = self.low[pos] == np.repeat(keys.astype(self.low.dtype), lengths)
        return self.ids[pos[hit]], np.repeat(self._band_range, lengths)[hit]

    @property
    def nbytes(self) -> int:
        return int(self.low.nbytes + self.ids.nbytes + self.directory.nbytes)


def _drain(ids: U32, parts: list[list[U32]]) -> Iterable[tuple[U32, U32]]:
    """Yield each band's (ids, concatenated keys), freeing the band's parts as it goes."""
    for band in range(len(parts)):
        keys = np.concatenate(parts[band]) if parts[band] else np.empty(0, dtype=np.uint32)
        parts[band] = []
        yield ids, keys


def _merged(a: _Table, b: _Table) -> _Table:
    """One table holding the entries of two."""

    def bands() -> Iterable[tuple[U32, U32]]:
        for band in range(a.bands):
            (ids_a, keys_a), (ids_b, keys_b) = a.entries(band), b.entries(band)
            yield np.concatenate([ids_a, ids_b]), np.concatenate([keys_a, keys_b])

    return _Table(a.bands, a.n + b.n, bands())


class _LayerIndex:
    """One LSH layer: a few immutable tables plus an overlay of recent additions."""

    def __init__(self, layer: _Layer) -> None:
        self.layer = layer
        self.tables: list[_Table] = []
        self.pending: list[dict[int, list[int]]] = [{} for _ in range(layer.bands)]
        self.pending_ids: list[int] = []
        self.pending_keys: list[U32] = []

    def load(self, ids: U32, parts: list[list[U32]]) -> None:
        """Replace the tables by one built from per-band lists of key blocks."""
        self.tables = [_Table(self.layer.bands, len(ids), _drain(ids, parts))] if len(ids) else []

    def add(self, article_id: int, keys: U32) -> None:
        for band, key in enumerate(keys.tolist()):
            self.pending[band].setdefault(key, []).append(article_id)
        self.pending_ids.append(article_id)
        self.pending_keys.append(keys)

    def flush(self) -> None:
        """Turn the overlay into a table; merge tables of similar size (at most 4x apart)."""
        if not self.pending_ids:
            return
        ids = np.array(self.pending_ids, dtype=np.uint32)
        keys = np.stack(self.pending_keys)
        bands = self.layer.bands
        self.tables.append(_Table(bands, len(ids), ((ids, keys[:, b]) for b in range(bands))))
        self.pending = [{} for _ in range(bands)]
        self.pending_ids, self.pending_keys = [], []
        while len(self.tables) >= 2 and self.tables[-2].n <= 4 * self.tables[-1].n:
            self.tables[-2:] = [_merged(self.tables[-2], self.tables[-1])]

    def lookup(self, keys: U32, stop: int | None, limit: int) -> list[tuple[int, int, float]]:
        """The ids sharing most evidence with ``keys``: (id, shared bands, weight), best first.

        Ids are ranked by their weight, the sum over their shared bands of 1 / (ids matching
        in that band): an article alone with the query in a bucket counts fully, one of 500
        articles that share a common word pair hardly at all. So a copy is not crowded out of
        the ``limit`` candidates by same-story articles that share more, but busier, buckets.
        Of equal weights, more shared bands rank first.
        """
        found = [table.lookup(keys, stop) for table in self.tables]
        if self.pending_ids:
            for band, key in enumerate(keys.tolist()):
                extra = self.pending[band].get(key)
                if extra and (stop is None or len(extra) <= stop):
                    found.append((np.array(extra, dtype=np.uint32), np.full(len(extra), band)))
        ids = np.concatenate([f[0] for f in found]) if found else np.empty(0, np.uint32)
        if len(ids) == 0:
            return []
        bands = np.concatenate([f[1] for f in found])
        weights = 1.0 / np.bincount(bands, minlength=self.layer.bands)[bands]
        distinct, inverse = np.unique(ids, return_inverse=True)
        shared = np.bincount(inverse)
        score = np.bincount(inverse, weights=weights)
        top = np.lexsort((-shared, -score))[:limit]  # ties: the one sharing more bands first
        return list(
            zip(distinct[top].tolist(), shared[top].tolist(), score[top].tolist(), strict=True)
        )

    @property
    def nbytes(self) -> int:
        return sum(t.nbytes for t in self.tables)


@dataclass(frozen=True)
class Candidates:
    """What the index knows about a signature.

    Attributes:
        exact: ids with the same exact-hash prefix.
        near: ``(id, shared bands)`` in the word-shingle layer, best first (see
            :meth:`_LayerIndex.lookup`).
        rewrite: ``(id, shared bands)`` in the content-word-pair layer, best first.
        near_weights: the weight that ranked each near candidate (see
            :meth:`_LayerIndex.lookup`): about 1 per band the candidate shares alone.
        rewrite_weights: the same for each rewrite candidate.
    """

    exact: list[int]
    near: list[tuple[int, int]]
    rewrite: list[tuple[int, int]]
    near_weights: list[float] = field(default_factory=list)
    rewrite_weights: list[float] = field(default_factory=list)


class DuplicateIndex:
    """In-memory index of signatures: exact-hash lookup and two LSH layers.

    Ids must fit in uint32. Memory is about ``6 * (NEAR_BANDS + REWRITE_BANDS) + 12`` bytes
    per article (348 bytes: 348 MB for a million articles) plus a directory of 256 KB per band
    and table. Rows of a stored column that are not valid signatures are left out; their ids
    are in ``rejected``.

    Stop buckets: in a corpus about one story, a few very common word pairs ("Kenyan police")
    are the minimum of some permutation for a large share of all articles, so their bucket
    holds hundreds of thousands of ids. Such a bucket says nothing about which article is a
    copy, and reading it would make lookups grow with the corpus, so a band whose bucket group
    is larger than ``stop`` entries (and 16 times the mean) is skipped, like a stop word.
    Copies share many other bands; only kept articles are indexed, so copies of one popular
    article do not fill a bucket.
    """

    def __init__(self, flush_every: int = 4096, stop: int | None = 1024) -> None:
        """Create an empty index.

        Args:
            flush_every: additions kept in the dict overlay before they become a table.
            stop: bucket size above which a band is skipped; ``None`` to never skip.
        """
        self.flush_every = flush_every
        self.stop = stop
        self.size = 0
        self.rejected: list[int] = []
        self._exact_keys = np.empty(0, dtype=np.uint64)
        self._exact_ids = np.empty(0, dtype=np.uint32)
        self._exact_pending: dict[int, list[int]] = {}
        self._layers = (_LayerIndex(NEAR), _LayerIndex(REWRITE))
        # Low byte of each rewrite MinHash value, a row per article id (ids are dense).
        self._sketch = np.zeros((0, REWRITE_PERM), dtype=np.uint8)

    @classmethod
    def from_columns(
        cls, chunks: Iterable[tuple[I64, I64, U8]], flush_every: int = 4096, stop: int | None = 1024
    ) -> DuplicateIndex:
        """Build an index from blocks of a stored signature column, vectorised, no per-row work.

        Args:
            chunks: ``(ids, offsets, data)`` blocks in Arrow's binary layout: the signature of
                ``ids[i]`` is ``data[offsets[i]:offsets[i + 1]]``.
            flush_every: see :class:`DuplicateIndex`.
            stop: see :class:`DuplicateIndex`.
        """
        index = cls(flush_every, stop)
        exact_parts: list[npt.NDArray[np.uint64]] = []
        exact_ids: list[U32] = []
        sketch_blocks: list[tuple[U32, U8]] = []
        layer_ids: tuple[list[U32], list[U32]] = ([], [])
        parts: tuple[list[list[U32]], ...] = tuple(
            [[] for _ in range(li.layer.bands)] for li in index._layers
        )
        for ids, offsets, data in chunks:
            matrix, valid = signature_matrix(offsets, data)
            index.rejected.extend(np.asarray(ids)[~valid].tolist())
            ids32 = np.asarray(ids)[valid].astype(np.uint32)
            columns = np.ascontiguousarray(matrix.view("<u4").T)  # a row per signature word
            high = columns[2].astype(np.uint64) << np.uint64(32)
            exact_parts.append(columns[1].astype(np.uint64) | high)
            exact_ids.append(ids32)
            low = columns[_REWRITE_WORD : _REWRITE_WORD + REWRITE_PERM].astype(np.uint8)
            sketch_blocks.append((ids32, np.ascontiguousarray(low.T)))
            for li, lids, lparts in zip(index._layers, layer_ids, parts, strict=True):
                has = (matrix[:, 1] & li.layer.flag) == 0
                lids.append(ids32[has])
                for band in range(li.layer.bands):
                    lparts[band].append(li.layer.column_keys(columns, band)[has])
        if exact_parts:
            keys, ids32 = np.concatenate(exact_parts), np.concatenate(exact_ids)
            order = np.argsort(keys)
            index._exact_keys, index._exact_ids = keys[order], ids32[order]
            index.size = len(ids32)
            index._grow_sketch(int(ids32.max()) if len(ids32) else 0)
        for sketch_ids, rows in sketch_blocks:
            index._sketch[sketch_ids] = rows
        for li, lids, lparts in zip(index._layers, layer_ids, parts, strict=True):
            li.load(np.concatenate(lids) if lids else np.empty(0, np.uint32), lparts)
        return index

    @classmethod
    def from_signatures(
        cls, rows: Iterable[tuple[int, bytes]], flush_every: int = 4096, stop: int | None = 1024
    ) -> DuplicateIndex:
        """Build an index from ``(id, signature)`` pairs.

        Raises:
            ValueError: a signature has the wrong size or version.
        """
        ids: list[int] = []
        sigs: list[bytes] = []
        for article_id, sig in rows:
            _parse_one(bytes(sig))
            ids.append(article_id)
            sigs.append(bytes(sig))
        offsets = np.arange(len(sigs) + 1, dtype=np.int64) * SIGNATURE_SIZE
        data = np.frombuffer(b"".join(sigs), dtype=np.uint8)
        blocks = [(np.array(ids, dtype=np.int64), offsets, data)]
        return cls.from_columns(blocks, flush_every, stop)

    def add(self, article_id: int, sig: bytes) -> None:
        """Add one article's signature.

        Raises:
            ValueError: the signature has the wrong size or version.
        """
        words = _parse_one(sig)
        key = int(words[1]) | int(words[2]) << 32
        self._exact_pending.setdefault(key, []).append(article_id)
        for li in self._layers:
            if not sig[1] & li.layer.flag:
                li.add(article_id, li.layer.keys(words))
        self.size += 1
        self._grow_sketch(article_id)
        self._sketch[article_id] = words[_REWRITE_WORD : _REWRITE_WORD + REWRITE_PERM].astype(
            np.uint8
        )
        if len(self._exact_pending) >= max(self.flush_every, len(self._exact_keys) // 8):
            self._merge_exact()
        for li in self._layers:
            if len(li.pending_ids) >= self.flush_every:
                li.flush()

    def _grow_sketch(self, article_id: int) -> None:
        """Make room for sketch rows up to ``article_id`` (a quarter more at a time)."""
        if article_id < len(self._sketch):
            return
        rows = max(article_id + 1, len(self._sketch) * 5 // 4, 1024)
        grown = np.zeros((rows, REWRITE_PERM), dtype=np.uint8)
        grown[: len(self._sketch)] = self._sketch
        self._sketch = grown

    def rewrite_matches(self, sig: bytes, ids: list[int]) -> list[int]:
        """How many of the rewrite layer's MinHash values each of ``ids`` shares with ``sig``.

        Compared on their low bytes (kept for every article: 36 bytes each), so a value
        matches by chance one time in 256; popular word pairs' values count too, unlike in the
        LSH lookup, which skips their crowded buckets. ``(matches / 36 - 1 / 256) / (1 - 1 /
        256)`` estimates the Jaccard similarity of the two texts' content-word pairs.

        Raises:
            ValueError: the signature has the wrong size or version.
        """
        words = _parse_one(sig)
        mine = words[_REWRITE_WORD : _REWRITE_WORD + REWRITE_PERM].astype(np.uint8)
        known = [i if i < len(self._sketch) else -1 for i in ids]
        rows = self._sketch[np.array([max(i, 0) for i in known], dtype=np.intp)]
        counts = (rows == mine).sum(axis=1).tolist() if ids else []
        return [c if i >= 0 else 0 for c, i in zip(counts, known, strict=True)]

    def _merge_exact(self) -> None:
        keys = [k for k, v in self._exact_pending.items() for _ in v]
        ids = [i for v in self._exact_pending.values() for i in v]
        all_keys = np.concatenate([self._exact_keys, np.array(keys, dtype=np.uint64)])
        all_ids = np.concatenate([self._exact_ids, np.array(ids, dtype=np.uint32)])
        order = np.argsort(all_keys, kind="stable")
        self._exact_keys, self._exact_ids = all_keys[order], all_ids[order]
        self._exact_pending = {}

    def flush(self) -> None:
        """Fold all recent additions into tables (lookups answer the same before and after)."""
        if self._exact_pending:
            self._merge_exact()
        for li in self._layers:
            li.flush()

    def candidates(self, sig: bytes, limit: int = 10) -> Candidates:
        """Look a signature up in all layers at once.

        Args:
            sig: a signature.
            limit: at most this many candidates per LSH layer.

        Raises:
            ValueError: the signature has the wrong size or version.
        """
        words = _parse_one(sig)
        key = int(words[1]) | int(words[2]) << 32
        lo = int(np.searchsorted(self._exact_keys, np.uint64(key), side="left"))
        hi = int(np.searchsorted(self._exact_keys, np.uint64(key), side="right"))
        exact = self._exact_ids[lo:hi].tolist() + self._exact_pending.get(key, [])
        near, rewrite = (
            [] if sig[1] & li.layer.flag else li.lookup(li.layer.keys(words), self.stop, limit)
            for li in self._layers
        )
        return Candidates(
            exact,
            [(i, shared) for i, shared, _ in near],
            [(i, shared) for i, shared, _ in rewrite],
            [weight for _, _, weight in near],
            [weight for _, _, weight in rewrite],
        )

    def exact(self, sig: bytes) -> list[int]:
        """Ids whose exact-hash prefix equals that of ``sig``."""
        return self.candidates(sig, limit=0).exact

    def query(self, sig: bytes, layer: str = "near", limit: int = 10) -> list[tuple[int, float]]:
        """Candidate ids sharing LSH buckets with ``sig`` in one layer, best first.

        Args:
            sig: a signature.
            layer: ``"near"`` (word shingles) or ``"rewrite"`` (content-word pairs).
            limit: at most this many candidates.

        Returns:
            ``(id, estimated similarity)`` pairs; the estimate is ``(shared bands / bands) **
            (1 / rows)``, the Jaccard at which that many shared bands is expected.
        """
        if layer not in ("near", "rewrite"):
            raise ValueError(f"unknown layer {layer!r}")
        li = self._layers[0 if layer == "near" else 1]
        found = self.candidates(sig, limit)
        shared = found.near if layer == "near" else found.rewrite
        return [(i, (c / li.layer.bands) ** (1.0 / li.layer.rows)) for i, c in shared]

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays (the overlay of recent additions is not counted)."""
        exact = int(self._exact_keys.nbytes + self._exact_ids.nbytes + self._sketch.nbytes)
        return exact + sum(li.nbytes for li in self._layers)
