from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from collector.store import Batch, Store, StoreError, compress_html, decompress_html, utc_naive


def article(article_id: int, url: str, **extra) -> dict:
    row = {"id": article_id, "url": url, "title": f"T{article_id}", "text": f"text {article_id}",
           "is_seed": False, "authors": ("A",), "tags": [], "content_hash": f"h{article_id}",
           "signature": b"sig", "published_at": datetime(2024, 10, 1, 12, tzinfo=UTC)}  # fmt: skip
    row.update(extra)
    return row


def test_batch_roundtrip_and_state(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("articles", article(1, "https://a.example/1"))
    batch.add("aliases", {"url": "https://a.example/1?amp", "article_id": 1})
    store.write(batch)
    state = store.load_state()
    assert state.next_id == 2
    assert state.known_urls == {"https://a.example/1": 1, "https://a.example/1?amp": 1}
    assert state.hashes == {"h1": 1}
    [block] = store.signature_blocks()
    assert block.ids.tolist() == [1]
    assert block.data[block.offsets[0] : block.offsets[1]].tobytes() == b"sig"
    assert store.text_of(1) == "text 1"


def test_timestamps_are_stored_in_utc(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    eat = timezone(timedelta(hours=3))
    batch = Batch()
    batch.add(
        "articles",
        article(1, "https://a.example/1", published_at=datetime(2024, 10, 1, 12, tzinfo=eat)),
    )
    store.write(batch)
    _, rows = store.query("SELECT published_at FROM articles")
    assert rows == [(datetime(2024, 10, 1, 9, 0),)]


def test_a_failed_batch_writes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    first = Batch()
    first.add("articles", article(1, "https://a.example/1"))
    store.write(first)
    broken = Batch()
    broken.add("aliases", {"url": "https://a.example/2", "article_id": 2})
    broken.add("articles", article(2, "https://a.example/2", text=None))  # NOT NULL violated
    with pytest.raises(StoreError, match="batch of 2 rows"):
        store.write(broken)
    _, rows = store.query("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM aliases)")
    assert rows == [(1, 0)]


def test_rewriting_a_batch_is_idempotent(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("articles", article(1, "https://a.example/1"))
    store.write(batch)
    store.write(batch)
    assert store.query("SELECT count(*) FROM articles")[1] == [(1,)]


def test_reading_a_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no corpus here yet"):
        Store(tmp_path / "missing.duckdb").query("SELECT 1")


def test_a_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="corrupt.duckdb"):
        Store(path).load_state()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.load_state()
    with store.connect() as con:
        con.execute("UPDATE schema_info SET version = 99")
    with pytest.raises(StoreError, match="newer release"):
        store.load_state()


def test_runs_are_recorded(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.start_run(1, {"seeds": "seeds"})
    store.finish_run(1, "finished", {"pages_fetched": 7, "articles_added": 3})
    _, rows = store.query(
        "SELECT status, pages_fetched, articles_added, finished_at IS NOT NULL FROM runs"
    )
    assert rows == [("finished", 7, 3, True)]


def test_html_compression_roundtrip() -> None:
    html = "<p>Kenya’s police</p>" * 100
    blob = compress_html(html)
    assert len(blob) < len(html) / 5
    assert decompress_html(blob) == html


def test_utc_naive() -> None:
    assert utc_naive(None) is None
    assert utc_naive(datetime(2024, 1, 1, 3, tzinfo=timezone(timedelta(hours=3)))) == datetime(
        2024, 1, 1
    )


def test_template_counts_add_up_across_writes(tmp_path: Path) -> None:
    from collector.boilerplate import BlockCount

    store = Store(tmp_path / "c.duckdb")
    t0, t1 = datetime(2024, 9, 1, tzinfo=UTC), datetime(2024, 9, 2, tzinfo=UTC)
    first = {
        "x.example": (
            BlockCount("x.example", 2, 1, t0, t0),
            {"footer": BlockCount("Footer", 2, 1, t0, t0)},
        )
    }
    later = {
        "x.example": (
            BlockCount("x.example", 1, 0, t1, t1),
            {
                "footer": BlockCount("FOOTER", 1, 0, t1, t1),
                "other": BlockCount("Other", 1, 0, t1, t1),
            },
        )
    }
    store.add_template_counts(first)
    store.add_template_counts(later)
    outlet, blocks = store.template_counts("x.example")
    assert (outlet.pages, outlet.offtopic_pages, outlet.first_seen, outlet.last_seen) == (
        3,
        1,
        t0,
        t1,
    )
    assert blocks["footer"] == BlockCount("Footer", 3, 1, t0, t1)  # first spelling kept
    assert blocks["other"].pages == 1
    assert store.template_counts("unknown.example") == (BlockCount("unknown.example"), {})


def test_reextract_reads_pages_and_updates_articles_in_place(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    for i, day in ((1, 1), (2, 5)):
        url = f"https://{'a' if i == 1 else 'b'}.example/{i}"
        batch.add("articles", article(i, url, source=url.split("/")[2]))
        batch.add(
            "pages",
            {
                "article_id": i,
                "url": url,
                "fetched_at": datetime(2024, 10, day, tzinfo=UTC),
                "html_zlib": compress_html(f"<p>page {i}</p>"),
            },
        )
    store.write(batch)
    assert store.reextract_ids() == [1, 2]
    assert store.reextract_ids(source="b.example") == [2]
    assert store.reextract_ids(since=datetime(2024, 10, 3, tzinfo=UTC)) == [2]
    [page] = store.stored_pages([1])
    assert (page["html"], page["page_url"], page["text"]) == (
        "<p>page 1</p>",
        "https://a.example/1",
        "text 1",
    )
    store.update_articles(
        [
            {
                "id": 1,
                "title": "New",
                "text": "new text",
                "authors": ("B", "C"),
                "tags": ["t"],
                "published_at": datetime(2024, 9, 30, tzinfo=UTC),
            }
        ]
    )
    _, rows = store.query(
        "SELECT id, title, text, authors, tags, published_at, url FROM articles ORDER BY id"
    )
    assert rows[0] == (
        1,
        "New",
        "new text",
        ["B", "C"],
        ["t"],
        datetime(2024, 9, 30),
        "https://a.example/1",
    )
    assert rows[1][1:3] == ("T2", "text 2")  # the other article is untouched


def test_a_failed_update_changes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("articles", article(1, "https://a.example/1"))
    batch.add("articles", article(2, "https://a.example/2"))
    store.write(batch)
    with pytest.raises(StoreError, match="updating 2 articles failed"):
        store.update_articles([{"id": 1, "text": "fine"}, {"id": 2, "text": None}])  # NOT NULL
    _, rows = store.query("SELECT text FROM articles ORDER BY id")
    assert rows == [("text 1",), ("text 2",)]


def test_a_schema_1_corpus_is_upgraded_and_keeps_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collector import store as store_module

    path = tmp_path / "old.duckdb"
    with monkeypatch.context() as patch:  # a corpus made by the first release
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
        patch.setattr(store_module, "SCHEMA_VERSION", 1)
        batch = Batch()
        batch.add("articles", article(1, "https://a.example/1", text="kept"))
        Store(path).write(batch)
        assert Store(path).query("SELECT version FROM schema_info")[1] == [(1,)]
    store = Store(path)
    assert store.load_state().next_id == 2
    assert store.query("SELECT version FROM schema_info")[1] == [(store_module.SCHEMA_VERSION,)]
    assert store.query("SELECT text FROM articles")[1] == [("kept",)]
    assert store.query("SELECT count(*) FROM outlet_blocks")[1] == [(0,)]
