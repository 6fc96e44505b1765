"""The memory limit's extension reads the memory held now, not the process's peak."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from collector.memusage import MemoryUsage

MB = 1 << 20


def test_memory_given_back_no_longer_counts() -> None:
    usage = MemoryUsage(get_crawler(settings_dict={"MEMUSAGE_ENABLED": True}))
    before = usage.get_virtual_size()
    held = b"\x01" * (300 * MB)  # written, so resident
    during = usage.get_virtual_size()
    del held  # an allocation this large goes back to the system at once
    after = usage.get_virtual_size()
    assert during - before > 250 * MB
    assert during - after > 250 * MB  # the peak would stay where it was
