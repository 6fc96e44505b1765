"""Search providers for the grow spider: requests, answers, pacing and retries.

GDELT gets a download slot of its own (one request every ``COLLECTOR_GDELT_INTERVAL``
seconds); an answer as long as the call allows is split by time window (GDELT) or opens the
narrower queries held back under its query (RSS); a 429 or 5xx answer, a connection error
or a rate-limit message is sent again later, and the crawl stays open meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.asyncio import CallLaterResult, call_later

from collector.discovery import (
    Entry,
    ProviderError,
    gdelt_limit,
    parse_feed,
    parse_gdelt,
    search_url,
    split_gdelt,
)

if TYPE_CHECKING:
    from collector.relevance import TopicProfile
    from collector.spiders.grow import GrowConfig

logger = logging.getLogger(__name__)

# Answers that mean "not now": the provider is retried later, the crawl goes on.
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 600.0


class ProvidersMixin:
    """The grow spider's search-provider half (it needs ``config``, ``crawler``,
    ``entry_requests`` and ``schedule`` from the spider)."""

    config: GrowConfig
    crawler: Crawler
    profile: TopicProfile
    held_queries: dict[str, list[str]]
    sent_narrower: set[tuple[str, str]]
    retries: dict[int, CallLaterResult]

    def entry_requests(
        self, entries: list[Entry], origin: str, depth: int, matched: str = ""
    ) -> Iterable[scrapy.Request]:
        raise NotImplementedError

    def schedule(self, requests: Iterable[scrapy.Request]) -> None:
        raise NotImplementedError

    def search_request(self, fmt: str, query: str, url: str, attempt: int = 0) -> scrapy.Request:
        """A request to a search provider; failures and rate limits come back to us."""
        meta: dict[str, Any] = {
            "dont_retry": True,
            "handle_httpstatus_list": list(RETRY_STATUSES),
            "attempt": attempt,
            "conditional": True,  # revalidated from the HTTP cache on later runs
        }
        if fmt == "gdelt" and self.config.gdelt_interval > 0:
            meta["download_slot"] = gdelt_slot(url)
            meta["autothrottle_dont_adjust_delay"] = True
        return scrapy.Request(
            url,
            callback=self.parse_search,
            errback=self.provider_failed,
            priority=5000,
            cb_kwargs={"fmt": fmt, "query": query},
            meta=meta,
            dont_filter=attempt > 0,
        )

    def parse_search(self, response: Response, fmt: str, query: str) -> Iterable[scrapy.Request]:
        """Turn a search provider's answer into article requests.

        A rate limit or server error is retried later; a GDELT answer that holds as many
        articles as the call allows is split into two calls over the halves of its window.
        """
        if response.status in RETRY_STATUSES:
            self.retry_search(
                response.request, fmt, f"HTTP {response.status}", retry_after(response)
            )
            return
        try:
            entries = parse_gdelt(response.body) if fmt == "gdelt" else parse_feed(response.body)
        except ProviderError as exc:
            if exc.rate_limited:
                self.retry_search(response.request, fmt, str(exc), None)
                return
            logger.warning("Search %s answered an error for %r: %s", fmt, query, exc)
            self.crawler.stats.inc_value(f"search/{fmt}/errors")
            return
        self.crawler.stats.inc_value(f"search/{fmt}/hits", len(entries))
        full = len(entries) >= (
            gdelt_limit(response.url) if fmt == "gdelt" else self.config.rss_max_results
        )
        halves = split_gdelt(response.url, datetime.now(UTC).replace(tzinfo=None)) if full else []
        for url in halves if fmt == "gdelt" else []:
            self.crawler.stats.inc_value("search/gdelt/splits")
            yield self.search_request(fmt, query, url)
        if full and not (fmt == "gdelt" and halves):
            yield from self.narrower_requests(fmt, query)
        yield from self.entry_requests(entries, f"search:{fmt}:{query}", depth=1, matched=query)

    def narrower_requests(self, fmt: str, query: str) -> Iterable[scrapy.Request]:
        """The held-back narrower queries of a query whose answer was truncated, sent to
        the providers of that format."""
        for narrower in self.held_queries.get(query, []):
            for name, template in self.config.search:
                if name == fmt and (name, narrower) not in self.sent_narrower:
                    self.sent_narrower.add((name, narrower))
                    self.crawler.stats.inc_value(f"search/{fmt}/narrower")
                    url = search_url(template, narrower, self.profile.language)
                    yield self.search_request(fmt, narrower, url)

    def provider_failed(self, failure: Any) -> None:
        """A search request failed (network error, robots): retried later, never fatal."""
        request = getattr(failure, "request", None)
        if request is None or failure.check(IgnoreRequest):
            logger.warning("Search request dropped: %s", failure.getErrorMessage())
            self.crawler.stats.inc_value("search/failed")
            return
        fmt = request.cb_kwargs.get("fmt", "?")
        self.retry_search(request, fmt, failure.getErrorMessage(), None)

    def retry_search(self, request: Any, fmt: str, why: str, delay: float | None) -> None:
        """Send a provider request again later (exponential back-off or ``Retry-After``)."""
        attempt = int(request.meta.get("attempt", 0)) + 1
        if attempt > self.config.search_retries:
            logger.warning("Search %s gave up on %s after %d tries: %s", fmt, request.url,
                           attempt, why)  # fmt: skip
            self.crawler.stats.inc_value(f"search/{fmt}/gave-up")
            return
        if delay is None:
            delay = self.config.search_retry_delay * 2 ** (attempt - 1)
        logger.warning("Search %s: %s; retrying in %.0fs (try %d)", fmt, why, delay, attempt + 1)
        self.crawler.stats.inc_value(f"search/{fmt}/retried")
        retry = self.search_request(fmt, request.cb_kwargs["query"], request.url, attempt)
        key = id(retry)
        self.retries[key] = call_later(delay, self._resend, key, retry)

    def _resend(self, key: int, request: scrapy.Request) -> None:
        self.retries.pop(key, None)
        self.schedule([request])

    def on_idle(self) -> None:
        """Keep the crawl open while provider retries are waiting."""
        if self.retries:
            raise DontCloseSpider


def gdelt_slot(url: str) -> str:
    """The download slot of a GDELT host: its own, so its pace slows nothing else."""
    return f"gdelt:{urlsplit(url).netloc}"


def gdelt_slots(config: GrowConfig, slots: dict[str, Any]) -> dict[str, Any]:
    """``DOWNLOAD_SLOTS`` with one slot per GDELT host: one request at a time,
    ``gdelt_interval`` seconds apart (GDELT allows one request every 5 seconds)."""
    slots = dict(slots)
    if config.gdelt_interval > 0:
        for fmt, template in config.search:
            if fmt == "gdelt":
                slots.setdefault(
                    gdelt_slot(template),
                    {"concurrency": 1, "delay": config.gdelt_interval, "jitter": 0.0},
                )
    return slots


def retry_after(response: Response) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (capped), or None."""
    value = (response.headers.get("Retry-After") or b"").decode("latin-1").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), MAX_RETRY_AFTER))
