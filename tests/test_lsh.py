"""Tests for collector.lsh: the signature layout and the LSH index, against a brute-force scan."""

from __future__ import annotations

import numpy as np
import pytest

from collector.lsh import (
    NEAR_BANDS,
    NEAR_ROWS,
    REWRITE_BANDS,
    REWRITE_ROWS,
    SIGNATURE_SIZE,
    DuplicateIndex,
    pack_signatures,
    signature_matrix,
)


def random_signatures(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(n, near values) and (n, rewrite values) with small value ranges, so that many pairs
    share some bands, as same-story articles do."""
    near = rng.integers(0, 3, (n, NEAR_BANDS * NEAR_ROWS), dtype=np.uint32)
    rewrite = rng.integers(0, 6, (n, REWRITE_BANDS * REWRITE_ROWS), dtype=np.uint32)
    return near, rewrite


def shared_bands(query: np.ndarray, stored: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Brute force: how many bands of each stored row equal the query's."""
    q = query.reshape(bands, rows)
    s = stored.reshape(len(stored), bands, rows)
    return (s == q).all(axis=2).sum(axis=1)


def expected(counts: np.ndarray, ids: np.ndarray) -> set[tuple[int, int]]:
    return {(int(i), int(c)) for i, c in zip(ids, counts, strict=True) if c > 0}


@pytest.fixture(scope="module")
def corpus() -> tuple[np.ndarray, list[bytes], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    n = 300
    near, rewrite = random_signatures(rng, n)
    exact = rng.integers(0, 20, n, dtype=np.uint64)  # repeated hashes on purpose
    flags = np.zeros(n, dtype=np.uint8)
    flags[::17] = 1  # no shingles: not in the near layer
    flags[::23] |= 2  # no content pairs: not in the rewrite layer
    ids = np.arange(1000, 1000 + n)
    return ids, pack_signatures(exact, near, rewrite, flags), near, rewrite


def build_all_ways(ids: np.ndarray, sigs: list[bytes]) -> dict[str, DuplicateIndex]:
    offsets = np.arange(len(sigs) + 1, dtype=np.int64) * SIGNATURE_SIZE
    data = np.frombuffer(b"".join(sigs), dtype=np.uint8)
    n = len(sigs)
    blocks = []  # odd blocks keep absolute offsets into the whole buffer, as Arrow slices do
    for number, i in enumerate(range(0, n, 64)):
        j = min(i + 64, n)
        if number % 2:
            blocks.append((ids[i:j], offsets[i : j + 1], data))
        else:
            blocks.append(
                (ids[i:j], offsets[i : j + 1] - offsets[i], data[offsets[i] : offsets[j]])
            )
    incremental = DuplicateIndex(flush_every=7)  # many small tables, merged along the way
    for i, sig in zip(ids.tolist(), sigs, strict=True):
        incremental.add(i, sig)
    overlay = DuplicateIndex(flush_every=10**6)  # everything still in the dict overlay
    for i, sig in zip(ids.tolist(), sigs, strict=True):
        overlay.add(i, sig)
    return {
        "blocks": DuplicateIndex.from_columns(blocks),
        "pairs": DuplicateIndex.from_signatures(zip(ids.tolist(), sigs, strict=True)),
        "incremental": incremental,
        "overlay": overlay,
    }


def test_every_build_answers_like_a_brute_force_scan(corpus) -> None:
    ids, sigs, near, rewrite = corpus
    flags = np.frombuffer(b"".join(sigs), dtype=np.uint8).reshape(len(sigs), -1)[:, 1]
    in_near, in_rewrite = (flags & 1) == 0, (flags & 2) == 0
    for name, index in build_all_ways(ids, sigs).items():
        assert index.size == len(ids)
        for q in range(0, len(ids), 11):
            found = index.candidates(sigs[q], limit=len(ids))
            want_near = expected(
                shared_bands(near[q], near[in_near], NEAR_BANDS, NEAR_ROWS), ids[in_near]
            )
            want_rewrite = expected(
                shared_bands(rewrite[q], rewrite[in_rewrite], REWRITE_BANDS, REWRITE_ROWS),
                ids[in_rewrite],
            )
            assert set(found.near) == (set() if flags[q] & 1 else want_near), name
            assert set(found.rewrite) == (set() if flags[q] & 2 else want_rewrite), name
            same_hash = [i for i, s in zip(ids, sigs, strict=True) if s[4:12] == sigs[q][4:12]]
            assert sorted(found.exact) == sorted(same_hash), name


def brute_force_weights(query: np.ndarray, stored: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Each stored row's weight: over the bands it shares with the query, 1 / (rows sharing it)."""
    q = query.reshape(bands, rows)
    same = (stored.reshape(len(stored), bands, rows) == q).all(axis=2)  # (n, bands)
    per_band = same.sum(axis=0)
    return (same / np.maximum(per_band, 1)).sum(axis=1)


def test_candidate_weights_match_a_brute_force_count(corpus) -> None:
    ids, sigs, near, rewrite = corpus
    flags = np.frombuffer(b"".join(sigs), dtype=np.uint8).reshape(len(sigs), -1)[:, 1]
    in_rewrite = (flags & 2) == 0
    for name, index in build_all_ways(ids, sigs).items():
        for q in range(1, len(ids), 13):
            if flags[q] & 2:
                continue
            found = index.candidates(sigs[q], limit=len(ids))
            weights = brute_force_weights(
                rewrite[q], rewrite[in_rewrite], REWRITE_BANDS, REWRITE_ROWS
            )
            want = dict(zip(ids[in_rewrite].tolist(), weights.tolist(), strict=True))
            got = dict(zip([i for i, _ in found.rewrite], found.rewrite_weights, strict=True))
            assert got == pytest.approx({i: w for i, w in want.items() if w > 0}), name
            ranked = [
                (-w, -shared)
                for (_, shared), w in zip(found.rewrite, found.rewrite_weights, strict=True)
            ]
            assert ranked == sorted(ranked), name  # by weight, then shared bands


def test_rare_shared_buckets_outrank_busy_ones() -> None:
    """Fifty same-story articles share five busy buckets with the query; its copy shares three
    buckets with nobody else. The copy comes first, and alone within a limit of one."""
    rng = np.random.default_rng(4)
    n = 60
    rewrite = rng.integers(0, 2**32, (n + 1, REWRITE_BANDS * REWRITE_ROWS), dtype=np.uint32)
    query = n
    rewrite[:50, :5] = rewrite[query, :5]  # articles 0-49: five shared, busy buckets
    rewrite[55, 10:13] = rewrite[query, 10:13]  # article 55: three shared, rare buckets
    near = rng.integers(0, 2**32, (n + 1, NEAR_BANDS * NEAR_ROWS), dtype=np.uint32)
    sigs = pack_signatures(rng.integers(0, 2**63, n + 1, dtype=np.uint64), near, rewrite)
    index = DuplicateIndex.from_signatures(enumerate(sigs[:n]))
    found = index.candidates(sigs[query], limit=n).rewrite
    assert found[0] == (55, 3)
    assert sorted(found[1:]) == [(i, 5) for i in range(50)]
    assert index.candidates(sigs[query], limit=1).rewrite == [(55, 3)]


def test_large_tables_use_the_full_directory() -> None:
    """Above 32,768 articles a table keeps 16 key bits in the directory and 16 per entry."""
    rng = np.random.default_rng(5)
    n = 40_000
    near = rng.integers(0, 2**32, (n, NEAR_BANDS * NEAR_ROWS), dtype=np.uint32)
    rewrite = rng.integers(0, 2**32, (n, REWRITE_BANDS * REWRITE_ROWS), dtype=np.uint32)
    near[n - 1, :NEAR_ROWS] = near[7, :NEAR_ROWS]  # shares exactly one near band with 7
    sigs = pack_signatures(rng.integers(0, 2**63, n, dtype=np.uint64), near, rewrite)
    index = DuplicateIndex.from_signatures(enumerate(sigs))
    assert index.nbytes < (6 * (NEAR_BANDS + REWRITE_BANDS) + 12) * n + 2**20 * 16
    found = index.candidates(sigs[7])
    assert found.near == [(7, NEAR_BANDS), (n - 1, 1)]
    assert found.rewrite == [(7, REWRITE_BANDS)]
    # A small table merged into it answers the same.
    extra = DuplicateIndex.from_signatures(enumerate(sigs[: n - 1]), flush_every=n)
    extra.add(n - 1, sigs[n - 1])
    extra.flush()
    assert extra.candidates(sigs[7]) == found


def test_signature_matrix_flags_bad_rows() -> None:
    rng = np.random.default_rng(1)
    good = pack_signatures(
        rng.integers(0, 9, 3, dtype=np.uint64),
        rng.integers(0, 9, (3, NEAR_BANDS * NEAR_ROWS), dtype=np.uint32),
        rng.integers(0, 9, (3, REWRITE_BANDS * REWRITE_ROWS), dtype=np.uint32),
    )
    old_version = b"\x09" + good[1][1:]
    values = [good[0], b"short", old_version, good[2]]
    offsets = np.cumsum([0] + [len(v) for v in values]).astype(np.int64)
    data = np.frombuffer(b"".join(values), dtype=np.uint8)
    matrix, valid = signature_matrix(offsets, data)
    assert valid.tolist() == [True, False, False, True]
    assert [row.tobytes() for row in matrix] == [good[0], good[2]]
    index = DuplicateIndex.from_columns([(np.array([1, 2, 3, 4]), offsets, data)])
    assert index.rejected == [2, 3]
    assert index.size == 2
    assert index.candidates(good[2]).exact == [4]


@pytest.mark.parametrize("bad", [b"", b"\x01" * 10, b"\x09" + bytes(SIGNATURE_SIZE - 1)])
def test_malformed_signatures_are_refused(bad: bytes) -> None:
    with pytest.raises(ValueError, match="signature"):
        DuplicateIndex().add(1, bad)
    with pytest.raises(ValueError, match="signature"):
        DuplicateIndex.from_signatures([(1, bad)])


def test_empty_index_answers_nothing(corpus) -> None:
    _, sigs, _, _ = corpus
    for index in (DuplicateIndex(), DuplicateIndex.from_columns([])):
        found = index.candidates(sigs[0])
        assert (found.exact, found.near, found.rewrite) == ([], [], [])
        assert index.size == 0


def test_stop_buckets_are_skipped_but_copies_still_found() -> None:
    """A band value most articles share (a very common word pair) is skipped like a stop word;
    the copy of an article still shares its other bands."""
    rng = np.random.default_rng(9)
    n = 400
    near = rng.integers(0, 2**32, (n, NEAR_BANDS * NEAR_ROWS), dtype=np.uint32)
    rewrite = rng.integers(0, 2**32, (n, REWRITE_BANDS * REWRITE_ROWS), dtype=np.uint32)
    rewrite[:300, 0] = 12345  # 300 articles share the value of rewrite band 0
    sigs = pack_signatures(rng.integers(0, 2**63, n, dtype=np.uint64), near, rewrite)
    rows = list(enumerate(sigs))
    stopped = DuplicateIndex.from_signatures(rows, stop=100)
    assert stopped.candidates(sigs[7]).rewrite == [(7, REWRITE_BANDS - 1)]
    assert stopped.candidates(sigs[350]).rewrite == [(350, REWRITE_BANDS)]
    unlimited = DuplicateIndex.from_signatures(rows, stop=None)
    found = unlimited.candidates(sigs[7], limit=n).rewrite
    assert found[0] == (7, REWRITE_BANDS) and len(found) == 300
    overlay = DuplicateIndex(flush_every=10**6, stop=100)  # the dict overlay skips them too
    for i, sig in rows:
        overlay.add(i, sig)
    assert overlay.candidates(sigs[7]).rewrite == [(7, REWRITE_BANDS - 1)]


def test_rewrite_matches_count_equal_low_bytes(corpus) -> None:
    ids, sigs, _, rewrite = corpus
    low = rewrite & 0xFF
    for name, index in build_all_ways(ids, sigs).items():
        for q in range(0, len(ids), 17):
            want = (low == low[q]).sum(axis=1).tolist()
            assert index.rewrite_matches(sigs[q], ids.tolist()) == want, name
    assert index.rewrite_matches(sigs[0], [10**6]) == [0]  # an id never added
    index.add(int(ids[1]), sigs[0])  # a stored article replaced under its id
    assert index.rewrite_matches(sigs[0], [int(ids[1])]) == [REWRITE_BANDS * REWRITE_ROWS]
