"""``collector reextract``: run the current extractor over the stored raw pages.

Nothing is fetched: each stored article's raw page (the ``pages`` table) is extracted
again with the outlet's learned template blocks, and the article's text, title, dates,
metadata, content hash and signature are rewritten when they changed, in batches of one
transaction each. An article whose page no longer yields text keeps what it had.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from collector.commands._common import CliError, add_db, db_path, parse_settings
from collector.dates import announced_time
from collector.store import REEXTRACT_SCHEMA, Store, utc_naive

if TYPE_CHECKING:
    from collector.extraction import Article

# What counts as a change: any column, the content hash and signature too, which follow the
# text and also the way its words are cut (an article stored before Hindi words kept their
# vowel signs gets the signature a copy of it is compared by now).
COMPARED = tuple(name for name in REEXTRACT_SCHEMA.names if name != "id")


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


def new_values(article: Article) -> dict[str, Any]:
    """The stored form of an extracted article's rewritable columns (except ``id``)."""
    from collector.dedup import content_hash, signature

    return {
        "title": article.title, "text": article.text,
        "published_at": utc_naive(article.published_at), "date_source": article.date_source,
        "modified_at": utc_naive(article.modified_at), "outlet": article.outlet,
        "language": article.language, "authors": list(article.authors),
        "description": article.description, "tags": list(article.tags),
        "content_hash": content_hash(article.text), "signature": signature(article.text),
    }  # fmt: skip


def changed_fields(stored: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Names of the compared columns whose value differs (None and [] count as equal)."""
    return [name for name in COMPARED if (stored.get(name) or None) != (new.get(name) or None)]


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
    from collector.extraction import extract_article, with_later_pages
    from collector.pagination import split_html

    settings = project_settings(args.set)
    store = Store(db_path(args))
    ids = store.reextract_ids(args.source, parse_since(args.since))
    if not ids and args.source:
        raise CliError(
            f"--source {args.source!r}: no stored page of this outlet"
            f"{' since ' + args.since if args.since else ''}; the outlets are in "
            '`collector query "SELECT DISTINCT source FROM articles"`'
        )
    templates = outlet_templates(store, settings)
    batch_size = max(1, settings.getint("COLLECTOR_STORE_BATCH"))
    counts: Counter[str] = Counter()
    for start in range(0, len(ids), batch_size):
        updates = []
        for row in store.stored_pages(ids[start : start + batch_size]):
            fetched = (
                row["fetched_at"].replace(tzinfo=UTC) if row["fetched_at"] else datetime.now(UTC)
            )
            first, more = split_html(row["html"])  # an article over several pages
            blocks = templates(row["source"])
            article = extract_article(first, row["page_url"], fetched, blocks)
            if article is not None:
                article = with_later_pages(article, more, fetched, blocks)
            if article is None:
                counts["empty"] += 1
                continue
            if row["date_source"] == "feed" and row["published_at"]:  # the feed's time stays
                published, source = announced_time(
                    article.published_at,
                    article.date_source,
                    row["published_at"].replace(tzinfo=UTC),
                )
                article = dataclasses.replace(article, published_at=published, date_source=source)
            new = new_values(article)
            fields = changed_fields(row, new)
            counts["changed" if fields else "unchanged"] += 1
            if fields:
                updates.append({"id": row["id"], **new})
                if args.list:
                    print(f"  {row['page_url']}  ({', '.join(fields)})")
        if not args.dry_run:
            store.update_articles(updates)
    verb = "would change" if args.dry_run else "changed"
    print(
        f"Re-extracted {len(ids)} articles from their stored pages: {counts['changed']} {verb}, "
        f"{counts['unchanged']} unchanged, {counts['empty']} without article text now "
        "(left as they were)"
    )
    return 0
