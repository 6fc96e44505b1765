"""The Redis keys of one distributed crawl, all under ``collector:<crawl>:``."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def check_crawl_name(name: str) -> str:
    """Return ``name`` if it can name a crawl's Redis keys.

    Raises:
        ValueError: the name is empty, too long or holds other characters than letters,
            digits, ``_``, ``.`` and ``-``.
    """
    if not _NAME.match(name):
        raise ValueError(
            f"crawl name {name!r}: use 1-64 letters, digits, '_', '.' or '-', "
            "starting with a letter or digit"
        )
    return name


@dataclass(frozen=True)
class CrawlKeys:
    """Key names for one crawl; every key of the crawl starts with :attr:`prefix`."""

    crawl: str

    def __post_init__(self) -> None:
        check_crawl_name(self.crawl)

    @property
    def prefix(self) -> str:
        return f"collector:{self.crawl}:"

    @property
    def requests(self) -> str:
        """The frontier: a sorted set of pickled requests (scrapy-redis ``PriorityQueue``)."""
        return self.prefix + "requests"

    @property
    def dupefilter(self) -> str:
        """Fingerprints of every request ever scheduled in the crawl."""
        return self.prefix + "dupefilter"

    @property
    def workers(self) -> str:
        """Ids of the registered workers."""
        return self.prefix + "workers"

    @property
    def seeding(self) -> str:
        """Hash: the worker that seeds the crawl and the seeding status."""
        return self.prefix + "seeding"

    @property
    def profile(self) -> str:
        """The seed texts the topic profile is built from (JSON)."""
        return self.prefix + "profile"

    @property
    def run(self) -> str:
        """The corpus run id; set by the writer once it is ready for items."""
        return self.prefix + "run"

    @property
    def writer(self) -> str:
        """The writer's lock: its id, expiring unless refreshed."""
        return self.prefix + "writer"

    @property
    def known(self) -> str:
        """Canonical URLs already in the corpus when the crawl started."""
        return self.prefix + "known"

    @property
    def templates(self) -> str:
        """Hash: each outlet's stored template counts (JSON), as the writer found them."""
        return self.prefix + "templates"

    @property
    def outlets(self) -> str:
        """Hash: pages requested per outlet (the page budget)."""
        return self.prefix + "outlets"

    @property
    def stats(self) -> str:
        """Hash: the workers' counters, summed."""
        return self.prefix + "stats"

    @property
    def items(self) -> str:
        """List of messages for the writer (articles and lead records)."""
        return self.prefix + "items"

    @property
    def pending(self) -> str:
        """Hash: messages the writer has taken and not yet committed."""
        return self.prefix + "pending"

    @property
    def pending_seq(self) -> str:
        """Counter giving taken messages their ids."""
        return self.prefix + "pending_seq"

    def leases(self, worker: str) -> str:
        """Hash of the requests ``worker`` has taken and not finished: token -> request."""
        return f"{self.prefix}leases:{worker}"

    def alive(self, worker: str) -> str:
        """Expiring key that says ``worker`` is alive."""
        return f"{self.prefix}alive:{worker}"
