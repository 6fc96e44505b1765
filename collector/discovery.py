"""Parsers for the documents that announce articles: search answers, feeds, sitemaps.

Pure functions from a response body to :class:`Entry` objects (a URL and the text that
announced it). Malformed input gives no entries, never an exception.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import feedparser
from lxml import etree

from collector.urls import canonicalize_url


@dataclass(frozen=True)
class Entry:
    """A URL announced by a search provider, a feed or a sitemap."""

    url: str
    title: str = ""
    summary: str = ""


class ProviderError(ValueError):
    """A search provider answered something that is not its documented format."""


def parse_gdelt(body: bytes) -> list[Entry]:
    """Parse a GDELT DOC 2.0 ``mode=artlist&format=json`` answer.

    ``{}`` means no match. GDELT answers a bad query with HTTP 200 and an HTML or text
    error message, which raises :class:`ProviderError` with the message's start.
    """
    try:
        data = json.loads(body.decode("utf-8", "replace"))
    except ValueError as exc:
        snippet = " ".join(body[:120].decode("utf-8", "replace").split())
        raise ProviderError(f"not JSON: {snippet!r}") from exc
    if not isinstance(data, dict):
        raise ProviderError("JSON answer is not an object")
    articles = data.get("articles") or []
    return [
        Entry(str(a["url"]), str(a.get("title") or ""))
        for a in articles
        if isinstance(a, dict) and isinstance(a.get("url"), str)
    ]


def parse_feed(body: bytes) -> list[Entry]:
    """Parse an RSS or Atom feed (also search providers' RSS answers).

    Google News appends " - Outlet" to titles; the suffix stays (it scores nothing).
    """
    parsed = feedparser.parse(body)
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if link.startswith(("http://", "https://")):
            entries.append(Entry(link, item.get("title", ""), _text(item.get("summary", ""))))
    return entries


def _text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    try:
        return " ".join(etree.fromstring(f"<x>{fragment}</x>", etree.HTMLParser()).itertext())
    except (etree.ParserError, ValueError):
        return ""


def parse_sitemap(body: bytes) -> tuple[list[str], list[Entry]]:
    """Parse a sitemap or sitemap index.

    Returns:
        The child sitemaps of an index, and the page entries of a urlset (with the
        ``news:title`` of Google News sitemaps as the entry title).
    """
    try:
        root = etree.fromstring(body, etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    children: list[str] = []
    entries: list[Entry] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        if etree.QName(node).localname == "sitemap":
            children.append(loc)
        else:
            entries.append(Entry(loc, _child_text(node, "title", deep=True)))
    return children, entries


def _child_text(node: etree._Element, name: str, deep: bool = False) -> str:
    for child in node.iter() if deep else node:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return (child.text or "").strip()
    return ""


def dedupe(entries: list[Entry]) -> list[Entry]:
    """Keep the first entry per canonical URL."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        seen.setdefault(canonicalize_url(entry.url), entry)
    return list(seen.values())
