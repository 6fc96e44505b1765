"""Old page layouts made readable for extraction: layout tables and ``<br>`` paragraphs.

Pages built before CSS layouts hold the whole page in tables (masthead, sidebars of
classifieds and obituaries, the story, the comments) and separate the story's paragraphs
with ``<br><br>`` inside a ``<font>``. trafilatura finds no article container there and
keeps the page whole, each table row a line of ``|``-separated cells. Two normalisations
after Mozilla Readability's (``_markDataTables``, ``_replaceBrs``) give it the shape of a
modern page:

1. a table used for layout becomes nested blocks (``div``); a data table stays;
2. in an element that separates paragraphs with ``<br><br>``, each ``<br>`` ends an
   inline run, which becomes a paragraph (``p``).

They run only on pages whose text lies in a layout table (``relayout``), on a copy.

A live blog's updates are often ``<article>`` elements side by side; trafilatura takes the
first ``<article>`` of a page for the article. ``relayout`` makes such a series of posts
(``post_series``) plain blocks, so the article is the series. The ``<time>`` heading each
update (``entry_times``) becomes a paragraph of its own, which trafilatura would drop.

An outlet that loads its next story as the reader scrolls may put that story's whole
``<article>`` below the page's own in the HTML ("Neste sak", "Next story"); both came out as
one text. ``relayout`` drops such stories (``stacked_stories``).

A page whose script loads its article may give the text in a ``<noscript>`` block for
readers without scripts, which trafilatura drops with the scripts; ``relayout`` opens such
blocks when they hold paragraphs of prose (``prose_noscripts``).
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from lxml import html as lxml_html

from collector.cleaning import is_dateline
from collector.words import word_count

__all__ = [
    "entry_times",
    "is_layout_table",
    "post_series",
    "prose_noscripts",
    "relayout",
    "stacked_stories",
]

# A layout table holding at least this much text holds the page's content.
MIN_CONTENT_CHARS = 1000
# A live blog: at least this many <article> posts side by side, mostly unlinked text.
MIN_POSTS = 3
MAX_POST_LINK_SHARE = 0.15
# A story of its own below the page's article: its own heading and this much text.
MIN_STORY_CHARS = 500
_OWN_HEADING = etree.XPath("(.//h1 | .//h2)[1]")
_TITLES = etree.XPath("//head/title/text() | //meta[@property='og:title']/@content")
# Inline elements that may head an update with a clock time, as ``<time>`` does.
_INLINE_TIME_TAGS = ("span", "b", "strong")
_CLOCK_RE = re.compile(r"\d{1,2}[:.h]\d\d\b")
# A data table's own caption, column groups, header or footer rows and header cells.
_DATA_MARKERS = etree.XPath(
    "./caption | ./col | ./colgroup | ./thead | ./tfoot | ./tr/th | ./tbody/tr/th"
)
_ROWS = etree.XPath("./tr | ./tbody/tr | ./thead/tr | ./tfoot/tr")
_HEADINGS = etree.XPath(".//td//h1 | .//td//h2")
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "div", "dl", "fieldset", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "ul",
})  # fmt: skip


def is_layout_table(table: lxml_html.HtmlElement) -> bool:
    """Whether a table lays out the page rather than holding data (Readability's rules).

    ``role="presentation"``: layout; its own caption, header cells or column groups: data;
    a table inside: layout; a cell holding a top heading or ``MIN_CONTENT_CHARS`` of text
    (an old page's story beside its menu and rails): layout; one row or one column:
    layout; ten rows or more, or more than four columns: data; otherwise data when it has
    more than ten cells. A timeline (rows of a time and a sentence: an old page's live
    ticker) is laid out in a table too, however many rows it has.
    """
    if table.get("role") == "presentation":
        return True
    if _DATA_MARKERS(table):
        return False
    if table.find(".//table") is not None or _HEADINGS(table):
        return True
    rows = _ROWS(table)
    if any(len(cell.text_content()) >= MIN_CONTENT_CHARS for row in rows for cell in row):
        return True
    columns = max((sum(1 for cell in row if cell.tag == "td") for row in rows), default=0)
    if len(rows) <= 1 or columns <= 1 or _timeline(rows):
        return True
    if len(rows) >= 10 or columns > 4:
        return False
    return len(rows) * columns <= 10


def _timeline(rows: list[lxml_html.HtmlElement]) -> bool:
    """Whether ``MIN_POSTS`` rows or more, and most of the rows, are a clock time or date
    beside a sentence ("18:50 | Среда је проглашена Даном жалости у Златову.")."""
    stamped = 0
    for row in rows:
        cells = [cell.text_content().strip() for cell in row if cell.tag == "td"]
        if len(cells) == 2 and word_count(cells[1]) >= 5:
            stamped += bool(_CLOCK_RE.fullmatch(cells[0]) or is_dateline(cells[0]))
    return stamped >= MIN_POSTS and stamped * 2 > len(rows)


def post_series(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The ``<article>`` elements of a page that are posts of one story (a live blog's
    updates), not teasers or readers' comments: at least ``MIN_POSTS`` of them side by
    side (children of one element, or each in an item of one list), together
    ``MIN_CONTENT_CHARS`` of text of which at most ``MAX_POST_LINK_SHARE`` is link text.
    [] when there is no such series.

    trafilatura takes the first ``<article>`` of a page for its article, so a live blog
    came out as its latest update alone.
    """
    groups: dict[lxml_html.HtmlElement, list[lxml_html.HtmlElement]] = {}
    for article in tree.iter("article"):
        parent = article.getparent()
        if parent is not None and parent.tag == "li":
            parent = parent.getparent()
        if parent is not None and not _is_comment(article):
            groups.setdefault(parent, []).append(article)
    for posts in groups.values():
        if len(posts) < MIN_POSTS:
            continue
        text = sum(len(" ".join(post.text_content().split())) for post in posts)
        links = sum(len(" ".join(a.text_content().split())) for p in posts for a in p.iter("a"))
        if text >= MIN_CONTENT_CHARS and links <= MAX_POST_LINK_SHARE * text:
            return posts
    return []


def stacked_stories(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The stories a page shows in full below its own: ``<article>`` elements (none inside
    another) with their own ``<h1>`` or ``<h2>`` and ``MIN_STORY_CHARS`` of text, when
    exactly one of them is headed with the page's title (``<title>`` or ``og:title``,
    outlet name aside) and the others with something else; else ``<main>`` elements so
    (an outlet that heads its ``<article>`` outside it, in each story's ``<main>``). []
    otherwise: a live blog's updates, a page of teasers, or a page whose article holds no
    heading."""
    return _stacked(tree, "article") or _stacked(tree, "main")


def _stacked(tree: lxml_html.HtmlElement, tag: str) -> list[lxml_html.HtmlElement]:
    """:func:`stacked_stories` among the ``tag`` elements."""
    stories = []
    for story in tree.iter(tag):
        heading = _OWN_HEADING(story)
        if (
            heading
            and next(story.iterancestors(tag), None) is None
            and len(" ".join(story.text_content().split())) >= MIN_STORY_CHARS
        ):
            stories.append((story, _words(heading[0].text_content())))
    if len(stories) < 2:
        return []
    titles = [_words(str(title)) for title in _TITLES(tree)]
    own = [a for a, heading in stories if _headed_with(heading, titles)]
    if len(own) != 1:
        return []
    return [a for a, heading in stories if a is not own[0] and not _headed_with(heading, titles)]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _headed_with(heading: str, titles: list[str]) -> bool:
    """Whether a heading is one of the page's titles, or the start of one ("Headline -
    Outlet")."""
    return len(heading.split()) >= 3 and any(
        t == heading or t.startswith(heading + " ") for t in titles
    )


def entry_times(tree: lxml_html.HtmlElement, min_words: int = 8) -> list[lxml_html.HtmlElement]:
    """The elements that head a live blog's updates with their time: at least
    ``MIN_POSTS`` of them, each showing only a date or time ("10.12.2026, 17:20 Uhr",
    "6:05 p.m. ET"; a ``<span>``, ``<b>`` or ``<strong>`` only a clock time, "11:40") and
    followed by an element of ``min_words`` words or more (its own next sibling, or its
    parent's when it is alone in a header). [] when there are fewer."""
    found = []
    for time in tree.iter("time", *_INLINE_TIME_TAGS):
        shown = " ".join(time.text_content().split())
        if not is_dateline(shown) or (time.tag != "time" and not _CLOCK_RE.match(shown)):
            continue
        after = time.getnext()
        if after is None and (parent := time.getparent()) is not None:
            after = parent.getnext()
        if after is not None and word_count(after.text_content()) >= min_words:
            found.append(time)
    return found if len(found) >= MIN_POSTS else []


def _as_paragraph(element: lxml_html.HtmlElement) -> None:
    """Show ``element``'s text as a paragraph of its own just before it (trafilatura drops
    ``<time>`` elements); the element stays, empty, for its attributes."""
    paragraph = etree.Element("p")
    paragraph.text = " ".join(element.text_content().split())
    element.addprevious(paragraph)
    for child in list(element):
        element.remove(child)
    element.text = None


def _is_comment(article: lxml_html.HtmlElement) -> bool:
    """A reader's comment (its class or id, or its list item's, says so)."""
    parent = article.getparent()
    names = [article.get("class"), article.get("id")]
    if parent is not None and parent.tag == "li":
        names += [parent.get("class"), parent.get("id")]
    return "comment" in " ".join(name for name in names if name).lower()


def prose_noscripts(tree: lxml_html.HtmlElement, min_words: int = 8) -> list[lxml_html.HtmlElement]:
    """The ``<noscript>`` blocks that hold two paragraphs or more of ``min_words`` words:
    an article's text for readers without scripts, not a tracking pixel or a notice."""
    return [
        block for block in tree.iter("noscript")
        if sum(len(p.text_content().split()) >= min_words for p in block.iter("p")) >= 2
    ]  # fmt: skip


def relayout(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The page with its layout tables as blocks, its ``<br>`` runs as paragraphs, and
    the posts of a live blog as blocks of one article, each headed by its time.

    Args:
        tree: A parsed page; left as it is.

    Returns:
        ``tree`` itself when no layout table holds ``MIN_CONTENT_CHARS`` of text and no
        ``post_series`` or ``entry_times`` are found, else a changed copy.
    """
    if prose_noscripts(tree):
        tree = copy.deepcopy(tree)
        for block in prose_noscripts(tree):
            block.drop_tag()
    if stacked_stories(tree):
        tree = copy.deepcopy(tree)
        for story in stacked_stories(tree):
            story.drop_tree()
    if post_series(tree) or entry_times(tree):
        page = copy.deepcopy(tree)
        for post in post_series(page):
            post.tag = "div"
        for time in entry_times(page):
            _as_paragraph(time)
        return _relayout_tables(page)
    return _relayout_tables(tree)


def _relayout_tables(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    if not any(
        is_layout_table(table)
        and (len(table.text_content()) >= MIN_CONTENT_CHARS or _HEADINGS(table))
        for table in tree.iter("table")
    ):
        return tree
    page = copy.deepcopy(tree)
    for table in [t for t in page.iter("table") if is_layout_table(t)]:
        # A timeline's cells are its paragraphs: an update's time and its text.
        tag = "p" if _timeline(_ROWS(table)) else "div"
        for element in (table, *_ROWS(table), *table.iterfind("tbody")):
            element.tag = "div"
        for cell in table.iter("td"):
            if cell.getparent() is not None and cell.getparent().tag == "div":
                cell.tag = tag
    for parent in [br.getparent() for br in page.iter("br") if _starts_run(br)]:
        if (
            parent is not None
            and parent.tag not in ("p", "li", "pre")
            and parent.find("br") is not None
        ):
            _split_paragraphs(parent)
    return page


def _starts_run(br: lxml_html.HtmlElement) -> bool:
    """A ``<br>`` followed by another with nothing but blanks between them."""
    after = br.getnext()
    return after is not None and after.tag == "br" and not (br.tail or "").strip()


def _split_paragraphs(parent: lxml_html.HtmlElement) -> None:
    """Wrap the inline runs of ``parent`` between ``<br>`` and blocks in ``<p>``.

    A text that separates paragraphs with ``<br><br>`` rarely breaks a line within one;
    splitting at every ``<br>`` spares trafilatura text after a ``<br>`` in a paragraph,
    which it moves after the paragraph that follows.
    """
    items: list[lxml_html.HtmlElement | str] = [parent.text or ""]
    for child in list(parent):
        items += [child, child.tail or ""]
        child.tail = None
        parent.remove(child)
    parent.text = None
    paragraph: list[lxml_html.HtmlElement | str] = []
    for item in items:
        tag = _tag(item)
        if tag not in _BLOCK_TAGS and tag != "br":
            paragraph.append(item)
            continue
        _append_paragraph(parent, paragraph)
        paragraph = []
        if tag != "br":
            parent.append(item)
    _append_paragraph(parent, paragraph)


def _tag(item: lxml_html.HtmlElement | str) -> str:
    """An element's tag; "" for text, comments and processing instructions."""
    return item.tag if not isinstance(item, str) and isinstance(item.tag, str) else ""


def _append_paragraph(
    parent: lxml_html.HtmlElement, items: list[lxml_html.HtmlElement | str]
) -> None:
    if not any(not isinstance(item, str) or item.strip() for item in items):
        return
    paragraph = etree.SubElement(parent, "p")
    last: lxml_html.HtmlElement | None = None
    for item in items:
        if isinstance(item, str):
            if last is None:
                paragraph.text = (paragraph.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            paragraph.append(item)
            last = item
