"""Shared fixtures: the repository's paths, a Redis server, the modules imports search for."""

import sys
from collections import Counter
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


class _ImportsTried:
    """Counts the modules Python is asked to find (imports not answered by ``sys.modules``)."""

    def __init__(self) -> None:
        self.tried: Counter[str] = Counter()

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        self.tried[name] += 1


@pytest.fixture
def imports_tried() -> Iterator[Counter[str]]:
    """The modules looked for during the test, by name, with how many times."""
    finder = _ImportsTried()
    sys.meta_path.insert(0, finder)
    try:
        yield finder.tried
    finally:
        sys.meta_path.remove(finder)
