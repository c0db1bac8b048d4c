"""A stand-in for a non-local OpenAI-compatible endpoint: records what reaches it.

It behaves like such services in the ways the gateway depends on: ``usage`` in plain replies,
a usage-only final chunk when ``stream_options.include_usage`` is set, and an error that echoes
the API key it was given (some services do), so tests can prove the gateway never passes the
key on to a learner.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPLY = "Kính gửi anh/chị, đây là bản nháp."


class FakeUpstream(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict[str, Any]] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append({"path": self.path, "auth": self.headers.get("Authorization")})
        self._json(
            200,
            {
                "object": "list",
                "data": [{"id": "fake-model", "object": "model", "created": 0, "owned_by": "test"}],
            },
        )

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        auth = self.headers.get("Authorization", "")
        self.server.requests.append({"path": self.path, "auth": auth, "body": body})
        text = json.dumps(body, ensure_ascii=False)
        if "ECHO_KEY" in text:
            key = auth.removeprefix("Bearer ")
            self._json(
                401,
                {
                    "error": {
                        "message": f"Incorrect API key provided: {key}",
                        "type": "invalid_request_error",
                        "code": "invalid_api_key",
                        "param": None,
                    }
                },
                extra={"x-debug-key": key},
            )
            return
        usage = {"prompt_tokens": 30, "completion_tokens": 12, "total_tokens": 42}
        if body.get("stream"):
            self._stream(body, usage)
            return
        self._json(
            200,
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "fake-model"),
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "logprobs": None,
                        "message": {
                            "role": "assistant",
                            "content": REPLY + " " + _last(body),
                            "refusal": None,
                        },
                    }
                ],
                "usage": usage,
            },
        )

    def _stream(self, body: dict[str, Any], usage: dict[str, int]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def chunk(choices: list, extra: dict | None = None) -> None:
            payload = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": body.get("model", "fake-model"),
                "choices": choices,
                **(extra or {}),
            }
            self._chunked(f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode())

        for i, word in enumerate(REPLY.split(" ")):
            delta = {"content": (" " if i else "") + word}
            chunk([{"index": 0, "delta": delta, "finish_reason": None, "logprobs": None}])
        chunk([{"index": 0, "delta": {}, "finish_reason": "stop", "logprobs": None}])
        if (body.get("stream_options") or {}).get("include_usage"):
            chunk([], {"usage": usage})
        self._chunked(b"data: [DONE]\n\n")
        self._chunked(b"")

    def _chunked(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _json(self, status: int, payload: dict, extra: dict | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


def _last(body: dict[str, Any]) -> str:
    messages = body.get("messages") or []
    content = messages[-1].get("content") if messages else ""
    return content if isinstance(content, str) else ""
