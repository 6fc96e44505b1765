"""Tests for replacing a stored article by an earlier copy in one transaction (collector.store)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collector.store import Batch, Store, StoreError, compress_html


def article(article_id: int, url: str, text: str, day: int) -> dict:
    return {"id": article_id, "url": url, "title": url, "text": text, "is_seed": False,
            "published_at": datetime(2024, 10, day, tzinfo=UTC), "signature": b"s"}  # fmt: skip


def page(article_id: int, url: str) -> dict:
    return {"article_id": article_id, "url": url, "html_zlib": compress_html(f"<p>{url}</p>")}


def replacing(article_id: int, url: str, text: str, day: int, old_url: str) -> Batch:
    batch = Batch()
    batch.replace(article_id)
    batch.add("duplicates", {"url": old_url, "article_id": article_id, "method": "jaccard"})
    batch.add("articles", article(article_id, url, text, day))
    batch.add("pages", page(article_id, url))
    batch.add("aliases", {"url": url, "article_id": article_id})
    return batch


def stored(store: Store) -> dict[str, list[tuple]]:
    queries = {
        "articles": "SELECT id, url, text FROM articles ORDER BY id",
        "pages": "SELECT article_id, url FROM pages ORDER BY article_id",
        "aliases": "SELECT url, article_id FROM aliases ORDER BY url",
        "duplicates": "SELECT url, article_id FROM duplicates ORDER BY url",
    }
    return {name: store.query(sql)[1] for name, sql in queries.items()}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    for i, url in ((1, "https://late.example/a"), (2, "https://other.example/b")):
        batch.add("articles", article(i, url, f"text of {url}", 5))
        batch.add("pages", page(i, url))
        batch.add("aliases", {"url": url, "article_id": i})
    batch.add("aliases", {"url": "https://late.example/a?amp", "article_id": 1})
    batch.add("duplicates", {"url": "https://copy.example/a", "article_id": 1, "method": "hash"})
    store.write(batch)
    return store


def test_a_replacement_takes_the_id_row_and_page(store: Store) -> None:
    batch = replacing(1, "https://early.example/a", "early text", 2, "https://late.example/a")
    assert batch.new_articles() == 0
    store.write(batch)
    assert stored(store) == {
        "articles": [(1, "https://early.example/a", "early text"),
                     (2, "https://other.example/b", "text of https://other.example/b")],
        "pages": [(1, "https://early.example/a"), (2, "https://other.example/b")],
        "aliases": [("https://early.example/a", 1), ("https://late.example/a", 1),
                    ("https://late.example/a?amp", 1), ("https://other.example/b", 2)],
        "duplicates": [("https://copy.example/a", 1), ("https://late.example/a", 1)],
    }  # fmt: skip
    assert store.article_facts(1) == {
        "url": "https://early.example/a", "text": "early text",
        "published_at": datetime(2024, 10, 2), "date_source": None, "is_seed": False,
        "lead_origin": None, "rewrite_of": None, "rewrite_similarity": None, "run_id": None,
    }  # fmt: skip


def test_a_replacement_within_one_batch_drops_the_waiting_row(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("articles", article(7, "https://late.example/x", "late", 5))
    batch.add("pages", page(7, "https://late.example/x"))
    batch.add("aliases", {"url": "https://late.example/x", "article_id": 7})
    batch.replace(7)
    batch.add("duplicates", {"url": "https://late.example/x", "article_id": 7, "method": "hash"})
    batch.add("articles", article(7, "https://early.example/x", "early", 1))
    batch.add("pages", page(7, "https://early.example/x"))
    assert batch.new_articles() == 1
    store.write(batch)
    assert stored(store) == {
        "articles": [(7, "https://early.example/x", "early")],
        "pages": [(7, "https://early.example/x")],
        "aliases": [("https://late.example/x", 7)],
        "duplicates": [("https://late.example/x", 7)],
    }


def test_a_failed_replacement_keeps_the_stored_article(store: Store) -> None:
    before = stored(store)
    broken = replacing(1, "https://early.example/a", "early", 2, "https://late.example/a")
    broken.add("articles", {**article(3, "https://x.example/3", "x", 1), "text": None})
    with pytest.raises(StoreError):
        store.write(broken)
    assert stored(store) == before
    store.write(replacing(1, "https://early.example/a", "early", 2, "https://late.example/a"))
    assert stored(store)["articles"][0] == (1, "https://early.example/a", "early")


def test_signature_blocks_stream_every_signature(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    sigs = {i: bytes([i % 251]) * (i % 7 + 1) for i in range(1, 301)}
    for i, sig in sigs.items():
        batch.add("articles", {**article(i, f"https://a.example/{i}", "t", 1), "signature": sig})
    batch.add("articles", {**article(999, "https://a.example/none", "t", 1), "signature": None})
    store.write(batch)
    found = {}
    for block in store.signature_blocks(rows=64):
        for k, article_id in enumerate(block.ids.tolist()):
            found[article_id] = block.data[block.offsets[k] : block.offsets[k + 1]].tobytes()
    assert found == sigs


def test_new_articles_counts_what_a_write_adds(store: Store) -> None:
    """Replacing a stored article adds nothing; replacing one still waiting adds it once;
    replacing it again in the same batch still deletes the stored copy."""
    batch = replacing(2, "https://early.example/b", "early b", 1, "https://other.example/b")
    batch.replace(2)
    batch.add("articles", article(2, "https://earliest.example/b", "earliest b", 1))
    for i in (3, 4):
        batch.add("articles", article(i, f"https://new.example/{i}", "new", 3))
    batch.replace(4)
    batch.add("articles", article(4, "https://early.example/4", "early 4", 2))
    before = len(stored(store)["articles"])
    added = batch.new_articles()
    store.write(batch)
    assert len(stored(store)["articles"]) - before == added == 2
    assert (2, "https://earliest.example/b", "earliest b") in stored(store)["articles"]
