"""Outlet template counts travel between the corpus, the writer and workers through Redis."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from collector.boilerplate import BlockCount, NewCounts
from collector.distributed import messages, templates
from collector.distributed.keys import CrawlKeys
from collector.distributed.shared import SharedCrawl
from collector.store import Store, StoreError

DAY = datetime(2024, 10, 1, 9, tzinfo=UTC)
LATER = datetime(2024, 10, 2, 18, 30, tzinfo=UTC)


@pytest.fixture
def shared(redis_url: str) -> Iterator[SharedCrawl]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield SharedCrawl(client, CrawlKeys("t"))
    client.flushdb()


def counts(pages: int) -> dict[str, NewCounts]:
    return {
        "a.example": NewCounts(
            BlockCount("a.example", pages, 1, DAY, LATER),
            {"read more": BlockCount("READ MORE:", pages, 0, DAY, LATER)},
        )
    }


def test_a_worker_sees_the_counts_the_corpus_holds(shared: SharedCrawl, tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.add_template_counts(counts(4))
    assert templates.publish(store, shared) == 1
    remote = templates.RemoteTemplates(shared)
    assert remote.template_counts("a.example") == store.template_counts("a.example")
    assert remote.template_counts("b.example") == (BlockCount("b.example"), {})


def test_what_a_worker_learns_reaches_the_corpus(shared: SharedCrawl, tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.add_template_counts(counts(4))
    templates.RemoteTemplates(shared).add_template_counts(counts(2))
    [(_, data)] = shared.take(1)
    kind, body = messages.decode(data)
    assert kind == messages.TEMPLATES
    store.add_template_counts(templates.decode_counts(body))
    outlet, blocks = store.template_counts("a.example")
    assert (outlet.pages, blocks["read more"].pages) == (6, 6)


def test_blocks_a_worker_forgot_are_deleted_from_the_corpus(
    shared: SharedCrawl, tmp_path: Path
) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.add_template_counts(counts(4))
    forgot = {"a.example": NewCounts(BlockCount("a.example", 1), {}, frozenset({"read more"}))}
    templates.RemoteTemplates(shared).add_template_counts(forgot)
    [(_, data)] = shared.take(1)
    store.add_template_counts(templates.decode_counts(messages.decode(data)[1]))
    outlet, blocks = store.template_counts("a.example")
    assert (outlet.pages, blocks) == (5, {})


@pytest.mark.parametrize(
    "broken",
    [
        {"pages": "4"},
        {"text": 7},
        {"first_seen": "2024-10-01"},
        {"colour": "red"},
    ],
)
def test_counts_of_the_wrong_shape_are_refused_before_they_reach_a_batch(broken: dict) -> None:
    sent = messages.encode(messages.TEMPLATES, templates.encode_counts(counts(2)))
    _, body = messages.decode(sent)
    assert templates.decode_counts(body) == counts(2)
    body["a.example"][1]["read more"].update(broken)
    with pytest.raises((TypeError, ValueError)):
        templates.decode_counts(body)


@pytest.mark.parametrize(
    ("part", "value", "named"),
    [(2, [3], "block keys"), (2, "read more", "block keys"), (1, ["read more"], "block counts")],
)
def test_a_message_of_the_wrong_shape_is_refused(part: int, value: object, named: str) -> None:
    body = templates.encode_counts(counts(2))
    body["a.example"][part] = value
    with pytest.raises(ValueError, match=named):
        templates.decode_counts(body)


def test_a_redis_that_does_not_answer_is_a_store_error() -> None:
    gone = SharedCrawl(redis.Redis(port=1, socket_connect_timeout=1), CrawlKeys("t"))
    with pytest.raises(StoreError, match="a.example"):
        templates.RemoteTemplates(gone).template_counts("a.example")
    with pytest.raises(StoreError, match="not sent"):
        templates.RemoteTemplates(gone).add_template_counts(counts(1))
