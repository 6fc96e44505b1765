import gzip
import json
from datetime import UTC, datetime, timedelta

import pytest

from collector.discovery import (
    Entry,
    ProviderError,
    dedupe,
    gdelt_limit,
    gdelt_window,
    parse_feed,
    parse_gdelt,
    parse_sitemap,
    search_url,
    split_gdelt,
    unwrap_link,
)

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
    seen = datetime(2024, 10, 14, 9, 30, tzinfo=UTC)
    assert parse_gdelt(GDELT) == [
        Entry("https://a.example/x", "Kenya police in Haiti", published=seen)
    ]


@pytest.mark.parametrize("seendate", ["", "2024-10-14", "20241314T093000Z"])
def test_gdelt_articles_without_a_readable_seendate_have_no_time(seendate: str) -> None:
    body = json.dumps({"articles": [{"url": "https://a.example/x", "seendate": seendate}]})
    assert parse_gdelt(body.encode()) == [Entry("https://a.example/x")]


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
    story = Entry(
        "https://a.example/s", "Sitemap story", published=datetime(2024, 10, 1, tzinfo=UTC)
    )
    assert entries == [story, Entry("https://a.example/t")]


def test_a_gzipped_sitemap_is_read_within_its_size_limit() -> None:
    # sitemap.xml.gz comes as a gzip file (Content-Type application/gzip), not with a gzip
    # Content-Encoding that the download would have undone.
    packed = gzip.compress(NEWS)
    assert parse_sitemap(packed) == parse_sitemap(NEWS)
    assert parse_sitemap(packed, max_size=len(NEWS)) == parse_sitemap(NEWS)
    assert parse_sitemap(packed, max_size=len(NEWS) - 1) == ([], [])  # a gzip bomb
    assert parse_sitemap(packed[:12]) == ([], [])  # cut off


CHANGED = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://a.example/1</loc><lastmod>2026-12-07T09:30:00+01:00</lastmod></url>
<url><loc>https://a.example/2</loc><lastmod>2026-12-07</lastmod></url>
<url><loc>https://a.example/3</loc><lastmod>yesterday</lastmod></url></urlset>"""
ATOM_OFFSET = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Landslide</title><link href="https://c.example/x"/><id>x</id>
<published>2026-12-05T07:30:00+05:30</published><updated>2026-12-05T07:30:00+05:30</updated>
</entry></feed>"""
UPDATED_RSS = b"""<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>T</title><item><title>Toll rises</title><link>https://b.example/y</link>
<pubDate>Sat, 05 Dec 2026 09:30:00 +0100</pubDate><atom:updated>2026-12-07T10:00:00Z</atom:updated>
</item><item><title>Plain</title><link>https://b.example/z</link>
<pubDate>Sat, 05 Dec 2026 09:30:00 +0100</pubDate></item></channel></rss>"""


def test_entries_say_when_their_page_last_changed() -> None:
    _, entries = parse_sitemap(CHANGED)
    assert [e.updated for e in entries] == [
        datetime(2026, 12, 7, 8, 30, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC), None
    ]  # fmt: skip
    assert [e.updated for e in parse_feed(UPDATED_RSS)] == [
        datetime(2026, 12, 7, 10, tzinfo=UTC), datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    ]  # fmt: skip
    assert parse_feed(ATOM)[0].updated == datetime(2024, 10, 1, tzinfo=UTC)


def test_dedupe_by_canonical_url() -> None:
    entries = [
        Entry("https://a.example/s?utm_source=x", "one"),
        Entry("https://a.example/s", "two"),
    ]
    assert dedupe(entries) == [Entry("https://a.example/s?utm_source=x", "one")]


GOOGLE = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Kenyan police arrive in Haiti - Port Observer</title>
<link>https://news.google.com/rss/articles/CBMiabc?oc=5</link>
<source url="https://port-observer.example">Port Observer</source></item></channel></rss>"""
BING = b"""<?xml version="1.0" encoding="utf-8" ?><rss version="2.0"
 xmlns:News="https://www.bing.com/news/search?q=rss"><channel><title>kenya - Bing News</title>
<item><title>Kenyan police arrive in Haiti</title>
<link>http://www.bing.com/news/apiclick.aspx?ref=FexRss&amp;aid=&amp;tid=ab12&amp;url=https%3a%2f%2fport-observer.example%2fworld%2fkenya-haiti&amp;c=1&amp;mkt=en-us</link>
<News:Source>Port Observer</News:Source></item></channel></rss>"""
GDELT_URL = (
    "https://api.gdeltproject.org/api/v2/doc/doc?query=haiti&mode=artlist&format=json"
    "&maxrecords=250&startdatetime=20240901000000&enddatetime=20241001000000"
)


def test_google_news_items_name_their_publisher_and_lose_the_suffix() -> None:
    (entry,) = parse_feed(GOOGLE)
    assert entry.title == "Kenyan police arrive in Haiti"
    assert entry.source == "https://port-observer.example"
    assert entry.url.startswith("https://news.google.com/rss/articles/")


def test_bing_click_links_are_unwrapped_to_the_publisher() -> None:
    (entry,) = parse_feed(BING)
    assert entry.url == "https://port-observer.example/world/kenya-haiti"


@pytest.mark.parametrize(
    "url",
    ["https://a.example/story?url=https://b.example/x", "https://a.example/click-here",
     "https://a.example/apiclick.aspx?url=javascript:alert(1)"],
)  # fmt: skip
def test_other_links_are_left_alone(url: str) -> None:
    assert unwrap_link(url) == url


def test_gdelt_rate_limit_message_is_recognised() -> None:
    with pytest.raises(ProviderError) as caught:
        parse_gdelt(b"Please limit requests to one every 5 seconds or contact us.")
    assert caught.value.rate_limited
    with pytest.raises(ProviderError) as caught:
        parse_gdelt(b"<html><body>The specified query was too short.</body></html>")
    assert not caught.value.rate_limited


@pytest.mark.parametrize(
    ("params", "limit"), [("maxrecords=250", 250), ("maxrecords=900", 250), ("", 75),
                          ("maxrecords=10", 10), ("maxrecords=x", 75)],
)  # fmt: skip
def test_gdelt_limit(params: str, limit: int) -> None:
    assert gdelt_limit(f"https://g.example/api/v2/doc/doc?query=a&{params}") == limit


def test_gdelt_window_from_the_url_or_the_default() -> None:
    now = datetime(2024, 12, 1, 12, 0)
    assert gdelt_window(GDELT_URL, now) == (datetime(2024, 9, 1), datetime(2024, 10, 1))
    span = "https://g.example/api/v2/doc/doc?query=a&timespan=2w"
    assert gdelt_window(span, now) == (now - timedelta(weeks=2), now)
    plain = "https://g.example/api/v2/doc/doc?query=a"
    assert gdelt_window(plain, now) == (now - timedelta(days=90), now)


def test_a_full_gdelt_window_splits_in_two_halves() -> None:
    first, second = split_gdelt(GDELT_URL, datetime(2024, 12, 1))
    assert "startdatetime=20240901000000&enddatetime=20240916000000" in first
    assert "startdatetime=20240916000000&enddatetime=20241001000000" in second
    assert "query=haiti" in first and "maxrecords=250" in second
    assert (
        "timespan"
        not in split_gdelt(
            "https://g.example/api/v2/doc/doc?query=a&timespan=1d", datetime(2024, 12, 1)
        )[0]
    )


def test_windows_are_not_split_below_the_minimum() -> None:
    url = GDELT_URL.replace("20240901000000", "20240930233000")
    assert split_gdelt(url, datetime(2024, 12, 1)) == []


PUBLISHED_NEWS = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://a.example/1</loc>
<news:news><news:publication_date>2026-12-08T17:30:00+01:00</news:publication_date>
<news:title>Spill</news:title></news:news></url><url><loc>https://a.example/2</loc></url></urlset>"""


def test_entries_say_when_their_page_appeared() -> None:
    _, entries = parse_sitemap(PUBLISHED_NEWS)
    assert [e.published for e in entries] == [datetime(2026, 12, 8, 16, 30, tzinfo=UTC), None]
    # the first publication, not the update
    assert [e.published for e in parse_feed(UPDATED_RSS)] == [
        datetime(2026, 12, 5, 8, 30, tzinfo=UTC), datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    ]  # fmt: skip


def test_the_time_a_page_appeared_keeps_the_offset_its_announcement_gives() -> None:
    # what a page shows in that offset without a zone is read so (dates.announced_time)
    _, entries = parse_sitemap(PUBLISHED_NEWS)
    from_rss = parse_feed(UPDATED_RSS)[0].published
    assert entries[0].published and entries[0].published.utcoffset() == timedelta(hours=1)
    assert from_rss and from_rss.utcoffset() == timedelta(hours=1)
    assert from_rss.hour == 9  # the feed's "09:30:00 +0100"
    atom = parse_feed(ATOM_OFFSET)[0].published
    assert atom == datetime(2026, 12, 5, 2, tzinfo=UTC)
    assert atom and atom.utcoffset() == timedelta(hours=5, minutes=30)


GOOGLE_NEWS = "https://news.google.com/rss/search?q={query}&hl={hl}&gl={gl}&ceid={ceid}"


@pytest.mark.parametrize(
    ("language", "edition"),
    [
        ("pt", "hl=pt-BR&gl=BR&ceid=BR:pt-419"),
        ("de", "hl=de&gl=DE&ceid=DE:de"),
        ("nb", "hl=no&gl=NO&ceid=NO:no"),  # Norwegian Bokmål: Norway's edition
        ("fi", "hl=en-US&gl=US&ceid=US:en"),  # no edition of its own: the US English one
    ],
)
def test_a_search_goes_to_the_edition_of_the_storys_language(language: str, edition: str) -> None:
    url = search_url(GOOGLE_NEWS, "barragem Paraopeba", language)
    assert url == f"https://news.google.com/rss/search?q=barragem+Paraopeba&{edition}"


def test_a_template_without_an_edition_is_filled_with_the_query_alone() -> None:
    template = "https://api.example/doc?query={query}&format=json"
    assert search_url(template, "Schiphol & NordCheck", "nl") == (
        "https://api.example/doc?query=Schiphol+%26+NordCheck&format=json"
    )
