"""Exports of the corpus: JSONL and Parquet through DuckDB's COPY, plain text files.

Every export streams: DuckDB writes JSONL and Parquet itself, and the text export walks
the rows in chunks, so memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from collector.store import Store

EXPORT_COLUMNS = (
    "id, url, title, text, published_at, source, outlet, language, authors, description, tags, "
    "fetched_at, relevance, is_seed, rewrite_of"
)
FORMATS = ("jsonl", "parquet", "txt")
_UNSAFE = re.compile(r"[^\w.-]+")


def export_sql(include_rewrites: bool = True) -> str:
    """The SELECT an export runs: deduplicated articles, rewrites optional."""
    where = "" if include_rewrites else " WHERE rewrite_of IS NULL"
    return f"SELECT {EXPORT_COLUMNS} FROM articles{where} ORDER BY id"


def safe_name(article_id: int, title: str | None, max_len: int = 80) -> str:
    """A file name for an article that cannot escape its folder: ``<id>-<slug>.txt``."""
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    slug = _UNSAFE.sub("-", ascii_title.lower()).strip("-.")[:max_len].strip("-.")
    return f"{article_id:06d}-{slug or 'article'}.txt"


def export(store: Store, fmt: str, out: Path, include_rewrites: bool = True) -> int:
    """Export the corpus to ``out`` in ``fmt``; return the number of articles written."""
    sql = export_sql(include_rewrites)
    if fmt in ("jsonl", "parquet"):
        return store.copy_to(sql, out, "json" if fmt == "jsonl" else "parquet")
    if fmt == "txt":
        return _export_txt(store, sql, out)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _export_txt(store: Store, sql: str, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for row in store.iter_rows(sql):
            name = safe_name(row["id"], row["title"])
            (out / name).write_text(f"{row['title'] or ''}\n\n{row['text']}\n", encoding="utf-8")
            entry = {k: row[k] for k in ("id", "url", "title", "source", "published_at")}
            entry["file"] = name
            manifest.write(json.dumps(entry, default=str, ensure_ascii=False) + "\n")
            count += 1
    return count
