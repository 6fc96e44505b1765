"""Downloader middlewares: one keeps a crawl off private networks, two stop redirects to
articles the crawl already has.

Links to loopback, private, link-local and reserved addresses (``169.254.169.254`` above
all) are refused before they are fetched, also when a redirect points there (redirected
requests pass through the downloader middlewares again). ``COLLECTOR_ALLOW_PRIVATE_HOSTS``
lifts the rule, for the demo web and tests on 127.0.0.1; ``COLLECTOR_PRIVATE_HOSTS_ALLOWED``
lifts it for the listed hosts only (``host`` or ``host:port``, an intranet mirror).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
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


def stop_at_known(crawler: Crawler, redirected: Request) -> Request:
    """Let a redirect through unless it leads to an article the crawl already has or has
    requested, or to a page rejected before (the spider's ``redirected`` decides and
    records its sources).

    Raises:
        IgnoreRequest: the target is known, requested or rejected before.
    """
    is_known = getattr(crawler.spider, "redirected", None)
    if is_known and is_known(redirected.meta["redirect_urls"], redirected.url):
        raise IgnoreRequest(f"redirect to a known article: {redirected.url}")
    return redirected


class RedirectToKnownMiddleware(RedirectMiddleware):
    """Scrapy's redirects, stopped when they lead to an article this crawl already has or
    has requested.

    Search providers (Google News above all) link to opaque redirect URLs; many of them lead
    to one article. The redirect source is recorded as a lead skipped for
    ``redirect-known``, so later runs know it and do not even ask the redirector.

    The check runs on the redirect response, before a request for the target exists. Run
    on that request instead, it came after the scheduler had recorded the target's
    fingerprint: when the target was requested from a feed whose request had not reached
    the scheduler yet, that request was then dropped as a duplicate, and the article was
    lost for the run.
    """

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        return stop_at_known(self.crawler, super()._redirect(redirected, request, reason))


class MetaRefreshToKnownMiddleware(MetaRefreshMiddleware):
    """Scrapy's ``<meta http-equiv="refresh">`` redirects, stopped like
    :class:`RedirectToKnownMiddleware`'s."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        return stop_at_known(self.crawler, super()._redirect(redirected, request, reason))
