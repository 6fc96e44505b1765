"""End to end: a real Scrapy crawl of the demo web over HTTP on loopback, into a real
DuckDB file, through the ``collector`` command as users run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.demoweb import DemoWeb
from collector.store import Store
from collector.urls import canonicalize_url, outlet_of


def collector(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collector.cli", *args],
        capture_output=True, text=True, timeout=300, cwd=cwd,
    )  # fmt: skip


def grow(web: DemoWeb, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
    pace = "--set=COLLECTOR_GDELT_INTERVAL=0.1"  # the demo's GDELT endpoint is on loopback
    return collector("grow", "--db", str(db), *search, "--allow-private-hosts", pace, *extra)


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb() as served:
        yield served


@pytest.fixture(scope="module")
def crawled(web: DemoWeb, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("crawl") / "corpus.duckdb"
    result = grow(web, db)
    assert result.returncode == 0, result.stderr[-3000:]
    shutil.copy(db, db.with_name("first-run.duckdb"))  # as it was before other tests' runs
    return db, result.stdout


def rows(db: Path, sql: str) -> list[tuple]:
    return Store(db).query(sql)[1]


def test_articles_come_from_at_least_four_outlets(crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    outlets = rows(db, "SELECT DISTINCT source FROM articles WHERE NOT is_seed")
    assert len(outlets) >= 4


def test_seeds_are_stored_as_seed_articles(crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    assert rows(db, "SELECT count(*) FROM articles WHERE is_seed") == [(5,)]


def test_no_unrelated_article_is_stored(web: DemoWeb, crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    stored = {r[0] for r in rows(db, "SELECT url FROM articles WHERE NOT is_seed")}
    offtopic = {canonicalize_url(u) for u in web.truth.offtopic}
    assert not stored & offtopic
    relevant = {canonicalize_url(u) for u in web.truth.relevant}
    assert stored <= relevant


def test_no_promo_line_survives(web: DemoWeb, crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    texts = rows(db, "SELECT url, text FROM articles WHERE NOT is_seed")
    assert texts
    for url, text in texts:
        lines = {line.strip() for line in text.splitlines()}
        for promo in web.truth.promo_lines:
            assert promo.strip() not in lines, (url, promo)


def test_article_paragraphs_are_kept(web: DemoWeb, crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    truth = {canonicalize_url(u): p for u, p in web.truth.paragraphs.items()}
    for url, text in rows(db, "SELECT url, text FROM articles WHERE NOT is_seed"):
        kept = sum(paragraph in text for paragraph in truth[url])
        assert kept >= 0.9 * len(truth[url]), url


def test_the_syndicated_copy_is_stored_once(web: DemoWeb, crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    stored = {r[0] for r in rows(db, "SELECT url FROM articles")}
    duplicates = {r[0] for r in rows(db, "SELECT url FROM duplicates")}
    for pair in web.truth.syndicated:
        urls = {canonicalize_url(u) for u in pair}
        assert len(urls & stored) == 1
        assert len(urls & duplicates) <= 1


def test_the_reworded_seed_is_linked_not_merged(crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    linked = rows(
        db,
        "SELECT a.url, b.url FROM articles a JOIN articles b ON a.rewrite_of = b.id "
        "WHERE a.is_seed AND b.is_seed",
    )
    pair = {url.removeprefix("seed:")[:3] for url in linked[0]} if linked else set()
    assert len(linked) == 1 and pair == {"000", "003"}


def test_robots_disallowed_urls_are_never_fetched(web: DemoWeb, crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    leads = {r[0] for r in rows(db, "SELECT url FROM leads WHERE status <> 'skipped'")}
    assert not leads & {canonicalize_url(u) for u in web.truth.disallowed}


def test_every_lead_says_where_it_came_from(crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    origins = {r[0].split(":")[0] for r in rows(db, "SELECT origin FROM leads")}
    assert {"seed", "search"} <= origins
    assert rows(db, "SELECT count(*) FROM leads WHERE status = 'rejected' AND score IS NULL") == [
        (0,)
    ]


def test_summary_is_printed(crawled: tuple[Path, str]) -> None:
    _, stdout = crawled
    assert "articles stored:" in stdout
    assert "duplicates skipped:" in stdout
    assert "rejected as off-topic:" in stdout
    assert "collector query" in stdout


def test_a_second_run_fetches_no_known_article(web: DemoWeb, crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    before = rows(db, "SELECT count(*) FROM articles")
    result = grow(web, db)
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(db, "SELECT count(*) FROM articles") == before
    refetched = rows(
        db,
        "SELECT count(*) FROM leads l WHERE l.run_id = (SELECT max(id) FROM runs) "
        "AND l.status IN ('stored', 'duplicate') AND NOT starts_with(l.url, 'seed:')",
    )
    assert refetched == [(0,)]
    assert rows(db, "SELECT count(*), count(finished_at) FROM runs") == [(2, 2)]


def test_private_hosts_are_refused_without_the_flag(web: DemoWeb, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
    result = collector("grow", "--db", str(db), *search)
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(db, "SELECT count(*) FROM articles WHERE NOT is_seed") == [(0,)]
    assert "private address" in result.stderr


def test_query_is_read_only(crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    result = collector("query", "--db", str(db), "DELETE FROM articles")
    assert result.returncode == 2
    assert "read-only" in result.stderr
    assert "Traceback" not in result.stderr
    assert rows(db, "SELECT count(*) > 0 FROM articles") == [(True,)]


def test_query_formats(crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    result = collector("query", "--db", str(db), "--format", "json", "SELECT id, url FROM articles")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == rows(db, "SELECT count(*) FROM articles")[0][0]


def test_exports(crawled: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = crawled
    out = tmp_path / "corpus.jsonl"
    result = collector("export", "--db", str(db), "--format", "jsonl", "--out", str(out))
    assert result.returncode == 0, result.stderr
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(exported) == rows(db, "SELECT count(*) FROM corpus")[0][0]  # rewrites left out


def test_stored_dates_and_outlets(web: DemoWeb, crawled: tuple[Path, str]) -> None:
    db, _ = crawled
    published = {
        canonicalize_url(u): d.replace(tzinfo=None) for u, d in web.truth.published.items()
    }
    dated = rows(db, "SELECT url, published_at FROM articles WHERE NOT is_seed")
    right = sum(
        1
        for url, when in dated
        if when is not None and abs((when - published[url]).total_seconds()) < 86400
    )
    assert right >= 0.8 * len(dated)
    for url, source in rows(db, "SELECT url, source FROM articles WHERE NOT is_seed"):
        assert source == outlet_of(url)


def test_a_rejected_article_is_not_fetched_again(
    web: DemoWeb, crawled: tuple[Path, str], tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    shutil.copy(crawled[0].with_name("first-run.duckdb"), db)
    [(kept, copy)] = rows(db, "SELECT a.url, d.url FROM duplicates d JOIN articles a "
                              "ON a.id = d.article_id ORDER BY d.url LIMIT 1")  # fmt: skip
    result = collector("reject", "--db", str(db), copy)
    assert result.returncode == 0, result.stderr
    result = grow(web, db)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "URLs rejected with `collector reject`" in result.stdout
    assert rows(db, f"SELECT count(*) FROM articles WHERE url IN ('{kept}', '{copy}')") == [(0,)]
    # Neither is fetched: not as a search hit, nor behind a search provider's redirect.
    outcomes = rows(
        db,
        "SELECT DISTINCT origin = 'redirect', status, reason FROM leads WHERE run_id = 2 AND "
        f"(url IN ('{kept}', '{copy}') OR origin = 'redirect' AND detail IN ('{kept}', '{copy}'))",
    )
    assert {status for _, status, _ in outcomes} == {"skipped"}
    assert {(True, "skipped", "rejected-before"), (False, "skipped", "rejected-before")} <= set(
        outcomes
    )


@pytest.mark.parametrize("min_names", [3, 0])
def test_coverage_in_another_language_is_kept_by_the_story_names(
    web: DemoWeb, tmp_path: Path, min_names: int
) -> None:
    # A French report on the English seeds' story names Haiti, Kenya, the multinational
    # mission and Ruto; a French report on Haitian coffee names only Haiti.
    urls = sorted(web.truth.relevant | web.truth.offtopic)
    story = next(u for u in urls if "pnh-mss-route-nationale" in u)
    coffee = next(u for u in urls if "cafe-haitien" in u)
    assert story in web.truth.relevant and coffee in web.truth.offtopic
    db = tmp_path / "corpus.duckdb"
    result = grow(web, db, "--set=COLLECTOR_SEARCH=", "--max-depth=0", f"--start-url={story}",
                  f"--start-url={coffee}",
                  f"--set=COLLECTOR_STORY_MIN_NAMES={min_names}")  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    outcomes = dict(
        rows(db, "SELECT url, status FROM leads WHERE status IN ('stored', 'rejected')")
    )
    assert outcomes[canonicalize_url(coffee)] == "rejected"
    assert outcomes[canonicalize_url(story)] == ("stored" if min_names else "rejected")
    if min_names:
        stored = rows(db, "SELECT language FROM articles WHERE NOT is_seed")
        assert stored == [("fr",)]
