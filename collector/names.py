"""The story's core names: the proper nouns the seeds agree on, and whether a page names them.

A topic profile is a bag of weighted terms, and a cosine over it adds up whatever a page
shares with it: a page about another country's UN mission shares the institutions
(Security Council, mandate, peacekeeping), a page about the president's trade trip shares
the president. A story is more than its vocabulary: it is about particular places, people
and organisations *together*. The names every seed headline or lead gives (for the shipped
seeds: Kenya and Haiti) are the story's core; a page is about the story only if it names
each of them, and not just in one passing sentence.

A name is a word the seeds write capitalised where a sentence does not start (``Kenya``,
``MSS``, ``Port-au-Prince``; the first capitalised part of ``Kenya-led``), rare enough in
news in general to say something (not ``President`` or ``Security``). Its forms are one
name: ``Kenyan`` and ``Kenya's`` are ``kenya``, ``Haitian`` is ``haiti``.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

import language_data.names as cldr_names
from anyascii import anyascii
from babel.core import Locale, UnknownLocaleError, get_global
from langcodes import Language
from language_data.language_lists import CLDR_LANGUAGES

from collector.cleaning import is_date_word
from collector.language import same_language
from collector.relevance import (
    TopicProfile,
    fold,
    folded_specificity,
    same_name,
    specificity,
    without_case_ending,
)
from collector.words import CJK_LETTERS, LETTERS

_TOKEN = re.compile(rf"{LETTERS}(?:['’-]{LETTERS})*")
# Where a sentence starts: a line's start or only figures and marks before ("11:10 Most
# ..."), after a full stop, colon, dash or bullet, after an opening quote („Most ...").
_SENTENCE_START = re.compile(r"(^[\d\W]*|[.!?:;\"“”„‘‚'«»‹›(\[—–•|-])\s*$")
_OPENING_QUOTES = ("«", "„", "“", '"', "‹", "‚")
_QUOTE_CLOSES = re.compile(rf"(?:[\s-]+{LETTERS}){{0,2}}\s*[»“”\"›‘]")
MIN_NAME_SPECIFICITY = 2.5  # Zipf 5.0: "president", "security", "united" say nothing
# German capitalises every noun, so a capital says less there: a name must be rarer
# (Zipf 3.5: "Wessel", "Lindenau", not "Werk" or "Chemie").
NOUN_CASE_LANGUAGES = frozenset({"de", "lb"})
NOUN_CASE_MIN_SPECIFICITY = 4.0
# There a noun is often two everyday words in one ("Cyberangriff", "Dammbruch"), rare as a
# whole: one that ends in an everyday word (Zipf 4, "Angriff") after another (Zipf 3,
# "Cyber"; a joining "s" or "n" allowed) is a noun, unless its end is one that makes names
# of places and people ("Lindenau", "Ostmann", "Rosenheim").
COMPOUND_HEAD_SPECIFICITY, COMPOUND_PART_SPECIFICITY = 3.5, 4.5
_NAME_ENDINGS = (
    "au", "mann", "heim", "burg", "dorf", "stadt", "hausen", "berg", "feld", "bach", "hof",
    "tal", "thal", "kirchen", "ingen", "leben", "hagen", "stein", "furt", "see", "wald",
    "brück", "brücken", "rode", "horst", "werder", "born", "beck", "kamp", "heide", "ow", "itz",
)  # fmt: skip
NAMED, PASSING, MISSING = "named", "passing", "missing"
OTHER_LANGUAGE = "other-language"  # a page in another language that names the story


def name_keys(token: str) -> list[str]:
    """The name forms a token can stand for, folded, without a possessive ending.

    A hyphenated token with one capitalised part stands for that part (``Kenya-led`` ->
    ``kenya``); otherwise for the whole token (``Port-au-Prince``), and in lower case for
    every part as well.
    """
    token = _without_elision(token.replace("’", "'"))
    parts = token.split("-")
    capitalised = [p for p in parts if p[:1].isupper()]
    whole = [token] if len(capitalised) != 1 or len(parts) == 1 else capitalised
    keys = [_strip_possessive(fold(w)) for w in whole]
    if len(parts) > 1 and not capitalised:
        keys += [_strip_possessive(fold(p)) for p in parts]
    return [k for k in keys if len(k) > 1]


def _without_elision(token: str) -> str:
    """A name without the elided article or preposition before it: ``d'Haïti``,
    ``l'Artibonite``, ``dell'Italia`` (not ``O'Brien``)."""
    head, quote, tail = token.partition("'")
    if quote and len(head) <= 4 and head.islower() and tail[:1].isupper():
        return tail
    return token


def _strip_possessive(word: str) -> str:
    """A name without an English possessive or a Turkish case ending ("kamisada'dan")."""
    return word[:-2] if word.endswith("'s") else without_case_ending(word).rstrip("'")


@functools.lru_cache(maxsize=64)
def _country_and_language_names(language: str) -> Mapping[str, tuple[Language, bool]]:
    """The names of the countries and of the main languages in ``language``, folded, with
    what they name and whether it is a country: CLDR's, as langcodes reads them
    (``language_data``)."""
    found: dict[str, tuple[Language, bool]] = {}
    for category in ("territory", "language"):
        path = cldr_names.data_filename(f"trie/{language}/name_to_{category}.marisa")
        if not os.path.exists(path):
            continue
        for name, raw in cldr_names.load_trie(path).items():
            code = raw.decode()
            if category == "territory":
                found.setdefault(fold(name), (Language.get(f"und-{code}").maximize(), True))
            elif code in CLDR_LANGUAGES:
                found.setdefault(fold(name), (Language.get(code).maximize(), False))
    return found


@functools.lru_cache(maxsize=4096)
def names_country_or_language(name: str, language: str) -> bool:
    """Whether a folded name is a country's or a language's in ``language``, or a form of
    one ("czech", "polish"): a name other languages translate."""
    names = _country_and_language_names(language)
    return name in names or any(same_name(name, known) for known in names)


@functools.lru_cache(maxsize=4096)
def translations(name: str, seeds_language: str, language: str) -> tuple[str, ...] | None:
    """How a page in ``language`` writes a name that is a country's or a language's in
    ``seeds_language`` (or a form of one: "poland", "kenyan" in English): the country's
    name there, and for a language (a demonym: "polish") its name and its country's
    ("polnisch", "polen" in German). None when ``language`` is the country's own: its
    press seldom names its own country ("Polska" in a Polish report on a Polish town).
    Empty for any other name.
    """
    names = _country_and_language_names(seeds_language)
    found = names.get(name) or next((names[k] for k in names if same_name(name, k)), None)
    if found is None:
        return _city_translations(name, seeds_language, language)
    known, country = found
    if same_language(known.language, language):
        return None
    written = [known.territory_name(language)]
    if not country:
        written.append(known.language_name(language))
    return tuple(fold(w) for w in written if w and " " not in w and not same_name(fold(w), name))


def _city_translations(name: str, seeds_language: str, language: str) -> tuple[str, ...]:
    """How a page in ``language`` writes a city that names a time zone, which
    ``seeds_language`` writes ``name`` (or a form of it): "kopenhagen" and "kobenhavn" for
    "copenhagen" in German and Danish. Empty for any other name, and where the city's
    name there is of two words or more."""
    zones = [z for z, city in _city_names(seeds_language).items() if same_name(name, city)]
    written = {_city_names(language)[zone] for zone in zones}
    return tuple(sorted(w for w in written if " " not in w and not same_name(w, name)))


@functools.lru_cache(maxsize=64)
def _city_names(language: str) -> Mapping[str, str]:
    """The names in ``language`` of the cities that name time zones, folded, by zone:
    CLDR's exemplar cities, through babel ("Europe/Copenhagen": "kopenhagen" in German),
    the zone's own name where CLDR gives none for the language."""
    local: Mapping[str, Mapping[str, str]]
    try:
        local = Locale.parse(language.replace("-", "_")).time_zones
    except (UnknownLocaleError, ValueError):
        local = {}
    return {
        zone: fold(local[zone]["city"] if "city" in local.get(zone, {}) else
                   zone.rsplit("/", 1)[-1].replace("_", " "))
        for zone in get_global("zone_territories")
    }  # fmt: skip


def proper_nouns(texts: Iterable[str], language: str = "") -> set[str]:
    """The name forms the texts write capitalised where no sentence starts, in at least
    half of such uses (headline case is not evidence: pass body text); in a language that
    capitalises its nouns, not a compound of everyday words (:func:`common_compound`)."""
    capital: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        for line in text.splitlines():
            for match in _TOKEN.finditer(line):
                if _SENTENCE_START.search(line[: match.start()]) and not _quoted_name(line, match):
                    continue
                token = _without_elision(match.group().replace("’", "'"))
                if _names_a_date(token, language):  # "Senin", "WITA": when, not who or where
                    continue
                upper = {k for p in token.split("-") if p[:1].isupper() for k in name_keys(p)}
                noun = common_compound(token, language)
                for key in name_keys(token):
                    seen[key] += 1
                    capital[key] += not noun and (key in upper or token[:1].isupper())
    return {k for k, n in seen.items() if capital[k] * 2 >= n}


def _names_a_date(token: str, language: str) -> bool:
    """Whether a token is a month's, a weekday's or a time zone's name, perhaps with a
    possessive or case ending ("Monday's earthquake", "Pazartesi'den")."""
    return is_date_word(token, language) or is_date_word(
        _strip_possessive(token.casefold()), language
    )


def _quoted_name(line: str, match: re.Match[str]) -> bool:
    """Whether a token opens a quote of one to three words: a name, as Russian and other
    languages quote a company's or a mine's («Иртышмедь», «Северная»), not a quoted
    sentence."""
    return line[: match.start()].rstrip().endswith(_OPENING_QUOTES) and bool(
        _QUOTE_CLOSES.match(line, match.end())
    )


def common_compound(token: str, language: str) -> bool:
    """Whether a word of a language that capitalises its nouns (``NOUN_CASE_LANGUAGES``)
    is two everyday words in one, a noun and not a name: "Cyberangriff" ("Cyber" and
    "Angriff"), not "NordCheck" (capitalised inside, as names are), "Lindenau" or
    "Ostmann" (see ``_NAME_ENDINGS``)."""
    word = token.lower()
    if language not in NOUN_CASE_LANGUAGES or token[1:] != word[1:] or not word.isalpha():
        return False
    return not word.endswith(_NAME_ENDINGS) and any(
        specificity(word[i:], language) <= COMPOUND_HEAD_SPECIFICITY
        and _everyday_part(word[:i], language)
        for i in range(3, len(word) - 3)
    )


def _everyday_part(part: str, language: str) -> bool:
    """Whether the first part of a compound is an everyday word, perhaps with a joining
    "s" or "n" ("Verkehrs", "Brücken")."""
    forms = (part, part[:-1]) if part[-1] in "sn" else (part,)
    return any(specificity(form, language) <= COMPOUND_PART_SPECIFICITY for form in forms)


def core_names(
    seeds: Sequence[tuple[str, str]], min_share: float = 0.8, limit: int = 3, language: str = "en"
) -> tuple[str, ...]:
    """The names the seeds agree on: named in the headline or first paragraph of at least
    ``min_share`` of the seeds (and of two at least), the most agreed on first.

    Args:
        seeds: ``(headline, body)`` of each seed.
        min_share: Share of the seeds whose headline or lead must name it.
        limit: How many names to keep at most.
        language: The seeds' language, in which a name must be rare ("San" is not in
            Spanish).

    Returns:
        Each core name in its shortest form (``kenya`` for Kenya, Kenyan, Kenya's).
    """
    if len(seeds) < 2:
        return ()
    known = proper_nouns((body for _, body in seeds), language)
    per_seed: list[set[str]] = []
    mentions: Counter[str] = Counter()
    for headline, body in seeds:
        lead = next((line for line in body.splitlines() if line.strip()), "")
        forms = [k for t in _TOKEN.findall(f"{headline}\n{lead}") for k in name_keys(t)]
        found = {
            k
            for k in forms
            if k in known
            and folded_specificity(k, language) >= rarer(MIN_NAME_SPECIFICITY, language)
        }
        per_seed.append(found)
        mentions.update(found)
    names: list[str] = []
    for form in sorted(mentions, key=lambda k: (len(k), k)):
        if not any(same_name(form, n) for n in names):
            names.append(form)
    agree = {n: sum(any(same_name(f, n) for f in found) for found in per_seed) for n in names}
    needed = max(2, math.ceil(min_share * len(seeds) - 1e-9))
    kept = [n for n in names if agree[n] >= needed]
    kept.sort(key=lambda n: (-agree[n], -sum(c for f, c in mentions.items() if same_name(f, n))))
    kept = kept[:limit]
    texts = [f"{headline}\n{body}" for headline, body in seeds]
    return tuple(n for n in kept if not part_of_longer_name(n, names, texts, language))


def part_of_longer_name(
    name: str, names: Sequence[str], texts: Sequence[str], language: str
) -> bool:
    """Whether ``name`` is only ever written next to another of ``names``, as one name
    (``Latterie`` in "Latterie Valdrena", ``Giorgio`` in "Giorgio Ferrante"): a page names
    the story by either part, mostly the other one ("Valdrena", "Ferrante"), so only that
    one is required. Of two parts always written together, the rarer in ``language`` stays
    (the later one when both are as rare).
    """
    other = _always_beside(name, names, texts)
    if other is None:
        return False
    if _always_beside(other, [name], texts) != name:
        return True
    rank = {n: (folded_specificity(n, language), names.index(n)) for n in (name, other)}
    return rank[name] < rank[other]


def _always_beside(name: str, names: Sequence[str], texts: Iterable[str]) -> str | None:
    """The other of ``names`` written next to ``name`` wherever the texts write it, if any."""
    others = tuple(n for n in names if n != name)
    beside: Counter[str] = Counter()
    for line in (line for text in texts for line in text.splitlines()):
        tokens = list(_TOKEN.finditer(line))
        for i, token in enumerate(tokens):
            if not token_names(token.group(), (name,)):
                continue
            near = {
                n for j in (i - 1, i + 1)
                if 0 <= j < len(tokens) and _adjacent(line, token, tokens[j])
                for n in token_names(tokens[j].group(), others)
            }  # fmt: skip
            if not near:
                return None
            beside.update(near)
    return beside.most_common(1)[0][0] if beside else None


def _adjacent(line: str, a: re.Match[str], b: re.Match[str]) -> bool:
    first, second = sorted((a, b), key=lambda m: m.start())
    return not line[first.end() : second.start()].strip()


def rarer(min_specificity: float, language: str) -> float:
    """The specificity a name needs in ``language``: ``min_specificity``, or more where
    every noun is capitalised (``NOUN_CASE_LANGUAGES``)."""
    if language in NOUN_CASE_LANGUAGES:
        return max(min_specificity, NOUN_CASE_MIN_SPECIFICITY)
    return min_specificity


def lines_naming(names: Sequence[str], lines: Iterable[str]) -> dict[str, int]:
    """How many of the lines name each of ``names`` (in any of its forms)."""
    names = tuple(names)
    counts = dict.fromkeys(names, 0)
    for line in lines:
        named: set[str] = set()
        for token in set(_TOKEN.findall(line)):
            named.update(token_names(token, names))
        for name in named:
            counts[name] += 1
    return counts


@functools.lru_cache(maxsize=200_000)
def token_names(token: str, names: tuple[str, ...]) -> frozenset[str]:
    """Which of ``names`` a token names (in any of its forms, or by its sound: see
    :func:`sounded_names`). Cached: a page's words repeat, and so do the pages' words
    over a crawl."""
    forms = set(_forms(token))
    found = frozenset(n for n in names if any(same_name(form, n) for form in forms))
    return found or sounded_names(token, names)


# Chinese, Japanese and Korean: their transliteration is a reading of the characters, not
# of a name's sound.
_CJK_RE = re.compile(f"^[{CJK_LETTERS}]")
_VOICELESS = str.maketrans("bdgzvq", "ptksfk")
MIN_SKELETON = 3  # consonants a name's sound needs: fewer match too many words
# Arabic and Hebrew write few vowels, and most of their words are three consonants: there
# "Essalem" would be "سلامة" (safety), so a name needs four.
_ABJAD_RE = re.compile(
    r"^[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
MIN_ABJAD_SKELETON = 4


def sounded_names(token: str, names: Sequence[str]) -> frozenset[str]:
    """Which of the Latin ``names`` a token written in a script without capitals sounds
    like: its transliteration (anyascii) and the name have one consonant skeleton
    (:func:`skeleton`), the token's a case ending of up to two consonants longer.

    Sinhala writes Badulla "බදුල්ල" (anyascii "bdull"), Tamil "பதுளை" ("ptulai": Tamil
    letters do not tell p from b or t from d) and "பதுளையில்" (in Badulla), Hindi
    "बदुल्ला": all "ptl", as "Badulla" is. A page in such a script names the story's
    places and people so, and has no capitals to tell its names by. In Arabic and Hebrew
    a name needs ``MIN_ABJAD_SKELETON`` consonants.
    """
    first = token[:1]
    if first.isascii() or first.lower() != first.upper() or _CJK_RE.match(first):
        return frozenset()  # a script with capitals (its names told by them), or CJK
    sound = skeleton(anyascii(token))
    least = MIN_ABJAD_SKELETON if _ABJAD_RE.match(token) else MIN_SKELETON
    found = set()
    for name in names:
        if name.isascii() and len(own := skeleton(name)) >= least:
            if sound.startswith(own) and len(sound) - len(own) <= 2:
                found.add(name)
    return frozenset(found)


@functools.lru_cache(maxsize=20_000)
def skeleton(latin: str) -> str:
    """A word's consonants as a script that writes few vowels reads them: lower case, an
    ``h`` after a consonant dropped ("dh", "th"), voiced as voiceless ("b" as "p"), vowels,
    ``w`` and ``y`` dropped, a doubled consonant once: "Badulla" and "bdull" are "ptl"."""
    word = re.sub(r"(?<=[b-df-hj-np-tv-z])h", "", latin.lower()).translate(_VOICELESS)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]|[aeiouwy]", "", word))


def _forms(token: str) -> Iterator[str]:
    yield from name_keys(token)
    if "-" in token:
        yield from (_strip_possessive(fold(p)) for p in token.split("-"))


def naming(names: Sequence[str], title: str, text: str, min_lines: int = 2) -> str:
    """How a page names the story's core names.

    Returns:
        ``named`` when each name is in at least ``min_lines`` of its lines (its title is
        one; a page with fewer lines needs them all), ``passing`` when each is named but
        some in fewer lines (a passing mention, or a page about the story that names one
        of them once), ``missing`` when one is not named at all. Always ``named`` without
        core names or with ``min_lines`` 0.
    """
    if not names or min_lines <= 0:
        return NAMED
    return naming_from_counts(*name_lines(names, title, text), min_lines)


def name_lines(names: Sequence[str], title: str, text: str) -> tuple[dict[str, int], int]:
    """How many lines of a page (its title is one) name each of ``names``, and how many
    non-blank lines it has: what :func:`naming` decides on, computed where the page's
    other features are (an extraction worker)."""
    lines = [line for line in (title, *text.splitlines()) if line.strip()]
    return lines_naming(names, lines), len(lines)


def naming_from_counts(counts: Mapping[str, int], lines: int, min_lines: int = 2) -> str:
    """:func:`naming`'s answer from :func:`name_lines`'s counts."""
    if not counts or min_lines <= 0:
        return NAMED
    if not all(counts.values()):
        return MISSING
    return NAMED if min(counts.values()) >= min(min_lines, lines) else PASSING


STORY_NAME_SPECIFICITY = 3.0  # Zipf 4.5: "Kenya", "Holt", not "River" or "Wednesday"
# A name this specific (Zipf 2.5 or less) is the story's own: a town's, a company's.
UNIQUE_NAME_SPECIFICITY = 5.0
# How many such names, each in two lines or more, stand for a core name a page in another
# language leaves out.
UNIQUE_NAMES_FOR_CORE = 3
# In how many lines a page in another language that names every core name must name one
# such name, when it is the only story name it repeats (the company at the story's centre).
UNIQUE_NAME_LINES = 3


def story_names(
    terms: Iterable[str],
    bodies: Iterable[str],
    language: str,
    min_specificity: float = STORY_NAME_SPECIFICITY,
) -> frozenset[str]:
    """The profile's single words that the seeds write as names and that are rare in their
    language: the words coverage in another language shares with the story (see
    :func:`names_across`); and its two-word names with one of those words, one word of
    which the seeds write only beside the other ("vista alegre", "rocha branca"), for a
    language where both words are common ones. A name the seeds write only after an
    elided article or preposition is one too: "d'Ezzahra" gives the term "d'ezzahra" and
    the name "ezzahra"."""
    bodies = list(bodies)
    proper = proper_nouns(bodies, language)
    terms = [" ".join(_without_elided(w, proper) for w in t.split(" ")) for t in terms]
    found: list[str] = []
    for term in sorted(terms, key=lambda t: (len(t), t)):  # one name for Kenya and Kenyan
        if (
            " " not in term and term in proper
            and folded_specificity(term, language) >= rarer(min_specificity, language)
            and not any(same_name(term, name) for name in found)
        ):  # fmt: skip
            found.append(term)
    pairs = [t.split(" ") for t in terms if t.count(" ") == 1]
    found += [
        f"{a} {b}" for a, b in pairs
        if {a, b} <= proper and {a, b} & set(found) and _one_name(a, b, bodies)
    ]  # fmt: skip
    return frozenset(found)


def _without_elided(word: str, proper: set[str]) -> str:
    """A folded word without the elided article or preposition a term keeps before it
    ("d'ezzahra", "dell'aquila"), unless the word is a name with it (``proper``:
    "o'brien", "d'alema", "l'oreal")."""
    head, quote, tail = word.partition("'")
    return tail if quote and len(head) <= 4 and len(tail) > 1 and word not in proper else word


def _one_name(a: str, b: str, texts: Sequence[str]) -> bool:
    """Whether the texts write one of two words only beside the other, as one name."""
    return _always_beside(a, [b], texts) == b or _always_beside(b, [a], texts) == a


def names_across(names: frozenset[str], title: str, text: str, language: str) -> tuple[int, int]:
    """How many of the story's ``names`` a page in ``language`` uses (in any line, its title
    being one), and how many of those it uses in two lines or more.

    A name common in the page's language says nothing there ("premier" in French), and
    does not count. Any form of a name counts for it (see :func:`token_names`:
    "Kenyan", "Carrow-Tal"). A two-word name both of whose words are common there counts
    where both are written side by side and capitalised ("Vista Alegre" in Portuguese,
    where "vista" and "alegre" are everyday words).
    """
    least = rarer(STORY_NAME_SPECIFICITY, language)
    words = [n for n in names if " " not in n]
    kept = tuple(sorted(n for n in words if specificity(n, language) >= least))
    pairs = {n for n in names if " " in n and not set(n.split(" ")) & set(kept)}
    lines: Counter[str] = Counter()
    for line in (title, *text.splitlines()):
        tokens = _TOKEN.findall(line)
        found = {n for token in set(tokens) for n in token_names(token, kept)}
        if pairs:
            found |= pairs & set(_capitalised_pairs(tokens))
        lines.update(found)
    return len(lines), sum(1 for n in lines.values() if n >= 2)


def _capitalised_pairs(tokens: Sequence[str]) -> Iterator[str]:
    """Two capitalised tokens side by side, folded and joined: "vista alegre"."""
    for first, second in zip(tokens, tokens[1:], strict=False):
        if first[:1].isupper() and second[:1].isupper():
            yield f"{fold(first)} {_strip_possessive(fold(second))}"


def _translated_counts(
    profile: TopicProfile, counts: Mapping[str, int], language: str, page: tuple[str, str]
) -> list[int]:
    """How many lines of a page in another language name each rare core name, a
    country's or a language's name counting in the page's language's words for it
    (:func:`translations`); none counted for one the page's language need not name."""
    found = []
    lines = (page[0], *page[1].splitlines())
    for name in rare_core_names(profile):
        written = translations(name, profile.language, language) if name in counts else None
        if written is not None:
            extra = max(lines_naming(written, lines).values(), default=0)
            found.append(max(counts[name], extra))
    return found


def rare_core_names(profile: TopicProfile) -> tuple[str, ...]:
    """The story's core names that are story names too: rare in the seeds' language, so
    written the same in other languages and said by no other story ("Kenya", "Ostmann";
    not "German" or "Italy")."""
    return tuple(n for n in profile.names if any(same_name(n, s) for s in profile.story_names))


def by_story_names(
    profile: TopicProfile,
    counts: Mapping[str, int],
    named: str,
    language: str,
    page: tuple[str, str],
    min_names: int,
) -> str:
    """What the story's names make of how a page names its core names (``named``, from
    :func:`naming_from_counts` of ``counts``).

    A page that uses at least ``min_names`` of the story's names, two of them in two lines
    or more (:func:`names_across` of its ``(title, text)``), names the story: in another
    language than the profile's, whose words cannot be compared with its own, it is
    ``OTHER_LANGUAGE`` (kept) unless it leaves out a core name that is one of the story's
    names (a core name common in the seeds' language is a word other languages translate:
    "German" is "deutsch" in a German report; a country's or a language's name counts in
    the page's language's words, and not at all in the country's own language, see
    :func:`translations`); there, one name used in two lines, two or more such core names
    all named, or more than ``min_names`` names, stand for the two names used in two lines
    (a short report names the story's places and people once each), and so do two names
    all but unknown in the page's language, each in two lines or more
    (:func:`unique_names_repeated`: "Ferlux" and "Vireux-sur-Lesse", the operator and the
    town of a derailment). ``UNIQUE_NAMES_FOR_CORE`` such names name the story whatever
    core name it leaves out (a Polish report on a Czech coach that fell with a bridge in
    "Krasnobór", on the "Olszanka", that names the coach's operator "Vltavia" but never
    says "Czech"), and two do when one of them is a core name all but unknown in the seeds'
    language too (a Danish report that names the ferry "Frejborg" and its port but not the
    sea, "Kattegatt"). One such name in ``UNIQUE_NAME_LINES`` lines or more names the story
    on a page that names every core name (a core name that is a story name counted in the
    page's language, another as the seeds write it): German seeds about a ransomware attack
    on the supplier "NordCheck" agree on that name alone, Danish seeds on the airport,
    "Kastrup", which an English report names once, beside the supplier in five lines. In
    the profile's language, a page that leaves out one core name
    and one only (a local report that does not name the country), or that names a core
    name all but unknown in that language in two lines or more whatever others it leaves
    out (the company at the story's centre, not its country or town), is ``PASSING``
    (judged by feedback) instead of ``MISSING``. Otherwise, or with ``min_names`` 0,
    ``named`` stands.
    """
    other = not same_language(language, profile.language)
    rare = [counts[n] for n in rare_core_names(profile) if n in counts]
    if other:
        rare = _translated_counts(profile, counts, language, page)
    missing = not all(rare) if other else named == MISSING
    unique_lines = _unique_name_lines(profile.story_names, page, language) if other else {}
    unique = sum(1 for lines in unique_lines.values() if lines >= 2)
    core = (other and missing) and any(
        counts.get(n, 0) >= 2 for n in unique_names(rare_core_names(profile), profile.language)
    )
    if min_names and unique >= (UNIQUE_NAMES_FOR_CORE if missing and not core else 2):
        return OTHER_LANGUAGE
    if (
        min_names and other and not missing and _all_named(profile, counts)
        and max(unique_lines.values(), default=0) >= UNIQUE_NAME_LINES
    ):  # fmt: skip
        return OTHER_LANGUAGE
    if not other and missing and min_names and unique_core_repeated(profile, counts):
        return PASSING  # named by what identifies it; the country or town left out
    if not min_names or missing == other:
        return named
    if not other and sum(1 for n in counts.values() if not n) != 1:
        return named
    used, repeated = names_across(profile.story_names, *page, language)
    # In another language, one name repeated is enough, and so are two rare core names
    # both named, or one name more than ``min_names``.
    enough = repeated >= 2 or (other and (repeated or len(rare) >= 2 or used > min_names))
    if used < min_names or not enough:
        return named
    return OTHER_LANGUAGE if other else PASSING


def unique_core_repeated(profile: TopicProfile, counts: Mapping[str, int]) -> bool:
    """Whether a page names, in two lines or more, a core name all but unknown in the
    seeds' language (the company or the group at the story's centre, "NordCheck"), while
    it leaves out some of the others."""
    return any(counts.get(n, 0) >= 2 for n in unique_names(profile.names, profile.language))


def _all_named(profile: TopicProfile, counts: Mapping[str, int]) -> bool:
    """Whether there are core names and a page names, as the seeds write them, every one
    of them that is no story name (those are counted in the page's language)."""
    rare = rare_core_names(profile)
    return bool(counts) and all(counts[n] for n in counts if n not in rare)


def unique_names_repeated(names: frozenset[str], page: tuple[str, str], language: str) -> int:
    """How many of the story's single-word ``names`` that are all but unknown in the page's
    ``language`` (``UNIQUE_NAME_SPECIFICITY``: a town's, a company's) the page names in
    two lines or more, its title being one."""
    return sum(1 for lines in _unique_name_lines(names, page, language).values() if lines >= 2)


def _unique_name_lines(
    names: frozenset[str], page: tuple[str, str], language: str
) -> dict[str, int]:
    """How many lines of a page in ``language`` (its title is one) name each of the
    story's single-word ``names`` all but unknown there."""
    return lines_naming(unique_names(names, language), [page[0], *page[1].splitlines()])


def unique_names(names: Iterable[str], language: str) -> list[str]:
    """The single-word ``names`` all but unknown in ``language``
    (``UNIQUE_NAME_SPECIFICITY``): a town's, a company's; not "Haiti"."""
    return [
        n
        for n in names
        if " " not in n and folded_specificity(n, language) >= UNIQUE_NAME_SPECIFICITY
    ]
