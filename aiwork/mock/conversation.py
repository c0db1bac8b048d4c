"""Normalise a Chat Completions or Responses request into one conversation the router reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    parameters: dict[str, Any]


@dataclass
class Conversation:
    system: str = ""
    user: str = ""  # the last user turn
    turns: list[tuple[str, str]] = field(default_factory=list)  # (role, text), in order
    tool_results: list[str] = field(default_factory=list)  # tool outputs after the last user turn
    # Tools called after the last user turn, by name, in order (the calls whose results
    # follow): a handoff's "transfer_to_..." call is how the Agents SDK changes agents.
    called: list[str] = field(default_factory=list)
    # call id -> tool name, for every call in the conversation.
    call_names: dict[str, str] = field(default_factory=dict)
    # (turn index, call id) of each tool output, so results can be told apart by tool.
    outputs: list[tuple[int, str]] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)
    tool_choice: Any = "auto"
    schema: dict[str, Any] | None = None  # JSON schema asked for (json_schema)
    json_mode: bool = False  # any JSON reply asked for (json_object or json_schema)
    temperature: float | None = None

    @property
    def prompt_text(self) -> str:
        """Everything the model was told, for token counting."""
        return "\n".join(text for _, text in self.turns)


def _text(content: Any) -> str:
    """Text of a message content: a string or a list of typed parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        out = []
        for part in content:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, dict):
                value = part.get("text") or part.get("output") or part.get("refusal")
                if isinstance(value, str):
                    out.append(value)
        return "\n".join(out)
    raise ValueError("content must be a string or a list of parts")


def _finish(conv: Conversation) -> Conversation:
    last_user = max((i for i, (r, _) in enumerate(conv.turns) if r == "user"), default=-1)
    conv.user = conv.turns[last_user][1] if last_user >= 0 else ""
    conv.tool_results = [t for r, t in conv.turns[last_user + 1 :] if r == "tool"]
    conv.called = [conv.call_names.get(cid, "") for i, cid in conv.outputs if i > last_user]
    conv.system = "\n".join(t for r, t in conv.turns if r in ("system", "developer"))
    return conv


def _tools(raw: Any, nested: bool) -> list[Tool]:
    if not raw:
        return []
    if not isinstance(raw, list):
        raise ValueError("'tools' must be an array")
    tools = []
    for item in raw:
        if not isinstance(item, dict) or item.get("type", "function") != "function":
            continue  # built-in tools (web search...) are not simulated
        fn = item.get("function", {}) if nested else item
        if not isinstance(fn, dict) or not isinstance(fn.get("name"), str):
            raise ValueError("each function tool needs a 'name'")
        params = fn.get("parameters") or {"type": "object", "properties": {}}
        tools.append(Tool(fn["name"], str(fn.get("description") or ""), params))
    return tools


def _temperature(body: dict[str, Any]) -> float | None:
    value = body.get("temperature")
    if value is None:
        return None
    if not isinstance(value, int | float) or not 0 <= value <= 2:
        raise ValueError("'temperature' must be a number from 0 to 2")
    return float(value)


def from_chat(body: dict[str, Any]) -> Conversation:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ValueError("'messages' must be a non-empty array")
    conv = Conversation()
    for msg in messages:
        if not isinstance(msg, dict) or "role" not in msg:
            raise ValueError("each message needs a 'role'")
        role = msg["role"]
        if role not in ("system", "developer", "user", "assistant", "tool", "function"):
            raise ValueError(f"unknown role {role!r}")
        for call in msg.get("tool_calls") or [] if role == "assistant" else []:
            if isinstance(call, dict) and isinstance(call.get("function"), dict):
                conv.call_names[str(call.get("id"))] = str(call["function"].get("name") or "")
        if role == "tool":
            conv.outputs.append((len(conv.turns), str(msg.get("tool_call_id"))))
        elif role == "function":
            cid = f"function:{msg.get('name')}"
            conv.call_names[cid] = str(msg.get("name") or "")
            conv.outputs.append((len(conv.turns), cid))
        conv.turns.append(("tool" if role == "function" else role, _text(msg.get("content"))))
    conv.tools = _tools(body.get("tools"), nested=True)
    conv.temperature = _temperature(body)
    conv.tool_choice = body.get("tool_choice", "auto")
    fmt = body.get("response_format") or {}
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        conv.schema = (fmt.get("json_schema") or {}).get("schema") or {}
        conv.json_mode = True
    elif isinstance(fmt, dict) and fmt.get("type") == "json_object":
        conv.json_mode = True
    return _finish(conv)


def from_responses(
    body: dict[str, Any],
    history: list[tuple[str, str]] | None = None,
    history_calls: dict[str, str] | None = None,
) -> Conversation:
    """The conversation of a Responses request; ``history`` is the stored conversation a
    ``previous_response_id`` continues (its instructions are not carried over)."""
    conv = Conversation()
    if isinstance(body.get("instructions"), str):
        conv.turns.append(("system", body["instructions"]))
    conv.turns.extend(history or [])
    conv.call_names.update(history_calls or {})
    raw = body.get("input")
    if isinstance(raw, str):
        conv.turns.append(("user", raw))
    elif isinstance(raw, list):
        for item in raw:
            if not isinstance(item, dict):
                raise ValueError("each input item must be an object")
            kind = item.get("type", "message")
            if kind == "message":
                conv.turns.append((item.get("role", "user"), _text(item.get("content"))))
            elif kind == "function_call_output":
                conv.outputs.append((len(conv.turns), str(item.get("call_id"))))
                conv.turns.append(("tool", _text(item.get("output"))))
            elif kind == "function_call":
                conv.call_names[str(item.get("call_id"))] = str(item.get("name") or "")
                conv.turns.append(("assistant", ""))
    else:
        raise ValueError("'input' must be a string or an array")
    if not any(r == "user" for r, _ in conv.turns):
        raise ValueError("'input' has no user message")
    conv.tools = _tools(body.get("tools"), nested=False)
    conv.temperature = _temperature(body)
    conv.tool_choice = body.get("tool_choice", "auto")
    fmt = (
        ((body.get("text") or {}).get("format") or {}) if isinstance(body.get("text"), dict) else {}
    )
    if fmt.get("type") == "json_schema":
        conv.schema = fmt.get("schema") or {}
        conv.json_mode = True
    elif fmt.get("type") == "json_object":
        conv.json_mode = True
    return _finish(conv)
