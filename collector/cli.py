"""The ``collector`` command: grow, query, search, export, report, stats, extract, demo.

Every command prints results or one clear message; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from collector.commands import COMMANDS
from collector.commands._common import CliError
from collector.store import StoreError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="collector", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``collector`` console script."""
    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)  # a restart runs it again
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"collector: {exc}", file=sys.stderr)
        return exc.code
    except StoreError as exc:
        print(f"collector: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("collector: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`collector query ... | head`): stop as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
