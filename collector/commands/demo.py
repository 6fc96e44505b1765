"""``collector demo``: serve the demo web and grow a corpus from it (what `make demo` runs)."""

from __future__ import annotations

import argparse
from typing import Any

from collector.commands._common import add_db, db_path
from collector.commands.grow import print_summary, run_crawl
from collector.store import Store

# Fixed ports keep the demo's URLs stable, so running the demo again grows the same corpus.
DEMO_PORT = 18700


def register(sub: Any) -> None:
    parser = sub.add_parser("demo", help="serve the demo web and grow a corpus from it")
    add_db(parser)
    parser.add_argument("--log-level", default="WARNING")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from collector.demoweb import DemoWeb

    db = db_path(args)
    try:
        web = DemoWeb(base_port=DEMO_PORT).start()
    except OSError:  # the fixed ports are taken: any free ports will do
        web = DemoWeb().start()
    try:
        search = web.search_templates["gdelt"].split("?")[0]
        print(f"Demo web: {len(web.outlets)} outlets on 127.0.0.1, search at {search}")
        overrides = {
            "COLLECTOR_DB": str(db),
            "COLLECTOR_SEARCH": [f"{name}={url}" for name, url in web.search_templates.items()],
            "COLLECTOR_ALLOW_PRIVATE_HOSTS": True,
            "LOG_LEVEL": args.log_level,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "COLLECTOR_GDELT_INTERVAL": 0.2,
        }
        stats = run_crawl(overrides)
    finally:
        web.stop()
    print_summary(Store(db), stats.get("response_received_count", 0))
    return 0
