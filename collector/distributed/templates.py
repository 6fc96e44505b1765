"""Outlet template counts in a distributed crawl, where only the writer opens the corpus.

The writer publishes the counts stored in the corpus to Redis when it starts; a worker loads
an outlet's counts from there on its first page of the outlet, learns from the pages it
extracts, and sends what it learned to the writer, which adds it to the corpus. Workers do
not see each other's new counts during a crawl, so an outlet's template is recognised a few
pages later than in one process; the stored counts end up the same.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from redis.exceptions import RedisError

from collector.boilerplate import BlockCount, NewCounts
from collector.distributed import messages
from collector.distributed.shared import SharedCrawl
from collector.store import Store, StoreError

logger = logging.getLogger(__name__)


def encode_counts(counts: Mapping[str, NewCounts]) -> dict[str, Any]:
    """Template counts as JSON-ready data (datetimes stay for :mod:`.messages`)."""
    return {
        source: [
            asdict(c.outlet),
            {key: asdict(b) for key, b in c.blocks.items()},
            sorted(c.forgotten),
        ]
        for source, c in counts.items()
    }


def decode_counts(data: Mapping[str, Any]) -> dict[str, NewCounts]:
    """Inverse of :func:`encode_counts`.

    Raises:
        TypeError, ValueError: ``data`` does not hold template counts.
    """
    decoded = {}
    for source, (outlet, blocks, forgotten) in data.items():
        if not isinstance(blocks, dict):
            raise ValueError(f"not block counts: {blocks!r:.200}")
        decoded[source] = NewCounts(
            _block(outlet),
            {key: _block(b) for key, b in blocks.items()},
            frozenset(_keys(forgotten)),
        )
    return decoded


def _block(data: Mapping[str, Any]) -> BlockCount:
    """A count with the types the corpus's columns take, or ValueError."""
    block = BlockCount(**data)
    if not (
        isinstance(block.text, str)
        and all(type(n) is int for n in (block.pages, block.offtopic_pages))
        and all(d is None or isinstance(d, datetime) for d in (block.first_seen, block.last_seen))
    ):
        raise ValueError(f"not a template count: {dict(data)!r:.200}")
    return block


def _keys(forgotten: Any) -> list[str]:
    if not isinstance(forgotten, list) or not all(isinstance(k, str) for k in forgotten):
        raise ValueError(f"not a list of block keys: {forgotten!r:.200}")
    return forgotten


def _dates(obj: dict[str, Any]) -> dict[str, Any]:
    for name in ("first_seen", "last_seen"):
        if isinstance(obj.get(name), str):
            obj[name] = datetime.fromisoformat(obj[name])
    return obj


def publish(store: Store, shared: SharedCrawl) -> int:
    """Share every outlet's stored template counts; return how many outlets have some."""
    _, rows = store.query("SELECT source FROM outlet_pages")
    pipe = shared.server.pipeline()
    for (source,) in rows:
        outlet, blocks = store.template_counts(source)
        data = encode_counts({source: NewCounts(outlet, blocks)})[source][:2]  # none forgotten
        pipe.hset(shared.keys.templates, source, json.dumps(data, default=str))
    pipe.execute()
    return len(rows)


class RemoteTemplates:
    """What the extract pipeline asks of ``spider.store`` on a worker: the stored template
    counts (from Redis) and a place for new ones (a message to the writer)."""

    def __init__(self, shared: SharedCrawl) -> None:
        self.shared = shared

    def template_counts(self, source: str) -> tuple[BlockCount, dict[str, BlockCount]]:
        """An outlet's counts as the writer published them (zero for an outlet never seen).

        Raises:
            StoreError: Redis did not answer.
        """
        try:
            raw = self.shared.server.hget(self.shared.keys.templates, source)
        except RedisError as exc:
            raise StoreError(f"template counts of {source} not in reach: {exc}") from exc
        if raw is None:
            return BlockCount(source), {}
        outlet, blocks = json.loads(raw)
        return BlockCount(**_dates(outlet)), {k: BlockCount(**_dates(b)) for k, b in blocks.items()}

    def add_template_counts(self, counts: Mapping[str, NewCounts]) -> None:
        """Send newly learned counts to the writer.

        Raises:
            StoreError: Redis did not take them (the pipeline keeps them for later).
        """
        try:
            self.shared.send(messages.encode(messages.TEMPLATES, encode_counts(counts)))
        except RedisError as exc:
            raise StoreError(f"template counts not sent: {exc}") from exc
