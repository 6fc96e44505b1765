"""What every command shares: the user-facing error and the corpus path."""

from __future__ import annotations

import argparse
from pathlib import Path

from collector.paths import resolve_path


class CliError(Exception):
    """A user-facing error: printed as one line, exit code ``code`` (2: bad input)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def add_db(parser: argparse.ArgumentParser) -> None:
    """Add the ``--db`` option."""
    parser.add_argument("--db", help="corpus file (default: data/corpus.duckdb)")


def db_path(args: argparse.Namespace) -> Path:
    """The corpus file: ``--db`` resolved against the working folder, else the setting."""
    if args.db:
        return Path(args.db).expanduser().resolve()
    from collector import settings

    return resolve_path(settings.COLLECTOR_DB)
