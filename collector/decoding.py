"""Page bodies as text: binary files served as HTML, and charsets that lie.

Pure functions. Servers send images and archives as ``text/html``, and pages declared as
UTF-8 that hold Windows-1252 bytes (curly quotes typed in a CMS, latin-1 accents). Strict
UTF-8 decoding would turn each such byte into U+FFFD; decoding the whole page as
Windows-1252 would garble its valid UTF-8. :func:`decode_utf8_mixed` keeps every valid
UTF-8 sequence and reads only the invalid bytes as Windows-1252.
"""

from __future__ import annotations

import codecs

# Control bytes other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = bytes([*range(0, 9), *range(14, 32)])
_SNIFF = 4096


def looks_binary(body: bytes) -> bool:
    """Tell whether a body is binary data rather than text.

    Text has no NUL bytes and few control characters; the first 4 KB are checked.
    """
    head = body[:_SNIFF]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))  # in C: this runs per page
    return controls > 0.05 * len(head)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


def decode_utf8_mixed(body: bytes) -> tuple[str, int]:
    """Decode a body declared as UTF-8, reading invalid bytes as Windows-1252.

    Returns:
        The text and the number of bytes that were not valid UTF-8 (0: the body is clean).
    """
    try:
        return body.decode("utf-8"), 0
    except UnicodeDecodeError:
        codecs.register_error("collector-cp1252", _cp1252_fallback)
    text = body.decode("utf-8", errors="collector-cp1252")
    clean = body.decode("utf-8", errors="ignore")
    return text, len(body) - len(clean.encode("utf-8"))
