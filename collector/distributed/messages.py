"""Messages from the workers to the writer: articles and lead records, as compressed JSON.

JSON rather than pickle so that what travels through Redis is data, never code; zlib
because an article carries its raw page.
"""

from __future__ import annotations

import json
import zlib
from datetime import datetime
from typing import Any

ARTICLE = "article"
RECORDS = "records"
TEMPLATES = "templates"
_DATETIME = "$datetime"


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot send {type(value).__name__} to the writer")


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and _DATETIME in obj:
        return datetime.fromisoformat(obj[_DATETIME])
    return obj


def encode(kind: str, body: dict[str, Any]) -> bytes:
    """Encode a message of ``kind`` (:data:`ARTICLE`, :data:`RECORDS` or :data:`TEMPLATES`).

    Raises:
        TypeError: ``body`` holds a value JSON cannot carry (datetimes and tuples can).
    """
    text = json.dumps({"kind": kind, "body": body}, default=_default, ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 6)


def decode(data: bytes) -> tuple[str, dict[str, Any]]:
    """Inverse of :func:`encode`: the kind and the body.

    Raises:
        ValueError: ``data`` is not a message.
    """
    try:
        message = json.loads(zlib.decompress(data).decode("utf-8"), object_hook=_hook)
        return str(message["kind"]), dict(message["body"])
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"not a collector message ({exc})") from exc
