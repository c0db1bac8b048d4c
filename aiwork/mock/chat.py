"""``POST /v1/chat/completions``: plain, streamed (SSE), tools, and JSON formats."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiwork.mock import sse
from aiwork.mock.common import MockResponse, created, json_body
from aiwork.mock.completion import Completion, complete, request_seed
from aiwork.mock.conversation import from_chat
from aiwork.mock.errors import bad_request


def _usage(c: Completion) -> dict[str, Any]:
    return {
        "prompt_tokens": c.prompt_tokens,
        "completion_tokens": c.completion_tokens,
        "total_tokens": c.total_tokens,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def _finish_reason(c: Completion) -> str:
    if c.reply.tool_calls:
        return "tool_calls"
    return "length" if c.truncated else "stop"


def _message(c: Completion) -> dict[str, Any]:
    msg: dict[str, Any] = {
        "role": "assistant",
        "content": c.reply.text,
        "refusal": None,
        "annotations": [],
    }
    if c.reply.tool_calls:
        msg["content"] = None
        msg["tool_calls"] = [
            {
                "id": t.call_id,
                "type": "function",
                "function": {"name": t.name, "arguments": t.arguments},
            }
            for t in c.reply.tool_calls
        ]
    return msg


def chat_completions(body: dict[str, Any], model: str) -> tuple[MockResponse, list[Completion]]:
    conv = from_chat(body)
    n = body.get("n", 1) if body.get("n") is not None else 1
    if not isinstance(n, int) or not 1 <= n <= 8:
        raise bad_request("'n' must be an integer from 1 to 8", "n")
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    base = request_seed(model, body["messages"], body)
    # Choice i > 0 gets its own seed so n > 1 gives varied (still deterministic) replies.
    comps = [
        complete(conv, base if i == 0 else request_seed(model, [base, i], {}), max_tokens)
        for i in range(n)
    ]
    cid = "chatcmpl-" + base[:24]
    head = {"id": cid, "created": created(), "model": model, "system_fingerprint": "fp_aiwork_mock"}
    hallucinated = any(c.reply.hallucinated for c in comps)
    headers = {"x-mock-hallucinated": "true"} if hallucinated else {}
    if body.get("stream"):
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        headers["content-type"] = "text/event-stream; charset=utf-8"
        headers["cache-control"] = "no-cache"
        return MockResponse(200, headers, stream=_stream(head, comps, include_usage)), comps
    out = {
        **head,
        "object": "chat.completion",
        "choices": [
            {
                "index": i,
                "message": _message(c),
                "finish_reason": _finish_reason(c),
                "logprobs": None,
            }
            for i, c in enumerate(comps)
        ],
        "usage": _sum_usage(comps),
    }
    headers["content-type"] = "application/json"
    return MockResponse(200, headers, json_body(out)), comps


def _sum_usage(comps: list[Completion]) -> dict[str, Any]:
    usage = _usage(comps[0])
    if len(comps) > 1:
        usage["completion_tokens"] = sum(c.completion_tokens for c in comps)
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return usage


def _stream(head: dict[str, Any], comps: list[Completion], include_usage: bool) -> Iterator[bytes]:
    def chunk(index: int, delta: dict[str, Any], finish: str | None = None) -> bytes:
        data = {
            **head,
            "object": "chat.completion.chunk",
            "choices": [
                {"index": index, "delta": delta, "finish_reason": finish, "logprobs": None}
            ],
        }
        if include_usage:
            data["usage"] = None
        return sse.frame(data)

    for i, c in enumerate(comps):
        yield chunk(i, {"role": "assistant", "content": "", "refusal": None})
        if c.reply.tool_calls:
            for k, t in enumerate(c.reply.tool_calls):
                yield chunk(
                    i,
                    {
                        "tool_calls": [
                            {
                                "index": k,
                                "id": t.call_id,
                                "type": "function",
                                "function": {"name": t.name, "arguments": ""},
                            }
                        ]
                    },
                )
                for piece in sse.chunks(t.arguments):
                    yield chunk(i, {"tool_calls": [{"index": k, "function": {"arguments": piece}}]})
        else:
            for piece in sse.pieces(c.reply.text or ""):
                yield chunk(i, {"content": piece})
        yield chunk(i, {}, _finish_reason(c))
    if include_usage:
        yield sse.frame(
            {**head, "object": "chat.completion.chunk", "choices": [], "usage": _sum_usage(comps)}
        )
    yield sse.DONE
