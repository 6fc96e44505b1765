"""Relevance feedback: pages just above the threshold go with the closer of kept/rejected."""

from __future__ import annotations

import pytest

from collector.feedback import Feedback, heaviest, judge
from collector.relevance import weigh

PROFILE = {"haiti": 10.0, "kenyan": 9.0, "mission": 8.0, "police": 5.0, "ruto": 7.0}
KEPT = weigh("Kenyan police mission in Haiti fights gangs in Port-au-Prince")
TRADE = weigh("Ruto signs trade deals, tea exports and a railway loan with investors")
TRADE_AGAIN = weigh("Ruto trade deals: tea exports, railway loan, investors and tariffs")


def trained(rejected: int) -> Feedback:
    feedback = Feedback.from_profile(PROFILE)
    for _ in range(rejected):
        judge(0.15, TRADE, feedback, threshold=0.2)  # shares a name, below the threshold
    return feedback


def test_a_page_just_above_the_threshold_like_the_rejected_ones_is_rejected() -> None:
    verdict = judge(0.21, TRADE_AGAIN, trained(3), threshold=0.2, band=0.03)
    assert not verdict.relevant and verdict.reason == "like-rejected"


def test_a_page_just_above_the_threshold_like_the_kept_ones_is_kept() -> None:
    verdict = judge(0.21, KEPT, trained(3), threshold=0.2, band=0.03)
    assert verdict.relevant and verdict.reason is None


def test_without_enough_rejections_the_threshold_decides() -> None:
    assert judge(0.21, TRADE_AGAIN, trained(2), threshold=0.2, band=0.03, min_rejections=3).relevant


def test_feedback_never_lets_a_page_below_the_threshold_in() -> None:
    verdict = judge(0.19, KEPT, trained(5), threshold=0.2, band=0.03)
    assert not verdict.relevant and verdict.reason == "off-topic"


def test_pages_well_above_the_band_are_kept_and_taught() -> None:
    feedback = trained(3)
    before = sum(feedback.kept.values())
    assert judge(0.5, TRADE_AGAIN, feedback, threshold=0.2, band=0.03).relevant
    assert sum(feedback.kept.values()) > before


def test_band_zero_turns_feedback_off() -> None:
    assert judge(0.2, TRADE_AGAIN, trained(5), threshold=0.2, band=0.0).relevant


def test_unrelated_rejections_teach_nothing() -> None:
    feedback = Feedback.from_profile(PROFILE)
    judge(0.02, weigh("Football results from the weekend"), feedback, threshold=0.2)
    assert feedback.rejections == 0


def test_centroids_keep_their_heaviest_terms_only() -> None:
    bounded, full = Feedback.from_profile(PROFILE), Feedback.from_profile(PROFILE)
    bounded.max_terms = 20
    for page in range(30):  # every page brings three words no other page has
        own = " ".join(f"zq{chr(97 + page // 26)}{chr(97 + page % 26)}{c}" for c in "xyz")
        for feedback in (bounded, full):
            feedback.learn(weigh(f"haiti kenyan mission {own}"), True)
        assert len(bounded.kept) <= 40
    assert len(full.kept) > 100
    # The story's terms, on every page, keep their whole weight.
    for term in ("haiti", "kenyan", "mission", "haiti kenyan"):
        assert bounded.kept[term] == pytest.approx(full.kept[term])


def test_a_page_missing_a_core_name_is_off_core_whatever_its_score() -> None:
    feedback = trained(0)
    verdict = judge(0.6, KEPT, feedback, threshold=0.2, naming="missing")
    assert not verdict.relevant and verdict.reason == "off-core"
    assert feedback.rejections == 1  # it shares the story's terms: a counter-example


def test_a_core_name_in_passing_is_judged_by_feedback_at_any_score() -> None:
    kept = judge(0.5, KEPT, trained(3), threshold=0.2, naming="passing")
    trade = judge(0.5, TRADE_AGAIN, trained(3), threshold=0.2, naming="passing")
    assert kept.relevant
    assert not trade.relevant and trade.reason == "like-rejected"


def test_a_core_name_in_passing_before_feedback_can_judge_goes_by_the_threshold() -> None:
    feedback = trained(2)
    before = (sum(feedback.kept.values()), feedback.rejections)
    assert judge(0.5, TRADE_AGAIN, feedback, 0.2, min_rejections=3, naming="passing").relevant
    assert not judge(0.05, KEPT, feedback, 0.2, min_rejections=3, naming="passing").relevant
    assert (sum(feedback.kept.values()), feedback.rejections) == before  # it teaches nothing


def test_just_under_the_threshold_feedback_keeps_pages_that_name_the_core_throughout() -> None:
    assert judge(0.17, KEPT, trained(3), threshold=0.2, below=0.05).relevant
    assert not judge(0.17, TRADE_AGAIN, trained(3), threshold=0.2, below=0.05).relevant
    assert not judge(0.17, KEPT, trained(3), 0.2, below=0.05, naming="passing").relevant
    assert not judge(0.14, KEPT, trained(3), threshold=0.2, below=0.05).relevant
    assert not judge(0.17, KEPT, trained(2), threshold=0.2, below=0.05).relevant  # not ready


@pytest.mark.parametrize("n", [1, 3, 7, 10, 50])
def test_heaviest_keeps_the_n_largest_weights(n: int) -> None:
    weights = {f"t{i}": float((i * 37) % 11) + i / 100 for i in range(10)}
    top = heaviest(weights, n)
    expected = sorted(weights.items(), key=lambda kv: -kv[1])[:n]
    assert top == dict(expected)


def test_a_settled_centroid_learns_from_one_page_in_stride() -> None:
    feedback = Feedback.from_profile(PROFILE)
    feedback.full_pages, feedback.stride = 3, 4
    for page in range(11):
        feedback.learn({f"word{page}": 1.0}, True)
    learned = [page for page in range(11) if feedback.kept[f"word{page}"]]
    assert learned == [0, 1, 2, 3, 7]  # the first 3 pages, then the 4th and 8th offered
    for _ in range(6):
        feedback.learn({"other": 1.0}, False)
    assert feedback.rejections == 6
    assert feedback.rejected["other"] == pytest.approx(4.0)  # 1, 2, 3, then the 4th
