"""Pages of one outlet ("Kaya Times") in three templates, for the template-learning tests.

Every page carries two template lines the line cleaner does not know (a station slogan
and a contributors' disclaimer); three of its articles on the story repeat one quote,
which is article text and must stay. Bodies come from the demo web's article files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from loopback import Handler

from collector.demoweb.content import load_articles

SOURCE = "kaya.example"
SLOGAN = "Radio Kaya: sauti ya wananchi tangu 1998"
DISCLAIMER = (
    "Opinions expressed by contributors are their own and do not reflect the editorial "
    "policy of this newspaper."
)
QUOTE = '"We will stay until the job is done," Ruto told the officers at the base.'


@dataclass(frozen=True)
class Page:
    """One served page and what its article text must be."""

    url: str
    html: str
    offtopic: bool
    paragraphs: tuple[str, ...]


def wordpress(title: str, paras: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    return (
        f"<html><head><title>{escape(title)} | Kaya Times</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news/">News</a></nav><article class="post">'
        f'<h1 class="entry-title">{escape(title)}</h1><div class="entry-content">{body}'
        f"<p><em>{escape(DISCLAIMER)}</em></p><p><strong>{escape(SLOGAN)}</strong></p></div>"
        "</article><footer><p>© 2024 Kaya Times</p></footer></body></html>"
    )


def divsoup(title: str, paras: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    return (
        f"<html><head><title>{escape(title)} - Kaya Times</title></head><body><div id='wrap'>"
        f"<div class='ttl'><h1>{escape(title)}</h1></div><div class='txt'>"
        f"<p class='station'>{escape(SLOGAN)}</p>{body}<p>{escape(DISCLAIMER)}</p></div>"
        "<div class='ftr'><a href='/privacy/'>Privacy</a></div></div></body></html>"
    )


def storybody(title: str, paras: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    return (
        f"<html><head><title>{escape(title)}</title></head><body><article class='story'>"
        f"<h1>{escape(title)}</h1><section class='story-body'>{body}</section>"
        f"<div class='disclaimer'><p>{escape(DISCLAIMER)}</p></div>"
        f"<div class='tagline'><p>{escape(SLOGAN)}</p></div></article></body></html>"
    )


TEMPLATES: dict[str, Callable[[str, list[str]], str]] = {
    "wordpress": wordpress,
    "divsoup": divsoup,
    "storybody": storybody,
}


def outlet_pages(template: str, on_story: int = 5, off_story: int = 2) -> list[Page]:
    """The outlet's pages: ``on_story`` articles on the story (the first three quote
    Ruto), then ``off_story`` articles about something else."""
    render = TEMPLATES[template]
    articles = [a for a in load_articles() if len(a.paragraphs) >= 4]
    relevant = [a for a in articles if a.relevant][:on_story]
    offtopic = [a for a in articles if not a.relevant][:off_story]
    pages = []
    for i, article in enumerate(relevant + offtopic):
        paras = list(article.paragraphs)
        if i < 3:
            paras = [*paras[:2], QUOTE, *paras[2:]]
        url = f"https://{SOURCE}/news/{article.slug}"
        pages.append(Page(url, render(article.title, paras), not article.relevant, tuple(paras)))
    return pages


class KayaHandler(Handler):
    """Kaya Times on loopback (the divsoup template, seven story pages and three others),
    and a search provider's RSS answer listing them all to any query."""

    pages = {f"/news/{p.url.rsplit('/', 1)[1]}": p for p in outlet_pages("divsoup", 7, 3)}

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        host = self.headers["Host"]
        if self.path.startswith("/search?"):
            items = "".join(
                f"<item><title>{escape(p.html.split('<h1>')[1].split('</h1>')[0])}</title>"
                f"<link>http://{host}{path}</link></item>"
                for path, p in self.pages.items()
            )
            self.answer(200, "application/rss+xml", f"<rss><channel>{items}</channel></rss>")
        elif page := self.pages.get(self.path):
            self.answer(200, "text/html", page.html)
        else:
            self.send_error(404)

    @classmethod
    def story_paragraphs(cls, url: str) -> list[str]:
        """What the stored text of the story page served at ``url`` must be (by its slug);
        KeyError for a page off the story."""
        slug = url.rsplit("/", 1)[1]
        [page] = [p for p in cls.pages.values() if p.url.endswith(f"/{slug}") and not p.offtopic]
        return list(page.paragraphs)


def check_reextracted(texts: dict[str, str], changed: int) -> None:
    """What a crawl of :class:`KayaHandler` stores: each story page's paragraphs and nothing
    else, at least five pages (the first stored before three had taught the template), of
    which between one and all were extracted again as the crawl closed (``changed``)."""
    assert len(texts) >= 5
    stored = {url: text.splitlines() for url, text in texts.items()}
    assert stored == {url: KayaHandler.story_paragraphs(url) for url in texts}
    assert 1 <= changed <= len(texts)
