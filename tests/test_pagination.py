"""Which ``rel="next"`` link, or link of a page list, continues an article."""

from __future__ import annotations

import pytest

from collector.pagination import continues, join_html, next_page_url, split_html

STORY = "https://news.example/2026/12/01/port-hack"


@pytest.mark.parametrize(
    ("url", "target", "expected"),
    [
        (STORY, f"{STORY}?page=2", True),
        (f"{STORY}?page=2", f"{STORY}?page=3", True),
        (f"{STORY}/", f"{STORY}/2/", True),
        (STORY, f"{STORY}/page/2", True),
        (STORY, f"{STORY}/seite-2", True),
        (f"{STORY}/seite-2", f"{STORY}/seite-3", True),
        ("https://news.example/story?id=5", "https://news.example/story?id=5&page=2", True),
        # a page number added under any name (Polish "strona")
        (STORY, f"{STORY}?strona=2", True),
        ("https://news.example/story?id=5", "https://news.example/story?id=5&strona=2", True),
        (STORY, f"{STORY}?strona=2&s=a", False),
        # back, or page 1
        (f"{STORY}?page=3", f"{STORY}?page=2", False),
        (f"{STORY}/seite-3", f"{STORY}/seite-2", False),
        (STORY, f"{STORY}?page=1", False),
        # the outlet's next story, another host, another article's id
        (STORY, "https://news.example/2026/12/01/ships-queue", False),
        (STORY, "https://news.example/?p=124", False),
        (STORY, "https://mirror.example/2026/12/01/port-hack?page=2", False),
        ("https://news.example/story?id=5", "https://news.example/story?id=6", False),
        (STORY, "javascript:next()", False),
    ],
)
def test_continues(url: str, target: str, expected: bool) -> None:
    assert continues(url, target) is expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (f'<head><link rel="next" href="{STORY}?page=2" /></head>', f"{STORY}?page=2"),
        ("<a class=more rel=next href=/2026/12/01/port-hack/2>Page 2</a>", f"{STORY}/2"),
        ("<a href='?page=2&amp;s=a#top' rel='next'>Next</a>", None),
        ("<a href='?page=2#top' rel='next'>Next</a>", f"{STORY}?page=2"),
        ('<link rel="next" href="/2026/12/01/ships-queue">', None),
        ('<a href="?page=2">Next</a>', None),
        ("<p>What happens next?</p>", None),
    ],
)
def test_next_page_url(page: str, expected: str | None) -> None:
    assert next_page_url(page, STORY) == expected


def test_a_later_page_continues_the_articles_first() -> None:
    # "strona=3" after "strona=2" could be any numbered thing; after the article's own
    # URL it is its third page.
    page = "<a rel='next' href='?strona=3'>Następna strona</a>"
    assert next_page_url(page, f"{STORY}?strona=2") is None
    assert next_page_url(page, f"{STORY}?strona=2", first=STORY) == f"{STORY}?strona=3"
    back = "<a rel='next' href='?strona=2'>Następna strona</a>"
    assert next_page_url(back, f"{STORY}?strona=2", first=STORY) is None


def test_the_pages_of_an_article_are_stored_as_one_text_and_read_back() -> None:
    first = "<html><body><p>One.</p></body></html>"
    more = [(f"{STORY}?page=2", "<html><p>Two.</p></html>"), (f"{STORY}?page=3", "<p>3</p>")]
    assert split_html(join_html(first, more)) == (first, more)
    assert split_html(first) == (first, [])


PATH = "/2026/12/01/port-hack"
PAGE_LIST = (
    f'<a href="{PATH}?strana=2">2</a> | <a href="{PATH}?strana=3">3</a> | '
    f'<a href="{PATH}?strana=2">Следећа страна »</a>'
)


@pytest.mark.parametrize(
    ("page", "url", "expected"),
    [
        # a page list without rel="next": the lowest later page
        (PAGE_LIST, STORY, f"{STORY}?strana=2"),
        (f'<b>2</b> | <a href="{PATH}?strana=3">3</a>', f"{STORY}?strana=2", f"{STORY}?strana=3"),
        (f'<a href="{PATH}?strana=1">1</a> | <b>2</b>', f"{STORY}?strana=2", None),  # the last
        (f'<a href="{PATH}/2/">Page 2 ›</a>', STORY, f"{STORY}/2/"),
        # an article's URL ending in a slash, the page number in a query after it
        (
            f'<b>1</b> <a href="{PATH}/?selida=2">2</a> '
            f'<a href="{PATH}/?selida=2">Επόμενη σελίδα</a>',
            f"{STORY}/",
            f"{STORY}/?selida=2",
        ),  # fmt: skip
        (f'<a href="{PATH}/?selida=2">Επόμενη σελίδα</a>', f"{STORY}/", f"{STORY}/?selida=2"),
        (
            f'<a class="next" href="{PATH}?page=2"><span>Nächste Seite</span></a>',
            STORY,
            f"{STORY}?page=2",
        ),  # fmt: skip
        # links to the article's URL that are no page of it
        (f'<a href="{PATH}?comments=2">Older comments</a>', STORY, None),
        (f'<a href="{PATH}-2">Port hack, day two</a>', STORY, None),
        ('<a href="/2026/12/01/ships-queue?page=2">2</a>', STORY, None),
        (f'<link rel="canonical" href="{STORY}?page=2">', STORY, None),  # not a link
    ],
)
def test_a_page_list_names_the_next_page(page: str, url: str, expected: str | None) -> None:
    first = STORY if url != STORY else None
    assert next_page_url(f"<html><body>{page}</body></html>", url, first) == expected
