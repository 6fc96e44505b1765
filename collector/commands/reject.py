"""``collector reject``: take off-topic articles out of the corpus for good.

An article named by its id, its URL or any URL it was seen at is deleted with its raw page,
aliases and duplicate records, and with the articles stored as rewrites of it. Every URL
they were seen at is recorded as a lead the user rejected, so later runs never fetch them
again. Seeds are refused: they come back from ``seeds/`` at every run.
"""

from __future__ import annotations

import argparse
from typing import Any

from collector.commands._common import CliError, add_db, db_path
from collector.store import Store


def register(sub: Any) -> None:
    parser = sub.add_parser("reject", help="take off-topic articles out of the corpus")
    add_db(parser)
    parser.add_argument("articles", nargs="+", metavar="ID_OR_URL", help="article id or URL")
    parser.add_argument("--dry-run", action="store_true", help="list what would go, change nothing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from collector.runlock import LockError, RunLock
    from collector.urls import canonicalize_url

    path = db_path(args)
    store = Store(path)
    refs = {ref: ref if ref.strip().isdigit() else canonicalize_url(ref) for ref in args.articles}
    found = store.find_articles(sorted(set(refs.values())))
    ids = []
    for given, ref in refs.items():
        article = found[ref]
        if article is None:
            raise CliError(
                f"{given}: no stored article has this id or URL; nothing was changed (find "
                'it with: collector query "SELECT id, url, title FROM articles")'
            )
        if article["is_seed"]:
            raise CliError(
                f"{given}: article {article['id']} is a seed; remove it from the seeds "
                "instead (nothing was changed)"
            )
        ids.append(article["id"])
    lock = RunLock(path)
    try:
        if not args.dry_run and not lock.try_acquire():
            raise CliError(
                f"{path}: a crawl (process {lock.holder()}) is running on this corpus; "
                "reject after it ends (nothing was changed)",
                code=75,
            )
        gone = store.reject_articles(sorted(set(ids)), dry_run=args.dry_run)
    except LockError as exc:
        raise CliError(str(exc)) from exc
    finally:
        lock.release()
    for article in gone:
        note = f" (a rewrite of {article['rewrite_of']})" if article["rewrite_of"] else ""
        print(f"{article['id']}\t{article['url']}\t{article['title'] or ''}{note}")
    urls = sum(len(article["urls"]) for article in gone)
    if args.dry_run:
        print(f"{len(gone)} articles would be taken out; {urls} URLs would not be fetched again")
    else:
        print(f"{len(gone)} articles taken out; {urls} URLs will not be fetched again")
    return 0
