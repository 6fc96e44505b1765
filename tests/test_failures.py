"""Why a request failed, in the words the lead records use."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionLost

from collector.failures import failure_reason
from collector.retry_after import RetryLater


def http_error(status: int) -> HttpError:
    response = HtmlResponse(
        "https://a.example/", status=status, request=Request("https://a.example/")
    )
    return HttpError(response, "ignored")


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (http_error(404), "http-404"),
        (http_error(503), "http-503"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots"),
        (IgnoreRequest("max redirections reached"), "redirect-limit"),
        (
            IgnoreRequest(
                "Ignored response because its body exceeded DOWNLOAD_MAXSIZE (1 B) "
                "during decompression."
            ),
            "too-large",
        ),  # fmt: skip
        (IgnoreRequest("private host: http://169.254.169.254/"), "private-host"),
        (IgnoreRequest("redirect to a known article: https://a.example/"), "redirect-known"),
        (RetryLater("retry later: https://a.example/ asks for 86400s"), "retry-later"),
        (IgnoreRequest("something else"), "ignored"),
        (DownloadTimeoutError("took longer than 2.0 seconds"), "timeout"),
        (ConnectionLost(), "connection-lost"),
        (ValueError("odd"), "ValueError"),
    ],
)
def test_failure_reason(exc: BaseException, reason: str) -> None:
    assert failure_reason(exc) == reason
