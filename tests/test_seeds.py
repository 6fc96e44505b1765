from datetime import UTC, datetime
from pathlib import Path

import pytest

from collector.seeds import load_seeds, parse_url_lines, story_start

PROMOS = ("Also Read", "Latest Stories", "READ MORE", "Recent News", "Audio By", "Discover more",
          "Subscribe to get", "Leave a comment", "What's Your Reaction")  # fmt: skip


def test_shipped_seeds_load_clean(seeds_dir: Path) -> None:
    loaded = load_seeds(seeds_dir)
    assert not loaded.errors
    assert len(loaded.seeds) == 5
    for seed in loaded.seeds:
        assert seed.title
        for promo in PROMOS:
            assert promo.lower() not in seed.text.lower(), (seed.path.name, promo)


def test_headline_is_first_line_and_not_repeated(seeds_dir: Path) -> None:
    seeds = {s.path.name: s for s in load_seeds(seeds_dir).seeds}
    seed = seeds["002_c91b34f75ffe615b.txt"]
    assert (
        seed.title
        == "Kenyan President Ruto Visits Haiti and Pledges Additional 600 Police Officers"
    )
    assert seed.title not in seed.text
    assert "Ruto’s visit marks the first time a Kenyan leader" in seed.text


def test_widget_label_is_not_taken_for_a_headline(seeds_dir: Path) -> None:
    seeds = {s.path.name: s for s in load_seeds(seeds_dir).seeds}
    seed = seeds["003_939b1f72035078fb.txt"]
    assert "Carbonatix" not in seed.title
    assert seed.text.startswith("Kenya has pledged to send 600 more police officers")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin1.txt", "Caf\xe9 headline\nbody".encode("latin-1"), "UTF-8"),
        ("short.txt", b"Headline\nToo short to be an article.", "fewer than 20 words"),
        ("none.urls", b"# nothing here\n\n", "no http"),
    ],
)
def test_bad_seed_files_are_named_and_the_others_still_load(
    tmp_path: Path, seeds_dir: Path, name: str, data: bytes, message: str
) -> None:
    good = seeds_dir / "001_ef0505b371e7e5c7.txt"
    _write(tmp_path / good.name, good.read_bytes())
    _write(tmp_path / name, data)
    loaded = load_seeds(tmp_path)
    assert [s.path.name for s in loaded.seeds] == [good.name]
    assert len(loaded.errors) == 1
    assert loaded.errors[0].path.name == name
    assert message in loaded.errors[0].message


def test_unreadable_seed_is_reported(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()  # a name that looks like a seed but cannot be read
    loaded = load_seeds(tmp_path)
    assert "cannot be read" in loaded.errors[0].message


def test_missing_path_is_reported(tmp_path: Path) -> None:
    loaded = load_seeds(tmp_path / "nope")
    assert not loaded.seeds
    assert "no such file" in loaded.errors[0].message


def test_url_seeds(tmp_path: Path) -> None:
    _write(
        tmp_path / "leads.urls", b"# outlets\nhttps://a.example/x\n\nhttp://b.example/y\nftp://c\n"
    )
    loaded = load_seeds(tmp_path)
    assert loaded.urls == ("https://a.example/x", "http://b.example/y")


def test_parse_url_lines_skips_comments() -> None:
    assert parse_url_lines(["#https://x", " https://y ", ""]) == ["https://y"]


BODY = (
    "Kvarken Line's ferry Polar Bothnia is stuck in pack ice in the Kvarken with 178 "
    "passengers on board, and the icebreaker Ahto II is on its way from Oulu."
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the earliest date any seed shows, whatever its form
        (["Published 8 December 2026, 09:10", "Von Anna Berg | Mo., 07.12.2026, 09:45 Uhr"],
         datetime(2026, 12, 7, 9, 45, tzinfo=UTC)),
        (["ma 7.12.2026 klo 11:45", ""], datetime(2026, 12, 7, 11, 45, tzinfo=UTC)),
        # a relative date says nothing of when the seed was copied; no date, no start
        (["11 hours ago", "Published 8 December 2026, 09:10"],
         datetime(2026, 12, 8, 9, 10, tzinfo=UTC)),
        (["11 hours ago", ""], None),
    ],
)  # fmt: skip
def test_the_storys_start_is_the_earliest_date_the_seeds_show(
    tmp_path: Path, lines: list[str], expected: datetime | None
) -> None:
    for n, line in enumerate(lines):
        (tmp_path / f"{n}.txt").write_text(f"Ferry stuck in the ice\n{line}\n{BODY}\n")
    seeds = load_seeds(tmp_path).seeds
    assert len(seeds) == 2 and all(BODY in s.text and s.text.count("\n") == 0 for s in seeds)
    assert story_start(seeds, datetime(2026, 12, 9, 20, tzinfo=UTC)) == expected
