"""Commit pipeline (the writer of a distributed crawl): the store pipeline, committing on a
clock and telling the writer which batches are in the corpus."""

from __future__ import annotations

from scrapy.crawler import Crawler
from twisted.internet.task import LoopingCall

from pipelines.store import MIDCRAWL_WAIT, StorePipeline


class CommitPipeline(StorePipeline):
    """Write batches as the store pipeline does, and also every ``COLLECTOR_WRITER_INTERVAL``
    seconds, so that lead records and acknowledgements do not wait for a full batch. After
    each committed batch the spider's ``committed()`` drops its messages from Redis."""

    def __init__(self, crawler: Crawler, batch_size: int, interval: float) -> None:
        super().__init__(crawler, batch_size)
        self.clock = LoopingCall(self.flush)
        self.interval = interval

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CommitPipeline:
        s = crawler.settings
        return cls(
            crawler, s.getint("COLLECTOR_STORE_BATCH"), s.getfloat("COLLECTOR_WRITER_INTERVAL")
        )

    def open_spider(self) -> None:
        self.clock.start(self.interval, now=False)

    def flush(self, wait: float | None = MIDCRAWL_WAIT) -> None:
        super().flush(wait)
        if not len(self.batch):
            self.crawler.spider.committed()  # type: ignore[union-attr]

    def close_spider(self) -> None:
        if self.clock.running:
            self.clock.stop()
        super().close_spider()
