"""Publication dates: parsing any date string and finding an article's dates in its page.

``parse_date`` turns a date string in any language (absolute or relative to the fetch
time) into an aware UTC datetime, rejecting implausible results. ``find_published``
looks for the publication date of a parsed HTML page, from the most to the least
reliable source: JSON-LD, meta tags, ``<time datetime>``, the URL, the date found by
the extractor's metadata, then dates shown in the visible text near the headline. A
page without any of these gets None, never a guess.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections import deque
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import dateparser
import pytz
from lxml import etree
from lxml import html as lxml_html

from collector.cleaning import is_dateline, without_list_mark

logger = logging.getLogger(__name__)

__all__ = [
    "find_published", "find_modified", "json_ld_objects", "line_date", "live_blog_start",
    "parse_date", "PublishedDate", "may_end_dated", "page_zone", "reads_as_date",
    "with_live_start", "republished",
]  # fmt: skip

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=1)
_PARSE_CACHE_SIZE = 2048

_META_PUBLISHED = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
)
_META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
)
_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?:/|$|[-_])"
)
_URL_COMPACT_RE = re.compile(
    r"[/_-](?P<y>20\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)
# "data" is Italian and Portuguese for date, "fecha" Spanish, "datum" German and Dutch.
_DATE_CLASS_RE = re.compile(
    r"date|time|publish|posted|byline|dateline|meta|timestamp|\bdata\b|fecha|datum", re.I
)
_HAS_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[^\W\d_]")
_RELATIVE_RE = re.compile(
    r"\b(?:ago|yesterday|today|il y a|hier|aujourd'hui|hace|ayer|hoy|vor \d|gestern|heute"
    r"|fa|ieri|oggi|há|ontem|hoje|назад|вчера|сегодня|temu|wczoraj|dzisiaj|منذ|أمس"
    # Turkish, Greek, Dutch, the Nordic languages, Finnish, Czech and Slovak, Hungarian,
    # Romanian, Indonesian, Serbian and Croatian (both scripts), Bulgarian, Ukrainian
    r"|önce|dün|bugün|πριν|χθες|χτες|σήμερα|geleden|gisteren|vandaag|sedan|igår|idag"
    r"|siden|i går|i dag|sitten|eilen|tänään|před|včera|dnes|pred|ezelőtt|tegnap|acum|azi"
    r"|lalu|kemarin|hari ini|pre \d|prije|juče|jučer|danas|пре \d|јуче|данас|преди|днес"
    r"|тому|вчора|сьогодні)\b"
    # "3小时前", "3時間前", "3시간 전", "yesterday" in Chinese, Japanese and Korean
    r"|\d\s*(?:秒|分钟|分鐘|小时|小時|天|分|時間|日|초|분|시간|일)\s*(?:前|전)|昨天|昨日|어제",
    re.I,
)
# A language spoken in one time zone (or several with one offset) names its country. Not
# French, Spanish, Portuguese or English: a French page may be Haitian or Québécois.
_LANGUAGE_COUNTRY = {
    "it": "IT", "de": "DE", "nl": "NL", "pl": "PL", "cs": "CZ", "sk": "SK", "hu": "HU",
    "sv": "SE", "da": "DK", "nb": "NO", "nn": "NO", "no": "NO", "fi": "FI", "el": "GR",
    "ro": "RO", "bg": "BG", "hr": "HR", "sl": "SI", "ja": "JP", "ko": "KR", "tr": "TR",
    "he": "IL", "et": "EE", "lv": "LV", "lt": "LT", "zh": "CN", "sr": "RS", "bs": "BA",
    "mk": "MK", "sq": "AL", "is": "IS", "mt": "MT", "lb": "LU", "ka": "GE", "hy": "AM",
    "be": "BY", "vi": "VN", "th": "TH",
}  # fmt: skip
# Countries with one official zone that the zone database lists with others: China keeps
# Beijing time everywhere (Xinjiang's own time, Asia/Urumqi, is not official).
_OFFICIAL_ZONE = {"CN": "Asia/Shanghai"}
# Country-code domains sold to anyone, whose sites need not be in the country.
_OPEN_COUNTRY_DOMAINS = frozenset(
    "ac ag ai am cc cd co cx fm gg gs io la ly me ms nu pw sc sh so st tk to tv vc ws".split()
)
_MAX_VISIBLE_CANDIDATES = 12
# "|", "·" or "•" between a date and a byline or the tools, and a Chinese, Japanese or
# Korean source, author or editor label after a date ("2025-11-06 15:20 来源：新华社").
_INFO_SEPARATOR_RE = re.compile(
    r"\s[|·•]\s|\s+(?=(?:来源|來源|出典|출처|作者|记者|記者|责任编辑|責任編輯|编辑|編輯)\s*[:：])"
)
_SCRIPT_JSON = etree.XPath('//script[contains(@type, "json") and not(contains(@type, "ld+"))]')
# A script that sets a page's state as one JSON object: "window.__INITIAL_STATE__ = {...};"
# (Redux, Nuxt and their kind), "var __PRELOADED_STATE__ = {...}".
_SCRIPT_CODE = etree.XPath('//script[not(@src)][not(@type) or contains(@type, "javascript")]')
_STATE_RE = re.compile(
    r"\s*(?:(?:window|self|globalThis)\.|(?:var|let|const)\s+)[\w$]+\s*=\s*(?=\{)"
)
# Keys a script-rendered page's JSON gives its article's publication date under.
_JSON_PUBLISHED_KEYS = frozenset({
    "datepublished", "publishedat", "published_at", "publicationdate", "publication_date",
    "publishdate", "publish_date", "firstpublished", "first_published_at", "pubdate",
})  # fmt: skip
_NEAR_HEADLINE_ELEMENTS = 25
_DATE_PREFIX_RE = re.compile(
    r"^(?:published|posted|updated|last updated|on|le|publié le|mis à jour le|mis à jour"
    r"|publicado(?: el)?|actualizado(?: el)?|veröffentlicht(?: am)?|imechapishwa"
    r"|publicerad|uppdaterad|publiceret|opdateret|publisert|oppdatert|julkaistu|päivitetty)\W+",
    re.I,
)
# A one- or two-word label before a shown date ("Dodano: 13 godz. temu").
_LABEL_RE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)?\s*:\s+(?=\S)")
# Text (or text after a <br>) that labels a publication date: "Posted: Wed, Dec 2, 2026".
# The XPath narrows the page's texts cheaply (1.3 ms a page), the regex decides.
_LABELLED_XPATH = etree.XPath(
    "//body//text()[" + " or ".join(
        f"contains(., '{part}')"
        for part in (
            "osted", "OSTED", "ubli", "UBLI", "ubbli", "öffentlicht", "rstellt", "chapishwa"
        )
    ) + "]",
    smart_strings=False,
)  # fmt: skip
_LABELLED_RE = re.compile(
    r"^\s*(?:posted|published|publié|publicado|veröffentlicht|erstellt|pubblicato"
    r"|gepubliceerd|imechapishwa)(?:\s+(?:on|le|el|am|il|op))?\s*[:\s]\s*(?=\S)",
    re.I,
)
# "Published 2 Dec 2026, updated 3 Dec 2026": the first date is the publication's.
_UPDATED_TAIL_RE = re.compile(
    r"(?<=\S)\s*(?:[,;|·•–—-]\s*)?\b(?:mis à jour|updated|last updated|modifié|actualizado"
    r"|atualizado|aktualisiert|aggiornato|ажурирано|ažurirano|измењено|izmenjeno|izmijenjeno"
    r"|обновено|актуализирано|обновлено|оновлено)\b.*$",
    re.I,
)
# Not a day and a month ("08.12" of "08.12.2026": a date alone is that day whatever the zone).
_TIME_OF_DAY_RE = re.compile(
    r"(?<![\d.])\d{1,2}[:h.]\d\d(?!\d|\.\d)|\b\d{1,2}\s*[ap]\.?m\b|\d{1,2}\s*[時时시]\s*\d{1,2}\s*[分분]",
    re.I,
)
# "at" between a date and its time in the Slavic and the Nordic languages, which dateparser
# does not read: "18.01.2027. у 11:20", "18 януари 2027 в 11:20", "8 dec 2026 kl. 14.35".
_AT_TIME_RE = re.compile(
    r"(?<=\d)\.?\s+(?:у|u|в|v|kl\.?|klo|klockan|klokken)\s+(?=\d{1,2}[:.]\d\d\b)"
)
# A day-precision date (URL, metadata) is refined by a shown date at most this far away.
_REFINE_WINDOW = timedelta(hours=36)


PublishedDate = tuple[datetime | None, str | None]


def _to_utc(value: datetime) -> datetime:
    """Aware UTC datetime; a naive value is taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _plausible(value: datetime, fetched_at: datetime) -> datetime | None:
    """The date if it lies between 1990 and the fetch time, else None.

    A date less than ``FUTURE_TOLERANCE`` after the fetch time (a clock ahead, a local
    time given without its zone) is taken as the fetch time: never in the future.
    """
    fetched = _to_utc(fetched_at)
    if value < EARLIEST or value > fetched + FUTURE_TOLERANCE:
        return None
    return min(value, fetched)


# A date written year first in digits, which no one writes day or month first, amid
# labels a shown date carries in Chinese, Japanese and Korean ("입력 2026.11.22 14:05",
# "发布时间：2026-11-22 13:05 来源：新华社", "송고시간2026-11-22 14:05"), and a month and day
# without the year ("11月22日 14時05分", "11/22(土) 14:05配信"), that dateparser reads as 2011.
_YEAR_FIRST_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-./年년]\s*(?P<m>\d{1,2})\s*[-./月월]\s*(?P<d>\d{1,2})(?!\d)"
)
_MONTH_DAY_RE = re.compile(
    r"(?<![\d年년/.-])(?P<m>\d{1,2})\s*(?:[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"|/(?P<d2>\d{1,2})\s*[(（][月火水木金土日一二三四五六][)）])"
)
_CJK_TIME_RE = re.compile(
    r"\s*[日일.]?\s*(?:[(（][^)）]{1,4}[)）])?\s*(?P<half>오전|오후|午前|午後|上午|下午)?\s*"
    r"(?P<h>\d{1,2})\s*[:時时시]\s*(?P<min>\d{2})(?!\d)(?::(?P<s>\d\d)(?!\d))?"
)
# A day, a month and a year between dots, day first wherever it is written so ("7.12.2026":
# dateparser reads it month first for Swedish, which Finland's Swedish press writes so), and
# the time of day after it, with "klo" or "kl." or a comma or dash between ("14.35", "14:35").
_DOTTED_DATE_RE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?:\.(?P<y>(?:19|20)\d\d)(?!\d)"
    # the year left out before a time ("7.12. klo 14.35", its "klo" dropped before)
    r"|\.?(?=,?\s+(?:klo\s+|kl\.?\s*)?\d{1,2}[:.]\d\d(?!\d)))"
)
_DOTTED_TIME_RE = re.compile(
    r"\.?,?\s*(?:[-–•|]\s*|(?:klo|kl\.?|klockan|klokken|um|à|alle|saat)\s+)?"
    r"(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)(?![\d])(?::(?P<s>\d\d)(?!\d))?",
    re.I,
)
# What dateparser must read after a time: a half of the day or a zone ("10:00 PM GMT+2").
_AFTER_TIME_RE = re.compile(r"\s*(?:[ap]\.?m\b|[+-]\d|z\b|gmt|utc|[a-z]{2,4}t\b)", re.I)


def _numeric_date(text: str, fetched_at: datetime) -> str | None:
    """The date and time a text shows year first in digits, day first between dots
    ("7.12.2026 klo 14.35", "7.12. klo 14.35"), or as a month and day in Chinese, Japanese
    or Korean (a day without its year is in :func:`_year_of`), as "YYYY-MM-DDTHH:MM:SS"
    (the time when one follows), else None: a time followed by a half of the day or a zone
    is dateparser's to read."""
    time_re = _CJK_TIME_RE
    if match := _YEAR_FIRST_RE.search(text):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif match := _DOTTED_DATE_RE.search(text):
        month, day = int(match["m"]), int(match["d"])
        year = int(match["y"]) if match["y"] else _year_of(month, day, fetched_at)
        time_re = _DOTTED_TIME_RE
    elif match := _MONTH_DAY_RE.search(text):
        month, day = int(match["m"]), int(match["d"] or match["d2"])
        year = _year_of(month, day, fetched_at)
    else:
        return None
    time = time_re.match(text, match.end())
    if time is None and _TIME_OF_DAY_RE.search(text, match.end()):
        return None  # "2026-11-22 at 10:00": dateparser's to read
    if time and _AFTER_TIME_RE.match(text, time.end()):
        return None
    hour, minute, second = (
        (int(time["h"]), int(time["min"]), int(time["s"] or 0)) if time else (0, 0, 0)
    )
    if time and time.groupdict().get("half") in ("오후", "午後", "下午") and hour < 12:
        hour += 12
    try:
        value = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return value.isoformat() if time else value.date().isoformat()


def _year_of(month: int, day: int, fetched_at: datetime) -> int:
    """The year of a day shown without one: the fetch's, or the year before when that day
    has not come yet."""
    year = _to_utc(fetched_at).year
    later = (month, day) > (_to_utc(fetched_at) + timedelta(days=1)).timetuple()[1:3]
    return year - 1 if later else year


def _iso(text: str) -> datetime | None:
    """Fast path for ISO 8601 strings (with or without time and zone)."""
    candidate = text.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if not re.match(r"^\d{4}-\d{2}-\d{2}", candidate):
        return None
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def _dateparser_parse(
    text: str, base_iso: str, languages: tuple[str, ...] | None, zone: str = "UTC"
) -> str | None:
    """Call dateparser; bounded cache (2,048 entries) because it parses ~300 strings/s.

    Pure: the result depends only on the arguments. Returns an ISO string (immutable)
    so cached values cannot be altered by callers.
    """
    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime.fromisoformat(base_iso),
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": zone,
        "TO_TIMEZONE": "UTC",
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    try:
        parsed = dateparser.parse(
            text, languages=list(languages) if languages else None, settings=settings
        )
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        logger.debug("dateparser failed on %r: %s", text, exc)
        return None
    return parsed.isoformat() if parsed else None


def parse_date(
    text: str,
    fetched_at: datetime,
    languages: Sequence[str] | None = None,
    zone: str | None = None,
) -> datetime | None:
    """Parse a date string in any language, relative dates resolved against ``fetched_at``.

    Args:
        text: A date such as "2024-09-21T10:00:00+03:00", "21 September 2024",
            "3 hours ago", "hier" or "il y a 2 jours".
        fetched_at: When the page was fetched (naive values are taken as UTC).
        languages: Language codes to try (faster and safer), or None for all.
        zone: The time zone a time of day without one is in (see :func:`page_zone`); UTC
            when None. A relative date is the fetch time's (to the minute: "3 hours
            ago" says no seconds) and counts days on the zone's calendar ("ieri alle
            07:15" is 07:15 there the day before), and a day without a time stays that
            day (midnight UTC), whatever the zone.

    Returns:
        An aware UTC datetime, never after ``fetched_at`` (a date up to one day later is
        taken as ``fetched_at``), or None when nothing parses, the date is before 1990 or
        more than a day after ``fetched_at``.
    """
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text or len(text) > 120 or not (_HAS_DIGIT_RE.search(text) or _RELATIVE_RE.search(text)):
        return None
    text = _AT_TIME_RE.sub(", ", text)
    if zone and not _TIME_OF_DAY_RE.search(text):
        zone = None  # "3 hours ago" is the fetch time's in any zone; a day alone stays that day
    value = _iso(text)
    if value is None and (numeric := _numeric_date(text, fetched_at)):
        value = _iso(numeric)
    if value is not None and value.tzinfo is None and zone:
        value = value.replace(tzinfo=ZoneInfo(zone))
    if value is None:
        if languages and not _LETTER_RE.search(text):
            # All digits ("02/12/2026 16:30"): dateparser reads them month first as soon
            # as English is among several languages; the page's own language decides.
            languages = languages[:1]
        # "yesterday at 18:20" counts the days on the page's calendar, from its local time
        base = _to_utc(fetched_at).astimezone(ZoneInfo(zone) if zone else UTC)
        base_iso = base.replace(tzinfo=None).isoformat()
        parsed = _dateparser_parse(
            text, base_iso, tuple(languages) if languages else None, zone or "UTC"
        )
        value = datetime.fromisoformat(parsed) if parsed else None
    if value is None:
        return None
    value = _to_utc(value)
    if _RELATIVE_RE.search(text):  # "3 hours ago" is known to the minute at best
        value = value.replace(second=0, microsecond=0)
    return _plausible(value, fetched_at)


def may_end_dated(line: str) -> bool:
    """Whether a line's last words may be a date or time (a figure, or a relative date's
    word): a cheap test before :func:`reads_as_date`."""
    tail = line[-40:]
    return bool(_HAS_DIGIT_RE.search(tail) or _RELATIVE_RE.search(tail))


def reads_as_date(text: str) -> bool:
    """Whether a short text, five words at most, is a date or a time alone: a date line
    (:func:`~collector.cleaning.is_dateline`), a relative date ("5 godz. temu", "wczoraj,
    17:00", "3 tuntia sitten") or a time of day ("18:30")."""
    if len(text.split()) > 5:
        return False
    return bool(is_dateline(text) or _RELATIVE_RE.search(text) or _TIME_OF_DAY_RE.search(text))


def page_zone(
    tree: lxml_html.HtmlElement, language: str | None = None, url: str = ""
) -> str | None:
    """The time zone of the times a page shows without one, from the locale it declares
    (``<html lang="it-IT">``, ``og:locale`` "fr_FR", Content-Language): its country's, when
    the country keeps one offset (Italy, France, Argentina; not the United States or
    Spain), or a language's spoken in one (``lang="it"``); for a page that declares none,
    the country of its host's country-code domain (``.be``, ``.co.uk``; not one sold to
    all comers, such as ``.io`` or ``.tv``), else the ``language`` its text is in, if
    spoken in one. None when it cannot tell."""
    declared = [tree.get("lang"), *tree.xpath(
        "//meta[@property='og:locale']/@content"
        " | //meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
        "='content-language']/@content"
    )]  # fmt: skip
    for value in declared:
        declared_language, _, region = str(value or "").strip().replace("_", "-").partition("-")
        if declared_language:
            country = region[:2].upper() if len(region) >= 2 else None
            return _country_zone(country or _LANGUAGE_COUNTRY.get(declared_language.lower(), ""))
    by_host = _country_zone(_host_country(url))
    return by_host or _country_zone(_LANGUAGE_COUNTRY.get(language or "", ""))


def _host_country(url: str) -> str:
    """The country of the URL's country-code top-level domain; "" for any other."""
    host = urlsplit(url).hostname or ""
    suffix = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(suffix) != 2 or not suffix.isalpha() or suffix in _OPEN_COUNTRY_DOMAINS:
        return ""
    return "GB" if suffix == "uk" else suffix.upper()


@lru_cache(maxsize=256)
def _country_zone(country: str) -> str | None:
    """The zone of a country whose zones all keep one offset, winter and summer."""
    if country in _OFFICIAL_ZONE:
        return _OFFICIAL_ZONE[country]
    if country not in pytz.country_timezones:
        return None
    zones = pytz.country_timezones[country]
    offsets = {tuple(ZoneInfo(z).utcoffset(datetime(2026, m, 15)) for m in (1, 7)) for z in zones}
    return zones[0] if len(offsets) == 1 else None


def json_ld_objects(tree: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object inside the page's JSON-LD scripts, ``@graph`` items included."""
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity"))


def _meta_values(tree: lxml_html.HtmlElement, names: Sequence[str]) -> Iterator[str]:
    """Content of meta tags whose name/property/itemprop is in ``names``, in ``names`` order."""
    found: dict[str, list[str]] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in names:
            found.setdefault(key, []).append(meta.get("content", ""))
    for name in names:
        yield from found.get(name, [])


def _first_parsed(
    values: Iterator[str],
    fetched_at: datetime,
    languages: Sequence[str] | None,
    zone: str | None = None,
) -> datetime | None:
    return _first_shown(values, fetched_at, languages, zone)[0]


def _first_shown(
    values: Iterator[str],
    fetched_at: datetime,
    languages: Sequence[str] | None,
    zone: str | None = None,
) -> PublishedDate:
    """The first of the texts a page shows that parses as a date, with its source
    (:func:`_shown_source`); ``(None, None)`` when none does."""
    for value in values:
        if parsed := parse_date(value, fetched_at, languages, zone):
            return parsed, _shown_source(value)
    return None, None


def _shown_source(text: str) -> str:
    """``relative`` for a date shown as a count back from the fetch without a time of day
    ("3 hours ago", "acum 11 ore", "hier"): the latest time it can mean, known to its unit
    only (see :func:`announced_time`); ``text`` for any other shown date."""
    return "relative" if _RELATIVE_RE.search(text) and not _TIME_OF_DAY_RE.search(text) else "text"


def date_from_url(url: str, fetched_at: datetime) -> datetime | None:
    """Date written in a URL path such as ``/2024/09/21/`` or ``-20240921-``.

    Args:
        url: Article URL.
        fetched_at: Fetch time, for the plausibility check.

    Returns:
        Midnight UTC of that day, or None.
    """
    match = _URL_DATE_RE.search(url or "") or _URL_COMPACT_RE.search(url or "")
    if not match:
        return None
    try:
        value = datetime(int(match["y"]), int(match["m"]), int(match["d"]), tzinfo=UTC)
    except ValueError:
        return None
    return _plausible(value, fetched_at)


def _is_relative(text: str) -> bool:
    """A short relative date: "3 hours ago", "hier", "hace 5 minutos"."""
    return len(text.split()) <= 6 and bool(_RELATIVE_RE.search(text))


def _shown_date(text: str) -> str | None:
    """The date a short visible text states, without a "Published"-like prefix or a
    label (:func:`_without_label`)."""
    text = _UPDATED_TAIL_RE.split(" ".join(text.split()), maxsplit=1)[0]
    if len(text) > 80 or not (len(text) >= 6 and _HAS_DIGIT_RE.search(text) or _is_relative(text)):
        return None
    return _without_label(_DATE_PREFIX_RE.sub("", text))


def line_date(
    line: str, fetched_at: datetime, languages: Sequence[str] | None = None
) -> datetime | None:
    """The date a date line or a dated byline states ("ma 7.12.2026 klo 11:45", "Von
    Sandra Wellnitz | Mo., 07.12.2026, 09:45 Uhr"), from its first part that states one;
    None for a relative date ("11 hours ago": relative to a moment the line does not say)
    or none."""
    for part in (line, *_INFO_SEPARATOR_RE.split(" ".join(line.split()))):
        shown = _shown_date(part)
        if shown and not _RELATIVE_RE.search(shown):
            if (value := parse_date(shown, fetched_at, languages)) is not None:
                return value
    return None


def _without_label(text: str) -> str:
    """A shown date without the one- or two-word label before it, in any language
    ("Dodano: 13 godz. temu", "Vloženo: včera 14:20")."""
    return _LABEL_RE.sub("", text)


def _visible_candidates(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """Dates the page shows, in page order: first the short texts of ``<time>`` elements
    and of elements whose class or id says they hold a date, then short lines near the
    headline that state nothing but a date ("Oct 29, 2024 - 1:10 PM")."""
    count = 0
    seen: set[str] = set()
    for text in (*_classed_texts(tree), *_near_headline_texts(tree)):
        shown = _shown_date(text)
        if _INFO_SEPARATOR_RE.search(text):  # "Објављено: ... | Аутор: Иван Стошић"
            parts = _INFO_SEPARATOR_RE.split(" ".join(text.split()))
            shown = next(filter(None, map(_shown_date, parts)), shown)
        if shown and shown not in seen:
            seen.add(shown)
            yield shown
            count += 1
            if count >= _MAX_VISIBLE_CANDIDATES:
                return


def script_json(tree: lxml_html.HtmlElement) -> Iterator[Any]:
    """The JSON data of a script-rendered page: each ``<script type="application/json">``
    (Next.js's ``__NEXT_DATA__``) parsed, JSON-LD left out, then each script that only sets
    a state object (``window.__INITIAL_STATE__ = {...};``); unreadable ones skipped (a
    JavaScript object that is no JSON among them)."""
    texts = (script.text_content() or "" for script in _SCRIPT_JSON(tree))
    states = (
        code[found.end() :].rstrip().rstrip(";")
        for code in (script.text_content() or "" for script in _SCRIPT_CODE(tree))
        if (found := _STATE_RE.match(code))
    )
    for text in itertools.chain(texts, states):
        try:
            yield json.loads(text)
        except (ValueError, RecursionError):
            continue


def _embedded_json_dates(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """Publication dates in a script-rendered page's JSON data (``__NEXT_DATA__``), the
    shallowest first: the page's article comes before the teasers listed under it."""
    for data in script_json(tree):
        queue: deque[Any] = deque([data])
        while queue:
            item = queue.popleft()
            if isinstance(item, dict):
                for key, value in item.items():
                    if isinstance(value, str) and key.lower() in _JSON_PUBLISHED_KEYS:
                        yield value
                    elif isinstance(value, dict | list):
                        queue.append(value)
            elif isinstance(item, list):
                queue.extend(item)


def _labelled_texts(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """Short texts that label a date as the publication's, in page order (at most three)."""
    found = (_LABELLED_RE.match(text) for text in _LABELLED_XPATH(tree))
    shown = (_shown_date(match.string[match.end() :]) for match in found if match)
    yield from [text for text in shown if text][:3]


def _classed_texts(tree: lxml_html.HtmlElement) -> Iterator[str]:
    for element in tree.iter("time", "span", "div", "p", "li", "small", "abbr"):
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if element.tag == "time" or _DATE_CLASS_RE.search(marker):
            yield element.text_content()


def _info_parts(element: lxml_html.HtmlElement) -> list[str]:
    """An element's short text split at "|", "·" or "•" (a date beside a byline and the
    tools); nothing for a text over 200 characters."""
    text = " ".join(element.text_content().split())
    return _INFO_SEPARATOR_RE.split(text) if len(text) <= 200 else []


def _near_headline_texts(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """Texts of the elements just after the first ``<h1>`` that state only a date or a
    relative date, or a part of such a text between "|", "·" or "•" that does ("08.12.2026,
    07:55 Uhr | Von Uwe Kirchhof | Drucken": a date beside the byline and the tools)."""
    headline = next(iter(tree.iter("h1")), None)
    if headline is None:
        return
    for element in headline.xpath(f"following::*[position() <= {_NEAR_HEADLINE_ELEMENTS}]"):
        for part in _info_parts(element):
            if len(part) <= 80 and (
                is_dateline(_without_label(_DATE_PREFIX_RE.sub("", part))) or _is_relative(part)
            ):
                yield part


def _refined(
    day: datetime,
    source: str,
    tree: lxml_html.HtmlElement,
    fetched_at: datetime,
    languages: Sequence[str] | None,
    zone: str | None = None,
) -> tuple[datetime, str]:
    """A date known to the day (midnight, from the URL or metadata) made precise by a
    time the page shows for that day; the day-precision date otherwise."""
    if day.timetz().replace(tzinfo=None) != datetime.min.time():
        return day, source
    for text in _visible_candidates(tree):
        if not (_TIME_OF_DAY_RE.search(text) or _is_relative(text)):
            continue
        shown = parse_date(text, fetched_at, languages, zone)
        if shown and abs(shown - day) <= _REFINE_WINDOW and shown.time() != datetime.min.time():
            return shown, _shown_source(text)
    return day, source


def republished(stored: datetime | None, shown: datetime | None) -> datetime | None:
    """The publication date of a stored article fetched again: the date the page shows
    now when it is earlier, or gives the time of the stored one's day (midnight: known to
    the day only), or none was stored; the stored one otherwise, as a later date the page
    shows now is its update's (a live blog's "Aktualizacja: 3 godz. temu"). Dates without
    a zone are UTC."""
    if stored is None or shown is None:
        return shown or stored
    old, new = (d if d.tzinfo else d.replace(tzinfo=UTC) for d in (stored, shown))
    refines = old.time() == datetime.min.time() and new.date() == old.date()
    return shown if new < old or refines else stored


def announced_time(
    published: datetime | None,
    source: str | None,
    announced: datetime | None,
    own_feed: bool = False,
    fetched_at: datetime | None = None,
) -> tuple[datetime | None, str | None]:
    """A page's date made precise by the time the feed, news sitemap or search provider
    that announced the page gives: a date known only to the day (``url`` or ``metadata``:
    midnight) takes that day's time, within ``_REFINE_WINDOW``; a ``relative`` one ("3
    hours ago", counted back from ``fetched_at``: the latest time it can mean) takes a
    time inside the span it stands for (:func:`_relative_span`: "3 hours ago" is between
    four and two and a half hours before the fetch, as sites floor or round the count).
    A page that shows no date at all is dated by that time when the feed or sitemap is
    the outlet's own (``own_feed``: the publisher says when it published the page; a
    search provider's answer is no such word). ``(published, source)`` as it was
    otherwise. A page that shows the time the announcement gives in its own offset
    ("19:05" of "19:05:00+08:00"), read as UTC for want of a zone the page declares, is
    dated by the announcement too, and so is one whose date was taken for the fetch time
    as it lay after it (:func:`_plausible`: the local time of a page east of UTC fetched
    within hours). The source becomes ``feed``."""
    if published is None and source is None and own_feed and announced is not None:
        return announced.astimezone(UTC), "feed"
    if published is None or announced is None:
        return published, source
    if _read_as_utc(published, announced) or _clamped(published, source, announced, fetched_at):
        return announced.astimezone(UTC), "feed"
    announced = announced.astimezone(UTC)
    if source == "relative" and fetched_at is not None:
        span = _relative_span(_to_utc(fetched_at) - published)
        early, late = published - span - _CLOCK_SKEW, published + span / 2 + _CLOCK_SKEW
        return (announced, "feed") if early <= announced <= late else (published, source)
    if source not in ("url", "metadata"):
        return published, source
    midnight = datetime.min.time()
    if published.timetz().replace(tzinfo=None) != midnight or announced.time() == midnight:
        return published, source
    if abs(announced - published) > _REFINE_WINDOW:
        return published, source
    return announced, "feed"


def _read_as_utc(published: datetime, announced: datetime) -> bool:
    """Whether ``published`` is the local time of ``announced`` (same minute) read as UTC,
    ``announced`` giving an offset other than UTC's."""
    if not announced.utcoffset():
        return False
    local = announced.replace(tzinfo=UTC, second=0, microsecond=0)
    return abs(_to_utc(published) - local) < timedelta(minutes=1)


def _clamped(
    published: datetime, source: str | None, announced: datetime, fetched_at: datetime | None
) -> bool:
    """Whether ``published`` is the fetch time a later date was taken for (not a relative
    date's "just now"), and ``announced`` a time of the day before the fetch."""
    if fetched_at is None or source == "relative" or published != _to_utc(fetched_at):
        return False
    return _to_utc(fetched_at) - FUTURE_TOLERANCE <= announced <= _to_utc(fetched_at)


# How far a server's clock and ours may differ when it counts "3 hours ago".
_CLOCK_SKEW = timedelta(minutes=5)


def _relative_span(elapsed: timedelta) -> timedelta:
    """The unit a relative date counts in, from how long before the fetch it reads:
    minutes under an hour, hours under a day, days beyond."""
    if elapsed < timedelta(hours=1):
        return timedelta(minutes=1)
    return timedelta(hours=1) if elapsed < timedelta(days=1) else timedelta(days=1)


def _headline_date(
    day: datetime,
    tree: lxml_html.HtmlElement,
    fetched_at: datetime,
    languages: Sequence[str] | None,
    zone: str | None = None,
) -> datetime | None:
    """The date and time shown next to the headline (alone or beside the byline, "Rasmus
    Vaher · 20.04.2027 19:20"), when the metadata's date is only the day of the fetch (give
    or take one) and that one is another day: the "Friday 04/12/2026" many sites print in
    their masthead, or a "latest news" list's, which htmldate may read first."""
    if day.time() != datetime.min.time() or abs((day.date() - fetched_at.date()).days) > 1:
        return None
    headline = next(iter(tree.iter("h1")), None)
    if headline is None:
        return None
    nearest = [*headline.xpath("preceding::*[position() <= 3]"), *headline.xpath(
        f"following::*[position() <= {_NEAR_HEADLINE_ELEMENTS}]")]  # fmt: skip
    for element in nearest:
        for part in _info_parts(element):
            part = _DATE_PREFIX_RE.sub("", part)
            if len(part) <= 80 and _TIME_OF_DAY_RE.search(part) and is_dateline(part):
                if (shown := parse_date(part, fetched_at, languages, zone)) is not None:
                    return shown if shown.date() != day.date() else None  # the first says
    return None


def find_published(
    tree: lxml_html.HtmlElement,
    url: str,
    fetched_at: datetime,
    metadata_date: str | None = None,
    languages: Sequence[str] | None = None,
    text: str = "",
) -> PublishedDate:
    """Publication date of a page and where it was found.

    Sources, most reliable first: JSON-LD ``datePublished``, meta tags, ``<time
    datetime>``, the URL, a date the text labels as such ("Posted: Dec 2, 2026 6:50 PM"),
    the date trafilatura's metadata found (htmldate, which reads "12/3/2026" day first),
    then dates shown in the visible text (classed date elements, date lines near the
    headline; relative dates resolve against ``fetched_at``). A date known only to the
    day (URL, metadata, a masthead's "poniedziałek, 21 grudnia 2026") takes the time the
    page shows for that day, if it shows one ("Dodano: 13 godz. temu"). A
    time given without its zone is in the page's (:func:`page_zone`), else UTC.

    Args:
        tree: The parsed page.
        url: The page URL.
        fetched_at: Fetch time; relative dates resolve against it.
        metadata_date: A date already found by the extractor's metadata step, if any.
        languages: Language codes for parsing visible dates.
        text: The page's extracted text, one block a line: a live blog in it that
            declares no date is dated by its first entry (:func:`with_live_start`).

    Returns:
        (date, source) with source one of "json-ld", "meta", "time", "url", "metadata",
        "text", "relative" (a count back from the fetch: "3 hours ago"), "live"; (None,
        None) when the page shows no date.
    """
    zone = page_zone(tree, languages[0] if languages else None, url)
    found = _declared_or_shown(tree, url, fetched_at, metadata_date, languages, zone)
    return with_live_start(found, tree, text, fetched_at, languages, zone) if text else found


def _declared_or_shown(
    tree: lxml_html.HtmlElement,
    url: str,
    fetched_at: datetime,
    metadata_date: str | None,
    languages: Sequence[str] | None,
    zone: str | None,
) -> PublishedDate:
    """:func:`find_published` but a live blog's first entry."""
    for obj in json_ld_objects(tree):
        value = obj.get("datePublished") or obj.get("dateCreated")
        if isinstance(value, str) and (parsed := parse_date(value, fetched_at, None, zone)):
            return parsed, "json-ld"
    meta = _meta_values(tree, _META_PUBLISHED)
    if parsed := _first_parsed(meta, fetched_at, languages, zone):
        return parsed, "meta"
    times = (t.get("datetime", "") for t in tree.xpath("//time[@datetime]"))
    if parsed := _first_parsed(times, fetched_at, languages, zone):
        return parsed, "time"
    if parsed := _first_parsed(_embedded_json_dates(tree), fetched_at, languages, zone):
        return parsed, "json"
    if parsed := date_from_url(url, fetched_at):
        return _refined(parsed, "url", tree, fetched_at, languages, zone)
    shown, source = _first_shown(_labelled_texts(tree), fetched_at, languages, zone)
    if shown:
        return shown, source
    if metadata_date and (parsed := parse_date(metadata_date, fetched_at)):
        if (shown := _headline_date(parsed, tree, fetched_at, languages, zone)) is not None:
            return shown, "text"
        return _refined(parsed, "metadata", tree, fetched_at, languages, zone)
    shown, source = _first_shown(_visible_candidates(tree), fetched_at, languages, zone)
    if shown and source:
        return _refined(shown, source, tree, fetched_at, languages, zone)
    return None, None


_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "dt", "dd", "section")
# A live blog's entry, its list mark taken off: a time of day at the start of its line,
# after a Nordic "klo"/"kl." ("klo 10.05 Matkustaja-alus ...", "07:30", "18:50 Η ζώνη
# ..."), not a day and a month ("21.04.", "21.04.2027").
_ENTRY_TIME_RE = re.compile(
    r"^(?:klo\s+|kl\.?\s*)?([01]?\d|2[0-3])[:.](\d\d)\b(?!\.(?:\d|\s*$))(.*)$"
)
# The day and month (and year) a numeric day heading ends with ("Tiistai 20.4."), read
# once cleaning's is_dateline has found the line to be a date.
_DAY_MONTH_END_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})?\s*$")
MIN_LIVE_ENTRIES = 3


def live_blog_start(
    tree: lxml_html.HtmlElement,
    text: str,
    fetched_at: datetime,
    languages: Sequence[str] | None = None,
    zone: str | None = None,
) -> datetime | None:
    """When a live blog began: its earliest entry, a line of its ``text`` that starts with
    a time of day ("- klo 10.05 Matkustaja-alus ...", "07:30 Garda de Mediu ..."), on the
    day of the heading the page shows above it ("Tiistai 20.4.", "Luni, 15 martie",
    "poniedziałek, 21 grudnia 2026": read from the page, as extraction may leave a
    heading out), the time in ``zone`` (UTC when None).

    A live blog shows when it was last updated ("Päivitetty 2 tuntia sitten",
    "Aktualizacja: 3 godz. temu"), often nothing else. None unless ``MIN_LIVE_ENTRIES``
    entries or more make half of the text's lines at least (an article's timeline of
    events is no live blog), or none is under a day heading.
    """
    lines = [_unmarked(line) for line in text.splitlines() if line.strip()]
    matches = [found for line in lines if (found := _ENTRY_TIME_RE.match(line))]
    entries = {found.string for found in matches}
    entry_lines = sum(1 if found[3].strip() else 2 for found in matches)  # a time alone: 2
    if len(entries) < MIN_LIVE_ENTRIES or 2 * entry_lines < len(lines):
        return None
    day: datetime | None = None
    starts: list[datetime] = []
    for block in _leaf_blocks(tree):
        entry = _ENTRY_TIME_RE.match(block)
        if entry and day is not None and (block in entries or entry[3].strip() in lines):
            local = day.replace(hour=int(entry[1]), minute=int(entry[2]))
            starts.append(local.replace(tzinfo=ZoneInfo(zone) if zone else UTC))
        elif not entry and len(block) <= 60 and is_dateline(block) and not _shows_time(block):
            day = _day_of(block, fetched_at, languages) or day
    return _plausible(min(starts).astimezone(UTC), fetched_at) if starts else None


def _unmarked(line: str) -> str:
    """A line without its list mark, its spaces single."""
    return " ".join(without_list_mark(line).split())


def _leaf_blocks(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """The text of each block element of the page that holds no other, in page order."""
    for element in tree.iter(*_BLOCK_TAGS):
        if next(element.iterdescendants(*_BLOCK_TAGS), None) is None:
            if text := " ".join(element.text_content().split()):
                yield text


def with_live_start(
    found: PublishedDate,
    tree: lxml_html.HtmlElement,
    text: str,
    fetched_at: datetime,
    languages: Sequence[str] | None = None,
    zone: str | None = None,
) -> PublishedDate:
    """A page's date (``found``, from :func:`find_published`), or the start of the live
    blog it is (:func:`live_blog_start` of its ``text``, source ``live``) when that is
    earlier or the found one is known to its day only (midnight) and is the start's day;
    never over a date the page declares (JSON-LD, meta tags, ``<time>``, a script's JSON)."""
    published, source = found
    if source not in (None, "text", "relative", "metadata", "url"):
        return found
    start = live_blog_start(tree, text, fetched_at, languages, zone)
    if start is None or (
        published is not None and start > published and not _same_day(start, published)
    ):
        return found
    return start, "live"


def _same_day(value: datetime, day: datetime) -> bool:
    """Whether ``day``, known to its day only (midnight), is ``value``'s day."""
    return day.timetz().replace(tzinfo=None) == datetime.min.time() and day.date() == value.date()


def _shows_time(line: str) -> bool:
    """Whether a date line shows a time of day ("20.04." is a day and a month)."""
    return bool(_TIME_OF_DAY_RE.search(_DAY_MONTH_END_RE.sub("", line)))


def _day_of(heading: str, fetched_at: datetime, languages: Sequence[str] | None) -> datetime | None:
    """The day a live blog's day heading names, as a naive midnight: "Tiistai 20.4." (the
    fetch's year, or the year before for a later day), "Marţi, 16 martie"."""
    if numeric := _DAY_MONTH_END_RE.search(heading):
        year = int(numeric[3] or fetched_at.year)
        try:
            day = datetime(year, int(numeric[2]), int(numeric[1]))
        except ValueError:
            return None
        if not numeric[3] and day.date() > fetched_at.date():
            day = day.replace(year=year - 1)
        return day
    parsed = parse_date(heading, fetched_at, languages)
    return datetime(parsed.year, parsed.month, parsed.day) if parsed else None


def find_modified(
    tree: lxml_html.HtmlElement, fetched_at: datetime, url: str = ""
) -> datetime | None:
    """Last-modified date from JSON-LD ``dateModified`` or modified-time meta tags.

    Args:
        tree: The parsed page.
        fetched_at: Fetch time, for the plausibility check.
        url: The page's URL (its domain may tell the page's time zone).

    Returns:
        An aware UTC datetime or None.
    """
    zone = page_zone(tree, url=url)
    for obj in json_ld_objects(tree):
        value = obj.get("dateModified")
        if isinstance(value, str) and (parsed := parse_date(value, fetched_at, None, zone)):
            return parsed
    return _first_parsed(_meta_values(tree, _META_MODIFIED), fetched_at, None, zone)
