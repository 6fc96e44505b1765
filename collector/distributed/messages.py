"""Messages from the workers to the writer: articles and lead records.

A message is data, never code: a zlib-compressed JSON header holding the body's plain
values, then the body's ``bytes`` values as they are (a page already compressed, packed
dedup features), which compressing again would only cost time. No pickle.
"""

from __future__ import annotations

import json
import struct
import zlib
from datetime import datetime
from typing import Any

ARTICLE = "article"
RECORDS = "records"
TEMPLATES = "templates"
_DATETIME = "$datetime"
_MAGIC = b"CM2"  # the messages before it were one zlib stream, which starts with 0x78
_HEADER_SIZE = struct.Struct("<I")


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

    The body's ``bytes`` values travel as they are, after the header.

    Raises:
        TypeError: ``body`` holds a value JSON cannot carry (datetimes and tuples can, and
            ``bytes`` at the body's top level).
    """
    blobs = {k: v for k, v in body.items() if isinstance(v, bytes)}
    plain = {k: v for k, v in body.items() if k not in blobs}
    header = {"kind": kind, "body": plain, "blobs": [[k, len(v)] for k, v in blobs.items()]}
    text = json.dumps(header, default=_default, ensure_ascii=False)
    packed = zlib.compress(text.encode("utf-8"), 6)
    return b"".join([_MAGIC, _HEADER_SIZE.pack(len(packed)), packed, *blobs.values()])


def decode(data: bytes) -> tuple[str, dict[str, Any]]:
    """Inverse of :func:`encode`: the kind and the body (also of a message sent before the
    header and ``bytes`` values: the whole message compressed JSON).

    Raises:
        ValueError: ``data`` is not a message.
    """
    try:
        if not data.startswith(_MAGIC):
            message = json.loads(zlib.decompress(data).decode("utf-8"), object_hook=_hook)
            return str(message["kind"]), dict(message["body"])
        at = len(_MAGIC) + _HEADER_SIZE.size
        (size,) = _HEADER_SIZE.unpack_from(data, len(_MAGIC))
        header = json.loads(
            zlib.decompress(data[at : at + size]).decode("utf-8"), object_hook=_hook
        )
        body = dict(header["body"])
        at += size
        for name, length in header["blobs"]:
            body[name] = data[at : at + length]
            at += length
        if at != len(data):
            raise ValueError(f"{len(data)} bytes, the header accounts for {at}")
        return str(header["kind"]), body
    except (struct.error, zlib.error, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a collector message ({exc})") from exc
