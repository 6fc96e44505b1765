"""Downloader middleware that honours ``Retry-After`` on 429 and 503 answers.

Scrapy's retry middleware retries 429 and 503 at once. A server that says when to come
back is asked again only after that delay, and the whole outlet waits with it. From then
on the outlet's requests go one at a time, ``SPACING`` seconds apart (less when the delay
was shorter): released together when the pause ends, the requests that waited would come
back as the burst the server had refused, and each would use up its retries. A delay
longer than ``COLLECTOR_RETRY_AFTER_MAX`` is not waited for in this run: the request is
dropped with :class:`RetryLater` and its lead stays queued for the next run.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import sleep
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)

STATUSES = (429, 503)
SPACING = 1.0  # seconds at least between two requests to an outlet that asked to wait


class RetryLater(IgnoreRequest):
    """The server asked to come back later than this run waits."""


def parse_retry_after(value: bytes | str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date).

    Returns:
        The delay (0 for a date in the past), or None when the value is missing or invalid.
    """
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class RetryAfterMiddleware:
    """Retry 429 and 503 answers after their ``Retry-After`` delay, pausing the outlet."""

    def __init__(self, crawler: Crawler, stats: StatsCollector, max_delay: float) -> None:
        self.crawler = crawler
        self.stats = stats
        self.max_delay = max_delay
        self.not_before: dict[str, float] = {}
        self.spacing: dict[str, float] = {}  # outlets that asked to wait: seconds apart

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        if not crawler.settings.getbool("RETRY_ENABLED"):
            raise NotConfigured("retries disabled")
        assert crawler.stats is not None
        return cls(crawler, crawler.stats, crawler.settings.getfloat("COLLECTOR_RETRY_AFTER_MAX"))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        netloc = urlparse_cached(request).netloc
        now = time.monotonic()
        start = max(now, self.not_before.get(netloc, 0.0))
        if netloc in self.spacing:  # take the next free turn; the one after waits longer
            self.not_before[netloc] = start + self.spacing[netloc]
        if start > now:
            await sleep(start - now)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if response.status not in STATUSES or request.meta.get("dont_retry"):
            return response
        delay = parse_retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
        if delay is None:
            return response
        if delay > self.max_delay:
            self.stats.inc_value("retry/retry_after_too_long")
            raise RetryLater(f"retry later: {request.url} asks for {delay:.0f}s")
        netloc = urlparse_cached(request).netloc
        until = time.monotonic() + delay
        self.not_before[netloc] = max(self.not_before.get(netloc, 0.0), until)
        self.spacing[netloc] = min(SPACING, delay)
        assert self.crawler.spider is not None
        retry = get_retry_request(
            request, spider=self.crawler.spider, reason=f"{response.status} Retry-After"
        )
        if retry is None:
            return response
        logger.info("%s answered %d: retrying in %.1fs", request.url, response.status, delay)
        return retry
