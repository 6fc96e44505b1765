"""Tests for collector.boilerplate: learning each outlet's template blocks from its pages."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import pytest
from template_pages import DISCLAIMER, QUOTE, SLOGAN, SOURCE, TEMPLATES, outlet_pages

from collector.boilerplate import (
    BlockCount,
    LearnRule,
    TemplateLearner,
    is_template,
    page_blocks,
    reads_as_prose,
    template_blocks,
)
from collector.cleaning import normalise_line
from collector.demoweb import DemoWeb
from collector.extraction import extract_article
from collector.store import Store
from collector.urls import outlet_of

T0 = datetime(2024, 9, 23, 12, 0, tzinfo=UTC)
RULE = LearnRule()


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        ("Audio By Carbonatix", False),
        ("Radio Kaya: sauti ya wananchi tangu 1998", False),
        ("Subscribe to get the latest posts sent to your email.", True),
        ('"We will stay until the job is done," Ruto told the officers.', True),
        ("Opinions expressed by contributors are their own and not the newspaper's.", True),
        ("Kenya's police in Haiti: what happens next", False),
        ("Seven words here but ending like this.", False),
    ],
)
def test_reads_as_prose(line: str, prose: bool) -> None:
    assert reads_as_prose(line) is prose


def test_page_blocks_are_distinct_normalised_and_short() -> None:
    long_line = "word " * 100
    blocks = page_blocks(["Audio By Carbonatix", "  AUDIO by   carbonatix ", "", long_line, "—"])
    assert blocks == {"audio by carbonatix": "Audio By Carbonatix"}


def _count(text: str, pages: int, offtopic: int = 0) -> BlockCount:
    return BlockCount(text, pages, offtopic, T0, T0)


@pytest.mark.parametrize(
    ("block", "outlet_pages", "expected"),
    [
        (_count("Audio By Carbonatix", 3), 3, True),
        (_count("Audio By Carbonatix", 2), 2, False),  # fewer than three pages
        (_count("Audio By Carbonatix", 3), 11, False),  # under 30% of the outlet's pages
        (_count("Audio By Carbonatix", 4), 12, True),
        # prose repeated on pages of the story only: a quote or background paragraph
        (_count("Gangs control most of the capital, the UN said on Monday.", 9), 10, False),
        (_count("Gangs control most of the capital, the UN said on Monday.", 9, 1), 10, True),
    ],
)
def test_is_template(block: BlockCount, outlet_pages: int, expected: bool) -> None:
    assert is_template(block, _count("host", outlet_pages), RULE) is expected


def test_template_blocks_picks_the_accepted_keys() -> None:
    blocks = {"a b c": _count("a b c", 5), "d e f": _count("d e f", 1)}
    assert template_blocks(blocks, _count("host", 5), RULE) == frozenset({"a b c"})


def test_learner_counts_each_url_once_and_adds_stored_counts() -> None:
    learner = TemplateLearner(RULE)
    learner.load("x.example", _count("x.example", 2), {"footer": _count("Footer", 2)})
    assert learner.templates("x.example") == frozenset()
    assert learner.observe("x.example", "https://x.example/1", ["Footer"], False, T0)
    assert not learner.observe("x.example", "https://x.example/1", ["Footer"], False, T0)
    assert learner.templates("x.example") == frozenset({"footer"})
    assert learner.pending_pages() == 1


def test_pending_counts_are_kept_until_stored() -> None:
    learner = TemplateLearner(RULE)
    later = T0 + timedelta(hours=1)
    learner.observe("x.example", "https://x.example/1", ["Footer", "Story"], True, T0)
    learner.observe("x.example", "https://x.example/2", ["Footer"], False, later)
    pending = learner.pending()
    outlet, blocks, forgotten = pending["x.example"]
    assert forgotten == frozenset()
    assert (outlet.pages, outlet.offtopic_pages) == (2, 1)
    assert (blocks["footer"].pages, blocks["footer"].offtopic_pages) == (2, 1)
    assert (blocks["footer"].first_seen, blocks["footer"].last_seen) == (T0, later)
    assert learner.pending() == pending  # nothing is lost before the store has it
    learner.mark_stored()
    assert learner.pending() == {} and learner.pending_pages() == 0
    learner.observe("x.example", "https://x.example/3", ["Footer"], False, later)
    assert learner.templates("x.example") == frozenset({"footer"})  # 3 of 3 pages


def _page(i: int) -> list[str]:
    """Page ``i`` of a busy outlet: five lines of its own and template lines of several
    frequencies (the listen link arrives with a redesign at page 1,500)."""
    lines = [f"Line {j} of story {i}, seen on this page only." for j in range(5)]
    lines.append("Follow us on Telegram")
    if i % 3 == 0:
        lines.append("Sponsored content")
    if i % 5 == 0:
        lines.append("Advertisement")  # on 20% of the pages: under the share
    if i >= 1500:
        lines.append("Listen to this article")
    return lines


def test_counts_stay_bounded_and_every_template_is_still_found() -> None:
    learner = TemplateLearner(RULE)
    for i in range(3000):
        learner.observe("x.example", f"https://x.example/{i}", _page(i), False, T0)
    outlet, blocks = learner.counts("x.example")
    assert outlet.pages == 3000
    # 15,000 lines of their own were seen; only the latest few buckets' are still counted
    assert len(blocks) < 2 * 5 * RULE.forget_pages
    expected = {"Follow us on Telegram", "Sponsored content", "Listen to this article"}
    assert learner.templates("x.example") == {normalise_line(t) for t in expected}
    # a count misses at most one page in forget_pages, and only for a late block
    assert blocks[normalise_line("Follow us on Telegram")].pages == 3000
    assert blocks[normalise_line("Listen to this article")].pages >= 1500 - 3000 / 30


def test_stored_counts_match_the_learner_after_forgetting(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    learner = TemplateLearner(RULE)
    for i in range(200):
        learner.observe("x.example", f"https://x.example/{i}", _page(i), False, T0)
        if i % 40 == 39:  # flushed as the crawl does, every few pages
            pending = learner.pending()
            assert pending["x.example"].forgotten or i < RULE.forget_pages
            store.add_template_counts(pending)
            learner.mark_stored()
    assert store.template_counts("x.example") == learner.counts("x.example")
    again = TemplateLearner(RULE)
    again.load("x.example", *store.template_counts("x.example"))
    assert again.templates("x.example") == learner.templates("x.example")


# -- one outlet's pages in three templates: template lines the cleaner does not know,
# -- and a quote the outlet repeats across its articles on the story


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_learned_template_lines_go_and_every_paragraph_and_quote_stays(template: str) -> None:
    pages = outlet_pages(template)
    learner = TemplateLearner(RULE)
    for page in pages:
        first = extract_article(page.html, page.url, T0)
        assert first is not None
        # the line cleaner alone keeps these lines: only learning across pages finds them
        assert {SLOGAN, DISCLAIMER} <= set(first.text.splitlines())
        learner.observe(SOURCE, page.url, first.blocks, page.offtopic, T0)
    templates = learner.templates(SOURCE)
    assert templates == {normalise_line(SLOGAN), normalise_line(DISCLAIMER)}
    assert sum(QUOTE in page.paragraphs for page in pages) == 3
    for page in pages:
        again = extract_article(page.html, page.url, T0, template_blocks=templates)
        assert again is not None
        assert tuple(again.text.splitlines()) == page.paragraphs
        removed = [text for text, reason in again.removed if reason == "template"]
        assert sorted(removed) == sorted([SLOGAN, DISCLAIMER])


def test_a_page_keeps_its_own_teaser_even_when_the_outlet_repeats_it() -> None:
    paras = [
        "Kenya will send 600 more police officers to Haiti next month, President Ruto said.",
        "The officers will join about 400 Kenyans already deployed in Port-au-Prince.",
        "Gangs control most of the capital and the roads leading out of it, the UN says.",
    ]
    html = (
        '<html><head><meta name="description" content="' + escape(paras[0]) + '">'
        '<meta property="article:published_time" content="2024-09-23T10:00:00Z"></head>'
        "<body><article><h1>Kenya to send 600 more police</h1>"
        + "".join(f"<p>{escape(p)}</p>" for p in paras)
        + "</article></body></html>"
    )
    article = extract_article(
        html, "https://x.example/a", T0, template_blocks=frozenset({normalise_line(paras[0])})
    )
    assert article is not None
    assert article.text.splitlines() == paras


# -- measured on the demo web: what the learning takes for template


def test_on_the_demo_web_only_boilerplate_is_learned() -> None:
    learner = TemplateLearner(RULE)
    with DemoWeb() as web:
        truth = web.truth
        for url in sorted(truth.relevant | truth.offtopic):
            with urllib.request.urlopen(url, timeout=10) as answer:
                html = answer.read().decode("utf-8")
            article = extract_article(html, url, datetime.now(UTC))
            assert article is not None, url
            learner.observe(outlet_of(url), url, article.blocks, url in truth.offtopic, T0)
        learned = {k for base in web.outlets.values() for k in learner.templates(outlet_of(base))}
    promo = {normalise_line(line) for line in truth.promo_lines}
    paragraphs = {normalise_line(p) for ps in truth.paragraphs.values() for p in ps}
    assert learned, "the demo outlets repeat boilerplate on three pages or more"
    assert learned <= promo
    assert not learned & paragraphs
