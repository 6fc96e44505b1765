"""Choosing the stored articles a crawl extracts again: template lines in stored texts, and
the corpus query that finds the texts holding them (a real DuckDB file)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collector.boilerplate import LearnRule, TemplateLearner
from collector.cleaning import normalise_line
from collector.reextraction import holds_template_line
from collector.store import Batch, Store, compress_html

SLOGAN = "Radio Kaya: sauti ya wananchi tangu 1998"
TEMPLATES = frozenset({normalise_line(SLOGAN), normalise_line("Advertisement")})


@pytest.mark.parametrize(
    ("text", "held"),
    [
        (f"First paragraph.\n{SLOGAN}\nLast paragraph.", True),
        ("First paragraph.\n  RADIO KAYA: Sauti ya wananchi tangu 1998.  ", True),
        ("First paragraph.\nAdvertisement", True),
        # within a paragraph, the words are the article's
        ("The station's slogan, radio kaya: sauti ya wananchi tangu 1998, is known.", False),
        ("An advertisement for the mission ran on Monday.", False),
        ("", False),
    ],
)
def test_holds_template_line(text: str, held: bool) -> None:
    assert holds_template_line(text, TEMPLATES) is held


def test_articles_holding_finds_an_outlets_texts_with_a_line_in_any_case(tmp_path: Path) -> None:
    fetched = datetime(2024, 12, 1, tzinfo=UTC)
    texts = {
        1: ("kaya.example", f"Body one.\n{SLOGAN}"),
        2: ("kaya.example", f"Body two.\n{SLOGAN.upper()}"),
        3: ("kaya.example", "Body three."),
        4: ("other.example", f"Body four.\n{SLOGAN}"),
        5: ("kaya.example", f"A seed.\n{SLOGAN}"),  # no stored page: nothing to extract again
    }
    batch = Batch()
    for article_id, (source, text) in texts.items():
        url = f"https://{source}/news/{article_id}"
        row = {"id": article_id, "url": url, "source": source, "text": text, "title": "T"}
        batch.add("articles", {**row, "is_seed": article_id == 5, "fetched_at": fetched})
        if article_id != 5:
            page = {"article_id": article_id, "url": url, "fetched_at": fetched}
            batch.add("pages", {**page, "html_zlib": compress_html("<p>x</p>")})
    store = Store(tmp_path / "corpus.duckdb")
    store.write(batch)
    held = store.articles_holding("kaya.example", [SLOGAN])
    assert [article_id for article_id, _ in held] == [1, 2]
    assert held[0][1] == texts[1][1]
    assert store.articles_holding("kaya.example", []) == []


def test_the_learner_gives_the_lines_of_the_blocks_it_counted() -> None:
    learner = TemplateLearner(LearnRule())
    seen = datetime(2024, 12, 1, tzinfo=UTC)
    url = "https://kaya.example/a"
    learner.observe("kaya.example", url, ["Body.", f"  {SLOGAN} "], False, seen)
    key = normalise_line(SLOGAN)
    assert learner.block_texts("kaya.example", [key, "unknown"]) == [SLOGAN]
    assert learner.block_texts("other.example", [key]) == []
