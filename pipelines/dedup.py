"""Dedup pipeline: one article per story copy, across runs.

URL aliases (canonical URLs, redirects, ``rel=canonical``), exact copies (hash of the
normalised text) and near copies (MinHash-LSH, verified) are dropped and recorded in the
``duplicates`` table; rewrites are kept, linked to the article they reword.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from collector.dedup import DuplicateIndex, check, signature
from collector.items import ArticleItem


class DedupPipeline:
    """Assign ids to new articles; drop and record copies."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.index: DuplicateIndex | None = None
        self.texts: dict[int, str] = {}
        self.next_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def _setup(self) -> None:
        state = self.crawler.spider.state  # type: ignore[union-attr]
        self.index = DuplicateIndex.from_signatures(state.signatures)
        self.next_id = state.next_id

    def _text_of(self, article_id: int) -> str | None:
        if article_id in self.texts:
            return self.texts[article_id]
        return self.crawler.spider.store.text_of(article_id)  # type: ignore[union-attr]

    def process_item(self, item: ArticleItem) -> ArticleItem:
        if self.index is None:
            self._setup()
        assert self.index is not None
        spider = self.crawler.spider
        known = spider.known  # type: ignore[union-attr]
        stored_as = known.get(item["url"])
        if stored_as is not None:
            self._drop(item, stored_as, 1.0, "url")
        sig = item.get("signature") or signature(item["text"])  # computed by the workers
        verdict = check(item["text"], self.index, self._text_of, sig=sig)
        if verdict.kind in ("exact", "near") and verdict.of_id is not None:
            self._drop(item, verdict.of_id, verdict.similarity, verdict.method)
        item["id"] = self.next_id
        self.next_id += 1
        item["signature"] = sig
        if verdict.kind == "rewrite":
            item["rewrite_of"] = verdict.of_id
            item["rewrite_similarity"] = round(verdict.similarity, 4)
        self.index.add(item["id"], sig)
        self.texts[item["id"]] = item["text"]
        for url in item.get("seen_urls", [item["url"]]):
            known[url] = item["id"]
        return item

    def _drop(self, item: ArticleItem, of_id: int, similarity: float, method: str) -> None:
        spider = self.crawler.spider
        spider.record_duplicate(item, of_id, similarity, method)  # type: ignore[union-attr]
        raise DropItem(f"duplicate ({method}) of {of_id}: {item['url']}", log_level="DEBUG")
