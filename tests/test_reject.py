"""``collector reject``: an article the user rejects leaves the corpus, with its rewrites,
and none of its URLs is fetched again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collector.cli import main
from collector.runlock import RunLock
from collector.store import Batch, Store

OFF = "https://a.example/off-topic"


def corpus(path: Path) -> Store:
    """A seed, an off-topic article with its page, an alias and a copy, a rewrite of it
    stored at another outlet, and an article on the story."""
    store = Store(path)
    batch = Batch()
    for article_id, url, extra in (
        (1, "seed:story.txt", {"is_seed": True}),
        (2, OFF, {}),
        (3, "https://b.example/rewritten", {"rewrite_of": 2}),
        (4, "https://b.example/on-topic", {}),
    ):
        row = {"id": article_id, "url": url, "title": f"T{article_id}", "text": "words " * 50,
               "is_seed": False, "content_hash": f"h{article_id}", **extra}  # fmt: skip
        batch.add("articles", row)
        batch.add("pages", {"article_id": article_id, "url": url, "html_zlib": b"x"})
    batch.add("aliases", {"url": OFF + "?amp=1", "article_id": 2})
    batch.add("aliases", {"url": "https://b.example/on-topic?amp=1", "article_id": 4})
    now = datetime(2026, 12, 1, tzinfo=UTC)
    for url, kept in (("https://c.example/copy", 2), ("https://c.example/copy-4", 4)):
        batch.add("duplicates", {"url": url, "article_id": kept, "method": "hash", "found_at": now})
    store.write(batch)
    return store


def table_rows(store: Store) -> dict[str, list[tuple]]:
    return {
        table: store.query(f"SELECT * FROM {table} ORDER BY ALL")[1]
        for table in ("articles", "pages", "aliases", "duplicates", "leads")
    }


def test_the_article_its_rewrite_and_every_url_of_them_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = corpus(tmp_path / "c.duckdb")
    # Named by the URL of its copy, with a tracking parameter.
    code = main(["reject", "--db", str(store.path), "https://c.example/copy?utm_source=x"])
    assert code == 0
    assert store.query("SELECT id FROM articles ORDER BY id")[1] == [(1,), (4,)]
    assert store.query("SELECT article_id FROM pages ORDER BY ALL")[1] == [(1,), (4,)]
    assert store.query("SELECT url FROM aliases")[1] == [("https://b.example/on-topic?amp=1",)]
    assert store.query("SELECT url FROM duplicates")[1] == [("https://c.example/copy-4",)]
    state = store.load_state()
    gone = {OFF, OFF + "?amp=1", "https://b.example/rewritten", "https://c.example/copy"}
    assert state.rejected == dict.fromkeys(gone, 0.0)
    assert not gone & set(state.known_urls)
    out = capsys.readouterr().out
    assert f"2\t{OFF}\tT2" in out and "a rewrite of 2" in out
    assert "2 articles taken out" in out


@pytest.mark.parametrize(
    ("refs", "says"),
    [
        (["2", "https://a.example/never-stored"], "never-stored: no stored article"),
        (["1"], "is a seed"),
        (["seed:story.txt"], "is a seed"),
    ],
)
def test_a_bad_reference_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], refs: list[str], says: str
) -> None:
    store = corpus(tmp_path / "c.duckdb")
    before = table_rows(store)
    assert main(["reject", "--db", str(store.path), *refs]) == 2
    assert says in capsys.readouterr().err
    assert table_rows(store) == before


def test_a_dry_run_lists_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = corpus(tmp_path / "c.duckdb")
    before = table_rows(store)
    assert main(["reject", "--db", str(store.path), "--dry-run", OFF + "?amp=1"]) == 0
    assert table_rows(store) == before
    out = capsys.readouterr().out
    assert "https://b.example/rewritten" in out and "2 articles would be taken out" in out


def test_it_waits_for_no_crawl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = corpus(tmp_path / "c.duckdb")
    before = table_rows(store)
    crawl = RunLock(store.path)
    assert crawl.try_acquire()
    try:
        assert main(["reject", "--db", str(store.path), "2"]) == 75
    finally:
        crawl.release()
    assert "a crawl" in capsys.readouterr().err
    assert table_rows(store) == before
