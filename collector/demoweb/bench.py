"""A larger and harder news web for the lead-discovery benchmark, generated from templates.

:func:`generate` builds, deterministically from a seed, twelve outlets and about 150
articles from the sentence templates of :mod:`collector.demoweb.benchtext`: relevant
coverage of the Kenya-led mission in Haiti (with syndicated copies), hard negatives that
share the story's names and generic news. Relevant articles are reachable in different
ways: search, an outlet's feed, its news sitemap, its home and section pages (outlets with
neither feed nor sitemap), or only through links from other relevant articles.

:class:`BenchWeb` serves it with the demo web's machinery plus what the demo does not
have: outlets without feeds or sitemaps, feeds that hold only the newest entries, and
crawler traps (endless calendars, endless pagination, ever-deeper relative links, session
ids) and robots-disallowed links with topical anchors. Every request is logged, so a
benchmark counts exactly what a crawl fetched.

Example:
    >>> from collector.demoweb.bench import BenchWeb
    >>> with BenchWeb() as web:
    ...     len(web.outlets) >= 10 and len(web.bench.relevant) >= 30
    True
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.message import Message
from html import escape
from types import MappingProxyType
from urllib.parse import urlsplit

from collector.demoweb import feeds
from collector.demoweb.apps import (
    PLAIN,
    XML,
    App,
    OutletApp,
    Response,
    article_path,
    conditional,
    text,
)
from collector.demoweb.benchtext import (
    FILLER,
    GENERIC,
    HARD,
    OUTLET_NAMES,
    PASSING,
    RELEVANT,
    SLOTS,
    Topic,
)
from collector.demoweb.content import Article, Outlet, load_outlets
from collector.demoweb.server import DemoWeb
from collector.demoweb.templates import Site, render_listing, slugify

TEMPLATES = ("wordpress", "storybody", "divsoup", "reaction", "newspaper")
PATHS = (
    "/{yyyy}/{mm}/{dd}/{slug}/",
    "/{section}/{slug}",
    "/news/{slug}.html",
    "/article/{id}/{slug}",
    "/{section}/{slug}-{yyyy}{mm}{dd}",
)
TRAP_KINDS = ("calendar", "pagination", "deep", "session")
START = datetime(2024, 6, 20, 6, 0, tzinfo=UTC)
_ALTERNATE = re.compile(r'<link rel="alternate"[^>]*>')
_DEEP = re.compile(r"^(?P<article>.*?)/?(?:more/)+$")


@dataclass(frozen=True)
class OutletPlan:
    """What an outlet of the benchmark web offers beyond its article pages."""

    feed: bool
    sitemap: bool
    feed_size: int
    traps: frozenset[str]


@dataclass(frozen=True)
class BenchContent:
    """The generated web: outlets, articles, and each outlet's plan."""

    outlets: list[Outlet]
    articles: list[Article]
    plans: Mapping[str, OutletPlan]


@dataclass(frozen=True)
class BenchTruth:
    """Ground truth of a served benchmark web (absolute URLs, as served).

    Attributes:
        relevant: Relevant article URLs (syndicated copies included).
        story: Relevant URL -> story id; syndicated copies share one.
        offtopic: Off-topic article URLs.
        hard: The off-topic URLs that share the story's names.
        reach: Relevant URL -> how it can be found: ``search``, ``feed``, ``sitemap``,
            ``listing`` (home and section pages) or ``link`` (only from other articles).
        private: Outlet base URL -> its robots-disallowed path prefixes.
    """

    relevant: frozenset[str]
    story: Mapping[str, str]
    offtopic: frozenset[str]
    hard: frozenset[str]
    reach: Mapping[str, str]
    private: Mapping[str, tuple[str, ...]]

    def is_disallowed(self, base: str, target: str) -> bool:
        """Whether robots.txt of the outlet at ``base`` disallows a request target."""
        path = urlsplit(target).path
        return any(path.startswith(p) for p in self.private.get(base, ()))

    @staticmethod
    def is_trap(target: str) -> bool:
        """Whether a request target is a trap page (calendar, pagination, deep, session)."""
        parts = urlsplit(target)
        return (
            parts.path.startswith(("/archive/", "/latest/page/"))
            or "/more/" in parts.path
            or "sessionid=" in parts.query
        )


class _Filler:
    """Fills ``{slot}`` placeholders; ``{slot2}`` is another value than ``{slot}``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.values: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self.values:
            base = key.removesuffix("2")
            taken = {v for k, v in self.values.items() if k in (base, base + "2")}
            options = [v for v in SLOTS[base] if v not in taken] or list(SLOTS[base])
            self.values[key] = self.rng.choice(options)
        return self.values[key]

    def fill(self, template: str) -> str:
        return template.format_map(self)


def _compose(rng: random.Random, topic: Topic, filler: _Filler, extra: list[Topic]) -> list[str]:
    """Paragraphs for one article: the lead, the topic's sentences mixed with a related
    topic's, a quote, and for off-topic articles sometimes a passing mention of the story."""
    body = rng.sample(topic.body, min(len(topic.body), rng.randint(4, 6)))
    for other in extra:
        body += rng.sample(other.body, 2)
    rng.shuffle(body)
    paragraphs = [filler.fill(rng.choice(topic.leads))]
    while body:
        take = rng.randint(1, 2)
        paragraphs.append(" ".join(filler.fill(s) for s in body[:take]))
        body = body[take:]
    if topic.quotes:
        speaker = filler["commander"] if topic.kind == "relevant" else "an official"
        quote = f'"{rng.choice(topic.quotes)}," {speaker} said.'
        paragraphs.insert(rng.randint(2, len(paragraphs)), quote[0].upper() + quote[1:])
    return paragraphs


def _outlets(rng: random.Random) -> tuple[list[Outlet], dict[str, OutletPlan]]:
    demo = {o.template: o for o in load_outlets()}
    outlets, plans = [], {}
    for i, (name, country) in enumerate(OUTLET_NAMES):
        base = demo[TEMPLATES[i % len(TEMPLATES)]]
        key = slugify(name)
        sections = dict(rng.sample(
            [("world", "World"), ("africa", "Africa"), ("americas", "Americas"),
             ("politics", "Politics"), ("business", "Business"), ("sport", "Sport"),
             ("news", "News")], 4))  # fmt: skip
        promo = {k: v.replace(base.name, name) for k, v in base.promo.items()}
        outlets.append(replace(
            base, key=key, name=name, country=country, language="English",
            feed="atom" if i % 4 == 3 else "rss", feed_path=("/feed/", "/rss.xml")[i % 2],
            article_path=PATHS[i % len(PATHS)], sections=sections, promo=promo,
            filler=tuple(rng.sample(FILLER, 6)),
        ))  # fmt: skip
        traps = frozenset(t for j, t in enumerate(TRAP_KINDS) if (i + j) % 3 == 0)
        plans[key] = OutletPlan(feed=i < 10, sitemap=i < 8, feed_size=8, traps=traps)
    return outlets, plans


def generate(seed: int = 7, relevant: int = 40, hard: int = 45, generic: int = 55) -> BenchContent:
    """Generate the benchmark web's outlets and articles, deterministically.

    Args:
        seed: Random seed.
        relevant: Relevant stories (two more syndicated copies are added).
        hard: Off-topic articles that share the story's names.
        generic: Ordinary off-topic articles.
    """
    rng = random.Random(seed)
    outlets, plans = _outlets(rng)
    keys = [o.key for o in outlets]
    titles: set[str] = set()
    articles: list[Article] = []
    kinds = [RELEVANT[i % len(RELEVANT)] for i in range(relevant)]
    kinds += [HARD[i % len(HARD)] for i in range(hard)]
    kinds += [GENERIC[i % len(GENERIC)] for i in range(generic)]
    for n, topic in enumerate(kinds):
        outlet = keys[n % len(keys)] if n < 2 * len(keys) else rng.choice(keys)
        articles.append(_article(rng, topic, outlet, n, titles, outlets))
    articles = _syndicate(rng, _link(rng, _place(rng, articles)), keys)
    return BenchContent(outlets, sorted(articles, key=lambda a: a.slug), MappingProxyType(plans))


def _article(
    rng: random.Random, topic: Topic, outlet: str, n: int, titles: set[str], outlets: list[Outlet]
) -> Article:
    for _ in range(50):
        filler = _Filler(rng)
        title = filler.fill(rng.choice(topic.titles))
        if title not in titles:
            break
    else:
        title = f"{title} ({n})"
    titles.add(title)
    pool = RELEVANT if topic.kind == "relevant" else HARD if topic.kind == "hard" else GENERIC
    extra = [rng.choice([t for t in pool if t.key != topic.key])]
    paragraphs = _compose(rng, topic, filler, extra)
    if topic.kind == "hard" and rng.random() < 0.4:
        paragraphs.insert(rng.randint(2, len(paragraphs)), rng.choice(PASSING))
    sections = next(o.sections for o in outlets if o.key == outlet)
    section = next((s for s in topic.sections if s in sections), next(iter(sections)))
    published = START + timedelta(minutes=rng.randint(0, 175 * 24 * 60))
    return Article(
        slug=slugify(title)[:80].rstrip("-"), outlet=outlet, title=title, published=published,
        section=section, relevant=topic.kind == "relevant", language="en", searchable=True,
        body=tuple(paragraphs), tags=topic.tags,
        meta={"kind": topic.kind, "topic": topic.key, "story": f"s{n}"},
    )  # fmt: skip


def _place(rng: random.Random, articles: list[Article]) -> list[Article]:
    """Decide where each article can be found: a third of the relevant ones are not in
    search, and some of those are in no feed, sitemap or listing either (links only)."""
    relevant = [a.slug for a in articles if a.relevant]
    hidden = set(rng.sample(relevant, len(relevant) // 3))
    link_only = set(rng.sample(sorted(hidden), max(1, len(relevant) // 7)))
    placed = []
    for a in articles:
        meta = dict(a.meta)
        searchable = a.slug not in hidden if a.relevant else rng.random() < 0.5
        if a.slug in link_only:
            meta.update(feed="no", sitemap="no", listed="no", reach="link")
        placed.append(replace(a, searchable=searchable, meta=meta))
    return placed


def _syndicate(rng: random.Random, articles: list[Article], outlets: list[str]) -> list[Article]:
    """Copy two searchable relevant stories to another outlet each (a wire story)."""
    out = list(articles)
    for original in rng.sample([a for a in articles if a.relevant and a.searchable], 2):
        wire = original.meta["story"]
        copy = replace(original, slug=original.slug + "-wire", searchable=False, wire=wire,
                       outlet=rng.choice([k for k in outlets if k != original.outlet]),
                       published=original.published + timedelta(hours=2))  # fmt: skip
        out[out.index(original)] = replace(original, wire=wire)
        out.append(copy)
    return out


def _link(rng: random.Random, articles: list[Article]) -> list[Article]:
    """Add in-body links: relevant articles link to other relevant ones (every link-only
    article from a searchable one) and now and then to a hard negative; off-topic articles
    link to off-topic ones."""
    relevant = [a for a in articles if a.relevant]
    offtopic = [a for a in articles if not a.relevant]
    searchable = [a for a in relevant if a.searchable and a.meta.get("reach") != "link"]
    targets: dict[str, list[Article]] = {a.slug: [] for a in articles}
    for hidden in (a for a in relevant if a.meta.get("reach") == "link"):
        targets[rng.choice(searchable).slug].append(hidden)
    for a in relevant:
        pool = [b for b in relevant if b.slug != a.slug and b.meta.get("reach") != "link"]
        targets[a.slug] += rng.sample(pool, rng.randint(1, 2))
        if rng.random() < 0.3:
            targets[a.slug].append(rng.choice([b for b in offtopic if b.meta["kind"] == "hard"]))
    for a in offtopic:
        targets[a.slug] += rng.sample([b for b in offtopic if b.slug != a.slug], 1)
    out = []
    for a in articles:
        body = list(a.body)
        for target in targets[a.slug]:
            phrase = target.title
            where = rng.randint(1, len(body) - 1)
            body[where] += " " + rng.choice((
                f"Earlier, [{phrase}]({target.slug}).",
                f"The development follows reports that [{phrase}]({target.slug}).",
                f"([Read: {target.title}]({target.slug}))",
            ))  # fmt: skip
        out.append(replace(a, body=tuple(body)))
    return out


class BenchOutletApp(OutletApp):
    """An outlet of the benchmark web: the demo outlet plus its plan (feeds, sitemaps,
    listings, traps, premium links)."""

    def __init__(self, site: Site, paths: dict[str, Article], plan: OutletPlan) -> None:
        super().__init__(site, paths)
        self.plan = plan
        listed = tuple(a for a in site.articles if a.meta.get("listed") != "no")
        self.listed = replace(site, articles=listed)

    def __call__(self, target: str, headers: Message) -> Response:
        site, plan, path = self.site, self.plan, urlsplit(target).path
        if path == "/robots.txt":
            return text(200, self._robots(), PLAIN)
        if path in ("/sitemap.xml", "/sitemap-news.xml"):
            if not plan.sitemap:
                return self._page("/no-such-page")
            sub = self._subset(lambda a: a.meta.get("sitemap") != "no")
            body = feeds.sitemap_index(sub) if path == "/sitemap.xml" else feeds.news_sitemap(sub)
            return conditional(body, XML, feeds.newest(site), headers)
        if path == site.outlet.feed_path:
            if not plan.feed:
                return self._page("/no-such-page")
            newest = in_feed(list(site.articles), site.outlet.key, plan.feed_size)
            return self._feed(newest, headers) if newest else self._page("/no-such-page")
        if path.startswith("/premium/"):
            return text(200, render_listing(site, "Subscribers only", [], path))
        trap = self._trap(path)
        if trap is not None:
            return trap
        response = super().__call__(target, headers)
        if response.status == 200 and "html" in response.content_type:
            html = self._decorate(response.body.decode(), path, self.paths.get(path))
            return replace(response, body=html.encode())
        return response

    def _page(self, path: str) -> Response:
        if path == "/" or path.strip("/") in self.site.outlet.sections:
            return OutletApp(self.listed, self.paths)._page(path)
        return super()._page(path)

    def _subset(self, keep: Callable[[Article], bool]) -> Site:
        return replace(self.site, articles=tuple(a for a in self.site.articles if keep(a)))

    def _feed(self, newest: list[Article], headers: Message) -> Response:
        sub = replace(self.site, articles=tuple(newest))
        atom = self.site.outlet.feed == "atom"
        body = feeds.atom_feed(sub) if atom else feeds.rss_feed(sub)
        kind = f"application/{'atom' if atom else 'rss'}+xml; charset=utf-8"
        return conditional(body, kind, feeds.newest(sub), headers)

    def _robots(self) -> str:
        lines = ["User-agent: *", f"Disallow: {self.site.outlet.private}", "Disallow: /search",
                 "Disallow: /premium/", ""]  # fmt: skip
        if self.plan.sitemap:
            lines.append(f"Sitemap: {self.site.abs('/sitemap.xml')}")
        return "\n".join(lines) + "\n"

    def _trap(self, path: str) -> Response | None:
        site = self.site
        month = re.fullmatch(r"/archive/(\d{4})/(\d{1,2})/(?:(\d{1,2})/)?", path)
        if month:
            year, mon = int(month[1]), int(month[2])
            prev = f"/archive/{year - (mon == 1)}/{(mon - 2) % 12 + 1:02d}/"
            nxt = f"/archive/{year + (mon == 12)}/{mon % 12 + 1:02d}/"
            days = "".join(f'<a href="/archive/{year}/{mon:02d}/{d:02d}/">{d}</a> '
                           for d in range(1, 29))  # fmt: skip
            html = (f'<!DOCTYPE html><html><body><h1>Archive {year}-{mon:02d}</h1>{days}'
                    f'<a href="{site.abs(prev)}">Previous month</a> '
                    f'<a href="{site.abs(nxt)}">Next month</a></body></html>')  # fmt: skip
            return text(200, html)
        page = re.fullmatch(r"/latest/page/(\d+)/", path)
        if page:
            listing = render_listing(self.listed, f"Latest, page {page[1]}", [], path)
            more = f'<a href="{site.abs(f"/latest/page/{int(page[1]) + 1}/")}">Older stories</a>'
            return text(200, listing.replace("</body>", more + "</body>"))
        deep = _DEEP.match(path) if "/more/" in path else None
        if deep:
            for candidate in (deep["article"], deep["article"] + "/"):
                if candidate in self.paths:
                    html = self._render(candidate)
                    return text(200, self._decorate(html, path, self.paths[candidate]))
        return None

    def _render(self, path: str) -> str:
        return super().__call__(path, Message()).body.decode()

    def _decorate(self, html: str, path: str, article: Article | None) -> str:
        """Remove the feed link of an outlet without feed; add the trap widgets and a
        premium (robots-disallowed) link with a topical anchor."""
        site, traps = self.site, self.plan.traps
        if not self.plan.feed:
            html = _ALTERNATE.sub("", html)
        widgets = []
        if "calendar" in traps:
            months = "".join(
                f'<a href="{site.abs(f"/archive/2024/{m:02d}/")}">{name} 2024</a> '
                for m, name in ((10, "October"), (9, "September"))
            )
            widgets.append(f'<aside class="archive-widget"><h3>Archives</h3>{months}</aside>')
        if "pagination" in traps:
            widgets.append(f'<div class="pager"><a href="{site.abs("/latest/page/2/")}">'
                           "More stories</a></div>")  # fmt: skip
        if article is not None and "deep" in traps:
            leaf = path.rstrip("/").rsplit("/", 1)[-1]
            href = "more/" if path.endswith("/") else f"{leaf}/more/"
            widgets.append(f'<p class="continue"><a href="{href}">Continue reading: '
                           f"{escape(article.title)}</a></p>")  # fmt: skip
        if article is not None and "session" in traps:
            links = "".join(
                f'<li><a href="{site.url_of(a.slug)}?sessionid={i:04x}c0ffee">'
                f"{escape(a.title)}</a></li>"
                for i, a in enumerate(site.articles[:4])
            )
            widgets.append(f'<aside class="related"><h3>Related</h3><ul>{links}</ul></aside>')
        if article is not None and article.relevant:
            widgets.append(f'<div class="premium"><a href="{site.abs("/premium/" + article.slug)}">'
                           f"Exclusive analysis: {escape(article.title)}</a></div>")  # fmt: skip
        return html.replace("</body>", "".join(widgets) + "</body>")


class BenchWeb(DemoWeb):
    """The benchmark web on loopback; ``bench`` holds its :class:`BenchTruth`."""

    def __init__(self, host: str = "127.0.0.1", base_port: int = 0, seed: int = 7) -> None:
        super().__init__(host, base_port)
        self.generated = generate(seed)
        self._bench: BenchTruth | None = None

    def content(self) -> tuple[list[Outlet], list[Article]]:
        return self.generated.outlets, self.generated.articles

    def outlet_app(self, site: Site, paths: dict[str, Article]) -> App:
        return BenchOutletApp(site, paths, self.generated.plans[site.outlet.key])

    @property
    def bench(self) -> BenchTruth:
        """Ground truth of the running benchmark web."""
        if self._bench is None:
            self._bench = _truth(self.generated, self.outlets)
        return self._bench


def _truth(content: BenchContent, bases: Mapping[str, str]) -> BenchTruth:
    outlet = {o.key: o for o in content.outlets}
    url = {a.slug: bases[outlet[a.outlet].name] + article_path(outlet[a.outlet], a)
           for a in content.articles}  # fmt: skip
    relevant = [a for a in content.articles if a.relevant]
    return BenchTruth(
        relevant=frozenset(url[a.slug] for a in relevant),
        story=MappingProxyType({url[a.slug]: a.wire or a.meta["story"] for a in relevant}),
        offtopic=frozenset(url[a.slug] for a in content.articles if not a.relevant),
        hard=frozenset(url[a.slug] for a in content.articles if a.meta["kind"] == "hard"),
        reach=MappingProxyType({url[a.slug]: _reach(a, content) for a in relevant}),
        private=MappingProxyType({
            bases[o.name]: (o.private, "/search", "/premium/") for o in content.outlets
        }),
    )  # fmt: skip


def _reach(article: Article, content: BenchContent) -> str:
    plan = content.plans[article.outlet]
    if article.meta.get("reach") == "link":
        return "link"
    if article.searchable:
        return "search"
    if plan.feed and article in in_feed(content.articles, article.outlet, plan.feed_size):
        return "feed"
    return "sitemap" if plan.sitemap else "listing"


def in_feed(articles: list[Article], outlet: str, size: int) -> list[Article]:
    """The articles an outlet's feed lists: its newest ``size`` that may be in a feed."""
    eligible = [a for a in articles if a.outlet == outlet and a.meta.get("feed") != "no"]
    return sorted(eligible, key=lambda a: a.published, reverse=True)[:size]
