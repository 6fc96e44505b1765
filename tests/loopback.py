"""A request handler for the small webs tests serve on loopback."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler


class Handler(BaseHTTPRequestHandler):
    """Answers whole UTF-8 bodies and keeps quiet about each request."""

    def answer(self, status: int, content_type: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
