"""Full-text search over the corpus.

1. BM25 over title and text with DuckDB's ``fts`` extension (Porter stemming, English stop
   words, accents stripped; Chinese, Japanese and Korean cut into words as
   :func:`collector.words.segment` cuts them, in the index and in the query). The index
   lives next to the corpus (``corpus.search.duckdb``);
   a crawl rebuilds it when it ends (on a large corpus, only once it misses a share of the
   articles: :func:`reindex_due`), ``collector search --reindex`` on demand, and a search
   builds it when it is missing.
2. When the extension cannot load, a plain SQL ranking with a warning: for each query word,
   ``ILIKE`` matches in the title (weighted 3) plus its occurrences in the text, summed as
   ``ln(1 + hits)`` so that articles matching more of the words rank first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from collector.store import FTS_SCHEMA, IndexStatus, SearchUnavailable, Store, StoreError
from collector.words import WORD_CHARS, segment

_WORD = re.compile(WORD_CHARS)
RESULT_COLUMNS = "id, score, CAST(published_at AS DATE) AS published, source, title, url"


class SearchError(ValueError):
    """A search that cannot run as asked; the message says what to change."""


@dataclass(frozen=True)
class SearchResult:
    """Ranked articles, best first, and how they were ranked."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    method: str  # "bm25" or "plain"
    warnings: tuple[str, ...] = ()


def query_terms(words: str) -> list[str]:
    """The distinct lower-cased words of a query, in order."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(segment(words))))


def bm25_sql(include_rewrites: bool) -> str:
    """The BM25 search query; parameters: the query text, the limit."""
    table = "db.articles" if include_rewrites else "db.corpus"
    return (
        f"SELECT {RESULT_COLUMNS} FROM (SELECT *, round({FTS_SCHEMA}.match_bm25(id, ?), 4) "
        f"AS score FROM {table}) WHERE score IS NOT NULL ORDER BY score DESC, id LIMIT ?"
    )


def plain_sql(terms: list[str], include_rewrites: bool, limit: int) -> tuple[str, list[Any]]:
    """The plain SQL ranking and its parameters (see the module's docstring)."""
    table = "articles" if include_rewrites else "corpus"
    scores, params = [], []
    for term in terms:
        scores.append(
            "ln(1 + 3 * (coalesce(title, '') ILIKE ? ESCAPE '\\')::INT "
            "+ (length(lower(text)) - length(replace(lower(text), ?, ''))) // ?)"
        )
        params += [f"%{_escape_like(term)}%", term, len(term)]
    sql = (
        f"SELECT {RESULT_COLUMNS} FROM (SELECT *, round({' + '.join(scores)}, 4) AS score "
        f"FROM {table}) WHERE score > 0 ORDER BY score DESC, id LIMIT ?"
    )
    return sql, [*params, limit]


def search(
    store: Store,
    words: str,
    limit: int = 10,
    include_rewrites: bool = False,
    reindex: bool = False,
) -> SearchResult:
    """Rank the articles that match ``words``, best first.

    Raises:
        SearchError: the query has no words.
        StoreError: the corpus cannot be read, or ``reindex`` was asked and failed.
    """
    terms = query_terms(words)
    if not terms:
        raise SearchError(f"{words!r}: no words to search for")
    try:
        notes = _prepare_index(store, reindex)
        columns, rows = store.search(bm25_sql(include_rewrites), [" ".join(terms), limit])
        return SearchResult(columns, rows, "bm25", notes)
    except SearchUnavailable as exc:
        note = f"{exc}; ranking by plain word matching instead"
    columns, rows = store.query(*plain_sql(terms, include_rewrites, limit))
    return SearchResult(columns, rows, "plain", (note,))


def reindex_due(status: IndexStatus, max_articles: int, share: float) -> bool:
    """Whether a crawl that ends should rebuild the search index.

    A rebuild reads the whole corpus (DuckDB's ``fts`` index is built, not added to): a
    second or two for a few thousand articles, most of an hour for a million. So it is
    rebuilt when missing, while the corpus holds at most ``max_articles`` (0: always),
    and past that once the articles it misses are ``share`` of the corpus: a daily run
    adding a few hundred articles to a large corpus does not pay for the whole of it each
    time. Articles changed in place (refreshed, re-extracted) count only below the cap.
    """
    if status.up_to_date:
        return False
    if status.indexed is None or not max_articles or status.articles <= max_articles:
        return True
    return status.missing >= share * status.articles


def _prepare_index(store: Store, reindex: bool) -> tuple[str, ...]:
    """Build the index when asked or missing; say when it misses recent articles."""
    status = store.search_index_status()
    if reindex or status.indexed is None:
        try:
            store.refresh_search_index(force=True)
        except SearchUnavailable:
            raise
        except StoreError as exc:
            if reindex:
                raise
            raise SearchUnavailable(f"the search index could not be built ({exc})") from exc
        return ()
    if status.up_to_date:
        return ()
    changed = (
        f"{status.missing} articles stored since the search index was built are not searched"
        if status.missing > 0
        else "articles changed since the search index was built are searched as they were"
    )
    return (f"{changed} (`collector search --reindex` rebuilds it; a crawl does when it ends, "
            "on a corpus of up to COLLECTOR_SEARCH_REINDEX_MAX_ARTICLES articles or once it "
            "misses COLLECTOR_SEARCH_REINDEX_SHARE of them)",)  # fmt: skip


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
