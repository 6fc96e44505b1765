"""Which language a text is in, and which codes name one language to read it in."""

from __future__ import annotations

import pytest

from collector.language import detect_language, same_language


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("sr", "sr", True),
        ("sr", "bs", True),  # Serbian in Latin letters, as detectors mostly call it
        ("hr", "sr", True),
        ("nb", "no", True),
        ("sr", "bg", False),
        ("sr", "sl", False),
        ("en", None, False),
    ],
)
def test_languages_read_as_one(a: str, b: str | None, same: bool) -> None:
    assert same_language(a, b) is same


def test_serbian_in_either_script_reads_as_serbian() -> None:
    cyrillic = "Брана јаловишта рудника бакра пробијена је јутрос после неколико дана обилних киша."
    latin = "Brana jalovišta rudnika bakra probijena je jutros posle nekoliko dana obilnih kiša."
    assert same_language(detect_language(cyrillic), "sr")
    assert same_language(detect_language(latin), "sr")
