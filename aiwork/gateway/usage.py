"""Token accounting for replies, plain or streamed (Server-Sent Events), and estimates.

Upstreams report usage in the reply (``usage`` in chat completions and embeddings; in the
Responses API, ``response.usage`` on the ``response.completed`` event). When a stream would
otherwise carry none, the gateway asks for it (``stream_options.include_usage``) and removes
the extra usage-only chunk before the learner sees it, because learner code commonly reads
``chunk.choices[0]`` and would break on a chunk with no choices.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reported: bool = False

    @property
    def total(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def estimate_tokens(text: str) -> int:
    """Tokens of a text whose upstream reported no usage: the offline assistant's model of a
    real BPE tokenizer's counts (aiwork.mock.tokens), not characters / 4."""
    from aiwork.mock.tokens import count

    return max(1, count(text)) if text else 0


def request_text(body: dict[str, Any]) -> str:
    """All the text a request sends (for estimates): messages, input, instructions."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key in ("content", "text", "input", "instructions", "messages"):
                if key in value:
                    walk(value[key])

    walk({k: body.get(k) for k in ("messages", "input", "instructions") if k in body})
    return "\n".join(parts)


def usage_from_json(payload: dict[str, Any]) -> Usage | None:
    """Usage reported in a reply body or a stream event, if any."""
    usage = payload.get("usage")
    if usage is None and isinstance(payload.get("response"), dict):
        usage = payload["response"].get("usage")
    if not isinstance(usage, dict):
        return None
    prompt = usage.get("prompt_tokens", usage.get("input_tokens", 0)) or 0
    completion = usage.get("completion_tokens", usage.get("output_tokens", 0)) or 0
    if not prompt and not completion and usage.get("total_tokens"):
        prompt = usage["total_tokens"]
    return Usage(int(prompt), int(completion), reported=True)


def text_from_json(payload: dict[str, Any]) -> str:
    """Reply text in a body or stream chunk (for estimates when usage is absent)."""
    out: list[str] = []
    for choice in payload.get("choices") or []:
        for key in ("message", "delta"):
            part = choice.get(key) or {}
            if isinstance(part.get("content"), str):
                out.append(part["content"])
    if isinstance(payload.get("delta"), str):  # Responses API output_text.delta events
        out.append(payload["delta"])
    if isinstance(payload.get("output_text"), str):
        out.append(payload["output_text"])
    return "".join(out)


class SSEAccountant:
    """Splits an SSE byte stream into events, reads usage and text, optionally drops the
    usage-only chunk the gateway itself requested. Feed bytes; get bytes to forward."""

    def __init__(self, drop_usage_only_chunk: bool, hold_done: bool = False):
        self.drop_usage_only_chunk = drop_usage_only_chunk
        # With hold_done, the chat stream's "data: [DONE]" event (and anything after it) is
        # kept in ``held`` instead of forwarded: the SDK stops reading at [DONE], so the
        # gateway sends it only once the request's usage is recorded (a learner's next
        # request then sees it in the quota).
        self.hold_done = hold_done
        self.held = b""
        self._buffer = b""
        self.usage: Usage | None = None
        self.text: list[str] = []

    def feed(self, data: bytes) -> bytes:
        self._buffer += data.replace(b"\r\n", b"\n")
        out: list[bytes] = []
        while b"\n\n" in self._buffer:
            event, self._buffer = self._buffer.split(b"\n\n", 1)
            if self._keep(event):
                self._forward(event + b"\n\n", out)
        return b"".join(out)

    def flush(self) -> bytes:
        rest, self._buffer = self._buffer, b""
        out: list[bytes] = []
        if rest.strip() and self._keep(rest):
            self._forward(rest, out)
        return b"".join(out)

    def _forward(self, event: bytes, out: list[bytes]) -> None:
        if self.hold_done and (self.held or _is_done(event)):
            self.held += event
        else:
            out.append(event)

    def _keep(self, event: bytes) -> bool:
        data_lines = _data_lines(event)
        if not data_lines or data_lines == [b"[DONE]"]:
            return True
        try:
            payload = json.loads(b"\n".join(data_lines))
        except (json.JSONDecodeError, UnicodeDecodeError):
            return True
        if not isinstance(payload, dict):
            return True
        found = usage_from_json(payload)
        if found is not None:
            self.usage = found
        self.text.append(text_from_json(payload))
        is_usage_only_chunk = (
            found is not None
            and payload.get("object") == "chat.completion.chunk"
            and not payload.get("choices")
        )
        return not (self.drop_usage_only_chunk and is_usage_only_chunk)


def _data_lines(event: bytes) -> list[bytes]:
    return [line[5:].strip() for line in event.split(b"\n") if line.startswith(b"data:")]


def _is_done(event: bytes) -> bool:
    return _data_lines(event) == [b"[DONE]"]
