"""Extract pipeline: HTML page -> clean article, in worker processes off the reactor.

Each outlet's template blocks, learned from the pages seen so far (``collector.boilerplate``),
are removed from its later pages; the counts are kept in the corpus for later runs. As the
crawl closes, the stored articles that still hold a line found to be template during the run
(its outlet's first pages, or pages of earlier runs) are extracted again.
"""

from __future__ import annotations

import logging
from datetime import datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.settings import BaseSettings

from collector.boilerplate import BlockCount, LearnRule, TemplateLearner
from collector.dates import announced_time
from collector.items import ArticleItem
from collector.pool import WorkerCrashed, WorkerPool, extract_page, parse_processes
from collector.reextraction import reextract_new_template_lines
from collector.store import Store, StoreError
from collector.urls import canonicalize_url, outlet_of, same_publisher

logger = logging.getLogger(__name__)

ARTICLE_FIELDS = (
    "title", "text", "published_at", "date_source", "modified_at", "authors", "outlet",
    "language", "description", "tags", "removed",
)  # fmt: skip


def learn_rule(settings: BaseSettings) -> LearnRule | None:
    """The template-learning thresholds from the settings; None when learning is off."""
    if not settings.getbool("COLLECTOR_TEMPLATES_ENABLED", True):
        return None
    return LearnRule(
        min_pages=settings.getint("COLLECTOR_TEMPLATE_MIN_PAGES", 3),
        min_share=settings.getfloat("COLLECTOR_TEMPLATE_MIN_SHARE", 0.3),
        min_offtopic=settings.getint("COLLECTOR_TEMPLATE_MIN_OFFTOPIC", 1),
    )


class ExtractPipeline:
    """Fill the article fields of fetched pages; drop pages that hold no article.

    Extraction, the relevance score, the near-duplicate signature and the page's compression
    run in a :class:`~collector.pool.WorkerPool` of ``COLLECTOR_EXTRACT_PROCESSES`` processes
    (``auto``: one per core; ``0``: a thread of the crawl's process).
    """

    def __init__(
        self,
        crawler: Crawler,
        rule: LearnRule | None,
        min_relevance: float,
        flush_every: int,
        processes: int = 0,
    ) -> None:
        self.crawler = crawler
        self.learner = TemplateLearner(rule) if rule else None
        self.loaded: dict[str, frozenset[str]] = {}  # each outlet's template blocks at its load
        self.min_relevance = min_relevance
        self.flush_every = flush_every
        self.pool = WorkerPool(processes)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        s = crawler.settings
        return cls(
            crawler,
            learn_rule(s),
            s.getfloat("COLLECTOR_MIN_RELEVANCE"),
            s.getint("COLLECTOR_STORE_BATCH"),
            parse_processes(s.get("COLLECTOR_EXTRACT_PROCESSES")),
        )

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        if item.get("is_seed"):
            return item
        spider = self.crawler.spider
        source = outlet_of(item["url"])
        templates = self._templates(source)
        profile = spider.profile  # type: ignore[union-attr]
        try:
            result = await self.pool.run(
                extract_page,
                item["html"],
                item["url"],
                item["fetched_at"],
                templates,
                profile,
                self.min_relevance,
                item.pop("more_pages", ()),
            )
        except WorkerCrashed as exc:
            logger.error("Extraction of %s crashed its worker: %s", item["url"], exc)
            spider.record_outcome(item, "failed", "extraction-crashed")  # type: ignore[union-attr]
            raise DropItem(f"extraction crashed: {item['url']}") from exc
        article, relevance = result.article, result.relevance
        if article is None:
            spider.record_outcome(item, "skipped", "no-article-text")  # type: ignore[union-attr]
            raise DropItem(f"no article text: {item['url']}", log_level="DEBUG")
        if self.learner is not None:
            offtopic = relevance < self.min_relevance
            self.learner.observe(source, item["url"], article.blocks, offtopic, item["fetched_at"])
            dropped = sum(reason == "template" for _, reason in article.removed)
            self.crawler.stats.inc_value("extract/template_lines", dropped)
            if self.learner.pending_pages() >= self.flush_every:
                self.flush()
        for name in ARTICLE_FIELDS:
            item[name] = getattr(article, name)
        lead = item.get("lead") or {}
        if announced := lead.get("published"):  # the time a feed or sitemap gave the page
            own = str(lead.get("origin", "")).startswith(("feed:", "sitemap:"))
            item["published_at"], item["date_source"] = announced_time(
                article.published_at,
                article.date_source,
                datetime.fromisoformat(announced),
                own,
                item["fetched_at"],
            )
        if result.features is not None:
            item["dedup_features"] = result.features
            item["signature"] = result.features.signature
        item["html_zlib"] = result.html_zlib
        item["terms"], item["links"], item["feeds"] = result.terms, result.links, result.feeds
        item["name_lines"] = result.name_lines
        if article.canonical_url and article.canonical_url.startswith(("http://", "https://")):
            canonical = canonicalize_url(article.canonical_url)
            if same_publisher(canonical, item["url"]):
                item["seen_urls"] = sorted({*item.get("seen_urls", []), canonical})
                item["url"] = canonical
            else:  # a syndicated copy naming its original: fetched too, dedup keeps one
                item["original_url"] = article.canonical_url
        item["source"] = outlet_of(item["url"])
        return item

    def _templates(self, source: str) -> frozenset[str]:
        """The outlet's template blocks; its stored counts are loaded on its first page."""
        if self.learner is None:
            return frozenset()
        if not self.learner.is_loaded(source):
            try:
                self.learner.load(source, *self.crawler.spider.store.template_counts(source))  # type: ignore[union-attr]
            except StoreError as exc:
                logger.warning("Template counts of %s not loaded, learning afresh: %s", source, exc)
                self.learner.load(source, BlockCount(source), {})
            self.loaded[source] = self.learner.templates(source)
        return self.learner.templates(source)

    def flush(self) -> None:
        """Add the counts learned since the last flush to the corpus."""
        if self.learner is None or not hasattr(self.crawler.spider, "store"):
            return
        counts = self.learner.pending()
        if not counts:
            return
        try:
            self.crawler.spider.store.add_template_counts(counts)  # type: ignore[union-attr]
        except StoreError as exc:
            logger.warning("Template counts of %d outlets kept for later: %s", len(counts), exc)
            return
        self.learner.mark_stored()

    def reextract_grown(self) -> None:
        """Extract again the stored articles holding a line that became template during the
        run; the item pipelines after this one have written their rows by now."""
        store = getattr(self.crawler.spider, "store", None)
        if self.learner is None or not isinstance(store, Store):  # a distributed worker's
            return
        try:
            changed = reextract_new_template_lines(
                store, self.learner, self.loaded, self.flush_every
            )
        except StoreError as exc:
            logger.warning("Articles holding template lines not all re-extracted: %s", exc)
            return
        self.crawler.stats.set_value("extract/reextracted", changed)

    def close_spider(self) -> None:
        self.flush()
        self.pool.close()  # its workers' memory is not needed any more
        self.reextract_grown()
