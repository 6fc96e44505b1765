"""How a worker of a distributed crawl starts, in place of reading the corpus itself.

The worker waits for the writer (which publishes the run id and the URLs already in the
corpus), then either seeds the crawl, if no live worker has, or takes the topic profile the
seeding worker shared.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import CloseSpider

from collector.distributed.scheduler import worker_id
from collector.distributed.shared import SharedCrawl
from collector.distributed.templates import RemoteTemplates
from collector.items import ArticleItem

if TYPE_CHECKING:
    from collector.spiders.grow import GrowSpider

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.25


async def start_worker(spider: GrowSpider, shared: SharedCrawl) -> AsyncIterator[Any]:
    """``GrowSpider.start`` for a worker: corpus state from Redis, then seed or wait.

    Raises:
        CloseSpider: ``no_writer`` when no writer got ready within
            ``COLLECTOR_WAIT_FOR_WRITER`` seconds.
    """
    patience = spider.settings.getfloat("COLLECTOR_WAIT_FOR_WRITER")
    deadline = time.monotonic() + patience
    while (run_id := shared.run_id()) is None:
        if time.monotonic() > deadline:
            raise CloseSpider("no_writer")
        await asyncio.sleep(POLL_SECONDS)
    spider.run_id = run_id
    spider.known = dict.fromkeys(shared.known_urls())
    spider.store = RemoteTemplates(shared)  # type: ignore[assignment]  # all a worker may use
    worker = worker_id()
    while True:
        if shared.claim_seeding(worker):
            logger.info("Seeding crawl %r", shared.keys.crawl)
            async for output in _seed(spider, shared):
                yield output
            return
        profile = shared.profile()
        if profile is not None:
            spider.profile = profile
            return
        await asyncio.sleep(POLL_SECONDS)


async def _seed(spider: GrowSpider, shared: SharedCrawl) -> AsyncIterator[Any]:
    """Seed the crawl; mark it seeded once every seed article has left the pipelines (on
    its way to the writer) and every first request is in the frontier."""
    seedset = spider.learn()
    shared.publish_profile(spider.profile)
    waiting = _SeedWatch(spider)
    for output in spider.first_outputs(seedset):
        if isinstance(output, ArticleItem):
            waiting.expected += 1
        yield output
    while waiting.done < waiting.expected:
        await asyncio.sleep(POLL_SECONDS / 5)
    waiting.disconnect()
    shared.finish_seeding()
    logger.info("Crawl %r seeded", shared.keys.crawl)


class _SeedWatch:
    """Counts seed articles that left the item pipelines, whatever became of them."""

    SIGNALS = (signals.item_scraped, signals.item_dropped, signals.item_error)

    def __init__(self, spider: GrowSpider) -> None:
        self.signals = spider.crawler.signals
        self.expected = 0
        self.done = 0
        for signal in self.SIGNALS:
            self.signals.connect(self.left, signal=signal)

    def left(self, item: Any, **kwargs: Any) -> None:
        if isinstance(item, ArticleItem) and item.get("is_seed"):
            self.done += 1

    def disconnect(self) -> None:
        for signal in self.SIGNALS:
            self.signals.disconnect(self.left, signal=signal)
