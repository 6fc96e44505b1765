from pathlib import Path

import pytest

from collector.relevance import build_profile, cosine, specificity, terms
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
