"""Function calling: call the best-matching tool with schema-valid arguments, then answer
from the tool's result.

A tool's score is the share of its name/description/parameter words found in the user turn.
``tool_choice``: "none" -> no call; "required" -> the best tool even with score 0; a named
function -> that one; "auto" (default) -> the best tool if it scores above 0. Arguments are
filled by :func:`aiwork.mock.replies.extract.fill`, except free-text query parameters
(query, q, keyword, tu_khoa, cau_hoi, noi_dung...), which get the user's question.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiwork.mock.conversation import Conversation, Tool
from aiwork.mock.replies import Reply, ToolCall
from aiwork.mock.replies.answer import from_context, from_passages, question_of
from aiwork.mock.replies.extract import _Ctx, fill
from aiwork.mock.textutil import keywords, overlap, passages
from aiwork.prompt_anatomy import PromptAnatomy, fold

_QUERY_PARAM = re.compile(
    r"^(query|q|keyword|keywords|search|tu_?khoa|cau_?hoi|noi_?dung|question|text|prompt)$"
)


def _tool_words(tool: Tool) -> list[str]:
    params = tool.parameters.get("properties", {}) if isinstance(tool.parameters, dict) else {}
    bits = [tool.name.replace("_", " "), tool.description]
    bits += [
        f"{k.replace('_', ' ')} {v.get('description', '')}"
        for k, v in params.items()
        if isinstance(v, dict)
    ]
    return keywords(" ".join(bits))


def choose(conv: Conversation) -> Tool | None:
    choice = conv.tool_choice
    if choice == "none" or not conv.tools:
        return None
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name") or choice.get("name")
        named = [t for t in conv.tools if t.name == name]
        if named:
            return named[0]
    uk = set(keywords(conv.user))
    scored = [
        (overlap(_tool_words(t), list(uk)) + overlap(list(uk), _tool_words(t)), -i, t)
        for i, t in enumerate(conv.tools)
    ]
    best_score, _, best = max(scored, key=lambda s: (s[0], s[1]))
    if best_score > 0 or choice == "required" or isinstance(choice, dict):
        return best
    return None


def call(conv: Conversation, tool: Tool, seed: str) -> Reply:
    schema: dict[str, Any] = tool.parameters if isinstance(tool.parameters, dict) else {}
    ctx = _Ctx(conv.user)
    args = fill({**schema, "type": "object"}, ctx)
    question = question_of(conv.user).strip()
    for key, prop in schema.get("properties", {}).items():
        if (
            _QUERY_PARAM.match(fold(key))
            and isinstance(prop, dict)
            and prop.get("type", "string") == "string"
            and "enum" not in prop
        ):
            args[key] = question
    arguments = json.dumps(args, ensure_ascii=False)
    return Reply(
        None, task="tool-call", tool_calls=[ToolCall("call_" + seed[:24], tool.name, arguments)]
    )


def answer_from_results(conv: Conversation, anatomy: PromptAnatomy, seed: str) -> Reply:
    results = "\n".join(conv.tool_results)
    found = passages(results)
    if found:
        reply = from_passages(conv.user, found, anatomy, seed)
        reply.task = "tool-answer"
        return reply
    try:
        data = json.loads(results)
    except ValueError:
        data = None
    if isinstance(data, dict | list):
        items = data.items() if isinstance(data, dict) else enumerate(data, 1)
        facts = "; ".join(f"{k}: {v}" for k, v in items if v not in (None, "", [], {}))
        text = (
            f"Theo kết quả tra cứu từ công cụ: {facts}."
            if facts
            else "Công cụ không trả về thông tin nào cho yêu cầu này."
        )
        return Reply(text, task="tool-answer")
    reply = (
        from_context(conv.user, results, anatomy, seed)
        if results.strip()
        else Reply("Công cụ không trả về thông tin nào cho yêu cầu này.", task="tool-answer")
    )
    reply.task = "tool-answer"
    return reply
