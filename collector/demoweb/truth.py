"""What a perfect collector would find on the demo web, for tests and benchmarks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from collector.demoweb.content import Article, Outlet
from collector.demoweb.templates import promo_lines


@dataclass(frozen=True)
class Truth:
    """Ground truth of one running demo web; every URL is absolute, as served.

    Attributes:
        relevant: On-topic article URLs (both copies of the syndicated story).
        offtopic: Article URLs that are not about the story.
        syndicated: Pairs of URLs carrying the same wire story.
        promo_lines: Boilerplate strings on article pages that belong in no article text.
        paragraphs: URL -> the article's real body paragraphs.
        titles: URL -> headline, without the outlet suffix.
        published: URL -> timezone-aware UTC publication time.
        outlet_of: URL -> outlet name.
        disallowed: URLs linked from pages but disallowed by the outlet's robots.txt.
    """

    relevant: frozenset[str]
    offtopic: frozenset[str]
    syndicated: tuple[tuple[str, str], ...]
    promo_lines: tuple[str, ...]
    paragraphs: Mapping[str, tuple[str, ...]]
    titles: Mapping[str, str]
    published: Mapping[str, datetime]
    outlet_of: Mapping[str, str]
    disallowed: frozenset[str]


def build_truth(
    outlets: list[Outlet],
    articles_of: Mapping[str, list[Article]],
    bases: Mapping[str, str],
    url_of: Callable[[str], str],
) -> Truth:
    """Collects the truth for the demo web as served at the given base URLs.

    Args:
        outlets: All outlets.
        articles_of: Outlet key -> its articles, in page order.
        bases: Outlet key -> base URL.
        url_of: Article slug -> absolute URL.

    Returns:
        The ground truth.
    """
    everything = [a for o in outlets for a in articles_of[o.key]]
    names = {o.key: o.name for o in outlets}
    wires: dict[str, list[str]] = {}
    for a in everything:
        if a.wire:
            wires.setdefault(a.wire, []).append(url_of(a.slug))
    promos = set().union(*(promo_lines(o, articles_of[o.key]) for o in outlets))
    disallowed = set()
    for o in outlets:
        disallowed |= {bases[o.key] + o.private + "login", bases[o.key] + "/search?q=haiti"}
    return Truth(
        relevant=frozenset(url_of(a.slug) for a in everything if a.relevant),
        offtopic=frozenset(url_of(a.slug) for a in everything if not a.relevant),
        syndicated=tuple((urls[0], urls[1]) for urls in wires.values() if len(urls) == 2),
        promo_lines=tuple(sorted(promos)),
        paragraphs=MappingProxyType({url_of(a.slug): a.paragraphs for a in everything}),
        titles=MappingProxyType({url_of(a.slug): a.title for a in everything}),
        published=MappingProxyType({url_of(a.slug): a.published for a in everything}),
        outlet_of=MappingProxyType({url_of(a.slug): names[a.outlet] for a in everything}),
        disallowed=frozenset(disallowed),
    )
