"""A small web site on 127.0.0.1 for the feed, fetch and watch tests.

Routes map a path to a :class:`Page`; every request is recorded (path, headers), pages
with an ``etag`` answer a matching ``If-None-Match`` with 304, and ``robots.txt`` is a
route like any other (absent: 404, which means "no rules").
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: str | bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


@dataclass
class Site:
    base: str = ""
    routes: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    answers: list[tuple[str, int]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def paths(self) -> list[str]:
        """The paths requested so far, robots.txt left out."""
        return [path for path, _ in self.requests if path != "/robots.txt"]

    def clear(self) -> None:
        self.requests.clear()
        self.answers.clear()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers.items())))
            page = site.routes.get(self.path)
            if page is None:
                self._answer(404, b"not found", "text/plain")
                return
            if page.delay:
                time.sleep(page.delay)
            if page.etag is not None and self.headers.get("If-None-Match") == page.etag:
                self._answer(304, b"", None, page)
                return
            if (
                page.last_modified is not None
                and self.headers.get("If-Modified-Since") == page.last_modified
            ):
                self._answer(304, b"", None, page)
                return
            body = page.body.encode("utf-8") if isinstance(page.body, str) else page.body
            self._answer(page.status, body, page.content_type, page)

        def _answer(
            self, status: int, body: bytes, content_type: str | None, page: Page | None = None
        ) -> None:
            site.answers.append((self.path, status))
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if page is not None and page.etag:
                self.send_header("ETag", page.etag)
            if page is not None and page.last_modified:
                self.send_header("Last-Modified", page.last_modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    """A running site on a free port of 127.0.0.1, shut down on exit."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
