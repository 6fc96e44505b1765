"""Machine-readable files of a demo outlet: robots.txt, sitemaps and its RSS or Atom feed."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from collector.demoweb.content import Article
from collector.demoweb.templates import Site

XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def iso_z(moment: datetime) -> str:
    """ISO 8601 timestamp in UTC with a ``Z`` suffix."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def newest(site: Site) -> datetime:
    """Publication time of the outlet's newest article (the feeds' Last-Modified)."""
    return max(a.published for a in site.articles)


def robots_txt(site: Site) -> str:
    """robots.txt disallowing the outlet's private area and site search."""
    return (
        f"User-agent: *\nDisallow: {site.outlet.private}\nDisallow: /search\n\n"
        f"Sitemap: {site.abs('/sitemap.xml')}\n"
    )


def sitemap_index(site: Site) -> str:
    """Sitemap index pointing at the outlet's news sitemap."""
    return (
        f'{XML_DECL}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.abs('/sitemap-news.xml')}</loc>"
        f"<lastmod>{iso_z(newest(site))}</lastmod></sitemap></sitemapindex>\n"
    )


def news_sitemap(site: Site) -> str:
    """Google News sitemap listing every article with its title and publication date."""
    lang = "fr" if site.outlet.language == "French" else "en"
    urls = "".join(
        f"<url><loc>{escape(site.url_of(a.slug))}</loc><news:news><news:publication>"
        f"<news:name>{escape(site.outlet.name)}</news:name><news:language>{lang}</news:language>"
        f"</news:publication><news:publication_date>{iso_z(a.published)}"
        f"</news:publication_date><news:title>{escape(a.title)}</news:title></news:news></url>"
        for a in _by_date(site)
    )
    return (
        f'{XML_DECL}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>\n'
    )


def rss_feed(site: Site) -> str:
    """RSS 2.0 feed of the outlet's articles, newest first."""
    o = site.outlet
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{escape(site.url_of(a.slug))}</link>"
        f'<guid isPermaLink="true">{escape(site.url_of(a.slug))}</guid>'
        f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate>"
        f"<category>{escape(o.sections.get(a.section, a.section))}</category>"
        f"<description>{escape(a.paragraphs[0])}</description></item>"
        for a in _by_date(site)
    )
    return (
        f'{XML_DECL}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{escape(o.name)}</title><link>{site.abs('/')}</link>"
        f'<atom:link href="{site.abs(o.feed_path)}" rel="self" type="application/rss+xml"/>'
        f"<description>Latest news from {escape(o.name)}</description>"
        f"<lastBuildDate>{format_datetime(newest(site), usegmt=True)}</lastBuildDate>"
        f"{items}</channel></rss>\n"
    )


def atom_feed(site: Site) -> str:
    """Atom 1.0 feed of the outlet's articles, newest first."""
    o = site.outlet
    entries = "".join(
        f"<entry><title>{escape(a.title)}</title>"
        f'<link rel="alternate" href="{escape(site.url_of(a.slug))}"/>'
        f"<id>{escape(site.url_of(a.slug))}</id><published>{iso_z(a.published)}</published>"
        f"<updated>{iso_z(a.published)}</updated>"
        f"<summary>{escape(a.paragraphs[0])}</summary></entry>"
        for a in _by_date(site)
    )
    return (
        f'{XML_DECL}<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(o.name)}</title>'
        f'<link rel="self" href="{site.abs(o.feed_path)}"/><link href="{site.abs("/")}"/>'
        f"<id>{site.abs('/')}</id><updated>{iso_z(newest(site))}</updated>"
        f"<author><name>{escape(o.name)}</name></author>{entries}</feed>\n"
    )


def _by_date(site: Site) -> list[Article]:
    return sorted(site.articles, key=lambda a: a.published, reverse=True)
