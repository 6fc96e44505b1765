"""Spill files: a batch the corpus refused, kept beside it and written once by the next run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collector.spill import read_spills, remove_spill, spill_dir, write_spill
from collector.store import Batch, Store


def a_batch() -> Batch:
    batch = Batch()
    batch.add("articles", {"id": 1, "url": "https://a.example/1", "title": "T", "text": "body",
                           "is_seed": False, "authors": ("A", "B"), "run_id": 7,
                           "published_at": datetime(2024, 10, 1, 12, tzinfo=UTC)})  # fmt: skip
    batch.add("pages", {"article_id": 1, "url": "https://a.example/1", "html_zlib": b"\x78\x9c"})
    batch.add("aliases", {"url": "https://a.example/1?amp", "article_id": 1})
    batch.add("leads", {"url": "https://a.example/1", "origin": "seed", "status": "stored",
                        "run_id": 7, "depth": 1})  # fmt: skip
    batch.done = {"https://a.example/1"}
    batch.replaced = {1}
    return batch


def test_a_spill_reads_back_as_the_batch(tmp_path: Path) -> None:
    folder = spill_dir(tmp_path / "corpus.duckdb")
    assert folder == tmp_path / "corpus.duckdb.spill"
    write_spill(a_batch(), folder, "run-000007")
    ((name, batch),) = read_spills(folder)
    assert name == "run-000007"
    (article,) = batch.rows["articles"]
    assert article["authors"] == ["A", "B"]
    assert article["published_at"] == datetime(2024, 10, 1, 12)  # naive UTC, as stored
    assert batch.rows["aliases"] == [{"url": "https://a.example/1?amp", "article_id": 1}]
    assert batch.done == {"https://a.example/1"}
    assert batch.replaced == {1}
    assert len(batch) == len(a_batch())


def test_a_half_written_spill_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "corpus.duckdb.spill"
    (folder / ".tmp-run-000003").mkdir(parents=True)
    assert read_spills(folder) == []
    assert not (folder / ".tmp-run-000003").exists()


def test_a_spill_that_cannot_be_written_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        write_spill(a_batch(), blocker / "spill", "run-1")
    assert read_spills(tmp_path / "nothing-here") == []


def test_a_replayed_spill_is_written_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "corpus.duckdb")
    folder = spill_dir(store.path)
    write_spill(a_batch(), folder, "run-000007")
    ((name, batch),) = read_spills(folder)
    assert store.write(batch, spill=name)
    assert not store.write(batch, spill=name)  # killed before the file was removed
    remove_spill(folder, name)
    assert not folder.exists()
    _, rows = store.query(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM leads), "
        "(SELECT count(*) FROM spills), (SELECT max(run_id) FROM spills)"
    )
    assert rows == [(1, 1, 1, 7)]
