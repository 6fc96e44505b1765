"""Private hosts are refused, except those explicitly allowed."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.test import get_crawler

from collector.middlewares import PrivateHostMiddleware


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
