"""The store's side of scheduled runs: queued leads, interrupted runs, what a run resumes."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from corpus_data import NOW, build_corpus, url_of

from collector.store import Batch, PendingLead, Store


def lead(url: str, status: str, reason: str | None = None, **extra: object) -> dict:
    row = {"url": url, "origin": "search:rss:haiti", "detail": "Haiti", "score": 0.5,
           "status": status, "reason": reason, "run_id": 1, "depth": 2,
           "seen_at": datetime(2024, 10, 1, tzinfo=UTC)}  # fmt: skip
    row.update(extra)
    return row


def write(store: Store, *leads: dict, done: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    batch = Batch()
    for row in leads:
        batch.add("leads", row)
    batch.done = set(done)
    store.write(batch)


def test_queued_leads_are_pending_until_settled(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    write(store, lead("https://a.example/1", "queued"), lead("https://a.example/2", "queued"))
    assert store.load_state().pending == [
        PendingLead("https://a.example/1", "search:rss:haiti", "Haiti", 0.5, 2),
        PendingLead("https://a.example/2", "search:rss:haiti", "Haiti", 0.5, 2),
    ]
    write(store, lead("https://a.example/1", "stored"), done={"https://a.example/1"})
    assert [p.url for p in store.load_state().pending] == ["https://a.example/2"]
    _, rows = store.query("SELECT url, status FROM leads ORDER BY url, status")
    assert rows == [("https://a.example/1", "stored"), ("https://a.example/2", "queued")]


def test_a_lead_queued_and_settled_in_one_batch_leaves_only_its_outcome(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    url = "https://a.example/1"
    write(store, lead(url, "queued"), lead(url, "failed", "http-404"), done={url})
    assert store.load_state().pending == []
    assert store.query("SELECT status, reason FROM leads")[1] == [("failed", "http-404")]


def test_many_leads_settle_in_one_batch_without_a_search_per_lead(
    tmp_path: Path, imports_tried: Counter[str]
) -> None:
    """Bound as a list, DuckDB's client looked for pandas twice per URL: 800 searches of
    sys.path for this batch when pandas is not installed."""
    store = Store(tmp_path / "c.duckdb")
    urls = [f"https://a.example/{i}" for i in range(500)]
    write(store, *(lead(url, "queued") for url in urls))
    imports_tried.clear()
    write(store, *(lead(url, "stored") for url in urls[:400]), done=set(urls[:400]))
    assert [p.url for p in store.load_state().pending] == sorted(urls[400:])
    assert sum(imports_tried.values()) < 50, imports_tried.most_common(3)


def test_a_pending_lead_already_in_the_corpus_is_settled_not_resumed(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    batch = Batch()
    batch.add("aliases", {"url": "https://a.example/1", "article_id": 1})
    batch.add("leads", lead("https://a.example/1", "queued"))
    batch.add("leads", lead("https://a.example/2", "queued"))
    batch.add("leads", lead("https://a.example/2", "skipped", "redirect-known"))
    batch.add("leads", lead("https://a.example/3", "queued"))
    store.write(batch)
    state = store.load_state()
    assert [p.url for p in state.pending] == ["https://a.example/3"]
    assert sorted(state.settled) == ["https://a.example/1", "https://a.example/2"]


def test_what_later_runs_skip_and_revisit(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    write(
        store,
        lead("https://a.example/off", "rejected", "off-topic", score=0.12),
        lead("https://a.example/empty", "skipped", "no-article-text"),
        lead("https://a.example/gone", "failed", "http-410"),
        lead("https://a.example/slow", "failed", "timeout"),
        lead("https://a.example/x", "stored", origin="feed:https://a.example/rss"),
        lead("https://a.example/y", "stored", origin="sitemap:https://a.example/news.xml"),
        lead("https://b.example/robots.txt", "source", "robots"),
        lead("https://b.example/feed", "source", "feed"),
    )
    state = store.load_state()
    assert state.rejected == {"https://a.example/off": 0.12}
    assert state.dead == {"https://a.example/empty", "https://a.example/gone"}
    assert state.feeds == ["https://a.example/rss", "https://b.example/feed"]
    assert state.sitemaps == ["https://a.example/news.xml"]
    assert state.robots == ["https://b.example/robots.txt"]


def test_a_page_not_found_is_asked_for_again_in_one_later_run(tmp_path: Path) -> None:
    # a sitemap may list an article before it is live, or a server fail for a while
    store = Store(tmp_path / "c.duckdb")
    url = "https://a.example/soon"
    write(store, lead(url, "failed", "http-404"), lead(url, "failed", "http-404"))
    assert url not in store.load_state().dead
    write(store, lead(url, "failed", "http-404", run_id=2))
    assert url in store.load_state().dead


def test_the_state_says_when_the_last_run_began(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    assert store.load_state().last_run_at is None
    store.start_run(1, {})
    store.finish_run(1, "finished", {}, {})
    between = datetime.now(UTC)
    store.start_run(2, {})
    last = store.load_state().last_run_at
    assert last is not None and between <= last <= datetime.now(UTC)  # the second's


def test_runs_left_running_are_marked_interrupted(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    store.start_run(1, {})
    store.finish_run(1, "finished", {"pages_fetched": 3}, {"retry/count": 2})
    store.start_run(2, {})
    assert store.close_stale_runs() == [2]
    assert store.close_stale_runs() == []
    _, rows = store.query("SELECT id, status, stats FROM runs ORDER BY id")
    assert [(r[0], r[1]) for r in rows] == [(1, "finished"), (2, "interrupted")]
    assert json.loads(rows[0][2]) == {"retry/count": 2}


def test_recent_articles_are_due_for_one_recheck_half_a_day_after_their_fetch(
    tmp_path: Path,
) -> None:
    # Every article of the corpus was fetched at NOW; 6 was published a day before it, 7
    # shows no date, the others are older than three days by NOW + 13 hours; 1 is a seed.
    store = build_corpus(tmp_path / "c.duckdb")
    after, within = timedelta(hours=12), timedelta(hours=72)
    assert store.recheck_due(NOW + timedelta(hours=1), after, within) == []  # too soon
    due = store.recheck_due(NOW + timedelta(hours=13), after, within)
    assert due == [(6, url_of(6, "c.example")), (7, url_of(7, "c.example"))]
    write(store, lead(url_of(6, "c.example"), "skipped", "unchanged", origin="recheck"))
    assert store.recheck_due(NOW + timedelta(hours=13), after, within) == [due[1]]  # once


def test_a_text_seed_found_where_it_was_published_is_due_too(tmp_path: Path) -> None:
    # the pasted seed took its page's URL: the page may change as any other does
    store = build_corpus(tmp_path / "c.duckdb")
    page = "https://a.example/seed-page"
    with store.connect() as con:
        con.execute(
            "UPDATE articles SET url = ?, published_at = ? WHERE id = 1",
            [page, (NOW - timedelta(hours=2)).replace(tzinfo=None)],
        )
    due = store.recheck_due(NOW + timedelta(hours=13), timedelta(hours=12), timedelta(hours=72))
    assert (1, page) in due
