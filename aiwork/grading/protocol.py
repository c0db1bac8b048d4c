"""Framing of the messages between the grading driver and a sandboxed notebook process.

Each message is a 4-byte big-endian length followed by UTF-8 JSON. The reader refuses a
message larger than ``MAX_MESSAGE`` so a hostile child cannot make the driver allocate
without bound.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time

MAX_MESSAGE = 64 * 1024 * 1024
_HEADER = struct.Struct(">I")


class ProtocolError(Exception):
    """The peer sent something that is not a well-formed message."""


class Timeout(Exception):
    """No complete message arrived before the deadline."""


def encode(message: dict) -> bytes:
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _HEADER.pack(len(body)) + body


def write_message(fd: int, message: dict) -> None:
    data = memoryview(encode(message))
    while data:
        n = os.write(fd, data)
        data = data[n:]


class Reader:
    """Reads framed messages from a pipe with deadlines (no threads, just select)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = bytearray()
        self.eof = False

    def _fill(self, deadline: float | None) -> None:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            raise Timeout()
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            self.eof = True
        self.buffer += chunk

    def read(self, deadline: float | None = None) -> dict | None:
        """The next message, or None at end of file. Raises Timeout or ProtocolError."""
        while True:
            if len(self.buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(self.buffer)
                if size > MAX_MESSAGE:
                    raise ProtocolError(f"message of {size} bytes is too large")
                if len(self.buffer) >= _HEADER.size + size:
                    body = bytes(self.buffer[_HEADER.size : _HEADER.size + size])
                    del self.buffer[: _HEADER.size + size]
                    try:
                        message = json.loads(body.decode("utf-8"))
                    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                        raise ProtocolError(f"malformed message: {exc}") from None
                    if not isinstance(message, dict):
                        raise ProtocolError("message is not an object")
                    return message
            if self.eof:
                if self.buffer:
                    raise ProtocolError("truncated message at end of stream")
                return None
            self._fill(deadline)
