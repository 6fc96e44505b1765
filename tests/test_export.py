import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from collector.export import export, safe_name
from collector.store import Batch, Store


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "a/b\\c", "Haïti : la mission kényane", "", None, "..", "x" * 500, "CON"],
)
def test_safe_names_stay_in_their_folder(tmp_path: Path, title: str | None) -> None:
    name = safe_name(7, title)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()
    assert len(name) < 100


def test_safe_names_are_unique_per_article() -> None:
    assert safe_name(1, "Same title") != safe_name(2, "Same title")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    for i in range(1, 4):
        batch.add("articles", {"id": i, "url": f"https://a.example/{i}", "title": f"Story {i}/x",
                               "text": f"Body {i}", "is_seed": False,
                               "rewrite_of": 1 if i == 3 else None})  # fmt: skip
    store.write(batch)
    return store


def test_jsonl_export(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert export(store, "jsonl", out) == 3
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert {"id", "url", "title", "text", "published_at", "source", "language"} <= rows[0].keys()


def test_parquet_export_without_rewrites(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    assert export(store, "parquet", out, include_rewrites=False) == 2
    assert pq.read_table(out).column("id").to_pylist() == [1, 2]


def test_txt_export(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "txt"
    assert export(store, "txt", out) == 3
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert len(manifest) == 3
    for entry in manifest:
        assert (out / entry["file"]).read_text().startswith(entry["title"])
