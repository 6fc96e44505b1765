"""``collector reextract`` on real DuckDB files: one grown by a real crawl of the demo web,
one holding pages of an outlet whose template lines were learned after they were stored."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from loopback import serving
from template_pages import (
    DISCLAIMER,
    QUOTE,
    SLOGAN,
    SOURCE,
    KayaHandler,
    check_reextracted,
    outlet_pages,
)

from collector.boilerplate import LearnRule, TemplateLearner, template_blocks
from collector.cleaning import normalise_line
from collector.cli import main
from collector.dedup import content_hash
from collector.dedup import signature as dedup_signature
from collector.demoweb import DemoWeb
from collector.extraction import extract_article
from collector.store import Batch, Store, compress_html

FETCHED_AT = datetime(2024, 12, 1, 9, 0, tzinfo=UTC)
SEEDS = Path(__file__).parents[1] / "seeds"
COLUMNS = "id, url, title, text, published_at, date_source, language, outlet, content_hash"


def collector(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collector.cli", *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def rows(db: Path, sql: str) -> list[tuple]:
    return Store(db).query(sql)[1]


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb() as served:
        yield served


@pytest.fixture(scope="module")
def crawled(web: DemoWeb, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("crawl") / "corpus.duckdb"
    search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
    result = collector("grow", "--db", str(db), *search, "--allow-private-hosts")
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_the_crawl_counts_each_outlets_pages_and_learns_only_boilerplate(
    web: DemoWeb, crawled: Path
) -> None:
    stored = rows(crawled, "SELECT source, count(*) FROM articles WHERE NOT is_seed GROUP BY ALL")
    counted = dict(rows(crawled, "SELECT source, pages FROM outlet_pages"))
    for source, articles in stored:
        assert counted[source] >= articles  # off-topic pages and copies are counted too
    store = Store(crawled)
    learned = set()
    for source in counted:
        outlet, blocks = store.template_counts(source)
        learned |= template_blocks(blocks, outlet, LearnRule())
    assert learned
    assert learned <= {normalise_line(line) for line in web.truth.promo_lines}


def test_reextracting_with_the_same_extractor_changes_nothing(crawled: Path) -> None:
    before = rows(crawled, f"SELECT {COLUMNS} FROM articles ORDER BY id")
    result = collector("reextract", "--db", str(crawled))
    assert result.returncode == 0, result.stderr
    assert ": 0 changed," in result.stdout
    assert rows(crawled, f"SELECT {COLUMNS} FROM articles ORDER BY id") == before


def test_reextract_repairs_what_an_older_extractor_stored(crawled: Path) -> None:
    store = Store(crawled)
    source = rows(crawled, "SELECT source FROM articles WHERE NOT is_seed ORDER BY id LIMIT 1")[0][
        0
    ]
    ids = store.reextract_ids(source=source)
    good = rows(crawled, f"SELECT {COLUMNS} FROM articles ORDER BY id")
    stale = []
    for page in store.stored_pages(ids):  # what a worse extractor would have stored
        stale.append(
            {**page, "title": page["title"] + " - Some Outlet",
             "text": page["text"] + "\nAlso Read | Fed officials signal patience on rate cuts",
             "published_at": None, "date_source": None, "language": None}
        )  # fmt: skip
    store.update_articles(stale)
    assert rows(crawled, f"SELECT {COLUMNS} FROM articles ORDER BY id") != good

    dry = collector("reextract", "--db", str(crawled), "--dry-run")
    assert f": {len(ids)} would change," in dry.stdout, dry.stdout + dry.stderr
    result = collector("reextract", "--db", str(crawled), "--source", source, "--list")
    assert result.returncode == 0, result.stderr
    assert f"Re-extracted {len(ids)} articles" in result.stdout
    assert f": {len(ids)} changed, 0 unchanged" in result.stdout
    assert "(title, text, published_at, date_source, language)" in result.stdout
    after = rows(crawled, f"SELECT {COLUMNS} FROM articles ORDER BY id")
    assert [row[:-1] for row in after] == [row[:-1] for row in good]
    for article_id, text, digest in rows(crawled, "SELECT id, text, content_hash FROM articles"):
        if article_id in ids:
            assert digest == content_hash(text)


def test_reextract_gives_an_unchanged_text_the_hash_and_signature_of_the_current_cut(
    crawled: Path,
) -> None:
    store = Store(crawled)
    [page] = store.stored_pages(store.reextract_ids()[-1:])
    # as stored when the words of its script were cut otherwise
    store.update_articles([{**page, "content_hash": "0" * 32, "signature": b"old"}])
    result = collector("reextract", "--db", str(crawled), "--list")
    assert result.returncode == 0, result.stderr
    assert ": 1 changed," in result.stdout and "(content_hash, signature)" in result.stdout
    [(digest, signature)] = rows(
        crawled, f"SELECT content_hash, signature FROM articles WHERE id = {page['id']}"
    )
    assert digest == content_hash(page["text"]) and signature == dedup_signature(page["text"])


@pytest.fixture
def kaya_corpus(tmp_path: Path) -> Path:
    """Kaya Times' story articles stored as the extractor saw them before it had learned
    the outlet's template, with the counts that teach it (off-story pages included)."""
    db = tmp_path / "corpus.duckdb"
    store = Store(db)
    learner = TemplateLearner(LearnRule())
    batch = Batch()
    for article_id, page in enumerate(outlet_pages("divsoup"), start=1):
        article = extract_article(page.html, page.url, FETCHED_AT)
        assert article is not None and SLOGAN in article.text
        learner.observe(SOURCE, page.url, article.blocks, page.offtopic, FETCHED_AT)
        if page.offtopic:
            continue  # the gate would not have stored it
        row = {**article.as_dict(), "id": article_id, "url": page.url, "source": SOURCE}
        row.update(published_at=article.published_at, modified_at=article.modified_at)
        batch.add("articles", {**row, "is_seed": False, "fetched_at": FETCHED_AT})
        page_row = {"article_id": article_id, "url": page.url, "fetched_at": FETCHED_AT}
        batch.add("pages", {**page_row, "html_zlib": compress_html(page.html)})
    store.write(batch)
    store.add_template_counts(learner.pending())
    return db


def test_reextract_removes_blocks_learned_after_the_articles_were_stored(
    kaya_corpus: Path,
) -> None:
    result = collector("reextract", "--db", str(kaya_corpus), "--source", SOURCE)
    assert result.returncode == 0, result.stderr
    assert "Re-extracted 5 articles from their stored pages: 5 changed" in result.stdout
    expected = {p.url: "\n".join(p.paragraphs) for p in outlet_pages("divsoup") if not p.offtopic}
    texts = dict(rows(kaya_corpus, "SELECT url, text FROM articles"))
    assert texts == expected
    assert sum(QUOTE in text for text in texts.values()) == 3
    assert not any(SLOGAN in t or DISCLAIMER in t for t in texts.values())
    again = collector("reextract", "--db", str(kaya_corpus))
    assert ": 0 changed, 5 unchanged" in again.stdout


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["reextract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_since_selects_pages_by_fetch_time(
    kaya_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(kaya_corpus), "--since", "2024-12-02", "--dry-run")
    assert code == 0 and "Re-extracted 0 articles" in out
    _, out, _ = run(capsys, "--db", str(kaya_corpus), "--since", "2024-12-01T08:00", "--dry-run")
    assert "Re-extracted 5 articles from their stored pages: 5 would change" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "nowhere.example"], "no stored page of this outlet"),
        (["--since", "last tuesday"], "not a date; use YYYY-MM-DD"),
        (["-s", "NOVALUE"], "NAME=VALUE"),
    ],
)
def test_bad_input_gets_a_clear_error(
    kaya_corpus: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = rows(kaya_corpus, "SELECT text FROM articles ORDER BY id")
    code, _, err = run(capsys, "--db", str(kaya_corpus), *args)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert rows(kaya_corpus, "SELECT text FROM articles ORDER BY id") == before


def test_a_missing_corpus_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "none.duckdb"))
    assert code == 2
    assert "no corpus here yet" in err
    assert not (tmp_path / "none.duckdb").exists()


def test_extract_applies_the_learned_blocks_of_the_pages_outlet(
    kaya_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = outlet_pages("divsoup")[0]
    path = tmp_path / "page.html"
    path.write_text(page.html, encoding="utf-8")
    assert main(["extract", str(path), "--url", page.url]) == 0
    assert SLOGAN in capsys.readouterr().out
    args = ["extract", str(path), "--url", page.url, "--db", str(kaya_corpus), "--explain"]
    assert main(args) == 0
    body, _, removed = capsys.readouterr().out.partition("\nRemoved:")
    assert SLOGAN not in body and DISCLAIMER not in body and QUOTE in body
    assert f"[template] {SLOGAN}" in removed and f"[template] {DISCLAIMER}" in removed
    other = "https://elsewhere.example/news/a"  # another outlet learned nothing
    assert main(["extract", str(path), "--url", other, "--db", str(kaya_corpus)]) == 0
    assert SLOGAN in capsys.readouterr().out
    assert main(["extract", str(path), "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no corpus here" in capsys.readouterr().err


def test_a_crawl_reextracts_what_it_stored_before_the_outlets_template_was_learned(
    tmp_path: Path,
) -> None:
    db = tmp_path / "corpus.duckdb"
    with serving(KayaHandler) as url:
        result = collector(
            "grow", "--db", str(db), "--allow-private-hosts", "--seeds", str(SEEDS),
            f"--search=rss={url}/search?q={{query}}", "--set=COLLECTOR_RELEVANCE_FEEDBACK_WAIT=0",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    texts = dict(rows(db, "SELECT url, text FROM articles WHERE NOT is_seed"))
    [(changed,)] = rows(db, "SELECT json_extract(stats, '$.extract/reextracted') FROM runs")
    check_reextracted(texts, int(changed))
