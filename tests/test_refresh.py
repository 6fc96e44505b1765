"""A stored article its outlet's sitemap says changed is asked again: real ``collector grow``
runs into one DuckDB file, against an outlet served on loopback whose article is updated
between runs. The outlet's second article is dated by its URL alone, its third by "3 hours
ago"; the search answer that lists them gives their time."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from loopback import Handler

from collector.demoweb.content import load_articles
from collector.store import Store

STORY = next(a for a in load_articles() if a.slug == "ruto-tours-haiti-base-gangs")
UPDATE = "Update: the president later said a further 600 officers would leave Nairobi in January."
DATED = next(
    a for a in load_articles()
    if a.relevant and a.language == "en" and not a.wire and a.slug != STORY.slug
)  # fmt: skip
DATED_PATH = "/2024/10/01/second-story"
AGO = next(
    a for a in load_articles()
    if a.relevant and a.language == "en" and not a.wire and a.slug not in (STORY.slug, DATED.slug)
)  # fmt: skip
AGO_PATH = "/world/third-story"
AGO_ANNOUNCED = timedelta(hours=3, minutes=20)  # before the search answer: "3 hours ago"


class Outlet(ThreadingHTTPServer):
    """One outlet: robots.txt naming its sitemap, the sitemap, one article; and a search
    answer listing the article."""

    paragraphs: list[str]
    lastmod: datetime
    article_hits: int
    headline: str  # the article's, on its page
    published: str  # the article's publication time, on its page
    announced: str  # the article's, in the search answer
    ago_announced: datetime  # the third article's time, in the search answer

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class _Handler(Handler):
    server: Outlet

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        web, path = self.server, self.path.partition("?")[0]
        if path == "/robots.txt":
            self.answer(
                200, "text/plain", f"User-agent: *\nAllow: /\nSitemap: {web.url('/sitemap.xml')}\n"
            )
        elif path == "/sitemap.xml":
            self.answer(200, "application/xml", (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{web.url('/world/ruto-tours-base')}</loc>"
                f"<lastmod>{web.lastmod.isoformat()}</lastmod></url></urlset>"
            ))  # fmt: skip
        elif path == "/search":
            self.answer(200, "application/rss+xml", (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>s</title><item>'
                f"<title>{escape(web.announced)}</title><link>{web.url('/world/ruto-tours-base')}"
                f"</link></item><item><title>{escape(DATED.title)}</title>"
                f"<link>{web.url(DATED_PATH)}</link>"
                "<pubDate>Tue, 01 Oct 2024 12:15:00 +0200</pubDate></item>"
                f"<item><title>{escape(AGO.title)}</title><link>{web.url(AGO_PATH)}</link>"
                f"<pubDate>{format_datetime(web.ago_announced)}</pubDate></item></channel></rss>"
            ))  # fmt: skip
        elif path == AGO_PATH:  # a relative date alone on the page
            body = "".join(f"<p>{escape(p)}</p>" for p in AGO.paragraphs)
            self.answer(200, "text/html", (
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>'
                f"{escape(AGO.title)}</title></head><body><article><h1>{escape(AGO.title)}"
                f'</h1><span class="date">3 hours ago</span>{body}</article></body></html>'
            ))  # fmt: skip
        elif path == DATED_PATH:  # no date on the page but in its URL
            body = "".join(f"<p>{escape(p)}</p>" for p in DATED.paragraphs)
            self.answer(200, "text/html", (
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>'
                f"{escape(DATED.title)}</title></head><body><article><h1>{escape(DATED.title)}"
                f"</h1>{body}</article></body></html>"
            ))  # fmt: skip
        elif path == "/world/ruto-tours-base":
            web.article_hits += 1
            body = "".join(f"<p>{escape(p)}</p>" for p in web.paragraphs)
            self.answer(200, "text/html", (
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f"<title>{escape(web.headline)}</title><meta property="
                f'"article:published_time" content="{web.published}"></head><body>'
                f"<article><h1>{escape(web.headline)}</h1>{body}</article></body></html>"
            ))  # fmt: skip
        else:
            self.send_error(404)


@pytest.fixture
def outlet() -> Iterator[Outlet]:
    server = Outlet(("127.0.0.1", 0), _Handler)
    server.paragraphs, server.article_hits = list(STORY.paragraphs), 0
    server.lastmod = datetime(2024, 10, 1, 8, tzinfo=UTC)
    server.headline = server.announced = STORY.title
    server.published = "2024-10-01T08:00:00Z"
    server.ago_announced = (datetime.now(UTC) - AGO_ANNOUNCED).replace(microsecond=0)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def grow(outlet: Outlet, db: Path, *extra: str) -> dict[str, int]:
    """One run; its stats."""
    result = subprocess.run(
        [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), "--allow-private-hosts",
         f"--search=rss={outlet.url('/search')}?q={{query}}", "--set=DOWNLOAD_DELAY=0",
         "--set=AUTOTHROTTLE_ENABLED=0", *extra],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    _, rows = Store(db).query("SELECT stats FROM runs ORDER BY id DESC LIMIT 1")
    return dict(json.loads(rows[0][0]))


def stored(db: Path) -> list[tuple[int, str, int]]:
    query = "SELECT id, text, run_id FROM articles WHERE NOT is_seed AND url LIKE '%ruto%'"
    return Store(db).query(query)[1]


def test_articles_dated_vaguely_take_the_time_their_search_entry_gives(
    outlet: Outlet, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    grow(outlet, db)
    query = "SELECT published_at, date_source FROM articles WHERE url LIKE '%second-story'"
    assert Store(db).query(query)[1] == [(datetime(2024, 10, 1, 10, 15), "feed")]
    query = "SELECT published_at, date_source FROM articles WHERE url LIKE '%third-story'"
    assert Store(db).query(query)[1] == [(outlet.ago_announced.replace(tzinfo=None), "feed")]


def test_an_article_updated_since_the_last_run_is_stored_again(
    outlet: Outlet, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    grow(outlet, db)
    [(article, text, run)] = stored(db)
    assert UPDATE not in text and outlet.article_hits == 1

    outlet.paragraphs.append(UPDATE)
    outlet.lastmod = datetime.now(UTC)  # after the first run began
    stats = grow(outlet, db)
    assert stats.get("store/articles_refreshed") == 1
    [(same, text, same_run)] = stored(db)
    assert (same, same_run) == (article, run) and text.endswith(UPDATE)
    assert outlet.article_hits == 2

    grow(outlet, db)  # the sitemap says nothing changed since: not asked again
    assert outlet.article_hits == 2
    outlet.lastmod = datetime.now(UTC)  # changed, says the sitemap, but the text did not
    stats = grow(outlet, db)
    assert outlet.article_hits == 3 and "store/articles_refreshed" not in stats
    assert [text for _, text, _ in stored(db)] == [text]


def test_a_recent_article_is_asked_again_once_whatever_its_sitemap_says(
    outlet: Outlet, tmp_path: Path
) -> None:
    # The outlet updates the article and its sitemap still gives the time of before the
    # first run. Rechecks count from the first fetch (a moment here) and the publication
    # (years ago here: the window is widened to reach it).
    db = tmp_path / "corpus.duckdb"
    recheck = (
        "--set=COLLECTOR_RECHECK_AFTER_HOURS=0.0001",
        "--set=COLLECTOR_RECHECK_WITHIN_HOURS=1e6",
    )
    grow(outlet, db, *recheck)
    assert outlet.article_hits == 1
    outlet.paragraphs.append(UPDATE)
    stats = grow(outlet, db, *recheck)
    assert stats.get("store/articles_refreshed") == 1 and outlet.article_hits == 2
    assert stored(db)[0][1].endswith(UPDATE)
    grow(outlet, db, *recheck)  # once only
    assert outlet.article_hits == 2


def test_an_updated_article_keeps_its_publication_date(outlet: Outlet, tmp_path: Path) -> None:
    # The outlet now gives the update's time as the article's: a publication date does not
    # move later.
    db = tmp_path / "corpus.duckdb"
    grow(outlet, db)
    outlet.paragraphs.append(UPDATE)
    outlet.lastmod = datetime.now(UTC)
    outlet.published = "2024-10-02T09:30:00Z"
    assert grow(outlet, db).get("store/articles_refreshed") == 1
    query = "SELECT published_at, modified_at, text FROM articles WHERE url LIKE '%ruto-tours-base'"
    [(published, modified, text)] = Store(db).query(query)[1]
    assert published == datetime(2024, 10, 1, 8) and text.endswith(UPDATE)
    assert modified == datetime(2024, 10, 2, 9, 30)  # the time the page gives now
    # and so it stays when the stored page is extracted again
    reextract = [sys.executable, "-m", "collector.cli", "reextract", "--db", str(db)]
    assert subprocess.run(reextract, capture_output=True, timeout=300).returncode == 0
    assert Store(db).query(query)[1] == [(published, modified, text)]


def test_refreshing_can_be_turned_off(outlet: Outlet, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    grow(outlet, db)
    outlet.paragraphs.append(UPDATE)
    outlet.lastmod = datetime.now(UTC)
    grow(outlet, db, "--set=COLLECTOR_REFRESH_UPDATED=0")
    assert outlet.article_hits == 1
    assert UPDATE not in stored(db)[0][1]


def test_an_article_announced_under_a_new_headline_is_stored_again(
    outlet: Outlet, tmp_path: Path
) -> None:
    # The sitemap says nothing changed; the search answer lists the article under the
    # headline its outlet rewrote when it updated the story.
    db = tmp_path / "corpus.duckdb"
    outlet.announced = f"{STORY.title} - The Outlet"  # the announcer's own suffix: no change
    grow(outlet, db)
    grow(outlet, db)
    assert outlet.article_hits == 1

    outlet.paragraphs.append(UPDATE)
    outlet.headline = outlet.announced = "Ruto sends 600 more officers after touring Haiti base"
    stats = grow(outlet, db)
    assert stats.get("store/articles_refreshed") == 1 and outlet.article_hits == 2
    assert stored(db)[0][1].endswith(UPDATE)
    grow(outlet, db)  # the stored headline is the new one now: not asked again
    assert outlet.article_hits == 2
