"""The models the offline assistant serves, and the model names that inject errors.

This is the one home of the offline model names; ``aiwork.assistant.settings()`` reads its
offline defaults from here.

Error-injection models (stateless: keyed on the SDK's ``x-stainless-retry-count`` header, so
the same request always fails or succeeds the same way):

- ``mock-ratelimit-N``: 429 ``rate_limit_exceeded`` with ``retry-after-ms`` while the retry
  count is below N (N <= 2 recovers with the SDK's default two retries);
- ``mock-overloaded``: 503 on every try; ``mock-overloaded-N``: 503 on the first N tries;
- ``mock-servererror-N``: 500 on the first N tries;
- ``mock-slow``: waits ``AIWORK_MOCK_SLOW_SECONDS`` (default 3) before every reply, enough to
  trip a client ``timeout=1``; ``mock-slow-N``: slow on the first N tries only.
Any of them otherwise answers like ``mock-gpt``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

DEFAULT_CHAT_MODEL = "mock-gpt"
DEFAULT_EMBEDDING_MODEL = "mock-embedding"
CHAT_MODELS = ("mock-gpt", "mock-gpt-mini")
EMBEDDING_MODELS = ("mock-embedding",)
OWNER = "aiwork-mock"

# Prompts longer than this many (estimated) tokens get 400 context_length_exceeded.
CONTEXT_WINDOW = 32_000
RETRY_AFTER_MS = 50

_INJECT = re.compile(r"^mock-(ratelimit|overloaded|servererror|slow)(?:-(\d+))?$")


@dataclass(frozen=True)
class Injection:
    kind: str  # "ratelimit" | "overloaded" | "servererror" | "slow"
    tries: int | None  # fail/slow on tries 0..tries-1; None = every try


def injection(model: str) -> Injection | None:
    m = _INJECT.match(model)
    if not m:
        return None
    kind, n = m.group(1), m.group(2)
    if kind == "ratelimit" and n is None:
        n = "1"
    return Injection(kind, int(n) if n is not None else None)


def is_chat_model(model: str) -> bool:
    return model in CHAT_MODELS or injection(model) is not None


def is_embedding_model(model: str) -> bool:
    return model in EMBEDDING_MODELS


def slow_seconds() -> float:
    return float(os.environ.get("AIWORK_MOCK_SLOW_SECONDS", "3"))


def model_list() -> list[str]:
    return [*CHAT_MODELS, *EMBEDDING_MODELS]
