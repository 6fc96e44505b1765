"""Private hosts are refused, except those explicitly allowed; redirects to articles the
crawl has are stopped before a request for them exists."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from collector.middlewares import (
    MetaRefreshToKnownMiddleware,
    PrivateHostMiddleware,
    RedirectToKnownMiddleware,
)
from collector.spiders.grow import GrowSpider


def middleware(**settings: object) -> PrivateHostMiddleware:
    return PrivateHostMiddleware.from_crawler(get_crawler(settings_dict=settings))


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/news",
        "http://127.0.0.1:8080/story",
        "http://localhost/story",
        "http://[::1]/story",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(IgnoreRequest, match="private host"):
        middleware().process_request(Request(url))


def test_public_hosts_pass() -> None:
    assert middleware().process_request(Request("https://news.example.org/story")) is None


def test_listed_hosts_are_allowed_and_only_they() -> None:
    allowed = middleware(COLLECTOR_PRIVATE_HOSTS_ALLOWED="127.0.0.1:8080,10.1.2.3")
    assert allowed.process_request(Request("http://127.0.0.1:8080/story")) is None
    assert allowed.process_request(Request("http://10.1.2.3/any/port:9")) is None
    with pytest.raises(IgnoreRequest):
        allowed.process_request(Request("http://127.0.0.1:9999/story"))  # another port
    with pytest.raises(IgnoreRequest):
        allowed.process_request(Request("http://169.254.169.254/"))


def test_allowing_every_private_host_disables_the_middleware() -> None:
    with pytest.raises(NotConfigured):
        middleware(COLLECTOR_ALLOW_PRIVATE_HOSTS=True)


REDIRECTOR = "https://news.example/rss/articles/CBMi42"
TARGET = "https://outlet.example/news/story.html"


def grow_crawler() -> tuple[GrowSpider, RedirectToKnownMiddleware, MetaRefreshToKnownMiddleware]:
    """A grow spider on the project's settings (not started) and the redirect middlewares."""
    settings = Settings()
    settings.setmodule("collector.settings", priority="project")
    crawler = Crawler(GrowSpider, settings)
    crawler.stats = MemoryStatsCollector(crawler)
    spider = GrowSpider.from_crawler(crawler)
    crawler.spider = spider
    return (
        spider,
        RedirectToKnownMiddleware.from_crawler(crawler),
        MetaRefreshToKnownMiddleware.from_crawler(crawler),
    )


def redirect(url: str = REDIRECTOR, to: str = TARGET) -> tuple[Request, Response]:
    request = Request(url, meta={"lead": {"url": url}})
    return request, Response(url, status=302, headers={"Location": to}, request=request)


def test_a_redirect_to_a_new_article_is_followed_and_counts_as_requested() -> None:
    spider, middleware, _ = grow_crawler()
    followed = middleware.process_response(*redirect())
    assert isinstance(followed, Request)
    assert (followed.url, followed.meta["redirect_urls"]) == (TARGET, [REDIRECTOR])
    assert TARGET in spider.requested
    assert spider.pending_leads == []


def test_a_redirect_to_a_requested_article_is_stopped_before_its_request_exists() -> None:
    """The article was requested from a feed whose request has not reached the scheduler
    yet. A request for the redirect's target, even one dropped later, would take the
    scheduler's fingerprint of the URL, and the feed's request would be dropped as its
    duplicate: the article would be lost for the run."""
    spider, middleware, _ = grow_crawler()
    spider.requested.add(TARGET)
    with pytest.raises(IgnoreRequest, match="redirect to a known article"):
        middleware.process_response(*redirect())
    [lead] = spider.pending_leads
    assert (lead["url"], lead["detail"], lead["reason"]) == (REDIRECTOR, TARGET, "redirect-known")


def test_a_stored_articles_redirect_is_followed_though_a_lead_asked_for_its_target() -> None:
    # The outlet rewrote the headline and moved the article to a new URL, which a search
    # answer led to first; the article asked again goes there as itself.
    spider, middleware, _ = grow_crawler()
    spider.requested.add(TARGET)
    request = Request(REDIRECTOR, meta={"lead": {"url": REDIRECTOR}, "refresh": 7})
    response = Response(REDIRECTOR, status=301, headers={"Location": TARGET}, request=request)
    followed = middleware.process_response(request, response)
    assert isinstance(followed, Request) and followed.url == TARGET
    assert followed.meta["refresh"] == 7 and spider.pending_leads == []


def test_a_meta_refresh_to_a_stored_article_is_stopped() -> None:
    spider, _, middleware = grow_crawler()
    spider.known[TARGET] = 7
    request = Request(REDIRECTOR)
    page = f'<html><head><meta http-equiv="refresh" content="0; url={TARGET}"></head></html>'
    response = HtmlResponse(REDIRECTOR, body=page.encode(), request=request)
    with pytest.raises(IgnoreRequest, match="redirect to a known article"):
        middleware.process_response(request, response)
    assert spider.known[REDIRECTOR] == 7


CONSENT = "https://outlet.example/consent?return=https%3A%2F%2Foutlet.example%2Fnews%2Fstory.html"


def test_a_consent_check_sending_back_to_the_article_is_followed_once_with_its_cookie() -> None:
    spider, middleware, _ = grow_crawler()
    spider.requested.add(TARGET)  # the article's own request is the one redirected
    request = Request(TARGET, meta={"lead": {"url": TARGET}})
    to_consent = middleware.process_response(
        request, Response(TARGET, status=302, headers={"Location": CONSENT}, request=request)
    )
    assert isinstance(to_consent, Request) and to_consent.url == CONSENT
    answer = Response(
        CONSENT,
        status=302,
        headers={"Location": TARGET, "Set-Cookie": "consent=1; Path=/; Max-Age=31536000"},
        request=to_consent,
    )
    back = middleware.process_response(to_consent, answer)
    assert isinstance(back, Request) and back.url == TARGET
    assert back.headers.get("Cookie") == b"consent=1"
    assert back.dont_filter  # the scheduler has seen the URL: its first request
    # A site that asks again (no cookie kept) is not followed round in circles.
    with pytest.raises(IgnoreRequest):
        middleware.process_response(
            back, Response(TARGET, status=302, headers={"Location": CONSENT}, request=back)
        )


def test_a_stored_article_asked_again_goes_through_its_consent_check() -> None:
    # The consent URL became an alias of the article the day it was stored; the next day the
    # article is asked again (its feed says it changed) and takes the same hop.
    spider, middleware, _ = grow_crawler()
    spider.known.update({TARGET: 7, CONSENT: 7})
    request = Request(TARGET, meta={"lead": {"url": TARGET}})
    followed = middleware.process_response(
        request, Response(TARGET, status=302, headers={"Location": CONSENT}, request=request)
    )
    assert isinstance(followed, Request) and followed.url == CONSENT
    # A redirect from elsewhere to the stored article is still stopped.
    with pytest.raises(IgnoreRequest):
        middleware.process_response(*redirect(to=TARGET))
