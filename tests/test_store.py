import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from corpus_data import build_corpus, from_another_process

import collector.store as store_module
from collector.store import (
    MIGRATIONS,
    ROW_GROUP_SIZE,
    Batch,
    QueryError,
    SearchUnavailable,
    Store,
    StoreError,
    compress_html,
    decompress_html,
    utc_naive,
)


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


def test_an_article_or_page_already_stored_is_not_stored_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("articles", article(1, "https://a.example/1"))
    batch.add("pages", {"article_id": 1, "url": "https://a.example/1", "html_zlib": b"x"})
    store.write(batch)
    batch = Batch()
    batch.add("articles", article(1, "https://a.example/other", title="same id"))
    batch.add("articles", article(2, "https://a.example/1", title="same URL"))
    batch.add("articles", article(3, "https://a.example/3"))
    batch.add("articles", article(3, "https://a.example/3", title="twice in the batch"))
    batch.add("articles", article(4, "https://a.example/3", title="URL twice in the batch"))
    batch.add("pages", {"article_id": 1, "url": "https://a.example/1", "html_zlib": b"again"})
    store.write(batch)
    assert store.query("SELECT id, url, title FROM articles ORDER BY id")[1] == [
        (1, "https://a.example/1", "T1"),
        (3, "https://a.example/3", "T3"),
    ]
    assert store.query("SELECT article_id, html_zlib FROM pages")[1] == [(1, b"x")]


def test_texts_and_pages_carry_no_index(tmp_path: Path) -> None:
    """An index would make DuckDB rewrite the table's last row group at every write."""
    store = Store(tmp_path / "c.duckdb")
    store.load_state()
    keyed = store.query(
        "SELECT DISTINCT table_name FROM duckdb_constraints() "
        "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY 1"
    )[1]
    assert ("aliases",) in keyed and ("runs",) in keyed
    assert ("articles",) not in keyed and ("pages",) not in keyed


def test_row_groups_stay_small_so_a_write_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    """DuckDB rewrites or merges into a table's last row group when it writes a batch."""
    store = Store(tmp_path / "c.duckdb")
    for start in range(0, 3 * ROW_GROUP_SIZE, ROW_GROUP_SIZE // 2):
        batch = Batch()
        for i in range(start, start + ROW_GROUP_SIZE // 2):
            batch.add("articles", article(i, f"https://a.example/{i}"))
            page = {"article_id": i, "url": f"https://a.example/{i}", "html_zlib": b"x"}
            batch.add("pages", page)
        store.write(batch)
    for table in ("articles", "pages"):
        sizes = store.query(
            f"SELECT max(count) FROM pragma_storage_info('{table}') GROUP BY row_group_id"
        )[1]
        assert len(sizes) >= 3 and max(sizes) <= (ROW_GROUP_SIZE,), table
    assert store.query("SELECT count(*) FROM articles")[1] == [(3 * ROW_GROUP_SIZE,)]


def test_a_batch_committed_but_not_checkpointed_is_not_written_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """DuckDB can fail the checkpoint after a durable COMMIT (short of memory or disk; here
    its debug setting makes every checkpoint fail): the batch is in the corpus then, and
    must not come back as a failure to be retried."""
    failing = {**store_module._CONFIG, "debug_checkpoint_abort": "before_header"}
    monkeypatch.setattr(store_module, "_CONFIG", failing)
    store = Store(tmp_path / "c.duckdb")
    for k in range(4):
        batch = Batch()
        for i in range(k * 50, k * 50 + 50):
            url = f"https://a.example/{i}"
            batch.add("articles", article(i, url))
            batch.add("duplicates", {"url": f"{url}/copy", "article_id": i, "method": "hash"})
        for _attempt in range(3):  # as the store pipeline does, a failed batch is retried
            try:
                store.write(batch)
                break
            except StoreError:
                pass
    [counts] = store.query(
        "SELECT (SELECT count(*) FROM articles), count(*), count(DISTINCT url) FROM duplicates"
    )[1]
    assert counts == (200, 200, 200)
    assert "to be checkpointed later" in caplog.text


def write_batches(store: Store, batches: int) -> None:
    """A run's worth of batches of 200 articles with their pages."""
    store.start_run(1, {})
    for k in range(batches):
        batch = Batch()
        for i in range(k * 200, k * 200 + 200):
            url = f"https://a.example/{i}"
            batch.add("articles", article(i, url, text=f"Article {i} " * 50))
            batch.add("pages", {"article_id": i, "url": url, "html_zlib": b"x" * 500})
        store.write(batch)


def test_a_run_end_merges_the_row_groups_its_batches_appended(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    write_batches(store, 12)

    def row_groups() -> int:
        sql = "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('articles')"
        return int(store.query(sql)[1][0][0])

    before = store.query("SELECT count(*), sum(hash(id, url, text)) FROM articles")[1]
    assert row_groups() >= 12  # a batch merges nothing: it appends its own
    store.finish_run(1, "finished", {"articles_added": 2400})
    assert row_groups() <= 2  # 2,400 rows: groups of up to 2,048
    assert store.query("SELECT count(*), sum(hash(id, url, text)) FROM articles")[1] == before
    assert store.query("SELECT status FROM runs")[1] == [("finished",)]


def test_a_merge_short_of_memory_keeps_every_row_and_the_run_record(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(tmp_path / "c.duckdb", compact_memory_limit="1MB")
    write_batches(store, 3)
    store.finish_run(1, "finished", {"articles_added": 600})
    assert "row groups not merged" in caplog.text
    assert store.query("SELECT count(*) FROM articles")[1] == [(600,)]
    assert store.query("SELECT status FROM runs")[1] == [("finished",)]


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


def test_a_batch_adds_its_template_counts_in_its_transaction(tmp_path: Path) -> None:
    from collector.boilerplate import BlockCount, NewCounts

    store = Store(tmp_path / "c.duckdb")
    t0 = datetime(2024, 9, 1, tzinfo=UTC)

    def learned(pages: int, forgotten: frozenset[str] = frozenset()) -> dict[str, NewCounts]:
        blocks = {"footer": BlockCount("Footer", pages, 0, t0, t0)} if pages else {}
        return {"x.example": NewCounts(BlockCount("x.example", pages, 0, t0, t0), blocks,
                                       forgotten)}  # fmt: skip

    batch = Batch()
    batch.add("articles", article(1, "https://a.example/1"))
    batch.templates += [learned(2), learned(3)]
    store.write(batch)
    outlet, blocks = store.template_counts("x.example")
    assert (outlet.pages, blocks["footer"].pages) == (5, 5)
    broken = Batch()  # its rows go in, then its second counts break a NOT NULL column
    broken.add("articles", article(2, "https://a.example/2"))
    nameless = {"x.example": NewCounts(BlockCount("x.example", 1), {"new": BlockCount(None, 1)})}
    broken.templates += [learned(4), nameless]
    with pytest.raises(StoreError, match="batch of"):
        store.write(broken)
    assert store.template_counts("x.example") == (outlet, blocks)
    assert store.query("SELECT id FROM articles")[1] == [(1,)]
    only_counts = Batch()
    only_counts.templates.append(learned(0, frozenset({"footer"})))
    assert len(only_counts)  # a flush writes it
    store.write(only_counts)
    assert store.template_counts("x.example")[1] == {}


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


def test_an_old_corpus_is_migrated_with_its_data(tmp_path: Path) -> None:
    import duckdb

    from collector.store import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "c.duckdb"
    con = duckdb.connect(str(path))
    con.execute(MIGRATIONS[0])
    con.execute("CREATE TABLE schema_info (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_info VALUES (1)")
    con.execute(
        "INSERT INTO leads (url, origin, status) VALUES ('https://a.example/1', 'seed', 'stored')"
    )
    con.close()
    store = Store(path)
    assert store.load_profile().grown == {}
    _, rows = store.query("SELECT url, lead_score FROM leads")
    assert rows == [("https://a.example/1", None)]
    assert store.query("SELECT version FROM schema_info")[1] == [(SCHEMA_VERSION,)]


def test_profile_is_saved_and_grown_terms_reloaded(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.save_profile(3, [("haiti", 11.0, "seed"), ("pont-sonde", 2.5, "grown")])
    assert store.load_profile().grown == {"pont-sonde": 2.5}
    store.save_profile(4, [("haiti", 11.0, "seed")])
    assert store.load_profile().grown == {}
    assert store.query("SELECT term, run_id FROM profile_terms")[1] == [("haiti", 4)]
    store.save_profile(5, [])  # seeds without topical words: an empty profile
    assert store.query("SELECT count(*) FROM profile_terms")[1] == [(0,)]


def test_profile_edits_last_one_wins_and_reset_forgets(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.save_profile(1, [("haiti", 11.0, "seed"), ("massacre", 2.0, "grown")])
    store.edit_profile(added=["conille", "cholera"])
    store.edit_profile(excluded=["cholera"])
    state = store.load_profile()
    assert state.added == ("conille",) and state.excluded == ("cholera",)
    store.edit_profile(added=["pont-sonde"], reset=True)
    state = store.load_profile()
    assert state.added == ("pont-sonde",) and state.excluded == () and state.grown == {}
    assert store.query("SELECT term FROM profile_terms")[1] == [("haiti",)]


def test_relevant_texts_of_a_run(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("articles", article(1, "https://a.example/1", run_id=2, relevance=0.4))
    batch.add("articles", article(2, "https://a.example/2", run_id=2, relevance=0.1))
    batch.add("articles", article(3, "https://a.example/3", run_id=1, relevance=0.5))
    batch.add("articles", article(4, "seed:x", run_id=2, relevance=0.9, is_seed=True))
    batch.add("articles", article(5, "https://a.example/5", run_id=2, relevance=0.5, rewrite_of=1))
    store.write(batch)
    assert store.relevant_texts(2, 0.3) == ["T1\ntext 1"]
    batch = Batch()
    batch.add("articles", article(6, "https://a.example/6", run_id=2, relevance=0.8))
    batch.add("articles", article(7, "https://a.example/7", run_id=2, relevance=0.6))
    store.write(batch)
    assert store.relevant_texts(2, 0.3) == ["T6\ntext 6", "T7\ntext 7", "T1\ntext 1"]
    assert store.relevant_texts(2, 0.3, limit=2) == ["T6\ntext 6", "T7\ntext 7"]


# -- schema versions and migrations ---------------------------------------------------------

TABLES = ("articles", "pages", "aliases", "duplicates", "leads", "runs")


def contents(store: Store, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every table's rows (only the given columns: those an older schema had)."""
    return {
        t: store.query(f"SELECT {', '.join(columns[t]) if columns else '*'} FROM {t} ORDER BY ALL")[
            1
        ]
        for t in TABLES
    }


def columns_of(store: Store) -> dict[str, list[str]]:
    return {t: store.query(f"SELECT * FROM {t} LIMIT 0")[0] for t in TABLES}


@pytest.mark.parametrize("older", [1, 2, 3, 4, 5])
def test_an_older_corpus_opens_in_this_release_without_losing_anything(
    tmp_path: Path, older: int
) -> None:
    path = tmp_path / "old.duckdb"
    old = build_corpus(path, migrations=MIGRATIONS[:older])
    assert old.schema_version() == older
    before, columns = contents(old), columns_of(old)
    assert all(before.values())
    current = Store(path)
    assert contents(current, columns) == before  # a reader upgrades the file first
    assert current.schema_version() == len(MIGRATIONS) == 6
    assert current.query("SELECT count(*) FROM articles_per_run")[1] == [(2,)]
    state = current.load_state()  # and a writer finds it current
    assert state.next_id == 8


def test_a_failed_migration_leaves_the_corpus_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = build_corpus(path, migrations=MIGRATIONS[:1])
    before, columns = contents(old), columns_of(old)
    broken = (*MIGRATIONS, "ALTER TABLE articles ADD COLUMN x INT; SELECT * FROM no_such_table;")
    with pytest.raises(StoreError, match=f"upgrading the schema to version {len(broken)} failed"):
        Store(path, migrations=broken).load_state()
    assert contents(Store(path), columns) == before
    assert Store(path).schema_version() == len(MIGRATIONS)
    assert "x" not in Store(path).query("SELECT * FROM articles LIMIT 0")[0]


def test_views_per_outlet_day_and_run(tmp_path: Path) -> None:
    store = build_corpus(tmp_path / "c.duckdb")
    assert store.query("SELECT source, articles, rewrites FROM articles_per_outlet")[1] == [
        ("a.example", 2, 0), ("c.example", 2, 0), ("b.example", 1, 1), ("seed", 1, 0),
    ]  # fmt: skip
    assert store.query("SELECT day, articles, outlets FROM articles_per_day")[1] == [
        (date(2024, 10, 1), 1, 1), (date(2024, 10, 2), 2, 2), (date(2024, 10, 5), 1, 1),
        (None, 2, 2),
    ]  # fmt: skip
    runs = store.query(
        "SELECT run_id, articles_added, rewrites, duplicates, rejected, corpus_size "
        "FROM articles_per_run"
    )[1]
    assert runs == [(1, 4, 0, 2, 1, 4), (2, 2, 1, 2, 2, 6)]
    assert store.query("SELECT count(*) FROM corpus")[1] == [(6,)]


# -- readers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM articles",
        "UPDATE articles SET title = 'x'",
        "INSERT INTO runs (id, started_at, status) VALUES (9, now(), 'x')",
        "DROP TABLE articles",
        "CREATE TABLE x (a INT)",
        "SELECT 1; DELETE FROM articles",
        "COPY articles TO '{tmp}/stolen.csv'",
        "ATTACH '{tmp}/other.duckdb' AS other",
        "CHECKPOINT; DELETE FROM articles",
    ],
)
def test_a_reader_refuses_statements_that_write(tmp_path: Path, sql: str) -> None:
    store = build_corpus(tmp_path / "c.duckdb")
    before = contents(store)
    with pytest.raises(QueryError, match="read-only"):
        store.query(sql.format(tmp=tmp_path))
    assert contents(store) == before
    assert not (tmp_path / "stolen.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_a_reader_runs_queries_describe_and_explain(tmp_path: Path) -> None:
    store = build_corpus(tmp_path / "c.duckdb")
    assert store.query("WITH x AS (SELECT id FROM corpus) SELECT count(*) FROM x")[1] == [(6,)]
    assert store.query("DESCRIBE articles")[1]
    assert store.query("EXPLAIN SELECT * FROM corpus")[1]


HOLD = """
import sys, time
from pathlib import Path
from collector.store import Store
with Store(Path(sys.argv[1])).connect():
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_for_writing(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that keeps the corpus open for writing for ``seconds``."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    return holder


def test_a_reader_waits_for_a_writer_that_lets_go(tmp_path: Path) -> None:
    store = build_corpus(tmp_path / "c.duckdb")
    holder = hold_for_writing(store.path, 1.0)
    try:
        assert Store(store.path, read_timeout=20).query("SELECT count(*) FROM corpus")[1] == [(6,)]
    finally:
        holder.wait(timeout=30)


def test_a_reader_explains_a_writer_that_does_not_let_go(tmp_path: Path) -> None:
    store = build_corpus(tmp_path / "c.duckdb")
    holder = hold_for_writing(store.path, 60)
    try:
        with pytest.raises(StoreError, match="writing to the corpus for 1s") as caught:
            Store(store.path, read_timeout=1).query("SELECT 1")
        assert "try again" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_the_facts_reader_stays_open_for_readers_and_gives_way_to_writes(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("articles", article(1, "https://a.example/1"))
    store.write(batch)
    assert store.article_facts(1)["url"] == "https://a.example/1"
    # Held between calls: another process reads beside it, but cannot write.
    assert from_another_process(store.path, "read") == "[(1,)]\n"
    assert "has held the database" in from_another_process(store.path, "write")
    batch = Batch()
    batch.add("articles", article(2, "https://a.example/2", text="second"))
    store.write(batch)  # the same process: the reader is closed first, then read afresh
    assert store.article_facts(2)["text"] == "second"
    store.release()
    assert from_another_process(store.path, "write") == "written\n"


# -- search index ---------------------------------------------------------------------------


def test_the_search_index_is_built_beside_the_corpus_and_only_when_needed(tmp_path: Path) -> None:
    store = build_corpus(tmp_path / "c.duckdb")
    assert store.search_index_status().indexed is None
    assert store.refresh_search_index() == 7
    assert store.index_path == tmp_path / "c.search.duckdb" and store.index_path.exists()
    built = store.index_path.stat().st_mtime_ns
    assert store.refresh_search_index() == 7
    assert store.index_path.stat().st_mtime_ns == built  # up to date: not rebuilt
    batch = Batch()
    batch.add("articles", article(8, "https://a.example/8"))
    store.write(batch)
    assert store.search_index_status().missing == 1
    assert store.refresh_search_index() == 8
    assert store.search_index_status().missing == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb", "c.search.duckdb"]


def test_without_the_extension_the_index_is_not_built_and_nothing_changes(tmp_path: Path) -> None:
    store = build_corpus(tmp_path / "c.duckdb")
    before = contents(store)
    broken = Store(store.path, fts_extension=tmp_path / "missing" / "fts.duckdb_extension")
    with pytest.raises(SearchUnavailable, match="extension"):
        broken.refresh_search_index()
    assert not store.index_path.exists()
    assert contents(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb"]


def test_template_counts_add_up_across_writes(tmp_path: Path) -> None:
    from collector.boilerplate import BlockCount, NewCounts

    store = Store(tmp_path / "c.duckdb")
    t0, t1 = datetime(2024, 9, 1, tzinfo=UTC), datetime(2024, 9, 2, tzinfo=UTC)
    first = {
        "x.example": NewCounts(
            BlockCount("x.example", 2, 1, t0, t0),
            {"footer": BlockCount("Footer", 2, 1, t0, t0)},
        )
    }
    later = {
        "x.example": NewCounts(
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


def test_forgotten_template_counts_are_deleted_before_new_ones_are_added(tmp_path: Path) -> None:
    from collector.boilerplate import BlockCount, NewCounts

    store = Store(tmp_path / "c.duckdb")
    t0 = datetime(2024, 9, 1, tzinfo=UTC)
    store.add_template_counts(
        {
            "x.example": NewCounts(
                BlockCount("x.example", 40, 0, t0, t0),
                {k: BlockCount(k, 3, 0, t0, t0) for k in ("rare", "again", "kept")},
            )
        }
    )
    store.add_template_counts(
        {
            "x.example": NewCounts(
                BlockCount("x.example", 1, 0, t0, t0),
                {"again": BlockCount("again", 1, 0, t0, t0)},
                frozenset({"rare", "again", "never stored"}),
            )
        }
    )
    _, blocks = store.template_counts("x.example")
    assert {k: b.pages for k, b in blocks.items()} == {"again": 1, "kept": 3}


def test_many_forgotten_template_counts_are_deleted_in_one_statement(
    tmp_path: Path, imports_tried: Counter[str]
) -> None:
    from collector.boilerplate import BlockCount, NewCounts

    store = Store(tmp_path / "c.duckdb")
    t0 = datetime(2024, 9, 1, tzinfo=UTC)
    keys = [f"line {i}" for i in range(400)]
    counts = {k: BlockCount(k, 1, 0, t0, t0) for k in keys}
    store.add_template_counts(
        {"x.example": NewCounts(BlockCount("x.example", 1, 0, t0, t0), counts)}
    )
    imports_tried.clear()
    forget = NewCounts(BlockCount("x.example", 1, 0, t0, t0), {}, frozenset(keys[:300]))
    store.add_template_counts({"x.example": forget})
    assert sorted(store.template_counts("x.example")[1]) == sorted(keys[300:])
    assert sum(imports_tried.values()) < 50, imports_tried.most_common(3)


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
