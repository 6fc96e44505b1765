"""``collector export``: the corpus as JSONL, Parquet, CSV, text files or WARC."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from collector.commands._common import CliError, add_db, db_path
from collector.export import FORMATS, ExportError, Selection, export, parse_when
from collector.store import ProgressCallback, QueryError, Store


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export",
        help="export the corpus",
        description="Export the stored articles; rewrites and duplicates only when asked.",
    )
    add_db(parser)
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument(
        "--out", required=True, help="output file (a folder for txt; .warc.gz is gzipped)"
    )
    parser.add_argument("--since", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    parser.add_argument("--until", metavar="DATE", help="published on or before (YYYY-MM-DD)")
    parser.add_argument(
        "--source", action="append", default=[], metavar="HOST_OR_OUTLET",
        help="only this outlet (its host or name; repeatable)",
    )  # fmt: skip
    parser.add_argument("--min-relevance", type=float, metavar="SCORE")
    parser.add_argument("--where", metavar="SQL", help="an SQL condition on the exported columns")
    parser.add_argument(
        "--include-duplicates", action="store_true",
        help="add a row per URL a copy was seen at, with the text of the article it copies",
    )  # fmt: skip
    parser.add_argument(
        "--include-rewrites", action="store_true",
        help="keep articles that reword an earlier one",
    )  # fmt: skip
    parser.set_defaults(func=run)


def selection_of(args: argparse.Namespace) -> Selection:
    """The export's :class:`Selection` from the command-line options."""
    try:
        since = parse_when(args.since, "--since") if args.since else None
        until = parse_when(args.until, "--until", end_of_day=True) if args.until else None
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    if since and until and since > until:
        raise CliError(f"--since {args.since} is after --until {args.until}; swap them")
    return Selection(
        since=since,
        until=until,
        sources=tuple(args.source),
        min_relevance=args.min_relevance,
        where=args.where,
        include_duplicates=args.include_duplicates,
        include_rewrites=args.include_rewrites,
    )


def run(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser().resolve()
    selection = selection_of(args)
    store = Store(db_path(args))
    try:
        with progress_bar(f"Exporting {args.format}") as progress:
            count = export(store, args.format, out, selection, progress)
    except OSError as exc:
        raise CliError(f"--out {out}: cannot write there ({exc.strerror or exc})") from exc
    except QueryError as exc:
        if args.where:
            raise CliError(f"--where {args.where!r}: {exc}") from exc
        raise
    print(f"Exported {count} {'pages' if args.format == 'warc' else 'rows'} to {out}")
    return 0


@contextmanager
def progress_bar(label: str) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr when it is a terminal, else nothing.

    The bar pulses until the first progress is reported: DuckDB reports COPY's progress per
    row group of its tables (122,880 rows), so small exports go from nothing to done.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeElapsedColumn

    columns = ("{task.description}", BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: float) -> None:
            if done > 0:
                bar.update(task, total=1.0, completed=done)

        yield update
