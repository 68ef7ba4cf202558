"""A stand-in for data.sec.gov on 127.0.0.1, for the download tests (the `server` fixture of
conftest.py): it serves the fixture files by CIK, and scripted replies first."""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.sec_helpers import APPLE, IFRS, SNOWFLAKE

UA = "Capex Tests capex-tests@example.com"
FACTS_PATH = "/api/xbrl/companyfacts/CIK{:010d}.json"
SERVED = {320193: APPLE, 1640147: SNOWFLAKE, 1997711: IFRS}


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class FactsServer:
    """A stand-in for data.sec.gov on 127.0.0.1: serves the fixture files by CIK.

    ``script[path]`` holds replies to give first, in order, before serving the file.
    """

    def __init__(self) -> None:
        self.script: dict[str, list[Reply]] = {}
        self.seen: list[Seen] = []
        self.stop = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.seen.append(Seen(self.path, dict(self.headers), time.monotonic()))
                # A script for a path answers it whatever its query (HKEXnews's search).
                queued = owner.script.get(self.path) or owner.script.get(self.path.split("?")[0])
                reply = queued.pop(0) if queued else owner.file_reply(self.path)
                if reply.delay:
                    owner.stop.wait(reply.delay)
                body = reply.body
                headers = dict(reply.headers)
                if body and "gzip" in self.headers.get("Accept-Encoding", ""):
                    body = gzip.compress(body, compresslevel=1)
                    headers["Content-Encoding"] = "gzip"
                try:
                    self.send_response(reply.status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (the timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def file_reply(self, path: str) -> Reply:
        for cik, file in SERVED.items():
            if path == FACTS_PATH.format(cik):
                return Reply(200, {"Content-Type": "application/json"}, file.read_bytes())
        return Reply(404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>")

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
