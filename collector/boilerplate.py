"""Site-level boilerplate: text blocks an outlet repeats on many of its pages.

trafilatura and the line cleaner judge one page at a time. An outlet's template (a
"Powered by ..." line, a newsletter prompt in a language the cleaner does not know, a
fixed disclaimer) shows itself only across pages: the same block on page after page of
that outlet. :class:`TemplateLearner` counts, per outlet, the pages seen and the pages
each block was seen on, and tells which blocks are template.

A block (one line of the extracted text, before any cleaning, compared after
``normalise_line``) is template when :func:`is_template` says so:

- it was seen on at least ``min_pages`` pages of the outlet and on at least
  ``min_share`` of them;
- if it reads as prose (a sentence: eight words or more ending like one), it was also
  seen on at least ``min_offtopic`` page(s) off the story. Articles of one story repeat
  quotes and background paragraphs; a template block turns up on every kind of page.

Counting is pure; the caller loads earlier counts from the corpus, feeds pages to
:meth:`TemplateLearner.observe`, writes :meth:`TemplateLearner.pending` back and then
calls :meth:`TemplateLearner.mark_stored`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import NamedTuple

from collector.cleaning import normalise_line, reads_as_prose

__all__ = [
    "BlockCount",
    "LearnRule",
    "NewCounts",
    "TemplateLearner",
    "is_template",
    "page_blocks",
    "reads_as_prose",
    "template_blocks",
]


@dataclass(frozen=True)
class LearnRule:
    """When a block counts as an outlet's template.

    Attributes:
        min_pages: Pages of the outlet the block must be seen on.
        min_share: Share of the outlet's pages the block must be seen on.
        min_offtopic: Off-story pages a prose block must also be seen on.
        max_chars: Longer blocks are never counted (article paragraphs, not template).
        forget_pages: Every so many pages of an outlet, the blocks too rare to become
            template are forgotten (see :class:`TemplateLearner`); a count then misses at
            most one page in ``forget_pages``. Keep it well above ``1 / min_share``.
    """

    min_pages: int = 3
    min_share: float = 0.3
    min_offtopic: int = 1
    max_chars: int = 400
    forget_pages: int = 30


@dataclass
class BlockCount:
    """How often a block (or, for an outlet's total, a page) was seen.

    Attributes:
        text: The block as first seen (for people; matching uses its normalised key).
        pages: Pages it was seen on.
        offtopic_pages: Of those, pages off the story.
        first_seen: Fetch time of the first such page.
        last_seen: Fetch time of the latest such page.
    """

    text: str = ""
    pages: int = 0
    offtopic_pages: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    def add(self, offtopic: bool, seen_at: datetime) -> None:
        """Count one more page."""
        self.pages += 1
        self.offtopic_pages += int(offtopic)
        self.first_seen = min(self.first_seen or seen_at, seen_at)
        self.last_seen = max(self.last_seen or seen_at, seen_at)

    def merged(self, other: BlockCount) -> BlockCount:
        """The sum of two counts of the same block."""
        firsts = [d for d in (self.first_seen, other.first_seen) if d]
        lasts = [d for d in (self.last_seen, other.last_seen) if d]
        return BlockCount(
            self.text or other.text,
            self.pages + other.pages,
            self.offtopic_pages + other.offtopic_pages,
            min(firsts) if firsts else None,
            max(lasts) if lasts else None,
        )


def page_blocks(lines: Iterable[str], max_chars: int = 400) -> dict[str, str]:
    """The distinct candidate blocks of one page.

    Args:
        lines: The page's extracted lines, before cleaning.
        max_chars: Longer lines are skipped.

    Returns:
        Normalised key -> the line as it appears (first occurrence).
    """
    blocks: dict[str, str] = {}
    for line in lines:
        line = " ".join(line.split())
        key = normalise_line(line)
        if key and len(line) <= max_chars:
            blocks.setdefault(key, line)
    return blocks


def is_template(block: BlockCount, outlet: BlockCount, rule: LearnRule) -> bool:
    """Whether a block is part of an outlet's template.

    Args:
        block: The block's counts.
        outlet: The outlet's page counts.
        rule: The thresholds.

    Returns:
        True when the block is seen on enough of the outlet's pages and, if it reads as
        prose, also on pages off the story.
    """
    if block.pages < rule.min_pages or block.pages < rule.min_share * outlet.pages:
        return False
    return not reads_as_prose(block.text) or block.offtopic_pages >= rule.min_offtopic


def template_blocks(
    blocks: Mapping[str, BlockCount], outlet: BlockCount, rule: LearnRule
) -> frozenset[str]:
    """Normalised keys of an outlet's template blocks.

    Args:
        blocks: Normalised key -> counts, for one outlet.
        outlet: The outlet's page counts.
        rule: The thresholds.

    Returns:
        The keys :func:`is_template` accepts.
    """
    return frozenset(key for key, count in blocks.items() if is_template(count, outlet, rule))


class NewCounts(NamedTuple):
    """What an outlet's counts gained and lost since they were last stored.

    Attributes:
        outlet: The pages added.
        blocks: Normalised key -> the pages added for the block.
        forgotten: Keys whose stored counts are to be deleted (before ``blocks`` are
            added: a block forgotten and then seen again starts afresh).
    """

    outlet: BlockCount
    blocks: dict[str, BlockCount]
    forgotten: frozenset[str] = frozenset()


@dataclass
class _Outlet:
    """One outlet's counts: in all (stored and added during this run), and added since
    the last :meth:`TemplateLearner.mark_stored`."""

    total: BlockCount = field(default_factory=BlockCount)
    blocks: dict[str, BlockCount] = field(default_factory=dict)
    undercount: dict[str, int] = field(default_factory=dict)  # most a block's total may miss
    frequent: set[str] = field(default_factory=set)  # on ``min_pages`` pages: candidates
    new: BlockCount = field(default_factory=BlockCount)
    new_blocks: dict[str, BlockCount] = field(default_factory=dict)
    forgotten: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    templates: frozenset[str] | None = None


class TemplateLearner:
    """Counts pages and blocks per outlet and tells each outlet's template blocks.

    Counts loaded from the corpus (:meth:`load`) and counts of pages seen since
    (:meth:`observe`) add up; :meth:`pending` hands over the new counts to be stored and
    :meth:`mark_stored` clears them. A URL is counted once per learner.

    The counts kept are bounded by lossy counting (Manku and Motwani, 2002): every
    ``rule.forget_pages`` pages of an outlet, the blocks too rare to be template soon are
    forgotten. A block's count then falls short of its true count by at most
    ``1 / rule.forget_pages`` of the outlet's pages, and a block on a steady share of the
    pages above that is never forgotten, however late it appears. Without this, an outlet
    keeps every line of every article, and working out its template takes longer with
    each page.
    """

    def __init__(self, rule: LearnRule) -> None:
        self.rule = rule
        self._outlets: dict[str, _Outlet] = {}

    def is_loaded(self, source: str) -> bool:
        """Whether the outlet's stored counts were loaded (or it is known to have none)."""
        return source in self._outlets

    def load(self, source: str, outlet: BlockCount, blocks: Mapping[str, BlockCount]) -> None:
        """Set an outlet's stored counts (from the corpus), keyed by normalised block; counts
        observed before are added to them."""
        state = self._outlets.setdefault(source, _Outlet())
        state.total = outlet.merged(state.new)
        state.blocks = {key: replace(count) for key, count in blocks.items()}
        for key, count in state.new_blocks.items():
            stored = state.blocks.get(key)
            state.blocks[key] = stored.merged(count) if stored else replace(count)
        bucket = self._bucket(state.total.pages)
        state.undercount = {key: max(bucket - 1, 0) for key in state.blocks}
        min_pages = self.rule.min_pages
        state.frequent = {k for k, c in state.blocks.items() if c.pages >= min_pages}
        state.templates = None

    def observe(
        self, source: str, url: str, lines: Iterable[str], offtopic: bool, seen_at: datetime
    ) -> bool:
        """Count one page of an outlet.

        Args:
            source: The outlet (host).
            url: The page's URL; a URL already counted is ignored.
            lines: The page's extracted lines before cleaning.
            offtopic: Whether the page is off the story.
            seen_at: Its fetch time.

        Returns:
            True when the page was counted.
        """
        state = self._outlets.setdefault(source, _Outlet())
        if url in state.urls:
            return False
        state.urls.add(url)
        state.total.text = state.new.text = source
        state.total.add(offtopic, seen_at)
        state.new.add(offtopic, seen_at)
        bucket = self._bucket(state.total.pages)
        for key, text in page_blocks(lines, self.rule.max_chars).items():
            if key not in state.blocks:
                state.blocks[key] = BlockCount(text)
                state.undercount[key] = bucket - 1
            count = state.blocks[key]
            count.add(offtopic, seen_at)
            state.new_blocks.setdefault(key, BlockCount(text)).add(offtopic, seen_at)
            if count.pages >= self.rule.min_pages:
                state.frequent.add(key)
        if state.total.pages % self.rule.forget_pages == 0:
            self._forget(state, bucket)
        state.templates = None
        return True

    def _bucket(self, pages: int) -> int:
        return -(-pages // self.rule.forget_pages)

    @staticmethod
    def _forget(state: _Outlet, bucket: int) -> None:
        """Forget the blocks whose count, even with all it may miss, is under ``bucket``."""
        rare = [k for k, c in state.blocks.items() if c.pages + state.undercount[k] <= bucket]
        for key in rare:
            del state.blocks[key], state.undercount[key]
            state.new_blocks.pop(key, None)
            state.frequent.discard(key)
        state.forgotten.update(rare)

    def templates(self, source: str) -> frozenset[str]:
        """The outlet's template blocks (normalised keys) from all counts so far."""
        state = self._outlets.get(source)
        if state is None:
            return frozenset()
        if state.templates is None:
            frequent = {key: state.blocks[key] for key in state.frequent}
            state.templates = template_blocks(frequent, state.total, self.rule)
        return state.templates

    def block_texts(self, source: str, keys: Iterable[str]) -> list[str]:
        """The lines of an outlet's counted blocks, as first seen, by normalised key."""
        blocks = self._outlets[source].blocks if source in self._outlets else {}
        return [blocks[key].text for key in keys if key in blocks]

    def counts(self, source: str) -> tuple[BlockCount, dict[str, BlockCount]]:
        """The outlet's counts in all, as :meth:`load` takes them."""
        state = self._outlets.get(source)
        if state is None:
            return BlockCount(source), {}
        return replace(state.total), {key: replace(c) for key, c in state.blocks.items()}

    def pending_pages(self) -> int:
        """Pages counted since the last :meth:`mark_stored`."""
        return sum(state.new.pages for state in self._outlets.values())

    def pending(self) -> dict[str, NewCounts]:
        """The counts added and the blocks forgotten since the last :meth:`mark_stored`,
        per outlet with new pages, to be stored."""
        return {
            source: NewCounts(state.new, dict(state.new_blocks), frozenset(state.forgotten))
            for source, state in self._outlets.items()
            if state.new.pages
        }

    def mark_stored(self) -> None:
        """Clear the pending counts (once the corpus holds them)."""
        for state in self._outlets.values():
            if state.new.pages:
                state.new, state.new_blocks = BlockCount(state.new.text), {}
                state.forgotten = set()
