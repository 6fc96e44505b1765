"""The gate's judgement by the story's names, end to end: a real ``collector grow`` over an
outlet served on loopback, with the shipped seeds (core names Haiti and Kenya)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from loopback import Handler, serving

from collector.demoweb.content import load_articles
from collector.store import Store

ARTICLES = {a.slug: a for a in load_articles()}


def without_kenya(text: str) -> str:
    """The text as a report that never names the mission's lead nation would be."""
    return re.sub(r"\bKenya(?:n|ns|'s)?\b", "the lead nation", text)


# slug -> the page's article; both leave out Kenya, a core name.
PAGES = {
    # names Haiti, Ruto, the MSS, the multinational mission: the story, told locally
    "ruto-tours-haiti-base-gangs": "local",
    # names Haiti and little else of the story
    "haiti-deployment-court-challenge": "vague",
}


class _Handler(Handler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        article = ARTICLES.get(self.path.strip("/").removeprefix("world/"))
        if article is None:
            self.send_error(404)
            return
        title = without_kenya(article.title)
        body = "".join(f"<p>{escape(without_kenya(p))}</p>" for p in article.paragraphs)
        self.answer(200, "text/html", (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
            f"</title></head><body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
        ))  # fmt: skip


@pytest.fixture(scope="module")
def outlet() -> Iterator[str]:
    with serving(_Handler) as url:
        yield url


def grown(tmp_path: Path, urls: list[str], setting: str) -> dict[str, tuple[str, str | None]]:
    """Each page's outcome (status, reason) after a crawl of ``urls`` alone, with ``setting``."""
    db = tmp_path / "corpus.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), "--allow-private-hosts",
         "--set=COLLECTOR_SEARCH=", "--max-depth=0", "--set=COLLECTOR_RELEVANCE_FEEDBACK_WAIT=0",
         f"--set={setting}", *(f"--start-url={url}" for url in urls)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    _, rows = Store(db).query("SELECT url, status, reason FROM leads WHERE status <> 'source'")
    return {url.rsplit("/", 1)[-1]: (status, reason) for url, status, reason in rows}


@pytest.mark.parametrize("min_names", [3, 0])
def test_a_report_leaving_out_one_core_name_is_judged_by_the_storys_names(
    outlet: str, tmp_path: Path, min_names: int
) -> None:
    urls = [f"{outlet}/world/{slug}" for slug in PAGES]
    outcomes = grown(tmp_path, urls, f"COLLECTOR_STORY_MIN_NAMES={min_names}")
    assert outcomes["haiti-deployment-court-challenge"] == ("rejected", "off-core")
    local = ("stored", None) if min_names else ("rejected", "off-core")
    assert outcomes["ruto-tours-haiti-base-gangs"] == local


FRIENDLY = (
    "Kenya beat Haiti in Port-au-Prince friendly",
    [
        "Kenya's national football team beat Haiti 2-1 in a friendly match in Port-au-Prince "
        "on Sunday, with Kenyan striker Michael Olunga scoring twice before the break.",
        "President William Ruto congratulated the Kenyan players after the match in "
        "Port-au-Prince, the first ever played between Kenya and Haiti.",
        "Haiti's coach said his players had lacked fitness; Kenya's coach praised the crowd "
        "that filled the stadium in Port-au-Prince.",
        "The Kenyan squad flies home from Haiti on Tuesday before a qualifier against Uganda "
        "in Nairobi next month.",
    ],
)


class _FriendlyHandler(Handler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.strip("/") == "sport/kenya-haiti-friendly":
            title, paragraphs = FRIENDLY
        elif article := ARTICLES.get(self.path.strip("/").removeprefix("world/")):
            title, paragraphs = article.title, article.paragraphs
        else:
            self.send_error(404)
            return
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        self.answer(200, "text/html", (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
            f"</title></head><body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
        ))  # fmt: skip


@pytest.mark.parametrize("share", [0.2, 0.0])
def test_a_report_matching_the_story_by_its_names_alone_is_off_topic(
    tmp_path: Path, share: float
) -> None:
    # A football match between the two countries, in the capital, names every core name.
    with serving(_FriendlyHandler) as outlet:
        urls = [
            f"{outlet}/sport/kenya-haiti-friendly",
            f"{outlet}/world/ruto-tours-haiti-base-gangs",
        ]
        outcomes = grown(tmp_path, urls, f"COLLECTOR_MIN_TOPIC_SHARE={share}")
    assert outcomes["ruto-tours-haiti-base-gangs"] == ("stored", None)
    friendly = ("rejected", "names-only") if share else ("stored", None)
    assert outcomes["kenya-haiti-friendly"] == friendly
