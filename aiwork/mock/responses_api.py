"""``POST /v1/responses``: plain, the streamed event sequence, function calls, text.format."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiwork.mock import sse
from aiwork.mock.common import MockResponse, created, json_body
from aiwork.mock.completion import Completion, complete, request_seed
from aiwork.mock.conversation import from_responses
from aiwork.mock.errors import MockError
from aiwork.mock.state import RESPONSES, Owner, Stored


def _usage(c: Completion) -> dict[str, Any]:
    return {
        "input_tokens": c.prompt_tokens,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": c.completion_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": c.total_tokens,
    }


def _items(c: Completion, status: str = "completed") -> list[dict[str, Any]]:
    if c.reply.tool_calls:
        return [
            {
                "type": "function_call",
                "id": "fc_" + t.call_id.removeprefix("call_"),
                "call_id": t.call_id,
                "name": t.name,
                "arguments": t.arguments,
                "status": status,
            }
            for t in c.reply.tool_calls
        ]
    return [
        {
            "type": "message",
            "id": "msg_" + c.seed[:24],
            "status": status,
            "role": "assistant",
            "content": [
                {
                    "type": "output_text",
                    "text": c.reply.text or "",
                    "annotations": [],
                    "logprobs": [],
                }
            ],
        }
    ]


def _response(body: dict[str, Any], model: str, c: Completion, done: bool) -> dict[str, Any]:
    status = ("incomplete" if c.truncated else "completed") if done else "in_progress"
    text_cfg = (
        body.get("text") if isinstance(body.get("text"), dict) else {"format": {"type": "text"}}
    )
    return {
        "id": "resp_" + c.seed[:24],
        "object": "response",
        "created_at": created(),
        "status": status,
        "background": False,
        "model": model,
        "output": _items(c) if done else [],
        "parallel_tool_calls": bool(body.get("parallel_tool_calls", True)),
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": body.get("tools") or [],
        "error": None,
        "incomplete_details": {"reason": "max_output_tokens"} if done and c.truncated else None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "metadata": body.get("metadata") or {},
        "previous_response_id": body.get("previous_response_id"),
        "store": body.get("store", True) is not False,
        "temperature": body.get("temperature", 1.0),
        "top_p": body.get("top_p", 1.0),
        "text": text_cfg,
        "truncation": "disabled",
        "usage": _usage(c) if done else None,
    }


def _input_items(raw: Any, rid: str) -> list[dict[str, Any]]:
    """The request's input as items with ids (what ``input_items.list`` returns)."""
    items = [{"role": "user", "content": raw}] if isinstance(raw, str) else list(raw or [])
    out = []
    for i, item in enumerate(items):
        item = dict(item)
        if item.get("type", "message") == "message":
            content = item.get("content")
            if isinstance(content, str):
                content = [{"type": "input_text", "text": content}]
            item = {
                "type": "message",
                "role": item.get("role", "user"),
                "content": content,
                "status": "completed",
            }
        item.setdefault("id", f"msg_{rid.removeprefix('resp_')[:16]}{i:04d}")
        out.append(item)
    return out


def _history(body: dict[str, Any], owner: Owner) -> Stored | None:
    prev = body.get("previous_response_id")
    if not prev:
        return None
    stored = RESPONSES.get(owner, prev)
    if stored is None:
        raise MockError(
            400,
            f"Previous response with id '{prev}' not found (mock). Responses are kept only "
            "when stored (store: true), for the same API key, and not forever.",
            "invalid_request_error",
            "previous_response_not_found",
            "previous_response_id",
        )
    return stored


def responses(
    body: dict[str, Any], model: str, owner: Owner = ("", "")
) -> tuple[MockResponse, list[Completion]]:
    history = _history(body, owner)
    conv = from_responses(
        body, history.turns if history else None, history.call_names if history else None
    )
    seed = request_seed(
        model,
        [body.get("instructions"), body.get("input"), body.get("previous_response_id")],
        body,
    )
    c = complete(conv, seed, body.get("max_output_tokens"))
    if body.get("store", True) is not False:
        final = _response(body, model, c, True)
        # Instructions are not carried over to a response continuing this one.
        own = conv.turns[1:] if isinstance(body.get("instructions"), str) else conv.turns
        RESPONSES.put(
            owner,
            final["id"],
            Stored(
                final,
                [*own, ("assistant", c.reply.text or "")],
                _input_items(body.get("input"), final["id"]),
                {**conv.call_names, **{t.call_id: t.name for t in c.reply.tool_calls}},
            ),
        )
    headers = {"x-mock-hallucinated": "true"} if c.reply.hallucinated else {}
    if body.get("stream"):
        headers["content-type"] = "text/event-stream; charset=utf-8"
        headers["cache-control"] = "no-cache"
        return MockResponse(200, headers, stream=_stream(body, model, c)), [c]
    headers["content-type"] = "application/json"
    return MockResponse(200, headers, json_body(_response(body, model, c, True))), [c]


def stored_response(endpoint: str, method: str, owner: Owner) -> MockResponse:
    """``GET|DELETE /responses/{id}`` and ``GET /responses/{id}/input_items``."""
    parts = endpoint.strip("/").split("/")
    rid = parts[1] if len(parts) > 1 else ""
    sub = parts[2] if len(parts) > 2 else ""
    if len(parts) > 3 or sub not in ("", "input_items"):
        raise MockError(
            404, f"Unknown request URL: {method} {endpoint} (mock).", code="unknown_url"
        )
    allowed = ("GET",) if sub else ("GET", "DELETE")
    if method not in allowed:
        raise MockError(
            405,
            f"Method {method} not allowed on {endpoint} (mock).",
            code="method_not_allowed",
            headers={"allow": ", ".join(allowed)},
        )
    stored = RESPONSES.get(owner, rid)
    if stored is None:
        raise MockError(
            404,
            f"No response found with id '{rid}' (mock).",
            "invalid_request_error",
            "not_found",
        )
    if method == "DELETE":
        RESPONSES.delete(owner, rid)
        body: dict[str, Any] = {"id": rid, "object": "response.deleted", "deleted": True}
    elif sub == "input_items":
        items = stored.input_items
        body = {
            "object": "list",
            "data": items,
            "first_id": items[0]["id"] if items else None,
            "last_id": items[-1]["id"] if items else None,
            "has_more": False,
        }
    else:
        body = stored.response
    return MockResponse(200, {"content-type": "application/json"}, json_body(body))


def _stream(body: dict[str, Any], model: str, c: Completion) -> Iterator[bytes]:
    seq = 0

    def event(kind: str, **fields: Any) -> bytes:
        nonlocal seq
        data = {"type": kind, "sequence_number": seq, **fields}
        seq += 1
        return sse.frame(data, event=kind)

    start = _response(body, model, c, False)
    yield event("response.created", response=start)
    yield event("response.in_progress", response=start)
    for index, item in enumerate(_items(c)):
        if item["type"] == "function_call":
            yield event(
                "response.output_item.added",
                output_index=index,
                item={**item, "arguments": "", "status": "in_progress"},
            )
            for piece in sse.chunks(item["arguments"]):
                yield event(
                    "response.function_call_arguments.delta",
                    item_id=item["id"],
                    output_index=index,
                    delta=piece,
                )
            yield event(
                "response.function_call_arguments.done",
                item_id=item["id"],
                output_index=index,
                arguments=item["arguments"],
                name=item["name"],
            )
            yield event("response.output_item.done", output_index=index, item=item)
            continue
        text = item["content"][0]["text"]
        yield event(
            "response.output_item.added",
            output_index=index,
            item={**item, "status": "in_progress", "content": []},
        )
        part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
        yield event(
            "response.content_part.added",
            item_id=item["id"],
            output_index=index,
            content_index=0,
            part=part,
        )
        for piece in sse.pieces(text):
            yield event(
                "response.output_text.delta",
                item_id=item["id"],
                output_index=index,
                content_index=0,
                delta=piece,
                logprobs=[],
            )
        yield event(
            "response.output_text.done",
            item_id=item["id"],
            output_index=index,
            content_index=0,
            text=text,
            logprobs=[],
        )
        yield event(
            "response.content_part.done",
            item_id=item["id"],
            output_index=index,
            content_index=0,
            part={**part, "text": text},
        )
        yield event("response.output_item.done", output_index=index, item=item)
    final = _response(body, model, c, True)
    yield event("response.incomplete" if c.truncated else "response.completed", response=final)
