"""What workers and the writer share in Redis besides the frontier, on a real Redis."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
import redis

from collector.distributed.keys import CrawlKeys
from collector.distributed.shared import SharedCrawl
from collector.relevance import build_profile


@pytest.fixture
def shared(redis_url: str) -> Iterator[SharedCrawl]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield SharedCrawl(client, CrawlKeys("t"))
    client.flushdb()


def test_one_live_worker_seeds_and_a_dead_seeders_claim_passes_on(shared: SharedCrawl) -> None:
    shared.beat("a", 60_000)
    shared.beat("b", 60_000)
    assert shared.claim_seeding("a")
    assert not shared.claim_seeding("b")
    assert not shared.seeding_stalled()
    shared.server.delete(shared.keys.alive("a"))
    assert shared.seeding_stalled()
    assert shared.claim_seeding("b")
    shared.finish_seeding()
    assert not shared.claim_seeding("a")
    assert not shared.seeding_stalled()


def test_the_profile_is_shared_as_learnt(shared: SharedCrawl) -> None:
    assert shared.profile() is None
    profile = build_profile(
        ["Kenyan police arrive in Haiti to fight gangs", "Haiti gangs meet Kenyan police"],
        excluded=["football"],
        names=("haiti", "kenya"),
        language="fr",
    )
    profile = dataclasses.replace(
        profile, story_names=frozenset({"haiti", "kenya", "ruto"}), scale=1.4
    )
    shared.publish_profile(profile)
    assert shared.profile() == profile


def test_one_writer_at_a_time(shared: SharedCrawl) -> None:
    assert shared.hold_writer("w1", 60_000)
    assert shared.hold_writer("w1", 60_000)
    assert not shared.hold_writer("w2", 60_000)
    shared.release_writer("w2")
    assert not shared.hold_writer("w2", 60_000)
    shared.release_writer("w1")
    assert shared.hold_writer("w2", 60_000)


def test_messages_are_taken_in_order_and_kept_until_acked(shared: SharedCrawl) -> None:
    for n in range(5):
        shared.send(f"m{n}".encode())
    first = shared.take(3)
    assert [m for _, m in first] == [b"m0", b"m1", b"m2"]
    shared.ack([first[1][0]])
    assert [m for _, m in shared.pending()] == [b"m0", b"m2"]
    assert [m for _, m in shared.take(10)] == [b"m3", b"m4"]
    assert shared.take(10) == []


def test_the_first_writers_run_id_wins(shared: SharedCrawl) -> None:
    assert shared.run_id() is None
    assert shared.open_run(7) == 7
    assert shared.open_run(9) == 7
    assert shared.run_id() == 7


def test_known_urls_round_trip_in_chunks(shared: SharedCrawl) -> None:
    urls = [f"https://a.example/{n}" for n in range(25)]
    shared.publish_known(iter(urls), chunk=10)
    assert sorted(shared.known_urls()) == sorted(urls)


def test_the_outlet_budget_is_crawl_wide(shared: SharedCrawl) -> None:
    assert [shared.take_outlet_page("a.example", 2) for _ in range(3)] == [True, True, False]
    assert shared.take_outlet_page("b.example", 2)


def test_worker_counters_add_up(shared: SharedCrawl) -> None:
    shared.add_stats({"response_received_count": 3, "finish_reason": "finished", "flag": True})
    shared.add_stats({"response_received_count": 4, "log_count/ERROR": 1})
    assert shared.stats() == {"response_received_count": 7, "log_count/ERROR": 1}


def test_the_crawl_is_over_only_when_everything_is_done(shared: SharedCrawl) -> None:
    shared.beat("w", 60_000)
    assert not shared.finished()  # not seeded
    shared.claim_seeding("w")
    shared.finish_seeding()
    assert not shared.finished()  # a worker is still registered
    shared.server.srem(shared.keys.workers, "w")
    shared.send(b"m")
    assert not shared.finished()  # a message waits for the writer
    shared.take(1)
    assert shared.finished()
