"""Downloader middlewares: one keeps a crawl off private networks, two stop redirects to
articles the crawl already has.

The crawl keeps no cookies (``COOKIES_ENABLED`` is off: a metered paywall counts articles
by cookie). A redirect back to a URL of its own chain is a consent or cookie check sending
the client back with a cookie (``/consent?return=...`` answering ``Set-Cookie`` and a
redirect to the article): it is followed once, with the cookies its chain set.

Links to loopback, private, link-local and reserved addresses (``169.254.169.254`` above
all) are refused before they are fetched, also when a redirect points there (redirected
requests pass through the downloader middlewares again). ``COLLECTOR_ALLOW_PRIVATE_HOSTS``
lifts the rule, for the demo web and tests on 127.0.0.1; ``COLLECTOR_PRIVATE_HOSTS_ALLOWED``
lifts it for the listed hosts only (``host`` or ``host:port``, an intranet mirror).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from http.cookies import CookieError, SimpleCookie
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.httpobj import urlparse_cached

from collector.urls import canonicalize_url, is_private_host

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


def returns_to_chain(sources: Sequence[str], target: str) -> bool:
    """Whether a redirect leads back to a URL its chain came through, the chain having
    come back nowhere before."""
    chain = [canonicalize_url(source) for source in sources]
    return canonicalize_url(target) in chain and len(set(chain)) == len(chain)


def cookie_pairs(headers: Iterable[bytes]) -> list[str]:
    """The ``name=value`` pairs of ``Set-Cookie`` header values (attributes dropped; a
    malformed header is passed over)."""
    pairs = []
    for header in headers:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header.decode("latin-1"))
        except CookieError:
            continue
        pairs += [f"{name}={morsel.value}" for name, morsel in jar.items()]
    return pairs


def stop_at_known(crawler: Crawler, redirected: Request) -> Request:
    """Let a redirect through unless it leads to an article the crawl already has or has
    requested, or to a page rejected before (the spider's ``redirected`` decides and
    records its sources).

    Raises:
        IgnoreRequest: the target is known, requested or rejected before.
    """
    is_known = getattr(crawler.spider, "redirected", None)
    refresh = redirected.meta.get("refresh") is not None  # a stored article asked again
    if is_known and is_known(redirected.meta["redirect_urls"], redirected.url, refresh):
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

    def _build_redirect_request(
        self, source_request: Request, response: Response, *, url: str, **kwargs: Any
    ) -> Request:
        redirected = super()._build_redirect_request(source_request, response, url=url, **kwargs)
        set_here = cookie_pairs(response.headers.getlist("Set-Cookie"))
        redirected.meta["redirect_cookies"] = [
            *source_request.meta.get("redirect_cookies", []),
            *set_here,
        ]
        return redirected

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        redirected = super()._redirect(redirected, request, reason)
        if not returns_to_chain(redirected.meta["redirect_urls"], redirected.url):
            return stop_at_known(self.crawler, redirected)
        self.crawler.stats.inc_value("redirect/back-with-cookies")  # type: ignore[union-attr]
        cookies = redirected.meta.pop("redirect_cookies", [])
        if cookies and urlparse_cached(redirected).netloc == urlparse_cached(request).netloc:
            redirected.headers["Cookie"] = "; ".join(cookies)
        return redirected.replace(dont_filter=True)


class MetaRefreshToKnownMiddleware(MetaRefreshMiddleware):
    """Scrapy's ``<meta http-equiv="refresh">`` redirects, stopped like
    :class:`RedirectToKnownMiddleware`'s."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        return stop_at_known(self.crawler, super()._redirect(redirected, request, reason))
