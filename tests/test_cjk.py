"""A story told in Chinese, end to end: a real ``collector grow`` from Chinese text seeds over
an outlet served on loopback, found through a search provider's RSS answer in Chinese. The
pages carry Chinese boilerplate (a "热门新闻" list, an inline "相关阅读：" link, a "责任编辑："
credit); two are about the story, two off it share its place names, and one is a reprint.
A Japanese page is extracted and dated too."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import pytest
from loopback import Handler, serving

from collector.extraction import extract_article
from collector.search import search
from collector.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "cjk"
PAGES: dict[str, dict[str, Any]] = json.loads((FIXTURES / "pages_zh.json").read_text("utf-8"))
PROMO = ("上海今冬首场降雪将至", "沪指收盘上涨0.5%")


def page(slug: str, outlet: str, wire: bool, meta: bool = True) -> str:
    """An article page as a Chinese portal builds it; ``wire``: a reprint of another
    desk's report, with its source line on top; ``meta``: with its date in a meta tag
    besides the one it shows (in Beijing time)."""
    article = PAGES[slug]
    paragraphs = list(article["paragraphs"])
    paragraphs.insert(2, f"相关阅读：{PROMO[0]}")
    if wire:
        paragraphs.insert(0, "来源：新华社")
    shown = datetime.fromisoformat(article["published"]).strftime("%Y年%m月%d日 %H:%M")
    body = "".join(f"<p>{escape(p)}</p>" for p in (*paragraphs, "责任编辑：李华"))
    promo = "".join(f'<li><a href="/news/{i}">{escape(t)}</a></li>' for i, t in enumerate(PROMO))
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(article['title'])}_{outlet}</title>"
        + (f'<meta property="article:published_time" content="{article["published"]}">' * meta)
        + "</head>"
        f'<body><header><nav><a href="/">首页</a> <a href="/news/">新闻</a> <a href="/finance/">'
        f"财经</a></nav></header><main><article><h1>{escape(article['title'])}</h1>"
        f'<div class="meta"><span>{shown}</span> <span>{outlet}</span></div>{body}</article>'
        f"<aside><h3>热门新闻</h3><ul>{promo}</ul></aside></main>"
        f"<footer><p>版权所有 © 2026 {outlet}</p></footer></body></html>"
    )


REPRINT = "wire/shanghai-blast-inquiry"


def search_answer(host: str) -> str:
    """The provider's RSS answer to any query: every page, the reprint under its own title."""
    entries = [(f"news/{slug}", article["title"]) for slug, article in PAGES.items()]
    entries.append((REPRINT, "【转载】" + PAGES["shanghai-blast-inquiry"]["title"]))
    items = "".join(
        f"<item><title>{escape(title)}</title><link>http://{host}/{path}</link>"
        "<pubDate>Sun, 09 Nov 2025 02:00:00 GMT</pubDate></item>"
        for path, title in entries
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>s</title>{items}</channel></rss>'
    )


class _Handler(Handler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.startswith("/search?"):
            self.answer(200, "application/rss+xml", search_answer(self.headers["Host"]))
            return
        section, _, slug = self.path.strip("/").partition("/")
        if slug not in PAGES or section not in ("news", "wire"):
            self.send_error(404)
            return
        outlet = "东方日报" if section == "news" else "沪上晚报"
        self.answer(200, "text/html", page(slug, outlet, wire=section == "wire"))


@pytest.fixture(scope="module")
def outlet() -> Iterator[str]:
    with serving(_Handler) as url:
        yield url


@pytest.fixture(scope="module")
def corpus(outlet: str, tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("zh") / "corpus.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), "--allow-private-hosts",
         "--seeds", str(FIXTURES / "seeds_zh"), f"--search=rss={outlet}/search?q={{query}}",
         "--set=COLLECTOR_RELEVANCE_FEEDBACK_WAIT=0"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return Store(db)


def test_chinese_seeds_are_read_by_their_words(corpus: Store) -> None:
    _, rows = corpus.query("SELECT count(*) FROM corpus WHERE is_seed")
    assert rows == [(2,)]


def test_the_chinese_report_on_the_story_is_stored_clean(corpus: Store) -> None:
    _, rows = corpus.query(
        "SELECT text, language, published_at FROM corpus WHERE url LIKE '%shanghai-blast-inquiry'"
    )
    [(text, language, published)] = rows
    assert text.splitlines() == PAGES["shanghai-blast-inquiry"]["paragraphs"]
    assert language == "zh"
    assert published == datetime(2025, 11, 8, 1, 30)  # UTC


def outcome(corpus: Store, slug: str) -> tuple[str, str | None]:
    _, rows = corpus.query(f"SELECT status, reason FROM leads WHERE url LIKE '%/news/{slug}'")
    [row] = rows
    return row


def test_a_report_on_a_new_turn_of_the_story_is_found(corpus: Store) -> None:
    # The victims' families: a headline sharing two of the seeds' words.
    assert outcome(corpus, "blast-victims-compensation") == ("stored", None)


def test_pages_sharing_only_the_storys_places_are_not_kept(corpus: Store) -> None:
    assert outcome(corpus, "pudong-marathon") == ("rejected", "off-topic")
    assert outcome(corpus, "shanghai-metro-line-18")[0] in ("rejected", "skipped")


def test_the_reprint_and_the_report_are_one_article(corpus: Store) -> None:
    _, rows = corpus.query(
        "SELECT d.url, d.method, a.url FROM duplicates d JOIN corpus a ON a.id = d.article_id "
        "WHERE d.url LIKE '%shanghai-blast-inquiry'"
    )
    [(copy, method, original)] = rows
    assert method in ("hash", "jaccard", "containment")
    assert {copy.split("/")[-2], original.split("/")[-2]} == {"news", "wire"}


def test_a_chinese_search_matches_words_inside_the_text(corpus: Store) -> None:
    # Uncut, the index would take a whole clause for one word and match none of these.
    result = search(corpus, "刑事强制措施")
    assert result.method == "bm25" and result.warnings == ()
    assert [row[-1].rsplit("/", 1)[-1] for row in result.rows] == ["shanghai-blast-inquiry"]


def japanese_page() -> tuple[str, list[str]]:
    """A Japanese article page (its date shown in Japan's time only, a "関連記事" link in
    the text and a list of them after it) and the article's paragraphs."""
    story = json.loads((FIXTURES / "ja.json").read_text("utf-8"))["story"][0]
    title, *paragraphs = story.split("\n")
    shown = [*paragraphs[:2], "【関連記事】江東区倉庫火災　運営会社に立ち入り検査", *paragraphs[2:]]
    html = (
        f'<html lang="ja"><head><meta charset="utf-8"><title>{escape(title)}｜東都新聞</title>'
        f'</head><body><header><a href="/">トップ</a> <a href="/national/">社会</a></header>'
        f'<article><h1>{escape(title)}</h1><p class="date">2025年11月6日 15時20分</p>'
        + "".join(f"<p>{escape(p)}</p>" for p in shown)
        + '<div class="related"><h2>関連記事</h2><ul><li><a href="/a">東京都、保育料を無償化へ'
        '</a></li><li><a href="/b">江東区で火災相次ぐ</a></li></ul></div></article>'
        "<footer>Copyright © 東都新聞社 All rights reserved.</footer></body></html>"
    )
    return html, paragraphs


def test_a_japanese_page_gives_its_article_and_the_time_it_shows() -> None:
    html, paragraphs = japanese_page()
    fetched = datetime(2025, 11, 7, tzinfo=UTC)
    article = extract_article(html, "https://example.jp/national/k10014.html", fetched)
    assert article is not None and article.language == "ja"
    assert article.text.splitlines() == paragraphs
    assert article.published_at == datetime(2025, 11, 6, 6, 20, tzinfo=UTC)  # 15:20 JST
    assert article.outlet == "東都新聞"  # from "<headline>｜東都新聞"


def test_a_chinese_page_is_dated_in_beijing_time_by_the_date_it_shows() -> None:
    html = page("shanghai-blast-inquiry", "东方日报", wire=False, meta=False)
    fetched = datetime(2025, 11, 9, tzinfo=UTC)
    article = extract_article(html, "https://example.cn/news/shanghai-blast-inquiry", fetched)
    assert article is not None
    assert article.published_at == datetime(2025, 11, 8, 1, 30, tzinfo=UTC)  # 09:30 CST
    assert article.outlet == "东方日报"  # from "<headline>_东方日报"
