"""Conditional requests for what every run asks again: search answers, feeds, sitemaps.

Scrapy's HTTP cache with the RFC 2616 policy stores those answers with their validators
(``ETag``, ``Last-Modified``); the next run revalidates them with ``If-None-Match`` /
``If-Modified-Since`` and a ``304 Not Modified`` costs a few hundred bytes. Only requests
marked ``meta["conditional"]`` are cached: articles are never refetched, so caching them
would only fill the disk. The cache lives beside the corpus file (``<corpus>.httpcache``)
unless ``HTTPCACHE_DIR`` is set.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import Request, Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy, parse_cachecontrol
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.settings.default_settings import HTTPCACHE_DIR as DEFAULT_DIR
from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class ConditionalPolicy(RFC2616Policy):
    """RFC 2616 caching, restricted to requests marked ``conditional``.

    A stored answer is used without asking only while the server said it is fresh
    (``max-age``, ``Expires``). RFC 2616's heuristic (fresh for a tenth of the time since
    ``Last-Modified``) is not applied: it would keep a feed untouched for a year fresh for
    weeks, while news changes by the hour. Everything else is revalidated.
    """

    def should_cache_request(self, request: Request) -> bool:
        return bool(request.meta.get("conditional")) and super().should_cache_request(request)

    def _compute_freshness_lifetime(
        self, response: Response, request: Request, now: float
    ) -> float:
        control = parse_cachecontrol(response.headers.get(b"Cache-Control") or b"")
        if b"max-age" in control or b"Expires" in response.headers:
            return super()._compute_freshness_lifetime(response, request, now)
        return 0.0


class CorpusCacheStorage(FilesystemCacheStorage):
    """The filesystem cache, kept beside the corpus the spider grows."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.beside_corpus = settings.get("HTTPCACHE_DIR") == DEFAULT_DIR

    def open_spider(self, spider: Spider) -> None:
        db = getattr(getattr(spider, "config", None), "db", None)
        if self.beside_corpus and isinstance(db, Path):
            self.cachedir = str(cache_dir(db))
        self.stats: StatsCollector | None = spider.crawler.stats
        super().open_spider(spider)

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        """Store an answer; a cache that cannot be written (a full disk) costs only the
        next run's revalidation, so the crawl goes on."""
        try:
            super().store_response(spider, request, response)
        except OSError as exc:
            logger.warning("HTTP cache not written for %s: %s", request.url, exc)
            if self.stats is not None:
                self.stats.inc_value("httpcache/store_error")


def cache_dir(db: Path) -> Path:
    """The HTTP cache folder of a corpus file."""
    return db.with_name(db.name + ".httpcache")
