"""Page bodies as text: binary files served as HTML, and charsets that lie.

Pure functions. Servers send images and archives as ``text/html``, and pages declared as
UTF-8 that hold Windows-1252 bytes (curly quotes typed in a CMS, latin-1 accents). Strict
UTF-8 decoding would turn each such byte into U+FFFD; decoding the whole page as
Windows-1252 would garble its valid UTF-8. :func:`decode_utf8_mixed` keeps every valid
UTF-8 sequence and reads only the invalid bytes as Windows-1252.
"""

from __future__ import annotations

import codecs
import re

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
    """Decode a body declared as UTF-8, reading invalid bytes as Windows-1252; or, when
    most of its non-ASCII bytes are invalid and the page's ``<meta>`` names another
    charset, in that charset: the server's header lies for the whole page (a legacy
    site in ISO-8859-2 behind a server that says UTF-8), not for a few typed bytes.

    Returns:
        The text and the number of bytes that were not valid UTF-8 (0: the body is clean).
    """
    try:
        return body.decode("utf-8"), 0
    except UnicodeDecodeError:
        codecs.register_error("collector-cp1252", _cp1252_fallback)
    clean = body.decode("utf-8", errors="ignore")
    invalid = len(body) - len(clean.encode("utf-8"))
    non_ascii = len(body) - len(body.translate(None, _NON_ASCII))
    if 2 * invalid > non_ascii and (declared := _meta_charset(body)) is not None:
        return body.decode(declared, errors="replace"), invalid
    return body.decode("utf-8", errors="collector-cp1252"), invalid


_NON_ASCII = bytes(range(128, 256))
_META_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _meta_charset(body: bytes) -> str | None:
    """The charset the page's ``<meta>`` declares in its first 4 KB, if Python knows it
    and it is not UTF-8."""
    match = _META_CHARSET_RE.search(body, 0, _SNIFF)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return None if name == "utf-8" else name
