"""Record and replay: a trainer records real replies once, learners replay them offline.

Recording: ``aiwork mock record --upstream URL --cassette FILE`` runs a loopback proxy; a
client pointed at it (``AIWORK_BACKEND=compatible AIWORK_BASE_URL=http://127.0.0.1:8766/v1``)
gets the real endpoint's replies, streamed ones included, and each exchange is appended to
the cassette (JSON lines). The upstream key comes from the proxy's environment, never from
the learner, and is never written to the cassette.

Replay: ``aiwork mock serve --replay FILE`` (or ``AIWORK_MOCK_REPLAY=FILE`` for the in-kernel
offline assistant, or :func:`replay_handler` in tests) answers only from the cassette. A
request is matched on method, endpoint (Azure deployment paths map to the same endpoint with
the deployment as model) and its canonical JSON body; an unrecorded request gets a 400
``unrecorded_request`` error whose message names the request (endpoint, model, start of the
last user message, key), so the trainer knows what to record.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aiwork.errors import InputError
from aiwork.fileio import read_text
from aiwork.mock import reqlog
from aiwork.mock.common import MockRequest, MockResponse, digest
from aiwork.mock.errors import MockError, error_response
from aiwork.mock.handler import request_id, split_path

# Response headers worth keeping (the rest are hop-by-hop or account details).
KEEP_HEADERS = (
    "content-type",
    "x-request-id",
    "retry-after",
    "retry-after-ms",
    "x-mock-hallucinated",
    "openai-model",
)


def request_key(method: str, path: str, body: bytes) -> str:
    endpoint, deployment = split_path(path)
    try:
        data: Any = json.loads(body) if body else None
    except ValueError:
        data = body.decode("utf-8", "replace")
    if deployment and isinstance(data, dict):
        data = {**data, "model": deployment}
    return digest(method.upper(), endpoint, data)[:32]


def describe(method: str, path: str, body: bytes) -> str:
    """A short human description of a request, for error messages."""
    try:
        data = json.loads(body) if body else {}
    except ValueError:
        data = {}
    text = ""
    if isinstance(data, dict):
        msgs = data.get("messages") or []
        users = [m.get("content") for m in msgs if isinstance(m, dict) and m.get("role") == "user"]
        raw = users[-1] if users else data.get("input")
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False) if raw else ""
    model = data.get("model") if isinstance(data, dict) else None
    snippet = (text[:60] + "…") if len(text) > 60 else text
    return f"{method} {path} model={model!r} prompt={snippet!r}"


class Cassette:
    """A JSON-lines file of recorded exchanges, indexed by :func:`request_key`."""

    def __init__(self, path: str | os.PathLike[str], must_exist: bool = False) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.entries: dict[str, dict[str, Any]] = {}
        if must_exist and not self.path.is_file():
            raise InputError(
                f"Không tìm thấy tệp ghi lại (cassette) {self.path}: anh/chị kiểm tra đường dẫn "
                "hoặc ghi lại trước bằng aiwork mock record."
            )
        if self.path.exists():
            for number, line in enumerate(
                read_text(self.path, what="Tệp ghi lại (cassette)").splitlines(), start=1
            ):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                    self.entries[entry["key"]] = entry
                except (ValueError, KeyError, TypeError):
                    raise InputError(
                        f"Tệp ghi lại {self.path} hỏng ở dòng {number}: mỗi dòng phải là một "
                        "bản ghi JSON do aiwork mock record tạo ra."
                    ) from None

    def add(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self.entries[entry["key"]] = entry
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def get(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)


def replay_handler(cassette: str | os.PathLike[str] | Cassette):
    """A handler answering only from ``cassette`` (same signature as ``handler.handle``)."""
    tape = cassette if isinstance(cassette, Cassette) else Cassette(cassette, must_exist=True)

    def handle(req: MockRequest) -> MockResponse:
        key = request_key(req.method, req.path, req.body)
        entry = tape.get(key)
        if entry is None:
            resp = error_response(
                MockError(
                    400,
                    f"Unrecorded request in replay mode (cassette {tape.path.name}): "
                    f"{describe(req.method, req.path, req.body)} key={key}. Yêu cầu này chưa được "
                    "ghi lại; giảng viên cần ghi lại (aiwork mock record) trước khi phát lại.",
                    "invalid_request_error",
                    "unrecorded_request",
                )
            )
        elif entry.get("chunks") is not None:
            chunks = [c.encode("utf-8") for c in entry["chunks"]]
            resp = MockResponse(entry["status"], dict(entry["headers"]), stream=iter(chunks))
        else:
            resp = MockResponse(
                entry["status"], dict(entry["headers"]), (entry.get("body") or "").encode("utf-8")
            )
        resp.headers.setdefault("x-request-id", request_id(req))
        try:
            body = json.loads(req.body) if req.body else None
        except ValueError:
            body = None
        reqlog.add(
            {
                "request_id": resp.headers["x-request-id"],
                "method": req.method,
                "path": req.path,
                "status": resp.status,
                "retry_count": 0,
                "model": body.get("model") if isinstance(body, dict) else None,
                "body": body,
                "task": "replay",
                "hallucinated": False,
                "reply": None,
                "error": None if entry else "unrecorded_request",
            }
        )
        return resp

    return handle


def recording_handler(
    upstream: str, cassette: str | os.PathLike[str] | Cassette, api_key: str | None = None
):
    """A handler forwarding to ``upstream`` (a base URL ending in /v1) and recording replies."""
    from aiwork.mock.httpcompat import http_lib

    http = http_lib()
    tape = cassette if isinstance(cassette, Cassette) else Cassette(cassette)
    base = upstream.rstrip("/")
    client = http.Client(timeout=http.Timeout(600, connect=10))

    def handle(req: MockRequest) -> MockResponse:
        endpoint, _ = split_path(req.path)
        headers = {
            k: v
            for k, v in req.headers.items()
            if k in ("content-type", "accept", "openai-beta", "x-stainless-retry-count")
        }
        if api_key:
            headers["authorization"] = f"Bearer {api_key}"
        elif req.header("authorization"):
            headers["authorization"] = req.header("authorization")
        upstream_req = client.build_request(
            req.method, base + endpoint, headers=headers, content=req.body or None
        )
        upstream_resp = client.send(upstream_req, stream=True)
        kept = {k: v for k, v in upstream_resp.headers.items() if k.lower() in KEEP_HEADERS}
        key = request_key(req.method, req.path, req.body)
        entry: dict[str, Any] = {
            "key": key,
            "method": req.method,
            "path": endpoint,
            "request": req.body.decode("utf-8", "replace"),
            "status": upstream_resp.status_code,
            "headers": kept,
        }
        if "text/event-stream" in upstream_resp.headers.get("content-type", ""):

            def tee() -> Iterator[bytes]:
                chunks: list[str] = []
                try:
                    for piece in upstream_resp.iter_bytes():
                        chunks.append(piece.decode("utf-8"))
                        yield piece
                finally:
                    upstream_resp.close()
                    tape.add({**entry, "chunks": chunks})

            return MockResponse(upstream_resp.status_code, kept, stream=tee())
        data = upstream_resp.read()
        upstream_resp.close()
        tape.add({**entry, "body": data.decode("utf-8"), "chunks": None})
        return MockResponse(upstream_resp.status_code, kept, data)

    handle.blocking = True  # type: ignore[attr-defined]  # network I/O: the server runs it in a pool
    return handle


def serve_recording(
    upstream: str, cassette: str, host: str, port: int, api_key_env: str = "OPENAI_API_KEY"
) -> int:
    from aiwork.mock.server import serve_forever

    handler = recording_handler(upstream, cassette, os.environ.get(api_key_env))
    print(f"aiwork mock: recording {upstream} into {cassette}", flush=True)
    return serve_forever(host, port, handler=handler)
