"""The corpus store: the one module that talks to DuckDB.

DuckDB allows one writing process per file and, while it holds the file, locks readers
of other processes out. The store therefore never keeps a connection open: each batch is
written in its own short transaction (Arrow table, ``INSERT ... SELECT``) and the file is
released at once, so ``collector query`` can read while a crawl runs. Connections retry
briefly when another process holds the file: readers for a few seconds, writers longer.
The file is attached with small row groups, and the two largest tables (articles, pages)
carry no key, so that what DuckDB rewrites for a batch does not grow with the corpus
(``ROW_GROUP_SIZE``, ``UNIQUE_KEYS``).

Readers only read: :meth:`Store.query` refuses statements that are not queries before they
run, on a read-only connection. A file made by an older release is upgraded (in one
transaction per schema version) the first time it is opened, also by a reader.

Full-text search uses DuckDB's ``fts`` extension, loaded from the ``duckdb-extension-fts``
package (no download). Building the BM25 index takes about a millisecond of CPU per article,
so it is built in a file of its own next to the corpus (``corpus.search.duckdb``): the corpus
is only read, for the seconds it takes to copy titles and texts, and the new index replaces
the old one when complete. :class:`SearchUnavailable` says when the extension cannot load.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
from duckdb.func import FunctionNullHandling

from collector.boilerplate import BlockCount, NewCounts

logger = logging.getLogger(__name__)

# Each entry migrates the schema from version i to i + 1, in one transaction. Append new
# entries; never edit a released one. The version reached is recorded in ``schema_info``.
MIGRATIONS: tuple[str, ...] = (
    """
CREATE TABLE runs (
    id BIGINT PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
    status TEXT NOT NULL, settings JSON, pages_fetched BIGINT, articles_added BIGINT,
    duplicates BIGINT, rejected BIGINT, errors BIGINT);
CREATE TABLE articles (
    id BIGINT PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT, text TEXT NOT NULL,
    published_at TIMESTAMP, date_source TEXT, modified_at TIMESTAMP, source TEXT, outlet TEXT,
    language TEXT, authors TEXT[], description TEXT, tags TEXT[], fetched_at TIMESTAMP,
    relevance DOUBLE, is_seed BOOLEAN NOT NULL, content_hash TEXT, signature BLOB,
    rewrite_of BIGINT, rewrite_similarity DOUBLE, run_id BIGINT, lead_origin TEXT);
CREATE TABLE pages (
    article_id BIGINT PRIMARY KEY, url TEXT NOT NULL, fetched_at TIMESTAMP,
    html_zlib BLOB NOT NULL);
CREATE TABLE aliases (url TEXT PRIMARY KEY, article_id BIGINT NOT NULL);
CREATE TABLE duplicates (
    url TEXT NOT NULL, article_id BIGINT NOT NULL, similarity DOUBLE, method TEXT NOT NULL,
    run_id BIGINT, found_at TIMESTAMP);
CREATE TABLE leads (
    url TEXT NOT NULL, origin TEXT NOT NULL, detail TEXT, score DOUBLE, status TEXT NOT NULL,
    reason TEXT, run_id BIGINT, seen_at TIMESTAMP);
CREATE OR REPLACE VIEW corpus AS
    SELECT * FROM articles WHERE rewrite_of IS NULL;
""",
    # 2: what each outlet's pages repeat (site-level boilerplate learning).
    """
CREATE TABLE outlet_pages (
    source TEXT PRIMARY KEY, pages BIGINT NOT NULL, offtopic_pages BIGINT NOT NULL,
    first_seen TIMESTAMP, last_seen TIMESTAMP);
CREATE TABLE outlet_blocks (
    source TEXT NOT NULL, block_key TEXT NOT NULL, block TEXT NOT NULL, pages BIGINT NOT NULL,
    offtopic_pages BIGINT NOT NULL, first_seen TIMESTAMP, last_seen TIMESTAMP,
    PRIMARY KEY (source, block_key));
""",
    # 3: views for what people ask most.
    """
CREATE OR REPLACE VIEW articles_per_outlet AS
    SELECT source, max(outlet) AS outlet,
        count(*) FILTER (WHERE rewrite_of IS NULL) AS articles,
        count(*) FILTER (WHERE rewrite_of IS NOT NULL) AS rewrites,
        min(published_at) AS first_published, max(published_at) AS last_published,
        max(fetched_at) AS last_fetched
    FROM articles GROUP BY source ORDER BY articles DESC, source;
CREATE OR REPLACE VIEW articles_per_day AS
    SELECT CAST(published_at AS DATE) AS day, count(*) AS articles,
        count(DISTINCT source) AS outlets
    FROM corpus GROUP BY day ORDER BY day NULLS LAST;
CREATE OR REPLACE VIEW articles_per_run AS
    WITH added AS (
        SELECT run_id, count(*) FILTER (WHERE rewrite_of IS NULL) AS articles,
            count(*) FILTER (WHERE rewrite_of IS NOT NULL) AS rewrites
        FROM articles GROUP BY run_id),
    copies AS (SELECT run_id, count(*) AS n FROM duplicates GROUP BY run_id),
    rejected AS (
        SELECT run_id, count(DISTINCT url) AS n FROM leads WHERE status = 'rejected'
        GROUP BY run_id)
    SELECT r.id AS run_id, r.started_at, r.finished_at, r.status, r.pages_fetched,
        coalesce(a.articles, 0) AS articles_added, coalesce(a.rewrites, 0) AS rewrites,
        coalesce(c.n, 0) AS duplicates, coalesce(j.n, 0) AS rejected,
        sum(coalesce(a.articles, 0)) OVER (ORDER BY r.id) AS corpus_size
    FROM runs r LEFT JOIN added a ON a.run_id = r.id LEFT JOIN copies c ON c.run_id = r.id
        LEFT JOIN rejected j ON j.run_id = r.id
    ORDER BY r.id;
""",
    # 4: the stored topic profile, the user's edits, and each lead's own score.
    """
CREATE TABLE profile_terms (
    term TEXT PRIMARY KEY, weight DOUBLE NOT NULL, source TEXT NOT NULL, run_id BIGINT,
    updated_at TIMESTAMP);
CREATE TABLE profile_edits (term TEXT PRIMARY KEY, action TEXT NOT NULL, edited_at TIMESTAMP);
ALTER TABLE leads ADD COLUMN lead_score DOUBLE;
""",
    # 5: resumable runs. Leads in flight are recorded as ``queued`` with their depth and
    # settled when fetched; each run keeps its crawl stats; spilled batches are replayed once.
    """
ALTER TABLE leads ADD COLUMN depth INTEGER;
ALTER TABLE runs ADD COLUMN stats JSON;
CREATE TABLE spills (
    name TEXT PRIMARY KEY, run_id BIGINT, rows BIGINT, replayed_at TIMESTAMP);
""",
    # 6: articles and pages without keys. DuckDB rewrites the whole last row group of a
    # table with an index at every checkpoint, and these two hold the texts and the HTML:
    # each batch cost time and memory in proportion to the corpus (2.6 s and 670 MB for
    # 200 articles at 18,000). The store keeps their ids and URLs unique itself (UNIQUE_KEYS).
    """
CREATE TABLE articles_keyless (
    id BIGINT NOT NULL, url TEXT NOT NULL, title TEXT, text TEXT NOT NULL,
    published_at TIMESTAMP, date_source TEXT, modified_at TIMESTAMP, source TEXT, outlet TEXT,
    language TEXT, authors TEXT[], description TEXT, tags TEXT[], fetched_at TIMESTAMP,
    relevance DOUBLE, is_seed BOOLEAN NOT NULL, content_hash TEXT, signature BLOB,
    rewrite_of BIGINT, rewrite_similarity DOUBLE, run_id BIGINT, lead_origin TEXT);
INSERT INTO articles_keyless SELECT * FROM articles;
DROP TABLE articles;
ALTER TABLE articles_keyless RENAME TO articles;
CREATE TABLE pages_keyless (
    article_id BIGINT NOT NULL, url TEXT NOT NULL, fetched_at TIMESTAMP,
    html_zlib BLOB NOT NULL);
INSERT INTO pages_keyless SELECT * FROM pages;
DROP TABLE pages;
ALTER TABLE pages_keyless RENAME TO pages;
""",
)
SCHEMA_VERSION = len(MIGRATIONS)
# What stays unique in the tables without keys (migration 6): a batch adds only rows whose
# values are new, the first of each within the batch.
UNIQUE_KEYS: dict[str, tuple[str, ...]] = {"articles": ("id", "url"), "pages": ("article_id",)}

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.int64()), ("url", pa.string()), ("title", pa.string()), ("text", pa.string()),
        ("published_at", pa.timestamp("us")), ("date_source", pa.string()),
        ("modified_at", pa.timestamp("us")), ("source", pa.string()), ("outlet", pa.string()),
        ("language", pa.string()), ("authors", pa.list_(pa.string())),
        ("description", pa.string()), ("tags", pa.list_(pa.string())),
        ("fetched_at", pa.timestamp("us")), ("relevance", pa.float64()),
        ("is_seed", pa.bool_()), ("content_hash", pa.string()), ("signature", pa.binary()),
        ("rewrite_of", pa.int64()), ("rewrite_similarity", pa.float64()),
        ("run_id", pa.int64()), ("lead_origin", pa.string()),
    ]
)  # fmt: skip
PAGE_SCHEMA = pa.schema(
    [("article_id", pa.int64()), ("url", pa.string()), ("fetched_at", pa.timestamp("us")),
     ("html_zlib", pa.binary())]
)  # fmt: skip
ALIAS_SCHEMA = pa.schema([("url", pa.string()), ("article_id", pa.int64())])
DUPLICATE_SCHEMA = pa.schema(
    [("url", pa.string()), ("article_id", pa.int64()), ("similarity", pa.float64()),
     ("method", pa.string()), ("run_id", pa.int64()), ("found_at", pa.timestamp("us"))]
)  # fmt: skip
LEAD_SCHEMA = pa.schema(
    [("url", pa.string()), ("origin", pa.string()), ("detail", pa.string()),
     ("score", pa.float64()), ("status", pa.string()), ("reason", pa.string()),
     ("run_id", pa.int64()), ("seen_at", pa.timestamp("us")), ("lead_score", pa.float64()),
     ("depth", pa.int32())]
)  # fmt: skip
OUTLET_PAGES_SCHEMA = pa.schema(
    [("source", pa.string()), ("pages", pa.int64()), ("offtopic_pages", pa.int64()),
     ("first_seen", pa.timestamp("us")), ("last_seen", pa.timestamp("us"))]
)  # fmt: skip
OUTLET_BLOCKS_SCHEMA = pa.schema(
    [("source", pa.string()), ("block_key", pa.string()), ("block", pa.string()),
     ("pages", pa.int64()), ("offtopic_pages", pa.int64()),
     ("first_seen", pa.timestamp("us")), ("last_seen", pa.timestamp("us"))]
)  # fmt: skip
# Columns ``collector reextract`` rewrites; the article's identity (id, url) never changes.
REEXTRACT_SCHEMA = pa.schema(
    [
        ("id", pa.int64()), ("title", pa.string()), ("text", pa.string()),
        ("published_at", pa.timestamp("us")), ("date_source", pa.string()),
        ("modified_at", pa.timestamp("us")), ("outlet", pa.string()), ("language", pa.string()),
        ("authors", pa.list_(pa.string())), ("description", pa.string()),
        ("tags", pa.list_(pa.string())), ("content_hash", pa.string()),
        ("signature", pa.binary()),
    ]
)  # fmt: skip
_COUNT_UPSERT = (
    " ON CONFLICT ({keys}) DO UPDATE SET pages = pages + EXCLUDED.pages, "
    "offtopic_pages = offtopic_pages + EXCLUDED.offtopic_pages, "
    "first_seen = least(first_seen, EXCLUDED.first_seen), "
    "last_seen = greatest(last_seen, EXCLUDED.last_seen)"
)
TABLE_SCHEMAS = {
    "articles": ARTICLE_SCHEMA, "pages": PAGE_SCHEMA, "aliases": ALIAS_SCHEMA,
    "duplicates": DUPLICATE_SCHEMA, "leads": LEAD_SCHEMA,
}  # fmt: skip


# ``collector reject``: the articles asked for and the (non-seed) rewrites of them, and
# every URL they were seen at.
_REJECTED_SQL = (
    "SELECT id, url, title, rewrite_of FROM articles WHERE id IN (SELECT id FROM asked) "
    "OR (rewrite_of IN (SELECT id FROM asked) AND NOT is_seed) ORDER BY id"
)
_REJECTED_URLS_SQL = (
    "SELECT DISTINCT article_id, url FROM (SELECT id AS article_id, url FROM articles "
    "UNION ALL SELECT article_id, url FROM aliases UNION ALL SELECT article_id, url "
    "FROM duplicates UNION ALL SELECT article_id, url FROM pages) "
    "WHERE article_id IN (SELECT id FROM gone) ORDER BY ALL"
)

# Lead outcomes that another fetch would not change: the page held no article, or is gone.
_DEAD_OUTCOMES = (
    "(('skipped', 'no-article-text'), ('skipped', 'non-html'), ('skipped', 'binary'), "
    "('failed', 'http-410'), ('failed', 'too-large'))"
)
# A page not found is gone once two runs found it so: a sitemap or feed may list an
# article before it is live, and a server may fail for a while.
_DEAD_SQL = (
    "SELECT DISTINCT url FROM leads WHERE (status, reason) IN "
    + _DEAD_OUTCOMES
    + " UNION SELECT url FROM leads WHERE status = 'failed' AND reason = 'http-404' "
    "GROUP BY url HAVING count(DISTINCT run_id) >= 2"
)


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


class QueryError(StoreError):
    """A query was refused (it would write) or failed; the message says which."""


class SearchUnavailable(StoreError):
    """The full-text search extension cannot be loaded."""


# Statement types a reader may run: everything else is refused before it runs.
READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN", "CALL"})
FTS_SCHEMA = "fts_main_articles"
# Never download extensions at run time: offline machines would hang on the attempt.
_CONFIG: dict[str, str | bool | int | float | list[str]] = {"autoinstall_known_extensions": False}
# Rows per row group of the tables a crawl appends to. A batch appends row groups of its
# own; a run's end merges them into groups of this size (Store._merge_row_groups), so the
# memory a merge takes is bounded by this, not by the corpus (DuckDB's default is 122,880
# rows: up to 3.6 GB of pages). DuckDB takes it when the file is attached.
ROW_GROUP_SIZE = 2048
_CATALOG = "corpus_file"  # the name the file is attached under
ProgressCallback = Callable[[float], None]
T = TypeVar("T")


def fts_extension_path(version: str = duckdb.__version__) -> Path | None:
    """Where the ``duckdb-extension-fts`` package keeps the extension for DuckDB ``version``.

    Returns None when the package is not installed.
    """
    spec = importlib.util.find_spec("duckdb_extension_fts")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "extensions" / f"v{version}" / "fts.duckdb_extension"


# Changes when an article is added or its title or text is re-extracted (content_hash).
FINGERPRINT = "SELECT count(*), coalesce(bit_xor(hash(id, title, content_hash)), 0) FROM {}"
# 2: Chinese, Japanese and Korean cut into words. An index of another version is rebuilt.
SEARCH_INDEX_VERSION = 2
_UNSPACED_SQL = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"


@dataclass(frozen=True)
class IndexStatus:
    """How the full-text index compares with the articles."""

    indexed: int | None  # articles in the index; None when there is no index
    articles: int
    same_articles: bool = True  # no article changed since (same fingerprint)

    @property
    def missing(self) -> int:
        """Articles stored since the index was built."""
        return self.articles - (self.indexed or 0)

    @property
    def up_to_date(self) -> bool:
        """The index holds every article as it is now."""
        return self.indexed == self.articles and self.same_articles


@dataclass
class Batch:
    """Rows waiting to be written, per table; the leads they settle; the articles they
    replace.

    ``done`` holds the URLs of leads whose fetch has ended (stored, rejected, skipped,
    failed...): their ``queued`` rows are deleted in the same transaction, so a lead is
    either still queued or has its outcome, never both and never neither.

    An article replaced by an earlier-published (or longer) copy keeps its id: the batch
    holds the copy's row under that id, and :meth:`Store.write` deletes the stored row and
    page of the id in the same transaction before inserting the new ones. Aliases,
    duplicates and rewrite links that name the id stay valid.

    ``templates`` holds outlet template counts to add in the same transaction, in order (see
    :meth:`Store.add_template_counts`): the writer of a distributed crawl takes them from its
    workers' messages. They are not spilled: those messages stay in Redis until the batch
    is written, and the next writer takes them again.
    """

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {t: [] for t in TABLE_SCHEMAS}
    )
    done: set[str] = field(default_factory=set)
    replaced: set[int] = field(default_factory=set)
    templates: list[Mapping[str, NewCounts]] = field(default_factory=list)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(row)

    def replace(self, article_id: int) -> None:
        """Mark the article ``article_id`` as replaced by the row about to be added under its id.

        Its row and page still waiting in this batch are dropped (the article was never
        stored); otherwise the stored ones are deleted when the batch is written.
        """
        waiting = len(self.rows["articles"])
        for table, key in (("articles", "id"), ("pages", "article_id")):
            self.rows[table] = [r for r in self.rows[table] if r[key] != article_id]
        if len(self.rows["articles"]) == waiting:  # not in this batch: stored earlier
            self.replaced.add(article_id)

    def new_articles(self) -> int:
        """How many articles writing this batch adds to the corpus."""
        return len(self.rows["articles"]) - len(self.replaced)

    def __len__(self) -> int:
        return sum(len(r) for r in self.rows.values()) + len(self.done) + len(self.templates)


@dataclass(frozen=True)
class PendingLead:
    """A lead a run queued but did not finish: the next run requests it again."""

    url: str
    origin: str
    detail: str
    score: float
    depth: int


@dataclass(frozen=True)
class CorpusState:
    """What a crawl needs to know about the corpus before it starts."""

    next_id: int
    next_run_id: int
    known_urls: dict[str, int | None]  # URL in the corpus -> its article (None: a redirect)
    hashes: dict[str, int]
    pending: list[PendingLead] = field(default_factory=list)
    settled: list[str] = field(default_factory=list)  # queued URLs the corpus knows already
    feeds: list[str] = field(default_factory=list)  # feeds earlier runs took leads from
    sitemaps: list[str] = field(default_factory=list)  # sitemaps likewise
    robots: list[str] = field(default_factory=list)  # robots.txt of outlets explored
    rejected: dict[str, float] = field(default_factory=dict)  # off-topic URL -> its relevance
    # off-topic URLs rejected in one run only, before the profile's grown terms were saved
    rejudge: set[str] = field(default_factory=set)
    dead: set[str] = field(default_factory=set)  # URLs that held no article, or are gone
    last_run_at: datetime | None = None  # when the latest run started (aware UTC)


@dataclass(frozen=True)
class BinaryBlock:
    """A block of a binary column without a Python object per row: the value of ``ids[i]`` is
    ``data[offsets[i]:offsets[i + 1]]`` (Arrow's binary layout)."""

    ids: npt.NDArray[np.int64]
    offsets: npt.NDArray[np.int64]
    data: npt.NDArray[np.uint8]


@dataclass(frozen=True)
class ProfileState:
    """What the store keeps of the topic profile between runs."""

    grown: dict[str, float]
    added: tuple[str, ...]
    excluded: tuple[str, ...]


def utc_naive(value: datetime | None) -> datetime | None:
    """Convert an aware datetime to naive UTC, the form stored in TIMESTAMP columns."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def compress_html(html: str) -> bytes:
    """Compress a raw page for the ``pages`` table (level 3: 2.5 times as fast as the
    default level 6 on news pages, for 8 % more bytes)."""
    return zlib.compress(html.encode("utf-8", "replace"), 3)


def decompress_html(blob: bytes) -> str:
    """Inverse of :func:`compress_html`."""
    return zlib.decompress(blob).decode("utf-8", "replace")


class Store:
    """A DuckDB corpus file, opened for the length of one operation at a time.

    One exception: :meth:`article_facts` keeps its read-only connection open until the
    store opens the file again in this process, or :meth:`release` (a crawl releases it at
    every flush of its batch). Opening a corpus of a few thousand articles costs about 30 ms
    and a read 2 ms, and deduplication reads articles back one at a time. Other readers
    share the file meanwhile; a writer from another process waits for the release.

    Args:
        path: the database file.
        lock_timeout: how long a writer waits for another process to release the file.
        read_timeout: how long a reader waits; a crawl holds the file only per batch.
        migrations: the schema migrations to apply (default :data:`MIGRATIONS`; tests pass
            older prefixes to make older files).
        fts_extension: the ``fts`` extension file (default: from ``duckdb-extension-fts``).
        memory_limit: DuckDB's memory limit for exports (spills to a temporary folder).
        index_memory_limit: DuckDB's memory limit while building the search index (a crawl
            builds it as it closes: 128 MB took 397 MB of RSS and 512 MB 641 MB for 9,440
            articles of the synthetic web, in the same time).
        compact_memory_limit: DuckDB's memory limit while a run's end merges row groups
            (256 MB: 288 MB of RSS to merge 90 row groups of 200 articles and their pages;
            512 MB took 567 MB, in the same time).
    """

    def __init__(
        self,
        path: Path,
        lock_timeout: float = 30.0,
        read_timeout: float = 5.0,
        migrations: Sequence[str] | None = None,
        fts_extension: Path | None = None,
        memory_limit: str = "128MB",
        index_memory_limit: str = "128MB",
        compact_memory_limit: str = "256MB",
    ) -> None:
        self.path = path
        self.lock_timeout = lock_timeout
        self.read_timeout = read_timeout
        self.migrations = tuple(MIGRATIONS if migrations is None else migrations)
        self.fts_extension = fts_extension or fts_extension_path()
        self.memory_limit = memory_limit
        self.index_memory_limit = index_memory_limit
        self.compact_memory_limit = compact_memory_limit
        self._reader: duckdb.DuckDBPyConnection | None = None

    @contextmanager
    def connect(
        self, read_only: bool = False, wait: float | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the database, retrying while another process holds it.

        A reader of a file made by an older release upgrades it first (briefly as a
        writer); if it cannot, it reads the old schema as it is.

        Raises:
            StoreError: the file is missing (read-only), locked for too long, or not a database.
        """
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no corpus here yet; run `collector grow` first")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._open(read_only, wait)
        try:
            if not read_only:
                self._migrate(con)
            elif 0 < _schema_version(con) < len(self.migrations):
                con.close()
                self._upgrade()
                con = self._open(read_only)
            yield con
        finally:
            con.close()

    def release(self) -> None:
        """Close the connection :meth:`article_facts` and :meth:`url_and_title` keep open,
        if any."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _open(self, read_only: bool, timeout: float | None = None) -> duckdb.DuckDBPyConnection:
        self.release()  # DuckDB attaches a file once per process

        def connect() -> duckdb.DuckDBPyConnection:
            con = duckdb.connect(config=_CONFIG)
            options = f"ROW_GROUP_SIZE {ROW_GROUP_SIZE}" + (", READ_ONLY" if read_only else "")
            try:
                con.execute(f"ATTACH '{_quote(str(self.path))}' AS {_CATALOG} ({options})")
            except duckdb.Error:
                con.close()
                raise
            con.execute(f"USE {_CATALOG}")
            con.execute("SET enable_progress_bar = false")  # it would print on stdout
            if not read_only:
                con.execute("SET checkpoint_threshold = '1TB'")  # a COMMIT only logs: write()
                con.execute("SET max_vacuum_tasks = 0")  # row groups merge at a run's end
            return con

        if timeout is None:
            timeout = self.read_timeout if read_only else self.lock_timeout
        return self._retry(connect, timeout, read_only)

    def _attach(self, con: duckdb.DuckDBPyConnection) -> None:
        """Attach the corpus read-only as ``db`` to another database's connection."""
        self.release()
        if not self.path.exists():
            raise StoreError(f"{self.path}: no corpus here yet; run `collector grow` first")
        statement = f"ATTACH '{_quote(str(self.path))}' AS db (READ_ONLY)"
        self._retry(lambda: con.execute(statement), self.read_timeout, True)

    def _retry(self, action: Callable[[], T], timeout: float, read_only: bool) -> T:
        """Run ``action`` (which opens the corpus) until no other process holds the file."""
        deadline = time.monotonic() + timeout
        delay = 0.05
        while True:
            try:
                return action()
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(
                        f"{self.path}: cannot open the database ({exc}); check the file and its "
                        "folder are writable, or point --db at another file"
                    ) from exc
                if time.monotonic() >= deadline:
                    raise StoreError(_locked_message(self.path, timeout, read_only)) from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.5 if read_only else 1.0)
            except duckdb.Error as exc:
                raise StoreError(
                    f"{self.path}: not a usable DuckDB corpus ({exc}); "
                    "point --db at another file or move this one away"
                ) from exc

    def _upgrade(self) -> None:
        try:
            con = self._open(read_only=False, timeout=self.read_timeout)
        except StoreError as exc:
            logger.warning("Corpus not upgraded, reading its old schema: %s", exc)
            return
        try:
            self._migrate(con)
        except StoreError as exc:
            logger.warning("Corpus not upgraded, reading its old schema: %s", exc)
        finally:
            con.close()

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)")
        version = _schema_version(con)
        if version > len(self.migrations):
            raise StoreError(
                f"{self.path}: made by a newer release (schema {version}); upgrade the collector"
            )
        for target, sql in enumerate(self.migrations[version:], start=version + 1):
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(sql)
                con.execute("DELETE FROM schema_info")
                con.execute("INSERT INTO schema_info VALUES (?)", [target])
                con.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(con)
                raise StoreError(
                    f"{self.path}: upgrading the schema to version {target} failed ({exc}); "
                    "the corpus is unchanged"
                ) from exc
            logger.info("Corpus %s migrated to schema %d", self.path, target)

    def _load_fts(self, con: duckdb.DuckDBPyConnection) -> None:
        path = self.fts_extension
        if path is None or not path.is_file():
            raise SearchUnavailable(
                f"the full-text search extension for DuckDB {duckdb.__version__} is not "
                f"installed (pip install duckdb-extension-fts=={duckdb.__version__})"
            )
        try:
            con.execute(f"LOAD '{_quote(str(path))}'")
        except duckdb.Error as exc:
            raise SearchUnavailable(
                f"the full-text search extension {path} does not load ({_first_line(exc)})"
            ) from exc

    def schema_version(self) -> int:
        """The schema version of the file (0 when it holds no corpus)."""
        with self.connect(read_only=True) as con:
            return _schema_version(con)

    def load_state(self) -> CorpusState:
        """Read the identities a crawl deduplicates against (creates the file if needed).

        The rows come out of DuckDB as Arrow columns and are turned into Python values a
        column at a time: a corpus of a million articles loads in seconds.
        """
        with self.connect() as con:
            next_id = _scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM articles")
            next_run = _scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM runs")
            last_run = (con.execute("SELECT max(started_at) FROM runs").fetchone() or [None])[0]
            urls = _columns(con, _KNOWN_URLS_SQL)
            hashes = _columns(
                con,
                "SELECT content_hash, min(id) FROM articles "
                "WHERE content_hash IS NOT NULL GROUP BY content_hash",
            )
            queued = con.execute(
                "SELECT url, any_value(origin), any_value(detail), max(score), "
                "coalesce(min(depth), 1) FROM leads WHERE status = 'queued' "
                "GROUP BY url ORDER BY max(score) DESC, url"
            ).fetchall()
            # With each, whether it was rejected in one run only, before the profile's grown
            # terms were last saved (it may be judged again).
            rejected = _columns(
                con,
                "SELECT url, max(score), count(DISTINCT run_id) = 1 AND max(seen_at) < ("
                "SELECT max(updated_at) FROM profile_terms WHERE source = 'grown') "
                "FROM leads WHERE status = 'rejected' AND score IS NOT NULL GROUP BY url",
            )
            dead = _columns(con, _DEAD_SQL)
            sources = con.execute(
                "SELECT DISTINCT origin FROM leads "
                "WHERE starts_with(origin, 'feed:') OR starts_with(origin, 'sitemap:') "
                "UNION SELECT DISTINCT reason || ':' || url FROM leads WHERE status = 'source' "
                "ORDER BY 1"
            ).fetchall()
        known: dict[str, int | None] = dict(zip(*urls, strict=True))
        pending = [
            PendingLead(url, origin, detail or "", float(score or 0.0), int(depth))
            for url, origin, detail, score, depth in queued
            if url not in known
        ]
        # A run killed between recording a lead's outcome and settling it leaves both.
        settled = [url for url, *_ in queued if url in known]
        kinds = [origin.partition(":") for (origin,) in sources]
        feeds = [url for kind, _, url in kinds if kind == "feed"]
        sitemaps = [url for kind, _, url in kinds if kind == "sitemap"]
        robots = [url for kind, _, url in kinds if kind == "robots"]
        return CorpusState(
            next_id, next_run, known, dict(zip(*hashes, strict=True)), pending=pending,
            settled=settled,
            feeds=feeds, sitemaps=sitemaps, robots=robots,
            rejected=dict(zip(rejected[0], rejected[1], strict=True)),
            rejudge={url for url, again in zip(rejected[0], rejected[2], strict=True) if again},
            dead=set(dead[0]),
            last_run_at=last_run.replace(tzinfo=UTC) if last_run else None,
        )  # fmt: skip

    def signature_blocks(self, rows: int = 65536) -> Iterator[BinaryBlock]:
        """Stream the stored signatures, ``rows`` articles at a time, through Arrow.

        The database is held while the blocks are consumed; a million signatures stream in
        about a second.
        """
        with self.connect() as con:
            reader = con.execute(
                "SELECT id, signature FROM articles WHERE signature IS NOT NULL"
            ).to_arrow_reader(rows)
            for batch in reader:
                yield _binary_block(batch.column(0), batch.column(1))

    def article_facts(self, article_id: int) -> dict[str, Any] | None:
        """What deduplication compares about a stored article: ``url``, ``text``,
        ``published_at`` (naive UTC), ``date_source``, ``is_seed``, ``lead_origin``,
        ``rewrite_of``, ``rewrite_similarity``, ``run_id``.

        Read through a connection kept open until :meth:`release` (see the class)."""
        cursor = self._read(
            "SELECT url, text, published_at, date_source, is_seed, lead_origin, rewrite_of, "
            "rewrite_similarity, run_id FROM articles WHERE id = ?",
            [article_id],
        )
        row = cursor.fetchone()
        columns = [d[0] for d in cursor.description or []]
        return dict(zip(columns, row, strict=True)) if row else None

    def write(self, batch: Batch, spill: str | None = None, wait: float | None = None) -> bool:
        """Write a batch in one transaction; on failure nothing of it is written.

        Once the COMMIT has gone through, the batch counts as written even when DuckDB then
        fails to checkpoint it into the file (a warning; DuckDB replays its log when the
        file is next opened), so it is never written twice.

        Args:
            batch: The rows to insert and the leads they settle.
            spill: The name of the spill file the batch was read from: it is recorded in
                the same transaction, and a spill already recorded is not written again.
            wait: How long to wait for another process to release the file (default: the
                store's lock timeout).

        Returns:
            False when ``spill`` had already been written, else True.

        Raises:
            StoreError: the batch could not be written (it was rolled back).
        """
        with self.connect(wait=wait) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                if spill and con.execute("SELECT 1 FROM spills WHERE name = ?", [spill]).fetchone():
                    con.execute("ROLLBACK")
                    return False
                if batch.replaced:
                    with _listed(
                        con, "replaced_ids", id=pa.array(sorted(batch.replaced), pa.int64())
                    ):
                        con.execute(
                            "DELETE FROM pages WHERE article_id IN (SELECT id FROM replaced_ids)"
                        )
                        con.execute(
                            "DELETE FROM articles WHERE id IN (SELECT id FROM replaced_ids)"
                        )
                for table, rows in batch.rows.items():
                    if rows:
                        _insert(con, table, rows)
                if batch.done:
                    with _listed(con, "done_urls", url=pa.array(sorted(batch.done), pa.string())):
                        con.execute(
                            "DELETE FROM leads WHERE status = 'queued' "
                            "AND url IN (SELECT url FROM done_urls)"
                        )
                for counts in batch.templates:
                    _add_template_counts(con, counts)
                if spill:
                    con.execute(
                        "INSERT INTO spills VALUES (?, ?, ?, ?)",
                        [spill, _run_of(batch), len(batch), utc_naive(datetime.now(UTC))],
                    )
                con.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(con)
                raise StoreError(
                    f"{self.path}: a batch of {len(batch)} rows failed: {exc}"
                ) from exc
            # Once committed, the batch is in the log: a failure to move it into the file
            # must not have it written again (DuckDB replays the log when it next opens it).
            try:
                con.execute("CHECKPOINT")
            except duckdb.Error as exc:
                logger.warning("%s: batch written, to be checkpointed later: %s", self.path, exc)
        return True

    def close_stale_runs(self) -> list[int]:
        """Mark the runs still ``running`` as ``interrupted`` (killed, or unable to record
        their end): only call this while holding the run lock, when no other run can be
        alive. Returns their ids."""
        rows = self._change(
            "UPDATE runs SET status = 'interrupted' WHERE status = 'running' RETURNING id"
        )
        return sorted(int(r[0]) for r in rows)

    def _change(
        self, sql: str, params: Sequence[Any] = (), merge_row_groups: bool = False
    ) -> list[tuple[Any, ...]]:
        """Run one writing statement; its rows (``RETURNING``), or StoreError. With
        ``merge_row_groups``, its checkpoint also merges small row groups."""
        with self.connect() as con:
            try:
                rows = con.execute(sql, list(params)).fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: cannot write ({exc})") from exc
            if merge_row_groups:
                self._merge_row_groups(con)
            return rows

    def append(self, table: str, rows: pa.Table) -> None:
        """Append an Arrow table of rows known to be new (bulk imports, benchmarks).

        One plain ``INSERT ... SELECT``: unlike :meth:`write` no row is left out; a
        duplicate key (of :data:`UNIQUE_KEYS` or of a table's own key) fails the whole append.

        Raises:
            StoreError: the rows could not be appended (nothing was).
        """
        if table not in TABLE_SCHEMAS:
            raise StoreError(f"{table!r}: not a corpus table ({', '.join(TABLE_SCHEMAS)})")
        with self.connect() as con, _listed(con, "append_rows", rows):
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM append_rows")
                for key in UNIQUE_KEYS.get(table, ()):
                    if con.execute(
                        f"SELECT 1 FROM {table} GROUP BY {key} HAVING count(*) > 1 LIMIT 1"
                    ).fetchone():
                        raise duckdb.ConstraintException(f"duplicate {key} in {table}")
                con.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(con)
                raise StoreError(f"{self.path}: appending {len(rows)} rows failed: {exc}") from exc

    def load_profile(self) -> ProfileState:
        """The stored profile: grown terms with weights, and the user's edits."""
        with self.connect() as con:
            grown = dict(
                con.execute(
                    "SELECT term, weight FROM profile_terms WHERE source = 'grown'"
                ).fetchall()
            )
            edits = con.execute("SELECT term, action FROM profile_edits ORDER BY term").fetchall()
        return ProfileState(
            grown=grown,
            added=tuple(t for t, a in edits if a == "add"),
            excluded=tuple(t for t, a in edits if a == "exclude"),
        )

    def save_profile(self, run_id: int, terms: Sequence[tuple[str, float, str]]) -> None:
        """Replace the stored profile with ``(term, weight, source)`` rows, in one transaction."""
        now = utc_naive(datetime.now(UTC))
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("DELETE FROM profile_terms")
                if terms:
                    con.executemany(
                        "INSERT INTO profile_terms VALUES (?, ?, ?, ?, ?)",
                        [(t, w, src, run_id, now) for t, w, src in terms],
                    )
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: the profile could not be saved ({exc})") from exc

    def edit_profile(
        self, added: Sequence[str] = (), excluded: Sequence[str] = (), reset: bool = False
    ) -> None:
        """Record the user's profile edits; ``reset`` first forgets earlier edits and grown
        terms, so the next run starts again from the seeds."""
        now = utc_naive(datetime.now(UTC))
        rows = [(t, "add", now) for t in added] + [(t, "exclude", now) for t in excluded]
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                if reset:
                    con.execute("DELETE FROM profile_edits")
                    con.execute("DELETE FROM profile_terms WHERE source <> 'seed'")
                if rows:
                    con.executemany("INSERT OR REPLACE INTO profile_edits VALUES (?, ?, ?)", rows)
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: the profile edit failed ({exc})") from exc

    def relevant_texts(self, run_id: int, min_relevance: float, limit: int = 0) -> list[str]:
        """Title and text of the articles a run stored with at least ``min_relevance``
        (seeds and rewrites left out): the ``limit`` most relevant (0: all), most relevant
        first."""
        with self.connect(read_only=True) as con:
            rows = con.execute(
                "SELECT coalesce(title, '') || chr(10) || text FROM articles "
                "WHERE run_id = ? AND NOT is_seed AND rewrite_of IS NULL AND relevance >= ? "
                "ORDER BY relevance DESC, id LIMIT ?",
                [run_id, min_relevance, limit or None],
            ).fetchall()
        return [r[0] for r in rows]

    def template_counts(self, source: str) -> tuple[BlockCount, dict[str, BlockCount]]:
        """An outlet's stored page counts and block counts (keyed by normalised block).

        Creates the database file if needed; an outlet never seen has zero counts.
        """
        with self.connect() as con:
            row = con.execute(
                "SELECT pages, offtopic_pages, first_seen, last_seen FROM outlet_pages "
                "WHERE source = ?",
                [source],
            ).fetchone()
            blocks = con.execute(
                "SELECT block_key, block, pages, offtopic_pages, first_seen, last_seen "
                "FROM outlet_blocks WHERE source = ?",
                [source],
            ).fetchall()
        outlet = BlockCount(source, *_aware_row(row)) if row else BlockCount(source)
        return outlet, {key: BlockCount(*_aware_row(rest)) for key, *rest in blocks}

    def add_template_counts(self, counts: Mapping[str, NewCounts]) -> None:
        """Add new page and block counts to the stored ones and delete the block counts the
        learner forgot, in one transaction.

        Args:
            counts: Outlet -> what its counts gained and lost, as
                :meth:`collector.boilerplate.TemplateLearner.pending` returns it.

        Raises:
            StoreError: the counts could not be written (nothing was).
        """
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                _add_template_counts(con, counts)
                con.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(con)
                raise StoreError(
                    f"{self.path}: template counts of {len(counts)} outlets not written: {exc}"
                ) from exc

    def reextract_ids(self, source: str | None = None, since: datetime | None = None) -> list[int]:
        """Ids of the articles whose raw page is stored, optionally of one outlet and
        fetched at or after ``since``, in id order."""
        sql = "SELECT a.id FROM articles a JOIN pages p ON p.article_id = a.id WHERE TRUE"
        params: list[Any] = []
        if source:
            sql += " AND a.source = ?"
            params.append(source)
        if since:
            sql += " AND p.fetched_at >= ?"
            params.append(utc_naive(since))
        with self.connect(read_only=True) as con:
            return [int(r[0]) for r in con.execute(sql + " ORDER BY a.id", params).fetchall()]

    def articles_holding(self, source: str, lines: Sequence[str]) -> list[tuple[int, str]]:
        """Ids and texts of an outlet's articles with a stored page whose text holds one of
        ``lines`` (compared in lower case), in id order."""
        with self.connect(read_only=True) as con:
            return con.execute(
                "SELECT id, text FROM (SELECT a.id, a.text, lower(a.text) AS low FROM articles a "
                "JOIN pages p ON p.article_id = a.id WHERE a.source = ?) "
                "WHERE list_bool_or(list_transform(?::VARCHAR[], line -> contains(low, line))) "
                "ORDER BY id",
                [source, [line.lower() for line in lines]],
            ).fetchall()

    def stored_pages(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """Raw pages (decompressed, ``html``) with the article columns reextract rewrites."""
        columns = ", ".join(f"a.{name}" for name in REEXTRACT_SCHEMA.names)
        with (
            self.connect(read_only=True) as con,
            _listed(con, "wanted_ids", id=pa.array(list(ids), pa.int64())),
        ):
            cursor = con.execute(
                f"SELECT {columns}, a.source, p.url AS page_url, p.fetched_at, p.html_zlib "
                "FROM articles a JOIN pages p ON p.article_id = a.id "
                "WHERE a.id IN (SELECT id FROM wanted_ids) ORDER BY a.id"
            )
            names = [d[0] for d in cursor.description or []]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        for row in rows:
            row["html"] = decompress_html(row.pop("html_zlib"))
        return rows

    def update_articles(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Rewrite the extracted columns of articles (by id) in one transaction.

        Raises:
            StoreError: the update failed; no article of the batch was changed.
        """
        if not rows:
            return
        arrow = pa.Table.from_pylist(
            [{name: _cell(row.get(name)) for name in REEXTRACT_SCHEMA.names} for row in rows],
            schema=REEXTRACT_SCHEMA,
        )
        assignments = ", ".join(f"{n} = u.{n}" for n in REEXTRACT_SCHEMA.names if n != "id")
        with self.connect() as con, _listed(con, "updated_rows", arrow):
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(
                    f"UPDATE articles SET {assignments} FROM updated_rows u "
                    "WHERE articles.id = u.id"
                )
                con.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(con)
                raise StoreError(
                    f"{self.path}: updating {len(rows)} articles failed, none changed: {exc}"
                ) from exc

    def url_and_title(self, article_id: int) -> tuple[str, str | None] | None:
        """The URL and headline an article is stored under, or None. Read like
        :meth:`article_facts`: a crawl asks it for each stored article a search answer
        lists, and a connection opened for each would take 20 ms."""
        row = self._read("SELECT url, title FROM articles WHERE id = ?", [article_id]).fetchone()
        return (row[0], row[1]) if row else None

    def _read(self, sql: str, parameters: list[Any]) -> duckdb.DuckDBPyConnection:
        """Run a read through the connection kept open until :meth:`release`."""
        if self._reader is None:
            self._reader = self._open(read_only=True)
        return self._reader.execute(sql, parameters)

    def text_of(self, article_id: int) -> str | None:
        """The stored clean text of an article, or None."""
        with self.connect(read_only=True) as con:
            row = con.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def recheck_due(
        self, now: datetime, after: timedelta, within: timedelta
    ) -> list[tuple[int, str]]:
        """The ``(id, url)`` of the stored articles to ask again once, in case their page
        changed with nothing announcing it: first fetched at least ``after`` before
        ``now``, published (or, undated, first fetched) within ``within`` before it, and
        not asked so before (a ``recheck`` lead). A seed pasted as text has no page until
        it is found where it was published, and takes that page's URL (it may change as
        any page does: a wire's report the seed was copied from grew by four paragraphs)."""
        sql = (
            "SELECT id, url FROM articles WHERE starts_with(url, 'http') "
            "AND fetched_at <= ? AND coalesce(published_at, fetched_at) >= ? "
            "AND url NOT IN (SELECT url FROM leads WHERE origin = 'recheck') ORDER BY id"
        )
        naive = now.astimezone(UTC).replace(tzinfo=None)
        with self.connect(read_only=True) as con:
            rows = con.execute(sql, [naive - after, naive - within]).fetchall()
        return [(int(row[0]), str(row[1])) for row in rows]

    def headlines_and_texts(self, urls: Sequence[str]) -> list[tuple[str, str]]:
        """Headline and clean text of the articles stored under these canonical URLs, or
        under them as aliases (a seed given by a URL that redirected), in the given order."""
        sql = ("SELECT coalesce(title, ''), text FROM articles WHERE url = ? OR id IN "
               "(SELECT article_id FROM aliases WHERE url = ?)")  # fmt: skip
        with self.connect(read_only=True) as con:
            rows = [con.execute(sql, [url, url]).fetchone() for url in urls]
        return [(row[0], row[1]) for row in rows if row]

    def find_articles(self, refs: Sequence[str]) -> dict[str, dict[str, Any] | None]:
        """The stored article each reference names (an id, a canonical URL, an alias or the
        URL of a copy), with ``id``, ``url``, ``title``, ``is_seed``; None for a reference
        that names none."""
        sql = (
            "SELECT id, url, title, is_seed FROM articles WHERE id = try_cast(? AS BIGINT) "
            "OR url = ? OR id = (SELECT any_value(article_id) FROM (SELECT url, article_id "
            "FROM aliases UNION ALL SELECT url, article_id FROM duplicates) WHERE url = ?)"
        )
        found: dict[str, dict[str, Any] | None] = {}
        with self.connect(read_only=True) as con:
            for ref in refs:
                row = con.execute(sql, [ref, ref, ref]).fetchone()
                found[ref] = (
                    dict(zip(("id", "url", "title", "is_seed"), row, strict=True)) if row else None
                )
        return found

    def reject_articles(self, ids: Sequence[int], dry_run: bool = False) -> list[dict[str, Any]]:
        """Take articles out of the corpus for good, with the rewrites of them.

        In one transaction: the articles, their raw pages, aliases and duplicate records are
        deleted, and every URL they were seen at is recorded as a ``rejected`` lead
        (``by-user``, score 0), so later runs skip it as ``rejected-before``. Returns the
        articles taken out (``id``, ``url``, ``title``, ``rewrite_of``, ``urls``); with
        ``dry_run``, what would be, nothing changed.

        Raises:
            StoreError: the change failed; nothing was changed.
        """
        with self.connect(read_only=dry_run) as con, _listed(con, "asked", id=list(ids)):
            gone = con.execute(_REJECTED_SQL).fetchall()
            with _listed(con, "gone", id=[row[0] for row in gone]):
                urls = con.execute(_REJECTED_URLS_SQL).fetchall()
                if not dry_run:
                    _reject(con, [url for _, url in urls], self.path)
        urls_of: dict[int, list[str]] = {}
        for article_id, url in urls:
            urls_of.setdefault(article_id, []).append(url)
        names = ("id", "url", "title", "rewrite_of")
        return [dict(zip(names, row, strict=True), urls=urls_of.get(row[0], [])) for row in gone]

    def start_run(self, run_id: int, settings: dict[str, Any]) -> None:
        """Record the start of a crawl run."""
        self._change(
            "INSERT INTO runs (id, started_at, status, settings) VALUES (?, ?, 'running', ?)",
            [run_id, utc_naive(datetime.now(UTC)), json.dumps(settings, default=str)],
        )

    def finish_run(
        self,
        run_id: int,
        status: str,
        counts: dict[str, int],
        stats: dict[str, Any] | None = None,
    ) -> None:
        """Record the end of a crawl run, its counts and (when given) its crawl stats."""
        params = [
            utc_naive(datetime.now(UTC)), status, counts.get("pages_fetched", 0),
            counts.get("articles_added", 0), counts.get("duplicates", 0),
            counts.get("rejected", 0), counts.get("errors", 0),
        ]  # fmt: skip
        extra = ""
        if stats is not None:
            extra = ", stats = ?"
            params.append(json.dumps(stats, default=str, sort_keys=True))
        self._change(
            "UPDATE runs SET finished_at = ?, status = ?, pages_fetched = ?, articles_added = ?, "
            f"duplicates = ?, rejected = ?, errors = ?{extra} WHERE id = ?",
            [*params, run_id],
            merge_row_groups=True,
        )

    def _merge_row_groups(self, con: duckdb.DuckDBPyConnection) -> None:
        """Merge the small row groups the run's batches appended, in the checkpoint of the
        run record's change (DuckDB merges only in a checkpoint that has something to write).

        Each batch's checkpoint appends row groups of its own and merges nothing (see
        :meth:`_open`): merging there rewrote up to a row group of pages at every batch
        (160-420 MB of memory on the benchmark's pages, and twice the write time). Merging
        happens here once per run, on one thread within :attr:`compact_memory_limit`. When
        it fails, the rows are safe and the next run's end merges them.
        """
        con.execute("SET threads = 1")
        con.execute(f"SET memory_limit = '{_quote(self.compact_memory_limit)}'")
        con.execute("RESET max_vacuum_tasks")
        try:
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            logger.warning("%s: row groups not merged, the next run will: %s", self.path, exc)

    # -- full-text search ------------------------------------------------------------------

    @property
    def index_path(self) -> Path:
        """The search index file next to the corpus (derived data: safe to delete)."""
        return self.path.with_name(f"{self.path.stem}.search{self.path.suffix or '.duckdb'}")

    def search_index_status(self) -> IndexStatus:
        """How many articles the search index holds, against how many are stored."""
        articles, fingerprint = self.query(FINGERPRINT.format("articles"))[1][0]
        if self.index_path.exists():
            try:
                con = duckdb.connect(str(self.index_path), read_only=True, config=_CONFIG)
                try:
                    cursor = con.execute("SELECT * FROM index_info")
                    names, values = [d[0] for d in cursor.description or []], cursor.fetchone()
                    row = dict(zip(names, values, strict=True)) if values else {}
                finally:
                    con.close()
            except duckdb.Error as exc:
                logger.warning("Search index %s unreadable, to rebuild: %s", self.index_path, exc)
            else:
                if row.get("version") == SEARCH_INDEX_VERSION:
                    same = row["fingerprint"] == fingerprint
                    return IndexStatus(int(row["articles"]), int(articles), same)
        return IndexStatus(None, int(articles))

    def refresh_search_index(self, force: bool = False) -> int:
        """Rebuild the BM25 index over title and text in a new file, then swap it in.

        Skipped when the index already holds every article, unless ``force``. The corpus
        is read (not locked for writing) while titles and texts are copied. Returns the
        number of articles indexed.

        Raises:
            SearchUnavailable: the extension does not load (nothing is changed).
            StoreError: the corpus is unreadable or the index could not be built.
        """
        if not force:
            status = self.search_index_status()
            if status.up_to_date:
                return status.articles
        partial = self.index_path.with_name(f"{self.index_path.name}.{os.getpid()}.partial")
        partial.unlink(missing_ok=True)
        try:
            con = duckdb.connect(str(partial), config=_CONFIG)
        except duckdb.Error as exc:
            raise StoreError(f"{partial}: cannot create the search index ({exc})") from exc
        try:
            articles = self._build_index(con)
        except BaseException:
            con.close()
            for leftover in (partial, partial.with_name(partial.name + ".wal")):
                leftover.unlink(missing_ok=True)
            raise
        con.close()
        os.replace(partial, self.index_path)
        logger.info("Search index %s rebuilt: %d articles", self.index_path, articles)
        return articles

    def _build_index(self, con: duckdb.DuckDBPyConnection) -> int:
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET memory_limit = '{_quote(self.index_memory_limit)}'")
        self._load_fts(con)
        self._attach(con)
        try:
            con.execute(
                "CREATE TEMP TABLE articles AS "
                "SELECT id, title, text, content_hash, language FROM db.articles"
            )
            con.execute("DETACH db")
            con.execute(
                "CREATE TABLE index_info (articles BIGINT, fingerprint UBIGINT, version INTEGER); "
                f"INSERT INTO index_info SELECT *, {SEARCH_INDEX_VERSION} "
                f"FROM ({FINGERPRINT.format('temp.articles')})"
            )
            # The index takes a run of letters between spaces for one word.
            con.create_function(
                "cut_words", _cut_words, ["VARCHAR", "VARCHAR"], "VARCHAR",
                null_handling=FunctionNullHandling.SPECIAL,
            )  # fmt: skip
            con.execute(
                "UPDATE articles SET title = cut_words(title, language), "
                "text = cut_words(text, language) "
                "WHERE regexp_matches(coalesce(title, '') || text, ?)",
                [_UNSPACED_SQL],
            )
            con.execute("PRAGMA create_fts_index('articles', 'id', 'title', 'text', overwrite = 1)")
        except duckdb.Error as exc:
            raise StoreError(f"{self.index_path}: the search index was not built ({exc})") from exc
        return _scalar(con, "SELECT articles FROM index_info")

    def search(
        self, sql: str, params: Sequence[Any] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a query on the search index, with the corpus attached read-only as ``db``.

        Raises:
            SearchUnavailable: there is no index or the extension does not load.
            QueryError: the query failed.
        """
        if not self.index_path.exists():
            raise SearchUnavailable(f"{self.index_path}: no search index yet")
        try:
            con = duckdb.connect(str(self.index_path), read_only=True, config=_CONFIG)
        except duckdb.Error as exc:
            raise SearchUnavailable(f"{self.index_path}: unreadable ({_first_line(exc)})") from exc
        try:
            con.execute("SET enable_progress_bar = false")
            self._load_fts(con)
            self._attach(con)
            _refuse_writes(con, sql)
            try:
                cursor = con.execute(sql, list(params))
                return [d[0] for d in cursor.description or []], cursor.fetchall()
            except duckdb.Error as exc:
                raise _query_error(exc) from exc
        finally:
            con.close()

    # -- reading ---------------------------------------------------------------------------

    def query(
        self, sql: str, params: Sequence[Any] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a read-only query; return column names and rows.

        Raises:
            QueryError: the statement would write (refused before it runs) or failed.
        """
        with self.connect(read_only=True) as con:
            _refuse_writes(con, sql)
            try:
                cursor = con.execute(sql, list(params))
                columns = [d[0] for d in cursor.description or []]
                return columns, cursor.fetchall()
            except duckdb.Error as exc:
                raise _query_error(exc) from exc

    def count(self, sql: str) -> int:
        """The number of rows a query returns.

        Raises:
            QueryError: the query failed.
        """
        return int(self.query(f"SELECT count(*) FROM ({sql})")[1][0][0])

    def copy_to(
        self, sql: str, out: Path, options: str, progress: ProgressCallback | None = None
    ) -> int:
        """Write a query's rows to a file with DuckDB's COPY; return the number of rows.

        ``options`` is COPY's option list, e.g. ``FORMAT parquet``. The file is written
        next to ``out`` and renamed when complete, so a failed export leaves no half file.
        DuckDB streams the rows within :attr:`memory_limit`, spilling to a temporary
        folder. ``progress`` is called with the fraction done while COPY runs.

        Raises:
            QueryError: the query or the COPY failed.
        """
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with self.connect(read_only=True) as con, self._bounded(con):
            _refuse_writes(con, sql)
            statement = f"COPY ({sql}) TO '{_quote(str(partial))}' ({options})"
            try:
                row = _run(con, statement, progress).fetchone()
            except duckdb.Error as exc:
                partial.unlink(missing_ok=True)
                raise _query_error(exc) from exc
        partial.replace(out)
        return int(row[0]) if row else 0

    def iter_chunks(self, queries: Iterable[str]) -> Iterator[list[dict[str, Any]]]:
        """Run queries one after the other on one read-only connection; yield each one's rows
        as dicts. Queries are taken from ``queries`` only when the previous rows are consumed,
        so a caller that pages through a large table holds one page at a time.

        Raises:
            QueryError: a query was refused or failed.
        """
        with self.connect(read_only=True) as con, self._bounded(con):
            for sql in queries:
                _refuse_writes(con, sql)
                try:
                    cursor = con.execute(sql)
                    columns = [d[0] for d in cursor.description or []]
                    rows = cursor.fetchall()
                except duckdb.Error as exc:
                    raise _query_error(exc) from exc
                yield [dict(zip(columns, row, strict=True)) for row in rows]

    def iter_rows(self, sql: str, chunk: int = 500) -> Iterator[dict[str, Any]]:
        """Stream a query's rows as dicts, ``chunk`` at a time."""
        with self.connect(read_only=True) as con, self._bounded(con):
            _refuse_writes(con, sql)
            try:
                cursor = con.execute(sql)
            except duckdb.Error as exc:
                raise _query_error(exc) from exc
            columns = [d[0] for d in cursor.description or []]
            while rows := cursor.fetchmany(chunk):
                for row in rows:
                    yield dict(zip(columns, row, strict=True))

    @contextmanager
    def _bounded(self, con: duckdb.DuckDBPyConnection) -> Iterator[None]:
        """Bound DuckDB's memory for a long read: one thread (no reordering buffers), at
        most :attr:`memory_limit`, and what does not fit goes to a temporary folder."""
        folder = tempfile.mkdtemp(prefix="collector-spill-")
        try:
            con.execute("SET threads = 1")
            con.execute(f"SET memory_limit = '{_quote(self.memory_limit)}'")
            con.execute(f"SET temp_directory = '{_quote(folder)}'")
            yield
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _locked_message(path: Path, timeout: float, read_only: bool) -> str:
    if read_only:
        return (
            f"{path}: another process has been writing to the corpus for {timeout:.0f}s and "
            "DuckDB lets no reader in meanwhile (a crawl holds it only while it writes a "
            "batch; a program that keeps it open holds it until it closes); try again shortly"
        )
    return (
        f"{path}: another process has held the database for {timeout:.0f}s; "
        "try again when it has finished"
    )


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = _scalar(
        con,
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = 'main' "
        "AND table_name = 'schema_info'",
    )
    return _scalar(con, "SELECT coalesce(max(version), 0) FROM schema_info") if exists else 0


def _refuse_writes(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise _query_error(exc) from exc
    for statement in statements:
        kind = statement.type.name
        if kind not in READ_STATEMENTS:
            raise QueryError(
                f"query is read-only: {kind} statements are refused; use SELECT (or EXPLAIN, CALL)"
            )


def _query_error(exc: duckdb.Error) -> QueryError:
    message = _first_line(exc)
    if "read-only" in message:
        return QueryError("query is read-only: the statement would write; use SELECT")
    return QueryError(f"query failed: {message}")


def _cut_words(text: str | None, language: str | None) -> str | None:
    """``text`` with a space between the words of its Chinese, Japanese and Korean runs."""
    from collector.words import segment  # its word lists: only for a corpus that needs them

    return segment(text, language) if text else text


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _run(
    con: duckdb.DuckDBPyConnection, statement: str, progress: ProgressCallback | None
) -> duckdb.DuckDBPyConnection:
    """Execute a statement; while it runs, report DuckDB's progress from this thread."""
    if progress is None:
        return con.execute(statement)
    con.execute("SET enable_progress_bar = true")  # tracks progress; printing stays off
    con.execute("SET enable_progress_bar_print = false")
    outcome: list[Any] = []

    def work() -> None:
        try:
            outcome.append(con.execute(statement))
        except duckdb.Error as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
        done = con.query_progress()
        if done >= 0:
            progress(done / 100)
    if isinstance(outcome[0], duckdb.Error):
        raise outcome[0]
    progress(1.0)
    return outcome[0]  # type: ignore[no-any-return]


# Every URL a crawl must not fetch again, with the article it leads to (NULL: a redirect to a
# known article). A URL seen in several tables maps to its article, then alias, then copy.
_KNOWN_URLS_SQL = """
SELECT url, arg_max_null(article_id, rank) FROM (
    SELECT url, NULL::BIGINT AS article_id, 0 AS rank FROM leads WHERE reason = 'redirect-known'
    UNION ALL SELECT url, article_id, 1 FROM duplicates
    UNION ALL SELECT url, article_id, 2 FROM aliases
    UNION ALL SELECT url, id, 3 FROM articles
) GROUP BY url
"""


def _columns(con: duckdb.DuckDBPyConnection, sql: str) -> list[list[Any]]:
    """A query's result as one Python list per column, converted from Arrow in bulk."""
    table = con.execute(sql).to_arrow_table()
    return [column.to_pylist() for column in table.columns]


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, unless the failed COMMIT already ended the transaction."""
    try:
        con.execute("ROLLBACK")
    except duckdb.TransactionException:
        pass


def _run_of(batch: Batch) -> int | None:
    for rows in batch.rows.values():
        for row in rows:
            if row.get("run_id") is not None:
                return int(row["run_id"])
    return None


def _binary_block(ids: pa.Array, values: pa.Array) -> BinaryBlock:
    """Wrap the buffers of an Arrow id column and binary column (no nulls) as numpy arrays."""
    offset_type = np.int64 if pa.types.is_large_binary(values.type) else np.int32
    buffers = values.buffers()
    raw = np.frombuffer(buffers[1], dtype=offset_type)
    offsets: npt.NDArray[np.int64] = raw[values.offset : values.offset + len(values) + 1].astype(
        np.int64
    )
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] else np.empty(0, np.uint8)
    return BinaryBlock(ids.to_numpy(zero_copy_only=False).astype(np.int64), offsets, data)


def _quote(value: str) -> str:
    return value.replace("'", "''")


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def to_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """The rows of one table as an Arrow table of its schema (UTC-naive timestamps), in the
    columns some row names (the others are left to their default)."""
    full = TABLE_SCHEMAS[table]
    schema = pa.schema([f for f in full if any(f.name in row for row in rows)])
    return pa.Table.from_pylist(
        [{name: _cell(row.get(name)) for name in schema.names} for row in rows], schema=schema
    )


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows, leaving out those whose key is already stored."""
    keys = UNIQUE_KEYS.get(table, ())
    arrow = to_arrow(table, first_of_each(rows, keys) if keys else rows)
    # Only the columns the file has: a store opened with older migrations (tests) lacks some.
    present = {d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description or []}
    names = ", ".join(f'"{n}"' for n in arrow.schema.names if n in present)
    # The inner IN hashes the batch's keys rather than the corpus's: 0.04 against 0.2 s a
    # batch at 1,000,000 articles.
    new = " AND ".join(
        f"{key} NOT IN (SELECT {key} FROM {table} WHERE {key} IN (SELECT {key} FROM batch_rows))"
        for key in keys
    )
    conflict = " ON CONFLICT DO NOTHING" if table == "aliases" else ""  # it keeps its key
    with _listed(con, "batch_rows", arrow):
        con.execute(
            f"INSERT INTO {table} BY NAME SELECT {names} FROM batch_rows"
            f"{' WHERE ' + new if new else ''}{conflict}"
        )


def first_of_each(rows: list[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """The rows whose value of every key has not come in an earlier row."""
    seen: dict[str, set[Any]] = {key: set() for key in keys}
    kept = []
    for row in rows:
        if not any(row.get(key) in seen[key] for key in keys):
            kept.append(row)
            for key in keys:
                seen[key].add(row.get(key))
    return kept


def _aware_row(row: Sequence[Any]) -> list[Any]:
    """A row with its naive (UTC) timestamps made aware."""
    return [v.replace(tzinfo=UTC) if isinstance(v, datetime) and not v.tzinfo else v for v in row]


def _add_template_counts(con: duckdb.DuckDBPyConnection, counts: Mapping[str, NewCounts]) -> None:
    """Within the caller's transaction: delete the forgotten block counts, then add the new
    page and block counts to the stored ones."""
    outlets = [
        {"source": source, "pages": c.outlet.pages, "offtopic_pages": c.outlet.offtopic_pages,
         "first_seen": c.outlet.first_seen, "last_seen": c.outlet.last_seen}
        for source, c in counts.items()
    ]  # fmt: skip
    blocks = [
        {"source": source, "block_key": key, "block": b.text, "pages": b.pages,
         "offtopic_pages": b.offtopic_pages, "first_seen": b.first_seen,
         "last_seen": b.last_seen}
        for source, c in counts.items()
        for key, b in c.blocks.items()
    ]  # fmt: skip
    forgotten = [(source, key) for source, c in counts.items() for key in sorted(c.forgotten)]
    if forgotten:
        gone = {"s": [s for s, _ in forgotten], "k": [k for _, k in forgotten]}
        with _listed(con, "forgotten_blocks", **gone):
            con.execute(
                "DELETE FROM outlet_blocks USING forgotten_blocks "
                "WHERE source = s AND block_key = k"
            )
    _upsert(con, "outlet_pages", OUTLET_PAGES_SCHEMA, outlets, "source")
    _upsert(con, "outlet_blocks", OUTLET_BLOCKS_SCHEMA, blocks, "source, block_key")


def _upsert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    schema: pa.Schema,
    rows: list[dict[str, Any]],
    keys: str,
) -> None:
    """Insert count rows, adding their counts to the existing row of the same key."""
    if not rows:
        return
    arrow = pa.Table.from_pylist(
        [{name: _cell(row.get(name)) for name in schema.names} for row in rows], schema=schema
    )
    with _listed(con, "count_rows", arrow):
        con.execute(
            f"INSERT INTO {table} BY NAME SELECT * FROM count_rows"
            + _COUNT_UPSERT.format(keys=keys)
        )


@contextmanager
def _listed(
    con: duckdb.DuckDBPyConnection, name: str, table: pa.Table | None = None, **columns: Any
) -> Iterator[None]:
    """``table`` (or a table of ``columns``: name -> list or Arrow array) readable as ``name``
    by the statements in the block.

    Many values go to DuckDB this way, never as a bound list (``list_contains(?, url)``):
    DuckDB's Python client tries to import pandas twice for each value of a bound list, and
    without pandas installed each try searches ``sys.path``: 200 ms for 1,000 values,
    where an Arrow table is read as it is.
    """
    con.register(name, table if table is not None else pa.table(columns))
    try:
        yield
    finally:
        con.unregister(name)


def _reject(con: duckdb.DuckDBPyConnection, urls: list[str], path: Path) -> None:
    """Delete the articles listed in ``gone`` with their rows, and record ``urls`` as
    rejected by the user, in one transaction."""
    now = utc_naive(datetime.now(UTC))
    con.execute("BEGIN TRANSACTION")
    try:
        with _listed(con, "rejected_urls", url=urls):
            con.execute(
                "INSERT INTO leads (url, origin, detail, score, status, reason, seen_at) "
                "SELECT url, 'user', 'collector reject', 0.0, 'rejected', 'by-user', ? "
                "FROM rejected_urls",
                [now],
            )
        for table in ("duplicates", "aliases", "pages"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM gone)")
        con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM gone)")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        _rollback(con)
        raise StoreError(f"{path}: rejecting failed, nothing changed: {exc}") from exc


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return utc_naive(value)
    if isinstance(value, tuple):
        return list(value)
    return value
