"""Serves the demo web in the foreground: ``python -m collector.demoweb --port 8800``."""

from __future__ import annotations

import argparse
import threading

from collector.demoweb import DemoWeb


def main(argv: list[str] | None = None) -> None:
    """Starts the demo web, prints its URLs and serves until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m collector.demoweb", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8800, help="first port (0: ephemeral)")
    args = parser.parse_args(argv)
    with DemoWeb(args.host, args.port) as web:
        for name, url in web.outlets.items():
            print(f"{name:28} {url}/")
        for kind, template in web.search_templates.items():
            print(f"search ({kind}): {template}")
        print("Serving; press Ctrl-C to stop.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Stopped.")


if __name__ == "__main__":
    main()
