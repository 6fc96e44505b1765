"""Extension: a crawl asked to stop while its seeds are in the item pipelines still stops.

Scrapy 2.19 counts the items a spider's ``start()`` yields while they go through the item
pipelines, and a closing spider waits until nothing is counted; but only the end of a
response makes it look again, not the end of such an item. A stop asked for while the
seeds were being stored (SIGTERM, ``--time-limit``, ``--max-memory``,
``CLOSESPIDER_ITEMCOUNT``) waited for ever once no response was left to end. While the
engine runs, this extension makes the scraper look again every ``interval`` seconds.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet.task import LoopingCall


class CloseWhileStarting:
    """Let a closing spider finish once its last start item has left the pipelines."""

    def __init__(self, crawler: Crawler, interval: float = 0.5) -> None:
        self.crawler = crawler
        self.look = LoopingCall(self.look_again)
        self.interval = interval

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CloseWhileStarting:
        extension = cls(crawler)
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self) -> None:
        self.look.start(self.interval, now=False)

    def engine_stopped(self) -> None:
        if self.look.running:
            self.look.stop()

    def look_again(self) -> None:
        """Finish the scraper's closing if it waits on nothing (what Scrapy does after a
        response, not after a start item)."""
        engine = self.crawler.engine
        if engine is None:
            return
        slot = engine.scraper.slot
        if slot is not None and slot.closing is not None and not slot.closing.called:
            engine.scraper._check_if_closing()
