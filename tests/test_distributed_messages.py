"""Messages from workers to the writer, and the crawl's key names."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from collector.distributed import messages
from collector.distributed.keys import CrawlKeys, check_crawl_name


def test_an_article_survives_the_trip() -> None:
    body = {
        "url": "https://a.example/story",
        "fetched_at": datetime(2024, 10, 1, 12, 30, tzinfo=UTC),
        "published_at": datetime(2024, 9, 30, 8, tzinfo=timezone(timedelta(hours=3))),
        "authors": ("Jane Doe", "Ali Hassan"),
        "tags": [],
        "html": "<p>Ruto in Port-au-Prince — \u00e9t\u00e9</p>",
        "lead": {"origin": "search:gdelt:haiti", "score": 0.42},
        "relevance": 0.3,
        "is_seed": False,
        "modified_at": None,
    }
    kind, back = messages.decode(messages.encode(messages.ARTICLE, body))
    assert kind == "article"
    assert back["published_at"] == datetime(2024, 9, 30, 5, tzinfo=UTC)
    assert back["published_at"].utcoffset() == timedelta(hours=3)
    assert back["authors"] == ["Jane Doe", "Ali Hassan"]
    assert {k: v for k, v in back.items() if k != "authors"} == {
        k: v for k, v in body.items() if k != "authors"
    }


def test_a_page_travels_compressed() -> None:
    html = "<p>" + "Kenyan police officers arrived in Haiti. " * 2000 + "</p>"
    assert len(messages.encode(messages.ARTICLE, {"html": html})) < len(html) / 20


@pytest.mark.parametrize("data", [b"", b"not zlib", b"x\x9c\x03\x00\x00\x00\x00\x01"])
def test_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a collector message"):
        messages.decode(data)


def test_values_json_cannot_carry_are_refused() -> None:
    with pytest.raises(TypeError, match="bytes"):
        messages.encode(messages.ARTICLE, {"signature": b"\x00"})


def test_keys_share_the_crawl_prefix() -> None:
    keys = CrawlKeys("daily-haiti")
    assert keys.requests == "collector:daily-haiti:requests"
    assert keys.leases("host-1") == "collector:daily-haiti:leases:host-1"
    assert keys.alive("host-1") == "collector:daily-haiti:alive:host-1"
    assert all(
        name.startswith(keys.prefix)
        for name in (keys.dupefilter, keys.items, keys.pending, keys.known, keys.run)
    )


@pytest.mark.parametrize("name", ["", "a b", "x*", "-lead", "é", "a" * 65, "a:b"])
def test_bad_crawl_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="crawl name"):
        check_crawl_name(name)
