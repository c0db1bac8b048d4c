"""The HTTP adapter: an asynchronous server (Tornado's HTTP/1.1 stack) around
:func:`aiwork.mock.handler.handle`.

A whole class presses Run at once, so the server is built for bursts: one event loop, a listen
backlog of :data:`BACKLOG` (a burst of hundreds of connections waits in the kernel's queue
instead of being reset), HTTP/1.1 keep-alive (the SDK reuses connections), chunked request
bodies accepted. Complete bodies carry ``content-length``; SSE streams use chunked transfer
encoding, written and flushed per event so a notebook shows the reply as it streams. A slow
model (``mock-slow``) waits on the loop (``asyncio.sleep``), never blocking other requests.

The pure handler is fast (well under a millisecond), so it runs on the loop; a handler that
does blocking I/O (the recording proxy) is run in a thread pool (``blocking=True``).

Malformed HTTP is answered here, before the handler, with an OpenAI error envelope: a body
over :data:`MAX_BODY` gets 413 (the body is read and dropped, so the client can read the
answer), a ``Content-Length`` that is not a non-negative integer gets 400 and the connection
is closed (the framing of what follows cannot be trusted).

``start_background()`` runs it in a daemon thread (the offline assistant in a kernel, the
gateway's offline upstream); ``serve_forever()`` runs it in the foreground for ``aiwork mock
serve`` and stops cleanly on SIGTERM/SIGINT.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tornado import httputil, iostream, netutil
from tornado.httpserver import HTTPServer

from aiwork.mock.common import MockRequest, MockResponse
from aiwork.mock.errors import MockError, error_response
from aiwork.mock.handler import handle
from aiwork.mock.validate import MAX_BODY, too_large

log = logging.getLogger("aiwork.mock.server")

# Bodies up to this size are read (and dropped past MAX_BODY) so the 413 reaches the client;
# beyond it the connection is closed after the answer.
DRAIN_LIMIT = 64 * 1024 * 1024
BACKLOG = 2048  # the kernel caps it at net.core.somaxconn
SERVER_NAME = "aiwork-mock/2"

Handler = Callable[[MockRequest], MockResponse]


def _bad_request_response(status: int, message: str, code: str) -> MockResponse:
    return error_response(MockError(status, message, "invalid_request_error", code))


class _Exchange(httputil.HTTPMessageDelegate):
    """One request on a connection: collects the body, then answers it."""

    def __init__(self, server: MockServer, conn: Any, client: str) -> None:
        self.server = server
        self.conn = conn
        self.client = client
        self.start: httputil.RequestStartLine | None = None
        self.headers: httputil.HTTPHeaders | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.problem: MockResponse | None = None
        self.close_after = False
        self.closed = False

    # -- reading ---------------------------------------------------------------------------
    def headers_received(
        self,
        start_line: httputil.RequestStartLine | httputil.ResponseStartLine,
        headers: httputil.HTTPHeaders,
    ) -> None:
        assert isinstance(start_line, httputil.RequestStartLine)
        self.start, self.headers = start_line, headers
        raw = headers.get("Content-Length")
        if raw is None:
            return
        value = raw.split(",")[0].strip()
        if not value.isdigit():
            # Tornado would answer a bare 400 with no body; answer with an envelope instead and
            # read no body: without a valid length its end is unknown, so the connection closes.
            del headers["Content-Length"]
            headers.pop("Transfer-Encoding", None)
            self.problem = _bad_request_response(
                400,
                f"Invalid Content-Length header: {raw!r} (mock). It must be a non-negative "
                "integer.",
                "invalid_content_length",
            )
            self.close_after = True
        elif int(value) > DRAIN_LIMIT:
            del headers["Content-Length"]
            self.problem = self._too_large(int(value))
            self.close_after = True

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > MAX_BODY:
            if self.problem is None:
                self.problem = self._too_large(self.size)
            self.chunks = []
            return
        self.chunks.append(chunk)

    def finish(self) -> None:
        asyncio.ensure_future(self._respond())

    def on_connection_close(self) -> None:
        self.closed = True

    @staticmethod
    def _too_large(size: int) -> MockResponse:
        return error_response(too_large(size))

    # -- answering -------------------------------------------------------------------------
    def _request(self) -> MockRequest:
        assert self.start is not None and self.headers is not None
        parts = urlsplit(self.start.path)
        headers = {k.lower(): v for k, v in self.headers.get_all()}
        return MockRequest(
            method=self.start.method.upper(),
            path=parts.path,
            headers=headers,
            body=b"".join(self.chunks),
            query=dict(parse_qsl(parts.query)),
            client=self.client,
        )

    async def _respond(self) -> None:
        try:
            resp = self.problem
            if resp is None:
                req = self._request()
                if self.server.blocking:
                    loop = asyncio.get_running_loop()
                    resp = await loop.run_in_executor(self.server.pool, self.server.handler, req)
                else:
                    resp = self.server.handler(req)
            if resp.delay:
                await asyncio.sleep(resp.delay)
            if self.server.verbose and self.start is not None:
                log.info(
                    "%s %s %s %s", self.client, self.start.method, self.start.path, resp.status
                )
            await self._send(resp)
        except (iostream.StreamClosedError, ConnectionError):
            pass  # the client gave up (timeout, closed stream): nothing left to send
        except Exception:
            log.exception("mock server failed")
            self.conn.close()

    async def _send(self, resp: MockResponse) -> None:
        if self.closed:
            return
        if self.close_after:
            # Tornado decides keep-alive from the request; this one cannot be continued.
            self.conn._disconnect_on_finish = True
        headers = httputil.HTTPHeaders()
        headers["Server"] = SERVER_NAME
        for name, value in resp.headers.items():
            headers[name] = value
        line = httputil.ResponseStartLine("HTTP/1.1", resp.status, _reason(resp.status))
        if resp.stream is None:
            data = resp.body or b""
            headers["Content-Length"] = str(len(data))
            await self.conn.write_headers(line, headers, data)
            self.conn.finish()
            return
        await self.conn.write_headers(line, headers)
        # Each event goes out at once (Nagle would hold it for the previous one's ACK);
        # Tornado resets this when the response finishes.
        if self.conn.stream is not None:
            self.conn.stream.set_nodelay(True)
        stream: Iterator[bytes] = resp.stream
        if self.server.blocking:
            # A recorded upstream's stream blocks on the network: read it off the loop.
            loop = asyncio.get_running_loop()
            while True:
                piece = await loop.run_in_executor(self.server.pool, next, stream, None)
                if piece is None:
                    break
                await self.conn.write(piece)
        else:
            for piece in stream:
                if self.closed:
                    return
                await self.conn.write(piece)
        self.conn.finish()


def _reason(status: int) -> str:
    return httputil.responses.get(status, "Unknown")


class _Delegate(httputil.HTTPServerConnectionDelegate):
    def __init__(self, server: MockServer) -> None:
        self.server = server

    def start_request(self, server_conn: object, request_conn: Any) -> _Exchange:
        context = getattr(request_conn, "context", None)
        client = str(getattr(context, "remote_ip", "") or "")
        return _Exchange(self.server, request_conn, client)


class MockServer:
    """The offline assistant's HTTP server: ``url``, ``shutdown()``, ``server_close()``."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        handler: Handler | None = None,
        blocking: bool = False,
        verbose: bool = False,
    ) -> None:
        self.handler: Handler = handler or handle
        # A handler doing blocking I/O says so (``handler.blocking = True``, as the recording
        # proxy does) or the caller does.
        self.blocking = blocking or bool(getattr(handler, "blocking", False))
        self.verbose = verbose
        self.pool = ThreadPoolExecutor(max_workers=32, thread_name_prefix="aiwork-mock-io")
        self.sockets = bind(host, port)
        self.server_address = self.sockets[0].getsockname()[:2]
        self.loop: asyncio.AbstractEventLoop | None = None
        self._http: HTTPServer | None = None
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address
        return f"http://{host}:{port}"

    async def _start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._http = HTTPServer(
            _Delegate(self),
            idle_connection_timeout=300,
            body_timeout=120,
            max_header_size=65536,
            max_body_size=DRAIN_LIMIT,
            chunk_size=65536,
            decompress_request=False,
        )
        self._http.add_sockets(self.sockets)

    async def _run(self, ready: threading.Event | None = None) -> None:
        await self._start()
        if ready is not None:
            ready.set()
        stop = asyncio.Event()
        self._stop_event = stop
        await stop.wait()
        assert self._http is not None
        self._http.stop()
        await self._http.close_all_connections()

    def run(self, ready: threading.Event | None = None) -> None:
        """Serve on this thread until :meth:`shutdown`."""
        try:
            asyncio.run(self._run(ready))
        finally:
            self._stopped.set()

    def start_thread(self) -> MockServer:
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self.run, args=(ready,), name="aiwork-mock", daemon=True
        )
        self._thread.start()
        ready.wait(10)
        return self

    def shutdown(self) -> None:
        loop, stop = self.loop, getattr(self, "_stop_event", None)
        if loop is None or stop is None or self._stopped.is_set():
            return
        try:
            loop.call_soon_threadsafe(stop.set)
        except RuntimeError:
            return  # the loop is already closed
        if self._thread is not None and threading.current_thread() is not self._thread:
            self._stopped.wait(10)

    def server_close(self) -> None:
        for sock in self.sockets:
            sock.close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets with a deep backlog (``OSError`` when the port cannot be had: the
    command's error boundary turns it into one line)."""
    return netutil.bind_sockets(port, host, family=socket.AF_INET, backlog=BACKLOG)


def make_server(
    host: str = "127.0.0.1",
    port: int = 0,
    verbose: bool = False,
    handler: Handler | None = None,
    blocking: bool = False,
) -> MockServer:
    return MockServer(host, port, handler=handler, blocking=blocking, verbose=verbose)


def start_background(
    host: str = "127.0.0.1", port: int = 0, handler: Handler | None = None, blocking: bool = False
) -> MockServer:
    """Start on a free loopback port in a daemon thread; returns the server (``.url``)."""
    return make_server(host, port, handler=handler, blocking=blocking).start_thread()


def serve_forever(
    host: str,
    port: int,
    verbose: bool = False,
    handler: Handler | None = None,
    blocking: bool = False,
) -> int:
    server = make_server(host, port, verbose, handler, blocking)
    if verbose:
        logging.basicConfig(level=logging.INFO, format="[aiwork mock] %(message)s")

    def stop(signum: int, frame: object) -> None:
        server.shutdown()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    ready = threading.Event()
    threading.Thread(target=_announce, args=(ready, server.url), daemon=True).start()
    try:
        server.run(ready)
    finally:
        server.server_close()
    print("aiwork mock: stopped", flush=True)
    return 0


def _announce(ready: threading.Event, url: str) -> None:
    if ready.wait(30):
        print(f"aiwork mock: serving the offline assistant on {url}/v1", flush=True)
