"""Retry-After values: seconds or an HTTP date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from collector.retry_after import parse_retry_after

NOW = datetime(2024, 10, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        (" 5 ", 5.0),
        ("Tue, 01 Oct 2024 12:00:30 GMT", 30.0),
        (b"Tue, 01 Oct 2024 11:00:00 GMT", 0.0),  # in the past: now
        ("soon", None),
        ("-3", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: bytes | str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


def test_an_outlet_that_asked_to_wait_gets_its_requests_one_at_a_time(monkeypatch) -> None:
    # Released together when the pause ends, the waiting requests would be the burst the
    # server refused again, and each would use up its retries.
    import asyncio
    from types import SimpleNamespace

    from scrapy import Request, Spider
    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    import collector.retry_after as module

    clock, waits = [100.0], []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(module, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    monkeypatch.setattr(module, "sleep", sleep)
    crawler = get_crawler(Spider)
    crawler.spider = Spider.from_crawler(crawler, name="s")
    middleware = module.RetryAfterMiddleware(crawler, crawler.stats, 120.0)

    def ask(url: str) -> None:
        asyncio.run(middleware.process_request(Request(url)))

    for path in ("a", "b"):  # no pause asked yet: no waiting
        ask(f"https://busy.example/{path}")
    assert waits == []
    request = Request("https://busy.example/c")
    refused = Response(request.url, status=429, headers={"Retry-After": "3"}, request=request)
    retry = middleware.process_response(request, refused)
    assert isinstance(retry, Request) and retry.url == request.url
    for path in ("c", "d", "e"):
        ask(f"https://busy.example/{path}")
    assert waits == [3.0, 3.0 + module.SPACING, 3.0 + 2 * module.SPACING]
    ask("https://calm.example/a")  # other outlets do not wait
    assert len(waits) == 3
