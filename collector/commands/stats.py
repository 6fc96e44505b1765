"""``collector stats``: corpus totals and the history of crawl runs."""

from __future__ import annotations

import argparse
from typing import Any

from collector.commands._common import add_db, db_path
from collector.commands.grow import print_summary
from collector.commands.query import write_rows
from collector.store import Store


def register(sub: Any) -> None:
    parser = sub.add_parser("stats", help="corpus totals and crawl runs")
    add_db(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = Store(db_path(args))
    print_summary(store, {})
    columns, rows = store.query(
        "SELECT id AS run, started_at, finished_at, status, pages_fetched, articles_added, "
        "duplicates, rejected, errors FROM runs ORDER BY id"
    )
    write_rows(columns, rows, "table")
    return 0
