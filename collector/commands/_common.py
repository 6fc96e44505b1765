"""What every command shares: the user-facing error and the corpus path."""

from __future__ import annotations

import argparse
from pathlib import Path


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def add_db(parser: argparse.ArgumentParser) -> None:
    """Add the ``--db`` option."""
    parser.add_argument("--db", help="corpus file (default: data/corpus.duckdb)")


def db_path(args: argparse.Namespace) -> Path:
    """The corpus file: ``--db`` resolved against the working folder, else the setting."""
    if args.db:
        return Path(args.db).expanduser().resolve()
    from collector import settings
    from collector.paths import resolve_path  # imports Scrapy: only when needed

    return resolve_path(settings.COLLECTOR_DB)
