"""Words of a text in any script.

Most scripts put a space between words, so splitting on spaces or matching letter runs
finds them. Chinese and Japanese write none, and Korean glues its particles to the word
before ("화재가", the fire + subject): a letter run there is a whole clause. Text in those
scripts is cut into words by wordfreq's tokenizers (jieba for Chinese, MeCab with its
dictionaries for Japanese and Korean), the same cut its frequency lists were built with,
so the words found are the words whose frequencies :mod:`collector.relevance` reads.
Thai, which wordfreq cannot cut, is cut by PyThaiNLP's dictionary tokenizer (``newmm``),
the cut of the Thai frequency list :func:`thai_zipf` reads. Other text comes back as it
was, without the tokenizers' cost.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
import warnings
from functools import cache

import wordfreq

__all__ = [
    "LETTERS", "ROMAN", "WORD_CHARS", "is_unspaced", "romanize", "segment", "thai_zipf",
    "word_count",
]  # fmt: skip

# Cyrillic letters in Latin ones: Serbian's own Latin alphabet for the letters Serbian writes
# (ж ž, ц c, ч č, ћ ć, ђ đ, џ dž, љ lj, њ nj, ј j), so a Serbian page in either script reads
# the same; the scholarly transliteration for the letters of Russian, Ukrainian, Bulgarian,
# Belarusian and Macedonian. English writes Serbian names the first way without accents
# ("Zivkovic"), and Russian ones often another ("Zhivkov"): those stay apart.
_LATIN = "a b v g d đ e ž z i j k l m n o p r s t ć u f h c č š j y e ju ja ë je i ji g u ǵ ḱ dz ǎ"
_CYRILLIC = dict(
    zip("абвгдђежзијклмнопрстћуфхцчшйыэюяёєіїґўѓќѕъь", [*_LATIN.split(), ""], strict=True)
)
_CYRILLIC |= {"љ": "lj", "њ": "nj", "џ": "dž", "щ": "šč"}
# Kazakh, Kyrgyz, Tajik, Uzbek and Mongolian letters, as ISO 9 writes them (their marks go
# when words are folded): "Нұртазин" reads "nurtazin", as Russian's "Нуртазин" does.
_CYRILLIC |= dict(zip("әғқңөұүһӣӯҳҷ", "ä ġ ķ ņ ô ū ü ḩ ī ū ḩ č".split(), strict=True))
ROMAN = str.maketrans({**_CYRILLIC, **{k.upper(): v.capitalize() for k, v in _CYRILLIC.items()}})

ZERO_WIDTH_NON_JOINER, ZERO_WIDTH_JOINER = "\u200c", "\u200d"


def _marks() -> str:
    """A character class of the combining marks of the scripts written with them: the
    vowel signs of Hindi, Bengali, Tamil or Thai, Arabic and Hebrew points, accents; and
    the zero-width joiners inside a word (Sinhala writes "ප්‍රවාහන", transport, with one in
    its first conjunct; Persian "می‌شود" with a non-joiner)."""
    codes = [
        code
        for block in (range(0x300, 0x2000), range(0xA800, 0xAB00), range(0xFE20, 0xFE30))
        for code in block
        if unicodedata.category(chr(code)) in ("Mn", "Mc")
    ] + [ord(ZERO_WIDTH_NON_JOINER), ord(ZERO_WIDTH_JOINER)]
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in runs) + "]"


# Python's re does not count a combining mark as a letter or a word character: it would
# cut the Hindi "पढ़ें" (read) in three. These runs take the marks in (as fast, within a
# sixth, as the plain classes; the regex module, whose classes hold them, was half as slow).
_MARK = _marks()
LETTERS = rf"[^\W\d_]+(?:{_MARK}+[^\W\d_]*)*"  # a word's letters and marks
WORD_CHARS = rf"\w+(?:{_MARK}+\w*)*"  # letters, digits and marks

# Kana, CJK ideographs (with extension A and compatibility forms), the iteration mark.
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_HAN = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANGUL = "\u3130-\u318f\uac00-\ud7af"
CJK_LETTERS = f"{_KANA}{_HAN}{_HANGUL}"  # for a regex class: Chinese, Japanese, Korean
_UNSPACED_RE = re.compile(f"[{_KANA}{_HAN}]+")
_RUN_RE = re.compile(f"[{CJK_LETTERS}]+")
_KANA_RE = re.compile(f"[{_KANA}]")
_HANGUL_RE = re.compile(f"[{_HANGUL}]")
# One class holding all of them and Thai, first: one scan of a text without them (a class of
# few ranges is searched faster than each script's run in turn).
_ANY_RE = re.compile("[\u0e01-\u0e4e\u3040-\ud7af\uf900-\ufaff]")
_TOKENIZED = frozenset({"ja", "ko", "zh"})
_THAI_RE = re.compile("[\u0e01-\u0e4e]+")  # letters, vowel signs, tone marks (no digits)


def _language(text: str, hint: str | None) -> str:
    """The tokenizer for ``text``: the hint when it names one, else by script (kana is
    Japanese, hangul Korean, ideographs alone Chinese)."""
    if hint in _TOKENIZED:
        return hint
    if _KANA_RE.search(text):
        return "ja"
    return "ko" if _HANGUL_RE.search(text) else "zh"


def segment(text: str, language: str | None = None, hangul: bool = True) -> str:
    """The text with a space between each two words of its Chinese, Japanese, Korean and
    Thai runs.

    Everything else is left in place (a regular expression or ``split`` finds its words
    as before), and text without those scripts is returned as it is.

    Args:
        text: Any text.
        language: The text's language when known ("ja", "zh", "ko"), which picks the
            tokenizer for ideographs; guessed from the script otherwise.
        hangul: Also cut Korean words from their particles. Counting words wants it off:
            Korean spaces its words already.
    """
    if text.isascii() or not _ANY_RE.search(text):
        return text
    if _THAI_RE.search(text):
        text = _THAI_RE.sub(lambda run: f" {' '.join(_thai_words(run[0]))} ", text)
    pattern = _RUN_RE if hangul else _UNSPACED_RE
    if not pattern.search(text):
        return text
    tokenizer = _language(text, language)
    return pattern.sub(lambda run: f" {' '.join(_cut(run[0], tokenizer))} ", text)


def _thai_words(run: str) -> list[str]:
    """The words of a run of Thai letters, by PyThaiNLP's dictionary (the run whole when
    it finds none). Its dictionary is read at the first call (about 70 MB in memory)."""
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(run, engine="newmm", keep_whitespace=False) or [run]


@cache
def _thai_counts() -> tuple[dict[str, int], int]:
    """How often each Thai word occurs in PyThaiNLP's Common Crawl frequency list (Phupha,
    cut with the same dictionary), and the count of all its words of two letters or more
    (its one-letter entries are fragments of words the dictionary does not know)."""
    from pythainlp.corpus import phupha

    counts = dict(phupha.word_freqs())
    return counts, sum(n for word, n in counts.items() if len(word) > 1)


def thai_zipf(word: str) -> float:
    """The Zipf frequency of a Thai word (log10 of its count per billion words), as
    wordfreq gives other languages' words; 0 for a word the list does not hold."""
    counts, total = _thai_counts()
    count = counts.get(word)
    return math.log10(count * 1e9 / total) if count and len(word) > 1 else 0.0


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


def romanize(text: str) -> str:
    """The text with its Cyrillic letters in Latin ones (``ROMAN``): "Липовац" is
    "Lipovac", "Живковић" "Živković"; its Greek words as the press writes them in Latin
    letters (:func:`_greek_in_latin`): "Καραμανλής" is "Karamanlis"; every other
    character as it was."""
    if _GREEK_RE.search(text):
        text = _GREEK_RE.sub(_greek_in_latin, text)
    return text.translate(ROMAN)


# Greek in Latin letters, ELOT 743 as Greek passports and the press write names ("Giorgos
# Papadopoulos", "Evangelos", "Efthymiou"), with a word's first μπ, ντ and γκ read b, d
# and g as spoken ("Bakogiannis", "Dora"). Accents go; a diaeresis keeps two vowels apart.
_GREEK_RE = re.compile("[\u0370-\u03ff\u1f00-\u1fff][\u0300-\u036f\u0370-\u03ff\u1f00-\u1fff]*")
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split(),
        strict=True,
    )
)
_GREEK["\u0308"] = ""  # the diaeresis itself writes nothing
_GREEK_PAIRS = {"ου": "ou", "γγ": "ng", "γξ": "nx", "γχ": "nch"}
_GREEK_FIRST = {"μπ": "b", "ντ": "d", "γκ": "g"}
_VOICELESS = frozenset("θκξπστφχψ")  # αυ, ευ, ηυ are af, ef, if before these and at the end


def _greek_in_latin(match: re.Match[str]) -> str:
    word = match[0]
    letters = "".join(
        c for c in unicodedata.normalize("NFD", word.lower())
        if c == "\u0308" or not unicodedata.combining(c)
    )  # fmt: skip
    out: list[str] = []
    i = 0
    while i < len(letters):
        pair, after = letters[i : i + 2], letters[i + 2 : i + 3]
        whole = len(pair) == 2 and after != "\u0308"  # a diaeresis after keeps them apart
        if whole and i == 0 and pair in _GREEK_FIRST:
            out.append(_GREEK_FIRST[pair])
        elif whole and pair in _GREEK_PAIRS:
            out.append(_GREEK_PAIRS[pair])
        elif whole and pair[0] in "αεη" and pair[1] == "υ":
            out.append(_GREEK[pair[0]] + ("f" if not after or after in _VOICELESS else "v"))
        else:
            out.append(_GREEK.get(letters[i], letters[i]))
            i += 1
            continue
        i += 2
    latin = "".join(out)
    if word.isupper() and len(word) > 1:
        return latin.upper()
    return latin.capitalize() if word[:1].isupper() else latin


def is_unspaced(text: str) -> bool:
    """Whether the text holds Chinese or Japanese, written without spaces between words."""
    return _ANY_RE.search(text) is not None and _UNSPACED_RE.search(text) is not None


def word_count(text: str) -> int:
    """How many words a text holds, in any script (Chinese, Japanese and Thai by their
    words)."""
    if text.isascii() or not _ANY_RE.search(text):
        return len(text.split())
    return len(segment(text, hangul=False).split())
