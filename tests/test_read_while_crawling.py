"""Users query the corpus while the next crawl runs: a real ``collector grow`` of the demo web
in one process, ``collector query`` polled from others until it ends. Every query must get in,
and the crawl must lose nothing to them."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from collector.demoweb import DemoWeb
from collector.store import Store


def collector(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collector.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_queries_succeed_while_a_crawl_writes(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    with DemoWeb() as web:
        search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
        crawl = subprocess.Popen(
            [sys.executable, "-m", "collector.cli", "grow", "--db", str(db), *search,
             "--allow-private-hosts", "-s", "COLLECTOR_STORE_BATCH=1", "--log-level", "INFO"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        seen: list[int] = []
        try:
            while crawl.poll() is None:
                if not db.exists():
                    time.sleep(0.1)
                    continue
                result = collector(
                    "query", "--db", str(db), "--format", "json",
                    "SELECT count(*) AS n FROM articles",
                )  # fmt: skip
                assert result.returncode == 0, result.stderr
                seen.append(json.loads(result.stdout)["n"])
            _, crawl_log = crawl.communicate(timeout=300)
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.wait()
    assert crawl.returncode == 0, crawl_log[-3000:]
    assert "not written" not in crawl_log  # no batch failed for want of the file
    final = Store(db).query("SELECT count(*) FROM articles")[1][0][0]
    assert len(seen) >= 3
    assert seen == sorted(seen) and seen[-1] <= final
    assert any(0 < n < final for n in seen), (seen, final)  # read while it was growing
    assert Store(db).query("SELECT status FROM runs")[1] == [("finished",)]


def test_a_crawl_leaves_an_up_to_date_search_index(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    with DemoWeb() as web:
        search = [f"--search={name}={url}" for name, url in web.search_templates.items()]
        grow = collector(
            "grow", "--db", str(db), *search, "--allow-private-hosts", "--log-level", "INFO"
        )
    assert grow.returncode == 0, grow.stderr[-3000:]
    # Built once the extraction workers are gone, so its memory does not add to theirs.
    assert (
        0 < grow.stderr.index("Extraction workers stopped") < grow.stderr.index("Search index")
    ), grow.stderr[-3000:]
    store = Store(db)
    status = store.search_index_status()
    assert status.indexed == status.articles > 0
    result = collector("search", "--db", str(db), "--format", "json", "Kenyan police Haiti")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 10 and hits[0]["score"] >= hits[-1]["score"] > 0
