"""Why a request failed, as the short reason recorded with its lead.

Pure function. Scrapy reports a discarded request as an exception whose type (timeouts,
connection errors, HTTP errors) or message (robots.txt, redirect limits, oversized bodies)
says what happened; the lead records and the crawl stats (``leads/failed/<reason>``) use
these reasons.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

# Substrings of Scrapy's IgnoreRequest messages, and the reason each one means.
_IGNORED = (
    ("robots.txt", "robots"),
    ("max redirections", "redirect-limit"),
    ("maxsize", "too-large"),
    ("max size", "too-large"),
    ("private host", "private-host"),
    ("known article", "redirect-known"),
    ("retry later", "retry-later"),
)
_TYPES = {
    "TimeoutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "ConnectionRefusedError": "connection-refused",
    "DownloadConnectionRefusedError": "connection-refused",
    "ConnectionLost": "connection-lost",
    "ResponseNeverReceived": "connection-lost",
    "ConnectionDone": "connection-lost",
    "DownloadFailedError": "connection-lost",
    "CancelledError": "too-large",
    "DownloadCancelledError": "too-large",
    "DNSLookupError": "dns",
    "CannotResolveHostError": "dns",
}


def failure_reason(exc: BaseException) -> str:
    """The short reason for a failed request.

    Examples:
        >>> failure_reason(IgnoreRequest("Forbidden by robots.txt"))
        'robots'
    """
    if isinstance(exc, HttpError):
        return f"http-{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        message = str(exc).lower()
        for needle, reason in _IGNORED:
            if needle in message:
                return reason
        return "ignored"
    name = type(exc).__name__
    return _TYPES.get(name, name)
