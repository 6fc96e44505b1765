"""Downloader middleware that obeys the ``Crawl-delay`` of robots.txt.

Scrapy parses robots.txt but leaves ``Crawl-delay`` alone. When an outlet's robots.txt
asks for one, its requests go through a download slot of their own that sends one request
at a time, and AutoThrottle is told not to shorten its delay. Scrapy counts a slot's delay
from when it sends a request, so a slow response, or a request that waited on a busy
reactor, would shorten the pause the outlet sees. Here the delay counts from when the last
response arrived, as Nutch does: the outlet sees at least that many seconds between
answering one request and receiving the next. Delays are capped at
``COLLECTOR_MAX_CRAWL_DELAY``.
"""

from __future__ import annotations

import logging
from time import monotonic

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.statscollectors import StatsCollector
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)

_SLOT_SUFFIX = " crawl-delay"


class CrawlDelayMiddleware:
    """Space the requests to an outlet by its robots.txt ``Crawl-delay``."""

    def __init__(
        self, crawler: Crawler, stats: StatsCollector, user_agent: str, max_delay: float
    ) -> None:
        self.crawler = crawler
        self.stats = stats
        self.user_agent = user_agent
        self.max_delay = max_delay
        self.delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        s = crawler.settings
        if not s.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("robots.txt not obeyed")
        assert crawler.stats is not None
        agent = s.get("ROBOTSTXT_USER_AGENT") or s.get("USER_AGENT")
        middleware = cls(crawler, crawler.stats, agent, s.getfloat("COLLECTOR_MAX_CRAWL_DELAY"))
        crawler.signals.connect(middleware.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(middleware.response_downloaded, signal=signals.response_downloaded)
        return middleware

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Note the crawl delay an outlet's robots.txt asks of us."""
        delay = robotparser.crawl_delay(self.user_agent)
        if delay and delay > 0:
            netloc = urlparse_cached(request).netloc
            self.delays[netloc] = min(float(delay), self.max_delay)
            self.stats.inc_value("robotstxt/crawl_delay_count")
            logger.info("%s asks for a crawl delay of %.1fs", netloc, self.delays[netloc])

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        netloc = urlparse_cached(request).netloc
        delay = self.delays.get(netloc)
        slot = request.meta.get("download_slot")
        if delay is None:
            if isinstance(slot, str) and slot.endswith(_SLOT_SUFFIX):
                del request.meta["download_slot"]  # a redirect away from a delayed outlet
            return
        key = netloc + _SLOT_SUFFIX
        engine = self.crawler.engine
        assert engine is not None
        engine.downloader.per_slot_settings.setdefault(
            key, {"concurrency": 1, "delay": delay, "jitter": 0}
        )
        request.meta["download_slot"] = key
        request.meta["autothrottle_dont_adjust_delay"] = True

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        """Start a delayed outlet's pause when its response arrives, not when it was asked."""
        key = request.meta.get("download_slot")
        engine = self.crawler.engine
        if isinstance(key, str) and key.endswith(_SLOT_SUFFIX) and engine is not None:
            slot = engine.downloader.slots.get(key)
            if slot is not None:
                slot.lastseen = monotonic()
