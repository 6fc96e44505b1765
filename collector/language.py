"""Which language a text is in (py3langid), and which one a set of texts shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import py3langid

__all__ = ["detect_language", "main_language"]


def detect_language(text: str, sample: int = 1000) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell.

    Only the first ``sample`` characters are read: on the extraction benchmark's pages
    (seven languages) 500 to 5,000 give the same answers, and the cost grows with them.
    """
    if len(text) < 20:
        return None
    language, _score = py3langid.classify(text[:sample])
    return str(language)


def main_language(texts: Iterable[str], default: str = "en") -> str:
    """The language most of the texts are in (the first text's on a tie); ``default``
    when none is long enough to tell."""
    votes = Counter(language for text in texts if (language := detect_language(text)))
    return votes.most_common(1)[0][0] if votes else default
