"""A real redis-server on a free loopback port, for the distributed-crawl tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def redis_server(folder: Path, port: int = 0) -> Iterator[str]:
    """Run ``redis-server`` on 127.0.0.1 (on ``port``, or a free one) without persistence;
    yield its URL.

    Raises:
        RuntimeError: redis-server is not installed or does not answer.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(
            "redis-server is not installed: `apt-get install redis-server` (.ci/run does it)"
        )
    for _ in range(5):
        port = port or _free_port()
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        if process.poll() is None:
            try:
                yield url
            finally:
                process.terminate()
                process.wait(10)
            return
    raise RuntimeError("redis-server did not start on a free loopback port")
