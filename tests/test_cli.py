"""The ``collector`` command's user-facing behaviour: clear errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from collector.cli import main
from collector.commands.grow import budgets_left

PAGES = Path(__file__).parent / "fixtures" / "pages"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def a_page() -> Path:
    return sorted(PAGES.glob("*.html"))[0]


def test_extract_prints_clean_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(a_page()), "--explain")
    assert code == 0
    body, _, removed = out.partition("\nRemoved:")
    assert len(body.split()) > 50
    assert "[" in removed  # each removed line is listed with its reason


def test_extract_json_has_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(a_page()), "--json")
    assert code == 0
    fields = json.loads(out)
    assert {
        "title",
        "text",
        "published_at",
        "language",
        "canonical_url",
        "authors",
    } <= fields.keys()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "/no/such/page.html"], "cannot be read"),
        (["query", "--db", "/no/such/corpus.duckdb", "SELECT 1"], "no corpus here yet"),
        (["stats", "--db", "/no/such/corpus.duckdb"], "no corpus here yet"),
        (
            ["grow", "--db", "/tmp/x.duckdb", "--search", "bing=http://x/{query}"],
            "gdelt=URL or rss=URL",
        ),
        (["grow", "--db", "/tmp/x.duckdb", "--search", "gdelt=http://x/search"], "{query}"),
        (["grow", "--db", "/tmp/x.duckdb", "--set", "NOVALUE"], "NAME=VALUE"),
    ],
)
def test_bad_input_gets_a_clear_error(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["-5", "1.5", "lots"])
def test_a_memory_limit_that_is_no_whole_number_is_refused(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["grow", "--db", "/tmp/x.duckdb", "--max-memory", value])
    assert stopped.value.code == 2
    assert "whole number of megabytes" in capsys.readouterr().err


TIME, PAGE_COUNT, ITEM_COUNT = (
    "CLOSESPIDER_TIMEOUT", "CLOSESPIDER_PAGECOUNT", "CLOSESPIDER_ITEMCOUNT"
)  # fmt: skip


@pytest.mark.parametrize(
    ("limits", "spent", "left"),
    [  # (seconds, pages, items) of each
        ((0, 0, 0), (500.0, 90, 40), {}),  # no limits, nothing to carry
        ((3600, 0, 0), (1234.56, 90, 40), {TIME: 2365.4}),
        ((0, 1000, 50), (9.0, 90, 40), {PAGE_COUNT: 910, ITEM_COUNT: 10}),
        ((3600, 1000, 0), (3599.5, 90, 0), None),  # less than a second left
        ((3600, 1000, 0), (10.0, 1000, 0), None),  # the pages are spent
        ((0, 0, 50), (10.0, 90, 53), None),  # more items than the limit
    ],
)
def test_a_restarted_crawl_gets_the_limits_left(
    limits: tuple[float, ...], spent: tuple[float, ...], left: dict[str, float] | None
) -> None:
    names = (TIME, PAGE_COUNT, ITEM_COUNT)
    by_name = [dict(zip(names, values, strict=True)) for values in (limits, spent)]
    assert budgets_left(*by_name) == left


def test_extract_of_a_page_without_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    code, _, err = run(capsys, "extract", str(empty))
    assert code == 2
    assert "no article text" in err


def test_query_on_a_corrupt_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corrupt = tmp_path / "corpus.duckdb"
    corrupt.write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "query", "--db", str(corrupt), "SELECT 1")
    assert code == 2
    assert str(corrupt) in err
    assert corrupt.read_bytes() == b"garbage" * 1000  # nothing was overwritten


def test_extract_explain_shows_the_metadata_and_where_the_date_came_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = PAGES / "french_lire_aussi.html"
    code, out, _ = run(capsys, "extract", str(page), "--explain")
    assert code == 0
    metadata = out.partition("\nMetadata:\n")[2].partition("\nRemoved:")[0]
    assert "published_at: 2024-09-21T14:30:00+00:00  (from text)" in metadata
    assert "language: fr" in metadata
    assert "outlet: Le Quotidien des Caraïbes" in metadata
    code, out, err = run(capsys, "extract", str(page), "--json", "--explain")
    data = json.loads(out)
    assert (data["date_source"], data["language"]) == ("text", "fr")
    assert "[promo-link] Lire aussi" in err


def test_the_run_history_is_aligned_text() -> None:
    from datetime import datetime

    from collector.commands.stats import format_runs

    lines = format_runs(
        [
            (1, datetime(2024, 10, 1, 6, 0), datetime(2024, 10, 1, 6, 2, 5), "finished",
             66, 17, 1, 4, 0),
            (2, datetime(2024, 10, 1, 12, 0), None, "interrupted", None, None, None, None, None),
        ]
    )  # fmt: skip
    assert lines[0].split() == [
        "run", "started", "(UTC)", "took", "status", "pages", "added", "dups", "rejected", "errors"
    ]  # fmt: skip
    assert lines[1].split() == ["1", "2024-10-01", "06:00", "0:02:05", "finished",
                                "66", "17", "1", "4", "0"]  # fmt: skip
    assert lines[2].split() == ["2", "2024-10-01", "12:00", "interrupted"]
    column = lines[0].index("status")
    assert lines[1][column:].startswith("finished")
    assert lines[2][column:].startswith("interrupted")


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    from collector.store import Store

    db = tmp_path / "corpus.duckdb"
    with Store(db).connect():
        pass
    command = [sys.executable, "-m", "collector.cli", "query", "--db", str(db), "--format",
               "csv", "SELECT range FROM range(1000000)"]  # fmt: skip
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().strip() == b"range"
    reader.stdout.close()  # as `| head -1` does
    assert reader.wait(timeout=120) == 141
    assert reader.stderr.read() == b""
