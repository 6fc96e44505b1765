"""Where relative paths point: the folder that holds ``scrapy.cfg``.

cron, scrapyd and the CLI start in different folders; resolving relative settings such as
``COLLECTOR_DB = "data/corpus.duckdb"`` against the project root makes them agree.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.conf import closest_scrapy_cfg


def project_root() -> Path:
    """The folder of the nearest ``scrapy.cfg`` above the working folder, else the folder
    the ``collector`` package was installed from."""
    found = closest_scrapy_cfg()
    if found:
        return Path(found).parent
    return Path(__file__).resolve().parent.parent


def resolve_path(value: str | Path) -> Path:
    """Resolve a setting's path against the project root (absolute paths pass through)."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else project_root() / path
