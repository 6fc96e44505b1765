"""The shared frontier: scrapy-redis's priority queue, with leases.

scrapy-redis pops a request by removing it from the sorted set; a worker killed before it has
finished the request loses it. Here a pop moves the request, in one Lua script, from the
frontier into the worker's lease hash; the worker acknowledges it once Scrapy is done with it
(downloaded, parsed, its items handed to the writer, its follow-ups queued). The requests
leased by a worker whose heartbeat key has expired go back to the frontier with their
priority, so at worst they are fetched twice, never lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count
from typing import Any

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

from collector.distributed.keys import CrawlKeys

# KEYS: frontier, leases; ARGV: token prefix. The token ends with the request's score.
_LEASE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local token = ARGV[1] .. '|' .. top[2]
redis.call('HSET', KEYS[2], token, top[1])
return {token, top[1]}
"""

# Requeue the leases of the given worker (ARGV[2], or every worker whose alive key is gone
# when ARGV[2] is empty) and unregister it. KEYS: workers, frontier; ARGV[1]: key prefix.
_REQUEUE = """
local moved = 0
local workers = redis.call('SMEMBERS', KEYS[1])
for _, w in ipairs(workers) do
  if w == ARGV[2] or (ARGV[2] == '' and redis.call('EXISTS', ARGV[1] .. 'alive:' .. w) == 0) then
    local leases = ARGV[1] .. 'leases:' .. w
    local held = redis.call('HGETALL', leases)
    for i = 1, #held, 2 do
      local score = string.match(held[i], '|([^|]*)$')
      redis.call('ZADD', KEYS[2], score, held[i + 1])
      moved = moved + 1
    end
    redis.call('DEL', leases, ARGV[1] .. 'alive:' .. w)
    redis.call('SREM', KEYS[1], w)
  end
end
return moved
"""

# 1 when nothing is left to fetch: seeding done, frontier empty, no request leased by anyone.
# KEYS: seeding, frontier, workers; ARGV[1]: key prefix.
_DRAINED = """
if redis.call('HGET', KEYS[1], 'status') ~= 'done' then return 0 end
if redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
for _, w in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('HLEN', ARGV[1] .. 'leases:' .. w) > 0 then return 0 end
end
return 1
"""


class LeasedPriorityQueue(PriorityQueue):  # type: ignore[misc]
    """scrapy-redis's ``PriorityQueue`` whose pops are leases held by one worker."""

    def __init__(
        self,
        server: Redis,
        spider: Spider,
        key: str,
        serializer: Any = None,
        *,
        leases_key: str,
    ) -> None:
        super().__init__(server, spider, key, serializer)
        self.leases_key = leases_key
        self._lease = server.register_script(_LEASE)
        self._tokens = count(1)

    def lease(self) -> tuple[Request, str] | None:
        """Take the best request; return it with its lease token, or None if the frontier is
        empty."""
        taken = self._lease(keys=[self.key, self.leases_key], args=[next(self._tokens)])
        if not taken:
            return None
        token, data = taken
        return self._decode_request(data), token.decode()

    def pop(self, timeout: int = 0) -> Request | None:
        taken = self.lease()
        return taken[0] if taken else None

    def ack(self, tokens: Iterable[str]) -> None:
        """Drop finished requests from the lease hash."""
        tokens = list(tokens)
        if tokens:
            self.server.hdel(self.leases_key, *tokens)


def requeue_dead(server: Redis, keys: CrawlKeys) -> int:
    """Return the requests leased by workers that stopped beating to the frontier; return
    how many were requeued."""
    script = server.register_script(_REQUEUE)
    return int(script(keys=[keys.workers, keys.requests], args=[keys.prefix, ""]))


def release(server: Redis, keys: CrawlKeys, worker: str) -> int:
    """Requeue what ``worker`` still holds and unregister it (a clean shutdown)."""
    script = server.register_script(_REQUEUE)
    return int(script(keys=[keys.workers, keys.requests], args=[keys.prefix, worker]))


def drained(server: Redis, keys: CrawlKeys) -> bool:
    """Whether nothing is left to fetch: seeding finished, the frontier is empty and no
    worker holds a request."""
    script = server.register_script(_DRAINED)
    return bool(script(keys=[keys.seeding, keys.requests, keys.workers], args=[keys.prefix]))
