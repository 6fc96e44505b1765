"""``collector extract``: what the extractor makes of one page."""

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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from collector.extraction import extract_article

    if args.file == "-":
        html = sys.stdin.buffer.read()
    else:
        try:
            html = Path(args.file).read_bytes()
        except OSError as exc:
            raise CliError(f"{args.file}: cannot be read ({exc.strerror})") from exc
    article = extract_article(html, args.url, datetime.now(UTC))
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
        print("\nRemoved:", file=out)
        for text, reason in article.removed:
            print(f"  [{reason}] {text}", file=out)
    return 0
