"""Relevance feedback: pages just above the gate's threshold are judged by what the crawl
has already kept and rejected.

The topic profile is learned from a handful of seeds, so pages that share the story's names
(its president's trade trip, another country's peacekeeping mission) can score as high as
short relevant pages. During a crawl the gate sees many of both. A page whose score is less
than ``band`` above the threshold is compared (cosine) with the centroid of the pages kept
with confidence (starting from the profile itself) and with the centroid of the pages
rejected although they shared some of the story's terms; closer to the rejected ones, it is
rejected too. Feedback only ever rejects: a page below the threshold stays out. Pages
decided this way teach nothing, so the band cannot drift on its own decisions; until
``min_rejections`` pages have been rejected, the plain threshold decides.

Each centroid learns from every page up to ``full_pages`` pages, then from one in ``stride``,
and keeps its ``max_terms`` heaviest terms (pruned when it holds twice as many):
a crawl's vocabulary grows with every page, and the terms a centroid drops weigh little
in a cosine, so its memory and the cost of comparing with it stay bounded over a long crawl.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from collector.names import MISSING, NAMED, PASSING
from collector.relevance import cosine


@dataclass(frozen=True)
class Verdict:
    """The gate's decision on one page."""

    relevant: bool
    reason: str | None = None  # off-topic | off-core | like-rejected (None: relevant)


@dataclass
class Feedback:
    """Centroids of what a crawl kept and rejected (sums of unit vectors), each bounded to
    its ``max_terms`` heaviest terms."""

    kept: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    rejections: int = 0
    max_terms: int = 5000
    learned: Counter[bool] = field(default_factory=Counter)  # pages offered, per centroid
    full_pages: int = 500
    stride: int = 5

    @classmethod
    def from_profile(cls, weights: Mapping[str, float]) -> Feedback:
        """Start with the profile as the one page kept."""
        feedback = cls()
        feedback.kept.update(_unit(weights))
        return feedback

    def learn(self, vector: Mapping[str, float], relevant: bool) -> None:
        """Add a page judged with confidence to the kept or rejected centroid.

        A centroid takes every page offered until it holds ``full_pages``, then one page in
        ``stride``: its direction is settled by then, and adding thousands of terms per
        page was the costliest step of judging one.
        """
        self.rejections += not relevant
        self.learned[relevant] += 1
        seen = self.learned[relevant]
        if seen > self.full_pages and seen % self.stride:
            return
        centroid = self.kept if relevant else self.rejected
        centroid.update(_unit(vector))
        if len(centroid) > 2 * self.max_terms:
            kept = heaviest(centroid, self.max_terms)
            centroid.clear()
            centroid.update(kept)

    def closer_to_kept(self, vector: Mapping[str, float]) -> bool:
        """Whether a page is at least as close to what was kept as to what was rejected."""
        return cosine(vector, self.kept) >= cosine(vector, self.rejected)


def judge(
    score: float,
    vector: Mapping[str, float],
    feedback: Feedback,
    threshold: float,
    band: float = 0.03,
    min_rejections: int = 3,
    naming: str = NAMED,
    below: float = 0.0,
) -> Verdict:
    """Decide whether a page is relevant, and learn from the clear cases.

    Args:
        score: The page's relevance (cosine to the profile).
        vector: The page's weighted terms (see :func:`collector.relevance.weigh`).
        feedback: What the crawl kept and rejected so far (updated in place).
        threshold: The relevance threshold.
        band: Width of the band above the threshold decided by feedback (0: off).
        min_rejections: Rejected pages needed before feedback decides.
        naming: How the page names the story's core names (see
            :func:`collector.names.naming`): ``named``, ``passing`` (some only in
            passing: decided by feedback like a page near the threshold) or ``missing``
            (rejected).
        below: Width of the band under the threshold where a page that names every core
            name throughout is kept when it is closer to the kept pages (0: off).

    Returns:
        The verdict; ``reason`` tells why a page was rejected (``off-topic``: below the
        threshold; ``off-core``: it does not name the story's core names; ``like-rejected``:
        near the threshold or naming the core in passing, and closer to the rejected
        pages). Until feedback can decide, the plain threshold does.
    """
    if naming == MISSING or score < threshold:
        if (
            naming == NAMED
            and score >= threshold - below
            and feedback.rejections >= min_rejections
            and feedback.closer_to_kept(vector)
        ):
            return Verdict(True)
        if score >= threshold / 2:  # shares some of the story's terms: a useful counter-example
            feedback.learn(vector, False)
        return Verdict(False, "off-topic" if naming != MISSING else "off-core")
    if naming == PASSING or score < threshold + band:
        if feedback.rejections < min_rejections:
            return Verdict(True)
        if not feedback.closer_to_kept(vector):
            return Verdict(False, "like-rejected")
        return Verdict(True)
    feedback.learn(vector, True)
    return Verdict(True)


def heaviest(weights: Mapping[str, float], n: int) -> dict[str, float]:
    """The ``n`` heaviest entries of ``weights`` (in no particular order; ties broken
    arbitrarily). A partial sort: pruning a centroid of thousands of terms every few pages
    must stay cheap."""
    if len(weights) <= n:
        return dict(weights)
    terms = list(weights)
    values = np.fromiter(weights.values(), dtype=np.float64, count=len(terms))
    top = np.argpartition(-values, n - 1)[:n]
    return {terms[i]: float(values[i]) for i in top.tolist()}


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
