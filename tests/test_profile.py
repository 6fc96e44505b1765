"""``collector profile``: show the profile the next run uses; add and exclude terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collector.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def profile_json(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> dict:
    code, out, err = run(capsys, "profile", "--db", str(db), "--json", "--top", "200", *args)
    assert code == 0, err
    return json.loads(out)


def test_the_profile_is_learned_from_the_seeds(capsys, tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "c.duckdb"
    code, out, _ = run(capsys, "profile", "--db", str(db), "--seeds", str(seeds_dir))
    assert code == 0
    assert "terms from the seeds" in out and "0 grown" in out
    assert "haiti" in out.split("Queries")[0]
    assert "Queries sent" in out
    assert "Core names: haiti, kenya" in out or "Core names: kenya, haiti" in out
    assert set(profile_json(capsys, db)["names"]) == {"haiti", "kenya"}


def test_added_and_excluded_terms_persist(capsys, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    data = profile_json(capsys, db, "--add", "Pont-Sondé", "--exclude", "Cholera")
    sources = {t["term"]: t["source"] for t in data["terms"]}
    assert sources["pont-sonde"] == "user"
    assert data["excluded"] == ["cholera"]
    assert any(q.startswith("pont-sonde ") for q in data["queries"])
    again = profile_json(capsys, db)
    assert again["excluded"] == ["cholera"]
    assert "pont-sonde" in {t["term"] for t in again["terms"]}


def test_reset_returns_to_the_seeds(capsys, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    profile_json(capsys, db, "--add", "conille", "--exclude", "gangs")
    data = profile_json(capsys, db, "--reset")
    assert data["excluded"] == []
    assert {t["source"] for t in data["terms"]} == {"seed"}
    assert "gangs" in {t["term"] for t in data["terms"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add", "123"], "--add '123'"),
        (["--exclude", "   "], "--exclude"),
        (["--add", "gangs", "--exclude", "Gangs"], "both added and excluded"),
    ],
)
def test_bad_terms_are_refused_and_nothing_is_stored(
    capsys, tmp_path: Path, args: list[str], message: str
) -> None:
    db = tmp_path / "c.duckdb"
    code, _, err = run(capsys, "profile", "--db", str(db), *args)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert profile_json(capsys, db)["excluded"] == []


def test_a_seed_folder_without_text_seeds_is_a_clear_error(capsys, tmp_path: Path) -> None:
    empty = tmp_path / "seeds"
    empty.mkdir()
    code, _, err = run(capsys, "profile", "--db", str(tmp_path / "c.duckdb"), "--seeds", str(empty))
    assert code == 2
    assert "no text seeds" in err


def test_spanish_seeds_give_a_spanish_profile(capsys, tmp_path: Path) -> None:
    from test_relevance import SPANISH_SEEDS

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for number, (title, text) in enumerate(SPANISH_SEEDS):
        (seeds / f"{number}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    data = profile_json(capsys, tmp_path / "c.duckdb", "--seeds", str(seeds))
    assert data["language"] == "es"
    terms = {t["term"] for t in data["terms"]}
    assert "villarreta" in terms and not {"de", "la", "que", "el"} & terms
    code, out, _ = run(capsys, "profile", "--db", str(tmp_path / "c.duckdb"), "--seeds", str(seeds))
    assert code == 0 and "language: es" in out


def test_seeds_that_share_few_terms_show_their_scale(capsys, tmp_path: Path) -> None:
    from test_relevance import PORTUGUESE_SEEDS, SPANISH_SEEDS

    for name, seeds in (("es", SPANISH_SEEDS), ("pt", PORTUGUESE_SEEDS)):
        folder = tmp_path / name
        folder.mkdir()
        for number, (title, text) in enumerate(seeds):
            (folder / f"{number}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert profile_json(capsys, Path(db), "--seeds", str(tmp_path / "es"))["scale"] == 1.0
    assert profile_json(capsys, Path(db), "--seeds", str(tmp_path / "pt"))["scale"] > 1.0
    code, out, _ = run(capsys, "profile", "--db", db, "--seeds", str(tmp_path / "pt"))
    assert code == 0 and "Scores scaled by 1." in out
    _, out, _ = run(capsys, "profile", "--db", db, "--seeds", str(tmp_path / "es"))
    assert "Scores scaled" not in out


def test_the_storys_date_is_the_earliest_the_seeds_show(
    capsys, tmp_path: Path, seeds_dir: Path
) -> None:
    db = tmp_path / "c.duckdb"
    assert profile_json(capsys, db, "--seeds", str(seeds_dir))["story_start"] is None
    dated = tmp_path / "seeds"
    dated.mkdir()
    for number, seed in enumerate(sorted(seeds_dir.glob("*.txt"))):
        headline, rest = seed.read_text(encoding="utf-8").split("\n", 1)
        line = f"Published {21 - number} September 2024, 10:00"
        (dated / seed.name).write_text(f"{headline}\n{line}\n{rest}", encoding="utf-8")
    data = profile_json(capsys, db, "--seeds", str(dated))
    assert data["story_start"] == "2024-09-17T10:00:00+00:00"
    _, out, _ = run(capsys, "profile", "--db", str(db), "--seeds", str(dated))
    assert "Story's date: 2024-09-17, the earliest the seeds show" in out
