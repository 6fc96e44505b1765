"""The run lock: one crawl per corpus, released however its holder ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from collector.runlock import LockError, RunLock

HOLD = """
import sys
from pathlib import Path
from collector.runlock import RunLock
lock = RunLock(Path(sys.argv[1]))
assert lock.try_acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_a_second_holder_is_refused_until_the_first_releases(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    first, second = RunLock(db), RunLock(db)
    assert first.try_acquire() and first.held
    assert not second.try_acquire() and not second.held
    first.release()
    assert second.try_acquire()
    second.release()


def test_the_lock_file_names_its_holder(tmp_path: Path) -> None:
    lock = RunLock(tmp_path / "corpus.duckdb")
    assert lock.path == tmp_path / "corpus.duckdb.lock"
    assert lock.try_acquire()
    assert RunLock(tmp_path / "corpus.duckdb").holder() == str(__import__("os").getpid())
    lock.release()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert not RunLock(db).try_acquire()
    holder.kill()
    holder.wait(timeout=30)
    assert RunLock(db).try_acquire()


def test_a_folder_that_cannot_exist_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LockError, match="cannot create the run lock"):
        RunLock(blocker / "corpus.duckdb").try_acquire()
