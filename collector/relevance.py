"""Topic profile and relevance: how close a text is to the story the seeds tell.

The profile is a weighted bag of the terms (words and two-word phrases) that the seeds
share, each weighted by how often the seeds use it and how rare it is in news in general
(wordfreq's Zipf frequency). A text is scored by the cosine between its own weighted term
vector and the profile, so a page that mentions the story's names in passing while it is
about something else (Kenya's finance bill, a Haiti cholera outbreak) scores low.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Zipf 7 is "the"; a word at or above COMMON_ZIPF carries no topic.
COMMON_ZIPF = 5.6
MAX_ZIPF = 7.5


@lru_cache(maxsize=200_000)
def specificity(term: str, language: str = "en") -> float:
    """Return how much a term says about a topic: 0 for common words, up to 7.5 for rare ones.

    A two-word phrase is as specific as its rarer word, plus one. Cached (bounded): it is a
    pure function of its arguments.
    """
    if " " in term:
        return 1.0 + max(specificity(part, language) for part in term.split(" "))
    zipf = zipf_frequency(term, language)
    if zipf >= COMMON_ZIPF or len(term) < 2:
        return 0.0
    return MAX_ZIPF - zipf


def terms(text: str, language: str = "en") -> Counter[str]:
    """Count the topical words and adjacent-word phrases of a text (lower-cased)."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    counts: Counter[str] = Counter(w for w in words if specificity(w, language) > 0)
    for first, second in zip(words, words[1:], strict=False):
        if specificity(first, language) > 0 and specificity(second, language) > 0:
            counts[f"{first} {second}"] += 1
    return counts


def weigh(counts: Mapping[str, int], language: str = "en") -> dict[str, float]:
    """Turn term counts into weights: sub-linear frequency times specificity."""
    return {t: (1 + math.log(n)) * specificity(t, language) for t, n in counts.items() if n > 0}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class TopicProfile:
    """The story's terms and their weights, plus terms the user excluded."""

    weights: Mapping[str, float]
    excluded: frozenset[str] = frozenset()

    def score(self, text: str, language: str = "en") -> float:
        """Relevance of a text to the profile, 0..1."""
        vector = weigh(terms(text, language), language)
        for term in self.excluded & vector.keys():
            if vector[term]:
                return 0.0
        return cosine(vector, self.weights)

    def top_terms(self, n: int = 20) -> list[tuple[str, float]]:
        """The ``n`` heaviest terms, heaviest first."""
        return sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def build_profile(
    documents: Sequence[str],
    extra_terms: Iterable[str] = (),
    excluded: Iterable[str] = (),
    size: int = 80,
) -> TopicProfile:
    """Learn a topic profile from seed documents.

    A term's weight is its mean sub-linear frequency over the documents times the share of
    documents that use it (so the story's shared core outweighs one seed's aside) times its
    specificity. Only the ``size`` heaviest terms are kept; user ``extra_terms`` join with
    the weight of the heaviest term.

    Args:
        documents: Seed texts (headline and body).
        extra_terms: Terms the user adds to the profile.
        excluded: Terms whose presence makes a page irrelevant.
        size: How many terms the profile keeps.
    """
    per_doc = [terms(doc) for doc in documents if doc.strip()]
    if not per_doc:
        return TopicProfile({}, frozenset(t.lower() for t in excluded))
    df: Counter[str] = Counter(t for counts in per_doc for t in counts)
    tf: Counter[str] = Counter()
    for counts in per_doc:
        for t, n in counts.items():
            tf[t] += 1 + math.log(n)
    share = {t: df[t] / len(per_doc) for t in df}
    raw = {
        t: (tf[t] / len(per_doc)) * share[t] * specificity(t)
        for t in df
        if df[t] > 1 or len(per_doc) == 1
    }
    kept = dict(sorted(raw.items(), key=lambda kv: -kv[1])[:size])
    top = max(kept.values(), default=1.0)
    for term in extra_terms:
        kept[term.lower()] = top
    return TopicProfile(kept, frozenset(t.lower() for t in excluded))
