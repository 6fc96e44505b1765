"""Retry-After values: seconds or an HTTP date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from collector.retry_after import parse_retry_after

NOW = datetime(2024, 10, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        (" 5 ", 5.0),
        ("Tue, 01 Oct 2024 12:00:30 GMT", 30.0),
        (b"Tue, 01 Oct 2024 11:00:00 GMT", 0.0),  # in the past: now
        ("soon", None),
        ("-3", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: bytes | str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds
