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


ROMANIAN = "Apele din iazul de decantare au ajuns în Mureş, anunţă primăria din Brădeşti."
HUNGARIAN = "A ciánszennyezés elérte a Marost, Makó vízművei leálltak."


@pytest.mark.parametrize(
    ("text", "charset", "meta"),
    [
        # a whole page in a legacy charset behind a header that says UTF-8
        (ROMANIAN, "iso-8859-2", '<meta charset="ISO-8859-2">'),
        (
            HUNGARIAN,
            "cp1250",
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">',
        ),
    ],
)
def test_a_page_in_the_charset_its_meta_names_is_read_in_it(
    text: str, charset: str, meta: str
) -> None:
    page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    decoded, invalid = decode_utf8_mixed(page.encode(charset))
    assert text in decoded
    assert invalid > 0


def test_a_utf8_page_with_a_few_cp1252_bytes_stays_utf8_whatever_its_meta_says() -> None:
    page = '<meta charset="iso-8859-1"><p>café – Pétion-Ville</p>'.encode() + b" \x93quoted\x94"
    decoded, _ = decode_utf8_mixed(page)
    assert decoded.endswith("café – Pétion-Ville</p> “quoted”")
