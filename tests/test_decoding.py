"""Page bodies: binary data served as HTML, Windows-1252 bytes in UTF-8 pages."""

from __future__ import annotations

import pytest

from collector.decoding import decode_utf8_mixed, looks_binary


@pytest.mark.parametrize(
    ("body", "binary"),
    [
        (b"<html><body><p>Kenya's police in Haiti</p></body></html>", False),
        ("<p>Pétion-Ville, “quoted”</p>".encode(), False),
        (b"", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (bytes(range(1, 32)) * 20 + b"<html>", True),
        (b"PK\x03\x04" + b"\x00" * 100, True),
        (b"\x01" * 5 + b"a" * 95, False),  # 5 % control bytes: still text
        (b"\x01" * 6 + b"a" * 94, True),
        (b"\t\n\x0b\x0c\r" * 20, False),  # whitespace controls are text
        (b"a" * 4096 + b"\x01" * 4096, False),  # only the first 4 KB are read
    ],
)
def test_looks_binary(body: bytes, binary: bool) -> None:
    assert looks_binary(body) is binary


@pytest.mark.parametrize(
    ("body", "text", "repaired"),
    [
        ("Kenya’s “police” in Pétion-Ville".encode(), "Kenya’s “police” in Pétion-Ville", 0),
        (b"Kenya\x92s \x93police\x94", "Kenya’s “police”", 3),
        # Valid UTF-8 is kept beside the cp1252 bytes: no mojibake of the good part.
        (b"caf\xc3\xa9 \x96 na\xefve", "café – naïve", 2),
        (b"\x81", "\ufffd", 1),  # undefined in cp1252 too
    ],
)
def test_decode_utf8_mixed(body: bytes, text: str, repaired: int) -> None:
    assert decode_utf8_mixed(body) == (text, repaired)
