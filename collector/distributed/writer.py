"""The writer of a distributed crawl: the one process that opens the DuckDB corpus.

It runs as a Scrapy crawl without downloads: its spider reads the workers' messages from Redis
and yields their articles to the same dedup and store pipelines a single-process crawl uses,
so deduplication is global and the corpus is the same. Steps:

1. Load the corpus state, publish the URLs already in it and the run id (workers wait for it).
2. Replay the messages a previous writer took and did not commit; skip articles already stored.
3. Take messages in order: articles go through dedup and store, lead records join the batch.
   A message is acknowledged (dropped from Redis) only after the batch holding it committed.
4. Between takes, keep the writer's lock, requeue the requests of dead workers, and stop when
   the crawl is over: seeded, nothing left to fetch, no worker left, no message left.
5. Extract again the stored articles holding lines that the workers' counts made template
   during the run (as a single-process crawl does as it closes).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from redis.exceptions import RedisError
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.settings import BaseSettings

from collector.boilerplate import LearnRule, NewCounts, TemplateLearner, template_blocks
from collector.dedup import Features, unpack_features
from collector.distributed import messages, templates
from collector.distributed.queue import requeue_dead
from collector.distributed.shared import SharedCrawl
from collector.items import ArticleItem
from collector.reextraction import reextract_new_template_lines
from collector.runlock import RunLock
from collector.spiders.grow import GrowSpider
from collector.store import Batch, Store, StoreError

logger = logging.getLogger(__name__)

WRITER_PIPELINES = {
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.commit.CommitPipeline": 400,
}
# Worker counters the run record takes from the crawl, not from the writer's own stats.
_WORKER_COUNTS = ("response_received_count", "leads/rejected/off-topic")
_TAKE = 100
_IDLE_SECONDS = 0.2


class StoreWorkerSpider(GrowSpider):
    """Feed the workers' messages to the dedup and store pipelines."""

    name = "store-worker"
    link: SharedCrawl
    timeout_ms: int
    interval: float
    template_rule: LearnRule | None

    def __init__(self, *args: Any, writer: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.writer = writer
        self.message_of: dict[int, int] = {}  # id(item) -> message id
        self.processed: list[int] = []
        self.pending_templates: list[dict[str, NewCounts]] = []
        self.templates_before: dict[str, frozenset[str]] = {}  # outlets the workers taught
        self.finished_crawl = False
        self.failure: str | None = None

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        settings.setdict(
            {"ITEM_PIPELINES": WRITER_PIPELINES, "SCHEDULER": "scrapy.core.scheduler.Scheduler"},
            priority="spider",
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> StoreWorkerSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, StoreWorkerSpider)
        spider.link = SharedCrawl.from_settings(crawler.settings)
        spider.timeout_ms = int(crawler.settings.getfloat("COLLECTOR_WORKER_TIMEOUT") * 1000)
        spider.interval = crawler.settings.getfloat("COLLECTOR_HEARTBEAT")
        from pipelines.extract import learn_rule  # the rule the workers' pipelines learn by

        spider.template_rule = learn_rule(crawler.settings)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider.item_left, signal=signal)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        self.lock = RunLock(self.config.db)
        try:
            await self._take_lock()  # no single-process run on this corpus meanwhile
        except CloseSpider:
            self.failure = self.fatal_error
            raise
        try:
            self.store = Store(self.config.db, self.config.lock_timeout)
            self._replay_spills()
            self.state = self.store.load_state()
            self.run_id = self.link.run_id() or self.state.next_run_id  # a restart goes on
            if self.run_id >= self.state.next_run_id:
                self.store.start_run(self.run_id, {"crawl": self.link.keys.crawl})
        except StoreError as exc:
            self.failure = str(exc)
            raise CloseSpider("store_error") from exc
        self.run_started = True
        self.known = dict(self.state.known_urls)
        # Workers skip what the corpus holds, and what earlier runs or the user rejected
        # for good (a page rejected by a margin before the profile grew is judged again).
        rejected = [url for url in self.state.rejected if self.rejected_before(url)]
        self.link.publish_known([*self.known, *rejected])
        templates.publish(self.store, self.link)
        self.link.open_run(self.run_id)
        logger.info("Writing crawl %r to %s as run %d", self.link.keys.crawl, self.store.path,
                    self.run_id)  # fmt: skip
        pending = self.link.pending()
        if pending:
            logger.warning("Replaying %d messages a stopped writer had not committed", len(pending))
        for message_id, data in pending:
            for item in self.read(message_id, data, replay=True):
                yield item
        async for item in self.follow():
            yield item
        self.merge_worker_stats()
        self.finished_crawl = True

    async def follow(self) -> AsyncIterator[ArticleItem]:
        """Items from the workers' messages, until the crawl is over."""
        next_beat = 0.0
        while True:
            try:
                if time.monotonic() >= next_beat:
                    self.beat()
                    next_beat = time.monotonic() + self.interval
                taken = self.link.take(_TAKE)
                if not taken and self.link.finished():
                    return
            except RedisError as exc:
                logger.warning("Redis did not answer, trying again: %s", exc)
                taken = []
            if not taken:
                await asyncio.sleep(_IDLE_SECONDS)
            for message_id, data in taken:
                for item in self.read(message_id, data):
                    yield item

    def beat(self) -> None:
        """Keep the writer's lock and requeue the requests of dead workers."""
        if not self.link.hold_writer(self.writer, self.timeout_ms):
            self.failure = "another store-worker took this crawl over"
            raise CloseSpider("writer_replaced")
        moved = requeue_dead(self.link.server, self.link.keys)
        if moved:
            logger.warning("Requeued %d requests of workers that stopped", moved)

    def read(self, message_id: int, data: bytes, replay: bool = False) -> Iterator[ArticleItem]:
        """The article of a message, if any; lead records join the next batch."""
        try:
            kind, body = messages.decode(data)
            if kind == messages.ARTICLE:
                item = ArticleItem(**body)
                item["dedup_features"] = _features(body.get("dedup_features"))
        except (ValueError, KeyError) as exc:
            logger.error("Message %d of %d bytes dropped, unreadable: %s", message_id, len(data),
                         exc)  # fmt: skip
            self.crawler.stats.inc_value("writer/unreadable")
            self.processed.append(message_id)
            return
        if kind == messages.TEMPLATES:
            self.take_templates(body)
            self.processed.append(message_id)
            return
        if kind != messages.ARTICLE:
            for row in body.get("leads", []):
                self.pending_leads.append({**row, "run_id": self.run_id})
            self.pending_duplicates.extend(body.get("duplicates", []))
            self.processed.append(message_id)
            return
        if replay and item["url"] in self.state.known_urls:
            self.processed.append(message_id)  # committed before the last writer stopped
            return
        self.message_of[id(item)] = message_id
        yield item

    def take_templates(self, body: dict[str, Any]) -> None:
        """Keep a worker's newly learned template counts for the next batch: they reach the
        corpus in its transaction, one write per batch instead of one per message, and the
        message is acknowledged after it like the others."""
        try:
            counts = templates.decode_counts(body)
        except (TypeError, ValueError) as exc:
            logger.warning("Template counts of %d outlets dropped, unreadable: %s", len(body),
                           exc)  # fmt: skip
            self.crawler.stats.inc_value("writer/unreadable")
            return
        for source in counts.keys() - self.templates_before.keys():
            self.remember_templates(source)
        self.pending_templates.append(counts)

    def remember_templates(self, source: str) -> None:
        """Keep an outlet's template blocks as stored before the run's first counts of it."""
        if self.template_rule is None:
            return
        try:
            outlet, blocks = self.store.template_counts(source)
        except StoreError as exc:  # its articles are not looked at again at the end
            logger.warning("Template counts of %s not read: %s", source, exc)
            return
        self.templates_before[source] = template_blocks(blocks, outlet, self.template_rule)

    def reextract_grown(self) -> None:
        """Extract again the stored articles holding a line that became template during the
        run, from the counts the corpus holds now."""
        if self.template_rule is None or not self.templates_before:
            return
        learner = TemplateLearner(self.template_rule)
        batch_size = self.crawler.settings.getint("COLLECTOR_STORE_BATCH")
        try:
            for source in self.templates_before:
                learner.load(source, *self.store.template_counts(source))
            changed = reextract_new_template_lines(
                self.store, learner, self.templates_before, batch_size
            )
        except StoreError as exc:
            logger.warning("Articles holding template lines not all re-extracted: %s", exc)
            return
        self.crawler.stats.set_value("extract/reextracted", changed)

    def drain_into(self, batch: Batch) -> None:
        """Also move the template counts taken since the last batch into ``batch``."""
        super().drain_into(batch)
        batch.templates.extend(self.pending_templates)
        self.pending_templates = []

    def item_left(self, item: Any, **kwargs: Any) -> None:
        """An article is through the pipelines: its rows are in the batch (or dropped)."""
        message_id = self.message_of.pop(id(item), None)
        if message_id is not None:
            self.processed.append(message_id)

    def committed(self) -> None:
        """The batch is in the corpus: forget the messages it came from."""
        try:
            self.link.ack(self.processed)
        except RedisError as exc:  # kept, acknowledged with the next batch
            logger.warning("Redis did not take %d acknowledgements: %s", len(self.processed), exc)
            return
        self.processed = []

    def merge_worker_stats(self) -> None:
        """Put the workers' page and rejection counts in this run's stats."""
        assert self.crawler.stats is not None
        for name, value in self.link.stats().items():
            if name in _WORKER_COUNTS:
                self.crawler.stats.set_value(name, value)
            elif name == "log_count/ERROR":
                self.crawler.stats.inc_value(name, value)

    def closed(self, reason: str) -> None:
        """Extract again what the run's template counts call for; drop the crawl's keys once
        all of it is in the corpus; give the lock up."""
        if self.run_started:
            self.reextract_grown()
        super().closed(reason)  # the run's end and stats; the corpus lock
        if self.finished_crawl and not self.message_of and not self.link.pending():
            self.link.reset()
            logger.info("Crawl %r finished and cleared from Redis", self.link.keys.crawl)
        self.link.release_writer(self.writer)


def _features(data: Any) -> Features | None:
    """A worker's packed dedup features, or None: the dedup stage then computes them from
    the text (a message from a worker that sent none, or features it cannot read)."""
    if not isinstance(data, bytes):
        return None
    try:
        return unpack_features(data)
    except ValueError as exc:
        logger.warning("Dedup features of %d bytes unreadable, computed again: %s", len(data), exc)
        return None
