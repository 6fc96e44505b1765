"""``collector query``: read-only SQL over the corpus."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from collector.commands._common import add_db, db_path
from collector.store import Store


def register(sub: Any) -> None:
    query = sub.add_parser(
        "query",
        help="run a read-only SQL query",
        description="Run SQL on a read-only connection: only SELECT, EXPLAIN and CALL are run. "
        "Works while a crawl runs; waits a few seconds if the crawl is writing a batch.",
    )
    add_db(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("sql")
    query.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    columns, rows = Store(db_path(args)).query(args.sql)
    write_rows(columns, rows, args.format)
    return 0


def write_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    """Print rows as a table, CSV or JSON lines."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        for row in rows:
            print(json.dumps(dict(zip(columns, row, strict=True)), default=str, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)
