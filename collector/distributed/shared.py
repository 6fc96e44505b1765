"""What the workers and the writer of one crawl share in Redis, besides the frontier.

Worker liveness, who seeds the crawl, the topic profile, the writer's lock and run id, the
URLs already in the corpus, the per-outlet page budget, summed counters, the message list
from the workers to the writer, and the end of the crawl.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice

from redis import Redis
from scrapy.settings import BaseSettings
from scrapy_redis.connection import get_redis_from_settings

from collector.distributed.keys import CrawlKeys
from collector.relevance import TopicProfile

# KEYS: seeding; ARGV: worker, alive-key prefix. 1 if the worker may seed the crawl: nobody
# has finished seeding it and whoever started is no longer alive.
_CLAIM_SEEDING = """
if redis.call('HGET', KEYS[1], 'status') == 'done' then return 0 end
local seeder = redis.call('HGET', KEYS[1], 'worker')
if seeder and seeder ~= ARGV[1] and redis.call('EXISTS', ARGV[2] .. seeder) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'worker', ARGV[1], 'status', 'seeding')
return 1
"""

# KEYS: writer; ARGV: writer id, ttl ms. 1 if the lock is (still) ours.
_HOLD_WRITER = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""

# KEYS: seeding, frontier, workers, items. 1 when the crawl is over for the writer: seeded,
# nothing to fetch, no worker left (a worker unregisters after its last message), no message.
_FINISHED = """
if redis.call('HGET', KEYS[1], 'status') ~= 'done' then return 0 end
if redis.call('ZCARD', KEYS[2]) + redis.call('SCARD', KEYS[3]) + redis.call('LLEN', KEYS[4]) > 0
then return 0 end
return 1
"""

# KEYS: items, pending, pending_seq; ARGV: how many. Moves messages into the pending hash.
_TAKE = """
local out = {}
for _ = 1, tonumber(ARGV[1]) do
  local message = redis.call('RPOP', KEYS[1])
  if not message then break end
  local id = redis.call('INCR', KEYS[3])
  redis.call('HSET', KEYS[2], id, message)
  table.insert(out, id)
  table.insert(out, message)
end
return out
"""


class SharedCrawl:
    """One crawl's shared state in Redis (see :class:`CrawlKeys` for the keys)."""

    def __init__(self, server: Redis, keys: CrawlKeys) -> None:
        self.server = server
        self.keys = keys
        self._claim = server.register_script(_CLAIM_SEEDING)
        self._hold = server.register_script(_HOLD_WRITER)
        self._finished = server.register_script(_FINISHED)
        self._take = server.register_script(_TAKE)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SharedCrawl:
        """The crawl named by ``COLLECTOR_CRAWL`` on the Redis of ``REDIS_URL``."""
        return cls(get_redis_from_settings(settings), CrawlKeys(settings.get("COLLECTOR_CRAWL")))

    # -- workers -------------------------------------------------------------------------

    def beat(self, worker: str, timeout_ms: int) -> None:
        """Say that ``worker`` is alive for the next ``timeout_ms`` (and registered)."""
        pipe = self.server.pipeline()
        pipe.set(self.keys.alive(worker), 1, px=timeout_ms)
        pipe.sadd(self.keys.workers, worker)
        pipe.execute()

    def claim_seeding(self, worker: str) -> bool:
        """Whether ``worker`` seeds the crawl (nobody else is alive and seeding it)."""
        prefix = self.keys.alive("")
        return bool(self._claim(keys=[self.keys.seeding], args=[worker, prefix]))

    def finish_seeding(self) -> None:
        """Mark the crawl seeded: its seed articles and first requests are all in Redis."""
        self.server.hset(self.keys.seeding, "status", "done")

    def seeding_stalled(self) -> bool:
        """Whether the worker that started seeding died before it finished."""
        status, seeder = self.server.hmget(self.keys.seeding, ["status", "worker"])
        if status == b"done" or seeder is None:
            return False
        return not self.server.exists(self.keys.alive(_text(seeder)))

    def publish_profile(self, profile: TopicProfile) -> None:
        """Share the topic profile learnt from the seeds (with grown and user terms)."""
        body = {
            "weights": dict(profile.weights),
            "excluded": sorted(profile.excluded),
            "sources": dict(profile.sources),
            "names": list(profile.names),
            "language": profile.language,
            "story_names": sorted(profile.story_names),
            "scale": profile.scale,
        }
        self.server.set(self.keys.profile, json.dumps(body))

    def profile(self) -> TopicProfile | None:
        """The shared topic profile, or None before the seeding worker published it."""
        raw = self.server.get(self.keys.profile)
        if raw is None:
            return None
        body = json.loads(raw)
        return TopicProfile(
            body["weights"],
            frozenset(body["excluded"]),
            body.get("sources", {}),
            tuple(body.get("names", ())),
            body.get("language", "en"),
            frozenset(body.get("story_names", ())),
            body.get("scale", 1.0),
        )

    def take_outlet_page(self, outlet: str, limit: int) -> bool:
        """Count one more page for ``outlet``; False once the outlet is over ``limit``."""
        return int(self.server.hincrby(self.keys.outlets, outlet, 1)) <= limit

    def add_stats(self, stats: Mapping[str, object]) -> None:
        """Add a worker's integer counters to the crawl's."""
        pipe = self.server.pipeline()
        for name, value in stats.items():
            if isinstance(value, int) and not isinstance(value, bool):
                pipe.hincrby(self.keys.stats, name, value)
        pipe.execute()

    def stats(self) -> dict[str, int]:
        """The workers' counters, summed."""
        return {_text(k): int(v) for k, v in self.server.hgetall(self.keys.stats).items()}

    # -- writer --------------------------------------------------------------------------

    def hold_writer(self, writer: str, timeout_ms: int) -> bool:
        """Take or keep the writer's lock; False if another live writer holds it."""
        return bool(self._hold(keys=[self.keys.writer], args=[writer, timeout_ms]))

    def release_writer(self, writer: str) -> None:
        """Give the writer's lock up if ``writer`` holds it."""
        if self.server.get(self.keys.writer) == writer.encode():
            self.server.delete(self.keys.writer)

    def publish_known(self, urls: Iterable[str], chunk: int = 10_000) -> None:
        """Share the URLs already in the corpus, so that workers skip them."""
        it = iter(urls)
        while batch := list(islice(it, chunk)):
            self.server.sadd(self.keys.known, *batch)

    def known_urls(self) -> Iterator[str]:
        """The URLs already in the corpus."""
        for url in self.server.sscan_iter(self.keys.known, count=10_000):
            yield _text(url)

    def open_run(self, run_id: int) -> int:
        """Announce the corpus run the crawl writes as (the first writer's wins); workers
        start once it is set."""
        self.server.set(self.keys.run, run_id, nx=True)
        return int(self.server.get(self.keys.run) or run_id)

    def run_id(self) -> int | None:
        """The crawl's run id, or None while no writer is ready."""
        raw = self.server.get(self.keys.run)
        return int(raw) if raw is not None else None

    # -- messages ------------------------------------------------------------------------

    def send(self, message: bytes) -> None:
        """Queue a message for the writer."""
        self.server.lpush(self.keys.items, message)

    def take(self, limit: int) -> list[tuple[int, bytes]]:
        """Take up to ``limit`` messages, oldest first; they stay pending until acked."""
        flat = self._take(keys=[self.keys.items, self.keys.pending, self.keys.pending_seq],
                          args=[limit])  # fmt: skip
        return [(int(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]

    def pending(self) -> list[tuple[int, bytes]]:
        """Messages taken by a writer and not committed (that writer stopped), oldest first."""
        held = self.server.hgetall(self.keys.pending)
        return sorted((int(k), _bytes(v)) for k, v in held.items())

    def ack(self, ids: Iterable[int]) -> None:
        """Forget messages whose rows are committed to the corpus."""
        ids = list(ids)
        if ids:
            self.server.hdel(self.keys.pending, *ids)

    # -- end -----------------------------------------------------------------------------

    def finished(self) -> bool:
        """Whether the crawl is over: seeded, nothing to fetch, no worker, no message."""
        keys = [self.keys.seeding, self.keys.requests, self.keys.workers, self.keys.items]
        return bool(self._finished(keys=keys))

    def reset(self) -> int:
        """Delete every key of the crawl; return how many there were."""
        keys = list(self.server.scan_iter(match=self.keys.prefix + "*", count=1000))
        for start in range(0, len(keys), 1000):
            self.server.delete(*keys[start : start + 1000])
        return len(keys)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _bytes(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode()
