"""The gate's judgement by date, end to end: a real ``collector grow`` over an outlet served
on loopback, from the shipped seeds with a date line copied with one of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from loopback import Handler, serving
from test_gate_names import ARTICLES, article_html, grown

# Two reports of the story: one 70 days before the seed's date, one 11 days before.
OLDER, RECENT = "ruto-tours-haiti-base-gangs", "second-kenyan-contingent-awaits-flights"


class _Handler(Handler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        article = ARTICLES.get(self.path.strip("/").removeprefix("world/"))
        if article is None:
            self.send_error(404)
            return
        shown = article.published
        dated = f'<time datetime="{shown.isoformat()}">{shown:%d %B %Y}</time>'
        self.answer(200, "text/html", article_html(article.title, article.paragraphs, dated=dated))


def dated_seeds(folder: Path) -> Path:
    """The shipped seeds, one of them copied with its page's date line under the headline."""
    shutil.copytree(Path(__file__).parents[1] / "seeds", folder)
    first = sorted(folder.glob("*.txt"))[0]
    headline, rest = first.read_text(encoding="utf-8").split("\n", 1)
    first.write_text(f"{headline}\nPublished 1 December 2024, 10:00\n{rest}", encoding="utf-8")
    return folder


@pytest.mark.parametrize("days", [30, 0])
def test_a_report_from_long_before_the_seeds_is_an_older_storys(tmp_path: Path, days: int) -> None:
    seeds = dated_seeds(tmp_path / "seeds")
    with serving(_Handler) as outlet:
        urls = [f"{outlet}/world/{slug}" for slug in (OLDER, RECENT)]
        outcomes = grown(
            tmp_path, urls, f"COLLECTOR_STORY_MAX_DAYS_BEFORE_SEEDS={days}", ("--seeds", str(seeds))
        )
    assert outcomes[RECENT] == ("stored", None)
    assert outcomes[OLDER] == (("rejected", "before-story") if days else ("stored", None))
