"""Exports read back by independent readers (json, pyarrow, csv, warcio), with row counts
equal to SQL counts written here under the same filters."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from corpus_data import TEXTS, TITLES, build_corpus
from warcio.archiveiterator import ArchiveIterator

from collector.cli import main
from collector.export import (
    MAX_NAME_BYTES,
    Selection,
    count,
    export,
    parse_when,
    safe_name,
    warc_count,
)
from collector.store import QueryError, Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_corpus(tmp_path_factory.mktemp("corpus") / "c.duckdb")


# Each case: a selection, and the ids it must export, written as SQL over the tables (a
# copy row carries the id of the article it copies; ``url`` tells the rows apart).
ARTICLE_ROWS = "SELECT id, url FROM articles a WHERE {}"
COPY_ROWS = (
    "SELECT a.id, d.url FROM duplicates d JOIN articles a ON a.id = d.article_id "
    "WHERE d.url NOT IN (SELECT url FROM articles) AND {}"
)
CASES = {
    "default": (Selection(), "a.rewrite_of IS NULL", None),
    "rewrites": (Selection(include_rewrites=True), "TRUE", None),
    "duplicates": (Selection(include_duplicates=True), "a.rewrite_of IS NULL", "same"),
    "everything": (Selection(include_duplicates=True, include_rewrites=True), "TRUE", "same"),
    "since-until": (
        Selection(since=datetime(2024, 10, 2), until=datetime(2024, 10, 2, 23, 59, 59)),
        "a.rewrite_of IS NULL AND a.published_at::DATE = DATE '2024-10-02'",
        None,
    ),
    "source": (
        Selection(sources=("B.example", "C Herald"), include_rewrites=True),
        "a.source IN ('b.example', 'c.example')",
        None,
    ),
    "min-relevance": (
        Selection(min_relevance=0.5, include_duplicates=True),
        "a.rewrite_of IS NULL AND (a.is_seed OR a.relevance >= 0.5)",
        "same",
    ),
    "where": (Selection(where="language = 'fr'"), "a.language = 'fr'", None),
}


def expected(store: Store, case: str) -> list[tuple[int, str]]:
    _, condition, copies = CASES[case]
    sql = ARTICLE_ROWS.format(condition)
    if copies:
        sql += " UNION ALL " + COPY_ROWS.format(condition)
    return sorted(store.query(sql)[1])


def test_the_fixture_has_what_the_cases_need(store: Store) -> None:
    assert len(expected(store, "default")) == 6
    assert len(expected(store, "everything")) == 7 + 3
    assert len(expected(store, "since-until")) == 2


@pytest.mark.parametrize("case", CASES)
def test_jsonl_read_back(store: Store, tmp_path: Path, case: str) -> None:
    out = tmp_path / "out.jsonl"
    written = export(store, "jsonl", out, CASES[case][0])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == len(rows) == count(store, CASES[case][0])
    assert sorted((r["id"], r["url"]) for r in rows) == expected(store, case)
    for row in rows:
        assert {"id", "url", "title", "text", "published_at", "source", "language"} <= row.keys()
        if row["duplicate_of"] is None:
            assert row["text"] == TEXTS[row["id"]] and row["title"] == TITLES[row["id"]]


@pytest.mark.parametrize("case", CASES)
def test_parquet_read_back(store: Store, tmp_path: Path, case: str) -> None:
    out = tmp_path / "out.parquet"
    written = export(store, "parquet", out, CASES[case][0])
    table = pq.read_table(out)
    assert written == table.num_rows
    ids = zip(table.column("id").to_pylist(), table.column("url").to_pylist(), strict=True)
    assert sorted(ids) == expected(store, case)


@pytest.mark.parametrize("case", CASES)
def test_csv_read_back(store: Store, tmp_path: Path, case: str) -> None:
    out = tmp_path / "out.csv"
    written = export(store, "csv", out, CASES[case][0])
    with out.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert written == len(rows)
    assert sorted((int(r["id"]), r["url"]) for r in rows) == expected(store, case)
    for row in rows:
        if not row["duplicate_of"]:
            assert row["text"] == TEXTS[int(row["id"])]  # commas and quotes survive
    article = [r for r in rows if r["id"] == "2" and not r["duplicate_of"]]
    if article:
        assert article[0]["published_at"] == "2024-10-01T09:00:00Z"
        assert article[0]["authors"] == "Reporter"


@pytest.mark.parametrize("case", CASES)
def test_txt_read_back(store: Store, tmp_path: Path, case: str) -> None:
    out = tmp_path / "txt"
    written = export(store, "txt", out, CASES[case][0])
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert written == len(manifest) == len(list(out.glob("*.txt")))
    assert sorted((e["id"], e["url"]) for e in manifest) == expected(store, case)
    for entry in manifest:
        body = (out / entry["file"]).read_text(encoding="utf-8")
        assert body == f"{TITLES[entry['id']]}\n\n{TEXTS[entry['id']]}\n"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", ["out.warc.gz", "out.warc"])
def test_warc_read_back(store: Store, tmp_path: Path, case: str, name: str) -> None:
    out = tmp_path / name
    written = export(store, "warc", out, CASES[case][0])
    with out.open("rb") as stream:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]
    assert records[0][0] == "warcinfo"
    pages = records[1:]
    assert {kind for kind, _, _ in pages} == {"resource"}
    # Pages exist for articles 2-6 only; copies have none.
    sql = ARTICLE_ROWS.format(CASES[case][1]) + " AND id IN (SELECT article_id FROM pages)"
    assert written == len(pages) == warc_count(store, CASES[case][0])
    assert sorted(url for _, url, _ in pages) == sorted(url for _, url in store.query(sql)[1])
    for _, url, payload in pages:
        article_id = int(url.rsplit("/", 1)[1])
        assert TEXTS[article_id].encode() in payload


def test_a_bad_where_is_a_query_error_and_leaves_no_file(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(QueryError, match="no_such_column"):
        export(store, "jsonl", out, Selection(where="no_such_column = 1"))
    assert list(tmp_path.iterdir()) == []


def test_a_where_cannot_smuggle_a_write(store: Store, tmp_path: Path) -> None:
    with pytest.raises(QueryError):
        export(store, "jsonl", tmp_path / "o.jsonl", Selection(where="TRUE); DELETE FROM runs; (1"))
    assert store.query("SELECT count(*) FROM runs")[1] == [(2,)]


def test_progress_is_reported_up_to_the_end(store: Store, tmp_path: Path) -> None:
    for fmt, out in (("txt", tmp_path / "t"), ("warc", tmp_path / "o.warc"),
                     ("jsonl", tmp_path / "o.jsonl")):  # fmt: skip
        seen: list[float] = []
        export(store, fmt, out, Selection(), seen.append)
        assert seen and seen == sorted(seen) and seen[-1] == 1.0


# -- file names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "a/b\\c", "..", "/", "Haïti : la mission kényane", "中文标题 / 新闻",
     "emoji 🎉 news", "", None, "CON", "x" * 500, "é" * 300, "\x00\n\t"],
)  # fmt: skip
def test_safe_names_stay_in_their_folder(tmp_path: Path, title: str | None) -> None:
    name = safe_name(7, title)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 20 < 255
    (tmp_path / name).write_text("ok")  # the file system takes it
    assert (tmp_path / name).read_text() == "ok"


def test_safe_names_keep_letters_of_any_script() -> None:
    assert safe_name(3, "Haïti : la mission kényane") == "000003-haïti-la-mission-kényane.txt"
    assert safe_name(4, "中文标题 / 新闻") == "000004-中文标题-新闻.txt"
    assert safe_name(5, "../../etc/passwd") == "000005-etc-passwd.txt"


def test_safe_names_are_unique_per_article() -> None:
    assert safe_name(1, "Same title") != safe_name(2, "Same title")
    assert safe_name(1, "Same title", "copy-ab12") != safe_name(1, "Same title")


# -- the command ----------------------------------------------------------------------------


def test_dates(tmp_path: Path) -> None:
    assert parse_when("2024-10-02", "--since") == datetime(2024, 10, 2)
    assert parse_when("2024-10-02", "--until", end_of_day=True) == datetime(
        2024, 10, 2, 23, 59, 59, 999999
    )
    assert parse_when("2024-10-02T12:00:00+03:00", "--since") == datetime(2024, 10, 2, 9)
    assert parse_when("2024-10-02T12:00:00Z", "--since") == datetime(2024, 10, 2, 12)


def test_export_command_filters_like_the_library(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    args = ["export", "--db", str(store.path), "--format", "jsonl", "--out", str(out),
            "--since", "2024-10-02", "--until", "2024-10-02"]  # fmt: skip
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("Exported 2 rows")
    assert sorted(json.loads(line)["id"] for line in out.read_text().splitlines()) == [3, 4]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--since", "yesterday"], "--since 'yesterday': not a date"),
        (["--since", "2024-10-05", "--until", "2024-10-01"], "is after --until"),
        (["--where", "nonsense = 1"], "--where 'nonsense = 1'"),
        (["--where", "1=1; DELETE FROM articles"], "--where"),
    ],
)
def test_export_command_bad_input(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
    message: str,
) -> None:  # fmt: skip
    args = ["export", "--db", str(store.path), "--format", "csv", "--out", str(tmp_path / "o")]
    assert main([*args, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert store.query("SELECT count(*) FROM articles")[1] == [(7,)]


def test_export_command_unwritable_output(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    args = ["export", "--db", str(store.path), "--format", "txt", "--out", str(blocker / "txt")]
    assert main(args) == 2
    assert "cannot write there" in capsys.readouterr().err


def run_export(store: Store, out: Path, stderr: int) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "collector.cli", "export", "--db", str(store.path),
               "--format", "txt", "--out", str(out)]  # fmt: skip
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=stderr, text=True, timeout=120)


def test_a_progress_bar_is_drawn_on_a_terminal_only(store: Store, tmp_path: Path) -> None:
    terminal, other_end = os.openpty()
    result = run_export(store, tmp_path / "a", other_end)
    os.close(other_end)
    drawn = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        drawn += chunk
    os.close(terminal)
    assert result.returncode == 0 and result.stdout.startswith("Exported 6 rows")
    assert "Exporting txt" in drawn.decode("utf-8", "replace")
    piped = run_export(store, tmp_path / "b", subprocess.PIPE)
    assert piped.returncode == 0 and piped.stderr == ""
