"""Turn a conversation into a finished reply: route, usage, truncation by max tokens.

Shared by the Chat Completions and Responses endpoints, so both APIs answer the same request
with the same text and the same usage, streamed or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiwork.mock.common import count_tokens, digest
from aiwork.mock.conversation import Conversation
from aiwork.mock.errors import MockError
from aiwork.mock.models import CONTEXT_WINDOW
from aiwork.mock.replies import Reply
from aiwork.mock.router import route
from aiwork.mock.tokens import chat_prompt_tokens, truncate


@dataclass
class Completion:
    reply: Reply
    seed: str
    prompt_tokens: int
    completion_tokens: int
    truncated: bool

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def request_seed(model: str, conv_source: object, body: dict) -> str:
    """sha256 of what determines the reply: model, messages/input, seed and temperature."""
    return digest(
        model,
        conv_source,
        body.get("seed"),
        body.get("temperature"),
        body.get("response_format") or body.get("text"),
        body.get("tools"),
    )


def complete(conv: Conversation, seed: str, max_tokens: int | None) -> Completion:
    prompt_tokens = chat_prompt_tokens([text for _, text in conv.turns])
    if prompt_tokens > CONTEXT_WINDOW:
        raise MockError(
            400,
            f"This model's maximum context length is {CONTEXT_WINDOW} tokens. "
            f"However, your messages resulted in {prompt_tokens} tokens (mock).",
            "invalid_request_error",
            "context_length_exceeded",
            "messages",
        )
    if max_tokens is not None and (not isinstance(max_tokens, int) or max_tokens < 1):
        raise MockError(400, "max tokens must be a positive integer", param="max_tokens")
    reply = route(conv, seed)
    if reply.tool_calls:
        out = sum(count_tokens(c.name + c.arguments) for c in reply.tool_calls)
        return Completion(reply, seed, prompt_tokens, out, False)
    text = reply.text or ""
    out = count_tokens(text)
    truncated = False
    if max_tokens is not None and out > max_tokens:
        # Cut between tokens, on the same count the usage reports.
        reply.text = truncate(text, max_tokens)
        out, truncated = count_tokens(reply.text), True
    return Completion(reply, seed, prompt_tokens, out, truncated)
