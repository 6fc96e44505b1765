"""One crawl run per corpus at a time: an exclusive lock on a file beside the database.

DuckDB's own lock is held only while a batch is written, so two crawls on one corpus
would interleave their writes and hand out the same article ids. Each run therefore takes
``<corpus>.lock`` with ``flock`` for its whole length. The kernel releases the lock when
the process ends, however it ends (SIGKILL included), so a killed run never leaves a stale
lock behind. The file holds the holder's process id, for the message the next run prints.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class LockError(Exception):
    """The lock file cannot be created; the message says why and what to do."""


class RunLock:
    """An exclusive, non-blocking ``flock`` on ``<db>.lock``.

    Args:
        db: The corpus file the lock guards.
    """

    def __init__(self, db: Path) -> None:
        self.path = db.with_name(db.name + ".lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; return whether it is now held.

        Raises:
            LockError: the lock file cannot be created (a read-only or missing folder).
        """
        if self._fd is not None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise LockError(
                f"{self.path}: cannot create the run lock ({exc.strerror}); "
                "the corpus folder must be writable"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        """The process id written by the current holder, or ``?``."""
        try:
            return self.path.read_text().strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        """Release the lock (the file stays; it is reused by the next run)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
