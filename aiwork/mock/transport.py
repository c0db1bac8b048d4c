"""The in-process adapter: SDK clients whose HTTP transport calls the handler directly.

No socket, no thread: for tests and graders. ``client()`` / ``async_client()`` build an
``openai.OpenAI`` / ``AsyncOpenAI`` on it. A slow model (``mock-slow``) honours the client's
read timeout by raising the HTTP library's ``ReadTimeout``, so ``APITimeoutError`` and retries
behave as over the network. Works with openai 3.x (httpx2) and 2.x (httpx).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import openai

from aiwork.mock.common import MockRequest, MockResponse
from aiwork.mock.errors import MockTimeout
from aiwork.mock.handler import handle
from aiwork.mock.httpcompat import http

BASE_URL = "http://aiwork-mock.invalid/v1"
TEST_KEY = "sk-test-mock"


def _to_mock(request: Any, body: bytes) -> MockRequest:
    timeout = (request.extensions or {}).get("timeout") or {}
    return MockRequest(
        method=request.method,
        path=request.url.path,
        headers={k.lower(): v for k, v in request.headers.items()},
        body=body,
        query=dict(request.url.params),
        read_timeout=timeout.get("read"),
    )


def _headers(resp: MockResponse) -> dict[str, str]:
    return dict(resp.headers)


def _sync_handler(request: Any) -> Any:
    try:
        resp = handle(_to_mock(request, request.read()))
    except MockTimeout as exc:
        time.sleep(exc.after)
        raise http.ReadTimeout(str(exc), request=request) from exc
    if resp.delay:
        time.sleep(resp.delay)
    if resp.stream is None:
        return http.Response(resp.status, headers=_headers(resp), content=resp.body or b"")
    return http.Response(resp.status, headers=_headers(resp), content=_iter(resp.stream))


def _iter(stream: Iterator[bytes]) -> Iterator[bytes]:
    yield from stream


class _AsyncBytes:
    def __init__(self, stream: Iterator[bytes]) -> None:
        self.stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.stream:
            yield piece


async def _async_handler(request: Any) -> Any:
    body = await request.aread()
    try:
        resp = handle(_to_mock(request, body))
    except MockTimeout as exc:
        await asyncio.sleep(exc.after)
        raise http.ReadTimeout(str(exc), request=request) from exc
    if resp.delay:
        await asyncio.sleep(resp.delay)
    if resp.stream is None:
        return http.Response(resp.status, headers=_headers(resp), content=resp.body or b"")
    return http.Response(resp.status, headers=_headers(resp), content=_AsyncBytes(resp.stream))


def transport() -> Any:
    return http.MockTransport(_sync_handler)


def async_transport() -> Any:
    return http.MockTransport(_async_handler)


def client(api_key: str = TEST_KEY, **kw: Any) -> openai.OpenAI:
    """An ``openai.OpenAI`` talking to the handler in-process (``kw`` go to the constructor)."""
    return openai.OpenAI(
        api_key=api_key,
        base_url=kw.pop("base_url", BASE_URL),
        http_client=http.Client(transport=transport()),
        **kw,
    )


def async_client(api_key: str = TEST_KEY, **kw: Any) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(
        api_key=api_key,
        base_url=kw.pop("base_url", BASE_URL),
        http_client=http.AsyncClient(transport=async_transport()),
        **kw,
    )
