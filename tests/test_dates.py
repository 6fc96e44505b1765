"""Tests for collector.dates: parsing date strings and finding a page's publication date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import html as lxml_html

from collector.dates import (
    announced_time,
    date_from_url,
    find_modified,
    find_published,
    live_blog_start,
    page_zone,
    parse_date,
    republished,
    with_live_start,
)

FETCHED_AT = datetime(2024, 9, 23, 12, 0, tzinfo=UTC)
URL = "https://news.example.org/world/haiti-kenya-police"


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("2024-09-21T14:30:00+03:00", None, datetime(2024, 9, 21, 11, 30, tzinfo=UTC)),
        ("2024-09-21T11:30:00Z", None, datetime(2024, 9, 21, 11, 30, tzinfo=UTC)),
        ("2024-09-21", None, datetime(2024, 9, 21, tzinfo=UTC)),
        ("September 21, 2024", ["en"], datetime(2024, 9, 21, tzinfo=UTC)),
        ("21 Sep 2024 10:15 GMT", ["en"], datetime(2024, 9, 21, 10, 15, tzinfo=UTC)),
        ("21 septembre 2024", ["fr"], datetime(2024, 9, 21, tzinfo=UTC)),
        ("samedi 21 septembre 2024 à 14h30", ["fr"], datetime(2024, 9, 21, 14, 30, tzinfo=UTC)),
        ("21 de septiembre de 2024", ["es"], datetime(2024, 9, 21, tzinfo=UTC)),
        ("3 hours ago", ["en"], FETCHED_AT - timedelta(hours=3)),
        ("yesterday", ["en"], FETCHED_AT - timedelta(days=1)),
        ("il y a 2 jours", ["fr"], FETCHED_AT - timedelta(days=2)),
        ("hace 5 minutos", ["es"], FETCHED_AT - timedelta(minutes=5)),
        ("3 hours ago", None, FETCHED_AT - timedelta(hours=3)),
        # digits only: the page's language orders them, whatever other languages follow
        ("02/09/2024 16:30", ["es", "en"], datetime(2024, 9, 2, 16, 30, tzinfo=UTC)),
        ("02.09.2024", ["de", "en"], datetime(2024, 9, 2, tzinfo=UTC)),
        ("09/02/2024 16:30", ["en", "es"], datetime(2024, 9, 2, 16, 30, tzinfo=UTC)),
        # year first in digits, with a half of the day or an offset after the time
        ("2024-09-21 10:00 PM", ["en"], datetime(2024, 9, 21, 22, 0, tzinfo=UTC)),
        ("2024-09-21 10:00:00 +0200", ["en"], datetime(2024, 9, 21, 8, 0, tzinfo=UTC)),
        (
            "Posted 2024-09-21 10:00:30 by Ana Ruiz",
            ["en"],
            datetime(2024, 9, 21, 10, 0, 30, tzinfo=UTC),
        ),
        # "at" between the date and the time in the Slavic languages
        ("21.09.2024. у 11:20", ["sr"], datetime(2024, 9, 21, 11, 20, tzinfo=UTC)),
        ("21. rujna 2024. u 11:20", ["hr"], datetime(2024, 9, 21, 11, 20, tzinfo=UTC)),
        ("21 септември 2024 в 11:20", ["bg"], datetime(2024, 9, 21, 11, 20, tzinfo=UTC)),
    ],
)
def test_parse_date(text: str, languages: list[str] | None, expected: datetime) -> None:
    assert parse_date(text, FETCHED_AT, languages) == expected


@pytest.mark.parametrize(
    ("text", "language", "zone", "expected"),
    [
        ("2024年9月21日 14時05分", "ja", "Asia/Tokyo", datetime(2024, 9, 21, 5, 5, tzinfo=UTC)),
        # a month and day without the year: this year's, or last year's when yet to come
        ("9月21日 14時05分", "ja", "Asia/Tokyo", datetime(2024, 9, 21, 5, 5, tzinfo=UTC)),
        ("9/21(土) 14:05配信", "ja", "Asia/Tokyo", datetime(2024, 9, 21, 5, 5, tzinfo=UTC)),
        ("12月30日 10時00分", "ja", "Asia/Tokyo", datetime(2023, 12, 30, 1, 0, tzinfo=UTC)),
        ("11月22日 14時05分", "ja", "Asia/Tokyo", datetime(2023, 11, 22, 5, 5, tzinfo=UTC)),
        ("9월 21일 오후 2시 5분", "ko", "Asia/Seoul", datetime(2024, 9, 21, 5, 5, tzinfo=UTC)),
        # labels without a colon, or glued to the date, before and after it
        (
            "입력 2024.09.21 14:05 수정 2024.09.21 16:30",
            "ko",
            "Asia/Seoul",
            datetime(2024, 9, 21, 5, 5, tzinfo=UTC),
        ),
        ("송고시간2024-09-21 14:05", "ko", "Asia/Seoul", datetime(2024, 9, 21, 5, 5, tzinfo=UTC)),
        (
            "기사입력 2024-09-21 오후 2:05",
            "ko",
            "Asia/Seoul",
            datetime(2024, 9, 21, 5, 5, tzinfo=UTC),
        ),
        (
            "2024-09-21 13:05 来源：新华社",
            "zh",
            "Asia/Shanghai",
            datetime(2024, 9, 21, 5, 5, tzinfo=UTC),
        ),
        (
            "发布时间：2024-09-21 13:05",
            "zh",
            "Asia/Shanghai",
            datetime(2024, 9, 21, 5, 5, tzinfo=UTC),
        ),
        ("2024年9月21日", "zh", "Asia/Shanghai", datetime(2024, 9, 21, tzinfo=UTC)),
    ],
)
def test_chinese_japanese_and_korean_dates_amid_their_labels(
    text: str, language: str, zone: str, expected: datetime
) -> None:
    assert parse_date(text, FETCHED_AT, [language], zone) == expected


@pytest.mark.parametrize(
    ("body", "language"),
    [
        (
            '<div class="info"><span>입력 2024.09.21 14:05</span><span>수정 2024.09.21 16:30</span>'
            "</div>",
            "ko",
        ),
        ("<p>송고시간2024-09-21 14:05</p>", "ko"),
        ('<div class="source">2024-09-21 13:05 来源：新华社</div>', "zh"),
        ('<div class="src">2024年09月21日 13:05　来源：人民网　作者：李明</div>', "zh"),
        ('<p class="content--date">9月21日 14時05分</p>', "ja"),
        ("<div><span>9/21(土) 14:05配信</span></div>", "ja"),
    ],  # fmt: skip
)
def test_a_page_in_chinese_japanese_or_korean_is_dated_by_its_date_line(
    body: str, language: str
) -> None:
    page = _page("", f"<h1>見出し 제목 标题</h1>{body}")
    published = find_published(page, URL, FETCHED_AT, languages=(language,))
    assert published == (datetime(2024, 9, 21, 5, 5, tzinfo=UTC), "text")


def test_a_relative_date_keeps_no_seconds() -> None:
    fetched = datetime(2026, 12, 9, 20, 30, 10, 536351, tzinfo=UTC)
    assert parse_date("13 hours ago", fetched, ["en"]) == datetime(2026, 12, 9, 7, 30, tzinfo=UTC)
    assert parse_date("il y a 5 minutes", fetched, ["fr"]) == datetime(
        2026, 12, 9, 20, 25, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text",
    [
        "2031-01-01",  # future
        "December 1, 2024",  # after the fetch
        "1985-05-01",  # before 1990
        "12 March 1989",
        "",
        "not a date",
        "Kenya sends police",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text, FETCHED_AT, ["en"]) is None


def test_parse_date_is_utc_and_accepts_naive_fetch_time() -> None:
    parsed = parse_date("2024-09-21T14:30:00-05:00", datetime(2024, 9, 23))
    assert parsed == datetime(2024, 9, 21, 19, 30, tzinfo=UTC)
    assert parsed.utcoffset() == timedelta(0)


def test_a_few_hours_of_clock_skew_give_the_fetch_time_never_the_future() -> None:
    ahead = (FETCHED_AT + timedelta(hours=3)).astimezone(timezone(timedelta(hours=3)))
    assert parse_date(ahead.isoformat(), FETCHED_AT) == FETCHED_AT


def _page(head: str = "", body: str = "") -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")


@pytest.mark.parametrize(
    ("head", "body", "url", "expected", "source"),
    [
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2024-09-21T14:30:00+03:00"}</script>',
            "",
            URL,
            datetime(2024, 9, 21, 11, 30, tzinfo=UTC),
            "json-ld",
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            '{"@type": "Article", "datePublished": "2024-09-20"}]}</script>',
            "",
            URL,
            datetime(2024, 9, 20, tzinfo=UTC),
            "json-ld",
        ),
        (
            '<meta property="article:published_time" content="2024-09-21T08:00:00Z">',
            "",
            URL,
            datetime(2024, 9, 21, 8, 0, tzinfo=UTC),
            "meta",
        ),
        (
            "",
            '<time datetime="2024-09-19T07:00:00+00:00">19 Sep</time>',
            URL,
            datetime(2024, 9, 19, 7, 0, tzinfo=UTC),
            "time",
        ),
        (
            "",
            "",
            "https://x.example/2024/09/18/kenya-haiti/",
            datetime(2024, 9, 18, tzinfo=UTC),
            "url",
        ),
        (
            "",
            '<div class="post-date">Published on September 17, 2024</div>',
            URL,
            datetime(2024, 9, 17, tzinfo=UTC),
            "text",
        ),
        (
            "",
            '<span class="date">Publié le 16 septembre 2024 à 9h15</span>',
            URL,
            datetime(2024, 9, 16, 9, 15, tzinfo=UTC),
            "text",
        ),
        (
            "",
            '<span class="data">Lunedì 16 settembre 2024, 9:15</span>',  # Italian: date
            URL,
            datetime(2024, 9, 16, 9, 15, tzinfo=UTC),
            "text",
        ),
        (
            "",
            '<span class="timestamp">5 hours ago</span>',
            URL,
            FETCHED_AT - timedelta(hours=5),
            "relative",
        ),
    ],
)
def test_find_published(head: str, body: str, url: str, expected: datetime, source: str) -> None:
    assert find_published(_page(head, body), url, FETCHED_AT) == (expected, source)


def test_find_published_prefers_json_ld_over_meta_and_url() -> None:
    head = (
        '<meta property="article:published_time" content="2024-09-10T00:00:00Z">'
        '<script type="application/ld+json">{"datePublished": "2024-09-21"}</script>'
    )
    found = find_published(_page(head), "https://x.example/2024/09/01/a/", FETCHED_AT)
    assert found == (datetime(2024, 9, 21, tzinfo=UTC), "json-ld")


def test_find_published_skips_future_metadata() -> None:
    head = '<meta property="article:published_time" content="2030-01-01T00:00:00Z">'
    found = find_published(_page(head), "https://x.example/2024/09/18/a/", FETCHED_AT)
    assert found == (datetime(2024, 9, 18, tzinfo=UTC), "url")


def test_page_without_date_gives_none() -> None:
    body = '<div class="content"><p>Gangs control 80% of the capital, police said.</p></div>'
    assert find_published(_page("<title>No date</title>", body), URL, FETCHED_AT) == (None, None)


def test_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"datePublished": </script>'
    assert find_published(_page(head), URL, FETCHED_AT) == (None, None)


def test_find_modified() -> None:
    head = '<meta property="article:modified_time" content="2024-09-22T10:00:00+02:00">'
    assert find_modified(_page(head), FETCHED_AT) == datetime(2024, 9, 22, 8, 0, tzinfo=UTC)
    assert find_modified(_page(), FETCHED_AT) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/2024/09/18/kenya/", datetime(2024, 9, 18, tzinfo=UTC)),
        ("https://x.example/news/2024-09-18-kenya", datetime(2024, 9, 18, tzinfo=UTC)),
        ("https://x.example/story_20240918_kenya", datetime(2024, 9, 18, tzinfo=UTC)),
        ("https://x.example/2024/13/40/kenya/", None),
        ("https://x.example/2030/01/01/kenya/", None),
        ("https://x.example/news/kenya-600-police", None),
    ],
)
def test_date_from_url(url: str, expected: datetime | None) -> None:
    assert date_from_url(url, FETCHED_AT) == expected


@pytest.mark.parametrize(
    ("body", "url", "expected", "source"),
    [
        # a date line just under the headline, without a date class
        (
            '<div class="ttl"><h1>Gangs</h1></div><div class="dt">Sep 19, 2024 - 1:10 PM</div>',
            URL,
            datetime(2024, 9, 19, 13, 10, tzinfo=UTC),
            "text",
        ),
        # the URL gives the day, the page the time (and its zone)
        (
            '<h1>Gangs</h1><span class="td-post-date">Published 18 September 2024, 11:00 EAT'
            "</span>",
            "https://x.example/africa/kenya-haiti-20240918",
            datetime(2024, 9, 18, 8, 0, tzinfo=UTC),
            "text",
        ),
        # a time shown for another day does not move the URL's day
        (
            '<h1>Gangs</h1><span class="date">Updated 21 September 2024, 11:00</span>',
            "https://x.example/2024/09/18/kenya-haiti/",
            datetime(2024, 9, 18, tzinfo=UTC),
            "url",
        ),
        # French, relative and Spanish dates shown near the headline
        (
            "<h1>Gangs</h1><p>Publié le 20 septembre 2024 à 18h05</p>",
            URL,
            datetime(2024, 9, 20, 18, 5, tzinfo=UTC),
            "text",
        ),
        # the publication's date, not the update's after it
        (
            "<h1>Gangs</h1><p>Publié le 20 sept. 2024 à 14h05, mis à jour le 21 sept. 2024 à "
            "09h12</p>",
            URL,
            datetime(2024, 9, 20, 14, 5, tzinfo=UTC),
            "text",
        ),
        (
            '<h1>Gangs</h1><span class="date">Sep 20, 2024 10:15 AM | Updated Sep 21, 2024</span>',
            URL,
            datetime(2024, 9, 20, 10, 15, tzinfo=UTC),
            "text",
        ),
        ("<h1>Gangs</h1><p class='meta'>hier</p>", URL, FETCHED_AT - timedelta(days=1), "relative"),
        (
            "<h1>Gangs</h1><small>hace 3 horas</small>",
            URL,
            FETCHED_AT - timedelta(hours=3),
            "relative",
        ),
        # an old portal's date beside its author, and beside the update and the author
        (
            '<b>Банде</b><div class="datum">Објављено: 20.09.2024. у 10:30 | Аутор: '
            '<a href="/autor/1/">Иван Стошић</a></div>',
            URL,
            datetime(2024, 9, 20, 10, 30, tzinfo=UTC),
            "text",
        ),
        (
            '<b>Банде</b><div class="datum">Објављено: 20.09.2024. у 11:20 | Измењено: '
            '21.09.2024. у 13:05 | Аутор: <a href="/autor/2/">Драгана Јовановић</a></div>',
            URL,
            datetime(2024, 9, 20, 11, 20, tzinfo=UTC),
            "text",
        ),
    ],  # fmt: skip
)
def test_find_published_from_the_page_text(
    body: str, url: str, expected: datetime, source: str
) -> None:
    assert find_published(_page("", body), url, FETCHED_AT, languages=("en", "fr", "es")) == (
        expected,
        source,
    )


DAY = datetime(2024, 9, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stored", "shown", "kept"),
    [
        (DAY + timedelta(hours=6), DAY + timedelta(days=1, hours=17), "stored"),  # an update's
        (DAY + timedelta(hours=6), DAY + timedelta(hours=5), "shown"),  # earlier: corrected
        (DAY, DAY + timedelta(hours=5), "shown"),  # the day's time
        (DAY, DAY + timedelta(days=1, hours=5), "stored"),
        (None, DAY, "shown"),
        (DAY, None, "stored"),
        (DAY.replace(tzinfo=None) + timedelta(hours=6), DAY + timedelta(hours=9), "stored"),
    ],
)
def test_a_refetched_articles_publication_date_moves_only_earlier(
    stored: datetime | None, shown: datetime | None, kept: str
) -> None:
    assert republished(stored, shown) is (stored if kept == "stored" else shown)


@pytest.mark.parametrize(
    ("info", "expected", "source"),
    [
        # a label in the page's language before a relative date
        (
            "Dodano: <b>13 godz. temu</b> | Autor: Jan Nowak",
            FETCHED_AT - timedelta(hours=13),
            "relative",
        ),
        ("Dodano: <b>wczoraj, 18:20</b>", datetime(2024, 9, 22, 16, 20, tzinfo=UTC), "text"),
        (
            "Dodano: wczoraj, 18:20 | Autor: Jan Nowak",
            datetime(2024, 9, 22, 16, 20, tzinfo=UTC),
            "text",
        ),
    ],
)
def test_a_mastheads_day_takes_the_time_the_story_shows(
    info: str, expected: datetime, source: str
) -> None:
    # The masthead prints the day's date in a class that says so ("data" is Polish for
    # date); the story's own line says when it was added.
    body = (
        '<span class="data-dzis">poniedziałek, 23 września 2024</span><h1>Most runął</h1>'
        f'<div class="info">{info}</div>'
    )
    found = find_published(_page("", body), URL, FETCHED_AT, languages=("pl",))
    assert found == (expected, source)


@pytest.mark.parametrize(
    ("label", "language", "hours"),
    [("3小时前", "zh", 3), ("3時間前", "ja", 3), ("3시간 전", "ko", 3), ("2 часа назад", "ru", 2)],
)
def test_a_short_relative_date_in_other_scripts_dates_the_page(
    label: str, language: str, hours: int
) -> None:
    page = _page("", f"<h1>Gangs</h1><small>{label}</small>")
    found = find_published(page, URL, FETCHED_AT, languages=(language, "en"))
    assert found == (FETCHED_AT - timedelta(hours=hours), "relative")


@pytest.mark.parametrize(
    ("info", "language", "expected", "source"),
    [
        # a byline and "yesterday" with a time, on the page's calendar (Istanbul, UTC+3)
        ("Deniz Aksoy · Dün 11:10", "tr", datetime(2024, 9, 22, 8, 10, tzinfo=UTC), "text"),
        ("Deniz Aksoy · 5 saat önce", "tr", FETCHED_AT - timedelta(hours=5), "relative"),
        ("Από τη Σύνταξη · πριν από 3 ώρες", "el", FETCHED_AT - timedelta(hours=3), "relative"),
        ("Redactie · 2 uur geleden", "nl", FETCHED_AT - timedelta(hours=2), "relative"),
        ("Jan Novák · před 4 hodinami", "cs", FETCHED_AT - timedelta(hours=4), "relative"),
    ],
)
def test_a_relative_date_beside_the_byline_dates_the_page(
    info: str, language: str, expected: datetime, source: str
) -> None:
    page = _page("", f'<h1>Gemi karaya oturdu</h1><div class="bilgi">{info}</div>')
    found = find_published(page, URL, FETCHED_AT, languages=(language, "en"))
    assert found == (expected, source)


def test_a_labelled_date_goes_before_the_metadata_guess() -> None:
    # An old layout: no h1, no date markup; the comments show numeric dates, which
    # htmldate reads day first ("12/3/2024" as 12 March).
    body = (
        '<font class="headline">Gangs seize the port</font><br><font>By Ron Pettibone<br>'
        "Posted: Wednesday, September 18, 2024 6:50 PM</font><br>Text.<br>"
        "<b>Posted by D. Holloway</b> on 9/19/2024 Thank you."
    )
    assert find_published(_page("", body), URL, FETCHED_AT, "2024-09-12", ("en",)) == (
        datetime(2024, 9, 18, 18, 50, tzinfo=UTC),
        "text",
    )


@pytest.mark.parametrize(
    ("label", "language", "shown"),
    [
        ("Erstellt: 18.09.2024, 18:50 Uhr", "de", datetime(2024, 9, 18, 16, 50, tzinfo=UTC)),
        (
            "Gepubliceerd op 18 september 2024 18:50",
            "nl",
            datetime(2024, 9, 18, 16, 50, tzinfo=UTC),
        ),
    ],
)
def test_a_created_label_in_other_languages_names_the_date(
    label: str, language: str, shown: datetime
) -> None:
    # A table layout without date markup; the page's language places it (CEST in September).
    body = f'<span class="autor">Von dpa</span> | <span>{label}</span><br>Text.'
    page = lxml_html.fromstring(f'<html lang="{language}"><body>{body}</body></html>')
    assert find_published(page, URL, FETCHED_AT, "2024-09-01", (language,)) == (shown, "text")


@pytest.mark.parametrize(
    "body",
    [
        "<p>Posted by D. Holloway on 9/19/2024</p>",
        "<p>Posted in World, 2024 review</p>",
        "<p>The report published on 18 September 2024 found cracks.</p>",
    ],
)
def test_comment_bylines_and_sentences_are_not_date_labels(body: str) -> None:
    assert find_published(_page("", body), URL, FETCHED_AT, "2024-09-12") == (
        datetime(2024, 9, 12, tzinfo=UTC),
        "metadata",
    )


def test_a_story_sentence_with_a_year_near_the_headline_is_not_a_date() -> None:
    body = "<h1>Gangs</h1><p>In 2023, gangs took over 80% of the capital.</p>"
    assert find_published(_page("", body), URL, FETCHED_AT) == (None, None)


MASTHEAD = (
    '<table><tr><td class="header"><img alt="Diario"> <span class="fecha">Lunes 23/09/2024'
    '</span></td></tr><tr><td><span class="seccion">REGIONALES</span>'
    '<div class="fecha-nota">{shown}</div><h1>Evacuan tres pueblos por el incendio</h1>'
    "<p>El fuego avanzó durante la noche.</p></td></tr></table>"
)


@pytest.mark.parametrize(
    ("metadata", "shown", "expected", "source"),
    [
        # htmldate read the masthead's "today": the date beside the headline wins
        ("2024-09-23", "20/09/2024 16:30", datetime(2024, 9, 20, 16, 30, tzinfo=UTC), "text"),
        ("2024-09-22", "20/09/2024 16:30", datetime(2024, 9, 20, 16, 30, tzinfo=UTC), "text"),
        # a metadata date days before the fetch is the page's; one beside the headline
        # without a time of day is not the sign of a masthead's
        ("2024-09-19", "20/09/2024 16:30", datetime(2024, 9, 19, tzinfo=UTC), "metadata"),
        ("2024-09-23", "20/09/2024", datetime(2024, 9, 23, tzinfo=UTC), "metadata"),
    ],
)
def test_a_masthead_date_gives_way_to_the_headlines(
    metadata: str, shown: str, expected: datetime, source: str
) -> None:
    page = _page("", MASTHEAD.format(shown=shown))
    assert find_published(page, URL, FETCHED_AT, metadata, ("es", "en")) == (expected, source)


LATEST_LIST = (
    "<h1>Kuutari reisijad jõudsid Tallinna Vanasadamasse</h1>"
    '<div class="info"><a href="/autor/rasmus-vaher">Rasmus Vaher</a> · {shown}</div>'
    "<p>Esimesed 200 reisijat jõudsid teisipäeva õhtul Tallinna Vanasadamasse.</p>"
    "<p>Enamik reisijaid on Soome kodanikud.</p>"
    "<aside><h3>Viimased uudised</h3><ul>"
    '<li><a href="/a/1">Prangli laevaliin saab suveks uue laeva</a> <small>{other}</small></li>'
    "</ul></aside>"
)


@pytest.mark.parametrize(
    ("shown", "other", "expected"),
    [
        # the byline's date confirms the metadata's day: a later list's date is another's
        # (Estonian time: UTC+3 in September)
        ("23.09.2024 10:20", "22.09.2024 15:00", datetime(2024, 9, 23, 7, 20, tzinfo=UTC)),
        # the byline's date is another day than the metadata's: it wins
        ("21.09.2024 19:20", "23.09.2024 10:00", datetime(2024, 9, 21, 16, 20, tzinfo=UTC)),
    ],
)
def test_the_date_beside_the_byline_wins_over_a_latest_news_lists(
    shown: str, other: str, expected: datetime
) -> None:
    page = _page("", LATEST_LIST.format(shown=shown, other=other))
    assert find_published(page, URL, FETCHED_AT, "2024-09-23", ("et", "en"))[0] == expected


@pytest.mark.parametrize(
    ("html", "zone"),
    [
        ('<html lang="it-IT">', "Europe/Rome"),
        ('<html lang="it">', "Europe/Rome"),  # a language spoken in one zone
        ('<html lang="fr_FR">', "Europe/Paris"),
        ('<html><head><meta property="og:locale" content="es_AR">',
         "America/Argentina/Buenos_Aires"),
        ('<html lang="en-US">', None),  # a country of several zones
        ('<html lang="es-ES">', None),  # the Canaries keep another offset
        ('<html lang="en">', None),
        ('<html lang="fr">', None),  # French, Belgian, Swiss, or Haitian, Québécois...
        ("<html>", None),
    ],
)  # fmt: skip
def test_page_zone(html: str, zone: str | None) -> None:
    assert page_zone(lxml_html.fromstring(f"{html}<body><p>Text.</p></body></html>")) == zone


@pytest.mark.parametrize(("html", "language", "zone"), [("<html>", "it", "Europe/Rome"),
                         ('<html lang="en-US">', "it", None),
                         ("<html>", "sr", "Europe/Belgrade")])  # fmt: skip
def test_a_page_declaring_no_locale_is_in_its_texts_language(
    html: str, language: str, zone: str | None
) -> None:
    page = lxml_html.fromstring(f"{html}<body><p>Testo.</p></body></html>")
    assert page_zone(page, language) == zone


@pytest.mark.parametrize(
    ("html", "url", "zone"),
    [
        ("<html>", "https://www.lagazette.be/article.php?id=1", "Europe/Brussels"),
        ("<html>", "https://news.example.co.uk/a", "Europe/London"),
        ("<html>", "https://paper.example.ht/a", "America/Port-au-Prince"),
        ("<html>", "https://news.example.io/a", None),  # a domain sold to all comers
        ("<html>", "https://news.example.com/a", None),
        ("<html>", "https://news.example.ca/a", None),  # a country of several zones
        ("<html>", "http://127.0.0.1:8000/a", None),
        ('<html lang="fr-CA">', "https://www.lagazette.be/a", None),  # the page's word first
    ],
)  # fmt: skip
def test_a_page_declaring_no_locale_is_in_its_domains_country(
    html: str, url: str, zone: str | None
) -> None:
    page = lxml_html.fromstring(f"{html}<body><p>Texte.</p></body></html>")
    assert page_zone(page, "fr", url) == zone


@pytest.mark.parametrize(
    ("info", "url", "language", "expected"),
    [
        # a date beside the byline and the tools
        ("08.12.2026, 07:55 Uhr | Von Uwe Kirchhof | <a>Drucken</a> | <a>3 Kommentare</a>",
         "https://kurier.example/lokales/a_arid,1.html", "de", datetime(2026, 12, 8, 6, 55)),
        # a labelled one beside other labelled facts: an old CMS's category and read count
        ("Kategori: <a>Söke</a> | Eklenme: 07.12.2026 - 09:55 | Okunma: 3834",
         "https://posta.example.com.tr/haber/1.html", "tr", datetime(2026, 12, 7, 6, 55)),
        # a weekday in short before it, on an old CMS without metadata
        ("ma 7.12.2026 klo 11:45", "https://viesti.example.fi/uutiset/1.html", "fi",
         datetime(2026, 12, 7, 9, 45)),
        ("tis 8 dec 2026 kl. 14.35", "https://bladet.example.se/a/1", "sv",
         datetime(2026, 12, 8, 13, 35)),
    ],
)  # fmt: skip
def test_a_date_beside_other_facts_under_the_headline_is_read(
    info: str, url: str, language: str, expected: datetime
) -> None:
    page = lxml_html.fromstring(
        f"<html><body><h1>Headline</h1><h2>Standfirst.</h2><div class='info'>{info}</div>"
        "<p>Text.</p></body></html>"
    )
    found = find_published(page, url, datetime(2026, 12, 9, 20, tzinfo=UTC), None, [language])
    assert found == (expected.replace(tzinfo=UTC), "text")


def test_find_published_reads_a_shown_time_in_the_domains_zone() -> None:
    page = lxml_html.fromstring(
        "<html><body><h1>Titre</h1><p class='date'>Publié le 8/12/2026 à 12h32</p>"
        "<p>Texte.</p></body></html>"
    )
    fetched = datetime(2026, 12, 8, 20, tzinfo=UTC)
    found = find_published(page, "https://www.lagazette.be/article.php?id=1", fetched, None, ["fr"])
    assert found == (datetime(2026, 12, 8, 11, 32, tzinfo=UTC), "text")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sabato 5 dicembre 2026, 18:45", datetime(2026, 12, 5, 17, 45, tzinfo=UTC)),
        ("2026-07-03T14:30:00", datetime(2026, 7, 3, 12, 30, tzinfo=UTC)),  # summer time
        ("2026-12-03T14:30:00+00:00", datetime(2026, 12, 3, 14, 30, tzinfo=UTC)),  # its own
        ("Dec. 5, 2026 at 2:30 p.m. ET", datetime(2026, 12, 5, 19, 30, tzinfo=UTC)),
        ("5 dicembre 2026", datetime(2026, 12, 5, tzinfo=UTC)),  # a day stays that day
        ("05.12.2026", datetime(2026, 12, 5, tzinfo=UTC)),  # "05.12" is no time of day
        ("05.12.2026 18.45", datetime(2026, 12, 5, 17, 45, tzinfo=UTC)),  # "18.45" is
        ("2 ore fa", datetime(2026, 12, 7, 18, tzinfo=UTC)),  # relative: the fetch time's
        # a relative day with a clock time: that time there, days counted on its calendar
        ("ieri alle 07:15", datetime(2026, 12, 6, 6, 15, tzinfo=UTC)),
        ("oggi alle 20:40", datetime(2026, 12, 7, 19, 40, tzinfo=UTC)),
        ("yesterday at 6:50 PM", datetime(2026, 12, 6, 17, 50, tzinfo=UTC)),
    ],
)
def test_a_time_without_its_zone_is_in_the_pages(text: str, expected: datetime) -> None:
    fetched = datetime(2026, 12, 7, 20, tzinfo=UTC)
    assert parse_date(text, fetched, ["it", "en"], "Europe/Rome") == expected


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        # Finland's Swedish press writes a day, a month and a year between dots, which
        # dateparser reads month first for Swedish (and for English)
        ("7.12.2026 klo 14.35", ["sv"], datetime(2026, 12, 7, 12, 35, tzinfo=UTC)),
        ("7.12.2026, 14.35", ["en"], datetime(2026, 12, 7, 12, 35, tzinfo=UTC)),
        ("07.12.2026 - 14:35", ["sv", "fi"], datetime(2026, 12, 7, 12, 35, tzinfo=UTC)),
        ("7.12.2026", ["sv"], datetime(2026, 12, 7, tzinfo=UTC)),
        ("8 dec 2026 kl. 14.35", ["sv"], datetime(2026, 12, 8, 12, 35, tzinfo=UTC)),
        # a Finnish broadcaster's day and month without the year: this year's, or the
        # year before's when that day has not come yet
        ("7.12. klo 14.35", ["fi"], datetime(2026, 12, 7, 12, 35, tzinfo=UTC)),
        ("31.12. klo 10.00", ["fi"], datetime(2025, 12, 31, 8, 0, tzinfo=UTC)),
    ],
)
def test_a_date_between_dots_is_day_first_in_any_language(
    text: str, languages: list[str], expected: datetime
) -> None:
    fetched = datetime(2026, 12, 9, 20, tzinfo=UTC)
    assert parse_date(text, fetched, languages, "Europe/Helsinki") == expected


def test_a_relative_day_is_counted_on_the_pages_calendar() -> None:
    # 00:30 in Rome on 8 December is 23:30 UTC on the 7th: "today" is the 8th there
    fetched = datetime(2026, 12, 7, 23, 30, tzinfo=UTC)
    assert parse_date("oggi alle 00:10", fetched, ["it"], "Europe/Rome") == datetime(
        2026, 12, 7, 23, 10, tzinfo=UTC
    )


def test_find_published_reads_a_shown_time_in_the_pages_zone() -> None:
    page = lxml_html.fromstring(
        '<html lang="it-IT"><body><h1>Titolo</h1><span class="data">Sabato 5 dicembre 2026,'
        " 18:45</span><p>Testo.</p></body></html>"
    )
    fetched = datetime(2026, 12, 7, 20, tzinfo=UTC)
    assert find_published(page, URL, fetched, None, ["it"]) == (
        datetime(2026, 12, 5, 17, 45, tzinfo=UTC), "text"
    )  # fmt: skip


DAY = datetime(2026, 12, 8, tzinfo=UTC)
AT = datetime(2026, 12, 8, 16, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("published", "source", "announced", "expected"),
    [
        (DAY, "url", AT, (AT, "feed")),  # the URL gave the day, the feed the time
        (DAY, "metadata", AT, (AT, "feed")),
        (DAY, "url", None, (DAY, "url")),
        (DAY, "json-ld", AT, (DAY, "json-ld")),  # the page's own full date stands
        (AT - timedelta(hours=2), "url", AT, (AT - timedelta(hours=2), "url")),  # has a time
        (DAY, "url", DAY + timedelta(days=5, hours=3), (DAY, "url")),  # another day
        (DAY, "url", DAY + timedelta(days=1), (DAY, "url")),  # the feed gives a day too
        (None, None, AT, (None, None)),  # a search provider's word is no date for a page
    ],
)
def test_a_day_from_the_url_takes_the_time_its_feed_announced(
    published: datetime | None,
    source: str | None,
    announced: datetime | None,
    expected: tuple[datetime | None, str | None],
) -> None:
    assert announced_time(published, source, announced) == expected


def test_a_page_without_a_date_takes_the_one_its_outlets_feed_gives() -> None:
    assert announced_time(None, None, AT, own_feed=True) == (AT, "feed")
    assert announced_time(None, None, None, own_feed=True) == (None, None)
    # A date the page shows stands, whatever the feed says.
    assert announced_time(AT, "json-ld", DAY, own_feed=True) == (AT, "json-ld")


# An agency prints "July 14, 2025, 7:05 pm" with no zone, read as UTC; its news sitemap
# says "2025-07-14T19:05:00+08:00".
MANILA = timezone(timedelta(hours=8))


def july14(hour: int, minute: int, second: int = 0, zone: timezone = UTC) -> datetime:
    return datetime(2025, 7, 14, hour, minute, second, tzinfo=zone)


@pytest.mark.parametrize(
    ("published", "source", "announced", "expected"),
    [
        (july14(19, 5), "text", july14(19, 5, 40, MANILA), (july14(11, 5, 40), "feed")),
        (july14(19, 5), "json-ld", july14(19, 5, 0, MANILA), (july14(11, 5), "feed")),
        # read in its zone already: the page's time stands
        (july14(11, 5), "text", july14(19, 5, 0, MANILA), (july14(11, 5), "text")),
        # another minute: another time (an update's)
        (july14(19, 7), "text", july14(19, 5, 0, MANILA), (july14(19, 7), "text")),
        # an announcement in UTC tells no offset
        (july14(19, 5), "text", july14(19, 5), (july14(19, 5), "text")),
    ],
)  # fmt: skip
def test_a_time_shown_without_a_zone_is_in_the_offset_its_announcement_gives(
    published: datetime,
    source: str,
    announced: datetime,
    expected: tuple[datetime, str],
) -> None:
    found = announced_time(published, source, announced, own_feed=True)
    assert found == expected
    assert found[0] is not None and found[0].utcoffset() == timedelta(0)


def test_a_time_taken_for_the_fetch_time_as_it_lay_after_it_is_the_announced_one() -> None:
    # "7:05 pm" read as UTC lies after a fetch at 12:00 UTC: taken for the fetch time
    fetched = july14(12, 0, 11)
    assert announced_time(fetched, "text", july14(19, 5, 0, MANILA), True, fetched) == (
        july14(11, 5),
        "feed",
    )
    # a later announcement, or one of another day, is no such page's
    assert announced_time(fetched, "text", july14(12, 30), True, fetched) == (fetched, "text")
    earlier = fetched - timedelta(days=2)
    assert announced_time(fetched, "text", earlier, True, fetched) == (fetched, "text")
    # "just now" is the fetch time, and says so
    assert announced_time(fetched, "relative", july14(9, 0), True, fetched) == (
        fetched,
        "relative",
    )


# A page fetched at 18:00 that says "acum 11 ore" (11 hours ago): published between 06:00
# (floored count) and 07:30 (rounded); its feed, sitemap or search answer may say when.
FETCHED_LATE = datetime(2027, 3, 15, 18, 0, 20, tzinfo=UTC)
READ = datetime(2027, 3, 15, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("announced", "own_feed", "expected"),
    [
        (READ - timedelta(minutes=30), False, (READ - timedelta(minutes=30), "feed")),
        (READ - timedelta(minutes=30), True, (READ - timedelta(minutes=30), "feed")),
        (READ + timedelta(minutes=20), False, (READ + timedelta(minutes=20), "feed")),  # rounded
        (READ - timedelta(hours=3), False, (READ, "relative")),  # another time: not this page's
        (READ + timedelta(hours=2), True, (READ, "relative")),  # later: an update's time
        (None, True, (READ, "relative")),
    ],
)
def test_a_relative_date_takes_the_announced_time_within_its_unit(
    announced: datetime | None, own_feed: bool, expected: tuple[datetime, str]
) -> None:
    assert announced_time(READ, "relative", announced, own_feed, FETCHED_LATE) == expected


@pytest.mark.parametrize(
    ("published", "announced", "refined"),
    [
        # "25 minutes ago": known to the minute, so a time ten minutes off is another's
        (FETCHED_LATE - timedelta(minutes=25), FETCHED_LATE - timedelta(minutes=35), False),
        (FETCHED_LATE - timedelta(minutes=25), FETCHED_LATE - timedelta(minutes=26), True),
        # "2 days ago": known to the day
        (FETCHED_LATE - timedelta(days=2), FETCHED_LATE - timedelta(days=2, hours=20), True),
        (FETCHED_LATE - timedelta(days=2), FETCHED_LATE - timedelta(days=4), False),
    ],
)
def test_a_relative_dates_unit_follows_how_far_back_it_reads(
    published: datetime, announced: datetime, refined: bool
) -> None:
    found = announced_time(published, "relative", announced, fetched_at=FETCHED_LATE)
    assert found == ((announced, "feed") if refined else (published, "relative"))


# A Finnish live blog, newest first: day headings, entries as list items after "klo".
FINNISH_LIVE = """<html lang="fi"><body><main><h1>Kuutar karilla</h1>
<p>Päivitetty 2 tuntia sitten</p><p>Seuraamme tilannetta.</p>
<h3>Keskiviikko 21.4.</h3><ul>
<li><b>klo 13.50</b> Öljyä on rantautunut Tormisaarelle.</li>
<li><b>klo 8.15</b> Kuuttaren ympäriltä on havaittu öljyä.</li></ul>
<h3>Tiistai 20.4.</h3><ul>
<li><b>klo 19.30</b> Partioalus toi matkustajia Tallinnaan.</li>
<li><b>klo 10.05</b> Matkustaja-alus Kuutar on menettänyt konetehonsa.</li></ul>
</main></body></html>"""
FINNISH_TEXT = """Seuraamme tilannetta.
Keskiviikko 21.4.
- klo 13.50 Öljyä on rantautunut Tormisaarelle.
- klo 8.15 Kuuttaren ympäriltä on havaittu öljyä.
Tiistai 20.4.
- klo 19.30 Partioalus toi matkustajia Tallinnaan.
- klo 10.05 Matkustaja-alus Kuutar on menettänyt konetehonsa."""
# A Polish one whose day headings extraction leaves out (plain <div>s).
POLISH_LIVE = """<html><body><h1>Relacja na żywo</h1><p>Relacjonujemy na bieżąco.</p>
<div class="dzien">wtorek, 22 grudnia 2026</div>
<div class="wpis"><p><b>07:50</b> Dzień dobry, wznawiamy relację.</p></div>
<div class="dzien">poniedziałek, 21 grudnia 2026</div>
<div class="wpis"><p><b>19:05</b> Burmistrz ogłosił żałobę.</p></div>
<div class="wpis"><p><b>07:05</b> Zawalił się most na Olszance.</p></div></body></html>"""
POLISH_TEXT = """Relacjonujemy na bieżąco.
07:50 Dzień dobry, wznawiamy relację.
19:05 Burmistrz ogłosił żałobę.
07:05 Zawalił się most na Olszance."""
LIVE_FETCHED_AT = datetime(2027, 4, 21, 17, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("html", "text", "fetched_at", "zone", "expected"),
    [
        # the earliest entry, on its heading's day, in the page's zone (UTC+3 in April)
        (FINNISH_LIVE, FINNISH_TEXT, LIVE_FETCHED_AT, "Europe/Helsinki",
         datetime(2027, 4, 20, 7, 5, tzinfo=UTC)),
        (POLISH_LIVE, POLISH_TEXT, datetime(2026, 12, 22, 17, 30, tzinfo=UTC), "Europe/Warsaw",
         datetime(2026, 12, 21, 6, 5, tzinfo=UTC)),
        (POLISH_LIVE, POLISH_TEXT, datetime(2026, 12, 22, 17, 30, tzinfo=UTC), None,
         datetime(2026, 12, 21, 7, 5, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_a_live_blog_began_with_its_earliest_entry(
    html: str, text: str, fetched_at: datetime, zone: str | None, expected: datetime
) -> None:
    tree = lxml_html.fromstring(html)
    assert live_blog_start(tree, text, fetched_at, ["fi", "pl", "en"], zone) == expected


def test_an_articles_timeline_or_entries_without_a_day_are_no_live_blog() -> None:
    story = "\n".join(["Alus ajelehti myrskyssä kohti Viron rannikkoa, kertoi poliisi."] * 9)
    tree = lxml_html.fromstring(FINNISH_LIVE)
    assert live_blog_start(tree, f"{story}\n{FINNISH_TEXT}", LIVE_FETCHED_AT, ["fi"]) is None
    undated = lxml_html.fromstring(
        FINNISH_LIVE.replace("<h3>", "<h3>Osa ").replace("4.</h3>", "</h3>")
    )
    assert live_blog_start(undated, FINNISH_TEXT, LIVE_FETCHED_AT, ["fi"]) is None


LIVE_START = (datetime(2027, 4, 20, 7, 5, tzinfo=UTC), "live")
DECLARED = (datetime(2027, 4, 21, 6, 0, tzinfo=UTC), "json-ld")
EARLIER = (datetime(2027, 4, 19, 9, 0, tzinfo=UTC), "text")


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ((datetime(2027, 4, 21, 14, 45, tzinfo=UTC), "text"), LIVE_START),  # the update shown
        ((None, None), LIVE_START),
        ((datetime(2027, 4, 20, tzinfo=UTC), "url"), LIVE_START),  # known to the day only
        (DECLARED, DECLARED),  # a date the page declares stands
        (EARLIER, EARLIER),
    ],
)
def test_a_live_blog_is_dated_by_its_start_unless_the_page_declares_a_date(
    found: tuple[datetime | None, str | None], expected: tuple[datetime, str]
) -> None:
    tree = lxml_html.fromstring(FINNISH_LIVE)
    dated = with_live_start(found, tree, FINNISH_TEXT, LIVE_FETCHED_AT, ["fi"], "Europe/Helsinki")
    assert dated == expected
