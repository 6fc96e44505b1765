"""The HTML report: its pure parts, and the page in a real headless Chromium, with every
number it shows checked against SQL written here."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest
from corpus_data import build_corpus

from collector.cli import main
from collector.report import (
    ReportData,
    bucket_unit,
    buckets_between,
    chart_series,
    collect,
    nice_ceiling,
    render,
)
from collector.store import Store

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,2400",
)  # fmt: skip
# Appended to a copy of the report: measures what the browser laid out.
PROBE = """<script>
const chart = document.getElementById('timeline');
const box = chart.getBoundingClientRect();
const drawn = [...chart.querySelectorAll('rect.bar')].filter(bar => {
  const r = bar.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
document.body.setAttribute('data-probe', JSON.stringify({
  width: box.width, height: box.height, drawn: drawn.length,
  inViewport: box.top >= 0 && box.bottom <= 2400, rows: document.querySelectorAll('tr').length}));
</script>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("chromium is not installed: apt-get install -y chromium (.ci/run does it)")
    return found


def dump_dom(page: Path, profile: Path) -> lxml.html.HtmlElement:
    result = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return lxml.html.fromstring(result.stdout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_corpus(tmp_path_factory.mktemp("report") / "c.duckdb")


@pytest.fixture(scope="module")
def page(corpus: Store, tmp_path_factory: pytest.TempPathFactory) -> lxml.html.HtmlElement:
    folder = tmp_path_factory.mktemp("page")
    out = folder / "report.html"
    assert main(["report", "--db", str(corpus.path), "--out", str(out)]) == 0
    probed = folder / "probed.html"
    probed.write_text(out.read_text().replace("</body>", PROBE + "</body>"), encoding="utf-8")
    return dump_dom(probed, folder / "profile")


def scalar(store: Store, sql: str) -> int:
    return int(store.query(sql)[1][0][0])


def test_the_page_renders_with_the_chart_drawn(page: lxml.html.HtmlElement) -> None:
    probe = json.loads(page.body.get("data-probe"))
    assert probe["width"] > 400 and probe["height"] > 100 and probe["inViewport"]
    assert probe["drawn"] == len(page.cssselect("#timeline rect.bar")) > 0
    assert probe["rows"] > 5


def test_the_page_is_self_contained(corpus: Store, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--db", str(corpus.path), "--out", str(out)]) == 0
    doc = lxml.html.fromstring(out.read_text())
    assert not doc.cssselect("script, link, img, iframe")
    assert "http://" not in out.read_text().replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize(
    ("metric", "sql"),
    [
        ("articles", "SELECT count(*) FROM articles WHERE rewrite_of IS NULL AND NOT is_seed"),
        ("outlets", "SELECT count(DISTINCT source) FROM articles "
                    "WHERE rewrite_of IS NULL AND NOT is_seed"),
        ("seeds", "SELECT count(*) FROM articles WHERE is_seed"),
        ("duplicates", "SELECT count(*) FROM duplicates"),
        ("rewrites", "SELECT count(*) FROM articles WHERE rewrite_of IS NOT NULL"),
        ("rejected", "SELECT count(DISTINCT url) FROM leads WHERE status = 'rejected'"),
        ("runs", "SELECT count(*) FROM runs"),
        ("undated", "SELECT count(*) FROM articles "
                    "WHERE rewrite_of IS NULL AND NOT is_seed AND published_at IS NULL"),
    ],
)  # fmt: skip
def test_numbers_match_sql(
    page: lxml.html.HtmlElement, corpus: Store, metric: str, sql: str
) -> None:
    shown = page.cssselect(f'[data-metric="{metric}"]')
    assert len(shown) == 1
    assert int(shown[0].text_content()) == scalar(corpus, sql)


def test_bars_add_up_to_each_outlets_dated_articles(
    page: lxml.html.HtmlElement, corpus: Store
) -> None:
    drawn: dict[str, int] = {}
    for bar in page.cssselect("#timeline rect.bar"):
        drawn[bar.get("data-outlet")] = drawn.get(bar.get("data-outlet"), 0) + int(
            bar.get("data-count")
        )
    expected = dict(
        corpus.query(
            "SELECT outlet, count(*) FROM articles WHERE rewrite_of IS NULL AND NOT is_seed "
            "AND published_at IS NOT NULL GROUP BY outlet"
        )[1]
    )
    assert drawn == expected == {"A Times": 2, "B Post": 1, "C Herald": 1}


def test_growth_per_run_matches_sql(page: lxml.html.HtmlElement, corpus: Store) -> None:
    sizes = corpus.query(
        "SELECT r.id, (SELECT count(*) FROM articles a WHERE a.rewrite_of IS NULL "
        "AND a.run_id <= r.id) FROM runs r ORDER BY r.id"
    )[1]
    bars = [(int(b.get("data-run")), int(b.get("data-count"))) for b in page.cssselect(".run-bar")]
    assert bars == sizes == [(1, 4), (2, 6)]
    rows = page.cssselect('table[data-table="runs"] tbody tr')
    assert len(rows) == 2


def test_tables_list_outlets_rewrites_and_rejected_leads(
    page: lxml.html.HtmlElement, corpus: Store
) -> None:
    outlets = page.cssselect('table[data-table="outlets"] tbody tr')
    assert [r[0].text_content() for r in outlets] == ["A Times", "C Herald", "B Post"]
    rewrites = page.cssselect('table[data-table="rewrites"] tbody tr')
    assert [(r[0].text_content(), r[2].text_content()) for r in rewrites] == [
        ("Kenyan officers land in Haiti", "Kenyan police arrive in Haiti")
    ]
    rejected = page.cssselect('table[data-table="rejected"] tbody tr')
    assert [r[0].text_content() for r in rejected] == [
        "https://x.example/sport", "https://y.example/weather"
    ]  # fmt: skip
    methods = page.cssselect('table[data-table="methods"] tbody tr')
    assert sum(int(r[1].text_content()) for r in methods) == scalar(
        corpus, "SELECT count(*) FROM duplicates"
    )


def test_an_empty_corpus_makes_a_page(tmp_path: Path) -> None:
    store = Store(tmp_path / "empty.duckdb")
    store.load_state()
    html = render(collect(store))
    assert "No dated articles yet." in html
    assert '<span class="n" data-metric="articles">0</span>' in html


def test_text_from_the_web_is_escaped() -> None:
    data = ReportData(
        title="c.duckdb", generated_at=datetime(2024, 10, 6, tzinfo=UTC),
        totals=dict.fromkeys(
            ("articles", "seeds", "outlets", "rewrites", "duplicates", "rejected", "runs",
             "undated"), 1),
        per_day=[(date(2024, 10, 1), "<script>alert(1)</script>", 1)],
        outlets=[("evil.example", "<img src=x onerror=alert(1)>", 1, None, None)],
        runs=[], methods=[],
    )  # fmt: skip
    doc = lxml.html.fromstring(render(data))
    assert not doc.cssselect("script, img")
    assert "<script>alert(1)</script>" in doc.text_content()


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (1, 1), (3, 5), (5, 5), (7, 10), (11, 20), (120, 200)]
)
def test_nice_ceiling(value: int, ceiling: int) -> None:
    assert nice_ceiling(value) == ceiling


def test_buckets() -> None:
    assert bucket_unit(date(2024, 1, 1), date(2024, 4, 1)) == "day"
    assert bucket_unit(date(2024, 1, 1), date(2025, 1, 1)) == "week"
    assert bucket_unit(date(2020, 1, 1), date(2025, 1, 1)) == "month"
    assert buckets_between(date(2024, 11, 15), date(2025, 2, 1), "month") == [
        date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)
    ]  # fmt: skip
    assert buckets_between(date(2024, 10, 2), date(2024, 10, 14), "week") == [
        date(2024, 9, 30), date(2024, 10, 7), date(2024, 10, 14)
    ]  # fmt: skip


def test_small_outlets_are_grouped() -> None:
    per_day = [(date(2024, 10, 1), f"outlet {i}", 10 - i) for i in range(5)]
    unit, buckets, names, counts = chart_series(per_day, keep=2)
    assert unit == "day" and buckets == [date(2024, 10, 1)]
    assert names == ["outlet 0", "outlet 1", "other outlets"]
    assert counts[(date(2024, 10, 1), "other outlets")] == 8 + 7 + 6
