"""Which language a text is in (py3langid), and which one a set of texts shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import py3langid

__all__ = ["detect_language", "main_language", "same_language"]


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


# Languages a detector tells apart by a few words but a reader reads as one: Serbian,
# Croatian, Bosnian and Montenegrin (Serbian written in Latin letters is mostly detected as
# Croatian or Bosnian), and Norwegian's two written forms.
_ONE_LANGUAGE = {"sr": "sh", "hr": "sh", "bs": "sh", "cnr": "sh", "nb": "no", "nn": "no"}


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two language codes name one language to read a text in (see
    ``_ONE_LANGUAGE``): a Serbian page in Latin letters is no foreign page to Serbian
    seeds."""
    return _ONE_LANGUAGE.get(a or "", a) == _ONE_LANGUAGE.get(b or "", b)
