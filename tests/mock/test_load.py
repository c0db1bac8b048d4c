"""A class pressing Run at once: bursts of concurrent requests, none lost.

Each simulated learner has its own SDK client (its own connection), no retries, so a reset or
refused connection would show as an error instead of being hidden by the SDK's retry loop.
"""

from __future__ import annotations

import asyncio
import json
import socket

import openai
import pytest

from aiwork.mock.server import start_background
from aiwork.mock.transport import http

BURST = 200


async def burst(base_url: str, key: str, n: int = BURST, stream_every: int = 5) -> list[object]:
    """``n`` learners send one chat request each at the same moment; every 5th streams."""

    async def one(i: int) -> object:
        client = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=key,
            max_retries=0,
            timeout=60,
            http_client=http.AsyncClient(trust_env=False),
        )
        messages = [{"role": "user", "content": f"Tóm tắt ý chính của cuộc họp số {i}."}]
        try:
            if i % stream_every == 0:
                text = ""
                async for chunk in await client.chat.completions.create(
                    model="mock-gpt", messages=messages, stream=True
                ):
                    if chunk.choices:
                        text += chunk.choices[0].delta.content or ""
                return text
            reply = await client.chat.completions.create(model="mock-gpt", messages=messages)
            return reply.choices[0].message.content
        except Exception as exc:  # noqa: BLE001 - collected and reported by the test
            return exc
        finally:
            await client.close()

    return await asyncio.gather(*(one(i) for i in range(n)))


def test_burst_of_200_concurrent_requests_loses_none() -> None:
    server = start_background()
    try:
        results = asyncio.run(burst(server.url + "/v1", "sk-test"))
    finally:
        server.shutdown()
        server.server_close()
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, f"{len(errors)} of {BURST} lost, e.g. {errors[0]!r}"
    assert all(isinstance(r, str) and r.strip() for r in results)


def _raw(port: int, data: bytes, timeout: float = 10) -> bytes:
    """Send raw bytes, return everything the server answers before closing (or timeout)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            try:
                piece = s.recv(65536)
            except TimeoutError:
                break
            if not piece:
                break
            out += piece
    return out


@pytest.fixture(scope="module")
def port():
    server = start_background()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _envelope(raw: bytes) -> tuple[int, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    assert b"application/json" in head.lower(), head
    data = json.loads(body)
    assert set(data["error"]) >= {"message", "type", "param", "code"}, data
    return status, data


BODY = json.dumps({"model": "mock-gpt", "messages": [{"role": "user", "content": "Xin chào"}]})


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", ""])
def test_bad_content_length_gets_an_envelope(port: int, length: str) -> None:
    raw = _raw(
        port,
        (
            "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{BODY}"
        ).encode(),
    )
    status, data = _envelope(raw)
    assert status == 400 and data["error"]["code"] == "invalid_content_length"


def test_chunked_request_body_is_accepted(port: int) -> None:
    body = BODY.encode()
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(body[i : i + 16]), body[i : i + 16]) for i in range(0, len(body), 16)
    )
    raw = _raw(
        port,
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n" + chunks + b"0\r\n\r\n",
    )
    head, _, payload = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    assert json.loads(payload)["object"] == "chat.completion"


def test_oversized_body_gets_413_envelope() -> None:
    server = start_background()
    try:
        with http.Client(trust_env=False, timeout=60) as c:
            r = c.post(
                server.url + "/v1/chat/completions",
                content=b'{"model":"mock-gpt","messages":"' + b"x" * (20 * 1024 * 1024) + b'"}',
                headers={"authorization": "Bearer k", "content-type": "application/json"},
            )
            assert r.status_code == 413
            assert r.json()["error"]["code"] == "request_too_large"
            # The same client goes on working.
            ok = c.post(
                server.url + "/v1/chat/completions",
                content=BODY.encode(),
                headers={"authorization": "Bearer k", "content-type": "application/json"},
            )
            assert ok.status_code == 200
    finally:
        server.shutdown()
        server.server_close()
