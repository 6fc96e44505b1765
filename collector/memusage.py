"""Extension: Scrapy's memory limit, checked against the memory the process holds now.

Scrapy's ``MemoryUsage`` reads the process's peak (``ru_maxrss``), which Linux keeps
across ``exec``: a crawl going on in a fresh process at the memory limit (``collector grow
--max-memory``) would start out over it. This one reads the resident size at each check,
from ``/proc/self/statm`` where there is one, the peak elsewhere. The settings, stats and
log lines are Scrapy's (``MEMUSAGE_*``, ``memusage/max``).
"""

from __future__ import annotations

import os

from scrapy.extensions import memusage


class MemoryUsage(memusage.MemoryUsage):
    """Scrapy's memory limit and warning, on the resident size rather than the peak."""

    def get_virtual_size(self) -> int:
        try:
            with open("/proc/self/statm", "rb") as statm:
                pages = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            return super().get_virtual_size()
        return pages * os.sysconf("SC_PAGE_SIZE")
