"""The grow spider's configuration (GDELT's download slot, the User-Agent, retry delays) and
parts of its work tested without a crawl."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from corpus_data import build_corpus, hold, release
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.settings import Settings

from collector.spiders.grow import GrowSpider
from collector.spiders.providers import retry_after
from collector.store import Batch, Store


def get_crawler(spidercls: type[GrowSpider], overrides: dict[str, Any]) -> Crawler:
    """A crawler with the project's settings, not started (its settings not yet frozen)."""
    settings = Settings()
    settings.setmodule("collector.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return Crawler(spidercls, settings)


def crawler_settings(**overrides: Any) -> dict[str, Any]:
    return overrides


def test_gdelt_hosts_get_their_own_paced_slot() -> None:
    search = ["gdelt=https://api.gdeltproject.org/api/v2/doc/doc?query={query}",
              "rss=https://news.google.com/rss/search?q={query}"]  # fmt: skip
    crawler = get_crawler(GrowSpider, crawler_settings(COLLECTOR_SEARCH=search))
    GrowSpider.from_crawler(crawler)
    slots = crawler.settings.getdict("DOWNLOAD_SLOTS")
    assert slots == {"gdelt:api.gdeltproject.org": {"concurrency": 1, "delay": 5.0, "jitter": 0.0}}


def test_interval_zero_leaves_gdelt_unpaced() -> None:
    search = ["gdelt=http://127.0.0.1:9/api/v2/doc/doc?query={query}"]
    crawler = get_crawler(
        GrowSpider, crawler_settings(COLLECTOR_SEARCH=search, COLLECTOR_GDELT_INTERVAL=0)
    )
    GrowSpider.from_crawler(crawler)
    assert crawler.settings.getdict("DOWNLOAD_SLOTS") == {}


def test_the_user_agent_names_the_contact_url() -> None:
    crawler = get_crawler(
        GrowSpider, crawler_settings(COLLECTOR_CONTACT_URL="https://example.org/crawler")
    )
    GrowSpider.from_crawler(crawler)
    assert crawler.settings["USER_AGENT"].endswith("(+https://example.org/crawler)")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [(None, None), (b"7", 7.0), (b"100000", 600.0), (b"soon", None),
     (b"Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)  # fmt: skip
def test_retry_after(header: bytes | None, seconds: float | None) -> None:
    headers = {"Retry-After": header} if header else {}
    response = Response("https://g.example/api", status=429, headers=headers,
                        request=Request("https://g.example/api"))  # fmt: skip
    assert retry_after(response) == seconds


def feed_spider(seeds_dir: Any) -> GrowSpider:
    from scrapy.statscollectors import MemoryStatsCollector

    from collector.relevance import build_profile
    from collector.seeds import load_seeds

    crawler = get_crawler(GrowSpider, {})
    crawler.stats = MemoryStatsCollector(crawler)
    spider = GrowSpider.from_crawler(crawler)
    seeds = load_seeds(seeds_dir).seeds
    spider.profile = build_profile(
        [f"{s.title}\n{s.text}" for s in seeds], names=("haiti", "kenya")
    )
    return spider


def feed(*items: tuple[str, str]) -> Response:
    from scrapy.http import XmlResponse

    entries = "".join(
        f"<item><title>{title}</title><link>https://n.example/news/{i}</link>"
        f"<description>{summary}</description></item>"
        for i, (title, summary) in enumerate(items)
    )
    channel = f"<channel><title>N</title>{entries}</channel>"
    body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
    return XmlResponse("https://n.example/feed/", body=body.encode())


STORY = (
    "Kenyan police reinforce Haiti mission",
    "A further 200 Kenyan police officers arrived in Haiti on Monday to strengthen the "
    "Kenya-led mission against the gangs of Port-au-Prince.",
)
SPORT = (
    "Football results",
    "Arsenal beat Chelsea two goals to one on Saturday in a match played in heavy rain "
    "before a full stadium.",
)
SITEMAPS = ("https://n.example/sitemap.xml",)


def test_an_outlet_whose_feed_shows_the_story_has_its_sitemaps_read(seeds_dir: Any) -> None:
    spider = feed_spider(seeds_dir)
    urls = [r.url for r in spider.parse_feed(feed(STORY, SPORT), 1, SITEMAPS)]
    assert urls == ["https://n.example/news/0", "https://n.example/sitemap.xml"]
    # the story's entry was requested already: the feed still shows the story
    urls = [r.url for r in spider.parse_feed(feed(STORY), 1, SITEMAPS)]
    assert urls == ["https://n.example/sitemap.xml"]


def test_an_outlet_whose_feed_says_nothing_of_the_story_keeps_its_sitemaps(
    seeds_dir: Any,
) -> None:
    spider = feed_spider(seeds_dir)
    assert list(spider.parse_feed(feed(SPORT), 1, SITEMAPS)) == []
    assert spider.crawler.stats.get_value("outlets/sitemaps-not-needed") == 1
    empty = [r.url for r in spider.parse_feed(feed(), 1, SITEMAPS)]  # not a usable feed
    assert empty == list(SITEMAPS)


def test_a_search_hit_counts_the_words_its_provider_matched(seeds_dir: Any) -> None:
    # The provider found the query's words in the article; its headline need not name them.
    spider = feed_spider(seeds_dir)
    plain = ("Death toll in Haiti rises to nine as the search for the missing goes on", "")
    answer = feed(plain)
    assert list(spider.parse_feed(answer, 1, ())) == []  # from a feed: too vague to fetch
    requests = list(spider.parse_search(answer, "rss", "haiti kenya officers"))
    assert [r.url for r in requests] == ["https://n.example/news/0"]


def test_a_search_hit_naming_no_core_name_gets_no_help_from_the_query(seeds_dir: Any) -> None:
    import dataclasses

    spider = feed_spider(seeds_dir)  # Haiti and Kenya: rare names, as the seeds' profile has
    rare = frozenset({"haiti", "kenya"})
    spider.profile = dataclasses.replace(spider.profile, story_names=rare)
    marathon = ("Kipchoge's training partner wins the Chicago Marathon", "")
    assert list(spider.parse_search(feed(marathon), "rss", "haiti kenya officers")) == []
    # A common word for the only core name ("German") is no such evidence: the query helps.
    spider = feed_spider(seeds_dir)
    spider.profile = dataclasses.replace(spider.profile, names=("german",), story_names=rare)
    plain = ("Death toll in Haiti rises to nine as the search for the missing goes on", "")
    requests = list(spider.parse_search(feed(plain), "rss", "haiti kenya officers"))
    assert [r.url for r in requests] == ["https://n.example/news/0"]


def test_a_search_hit_in_another_language_is_announced_by_the_query(seeds_dir: Any) -> None:
    # Its headline's words cannot be weighed against an English profile; the story's
    # names it uses, or two of them in the query the provider matched, say the match was
    # on the story.
    import dataclasses

    names = frozenset({"haiti", "kenya", "ruto"})

    def spider_with_names() -> GrowSpider:
        spider = feed_spider(seeds_dir)
        spider.profile = dataclasses.replace(spider.profile, story_names=names)
        return spider

    story = ("Les policiers kényans attendus à Port-au-Prince avant la fin du mois", "")
    coffee = ("Les exportations de café reculent malgré une demande en hausse", "")
    requests = spider_with_names().parse_search(feed(story, coffee), "rss", "haiti gangs police")
    assert [r.url for r in requests] == ["https://n.example/news/0"]
    requests = spider_with_names().parse_search(feed(coffee), "rss", "ruto haiti gangs")
    assert [r.url for r in requests] == ["https://n.example/news/0"]
    # without story names, the French headlines are too vague
    assert list(feed_spider(seeds_dir).parse_search(feed(story), "rss", "ruto haiti gangs")) == []


def test_a_search_hit_in_another_language_is_announced_by_a_unique_core_name(
    seeds_dir: Any,
) -> None:
    # "Vireux" names nothing but the story's town; "Haiti" names a country of many stories.
    import dataclasses

    def spider_with(core: str) -> GrowSpider:
        spider = feed_spider(seeds_dir)
        names = frozenset({"vireux", "haiti", "namur"})
        spider.profile = dataclasses.replace(spider.profile, names=(core,), story_names=names)
        return spider

    train = ("Les wagons de Ferlux étaient-ils entretenus ? L'enquête commence", "")
    requests = spider_with("vireux").parse_search(feed(train), "rss", "vireux police officers")
    assert [r.url for r in requests] == ["https://n.example/news/0"]
    # the town's name alone (a case-form query): the provider found it in the article
    requests = spider_with("vireux").parse_search(feed(train), "rss", "vireux")
    assert [r.url for r in requests] == ["https://n.example/news/0"]
    assert (
        list(spider_with("haiti").parse_search(feed(train), "rss", "haiti police officers")) == []
    )
    # the town is a story name, not a core one: found by it alone, the page is the story's
    requests = spider_with("haiti").parse_search(feed(train), "rss", "vireux")
    assert [r.url for r in requests] == ["https://n.example/news/0"]


def test_a_search_hit_is_fetched_whatever_a_feed_said_of_the_page_before(
    seeds_dir: Any,
) -> None:
    # The feed's lead paragraph names no core name and keeps the page's score low for any
    # later headline or anchor; the provider found the town's name in the article.
    import dataclasses

    spider = feed_spider(seeds_dir)
    names = frozenset({"vireux", "namur"})
    spider.profile = dataclasses.replace(spider.profile, names=("vireux",), story_names=names)
    hall = (
        "Au hall omnisports, les évacués s'apprêtent à passer la nuit",
        "Lits de camp, couvertures et soupe chaude : une centaine d'habitants attendent de "
        "pouvoir rentrer chez eux, encadrés par la Croix-Rouge et les bénévoles.",
    )
    assert list(spider.parse_feed(feed(hall), 1)) == []
    requests = spider.parse_search(feed((hall[0], "")), "rss", "vireux")
    assert [r.url for r in requests] == ["https://n.example/news/0"]


def test_a_search_hit_naming_no_core_name_is_helped_by_a_unique_one_in_the_query(
    seeds_dir: Any,
) -> None:
    import dataclasses

    spider = feed_spider(seeds_dir)
    names = frozenset({"vireux", "haiti", "kenya"})
    spider.profile = dataclasses.replace(spider.profile, names=("vireux",), story_names=names)
    explainer = ("How dangerous goods travel by rail, and who checks the wagons", "")
    requests = spider.parse_search(feed(explainer), "rss", "vireux haiti kenya officers")
    assert [r.url for r in requests] == ["https://n.example/news/0"]
    # "Haiti" is named in many stories: the query does not help
    spider.profile = dataclasses.replace(spider.profile, names=("haiti",))
    assert list(spider.parse_search(feed(explainer), "rss", "haiti kenya officers")) == []


def test_a_feed_headline_in_another_language_is_announced_by_the_story_names(
    seeds_dir: Any,
) -> None:
    import dataclasses

    spider = feed_spider(seeds_dir)
    spider.profile = dataclasses.replace(spider.profile, story_names=frozenset({"kenya"}))
    story = ("Les policiers kényans attendus avant la fin du mois", "")
    coffee = ("Les exportations de café reculent malgré une demande en hausse", "")
    assert [r.url for r in spider.parse_feed(feed(coffee, story), 1, ())] == [
        "https://n.example/news/1"
    ]
    # without story names, the French headline is too vague
    assert list(feed_spider(seeds_dir).parse_feed(feed(story), 1, ())) == []


def test_a_sitemap_url_in_another_language_is_announced_by_the_story_names(
    seeds_dir: Any,
) -> None:
    # A sitemap without news titles gives only URLs: their words stand for the headline.
    import dataclasses

    from scrapy.http import XmlResponse

    spider = feed_spider(seeds_dir)
    spider.profile = dataclasses.replace(spider.profile, story_names=frozenset({"kenya"}))
    urls = [
        "https://n.example/monde/les-policiers-kenyans-attendus-avant-la-fin-du-mois",
        "https://n.example/economie/les-exportations-de-cafe-reculent-encore",
    ]
    body = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    sitemap = XmlResponse("https://n.example/sitemap.xml", body=xml.encode())
    assert [r.url for r in spider.parse_sitemap(sitemap, 1)] == urls[:1]


def test_a_feed_entrys_publication_time_goes_with_its_request(seeds_dir: Any) -> None:
    from scrapy.http import XmlResponse

    item = (
        "<item><title>Kenyan police reinforce Haiti mission</title><link>https://n.example/s</link>"
        "<description>A further 200 Kenyan police officers arrived in Haiti on Monday to "
        "strengthen the Kenya-led mission against the gangs.</description>"
        "<pubDate>Tue, 08 Dec 2026 17:30:00 +0100</pubDate></item>"
    )
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{item}</channel></rss>'
    )
    response = XmlResponse("https://n.example/feed/", body=body.encode())
    (request,) = feed_spider(seeds_dir).parse_feed(response, 1)
    published = datetime.fromisoformat(request.meta["lead"]["published"])
    assert published == datetime(2026, 12, 8, 16, 30, tzinfo=UTC)
    assert published.utcoffset() == timedelta(hours=1)  # the feed's own offset goes along


def test_a_link_on_a_page_in_another_language_is_announced_by_the_story_names(
    seeds_dir: Any,
) -> None:
    import dataclasses

    from collector.items import ArticleItem

    links = {
        "https://n.example/monde/policiers": "Les policiers kényans attendus avant la fin du mois",
        "https://n.example/economie/cafe": "Les exportations de café reculent malgré la demande",
    }
    html = "".join(f'<p><a href="{url}">{anchor}</a></p>' for url, anchor in links.items())

    def followed(language: str) -> list[str]:
        spider = feed_spider(seeds_dir)
        spider.profile = dataclasses.replace(spider.profile, story_names=frozenset({"kenya"}))
        item = ArticleItem(url="https://n.example/monde/article", html=f"<html><body>{html}"
                           "</body></html>", language=language, depth=0)  # fmt: skip
        return [r.url for r in spider.follow_ups(item) if r.url in links]

    assert followed("fr") == ["https://n.example/monde/policiers"]
    # the same anchors on a page in the profile's language are weighed as its words: too vague
    assert followed("en") == []


def test_only_an_articles_own_url_under_a_new_headline_asks_it_again(
    seeds_dir: Any, tmp_path: Any
) -> None:
    # The corpus knows a syndicated copy's URL as the article it copies; the copy's own
    # headline is no news of the article, and its page must not replace the article's.
    from corpus_data import TITLES, build_corpus

    from collector.discovery import Entry

    spider = feed_spider(seeds_dir)
    spider.store = build_corpus(tmp_path / "c.duckdb")
    own, copy = "https://a.example/2", "https://d.example/copy-of-2"
    spider.known = {own: 2, copy: 2}
    rewritten = "Haiti mission widens as first Kenyan units patrol the capital"
    assert spider.changed_article(Entry(own, rewritten)) == 2
    assert spider.changed_article(Entry(own, f"{TITLES[2]} | A Example")) is None
    assert spider.changed_article(Entry(copy, rewritten)) is None


def test_a_profile_learnt_while_another_process_holds_the_corpus_is_kept_in_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "c.duckdb"
    with Store(db).connect():  # creates the corpus
        pass
    spider = GrowSpider.from_crawler(get_crawler(GrowSpider, {"COLLECTOR_DB": str(db)}))
    spider.store = Store(db, lock_timeout=0.2)
    title = "Kenyan police land in Haiti"
    text = "Kenyan police officers landed in Port-au-Prince to lead a mission against gangs."
    holder = hold(db)  # the seeds are URLs: the profile is learnt again as their pages arrive
    try:
        spider.learn_from([(title, text)])
    finally:
        release(holder)
    assert {"haiti", "kenyan"} <= spider.profile.weights.keys()
    assert "Profile not saved" in caplog.text


@pytest.mark.parametrize(("max_articles", "rebuilt"), [(0, True), (8, True), (7, False)])
def test_the_close_leaves_a_large_corpus_index_missing_few_articles(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, max_articles: int, rebuilt: bool
) -> None:
    store = build_corpus(tmp_path / "c.duckdb")  # 7 articles
    store.refresh_search_index()
    row = {"id": 8, "url": "https://z.example/8", "title": "Gangs retreat",
           "text": "Gangs retreat from the capital.", "is_seed": False}  # fmt: skip
    batch = Batch()
    batch.add("articles", row)
    store.write(batch)  # the index misses 1 of 8: an eighth
    settings = {"COLLECTOR_DB": str(store.path), "COLLECTOR_PROFILE_GROWTH_ENABLED": False,
                "COLLECTOR_SEARCH_REINDEX_MAX_ARTICLES": max_articles,
                "COLLECTOR_SEARCH_REINDEX_SHARE": 0.2}  # fmt: skip
    spider = GrowSpider.from_crawler(get_crawler(GrowSpider, settings))
    spider.store = store
    with caplog.at_level(logging.INFO, logger="collector.spiders.grow"):
        spider._grow_and_index(index=True)
    assert store.search_index_status().up_to_date is rebuilt
    assert ("misses 1 of 8 articles" in caplog.text) is not rebuilt


def test_case_form_queries_go_beside_the_others_and_hold_none_back(tmp_path: Path) -> None:
    from collector.relevance import TopicProfile

    search = ["gdelt=http://127.0.0.1:9/api?query={query}"]
    settings = {"COLLECTOR_DB": str(tmp_path / "c.duckdb"), "COLLECTOR_SEARCH": search}
    spider = GrowSpider.from_crawler(get_crawler(GrowSpider, settings))
    spider.profile = TopicProfile(
        {"dachu": 12.0, "hali": 11.0, "remontem": 10.0, "zabrzanach": 9.0, "kestrel": 8.0,
         "dachmont": 7.0}, names=("zabrzany",),
        language="pl", story_names=frozenset({"zabrzanach", "kestrel", "dachmont"}),
    )  # fmt: skip
    sent = [unquote_plus(r.url.split("query=")[1]) for r in spider.search_requests([])]
    assert {"zabrzany", "zabrzanach", "dachu hali remontem"} <= set(sent)
    assert not spider.held_queries.get("zabrzanach")
    # the core name alone is a query of its own too, which finds all the names query would
    assert spider.held_queries["zabrzany"] == ["zabrzany kestrel dachmont"]


def test_queries_go_to_the_news_edition_of_the_seeds_language(tmp_path: Path) -> None:
    from collector.relevance import TopicProfile

    search = ["rss=http://127.0.0.1:9/rss/search?q={query}&hl={hl}&gl={gl}&ceid={ceid}"]
    settings = {"COLLECTOR_DB": str(tmp_path / "c.duckdb"), "COLLECTOR_SEARCH": search}
    spider = GrowSpider.from_crawler(get_crawler(GrowSpider, settings))
    spider.profile = TopicProfile(
        {"barragem": 12.0, "paraopeba": 11.0, "rejeitos": 10.0}, names=("paraopeba",),
        language="pt", story_names=frozenset({"paraopeba"}),
    )  # fmt: skip
    urls = [r.url for r in spider.search_requests([])]
    assert urls and all(url.endswith("&hl=pt-BR&gl=BR&ceid=BR:pt-419") for url in urls)


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("rss=http://127.0.0.1:9/rss?q=kenya", "needs {query}"),
        ("rss=http://127.0.0.1:9/rss?q={query}&lang={lang}", "only {query}, {hl}, {gl}"),
        ("atom=http://127.0.0.1:9/rss?q={query}", "expected gdelt=URL or rss=URL"),
    ],
)
def test_a_search_template_it_cannot_fill_is_refused_by_name(entry: str, says: str) -> None:
    from collector.spiders.grow import parse_search

    with pytest.raises(ValueError, match=re.escape(says)) as refused:
        parse_search([entry])
    assert entry in str(refused.value)


def test_queries_go_in_the_seeds_script_and_a_name_alone_in_latin_letters_too(
    tmp_path: Path,
) -> None:
    from collector.relevance import TopicProfile

    search = ["gdelt=http://127.0.0.1:9/api?query={query}"]
    settings = {"COLLECTOR_DB": str(tmp_path / "c.duckdb"), "COLLECTOR_SEARCH": search}
    spider = GrowSpider.from_crawler(get_crawler(GrowSpider, settings))
    spider.profile = TopicProfile(  # a profile keeps its words in Latin letters
        {"brana": 12.0, "jalovista": 11.0, "rudnika": 10.0, "lipovac": 9.0, "zlatova": 8.0},
        names=("lipovac",), language="sr", story_names=frozenset({"lipovac", "zlatova"}),
    )  # fmt: skip
    seeds = [("Пукла брана јаловишта код Златова", "Талас је поплавио Липовац испод рудника.")]
    sent = [unquote_plus(r.url.split("query=")[1]) for r in spider.search_requests(seeds)]
    assert "брана јаловишта рудника" in sent
    assert {"липовац", "lipovac"} <= set(sent)
    assert not any(q.isascii() and " " in q for q in sent)  # names alone, no Latin phrases


def test_a_page_rejected_by_a_margin_is_judged_once_more_after_the_profile_grew(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.duckdb"
    store = Store(db)
    store.load_state()  # the schema
    store.save_profile(1, [("mourning", 3.0, "grown")])  # grown terms saved now
    rows = [  # (url, score, run, seen)
        ("https://x.example/a", 0.17, 1, "2026-01-01"),  # near miss, once, before: again
        ("https://x.example/b", 0.05, 1, "2026-01-01"),  # far off
        ("https://x.example/c", 0.18, 1, "2026-01-01"),  # near miss, but twice
        ("https://x.example/c", 0.18, 2, "2026-01-02"),
        ("https://x.example/d", 0.17, 3, "2099-01-01"),  # after the profile last grew
    ]
    with store.connect() as con:
        con.executemany(
            "INSERT INTO leads (url, origin, score, status, reason, run_id, seen_at) "
            "VALUES (?, 'search:rss:x', ?, 'rejected', 'off-topic', ?, ?)",
            rows,
        )
    from scrapy.statscollectors import MemoryStatsCollector

    again = {}
    for share in (0.75, 0.0):
        crawler = get_crawler(
            GrowSpider, {"COLLECTOR_DB": str(db), "COLLECTOR_REJUDGE_SHARE": share}
        )
        crawler.stats = MemoryStatsCollector(crawler)
        spider = GrowSpider.from_crawler(crawler)
        spider.state = store.load_state()
        again[share] = {url[-1] for url, *_ in rows if not spider.rejected_before(url)}
    assert again == {0.75: {"a"}, 0.0: set()}
    assert crawler.stats.get_value("leads/rejudged") is None  # none with the share at 0
