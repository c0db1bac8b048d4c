"""The privacy hook for non-local backends: every outgoing JSON body goes through
``aiwork.privacy.guard.guard_request(body, mode)`` before it leaves the machine.

Wired as a transport wrapper around the SDK's HTTP client (``httpx2`` on openai 3.x,
``httpx`` on 2.x), so it covers every endpoint and retry. The detector lives in
``aiwork.privacy`` (imported lazily, never duplicated here). In ``block`` mode the guard's
``PrivacyBlocked`` propagates to the caller unchanged (the SDK does not wrap non-transport
errors). The bodies actually sent are kept in a small log for graders
(:func:`aiwork.assistant.requests_log` on non-local backends).
"""

from __future__ import annotations

import json
import threading
from collections import deque
from typing import Any

# openai 3.x speaks httpx2; 2.x speaks httpx. The wrapper must match the SDK's library.
from aiwork.mock.httpcompat import default_client_factory, http

_lock = threading.Lock()
_sent: deque[dict[str, Any]] = deque(maxlen=1000)


def sent_log() -> list[dict[str, Any]]:
    with _lock:
        return list(_sent)


def clear_sent_log() -> None:
    with _lock:
        _sent.clear()


def guard_body(request: Any, mode: str) -> Any:
    """The request with its JSON body passed through the privacy guard (others unchanged)."""
    ctype = request.headers.get("content-type", "")
    content = request.content if request.method in ("POST", "PUT", "PATCH") else b""
    body: Any = None
    if content and "json" in ctype:
        body = json.loads(content)
        if isinstance(body, dict):
            from aiwork.privacy.guard import guard_request

            body = guard_request(body, mode)
            content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    with _lock:
        _sent.append(
            {
                "method": request.method,
                "path": request.url.path,
                "model": body.get("model") if isinstance(body, dict) else None,
                "body": body,
            }
        )
    if body is None:
        return request
    headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
    return http.Request(
        request.method, request.url, headers=headers, content=content, extensions=request.extensions
    )


class GuardedTransport(http.BaseTransport):
    def __init__(self, inner: Any, mode: str) -> None:
        self.inner = inner
        self.mode = mode

    def handle_request(self, request: Any) -> Any:
        return self.inner.handle_request(guard_body(request, self.mode))

    def close(self) -> None:
        self.inner.close()


class AsyncGuardedTransport(http.AsyncBaseTransport):
    def __init__(self, inner: Any, mode: str) -> None:
        self.inner = inner
        self.mode = mode

    async def handle_async_request(self, request: Any) -> Any:
        await request.aread()
        return await self.inner.handle_async_request(guard_body(request, self.mode))

    async def aclose(self) -> None:
        await self.inner.aclose()


def guarded_http_client(mode: str, is_async: bool, inner: Any = None) -> Any:
    """An SDK-default HTTP client whose transport runs the privacy guard first."""
    factory = default_client_factory(is_async)
    if is_async:
        return factory(transport=AsyncGuardedTransport(inner or http.AsyncHTTPTransport(), mode))
    return factory(transport=GuardedTransport(inner or http.HTTPTransport(), mode))
