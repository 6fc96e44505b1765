"""``collector report``: the corpus at a glance, as one self-contained HTML page."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from collector.commands._common import CliError, add_db, db_path
from collector.report import collect, render
from collector.store import Store


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "report",
        help="write an HTML report of the corpus",
        description="Write one self-contained HTML page (no network needed to view it): "
        "articles over time per outlet, top outlets, growth per crawl run, duplicates and "
        "rewrites found, leads rejected.",
    )
    add_db(parser)
    parser.add_argument("--out", default="report.html", help="the HTML file to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser().resolve()
    page = render(collect(Store(db_path(args))))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"--out {out}: cannot write there ({exc.strerror or exc})") from exc
    print(f"Report written to {out}")
    return 0
