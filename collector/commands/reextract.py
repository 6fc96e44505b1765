"""``collector reextract``: run the current extractor over the stored raw pages.

Nothing is fetched: each stored article's raw page (the ``pages`` table) is extracted
again with the outlet's learned template blocks, and the article's text, title, dates,
metadata, content hash and signature are rewritten when they changed, in batches of one
transaction each. An article whose page no longer yields text keeps what it had.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from collector.commands._common import CliError, add_db, db_path, parse_settings
from collector.store import Store


def register(sub: Any) -> None:
    parser = sub.add_parser("reextract", help="re-extract stored articles from their raw pages")
    add_db(parser)
    parser.add_argument("--source", metavar="HOST", help="only this outlet (the source column)")
    parser.add_argument("--since", metavar="DATE", help="only pages fetched on or after DATE")
    parser.add_argument("--dry-run", action="store_true", help="count the changes, write none")
    parser.add_argument("--list", action="store_true", help="print each changed article")
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE",
        help="a COLLECTOR_TEMPLATE_* or COLLECTOR_STORE_BATCH setting",
    )  # fmt: skip
    parser.set_defaults(func=run)


def parse_since(value: str | None) -> datetime | None:
    """``--since``: an ISO date or date-time (UTC unless it gives its zone)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CliError(
            f"--since {value!r}: not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def project_settings(pairs: list[str]) -> Any:
    """The project's Scrapy settings with ``NAME=VALUE`` overrides."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("collector.settings", priority="project")
    settings.setdict(parse_settings(pairs), priority="cmdline")
    return settings


def outlet_templates(store: Store, settings: Any) -> Callable[[str], frozenset[str]]:
    """Each outlet's learned template blocks, read once per outlet."""
    from collector.boilerplate import template_blocks
    from pipelines.extract import learn_rule

    rule = learn_rule(settings)
    cache: dict[str, frozenset[str]] = {}

    def templates(source: str) -> frozenset[str]:
        if rule is None or not source:
            return frozenset()
        if source not in cache:
            outlet, blocks = store.template_counts(source)
            cache[source] = template_blocks(blocks, outlet, rule)
        return cache[source]

    return templates


def run(args: argparse.Namespace) -> int:
    from collector.reextraction import reextract

    settings = project_settings(args.set)
    store = Store(db_path(args))
    ids = store.reextract_ids(args.source, parse_since(args.since))
    if not ids and args.source:
        raise CliError(
            f"--source {args.source!r}: no stored page of this outlet"
            f"{' since ' + args.since if args.since else ''}; the outlets are in "
            '`collector query "SELECT DISTINCT source FROM articles"`'
        )

    def listed(url: str, fields: list[str]) -> None:
        print(f"  {url}  ({', '.join(fields)})")

    counts = reextract(
        store, ids, outlet_templates(store, settings), settings.getint("COLLECTOR_STORE_BATCH"),
        write=not args.dry_run, changed=listed if args.list else None,
    )  # fmt: skip
    verb = "would change" if args.dry_run else "changed"
    print(
        f"Re-extracted {len(ids)} articles from their stored pages: {counts['changed']} {verb}, "
        f"{counts['unchanged']} unchanged, {counts['empty']} without article text now "
        "(left as they were)"
    )
    return 0
