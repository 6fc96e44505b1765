"""Leads: search queries from the seeds, and which links are worth fetching.

Pure functions. A lead is a URL with the text that announced it (a search hit's title, a
feed entry, a link's anchor and the words around it); it is scored against the topic
profile before it is fetched, and URLs that cannot be articles or that look like crawler
traps are refused with a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from posixpath import splitext
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from courlan import is_navigation_page, is_not_crawlable
from lxml import etree
from scrapy.linkextractors import IGNORED_EXTENSIONS

from collector.language import detect_language, same_language
from collector.names import (
    lines_naming,
    names_across,
    names_country_or_language,
    rare_core_names,
    unique_names,
)
from collector.relevance import (
    CASE_LANGUAGES,
    TopicProfile,
    fold,
    same_name,
    specificity,
    terms,
    topical_words,
    unaccented,
    without_case_ending,
)
from collector.urls import canonicalize_url, looks_like_listing
from collector.words import LETTERS, is_unspaced, segment

_URL_WORDS = re.compile(LETTERS)
_CALENDAR = re.compile(r"/(19|20)\d\d/\d{1,2}(/\d{1,2})?/?$|[?&](date|month|year|day)=", re.I)
_PAGINATION = re.compile(r"[?&](page|p|start|offset)=\d+|/page/\d+", re.I)
# Named session ids are dropped from canonical URLs (collector.urls); a bare "sid" may be
# a story id as well, so a URL carrying one is left alone.
_SESSION = re.compile(r"[?&;]sid=", re.I)
# A social network's share or post form, filled from its query ("twitter.com/intent/tweet?
# url=...", "facebook.com/sharer/sharer.php?u=...", "reddit.com/submit?url=...") or path
# ("wa.me/?text=..."): share buttons on every page, a live blog's on every entry.
_SHARE = re.compile(
    r"^https?://[^/]+/(?:[^?#]*/)?(?:intent|share|sharer|sharing|submit|send|compose|"
    r"bookmarklet|sharearticle|share-offsite|create|sharer\.php|share\.php)(?:/[^?#]*)?\?"
    r"(?:[^#]*&)?(?:url|u|text|link|body|href|title)=|^https?://(?:wa\.me|t\.me/share)/",
    re.I,
)
# Topic, tag and author pages in other languages than courlan's (English and German):
# Spanish, Portuguese, French, Italian, German, the Nordic languages, Finnish, Dutch,
# Turkish, Greek (in Latin letters), Polish, Czech, Hungarian, Romanian, Indonesian.
_NAVIGATION = re.compile(
    r"/(temas?|etiquetas?|categorias?|categories?|secciones|assuntos|rubriques?|sujets?"
    r"|mots?-cl[eé]s?|argomenti|themen|thema|th[eè]mes?|[aä]mnen?|emner?|aiheet|aihe"
    r"|onderwerpen?|etiket(?:ler)?|konu(?:lar)?|kategori|yazar(?:lar)?|muhabir|etiketa"
    r"|tagi|t[eé]mata|c[ií]mk[eé]k?|subiect|topik|penulis|autor(?:zy|es|i)?"
    r"|auteurs?|autore|forfatter|skribent|avainsana)/",
    re.I,
)
_SKIP_EXTENSIONS = frozenset(f".{e}" for e in IGNORED_EXTENSIONS) | {".xml", ".rss", ".json"}
_HAS_DIGIT = re.compile(r"\d")
# An id in base64 or the like: letters and digits whose case changes inside a word twice
# at least ("CBMiZGFrLXh1"); a slug's words have one case, or a capital after a small
# letter once ("McDonald", "iPhone").
_ID_LIKE = re.compile(r"[A-Za-z0-9=]{4,}")
_CASE_CHANGE = re.compile(r"[a-z][A-Z]")
# A teaser card (<article> of a listing) holds at most this much text; an article's own
# <article> holds more, and is no context for the links in its header.
MAX_CARD_CHARS = 600
_QUERY_TOKEN = re.compile(r'"[^"]+"|\S+')
_WORD = re.compile(rf"{LETTERS}(?:['’-]{LETTERS})*")
_SERVICE = re.compile(
    r"about|contact|privacy|terms|cookie|advertis|subscri|newsletter|career|jobs|help|faq|"
    r"search|sitemap|log-?in|sign|account|legal|impressum|imprint|donat|shop|store|events?$",
    re.I,
)
MAX_PATH_SEGMENTS = 8
MIN_SUMMARY_WORDS = 12  # a description this long (beyond its title) is a lead paragraph
NAMES_DAMPING = 0.8  # how much a lead paragraph loses for leaving every core name unnamed
ANCHOR_WEIGHT = 0.7  # a link's own text against the paragraph around it

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


@dataclass(frozen=True, slots=True)
class Link:
    """An outlink of a page: all the frontier needs to decide on it.

    Attributes:
        url: The absolute URL the link points to.
        canonical: Its canonical form (:func:`collector.urls.canonicalize_url`).
        anchor: The anchor text, whitespace collapsed.
        score: :func:`score_link` of the anchor, the paragraph or list item around the
            link, and the URL's words; None when it is left to :func:`link_score`.
        refused: :func:`refuse_reason` of the canonical URL.
        context: The text of the paragraph or list item around the link, when the link is
            not scored yet.
    """

    url: str
    canonical: str
    anchor: str
    score: float | None
    refused: str | None
    context: str = ""

    def __reduce__(self) -> tuple[type[Link], tuple[Any, ...]]:
        # A page's ~250 links cross from a worker to the crawl: pickled by their fields,
        # they unpickle in half the time of a frozen dataclass's field-by-field state.
        return (Link, _link_fields(self))


_link_fields = attrgetter(*Link.__slots__)


def build_queries(
    headlines: Sequence[str], profile: TopicProfile, per_headline: int = 2, grown: int = 3
) -> list[str]:
    """Build deduplicated search queries from seed headlines and the profile.

    Each headline gives a query of its four most specific words and, when
    ``per_headline`` allows, a broader one of its three; one query joins
    the profile's three heaviest single words, and one its three heaviest story names
    (names other languages write alike: coverage in another language shares no other
    word with the seeds' headlines; not a country's or a language's, which they
    translate), each in the form of the core name it is a form of; the first core name all
    but unknown in the seeds' language ("frejborg", a ferry), else the heaviest story name
    that is ("krasnobor", against English seeds whose core names are "czech" and "poland"),
    is a query alone, as a provider ANDs every word of a query and other languages write
    few of the others (nor the seeds' own inflected forms: "kattlinjens"); so is the
    heaviest two-word story name, a phrase in quotes: a ship's or a company's name is
    written alike in every language, where a place's often is not (Finnish seeds' "Polar
    Bothnia" is a Swedish report's, their "Merenkurkku" and "Uumaja" its "Kvarken" and
    "Umeå");
    each term the user added and each of the ``grown`` heaviest grown terms (see
    :func:`collector.relevance.grow_terms`) is searched with the heaviest core word, a
    phrase in quotes, so coverage that links a new development to the story is found.
    """
    queries: list[str] = []
    for headline in headlines:
        ranked = _ranked_words(headline, profile)
        for size in (4, 3)[:per_headline]:
            if len(ranked) >= 2:
                queries.append(" ".join(ranked[:size]))
    core = [t for t, _ in profile.top_terms(40) if " " not in t and _source(profile, t) == "seed"]
    if core:
        queries.append(" ".join(core[:3]))
        names = [
            _core_form(t, profile.names) for t in core
            if t in profile.story_names and not names_country_or_language(t, profile.language)
        ]  # fmt: skip
        if len(names) >= 2:
            queries.append(" ".join(names[:3]))
        alone = unique_names(rare_core_names(profile), profile.language)
        queries += (alone or unique_names(names, profile.language))[:1]
        queries += [f'"{t}"' for t in _story_phrases(profile)[:1]]
        ranked = [t for t, _ in profile.top_terms(len(profile.weights))]
        added = [t for t in ranked if _source(profile, t) == "user"]
        for term in added + [t for t in ranked if _source(profile, t) == "grown"][:grown]:
            anchor = next((c for c in core if c not in term.split(" ")), core[0])
            queries.append(f'"{term}" {anchor}' if " " in term else f"{term} {anchor}")
    return list(dict.fromkeys(q for q in queries if q))


def _story_phrases(profile: TopicProfile) -> list[str]:
    """The profile's two-word story names from the seeds, heaviest first ("polar bothnia",
    a ferry; "kvarken line", its owner)."""
    return [
        t for t, _ in profile.top_terms(40)
        if " " in t and t in profile.story_names and _source(profile, t) == "seed"
    ]  # fmt: skip


def case_form_queries(profile: TopicProfile, texts: Iterable[str] = ()) -> list[str]:
    """In a profile in one of ``CASE_LANGUAGES``, each core name alone, and each other
    form of it the profile or the seeds' ``texts`` hold ("zabrzany", "zabrzanach": the
    profile counts the seeds' forms of a word as one, :func:`collector.relevance.case_forms`).

    A provider that matches word forms (GDELT) finds an article only where it writes every
    word of a query in that form, which a query of three inflected words seldom meets: on a
    Polish test web, the first day's queries found 4 of its 9 Polish reports. These queries
    are sent beside the others and hold none of them back (:func:`plan_queries`): their
    answers are broad, and their hits are judged by their headlines like any other.
    """
    if profile.language not in CASE_LANGUAGES:
        return []
    words = [t for t in profile.weights if " " not in t]
    words += [w for text in texts for w in topical_words(text, profile.language)]
    forms = [t for t in dict.fromkeys(words) if t not in profile.names]
    return [
        form for name in profile.names
        for form in (name, *(t for t in forms if same_name(t, name)))
    ]  # fmt: skip


def written_as(queries: Sequence[str], texts: Iterable[str]) -> list[str]:
    """The queries with each word ``texts`` (the seeds) write in other letters than its
    folded form's, Cyrillic or Greek ones or a Turkish "ı", written so again, in its
    commonest form there: a profile keeps its words in Latin letters without accents
    (:func:`collector.relevance.fold`), which a provider searching Serbian, Greek or
    Turkish pages for "zlatovo", "kalamonisi" or "isiklar" would not find in "Златово",
    "Καλαμονήσι" or "Işıklar". So is a word of another script that folding changed: it
    drops the marks of Thai and the Indic scripts as it does accents ("เขือน" for "เขื่อน",
    dam; "परधान" for "प्रधान"), which leaves no word a provider knows. Words in Latin
    letters (accents only) stay as they are.
    """
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for word in map(without_case_ending, _WORD.findall(segment(text.lower()))):
            key = fold(word)
            if key != unaccented(word) or (key != word and not key.isascii()):
                seen.setdefault(key, Counter())[word] += 1
    if not seen:
        return list(queries)
    forms = {key: counts.most_common(1)[0][0] for key, counts in seen.items()}
    return [_WORD.sub(lambda m: forms.get(m[0], m[0]), query) for query in queries]


def _core_form(term: str, names: Sequence[str]) -> str:
    """A story name as the core name of which it is a form writes it: the seeds' profile
    may hold a name in an inflected case only ("zabrzanach", in Zabrzany), which a search
    provider matching word forms finds only where it is written so."""
    return next((n for n in names if same_name(term, n) or same_name(n, term)), term)


def plan_queries(queries: Sequence[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Split queries into those sent first and those held back.

    Search providers AND the words of a query, so a query whose words include all of a
    broader query's words only finds a subset of the broader one's matches: it is held
    back under that broader query, and sent only if the broader answer comes back full
    (truncated by the provider's result cap). Queries with the same words are sent once.

    Returns:
        The queries to send first, and broader query -> narrower queries held back.
    """
    words = {q: frozenset(_QUERY_TOKEN.findall(q.lower())) for q in queries}
    first: list[str] = []
    held: dict[str, list[str]] = {}
    for query in dict.fromkeys(queries):
        if any(words[q] == words[query] for q in first) or not words[query]:
            continue
        broader = [q for q in dict.fromkeys(queries) if words[q] < words[query]]
        if broader:
            held.setdefault(min(broader, key=lambda q: len(words[q])), []).append(query)
        else:
            first.append(query)
    return first, held


def _source(profile: TopicProfile, term: str) -> str:
    return profile.sources.get(term, "seed")


def _ranked_words(headline: str, profile: TopicProfile) -> list[str]:
    counts = Counter(t for t in terms(headline, profile.language) if " " not in t)
    weight = {t: profile.weights.get(t, 0.0) + specificity(t, profile.language) for t in counts}
    return sorted(weight, key=lambda t: -weight[t])


def url_words(url: str) -> str:
    """The words of a URL's path (slugs carry the headline on most news sites), without
    its opaque ids (``_ID_LIKE``): the letters of a search provider's redirect
    ("/rss/articles/CBMiZGFrLXh1LXRyby12ZQ") are no words, and as words unknown to the
    language they would weigh most in the lead's score."""
    path = _ID_LIKE.sub(_without_id, unquote(urlsplit(url).path)).replace("-", " ")
    return " ".join(word for word in _URL_WORDS.findall(path) if len(word) > 1)


def score_lead(
    profile: TopicProfile, url: str, texts: Iterable[str] = (), summary: str = ""
) -> float:
    """Score a lead from the text that announced it and its URL's words, 0..1.

    ``summary`` is an entry's description (a feed's, a search provider's): when it holds
    at least ``MIN_SUMMARY_WORDS`` words its title does not, it reads as the article's lead
    paragraph, which names what the article is about; then the score is damped by the
    story's core names it leaves unnamed (times ``1 - NAMES_DAMPING`` times the share
    unnamed): a lead paragraph about Kenya's police or Haiti's migrants is not about the
    Kenya-led mission in Haiti. A title alone is too short to judge this way.
    """
    texts = [t for t in texts if t]
    score = profile.coverage(" ".join([*texts, summary, url_words(url)]))
    if score and profile.names and reads_as_lead(texts, summary):
        counts = lines_naming(profile.names, [" ".join([*texts, summary])])
        unnamed = sum(1 for n in counts.values() if not n) / len(counts)
        score *= 1 - NAMES_DAMPING * unnamed
    return score


def search_hit_texts(profile: TopicProfile, title: str, query: str) -> list[str]:
    """The texts that announce a search hit: its headline and the query it answered.

    The provider found the query's words in the article, which its headline need not
    repeat ("Death toll in dam collapse rises to 9", found by ``dam carrow breach``). A
    headline naming none of the story's core names, when some are rare ones
    (:func:`collector.names.rare_core_names`), gets no such help: the provider matched the
    names somewhere in a story about something else ("Chicago Marathon", found by ``haiti
    kenya officers``); unless the query names one all but unknown elsewhere, which only
    the story's articles say ("Citernes, passages à niveau : le transport ferroviaire de
    matières dangereuses", found by ``vireux-sur-lesse l'acrylonitrile marchandises``).
    A common word such as "German" names nothing the provider could
    have matched elsewhere by chance ("'A slow-motion poisoning': scientist warns of long
    tail from European river disaster", found by ``dutch water german``).

    A headline in another language than the profile's cannot be weighed against it: when
    it uses one of the story's names, or the query two of them or one core name all but
    unknown elsewhere (the provider found them in the article: "vireux-sur-lesse", the
    town of the story), the query alone announces the hit ("Latte contaminato: cosa sappiamo sul
    caso Primalatte", found by ``primalatte valdrena cronobacter``), and the gate judges
    the page by its names.
    """
    language = detect_language(title)
    if language and not same_language(language, profile.language):
        named = names_across(profile.story_names, title, "", language)[0]
        in_query = names_across(profile.story_names, query, "", profile.language)[0]
        if named or in_query >= 2 or _names_unique_core_name(profile, query):
            return [query]
        return [title]
    if (
        rare_core_names(profile)
        and not any(lines_naming(profile.names, [title]).values())
        and not _names_unique_core_name(profile, query)
    ):
        return [title]
    return [title, query]


def other_language_hit_score(profile: TopicProfile, title: str, query: str) -> float:
    """Score a search hit in another language than the profile's that answered a query
    naming a core or story name all but unknown elsewhere, 0..1: the provider found that
    name in the article, as if its headline used it (a third, as
    :func:`other_language_score` gives a name: enough to fetch the page, which the gate
    judges by its names). "Bridge collapses under Czech coach in southern Poland" names
    nothing the Polish seeds do, but was found by ``krasnoboru``, the story's town. 0
    otherwise.
    """
    language = detect_language(title)
    if not language or same_language(language, profile.language):
        return 0.0
    names = unique_names([*rare_core_names(profile), *profile.story_names], profile.language)
    return 1 / 3 if any(lines_naming(names, [query]).values()) else 0.0


def _names_unique_core_name(profile: TopicProfile, query: str) -> bool:
    """Whether ``query`` names a core name that is all but unknown elsewhere in the seeds'
    language (:func:`collector.names.unique_names`: "Vireux-sur-Lesse", not "Haiti"), so that a
    provider finding it in an article found the story."""
    unique = unique_names(rare_core_names(profile), profile.language)
    return bool(unique) and any(lines_naming(unique, [query]).values())


def other_language_score(profile: TopicProfile, title: str, summary: str = "") -> float:
    """Score a feed's or sitemap's headline in another language than the profile's, 0..1.

    Its words cannot be weighed against the profile; the story's names are what the
    languages share. A headline that uses one of them ("The Primalatte recall shows why
    paperwork is no substitute for inspectors", against Italian seeds) scores a third for
    each name it and its summary use, so one name is enough to fetch the page and the gate
    judges it by its names. 0 for a headline in the profile's language or naming none.

    The names are read as the profile's language reads them: the gate reads a fetched page
    in its own, and reading the word list of each language a detector answers for a short
    headline would load it (30 MB or more) for nothing.
    """
    if not names_across(profile.story_names, title, "", profile.language)[0]:
        return 0.0
    language = detect_language(title)
    if not language or same_language(language, profile.language):
        return 0.0
    return min(1.0, names_across(profile.story_names, title, summary, profile.language)[0] / 3)


def score_link(profile: TopicProfile, url: str, anchor: str, context: str = "") -> float:
    """Score an outlink before it is fetched, 0..1.

    The anchor text and the URL's words say what the target is about; the paragraph or
    list item around the link says mostly what the *linking* article is about (a relevant
    article's paragraph makes any link in it look relevant). The two scores are mixed, the
    anchor's weighing ``ANCHOR_WEIGHT``; a bare "read more" anchor still gets a share of
    its context's score.

    Each score is :func:`score_lead` of the anchor (with the context) and the URL, without
    a summary (so never damped by the names); the anchor's, context's and URL's words are
    read once for both.
    """
    language = profile.language
    anchor_words, link_words = _text_words(anchor, language), _url_words(url, language)
    own = profile.word_coverage({**anchor_words, **link_words})
    around = own
    if context:
        context_words = topical_words(context, language)
        around = profile.word_coverage({**anchor_words, **context_words, **link_words})
    return ANCHOR_WEIGHT * own + (1 - ANCHOR_WEIGHT) * around


def _without_id(match: re.Match[str]) -> str:
    return " " if len(_CASE_CHANGE.findall(match[0])) >= 2 else match[0]


@lru_cache(maxsize=20_000)
def _text_words(text: str, language: str) -> Mapping[str, float]:
    """:func:`topical_words` of an anchor, read-only and cached (bounded): the same
    anchors come back page after page, in menus and teaser lists."""
    return MappingProxyType(topical_words(text, language))


@lru_cache(maxsize=20_000)
def _url_words(url: str, language: str) -> Mapping[str, float]:
    """:func:`topical_words` of :func:`url_words`, read-only and cached like
    :func:`_text_words`."""
    return MappingProxyType(topical_words(url_words(url), language))


def retitled(stored: str, announced: str) -> bool:
    """Whether a headline announced for a stored article is a new one: it drops a word of
    the stored headline and adds two. An outlet that updates a story rewrites its headline
    ("... open manslaughter probe ..." -> "... widen probe ..., seize renovation records");
    an announcer that adds the site's name or cuts the headline short does not.
    """
    old, new = _headline_words(stored), _headline_words(announced)
    return bool(old) and len(old - new) >= 1 and len(new - old) >= 2


def _headline_words(headline: str) -> set[str]:
    words = _URL_WORDS.findall(segment(headline))
    return {fold(w) for w in words if len(w) > 2 or is_unspaced(w)}  # 爆炸: a word


def reads_as_lead(titles: Iterable[str], summary: str) -> bool:
    """Whether an entry's summary reads as the article's lead paragraph: it holds at least
    ``MIN_SUMMARY_WORDS`` words its titles do not (a search provider's teaser that repeats
    the headline and names the outlet does not)."""
    title_words = {w.lower() for t in titles for w in segment(t).split()}
    said = segment(summary).split()
    return sum(w.lower() not in title_words for w in said) >= MIN_SUMMARY_WORDS


@lru_cache(maxsize=20_000)
def refuse_reason(url: str, max_segments: int = MAX_PATH_SEGMENTS) -> str | None:
    """Tell why a URL is not worth fetching as an article, or None if it may be one.

    Reasons: ``scheme``, ``non-article`` (files, feeds), ``navigation`` (tags, categories,
    login, share), ``trap`` (calendars, pagination, session ids, repeated or ever-deeper
    path segments).

    Cached (bounded): a crawl meets the same links on page after page.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "scheme"
    path = parts.path.lower()
    if splitext(path)[1] in _SKIP_EXTENSIONS:
        return "non-article"
    segments = [s for s in path.split("/") if s]
    if (
        len(segments) > max_segments
        or len(segments) - len(set(segments)) >= 2
        or _CALENDAR.search(url)
        or _PAGINATION.search(url)
        or _SESSION.search(url)
    ):
        return "trap"
    if (
        not segments
        or is_navigation_page(url)
        or _NAVIGATION.search(path)
        or is_not_crawlable(url)
        or _SHARE.search(url)
        or (looks_like_listing(url) and not _HAS_DIGIT.search(path))
    ):
        return "navigation"
    return None


def below_article(url: str, articles: Container[str]) -> bool:
    """Whether a URL lies below the URL of a known article (``/story/x/more/``), or is
    that URL with a query added (``/story/x/?share=twitter``, ``?replytocom=12``).

    An article's URL is a leaf: paths below it come from relative links resolved against
    it, and sites that answer them with the article again make ever-deeper traps. A query
    on it asks for the same article in another view: share buttons, comment replies.

    Args:
        url: A canonical URL.
        articles: Canonical URLs of pages known to be articles.
    """
    start = url.find("/", url.find("://") + 3)
    if start < 0:
        return False
    path = re.split(r"[?#]", url[start:], maxsplit=1)[0]
    segments = [s for s in path.split("/") if s]
    root = url[: start + 1]
    if len(path) < len(url) - start and url[:start] + path in articles:
        return True
    for end in range(len(segments) - 1, 0, -1):
        above = root + "/".join(segments[:end])
        if above in articles or above + "/" in articles:
            return True
    return False


def section_links(
    links: Iterable[tuple[str, str]], base: str, profile: TopicProfile
) -> list[tuple[str, float]]:
    """The section pages among a home page's menu links, the most topical first.

    A section is a same-host URL one or two path segments deep, without a query, that is
    neither a trap, a file, nor a service page (about, contact, login, search...).

    Args:
        links: ``(href, anchor text)`` pairs of the home page's menu links.
        base: The home page's URL.
        profile: The topic profile scoring the anchor text and URL words.

    Returns:
        ``(url, score)`` pairs, highest score first, then in menu order.
    """
    host = urlsplit(base).netloc
    found: dict[str, tuple[float, int]] = {}
    for position, (href, anchor) in enumerate(links):
        url = canonicalize_url(urljoin(base, href))
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if (
            parts.netloc != host
            or parts.query
            or not 1 <= len(segments) <= 2
            or refuse_reason(url) not in (None, "navigation")
            or is_not_crawlable(url)
            or _SERVICE.search(parts.path)
        ):
            continue
        found.setdefault(url, (score_lead(profile, url, [anchor]), position))
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    return [(url, score) for url, (score, _) in ranked]


def outlinks(
    root: etree._Element,
    base: str,
    profile: TopicProfile | None,
    memo: MutableMapping[tuple[str, str, str], float] | None = None,
) -> list[Link]:
    """The http(s) links of a parsed page, other than to the page itself, in page order.

    Each is canonicalised, checked with :func:`refuse_reason` and, with a ``profile``,
    scored from its anchor text, the text of the paragraph or list item around it and its
    URL's words (:func:`score_link`); without one, it keeps that text for
    :func:`link_score`, so that only the links the crawl has not decided on yet are scored.
    The crawl decides on them without parsing the page again.

    Args:
        root: The page parsed by lxml (``parsel.Selector(...).root``).
        base: The page's canonical URL (relative links resolve against it, or against
            the page's ``<base href>``).
        profile: The topic profile, or None to leave the links unscored.
        memo: Scores already computed with this profile, by URL, anchor and context
            (menus and teaser lists repeat from page to page); filled as links are scored.
    """
    memo = {} if memo is None else memo
    resolve_from = document_base(root, base)
    parts = urlsplit(resolve_from)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
    links: list[Link] = []
    for element in root.iter("a"):
        href = element.get("href")
        if href is None:
            continue
        if origin and href.startswith(("/", "http://", "https://")):
            url = _join(origin, href)
        else:
            url = urljoin(resolve_from, href)
        if not url.startswith(("http://", "https://")):
            continue
        canonical = canonicalize_url(url)
        if canonical == base:
            continue
        anchor = " ".join(_texts(element))
        context = _link_context(element)
        link = Link(
            url, canonical, " ".join(anchor.split()), None, refuse_reason(canonical), context
        )
        if profile is not None:
            link = replace(link, score=link_score(link, profile, memo), context="")
        links.append(link)
    return links


def link_score(
    link: Link, profile: TopicProfile, memo: MutableMapping[tuple[str, str, str], float]
) -> float:
    """A link's :func:`score_link`: its own when :func:`outlinks` scored it, else computed
    from its anchor and context (and kept in ``memo``, by URL, anchor and context)."""
    if link.score is not None:
        return link.score
    key = (link.url, link.anchor, link.context)
    score = memo.get(key)
    if score is None:
        score = memo[key] = score_link(profile, link.url, link.anchor, link.context)
    return score


def _link_context(element: etree._Element) -> str:
    """The text around a link: its paragraph or list item, else the teaser card
    (``<article>`` of at most ``MAX_CARD_CHARS``) it heads, whose summary says what the
    linked article is about; "" for a link in neither."""
    around = next(element.iterancestors("p", "li", "article"), None)
    if around is None:
        return ""
    text = " ".join(_texts(around))
    return "" if around.tag == "article" and len(text) > MAX_CARD_CHARS else text


def document_base(root: etree._Element, url: str) -> str:
    """The URL a page's relative links resolve against: its ``<base href>``, resolved
    against ``url``, when it declares one with http(s); else ``url``."""
    for element in root.iter("base"):
        declared = (element.get("href") or "").strip()
        if declared:
            resolved = urljoin(url, declared)
            return resolved if resolved.startswith(("http://", "https://")) else url
    return url


@lru_cache(maxsize=20_000)
def _join(origin: str, href: str) -> str:
    """``urljoin(base, href)`` for an href from the root or with a scheme, which resolves
    alike against every page of the origin (``http://host:port``) ``base`` is on (RFC 3986,
    5.2.2: the base's path and query are used only by a relative path or an empty
    reference). Cached (bounded): menus and teaser lists link the same way on every page."""
    return urljoin(origin, href)


def _texts(element: etree._Element) -> list[str]:
    """The element's text nodes, its descendants' included (XPath ``.//text()``)."""
    return list(element.itertext())


def feed_links(root: etree._Element, base: str) -> list[str]:
    """The absolute URLs of the RSS, Atom and JSON feeds a page announces
    (``<link rel="alternate" type=...>``), sorted and distinct."""
    resolve_from = document_base(root, base)
    feeds = {
        urljoin(resolve_from, element.get("href", ""))
        for element in root.iter("link")
        if element.get("rel") == "alternate"
        and element.get("href") is not None
        and element.get("type", "").lower() in FEED_TYPES
    }
    return sorted(feeds)
