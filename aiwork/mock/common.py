"""Shared pieces of the mock: request/response values, deterministic ids, token counts."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Every object carries the same creation time unless overridden, so replies are byte-for-byte
# reproducible across processes (the SDK only needs an int).
DEFAULT_CREATED = 1767225600  # 2026-01-01T00:00:00Z


def created() -> int:
    return int(os.environ.get("AIWORK_MOCK_CREATED", DEFAULT_CREATED))


@dataclass
class MockRequest:
    method: str
    path: str  # without the query string
    headers: dict[str, str]  # lower-case names
    body: bytes = b""
    query: dict[str, str] = field(default_factory=dict)
    # The client's read timeout, known to in-process adapters only: a slow model then raises
    # MockTimeout after that long instead of answering late (HTTP clients time out by themselves).
    read_timeout: float | None = None
    # The peer's address as the HTTP server saw it ("" in-process): what a real endpoint keys
    # a rate limit on when there is no API key.
    client: str = ""

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


@dataclass
class MockResponse:
    status: int
    headers: dict[str, str]
    body: bytes | None = None  # a complete body, or
    stream: Iterator[bytes] | None = None  # an SSE body produced lazily
    # Set by the handler for the request log, never sent on the wire.
    meta: dict[str, Any] = field(default_factory=dict)
    # Seconds the adapter waits before sending (a slow model "thinking"); the HTTP server
    # waits without blocking other requests, the in-process transport honours read timeouts.
    delay: float = 0.0

    def iter_bytes(self) -> Iterator[bytes]:
        if self.stream is not None:
            yield from self.stream
        elif self.body:
            yield self.body


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(*parts: Any) -> str:
    """A stable hex digest of JSON-able parts (never Python's salted ``hash()``)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(canonical(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def count_tokens(text: str) -> int:
    """Tokens of ``text`` as a real BPE tokenizer counts them (:mod:`aiwork.mock.tokens`)."""
    from aiwork.mock.tokens import count

    return count(text)


def json_body(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")
