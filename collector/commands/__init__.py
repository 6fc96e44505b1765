"""The ``collector`` subcommands, one module each.

Each module has ``register(subparsers)``, which adds its parser and sets ``func`` to the
function that runs it.
"""

from collector.commands import (
    demo,
    export,
    extract,
    grow,
    profile,
    query,
    reextract,
    reject,
    report,
    search,
    stats,
    store_worker,
)

COMMANDS = (
    grow,
    store_worker,
    query,
    search,
    export,
    report,
    stats,
    profile,
    extract,
    reextract,
    reject,
    demo,
)

__all__ = ["COMMANDS"]
