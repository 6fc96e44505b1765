"""``collector export``: the corpus as JSONL, Parquet or text files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from collector.commands._common import add_db, db_path
from collector.export import FORMATS, export
from collector.store import Store


def register(sub: Any) -> None:
    parser = sub.add_parser("export", help="export the corpus")
    add_db(parser)
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", required=True, help="output file (a folder for txt)")
    parser.add_argument("--exclude-rewrites", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser().resolve()
    count = export(Store(db_path(args)), args.format, out, not args.exclude_rewrites)
    print(f"Exported {count} articles to {out}")
    return 0
