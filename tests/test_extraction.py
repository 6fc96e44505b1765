"""Tests for collector.extraction on fixture pages built like the seeds' pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collector.cleaning import normalise_line
from collector.extraction import (
    Article,
    anchor_texts,
    continued_text,
    dated_link,
    declared_headline,
    drop_link_lines,
    drop_page_lines,
    embedded_text,
    extract_article,
    fuller_text,
    headline_list,
    join_pages,
    json_ld_body,
    link_run,
    linked_line,
    merge_passes,
    outlet_name,
    page_headline,
    parse_page,
    strip_outlet_suffix,
    teaser_list,
)

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
FETCHED_AT = datetime(2024, 9, 23, 12, 0, tzinfo=UTC)
URL = "https://news.example.org/world/haiti-kenya-police"


def _extract(name: str) -> Article:
    article = extract_article((PAGES / name).read_text(encoding="utf-8"), URL, FETCHED_AT)
    assert article is not None
    return article


# Article paragraphs (opening words) and boilerplate of each fixture, as written in the page.
FIXTURES = {
    "ghana_latest_stories.html": (
        [
            "Kenya has pledged to send 600 more police officers",
            "This would bring the Kenyan contingent",
            "During a visit to the country",
            "Violence in Haiti is still rife",
            "The UN Security Council is due to meet",
        ],
        ["Audio By", "Latest Stories", "Alhaji", "Ronaldo", "minutes", "Copyright", "Privacy"],
    ),
    "wordpress_also_read.html": (
        [
            "Kenyan President William Ruto made a significant visit",
            "Ruto's visit marks the first time",
            "During his visit, Ruto met",
            "Despite these assurances",
            "Kenya has pledged to send an additional 600",
        ],
        [
            "Also read",
            "Kenyan President Ruto Visits Haiti and Pledges",
            "Share this",
            "Discover more",
            "Subscribe",
            "Leave a",
            "Reaction",
            "proud of them",
            "Recent News",
            "Croix-des-Bouquets",
        ],
    ),
    "french_lire_aussi.html": (
        [
            "Le président kényan William Ruto a annoncé",
            "Ce renfort porterait à un millier",
            "Le chef de l'État kényan",
            "Le Conseil de sécurité doit se prononcer",
        ],
        ["Lire aussi", "À lire aussi", "prolonge la mission", "Partager", "Publié le"],
    ),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_keeps_every_paragraph_and_no_boilerplate(name: str) -> None:
    starts, boilerplate = FIXTURES[name]
    lines = _extract(name).text.splitlines()
    assert len(lines) == len(starts)
    for line, start in zip(lines, starts, strict=True):
        assert line.startswith(start)
    for fragment in boilerplate:
        assert not any(fragment in line for line in lines), fragment


@pytest.mark.parametrize(
    ("name", "title", "canonical", "language", "outlet"),
    [
        (
            "ghana_latest_stories.html",
            "Kenya to send 600 more police officers to Haiti",
            "https://www.mynewsgh.example/news/2024/09/kenya-600-police-haiti/",
            "en",
            "MyNewsGH Online",
        ),
        (
            "wordpress_also_read.html",
            "Kenyan President Ruto Visits Haiti and Pledges Additional 600 Police Officers",
            "https://oneafricanews.example/kenyan-president-ruto-visits-haiti/",
            "en",
            "One Africa News Today",
        ),
        (
            "french_lire_aussi.html",
            "Haïti : le Kenya va envoyer 600 policiers supplémentaires",
            URL,
            "fr",
            "Le Quotidien des Caraïbes",
        ),
    ],
)
def test_fixture_metadata(
    name: str, title: str, canonical: str, language: str, outlet: str
) -> None:
    article = _extract(name)
    assert article.title == title
    assert article.canonical_url == canonical
    assert article.language == language
    assert article.outlet == outlet


def test_dates_authors_and_tags() -> None:
    ghana = _extract("ghana_latest_stories.html")
    assert ghana.published_at == datetime(2024, 9, 22, 8, 15, tzinfo=UTC)
    assert ghana.date_source == "json-ld"
    assert ghana.modified_at == datetime(2024, 9, 22, 10, 0, tzinfo=UTC)
    assert ghana.authors == ("Ama Mensah",)
    wordpress = _extract("wordpress_also_read.html")
    assert wordpress.published_at == datetime(2024, 9, 21, 11, 30, tzinfo=UTC)
    assert wordpress.date_source == "meta"
    assert wordpress.tags == ("Haiti",)
    french = _extract("french_lire_aussi.html")
    assert french.published_at is not None
    assert french.published_at.date() == datetime(2024, 9, 21).date()


def test_page_without_date_has_none() -> None:
    article = _extract("no_date.html")
    assert article.published_at is None
    assert article.date_source is None
    assert article.title == "Why Haiti's gangs grew so strong"


DAM_PROSE = (
    "Rescue teams from three districts worked through the night in Vista Alegre, where the "
    "tailings dam failed on Wednesday morning and buried the lower village under mud."
)


def _media_page(
    kind: str | list[str], og_type: str, captions: int, prose: int = 0, video: bool = False
) -> str:
    items = "".join(
        f"<figure><img src='/p{i}.jpg'><figcaption>Rescuers search house {i} in the mud of "
        f"Vista Alegre after the dam failed on Wednesday</figcaption></figure>"
        for i in range(captions)
    ) + "".join(f"<p>{DAM_PROSE} Update {i}.</p>" for i in range(prose))
    if video:
        items += (
            "<video src='/drone.mp4'></video><p>Drone footage shows the village of Vista "
            "Alegre buried under mud after the tailings dam collapsed. Rescuers are still "
            "searching for the missing.</p>"
        )
    schema = json.dumps({"@context": "https://schema.org", "@type": kind,
                         "headline": "The dam collapse in pictures",
                         "datePublished": "2026-12-10T14:00:00Z"})  # fmt: skip
    meta = f"<meta property='og:type' content='{og_type}'>" if og_type else ""
    ld = f"<script type='application/ld+json'>{schema}</script>" if kind else ""
    return (
        f"<html><head><title>The dam collapse in pictures</title>{meta}{ld}</head><body>"
        f"<main><article><h1>The dam collapse in pictures</h1><time datetime="
        f"'2026-12-10T14:00:00Z'>10 December 2026</time>{items}</article></main></body></html>"
    )


@pytest.mark.parametrize(
    ("kind", "og_type", "captions", "prose", "video", "article"),
    [
        ("ImageGallery", "website", 6, 0, False, False),  # captions, not an article
        ("VideoObject", "video.other", 0, 0, True, False),  # a video's blurb
        ("WebPage", "video.other", 0, 0, True, False),
        # captions and nothing else: a gallery, though it says it is an article
        ("NewsArticle", "article", 6, 0, False, False),
        ("NewsArticle", "article", 3, 2, False, True),  # a short report with its photos
        (["NewsArticle", "VideoObject"], "article", 0, 2, True, True),  # one with its video
        ("ImageGallery", "website", 12, 0, False, False),  # captions, however many
        ("NewsArticle", "article", 12, 12, False, True),  # more text of its own than captions
    ],
)  # fmt: skip
def test_a_page_that_says_it_is_a_gallery_or_a_video_is_no_article(
    kind: str | list[str], og_type: str, captions: int, prose: int, video: bool, article: bool
) -> None:
    html = _media_page(kind, og_type, captions, prose, video)
    found = extract_article(html, "https://news.example/world/dam-collapse", FETCHED_AT)
    assert (found is not None) == article


@pytest.mark.parametrize(
    ("url", "captions", "video", "article"),
    [
        ("https://news.example/videos/dam-drone-footage-1172", 0, True, False),
        ("https://news.example/wideo/dam-drone-footage/8812", 0, True, False),
        ("https://news.example/galerie/le-barrage-en-images/", 3, False, False),
        # the same pages where their URL says nothing of them, or without a player
        ("https://news.example/world-news/dam-drone-footage-1172", 0, True, True),
        ("https://news.example/videos/dam-drone-footage-1172", 0, False, True),
        ("https://news.example/world-news/le-barrage-en-images/", 3, False, True),
    ],
)
def test_a_thin_page_its_url_names_a_video_or_a_gallery_is_no_article(
    url: str, captions: int, video: bool, article: bool
) -> None:
    # No markup says what these pages are (a short text under a player, or under photos
    # with a little more text than their captions); their URLs do.
    html = _media_page([], "", captions, prose=0 if video else 1, video=video)
    html = html.replace("</article>", f"<p>{DAM_PROSE}</p></article>")
    found = extract_article(html, url, FETCHED_AT)
    assert (found is not None) == article


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://news.example/foto-galeri/baraj-felaketinden-kareler-4223", False),
        ("https://news.example/photo-gallery/dam-collapse-in-pictures/", False),
        ("https://news.example/world/dam-collapse-in-pictures/", True),  # its URL says nothing
    ],
)
def test_a_thin_page_of_described_photos_its_url_names_a_gallery_is_no_article(
    url: str, article: bool
) -> None:
    # Slides as a gallery script lays them out: a counter, a photo, its description.
    slides = "".join(
        f"<div class='slide'><span>{i}/4</span><img src='/g{i}.jpg'><p class='desc'>Rescuers "
        f"search house {i} in the mud of Vista Alegre after the dam failed.</p></div>"
        for i in range(1, 5)
    )
    html = _media_page([], "", 0).replace("</article>", f"{slides}</article>")
    found = extract_article(html, url, FETCHED_AT)
    assert (found is not None) == article


@pytest.mark.parametrize(
    ("url", "player", "article"),
    [
        ("https://news.example/videos/video/2026/12/10/dam-drone-footage_1172.html", True, False),
        ("https://news.example/video/watch/dam-drone-footage-id1172/", True, False),
        ("https://news.example/videos/video/2026/12/10/dam-drone-footage_1172.html", False, True),
    ],
)
def test_a_scripts_placeholder_for_a_player_is_a_player(
    url: str, player: bool, article: bool
) -> None:
    # The player a script fills in: a <div> named for it, an image until it plays.
    html = _media_page([], "", 0, prose=0, video=True).replace(
        "<video src='/drone.mp4'></video>",
        '<div class="video__player" data-provider="dailymotion"><img src="/d.jpg"></div>'
        if player
        else "",
    )
    html = html.replace("</article>", f"<p>{DAM_PROSE}</p></article>")
    found = extract_article(html, url, FETCHED_AT)
    assert (found is not None) == article


def test_removed_lines_are_reported() -> None:
    removed = dict(_extract("wordpress_also_read.html").removed)
    assert removed[
        "Also read: Kenyan Police Land in Haiti to Lead International Task Force Against Gangs"
    ] == ("promo-link")


def test_template_blocks_are_removed() -> None:
    html = (PAGES / "ghana_latest_stories.html").read_text(encoding="utf-8")
    paragraph = (
        "Violence in Haiti is still rife and a UN human rights expert has warned that gangs "
        "are targeting new areas, causing further displacement of families from their homes."
    )
    article = extract_article(html, URL, FETCHED_AT, template_blocks=frozenset({paragraph}))
    assert article is not None
    assert paragraph not in article.text.splitlines()
    assert len(article.text.splitlines()) == 4


def test_as_dict_serialises_datetimes_and_tuples() -> None:
    data = _extract("ghana_latest_stories.html").as_dict()
    assert data["published_at"] == "2024-09-22T08:15:00+00:00"
    assert data["authors"] == ["Ama Mensah"]
    assert isinstance(data["removed"], list)


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        b"",
        "   ",
        b"\x00\x01\x02\xff\xfe" * 200,
        bytes(range(256)) * 40,
        "<html><body><div><p>Truncated <b>tag soup <i>with <a href='",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<<<<>>>>" * 500,
        "<p>" * 5000,
        "plain text without any markup at all",
    ],
)
def test_garbage_gives_none(garbage: str | bytes) -> None:
    assert extract_article(garbage, URL, FETCHED_AT) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=3000), st.binary(max_size=3000)))
def test_random_input_never_raises(data: str | bytes) -> None:
    result = extract_article(data, URL, FETCHED_AT)
    assert result is None or isinstance(result, Article)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(PAGES.glob("*.html"))),
    st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 200), st.text(max_size=20)), max_size=8
    ),
)
def test_mutated_fixture_never_raises(path: Path, edits: list[tuple[int, int, str]]) -> None:
    html = path.read_text(encoding="utf-8")
    for position, length, insert in edits:
        position %= len(html) + 1
        html = html[:position] + insert + html[position + length :]
    result = extract_article(html, URL, FETCHED_AT)
    assert result is None or isinstance(result, Article)


@pytest.mark.parametrize(
    ("title", "outlet", "host", "expected"),
    [
        (
            "Kenya sends police to Haiti - MyNewsGH Online",
            "MyNewsGH Online",
            None,
            "Kenya sends police to Haiti",
        ),
        (
            "Kenya sends police to Haiti | BBC News",
            None,
            "www.bbc.com",
            "Kenya sends police to Haiti",
        ),
        ("Reuters | Kenya sends police to Haiti", "Reuters", None, "Kenya sends police to Haiti"),
        (
            "Haïti : le Kenya va envoyer 600 policiers",
            "Le Monde",
            None,
            "Haïti : le Kenya va envoyer 600 policiers",
        ),
        (
            "Enhanced Security: Kenya to Send Additional 600 Police Officers to Haiti",
            None,
            None,
            "Enhanced Security: Kenya to Send Additional 600 Police Officers to Haiti",
        ),
        ("Kenya sends police to Haiti", "Citi Newsroom", None, "Kenya sends police to Haiti"),
    ],
)
def test_strip_outlet_suffix(
    title: str, outlet: str | None, host: str | None, expected: str
) -> None:
    assert strip_outlet_suffix(title, outlet, host) == expected


@pytest.mark.parametrize(
    ("page_title", "expected"),
    [
        # the <title> adds the outlet after the whole headline: its last part is no outlet
        ("Man missing after ferry fire – wife rescued – Kveldsposten",
         "Man missing after ferry fire – wife rescued"),
        ("Man missing after ferry fire – wife rescued | Kveldsposten",
         "Man missing after ferry fire – wife rescued"),
        # the same title, or another: the last short part may be the outlet's name
        ("Man missing after ferry fire – wife rescued", "Man missing after ferry fire"),
        ("Man missing after ferry fire – wife rescued today", "Man missing after ferry fire"),
        ("", "Man missing after ferry fire"),
    ],
)  # fmt: skip
def test_a_headline_the_page_title_holds_whole_is_kept_whole(
    page_title: str, expected: str
) -> None:
    title = "Man missing after ferry fire – wife rescued"
    assert strip_outlet_suffix(title, None, "news.example", page_title) == expected


HEADLINE = "The dam did not fail on its own. Oversight did"
KENYA = "Kenya sends police to Haiti"
FENMORE = "Evacuees pour into Fenmore"


@pytest.mark.parametrize(
    ("sitename", "page_title", "headline", "host", "expected"),
    [
        ("Coastline Express", f"{HEADLINE} | Coast", HEADLINE, "coast.example",
         "Coastline Express"),
        # trafilatura's guess from a <title> segment holding a dot: the headline
        (HEADLINE, f"{HEADLINE} | Coastline Express", HEADLINE, "coast.example",
         "Coastline Express"),
        # trafilatura's fallback to the host
        ("bbc.com", f"{KENYA} - BBC News", KENYA, "www.bbc.com", "BBC News"),
        ("127.0.0.1:8765", f"Valley Gazette - {FENMORE}", FENMORE, "127.0.0.1:8765",
         "Valley Gazette"),
        # the site's name in its logo's h1 is kept
        ("India Post", f"{KENYA} | India Post", KENYA, "indiapost.example", "India Post"),
        (None, KENYA, KENYA, "www.bbc.com", None),
        # neither segment is the headline, or the other one is too long for a name
        (None, f"{KENYA} - what the deal means", "Kenya sends troops", "x.example", None),
        (None, f"{KENYA} - what the deal means for Port-au-Prince", "what the deal means for "
         "Port-au-Prince", "x.example", None),
        (HEADLINE, HEADLINE, HEADLINE, "x.example", None),
        # a print or mobile view names the outlet with the view's qualifier
        (HEADLINE, f"{HEADLINE} | Coastline Express (print)", HEADLINE, "coast.example",
         "Coastline Express"),
        ("Coastline Express [Mobile]", KENYA, KENYA, "coast.example", "Coastline Express"),
        # sections between the headline and the outlet
        (None, f"{KENYA} | World news | The Coast Herald", KENYA, "x.example",
         "The Coast Herald"),
        (None, f"The Coast Herald - Africa - {KENYA}", KENYA, "x.example", "The Coast Herald"),
        ("Print Media (Review)", KENYA, KENYA, "coast.example", "Print Media (Review)"),
    ],
)  # fmt: skip
def test_outlet_name(
    sitename: str | None, page_title: str, headline: str, host: str, expected: str
) -> None:
    assert outlet_name(sitename, page_title, headline, host) == expected


@pytest.mark.parametrize(
    ("title", "page_title", "body", "expected"),
    [
        ("Valley Gazette", f"Valley Gazette - {FENMORE} from Aldwick",
         f"{FENMORE} from Aldwick. By Ron", f"{FENMORE} from Aldwick"),
        # the long segment is not shown on the page: a tagline, not a headline
        ("Valley Gazette", "Valley Gazette - Local news for the whole Carrow Valley",
         "Evacuees pour into Fenmore", "Valley Gazette"),
        ("Floods", "Floods - Valley Gazette", "Floods", "Floods"),
        ("Evacuees pour in", "Evacuees pour in | Valley Gazette", "Evacuees pour in",
         "Evacuees pour in"),
    ],
)  # fmt: skip
def test_page_headline(title: str, page_title: str, body: str, expected: str) -> None:
    assert page_headline(title, page_title, lambda: body) == expected


LIVE_HEADLINE = "Fire at the Guben recycling plant: all the latest"
LIVE_UPDATES = [
    "The crisis meeting of both towns has ended; warnings will be sent in two languages.",
    "The state environment agency measured raised levels of cobalt in the Neisse river.",
    "Schools and nurseries in Guben stay closed on Tuesday, the town hall said this morning.",
]


def _live_blog(h1: str) -> str:
    updates = [
        {"@type": "BlogPosting", "headline": f"{text[:40]}…", "articleBody": text}
        for text in LIVE_UPDATES
    ]
    schema = json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting",
                         "headline": LIVE_HEADLINE, "liveBlogUpdate": updates})  # fmt: skip
    entries = "".join(f"<div class='entry'><p>{text}</p></div>" for text in LIVE_UPDATES * 2)
    return (
        f"<html><head><title>{LIVE_HEADLINE} | Tageblatt</title><script type="
        f"'application/ld+json'>{schema}</script></head><body><main><article><h1>{h1}</h1>"
        f"{entries}</article></main></body></html>"
    )


def test_a_live_blog_is_titled_by_its_own_headline_not_its_latest_updates() -> None:
    article = extract_article(_live_blog(LIVE_HEADLINE), "https://tb.example/live", FETCHED_AT)
    assert article is not None and article.title == LIVE_HEADLINE


@pytest.mark.parametrize(
    ("h1", "title", "expected"),
    [
        (LIVE_HEADLINE, LIVE_UPDATES[0], LIVE_HEADLINE),
        ("Tageblatt", LIVE_UPDATES[0], LIVE_UPDATES[0]),
        (LIVE_HEADLINE, LIVE_HEADLINE, LIVE_HEADLINE),
    ],
)  # fmt: skip
def test_declared_headline(h1: str, title: str, expected: str) -> None:
    # the page's JSON-LD article's own headline, when its <h1> shows it
    from lxml import html as lxml_html

    assert declared_headline(lxml_html.fromstring(_live_blog(h1)), title) == expected


PARA_A = "Kenya will deploy an additional 600 police officers to Haiti next month, Ruto said."
PARA_B = "At least ten countries have pledged a total of around 2,900 troops to the mission."
PARA_C = "Heavily armed gangs continue to expand their influence across the capital region."


@pytest.mark.parametrize(
    ("precise", "recall", "expected"),
    [
        # prose the precise pass missed inside the article is restored
        (
            "\n".join([PARA_A, PARA_C]),
            "\n".join([PARA_A, PARA_B, PARA_C]),
            [PARA_A, PARA_B, PARA_C],
        ),
        # short non-prose lines only the recall pass kept stay out
        (
            "\n".join([PARA_A, PARA_C]),
            "\n".join([PARA_A, "Click to share", PARA_C]),
            [PARA_A, PARA_C],
        ),
        # prose outside the article's bounds stays out
        ("\n".join([PARA_A, PARA_C]), "\n".join([PARA_B, PARA_A, PARA_C]), [PARA_A, PARA_C]),
        # a precise pass far shorter than the recall pass is replaced by it
        ("Menu", "\n".join([PARA_A, PARA_B, PARA_C]), [PARA_A, PARA_B, PARA_C]),
        ("", "\n".join([PARA_A, PARA_B]), [PARA_A, PARA_B]),
        # a list item of running text inside the article is restored; a headline is not
        (
            "\n".join([PARA_A, PARA_C]),
            "\n".join([PARA_A, f"- {PARA_B}", "- Gangs seize another town", PARA_C]),
            [PARA_A, f"- {PARA_B}", PARA_C],
        ),
        # a live blog's entry times, only the recall pass kept, are put back
        (
            "\n".join([PARA_A, PARA_B, PARA_C]),
            "\n".join(
                [
                    PARA_A,
                    "6:05 p.m. ET",
                    PARA_B,
                    "4:40 p.m. ET",
                    PARA_C,
                    "3:30 p.m.",
                    PARA_A + " More.",
                ]
            ),
            [PARA_A, "6:05 p.m. ET", PARA_B, "4:40 p.m. ET", PARA_C],
        ),
        # the recall pass cut a paragraph at an inline link: its rest is not added again
        (
            "\n".join([PARA_A, PARA_B, PARA_C]),
            "\n".join([PARA_A, PARA_B.partition(" pledged ")[2], PARA_C]),
            [PARA_A, PARA_B, PARA_C],
        ),
    ],
)
def test_merge_passes(precise: str, recall: str, expected: list[str]) -> None:
    assert merge_passes(precise, recall).splitlines() == expected


def test_demo_web_metadata_is_what_the_pages_say() -> None:
    """Every demo article page, in six templates (one French): title without the outlet's
    suffix, exact UTC publication time and where it came from, outlet name, canonical URL,
    detected language and tags."""
    import urllib.request

    from collector.demoweb import DemoWeb
    from collector.demoweb.content import load_articles

    by_title = {a.title: a for a in load_articles()}
    sources = set()
    with DemoWeb() as web:
        truth = web.truth
        for url in sorted(truth.relevant | truth.offtopic):
            with urllib.request.urlopen(url, timeout=10) as answer:
                html = answer.read().decode("utf-8")
            article = extract_article(html, url, datetime.now(UTC))
            assert article is not None, url
            source = by_title[truth.titles[url]]
            assert article.title == truth.titles[url]
            assert article.published_at == truth.published[url], (url, article.date_source)
            assert article.outlet == truth.outlet_of[url]
            assert article.canonical_url == url
            assert article.language == source.language
            assert set(article.tags) == set(source.tags)
            sources.add(article.date_source)
    assert {"json-ld", "meta", "time", "text"} <= sources
    assert any(a.language == "fr" for a in by_title.values())


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Port Observer staff · October", ("Port Observer staff",)),
        ("By Ama Mensah", ("Ama Mensah",)),
        ("Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("Tom Krisher; Ap Auto Writer", ("Tom Krisher",)),
        ("Tom Gillespie News reporter", ("Tom Gillespie",)),
        ("Mike Wuerthele; Malcolm Owen Monday, November", ("Mike Wuerthele", "Malcolm Owen")),
        ("Detroit News wire services Published", ("Detroit News wire services",)),
        ("JERUSALEM POST STAFF NOVEMBER", ("JERUSALEM POST STAFF",)),
        ("Sean Martin", ("Sean Martin",)),
        ("Theresa May", ("Theresa May",)),
        ("Marie Dupont 12 septembre 2024", ("Marie Dupont",)),
        ("12 septembre 2024", ()),
    ],
)
def test_authors_from_the_byline(byline: str, expected: tuple[str, ...]) -> None:
    from lxml import html as lxml_html

    from collector.extraction import find_authors

    page = lxml_html.fromstring("<html><body><p>x</p></body></html>")
    assert find_authors(page, byline) == expected


def test_authors_from_json_ld_people_when_there_is_no_byline() -> None:
    from lxml import html as lxml_html

    from collector.extraction import find_authors

    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
        '{"@type": "Person", "name": "Ama Mensah"}, {"@type": "Organization", "name": "GNA"},'
        '{"@type": "Person", "name": "Kofi Boateng"}]}</script>'
    )
    page = lxml_html.fromstring(f"<html><head>{ld}</head><body><p>x</p></body></html>")
    assert find_authors(page, None) == ("Ama Mensah", "Kofi Boateng")
    assert find_authors(page, "Someone Else") == ("Someone Else",)


_SENTENCES = " ".join(
    f"Sentence {i} tells the reader about the Kenyan police mission in Haiti and its work."
    for i in range(6)
)
_SPAN_PAGE = (
    "<html><body><div><p>Intro line of the page for the reader.</p></div>"
    f"<section class='content'>{f'<span>{_SENTENCES}</span><br>' * 4}</section></body></html>"
)


@pytest.mark.parametrize("name", [*sorted(FIXTURES), "no_date.html", "spans"])
def test_precise_text_equals_the_full_precision_pass(name: str) -> None:
    """The fast precision pass, rerun with trafilatura's fallback comparison only when it
    found little, gives what the full pass gives: on the fixtures (fast pass kept) and on a
    page of <span> text the fast pass misses (full pass taken)."""
    import trafilatura

    from collector.extraction import parse_page, precise_text

    html = _SPAN_PAGE if name == "spans" else (PAGES / name).read_text(encoding="utf-8")
    tree = parse_page(html)
    assert tree is not None
    options = {"url": URL, "include_comments": False, "favor_precision": True}
    full = trafilatura.extract(tree, **options) or ""
    recall = trafilatura.extract(tree, url=URL, include_comments=False, fast=True) or ""
    assert precise_text(tree, URL, None, recall) == full
    if name == "spans":  # the case the rerun is for
        assert len(trafilatura.extract(tree, fast=True, **options) or "") < len(full) / 2


def _promo_paths_reference(tree: object) -> list[str]:
    """promo_container_paths written plainly: every candidate's whole text normalised."""
    from collector.extraction import _CONTAINER_TAGS, _HEADING_TAGS, _PROMO_HEADING_RE

    root = tree.getroottree()  # type: ignore[attr-defined]
    paths = []
    for element in tree.iter(*_HEADING_TAGS):  # type: ignore[attr-defined]
        text = " ".join(element.text_content().split())
        if not text or len(text) > 60 or not _PROMO_HEADING_RE.match(text):
            continue
        container = element.getparent()
        while container is not None and container.tag not in _CONTAINER_TAGS:
            container = container.getparent()
        if container is None or container.tag in ("body", "html"):
            continue
        content = " ".join(container.text_content().split())
        link_text = sum(len(" ".join(a.text_content().split())) for a in container.iter("a"))
        rest = len(content) - len(text)
        if len(content) <= 3000 and (rest < 20 or link_text >= 0.5 * rest):
            paths.append(root.getpath(container))
    return paths


_LINKS = "".join(f"<li><a href='/{i}'>Headline number {i} of the day</a></li>" for i in range(5))


@pytest.mark.parametrize(
    "body",
    [
        f"<section><h3>Latest Stories</h3><ul>{_LINKS}</ul></section><p>{_SENTENCES}</p>",
        f"<div><h2>Related\u00a0\u00a0 \n  Articles</h2><ul>{_LINKS}</ul></div>",
        f"<aside><span>{'word ' * 29}</span><h4>More from   the Desk</h4>{_LINKS}</aside>",
        f"<div><p>Read more {'x ' * 40}</p><ul>{_LINKS}</ul></div>",
        f"<div><b>{'Latest ' + ' ' * 300 + 'news'}</b>{_LINKS}</div>",
        f"<div><strong>Comments</strong><p>{_SENTENCES}</p></div>",
        "<div><h3>Trending</h3></div><div><h3></h3></div>",
    ],
)
def test_promo_container_paths_equal_the_plain_reading(body: str) -> None:
    from lxml import html as lxml_html

    from collector.extraction import promo_container_paths

    tree = lxml_html.fromstring(f"<html><body><main>{body}</main></body></html>")
    assert promo_container_paths(tree) == _promo_paths_reference(tree)


@pytest.mark.parametrize("name", [*sorted(FIXTURES), "no_date.html"])
def test_promo_container_paths_on_fixtures_equal_the_plain_reading(name: str) -> None:
    from collector.extraction import parse_page, promo_container_paths

    tree = parse_page((PAGES / name).read_text(encoding="utf-8"))
    assert promo_container_paths(tree) == _promo_paths_reference(tree)


@pytest.mark.parametrize("name", [*sorted(FIXTURES), "no_date.html", "spans"])
def test_a_parsed_page_gives_the_same_article_and_stays_intact(name: str) -> None:
    from lxml import etree

    from collector.extraction import parse_page

    html = _SPAN_PAGE if name == "spans" else (PAGES / name).read_text(encoding="utf-8")
    tree = parse_page(html)
    assert tree is not None
    before = etree.tostring(tree)
    article = extract_article(tree, URL, FETCHED_AT, template_blocks=frozenset({"x y z"}))
    assert article is not None
    assert article == extract_article(html, URL, FETCHED_AT, template_blocks=frozenset({"x y z"}))
    assert etree.tostring(tree) == before


@pytest.mark.parametrize("garbage", ["", b"\x00\x01binary", "x" * 5_000_001])
def test_parse_page_refuses_what_extract_article_refuses(garbage: str | bytes) -> None:
    from collector.extraction import parse_page

    assert parse_page(garbage) is None


def test_a_paywalled_page_gives_the_article_of_its_json_ld() -> None:
    article = _extract("paywall_json_ld.html")
    assert "Shares in the company rose 6 per cent" in article.text
    assert article.text.count("\n") == 5  # the six paragraphs, one a line
    assert "Subscribe to keep reading" not in article.text and "Sign in" not in article.text


SHOWN = (
    "The council approved the new budget on Monday after a long debate.\n"
    "Spending on roads rises by a tenth, the first rise in five years."
)
MORE = " ".join(f"Another sentence about the budget number {n} follows here." for n in range(12))


@pytest.mark.parametrize(
    ("body", "taken"),
    [
        (SHOWN + "\n" + MORE, True),
        # a few words more: the page showed the article
        (SHOWN + "\nThe vote was 31 to 9.", False),
        # another article, or only part of what the page showed
        ("A different story entirely.\n" + MORE, False),
        (SHOWN.splitlines()[1] + "\n" + MORE, False),
        ("", False),
    ],
)
def test_the_json_ld_body_replaces_only_a_teaser_it_holds(body: str, taken: bool) -> None:
    assert (fuller_text(SHOWN, body) == body) is taken


def test_the_json_ld_body_replaces_a_teaser_and_its_paywall() -> None:
    # the box's notice and offer are in no body: a Hebrew business daily's "the full
    # article is for subscribers only", "you have used your 3 free articles..."
    box = (
        "הכתבה המלאה זמינה למנויים בלבד\n"
        'מיצית את מכסת 3 הכתבות החינמיות לחודש זה. הצטרפו עכשיו לקריאה ללא הגבלה ב-9.90 ש"ח '
        "לחודש הראשון."
    )
    body = SHOWN + "\n" + MORE
    assert fuller_text(f"{SHOWN}\n{box}", body) == body


def test_the_json_ld_body_is_read_as_paragraphs() -> None:
    page = parse_page(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"articleBody": "<p>First &amp; foremost.</p><p>Second<br/>line</p>"}</script>'
        "</head><body><p>x</p></body></html>"
    )
    assert page is not None
    assert json_ld_body(page) == "First & foremost.\nSecond\nline"


def test_a_print_view_leaves_out_its_logo_line() -> None:
    body = " ".join(["The council met on Tuesday to vote on the flood defences."] * 4)
    page = (
        "<html><head><title>Flood defences approved | Coastline Express (print)</title>"
        '<meta name="robots" content="noindex"></head><body onload="window.print()">'
        '<p class="logo">Coastline Express</p><h1>Flood defences approved</h1>'
        f"<p>{body}</p><p>{body}</p></body></html>"
    )
    article = extract_article(page, "https://coast.example/print/flood", FETCHED_AT)
    assert article is not None
    assert article.outlet == "Coastline Express"
    assert "Coastline Express" not in article.text
    assert ("Coastline Express", "outlet-name") in article.removed


def test_the_pages_of_an_article_join_in_order_without_repeats() -> None:
    first = Article(
        title="Flood defences approved",
        text="The council approved the defences.\nWork starts in May.",
        removed=(("Share", "widget"),),
    )
    second = Article(
        title="Flood defences approved - page 2",
        text="The council approved the defences.\nThe cost is 4 million.\nWork ends in 2028.",
        removed=(("Page 2 of 2", "widget"),),
    )
    joined = join_pages(first, [second])
    assert joined.text.splitlines() == [
        "The council approved the defences.",
        "Work starts in May.",
        "The cost is 4 million.",
        "Work ends in 2028.",
    ]
    assert joined.title == first.title
    assert joined.removed == (("Share", "widget"), ("Page 2 of 2", "widget"))


def test_a_script_rendered_page_gives_the_article_of_its_json_data() -> None:
    article = extract_article(
        (PAGES / "next_data.html").read_text(encoding="utf-8"),
        "https://valleypost.example/articles/kessel-dam-9012",
        datetime(2026, 11, 20, tzinfo=UTC),
    )
    assert article is not None
    lines = article.text.splitlines()
    assert lines[0].startswith("Engineers began draining the Kessel reservoir")
    assert lines[-1].startswith("Residents who left their homes")
    assert len(lines) == 6  # the image's caption, the teaser and the advert left out
    assert "cookies" not in article.text and "<p>" not in article.text
    # its own date, not the date of a teaser further down the data
    assert article.published_at == datetime(2026, 11, 16, 7, 45, tzinfo=UTC)
    assert article.date_source == "json"


PROSE = "The reservoir was drained after inspectors found a crack in the old dam wall."


@pytest.mark.parametrize(
    ("shown", "title", "taken"),
    [
        ("Accept all cookies.", "Inspectors find crack in the reservoir dam", True),
        # the HTML held the article already
        (" ".join([PROSE] * 12), "Inspectors find crack in the reservoir dam", False),
        # the data's prose is about something else
        ("Accept all cookies.", "Council approves the swimming pool budget", False),
    ],
)
def test_json_data_replaces_only_a_thin_page(shown: str, title: str, taken: bool) -> None:
    data = json.dumps({"props": {"body": [{"text": f"{PROSE} Paragraph {n}."} for n in range(12)]}})
    page = parse_page(
        f'<html><body><p>{shown}</p><script type="application/json">{data}</script></body></html>'
    )
    assert page is not None
    assert (embedded_text(page, shown, title) is not None) is taken


DRAINED = [f"{PROSE} Paragraph {n} of the report says more about it." for n in range(16)]


@pytest.mark.parametrize(
    ("shown", "data", "continued"),
    [
        # the first seven paragraphs rendered (more than a thin page's), the sixteen in the
        # data: the article goes on there
        (["Read the inspectors' report below.", *DRAINED[:7]], DRAINED, True),
        # a rendered paragraph the data does not hold: the data is another text
        ([*DRAINED[:7], "A paragraph the page alone holds, and no data of it at all."],
         DRAINED, False),
        # the data holds little more than the page shows
        (DRAINED[:7], DRAINED[:8], False),
    ],
)  # fmt: skip
def test_json_data_continues_a_page_that_renders_its_first_paragraphs(
    shown: list[str], data: list[str], continued: bool
) -> None:
    blob = json.dumps({"props": {"article": {"body": [{"text": t} for t in data]}}})
    page = parse_page(
        f"<html><body>{_paragraphs(shown)}"
        f'<script type="application/json">{blob}</script></body></html>'
    )
    assert page is not None
    found = embedded_text(page, "\n".join(shown), "Inspectors find crack in the reservoir dam")
    expected = "\n".join([shown[0], *data]) if continued else None
    assert found == expected


@pytest.mark.parametrize(
    ("script", "continued"),
    [
        ('<script type="application/json">{blob}</script>', True),
        ("<script>window.__INITIAL_STATE__ = {blob};</script>", True),
        ('<script type="text/javascript">\n  var __PRELOADED_STATE__={blob}\n</script>', True),
        # code that does more than set a state, and an object that is no JSON
        ("<script>window.__STATE__ = {blob}; render(window.__STATE__);</script>", False),
        ("<script>window.__STATE__ = {{body: []}};</script>", False),
        ('<script src="/app.js">window.__STATE__ = {blob};</script>', False),
    ],
)
def test_json_data_is_read_from_a_script_that_sets_the_pages_state(
    script: str, continued: bool
) -> None:
    blob = json.dumps({"article": {"body": [{"type": "paragraph", "html": t} for t in DRAINED]}})
    page = parse_page(
        f"<html><body>{_paragraphs(DRAINED[:2])}{script.format(blob=blob)}</body></html>"
    )
    assert page is not None
    found = embedded_text(
        page, "\n".join(DRAINED[:2]), "Inspectors find crack in the reservoir dam"
    )
    assert (found == "\n".join(DRAINED)) is continued


@pytest.mark.parametrize(("label", "dropped"), [("CRONACA", True), ("WORLD NEWS", True),
                         ("COVID-19", False), ("Cronaca", False)])  # fmt: skip
def test_the_section_label_over_the_headline_is_dropped(label: str, dropped: bool) -> None:
    headline = "Class action contro Latterie Valdrena, 600 famiglie in un giorno"
    body = [PARA_A, "GIRLS BASKETBALL", PARA_B]  # a capitalised heading inside stays
    text, removed = drop_page_lines("\n".join([label, headline, *body]),
                                    frozenset({normalise_line(headline)}), ())  # fmt: skip
    assert text.splitlines() == (body if dropped else [label, *body])
    assert [reason for _, reason in removed] == (["kicker", "title"] if dropped else ["title"])


FACTS = [
    "Eleven newborns were treated for suspected infections in two regions of the north.",
    "The regional laboratory found the bacterium in 14 of 40 sealed cans it tested.",
    "The recall covers about 412,000 cans sold in Italy and in nine other countries.",
]


def test_a_list_of_facts_inside_the_article_is_kept() -> None:
    # trafilatura's default pass drops a list in a body block like this one (no classes)
    first, *rest = (
        f"<p>{n} The inquiry into the plant goes on this week, officials said on Friday, "
        "as inspectors examined the drying towers and the cleaning records.</p>"
        for n in ("First.", "Second.", "Third.")
    )
    facts = "".join(f"<li>{fact}</li>" for fact in FACTS)
    html = (
        "<html><head><title>What we know about the formula recall</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news/">News</a></nav>'
        "<div><h1>What we know about the formula recall</h1>"
        f"<div>{first}<ul>{facts}</ul>{''.join(rest)}</div></div>"
        '<div class="latest"><h3>Latest Stories</h3><ul>'
        '<li><a href="/a">Storm closes schools across the county</a></li>'
        '<li><a href="/b">Council approves the new budget</a></li></ul></div>'
        "<footer>© 2026 The Daily</footer></body></html>"
    )
    article = extract_article(html, "https://daily.example/news/recall", datetime.now(UTC))
    assert article is not None
    assert all(fact in article.text for fact in FACTS)
    assert "Storm closes schools" not in article.text


@pytest.mark.parametrize(
    ("url", "declared", "canonical"),
    [
        # every article of an outlet naming its front page: a CMS's mistake, passed over
        ("https://t.example/world/river-spill-2026", "https://t.example/", None),
        ("https://t.example/world/river-spill-2026", "https://t.example/world/", None),
        # the front page itself, an AMP copy's article, another outlet's original
        ("https://t.example/", "https://t.example/", "https://t.example/"),
        ("https://t.example/world/spill/amp", "https://t.example/world/spill", "same"),
        ("https://t.example/world/spill", "https://wire.example/2026/12/04/spill", "same"),
    ],
)
def test_a_canonical_home_page_is_trusted_only_on_a_home_page(
    url: str, declared: str, canonical: str | None
) -> None:
    og_url = "https://t.example/world/river-spill-2026"
    html = (
        f'<html><head><link rel="canonical" href="{declared}">'
        f'<meta property="og:url" content="{og_url}"><title>River spill</title>'
        '<meta property="article:published_time" content="2026-12-04T10:00:00Z"></head>'
        f"<body><article><h1>River spill</h1><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p>"
        "</article></body></html>"
    )
    article = extract_article(html, url, datetime.now(UTC))
    assert article is not None
    expected = {None: og_url, "same": declared}.get(canonical, canonical)
    assert article.canonical_url == expected


@pytest.mark.parametrize(("dated", "kept"), [(True, True), (False, False)])
def test_a_short_page_without_a_date_is_no_article(dated: bool, kept: bool) -> None:
    # A company profile a sitemap lists: a few sentences and no date. A brief this short
    # that shows its date is an article.
    date = '<meta property="article:published_time" content="2026-12-04T10:00:00Z">'
    profile = (
        "Ostmann Chemie GmbH was founded in 1908 and is based in Lindenau, Lower Saxony. "
        "The company develops crop-protection formulations and industrial solvents and "
        "employs around 1,350 people at two sites."
    )
    html = (
        f"<html><head><title>The company</title>{date if dated else ''}</head><body>"
        f"<article><h1>The company</h1><p>{profile}</p></article></body></html>"
    )
    article = extract_article(html, "https://ostmann.example/en/company", datetime.now(UTC))
    assert (article is not None) is kept


REPORT = [
    "Residents of Hardenbrug queued for bottled water on Friday as the toxic plume reached "
    "the town's river intake, officials said.",
    "The water company closed the intake on Thursday night and said tap water was safe.",
    "Fishermen reported thousands of dead fish along a 40-kilometre stretch of the river.",
]
FAQ = [
    ("What is cypermethrin?", "It is an insecticide that is highly toxic to fish."),
    ("Is tap water safe to drink?", "<p>Usually, yes.</p><p>Follow the local authorities.</p>"),
]


def _faq_page(page_type: str) -> str:
    faq = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
        for q, a in FAQ
    ]}  # fmt: skip
    page = {"@context": "https://schema.org", "@type": page_type, "headline": "Town queues"}
    box = "".join(f"<h3>{q}</h3><div>{a if a.startswith('<p>') else f'<p>{a}</p>'}</div>"
                  for q, a in FAQ)  # fmt: skip
    return (
        "<html><head><title>Town queues for water</title>"
        f"<script type='application/ld+json'>{json.dumps(page)}</script>"
        f"<script type='application/ld+json'>{json.dumps(faq)}</script></head><body><article>"
        "<h1>Town queues for water</h1><time datetime='2024-09-20T09:00:00Z'>20 Sep</time>"
        + "".join(f"<p>{p}</p>" for p in REPORT)
        + f"<section class='faq'><h2>Frequently Asked Questions</h2>{box}</section>"
        "</article></body></html>"
    )


def test_the_faq_box_a_report_declares_is_not_its_text() -> None:
    article = extract_article(_faq_page("NewsArticle"), "https://news.example/town", FETCHED_AT)
    assert article is not None
    assert article.text.splitlines() == REPORT
    faq = [line for line, reason in article.removed if reason == "faq"]
    assert "Frequently Asked Questions" in faq and "Follow the local authorities." in faq


def test_a_page_that_is_an_faq_keeps_its_questions() -> None:
    article = extract_article(_faq_page("WebPage"), "https://news.example/town", FETCHED_AT)
    assert article is not None
    assert "What is cypermethrin?" in article.text.splitlines()


def _said(part: str, n: int) -> str:
    return (
        f"<p>The {part} part, paragraph {n}, says what the inspectors found on the old bridge.</p>"
    )


_BOX = '<div class="grid"><div class="body__container article__body">{}</div></div>'


def _split_body(later: str) -> str:
    """An article page whose body is cut into containers of one class, an advert between."""
    first = _BOX.format("".join(_said("first", n) for n in range(4)))
    return (
        "<html><head><title>Bridge inspection finds cracks</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news/">News</a></nav><main><article>'
        f"<h1>Bridge inspection finds cracks</h1><div class='row'>{first}</div>"
        '<div class="row"><div class="ad"><span>Advertisement</span></div></div>'
        f"<div class='row'>{later}</div></article></main>"
        "<footer><p>Copyright 2026 The Paper. All rights reserved.</p></footer></body></html>"
    )


def test_an_article_cut_into_containers_keeps_every_part_in_order() -> None:
    later = _BOX.format("".join(_said("second", n) for n in range(3)))
    page = _split_body(later + _BOX.format(_said("third", 0) + _said("third", 1)))
    article = extract_article(page, "https://paper.example/2026/bridge", FETCHED_AT)
    assert article is not None
    lines = article.text.splitlines()
    parts = [line.split(",")[0].removeprefix("The ").removesuffix(" part") for line in lines]
    assert parts == ["first"] * 4 + ["second"] * 3 + ["third"] * 2
    assert "Advertisement" not in article.text


KNOWN = "\n".join(
    f"The first part, paragraph {n}, says what the inspectors found on the old bridge."
    for n in range(4)
)


@pytest.mark.parametrize(
    ("later", "added"),
    [
        ('<div class="body">{}</div>', 2),
        # one paragraph more is too little to tell a continued body
        ('<div class="body">{one}</div>', 0),
        # readers' comments or teasers in boxes of the same class
        ('<section class="comments"><div class="body">{}</div></section>', 0),
        ('<div id="related-stories"><div class="body">{}</div></div>', 0),
        # another kind of box
        ('<div class="summary">{}</div>', 0),
        # already in the text
        ('<div class="body">{known}</div>', 0),
    ],
)
def test_continued_text(later: str, added: int) -> None:
    first = "".join(_said("first", n) for n in range(4))
    two = _said("later", 0) + _said("later", 1)
    known = _said("first", 1) + _said("first", 2)
    later = later.format(two, one=_said("later", 0), known=known)
    tree = parse_page(
        f'<html><body><main><div class="body">{first}</div>{later}</main></body></html>'
    )
    assert tree is not None
    text = continued_text(tree, KNOWN)
    assert (text or KNOWN).splitlines()[:4] == KNOWN.splitlines()
    assert len((text or KNOWN).splitlines()) - 4 == added


TEASER = "VIREUX (Belgique), 8 déc (APE) - Un train de marchandises a déraillé mardi à l'entrée de…"
STORY = "Un train de marchandises a déraillé mardi à l'entrée de Vireux, ont annoncé les autorités."


@pytest.mark.parametrize(
    ("lines", "listing"),
    [
        (["Déraillement en Belgique : 1.200 habitants évacués", TEASER,
          "Belgique : un train de marchandises déraille", TEASER.replace("…", "...")], True),
        ([STORY, STORY, STORY], False),
        ([STORY, TEASER, STORY, STORY], False),  # one sentence trailing off in an article
        ([TEASER, STORY, TEASER], True),
        ([TEASER], False),
    ],
)  # fmt: skip
def test_teaser_list(lines: list[str], listing: bool) -> None:
    assert teaser_list("\n".join(lines)) is listing


HEADLINES = [
    "Tragedia w Krasnoborze Śląskim. Runął most na Olszance",
    "Katastrofa mostu w Krasnoborze Śląskim. Relacja na żywo",
    "Ostrzeżenie hydrologiczne dla Olszanki w Krasnoborze",
]
LINKS = "".join(f'<li><a href="/news/{i}.html">{h}</a></li>' for i, h in enumerate(HEADLINES))


def _linked_headlines() -> frozenset[str]:
    """The link texts of a page that lists ``HEADLINES`` as links."""
    tree = parse_page(f"<html><body><main><ul>{LINKS}</ul></main></body></html>")
    assert tree is not None
    return anchor_texts(tree)


@pytest.mark.parametrize(
    ("lines", "listing"),
    [
        # a topic page: each story's linked headline, first sentence and time, none cut
        ([line for h in HEADLINES for line in (h, f"{STORY} 13 godz. temu")], True),
        # an article that names two of the stories its page links
        ([STORY, HEADLINES[0], STORY, HEADLINES[1], STORY], False),
        # three linked headlines among many lines of the article's own
        ([*HEADLINES, *[STORY] * 10], False),
    ],
)  # fmt: skip
def test_headline_list(lines: list[str], listing: bool) -> None:
    assert headline_list(_linked_headlines(), "\n".join(lines)) is listing


@pytest.mark.parametrize(
    ("line", "run"),
    [
        # a ticker of the page's linked headlines, after its label
        (f"NYT: {HEADLINES[0]} · {HEADLINES[1]} · {HEADLINES[2]}", True),
        (f"{HEADLINES[1]} | {HEADLINES[2]}", True),
        # a paragraph that quotes one linked headline is the article's
        (f"Czytaj też: {HEADLINES[0]} · a potem zdanie artykułu, które nie jest linkiem.", False),
        (HEADLINES[0], False),  # one link alone: a headline list's business
        ("Warszawa · 13 grudnia 2026", False),  # a dateline with a separator
    ],
)  # fmt: skip
def test_link_run(line: str, run: bool) -> None:
    assert link_run(line, _linked_headlines()) is run


@pytest.mark.parametrize(
    ("line", "dated"),
    [
        (f"- {HEADLINES[0]} 13 godz. temu", True),  # a latest news list's item
        (f"{HEADLINES[1]} wczoraj, 17:00", True),
        (f"{HEADLINES[2]} 19 grudnia 2026", True),
        (f"{HEADLINES[0]} i dalsze zdanie artykułu, 13 godz. temu", False),  # prose after it
        (f"{HEADLINES[0]} po raz trzeci", False),  # no date after the link
        ("Most zawalił się 13 godz. temu", False),  # no link
    ],
)  # fmt: skip
def test_dated_link(line: str, dated: bool) -> None:
    assert dated_link(line, _linked_headlines()) is dated


@pytest.mark.parametrize(
    ("line", "linked"),
    [
        (f"- {HEADLINES[0]}", True),  # a related list's item
        (f"• {HEADLINES[1]} (Gazeta Krasnoborska)", True),  # with its source after it
        (HEADLINES[2], True),  # a line of its own
        (f"- {HEADLINES[0]}, powiedział wojewoda", False),  # prose after the link
        ("- Most zamknięty do odwołania", False),  # no link
    ],
)  # fmt: skip
def test_linked_line(line: str, linked: bool) -> None:
    assert linked_line(line, _linked_headlines()) is linked


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        # two list items that are links, under their heading
        ([STORY, "Czytaj dalej na ten temat:", *(f"- {h}" for h in HEADLINES[:2])], [STORY]),
        # three lines that are links, a menu or a list without marks
        ([*HEADLINES, STORY], [STORY]),
        # one linked item, or two lines without list marks, may be the article's
        ([STORY, f"- {HEADLINES[0]}", STORY], [STORY, f"- {HEADLINES[0]}", STORY]),
        ([STORY, *HEADLINES[:2], STORY], [STORY, *HEADLINES[:2], STORY]),
    ],
)  # fmt: skip
def test_drop_link_lines(lines: list[str], kept: list[str]) -> None:
    assert drop_link_lines("\n".join(lines), _linked_headlines()) == "\n".join(kept)


def test_a_related_list_under_an_unknown_heading_leaves_the_article() -> None:
    # A wire's "Para seguir en el tema:" list under the text, which trafilatura kept: a
    # quarter of the lines being linked headlines, the page was taken for a listing.
    article = _extract("wire_related_items.html")
    assert article.text.count("\n") == 5  # the report's six paragraphs
    for related in ("Las lluvias dejan", "fondo de emergencia", "Sequía récord", "Crecidas"):
        assert related not in article.text
    assert "seguir en el tema" not in article.text


def test_a_related_list_of_dated_links_leaves_the_article() -> None:
    # A Czech site's "Související" (related) box under the text: each item a link and its
    # time ("před 2 hodinami", "včera 18:05", "19. prosince 2026"), which trafilatura kept.
    article = _extract("czech_related_box.html")
    assert article.text.count("\n") == 7  # the report's eight paragraphs, not its perex
    for related in ("Státní smutek kvůli", "Co víme o neštěstí", "Češi objevují polské"):
        assert related not in article.text
    assert not article.text.endswith("Související")  # nor the box's heading


def test_a_gallery_with_a_ticker_of_headlines_and_one_line_is_no_article() -> None:
    ticker = " · ".join(f'<a href="/news/{i}.html">{h}</a>' for i, h in enumerate(HEADLINES))
    figures = "".join(
        f'<figure><span>{n}/5</span><img src="/g/{n}.jpg"><figcaption><p>Most na Olszance, '
        f"zdjęcie {n}.</p><small>Fot. PAP</small></figcaption></figure>"
        for n in range(1, 6)
    )
    page = (
        "<html><head><title>ZDJĘCIA: Most w Krasnoborze | Gazeta</title></head><body>"
        '<header><a href="/">GAZETA</a></header>'
        f"<div><b>TERAZ:</b> {ticker}</div><main><article>"
        "<h1>ZDJĘCIA: Most w Krasnoborze</h1><p>Galeria zdjęć z Krasnoboru.</p>"
        '<div><a href="/autor/gazeta">Gazeta</a> · 3 godz. temu</div>'
        f"<div>{figures}</div></article></main></body></html>"
    )
    assert extract_article(page, "https://news.example.org/zdjecia/most-a1", FETCHED_AT) is None


def test_a_topic_page_of_teasers_is_no_article() -> None:
    cards = "".join(
        f'<div class="card"><h2><a href="/fr/depeche/{n}/train">Déraillement en Belgique, '
        f"épisode {n}</a></h2><p>{TEASER}</p></div>"
        for n in range(4)
    )
    head = "<html><head><title>Sujet : belgique</title></head>"
    page = f"{head}<body><main>{cards}</main></body></html>"
    assert extract_article(page, "https://agence.example/fr/sujet/belgique", FETCHED_AT) is None


@pytest.mark.parametrize(
    ("box", "item"),
    [
        # a linked headline of its own, then its teaser (a regional daily's section page)
        (
            "<section><h1>Derbyshire</h1><div class='teasers'>{items}</div></section>",
            '<div class="teaser"><a class="headline" href="/news/story-{n}">{headline}</a>'
            '<p class="description">{teaser}</p><span class="time">12:00, 18 SEP 2024</span>'
            "</div>",
        ),
        # a kicker and a headline in one link, the teaser in a box after it, on one line
        (
            "<h1>Derbyshire</h1><ul>{items}</ul>",
            '<li><a href="/uk/2024/sep/18/story-{n}"><span>UK news</span> <span>{headline}</span>'
            '</a><div class="standfirst">{teaser}</div>'
            '<time datetime="2024-09-18T12:00:00Z">18 Sep 2024</time></li>',
        ),
        # a card whose whole is its link: kicker, headline and teaser inside it
        (
            "<h1>Derbyshire</h1><p>All about Derbyshire.</p>{items}",
            '<div class="card"><a href="/2024-09-18/story-{n}"><span>Derbyshire</span>'
            '<h2 class="card__title">{headline}</h2><p class="card__text">{teaser}</p></a>'
            '<span class="card__time">18 Sep</span></div>',
        ),
    ],
)
def test_a_section_page_of_linked_headlines_and_their_teasers_is_no_article(
    box: str, item: str
) -> None:
    items = "".join(
        item.format(n=n, headline=headline, teaser=teaser)
        for n, (headline, teaser) in enumerate(zip(SECTION_HEADLINES, SECTION_TEASERS, strict=True))
    )
    page = (
        "<html><head><title>Derbyshire | The Courier</title></head><body><main>"
        f"{box.format(items=items)}</main></body></html>"
    )
    assert extract_article(page, "https://courier.example/uk/derbyshire", FETCHED_AT) is None


SECTION_HEADLINES = [
    "Families return to flooded commune as soldiers clear mud",
    "Province releases rice reserves for evacuated families",
    "How the stream rose overnight and forced people out",
]


def test_a_section_page_whose_one_long_teaser_is_its_text_is_no_article() -> None:
    teasers = ["UK revises travel advice", "Line closed to Badulla", SECTION_TEASERS[0]]
    items = "".join(
        f'<div class="item"><h3><a href="/news/story-{n}">{headline}</a></h3><p>{teaser}</p>'
        '<span class="time">4 hours ago</span></div>'
        for n, (headline, teaser) in enumerate(zip(SECTION_HEADLINES, teasers, strict=True))
    )
    page = (
        "<html><head><title>News | The Record</title></head><body><main><h1>News</h1>"
        f"{items}</main></body></html>"
    )
    assert extract_article(page, "https://record.example/news", FETCHED_AT) is None


def test_a_section_page_keeping_its_one_teaser_under_its_linked_headline_is_no_article() -> None:
    # Headlines inside their links, one teaser long enough to stay and kept with its headline
    items = "".join(
        f'<div class="list-item"><a href="/gubin/story-{n}/ar/c1-{n}"><h2>{headline}</h2></a>'
        f'<p>{teaser}</p><span class="date">07.12.2026 08:30</span></div>'
        for n, (headline, teaser) in enumerate(
            zip(
                SECTION_HEADLINES[:2],
                [" ".join(SECTION_TEASERS[::2]), SECTION_TEASERS[1]],
                strict=True,
            )
        )
    )
    page = (
        "<html><head><title>Gazeta</title></head><body><main><section class='list'>"
        f"<h1>Gubin</h1>{items}</section></main></body></html>"
    )
    assert extract_article(page, "https://gazeta.example/gubin", FETCHED_AT) is None


def test_a_one_paragraph_post_under_its_own_linked_title_is_an_article() -> None:
    page = (
        "<html><head><title>Flood | The Record</title></head><body><main>"
        '<h2 class="entry-title"><a href="/news/flood-brief">Families return after the flood'
        '</a></h2><div class="entry-content"><p>'
        f"{SECTION_TEASERS[0]} {SECTION_TEASERS[1]}</p></div>"
        '<time datetime="2024-09-20T10:00:00Z">20 Sep 2024</time></main></body></html>'
    )
    article = extract_article(page, "https://record.example/news/flood-brief", FETCHED_AT)
    assert article is not None and SECTION_TEASERS[1] in article.text


def test_an_article_after_a_linked_headline_is_an_article() -> None:
    body = "".join(f"<p>{teaser}</p>" for teaser in SECTION_TEASERS)
    page = (
        "<html><head><title>Flood | The Courier</title></head><body><main><h1>Flood</h1>"
        '<div class="body"><a href="/news/older">Families return home after the border flood'
        f"</a>{body}</div></main></body></html>"
    )
    article = extract_article(page, "https://courier.example/news/flood-2", FETCHED_AT)
    assert article is not None and SECTION_TEASERS[2] in article.text


SECTION_TEASERS = [
    "Two days after the flood, hundreds of families in the border commune began returning "
    "home as soldiers helped clear the mud.",
    "The province released twenty tonnes of rice from its reserves for the families who "
    "had to leave their homes.",
    "The stream rose quickly overnight as water from across the border poured in, and "
    "border guards worked until dawn to move people out.",
]


def _section_page(heading: str) -> str:
    """An old portal's section page laid out in a table: each item a headline (linked or
    not), its age and a teaser of whole sentences."""
    items = "".join(
        f'<div class="news-item"><a href="/xa-hoi/story-d{n}.html"><img src="/i/{n}.png"></a>'
        f"{heading.format(n=n)}<span class='date'>{n + 2} giờ trước</span><p>{teaser}</p></div>"
        for n, teaser in enumerate(SECTION_TEASERS)
    )
    return (
        "<html><head><title>Xã hội | Báo Đại Ngàn</title>"
        '<meta property="og:type" content="article"></head><body>'
        '<table class="main-table"><tr><td class="col-main"><h1>Xã hội</h1>'
        f'{items}</td><td class="col-right"><a href="/">Trang chủ</a></td></tr></table>'
        "</body></html>"
    )


def test_a_section_page_of_linked_headlines_and_whole_teasers_is_no_article() -> None:
    linked = '<h3><a href="/xa-hoi/story-d{n}.html">Headline number {n} of the section</a></h3>'
    page = _section_page(linked)
    assert extract_article(page, "https://daingan.example/xa-hoi", FETCHED_AT) is None
    # the same paragraphs under headings of their own are an article's
    article = extract_article(
        _section_page("<h3>Part {n} of the story</h3>"), "https://daingan.example/a", FETCHED_AT
    )
    assert article is not None
    assert set(SECTION_TEASERS) <= set(article.text.splitlines())


def _gallery(slide: str) -> str:
    """A gallery: a headline, a date, two paragraphs of its own, eight slides."""
    slides = "".join(
        f'<div class="slide"><img src="/g/{n}.jpg">{slide.format(n=n)}</div>' for n in range(8)
    )
    return (
        "<html><head><title>In pictures: the search</title></head><body><div class='gallery'>"
        "<h1>In pictures: the search</h1><time datetime='2024-09-20T12:00:00Z'>20 Sep 2024"
        "</time><p>Scenes from the bay, where divers from three countries are searching for "
        "the victims of the boat fire, on the day the stream rose over the bridge.</p><p>The "
        "photographs were taken by our correspondent in the villages along the shore.</p>"
        f"{slides}</div></body></html>"
    )


@pytest.mark.parametrize(
    "slide",
    [
        # its class calls it a caption (a Ugandan outlet's slides)
        '<p class="slide-caption">Divers search the lake near the wreck, picture {n}.</p>',
        # its photo credit does (a Vietnamese portal's)
        "<p>Villagers carry rice to higher ground in Dak Xu, photo {n}. (Ảnh: Y Nhung)</p>",
    ],
)
def test_a_gallery_whose_captions_are_plain_paragraphs_is_no_article(slide: str) -> None:
    url = "https://courier.example/world/the-search"
    assert extract_article(_gallery(slide), url, FETCHED_AT) is None
    # the same paragraphs, neither classed nor credited, are an article's text
    plain = slide.replace(' class="slide-caption"', "").replace(" (Ảnh: Y Nhung)", "")
    assert extract_article(_gallery(plain), url, FETCHED_AT) is not None


STANDFIRST = "Rescuers dug through the night for the missing as the mud began to set."
BODY = [
    "The dam of the tailings pond above Vista Alegre gave way at dawn on Wednesday, "
    "sending a wave of mud through the lower village.",
    "Firefighters from three districts pulled eleven people from the mud by the evening, "
    "the civil defence said.",
    "The mining company said it had inspected the dam in October and found nothing wrong.",
]


HEADLINE = "<h1>Mud buries village after dam fails</h1>"


def _dek_page(top: str, body: str) -> str:
    return (
        "<html><head><title>Mud buries village</title></head><body><main><article>"
        f"{top}<time datetime='2026-12-10T14:00:00Z'>10 December 2026</time>{body}"
        "</article></main></body></html>"
    )


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


HEADING = "Dam collapse in Vista Alegre"


@pytest.mark.parametrize(
    ("top", "body", "line", "dropped"),
    [
        # under the headline, beside it; the body in its own container
        (
            f"{HEADLINE}<p class='dek'>{STANDFIRST}</p>",
            f"<div class='body'>{_paragraphs(BODY)}</div>",
            STANDFIRST,
            True,
        ),
        # beside the element that holds the headline
        (
            f"<div class='title'>{HEADLINE}</div><p class='chapo'>{STANDFIRST}</p>",
            f"<section>{_paragraphs(BODY)}</section>",
            STANDFIRST,
            True,
        ),
        # every paragraph beside the headline: the first is the body's
        (HEADLINE, _paragraphs([STANDFIRST, *BODY]), STANDFIRST, False),
        # set apart, but inside the body's container
        (
            HEADLINE,
            f"<div class='body'><p class='intro'>{STANDFIRST}</p>{_paragraphs(BODY)}</div>",
            STANDFIRST,
            False,
        ),
        # a heading, not a sentence
        (f"{HEADLINE}<p>{HEADING}</p>", f"<div>{_paragraphs(BODY)}</div>", HEADING, False),
        # beside the body's paragraphs, but all in bold above them
        (f"<div class='head'>{HEADLINE}</div><p><strong>{STANDFIRST}</strong></p>",
         _paragraphs(BODY), STANDFIRST, True),
        # in bold like the paragraph after it: a bold text, not a standfirst
        (HEADLINE, f"<p><b>{STANDFIRST}</b></p><p><b>{BODY[0]}</b></p>{_paragraphs(BODY[1:])}",
         STANDFIRST, False),
        # bold in part only
        (HEADLINE, f"<p><b>Vista Alegre.</b> {STANDFIRST}</p>{_paragraphs(BODY)}",
         STANDFIRST, False),
    ],
)  # fmt: skip
def test_a_standfirst_under_the_headline_is_no_paragraph_of_the_article(
    top: str, body: str, line: str, dropped: bool
) -> None:
    article = extract_article(_dek_page(top, body), URL, FETCHED_AT)
    assert article is not None and BODY[0] in article.text
    assert (line not in article.text) == dropped
    assert (article.description == line) == dropped  # kept as its summary


@pytest.mark.parametrize(
    ("lead", "description", "dropped"),
    [
        # inside the body's container, its class a lead's, the page's description too
        (f"<p class='article-content__lead'><strong>{STANDFIRST}</strong></p>", STANDFIRST, True),
        (f"<p class='standfirst'>{STANDFIRST}</p>", STANDFIRST, True),
        # the description another summary: the body's first paragraph
        (f"<p class='standfirst'>{STANDFIRST}</p>", BODY[1], False),
        # no class of a lead: a body whose first paragraph the page repeats as its
        # description (in bold, as a Drupal body may set it)
        (f"<p><strong>{STANDFIRST}</strong></p>", STANDFIRST, False),
        (f"<p class='intro'>{STANDFIRST}</p>", STANDFIRST, False),
        # alone in a box whose class names a summary
        (f"<div class='summary-block'><p>{STANDFIRST}</p></div>", STANDFIRST, True),
        # in a box that holds more than it: a body's field, its class naming its summary
        (f"<div class='text-with-summary'><p>{STANDFIRST}</p><p>{HEADING}.</p></div>",
         STANDFIRST, False),
    ],
)  # fmt: skip
def test_a_lead_inside_the_body_is_the_standfirst_the_description_gives(
    lead: str, description: str, dropped: bool
) -> None:
    page = _dek_page(HEADLINE, f"<div class='article-content'>{lead}{_paragraphs(BODY)}</div>")
    page = page.replace("</title>", f"</title><meta name='description' content='{description}'>")
    article = extract_article(page, URL, FETCHED_AT)
    assert article is not None and BODY[0] in article.text
    assert (STANDFIRST not in article.text) == dropped
