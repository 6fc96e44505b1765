"""Worker processes for the CPU-heavy stages, awaited without blocking Scrapy's reactor.

Extraction (two trafilatura passes, dates, cleaning), the relevance score, the
near-duplicate signature and the page's compression cost tens of milliseconds per page. Run
in the crawl's own process, even in a thread, they hold the GIL against Scrapy's downloading
and parsing. A :class:`WorkerPool` sends them to a ``ProcessPoolExecutor`` (one process per
core by default, started with ``forkserver`` so no worker inherits the reactor) and hands
the result back as an awaitable.

Back-pressure: at most ``max_pending`` tasks are submitted at a time; later callers wait on
a semaphore, holding only their own item. Scrapy stops downloading while the responses in
its scraper slot exceed ``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` (an item in the pipelines counts as
its response until it leaves them), so memory stays bounded when downloads outrun
extraction.

``processes=0`` runs the tasks in a thread instead (the behaviour before the pool).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from collector.dedup import MEMO_WORDS, Features, features
from collector.extraction import (
    Article,
    extract_article,
    parse_page,
    with_later_pages,
    with_standfirst,
)
from collector.leads import Link, feed_links, outlinks
from collector.names import name_lines
from collector.pagination import join_html
from collector.relevance import TopicProfile
from collector.store import compress_html
from collector.urls import canonicalize_url

__all__ = ["PageResult", "WorkerCrashed", "WorkerPool", "available_cores", "extract_page"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

# In each worker process: the dedup features' word hashes and stems (see _dedup_memos).
_word_hashes: dict[str, int] = {}
_word_stems: dict[str, str] = {}


class WorkerCrashed(Exception):
    """A worker process died while running a task (the pool has been restarted)."""


def available_cores() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parse_processes(value: object) -> int:
    """Read the ``COLLECTOR_EXTRACT_PROCESSES`` setting.

    Args:
        value: ``"auto"`` (or empty) for one process per core, ``0`` for a thread, or a count.

    Raises:
        ValueError: the value is neither ``auto`` nor a whole number >= 0.
    """
    text = str(value if value is not None else "").strip().lower()
    if text in ("", "auto"):
        return available_cores()
    if not text.isdigit():
        raise ValueError(
            f"COLLECTOR_EXTRACT_PROCESSES={value!r}: expected auto, 0 (extract in a thread) "
            "or a number of worker processes"
        )
    return int(text)


class WorkerPool:
    """Run picklable pure functions in worker processes (or a thread), awaited from asyncio.

    Args:
        processes: Worker processes; 0 runs the tasks in a thread of this process.
        max_pending: Tasks submitted at once (default: two per process, so no worker idles
            between tasks); further callers wait.
        start_method: ``forkserver`` (default) or ``spawn``; never ``fork``, which would copy
            the reactor and its open sockets into the workers.
    """

    def __init__(
        self, processes: int, max_pending: int = 0, start_method: str = "forkserver"
    ) -> None:
        self.processes = processes
        self.max_pending = max_pending or 2 * max(processes, 1)
        self.start_method = start_method
        self._executor: ProcessPoolExecutor | None = None
        self._slots = asyncio.Semaphore(self.max_pending)

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context(self.start_method)
            self._executor = ProcessPoolExecutor(
                self.processes,
                mp_context=context,
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._executor

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` off the event loop and return its result.

        Raises:
            WorkerCrashed: the worker died (killed, out of memory, crashed in C code); the
                pool is replaced so the next task runs again.
        """
        async with self._slots:
            if self.processes == 0:
                return await asyncio.to_thread(fn, *args)
            executor = self._pool()
            try:
                return await asyncio.wrap_future(executor.submit(fn, *args))
            except BrokenProcessPool as exc:
                self._discard(executor)
                raise WorkerCrashed(f"a worker process died running {fn.__name__}") from exc

    def _discard(self, executor: ProcessPoolExecutor) -> None:
        if self._executor is executor:
            logger.warning("A worker process died; starting a new pool")
            self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers (waiting for the tasks they run)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            logger.info("Extraction workers stopped")


def _start_worker(crawl_pid: int) -> None:
    """Leave Ctrl-C to the crawl (it stops gracefully and lets the running tasks finish), and
    exit once the crawl's process is gone.

    A crawl killed with SIGKILL cannot stop its workers, and they do not notice on their
    own: each holds the forkserver's liveness pipe, so the forkserver waits for them while
    they wait for tasks, keeping the crawl's stdout and stderr open.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(crawl_pid,), daemon=True).start()


def _exit_with(pid: int, interval: float = 0.5) -> None:
    """Exit this process once process ``pid`` has ended (checked every ``interval`` s)."""
    while _alive(pid):
        time.sleep(interval)
    os._exit(1)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs: it exists and, where ``/proc`` tells, is no zombie (a
    killed crawl stays one until whoever started it collects its exit status)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        pass
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            state = stat.read().rpartition(")")[2].split()[0]
    except (OSError, IndexError):  # no /proc: os.kill's answer
        return True
    return state not in ("Z", "X")


@dataclass(frozen=True)
class PageResult:
    """What the workers send back for one page: plain picklable values.

    Attributes:
        article: The extracted article, or None when the page holds none.
        relevance: The article's score against the topic profile (0 without article).
        features: What the dedup check compares about the article's text, its signature
            included (:func:`collector.dedup.features`; None without article).
        html_zlib: The raw page, compressed for the ``pages`` table (None without article).
        terms: The article's weighed terms (:meth:`collector.relevance.TopicProfile.vector`),
            which the gate's relevance feedback compares with its centroids.
        links: The page's outlinks (:func:`collector.leads.outlinks`), unscored: the crawl
            scores those it has not requested yet (:func:`collector.leads.link_score`); only
            for a page at or above the relevance threshold, whose links the crawl may follow.
        feeds: The feeds the page announces (same condition).
        name_lines: How many of the article's lines name each of the story's core names,
            and its number of lines (:func:`collector.names.name_lines`), which the gate
            decides on.
    """

    article: Article | None
    relevance: float = 0.0
    features: Features | None = None
    html_zlib: bytes | None = None
    terms: dict[str, float] | None = None
    links: tuple[Link, ...] = ()
    feeds: tuple[str, ...] = ()
    name_lines: tuple[dict[str, int], int] | None = None


def extract_page(
    html: str,
    url: str,
    fetched_at: datetime,
    template_blocks: frozenset[str],
    profile: TopicProfile,
    min_relevance: float = 0.0,
    more_pages: Sequence[tuple[str, str]] = (),
) -> PageResult:
    """The CPU-heavy work on one fetched page, as one task for a worker.

    Extraction (with dates, metadata and the outlet's template blocks removed), the
    article's relevance to the story, its dedup features and signature, the compression of
    the raw page, and, when the article scores at least ``min_relevance``, its outlinks
    and feeds (resolved against the article's canonical URL), so the crawl's process
    follows a relevant page up without parsing it again. ``more_pages`` are the
    article's later pages, ``(url, html)``: their text is joined to the first page's.
    """
    tree = parse_page(html)
    article = extract_article(tree, url, fetched_at, template_blocks) if tree is not None else None
    if tree is None or article is None:
        return PageResult(None)
    article = with_later_pages(article, more_pages, fetched_at, template_blocks)
    judged = with_standfirst(article.text, article.removed)
    terms = profile.vector(f"{article.title}\n{judged}", article.language or "en")
    relevance = profile.score_vector(terms)
    links: tuple[Link, ...] = ()
    feeds: tuple[str, ...] = ()
    if relevance >= min_relevance:
        base = url
        if article.canonical_url and article.canonical_url.startswith(("http://", "https://")):
            base = canonicalize_url(article.canonical_url)
        links = tuple(outlinks(tree, base, None))  # scored by the crawl, if still new
        feeds = tuple(feed_links(tree, base))
    hashes, stems = _dedup_memos()
    return PageResult(
        article,
        relevance,
        features(article.text, hashes, stems=stems),
        compress_html(join_html(html, more_pages)),
        terms,
        links,
        feeds,
        name_lines(profile.names, article.title, judged),
    )


def _dedup_memos() -> tuple[dict[str, int], dict[str, str]]:
    """This process's memos of word hashes and stems for :func:`collector.dedup.features`,
    shared by the pages it extracts (the words of one story repeat from page to page) and
    replaced by empty ones once they hold ``MEMO_WORDS`` words (replaced, not emptied: a
    page in another thread may be using them). They hold pure functions' results, so they
    never change an outcome."""
    global _word_hashes, _word_stems
    if len(_word_hashes) >= MEMO_WORDS or len(_word_stems) >= MEMO_WORDS:
        _word_hashes, _word_stems = {}, {}
    return _word_hashes, _word_stems
