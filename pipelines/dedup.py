"""Dedup pipeline: one article per story copy, the earliest published, across runs.

URL aliases and exact or near copies are recorded in ``duplicates`` and dropped, unless the
copy was published earlier (:func:`~collector.dedup.keeps_new_copy`), is its outlet's update
of the stored copy (:func:`~collector.dedup.adds_to`), or is the page a text seed was pasted
from: then it takes the stored copy's place and id, and the stored copy becomes the
duplicate. Rewrites are kept and linked.

Features come with the item (``item["dedup_features"]``, from an extraction worker) or are
computed here; stored articles' features are kept in a :class:`~collector.dedup.FeatureCache`,
computed from their texts read back from the corpus when they are not.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, NoReturn

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from collector.dates import republished
from collector.dedup import (
    DuplicateIndex,
    FeatureCache,
    Features,
    Verdict,
    adds_to,
    check,
    features,
    keeps_new_copy,
    near_match,
)
from collector.items import ArticleItem
from collector.seeds import TEXT_SEED_PREFIX
from collector.store import StoreError
from collector.urls import same_publisher

logger = logging.getLogger(__name__)

KEEP = 8192  # articles' features and facts kept, the latest used; older ones are read back
HELD = 64  # copies kept whole in case they are the update of a first version met later
FACTS = (
    "url", "published_at", "date_source", "is_seed", "lead_origin", "rewrite_of",
    "rewrite_similarity", "run_id",
)  # fmt: skip


class DedupPipeline:
    """Assign ids to new articles; drop and record copies; let earlier copies take over."""

    def __init__(self, crawler: Crawler, keep: int = KEEP) -> None:
        self.crawler = crawler
        self.index: DuplicateIndex | None = None
        # The features and facts of the articles compared or stored last, not their texts
        # (features are what checks compare): a long run's would not fit in memory. An
        # article stored this run is in the corpus when it is evicted (batches are far
        # smaller than ``keep``).
        self.cache = FeatureCache(lambda i: (self._stored(i) or {}).get("text"), size=keep)
        self.facts: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self.keep = keep
        self.next_id = 0
        # By stored id: a dropped copy that adds paragraphs to another outlet's stored copy,
        # with its features (see _held_update).
        self.held: OrderedDict[int, tuple[ArticleItem, Features]] = OrderedDict()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def _setup(self, spider: Any) -> DuplicateIndex:
        started = time.monotonic()
        blocks = spider.store.signature_blocks()
        index = DuplicateIndex.from_columns((b.ids, b.offsets, b.data) for b in blocks)
        if index.rejected:
            logger.warning("%d stored signatures unusable", len(index.rejected))
        logger.info("Dedup index: %d articles, %.1fs", index.size, time.monotonic() - started)
        self.next_id = spider.state.next_id
        return index

    def _stored(self, article_id: int) -> dict[str, Any] | None:
        """A stored article's facts and text, read from the corpus; the facts are remembered."""
        self.crawler.stats.inc_value("dedup/read_back")  # type: ignore[union-attr]
        found = self.crawler.spider.store.article_facts(article_id)  # type: ignore[union-attr]
        if found is not None:
            self._remember(article_id, {k: found[k] for k in FACTS})
        return found

    def _facts_of(self, article_id: int) -> dict[str, Any] | None:
        found = self.facts.get(article_id)
        if found is None:
            return self._stored(article_id)
        self._remember(article_id, found)
        return found

    def _remember(self, article_id: int, facts: dict[str, Any]) -> None:
        self.facts[article_id] = facts
        self.facts.move_to_end(article_id)
        while len(self.facts) > self.keep:
            self.facts.popitem(last=False)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Give the item its id, or drop it as a copy. An item that needs a stored article
        read back while another process holds the corpus is dropped undecided: its lead
        stays queued, and the next run fetches it again."""
        try:
            return self._dedup(item)
        except StoreError as exc:
            self.crawler.stats.inc_value("dedup/unread")  # type: ignore[union-attr]
            raise DropItem(
                f"not compared, the corpus could not be read ({exc}); the next run fetches "
                f"it again: {item['url']}",
                log_level="WARNING",
            ) from exc

    def _dedup(self, item: ArticleItem) -> ArticleItem:
        spider: Any = self.crawler.spider
        self.index = self.index or self._setup(spider)
        if item.get("refresh") is not None:
            return self._refreshed(item, spider)
        stored_as = spider.known.get(item["url"])
        if stored_as is not None:
            self._drop(item, stored_as, 1.0, "url")
        new = item.pop("dedup_features", None) or features(item["text"])
        verdict = check(new, self.index, self.cache)
        if verdict.kind in ("exact", "near") and verdict.of_id is not None:
            new = self._take_over_or_drop(item, verdict, verdict.of_id, new)
        else:
            item["id"], self.next_id = self.next_id, self.next_id + 1
        if verdict.kind == "rewrite" and self._links_rewrite(item, verdict.of_id):
            item["rewrite_of"] = verdict.of_id
            item["rewrite_similarity"] = round(verdict.similarity, 4)
        item["signature"], item["content_hash"] = new.signature, new.digest.hex()
        self.index.add(item["id"], new.signature)
        self.cache.put(item["id"], new)
        origin, run = (item.get("lead") or {}).get("origin"), item.get("run_id") or spider.run_id
        self._remember(
            item["id"], {**{k: item.get(k) for k in FACTS}, "lead_origin": origin, "run_id": run}
        )
        for url in item.get("seen_urls", [item["url"]]):
            spider.known[url] = item["id"]
        return item

    def _refreshed(self, item: ArticleItem, spider: Any) -> ArticleItem:
        """A stored article asked again: its new text takes the stored row's place (same
        id, URL, seed flag, rewrite link, run and, unless the page now shows an earlier or
        a more precise one, publication date: :meth:`_dated_as_first`, the later date the
        page shows becoming its ``modified_at``); an unchanged text is dropped."""
        article_id = item.pop("refresh")
        facts, old = self._facts_of(article_id), self.cache(article_id)
        new = item.pop("dedup_features", None) or features(item["text"])
        if facts is None or (old is not None and old.digest == new.digest):
            spider.record_outcome(item, "skipped", "unchanged" if facts else "gone")
            raise DropItem(f"unchanged: {item['url']}", log_level="DEBUG")
        item["seen_urls"] = sorted({*item.get("seen_urls", ()), item["url"]})
        item.update(id=article_id, url=facts["url"], is_seed=facts["is_seed"], refreshed=True,
                    run_id=facts["run_id"], rewrite_of=facts["rewrite_of"],
                    rewrite_similarity=facts["rewrite_similarity"])  # fmt: skip
        self._dated_as_first(item, facts)
        item["signature"], item["content_hash"] = new.signature, new.digest.hex()
        self.index.add(article_id, new.signature)  # type: ignore[union-attr]
        self.cache.put(article_id, new)
        self._remember(article_id, {**facts, "published_at": item["published_at"]})
        self.crawler.stats.inc_value("dedup/refreshed")  # type: ignore[union-attr]
        return item

    def _links_rewrite(self, item: ArticleItem, of_id: int | None) -> bool:
        """Whether a rewrite is linked to what it rewords: not a published article to a
        text seed not found where it was published, which stands for some other version of
        the story pasted without its source; linked, the article would be left out of the
        ``corpus`` view in the seed's favour."""
        original = self._facts_of(of_id) if of_id is not None else None
        return original is not None and (
            bool(item.get("is_seed")) or not original["url"].startswith(TEXT_SEED_PREFIX)
        )

    def _take_over_or_drop(
        self, item: ArticleItem, verdict: Verdict, of_id: int, new: Features
    ) -> Features:
        """Give the item the stored copy's id if it is the copy to keep: the earliest
        published, the page a pasted text seed was copied from, or its outlet's update of
        the stored copy (:func:`~collector.dedup.adds_to`: a copy of the same outlet that
        adds paragraphs to the other is kept, whichever came first, dated as the stored one
        when it replaces it). A seed stays a seed:
        found where it was published, it takes that page's URL, outlet and date (and
        another copy of the page may take its place as any copy would); a seed given by
        its URL stays at it."""
        old, old_features = self._facts_of(of_id), self.cache(of_id)
        method = verdict.method
        if old is not None and old["url"].startswith(TEXT_SEED_PREFIX) and not item.get("is_seed"):
            self.crawler.stats.inc_value("dedup/seed-located")  # type: ignore[union-attr]
        elif (
            old is None or old_features is None or item.get("is_seed")
            or (old["is_seed"] and old["lead_origin"] == "seed")
        ):  # fmt: skip
            self._drop(item, of_id, verdict.similarity, method)
        else:
            keep, method = self._keeps(item, new, old, old_features, method)
            if not keep:
                if method != "update" and adds_to(new, old_features):
                    self._hold(of_id, item, new)
                self._drop(item, of_id, verdict.similarity, method)
            if method == "update":
                self._dated_as_first(item, old)
            else:
                new = self._held_update(item, of_id, new)
        item["is_seed"] = bool(old["is_seed"])
        item["id"] = of_id
        item["replaced"] = {"url": old["url"], "similarity": round(verdict.similarity, 4),
                            "method": method}  # fmt: skip
        item["rewrite_of"], item["rewrite_similarity"] = (
            old["rewrite_of"],
            old["rewrite_similarity"],
        )
        for key in ("dedup/duplicates", "dedup/replaced"):
            self.crawler.stats.inc_value(key)  # type: ignore[union-attr]
        logger.debug("%s takes the place of its copy %s", item["url"], old["url"])
        return new

    @staticmethod
    def _keeps(
        item: ArticleItem, new: Features, old: dict[str, Any], old_features: Features, method: str
    ) -> tuple[bool, str]:
        """Whether a copy takes the place of the stored one, and how they were found copies
        (``update`` for one outlet's two versions, one adding to the other)."""
        if same_publisher(item["url"], old["url"]):
            if adds_to(new, old_features):
                return True, "update"
            if adds_to(old_features, new):
                return False, "update"
        keep = keeps_new_copy(item.get("published_at"), new.words, old["published_at"],
                              old_features.words, method == "containment")  # fmt: skip
        return keep, method

    def _hold(self, of_id: int, item: ArticleItem, found: Features) -> None:
        """Keep a copy that adds paragraphs to a stored copy of another outlet: its own
        outlet's first version may come later in the run and take that copy's place."""
        self.held[of_id] = (ArticleItem(item), found)
        self.held.move_to_end(of_id)
        while len(self.held) > HELD:
            self.held.popitem(last=False)

    def _held_update(self, item: ArticleItem, of_id: int, new: Features) -> Features:
        """The features of what takes a stored copy's place: the item's own, or those of a
        held copy that is the update of the item (a wire's report met after another
        outlet's copy of it and after its own update): then the update is stored, dated as
        the item, and the item becomes its copy. Only while the update's records as a copy
        are not written yet (:meth:`GrowSpider.withdraw_duplicate`)."""
        held = self.held.pop(of_id, None)
        if held is None:
            return new
        update, found = held
        spider: Any = self.crawler.spider
        if not (
            same_publisher(update["url"], item["url"]) and adds_to(found, new)
            and spider.withdraw_duplicate(update)
        ):  # fmt: skip
            return new
        first = ArticleItem(item)
        item.clear()
        item.update(update)
        self._dated_as_first(item, first)
        match = near_match(found, new)
        spider.record_duplicate(first, of_id, match.similarity if match else 0.0, "update")
        return found

    @staticmethod
    def _dated_as_first(item: ArticleItem, first: Mapping[str, Any]) -> None:
        """An update taking its first version's place (or a stored article's refreshed
        text) keeps that version's publication date (:func:`~collector.dates.republished`);
        its own becomes its ``modified_at`` (by which :mod:`collector.reextraction` knows
        it)."""
        published = republished(first["published_at"], item.get("published_at"))
        if published is not item.get("published_at"):
            item["modified_at"] = item.get("published_at") or item.get("modified_at")
            item["published_at"], item["date_source"] = published, first.get("date_source")

    def _drop(self, item: ArticleItem, of_id: int, similarity: float, method: str) -> NoReturn:
        own = (self._facts_of(of_id) or {}).get("url", "") if method == "url" else ""
        self.crawler.spider.record_duplicate(item, of_id, similarity, method, own)  # type: ignore[union-attr]
        raise DropItem(f"duplicate ({method}) of {of_id}: {item['url']}", log_level="DEBUG")
