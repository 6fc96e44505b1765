"""Conditional requests: only search answers, feeds and sitemaps are cached, and they are
revalidated unless the server said how long they stay fresh."""

from __future__ import annotations

from email.utils import formatdate
from pathlib import Path

from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from collector import settings as project_settings
from collector.httpcache import ConditionalPolicy, CorpusCacheStorage, cache_dir
from collector.spiders.grow import GrowSpider

FEED = "https://a.example/feed.xml"


def policy() -> ConditionalPolicy:
    settings = Settings()
    settings.setmodule(project_settings)
    return ConditionalPolicy(settings)


def response(**headers: str) -> Response:
    return Response(FEED, status=200, headers={"Date": formatdate(usegmt=True), **headers})


def test_only_conditional_requests_are_cached() -> None:
    assert policy().should_cache_request(Request(FEED, meta={"conditional": True}))
    assert not policy().should_cache_request(Request("https://a.example/news/story"))


def test_an_answer_with_validators_only_is_revalidated() -> None:
    old = "Mon, 01 Jan 2024 00:00:00 GMT"  # RFC 2616's heuristic would call it fresh for weeks
    request = Request(FEED, meta={"conditional": True})
    cached = response(**{"Last-Modified": old, "ETag": '"abc"'})
    assert not policy().is_cached_response_fresh(cached, request)
    assert request.headers[b"If-None-Match"] == b'"abc"'
    assert request.headers[b"If-Modified-Since"] == old.encode()


def test_an_answer_with_max_age_is_used_while_fresh() -> None:
    request = Request(FEED, meta={"conditional": True})
    assert policy().is_cached_response_fresh(response(**{"Cache-Control": "max-age=600"}), request)


def test_the_cache_sits_beside_the_corpus(tmp_path: Path) -> None:
    project = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    crawler = get_crawler(GrowSpider, settings_dict=project)
    spider = GrowSpider.from_crawler(crawler, db=str(tmp_path / "corpus.duckdb"))
    storage = CorpusCacheStorage(crawler.settings)
    storage.open_spider(spider)
    assert Path(storage.cachedir) == tmp_path / "corpus.duckdb.httpcache"
    request = Request(FEED, meta={"conditional": True})
    storage.store_response(spider, request, response(ETag='"abc"'))
    cached = storage.retrieve_response(spider, request)
    assert cached is not None and cached.headers[b"ETag"] == b'"abc"'
    assert cache_dir(tmp_path / "corpus.duckdb").is_dir()


def test_an_explicit_cache_dir_is_kept() -> None:
    assert not CorpusCacheStorage(Settings({"HTTPCACHE_DIR": "/elsewhere"})).beside_corpus
