"""Downloader middleware that keeps a crawl off private networks.

Links to loopback, private, link-local and reserved addresses (``169.254.169.254`` above
all) are refused before they are fetched, also when a redirect points there (redirected
requests pass through the downloader middlewares again). ``COLLECTOR_ALLOW_PRIVATE_HOSTS``
lifts the rule, for the demo web and tests on 127.0.0.1; ``COLLECTOR_PRIVATE_HOSTS_ALLOWED``
lifts it for the listed hosts only (``host`` or ``host:port``, an intranet mirror).
"""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.httpobj import urlparse_cached

from collector.urls import is_private_host

logger = logging.getLogger(__name__)


class PrivateHostMiddleware:
    """Refuse requests to private hosts unless they are allowed."""

    def __init__(self, stats: StatsCollector, allowed: frozenset[str] = frozenset()) -> None:
        self.stats = stats
        self.allowed = allowed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateHostMiddleware:
        if crawler.settings.getbool("COLLECTOR_ALLOW_PRIVATE_HOSTS"):
            raise NotConfigured  # allowed: nothing to refuse
        assert crawler.stats is not None
        allowed = crawler.settings.getlist("COLLECTOR_PRIVATE_HOSTS_ALLOWED")
        return cls(crawler.stats, frozenset(h.strip().lower() for h in allowed if h.strip()))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        parts = urlparse_cached(request)
        if parts.netloc.lower() in self.allowed or (parts.hostname or "") in self.allowed:
            return
        if is_private_host(request.url):
            self.stats.inc_value("leads/skipped/private_host")
            logger.warning("Refused %s: private address (use --allow-private-hosts)", request.url)
            raise IgnoreRequest(f"private host: {request.url}")


class RedirectToKnownMiddleware:
    """Stop a redirect that leads to an article this crawl already has or has requested.

    Search providers (Google News above all) link to opaque redirect URLs; many of them lead
    to one article. The redirect source is recorded as a lead skipped for
    ``redirect-known``, so later runs know it and do not even ask the redirector.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectToKnownMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        sources = request.meta.get("redirect_urls")
        redirected = getattr(self.crawler.spider, "redirected", None)
        if sources and redirected and redirected(sources, request.url):
            raise IgnoreRequest(f"redirect to a known article: {request.url}")
