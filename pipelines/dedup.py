"""Dedup pipeline: one article per story copy, the earliest published, across runs.

URL aliases (canonical URLs, redirects, ``rel=canonical``) and exact or near copies (hash of
the normalised text, MinHash-LSH verified on the texts) are recorded in the ``duplicates``
table and dropped, unless the copy was published earlier (or the same day and is longer):
then it takes the stored copy's place and id, and the stored copy becomes the duplicate.
Rewrites are kept, linked to the article they reword.
"""

from __future__ import annotations

import logging
import time
from typing import Any, NoReturn

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from collector.dedup import DuplicateIndex, Verdict, check, keeps_new_copy, signature
from collector.items import ArticleItem

logger = logging.getLogger(__name__)

FACTS = ("url", "text", "published_at", "is_seed", "rewrite_of", "rewrite_similarity")


class DedupPipeline:
    """Assign ids to new articles; drop and record copies; let earlier copies take over."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.index: DuplicateIndex | None = None
        self.facts: dict[int, dict[str, Any]] = {}  # this run's articles
        self.fetched: dict[int, dict[str, Any] | None] = {}  # stored ones, for one item
        self.next_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def _setup(self) -> None:
        spider: Any = self.crawler.spider
        started = time.monotonic()
        blocks = spider.store.signature_blocks()
        self.index = DuplicateIndex.from_columns((b.ids, b.offsets, b.data) for b in blocks)
        if self.index.rejected:
            logger.warning("%d stored signatures unusable: copies of those articles are not "
                           "caught", len(self.index.rejected))  # fmt: skip
        logger.info("Duplicate index: %d articles in %.1fs", self.index.size,
                    time.monotonic() - started)  # fmt: skip
        self.next_id = spider.state.next_id

    def _facts_of(self, article_id: int) -> dict[str, Any] | None:
        if article_id not in self.facts and article_id not in self.fetched:
            store = self.crawler.spider.store  # type: ignore[union-attr]
            self.fetched[article_id] = store.article_facts(article_id)
        return self.facts.get(article_id) or self.fetched[article_id]

    def _text_of(self, article_id: int) -> str | None:
        facts = self._facts_of(article_id)
        return facts["text"] if facts else None

    def process_item(self, item: ArticleItem) -> ArticleItem:
        if self.index is None:
            self._setup()
        assert self.index is not None
        spider: Any = self.crawler.spider
        stored_as = spider.known.get(item["url"])
        if stored_as is not None:
            self._drop(item, stored_as, 1.0, "url")
        sig = signature(item["text"])
        self.fetched = {}
        verdict = check(item["text"], self.index, self._text_of, sig=sig)
        if verdict.kind in ("exact", "near") and verdict.of_id is not None:
            self._take_over_or_drop(item, verdict)
        else:
            item["id"] = self.next_id
            self.next_id += 1
        if verdict.kind == "rewrite":
            item["rewrite_of"] = verdict.of_id
            item["rewrite_similarity"] = round(verdict.similarity, 4)
        item["signature"] = sig
        self.index.add(item["id"], sig)
        self.facts[item["id"]] = {k: item.get(k) for k in FACTS}
        for url in item.get("seen_urls", [item["url"]]):
            spider.known[url] = item["id"]
        return item

    def _take_over_or_drop(self, item: ArticleItem, verdict: Verdict) -> None:
        """Give the item the stored copy's id if it is the copy to keep; else drop it."""
        assert verdict.of_id is not None
        stored = self._facts_of(verdict.of_id)
        if (
            stored is None
            or stored["is_seed"]
            or item.get("is_seed")
            or not keeps_new_copy(
                item.get("published_at"), item["text"], stored["published_at"], stored["text"]
            )
        ):
            self._drop(item, verdict.of_id, verdict.similarity, verdict.method)
        item["id"] = verdict.of_id
        item["replaced"] = {
            "url": stored["url"], "similarity": round(verdict.similarity, 4),
            "method": verdict.method,
        }  # fmt: skip
        item["rewrite_of"] = stored["rewrite_of"]
        item["rewrite_similarity"] = stored["rewrite_similarity"]
        for key in ("dedup/duplicates", "dedup/replaced"):
            self.crawler.stats.inc_value(key)  # type: ignore[union-attr]
        logger.debug("%s replaces its copy %s (%s)", item["url"], stored["url"], verdict.method)

    def _drop(self, item: ArticleItem, of_id: int, similarity: float, method: str) -> NoReturn:
        spider: Any = self.crawler.spider
        spider.record_duplicate(item, of_id, similarity, method)
        raise DropItem(f"duplicate ({method}) of {of_id}: {item['url']}", log_level="DEBUG")
