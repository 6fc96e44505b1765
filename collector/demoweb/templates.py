"""HTML pages of the demo web: one article template per outlet, shared listing pages.

Every template places the boilerplate its real-world model leaks into extracted text
(see ``Outlet.promo``); :func:`promo_lines` lists exactly what the templates render.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta, timezone
from html import escape

from collector.demoweb.content import Article, Outlet, render_links

EAT = timezone(timedelta(hours=3), "EAT")
JAMAICA = timezone(timedelta(hours=-5))
FRENCH_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
UTM = "?utm_source=twitter&utm_medium=social"


@dataclass(frozen=True)
class Site:
    """What a template needs to render one outlet's pages with absolute URLs."""

    outlet: Outlet
    base: str
    articles: tuple[Article, ...]
    url_of: Callable[[str], str]

    def abs(self, path: str) -> str:
        """Absolute URL of a path on this outlet."""
        return self.base + path


def slugify(text: str) -> str:
    """Lower-cased, hyphen-separated ASCII slug of a headline or tag."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def filler_url(site: Site, headline: str) -> str:
    """URL a filler (boilerplate) headline links to; such pages do not exist (404)."""
    return site.abs(f"/news/{slugify(headline)}")


def inline_promos(outlet: Outlet, position: int) -> list[tuple[str, str]]:
    """The inline promo lines placed in an article's body, as (prefix, headline) pairs.

    Args:
        outlet: The article's outlet.
        position: The article's index among the outlet's articles.

    Returns:
        Up to two pairs; none when the outlet has no inline promo format.
    """
    if not outlet.inline_promo:
        return []
    prefix = outlet.inline_promo.replace("{headline}", "")
    picks = {position % len(outlet.filler), (position + 2) % len(outlet.filler)}
    return [(prefix, outlet.filler[i]) for i in sorted(picks)]


def promo_lines(outlet: Outlet, articles: list[Article]) -> set[str]:
    """Every boilerplate string the outlet's article pages carry.

    Args:
        outlet: The outlet.
        articles: The outlet's articles in page order (as given to :class:`Site`).

    Returns:
        Promo texts, filler headlines, inline promo lines and image captions.
    """
    lines = set(outlet.promo.values()) | set(outlet.filler) | set(outlet.latest_times)
    for position, article in enumerate(articles):
        lines.update(p + h for p, h in inline_promos(outlet, position))
        if article.caption:
            lines.add(article.caption)
        if outlet.template == "newspaper":
            lines.add(article.title)
    return lines


def _title(site: Site, article: Article) -> str:
    return article.title + site.outlet.title_sep + site.outlet.name


def _head(site: Site, title: str, canonical: str, extra: str = "") -> str:
    o = site.outlet
    feed_type = "application/atom+xml" if o.feed == "atom" else "application/rss+xml"
    return (
        f'<head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="canonical" href="{escape(canonical)}">'
        f'<link rel="alternate" type="{feed_type}" title="{escape(o.name)}" '
        f'href="{site.abs(o.feed_path)}">'
        f'<meta property="og:site_name" content="{escape(o.name)}">'
        f'<meta property="og:url" content="{escape(canonical)}">'
        f'<meta property="og:title" content="{escape(title)}">{extra}</head>'
    )


def _nav(site: Site, cls: str) -> str:
    o = site.outlet
    items = [("/", "Home")] + [(f"/{k}/", v) for k, v in o.sections.items()]
    items += [("/about/", "About us"), ("/contact/", "Contact")]
    items += [(f"{o.private}login", "Log in"), ("/search?q=haiti", "Search")]
    links = "".join(f'<li><a href="{site.abs(p)}">{escape(t)}</a></li>' for p, t in items)
    return f'<nav class="{cls}"><ul>{links}</ul></nav>'


def _footer(site: Site, cls: str) -> str:
    o = site.outlet
    links = [("/privacy/", "Privacy policy"), ("/terms/", "Terms of use"), (o.feed_path, "RSS")]
    html = "".join(f'<a href="{site.abs(p)}">{t}</a> ' for p, t in links)
    return f'<footer class="{cls}"><p>{html}</p><p>{escape(o.promo["footer"])}</p></footer>'


def _cookie(site: Site) -> str:
    text = escape(site.outlet.promo["cookie"])
    return f'<div class="cookie-consent" role="dialog"><p>{text}</p><button>OK</button></div>'


def _share(site: Site, url: str, cls: str) -> str:
    p, u = site.outlet.promo, escape(url)
    return (
        f'<div class="{cls}"><a href="https://www.facebook.com/sharer/sharer.php?u={u}" '
        f'rel="nofollow noopener">{escape(p["share_fb"])}</a> '
        f'<a href="https://twitter.com/intent/tweet?url={u}" rel="nofollow noopener">'
        f"{escape(p['share_x'])}</a></div>"
    )


def _figure(site: Site, article: Article, caption: str, tag: str = "figcaption") -> str:
    img = site.abs(f"/media/{article.slug}.png")
    return (
        f'<figure class="wp-block-image"><a href="{img}"><img src="{img}" alt=""></a>'
        f"<{tag}>{escape(caption)}</{tag}></figure>"
    )


def _tags(site: Site, article: Article) -> str:
    links = "".join(
        f'<a rel="tag" href="{site.abs("/tag/" + slugify(t) + "/")}">{escape(t)}</a> '
        for t in article.tags
    )
    return f'<div class="tags">Tags: {links}</div>'


def _filler_list(site: Site, cls: str, times: bool = False) -> str:
    o = site.outlet
    items = []
    for i, headline in enumerate(o.filler):
        when = f"<p>{escape(o.latest_times[i % len(o.latest_times)])}</p>" if times else ""
        link = f'<a href="{filler_url(site, headline)}">{escape(headline)}</a>'
        items.append(f"<li>{link}{when}</li>")
    return f'<ul class="{cls}">{"".join(items)}</ul>'


def _body(site: Site, article: Article, position: int, tag: str = "p") -> list[str]:
    """Body paragraphs as HTML, with the outlet's inline promos after paragraphs 2 and 4."""
    paras = [f"<{tag}>{render_links(p, escape, site.url_of)}</{tag}>" for p in article.body]
    promos = inline_promos(site.outlet, position)
    for offset, (prefix, headline) in zip((2, 5), promos, strict=False):
        link = f'<a href="{filler_url(site, headline)}">{escape(headline)}</a>'
        paras.insert(min(offset, len(paras)), f"<{tag}>{escape(prefix)}{link}</{tag}>")
    return paras


def _wordpress(site: Site, a: Article, pos: int, url: str) -> str:
    p = site.outlet.promo
    meta = f'<meta property="article:published_time" content="{a.published.isoformat()}">'
    fig = _figure(site, a, a.caption) if a.caption else ""
    subscribe = (
        f'<div class="jetpack-subscribe"><h3>{escape(p["subscribe_head"])}</h3>'
        f'<p>{escape(p["subscribe"])}</p><form><input type="email"></form></div>'
    )
    return (
        f'<!DOCTYPE html><html lang="en">{_head(site, _title(site, a), url, meta)}'
        f'<body class="single-post">{_cookie(site)}<header id="masthead">'
        f'<a class="site-title" href="{site.abs("/")}">{escape(site.outlet.name)}</a>'
        f"{_nav(site, 'main-navigation')}</header>"
        f'<div id="primary" class="content-area"><main id="main"><article class="post">'
        f'<header class="entry-header"><h1 class="entry-title">{escape(a.title)}</h1></header>'
        f'{_share(site, url, "sharedaddy")}<div class="entry-content">{fig}'
        f"{''.join(_body(site, a, pos))}{subscribe}</div>{_tags(site, a)}</article>"
        f'<div id="comments"><h3 id="reply-title">{escape(p["comment"])}</h3>'
        f"<form><textarea></textarea></form></div></main></div>"
        f'<aside id="secondary" class="widget-area"><h2 class="widget-title">'
        f"{escape(p['trending'])}</h2>{_filler_list(site, 'trending-list')}</aside>"
        f"{_footer(site, 'site-footer')}</body></html>"
    )


def _storybody(site: Site, a: Article, pos: int, url: str) -> str:
    o, p = site.outlet, site.outlet.promo
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": a.published.isoformat().replace("+00:00", "Z"),
        "author": {"@type": "Organization", "name": o.name},
        "publisher": {"@type": "Organization", "name": o.name},
        "mainEntityOfPage": url,
        "image": site.abs(f"/media/{a.slug}.png"),
    }
    extra = (
        f'<link rel="amphtml" href="{site.abs("/amp/" + a.slug)}">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    shown = a.published.strftime("%B %d, %Y")
    return (
        f'<!DOCTYPE html><html lang="en">{_head(site, _title(site, a), url, extra)}'
        f'<body>{_cookie(site)}<div class="page-wrapper"><div class="top-bar">'
        f'<a class="logo" href="{site.abs("/")}">{escape(o.name)}</a></div>{_nav(site, "site-nav")}'
        f'<article class="story"><h1 class="story-headline">{escape(a.title)}</h1>'
        f'<div class="byline">By {escape(o.name)} staff · {shown}</div>'
        f'{_share(site, url, "share-tools")}<section class="story-body">'
        f"{''.join(_body(site, a, pos))}</section>"
        f'<div class="newsletter-promo"><p>{escape(p["newsletter"])}</p></div>'
        f'<aside class="recent-news"><h3>{escape(p["recent"])}</h3>'
        f"{_filler_list(site, 'recent-list')}</aside></article>"
        f"{_tags(site, a)}</div>{_footer(site, 'global-footer')}</body></html>"
    )


def _divsoup(site: Site, a: Article, pos: int, url: str) -> str:
    o, p = site.outlet, site.outlet.promo
    when = a.published.strftime("%b %-d, %Y - %-I:%M %p")
    paras = "".join(_body(site, a, pos))
    fig = _figure(site, a, a.caption, "div") if a.caption else ""
    return (
        f'<!DOCTYPE html><html lang="en">{_head(site, _title(site, a), url)}'
        f'<body><div id="wrap">{_cookie(site)}<div id="hdr"><div class="hdr-logo">'
        f'<a href="{site.abs("/")}">{escape(o.name)}</a></div>{_nav(site, "menu-bar")}</div>'
        f'<div id="content-main"><div class="ttl"><h1>{escape(a.title)}</h1></div>'
        f'<div class="dt">{when}</div>{_share(site, url, "shr")}'
        f'<div class="txt"><p class="audio-label">{escape(p["audio"])}</p>{fig}{paras}'
        f'<div class="ltst"><p><strong>{escape(p["latest"])}</strong></p>'
        f"{_filler_list(site, 'ltst-items', times=True)}</div></div>{_tags(site, a)}</div>"
        f"{_footer(site, 'ftr')}</div></body></html>"
    )


def _reaction(site: Site, a: Article, pos: int, url: str) -> str:
    o, p = site.outlet, site.outlet.promo
    local = a.published.astimezone(JAMAICA)
    when = f'<time datetime="{local.isoformat()}">{local.strftime("%B %d, %Y")}</time>'
    paras = _body(site, a, pos)
    for offset in (len(paras), len(paras) // 2):
        headline = o.filler[(pos + offset) % len(o.filler)]
        more = f'<li><a href="{filler_url(site, headline)}">{escape(headline)}</a></li>'
        paras.insert(offset, f"<p><strong>{escape(p['readmore'])}</strong></p><ul>{more}</ul>")
    reactions = "".join(f"<button>{r}</button>" for r in ("Like", "Love", "Sad", "Angry", "Wow"))
    return (
        f'<!DOCTYPE html><html lang="en">{_head(site, _title(site, a), url)}'
        f'<body>{_cookie(site)}<header class="hdr">{_nav(site, "navbar")}</header>'
        f'<main class="post"><h1 class="post-title">{escape(a.title)}</h1>'
        f'<div class="post-meta">{when}</div><div class="post-body">{"".join(paras)}</div>'
        f'<div class="reactions"><h4>{escape(p["reaction"])}</h4>{reactions}</div>'
        f"{_share(site, url, 'post-share')}{_tags(site, a)}</main>"
        f'<aside class="sidebar"><h3>{escape(p["trending"])}</h3>'
        f"{_filler_list(site, 'most-read')}</aside>{_footer(site, 'ftr')}</body></html>"
    )


def _french(site: Site, a: Article, pos: int, url: str) -> str:
    p = site.outlet.promo
    d = a.published
    meta = f'<meta property="article:published_time" content="{d.isoformat()}">'
    shown = f"Publié le {d.day} {FRENCH_MONTHS[d.month - 1]} {d.year}"
    fig = _figure(site, a, a.caption) if a.caption else ""
    return (
        f'<!DOCTYPE html><html lang="fr">{_head(site, _title(site, a), url, meta)}'
        f'<body>{_cookie(site)}<div class="entete">{_nav(site, "menu-principal")}</div>'
        f'<div class="colonne-principale"><h1 class="titre-article">{escape(a.title)}</h1>'
        f'<p class="date-publication">{shown}</p>{_share(site, url, "partage")}'
        f'<div class="article-texte">{fig}{"".join(_body(site, a, pos))}</div>'
        f'<div class="infolettre"><p>{escape(p["newsletter"])}</p></div>{_tags(site, a)}</div>'
        f'<div class="colonne-droite"><h3>{escape(p["une"])}</h3>'
        f"{_filler_list(site, 'a-la-une')}</div>{_footer(site, 'pied-de-page')}</body></html>"
    )


def _newspaper(site: Site, a: Article, pos: int, url: str) -> str:
    o, p = site.outlet, site.outlet.promo
    shown = a.published.astimezone(EAT).strftime("Published %-d %B %Y, %H:%M EAT")
    paras = _body(site, a, pos)
    for offset in (len(paras) * 2 // 3, len(paras) // 3):
        paras.insert(offset, _figure(site, a, a.title) + f"<p>{escape(a.title)}</p>")
    recent = o.filler[pos % len(o.filler)]
    subscribe = (
        f'<div class="subscribe-box"><h4>{escape(p["subscribe_head"])}</h4>'
        f"<p>{escape(p['subscribe'])}</p></div>"
    )
    return (
        f'<!DOCTYPE html><html lang="en">{_head(site, _title(site, a), url)}'
        f'<body class="td-theme">{_cookie(site)}'
        f'<div class="td-header">{_nav(site, "td-menu")}</div>'
        f'<div class="td-post-header"><h1 class="entry-title">{escape(a.title)}</h1>'
        f'<span class="td-post-date">{shown}</span></div>{_share(site, url, "td-social")}'
        f'<div class="td-post-content">{"".join(paras[:2])}<div class="recent-inline">'
        f'<strong>{escape(p["recent"])}</strong><a href="{filler_url(site, recent)}">'
        f"{escape(recent)}</a></div>{''.join(paras[2:])}{subscribe}</div>{_tags(site, a)}"
        f'<div class="td-sidebar"><h4>{escape(p["recent"])}</h4>{_filler_list(site, "td-recent")}'
        f"</div>{_footer(site, 'td-footer')}</body></html>"
    )


ARTICLE_TEMPLATES: dict[str, Callable[[Site, Article, int, str], str]] = {
    "wordpress": _wordpress,
    "storybody": _storybody,
    "divsoup": _divsoup,
    "reaction": _reaction,
    "french": _french,
    "newspaper": _newspaper,
}


def render_article(site: Site, article: Article) -> str:
    """The article page in the outlet's template.

    Args:
        site: The outlet being served.
        article: One of ``site.articles``.

    Returns:
        The full HTML document.
    """
    position = site.articles.index(article)
    template = ARTICLE_TEMPLATES[site.outlet.template]
    return template(site, article, position, site.url_of(article.slug))


def render_amp(site: Site, article: Article) -> str:
    """A minimal AMP variant of an article whose canonical is the normal page."""
    canonical = site.url_of(article.slug)
    paras = "".join(f"<p>{render_links(p, escape, site.url_of)}</p>" for p in article.body)
    return (
        f'<!DOCTYPE html><html ⚡ lang="en">{_head(site, article.title, canonical)}'
        f'<body><header><a href="{site.abs("/")}">{escape(site.outlet.name)}</a></header>'
        f"<article><h1>{escape(article.title)}</h1>{paras}</article></body></html>"
    )


def render_listing(site: Site, heading: str, articles: list[Article], path: str) -> str:
    """A home, section or tag page listing articles, newest first.

    Args:
        site: The outlet being served.
        heading: The page heading.
        articles: Articles to list.
        path: The page's own path (for its canonical URL).

    Returns:
        The full HTML document.
    """
    o = site.outlet
    items = "".join(
        f'<li class="teaser"><a href="{site.url_of(a.slug)}">{escape(a.title)}</a>'
        f"<span>{a.published:%d %b %Y}</span></li>"
        for a in sorted(articles, key=lambda a: a.published, reverse=True)
    )
    shared = ""
    if o.template == "storybody":
        links = "".join(
            f'<li><a href="{site.url_of(a.slug)}{UTM}">{escape(a.title)}</a></li>'
            for a in articles[:3]
        )
        shared = f'<aside class="most-shared"><h3>Most shared</h3><ul>{links}</ul></aside>'
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(heading)} - '
        f"{escape(o.name)}</title>"
        f'<link rel="alternate" type="application/{o.feed}+xml" href="{site.abs(o.feed_path)}">'
        f'<link rel="canonical" href="{site.abs(path)}"></head>'
        f"<body>{_cookie(site)}{_nav(site, 'nav')}<h1>{escape(heading)}</h1>"
        f'<ul class="listing">{items}</ul>{shared}{_footer(site, "footer")}</body></html>'
    )


def render_static(site: Site, heading: str, path: str) -> str:
    """A plain page such as About, Contact, Privacy or the login form."""
    o = site.outlet
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(heading)} - '
        f'{escape(o.name)}</title><link rel="alternate" type="application/{o.feed}+xml" '
        f'href="{site.abs(o.feed_path)}"><link rel="canonical" href="{site.abs(path)}"></head>'
        f"<body>{_nav(site, 'nav')}<h1>{escape(heading)}</h1><p>{escape(o.name)} is an "
        f"independent news outlet based in {escape(o.country)}.</p>{_footer(site, 'footer')}"
        "</body></html>"
    )
