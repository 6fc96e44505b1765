"""The offline demo web, fetched over real HTTP on loopback like a crawler would."""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from urllib.parse import quote, urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest
from protego import Protego

from collector.demoweb import DemoWeb
from collector.demoweb.content import parse_article, plain_text, render_links
from collector.demoweb.search import matches, parse_query
from collector.discovery import search_url

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SM_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects; returns status, headers and body."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def page_text(html: bytes) -> str:
    """Visible text of a page with whitespace collapsed."""
    return " ".join(lxml.html.fromstring(html).text_content().split())


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb() as running:
        yield running


@pytest.fixture(scope="module")
def pages(web: DemoWeb) -> dict[str, bytes]:
    """Every article page in the truth, fetched once."""
    truth = web.truth
    return {url: fetch(url)[2] for url in truth.relevant | truth.offtopic}


def articles_of(web: DemoWeb, name: str) -> set[str]:
    return {url for url, outlet in web.truth.outlet_of.items() if outlet == name}


def test_shape_of_the_web(web: DemoWeb) -> None:
    truth = web.truth
    assert len(web.outlets) >= 5
    assert len(set(web.outlets.values())) == len(web.outlets)
    assert 12 <= len(truth.relevant) <= 16
    assert 8 <= len(truth.offtopic) <= 12
    assert not truth.relevant & truth.offtopic
    assert set(truth.paragraphs) == truth.relevant | truth.offtopic
    assert len(truth.syndicated) == 1
    first, second = truth.syndicated[0]
    assert {first, second} <= truth.relevant
    assert truth.outlet_of[first] != truth.outlet_of[second]
    assert truth.paragraphs[first] == truth.paragraphs[second]
    assert truth.titles[first] != truth.titles[second]
    for url, moment in truth.published.items():
        assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0, url
        assert datetime(2024, 9, 1, tzinfo=UTC) <= moment <= datetime(2024, 12, 31, tzinfo=UTC)


def test_relevant_articles_have_news_length_and_distinct_text(web: DemoWeb) -> None:
    truth = web.truth
    unique = {truth.paragraphs[url] for url in truth.relevant}
    assert len(unique) == len(truth.relevant) - 1  # only the wire story repeats
    for url in truth.relevant:
        words = sum(len(p.split()) for p in truth.paragraphs[url])
        assert 220 <= words <= 600, (url, words)


def test_every_truth_url_is_served_as_html(web: DemoWeb) -> None:
    for url in web.truth.relevant | web.truth.offtopic:
        status, headers, _ = fetch(url)
        assert status == 200, url
        assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_article_pages_carry_their_paragraphs_title_and_canonical(
    web: DemoWeb, pages: dict[str, bytes]
) -> None:
    truth = web.truth
    for url, html in pages.items():
        text = page_text(html)
        for paragraph in truth.paragraphs[url]:
            assert paragraph in text, (url, paragraph[:60])
        tree = lxml.html.fromstring(html)
        assert tree.xpath("string(//link[@rel='canonical']/@href)") == url
        assert tree.xpath("string(//meta[@property='og:url']/@content)") == url
        title = tree.findtext(".//title")
        assert title.startswith(truth.titles[url])
        assert title.endswith(truth.outlet_of[url])
        assert tree.xpath("//link[@rel='alternate'][contains(@type, 'xml')]/@href")


def test_outlets_use_distinct_templates(pages: dict[str, bytes], web: DemoWeb) -> None:
    containers = {
        "//div[contains(@class, 'entry-content')]//p",
        "//article//section[contains(@class, 'story-body')]//p",
        "//div[@id='content-main']//div[contains(@class, 'txt')]//p",
    }
    found = {
        xpath
        for xpath in containers
        for html in pages.values()
        if lxml.html.fromstring(html).xpath(xpath)
    }
    assert found == containers
    date_kinds = {
        "jsonld": b'"datePublished"',
        "meta": b'property="article:published_time"',
        "visible": b"EAT</span>",
    }
    for kind, marker in date_kinds.items():
        assert any(marker in html for html in pages.values()), kind


def test_promo_lines_are_on_pages_and_never_in_body_text(
    web: DemoWeb, pages: dict[str, bytes]
) -> None:
    truth = web.truth
    texts = [page_text(html) for html in pages.values()]
    for line in truth.promo_lines:
        assert any(line in text for text in texts), line
        for url, paragraphs in truth.paragraphs.items():
            assert all(line not in p for p in paragraphs), (line, url)
    expected = {
        "Latest Stories",
        "Recent News",
        "Subscribe to get the latest posts sent to your email.",
        "Audio By Carbonatix",
        "Leave a comment, share your thoughts.",
        "What's Your Reaction?",
        "READ MORE:",
    }
    assert expected <= set(truth.promo_lines)
    assert any(line.startswith("Also Read | ") for line in truth.promo_lines)
    assert any(line.startswith("Also read: ") for line in truth.promo_lines)


def test_relevant_articles_link_across_outlets_and_reach_unsearchable_ones(
    web: DemoWeb, pages: dict[str, bytes], gdelt_urls: set[str]
) -> None:
    truth = web.truth
    links: dict[str, set[str]] = {}
    for url in truth.relevant:
        tree = lxml.html.fromstring(pages[url])
        links[url] = {href.split("?")[0] for href in tree.xpath("//a/@href")}
    cross = [
        (src, dst)
        for src, targets in links.items()
        for dst in targets & truth.relevant
        if truth.outlet_of[src] != truth.outlet_of[dst]
    ]
    assert len(cross) >= 3
    hidden = truth.relevant - gdelt_urls
    assert hidden, "some relevant articles are reachable only by links, feeds or sitemaps"
    linked = set().union(*links.values())
    assert hidden <= linked


@pytest.fixture(scope="module")
def gdelt_urls(web: DemoWeb) -> set[str]:
    """Everything the search API returns for a broad query."""
    urls: set[str] = set()
    for query in ("haiti", "kenya", "ruto", "police", "haïti"):
        body = fetch(web.search_templates["gdelt"].format(query=quote(query)))[2]
        urls |= {a["url"] for a in json.loads(body).get("articles", [])}
    return urls


def test_robots_txt_parses_and_disallows_private_paths(web: DemoWeb) -> None:
    truth = web.truth
    for name, base in web.outlets.items():
        status, headers, body = fetch(base + "/robots.txt")
        assert status == 200 and headers["Content-Type"].startswith("text/plain")
        robots = Protego.parse(body.decode())
        assert list(robots.sitemaps) == [base + "/sitemap.xml"]
        own = {u for u in truth.disallowed if u.startswith(base + "/")}
        assert len(own) >= 2
        for url in own:
            assert not robots.can_fetch(url, "collector"), url
            assert fetch(url)[0] == 200  # linked and served; only robots.txt forbids it
        for url in articles_of(web, name):
            assert robots.can_fetch(url, "collector"), url


def test_disallowed_urls_are_linked_from_pages(web: DemoWeb, pages: dict[str, bytes]) -> None:
    hrefs = set()
    for html in pages.values():
        hrefs |= set(lxml.html.fromstring(html).xpath("//a/@href"))
    assert web.truth.disallowed <= hrefs


def test_sitemaps_list_the_outlets_articles_with_dates(web: DemoWeb) -> None:
    truth = web.truth
    for name, base in web.outlets.items():
        status, headers, body = fetch(base + "/sitemap.xml")
        assert status == 200 and "xml" in headers["Content-Type"]
        index = lxml.etree.fromstring(body)
        locs = index.xpath("//sm:sitemap/sm:loc/text()", namespaces={"sm": SM_NS})
        assert locs == [base + "/sitemap-news.xml"]
        news = lxml.etree.fromstring(fetch(locs[0])[2])
        ns = {"sm": SM_NS, "news": NEWS_NS}
        listed = {}
        for url in news.xpath("//sm:url", namespaces=ns):
            loc = url.findtext(f"{{{SM_NS}}}loc")
            when = url.xpath("string(.//news:publication_date)", namespaces=ns)
            assert url.xpath("string(.//news:title)", namespaces=ns) == truth.titles[loc]
            listed[loc] = datetime.fromisoformat(when)
        assert set(listed) == articles_of(web, name)
        assert all(listed[url] == truth.published[url] for url in listed)


def test_feeds_parse_and_list_the_outlets_articles(web: DemoWeb) -> None:
    truth = web.truth
    kinds = set()
    for name, base in web.outlets.items():
        home = lxml.html.fromstring(fetch(base + "/")[2])
        feed_url = home.xpath("string(//link[@rel='alternate']/@href)")
        status, headers, body = fetch(feed_url)
        assert status == 200 and "charset=utf-8" in headers["Content-Type"]
        assert headers["ETag"] and headers["Last-Modified"]
        feed = feedparser.parse(body)
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        kinds.add(feed.version[:3])
        assert {entry.link for entry in feed.entries} == articles_of(web, name)
        for entry in feed.entries:
            published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
            assert published == truth.published[entry.link]
    assert kinds == {"rss", "ato"}


def test_feeds_and_sitemaps_answer_conditional_requests(web: DemoWeb) -> None:
    base = next(iter(web.outlets.values()))
    for path in ("/sitemap.xml", "/sitemap-news.xml"):
        _, headers, _ = fetch(base + path)
        assert fetch(base + path, {"If-None-Match": headers["ETag"]})[0] == 304
        assert fetch(base + path, {"If-None-Match": '"stale"'})[0] == 200
        since = headers["Last-Modified"]
        assert fetch(base + path, {"If-Modified-Since": since})[0] == 304
        earlier = parsedate_to_datetime(since).timestamp() - 86400
        old = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(earlier))
        assert fetch(base + path, {"If-Modified-Since": old})[0] == 200


@pytest.mark.parametrize("path", ["/nope", "/news/does-not-exist.html", "/amp/unknown", "/tag/x/"])
def test_unknown_paths_are_404(web: DemoWeb, path: str) -> None:
    for base in web.outlets.values():
        assert fetch(base + path)[0] == 404


def test_amp_variant_and_tracking_links(web: DemoWeb, pages: dict[str, bytes]) -> None:
    amp_links = []
    for url, html in pages.items():
        amp_links += [
            (url, a) for a in lxml.html.fromstring(html).xpath("//link[@rel='amphtml']/@href")
        ]
    assert amp_links
    for url, amp in amp_links:
        status, _, body = fetch(amp)
        assert status == 200
        assert lxml.html.fromstring(body).xpath("string(//link[@rel='canonical']/@href)") == url
    tracked = []
    for base in web.outlets.values():
        home = lxml.html.fromstring(fetch(base + "/")[2])
        tracked += [h for h in home.xpath("//a/@href") if "utm_source=twitter" in h]
    assert tracked
    for href in tracked:
        assert href.split("?")[0] in web.truth.relevant | web.truth.offtopic
        assert fetch(href)[0] == 200


def test_sections_tags_and_images_are_served(web: DemoWeb, pages: dict[str, bytes]) -> None:
    for base in web.outlets.values():
        home = lxml.html.fromstring(fetch(base + "/")[2])
        sections = [h for h in home.xpath("//nav//a/@href") if re.fullmatch(rf"{base}/[\w-]+/", h)]
        assert any(fetch(h)[0] == 200 for h in sections)
    trees = [lxml.html.fromstring(html) for html in pages.values()]
    tags = {href for tree in trees for href in tree.xpath("//a[@rel='tag']/@href")}
    assert len(tags) >= 5
    for tag in tags:
        assert tag.isascii() and fetch(tag)[0] == 200, tag
    image = next(h for tree in trees for h in tree.xpath("//a/@href") if h.endswith(".png"))
    status, headers, body = fetch(image)
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert body.startswith(b"\x89PNG")


def test_gdelt_endpoint_has_the_documented_shape(web: DemoWeb) -> None:
    truth = web.truth
    status, headers, body = fetch(web.search_templates["gdelt"].format(query=quote("kenya haiti")))
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    articles = json.loads(body)["articles"]
    assert len(articles) >= 5
    keys = {"url", "url_mobile", "title", "seendate", "socialimage", "domain", "language"}
    for article in articles:
        assert set(article) == keys | {"sourcecountry"}
        assert article["url"] in truth.relevant | truth.offtopic
        assert article["title"] == truth.titles[article["url"]]
        assert re.fullmatch(r"\d{8}T\d{6}Z", article["seendate"])
        assert article["domain"] == urlsplit(article["url"]).netloc
    dates = [a["seendate"] for a in articles]
    assert dates == sorted(dates, reverse=True)


def test_gdelt_answers_empty_object_for_no_match(web: DemoWeb) -> None:
    url = web.search_templates["gdelt"].format(query=quote("xylophone quasar zebra"))
    status, _, body = fetch(url)
    assert status == 200 and body == b"{}"


def test_gdelt_matches_off_topic_articles_too(web: DemoWeb) -> None:
    body = fetch(web.search_templates["gdelt"].format(query=quote("ruto police")))[2]
    urls = {a["url"] for a in json.loads(body)["articles"]}
    assert urls & web.truth.relevant and urls & web.truth.offtopic


def test_rss_search_links_redirect_to_article_pages(web: DemoWeb) -> None:
    truth = web.truth
    status, headers, body = fetch(search_url(web.search_templates["rss"], '"Port-au-Prince"', "en"))
    assert status == 200 and "xml" in headers["Content-Type"]
    feed = feedparser.parse(body)
    assert not feed.bozo and len(feed.entries) >= 5
    search_host = urlsplit(web.search_templates["rss"]).netloc
    for entry in feed.entries:
        assert urlsplit(entry.link).netloc == search_host
        status, headers, _ = fetch(entry.link)
        assert status == 302
        target = headers["Location"]
        assert target in truth.relevant | truth.offtopic
        assert urlsplit(target).path not in entry.link  # opaque: only the redirect tells
        assert entry.title == f"{truth.titles[target]} - {truth.outlet_of[target]}"
        assert entry.source.title == truth.outlet_of[target]
        assert fetch(target)[0] == 200
        published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
        assert published == truth.published[target]


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("kenya haiti", "Kenya sends police to Haiti", True),
        ("kenya haiti", "Kenya sends police", False),
        ('"security council"', "the Security Council voted", True),
        ('"security council"', "the council for security", False),
        ("(cholera OR hurricane) haiti", "Cholera in Haiti", True),
        ("(cholera OR hurricane) haiti", "Gangs in Haiti", False),
        ("cholera OR hurricane", "A hurricane hit", True),
        ("haiti -cholera", "Cholera in Haiti", False),
        ("haiti -cholera", "Police in Haiti", True),
        ("haiti", "Le Courrier Haïtien: Haïti", True),
        ("pont-sondé", "the Pont-Sonde massacre", True),
        ("haiti sourcelang:english", "Haiti", True),
        ("", "anything", False),
        ("haiti", "Tahiti", False),
    ],
)
def test_query_matching(query: str, text: str, expected: bool) -> None:
    assert matches(parse_query(query), text) is expected


def test_two_demo_webs_run_at_once_and_start_fast() -> None:
    started = time.monotonic()
    with DemoWeb() as one, DemoWeb() as two:
        assert time.monotonic() - started < 1.0
        assert not set(one.outlets.values()) & set(two.outlets.values())
        for web in (one, two):
            url = sorted(web.truth.relevant)[0]
            assert fetch(url)[0] == 200
        ports_one = {urlsplit(u).port for u in one.truth.relevant}
        assert not ports_one & {urlsplit(u).port for u in two.truth.relevant}
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 1.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_base_port_assigns_consecutive_ports() -> None:
    for _ in range(5):
        base = _free_port()
        if base + 7 > 65535:
            continue
        try:
            web = DemoWeb(base_port=base).start()
        except OSError:
            continue
        try:
            ports = [urlsplit(u).port for u in web.outlets.values()]
            assert ports == list(range(base, base + len(ports)))
            search_port = urlsplit(web.search_templates["gdelt"]).port
            assert search_port == base + len(ports)
            assert fetch(f"http://127.0.0.1:{base}/robots.txt")[0] == 200
        finally:
            web.stop()
        return
    pytest.skip("no free block of ports found")


def test_gdelt_honours_maxrecords_and_ascending_sort(web: DemoWeb) -> None:
    template = web.search_templates["gdelt"]
    few = template.format(query="haiti").replace("maxrecords=250", "maxrecords=2")
    assert len(json.loads(fetch(few)[2])["articles"]) == 2
    ascending = template.format(query="haiti").replace("sort=datedesc", "sort=dateasc")
    dates = [a["seendate"] for a in json.loads(fetch(ascending)[2])["articles"]]
    assert len(dates) > 2 and dates == sorted(dates)


@pytest.mark.parametrize(
    ("paragraph", "plain", "html"),
    [
        ("No links here.", "No links here.", "No links here."),
        (
            "See [the ruling](court-case) today.",
            "See the ruling today.",
            'See <a href="http://x/court-case">the ruling</a> today.',
        ),
        ("A & B [x](a) [y](b)", "A & B x y", 'A &amp; B <a href="http://x/a">x</a> '
         '<a href="http://x/b">y</a>'),
        ("Brackets [alone] stay", "Brackets [alone] stay", "Brackets [alone] stay"),
    ],
)  # fmt: skip
def test_link_markup(paragraph: str, plain: str, html: str) -> None:
    assert plain_text(paragraph) == plain
    assert render_links(paragraph, escape, lambda slug: "http://x/" + slug) == html


def test_parse_article_reads_header_and_paragraphs() -> None:
    text = "slug: a-b\ntitle: Head: line\n\nFirst\nparagraph  wraps.\n\n\nSecond one.\n"
    header, body = parse_article(text)
    assert header == {"slug": "a-b", "title": "Head: line"}
    assert body == ("First paragraph wraps.", "Second one.")
