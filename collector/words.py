"""Words of a text in any script.

Most scripts put a space between words, so splitting on spaces or matching letter runs
finds them. Chinese and Japanese write none, and Korean glues its particles to the word
before ("화재가", the fire + subject): a letter run there is a whole clause. Text in those
scripts is cut into words by wordfreq's tokenizers (jieba for Chinese, MeCab with its
dictionaries for Japanese and Korean), the same cut its frequency lists were built with,
so the words found are the words whose frequencies :mod:`collector.relevance` reads.
Other text comes back as it was, without the tokenizers' cost.
"""

from __future__ import annotations

import logging
import re
import warnings
from functools import cache

import wordfreq

__all__ = ["is_unspaced", "segment", "word_count"]

# Kana, CJK ideographs (with extension A and compatibility forms), the iteration mark.
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_HAN = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_UNSPACED_RE = re.compile(f"[{_KANA}{_HAN}]+")
_RUN_RE = re.compile(f"[{_KANA}{_HAN}{_HANGUL}]+")
_KANA_RE = re.compile(f"[{_KANA}]")
_HANGUL_RE = re.compile(f"[{_HANGUL}]")
TOKENIZED_LANGUAGES = frozenset({"ja", "ko", "zh"})


def _language(text: str, hint: str | None) -> str:
    """The tokenizer for ``text``: the hint when it names one, else by script (kana is
    Japanese, hangul Korean, ideographs alone Chinese)."""
    if hint in TOKENIZED_LANGUAGES:
        return hint
    if _KANA_RE.search(text):
        return "ja"
    return "ko" if _HANGUL_RE.search(text) else "zh"


def segment(text: str, language: str | None = None, hangul: bool = True) -> str:
    """The text with a space between each two words of its Chinese, Japanese and Korean runs.

    Everything else is left in place (a regular expression or ``split`` finds its words
    as before), and text without those scripts is returned as it is.

    Args:
        text: Any text.
        language: The text's language when known ("ja", "zh", "ko"), which picks the
            tokenizer for ideographs; guessed from the script otherwise.
        hangul: Also cut Korean words from their particles. Counting words wants it off:
            Korean spaces its words already.
    """
    pattern = _RUN_RE if hangul else _UNSPACED_RE
    if text.isascii() or not pattern.search(text):
        return text
    tokenizer = _language(text, language)
    return pattern.sub(lambda run: f" {' '.join(_cut(run[0], tokenizer))} ", text)


def _cut(run: str, language: str) -> list[str]:
    """The words of a run of one script (the run whole when the tokenizer finds none)."""
    if language == "zh":
        _quiet_jieba()
    return wordfreq.tokenize(run, language) or [run]


@cache
def _quiet_jieba() -> None:
    """Import jieba without its deprecation warning, and keep its dictionary-loading
    messages out of the crawl's output (it logs them at DEBUG to its own handler)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)


def is_unspaced(text: str) -> bool:
    """Whether the text holds Chinese or Japanese, written without spaces between words."""
    return _UNSPACED_RE.search(text) is not None


def word_count(text: str) -> int:
    """How many words a text holds, in any script (Chinese and Japanese by their words)."""
    if text.isascii() or not is_unspaced(text):
        return len(text.split())
    return len(segment(text, hangul=False).split())
