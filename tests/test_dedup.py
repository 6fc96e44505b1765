"""Tests for collector.dedup: exact, near and rewrite detection and the signature index."""

from __future__ import annotations

from pathlib import Path

import pytest

from collector.dedup import (
    DuplicateIndex,
    check,
    content_hash,
    normalize_text,
    rewrite_score,
    signature,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REWRITE_PAIR = ("000", "003")


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _index_of(texts: dict[int, str]) -> DuplicateIndex:
    return DuplicateIndex.from_signatures((i, signature(t)) for i, t in texts.items())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kenya sends police to Haiti.", "kenya  sends police\nto haiti"),
        ("\u201cIt\u2019s a race,\u201d he said.", "\"It's a race,\" he said."),
        ("The UN\u2019s mandate.", "the un's mandate"),
    ],
)
def test_exact_copies_share_hash(a: str, b: str) -> None:
    assert normalize_text(a) == normalize_text(b)
    assert content_hash(a) == content_hash(b)


def test_different_texts_differ_in_hash() -> None:
    assert content_hash("Kenya sends police") != content_hash("Kenya sends soldiers")


@pytest.mark.parametrize("seed", ["001", "002", "004"])
def test_truncated_seed_found_as_near(seed: str) -> None:
    text = _seed(seed)
    index = _index_of({7: text})
    verdict = check(text[: len(text) // 2], index, {7: text}.get)
    assert (verdict.kind, verdict.of_id) == ("near", 7)


def test_rewrite_seed_pair_scores_above_others() -> None:
    score = rewrite_score(_seed(REWRITE_PAIR[0]), _seed(REWRITE_PAIR[1]))
    assert score >= 0.6


@pytest.mark.parametrize("text", ["", "   ", "word", "Haiti."])
def test_degenerate_texts_do_not_crash(text: str) -> None:
    index = _index_of({1: _seed("001")})
    assert check(text, index, {1: _seed("001")}.get).kind is None
