"""Bulk appends and the crawl's start-up state read as Arrow columns."""

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest

from collector.store import Batch, Store, StoreError


def test_load_state_maps_each_url_to_its_article_first(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    for article_id in (3, 1, 2):  # written out of id order
        batch.add(
            "articles",
            {"id": article_id, "url": f"https://a.example/{article_id}", "text": "t",
             "is_seed": False, "signature": bytes([article_id]) * 4},
        )  # fmt: skip
    batch.add("aliases", {"url": "https://a.example/alias", "article_id": 2})
    # A URL that is both a stored article's and, earlier, recorded as a copy of another.
    batch.add("duplicates", {"url": "https://a.example/1", "article_id": 3, "method": "hash"})
    batch.add("duplicates", {"url": "https://a.example/copy", "article_id": 1, "method": "hash"})
    batch.add(
        "leads",
        {"url": "https://a.example/copy", "origin": "redirect", "status": "skipped",
         "reason": "redirect-known"},
    )  # fmt: skip
    batch.add(
        "leads",
        {"url": "https://r.example/x", "origin": "redirect", "status": "skipped",
         "reason": "redirect-known"},
    )  # fmt: skip
    store.write(batch)
    state = store.load_state()
    assert state.known_urls == {
        "https://a.example/1": 1,
        "https://a.example/2": 2,
        "https://a.example/3": 3,
        "https://a.example/alias": 2,
        "https://a.example/copy": 1,
        "https://r.example/x": None,
    }
    assert state.next_id == 4


def test_append_writes_an_arrow_table(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.load_state()
    store.append(
        "articles",
        pa.table({"id": [1, 2], "url": ["https://a.example/1", "https://a.example/2"],
                  "text": ["one", "two"], "is_seed": [False, True],
                  "fetched_at": [datetime(2025, 1, 1), datetime(2025, 1, 2)]}),
    )  # fmt: skip
    assert store.query("SELECT id, text, is_seed FROM articles ORDER BY id")[1] == [
        (1, "one", False),
        (2, "two", True),
    ]


def test_a_failed_append_writes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.load_state()
    store.append("aliases", pa.table({"url": ["https://a.example/1"], "article_id": [1]}))
    with pytest.raises(StoreError, match="appending 2 rows failed"):
        store.append(
            "aliases",
            pa.table({"url": ["https://a.example/2", "https://a.example/1"], "article_id": [2, 1]}),
        )
    assert store.query("SELECT url FROM aliases")[1] == [("https://a.example/1",)]


@pytest.mark.parametrize(
    ("key", "ids", "urls"),
    [("id", [2, 1], ["https://a.example/2", "https://a.example/3"]),
     ("url", [2, 3], ["https://a.example/2", "https://a.example/1"])],
)  # fmt: skip
def test_an_append_repeating_a_stored_article_writes_nothing(
    tmp_path: Path, key: str, ids: list[int], urls: list[str]
) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.load_state()

    def articles(ids: list[int], urls: list[str]) -> pa.Table:
        return pa.table({"id": ids, "url": urls, "text": ["t"] * len(ids),
                         "is_seed": [False] * len(ids)})  # fmt: skip

    store.append("articles", articles([1], ["https://a.example/1"]))
    with pytest.raises(StoreError, match=f"appending 2 rows failed: .*duplicate {key}"):
        store.append("articles", articles(ids, urls))
    assert store.query("SELECT id, url FROM articles")[1] == [(1, "https://a.example/1")]


def test_append_to_an_unknown_table_names_the_tables(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="'runs': not a corpus table"):
        Store(tmp_path / "c.duckdb").append("runs", pa.table({"id": [1]}))
