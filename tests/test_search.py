"""Full-text search on the small known corpus: BM25 through the fts extension, the plain SQL
fallback, a stale index, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from corpus_data import build_corpus

from collector.cli import main
from collector.search import SearchError, query_terms, reindex_due, search
from collector.store import Batch, IndexStatus, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return build_corpus(tmp_path / "c.duckdb")


def ids(result) -> list[int]:  # type: ignore[no-untyped-def]
    return [row[0] for row in result.rows]


def test_bm25_ranks_the_article_about_the_words_first(store: Store) -> None:
    result = search(store, "Kenyan police")
    assert result.method == "bm25" and result.warnings == ()
    assert result.columns[:2] == ["id", "score"]
    # 2 says "Kenyan police" in its title and three times in its text; 1 (the seed) once in
    # its title; 4 and 6 only say "police"; 3 and 7 say neither; 5 is a rewrite.
    assert ids(result)[0] == 2
    assert set(ids(result)) == {1, 2, 4, 6}
    scores = [row[1] for row in result.rows]
    assert scores == sorted(scores, reverse=True)


def test_rewrites_are_searched_only_when_asked(store: Store) -> None:
    assert 5 not in ids(search(store, "officers land"))
    assert ids(search(store, "officers land", include_rewrites=True))[0] == 5


def test_stemming_matches_other_forms_of_a_word(store: Store) -> None:
    assert ids(search(store, "pledges donor"))[0] == 3  # the text says "pledged", "Donors"


def test_the_limit_is_respected(store: Store) -> None:
    assert len(search(store, "police", limit=2).rows) == 2


def test_without_the_extension_plain_sql_ranks_with_a_warning(store: Store) -> None:
    plain = Store(store.path, fts_extension=store.path.parent / "no" / "fts.duckdb_extension")
    result = search(plain, "Kenyan police")
    assert result.method == "plain"
    assert len(result.warnings) == 1 and "plain word matching" in result.warnings[0]
    assert "duckdb-extension-fts" in result.warnings[0]
    assert ids(result)[0] == 2
    assert set(ids(result)) == {1, 2, 4, 6}
    assert not plain.index_path.exists()


def test_plain_sql_takes_like_wildcards_literally(store: Store) -> None:
    plain = Store(store.path, fts_extension=store.path.parent / "no" / "fts.duckdb_extension")
    # "_" would match the space of "officers land" if it were a LIKE wildcard.
    assert search(plain, "officers_land", include_rewrites=True).rows == []
    assert ids(search(plain, "officers land", include_rewrites=True))[0] == 5


def test_a_stale_index_says_so_until_it_is_rebuilt(store: Store) -> None:
    store.refresh_search_index()
    batch = Batch()
    row = {"id": 8, "url": "https://z.example/8", "title": "Gangs retreat",
           "text": "Gangs retreat from the capital.", "is_seed": False}  # fmt: skip
    batch.add("articles", row)
    store.write(batch)
    stale = search(store, "gangs retreat")
    assert stale.method == "bm25"
    assert len(stale.warnings) == 1 and "1 articles stored since" in stale.warnings[0]
    assert 8 not in ids(stale)
    fresh = search(store, "gangs retreat", reindex=True)
    assert fresh.warnings == () and ids(fresh)[0] == 8


def test_an_index_an_earlier_release_built_is_rebuilt(store: Store) -> None:
    store.refresh_search_index()
    con = duckdb.connect(str(store.index_path))
    con.execute("ALTER TABLE index_info DROP COLUMN version")  # as release 1 wrote it
    con.close()
    assert store.search_index_status().indexed is None
    result = search(store, "Kenyan police")
    assert result.method == "bm25" and result.warnings == () and ids(result)[0] == 2
    assert store.search_index_status().up_to_date


@pytest.mark.parametrize(
    ("words", "terms"),
    [("Kenyan police", ["kenyan", "police"]), ("police, POLICE! haïti", ["police", "haïti"]),
     ("  ", []), ("?!", [])],
)  # fmt: skip
def test_query_terms(words: str, terms: list[str]) -> None:
    assert query_terms(words) == terms


def test_a_query_without_words_is_refused(store: Store) -> None:
    with pytest.raises(SearchError, match="no words"):
        search(store, "?!")


def test_the_search_command(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["search", "--db", str(store.path), "--format", "json", "--limit", "3"]
    assert main([*args, "kenyan police"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3 and rows[0]["id"] == 2 and err == ""
    assert main([*args, "?!"]) == 2
    assert "no words to search for" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args[:-1], "0", "police"])
    assert "at least 1" in capsys.readouterr().err


def test_a_re_extracted_article_makes_the_index_stale(store: Store) -> None:
    store.refresh_search_index()
    store.update_articles([{"id": 3, "title": "Haiti mission funding", "content_hash": "new",
                            "text": "Donors pledged a new airlift for the mission."}])  # fmt: skip
    assert not store.search_index_status().up_to_date
    stale = search(store, "airlift")
    assert len(stale.warnings) == 1 and "changed since" in stale.warnings[0]
    assert ids(search(store, "airlift", reindex=True)) == [3]


@pytest.mark.parametrize(
    ("status", "due"),
    [
        (IndexStatus(None, 500_000), True),  # no index yet
        (IndexStatus(500_000, 500_000), False),  # up to date
        (IndexStatus(90_000, 90_100), True),  # a corpus under the cap: every run
        (IndexStatus(500_000, 500_300), False),  # a large one misses a few hundred
        (IndexStatus(450_000, 500_000), True),  # ... and then a tenth
        (IndexStatus(500_000, 500_000, same_articles=False), False),  # changed in place
        (IndexStatus(90_000, 90_000, same_articles=False), True),
    ],
)
def test_a_crawl_rebuilds_a_large_corpus_index_once_it_misses_a_share(
    status: IndexStatus, due: bool
) -> None:
    assert reindex_due(status, max_articles=100_000, share=0.1) is due
    assert reindex_due(status, max_articles=0, share=0.1) is not status.up_to_date


def test_reindex_alone_only_rebuilds_the_index(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert store.search_index_status().indexed is None
    assert main(["search", "--db", str(store.path), "--reindex"]) == 0
    assert capsys.readouterr().out.strip() == "Search index rebuilt: 7 articles"
    assert store.search_index_status().up_to_date
    assert main(["search", "--db", str(store.path)]) == 2
    assert "--reindex alone" in capsys.readouterr().err
