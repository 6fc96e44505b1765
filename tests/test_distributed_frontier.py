"""The leased frontier and the shared seen-request filter, on a real Redis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from redis_server import redis_server
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from collector.distributed.keys import CrawlKeys
from collector.distributed.ledger import Ledger
from collector.distributed.queue import LeasedPriorityQueue, drained, release, requeue_dead
from collector.distributed.scheduler import CanonicalDupeFilter
from collector.distributed.shared import SharedCrawl
from collector.middlewares import RedirectToKnownMiddleware


class Probe(Spider):
    name = "probe"

    def parse(self, response):  # type: ignore[no-untyped-def]
        return None


@pytest.fixture
def server(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()


def queue(server: redis.Redis, keys: CrawlKeys, worker: str) -> LeasedPriorityQueue:
    return LeasedPriorityQueue(server, Probe(), keys.requests, leases_key=keys.leases(worker))


def urls(requests: list[Request | None]) -> list[str | None]:
    return [r.url if r else None for r in requests]


def test_leases_come_best_first_and_stay_held_until_acked(server: redis.Redis) -> None:
    keys = CrawlKeys("t")
    q = queue(server, keys, "w1")
    for url, priority in [("http://a/low", 10), ("http://a/high", 900), ("http://a/mid", 400)]:
        q.push(Request(url, priority=priority))
    taken = [q.lease() for _ in range(4)]
    assert [t[0].url if t else None for t in taken] == [
        "http://a/high", "http://a/mid", "http://a/low", None,
    ]  # fmt: skip
    assert len(q) == 0
    assert server.hlen(keys.leases("w1")) == 3
    q.ack([taken[0][1], taken[2][1]])  # type: ignore[index]
    assert server.hlen(keys.leases("w1")) == 1


def test_a_dead_workers_leases_go_back_with_their_priority(server: redis.Redis) -> None:
    keys = CrawlKeys("t")
    shared = SharedCrawl(server, keys)
    dead, alive = queue(server, keys, "dead"), queue(server, keys, "alive")
    for url, priority in [("http://a/1", 100), ("http://a/2", 300), ("http://a/3", 200)]:
        dead.push(Request(url, priority=priority))
    shared.beat("dead", 60_000)
    shared.beat("alive", 60_000)
    dead.lease(), dead.lease()
    alive.lease()
    assert requeue_dead(server, keys) == 0
    server.delete(keys.alive("dead"))  # its heartbeat expired
    assert requeue_dead(server, keys) == 2
    assert server.smembers(keys.workers) == {b"alive"}
    assert not server.exists(keys.leases("dead"))
    assert server.hlen(keys.leases("alive")) == 1
    assert urls([alive.pop(), alive.pop(), alive.pop()]) == ["http://a/2", "http://a/3", None]


def test_release_returns_what_a_leaving_worker_holds(server: redis.Redis) -> None:
    keys = CrawlKeys("t")
    SharedCrawl(server, keys).beat("w", 60_000)
    q = queue(server, keys, "w")
    q.push(Request("http://a/1"))
    q.lease()
    assert release(server, keys, "w") == 1
    assert len(q) == 1
    assert not server.sismember(keys.workers, "w")
    assert not server.exists(keys.alive("w"))


def test_drained_needs_seeding_done_an_empty_frontier_and_no_lease(server: redis.Redis) -> None:
    keys = CrawlKeys("t")
    shared = SharedCrawl(server, keys)
    q = queue(server, keys, "w")
    shared.beat("w", 60_000)
    assert not drained(server, keys)  # nobody seeded yet
    assert shared.claim_seeding("w")
    q.push(Request("http://a/1"))
    shared.finish_seeding()
    assert not drained(server, keys)  # something to fetch
    _, token = q.lease()  # type: ignore[misc]
    assert not drained(server, keys)  # someone is fetching it
    q.ack([token])
    assert drained(server, keys)


def test_canonical_addresses_of_one_article_are_seen_once(server: redis.Redis) -> None:
    seen = CanonicalDupeFilter(server, "t:dupefilter")
    assert not seen.request_seen(Request("https://www.example.com/news/story?utm_source=x"))
    assert seen.request_seen(Request("https://example.com/news/story#top"))
    assert seen.request_seen(Request("https://m.example.com/news/story/amp"))
    assert not seen.request_seen(Request("https://example.com/news/other"))
    assert not seen.request_seen(Request("https://example.com/news/story", method="POST"))


def test_a_redirect_to_a_page_another_worker_requested_is_not_queued(
    server: redis.Redis,
) -> None:
    keys = CrawlKeys("t")
    one, two = (
        Ledger(
            server, keys, w, queue(server, keys, w), CanonicalDupeFilter(server, keys.dupefilter)
        )
        for w in ("w1", "w2")
    )
    assert one.queue_request(Request("https://example.com/news/story"))
    hit = Request("https://news.example/rss/articles/CBMiZGFrLXh1?oc=5")
    response = Response(
        hit.url,
        status=302,
        headers={"Location": "https://example.com/news/story?utm_source=rss"},
        request=hit,
    )
    middleware = RedirectToKnownMiddleware.from_crawler(get_crawler(Probe))
    redirect = middleware.process_response(hit, response)
    assert isinstance(redirect, Request) and redirect.url.startswith("https://example.com/")
    assert not two.queue_request(redirect)
    assert two.queue_request(Request("https://example.com/news/other"))


def test_crawls_do_not_share_keys(server: redis.Redis) -> None:
    a, b = CrawlKeys("a"), CrawlKeys("b")
    queue(server, a, "w").push(Request("http://a/1"))
    queue(server, b, "w").push(Request("http://b/1"))
    assert SharedCrawl(server, a).reset() == 1
    assert urls([queue(server, b, "w").pop()]) == ["http://b/1"]


def test_the_ledger_keeps_what_redis_cannot_take_until_it_is_back(tmp_path: Path) -> None:
    keys = CrawlKeys("t")
    with redis_server(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        server = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        q = queue(server, keys, "w")
        ledger = Ledger(server, keys, "w", q, CanonicalDupeFilter(server, keys.dupefilter))
        assert ledger.queue_request(Request("http://a/1"))
        _, token = q.lease()  # type: ignore[misc]
    # Redis is gone.
    assert ledger.queue_request(Request("http://a/2"))
    assert ledger.queue_request(Request("http://a/3", dont_filter=True))
    ledger.owe([token], {"leads": [{"url": "http://a/1", "status": "stored"}]})
    assert not ledger.settle()
    assert len(ledger) == 4
    with redis_server(tmp_path, port):  # back, empty (no persistence)
        assert ledger.settle()
        assert len(ledger) == 0
        assert urls([q.pop(), q.pop(), q.pop()]) == ["http://a/2", "http://a/3", None]
        assert server.llen(keys.items) == 1
        assert not ledger.queue_request(Request("http://a/2?utm_source=x"))  # seen already
