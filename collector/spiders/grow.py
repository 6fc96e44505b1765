"""The ``grow`` spider: from seeds to related coverage, best lead first.

Steps:
1. Load the seeds, learn the topic profile, store the text seeds as articles.
2. Send queries built from the seeds' headlines to every search provider.
3. Fetch the hits best-first; each fetched page goes through the item pipelines
   (extract, gate, dedup, store).
4. For every page the gate finds relevant, the gate asks :meth:`GrowSpider.follow_ups`
   for its scored outlinks and, once per outlet, the outlet's feeds and sitemaps (its
   home and section pages when it has neither).
5. At the end, the profile grows from the run's relevant articles (for the next run).
Every lead is recorded with where it came from, its score and what became of it. The
search providers' side (pacing, splitting, retries) is in :mod:`collector.spiders.providers`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import CallLaterResult, sleep
from scrapy.utils.sitemap import sitemap_urls_from_robots

from collector.decoding import decode_utf8_mixed, looks_binary
from collector.discovery import Entry, dedupe, parse_feed, parse_sitemap, search_url
from collector.distributed import worker_settings
from collector.distributed.shared import SharedCrawl
from collector.distributed.worker import start_worker
from collector.failures import failure_reason
from collector.items import ArticleItem
from collector.language import detect_language, same_language
from collector.leads import (
    Link,
    below_article,
    build_queries,
    case_form_queries,
    feed_links,
    link_score,
    other_language_hit_score,
    other_language_score,
    outlinks,
    plan_queries,
    reads_as_lead,
    refuse_reason,
    retitled,
    score_lead,
    search_hit_texts,
    section_links,
    url_words,
    written_as,
)
from collector.pagination import next_page_url
from collector.paths import resolve_path
from collector.relevance import (
    TopicProfile,
    compose_profile,
    fold,
    grow_terms,
    merge_grown,
)
from collector.runlock import LockError, RunLock
from collector.search import reindex_due
from collector.seeds import SeedSet, load_seeds, seed_profile, story_start
from collector.spiders.providers import ProvidersMixin, gdelt_slots
from collector.spill import read_spills, remove_spill, spill_dir
from collector.store import Batch, CorpusState, ProfileState, Store, StoreError
from collector.urls import canonicalize_url, looks_like_listing, outlet_of, without_session

logger = logging.getLogger(__name__)

SEARCH_FORMATS = ("gdelt", "rss")
USER_AGENT_NAME = "news-corpus-collector/0.1"
# Requests re-asked every run (search answers, feeds, sitemaps, robots.txt): they go through
# the HTTP cache, which revalidates them with If-None-Match / If-Modified-Since.
CONDITIONAL = {"conditional": True}
LINK_MEMO_SIZE = 50_000  # link scores kept (menus and teaser lists repeat on every page)
_MENU_LINKS = "nav a[href], header a[href], [class*=menu] a[href], [id*=menu] a[href]"


@dataclass(frozen=True)
class GrowthConfig:
    """How the profile grows from one run's relevant articles to the next run."""

    enabled: bool
    terms_per_run: int
    max_terms: int
    max_share: float
    min_docs: int
    min_relevance: float
    sample: int


@dataclass(frozen=True)
class GrowConfig:
    """The spider's settings, read once."""

    db: Path
    seeds: Path
    search: tuple[tuple[str, str], ...]
    start_urls: tuple[str, ...]
    min_lead_score: float
    min_relevance: float
    max_depth: int
    max_article_pages: int
    max_pages_per_outlet: int
    queries_per_seed: int
    lock_timeout: float
    gdelt_interval: float
    search_retries: int
    search_retry_delay: float
    rss_max_results: int
    sitemaps_per_outlet: int
    section_pages: int
    core_seed_share: float
    core_max_names: int
    seed_relevance: float
    refresh_updated: bool
    recheck_after: timedelta  # 0: no rechecks
    recheck_within: timedelta
    max_sitemap_bytes: int  # DOWNLOAD_MAXSIZE, for a gzipped sitemap decompressed
    growth: GrowthConfig
    reindex_max_articles: int = 0
    reindex_share: float = 0.0
    rejudge_share: float = 0.0


def parse_search(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Parse ``FORMAT=URL_TEMPLATE`` provider entries.

    Raises:
        ValueError: an entry names an unknown format or its template lacks ``{query}``.
    """
    providers = []
    for value in values:
        name, sep, template = value.partition("=")
        if not sep or name not in SEARCH_FORMATS:
            raise ValueError(f"search provider {value!r}: expected gdelt=URL or rss=URL")
        if "{query}" not in template:
            raise ValueError(f"search provider {value!r}: the URL template needs {{query}}")
        try:
            search_url(template, "", "en")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                f"search provider {value!r}: the URL template may hold only {{query}}, {{hl}},"
                " {gl} and {ceid} in braces"
            ) from exc
        providers.append((name, template))
    return tuple(providers)


class GrowSpider(ProvidersMixin, scrapy.Spider):
    """Grow the corpus from the seeds."""

    name = "grow"
    config: GrowConfig

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.core = TopicProfile({})
        self.profile = TopicProfile({})
        self.story_start: datetime | None = None  # the earliest date the seeds show
        # The seed pages fetched so far, when the seeds are only URLs (else None).
        self.seed_pages: list[tuple[str, str]] | None = None
        self.profile_state = ProfileState({}, (), ())
        self.known: dict[str, int | None] = {}
        self.requested: set[str] = set()
        self.refreshed: set[int] = set()  # stored articles asked again this run
        self.headlines_unread = False  # the corpus could not be read for changed_article
        self.articles_seen: set[str] = set()
        self.announced: set[tuple[str, str]] = set()
        self.lead_paragraph_scores: dict[str, float] = {}
        self.skipped: set[tuple[str, str]] = set()
        self.explored_outlets: set[str] = set()
        self.link_scores: dict[tuple[str, str, str], float] = {}  # see leads.link_score
        self.robots_sitemaps: dict[str, list[str]] = {}
        self.outlet_pages: Counter[str] = Counter()
        self.pending_leads: list[dict[str, Any]] = []
        self.pending_duplicates: list[dict[str, Any]] = []
        self.pending_done: set[str] = set()
        self.retries: dict[int, CallLaterResult] = {}
        self.held_queries: dict[str, list[str]] = {}
        self.sent_narrower: set[tuple[str, str]] = set()
        self.run_id = 0
        self.run_started = False
        self.fatal_error: str | None = None
        self.shared: SharedCrawl | None = None
        self.state = CorpusState(next_id=1, next_run_id=1, known_urls={}, hashes={})

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if settings.getbool("COLLECTOR_DISTRIBUTED"):
            settings.setdict(worker_settings(), priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> GrowSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        search = kwargs.get("search")
        spider.config = GrowConfig(
            db=resolve_path(kwargs.get("db") or s.get("COLLECTOR_DB")),
            seeds=resolve_path(kwargs.get("seeds") or s.get("COLLECTOR_SEEDS")),
            search=parse_search(search.split() if search else s.getlist("COLLECTOR_SEARCH")),
            start_urls=tuple(s.getlist("COLLECTOR_START_URLS")),
            min_lead_score=s.getfloat("COLLECTOR_MIN_LEAD_SCORE"),
            min_relevance=s.getfloat("COLLECTOR_MIN_RELEVANCE"),
            max_depth=s.getint("COLLECTOR_MAX_DEPTH"),
            max_article_pages=s.getint("COLLECTOR_MAX_ARTICLE_PAGES"),
            max_pages_per_outlet=s.getint("COLLECTOR_MAX_PAGES_PER_OUTLET"),
            queries_per_seed=s.getint("COLLECTOR_QUERIES_PER_SEED"),
            lock_timeout=s.getfloat("COLLECTOR_LOCK_TIMEOUT"),
            gdelt_interval=s.getfloat("COLLECTOR_GDELT_INTERVAL"),
            search_retries=s.getint("COLLECTOR_SEARCH_RETRIES"),
            search_retry_delay=s.getfloat("COLLECTOR_SEARCH_RETRY_DELAY"),
            rss_max_results=s.getint("COLLECTOR_RSS_MAX_RESULTS"),
            sitemaps_per_outlet=s.getint("COLLECTOR_SITEMAPS_PER_OUTLET"),
            section_pages=s.getint("COLLECTOR_SECTION_PAGES"),
            core_seed_share=s.getfloat("COLLECTOR_CORE_SEED_SHARE"),
            core_max_names=s.getint("COLLECTOR_CORE_MAX_NAMES"),
            seed_relevance=s.getfloat("COLLECTOR_SEED_RELEVANCE"),
            refresh_updated=s.getbool("COLLECTOR_REFRESH_UPDATED"),
            recheck_after=timedelta(hours=s.getfloat("COLLECTOR_RECHECK_AFTER_HOURS")),
            recheck_within=timedelta(hours=s.getfloat("COLLECTOR_RECHECK_WITHIN_HOURS")),
            max_sitemap_bytes=s.getint("DOWNLOAD_MAXSIZE"),
            growth=GrowthConfig(
                enabled=s.getbool("COLLECTOR_PROFILE_GROWTH_ENABLED"),
                terms_per_run=s.getint("COLLECTOR_PROFILE_GROWTH_TERMS"),
                max_terms=s.getint("COLLECTOR_PROFILE_GROWTH_MAX_TERMS"),
                max_share=s.getfloat("COLLECTOR_PROFILE_GROWTH_SHARE"),
                min_docs=s.getint("COLLECTOR_PROFILE_GROWTH_MIN_DOCS"),
                min_relevance=s.getfloat("COLLECTOR_PROFILE_GROWTH_MIN_RELEVANCE"),
                sample=s.getint("COLLECTOR_PROFILE_GROWTH_SAMPLE"),
            ),
            reindex_max_articles=s.getint("COLLECTOR_SEARCH_REINDEX_MAX_ARTICLES"),
            reindex_share=s.getfloat("COLLECTOR_SEARCH_REINDEX_SHARE"),
            rejudge_share=s.getfloat("COLLECTOR_REJUDGE_SHARE"),
        )
        if not s.frozen:
            s.set(
                "DOWNLOAD_SLOTS", gdelt_slots(spider.config, s.getdict("DOWNLOAD_SLOTS")), "spider"
            )
            contact = s.get("COLLECTOR_CONTACT_URL")
            if contact and contact not in (s.get("USER_AGENT") or ""):
                s.set("USER_AGENT", f"{USER_AGENT_NAME} (+{contact})", "spider")
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_robots, signal=signals.robots_parsed)
        if s.getbool("COLLECTOR_DISTRIBUTED"):
            spider.shared = SharedCrawl.from_settings(s)
        return spider

    # -- start ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """Take the run lock, load seeds and corpus state; yield the seeds, the leads the
        last run left pending, the start URLs, the feeds and sitemaps to ask again, then the
        search requests.

        A worker of a distributed crawl gets the corpus state from the writer and the
        profile from the worker that seeds the crawl (:func:`start_worker`).
        """
        if self.shared is not None:
            async for output in start_worker(self, self.shared):
                yield output
            return
        self.store = Store(self.config.db, self.config.lock_timeout)
        self.lock = RunLock(self.config.db)
        await self._take_lock()
        seedset = self._usable_seeds()
        self._open_run()
        self.learn(seedset)
        for output in self.first_outputs(seedset):
            yield output

    def learn(self, seedset: SeedSet | None = None) -> SeedSet:
        """Load the seeds (unless given) and learn the topic profile and the story's core
        names from them."""
        seedset = seedset or self._read_seeds()
        if isinstance(self.store, Store):  # a distributed worker has no profile store
            self.profile_state = self.store.load_profile()
        self.learn_from([(s.title, s.text) for s in seedset.seeds])
        self.story_start = story_start(seedset.seeds, datetime.now(UTC))
        return seedset

    def learn_from(self, seeds: Sequence[tuple[str, str]]) -> None:
        """Learn the topic profile and the story's core names from seed headlines and
        texts, in the language most of them are in."""
        c = self.config
        self.core = seed_profile(seeds, c.core_seed_share, c.core_max_names, c.seed_relevance)
        if self.core.scale > 1:
            logger.info("The seeds share few terms: scores scaled by %.2f", self.core.scale)
        self.profile = compose_profile(
            self.core,
            self.profile_state.grown,
            self.profile_state.added,
            self.profile_state.excluded,
            self.config.growth.max_share,
        )
        if isinstance(self.store, Store):
            try:
                self.store.save_profile(self.run_id, profile_rows(self.profile))
            except StoreError as exc:  # mid-crawl, from seed pages: the crawl goes on with it
                logger.warning("Profile not saved (the next run learns it again): %s", exc)

    def first_outputs(self, seedset: SeedSet) -> Iterator[ArticleItem | scrapy.Request]:
        """The seed articles not in the corpus yet, the leads the last run left pending, the
        start URLs, the feeds and sitemaps to ask again, then the search requests."""
        now = datetime.now(UTC)
        for seed in seedset.seeds:
            if seed.url in self.known:
                continue
            yield ArticleItem(
                url=seed.url,
                seen_urls=[seed.url],
                title=seed.title,
                text=seed.text,
                is_seed=True,
                source="seed",
                outlet=None,
                fetched_at=now,
                language=detect_language(seed.text) or self.profile.language,
                lead={"origin": "seed", "detail": str(seed.path), "score": 1.0},
                depth=0,
            )
        for lead in self.state.pending:
            request = self.lead_request(
                lead.url, lead.origin, lead.detail, lead.score, lead.depth, resumed=True
            )
            if request:
                self.crawler.stats.inc_value("leads/resumed")
                yield request
        seed_urls = set(seedset.urls)
        for url in (*seedset.urls, *self.config.start_urls):
            if looks_like_listing(url):  # a home or section page: its links are the leads
                self.record_lead(url, "start-url", url, None, "source", "listing")
                yield scrapy.Request(url, callback=self.parse_listing, priority=1200,
                                     cb_kwargs={"depth": 0, "home": True})  # fmt: skip
                continue
            origin = "seed" if url in seed_urls else "start-url"
            request = self.lead_request(url, origin, url, 1.0, depth=0, check_score=False)
            if request:
                yield request
        for request in self._revisits():
            yield request
        yield from self._rechecks(now)
        if seedset.seeds or not seed_urls:
            yield from self.search_requests([(s.title, s.text) for s in seedset.seeds])
            return
        # The seeds are URLs: the story is learnt from their pages, stored by an earlier
        # run or as they arrive.
        self.seed_pages = self.store.headlines_and_texts(
            [canonicalize_url(url) for url in seedset.urls]
        )
        if self.seed_pages:
            self.learn_from(self.seed_pages)
            yield from self.search_requests(self.seed_pages)

    def search_requests(self, seeds: Sequence[tuple[str, str]]) -> Iterator[scrapy.Request]:
        """The first queries built from the seeds' ``(headline, text)``, to every search
        provider, each word in the seeds' own script (:func:`written_as`), and each
        one-word query (a name) in Latin letters as well: other languages' press, and the
        seeds' own in its other script, write it so."""
        texts = [f"{title}\n{text}" for title, text in seeds]
        titles = [title for title, _ in seeds]
        built = build_queries(titles, self.profile, self.config.queries_per_seed)
        queries = written_as(built, texts)
        first, self.held_queries = plan_queries(queries)
        cases = case_form_queries(self.profile, texts)
        first += [q for q in written_as(cases, texts) if q not in first]
        first += [q for q in (*built, *cases) if " " not in q and q not in first]
        for fmt, template in self.config.search:
            for query in first:
                url = search_url(template, query, self.profile.language)
                yield self.search_request(fmt, query, url)

    def adopt_seed(self, item: ArticleItem) -> None:
        """A page the seeds name by its URL: a seed, whatever its score. When the seeds are
        only URLs, the profile is learnt again from the seed pages fetched so far, and the
        search queries they give are sent (the scheduler drops those already sent)."""
        item["is_seed"] = True
        if self.seed_pages is None:
            return
        self.seed_pages.append((item.get("title") or "", item["text"]))
        self.learn_from(self.seed_pages)
        self.schedule(self.search_requests(self.seed_pages))

    def on_robots(self, robotparser: Any, request: scrapy.Request) -> None:
        """Remember the sitemaps an outlet's robots.txt names (no second fetch needed)."""
        parsed = getattr(robotparser, "rp", None)
        sitemaps = list(getattr(parsed, "sitemaps", None) or [])
        self.robots_sitemaps[urlsplit(request.url).netloc] = sitemaps

    def _revisits(self) -> Iterable[scrapy.Request]:
        """The feeds, sitemaps and robots.txt earlier runs found, asked again (conditionally:
        unchanged ones answer 304) for what they have added since."""
        for urls, callback in (
            (self.state.feeds, self.parse_feed),
            (self.state.sitemaps, self.parse_sitemap),
            (self.state.robots, self.parse_robots),
        ):
            for url in urls:
                self.explored_outlets.add(outlet_of(url))
                self.crawler.stats.inc_value("sources/revisited")
                yield scrapy.Request(
                    url,
                    callback=callback,
                    priority=1500,
                    meta=CONDITIONAL,
                    cb_kwargs={"depth": 1},
                    errback=self.source_failed,
                )

    def _rechecks(self, now: datetime) -> Iterator[scrapy.Request]:
        """The recent articles to ask again once (:meth:`Store.recheck_due`): a page may
        change with nothing announcing it (a wire's update, listed only on the fourth page
        of its sitemap index)."""
        c = self.config
        if not c.recheck_after or not c.recheck_within or not isinstance(self.store, Store):
            return
        try:
            due = self.store.recheck_due(now, c.recheck_after, c.recheck_within)
        except StoreError as exc:  # another process holds the corpus: the next run asks
            logger.warning("Recent articles not asked again this run: %s", exc)
            return
        for article, url in due:
            self.crawler.stats.inc_value("leads/recheck")
            if request := self.refresh_request(Entry(url), article, "recheck", 1):
                yield request

    def _fatal(self, reason: str, message: str) -> CloseSpider:
        """Log why the run cannot go on; the exception closes the spider with ``reason``."""
        self.fatal_error = message
        logger.error("%s", message)
        return CloseSpider(reason)

    async def _take_lock(self) -> None:
        """Wait up to the lock timeout for another run on this corpus to end."""
        deadline = time.monotonic() + self.config.lock_timeout
        try:
            while not self.lock.try_acquire():
                if time.monotonic() >= deadline:
                    raise self._fatal(
                        "locked",
                        f"{self.config.db}: another crawl (process {self.lock.holder()}) is "
                        f"running on this corpus; gave up after {self.config.lock_timeout:.0f}s "
                        "(COLLECTOR_LOCK_TIMEOUT). Try again when it has finished.",
                    )
                await sleep(0.2)
        except LockError as exc:
            raise self._fatal("store-error", str(exc)) from exc

    def _read_seeds(self) -> SeedSet:
        seedset = load_seeds(self.config.seeds)
        for error in seedset.errors:
            logger.error("Seed skipped: %s", error)
            self.crawler.stats.inc_value("seeds/errors")
        return seedset

    def _usable_seeds(self) -> SeedSet:
        """Load the seeds; a run without any usable seed stops here, before anything is
        written."""
        seedset = self._read_seeds()
        if not (seedset.seeds or seedset.urls or self.config.start_urls):
            problems = "; ".join(str(e) for e in seedset.errors) or str(self.config.seeds)
            raise self._fatal("no-seeds", f"no usable seed, nothing was written: {problems}")
        return seedset

    def _open_run(self) -> None:
        """Write what the last runs could not, close runs that were interrupted, load the
        corpus state and record this run."""
        try:
            self._replay_spills()
            for run in self.store.close_stale_runs():
                logger.warning("Run %d was interrupted; resuming the leads it left", run)
            self.state = self.store.load_state()
            self.run_id = self.state.next_run_id
            self.known = dict(self.state.known_urls)
            self.pending_done.update(self.state.settled)
            self.store.start_run(self.run_id, {"seeds": str(self.config.seeds)})
        except StoreError as exc:
            raise self._fatal("store-error", str(exc)) from exc
        self.run_started = True

    def _replay_spills(self) -> None:
        folder = spill_dir(self.config.db)
        for name, batch in read_spills(folder):
            if self.store.write(batch, spill=name):
                written = len(batch.rows["articles"])
                logger.warning("Wrote %d articles kept in the spill %s", written, folder / name)
                self.crawler.stats.inc_value("store/replayed_articles", written)
            remove_spill(folder, name)

    def closed(self, reason: str) -> None:
        """Cancel waiting retries; grow the profile from this run's relevant articles;
        rebuild the search index; record the end of the run with its stats; release the
        run lock.

        Scrapy closes the item pipelines before this, so the extraction workers have
        exited and the index rebuild's memory does not add to theirs. A run stopped at the
        memory limit leaves the index (about a millisecond per article of the corpus) to
        the run that goes on after it.
        """
        for timer in self.retries.values():
            timer.cancel()
        self.retries.clear()
        try:
            if self.run_started:
                # A distributed worker has no store: it leaves the corpus to the writer.
                if isinstance(getattr(self, "store", None), Store):
                    self._grow_and_index(index=reason != "memusage_exceeded")
                self._finish_run(reason)
        finally:
            if hasattr(self, "lock"):
                self.lock.release()

    def _grow_and_index(self, index: bool) -> None:
        if self.config.growth.enabled:
            try:
                self.grow_profile()
            except StoreError as exc:
                logger.warning("Profile not grown this run: %s", exc)
        if not index:
            return
        try:
            status = self.store.search_index_status()
            if reindex_due(status, self.config.reindex_max_articles, self.config.reindex_share):
                self.store.refresh_search_index(force=True)
            elif not status.up_to_date:
                logger.info(
                    "Search index left as it was: it misses %d of %d articles, under %.0f%% "
                    "(COLLECTOR_SEARCH_REINDEX_SHARE; `collector search --reindex` now)",
                    status.missing, status.articles, 100 * self.config.reindex_share,
                )  # fmt: skip
        except StoreError as exc:
            logger.warning("Search index not rebuilt (`collector search --reindex`): %s", exc)

    def _finish_run(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats()  # type: ignore[union-attr]
        unsaved = stats.get("store/rows_spilled", 0) + stats.get("store/rows_lost", 0)
        counts = {
            "pages_fetched": stats.get("response_received_count", 0),
            "articles_added": stats.get("store/articles_written", 0),
            "duplicates": stats.get("dedup/duplicates", 0),
            "rejected": sum(v for k, v in stats.items() if k.startswith("leads/rejected/")),
            "errors": stats.get("log_count/ERROR", 0),
        }
        status = "failed" if unsaved else reason
        try:
            self.store.finish_run(self.run_id, status, counts, stats)
        except StoreError as exc:
            logger.error("Run record not updated: %s", exc)

    # -- leads ---------------------------------------------------------------------------

    def record_lead(
        self,
        url: str,
        origin: str,
        detail: str,
        score: float | None,
        status: str,
        reason: str | None = None,
        depth: int | None = None,
        settles: str | None = None,
        lead_score: float | None = None,
    ) -> None:
        """Queue a lead outcome for the ``leads`` table.

        ``score`` is the page's relevance once it was fetched, else the lead's score;
        ``lead_score`` is always the score of the text that announced the lead.
        ``settles`` names the requested lead this outcome ends: its ``queued`` row is
        deleted in the transaction that writes this one.
        """
        if settles:
            self.pending_done.add(settles)
        self.pending_leads.append(
            {
                "url": url,
                "origin": origin,
                "detail": detail,
                "score": score,
                "status": status,
                "reason": reason,
                "run_id": self.run_id,
                "seen_at": datetime.now(UTC),
                "depth": depth,
                "lead_score": score if lead_score is None else lead_score,
            }
        )
        self.crawler.stats.inc_value(f"leads/{status}" + (f"/{reason}" if reason else ""))

    def record_request_outcome(
        self, url: str, lead: dict[str, Any], status: str, reason: str | None
    ) -> None:
        """Record what became of a lead's request before any item came of it."""
        self.record_lead(canonicalize_url(url), lead.get("origin", "?"), lead.get("detail", ""),
                         lead.get("score"), status, reason, settles=lead.get("url"))  # fmt: skip

    def record_outcome(self, item: ArticleItem, status: str, reason: str | None) -> None:
        """Record what became of a fetched lead (stored, rejected, skipped)."""
        lead = item.get("lead") or {}
        score = item.get("relevance", lead.get("score"))
        self.record_lead(item["url"], lead.get("origin", "?"), lead.get("detail", ""), score,
                         status, reason, settles=lead.get("url"),
                         lead_score=lead.get("score"))  # fmt: skip

    def record_duplicate(
        self, item: ArticleItem, of_id: int, similarity: float, method: str, own_url: str = ""
    ) -> None:
        """Record a copy of a stored article in the ``duplicates`` table, under every URL
        the copy was reached at but the article's own (``own_url``: the article fetched
        again), so that a later run does not fetch it again."""
        found_at = datetime.now(UTC)
        for url in dict.fromkeys([item["url"], *item.get("seen_urls", [])]):
            self.known.setdefault(url, of_id)
            if url == own_url:
                continue
            self.pending_duplicates.append(
                {"url": url, "article_id": of_id, "similarity": round(similarity, 4),
                 "method": method, "run_id": self.run_id, "found_at": found_at}
            )  # fmt: skip
        self.crawler.stats.inc_value("dedup/duplicates")
        self.crawler.stats.inc_value(f"dedup/{method}")
        self.record_outcome(item, "duplicate", method)

    def withdraw_duplicate(self, item: ArticleItem) -> bool:
        """Take back the records of a copy (:meth:`record_duplicate`) that is to be stored
        after all: True when they were still waiting to be written, and are gone; False,
        and nothing changed, when they were written."""
        urls = {item["url"], *item.get("seen_urls", [])}
        rows = [row for row in self.pending_duplicates if row["url"] in urls]
        if not rows:
            return False
        self.pending_duplicates = [r for r in self.pending_duplicates if r["url"] not in urls]
        self.pending_leads = [
            r for r in self.pending_leads if r["url"] != item["url"] or r["status"] != "duplicate"
        ]
        method = rows[0]["method"]
        for key in ("dedup/duplicates", f"dedup/{method}", f"leads/duplicate/{method}"):
            self.crawler.stats.inc_value(key, -1)
        return True

    def drain_records(self) -> dict[str, list[dict[str, Any]]]:
        """Hand the recorded leads and duplicates over (to a distributed crawl's writer),
        emptying the queues."""
        drained = {"leads": self.pending_leads, "duplicates": self.pending_duplicates}
        self.pending_leads, self.pending_duplicates, self.pending_done = [], [], set()
        return drained

    def drain_into(self, batch: Batch) -> None:
        """Move the recorded leads, duplicates and settled leads into ``batch``."""
        for row in self.pending_leads:
            batch.add("leads", row)
        for row in self.pending_duplicates:
            batch.add("duplicates", row)
        batch.done |= self.pending_done
        self.pending_leads, self.pending_duplicates, self.pending_done = [], [], set()

    def redirected(self, sources: list[str], target: str, refresh: bool = False) -> bool:
        """Note a redirect; tell whether its target is already known or requested, or was
        rejected before (off-topic, or by the user).

        Either way the target counts as requested from now on; when it was known, the
        sources are recorded so that later runs skip them before asking the redirector. A
        stored article asked again (``refresh``) follows its redirect whatever else asked
        for the target: an outlet that rewrote the headline moved the article to a new
        URL, which a search answer may have led to first, as a page of its own.
        """
        canonical = canonicalize_url(target)
        if refresh:
            self.requested.add(canonical)
            return False
        reason = None
        # A stored article asked again (a refresh) goes through the hops it took before, a
        # consent check's among them, which are its aliases.
        article = self.known.get(canonical)
        own_hop = article is not None and article == self.known.get(canonicalize_url(sources[0]))
        if (canonical in self.known and not own_hop) or canonical in self.requested:
            reason = "redirect-known"
        elif self.rejected_before(canonical):
            reason = "rejected-before"
        self.requested.add(canonical)
        for source in sources if reason else ():
            url = canonicalize_url(source)
            if reason == "redirect-known":
                self.known.setdefault(url, self.known.get(canonical))
            self.record_lead(url, "redirect", canonical, None, "skipped", reason)
        return reason is not None

    def rejected_before(self, canonical: str) -> bool:
        """Whether an earlier run rejected the URL as off-topic, for good.

        A page rejected in one run only, by a margin (a score of at least
        ``rejudge_share`` of the threshold), and before the profile last grew, is judged
        once more: a story's later terms may be what it is about (an account of the
        mourning a week after a collapse, rejected while the profile knew only the
        collapse). Rejected again, it stays so.
        """
        score = self.state.rejected.get(canonical)
        if score is None or score >= self.config.min_relevance:
            return False
        share = self.config.rejudge_share
        if share and canonical in self.state.rejudge and score >= share * self.config.min_relevance:
            self.crawler.stats.inc_value("leads/rejudged")
            return False
        return True

    def request_dropped(self, request: scrapy.Request) -> None:
        """The scheduler dropped a request it had seen (a redirect to a page already
        requested): settle its lead, and remember the redirect's sources."""
        lead = request.meta.get("lead")
        if not lead or "url" not in lead:
            return
        sources = request.meta.get("redirect_urls")
        if sources and self.redirected(sources, request.url):
            self.pending_done.add(lead["url"])
            return
        self.record_request_outcome(request.url, lead, "skipped", "duplicate-request")

    def lead_request(
        self,
        url: str,
        origin: str,
        detail: str,
        score: float,
        depth: int,
        check_score: bool = True,
        resumed: bool = False,
        outlet: str | None = None,
        link: Link | None = None,
        searched: bool = False,
    ) -> scrapy.Request | None:
        """Return the request for an article lead, or None (recorded) when it is skipped.

        ``outlet`` names the publisher when the URL is a search provider's redirect, so
        the redirects count against the publisher's page budget. A URL whose lead
        paragraph was scored (a feed entry's summary) keeps that score when a headline or
        an anchor announces it again: the paragraph says more. Not when a search provider
        does (``searched``): it found the query's words in the article, which the
        paragraph may not hold, and a page it announced first was fetched whatever a feed
        said later, so the order the answers came in decided. A requested lead is
        recorded as ``queued`` until its outcome is known, so that a run that ends first
        leaves it for the next one (``resumed``: it is such a lead). ``link``, an outlink
        scored in a worker, brings the URL's canonical form and refusal reason along.
        """
        canonical = link.canonical if link else canonicalize_url(url)
        if canonical in self.requested:
            return None
        if not searched:
            score = min(score, self.lead_paragraph_scores.get(canonical, score))
        reason = link.refused if link else refuse_reason(canonical)
        if reason is None and below_article(canonical, self.articles_seen):
            reason = "trap"
        elif reason is None and canonical in self.known:
            reason = "known"
        elif reason is None and canonical in self.state.dead:
            reason = "seen-before"
        elif reason is None and self.rejected_before(canonical):
            reason = "rejected-before"
        elif reason is None and check_score and not resumed and score < self.config.min_lead_score:
            reason = "low-score"
        elif reason is None and depth > self.config.max_depth:
            reason = "depth"
        elif reason is None and not self.take_outlet_page(outlet or outlet_of(canonical)):
            reason = "outlet-budget"
        if reason:
            self.skip(
                canonical, origin, detail, score, reason, depth, canonical if resumed else None
            )
            return None
        self.requested.add(canonical)
        detail, score = detail[:500], round(score, 4)
        lead = {"origin": origin, "detail": detail, "score": score, "url": canonical}
        if not resumed and self.shared is None:  # a distributed crawl keeps its own frontier
            self.record_lead(canonical, origin, detail, score, "queued", None, depth)
        return scrapy.Request(
            without_session(url),
            callback=self.parse_page,
            priority=int(score * 1000),
            meta={"lead": lead, "depth": depth},
            errback=self.page_failed,
        )

    def skip(
        self,
        url: str,
        origin: str,
        detail: str,
        score: float | None,
        reason: str,
        depth: int | None = None,
        settles: str | None = None,
    ) -> None:
        """Record a lead that is not fetched, once per URL and reason (``settles``: the
        queued lead this ends, see :meth:`record_lead`)."""
        if (url, reason) not in self.skipped:
            self.skipped.add((url, reason))
            self.record_lead(url, origin, detail, score, "skipped", reason, depth, settles)

    def take_outlet_page(self, outlet: str) -> bool:
        """Count one more page for the outlet; False once its page budget is spent (across
        all workers of a distributed crawl)."""
        if self.shared is not None:
            return self.shared.take_outlet_page(outlet, self.config.max_pages_per_outlet)
        if self.outlet_pages[outlet] >= self.config.max_pages_per_outlet:
            return False
        self.outlet_pages[outlet] += 1
        return True

    def entry_requests(
        self, entries: list[Entry], origin: str, depth: int, matched: str = ""
    ) -> Iterable[scrapy.Request]:
        """Requests for the entries of a search answer, feed or sitemap worth fetching.

        ``matched`` is the query a search provider answered: it found the query's words
        in each article it lists, so they count with the entry's headline in its score
        (``search_hit_texts``).

        An entry whose headline and publisher match a lead already requested (the same
        article announced by two providers, one of them through an opaque redirect) is
        skipped as ``same-title``.
        """
        for entry in dedupe(entries):
            if (article := self.changed_article(entry)) is not None:
                if refresh := self.refresh_request(entry, article, origin, depth):
                    yield refresh
                continue
            score = self.entry_score(entry, matched)
            if reads_as_lead([entry.title], entry.summary):
                self.lead_paragraph_scores[canonicalize_url(entry.url)] = score
            outlet = outlet_of(entry.source) if entry.source else outlet_of(entry.url)
            key = (outlet, " ".join(fold(w) for w in entry.title.split()))
            if entry.title and key in self.announced:
                if canonicalize_url(entry.url) not in self.requested:
                    self.skip(canonicalize_url(entry.url), origin, entry.title, score, "same-title")
                continue
            request = self.lead_request(
                entry.url, origin, entry.title, score, depth, outlet=outlet, searched=bool(matched)
            )
            if request:
                self.announced.add(key)
                if entry.published:  # the time of day a page dated by its URL alone lacks
                    request.meta["lead"]["published"] = entry.published.isoformat()
                yield request

    def entry_score(self, entry: Entry, matched: str = "") -> float:
        """An entry's lead score: its headline (with the query a search provider matched)
        and summary against the profile; a feed's or sitemap's headline in another
        language, by the story's names it uses (``other_language_score``), the words of
        its URL standing for a headline a sitemap does not give; a search hit in another
        language, by the story's own names its query matched (``other_language_hit_score``)."""
        if matched:
            texts = search_hit_texts(self.profile, entry.title, matched)
            score = score_lead(self.profile, entry.url, texts, entry.summary)
            return max(score, other_language_hit_score(self.profile, entry.title, matched))
        score = score_lead(self.profile, entry.url, [entry.title], entry.summary)
        headline = entry.title or url_words(entry.url)
        return max(score, other_language_score(self.profile, headline, entry.summary))

    def changed_article(self, entry: Entry) -> int | None:
        """The stored article a feed or sitemap entry says changed since the last run began,
        or that an entry announces under a new headline (``leads.retitled``), with
        ``COLLECTOR_REFRESH_UPDATED``: a story updated with a later toll, a correction.

        Only an entry for the article's own URL: the corpus knows a syndicated copy's URL
        as the article it copies, and the copy's page, or its headline, is not the
        article's. Once the corpus cannot be read (another process holds it), no other
        entry is checked this run: each try would stall the crawl for the read timeout."""
        canonical = canonicalize_url(entry.url)
        article, last = self.known.get(canonical), self.state.last_run_at
        if not self.config.refresh_updated or article is None or self.headlines_unread:
            return None
        updated = bool(entry.updated and last and entry.updated > last)
        if not isinstance(self.store, Store):  # a distributed worker: the writer has the urls
            return article if updated else None
        if not updated and not entry.title:
            return None
        try:
            stored = self.store.url_and_title(article)
        except StoreError as exc:  # another process holds the corpus: the next run checks
            logger.warning("Stored articles not checked for changes this run: %s", exc)
            self.headlines_unread = True
            return None
        if stored is None or stored[0] != canonical:
            return None
        if updated or (stored[1] and retitled(stored[1], entry.title)):
            return article
        return None

    def refresh_request(
        self, entry: Entry, article: int, origin: str, depth: int
    ) -> scrapy.Request | None:
        """The request asking a changed article again, once a run."""
        if article in self.refreshed:
            return None
        self.refreshed.add(article)
        self.crawler.stats.inc_value("leads/refresh")
        canonical = canonicalize_url(entry.url)
        lead = {"origin": origin, "detail": entry.title[:500], "score": 1.0, "url": canonical}
        return scrapy.Request(
            without_session(entry.url), callback=self.parse_page, errback=self.page_failed,
            priority=900, meta={"lead": lead, "depth": depth, "refresh": article},
            dont_filter=True,  # its redirect goes through where a lead went first
        )  # fmt: skip

    # -- callbacks -----------------------------------------------------------------------

    def source_failed(self, failure: Any) -> None:
        """A feed, sitemap or robots.txt failed after retries: the crawl goes on without it."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        reason = failure_reason(failure.value)
        logger.warning("Could not fetch %s (%s): %s", url, reason, failure.getErrorMessage())
        self.crawler.stats.inc_value(f"sources/failed/{reason}")

    def page_failed(self, failure: Any) -> None:
        """A lead could not be fetched: record why and go on.

        Refused by a rule (robots.txt, a private address) it is ``skipped``; a download that
        went wrong is ``failed``. A lead a server asked to retry later than this run can
        wait stays queued for the next run.
        """
        request = getattr(failure, "request", None)
        if request is None:
            return
        lead = request.meta.get("lead", {})
        reason = failure_reason(failure.value)
        if reason == "redirect-known":
            self.pending_done.add(lead.get("url", ""))
            return  # recorded by redirected()
        if reason == "retry-later":
            self.crawler.stats.inc_value("leads/deferred")
            return
        status = "skipped" if reason in ("robots", "private-host", "ignored") else "failed"
        self.record_request_outcome(request.url, lead, status, reason)

    def parse_page(self, response: Response) -> Iterable[ArticleItem | scrapy.Request]:
        """Hand a fetched page to the pipelines as an article candidate."""
        lead = response.meta.get("lead", {})
        content_type = response.headers.get("Content-Type") or b"text/html"
        skipped = None
        if not isinstance(response, TextResponse) or b"html" not in content_type:
            skipped = "non-html"
        elif looks_binary(response.body):
            skipped = "binary"
        if skipped:
            self.record_request_outcome(response.url, lead, "skipped", skipped)
            return
        assert isinstance(response, TextResponse)
        seen = {canonicalize_url(response.url)}
        for url in response.meta.get("redirect_urls", []):
            seen.add(canonicalize_url(url))
        item = ArticleItem(
            url=canonicalize_url(response.url),
            seen_urls=sorted(seen),
            html=self._page_text(response),
            fetched_at=datetime.now(UTC),
            lead=lead,
            depth=response.meta.get("depth", 1),
            is_seed=False,
        )
        if (article := response.meta.get("refresh")) is not None:
            item["refresh"] = article
        yield self._next_page(item, item["html"], response.url) or item

    def _next_page(self, item: ArticleItem, page: str, url: str) -> scrapy.Request | None:
        """The request for the next page of an article split over pages, which carries
        the item until its last page is in; None for an article's last (or only) page."""
        pages = 1 + len(item.get("more_pages", ()))
        more = pages < self.config.max_article_pages
        target = next_page_url(page, url, item["url"] if pages > 1 else None) if more else None
        if target is None or canonicalize_url(target) in item["seen_urls"]:
            return None
        self.crawler.stats.inc_value("pages/article-continued")
        return scrapy.Request(
            target, callback=self.parse_next_page, errback=self.next_page_failed,
            priority=2000, dont_filter=True, meta={"article": item},
        )  # fmt: skip

    def parse_next_page(self, response: Response) -> Iterable[ArticleItem | scrapy.Request]:
        """An article's next page: its text joins the article (in the extract stage)."""
        item: ArticleItem = response.meta["article"]
        if isinstance(response, TextResponse) and not looks_binary(response.body):
            page = self._page_text(response)
            item["more_pages"] = [*item.get("more_pages", ()), (response.url, page)]
            item["seen_urls"] = sorted({*item["seen_urls"], canonicalize_url(response.url)})
            if request := self._next_page(item, page, response.url):
                yield request
                return
        yield item

    def next_page_failed(self, failure: Any) -> Iterable[ArticleItem]:
        """An article's next page could not be fetched: the article is what came before
        (the page's URL stays one of the article's, not a lead to follow)."""
        self.crawler.stats.inc_value("pages/article-continuation-failed")
        item: ArticleItem = failure.request.meta["article"]
        item["seen_urls"] = sorted({*item["seen_urls"], canonicalize_url(failure.request.url)})
        yield item

    def _page_text(self, response: TextResponse) -> str:
        """The page as text; Windows-1252 bytes in a page declared UTF-8 are read as such."""
        if response.encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            return response.text
        text, repaired = decode_utf8_mixed(response.body)
        if repaired:
            self.crawler.stats.inc_value("decode/cp1252_in_utf8")
        return text

    def parse_feed(
        self, response: Response, depth: int, sitemaps: tuple[str, ...] = ()
    ) -> Iterable[scrapy.Request]:
        """Article requests from an outlet's RSS or Atom feed; then the outlet's
        ``sitemaps`` (its older articles) if the feed's newest entries show that the outlet
        covers the story (an entry scores at least the lead threshold, whether it was
        requested already or not), or if the feed held no entries at all."""
        entries = parse_feed(response.body)
        yield from self.entry_requests(entries, f"feed:{response.url}", depth)
        if not sitemaps:
            return
        on_story = any(self.entry_score(e) >= self.config.min_lead_score for e in entries)
        if on_story or not entries:
            yield from self._sitemap_requests(sitemaps, depth)
        else:
            self.crawler.stats.inc_value("outlets/sitemaps-not-needed")

    def feed_failed(self, failure: Any) -> Iterable[scrapy.Request]:
        """A feed could not be read (see :meth:`source_failed`): read the outlet's sitemaps
        it was to decide on."""
        self.source_failed(failure)
        request = getattr(failure, "request", None)
        if request is not None and request.cb_kwargs.get("sitemaps"):
            kwargs = request.cb_kwargs
            yield from self._sitemap_requests(kwargs["sitemaps"], kwargs["depth"])

    def parse_robots(self, response: Response, depth: int) -> Iterable[scrapy.Request]:
        """Sitemap requests from an outlet's robots.txt (when robots.txt is not obeyed)."""
        yield from self._sitemap_requests(
            sitemap_urls_from_robots(response.body, response.url), depth
        )

    def parse_sitemap(self, response: Response, depth: int) -> Iterable[scrapy.Request]:
        """Child sitemaps (news sitemaps first, a few per index) and article requests."""
        children, entries = parse_sitemap(response.body, self.config.max_sitemap_bytes)
        yield from self._sitemap_requests(children, depth)
        yield from self.entry_requests(entries, f"sitemap:{response.url}", depth)

    def _sitemap_requests(self, urls: Iterable[str], depth: int) -> Iterable[scrapy.Request]:
        ranked = sorted(dict.fromkeys(urls), key=lambda u: "news" not in u.lower())
        for url in ranked[: self.config.sitemaps_per_outlet]:
            yield scrapy.Request(
                url,
                callback=self.parse_sitemap,
                priority=1500,
                meta=CONDITIONAL,
                cb_kwargs={"depth": depth},
                errback=self.source_failed,
            )

    def parse_listing(
        self, response: Response, depth: int, home: bool, sections: tuple[str, ...] = ()
    ) -> Iterable[Any]:
        """Article leads from an outlet's home or section page.

        The home page also names the section pages (its menu links), the most topical
        first. They are read one after the other, and only while they pay: a section page
        that announces no lead worth fetching ends the outlet's listings.
        """
        if not isinstance(response, TextResponse):
            return
        selector = scrapy.Selector(response)
        links = outlinks(selector.root, response.url, self.profile)
        found = list(self._link_requests(links, f"listing:{response.url}", depth))
        yield from found
        if home:
            menu = [
                (link.attrib["href"], " ".join(link.css("::text").getall()))
                for link in selector.css(_MENU_LINKS)
            ]
            ranked = section_links(menu, response.url, self.profile)
            sections = tuple(url for url, _ in ranked[: self.config.section_pages])
        elif not found:
            return
        if sections and self.take_outlet_page(outlet_of(response.url)):
            yield scrapy.Request(sections[0], callback=self.parse_listing, priority=1200,
                                 cb_kwargs={"depth": depth, "home": False,
                                            "sections": sections[1:]})  # fmt: skip

    # -- growth from relevant articles -------------------------------------------------------

    def follow_ups(self, item: ArticleItem) -> list[scrapy.Request]:
        """Requests that grow the crawl from a relevant article: its scored outlinks and,
        the first time its outlet yields one, the outlet's feeds, sitemaps or listings (see
        :meth:`_outlet_sources`).

        The links and feeds come scored from the extract stage's workers
        (``item["links"]``, ``item["feeds"]``); an item without them is parsed here. A
        syndicated copy's original (``item["original_url"]``, its canonical URL on another
        publisher's site) is asked first, scored as the copy was.
        """
        html = item.get("html")
        if not html:
            return []
        base = item["url"]
        if base in self.articles_seen:  # another URL of an article already followed up
            self.articles_seen.update(item.get("seen_urls", []))
            return []
        self.articles_seen.update([base, *item.get("seen_urls", [])])
        links, feeds = item.get("links"), item.get("feeds")
        if links is None or feeds is None:
            root = scrapy.Selector(text=html).root
            links, feeds = outlinks(root, base, self.profile), feed_links(root, base)
        own = set(item.get("seen_urls", []))  # its own URLs, its later pages' included
        depth = int(item.get("depth") or 0) + 1
        links = [link for link in links if link.canonical not in own]
        language = item.get("language") or self.profile.language
        requests = list(self._link_requests(links, f"link:{base}", depth, language))
        if original := item.get("original_url"):  # the page a syndicated copy names
            score = float(item.get("relevance") or 1.0)
            request = self.lead_request(
                original, f"link:{base}", "canonical", score, depth, check_score=False
            )
            requests[:0] = [request] if request else []
        outlet = outlet_of(base)
        if outlet not in self.explored_outlets:
            self.explored_outlets.add(outlet)
            # An outlet's feeds and sitemaps are roots of their own (bounded lists, like a
            # search answer): their depth does not depend on how deep the article that
            # opened them was, so a resumed run reaches what a whole run does.
            requests.extend(self._outlet_sources(feeds, base, 1))
        return requests

    def _link_requests(
        self, links: Iterable[Link], origin: str, depth: int, language: str = ""
    ) -> Iterable[scrapy.Request]:
        """Requests for the links worth fetching. A link the workers left unscored is
        scored here, and only when no request for its URL was made yet: on a crawl's
        pages most links point at what the crawl already asked for. On a page in another
        language than the profile's, whose words it cannot weigh, an anchor also scores by
        the story's names it uses, as a feed's headline does (``other_language_score``)."""
        if len(self.link_scores) > LINK_MEMO_SIZE:
            self.link_scores.clear()
        foreign = bool(language) and not same_language(language, self.profile.language)
        for link in links:
            if link.canonical in self.requested:
                continue
            score = link_score(link, self.profile, self.link_scores)
            if foreign and link.anchor:
                score = max(score, other_language_score(self.profile, link.anchor))
            request = self.lead_request(link.url, origin, link.anchor, score, depth, link=link)
            if request:
                yield request

    def _outlet_sources(
        self, feeds: Sequence[str], base: str, depth: int
    ) -> Iterable[scrapy.Request]:
        """An outlet's feeds (the newest slice, with summaries) and the sitemaps its
        robots.txt names (its complete list: read after the feed, if the feed shows the
        story); its home and section pages when it has neither."""
        parts = urlsplit(base)
        sitemaps = self.robots_sitemaps.get(parts.netloc)
        robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
        # Recorded with the article that found them, so later runs ask them again even
        # when this run ends first.
        found = [(f, "feed") for f in feeds]
        found += (
            [(u, "sitemap") for u in sitemaps] if sitemaps is not None else [(robots, "robots")]
        )
        for url, kind in found:
            self.record_lead(url, f"link:{base}", "", None, "source", kind)
        for i, url in enumerate(feeds):
            # the first feed decides whether the outlet's sitemaps are worth reading
            kwargs = {"depth": depth, "sitemaps": tuple(sitemaps or ()) if i == 0 else ()}
            yield scrapy.Request(
                url,
                callback=self.parse_feed,
                priority=1600,
                meta=CONDITIONAL,
                cb_kwargs=kwargs,
                errback=self.feed_failed,
            )
        if sitemaps is None:  # robots.txt not read (not obeyed, or it failed): read it
            yield scrapy.Request(
                robots,
                callback=self.parse_robots,
                priority=1500,
                meta=CONDITIONAL,
                cb_kwargs={"depth": depth},
                errback=self.source_failed,
            )
            return
        if not feeds:
            yield from self._sitemap_requests(sitemaps, depth)
        if not feeds and not sitemaps and self.take_outlet_page(outlet_of(base)):
            yield scrapy.Request(
                f"{parts.scheme}://{parts.netloc}/",
                callback=self.parse_listing,
                priority=1200,
                cb_kwargs={"depth": depth, "home": True},
            )

    def schedule(self, requests: Iterable[scrapy.Request]) -> None:
        """Hand requests to the engine (used by pipelines for follow-ups)."""
        engine = self.crawler.engine
        assert engine is not None
        for request in requests:
            engine.crawl(request)

    # -- the next run ----------------------------------------------------------------------

    def grow_profile(self) -> None:
        """Add the strongest new terms of this run's relevant articles to the stored profile
        (drift-controlled: see :func:`collector.relevance.compose_profile`)."""
        g = self.config.growth
        texts = self.store.relevant_texts(self.run_id, g.min_relevance, g.sample)
        new = grow_terms(self.profile, texts, g.terms_per_run, g.min_docs)
        if not new:
            return
        grown = merge_grown(
            {
                t: w
                for t, w in self.profile.weights.items()
                if self.profile.sources.get(t) == "grown"
            },
            new,
            g.max_terms,
        )
        state = self.profile_state
        profile = compose_profile(self.core, grown, state.added, state.excluded, g.max_share)
        self.store.save_profile(self.run_id, profile_rows(profile))
        logger.info("Profile grew by %d terms from %d relevant articles: %s", len(new),
                    len(texts), ", ".join(new))  # fmt: skip
        self.crawler.stats.set_value("profile/grown_terms", len(new))


def profile_rows(profile: TopicProfile) -> list[tuple[str, float, str]]:
    """The profile as ``(term, weight, source)`` rows for the store."""
    return [(t, round(w, 6), profile.sources.get(t, "seed")) for t, w in profile.weights.items()]
