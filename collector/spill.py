"""Spill files: batches the database refused, kept on disk until the next run writes them.

When the last write of a run fails (a full disk, a file locked for too long), the batch is
saved beside the corpus as Arrow IPC files, one per table plus the settled lead URLs and
the ids of the articles it replaces, in a folder named for the run. A spill is first
written under a temporary name and renamed, so a half-written spill is never read. The
next run replays spills before it starts, each in one transaction that also records the
spill's name, so none is written twice.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.ipc as ipc

from collector.store import TABLE_SCHEMAS, Batch, to_arrow

logger = logging.getLogger(__name__)

_DONE_SCHEMA = pa.schema([("url", pa.string())])
_REPLACED_SCHEMA = pa.schema([("id", pa.int64())])
_TMP = ".tmp-"


def spill_dir(db: Path) -> Path:
    """The folder beside the corpus file where its spills are kept."""
    return db.with_name(db.name + ".spill")


def write_spill(batch: Batch, folder: Path, name: str) -> Path:
    """Save a batch as Arrow files in ``folder/name``; return that path.

    Raises:
        OSError: the spill could not be written (nothing is left behind).
    """
    final = folder / name
    tmp = folder / f"{_TMP}{name}"
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        for table, rows in batch.rows.items():
            if rows:
                _write(tmp / f"{table}.arrow", to_arrow(table, rows))
        done = [{"url": url} for url in sorted(batch.done)]
        _write(tmp / "done.arrow", pa.Table.from_pylist(done, schema=_DONE_SCHEMA))
        replaced = [{"id": article_id} for article_id in sorted(batch.replaced)]
        _write(tmp / "replaced.arrow", pa.Table.from_pylist(replaced, schema=_REPLACED_SCHEMA))
        os.replace(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return final


def read_spills(folder: Path) -> list[tuple[str, Batch]]:
    """The complete spills in ``folder``, oldest name first, as batches.

    Half-written spills (a run killed while spilling) are removed: the rows they held are
    still in the leads the next run resumes.
    """
    if not folder.is_dir():
        return []
    spills = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(_TMP):
            logger.warning("Removing the half-written spill %s", path)
            shutil.rmtree(path, ignore_errors=True)
            continue
        batch = Batch()
        for table in TABLE_SCHEMAS:
            file = path / f"{table}.arrow"
            if file.exists():
                batch.rows[table] = _read(file)
        batch.done = {row["url"] for row in _read(path / "done.arrow")}
        batch.replaced = {row["id"] for row in _read(path / "replaced.arrow")}
        spills.append((path.name, batch))
    return spills


def remove_spill(folder: Path, name: str) -> None:
    """Delete a spill once the database holds it."""
    shutil.rmtree(folder / name, ignore_errors=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _write(path: Path, table: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _read(path: Path) -> list[dict[str, Any]]:
    with pa.memory_map(str(path), "r") as source:
        return ipc.open_file(source).read_all().to_pylist()
