"""The worker's scheduler: scrapy-redis's, on a leased frontier shared by every worker.

Requests are queued in Redis by priority and filtered by canonical URL across all workers, so
each lead is fetched once. A popped request is leased (see :mod:`.queue`); the lease is
acknowledged once Scrapy has finished with the request, together with the lead records
gathered meanwhile, in one transaction. A heartbeat keeps the worker registered, hands the
requests of dead workers back to the frontier and wakes the engine when work appears. A worker
closes only when the whole crawl has nothing left to fetch.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import socket
from typing import Any

from redis import Redis
from redis.exceptions import RedisError
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from collector.distributed.keys import CrawlKeys
from collector.distributed.ledger import Ledger
from collector.distributed.queue import LeasedPriorityQueue, drained, release, requeue_dead
from collector.distributed.shared import SharedCrawl
from collector.urls import canonicalize_url

logger = logging.getLogger(__name__)


def worker_id() -> str:
    """This process's worker id: host name and process id."""
    return f"{socket.gethostname()}-{os.getpid()}"


class CanonicalDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """scrapy-redis's shared seen-request filter, keyed on the collector's canonical URL, so
    that two addresses of one article (tracking parameters, AMP, mobile) count as one."""

    def request_fingerprint(self, request: Request) -> str:
        data = [request.method, canonicalize_url(request.url), (request.body or b"").hex()]
        return hashlib.sha1(json.dumps(data).encode()).hexdigest()


def engine_slot(crawler: Crawler) -> Any:
    """The engine's slot, whose ``inprogress`` set holds the requests Scrapy is working on
    (from download to the end of their items' pipelines) and whose ``nextcall`` wakes it.

    Raises:
        RuntimeError: this Scrapy version does not expose them.
    """
    slot = getattr(crawler.engine, "_slot", None)
    if not isinstance(getattr(slot, "inprogress", None), set) or not hasattr(slot, "nextcall"):
        raise RuntimeError(
            "this Scrapy version hides the requests in progress, which the distributed "
            "scheduler needs; install the pinned Scrapy (requirements.lock)"
        )
    return slot


class DistributedScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler with leases, heartbeat and a crawl-wide end."""

    def __init__(
        self,
        server: Redis,
        crawler: Crawler,
        keys: CrawlKeys,
        worker: str,
        timeout: float,
        interval: float,
        serializer: Any = None,
    ) -> None:
        dupefilter = CanonicalDupeFilter(server, keys.dupefilter)
        super().__init__(
            server, persist=True, queue_key=keys.requests, dupefilter=dupefilter,
            dupefilter_key=keys.dupefilter, serializer=serializer,
        )  # fmt: skip
        self.crawler = crawler
        self.stats = crawler.stats
        self.keys = keys
        self.worker = worker
        self.timeout_ms = int(timeout * 1000)
        self.interval = interval
        self.shared = SharedCrawl(server, keys)
        self.leased: dict[Request, str] = {}
        self.ledger: Ledger
        self.heartbeat = LoopingCall(self.beat)
        self.warned_stall = False
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedScheduler:
        s = crawler.settings
        serializer = s.get("SCHEDULER_SERIALIZER")
        server = get_redis_from_settings(s)
        server.ping()
        return cls(
            server, crawler, CrawlKeys(s.get("COLLECTOR_CRAWL")), worker_id(),
            timeout=s.getfloat("COLLECTOR_WORKER_TIMEOUT"),
            interval=s.getfloat("COLLECTOR_HEARTBEAT"),
            serializer=importlib.import_module(serializer) if serializer else None,
        )  # fmt: skip

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.slot = engine_slot(self.crawler)
        self.queue = LeasedPriorityQueue(
            self.server, spider, self.keys.requests, self.serializer,
            leases_key=self.keys.leases(self.worker),
        )  # fmt: skip
        self.ledger = Ledger(self.server, self.keys, self.worker, self.queue, self.df)
        self.beat()
        self.heartbeat.start(self.interval, now=False)
        logger.info("Worker %s joined crawl %r", self.worker, self.keys.crawl)

    def enqueue_request(self, request: Request) -> bool:
        if not self.ledger.queue_request(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        self.settle()
        try:
            taken = self.queue.lease()
        except RedisError as exc:
            logger.warning("Redis did not answer, no request taken: %s", exc)
            return None
        if taken is None:
            return None
        request, token = taken
        self.leased[request] = token
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def settle(self) -> bool:
        """Acknowledge the requests Scrapy has finished, with the lead records gathered
        meanwhile (see :class:`Ledger`); True when nothing is owed to Redis."""
        done = [r for r in self.leased if r not in self.slot.inprogress]
        drain = getattr(self.spider, "drain_records", None)
        self.ledger.owe([self.leased.pop(r) for r in done], drain() if drain else {})
        return self.ledger.settle()

    def beat(self) -> None:
        """Keep this worker alive, requeue dead workers' requests, wake the engine."""
        self.settle()
        try:
            self.shared.beat(self.worker, self.timeout_ms)
            moved = requeue_dead(self.server, self.keys)
        except RedisError as exc:
            logger.warning("Redis did not answer the heartbeat, trying again: %s", exc)
            self.stats.inc_value("distributed/redis_errors")
            return
        if moved:
            logger.warning("Requeued %d requests of workers that stopped", moved)
            self.stats.inc_value("distributed/requeued", moved)
        self.slot.nextcall.schedule()

    def spider_idle(self, spider: Spider) -> None:
        """Keep an idle worker open while the crawl still has something to fetch."""
        try:
            if self.settle() and drained(self.server, self.keys):
                return
            stalled = self.shared.seeding_stalled()
        except RedisError as exc:
            logger.warning("Redis did not answer, staying open: %s", exc)
            raise DontCloseSpider from exc
        if stalled and not self.warned_stall:
            self.warned_stall = True
            logger.warning("The seeding worker stopped early: start a new worker to seed again")
        raise DontCloseSpider

    def has_pending_requests(self) -> bool:
        try:
            return len(self) > 0
        except RedisError:
            return True  # not idle while Redis cannot tell

    def close(self, reason: str) -> None:
        if self.heartbeat.running:
            self.heartbeat.stop()
        if not self.settle():
            logger.error(
                "Leaving with %d requests, acknowledgements and records Redis did not take; "
                "the requests this worker held go back to the frontier when its heartbeat "
                "expires",
                len(self.ledger),
            )
            return
        self.shared.add_stats(self.stats.get_stats())
        moved = release(self.server, self.keys, self.worker)
        if moved:
            logger.info("Returned %d unfinished requests to the frontier", moved)
        logger.info("Worker %s left crawl %r (%s)", self.worker, self.keys.crawl, reason)
