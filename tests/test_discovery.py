import pytest

from collector.discovery import Entry, ProviderError, dedupe, parse_feed, parse_gdelt, parse_sitemap

GDELT = b"""{"articles": [
 {"url": "https://a.example/x", "url_mobile": "", "title": "Kenya police in Haiti",
  "seendate": "20241014T093000Z", "domain": "a.example", "language": "English"},
 {"title": "no url"}]}"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Mission renewed - Port Observer</title><link>https://b.example/y</link>
<description>&lt;p&gt;The &lt;b&gt;UN&lt;/b&gt; voted&lt;/p&gt;</description></item>
<item><title>No link</title></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>T</title><entry><title>Atom story</title><link href="https://c.example/z"/>
<id>z</id><updated>2024-10-01T00:00:00Z</updated></entry></feed>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://a.example/sitemap-news.xml</loc></sitemap></sitemapindex>"""
NEWS = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://a.example/s</loc>
<news:news><news:publication_date>2024-10-01</news:publication_date>
<news:title>Sitemap story</news:title></news:news></url><url><loc>https://a.example/t</loc></url>
</urlset>"""


def test_gdelt_articles() -> None:
    assert parse_gdelt(GDELT) == [Entry("https://a.example/x", "Kenya police in Haiti")]


def test_gdelt_no_match_is_empty_object() -> None:
    assert parse_gdelt(b"{}") == []


@pytest.mark.parametrize("body", [b"<html><body>Invalid query</body></html>", b"[1, 2]"])
def test_gdelt_error_pages_raise(body: bytes) -> None:
    with pytest.raises(ProviderError):
        parse_gdelt(body)


def test_rss_entries_with_plain_summary() -> None:
    entries = parse_feed(RSS)
    assert [e.url for e in entries] == ["https://b.example/y"]
    assert entries[0].summary.split() == ["The", "UN", "voted"]


def test_atom_entries() -> None:
    assert [e.url for e in parse_feed(ATOM)] == ["https://c.example/z"]


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"\x00\x01\x02"])
def test_garbage_gives_nothing(body: bytes) -> None:
    assert parse_feed(body) == []
    assert parse_sitemap(body) == ([], [])


def test_sitemap_index_and_news_sitemap() -> None:
    assert parse_sitemap(INDEX) == (["https://a.example/sitemap-news.xml"], [])
    children, entries = parse_sitemap(NEWS)
    assert children == []
    assert entries == [Entry("https://a.example/s", "Sitemap story"), Entry("https://a.example/t")]


def test_dedupe_by_canonical_url() -> None:
    entries = [
        Entry("https://a.example/s?utm_source=x", "one"),
        Entry("https://a.example/s", "two"),
    ]
    assert dedupe(entries) == [Entry("https://a.example/s?utm_source=x", "one")]
