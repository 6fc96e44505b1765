from pathlib import Path

import pytest

from collector.relevance import (
    _words,
    build_profile,
    compose_profile,
    cosine,
    grow_terms,
    merge_grown,
    normalize_term,
    specificity,
    terms,
    topical_words,
)
from collector.seeds import load_seeds

ON_TOPIC = (
    "UN Security Council renews mandate of Kenya-led mission in Haiti. The council voted to "
    "extend the Multinational Security Support mission for another year, as Kenyan police "
    "officers keep fighting gangs in Port-au-Prince. President William Ruto welcomed the vote."
)
HARD_NEGATIVES = {
    "finance bill": (
        "Kenya's finance bill sparks protests in Nairobi. President William Ruto defended the tax "
        "increases as police fired tear gas at protesters outside parliament. The bill would raise "
        "taxes on bread, mobile money and fuel, and young protesters organised online."
    ),
    "cholera": (
        "Haiti cholera outbreak spreads in Port-au-Prince. Health officials reported new cholera "
        "cases in the capital, where clean water is scarce. Doctors warned that hospitals lack "
        "supplies and aid groups called for vaccines and chlorine tablets."
    ),
    "marathon": (
        "Kenyan runners sweep the Chicago marathon. Kenya's athletes took the first three places "
        "in the men's race, and the winner said he dedicated the victory to his coach in Eldoret."
    ),
}


@pytest.fixture
def profile(seeds_dir: Path):
    seeds = load_seeds(seeds_dir).seeds
    return build_profile([f"{s.title}\n{s.text}" for s in seeds])


def test_profile_holds_the_story(profile) -> None:
    top = {t for t, _ in profile.top_terms(30)}
    assert {"haiti", "ruto", "gangs", "mss"} <= top
    assert not top & {"the", "said", "and"}


@pytest.mark.parametrize("name", sorted(HARD_NEGATIVES))
def test_hard_negatives_score_below_the_story(profile, name: str) -> None:
    assert profile.score(HARD_NEGATIVES[name]) < 0.5 * profile.score(ON_TOPIC)


def test_excluded_terms_zero_the_score(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    profile = build_profile([s.text for s in seeds], excluded=["Mandate"])
    assert profile.score(ON_TOPIC) == 0.0


def test_extra_terms_join_the_profile(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    profile = build_profile([s.text for s in seeds], extra_terms=["Pont-Sondé"])
    assert "pont-sonde" in profile.weights
    assert profile.coverage("Pont-Sondé") > 0


def test_accents_fold_across_languages(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    profile = build_profile([s.text for s in seeds])
    french = (
        "Le Kenya enverra 600 policiers supplémentaires en Haïti pour renforcer la mission "
        "multinationale contre les gangs de Port-au-Prince, a annoncé le président William Ruto."
    )
    assert profile.score(french, "fr") > profile.score(HARD_NEGATIVES["cholera"])


def test_common_words_carry_no_topic() -> None:
    assert specificity("the") == 0.0
    assert specificity("peacekeeping") > specificity("police") > 0


def test_terms_include_phrases() -> None:
    assert terms("Kenyan police officers arrived")["police officers"] == 1


def test_cosine_bounds() -> None:
    assert cosine({"a": 1.0}, {"a": 2.0}) == pytest.approx(1.0)
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert cosine({}, {"a": 1.0}) == 0.0


def test_empty_profile_scores_nothing() -> None:
    assert build_profile([]).score(ON_TOPIC) == 0.0


def _norm2(weights: dict[str, float]) -> float:
    return sum(w * w for w in weights.values())


def test_composed_profile_keeps_the_core_and_caps_grown_terms(profile) -> None:
    grown = {"pont-sonde": 50.0, "massacre": 40.0, "artibonite": 30.0, "haiti": 1.0}
    composed = compose_profile(profile, grown, max_grown_share=0.2)
    for term, weight in profile.weights.items():
        assert composed.weights[term] == weight
        assert composed.sources[term] == "seed"
    new = {t: w for t, w in composed.weights.items() if composed.sources[t] == "grown"}
    assert set(new) == {"pont-sonde", "massacre", "artibonite"}
    share = _norm2(new) / _norm2(dict(composed.weights))
    assert share == pytest.approx(0.2, abs=1e-9)
    assert new["pont-sonde"] > new["massacre"] > new["artibonite"]


def test_a_core_only_page_keeps_most_of_its_score_after_growth(profile) -> None:
    grown = {f"term{i}": 100.0 for i in range(30)}
    composed = compose_profile(profile, grown, max_grown_share=0.25)
    assert composed.score(ON_TOPIC) >= 0.86 * profile.score(ON_TOPIC)


def test_user_terms_and_exclusions_in_the_composed_profile(profile) -> None:
    composed = compose_profile(profile, {"massacre": 3.0}, ["Pont-Sondé"], ["Massacre", "gangs"])
    assert composed.sources["pont-sonde"] == "user"
    assert composed.weights["pont-sonde"] == max(profile.weights.values())
    assert "massacre" not in composed.weights and "gangs" not in composed.weights
    assert composed.score(ON_TOPIC + " Gangs attacked.") == 0.0


def test_grown_terms_come_from_several_relevant_documents(profile) -> None:
    documents = [
        "Gunmen killed dozens in Pont-Sondé; the massacre drew Kenyan police to the Artibonite.",
        "After the Pont-Sondé massacre, Haitian police and the Kenyan mission sent patrols.",
        "Survivors of the massacre in Pont-Sondé fled to Saint-Marc, police officers said.",
        "A zeppelin landed in one document only.",
    ]
    grown = grow_terms(profile, documents, limit=5, min_docs=2)
    assert "pont-sonde" in grown and "massacre" in grown
    assert "zeppelin" not in grown  # in one document only
    assert not grown.keys() & profile.weights.keys()
    median = sorted(profile.weights.values())[len(profile.weights) // 2]
    assert max(grown.values()) <= median
    assert len(grown) <= 5


def test_common_words_never_grow_the_profile(profile) -> None:
    documents = ["Officials said on Monday that months of talks continued."] * 3
    assert grow_terms(profile, documents, min_docs=2) == {}


def test_merge_grown_keeps_the_heaviest() -> None:
    merged = merge_grown({"a": 1.0, "b": 5.0}, {"a": 3.0, "c": 2.0}, limit=2)
    assert merged == {"b": 5.0, "a": 3.0}


@pytest.mark.parametrize(
    ("raw", "term"), [("Pont-Sondé ", "pont-sonde"), ("  Police   Officers", "police officers")]
)
def test_normalize_term(raw: str, term: str) -> None:
    assert normalize_term(raw) == term


@pytest.mark.parametrize("language", ["en", "fr"])
def test_topical_words_are_the_texts_words_as_terms(language: str) -> None:
    # The words coverage weighs: each topical word as a term (relevance._word), in
    # first-seen order, with the specificity of its last spelling ("Haïti" and "Haiti"
    # fold alike and differ in it).
    texts = [ON_TOPIC, *HARD_NEGATIVES.values(), "Haïti, Haiti and HAITI’s Kenya-led police",
             "Le Kenya enverra 600 policiers en Haïti", "", "2024 - 10 -- _x_"]  # fmt: skip
    for text in texts:
        expected = dict((k, sp) for k, sp in _words(text, language) if sp > 0)
        assert list(topical_words(text, language).items()) == list(expected.items())
