"""Topic profile and relevance: how close a text is to the story the seeds tell.

The profile is a weighted bag of the terms (words and two-word phrases) that the seeds
share, each weighted by how often the seeds use it and how rare it is in news in general
(wordfreq's Zipf frequency). A text is scored by the cosine between its own weighted term
vector and the profile, so a page that mentions the story's names in passing while it is
about something else (Kenya's finance bill, a Haiti cholera outbreak) scores low.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from itertools import repeat
from types import MappingProxyType

import langcodes
import stopwordsiso
from wordfreq import available_languages, top_n_list, zipf_frequency

from collector.words import (
    LETTERS,
    ZERO_WIDTH_JOINER,
    ZERO_WIDTH_NON_JOINER,
    is_unspaced,
    romanize,
    segment,
    thai_zipf,
)

_WORD = re.compile(rf"{LETTERS}(?:['’-]{LETTERS})*")  # marks in (see collector.words)
# Zipf 7 is "the"; a word at or above COMMON_ZIPF carries no topic.
COMMON_ZIPF = 5.6
MAX_ZIPF = 7.5
FOLDED_WORDS = 100_000  # Zipf 1.5-2 at the end of a list: rarer words are names anyway
MAX_SCALE = 2.0  # the most seed_scale widens a profile's scores
# Languages whose nouns take case endings: a headline seldom writes a term in the form the
# seeds did (Polish "dach" for the seeds' "dachu", "w Zabrzanach" for "Zabrzany"; German
# "vermisste Arbeiter" for "Arbeiter werden vermisst"; Swedish "isbrytare" for the seeds'
# "isbrytaren", the icebreaker), so coverage also counts another form
# of a term there (:func:`case_form`). Elsewhere a word that shares a term's first letters
# is as often another word ("story", "storm").
CASE_LANGUAGES = frozenset(
    {"be", "bn", "bs", "cs", "de", "el", "et", "fi", "hr", "hu", "is", "lt", "lv", "pl", "ru",
     "sk", "sl", "sr", "sv", "tr", "uk"}
)  # fmt: skip

# Hebrew and Arabic write "the", "in", "to", "from", "and", "that" and "as" on the word:
# "במפרץ" (in the bay), "האמוניה" (the ammonia), "بحيفا" (in Haifa). No word list tells
# those letters from a word's own ("מסוף", a terminal, is no "from the end"), so a word is
# read as another only where that other is a word of the seeds or a term of the profile
# (:func:`unprefixed`). Arabic's article is dropped before (``_ARABIC_ARTICLE_RE``).
PREFIX_LETTERS = {"he": "הבלמושכ", "ar": "وفبلك"}


@lru_cache(maxsize=200_000)
def specificity(term: str, language: str = "en") -> float:
    """Return how much a term says about a topic: 0 for common words, up to 7.5 for rare ones.

    A two-word phrase is as specific as its rarer word, plus one. Cached (bounded): it is a
    pure function of its arguments.
    """
    if " " in term:
        return 1.0 + max(specificity(part, language) for part in term.split(" "))
    if term in borrowed_stop_words(language):
        return 0.0
    wordlist = wordlist_language(language)
    zipf = thai_zipf(term) if wordlist == "th" else zipf_frequency(term, wordlist)
    if zipf >= COMMON_ZIPF or len(term) < 2:
        return 0.0
    return MAX_ZIPF - zipf


@lru_cache(maxsize=200_000)
def folded_specificity(term: str, language: str = "en") -> float:
    """:func:`specificity` of a folded term (:func:`fold`): the least of the term's own
    and that of the commonest word that folds to it ("slaskim" is Polish "śląskim", a
    common adjective, not a rare word). Cached (bounded)."""
    if " " in term:
        return 1.0 + max(folded_specificity(part, language) for part in term.split(" "))
    zipf = _folded_zipf(wordlist_language(language)).get(term)
    own = specificity(term, language)
    if zipf is None:
        return own
    return min(own, 0.0 if zipf >= COMMON_ZIPF else MAX_ZIPF - zipf)


@lru_cache(maxsize=16)
def _folded_zipf(wordlist: str) -> Mapping[str, float]:
    """The Zipf frequency of each folded form that differs from its word, among the
    ``FOLDED_WORDS`` commonest words of a word list (the commonest word's, where several
    fold alike). Built once per list, in about half a second."""
    found: dict[str, float] = {}
    if wordlist not in available_languages():  # Thai, read from PyThaiNLP's list
        return MappingProxyType(found)
    for word in top_n_list(wordlist, FOLDED_WORDS):  # commonest first
        key = fold.__wrapped__(word)  # uncached: 100,000 words would flush fold's cache
        if key != word and key not in found:
            found[key] = zipf_frequency(word, wordlist)
    return MappingProxyType(found)


@lru_cache(maxsize=256)
def borrowed_stop_words(language: str) -> frozenset[str]:
    """The stop words of a language whose word list is another language's (Swahili and
    Hausa read English's, Kazakh Russian's, Basque Spanish's: :func:`wordlist_language`),
    from stopwords-iso, or from spaCy's lists for a language stopwords-iso has none for
    (Sinhala, Telugu, Nepali, Amharic: :func:`more_stop_words`); none for a language with
    a list of its own, whose frequencies tell its function words already. Another
    language's list knows none of them, so "katika" (in) and "kwa" (for) would weigh as
    much as a Swahili page's rarest word, and "සහ" (and) and "අතර" (between) led Sinhala
    seeds' profile."""
    base = langcodes.Language.get(language).language or language
    _best, distance = langcodes.closest_match(language, [*available_languages(), "th"], 60)
    if distance < _OWN_LIST_DISTANCE:
        return frozenset()
    words: Iterable[str] = (
        stopwordsiso.stopwords(base) if stopwordsiso.has_lang(base)
        else more_stop_words().get(base, ())
    )  # fmt: skip
    return frozenset(words) | {fold(word) for word in words}


@lru_cache(maxsize=1)
def more_stop_words() -> Mapping[str, Sequence[str]]:
    """spaCy's stop words of the languages that have neither a word list of wordfreq's
    nor stopwords-iso's, by language code (``collector/stop_words.json``, taken from
    spaCy 3.8.7 with its licence: spaCy itself is far too heavy for a few word lists)."""
    found = json.loads((files("collector") / "stop_words.json").read_text("utf-8"))
    return MappingProxyType({code: tuple(words) for code, words in found["languages"].items()})


_OWN_LIST_DISTANCE = 10  # langcodes' distance: "no" to "nb" 1, "bs" to "sh" 9, "sw" to "en" 34


@lru_cache(maxsize=256)
def wordlist_language(language: str) -> str:
    """The code of the word list wordfreq reads for ``language``: its own, else the closest
    one ("nb" for "no", "en" for "en-US" or Nigerian Pidgin's "pcm"), else English. Thai's
    is "th", PyThaiNLP's list (:func:`~collector.words.thai_zipf`).

    wordfreq keeps a copy of a list for each code it is asked with, so each alias a language
    detector answers for a short headline would load the same 30 MB again.
    """
    best, _distance = langcodes.closest_match(language, [*available_languages(), "th"], 60)
    return "en" if best == "und" else best


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case a word, write it in Latin letters (:func:`~collector.words.romanize`) and
    strip its accents, so "Haïti" and "Haiti" are one term, and so are "Липовац", "Lipovac"
    and "Đorđević", "Ђорђевић" and "Djordjevic", "Işıklar", "IŞIKLAR" and "Isiklar" (a
    capital I is a dotless ı in Turkish).

    Cached (bounded): every text scored goes through it word by word.
    """
    return unaccented(romanize(word.lower().replace("’", "'"))).replace("đ", "dj").replace("ı", "i")


def unaccented(text: str) -> str:
    """The text without its accents and other combining marks (after NFKD), and without
    zero-width joiners, which writers put in a word or leave out."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(c) and c not in _JOINERS
    )  # fmt: skip


_JOINERS = frozenset((ZERO_WIDTH_NON_JOINER, ZERO_WIDTH_JOINER))


# Turkish and Azerbaijani write a name's case ending after an apostrophe: "Kamışada'dan"
# (from Kamışada), "Aydoğdu'nun", "Alsancak'taki", "İzmir'e"; folded or not.
_CASE_ENDING_RE = re.compile(
    r"['’](?:y?[aeə]|n[aeə]|[ny]?[ıiuü]|n?[ıiuü]n|n?[dt][aeə](?:n|ki)?|y?l[aeə])$"
)
APOSTROPHE_CASE_LANGUAGES = frozenset({"tr", "az"})
_VOWELS = "aeiouy"  # of a folded word


def without_case_ending(word: str) -> str:
    """A word without the case ending Turkish writes after a name and an apostrophe
    ("kamışada'dan" is "kamışada"); any other word as it is."""
    return _CASE_ENDING_RE.sub("", word)


@lru_cache(maxsize=200_000)
def _word(word: str, language: str) -> tuple[str, float]:
    """A word as a term (:func:`fold`) and its specificity in ``language``, a Turkish
    name without its case ending (:func:`without_case_ending`), in capitals too ("İ"
    lowers to "i" and a combining dot), an Arabic word without its article
    (``_ARABIC_ARTICLE_RE``). Cached."""
    lowered = word.lower().replace("’", "'")
    if language in APOSTROPHE_CASE_LANGUAGES:
        lowered = without_case_ending(lowered.replace("\u0307", ""))
    elif language == "ar":
        lowered = _ARABIC_ARTICLE_RE.sub("", lowered)
    return fold(lowered), specificity(lowered, language)


# Arabic writes the article, and the preposition or "and" before it, on the word: "الحريق",
# "بالحريق", "والحريق" (the fire, in the fire, and the fire) are one term, "حريق".
_ARABIC_ARTICLE_RE = re.compile(r"^(?:وبال|ولل|وال|بال|فال|كال|لل|ال)(?=\w{3,}$)")


def unprefixed(word: str, letters: str) -> tuple[str, ...]:
    """The word without its first one or two letters, where they are of ``letters`` (see
    ``PREFIX_LETTERS``) and three letters or more are left: "ובמפרץ" -> "במפרץ", "מפרץ"."""
    return tuple(
        word[cut:]
        for cut in (1, 2)
        if len(word) - cut >= 3 and all(c in letters for c in word[:cut])
    )


def _words(text: str, language: str) -> list[tuple[str, float]]:
    return [_word(w, language) for w in _WORD.findall(segment(text, language))]


def topical_words(text: str, language: str = "en") -> dict[str, float]:
    """The topical words of a text (no phrases), folded, each with its specificity: what
    :meth:`TopicProfile.coverage` weighs.

    A word written twice keeps its last specificity ("Haïti" and "Haiti" fold alike but
    may differ in it). The words of texts joined with spaces are their dicts merged in
    order (``{**a, **b}``), so a text scored in several combinations is read once.
    """
    words = _WORD.findall(segment(text, language))
    return {k: sp for k, sp in map(_word, words, repeat(language)) if sp > 0}


def topical_terms(text: str, language: str = "en") -> list[tuple[str, float]]:
    """The topical words and adjacent-word phrases of a text, each folded with :func:`fold`
    and paired with its specificity.

    Whether a word is topical is judged in the text's own language, so a French page's
    function words do not pass for rare English ones.
    """
    words = _words(text, language)
    found = [(k, sp) for k, sp in words if sp > 0]
    for (k1, sp1), (k2, sp2) in zip(words, words[1:], strict=False):
        if sp1 > 0 and sp2 > 0:
            found.append((f"{k1} {k2}", 1.0 + max(sp1, sp2)))
    return found


def terms(text: str, language: str = "en") -> Counter[str]:
    """Count the topical terms of a text (see :func:`topical_terms`)."""
    return Counter(term for term, _ in topical_terms(text, language))


def weigh(
    text: str, language: str = "en", key: Callable[[str], str] | None = None
) -> dict[str, float]:
    """Weigh a text's topical terms: sub-linear frequency times specificity.

    ``key`` names the term each term counts as ("maroson" as "maros", see
    :meth:`TopicProfile.vector`); terms counted as one are as specific as the commonest.
    """
    found = topical_terms(text, language)
    if key is not None:
        found = [(key(term), sp) for term, sp in found]
    counts = Counter(term for term, _ in found)
    specs: dict[str, float] = {}
    for term, sp in found:
        specs[term] = min(sp, specs.get(term, sp))
    return {t: (1 + math.log(n)) * specs[t] for t, n in counts.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class TopicProfile:
    """The story's terms and their weights, plus terms the user excluded.

    ``sources`` tells where each term comes from: ``seed`` (learned from the seeds, the
    story's core), ``user`` (added by the user) or ``grown`` (learned from stored articles).
    ``names`` are the story's core names, which every page about the story names (see
    :mod:`collector.names`). ``language`` is the seeds': their words are weighed in it, and
    so are headlines, anchors and queries scored against the profile. ``story_names`` are
    its rare words the seeds write as names (see :func:`collector.names.story_names`),
    which coverage in another language shares. ``scale`` multiplies its scores (capped at
    1): seeds that share few words make a profile a same-story article matches less well
    (see :func:`seed_scale`).
    """

    weights: Mapping[str, float]
    excluded: frozenset[str] = frozenset()
    sources: Mapping[str, str] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    language: str = "en"
    story_names: frozenset[str] = frozenset()
    scale: float = 1.0

    def score(self, text: str, language: str = "en") -> float:
        """Relevance of a text to the profile, 0..1."""
        return self.score_vector(self.vector(text, language))

    def vector(self, text: str, language: str = "en") -> dict[str, float]:
        """A text's terms weighed (:func:`weigh`) to be scored against the profile: when
        both the text's language and the profile's are ``CASE_LANGUAGES``, a word that is
        another form of a one-word term (:func:`case_form`) counts as that term, as the
        seeds' forms of a word count as one (:func:`seed_vectors`): a Hungarian page writes
        "Maroson", "Marosba" and "marosi" of the river the seeds call "Maros", a Serbian
        page in Latin letters (often read as Bosnian or Croatian) "rudnika" of "rudnik"."""
        if language == self.language and language in PREFIX_LETTERS:
            return weigh(text, language, self._prefixed_key)
        if not {language, self.language} <= CASE_LANGUAGES:
            return weigh(text, language)
        return weigh(text, language, self._term_key)

    def _prefixed_key(self, term: str) -> str:
        if term in self.weights:
            return term
        return " ".join(self._prefixed_word(word) for word in term.split(" "))

    def _prefixed_word(self, word: str) -> str:
        """The term a Hebrew or Arabic word is with letters before it, or without those
        its term has ("במפרץ" and "מפרץ" of "מפרץ" or "במפרץ"), or the word itself."""
        letters = PREFIX_LETTERS[self.language]
        if word in self.weights:
            return word
        forms = (*unprefixed(word, letters), *(f"{c}{word}" for c in letters))
        return next((form for form in forms if form in self.weights), word)

    def _term_key(self, term: str) -> str:
        if term in self.weights:
            return term
        return " ".join(self._word_key(word) for word in term.split(" "))

    def _word_key(self, word: str) -> str:
        """The term a word is a form of, or a hyphenated word's first part that is one
        ("Maros-torkolatot", the Maros's mouth, counts as "maros"), or the word itself."""
        if word in self.weights or len(word) < 4:
            return word
        if (term := self._term_of_form(word)) is not None:
            return term
        if "-" in word:
            parts = (self._word_key(part) for part in word.split("-"))
            return next((part for part in parts if part in self.weights), word)
        return word

    def score_vector(self, vector: Mapping[str, float]) -> float:
        """Relevance of a text already weighed with :func:`weigh`, 0..1."""
        if self.excluded & vector.keys():
            return 0.0
        return min(1.0, self.scale * cosine(vector, self.weights))

    def topic_share(self, vector: Mapping[str, float]) -> float:
        """How much of a text's match with the profile is more than the story's names: its
        cosine with the profile's terms that hold no form of a core or story name, over its
        cosine with them all (0..1; 1 for a profile without names or a text matching
        nothing).

        A report from the story's country or town about something else (a football match)
        matches the names alone."""
        full = cosine(vector, self.weights)
        if not full or len(self._topic_weights) == len(self.weights):
            return 1.0
        return min(1.0, cosine(vector, self._topic_weights) / full)

    @cached_property
    def _topic_weights(self) -> Mapping[str, float]:
        """The weights of the terms that hold no form of the story's names ("kenyan")."""
        names = (*self.names, *self.story_names)
        return {
            term: weight for term, weight in self.weights.items()
            if not any(same_name(word, name) for word in term.split(" ") for name in names)
        }  # fmt: skip

    def coverage(self, text: str, language: str | None = None) -> float:
        """Relevance of a short text (a headline, an anchor), 0..1.

        The share of the text's topical words that belong to the profile, damped when fewer
        than three profile words occur: a headline that names only "Kenya" is not enough. A
        hyphenated word belongs when one of its parts does ("Kenya-led"), in a profile in
        one of ``CASE_LANGUAGES`` a word that is another form of a one-word term, and a
        Chinese or Japanese word when it holds a term or a term holds it: the tokenizer
        keeps a compound whole or not by its dictionary ("浦东" of the seeds' "浦东新区"); in
        Hebrew and Arabic a word with letters before it that is a term, or a term's word
        without them (:meth:`_prefixed_word`).
        Cosine suits pages; a headline is too short for its norm to mean anything.
        """
        return self.word_coverage(topical_words(text, language or self.language))

    def word_coverage(self, words: Mapping[str, float]) -> float:
        """:meth:`coverage` of a text given by its :func:`topical_words`."""
        if self.excluded & words.keys():
            return 0.0
        total = sum(words.values())
        weights = self.weights
        forms = self.language in CASE_LANGUAGES
        prefixed = self.language in PREFIX_LETTERS
        matched = [
            w for w in words
            if w in weights or ("-" in w and _part_in(w, weights))
            or (forms and self._form_of_term(w)) or (is_unspaced(w) and self._compound_of(w))
            or (prefixed and self._prefixed_word(w) != w)
        ]  # fmt: skip
        if not total or not matched:
            return 0.0
        share = sum(words[w] for w in matched) / total
        return min(1.0, self.scale * share * min(1.0, len(matched) / 3))

    @cached_property
    def _terms_by_prefix(self) -> dict[str, tuple[str, ...]]:
        """The single-word terms of four letters or more, by their first four (both of
        :func:`same_name`'s rules keep them)."""
        found: dict[str, list[str]] = {}
        for term in self.weights:
            if " " not in term and len(term) >= 4:
                found.setdefault(term[:4], []).append(term)
        return {prefix: tuple(terms) for prefix, terms in found.items()}

    @cached_property
    def _unspaced_terms(self) -> tuple[str, ...]:
        """The single-word Chinese and Japanese terms of two characters or more."""
        return tuple(t for t in self.weights if " " not in t and len(t) >= 2 and is_unspaced(t))

    def _compound_of(self, word: str) -> bool:
        """Whether a Chinese or Japanese word of two characters or more holds a term or is
        part of one."""
        return len(word) >= 2 and any(word in t or t in word for t in self._unspaced_terms)

    def _form_of_term(self, word: str) -> bool:
        """Whether a word is another form of a single-word term (:func:`case_form`): "dach"
        of "dachu", "Zabrzanach" and "Zabrzan" of "zabrzany", not "Zabrze" (another town)."""
        return self._term_of_form(word) is not None

    def _term_of_form(self, word: str) -> str | None:
        """The single-word term a word is another form of (:func:`case_form`), if any."""
        candidates = self._terms_by_prefix.get(word[:4], ()) if len(word) >= 4 else ()
        return next((term for term in candidates if case_form(word, term)), None)

    def top_terms(self, n: int = 20) -> list[tuple[str, float]]:
        """The ``n`` heaviest terms, heaviest first."""
        return sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def case_form(form: str, word: str) -> bool:
    """Whether ``form`` is another form of ``word`` (:func:`same_name`) in a language whose
    nouns take case endings, where a word of under seven letters that ends in a consonant
    keeps it: "maroson" and "marosi" are forms of "maros", "makon" of "mako", but
    "autokar" (a coach) is none of "autor" (an author), which is a name's rule only
    ("Haiti" -> "Haitian")."""
    if len(word) < 7 and word[-1:] not in _VOWELS and not _ungraded(form).startswith(word):
        return False
    return same_name(form, word)


def same_name(form: str, name: str) -> bool:
    """Whether ``form`` is a form of ``name``: itself, a demonym or other form that shares
    all of the name but its last letter and adds at most three (Kenya -> Kenyan, Haiti ->
    Haitian, Mexico -> Mexican), or a case form of seven letters or more, two or three
    shorter, that shares all of the name but its ending (Zabrzanach -> Zabrzany, Zabrzan:
    the seeds may give a name only in an inflected case; not Latterie -> latte, Esperança
    -> espera), or another case form of a name of seven letters or more, both sharing all
    but endings of up to three letters and at least six letters (Krasnoboru ->
    Krasnoborze, Olszanki -> Olszance: pages write a name in the cases their sentences
    need, seldom the one the seeds used), or a case form that drops the vowel before the
    name's last letter (Lipovac -> Lipovca, see :func:`_fleeting`). Where Finnish and
    Estonian consonant gradation tells one word from the other (:func:`_ungraded` changes
    one of them: Kuutar, Kuuttaren), the ungraded words are compared so, and one may also
    be the other with a linking vowel and an ending of up to four letters (Kuuttarella,
    "kuutarella", is Kuutar's; see :func:`_linked_ending`)."""
    if _same_form(form, name) or _same_arabic_name(form, name):
        return True
    plain = (_ungraded(form), _ungraded(name))
    if (plain[0] == form) == (plain[1] == name) or len(plain[1]) < 5:
        return False
    return _same_form(*plain) or _linked_ending(*plain)


# The Arabic article before a name, as languages write it in Latin letters: "al-", "el-", "ul-", or
# assimilated to a first "sun letter" ("ez-", "es-", "ech-"), hyphenated or glued on
# ("Ezzahra", "Ennahda").
_ARTICLE_IN_LATIN = re.compile(
    r"^(?:[aeu]l-|[ae](t|th|d|dh|r|z|s|sh|ch|n)-(?=\1)|[ae](t|d|r|z|s|n)(?=\2))"
)


def _same_arabic_name(form: str, name: str) -> bool:
    """Whether two forms are one name of Arabic origin written with its article in one or
    both ("al-zahra", "ezzahra", "ez-zahra", "zahra"): French, English and the Maghreb's
    press each write it their way. One of them must show the article with a hyphen, so a
    name such as "Essen" is not taken for one."""
    if "-" not in form[:4] and "-" not in name[:4]:
        return False
    bare = [_ARTICLE_IN_LATIN.sub("", w, count=1) for w in (form, name)]
    return bare != [form, name] and len(bare[0]) >= 4 and bare[0] == bare[1]


def _same_form(form: str, name: str) -> bool:
    """:func:`same_name` without undoing consonant gradation."""
    if form == name or _fleeting(form, name) or _fleeting(name, form):
        return True
    shared = len(os.path.commonprefix((form, name)))
    if min(len(form), len(name)) >= 7 and shared >= max(6, len(form) - 3, len(name) - 3):
        return True
    if len(form) >= 7 and 2 <= len(name) - len(form) <= 3:
        return name[: len(form) - 1] == form[:-1]
    stem = max(4, len(name) - 1)
    return len(name) >= 4 and form[:stem] == name[:stem] and len(form) <= len(name) + 3


def _linked_ending(form: str, name: str) -> bool:
    """Whether the shorter of two words, of five letters or more and ending in a consonant,
    begins the longer, which adds at most four letters: a linking vowel and a case ending
    ("kuutar", "kuutarella"). Compared words (:func:`same_name`) must show gradation
    first: a compound of a word and four letters is common ("tormis", in a storm, begins
    "tormisaare", the storm island's)."""
    shorter, longer = sorted((form, name), key=len)
    return (
        len(shorter) >= 5 and shorter[-1] not in _VOWELS
        and 1 <= len(longer) - len(shorter) <= 4 and longer.startswith(shorter)
    )  # fmt: skip


_GEMINATE = re.compile(r"([kpt])\1")


def _ungraded(word: str) -> str:
    """A word with Finnish and Estonian consonant gradation undone where it shows in names:
    a doubled k, p or t written single (Kuuttaren, a case of Kuutar, is "kuutaren"), and a
    surname's "-nen" written as its other cases' "-sen" (Lehtonen, Lehtosen, Lehtoselle)."""
    if "kk" in word or "pp" in word or "tt" in word:
        word = _GEMINATE.sub(r"\1", word)
    return word[:-3] + "sen" if len(word) >= 7 and word.endswith("nen") else word


def _fleeting(form: str, name: str) -> bool:
    """Whether ``form`` is a case form of ``name`` that drops the vowel before its last
    letter and adds an ending of up to three letters (Lipovac -> Lipovca, Lipovcu;
    Kragujevac -> Kragujevca; not Kraśnik, whose vowel stays): a name of seven letters or
    more."""
    if len(name) < 7 or name[-2] not in "aeo" or name[-1] in "aeiouy":
        return False
    stem = name[:-2] + name[-1]
    return form.startswith(stem) and 1 <= len(form) - len(stem) <= 3


def _part_in(word: str, weights: Mapping[str, float]) -> bool:
    return "-" in word and any(part in weights for part in word.split("-"))


def build_profile(
    documents: Sequence[str],
    extra_terms: Iterable[str] = (),
    excluded: Iterable[str] = (),
    size: int = 80,
    names: Sequence[str] = (),
    language: str = "en",
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
        names: The story's core names (see :func:`collector.names.core_names`).
        language: The documents' language (``collector.language.main_language``): a
            word's rarity is judged in it, so its function words weigh nothing.
    """
    out = frozenset(normalize_term(t) for t in excluded)
    per_doc = seed_vectors(documents, language)
    if not per_doc:
        return TopicProfile({}, out, names=tuple(names), language=language)
    kept = _shared_weights(per_doc, size)
    sources = dict.fromkeys(kept, "seed")
    top = max(kept.values(), default=1.0)
    for term in extra_terms:
        kept[normalize_term(term)] = top
        sources[normalize_term(term)] = "user"
    return TopicProfile(kept, out, sources, tuple(names), language)


def seed_vectors(documents: Sequence[str], language: str) -> list[dict[str, float]]:
    """The seeds' terms weighed (:func:`weigh`); in one of ``CASE_LANGUAGES``, each word
    counted as the shortest of the seeds' words it is a form of (:func:`case_forms`), so
    seeds that write "Maroson", "Marosba" and "Maros" share the river's name; in Hebrew
    and Arabic, a word as the seeds' word it is with letters before (:func:`unprefixed`:
    "במפרץ" as "מפרץ", the bay)."""
    texts = [doc for doc in documents if doc.strip()]
    if language not in CASE_LANGUAGES and language not in PREFIX_LETTERS:
        return [weigh(doc, language) for doc in texts]
    words = {t for doc in texts for t, _ in topical_terms(doc, language) if " " not in t}
    if language in PREFIX_LETTERS:
        letters = PREFIX_LETTERS[language]
        forms = {w: next((b for b in unprefixed(w, letters) if b in words), w) for w in words}
    else:
        forms = case_forms(words)
    return [
        weigh(doc, language, lambda t: " ".join(forms[w] for w in t.split(" "))) for doc in texts
    ]


def case_forms(words: Iterable[str]) -> dict[str, str]:
    """Each word -> the shortest of the words of which it is a form (:func:`case_form`),
    itself when none: "maroson" and "marosba" -> "maros", "makonal" -> "mako"."""
    found: dict[str, str] = {}
    shorter: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (len(w), w)):
        bucket = shorter.setdefault(word[:4], [])
        found[word] = next((form for form in bucket if case_form(word, form)), word)
        if found[word] == word:
            bucket.append(word)
    return found


def _shared_weights(per_doc: Sequence[Mapping[str, float]], size: int) -> dict[str, float]:
    """The ``size`` heaviest terms of weighed documents that at least two of them use (all
    terms of a single document), weighed as :func:`build_profile` says."""
    df: Counter[str] = Counter(t for weights in per_doc for t in weights)
    summed: Counter[str] = Counter()
    for weights in per_doc:
        summed.update(weights)
    n = len(per_doc)
    raw = {t: (summed[t] / n) * (df[t] / n) for t in df if df[t] > 1 or n == 1}
    return dict(sorted(raw.items(), key=lambda kv: -kv[1])[:size])


def seed_scale(
    documents: Sequence[str], reference: float, language: str = "en", size: int = 80
) -> float:
    """How much to scale a profile's scores so that the story's articles score as they do
    with seeds that share more words: 1.0 or more, at most ``MAX_SCALE``.

    Each seed is scored against the profile of the others, as an article the profile has
    not seen; when their mean is below ``reference``, scores are scaled by ``reference``
    over it. Three or five English seeds score each other 0.3 to 0.5, two Portuguese ones
    0.19 and two German ones 0.15 (fewer shared words, inflected and compound forms), so
    with one threshold for all their story's articles would fall below it. 1.0 for a single
    seed, for ``reference`` 0, and for seeds that share no term (no story to scale).
    """
    per_doc = seed_vectors(documents, language)
    if len(per_doc) < 2 or reference <= 0:
        return 1.0
    scores = [
        cosine(doc, _shared_weights([*per_doc[:i], *per_doc[i + 1 :]], size))
        for i, doc in enumerate(per_doc)
    ]
    expected = sum(scores) / len(scores)
    return min(MAX_SCALE, max(1.0, reference / expected)) if expected else 1.0


def normalize_term(term: str) -> str:
    """Fold a user's term the way texts are folded: "Pont-Sondé " -> "pont-sonde".

    A phrase keeps one space between its words.
    """
    return " ".join(fold(word) for word in term.split())


def compose_profile(
    core: TopicProfile,
    grown: Mapping[str, float] = MappingProxyType({}),
    added: Iterable[str] = (),
    excluded: Iterable[str] = (),
    max_grown_share: float = 0.25,
) -> TopicProfile:
    """The profile a run uses: the seeds' core, plus grown and user terms, minus exclusions.

    Drift control: core terms keep their weight whatever else joins; grown terms never
    override a core term and are scaled down together so that they hold at most
    ``max_grown_share`` of the profile's squared norm, so a page that matches only the
    core scores at least ``sqrt(1 - max_grown_share)`` of what it scored before growth.
    User terms join with the weight of the heaviest core term.

    Args:
        core: The profile learned from the seeds (see :func:`build_profile`).
        grown: Terms learned from stored relevant articles, with their weights.
        added: Terms the user added.
        excluded: Terms the user excluded: removed, and their presence zeroes a page.
        max_grown_share: Largest share (0..1) of the squared norm the grown terms may hold.
    """
    out = {normalize_term(t) for t in excluded} | set(core.excluded)
    weights = {t: w for t, w in core.weights.items() if t not in out}
    sources = dict.fromkeys(weights, "seed")
    extra = {t: w for t, w in grown.items() if t not in weights and t not in out and w > 0}
    core_norm = sum(w * w for w in weights.values())
    extra_norm = sum(w * w for w in extra.values())
    if extra_norm and max_grown_share < 1:
        budget = core_norm * max_grown_share / (1 - max_grown_share)
        scale = min(1.0, math.sqrt(budget / extra_norm))
        extra = {t: w * scale for t, w in extra.items()}
    weights.update(extra)
    sources.update(dict.fromkeys(extra, "grown"))
    top = max(core.weights.values(), default=1.0)
    for term in (normalize_term(t) for t in added):
        if term and term not in out:
            weights[term] = max(weights.get(term, 0.0), top)
            sources[term] = "user"
    return TopicProfile(
        weights, frozenset(out), sources, core.names, core.language, core.story_names, core.scale
    )


def grow_terms(
    profile: TopicProfile,
    documents: Sequence[str],
    limit: int = 10,
    min_docs: int = 2,
    min_specificity: float = 3.0,
) -> dict[str, float]:
    """The strongest new terms that relevant documents share, for the next run's profile.

    A candidate is weighted like a seed term (mean sub-linear frequency times the share of
    documents using it times specificity), must occur in at least ``min_docs`` documents,
    must not already be in the profile or excluded, must be rarer in news in general than
    ``min_specificity`` says (3.0: Zipf frequency 4.5, rarer than "months" or "officials"),
    and is capped at the median weight of the profile's terms, so no grown term outweighs
    the story's core.

    Args:
        profile: The profile the documents were judged with.
        documents: Texts of relevant articles (title and body).
        limit: How many terms to return at most.
        min_docs: In how many documents a term must occur.
    """
    per_doc = [profile.vector(doc, profile.language) for doc in documents if doc.strip()]
    if len(per_doc) < min_docs or not profile.weights:
        return {}
    df: Counter[str] = Counter(t for weights in per_doc for t in weights)
    summed: Counter[str] = Counter()
    for weights in per_doc:
        summed.update(weights)
    n = len(per_doc)
    cap = sorted(profile.weights.values())[len(profile.weights) // 2]
    fresh = {
        t: min(cap, (summed[t] / n) * (df[t] / n))
        for t in df
        if df[t] >= min_docs
        and t not in profile.weights
        and not _excluded(t, profile)
        and specificity(t, profile.language) >= min_specificity + (1.0 if " " in t else 0.0)
    }
    return dict(sorted(fresh.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def _excluded(term: str, profile: TopicProfile) -> bool:
    return term in profile.excluded or any(w in profile.excluded for w in term.split(" "))


def merge_grown(
    old: Mapping[str, float], new: Mapping[str, float], limit: int = 40
) -> dict[str, float]:
    """Merge this run's grown terms into earlier ones, keeping the ``limit`` heaviest.

    A term found again keeps the larger of its two weights.
    """
    merged = dict(old)
    for term, weight in new.items():
        merged[term] = max(weight, merged.get(term, 0.0))
    return dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])
