"""The corpus at a glance: one self-contained HTML page (inline CSS and SVG, no script, no
network) with articles over time per outlet, top outlets, growth per crawl run, the
duplicates and rewrites found, and the leads rejected as off-topic.

:func:`collect` reads the numbers with SQL; :func:`render` turns them into HTML. Every
number shown carries a ``data-metric`` attribute and every bar ``data-count``, so what the
page says can be checked against the database.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from collector.store import Store

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
CHART_OUTLETS = 9  # outlets drawn in their own colour; the rest are "other outlets"
LIST_ROWS = 20

SQL = {
    "totals": """
        SELECT (SELECT count(*) FROM corpus WHERE NOT is_seed) AS articles,
            (SELECT count(*) FROM corpus WHERE is_seed) AS seeds,
            (SELECT count(DISTINCT source) FROM corpus WHERE NOT is_seed) AS outlets,
            (SELECT count(*) FROM articles WHERE rewrite_of IS NOT NULL) AS rewrites,
            (SELECT count(*) FROM duplicates) AS duplicates,
            (SELECT count(DISTINCT url) FROM leads WHERE status = 'rejected'
                AND reason IS DISTINCT FROM 'by-user') AS rejected,
            (SELECT count(*) FROM runs) AS runs,
            (SELECT count(*) FROM corpus WHERE NOT is_seed AND published_at IS NULL) AS undated
    """,
    "per_day": """
        SELECT CAST(published_at AS DATE) AS day, coalesce(outlet, source) AS outlet,
            count(*) AS articles
        FROM corpus WHERE NOT is_seed AND published_at IS NOT NULL GROUP BY ALL
    """,
    "outlets": """
        SELECT source, max(outlet) AS outlet, count(*) AS articles,
            min(published_at) AS first_published, max(published_at) AS last_published
        FROM corpus WHERE NOT is_seed GROUP BY source ORDER BY articles DESC, source
    """,
    "runs": """
        SELECT run_id, started_at, status, pages_fetched, articles_added, rewrites,
            duplicates, rejected, corpus_size
        FROM articles_per_run ORDER BY run_id
    """,
    "methods": "SELECT method, count(*) AS n FROM duplicates GROUP BY method ORDER BY n DESC",
    "rewrites": f"""
        SELECT a.title, coalesce(a.outlet, a.source), b.title, coalesce(b.outlet, b.source),
            a.rewrite_similarity
        FROM articles a JOIN articles b ON b.id = a.rewrite_of ORDER BY a.id LIMIT {LIST_ROWS}
    """,
    "rejected": f"""
        SELECT url, max(score) AS score, max(detail) AS detail FROM leads
        WHERE status = 'rejected' AND reason IS DISTINCT FROM 'by-user'
        GROUP BY url ORDER BY score DESC NULLS LAST, url
        LIMIT {LIST_ROWS}
    """,
}


@dataclass
class ReportData:
    """The numbers a report shows, as read from the corpus."""

    title: str
    generated_at: datetime
    totals: dict[str, int]
    per_day: list[tuple[date, str, int]]
    outlets: list[tuple[Any, ...]]
    runs: list[tuple[Any, ...]]
    methods: list[tuple[str, int]]
    rewrites: list[tuple[Any, ...]] = field(default_factory=list)
    rejected: list[tuple[Any, ...]] = field(default_factory=list)


def collect(store: Store, now: datetime | None = None) -> ReportData:
    """Read what the report shows from the corpus (one read-only query per section)."""
    columns, rows = store.query(SQL["totals"])
    return ReportData(
        title=store.path.name,
        generated_at=now or datetime.now(UTC),
        totals=dict(zip(columns, (int(v) for v in rows[0]), strict=True)),
        per_day=[(d, o, int(n)) for d, o, n in store.query(SQL["per_day"])[1]],
        outlets=store.query(SQL["outlets"])[1],
        runs=store.query(SQL["runs"])[1],
        methods=store.query(SQL["methods"])[1],
        rewrites=store.query(SQL["rewrites"])[1],
        rejected=store.query(SQL["rejected"])[1],
    )


def bucket_unit(first: date, last: date) -> str:
    """The chart's time step: days up to four months, weeks up to two years, else months."""
    span = (last - first).days
    return "day" if span <= 120 else "week" if span <= 730 else "month"


def bucket_of(day: date, unit: str) -> date:
    """The first day of the bucket ``day`` falls in."""
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def buckets_between(first: date, last: date, unit: str) -> list[date]:
    """Every bucket from ``first``'s to ``last``'s, empty ones included."""
    found, current = [], bucket_of(first, unit)
    while current <= last:
        found.append(current)
        if unit == "month":
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7 if unit == "week" else 1)
    return found


def chart_series(
    per_day: list[tuple[date, str, int]], keep: int = CHART_OUTLETS
) -> tuple[str, list[date], list[str], dict[tuple[date, str], int]]:
    """Group daily counts into buckets and series: the ``keep`` biggest outlets, then
    "other outlets". Returns the unit, the buckets, the series names and the counts."""
    if not per_day:
        return "day", [], [], {}
    totals: dict[str, int] = defaultdict(int)
    for _, outlet, n in per_day:
        totals[outlet] += n
    ranked = sorted(totals, key=lambda o: (-totals[o], o))
    kept = set(ranked[:keep])
    names = ranked[:keep] + (["other outlets"] if len(ranked) > keep else [])
    unit = bucket_unit(min(d for d, _, _ in per_day), max(d for d, _, _ in per_day))
    counts: dict[tuple[date, str], int] = defaultdict(int)
    for day, outlet, n in per_day:
        counts[(bucket_of(day, unit), outlet if outlet in kept else "other outlets")] += n
    first, last = min(d for d, _, _ in per_day), max(d for d, _, _ in per_day)
    return unit, buckets_between(first, last, unit), names, dict(counts)


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 x 10^k at least ``value`` (the chart's y-axis top)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def timeline_svg(
    unit: str, buckets: list[date], names: list[str], counts: dict[tuple[date, str], int]
) -> str:
    """Stacked bars of articles per time bucket, one colour per outlet."""
    width, height, left, bottom, top, right = 900, 280, 44, 40, 12, 40
    plot_w, plot_h = width - left - right, height - bottom - top
    top_value = nice_ceiling(max(sum(counts.get((b, n), 0) for n in names) for b in buckets))
    step = plot_w / len(buckets)
    parts = [
        f'<svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Articles per {unit} and outlet">'
    ]
    for value in sorted({0, top_value // 2, top_value}):
        y = top + plot_h - plot_h * value / top_value
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    label_every = max(1, len(buckets) // 8)
    for i, bucket in enumerate(buckets):
        x, base = left + i * step, float(top + plot_h)
        for j, name in enumerate(names):
            n = counts.get((bucket, name), 0)
            if not n:
                continue
            h = plot_h * n / top_value
            base -= h
            tip = html.escape(f"{name}, {unit} of {bucket.isoformat()}: {n}")
            parts.append(
                f'<rect class="bar" x="{x + 1:.1f}" y="{base:.1f}" width="{max(step - 2, 1):.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}" '
                f'data-outlet="{html.escape(name)}" data-bucket="{bucket.isoformat()}" '
                f'data-count="{n}"><title>{tip}</title></rect>'
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{bucket.isoformat()}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def growth_svg(runs: list[tuple[Any, ...]]) -> str:
    """Bars of the corpus size after each run."""
    width, height, left, bottom, top = 900, 160, 44, 28, 12
    plot_w, plot_h = width - left - 12, height - bottom - top
    sizes = [int(r[8]) for r in runs]
    top_value = nice_ceiling(max(sizes))
    step = min(plot_w / len(runs), 80)
    parts = [
        f'<svg id="growth" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Corpus size after each crawl run">'
    ]
    for i, (run, size) in enumerate(zip((r[0] for r in runs), sizes, strict=True)):
        h = plot_h * size / top_value
        x = left + i * step
        parts.append(
            f'<rect class="run-bar" x="{x + 2:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{max(step - 4, 1):.1f}" height="{h:.1f}" fill="{PALETTE[0]}" '
            f'data-run="{run}" data-count="{size}"><title>run {run}: {size}</title></rect>'
            f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle">{run}</text>'
        )
    parts.append(
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{top_value}</text>'
        f'<text x="{left - 6}" y="{top + plot_h + 4}" text-anchor="end">0</text></svg>'
    )
    return "".join(parts)


def render(data: ReportData) -> str:
    """The report as one HTML document."""
    unit, buckets, names, counts = chart_series(data.per_day)
    t = data.totals
    cards = "".join(
        f'<div class="card"><span class="n" data-metric="{key}">{t[key]}</span>{label}</div>'
        for key, label in (
            ("articles", "articles"), ("outlets", "outlets"), ("seeds", "seeds"),
            ("duplicates", "duplicates skipped"), ("rewrites", "rewrites linked"),
            ("rejected", "leads rejected"), ("runs", "crawl runs"),
        )
    )  # fmt: skip
    legend = "".join(
        f'<li><i style="background:{PALETTE[j % len(PALETTE)]}"></i>{_e(name)}</li>'
        for j, name in enumerate(names)
    )
    chart = (
        f'{timeline_svg(unit, buckets, names, counts)}<ul class="legend">{legend}</ul>'
        if buckets
        else '<p class="empty">No dated articles yet.</p>'
    )
    undated = (
        f'<p class="note"><span data-metric="undated">{t["undated"]}</span> articles without '
        "a publication date are not in the chart.</p>"
        if t["undated"]
        else ""
    )
    sections = [
        f"<h2>Articles over time, per outlet (per {unit})</h2>{chart}{undated}",
        "<h2>Top outlets</h2>"
        + _table(
            ("outlet", "host", "articles", "first published", "last published"),
            [(r[1] or r[0], r[0], r[2], _day(r[3]), _day(r[4])) for r in data.outlets],
            "outlets",
        ),
        "<h2>Growth per crawl run</h2>"
        + (growth_svg(data.runs) if data.runs else "")
        + _table(
            (
                "run",
                "started (UTC)",
                "status",
                "pages fetched",
                "articles added",
                "rewrites",
                "duplicates",
                "rejected",
                "corpus size (with seeds)",
            ),
            [(r[0], _time(r[1]), r[2], *r[3:]) for r in data.runs],
            "runs",
        ),  # fmt: skip
        "<h2>Duplicates and rewrites found</h2>"
        + _table(("duplicates by method", "URLs"), data.methods, "methods")
        + _table(
            ("rewrite", "outlet", "rewords", "outlet", "similarity"),
            [(*r[:4], f"{r[4]:.2f}" if r[4] is not None else "") for r in data.rewrites],
            "rewrites",
        ),
        f"<h2>Leads rejected as off-topic</h2><p>The {len(data.rejected)} closest calls "
        "(highest relevance first):</p>"
        + _table(
            ("url", "relevance", "announced as"),
            [(r[0], f"{r[1]:.3f}" if r[1] is not None else "", r[2] or "") for r in data.rejected],
            "rejected",
        ),
    ]
    generated = data.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Corpus report: {_e(data.title)}</title><style>{STYLE}</style></head><body>"
        f'<h1>Corpus report: {_e(data.title)}</h1><p class="note">Generated {generated}.</p>'
        f'<div class="cards">{cards}</div>{"".join(sections)}</body></html>\n'
    )


def _table(head: tuple[str, ...], rows: list[tuple[Any, ...]], name: str) -> str:
    if not rows:
        return f'<p class="empty" data-table="{name}">None.</p>'
    header = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return (
        f'<table data-table="{name}"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'
    )


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    short = ' class="s"' if len(text) <= 24 else ""  # short values never wrap
    return f"<td{short}>{_e(text)}</td>"


def _e(value: Any) -> str:
    return html.escape(str(value))


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else ""


def _time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:940px;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
.cards{display:flex;flex-wrap:wrap;gap:.6em}.card{border:1px solid #ddd;border-radius:6px;
padding:.5em .9em;min-width:7em}.card .n{display:block;font-size:1.6em;font-weight:600}
table{border-collapse:collapse;margin:.8em 0;width:100%}td,th{border-bottom:1px solid #eee;
padding:.25em .5em;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}
th{background:#f6f6f6}td.s{white-space:nowrap}.note,.empty{color:#666}
svg text{font-size:11px;fill:#555}
svg .grid{stroke:#e4e4e4}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;
gap:1em}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.35em;
vertical-align:-.1em}
"""
