"""The gate's judgement by the story's names, end to end: a real ``collector grow`` over an
outlet served on loopback, with the shipped seeds (core names Haiti and Kenya)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
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


def article_html(
    title: str, paragraphs: Iterable[str], language: str = "en", dated: str = ""
) -> str:
    """A bare article page: its headline, then ``dated`` (markup, a ``<time>``), then its
    paragraphs."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>'
        f"{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>{dated}{body}"
        "</article></body></html>"
    )


class _Handler(Handler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        article = ARTICLES.get(self.path.strip("/").removeprefix("world/"))
        if article is None:
            self.send_error(404)
            return
        paragraphs = map(without_kenya, article.paragraphs)
        self.answer(200, "text/html", article_html(without_kenya(article.title), paragraphs))


@pytest.fixture(scope="module")
def outlet() -> Iterator[str]:
    with serving(_Handler) as url:
        yield url


def grown(
    tmp_path: Path, urls: list[str], setting: str, seeds: tuple[str, ...] = ()
) -> dict[str, tuple[str, str | None]]:
    """Each page's outcome (status, reason) after a crawl of ``urls`` alone, with ``setting``
    (and ``seeds``, else the shipped ones)."""
    db = tmp_path / "corpus.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), "--allow-private-hosts",
         *seeds,
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
        self.answer(200, "text/html", article_html(title, paragraphs))


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


# English seeds about a ransomware attack on a check-in supplier: its name, all but unknown
# in any language, is the one core name they agree on.
SUPPLIER_SEEDS = {
    "attack.txt": (
        "Ransomware attack on Valdorix halts check-in at Nordic airports",
        "A ransomware attack on Valdorix, which runs check-in and baggage systems for several "
        "Nordic airports, brought check-in to a standstill on Monday morning.\n"
        "Staff at Copenhagen wrote boarding passes by hand as queues stretched out of the "
        "terminal. Valdorix said its engineers had isolated the affected servers and were "
        "restoring them from backups.\n"
        "Police are investigating the attack. Valdorix said no passenger data had been "
        "stolen, but it could not yet say when its systems would be back.",
    ),
    "apology.txt": (
        "Valdorix chief apologises to stranded travellers",
        "The chief executive of Valdorix, the supplier of check-in software hit by a "
        "ransomware attack, apologised on Tuesday to travellers stranded at airports across "
        "the region.\nValdorix shares fell 14 percent. The company said a criminal group had "
        "encrypted its servers and demanded a ransom, which it would not pay.\n"
        "Check-in at Oslo and Copenhagen was still running on paper lists on Tuesday, with "
        "long queues at the baggage drop. Valdorix expects to restore its systems by Wednesday.",
    ),
}
SUPPLIER_PAGES = {
    # a German report on the attack: its only words the seeds share are the supplier's name
    "de/hackerangriff-valdorix": ("de", "Valdorix: Hackerangriff legt Kopenhagen lahm", [
        "Ein Hackerangriff auf den Dienstleister Valdorix hat am Montag die Abfertigung am "
        "Flughafen Kopenhagen lahmgelegt.",
        "Valdorix betreibt die Abfertigungs- und Gepäcksysteme mehrerer nordischer Flughäfen. "
        "Die Mitarbeiter schrieben Bordkarten von Hand.",
        "Nach Angaben von Valdorix wurden die betroffenen Server isoliert. Die Polizei "
        "ermittelt wegen Erpressung.",
        "Mehr als achtzig Flüge fielen aus; Reisende sollen vier Stunden vor dem Abflug am "
        "Flughafen sein.",
    ]),
    # in the seeds' language, the supplier's name and nothing else of the story
    "sport/valdorix-shirt-deal": ("en", "Valdorix renews shirt deal with FC Nordby", [
        "FC Nordby will wear the Valdorix logo on their shirts for three more seasons after "
        "the club and its sponsor signed a new deal on Friday.",
        "Valdorix has sponsored the club since 2019. The new deal is worth about two million "
        "euros a season, the club said.",
        "The coach said the players were proud to carry the Valdorix name and looked forward "
        "to the derby on Sunday.",
    ]),
}  # fmt: skip


class _SupplierHandler(Handler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if (page := SUPPLIER_PAGES.get(self.path.strip("/"))) is None:
            self.send_error(404)
            return
        language, title, paragraphs = page
        self.answer(200, "text/html", article_html(title, paragraphs, language))


def test_a_report_in_another_language_naming_the_unique_core_name_is_no_names_only(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, (title, text) in SUPPLIER_SEEDS.items():
        (seeds / name).write_text(f"{title}\n{text}\n", encoding="utf-8")
    with serving(_SupplierHandler) as outlet:
        urls = [f"{outlet}/{path}" for path in SUPPLIER_PAGES]
        outcomes = grown(tmp_path, urls, "COLLECTOR_MIN_TOPIC_SHARE=0.15", ("--seeds", str(seeds)))
    # Another language shares the story's names and none of its words: a report there
    # that names the supplier in every paragraph is judged by its score ...
    assert outcomes["hackerangriff-valdorix"] == ("stored", None)
    # ... while in the seeds' language, the name and nothing else of the story stays out.
    assert outcomes["valdorix-shirt-deal"] == ("rejected", "names-only")


# One seed (so no core names: the story is told by its names) about the supplier and the
# group that owns it, and a German report as an outlet sets it: the two names in its
# headline, its lead set apart (its class a lead's, the page's description repeating it)
# and its last paragraph, each in two lines only with the lead.
LEAD = "Valdorix und seine Muttergesellschaft Brenholt schweigen zu den Forderungen der Erpresser."
OWNER_SEED = (
    "Ransomware attack on Valdorix halts check-in at Nordic airports",
    "A ransomware attack on Valdorix, the check-in supplier owned by Brenholt, brought "
    "check-in at Nordic airports to a standstill on Monday.\n"
    "Brenholt said Valdorix engineers had isolated the servers. Valdorix staff wrote "
    "boarding passes by hand, and Brenholt shares fell nine percent.",
)
OWNER_PAGE = (
    "Hackerangriff auf Valdorix legt Flughäfen lahm",
    [
        "Ein Hackerangriff auf einen Dienstleister hat am Montag die Abfertigung an mehreren "
        "nordischen Flughäfen lahmgelegt; die Mitarbeiter schrieben Bordkarten von Hand.",
        "Die Polizei ermittelt wegen Erpressung. Mehr als achtzig Flüge fielen aus, und "
        "Reisende sollen vier Stunden vor dem Abflug am Flughafen sein, teilten die "
        "Betreiber mit. Die betroffenen Server wurden nach Angaben des Unternehmens "
        "isoliert und sollen bis Mittwoch wiederhergestellt werden.",
        "Die Aktie von Brenholt verlor am Montag neun Prozent.",
    ],
)


class _LeadHandler(Handler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.strip("/") != "de/hackerangriff":
            self.send_error(404)
            return
        title, paragraphs = OWNER_PAGE
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        self.answer(200, "text/html", (
            f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
            f'{escape(title)}</title><meta name="description" content="{escape(LEAD)}"></head>'
            f"<body><article><h1>{escape(title)}</h1><div class='content'>"
            f"<p class='article-lead'>{escape(LEAD)}</p>{body}</div></article></body></html>"
        ))  # fmt: skip


def test_a_standfirst_names_the_story_for_the_gate(tmp_path: Path) -> None:
    # The lead goes from the stored text, and still counts among the lines that name the
    # story's names: without it, each is named once and the report, in another language,
    # would be judged by its words.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "attack.txt").write_text("\n".join(OWNER_SEED) + "\n", encoding="utf-8")
    with serving(_LeadHandler) as outlet:
        outcomes = grown(
            tmp_path, [f"{outlet}/de/hackerangriff"], "COLLECTOR_STORY_MIN_NAMES=3",
            ("--seeds", str(seeds)),
        )  # fmt: skip
    assert outcomes["hackerangriff"] == ("stored", None)
    _, rows = Store(tmp_path / "corpus.duckdb").query("SELECT text FROM articles")
    assert rows and all(LEAD not in text for (text,) in rows)
