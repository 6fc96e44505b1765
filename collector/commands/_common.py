"""What every command shares: the user-facing error and the corpus path."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


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
    from collector.paths import resolve_path  # imports Scrapy: only when needed

    return resolve_path(settings.COLLECTOR_DB)


def check_redis(settings: BaseSettings) -> None:
    """Fail with a clear message unless the crawl name is valid and Redis answers.

    Raises:
        CliError: the crawl name is invalid or the Redis at ``REDIS_URL`` cannot be reached.
    """
    from redis.exceptions import RedisError
    from scrapy_redis.connection import get_redis_from_settings

    from collector.distributed.keys import check_crawl_name

    try:
        check_crawl_name(settings.get("COLLECTOR_CRAWL"))
    except ValueError as exc:
        raise CliError(f"--crawl: {exc}") from exc
    url = settings.get("REDIS_URL")
    try:
        get_redis_from_settings(settings).ping()
    except (RedisError, ValueError) as exc:
        raise CliError(
            f"cannot reach Redis at {url} ({exc}); start redis-server there or fix --redis"
        ) from exc


def parse_settings(pairs: list[str]) -> dict[str, str]:
    """Parse ``-s NAME=VALUE`` options into setting overrides.

    Raises:
        CliError: a pair has no ``=``.
    """
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise CliError(f"--set {pair!r}: expected NAME=VALUE")
        overrides[name] = value
    return overrides
