"""The dedup and store pipelines on a real DuckDB file, items fed in a chosen order.

The end-to-end crawl (tests/test_dedup_crawl.py) cannot choose the order in which a crawl
finishes its pages; here each order is played exactly, with the real spider's bookkeeping.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from corpus_data import from_another_process, hold, release
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from collector import settings as project
from collector.dedup import features
from collector.demoweb.content import load_articles
from collector.items import ArticleItem
from collector.spiders.grow import GrowSpider
from collector.store import Batch, Store
from pipelines.dedup import DedupPipeline
from pipelines.store import StorePipeline

BODIES = {a.slug: a.paragraphs for a in load_articles()}
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STORY = "haiti-mission-equipment-shortages"


def text_of(slug: str, share: float = 1.0, extra: tuple[str, ...] = ()) -> str:
    body = BODIES[slug]
    return "\n".join([*body[: max(1, round(len(body) * share))], *extra])


def seed_text(prefix: str) -> str:
    return "\n".join(next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8").splitlines()[1:])


def article(url: str, text: str, day: int | None, is_seed: bool = False) -> ArticleItem:
    return ArticleItem(
        url=url, seen_urls=[url], title=url, text=text, is_seed=is_seed, source="test",
        published_at=datetime(2024, 10, day, 8, tzinfo=UTC) if day else None,
        fetched_at=datetime(2024, 11, 1, tzinfo=UTC), html=f"<p>{url}</p>",
        lead={"origin": "start-url", "detail": url, "score": 1.0},
    )  # fmt: skip


class Run:
    """One crawl run's spider bookkeeping and pipelines over the corpus file."""

    def __init__(self, db: Path, batch: int = 200, keep: int = 8192) -> None:
        settings = {name: getattr(project, name) for name in dir(project) if name.isupper()}
        settings |= {
            "COLLECTOR_DB": str(db),
            "COLLECTOR_SEARCH": [],
            "COLLECTOR_STORE_BATCH": batch,
        }
        crawler = get_crawler(GrowSpider, settings)
        spider: Any = GrowSpider.from_crawler(crawler)
        crawler.spider = spider
        spider.store = Store(db)
        spider.state = spider.store.load_state()
        spider.known = dict(spider.state.known_urls)
        spider.run_id = spider.state.next_run_id
        spider.store.start_run(spider.run_id, {})
        self.dedup = DedupPipeline(crawler, keep)
        self.store = StorePipeline.from_crawler(crawler)

    def feed(self, *items: ArticleItem) -> list[int | None]:
        """Each item's id, or None when it was dropped as a duplicate; then finish the run."""
        ids: list[int | None] = []
        for item in items:
            try:
                ids.append(self.store.process_item(self.dedup.process_item(item))["id"])
            except DropItem:
                ids.append(None)
        self.store.close_spider()
        return ids


def tables(db: Path) -> dict[str, set[tuple]]:
    store = Store(db)
    queries = {
        "articles": "SELECT id, url FROM articles",
        "duplicates": "SELECT url, article_id FROM duplicates",
        "aliases": "SELECT url, article_id FROM aliases",
        "pages": "SELECT article_id, url FROM pages",
        "stored": "SELECT url FROM leads WHERE status = 'stored'",
        "rewrites": "SELECT id, rewrite_of FROM articles WHERE rewrite_of IS NOT NULL",
    }
    return {name: set(store.query(sql)[1]) for name, sql in queries.items()}


SYNDICATED = ("https://islandpost.test/kit", text_of(STORY, extra=("Share this article",)), 3)
TEASER = ("https://teaser.test/kit", text_of(STORY, share=0.5), 2)
WIRE = ("https://wire.test/kit", text_of(STORY), 1)


@pytest.mark.parametrize("batch", [1, 200])  # replaced rows already written, or still waiting
@pytest.mark.parametrize(
    "order", [(SYNDICATED, TEASER, WIRE), (WIRE, TEASER, SYNDICATED), (TEASER, WIRE, SYNDICATED)]
)
def test_the_earliest_copy_is_kept_whatever_the_order(
    tmp_path: Path, order: tuple, batch: int
) -> None:
    db = tmp_path / "c.duckdb"
    ids = Run(db, batch).feed(*(article(*copy) for copy in order))
    kept = ids[0]
    assert kept is not None
    found = tables(db)
    assert found["articles"] == {(kept, WIRE[0])}
    assert found["duplicates"] == {(SYNDICATED[0], kept), (TEASER[0], kept)}
    assert found["pages"] == {(kept, WIRE[0])}
    assert {u for u, _ in found["aliases"]} <= {c[0] for c in order}
    assert {i for _, i in found["aliases"]} == {kept}
    # A copy earlier than all before it is stored (replacing them); any other is dropped.
    stored = [all(c[2] < o[2] for o in order[:k]) for k, c in enumerate(order)]
    assert ids == [kept if s else None for s in stored]
    assert found["stored"] == {(c[0],) for c, s in zip(order, stored, strict=True) if s}


def test_an_earlier_or_longer_copy_in_a_later_run_takes_the_place(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    late, brief = ("https://late.test/a", text_of(STORY), 5), ("https://b.test/c", "", 4)
    brief = (brief[0], text_of("haiti-mission-deployment-numbers-september", share=0.5), 4)
    [late_id, brief_id] = Run(db).feed(article(*late), article(*brief))
    ids = Run(db).feed(
        article("https://later.test/a", text_of(STORY, extra=("Advertisement",)), 7),
        article("https://early.test/a", text_of(STORY, extra=("By Staff",)), 2),
        article("https://full.test/c", text_of("haiti-mission-deployment-numbers-september"), 4),
        article("https://other.test/x", text_of("ruto-tours-haiti-base-gangs"), 1),
    )
    assert ids[:3] == [None, late_id, brief_id]
    assert ids[3] not in (None, late_id, brief_id)
    found = tables(db)
    assert found["articles"] == {
        (late_id, "https://early.test/a"), (brief_id, "https://full.test/c"),
        (ids[3], "https://other.test/x"),
    }  # fmt: skip
    assert found["duplicates"] == {
        ("https://later.test/a", late_id),
        (late[0], late_id),
        (brief[0], brief_id),
    }
    assert (late[0], late_id) in found["aliases"] and (brief[0], brief_id) in found["aliases"]
    assert found["pages"] == {(late_id, "https://early.test/a"), (brief_id, "https://full.test/c"),
                              (ids[3], "https://other.test/x")}  # fmt: skip


def at(item: ArticleItem, hour: int, minute: int = 0) -> ArticleItem:
    item["published_at"] = item["published_at"].replace(hour=hour, minute=minute)
    return item


def test_a_copy_later_that_day_stays_a_copy_even_when_longer(tmp_path: Path) -> None:
    """A regional paper's version of a report, 40 minutes later and longer by its own
    paragraphs, does not take the report's place; a full story that contains an earlier
    brief does."""
    db = tmp_path / "c.duckdb"
    report = at(article("https://wire.test/a", text_of(STORY), 5), 11, 30)
    brief = at(article("https://b.test/brief", text_of("ruto-tours-haiti-base-gangs", 0.3), 5), 9)
    [report_id, brief_id] = Run(db).feed(report, brief)
    regional = text_of(STORY, extra=(
        "Local farmers who exhibited at the fair said they had warned the organisers.",
        "The county council will meet on Monday to discuss the hall's future, a spokesman said.",
    ))  # fmt: skip
    ids = Run(db).feed(
        at(article("https://regional.test/a", regional, 5), 12, 10),
        at(article("https://b.test/full", text_of("ruto-tours-haiti-base-gangs"), 5), 10),
    )
    assert ids == [None, brief_id]
    found = tables(db)
    assert (report_id, "https://wire.test/a") in found["articles"]
    assert (brief_id, "https://b.test/full") in found["articles"]
    assert {("https://regional.test/a", report_id), ("https://b.test/brief", brief_id)} <= (
        found["duplicates"]
    )


UPDATE_LINES = (
    "The ministry said on Tuesday evening that a second shipment had been held at the port.",
    "Officers at the base told reporters they had been waiting for the radios since August.",
)


@pytest.mark.parametrize("runs", [1, 2])
@pytest.mark.parametrize("update_first", [False, True])
def test_an_outlets_update_under_a_new_url_is_kept_whichever_came_first(
    tmp_path: Path, update_first: bool, runs: int
) -> None:
    """A wire's update of its report, published later under a new URL with paragraphs
    added, is the version kept (another outlet's longer copy is not, see above), dated as
    the first version when the crawl met that first."""
    db = tmp_path / "c.duckdb"
    first = at(article("https://wire.test/a", text_of(STORY), 5), 9, 10)
    update = text_of(STORY, extra=UPDATE_LINES)
    items = [first, at(article("https://www.wire.test/a-update", update, 5), 13)]
    items[1]["modified_at"] = datetime(2024, 10, 5, 14, tzinfo=UTC)  # its page says so
    items = items[::-1] if update_first else items
    ids = Run(db).feed(*items[:runs]) + Run(db).feed(*items[runs:])
    kept = ids[0]
    found = tables(db)
    assert found["articles"] == {(kept, "https://www.wire.test/a-update")}
    assert found["pages"] == {(kept, "https://www.wire.test/a-update")}
    assert found["duplicates"] == {("https://wire.test/a", kept)}
    assert ids[1] == (None if update_first else kept)
    assert Store(db).query("SELECT method FROM duplicates")[1] == [("update",)]
    # Dated as its first version when it took its place, its own date as modified_at;
    # met first, it keeps its own dates.
    dates = Store(db).query("SELECT published_at, modified_at FROM articles")[1]
    assert dates == [(datetime(2024, 10, 5, 13), datetime(2024, 10, 5, 14)) if update_first
                     else (datetime(2024, 10, 5, 9, 10), datetime(2024, 10, 5, 13))]  # fmt: skip


@pytest.mark.parametrize("split", ["none", "batch", "run"])
def test_an_update_met_before_its_first_version_behind_another_copy(
    tmp_path: Path, split: str
) -> None:
    """Another outlet's copy (10:00) is stored first, the wire's update (13:00) stays its
    copy, then the wire's report (09:10) takes the copy's place: while the update's
    records wait to be written, the update takes it instead, dated 09:10; once they are
    written (a batch written between, or a later run), the report stays as it came."""
    db = tmp_path / "c.duckdb"
    copy = at(article("https://regional.test/a", text_of(STORY, extra=("By Staff",)), 5), 10)
    update = text_of(STORY, extra=UPDATE_LINES)
    items = [
        copy,
        at(article("https://wire.test/a-update", update, 5), 13),
        at(article("https://wire.test/a", text_of(STORY), 5), 9, 10),
    ]
    if split == "batch":  # another article stored, and the batch of one written
        items.insert(2, article("https://other.test/x", text_of("ruto-tours-haiti-base-gangs"), 5))
    cut = 2 if split == "run" else len(items)
    ids = Run(db, batch=1).feed(*items[:cut]) + Run(db, batch=1).feed(*items[cut:])
    kept = ids[0]
    store = Store(db)
    articles = store.query("SELECT url, published_at FROM articles WHERE id = ?", [kept])[1]
    duplicates = dict(store.query("SELECT url, method FROM duplicates")[1])
    assert duplicates["https://regional.test/a"] == "jaccard"
    if split == "none":
        assert articles == [("https://wire.test/a-update", datetime(2024, 10, 5, 9, 10))]
        assert duplicates["https://wire.test/a"] == "update"
        assert "https://wire.test/a-update" not in duplicates
        leads = store.query("SELECT url, status FROM leads WHERE url LIKE 'https://wire%'")[1]
        assert sorted(leads) == [
            ("https://wire.test/a", "duplicate"),
            ("https://wire.test/a-update", "stored"),
        ]
    else:
        assert articles == [("https://wire.test/a", datetime(2024, 10, 5, 9, 10))]
        assert duplicates["https://wire.test/a-update"] == "jaccard"


def test_an_outlets_copy_with_one_line_more_is_no_update(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    first = at(article("https://wire.test/a", text_of(STORY), 5), 9, 10)
    longer = text_of(STORY, extra=UPDATE_LINES[:1])
    ids = Run(db).feed(first, at(article("https://wire.test/a-print", longer, 5), 9, 30))
    assert ids[1] is None
    assert tables(db)["articles"] == {(ids[0], "https://wire.test/a")}


def is_seed(db: Path) -> dict[str, bool]:
    return dict(Store(db).query("SELECT url, is_seed FROM articles")[1])


@pytest.mark.parametrize("runs", [1, 2])  # the seed stored in an earlier run, or this one's
def test_the_page_a_text_seed_was_pasted_from_becomes_that_seed(tmp_path: Path, runs: int) -> None:
    db = tmp_path / "c.duckdb"
    seed = article("seed:001", seed_text("001"), None, is_seed=True)
    page = article("https://web.test/001", seed_text("001") + "\nShare this article", 3)
    later = article("https://later.test/001", seed_text("001"), 5)
    earlier = article("https://wire.test/001", seed_text("001"), 1)  # the page's source
    items = (seed, page, later, earlier)
    ids = Run(db).feed(*items) if runs == 1 else Run(db).feed(seed) + Run(db).feed(*items[1:])
    seed_id = ids[0]
    assert ids == [seed_id, seed_id, None, seed_id]
    found = tables(db)
    assert found["articles"] == {(seed_id, "https://wire.test/001")}
    assert is_seed(db) == {"https://wire.test/001": True}
    assert found["duplicates"] == {(u, seed_id) for u in ("seed:001", page["url"], later["url"])}
    assert found["pages"] == {(seed_id, "https://wire.test/001")}


def test_a_rewording_of_a_located_seed_is_linked_to_it(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    ids = Run(db).feed(
        article("seed:003", seed_text("003"), None, is_seed=True),
        article("https://a.test/003", seed_text("003"), 1),
        article("https://farm.test/000", seed_text("000"), 4),
    )
    assert ids[0] == ids[1] and ids[2] not in (None, ids[0])
    assert tables(db)["rewrites"] == {(ids[2], ids[0])}


def test_a_seed_given_by_its_url_is_never_replaced(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    url = "https://seed.test/001"
    seed = article(url, seed_text("001"), 4, is_seed=True)
    seed["lead"]["origin"] = "seed"
    [seed_id] = Run(db).feed(seed)
    assert Run(db).feed(article("https://web.test/001", seed_text("001"), 1)) == [None]
    assert tables(db)["articles"] == {(seed_id, url)}
    assert tables(db)["duplicates"] == {("https://web.test/001", seed_id)}


def test_a_published_rewording_of_a_seed_stands_on_its_own(tmp_path: Path) -> None:
    # Seed 000 rewords seed 003: seeds among themselves are linked, a published article
    # rewording a seed is not (it would be left out of the corpus view).
    db = tmp_path / "c.duckdb"
    [original, reworded] = Run(db).feed(
        article("seed:003", seed_text("003"), None, is_seed=True),
        article("seed:000", seed_text("000"), None, is_seed=True),
    )
    assert tables(db)["rewrites"] == {(reworded, original)}
    other = tmp_path / "other.duckdb"
    [_, published] = Run(other).feed(
        article("seed:003", seed_text("003"), None, is_seed=True),
        article("https://farm.test/000", seed_text("000"), 4),
    )
    assert published is not None and tables(other)["rewrites"] == set()


def test_an_earlier_copy_of_a_rewrite_stays_linked(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    original, rewrite = seed_text("003"), seed_text("000")
    [original_id, rewrite_id] = Run(db).feed(
        article("https://a.test/003", original, 1), article("https://farm.test/000", rewrite, 4)
    )
    assert tables(db)["rewrites"] == {(rewrite_id, original_id)}
    copy = article("https://farm2.test/000", f"Trending now\n{rewrite}\nShare this article", 3)
    assert Run(db).feed(copy) == [rewrite_id]
    assert tables(db)["rewrites"] == {(rewrite_id, original_id)}
    assert (rewrite_id, "https://farm2.test/000") in tables(db)["articles"]


def test_features_computed_ahead_give_the_same_corpus(tmp_path: Path) -> None:
    """Items that carry their dedup features (as extraction workers send them) are judged as
    those the pipeline computes features for, and the features are not stored."""
    corpora = []
    for ahead in (False, True):
        db = tmp_path / f"c{ahead}.duckdb"
        items = [article(*copy) for copy in (SYNDICATED, WIRE, TEASER)]
        items.append(article("https://farm.test/000", seed_text("000"), 4))
        items.append(article("https://a.test/003", seed_text("003"), 1))
        if ahead:
            for item in items:
                item["dedup_features"] = features(item["text"])
        run = Run(db)
        ids = run.feed(*items)
        assert all("dedup_features" not in item for item in items)
        corpora.append((ids, tables(db)))
    assert corpora[0] == corpora[1]
    ids, found = corpora[1]
    assert found["duplicates"] == {(SYNDICATED[0], ids[1]), (TEASER[0], ids[1])}
    assert found["rewrites"] == {(ids[4], ids[3])}  # the later one is linked to the earlier


def count_reads(run: Run) -> list[int]:
    """The ids of the stored articles the run's dedup reads from the corpus, as it reads them."""
    reads: list[int] = []
    store = run.dedup.crawler.spider.store
    facts = store.article_facts

    def counted(article_id: int) -> dict[str, Any] | None:
        reads.append(article_id)
        return facts(article_id)

    store.article_facts = counted
    return reads


def test_stored_texts_are_read_once_across_items(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    [wire_id] = Run(db).feed(article(*WIRE))
    run = Run(db)
    reads = count_reads(run)
    later = [
        article(f"https://copy{n}.test/kit", text_of(STORY, extra=(f"Copy {n}",)), 5 + n)
        for n in range(3)
    ]
    assert run.feed(*later) == [None, None, None]
    assert reads == [wire_id]


def test_facts_evicted_from_memory_are_read_back_from_the_corpus(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    others = [slug for slug in BODIES if slug != STORY][:4]
    run = Run(db, batch=1, keep=2)
    reads = count_reads(run)
    ids = run.feed(
        article(*TEASER),  # stored first, then pushed out of memory by the other stories
        *(article(f"https://other.test/{slug}", text_of(slug), 9) for slug in others),
        article(*SYNDICATED),  # a later copy: dropped
        article(*WIRE),  # an earlier copy: takes the teaser's place and id
    )
    teaser_id = ids[0]
    assert teaser_id is not None and None not in ids[1:5]
    assert ids[5:] == [None, teaser_id]
    assert teaser_id in reads  # compared after a read from the corpus
    found = tables(db)
    assert (WIRE[0],) in {(u,) for _, u in found["articles"]}
    assert found["duplicates"] == {(SYNDICATED[0], teaser_id), (TEASER[0], teaser_id)}


@pytest.mark.parametrize(("keep", "read_back"), [(3, False), (2, True)])
def test_the_last_articles_are_compared_from_memory(
    tmp_path: Path, keep: int, read_back: bool
) -> None:
    db = tmp_path / "c.duckdb"
    others = [slug for slug in BODIES if slug != STORY][:2]
    run = Run(db, batch=1, keep=keep)
    reads = count_reads(run)
    ids = run.feed(
        article(*TEASER),
        *(article(f"https://other.test/{slug}", text_of(slug), 9) for slug in others),
        article(*SYNDICATED),  # a later copy of the teaser: dropped
    )
    assert ids[-1] is None
    assert (ids[0] in reads) is read_back
    assert run.dedup.cache.misses == int(read_back)  # features computed from the text read
    assert run.dedup.crawler.stats.get_value("dedup/read_back", 0) == len(reads)


def test_every_flush_lets_go_of_the_connection_dedup_reads_through(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    Run(db).feed(article(*WIRE))
    run = Run(db)
    with pytest.raises(DropItem):  # a later copy: compared with the text read back
        run.dedup.process_item(article(*SYNDICATED))
    assert "has held the database" in from_another_process(db, "write")  # kept for the next
    run.dedup.crawler.spider.drain_into(Batch())  # the copy's record set aside
    run.store.flush()  # on the interval's timer, with nothing to write
    assert from_another_process(db, "write") == "written\n"


def test_a_copy_is_dropped_while_the_corpus_cannot_be_read(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    [wire_id] = Run(db).feed(article(*WIRE))
    run = Run(db)
    run.dedup.crawler.spider.store.read_timeout = 0.2
    run.dedup.process_item(
        article("https://other.test/x", text_of("ruto-tours-haiti-base-gangs"), 9)
    )
    longer = text_of(STORY, extra=("By Staff",))  # it would take the wire's place, if read
    holder = hold(db)  # another process writes to the corpus meanwhile
    try:
        with pytest.raises(DropItem, match="the next run fetches it again"):
            run.dedup.process_item(article("https://longer.test/kit", longer, 1))
    finally:
        release(holder)
    spider = run.dedup.crawler.spider
    assert not spider.pending_leads and not spider.pending_duplicates  # its lead stays queued
    assert run.feed(article("https://longer.test/kit", longer, 1)) == [wire_id]  # next time


def test_an_article_fetched_again_is_no_copy_of_itself(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    url, via = "https://wire.test/kit", "https://news.test/redirect/kit"
    again = article(url, text_of(STORY), 1)
    again["seen_urls"] = [via, url]  # reached through a redirect this time
    [kept, dropped] = Run(db).feed(article(url, text_of(STORY), 1), again)
    assert dropped is None
    assert tables(db)["duplicates"] == {(via, kept)}
