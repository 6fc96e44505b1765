"""Tests for collector.dedup: exact, near and rewrite detection and the signature index."""

from __future__ import annotations

import itertools
import json
import math
import pickle
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from collector.dedup import (
    REWRITE_THRESHOLD,
    DuplicateIndex,
    FeatureCache,
    Features,
    adds_to,
    aligned_share,
    check,
    content_hash,
    content_words,
    features,
    keeps_new_copy,
    near_match,
    near_similarity,
    normalize_text,
    pack_features,
    rewrite_score,
    shingles,
    signature,
    sorted_unique,
    split_sentences,
    tokenize,
    unpack_features,
)
from collector.demoweb.content import load_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_IDS = ("000", "001", "002", "003", "004")
REWRITE_PAIR = ("000", "003")
OTHER_PAIRS = [p for p in itertools.combinations(SEED_IDS, 2) if p != REWRITE_PAIR]


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _index_of(texts: dict[int, str]) -> DuplicateIndex:
    return DuplicateIndex.from_signatures((i, signature(t)) for i, t in texts.items())


def _body(prefix: str) -> str:
    """Seed text without its first line (headline) and its last three lines (boilerplate)."""
    return "\n".join(_seed(prefix).splitlines()[1:-3])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kenya sends police to Haiti.", "kenya  sends police\nto haiti"),
        ("\u201cIt\u2019s a race,\u201d he said.", '"It\'s a race," he said.'),
        ("The UN\u2019s mandate.", "the un's mandate"),
        ("Port-au-Prince\u00a0gangs!", "port-au-prince gangs"),
        # a Serbian page in its other script
        (
            "Градоначелник Златова Ненад Живковић прогласио је ванредну ситуацију.",
            "Gradonačelnik Zlatova Nenad Živković proglasio je vanrednu situaciju.",
        ),
    ],
)
def test_exact_copies_share_hash(a: str, b: str) -> None:
    assert normalize_text(a) == normalize_text(b)
    assert content_hash(a) == content_hash(b)


def test_different_texts_differ_in_hash() -> None:
    assert content_hash("Kenya sends police") != content_hash("Kenya sends soldiers")


@pytest.mark.parametrize("seed", SEED_IDS)
def test_exact_copy_found_through_index(seed: str) -> None:
    text = _seed(seed)
    copy = "  " + text.replace("\u2019", "'").replace("\n", "\n\n")
    verdict = check(copy, _index_of({5: text}), {5: text}.get)
    assert (verdict.kind, verdict.of_id, verdict.similarity) == ("exact", 5, 1.0)


@pytest.mark.parametrize(
    ("seed", "top", "bottom"),
    [
        ("001", "Kenyan police in Haiti: what next\nAdvertisement", "Share this article"),
        ("002", "Haiti mission latest\nBy Staff Reporter", "Latest Stories\nGhana wins cup\nRain"),
        ("004", "Breaking: Kenya and Haiti", "Subscribe to our newsletter.\nRead more"),
    ],
)
def test_syndicated_copy_found_as_near(seed: str, top: str, bottom: str) -> None:
    original = _seed(seed)
    copy = f"{top}\n{_body(seed)}\n{bottom}"
    verdict = check(copy, _index_of({3: original, 9: _seed("000")}), {3: original}.get)
    assert (verdict.kind, verdict.of_id) == ("near", 3)


@pytest.mark.parametrize(("seed", "share"), [("001", 0.5), ("002", 0.4), ("004", 0.6)])
def test_truncated_copy_found_as_near(seed: str, share: float) -> None:
    text = _seed(seed)
    index = _index_of({7: text})
    verdict = check(text[: int(len(text) * share)], index, {7: text}.get)
    assert (verdict.kind, verdict.of_id) == ("near", 7)


def test_rewrite_seed_pair_scores_above_threshold() -> None:
    assert rewrite_score(_seed(REWRITE_PAIR[0]), _seed(REWRITE_PAIR[1])) >= REWRITE_THRESHOLD + 0.2


@pytest.mark.parametrize(("a", "b"), OTHER_PAIRS)
def test_other_seed_pairs_score_well_below_threshold(a: str, b: str) -> None:
    assert rewrite_score(_seed(a), _seed(b)) <= REWRITE_THRESHOLD - 0.15


@pytest.mark.parametrize(("new", "stored"), [REWRITE_PAIR, REWRITE_PAIR[::-1]])
def test_rewrite_found_through_index(new: str, stored: str) -> None:
    texts = {i: _seed(s) for i, s in enumerate(SEED_IDS) if s != new}
    verdict = check(_seed(new), _index_of(texts), texts.get)
    assert verdict.kind == "rewrite"
    assert verdict.of_id == SEED_IDS.index(stored)


@pytest.mark.parametrize(("a", "b"), OTHER_PAIRS)
def test_same_story_articles_not_merged(a: str, b: str) -> None:
    stored = {1: _seed(b)}
    assert check(_seed(a), _index_of(stored), stored.get).kind is None


def test_rebuilt_index_answers_like_incremental_one() -> None:
    sigs = {i: signature(_seed(s)) for i, s in enumerate(SEED_IDS)}
    incremental = DuplicateIndex(flush_every=2)
    for i, sig in sigs.items():
        incremental.add(i, sig)
    rebuilt = DuplicateIndex.from_signatures(sigs.items())
    for sig in sigs.values():
        for layer in ("near", "rewrite"):
            assert rebuilt.query(sig, layer) == incremental.query(sig, layer)
        assert rebuilt.exact(sig) == incremental.exact(sig)


def test_query_ranks_the_article_itself_first() -> None:
    sigs = {i: signature(_seed(s)) for i, s in enumerate(SEED_IDS)}
    index = DuplicateIndex.from_signatures(sigs.items())
    for i, sig in sigs.items():
        assert index.query(sig, "near")[0] == (i, 1.0)


def test_missing_stored_text_is_not_a_duplicate() -> None:
    text = _seed("002")
    assert check(text, _index_of({4: text}), lambda _id: None).kind is None


@pytest.mark.parametrize("text", ["", "   ", "word", "Haiti.", "\u201c\u201d ..."])
def test_degenerate_texts_do_not_crash(text: str) -> None:
    index = _index_of({1: _seed("001")})
    assert check(text, index, {1: _seed("001")}.get).kind is None
    assert check(text, DuplicateIndex(), {}.get).kind is None
    assert rewrite_score(text, _seed("001")) == 0.0


@pytest.mark.parametrize("bad", [b"", b"\x01" * 10, b"\x09" + bytes(395)])
def test_malformed_signature_rejected(bad: bytes) -> None:
    with pytest.raises(ValueError):
        DuplicateIndex().add(1, bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two three! Four?", ["One.", "Two three!", "Four?"]),
        ("Homes.The UN met", ["Homes.", "The UN met"]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("\u201cGo.\u201d He went.", ['"Go."', "He went."]),
        ("He said (yes.) Then left", ["He said (yes.)", "Then left"]),
        ("It cost 3.5 million.Mr.Smith came", ["It cost 3.5 million.", "Mr.Smith came"]),
        ("Tab\tafter.\tNext one", ["Tab\tafter.", "Next one"]),
        ("Wait!\u00a0Go on", ["Wait!", "Go on"]),
        ("no end here", ["no end here"]),
        ("Done.\n\n  \nAgain", ["Done.", "Again"]),
        # Chinese and Japanese start the next sentence without a space
        ("上海发生爆炸。消防在调查！他说：好。", ["上海发生爆炸。", "消防在调查!", "他说:好。"]),
        ("火災が発生した。原因は不明だ。", ["火災が発生した。", "原因は不明だ。"]),
        ("दिल्ली में आग लगी। तीन की मौत हुई।", ["दिल्ली में आग लगी।", "तीन की मौत हुई।"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


DAY1 = datetime(2024, 10, 1, 9, tzinfo=UTC)
DAY2 = datetime(2024, 10, 2, 9, tzinfo=UTC)
SHORT, LONG = "one two three", "one two three four"


@pytest.mark.parametrize(
    ("new_published", "new_text", "old_published", "old_text", "keep_new"),
    [
        (DAY1, SHORT, DAY2, LONG, True),  # earlier wins over longer
        (DAY2, LONG, DAY1, SHORT, False),
        # same day, both with a time: the earlier, whatever its length (a copy that adds
        # its own paragraphs to an earlier report is not the original)
        (DAY1, LONG, DAY1.replace(hour=3), SHORT, False),
        (DAY1.replace(hour=3), SHORT, DAY1, LONG, True),
        # same day, one known only to the day: times cannot tell, the longer wins
        (DAY1, LONG, DAY1.replace(hour=0), SHORT, True),
        (DAY1.replace(hour=0), LONG, DAY1, SHORT, True),
        (DAY1.replace(hour=0), SHORT, DAY1, LONG, False),
        (DAY1, SHORT, DAY1, SHORT, False),  # full tie: the stored copy stays
        (DAY1.replace(hour=3), SHORT, DAY1, SHORT, True),  # same day and length: the earlier
        (DAY1, SHORT, DAY1.replace(hour=3), SHORT, False),
        # a day-only date (midnight, a print view's) is not an earlier time that day
        (DAY1.replace(hour=0), SHORT, DAY1.replace(hour=12), SHORT, False),
        (DAY1.replace(hour=12), SHORT, DAY1.replace(hour=0), SHORT, False),
        (DAY1.replace(hour=3), SHORT, datetime(2024, 10, 1, 9), SHORT, True),  # naive is UTC
        (DAY1.replace(hour=10), SHORT, datetime(2024, 10, 1, 9), SHORT, False),
        (DAY1, "One, two; THREE!", DAY1, SHORT, False),  # same words, more punctuation
        (DAY2, SHORT, None, LONG, True),  # a dated copy beats an undated one
        (None, LONG, DAY1, SHORT, False),
        (None, LONG, None, SHORT, True),  # both undated: the longer
        # 23:30 in Nairobi (UTC+3) is 20:30 UTC the same day; naive stored times are UTC.
        (datetime(2024, 10, 1, 23, 30, tzinfo=timezone(timedelta(hours=3))), LONG,
         datetime(2024, 10, 1, 22, 0), SHORT, True),
        (datetime(2024, 10, 2, 1, 0, tzinfo=timezone(timedelta(hours=3))), SHORT,
         datetime(2024, 10, 1, 23, 0), LONG, True),  # 22:00 UTC: earlier that day
        (datetime(2024, 10, 2, 3, 0, tzinfo=timezone(timedelta(hours=3))), SHORT,
         datetime(2024, 10, 1, 23, 0), LONG, False),  # 00:00 UTC: the next day
    ],
)  # fmt: skip
def test_keeps_new_copy(
    new_published: datetime | None,
    new_text: str,
    old_published: datetime | None,
    old_text: str,
    keep_new: bool,
) -> None:
    new_words, old_words = features(new_text).words, features(old_text).words
    assert keeps_new_copy(new_published, new_words, old_published, old_words) is keep_new


@pytest.mark.parametrize(
    ("new_published", "new_text", "old_published", "old_text", "keep_new"),
    [
        (DAY1, LONG, DAY1.replace(hour=3), SHORT, True),  # the full story of an earlier brief
        (DAY1.replace(hour=3), SHORT, DAY1, LONG, False),  # the brief after it: it stays
        (DAY1.replace(hour=3), SHORT, DAY1, SHORT, True),  # same length: the earlier
        (DAY2, LONG, DAY1, SHORT, False),  # a later day: the earlier still
    ],
)  # fmt: skip
def test_a_copy_containing_the_other_wins_by_length_within_a_day(
    new_published: datetime, new_text: str, old_published: datetime, old_text: str,
    keep_new: bool,
) -> None:  # fmt: skip
    new_words, old_words = features(new_text).words, features(old_text).words
    assert keeps_new_copy(new_published, new_words, old_published, old_words, True) is keep_new


ADDED = (
    "Police said on Tuesday evening that a third person had died in hospital.",
    "Engineers believe a gas leak under the pavement caused the explosion, officials said.",
)


def _paragraphs(prefix: str) -> list[str]:
    return [line for line in _body(prefix).splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("longer", "shorter", "added"),
    [
        (lambda p: [*p, *ADDED], lambda p: p, True),  # two paragraphs at the end
        (lambda p: [*p[:2], *ADDED, *p[2:]], lambda p: p, True),  # ... or inside it
        # the toll in its first paragraph changed as well
        (lambda p: [p[0].replace("the", "THE UPDATED"), *p[1:], *ADDED], lambda p: p, True),
        (lambda p: p, lambda p: [*p, *ADDED], False),  # the shorter adds nothing
        (lambda p: [*p, ADDED[0]], lambda p: p, False),  # one line: a caption, a sign-off
        (lambda p: [*p[: len(p) // 2], *ADDED], lambda p: p, False),  # half of it kept
        (lambda p: p, lambda p: p, False),
    ],
)
def test_an_update_adds_paragraphs_to_its_first_version(
    longer: Callable[[list[str]], list[str]],
    shorter: Callable[[list[str]], list[str]],
    added: bool,
) -> None:
    report = _paragraphs("002")
    first, update = features("\n".join(shorter(report))), features("\n".join(longer(report)))
    assert adds_to(update, first) is added


def test_another_report_is_no_update() -> None:
    report = _paragraphs("002")
    assert not adds_to(
        features("\n".join([*_paragraphs("001"), *ADDED])), features("\n".join(report))
    )


def test_shared_verbatim_sentences_do_not_make_a_rewrite() -> None:
    """Articles on one story quote the same sentences word for word: that is not rewording."""
    quoted = split_sentences(_body("001"))[:4]
    brief = " ".join([*quoted, *split_sentences(_body("002"))[:4]])
    assert rewrite_score(brief, _seed("001")) == 0.0
    stored = {1: _seed("001")}
    assert check(brief, _index_of(stored), stored.get).kind is None


# --------------------------------------------------------------------------- features


def _reference_rewrite_score(text_a: str, text_b: str, match: float = 0.4) -> float:
    """The sentence alignment written out plainly: sets, dicts and loops over sentence pairs."""

    def sentences(text: str) -> list[tuple[frozenset[str], str]]:
        found = [(frozenset(content_words(s)), normalize_text(s)) for s in split_sentences(text)]
        return [f for f in found if len(f[0]) >= 3]

    sa, sb = sentences(text_a), sentences(text_b)
    if not sa or not sb:
        return 0.0
    df: dict[str, int] = {}
    for words, _ in sa + sb:
        for word in words:
            df[word] = df.get(word, 0) + 1
    weight = {w: math.log(1.0 + (len(sa) + len(sb)) / c) for w, c in df.items()}
    short, other = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    aligned = 0
    for words, verbatim in short:
        if verbatim in {v for _, v in other}:
            continue
        mass = sum(weight[w] for w in words)
        best = max(
            2 * sum(weight[w] for w in words & o) / (mass + sum(weight[w] for w in o))
            for o, _ in other
        )
        aligned += best >= match
    return aligned / len(short)


def _shingle_sets(text: str) -> set[tuple[str, ...]]:
    words = normalize_text(text).split()
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


DEMO = {a.slug: "\n".join(a.paragraphs) for a in load_articles()}
LABELLED = [
    ("syndicated", f"Breaking news\n{_body('001')}\nShare this article", _seed("001")),
    ("truncated", _seed("002")[: len(_seed("002")) // 2], _seed("002")),
    ("rewrite", _seed("000"), _seed("003")),
    *[("different", _seed(a), _seed(b)) for a, b in OTHER_PAIRS],
    *[("different", DEMO[a], DEMO[b]) for a, b in itertools.islice(itertools.pairwise(DEMO), 8)],
]


@pytest.mark.parametrize(
    ("send", "receive"),
    [(pickle.dumps, pickle.loads), (pack_features, unpack_features)],
    ids=["pickled", "packed"],
)
def test_features_survive_the_trip_to_another_process(
    send: Callable[[Features], bytes], receive: Callable[[bytes], Features]
) -> None:
    text = _seed("001")
    feats = features(text)
    back = receive(send(feats))
    assert back.signature == feats.signature == signature(text)
    assert back.digest.hex() == content_hash(text)
    assert back.words == len(normalize_text(text).split())
    for name in ("shingles", "sentence_words", "sentence_starts", "sentence_keys"):
        assert np.array_equal(getattr(back, name), getattr(feats, name)), name
    index = _index_of({3: _seed("003"), 4: _seed("004")})
    assert check(back, index, {3: _seed("003")}.get) == check(text, index, {3: _seed("003")}.get)


def test_packed_features_keep_their_types_and_take_little_room() -> None:
    feats = features(_seed("003"))
    back = unpack_features(pack_features(feats))
    names = ("shingles", "sentence_words", "sentence_starts", "sentence_keys")
    for name in names:
        assert getattr(back, name).dtype == getattr(feats, name).dtype, name
    arrays = sum(getattr(feats, name).nbytes for name in names)
    assert len(pack_features(feats)) <= arrays + len(feats.signature) + len(feats.digest) + 32


@pytest.mark.parametrize(
    "spoil",
    [lambda d: b"", lambda d: d[:10], lambda d: d[:-1], lambda d: d + b"\x00"],
    ids=["empty", "header-cut", "one-byte-short", "one-byte-long"],
)
def test_cut_or_padded_packed_features_are_refused(spoil: Callable[[bytes], bytes]) -> None:
    data = pack_features(features(_seed("002")))
    with pytest.raises(ValueError, match="packed features"):
        unpack_features(spoil(data))


@pytest.mark.parametrize("seed", SEED_IDS)
def test_features_keep_32_bit_hashes_of_the_full_ones(seed: str) -> None:
    text = _seed(seed)
    feats = features(text)
    full = shingles(tokenize(text))
    assert feats.shingles.dtype == feats.sentence_words.dtype == np.uint32
    assert feats.shingles.nbytes * 2 == full.nbytes  # no two shingles of a seed collide
    assert set(feats.shingles.tolist()) == {h & 0xFFFFFFFF for h in full.tolist()}
    assert feats.signature == signature(text)  # from the 64-bit hashes, as stored before


@pytest.mark.parametrize(("kind", "a", "b"), LABELLED, ids=[p[0] for p in LABELLED])
def test_alignment_on_features_equals_the_plain_one(kind: str, a: str, b: str) -> None:
    expected = _reference_rewrite_score(a, b)
    assert aligned_share(features(a), features(b)) == pytest.approx(expected, abs=1e-12)
    assert (expected >= REWRITE_THRESHOLD) is (kind == "rewrite")


@pytest.mark.parametrize(("kind", "a", "b"), LABELLED, ids=[p[0] for p in LABELLED])
def test_near_match_on_features_equals_shingle_sets(kind: str, a: str, b: str) -> None:
    sa, sb = _shingle_sets(a), _shingle_sets(b)
    jaccard = len(sa & sb) / len(sa | sb)
    containment = len(sa & sb) / min(len(sa), len(sb))
    assert near_similarity(a, b) == pytest.approx((jaccard, containment), abs=1e-12)
    verdict = near_match(features(a), features(b))
    assert (verdict is not None) is (kind in ("syndicated", "truncated"))
    if verdict is not None:
        assert verdict.similarity == pytest.approx(
            jaccard if verdict.method == "jaccard" else containment
        )


def test_check_asks_for_each_stored_article_once() -> None:
    texts = {i: _seed(s) for i, s in enumerate(SEED_IDS) if s != "000"}
    asked: list[int] = []

    def get(article_id: int) -> str | None:
        asked.append(article_id)
        return texts.get(article_id)

    verdict = check(features(_seed("000")), _index_of(texts), get)
    assert (verdict.kind, verdict.of_id) == ("rewrite", SEED_IDS.index("003"))
    assert len(asked) == len(set(asked)) >= 1


def test_feature_cache_keeps_the_recent_ones() -> None:
    texts = {i: _seed(s) for i, s in enumerate(SEED_IDS)}
    read: list[int] = []
    cache = FeatureCache(lambda i: read.append(i) or texts.get(i), size=2)
    assert cache(0) is not None and cache(1) is not None and cache(0) is not None
    assert read == [0, 1] and (cache.hits, cache.misses) == (1, 2)
    cache(2)  # evicts 1, the least recently used
    cache(0)
    cache(1)
    assert read == [0, 1, 2, 1]
    assert cache(9) is None  # gone from the store
    fresh = features(_seed("004"))
    cache.put(1, fresh)  # a stored article replaced by a new copy
    assert cache(1) is fresh and read == [0, 1, 2, 1, 9]


@pytest.mark.parametrize(
    "values",
    [
        [],
        [7],
        [3, 3, 3],
        [5, 1, 5, 2, 1],
        [2**64 - 1, 0, 2**63, 0, 2**64 - 1],
        list(range(50, 0, -1)),
    ],
)
def test_sorted_unique_answers_like_numpy(values: list[int]) -> None:
    array = np.array(values, dtype=np.uint64)
    found = sorted_unique(array)
    assert found.dtype == np.uint64
    assert found.tolist() == sorted(set(values))


CJK = Path(__file__).resolve().parent / "fixtures" / "cjk"


def _cjk_texts() -> dict[str, str]:
    """Chinese and Japanese articles of one story each, and a report on another."""
    pages = json.loads((CJK / "pages_zh.json").read_text("utf-8"))
    japanese = json.loads((CJK / "ja.json").read_text("utf-8"))
    return {
        "zh": "\n".join(pages["shanghai-blast-inquiry"]["paragraphs"]),
        "zh-seed": (CJK / "seeds_zh" / "002.txt").read_text("utf-8"),
        "zh-other": "\n".join(pages["shanghai-metro-line-18"]["paragraphs"]),
        "ja": japanese["story"][0],
        "ja-seed": japanese["story"][1],
        "ja-other": japanese["off_topic"],
    }


@pytest.mark.parametrize("language", ["zh", "ja"])
def test_chinese_and_japanese_copies_are_found_and_other_articles_kept_apart(
    language: str,
) -> None:
    texts = _cjk_texts()
    original = texts[language]
    stored = {1: original, 2: texts[f"{language}-seed"], 3: texts[f"{language}-other"]}
    index = _index_of(stored)
    # a reprint with its own source line that drops the last paragraph
    reprint = "来源：新华社\n" + original.rsplit("\n", 1)[0]
    verdict = check(reprint, index, stored.get)
    assert (verdict.kind, verdict.of_id) == ("near", 1)
    # another article on the same story is not a copy
    del stored[1]
    assert check(original, _index_of(stored), stored.get).kind is None
