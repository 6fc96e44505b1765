"""The grow spider's configuration: GDELT's download slot, the User-Agent, retry delays."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.settings import Settings

from collector.spiders.grow import GrowSpider
from collector.spiders.providers import retry_after


def get_crawler(spidercls: type[GrowSpider], overrides: dict[str, Any]) -> Crawler:
    """A crawler with the project's settings, not started (its settings not yet frozen)."""
    settings = Settings()
    settings.setmodule("collector.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return Crawler(spidercls, settings)


def crawler_settings(**overrides: Any) -> dict[str, Any]:
    return overrides


def test_gdelt_hosts_get_their_own_paced_slot() -> None:
    search = ["gdelt=https://api.gdeltproject.org/api/v2/doc/doc?query={query}",
              "rss=https://news.google.com/rss/search?q={query}"]  # fmt: skip
    crawler = get_crawler(GrowSpider, crawler_settings(COLLECTOR_SEARCH=search))
    GrowSpider.from_crawler(crawler)
    slots = crawler.settings.getdict("DOWNLOAD_SLOTS")
    assert slots == {"gdelt:api.gdeltproject.org": {"concurrency": 1, "delay": 5.0, "jitter": 0.0}}


def test_interval_zero_leaves_gdelt_unpaced() -> None:
    search = ["gdelt=http://127.0.0.1:9/api/v2/doc/doc?query={query}"]
    crawler = get_crawler(
        GrowSpider, crawler_settings(COLLECTOR_SEARCH=search, COLLECTOR_GDELT_INTERVAL=0)
    )
    GrowSpider.from_crawler(crawler)
    assert crawler.settings.getdict("DOWNLOAD_SLOTS") == {}


def test_the_user_agent_names_the_contact_url() -> None:
    crawler = get_crawler(
        GrowSpider, crawler_settings(COLLECTOR_CONTACT_URL="https://example.org/crawler")
    )
    GrowSpider.from_crawler(crawler)
    assert crawler.settings["USER_AGENT"].endswith("(+https://example.org/crawler)")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [(None, None), (b"7", 7.0), (b"100000", 600.0), (b"soon", None),
     (b"Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)  # fmt: skip
def test_retry_after(header: bytes | None, seconds: float | None) -> None:
    headers = {"Retry-After": header} if header else {}
    response = Response("https://g.example/api", status=429, headers=headers,
                        request=Request("https://g.example/api"))  # fmt: skip
    assert retry_after(response) == seconds
