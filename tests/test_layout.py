from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html as lxml_html

from collector.extraction import extract_article, parse_page
from collector.layout import entry_times, is_layout_table, post_series, relayout, stacked_stories

PAGE = Path(__file__).resolve().parent / "fixtures" / "pages" / "table_layout.html"
STORY = "Kenyan police reach Haiti's capital as gangs tighten their grip"
LONG = "Officers patrolled the airport road on Tuesday, residents said. " * 20
UPDATE = "Rescuers resumed the search at first light."


def _table(html: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(html)


def _rows(rows: int, columns: int, cell: str = "<td>x</td>") -> str:
    return "<table>" + f"<tr>{cell * columns}</tr>" * rows + "</table>"


@pytest.mark.parametrize(
    ("html", "layout"),
    [
        ('<table role="presentation"><tr><th>a</th><th>b</th></tr></table>', True),
        ("<table><caption>Results</caption><tr><td>a</td><td>b</td></tr></table>", False),
        ("<table><tr><th>County</th><td>9</td></tr><tr><td>a</td><td>b</td></tr></table>", False),
        ("<table><tr><td><table><tr><td>x</td></tr></table></td><td>y</td></tr></table>", True),
        # a data table inside does not make the page's layout table one
        ("<table><tr><td><table><tr><th>x</th></tr></table></td><td>y</td></tr></table>", True),
        (_rows(1, 3), True),
        (_rows(5, 1), True),
        (_rows(2, 3), True),
        (_rows(10, 2), False),
        (_rows(3, 5), False),
        (_rows(4, 3), False),
        # an old page: header, menu, rails and story, footer in rows of up to three cells
        (_rows(4, 3, "<td><h1>Bridge collapses</h1></td>"), True),
        (_rows(4, 3, f"<td>{LONG}</td>"), True),
        (_rows(4, 3, f"<td>{LONG[:900]}</td>"), False),
        # an old page's live ticker: a time beside a sentence, however many rows
        (_rows(12, 1, f"<td>18:50</td><td>{UPDATE}</td>"), True),
        (_rows(12, 1, "<td>18:50</td><td>Rescuers resumed</td>"), False),  # no sentences
        (_rows(12, 1, f"<td>Aldwick</td><td>{UPDATE}</td>"), False),  # no times
    ],
)
def test_layout_and_data_tables(html: str, layout: bool) -> None:
    assert is_layout_table(_table(html)) is layout


def test_a_page_whose_text_is_not_in_a_layout_table_is_left_as_it_is() -> None:
    data = "<tr><th>County</th><th>Dead</th></tr>" + "<tr><td>Aldwick</td><td>9</td></tr>" * 3
    share = "<table><tr><td>Share</td><td>Tweet</td><td>E-mail</td></tr></table>"
    html = f"<html><body>{share}<p>{LONG}</p><table>{data}</table></body></html>"
    tree = lxml_html.fromstring(html)
    assert relayout(tree) is tree


def test_layout_tables_become_blocks_and_br_runs_paragraphs() -> None:
    data = "<table><tr><th>County</th><th>Dead</th></tr><tr><td>Aldwick</td><td>9</td></tr></table>"
    story = f"One.<br><br>Two <b>bold</b> words.<br>\n<br>{LONG}<br><br>{data}Last."
    page = f"<table><tr><td>Menu</td><td><font>{story}</font></td></tr></table>"
    tree = lxml_html.fromstring(f"<html><body>{page}</body></html>")
    before = lxml_html.tostring(tree)
    page = relayout(tree)
    assert lxml_html.tostring(tree) == before  # the given tree is left as it was
    assert page.xpath("//table") == page.xpath("//font/table")  # the data table stays
    paragraphs = [p.text_content().strip() for p in page.xpath("//font/p")]
    assert paragraphs == ["One.", "Two bold words.", LONG.strip(), "Last."]
    assert page.find(".//br") is None
    assert page.xpath("//font/table/following-sibling::p[1]")[0].text == "Last."


def test_a_layout_table_under_a_top_heading_becomes_blocks_however_short() -> None:
    # a section page of a site laid out in tables: little text, but a top heading in a cell
    cell = "<h1>Xã hội</h1><div><h3><a href='/a'>Headline</a></h3><p>A short teaser.</p></div>"
    tree = lxml_html.fromstring(
        f"<html><body><table><tr><td>{cell}</td><td>Menu</td></tr></table></body></html>"
    )
    page = relayout(tree)
    assert page is not tree
    assert page.find(".//table") is None and page.find(".//td") is None


def test_an_old_table_layout_page_gives_its_story_alone() -> None:
    fetched = datetime(2024, 6, 28, tzinfo=UTC)
    article = extract_article(PAGE.read_bytes(), "https://courier.example/story.php?id=2", fetched)
    assert article is not None
    lines = article.text.splitlines()
    assert lines[0].startswith("PORT-AU-PRINCE — The first contingent")
    assert lines[-1].startswith("Kenya's president has said the country will send 1,000")
    # The line after a single <br> stays in its place, before the next paragraph.
    assert lines[3].startswith("The mission's first task is to secure the airport road")
    assert len(lines) == 7
    assert "|" not in article.text
    for leak in ("Classifieds", "Rocking chair", "Obituaries", "Advertisement", "harbor_dad",
                 "Printer-friendly", "Copyright", "hometown paper"):  # fmt: skip
        assert leak.lower() not in article.text.lower()
    assert (article.title, article.outlet) == (STORY, "Lakeside Courier")
    assert (article.published_at, article.date_source) == (
        datetime(2024, 6, 25, 19, 40, tzinfo=UTC),
        "text",
    )


def test_extraction_leaves_the_given_tree_unchanged() -> None:
    tree = parse_page(PAGE.read_bytes())
    assert tree is not None
    before = lxml_html.tostring(tree)
    extract_article(
        tree, "https://courier.example/story.php?id=2", datetime(2024, 6, 28, tzinfo=UTC)
    )
    assert lxml_html.tostring(tree) == before


LIVE = Path(__file__).resolve().parent / "fixtures" / "pages" / "live_blog.html"


def test_every_update_of_a_live_blog_is_kept() -> None:
    article = extract_article(LIVE.read_text(), "https://courier.example/live", datetime.now(UTC))
    assert article is not None
    assert article.text.count("\n") >= 5
    for words in ("Good morning and welcome", "Hospitals in the valley", "Rescue teams say"):
        assert words in article.text
    assert "Most read" not in article.text and "what we know so far" not in article.text


def _articles(body: str, count: int = 4) -> str:
    return f"<html><body><main>{body * count}</main></body></html>"


@pytest.mark.parametrize(
    ("html", "series"),
    [
        (_articles(f"<article><p>{LONG[:400]}</p></article>"), True),
        (
            _articles("<ol>" + f"<li><article><p>{LONG[:400]}</p></article></li>" * 4 + "</ol>", 1),
            True,
        ),
        # too few, too little text, teasers (linked headlines), readers' comments
        (_articles(f"<article><p>{LONG[:400]}</p></article>", 2), False),
        (_articles("<article><p>A short post.</p></article>"), False),
        (_articles(f'<article><a href="/x">{LONG[:200]}</a><p>{LONG[:300]}</p></article>'), False),
        (_articles(f'<article class="comment-body"><p>{LONG[:400]}</p></article>'), False),
        (
            _articles(f'<ol><li class="comment"><article><p>{LONG[:400]}</p></article></li></ol>'),
            False,
        ),
    ],
)
def test_a_post_series_is_side_by_side_prose(html: str, series: bool) -> None:
    tree = parse_page(html)
    assert tree is not None
    assert bool(post_series(tree)) is series
    before = len(tree.findall(".//article"))
    changed = relayout(tree)
    assert (changed is not tree) is series
    assert len(tree.findall(".//article")) == before  # the page itself is left as it was
    if series:
        assert changed.find(".//article") is None


UPDATES = [
    ("10.12.2026, 17:20 Uhr", "Mehr als 18 Tonnen tote Fische sind auf beiden Seiten geborgen."),
    (
        "10.12.2026, 13:05 Uhr",
        "Die Wasserentnahme bei Hardenbrug bleibt bis Montag zu, sagt der Verband.",
    ),
    ("10.12.2026, 10:25 Uhr", "Ostmann stellt den Werkleiter frei und stockt den Hilfsfonds auf."),
]


def _ticker(updates: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<div class="entry"><time datetime="2026-12-10T12:00:00Z">{shown}</time>'
        f"<div><p>{text}</p></div></div>"
        for shown, text in updates
    )
    return (
        '<html lang="de"><head><title>Liveticker</title><meta property="article:published_time"'
        ' content="2026-12-03T06:10:00Z"></head><body><h1>Liveticker zum Chemieunfall</h1>'
        f'<div class="ticker">{entries}</div></body></html>'
    )


def test_a_live_ticker_keeps_the_time_of_each_update() -> None:
    now = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)
    article = extract_article(_ticker(UPDATES), "https://wn.example/liveticker", now)
    assert article is not None
    assert article.text.splitlines() == [line for update in UPDATES for line in update]
    assert article.published_at == datetime(2026, 12, 3, 6, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("updates", "found"),
    [
        (UPDATES, 3),
        (UPDATES[:2], 0),  # two dates are a published and an updated line, not a ticker
        ([(shown, "Kurz.") for shown, _ in UPDATES], 0),  # no update follows them
        ([("Donnerstag", text) for _, text in UPDATES], 0),  # no date or time shown
    ],
)
def test_entry_times_head_updates(updates: list[tuple[str, str]], found: int) -> None:
    tree = parse_page(_ticker(updates))
    assert tree is not None
    assert len(entry_times(tree)) == found


def _span_ticker(times: list[str]) -> str:
    posts = "".join(
        f'<div class="post"><span class="ora">{shown}</span> <p>{text}</p></div>'
        for shown, (_, text) in zip(times, UPDATES, strict=True)
    )
    return (
        '<html lang="de"><head><title>Liveticker</title><meta property="article:published_time"'
        ' content="2026-12-03T06:10:00Z"></head><body><div class="main">'
        f"<h1>Liveticker zum Chemieunfall</h1>{posts}</div></body></html>"
    )


@pytest.mark.parametrize(
    ("times", "found"),
    [
        (["17:20", "13:05", "10:25"], 3),
        (["17:20 Uhr", "13h05", "10:25"], 3),
        (["vor 2 Stunden", "vor 5 Stunden", "vor 8 Stunden"], 0),  # a teaser list's ages
    ],
)
def test_clock_times_in_spans_head_updates_too(times: list[str], found: int) -> None:
    tree = parse_page(_span_ticker(times))
    assert tree is not None
    assert len(entry_times(tree)) == found


def test_a_live_blog_keeps_the_clock_time_its_spans_show() -> None:
    now = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)
    times = ["17:20", "13:05", "10:25"]
    article = extract_article(_span_ticker(times), "https://wn.example/live", now)
    assert article is not None
    expected = [
        line for shown, (_, text) in zip(times, UPDATES, strict=True) for line in (shown, text)
    ]
    assert article.text.splitlines() == expected


NEXT = "The lottery winner from Bergen had forgotten the ticket in his jacket pocket. " * 9
OWN_TITLE = "Norwegian man missing after the ferry fire"


def _stacked(*articles: tuple[str, str], title: str = OWN_TITLE) -> str:
    tags = ["h1", "h2", "h2"]
    body = "".join(
        f'<article><{tag}>{heading}</{tag}><div class="body"><p>{text}</p><p>{text}</p></div>'
        "</article>"
        for (heading, text), tag in zip(articles, tags, strict=False)
    )
    return (
        f"<html><head><title>{title} - Kveldsposten</title></head>"
        f'<body><main>{body}</main><h2 class="label">Next story</h2></body></html>'
    )


@pytest.mark.parametrize(
    ("html", "dropped"),
    [
        # the next story, loaded below the page's own, goes
        (_stacked((OWN_TITLE, LONG), ("Lottery winner had forgotten his ticket", NEXT)), 1),
        (
            _stacked(
                (OWN_TITLE, LONG),
                ("Lottery winner had forgotten his ticket", NEXT),
                ("Sprinter wins again in the World Cup", NEXT),
            ),
            2,
        ),
        # teasers (too short), no article headed with the page's title, two of them
        (_stacked((OWN_TITLE, LONG), ("Lottery winner had forgotten his ticket", NEXT[:200])), 0),
        (_stacked(("Update", LONG), ("Lottery winner had forgotten his ticket", NEXT)), 0),
        (_stacked((OWN_TITLE, LONG), (OWN_TITLE, NEXT)), 0),
    ],
)
def test_stories_stacked_below_the_pages_own_are_dropped(html: str, dropped: int) -> None:
    tree = parse_page(html)
    assert tree is not None
    assert len(stacked_stories(tree)) == dropped
    changed = relayout(tree)
    assert len(changed.findall(".//article")) == len(tree.findall(".//article")) - dropped


def test_an_article_with_the_next_story_below_it_gives_its_own_text() -> None:
    html = _stacked((OWN_TITLE, LONG), ("Lottery winner had forgotten his ticket", NEXT))
    article = extract_article(html, "https://news.example/a/1", datetime.now(UTC))
    assert article is not None
    assert "Officers patrolled" in article.text
    assert "lottery" not in article.text.lower()


def _scrolled(next_heading: str) -> str:
    """A page whose stories head their ``<article>`` outside it, in each one's ``<main>``,
    the next one loaded as the reader scrolls."""
    story = (
        '<main class="article"><section class="header"><h1>{}</h1></section>'
        '<section class="wrapper"><article class="content"><p>{}</p><p>{}</p></article>'
        "</section></main>"
    )
    return (
        f"<html><head><title>{OWN_TITLE} - Le Globe</title></head><body>"
        + story.format(OWN_TITLE, LONG, LONG)
        + '<div class="infinite-scroll"><div>Article suivant</div>'
        + story.format(next_heading, NEXT, NEXT)
        + "</div></body></html>"
    )


@pytest.mark.parametrize(
    ("heading", "dropped"),
    [("Lottery winner had forgotten his ticket", 1), (OWN_TITLE, 0)],
)
def test_stories_headed_in_their_main_are_dropped_as_well(heading: str, dropped: int) -> None:
    tree = parse_page(_scrolled(heading))
    assert tree is not None
    assert len(stacked_stories(tree)) == dropped
    article = extract_article(_scrolled(heading), "https://globe.example/a/1", datetime.now(UTC))
    assert article is not None
    assert "Officers patrolled" in article.text
    assert ("lottery" in article.text.lower()) is not bool(dropped)


def test_a_ticker_laid_out_in_a_table_keeps_each_update_whole() -> None:
    rows = "".join(
        f'<tr><td class="time"><b>{shown}</b></td><td class="entry">{text}</td></tr>'
        for shown, text in TICKER
    )
    page = (
        '<html lang="sr"><head><title>Уживо</title></head><body><table width="980">'
        '<tr><td colspan="2"><a href="/">Златовски гласник</a></td></tr><tr><td>'
        f'<h1>Уживо: Пукла брана изнад Липовца</h1><table class="live">{rows}</table>'
        "</td><td>Огласи</td></tr></table></body></html>"
    )
    now = datetime(2027, 1, 19, 20, 0, tzinfo=UTC)
    article = extract_article(page, "https://zg.example/uzivo/8841.html", now)
    assert article is not None
    assert "|" not in article.text
    assert article.text.splitlines() == [line for update in TICKER for line in update]


TICKER = [
    ("18:50", "Среда је проглашена Даном жалости у Златову. Потрага се наставља сутра."),
    ("15:45", "Бугарска је упутила дипломатску ноту Србији. Костелево је и даље без воде."),
    ("13:30", "Рударска инспекција је још 2025. упозорила компанију на проблеме са дренажом."),
    ("11:00", "Више јавно тужилаштво у Златову покренуло је истрагу због опште опасности."),
    ("09:25", "Пронађено је тело трећег радника, два километра низводно од бране."),
    ("07:10", "Потрага је настављена у свитање. Учествује више од 80 спасилаца и рониоци."),
    ("20:45", "Потрага за несталима обустављена је због мрака и наставља се у зору."),
    ("19:20", "Бугарске власти упозориле су Костелево на загађену воду у Равној."),
    ("16:40", "Мутна вода са јаловином стигла је у реку Равну. Мештани не користе бунаре."),
    ("14:00", "Министар је стигао у Златово. „Одговорни ће сносити последице“, рекао је."),
    ("12:15", "У Липовцу је поплављено око 40 кућа. Евакуисано је око 300 људи."),
    ("10:30", "Градоначелник Ненад Живковић прогласио је ванредну ситуацију за подручје Липовца."),
    ("09:10", "Пронађено је тело још једног радника. Број погинулих порастао је на два."),
    ("07:45", "Почела је евакуација Липовца. Мештани се смештају у салу основне школе у Златову."),
]


NOSCRIPT_TEXT = [
    "A makói polgármesteri hivatal hétfő délelőtt óta palackos vizet oszt a városháza előtt.",
    "Kőrösi Bálint polgármester elmondta, hogy a csapvíz a tartalékból egyelőre iható.",
    "A vízügy kéri, hogy senki ne menjen a vízbe, és ne vigye haza a partra vetett halakat.",
]


def _loaded_by_script(noscript: str) -> str:
    return (
        '<html lang="hu"><head><title>Makón palackos vizet osztanak</title></head><body>'
        "<nav><a href='/'>Tiszaparti Hírek</a></nav><article>"
        "<h1>Makón palackos vizet osztanak</h1><p class='lead'>Makón hétfő óta tart a "
        "palackos víz osztása a városháza előtt és három iskolában, közölte a hivatal.</p>"
        f"<div id='body' data-src='/api/66310'>Betöltés…</div><noscript>{noscript}</noscript>"
        "</article></body></html>"
    )


def test_an_article_loaded_by_script_is_read_from_its_noscript_text() -> None:
    page = _loaded_by_script("".join(f"<p>{p}</p>" for p in NOSCRIPT_TEXT))
    now = datetime(2027, 3, 15, 18, 0, tzinfo=UTC)
    article = extract_article(page, "https://tp.example/cikk/66310/mako", now)
    assert article is not None
    assert all(p in article.text.splitlines() for p in NOSCRIPT_TEXT)


@pytest.mark.parametrize(
    "noscript",
    [
        '<img src="https://pixel.example/t.gif" width="1" height="1">',
        "<p>Please enable JavaScript to read the comments.</p>",
    ],
)
def test_a_noscript_without_prose_stays_closed(noscript: str) -> None:
    tree = parse_page(_loaded_by_script(noscript))
    assert relayout(tree) is tree
