from pathlib import Path

import pytest

from collector.leads import build_queries, refuse_reason, score_lead, url_words
from collector.relevance import build_profile
from collector.seeds import load_seeds


@pytest.fixture
def seeds(seeds_dir: Path):
    return load_seeds(seeds_dir).seeds


@pytest.fixture
def profile(seeds):
    return build_profile([f"{s.title}\n{s.text}" for s in seeds])


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://news.example/world/kenya-sends-more-police-to-haiti", None),
        ("https://news.example/2024/10/03/kenya-haiti-mission", None),
        ("ftp://news.example/file", "scheme"),
        ("https://news.example/images/photo.jpg", "non-article"),
        ("https://news.example/feed.xml", "non-article"),
        ("https://news.example/files/report.pdf", "non-article"),
        ("https://news.example/tag/haiti", "navigation"),
        ("https://news.example/category/world", "navigation"),
        ("https://news.example/login", "navigation"),
        ("https://news.example/", "navigation"),
        ("https://news.example/archive/2024/10/", "trap"),
        ("https://news.example/world?page=7", "trap"),
        ("https://news.example/world/page/12", "trap"),
        ("https://news.example/a?PHPSESSID=abc", "trap"),
        ("https://news.example/a/b/a/b/a/b", "trap"),
        ("https://news.example/1/2/3/4/5/6/7/8/9/10", "trap"),
    ],
)
def test_refuse_reason(url: str, reason: str | None) -> None:
    assert refuse_reason(url) == reason


def test_queries_are_deduplicated_and_specific(seeds, profile) -> None:
    queries = build_queries([s.title for s in seeds], profile)
    assert len(queries) == len(set(queries)) >= 3
    for query in queries:
        words = query.split()
        assert 2 <= len(words) <= 4
        assert not {"the", "to", "and", "of"} & set(words)
    assert any("haiti" in q for q in queries)


def test_lead_scores_rank_story_links_first(profile) -> None:
    story = score_lead(profile, "https://x.example/world/un-renews-haiti-mission",
                       ["Kenya-led mission in Haiti gets UN mandate renewal"])  # fmt: skip
    other = score_lead(profile, "https://x.example/business/kenya-finance-bill",
                       ["Kenya finance bill protests turn deadly"])  # fmt: skip
    nav = score_lead(profile, "https://x.example/about-us", ["About us"])
    assert story > 2 * other
    assert nav == 0.0


def test_url_words() -> None:
    assert (
        url_words("https://x.example/world/kenya-police-haiti-2024?id=3")
        == "world kenya police haiti"
    )
