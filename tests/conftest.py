"""Shared fixtures: the repository's paths, a Redis server."""

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port (the test fails if it is not installed)."""
    from redis_server import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url
