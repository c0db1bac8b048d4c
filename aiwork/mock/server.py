"""The HTTP adapter: a threaded loopback server around :func:`aiwork.mock.handler.handle`.

HTTP/1.1 with keep-alive (the SDK reuses connections); complete bodies carry
``content-length``, SSE streams use chunked transfer encoding and are flushed per event so a
notebook shows the reply as it streams. ``start_background()`` runs it in a daemon thread
(the offline assistant in a kernel); ``serve_forever()`` runs it in the foreground for
``aiwork mock serve`` and stops cleanly on SIGTERM/SIGINT.
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from aiwork.mock.common import MockRequest, MockResponse
from aiwork.mock.handler import handle

MAX_BODY = 8 * 1024 * 1024  # bytes; larger bodies get 413


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aiwork-mock/1"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus the
        # client's delayed ACK adds ~40 ms to every small reply.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("content-length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        req = MockRequest(
            method=self.command,
            path=parts.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            query=dict(parse_qsl(parts.query)),
        )
        resp = self.server.handler(req)
        self.send_response(resp.status)
        for name, value in resp.headers.items():
            self.send_header(name, value)
        try:
            if resp.stream is None:
                data = resp.body or b""
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_header("transfer-encoding", "chunked")
            self.end_headers()
            for piece in resp.stream:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (timeout, closed stream): nothing left to send.
            self.close_connection = True

    do_GET = do_POST = do_DELETE = do_PUT = _serve


class MockServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    verbose = False
    # The pure handler to serve; record/replay swap in their own (same signature).
    handler: Callable[[MockRequest], MockResponse] = staticmethod(handle)

    def handle_error(self, request: object, client_address: object) -> None:
        # A client closing its keep-alive connection is normal, not an error to print.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


Handler = Callable[[MockRequest], MockResponse]


def make_server(
    host: str = "127.0.0.1", port: int = 0, verbose: bool = False, handler: Handler | None = None
) -> MockServer:
    server = MockServer((host, port), _Handler)
    server.verbose = verbose
    if handler is not None:
        server.handler = handler
    return server


def start_background(
    host: str = "127.0.0.1", port: int = 0, handler: Handler | None = None
) -> MockServer:
    """Start on a free loopback port in a daemon thread; returns the server (``.url``)."""
    server = make_server(host, port, handler=handler)
    thread = threading.Thread(target=server.serve_forever, name="aiwork-mock", daemon=True)
    thread.start()
    return server


def serve_forever(
    host: str, port: int, verbose: bool = False, handler: Handler | None = None
) -> int:
    server = make_server(host, port, verbose, handler)

    def stop(signum: int, frame: object) -> None:
        # shutdown() blocks until serve_forever returns, so call it from another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"aiwork mock: serving the offline assistant on {server.url}/v1", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    print("aiwork mock: stopped", flush=True)
    return 0
