"""The ``collector`` command: grow, query, export, stats, extract, demo.

Every command prints results or one clear message; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from collector.paths import resolve_path
from collector.store import Store, StoreError

SUMMARY_SQL = {
    "by_outlet": (
        "SELECT coalesce(outlet, source) AS outlet, count(*) AS articles FROM articles "
        "WHERE NOT is_seed GROUP BY ALL ORDER BY articles DESC, outlet"
    ),
    "totals": (
        "SELECT (SELECT count(*) FROM articles WHERE NOT is_seed), "
        "(SELECT count(*) FROM articles WHERE is_seed), (SELECT count(*) FROM duplicates), "
        "(SELECT count(DISTINCT url) FROM leads WHERE status = 'rejected'), "
        "(SELECT count(*) FROM articles WHERE rewrite_of IS NOT NULL)"
    ),
}


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``collector`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (CliError, StoreError) as exc:
        print(f"collector: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("collector: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="collector", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    grow = sub.add_parser("grow", help="grow the corpus from the seeds")
    _add_db(grow)
    grow.add_argument("--seeds", help="seed folder or file (default: seeds/)")
    grow.add_argument(
        "--search",
        action="append",
        default=[],
        metavar="NAME=URL_TEMPLATE",
        help="search provider: gdelt=URL or rss=URL with {query} (repeatable)",
    )
    grow.add_argument("--start-url", action="append", default=[], metavar="URL")
    grow.add_argument("--max-pages", type=int, help="stop after fetching this many pages")
    grow.add_argument("--max-depth", type=int, help="how many links away from a search hit")
    grow.add_argument("--time-limit", type=int, metavar="SECONDS")
    grow.add_argument(
        "--allow-private-hosts",
        action="store_true",
        help="allow loopback and private addresses (the demo web, tests)",
    )
    grow.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any Scrapy or COLLECTOR_ setting",
    )
    grow.add_argument("--log-level", default="WARNING")
    grow.set_defaults(func=cmd_grow)

    query = sub.add_parser("query", help="run a read-only SQL query")
    _add_db(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("sql")
    query.set_defaults(func=cmd_query)

    export = sub.add_parser("export", help="export the corpus")
    _add_db(export)
    export.add_argument("--format", choices=("jsonl", "parquet", "txt"), required=True)
    export.add_argument("--out", required=True, help="output file (a folder for txt)")
    export.add_argument("--exclude-rewrites", action="store_true")
    export.set_defaults(func=cmd_export)

    stats = sub.add_parser("stats", help="corpus totals and crawl runs")
    _add_db(stats)
    stats.set_defaults(func=cmd_stats)

    extract = sub.add_parser("extract", help="extract one HTML page (a file or - for stdin)")
    extract.add_argument("file")
    extract.add_argument("--url", default="http://localhost/page")
    extract.add_argument("--json", action="store_true", help="print all fields as JSON")
    extract.add_argument("--explain", action="store_true", help="list what was removed and why")
    extract.set_defaults(func=cmd_extract)

    demo = sub.add_parser("demo", help="serve the demo web and grow a corpus from it")
    _add_db(demo)
    demo.add_argument("--log-level", default="WARNING")
    demo.set_defaults(func=cmd_demo)
    return parser


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="corpus file (default: data/corpus.duckdb)")


def _db_path(args: argparse.Namespace) -> Path:
    if args.db:
        return Path(args.db).expanduser().resolve()
    from collector import settings

    return resolve_path(settings.COLLECTOR_DB)


# -- grow ------------------------------------------------------------------------------------


def crawl_settings(args: argparse.Namespace, db: Path) -> dict[str, Any]:
    """Settings overrides from the ``grow`` flags."""
    overrides: dict[str, Any] = {"COLLECTOR_DB": str(db), "LOG_LEVEL": args.log_level}
    if args.seeds:
        overrides["COLLECTOR_SEEDS"] = str(Path(args.seeds).expanduser().resolve())
    if args.search:
        overrides["COLLECTOR_SEARCH"] = list(args.search)
    if args.start_url:
        overrides["COLLECTOR_START_URLS"] = list(args.start_url)
    if args.max_pages:
        overrides["CLOSESPIDER_PAGECOUNT"] = args.max_pages
    if args.max_depth is not None:
        overrides["COLLECTOR_MAX_DEPTH"] = args.max_depth
    if args.time_limit:
        overrides["CLOSESPIDER_TIMEOUT"] = args.time_limit
    if args.allow_private_hosts:
        overrides["COLLECTOR_ALLOW_PRIVATE_HOSTS"] = True
    for pair in args.set:
        name, sep, value = pair.partition("=")
        if not sep:
            raise CliError(f"--set {pair!r}: expected NAME=VALUE")
        overrides[name] = value
    return overrides


def run_crawl(overrides: dict[str, Any]) -> dict[str, Any]:
    """Run the grow spider in this process; return the crawl's stats."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from collector.spiders.grow import GrowSpider, parse_search

    settings = Settings()
    settings.setmodule("collector.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    try:
        parse_search(settings.getlist("COLLECTOR_SEARCH"))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(GrowSpider)
    process.crawl(crawler)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def cmd_grow(args: argparse.Namespace) -> int:
    db = _db_path(args)
    stats = run_crawl(crawl_settings(args, db))
    print_summary(Store(db), stats)
    return 0


def print_summary(store: Store, stats: dict[str, Any]) -> None:
    """Print what a crawl added and how to look further."""
    _, by_outlet = store.query(SUMMARY_SQL["by_outlet"])
    _, totals = store.query(SUMMARY_SQL["totals"])
    articles, seeds, duplicates, rejected, rewrites = totals[0]
    print(f"Corpus {store.path}")
    print(f"  pages fetched this run: {stats.get('response_received_count', 0)}")
    print(f"  articles stored: {articles} from {len(by_outlet)} outlets (+{seeds} seeds)")
    for outlet, count in by_outlet:
        print(f"    {count:5d}  {outlet}")
    print(f"  duplicates skipped: {duplicates}   rewrites linked: {rewrites}")
    print(f"  leads rejected as off-topic: {rejected}")
    print("Look further:")
    print(f'  collector query --db {store.path} "SELECT source, title, published_at FROM corpus"')
    print(f'  collector query --db {store.path} "SELECT url, score, status, reason FROM leads"')


# -- query, export, stats --------------------------------------------------------------------


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    store = Store(_db_path(args))
    try:
        columns, rows = store.query(args.sql)
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        if "read-only" in message.lower():
            raise CliError("query is read-only: the statement would write; use SELECT") from exc
        raise CliError(f"query failed: {message}") from exc
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


def cmd_export(args: argparse.Namespace) -> int:
    from collector.export import export

    out = Path(args.out).expanduser().resolve()
    count = export(Store(_db_path(args)), args.format, out, not args.exclude_rewrites)
    print(f"Exported {count} articles to {out}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store = Store(_db_path(args))
    print_summary(store, {})
    columns, rows = store.query(
        "SELECT id AS run, started_at, finished_at, status, pages_fetched, articles_added, "
        "duplicates, rejected, errors FROM runs ORDER BY id"
    )
    write_rows(columns, rows, "table")
    return 0


# -- extract ---------------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    from collector.extraction import extract_article

    if args.file == "-":
        html = sys.stdin.buffer.read()
    else:
        try:
            html = Path(args.file).read_bytes()
        except OSError as exc:
            raise CliError(f"{args.file}: cannot be read ({exc.strerror})") from exc
    article = extract_article(html, args.url, datetime.now(UTC))
    if article is None:
        raise CliError(f"{args.file}: no article text found in this page")
    if args.json:
        print(json.dumps(article.as_dict(), ensure_ascii=False, indent=2))
    else:
        if article.title:
            print(article.title, end="\n\n")
        print(article.text)
    if args.explain:
        print("\nRemoved:", file=sys.stderr if args.json else sys.stdout)
        for text, reason in article.removed:
            print(f"  [{reason}] {text}", file=sys.stderr if args.json else sys.stdout)
    return 0


# -- demo ------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from collector.demoweb import DemoWeb

    db = _db_path(args)
    with DemoWeb() as web:
        print(
            f"Demo web: {len(web.outlets)} outlets on 127.0.0.1, search at "
            f"{web.search_templates['gdelt'].split('?')[0]}"
        )
        overrides = {
            "COLLECTOR_DB": str(db),
            "COLLECTOR_SEARCH": [f"{name}={url}" for name, url in web.search_templates.items()],
            "COLLECTOR_ALLOW_PRIVATE_HOSTS": True,
            "LOG_LEVEL": args.log_level,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
        }
        stats = run_crawl(overrides)
    print_summary(Store(db), stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
