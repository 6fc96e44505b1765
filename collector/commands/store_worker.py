"""``collector store-worker``: the one writer of a distributed crawl."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from collector.commands._common import CliError, add_db, check_redis, db_path, parse_settings
from collector.commands.grow import print_summary, project_settings
from collector.store import Store

if TYPE_CHECKING:
    from collector.distributed.shared import SharedCrawl


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "store-worker", help="write the corpus of a distributed crawl (start it before workers)"
    )
    add_db(parser)
    parser.add_argument("--redis", metavar="URL", help="the crawl's Redis (redis://HOST:PORT/DB)")
    parser.add_argument("--crawl", help="name of the shared crawl (default: grow)")
    parser.add_argument(
        "--reset", action="store_true",
        help="abandon what Redis holds of this crawl (frontier, messages) and start afresh",
    )  # fmt: skip
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE",
        help="any Scrapy or COLLECTOR_ setting",
    )  # fmt: skip
    parser.add_argument("--log-level", default="WARNING")
    parser.set_defaults(func=run)


def writer_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Settings overrides from the ``store-worker`` flags."""
    overrides: dict[str, Any] = {
        "COLLECTOR_DB": str(db_path(args)),
        "LOG_LEVEL": args.log_level,
        "COLLECTOR_DISTRIBUTED": False,
    }
    if args.redis:
        overrides["REDIS_URL"] = args.redis
    if args.crawl:
        overrides["COLLECTOR_CRAWL"] = args.crawl
    overrides.update(parse_settings(args.set))
    return overrides


def take_lock(shared: SharedCrawl, writer: str, timeout_ms: int) -> bool:
    """Take the crawl's writer lock, waiting out the lock of a writer that died (it expires
    after the worker timeout); False if a live writer keeps it."""
    deadline = time.monotonic() + timeout_ms / 1000 + 1
    while not shared.hold_writer(writer, timeout_ms):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


def run(args: argparse.Namespace) -> int:
    from scrapy.crawler import CrawlerProcess

    from collector.distributed.scheduler import worker_id
    from collector.distributed.shared import SharedCrawl
    from collector.distributed.writer import StoreWorkerSpider

    settings = project_settings(writer_settings(args))
    check_redis(settings)
    shared = SharedCrawl.from_settings(settings)
    writer = f"writer-{worker_id()}"
    timeout_ms = int(settings.getfloat("COLLECTOR_WORKER_TIMEOUT") * 1000)
    if not take_lock(shared, writer, timeout_ms):
        raise CliError(
            f"another store-worker is writing crawl {shared.keys.crawl!r}; "
            "stop it first (a crawl has one writer)"
        )
    if args.reset:
        shared.reset()
        shared.hold_writer(writer, timeout_ms)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(StoreWorkerSpider)
    process.crawl(crawler, writer=writer)
    process.start()
    spider = crawler.spider
    if isinstance(spider, StoreWorkerSpider) and spider.failure:
        raise CliError(spider.failure)
    left = len(shared.pending())
    if left:
        raise CliError(
            f"{left} messages could not be written to {settings.get('COLLECTOR_DB')} and stay "
            "in Redis; fix the cause above and run store-worker again"
        )
    pages = crawler.stats.get_value("response_received_count", 0) if crawler.stats else 0
    print_summary(Store(db_path(args)), pages)
    return 0
