"""Gate pipeline: keep pages about the story, and grow the crawl from them."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from collector.extraction import with_standfirst
from collector.feedback import Feedback, judge
from collector.items import ArticleItem
from collector.language import same_language
from collector.names import (
    OTHER_LANGUAGE,
    PASSING,
    by_story_names,
    name_lines,
    naming_from_counts,
    unique_core_repeated,
)

POLL = 0.25  # seconds between two looks at feedback while a page waits
QUIET = 3.0  # seconds without a new response after which a waiting page is judged


class GatePipeline:
    """Score each article against the topic profile; drop the off-topic ones.

    Pages near the threshold are judged by relevance feedback (see
    :mod:`collector.feedback`). A relevant page's links, feeds and sitemaps are handed to
    the spider's frontier; an off-topic page's are not. A page that does not name each of
    the story's core names is off-topic whatever its score; one that names some of them
    only in passing is judged by feedback, and waits (while the crawl goes on and pages
    keep arriving, up to ``wait`` seconds) until feedback has seen enough rejections to
    judge. A page that uses enough of the story's names is kept when it is in another
    language than the seeds', and judged by feedback when it leaves out one core name (see
    :func:`collector.names.by_story_names`). A page in the seeds' language whose match is
    almost all the story's names (under ``min_topic_share`` of it from other terms: a
    football report from the story's town) is off-topic too, and so is one in another
    language, unless it names a core name all but unknown in the seeds' language in two
    lines or more (the company at the story's centre: another language shares its names
    and none of its words). A page it would keep that was published more than
    ``max_days_before`` days before the earliest date the seeds show is an older story's
    (``before-story``, its links followed still; 0: no limit).
    Rejections are recorded as leads with their score and reason (``off-topic``,
    ``off-core``, ``names-only``, ``like-rejected`` or ``before-story``).
    """

    def __init__(
        self,
        crawler: Crawler,
        min_relevance: float,
        band: float,
        min_rejections: int,
        core_min_lines: int = 2,
        wait: float = 0.0,
        below: float = 0.0,
        min_story_names: int = 0,
        min_topic_share: float = 0.0,
        max_days_before: float = 0.0,
    ) -> None:
        self.crawler = crawler
        self.min_relevance = min_relevance
        self.band = band
        self.min_rejections = min_rejections
        self.core_min_lines = core_min_lines
        self.wait = wait
        self.below = below
        self.min_story_names = min_story_names
        self.min_topic_share = min_topic_share
        self.max_days_before = max_days_before
        self.feedback: Feedback | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GatePipeline:
        s = crawler.settings
        return cls(
            crawler,
            s.getfloat("COLLECTOR_MIN_RELEVANCE"),
            s.getfloat("COLLECTOR_RELEVANCE_FEEDBACK_BAND"),
            s.getint("COLLECTOR_RELEVANCE_FEEDBACK_MIN_REJECTED"),
            s.getint("COLLECTOR_CORE_MIN_LINES"),
            s.getfloat("COLLECTOR_RELEVANCE_FEEDBACK_WAIT"),
            s.getfloat("COLLECTOR_RELEVANCE_FEEDBACK_BELOW"),
            s.getint("COLLECTOR_STORY_MIN_NAMES"),
            s.getfloat("COLLECTOR_MIN_TOPIC_SHARE"),
            s.getfloat("COLLECTOR_STORY_MAX_DAYS_BEFORE_SEEDS"),
        )

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        spider = self.crawler.spider
        profile = spider.profile  # type: ignore[union-attr]
        vector = item.pop("terms", None)  # the workers' (extract stage); seeds have none
        judged = with_standfirst(item["text"], item.get("removed") or ())
        if vector is None:
            vector = profile.vector(
                f"{item.get('title') or ''}\n{judged}", item.get("language") or "en"
            )
        score = profile.score_vector(vector)
        item["relevance"] = round(score, 4)
        if item.get("is_seed"):
            return item
        if item.get("refresh") is not None:  # a stored article asked again: it stays
            return self._followed(spider, item)
        if (item.get("lead") or {}).get("origin") == "seed":  # named by the seeds: kept
            spider.adopt_seed(item)  # type: ignore[union-attr]
            item["relevance"] = round(spider.profile.score_vector(vector), 4)  # type: ignore[union-attr]
            return self._followed(spider, item)
        if self.feedback is None:
            self.feedback = Feedback.from_profile(profile.weights)
        found = item.pop("name_lines", None)  # the workers' (extract stage)
        if found is None:
            found = name_lines(profile.names, item.get("title") or "", judged)
        counts, lines = found
        core = naming_from_counts(counts, lines, self.core_min_lines)
        page = (item.get("title") or "", judged)
        language = item.get("language") or profile.language
        named = by_story_names(profile, counts, core, language, page, self.min_story_names)
        other = not same_language(language, profile.language)
        if named == OTHER_LANGUAGE:
            self.crawler.stats.inc_value("gate/other-language")  # type: ignore[union-attr]
            return self._kept(spider, item)
        if named != core:  # a local report that does not name the country
            self.crawler.stats.inc_value("gate/core-by-names")  # type: ignore[union-attr]
        if (
            score >= self.min_relevance and profile.topic_share(vector) < self.min_topic_share
            and not (other and unique_core_repeated(profile, counts))
        ):  # fmt: skip
            self.crawler.stats.inc_value("gate/names-only")  # type: ignore[union-attr]
            spider.record_outcome(item, "rejected", "names-only")  # type: ignore[union-attr]
            raise DropItem(f"names-only ({score:.3f}): {item['url']}", log_level="DEBUG")
        if named == PASSING and score >= self.min_relevance:
            await self._feedback_ready()
        verdict = judge(score, vector, self.feedback, self.min_relevance, self.band,
                        self.min_rejections, named, self.below)  # fmt: skip
        if verdict.reason and verdict.reason != "off-topic":
            self.crawler.stats.inc_value(f"gate/{verdict.reason}")  # type: ignore[union-attr]
        if not verdict.relevant:
            spider.record_outcome(item, "rejected", verdict.reason)  # type: ignore[union-attr]
            raise DropItem(f"{verdict.reason} ({score:.3f}): {item['url']}", log_level="DEBUG")
        return self._kept(spider, item)

    def _kept(self, spider: Any, item: ArticleItem) -> ArticleItem:
        """A relevant page followed up, and kept unless it was published long before the
        story (:meth:`_before_story`): then its links are followed still (an older page's
        lists link to the story's reports) and it is rejected as ``before-story``."""
        item = self._followed(spider, item)
        if self._before_story(spider.story_start, item.get("published_at")):
            self.crawler.stats.inc_value("gate/before-story")  # type: ignore[union-attr]
            spider.record_outcome(item, "rejected", "before-story")
            raise DropItem(f"before-story: {item['url']}", log_level="DEBUG")
        return item

    def _before_story(self, start: datetime | None, published: datetime | None) -> bool:
        """Whether a page was published more than ``max_days_before`` days before the
        earliest date the seeds show (``start``): an older story's."""
        if not (self.max_days_before and start and published):
            return False
        return published < start - timedelta(days=self.max_days_before)

    @staticmethod
    def _followed(spider: Any, item: ArticleItem) -> ArticleItem:
        """The relevant item, its links and feeds handed to the spider to follow."""
        spider.schedule(spider.follow_ups(item))
        item.pop("links", None)
        item.pop("feeds", None)
        return item

    async def _feedback_ready(self) -> None:
        """Wait until feedback has seen ``min_rejections`` rejections, while pages keep
        arriving (other pages are fetched and judged meanwhile): at most ``wait`` seconds,
        and no longer than ``QUIET`` seconds without a new response (no more evidence)."""
        assert self.feedback is not None
        if self.feedback.rejections >= self.min_rejections or self.wait <= 0:
            return
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("gate/waited")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        seen, last_change = stats.get_value("response_received_count", 0), loop.time()
        while self.feedback.rejections < self.min_rejections:
            now = loop.time()
            received = stats.get_value("response_received_count", 0)
            if received != seen:
                seen, last_change = received, now
            if now >= deadline or now - last_change >= QUIET:
                stats.inc_value("gate/waited-in-vain")
                return
            await asyncio.sleep(POLL)
