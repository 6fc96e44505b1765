"""Exports of the corpus: JSONL, Parquet and CSV through DuckDB's COPY; plain text files with
a manifest and WARC of the raw pages, paged through by article id.

Every export streams in bounded memory whatever the corpus size: DuckDB writes JSONL,
Parquet and CSV itself (one thread, a memory limit, spilling to disk), and the text and
WARC exports read one range of article ids at a time.

What is exported (:class:`Selection`): the stored articles, without rewrites unless asked;
exact and near copies are not articles (they were never stored) and come in only with
``include_duplicates``, as one row per URL a copy was seen at, carrying the text of the
article it copies. Rows come in the order the articles were stored.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from collector.store import ProgressCallback, Store

FORMATS = ("jsonl", "parquet", "csv", "txt", "warc")
# The fields corpus tools expect first, then the rest of what the corpus knows.
COLUMNS = (
    "id", "url", "title", "text", "published_at", "source", "language", "outlet", "authors",
    "description", "tags", "date_source", "modified_at", "fetched_at", "relevance", "is_seed",
    "rewrite_of", "rewrite_similarity", "duplicate_of", "duplicate_method",
    "duplicate_similarity", "run_id", "lead_origin", "content_hash",
)  # fmt: skip
TIMESTAMPS = ("published_at", "modified_at", "fetched_at")
LISTS = ("authors", "tags")
COPY_OPTIONS = {
    "jsonl": "FORMAT json",
    "parquet": "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048",
    "csv": "FORMAT csv, HEADER",
}
CHUNK_IDS = 1000  # article ids per page of the text and WARC exports
MAX_NAME_BYTES = 120
_UNSAFE = re.compile(r"[\W_]+")
# A copy has no page of its own: it is shown at its URL and host with the copied article's
# text. Each URL once, unless it is an article's own URL.
_COPIES = """
SELECT a.* REPLACE (
        d.url AS url, lower(regexp_extract(d.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)', 1))
        AS source, NULL::TEXT AS outlet, d.found_at AS fetched_at),
    d.article_id AS duplicate_of, d.method AS duplicate_method,
    d.similarity AS duplicate_similarity
FROM (SELECT DISTINCT ON (url) * FROM duplicates ORDER BY url, found_at) d
JOIN articles a ON a.id = d.article_id
WHERE d.url NOT IN (SELECT url FROM articles)"""


class ExportError(ValueError):
    """A bad export request; the message names the option and what to do."""


@dataclass(frozen=True)
class Selection:
    """Which rows an export writes. Defaults: every stored article except rewrites.

    Attributes:
        since: keep articles published at or after this time (naive UTC).
        until: keep articles published at or before this time (naive UTC).
        sources: keep articles whose host (``source``) or outlet name is one of these.
        min_relevance: keep articles at least this relevant (seeds count as relevant).
        where: an SQL condition over the export's columns, for everything else.
        include_duplicates: add a row per URL a copy of an article was seen at.
        include_rewrites: keep articles that reword an earlier one (``rewrite_of`` set).
    """

    since: datetime | None = None
    until: datetime | None = None
    sources: tuple[str, ...] = ()
    min_relevance: float | None = None
    where: str | None = None
    include_duplicates: bool = False
    include_rewrites: bool = False


def parse_when(value: str, option: str, end_of_day: bool = False) -> datetime:
    """Parse ``--since``/``--until``: a date (``2024-10-01``) or an ISO 8601 time.

    A bare date means the start of that day, or its end when ``end_of_day``; a time
    without a zone is taken as UTC. Returns naive UTC, the form the corpus stores.

    Raises:
        ExportError: the value is not a date.
    """
    try:
        if len(value.strip()) == 10:
            day = datetime.fromisoformat(value.strip()).date()
            return datetime.combine(day, time.max if end_of_day else time.min)
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ExportError(
            f"{option} {value!r}: not a date; use YYYY-MM-DD or an ISO 8601 time "
            "such as 2024-10-01T12:00:00Z"
        ) from None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def sql_literal(value: str) -> str:
    """Quote a string as an SQL literal."""
    return "'" + value.replace("'", "''") + "'"


def conditions(selection: Selection) -> list[str]:
    """The WHERE conditions of a selection."""
    found: list[str] = []
    if not selection.include_rewrites:
        found.append("rewrite_of IS NULL")
    if selection.since is not None:
        found.append(f"published_at >= TIMESTAMP '{selection.since.isoformat(' ')}'")
    if selection.until is not None:
        found.append(f"published_at <= TIMESTAMP '{selection.until.isoformat(' ')}'")
    if selection.sources:
        names = ", ".join(sql_literal(s.lower()) for s in selection.sources)
        found.append(f"(lower(source) IN ({names}) OR lower(outlet) IN ({names}))")
    if selection.min_relevance is not None:
        found.append(f"(is_seed OR relevance >= {float(selection.min_relevance)!r})")
    if selection.where:
        found.append(f"({selection.where})")
    return found


def rows_sql(selection: Selection) -> str:
    """The SELECT of every exported row and column (``id`` is the article's)."""
    rows = (
        "SELECT *, NULL::BIGINT AS duplicate_of, NULL::TEXT AS duplicate_method, "
        "NULL::DOUBLE AS duplicate_similarity FROM articles"
    )
    if selection.include_duplicates:
        rows = f"{rows}\nUNION ALL BY NAME{_COPIES}"
    where = " AND ".join(conditions(selection)) or "TRUE"
    return f"SELECT {', '.join(COLUMNS)} FROM ({rows}) WHERE {where}"


def format_sql(selection: Selection, fmt: str) -> str:
    """The SELECT a COPY export writes: times as ISO 8601 UTC text in JSONL and CSV, lists
    joined with ``; `` in CSV, native types in Parquet."""
    if fmt == "parquet":
        return rows_sql(selection)
    columns = []
    for name in COLUMNS:
        if name in TIMESTAMPS:
            columns.append(f"strftime({name}, '%Y-%m-%dT%H:%M:%SZ') AS {name}")
        elif name in LISTS and fmt == "csv":
            columns.append(f"array_to_string({name}, '; ') AS {name}")
        else:
            columns.append(name)
    return f"SELECT {', '.join(columns)} FROM ({rows_sql(selection)})"


def count(store: Store, selection: Selection) -> int:
    """How many rows an export of ``selection`` writes (text, JSONL, Parquet, CSV)."""
    return store.count(rows_sql(selection))


def safe_name(article_id: int, title: str | None, variant: str = "") -> str:
    """A file name for an article that cannot escape its folder: ``<id>[-variant]-<slug>.txt``.

    The slug keeps letters and digits of any script (NFC), lower-cased, other runs of
    characters becoming ``-``; it is cut to :data:`MAX_NAME_BYTES` bytes of UTF-8 so the name
    fits every file system. The id makes it unique and keeps it off reserved names.
    """
    text = unicodedata.normalize("NFC", title or "").lower()
    slug = _UNSAFE.sub("-", text).strip("-")
    while len(slug.encode("utf-8")) > MAX_NAME_BYTES:
        slug = slug[:-1]
    slug = slug.rstrip("-") or "article"
    prefix = f"{article_id:06d}-{variant}-" if variant else f"{article_id:06d}-"
    return f"{prefix}{slug}.txt"


def export(
    store: Store,
    fmt: str,
    out: Path,
    selection: Selection | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Export the rows of ``selection`` to ``out`` in ``fmt``; return the rows written.

    ``out`` is a file, or a folder for ``txt``. ``progress`` is called with the fraction done.

    Raises:
        ExportError: unknown format.
        QueryError: the selection's SQL failed (a bad ``where``).
    """
    selection = selection or Selection()
    if fmt in COPY_OPTIONS:
        return store.copy_to(format_sql(selection, fmt), out, COPY_OPTIONS[fmt], progress)
    if fmt == "txt":
        return _export_txt(store, selection, out, progress)
    if fmt == "warc":
        return _export_warc(store, selection, out, progress)
    raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _pages(
    store: Store, sql: str, progress: ProgressCallback | None
) -> Iterator[list[dict[str, Any]]]:
    """The rows of ``sql`` (which has an ``id`` column), one range of ids at a time."""
    _, bounds = store.query(f"SELECT min(id), max(id) FROM ({sql})")
    low, high = bounds[0]
    if low is None:
        return iter(())
    starts = range(low, high + 1, CHUNK_IDS)
    report: Callable[[float], None] = progress or (lambda _: None)

    def queries() -> Iterator[str]:
        for start in starts:
            report((start - low) / (high + 1 - low))
            yield (
                f"SELECT * FROM ({sql}) WHERE id BETWEEN {start} AND {start + CHUNK_IDS - 1} "
                "ORDER BY id, duplicate_of NULLS FIRST, url"
            )
        report(1.0)

    return store.iter_chunks(queries())


def _export_txt(
    store: Store, selection: Selection, out: Path, progress: ProgressCallback | None
) -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    partial = out / "manifest.jsonl.partial"
    with partial.open("w", encoding="utf-8") as manifest:
        for rows in _pages(store, rows_sql(selection), progress):
            for row in rows:
                name = _file_name(row)
                body = f"{row['title'] or ''}\n\n{row['text']}\n"
                (out / name).write_text(body, encoding="utf-8")
                entry = {k: row[k] for k in ("id", "url", "title", "source", "language")}
                entry["published_at"] = _iso(row["published_at"])
                entry["duplicate_of"] = row["duplicate_of"]
                entry["file"] = name
                manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
                count += 1
    partial.replace(out / "manifest.jsonl")
    return count


def _file_name(row: dict[str, Any]) -> str:
    if row["duplicate_of"] is None:
        return safe_name(row["id"], row["title"])
    digest = hashlib.sha1(row["url"].encode("utf-8")).hexdigest()[:8]
    return safe_name(row["id"], row["title"], f"copy-{digest}")


def warc_sql(selection: Selection) -> str:
    """The raw pages of the selected articles (copies have no page of their own)."""
    articles = rows_sql(replace(selection, include_duplicates=False))
    return (
        "SELECT r.id, p.url, p.fetched_at, p.html_zlib, NULL::BIGINT AS duplicate_of "
        f"FROM pages p JOIN ({articles}) r ON r.id = p.article_id"
    )


def _export_warc(
    store: Store, selection: Selection, out: Path, progress: ProgressCallback | None
) -> int:
    from warcio.warcwriter import WARCWriter

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    count = 0
    with partial.open("wb") as stream:
        writer = WARCWriter(stream, gzip=out.suffix == ".gz")
        info = {"software": "news-corpus-collector", "format": "WARC File Format 1.1"}
        writer.write_record(writer.create_warcinfo_record(out.name, info))
        for rows in _pages(store, warc_sql(selection), progress):
            for row in rows:
                record = writer.create_warc_record(
                    row["url"],
                    "resource",
                    payload=io.BytesIO(zlib.decompress(row["html_zlib"])),
                    warc_content_type="text/html; charset=utf-8",
                    warc_headers_dict={"WARC-Date": _iso(row["fetched_at"]) or _now()},
                )
                writer.write_record(record)
                count += 1
    partial.replace(out)
    return count


def _iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def warc_count(store: Store, selection: Selection) -> int:
    """How many pages a WARC export of ``selection`` writes."""
    return store.count(warc_sql(selection))


__all__ = [
    "FORMATS",
    "ExportError",
    "Selection",
    "count",
    "export",
    "parse_when",
    "safe_name",
    "warc_count",
]
