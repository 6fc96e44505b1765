"""``collector grow``: grow the corpus from the seeds."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

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
        "(SELECT count(DISTINCT url) FROM leads WHERE status = 'rejected' "
        "AND reason IS DISTINCT FROM 'by-user'), "
        "(SELECT count(*) FROM articles WHERE rewrite_of IS NOT NULL), "
        "(SELECT count(DISTINCT url) FROM leads WHERE reason = 'by-user')"
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
        help="restart the crawl in a fresh process when its process has used this much "
        "memory (0: no limit)",
    )  # fmt: skip
    # What a crawl restarted at the memory limit carries over from the processes before it.
    grow.add_argument("--restarts", type=int, default=0, help=argparse.SUPPRESS)
    grow.add_argument("--pages-before", type=int, default=0, help=argparse.SUPPRESS)
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
    if shutdown_signalled():
        stats[SIGNALLED] = True
    # From here on a signal interrupts what is left (the summary, a restart) at once.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    fatal = getattr(crawler.spider, "fatal_error", None)
    if fatal:
        locked = stats.get("finish_reason") == "locked"
        raise CliError(fatal, EXIT_LOCKED if locked else 2)
    return stats


SIGNALLED = "collector/shutdown_signal"  # the stat run_crawl adds when one arrived


def shutdown_signalled() -> bool:
    """Whether SIGINT or SIGTERM arrived during the crawl that just ended.

    Scrapy answers the first such signal by putting its handler for a second one in place
    (``_signal_kill``, a forced stop), and ignores any after that. A crawl that was already
    closing, at the memory limit say, keeps its own finish reason; this tells them apart.
    """
    handler = signal.getsignal(signal.SIGTERM)
    return handler == signal.SIG_IGN or "_signal_kill" in getattr(handler, "__name__", "")


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
    if stats.get("finish_reason") == "shutdown" or stats.get(SIGNALLED):
        raise CliError("interrupted; the next run resumes the leads left", EXIT_INTERRUPTED)


# Scrapy's limits of a run counted in its stats, and the stat each is spent on; the time
# limit (CLOSESPIDER_TIMEOUT) is spent on seconds.
COUNTED_BUDGETS = {
    "CLOSESPIDER_PAGECOUNT": "response_received_count",
    "CLOSESPIDER_ITEMCOUNT": "item_scraped_count",
}


def budgets_left(
    limits: Mapping[str, float], spent: Mapping[str, float]
) -> dict[str, float] | None:
    """What a crawl going on in a fresh process may still spend of its limits.

    Args:
        limits: The limits of the run that stopped, by setting (``CLOSESPIDER_TIMEOUT`` and
            ``COUNTED_BUDGETS``); 0 is none.
        spent: What that run spent of each, by the same names.

    Returns:
        The limits left, for those that were set (seconds to a tenth, counts whole), or
        None when one is spent: less than a second or a page left is nothing left.
    """
    left = {name: limit - spent.get(name, 0) for name, limit in limits.items() if limit}
    if any(value < 1 for value in left.values()):
        return None
    return {name: round(value, 1) if name == "CLOSESPIDER_TIMEOUT" else int(value)
            for name, value in left.items()}  # fmt: skip


def restart(
    args: argparse.Namespace, left: Mapping[str, float], pages: int, limit: int
) -> NoReturn:
    """Go on with the crawl in a fresh process, which leaves this one's memory behind.

    The process replaces itself (``exec``), so it keeps its id, its output and its place
    under cron, systemd or a shell; the leads left are queued in the corpus. It carries
    the limits left and the pages fetched so far.
    """
    restarts = args.restarts + 1
    print(
        f"The crawl's process reached the memory limit of {limit} MB after {pages} pages: "
        f"going on in a fresh process (restart {restarts}).",
        flush=True,
    )
    command = [sys.executable, "-m", "collector.cli", *args.argv,
               *(f"--set={name}={value}" for name, value in left.items()),
               f"--restarts={restarts}", f"--pages-before={pages}"]  # fmt: skip
    sys.stderr.flush()
    logging.shutdown()
    os.execv(sys.executable, command)


def run(args: argparse.Namespace) -> int:
    db = db_path(args)
    overrides = crawl_settings(args, db)
    started = time.monotonic()
    stats = run_crawl(overrides)
    if overrides.get("COLLECTOR_DISTRIBUTED"):
        print_worker_summary(stats)
        return 0
    settings = project_settings(overrides)
    limit = settings.getint("MEMUSAGE_LIMIT_MB")
    note = stop_note(stats, limit)
    pages = args.pages_before + int(stats.get("response_received_count", 0))
    if stats.get("finish_reason") == "memusage_exceeded" and not stats.get(SIGNALLED):
        check_outcome(stats)  # rows that could not be written end the run
        limits = {
            name: settings.getfloat(name) for name in ("CLOSESPIDER_TIMEOUT", *COUNTED_BUDGETS)
        }
        spent = {name: stats.get(stat, 0) for name, stat in COUNTED_BUDGETS.items()}
        spent["CLOSESPIDER_TIMEOUT"] = time.monotonic() - started
        left = budgets_left(limits, spent)
        if left is not None:
            restart(args, left, pages, limit)
    try:
        print_summary(Store(db, lock_timeout=5), pages, args.restarts)
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


def print_summary(store: Store, pages: int | None = None, restarts: int = 0) -> None:
    """Print what the corpus holds and how to look further.

    Args:
        store: The corpus.
        pages: Pages this run fetched, if it is a run's summary.
        restarts: How often the run went on in a fresh process at the memory limit.
    """
    _, by_outlet = store.query(SUMMARY_SQL["by_outlet"])
    _, totals = store.query(SUMMARY_SQL["totals"])
    articles, seeds, duplicates, rejected, rewrites, by_user = totals[0]
    print(f"Corpus {store.path}")
    if pages is not None:
        print(f"  pages fetched this run: {pages}")
    if restarts:
        print(f"  fresh processes at the memory limit: {restarts}")
    print(f"  articles stored: {articles} from {len(by_outlet)} outlets (+{seeds} seeds)")
    for outlet, count in by_outlet:
        print(f"    {count:5d}  {outlet}")
    print(f"  duplicates skipped: {duplicates}   rewrites linked: {rewrites}")
    print(f"  leads rejected as off-topic: {rejected}")
    if by_user:
        print(f"  URLs rejected with `collector reject`: {by_user}")
    print("Look further:")
    print(f'  collector query --db {store.path} "SELECT source, title, published_at FROM corpus"')
    print(f'  collector query --db {store.path} "SELECT url, score, status, reason FROM leads"')
