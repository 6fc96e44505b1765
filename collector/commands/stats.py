"""``collector stats``: corpus totals and the history of crawl runs."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from collector.commands._common import CliError, add_db, db_path
from collector.commands.grow import print_summary
from collector.store import Store

RUNS_SQL = (
    "SELECT id, started_at, finished_at, status, pages_fetched, articles_added, duplicates, "
    "rejected, errors FROM runs ORDER BY id"
)
_HEADER = ("run", "started (UTC)", "took", "status", "pages", "added", "dups", "rejected", "errors")
_WIDTHS = (5, 16, 8, 12, 6, 6, 5, 8, 6)


def register(sub: Any) -> None:
    parser = sub.add_parser("stats", help="corpus totals and crawl runs")
    add_db(parser)
    parser.add_argument("--run", type=int, metavar="N", help="print the crawl stats of run N")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = Store(db_path(args))
    if args.run is not None:
        _, found = store.query("SELECT stats FROM runs WHERE id = ?", [args.run])
        if not found:
            raise CliError(f"run {args.run}: no such run in {store.path}; see `collector stats`")
        for name, value in sorted(json.loads(found[0][0] or "{}").items()):
            print(f"{name}: {value}")
        return 0
    print_summary(store)
    print("Runs")
    for line in format_runs(store.query(RUNS_SQL)[1]):
        print(f"  {line}")
    return 0


def format_runs(rows: list[tuple[Any, ...]]) -> list[str]:
    """The run history as aligned text lines, a header first.

    A run that has not finished shows no duration: it is running, or was interrupted.
    """
    lines = [_line(_HEADER)]
    for run_id, started, finished, status, *counts in rows:
        cells = (run_id, _minute(started), _took(started, finished), status, *counts)
        lines.append(_line(tuple("" if c is None else str(c) for c in cells)))
    return lines


def _line(cells: tuple[Any, ...]) -> str:
    return " ".join(
        f"{c:<{w}}" if i in (1, 3) else f"{c:>{w}}"
        for i, (c, w) in enumerate(zip(cells, _WIDTHS, strict=True))
    ).rstrip()


def _minute(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _took(started: datetime | None, finished: datetime | None) -> str:
    if not (started and finished):
        return ""
    seconds = int((finished - started).total_seconds())
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
