"""``collector search``: rank articles by words (BM25 over title and text)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from collector.commands._common import CliError, add_db, db_path
from collector.commands.query import write_rows
from collector.search import SearchError, search
from collector.store import Store, StoreError


def positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "search",
        help="rank articles by words (BM25 over title and text)",
        description="Rank articles by words with BM25 over title and text. A crawl rebuilds "
        "the index when it ends (on a corpus of over COLLECTOR_SEARCH_REINDEX_MAX_ARTICLES, "
        "once it misses COLLECTOR_SEARCH_REINDEX_SHARE of them); --reindex rebuilds it now, "
        "and alone, without words, only rebuilds it. Rewrites are left out unless "
        "--include-rewrites.",
    )
    add_db(parser)
    parser.add_argument(
        "words", nargs="?", help='the words to look for, e.g. "kenyan police haiti"'
    )
    parser.add_argument("--limit", type=positive, default=10, metavar="N")
    parser.add_argument("--reindex", action="store_true", help="rebuild the index first")
    parser.add_argument("--include-rewrites", action="store_true")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = Store(db_path(args))
    if args.words is None:
        if not args.reindex:
            raise CliError('give the words to look for ("kenyan police"), or --reindex alone')
        try:
            indexed = store.refresh_search_index(force=True)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
        print(f"Search index rebuilt: {indexed} articles")
        return 0
    try:
        result = search(store, args.words, args.limit, args.include_rewrites, args.reindex)
    except SearchError as exc:
        raise CliError(str(exc)) from exc
    for warning in result.warnings:
        print(f"collector: warning: {warning}", file=sys.stderr)
    write_rows(result.columns, result.rows, args.format)
    return 0
