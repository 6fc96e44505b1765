"""A Scrapy extension for tests: memory the crawl's process takes once it has scraped a few
items, standing in for a crawl whose process grows (``BALLAST_MB`` after
``BALLAST_AFTER_ITEMS`` items). With ``BALLAST_SIGTERM_ON_CLOSE`` the process also sends
itself SIGTERM when the spider closes at the memory limit: a stop asked for meanwhile."""

from __future__ import annotations

import os
import signal
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler


class Ballast:
    def __init__(self, crawler: Crawler) -> None:
        self.after = crawler.settings.getint("BALLAST_AFTER_ITEMS", 2)
        self.megabytes = crawler.settings.getint("BALLAST_MB", 512)
        self.items = 0
        self.held: bytes | None = None
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        if crawler.settings.getbool("BALLAST_SIGTERM_ON_CLOSE"):
            crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Ballast:
        return cls(crawler)

    def item_scraped(self, *args: Any, **kwargs: Any) -> None:
        self.items += 1
        if self.held is None and self.items >= self.after:
            self.held = b"\x01" * (self.megabytes << 20)  # written, so resident

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if reason == "memusage_exceeded":
            os.kill(os.getpid(), signal.SIGTERM)
