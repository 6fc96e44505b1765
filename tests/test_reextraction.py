"""Choosing the stored articles a crawl extracts again: template lines in stored texts, and
the corpus query that finds the texts holding them (a real DuckDB file)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collector.boilerplate import LearnRule, TemplateLearner
from collector.cleaning import normalise_line
from collector.reextraction import holds_template_line, reextracted
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


LD = '{"@type": "NewsArticle", "datePublished": "2026-11-17T13:25:00+00:00"}'
UPDATE_PAGE = (
    f'<html><head><title>Three dead</title><script type="application/ld+json">{LD}</script>'
    "</head><body><article><h1>Three dead after explosion</h1>"
    + "".join(
        f"<p>{p}</p>"
        for p in (
            "Three people have died after an explosion destroyed a row of shops, police said.",
            "The blast happened at about 5.52am and was followed by a fire through the terrace.",
            "Firefighters brought the fire under control by 10.40am, and search dogs went in.",
            "About 140 people from around 70 homes were evacuated and taken to a rest centre.",
        )
    )
    + "</article></body></html>"
)


@pytest.mark.parametrize(
    ("published", "modified", "kept"),
    [
        # an update that took its first version's place and date keeps that date
        (datetime(2026, 11, 17, 7, 10), datetime(2026, 11, 17, 13, 25), True),
        # any other earlier date is the page's to correct (a copyright year read as one)
        (datetime(2019, 1, 1), None, False),
        (datetime(2026, 11, 17, 7, 10), datetime(2026, 11, 17, 14, 0), False),
    ],
)
def test_an_update_keeps_its_first_versions_date_when_extracted_again(
    published: datetime, modified: datetime | None, kept: bool
) -> None:
    row = {
        "html": UPDATE_PAGE, "page_url": "https://wire.test/a-update", "date_source": "json-ld",
        "published_at": published, "modified_at": modified, "fetched_at": datetime(2026, 11, 18),
    }  # fmt: skip
    new = reextracted(row, frozenset())
    assert new is not None
    page_date = datetime(2026, 11, 17, 13, 25)
    assert new["published_at"] == (published if kept else page_date)
    assert new["modified_at"] == (modified if kept else None)
