"""Messages from workers to the writer, and the crawl's key names."""

import json
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from collector.dedup import features
from collector.distributed import messages
from collector.distributed.keys import CrawlKeys, check_crawl_name
from collector.distributed.writer import _features
from collector.items import ArticleItem
from collector.store import compress_html, decompress_html
from pipelines.handoff import article_body

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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


def test_bytes_travel_as_they_are_after_the_header() -> None:
    page = zlib.compress(b"<p>" + b"Haiti " * 5000 + b"</p>", 3)
    body = {"url": "https://a.example/story", "html_zlib": page, "dedup_features": b"\x00\xff"}
    data = messages.encode(messages.ARTICLE, body)
    assert page in data  # not compressed again
    assert messages.decode(data) == ("article", body)


def test_a_message_sent_before_the_binary_parts_is_still_read() -> None:
    # Messages a writer finds in Redis after an upgrade: the whole message compressed JSON.
    body = {"url": "https://a.example/story", "html": "<p>Ruto</p>", "relevance": 0.3}
    old = zlib.compress(json.dumps({"kind": "article", "body": body}).encode(), 6)
    assert messages.decode(old) == ("article", body)


def _cut(data: bytes) -> bytes:
    return data[:-1]


def _padded(data: bytes) -> bytes:
    return data + b"\x00"


def _bad_header(data: bytes) -> bytes:
    return data[:3] + b"\xff\xff\x00\x00" + data[7:]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not zlib",
        b"x\x9c\x03\x00\x00\x00\x00\x01",
        *(
            spoil(messages.encode(messages.ARTICLE, {"url": "u", "html_zlib": b"page"}))
            for spoil in (_cut, _padded, _bad_header)
        ),
    ],
)
def test_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a collector message"):
        messages.decode(data)


def test_values_json_cannot_carry_are_refused() -> None:
    with pytest.raises(TypeError, match="bytes"):
        messages.encode(messages.ARTICLE, {"signatures": [b"\x00"]})


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


def _article() -> ArticleItem:
    text = next(SEEDS.glob("001_*.txt")).read_text()
    html = f"<html><body><p>{text}</p></body></html>"
    return ArticleItem(url="https://a.example/story", html=html, text=text)


def test_an_article_goes_with_the_page_and_features_the_workers_made() -> None:
    item = _article()
    item["html_zlib"], item["dedup_features"] = compress_html(item["html"]), features(item["text"])
    item["signature"] = item["dedup_features"].signature
    _, body = messages.decode(messages.encode(messages.ARTICLE, article_body(item)))
    assert "html" not in body and "signature" not in body
    assert decompress_html(body["html_zlib"]) == item["html"]
    back = _features(body["dedup_features"])
    assert back is not None and back.digest == item["dedup_features"].digest
    assert np.array_equal(back.shingles, item["dedup_features"].shingles)


def test_without_what_the_workers_make_the_raw_page_goes() -> None:
    item = _article()
    _, body = messages.decode(messages.encode(messages.ARTICLE, article_body(item)))
    assert body["html"] == item["html"]
    assert "dedup_features" not in body and _features(body.get("dedup_features")) is None


def test_unreadable_features_are_left_to_the_dedup_stage(caplog: pytest.LogCaptureFixture) -> None:
    assert _features(b"\x01\x02") is None  # the dedup stage computes them from the text
    assert "computed again" in caplog.text
