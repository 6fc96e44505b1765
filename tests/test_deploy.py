"""The shipped schedules (cron, systemd) and scrapyd deployment.

The cron line and the systemd unit run commands the ``collector`` parser accepts. The
scrapyd test starts a real scrapyd on loopback, deploys the project egg with
``scrapyd-deploy`` (as the README says), schedules ``grow`` through ``schedule.json``
against the demo web and checks the corpus it grew.
"""

from __future__ import annotations

import configparser
import json
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from collector.cli import build_parser
from collector.demoweb import DemoWeb
from collector.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent


def parses(command: str) -> Any:
    """The ``collector`` arguments of a shell command, parsed by the real parser."""
    words = shlex.split(command)
    program = next(i for i, w in enumerate(words) if w.endswith("/collector"))
    args = words[program + 1 :]
    return build_parser().parse_args(args[: args.index(">>")] if ">>" in args else args)


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name)
    return parser


def test_the_systemd_service_runs_a_valid_grow() -> None:
    service = unit("collector-grow.service")
    args = parses(service["Service"]["ExecStart"])
    assert args.func.__module__ == "collector.commands.grow"
    assert args.db and args.time_limit
    assert service["Service"]["Type"] == "oneshot"
    assert "75" in service["Service"]["SuccessExitStatus"].split()


def test_the_systemd_timer_starts_the_service() -> None:
    timer = unit("collector-grow.timer")
    assert timer["Timer"]["Unit"] == "collector-grow.service"
    assert timer["Timer"]["OnCalendar"]
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_cron_line_runs_a_valid_grow() -> None:
    lines = [
        line for line in (DEPLOY / "crontab").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]  # fmt: skip
    assert len(lines) == 1
    minute, hour, day, month, weekday, command = lines[0].split(maxsplit=5)
    assert minute.isdigit() and hour.startswith("*/")
    assert (day, month, weekday) == ("*", "*", "*")
    assert parses(command).func.__module__ == "collector.commands.grow"


# -- scrapyd ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=30) as answer:
        return json.loads(answer.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {home}/eggs\n"
        f"logs_dir = {home}/logs\ndbs_dir = {home}/dbs\nitems_dir =\nmax_proc = 1\n"
        "poll_interval = 0.5\n"
    )
    server = subprocess.Popen(
        [BIN / "scrapyd"], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert api(base, "daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                assert time.monotonic() < deadline, "scrapyd did not start"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_grow_runs_under_scrapyd(scrapyd: str, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("collector", "pipelines"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "scrapy.cfg"):
        shutil.copy(ROOT / name, project / name)
    cfg = project / "scrapy.cfg"
    cfg.write_text(cfg.read_text().replace("http://localhost:6800/", scrapyd + "/"))
    deployed = subprocess.run(
        [BIN / "scrapyd-deploy", "--version", "1"], cwd=project, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert api(scrapyd, "listspiders.json?project=collector")["spiders"] == ["grow"]

    db = tmp_path / "corpus.duckdb"
    with DemoWeb() as web:
        job = api(scrapyd, "schedule.json", [
            ("project", "collector"), ("spider", "grow"),
            ("setting", f"COLLECTOR_DB={db}"), ("setting", f"COLLECTOR_SEEDS={ROOT / 'seeds'}"),
            ("setting", "COLLECTOR_ALLOW_PRIVATE_HOSTS=1"), ("setting", "DOWNLOAD_DELAY=0"),
            ("setting", "AUTOTHROTTLE_ENABLED=0"),
            ("search", " ".join(f"{k}={v}" for k, v in web.search_templates.items())),
        ])["jobid"]  # fmt: skip
        deadline = time.monotonic() + 300
        while not any(j["id"] == job for j in api(scrapyd, "listjobs.json")["finished"]):
            assert time.monotonic() < deadline, "the job did not finish"
            time.sleep(0.5)
    _, runs = Store(db).query(
        "SELECT status, json_extract(stats, '$.store/articles_written') FROM runs"
    )
    assert len(runs) == 1 and runs[0][0] == "finished", runs
    assert int(runs[0][1]) >= 10  # the crawl stats this project's egg records
    _, outlets = Store(db).query("SELECT DISTINCT source FROM articles WHERE NOT is_seed")
    assert len(outlets) >= 4
