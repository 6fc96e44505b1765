"""What a worker owes Redis: requests to queue, leases to acknowledge, lead records to send.

Everything is kept until Redis has taken it, so a Redis hiccup delays the work and loses
none of it. A lease is acknowledged only when every request queued before it is in the
frontier: the follow-ups of a finished request are never lost with it.
"""

from __future__ import annotations

import logging
from typing import Any

from redis import Redis
from redis.exceptions import RedisError
from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter

from collector.distributed import messages
from collector.distributed.keys import CrawlKeys
from collector.distributed.queue import LeasedPriorityQueue

logger = logging.getLogger(__name__)


class Ledger:
    """A worker's debts to Redis, settled in order: requests first, then records and acks."""

    def __init__(
        self,
        server: Redis,
        keys: CrawlKeys,
        worker: str,
        queue: LeasedPriorityQueue,
        seen: RFPDupeFilter,
    ) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.queue = queue
        self.seen = seen
        self.backlog: list[tuple[Request, bool]] = []  # (request, still to be filtered)
        self.tokens: list[str] = []
        self.rows: dict[str, list[dict[str, Any]]] = {}

    def __len__(self) -> int:
        return len(self.backlog) + len(self.tokens) + sum(len(r) for r in self.rows.values())

    def queue_request(self, request: Request) -> bool:
        """Filter and queue a request; False if it was seen before. Kept for later when Redis
        does not answer."""
        self._flush_backlog()
        if self.backlog:
            self.backlog.append((request, not request.dont_filter))
            return True
        return self._queue(request, not request.dont_filter)

    def owe(self, tokens: list[str], records: dict[str, list[dict[str, Any]]]) -> None:
        """Remember finished leases and lead records to hand over."""
        self.tokens.extend(tokens)
        for name, rows in records.items():
            if rows:
                self.rows.setdefault(name, []).extend(rows)

    def settle(self) -> bool:
        """Pay what can be paid; True when nothing is owed any more."""
        self._flush_backlog()
        if self.backlog or not (self.tokens or self.rows):
            return not self.backlog
        pipe = self.server.pipeline(transaction=True)
        if self.rows:
            pipe.lpush(self.keys.items, messages.encode(messages.RECORDS, self.rows))
        if self.tokens:
            pipe.hdel(self.keys.leases(self.worker), *self.tokens)
        try:
            pipe.execute()
        except RedisError as exc:
            logger.warning("Redis did not take %d acknowledgements and records: %s", len(self), exc)
            return False
        self.tokens, self.rows = [], {}
        return True

    def _queue(self, request: Request, check: bool) -> bool:
        try:
            if check and self.seen.request_seen(request):
                return False
        except RedisError as exc:
            logger.warning("Redis did not answer, request kept for later: %s", exc)
            self.backlog.append((request, check))
            return True
        try:
            self.queue.push(request)
        except RedisError as exc:
            logger.warning("Redis did not answer, request kept for later: %s", exc)
            self.backlog.append((request, False))
        return True

    def _flush_backlog(self) -> None:
        waiting, self.backlog = self.backlog, []
        for position, (request, check) in enumerate(waiting):
            self._queue(request, check)
            if self.backlog:  # Redis still away: keep the rest, in order
                self.backlog.extend(waiting[position + 1 :])
                return
