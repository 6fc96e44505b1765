"""``collector extract``: what the extractor makes of one page, and why.

``--json`` prints every field (text, title, dates and where they came from, authors,
outlet, language, canonical URL, description, tags, removed lines); ``--explain`` lists
each removed line with its reason; ``--db`` applies the template blocks a corpus learned
for the page's outlet (``--url``), as the crawl would.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from collector.commands._common import CliError


def register(sub: Any) -> None:
    parser = sub.add_parser("extract", help="extract one HTML page (a file or - for stdin)")
    parser.add_argument("file")
    parser.add_argument("--url", default="http://localhost/page")
    parser.add_argument("--json", action="store_true", help="print all fields as JSON")
    parser.add_argument("--explain", action="store_true", help="list what was removed and why")
    parser.add_argument(
        "--db", help="also remove the template blocks this corpus learned for the --url's outlet"
    )
    parser.set_defaults(func=run)


def learned_templates(db: str | None, url: str) -> frozenset[str]:
    """The template blocks a corpus learned for the outlet of ``url`` (none without ``db``)."""
    if not db:
        return frozenset()
    from collector.commands.reextract import outlet_templates, project_settings
    from collector.store import Store
    from collector.urls import outlet_of

    path = Path(db).expanduser().resolve()
    if not path.exists():
        raise CliError(f"--db {db}: no corpus here; give the file `collector grow` wrote")
    return outlet_templates(Store(path), project_settings([]))(outlet_of(url))


def run(args: argparse.Namespace) -> int:
    from collector.extraction import extract_article

    if args.file == "-":
        html = sys.stdin.buffer.read()
    else:
        try:
            html = Path(args.file).read_bytes()
        except OSError as exc:
            raise CliError(f"{args.file}: cannot be read ({exc.strerror})") from exc
    article = extract_article(
        html, args.url, datetime.now(UTC), learned_templates(args.db, args.url)
    )
    if article is None:
        raise CliError(f"{args.file}: no article text found in this page")
    if args.json:
        print(json.dumps(article.as_dict(), ensure_ascii=False, indent=2))
    else:
        if article.title:
            print(article.title, end="\n\n")
        print(article.text)
    if args.explain:
        out = sys.stderr if args.json else sys.stdout
        if not args.json:
            print("\nMetadata:", file=out)
            for name, value in metadata_lines(article.as_dict()):
                print(f"  {name}: {value}", file=out)
        print("\nRemoved:", file=out)
        for text, reason in article.removed:
            print(f"  [{reason}] {text}", file=out)
    return 0


def metadata_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, value) pairs of an article's metadata for people; absent values as "-"."""
    published = data["published_at"] or "-"
    if data["date_source"]:
        published += f"  (from {data['date_source']})"
    pairs = [("published_at", published), ("modified_at", data["modified_at"] or "-")]
    for name in ("authors", "outlet", "language", "canonical_url", "description", "tags"):
        value = data[name]
        pairs.append((name, ", ".join(value) if isinstance(value, list) else value or "-"))
    return [(name, str(value) or "-") for name, value in pairs]
