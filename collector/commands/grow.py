"""``collector grow``: grow the corpus from the seeds."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collector.commands._common import CliError, add_db, check_redis, db_path, parse_settings
from collector.store import Store, StoreError

# Exit codes beyond 0 (done) and 2 (bad input, unusable corpus).
EXIT_UNSAVED = 1  # rows could not be written: spilled for the next run, or lost
EXIT_LOCKED = 75  # another run holds the corpus (EX_TEMPFAIL: try again later)
EXIT_INTERRUPTED = 130  # SIGINT/SIGTERM: the next run resumes

if TYPE_CHECKING:
    from scrapy.settings import Settings

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


def register(sub: Any) -> None:
    grow = sub.add_parser("grow", help="grow the corpus from the seeds")
    add_db(grow)
    grow.add_argument("--seeds", help="seed folder or file (default: seeds/)")
    grow.add_argument(
        "--search", action="append", default=[], metavar="NAME=URL_TEMPLATE",
        help="search provider: gdelt=URL or rss=URL with {query} (repeatable)",
    )  # fmt: skip
    grow.add_argument("--start-url", action="append", default=[], metavar="URL")
    grow.add_argument("--max-pages", type=int, help="stop after fetching this many pages")
    grow.add_argument("--max-depth", type=int, help="how many links away from a search hit")
    grow.add_argument("--time-limit", type=int, metavar="SECONDS")
    grow.add_argument(
        "--max-memory", type=megabytes, metavar="MB",
        help="stop when the crawl's process has used this much memory (0: no limit); the "
        "next run resumes",
    )  # fmt: skip
    grow.add_argument(
        "--allow-private-hosts", action="store_true",
        help="allow loopback and private addresses (the demo web, tests)",
    )  # fmt: skip
    grow.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE",
        help="any Scrapy or COLLECTOR_ setting",
    )  # fmt: skip
    grow.add_argument(
        "--redis", metavar="URL",
        help="work on the shared crawl on this Redis (redis://HOST:PORT/DB) as one of many "
        "workers; `collector store-worker` writes the corpus",
    )  # fmt: skip
    grow.add_argument("--crawl", help="name of the shared crawl (default: grow)")
    grow.add_argument("--log-level", default="WARNING")
    grow.set_defaults(func=run)


def megabytes(value: str) -> int:
    """Read ``--max-memory``: a whole number of megabytes, 0 for no limit."""
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(
            f"{value!r}: expected a whole number of megabytes (0 for no limit)"
        )
    return int(value)


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
    if args.max_memory is not None:
        overrides["MEMUSAGE_LIMIT_MB"] = args.max_memory
    if args.allow_private_hosts:
        overrides["COLLECTOR_ALLOW_PRIVATE_HOSTS"] = True
    if args.redis:
        overrides["COLLECTOR_DISTRIBUTED"] = True
        overrides["REDIS_URL"] = args.redis
    if args.crawl:
        overrides["COLLECTOR_CRAWL"] = args.crawl
    overrides.update(parse_settings(args.set))
    return overrides


def project_settings(overrides: dict[str, Any]) -> Settings:
    """The project's settings with command-line overrides."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("collector.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(overrides: dict[str, Any]) -> dict[str, Any]:
    """Run the grow spider in this process; return the crawl's stats."""
    from scrapy.crawler import CrawlerProcess

    from collector.spiders.grow import GrowSpider, parse_search

    settings = project_settings(overrides)
    try:
        parse_search(settings.getlist("COLLECTOR_SEARCH"))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if settings.getbool("COLLECTOR_DISTRIBUTED"):
        check_redis(settings)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(GrowSpider)
    process.crawl(crawler)
    process.start()
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    fatal = getattr(crawler.spider, "fatal_error", None)
    if fatal:
        locked = stats.get("finish_reason") == "locked"
        raise CliError(fatal, EXIT_LOCKED if locked else 2)
    return stats


# Why a crawl stopped before its frontier was done, by Scrapy's finish reason.
STOPPED_EARLY = {
    "closespider_timeout": "the time limit was reached",
    "closespider_pagecount": "the page limit was reached",
    "closespider_itemcount": "the item limit was reached",
    "memusage_exceeded": "the crawl's process reached the memory limit of {limit} MB",
}


def stop_note(stats: dict[str, Any], memory_limit: int) -> str | None:
    """The line telling why the crawl stopped early (None when it did not).

    Raises:
        CliError: the memory limit was reached before a page was fetched, so no run could
            ever get further.
    """
    reason = stats.get("finish_reason")
    if reason == "memusage_exceeded" and not stats.get("response_received_count"):
        used = int(stats.get("memusage/max", 0)) >> 20
        raise CliError(
            f"--max-memory {memory_limit}: the crawl's process used {used} MB before "
            "fetching a page; raise the limit (MEMUSAGE_LIMIT_MB), or 0 for none"
        )
    if reason not in STOPPED_EARLY:
        return None
    why = STOPPED_EARLY[reason].format(limit=memory_limit)
    return f"Stopped early: {why}; the next run resumes the leads left."


def check_outcome(stats: dict[str, Any]) -> None:
    """Raise the error a finished crawl ends with, if any.

    Raises:
        CliError: rows were spilled or lost (exit 1), or the run was interrupted (130).
    """
    if stats.get("store/rows_lost"):
        raise CliError(
            f"{stats['store/rows_lost']} rows could not be written and are lost; "
            "see the log for why (a full disk?)",
            EXIT_UNSAVED,
        )
    if stats.get("store/rows_spilled"):
        raise CliError(
            f"{stats['store/rows_spilled']} rows could not be written to the corpus; they "
            f"are kept in {stats.get('store/spill')} and the next run writes them",
            EXIT_UNSAVED,
        )
    if stats.get("finish_reason") == "shutdown":
        raise CliError("interrupted; the next run resumes the leads left", EXIT_INTERRUPTED)


def run(args: argparse.Namespace) -> int:
    db = db_path(args)
    overrides = crawl_settings(args, db)
    stats = run_crawl(overrides)
    if overrides.get("COLLECTOR_DISTRIBUTED"):
        print_worker_summary(stats)
        return 0
    note = stop_note(stats, project_settings(overrides).getint("MEMUSAGE_LIMIT_MB"))
    try:
        print_summary(Store(db, lock_timeout=5), stats)
    except StoreError as exc:  # the crawl's outcome matters more than its summary
        print(f"No summary: {exc}")
    if note:
        print(note)
    check_outcome(stats)
    return 0


def print_worker_summary(stats: dict[str, Any]) -> None:
    """Print what this worker of a distributed crawl did; the writer has the corpus.

    Raises:
        CliError: the worker stopped without taking part in the crawl.
    """
    if stats.get("finish_reason") == "no_writer":
        raise CliError(
            "no writer got ready for this crawl: start `collector store-worker --redis URL` "
            "(COLLECTOR_WAIT_FOR_WRITER sets how long workers wait)"
        )
    print(f"Worker finished ({stats.get('finish_reason', 'unknown')})")
    print(f"  pages fetched: {stats.get('response_received_count', 0)}")
    print(f"  articles sent to the writer: {stats.get('distributed/articles_sent', 0)}")
    print(f"  requests requeued from stopped workers: {stats.get('distributed/requeued', 0)}")


def print_summary(store: Store, stats: dict[str, Any]) -> None:
    """Print what the corpus holds and how to look further."""
    _, by_outlet = store.query(SUMMARY_SQL["by_outlet"])
    _, totals = store.query(SUMMARY_SQL["totals"])
    articles, seeds, duplicates, rejected, rewrites = totals[0]
    print(f"Corpus {store.path}")
    if stats:
        print(f"  pages fetched this run: {stats.get('response_received_count', 0)}")
    print(f"  articles stored: {articles} from {len(by_outlet)} outlets (+{seeds} seeds)")
    for outlet, count in by_outlet:
        print(f"    {count:5d}  {outlet}")
    print(f"  duplicates skipped: {duplicates}   rewrites linked: {rewrites}")
    print(f"  leads rejected as off-topic: {rejected}")
    print("Look further:")
    print(f'  collector query --db {store.path} "SELECT source, title, published_at FROM corpus"')
    print(f'  collector query --db {store.path} "SELECT url, score, status, reason FROM leads"')
