import pytest

from collector.urls import (
    canonicalize_url,
    is_private_host,
    looks_like_listing,
    outlet_of,
    same_publisher,
    without_session,
)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        (
            "https://example.com/world/story?utm_source=tw&utm_medium=social",
            "https://example.com/world/story",
        ),
        (
            "https://example.com/world/story?fbclid=abc&gclid=1&ocid=x",
            "https://example.com/world/story",
        ),
        ("HTTPS://WWW.Example.COM:443/world/story#comments", "https://example.com/world/story"),
        ("http://example.com:80/world/story", "http://example.com/world/story"),
        ("https://example.com/world/story/amp/", "https://example.com/world/story/"),
        ("https://example.com/amp/world/story", "https://example.com/world/story"),
        ("https://example.com/world/story.amp.html", "https://example.com/world/story.html"),
        ("https://example.com/world/story?amp", "https://example.com/world/story"),
        ("https://amp.example.com/world/story", "https://example.com/world/story"),
        ("https://m.example.com/world/story", "https://example.com/world/story"),
        ("https://mobile.example.com/world/story", "https://example.com/world/story"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        (
            "https://example.com/a/7-story.html;jsessionid=7F3A9C21",
            "https://example.com/a/7-story.html",
        ),
        ("https://example.com/story.php?id=3&PHPSESSID=ab12", "https://example.com/story.php?id=3"),
    ],
)
def test_variants_fold_to_one_url(variant: str, canonical: str) -> None:
    assert canonicalize_url(variant) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/article?id=7",  # a real parameter stays
        "http://127.0.0.1:8001/world/x",  # the port is part of the identity
        "https://example.com/news/amplifier-prices",  # "amp" inside a word is not AMP
        "https://m.co/story",  # a two-label host is not a mobile variant
    ],
)
def test_identity_is_kept(url: str) -> None:
    assert canonicalize_url(url) == url


def test_non_http_urls_pass_through() -> None:
    assert canonicalize_url("mailto:desk@example.com") == "mailto:desk@example.com"


def test_outlets_differ_by_port_on_one_host() -> None:
    assert outlet_of("http://127.0.0.1:8001/a") != outlet_of("http://127.0.0.1:8002/a")
    assert outlet_of("https://www.example.com/a") == outlet_of("https://m.example.com/b")


@pytest.mark.parametrize(
    ("url", "private"),
    [
        ("http://127.0.0.1:8000/", True),
        ("http://localhost/", True),
        ("http://api.localhost/", True),
        ("http://169.254.169.254/latest/meta-data/", True),
        ("http://10.0.0.5/", True),
        ("http://192.168.1.1/", True),
        ("http://172.16.0.1/", True),
        ("http://[::1]/", True),
        ("http://0.0.0.0/", True),
        ("https://example.com/", False),
        ("http://93.184.216.34/", False),
    ],
)
def test_private_hosts(url: str, private: bool) -> None:
    assert is_private_host(url) is private


@pytest.mark.parametrize(
    ("url", "fetched"),
    [
        ("http://a.example/n/8-x.html;jsessionid=7F3A", "http://a.example/n/8-x.html"),
        ("http://a.example/x.php?id=3&PHPSESSID=ab&utm_source=t",
         "http://a.example/x.php?id=3&utm_source=t"),
        ("http://a.example/x.php?id=3&utm_source=t", "http://a.example/x.php?id=3&utm_source=t"),
    ],
)  # fmt: skip
def test_a_session_id_is_not_fetched(url: str, fetched: str) -> None:
    assert without_session(url) == fetched


@pytest.mark.parametrize(
    ("url", "listing"),
    [
        ("https://n.example", True),
        ("https://n.example/", True),
        ("https://n.example/dailyherald/", True),
        ("https://n.example/news/africa/", True),
        ("https://n.example/world/haiti-kenya/", True),
        ("https://n.example/kenyan-police-land-in-haiti/", False),
        ("https://n.example/2024/10/01/story/", False),
        ("https://n.example/news/story.php?id=1040", False),
        ("https://n.example/world/haiti", False),
        ("https://n.example/?page=2", False),
    ],
)
def test_home_and_section_pages_look_like_listings(url: str, listing: bool) -> None:
    assert looks_like_listing(url) is listing


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [
        ("https://m.courier.co.uk/news/a", "https://www.courier.co.uk/news/a", True),
        ("https://edition.cnn.com/2026/a", "https://cnn.com/2026/a", True),
        ("https://amp.example.com/a", "https://example.com/a", True),
        ("https://news.portal.example/partner/a", "https://capitalwire.example/a", False),
        ("http://127.0.0.1:18903/a", "http://127.0.0.1:18904/a", False),  # outlets by port
        ("http://127.0.0.1:18903/a", "http://127.0.0.1:18903/b", True),
    ],
)
def test_same_publisher(url: str, other: str, same: bool) -> None:
    assert same_publisher(url, other) is same
