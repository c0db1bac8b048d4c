"""The models the offline assistant serves, and the model names that inject errors.

This is the one home of the offline model names; ``aiwork.assistant.settings()`` reads its
offline defaults from here.

Error-injection models behave as a real endpoint under load: they keep per-caller state, as
a rate limiter does. A caller is what an endpoint sees (the API key, the learner the hub
gateway names, the client's address); each (caller, model) has failure *episodes*
(:class:`aiwork.mock.errors.Episodes`): the first N requests of an episode fail, the next one
succeeds and ends it; an episode idle for 30 s is forgotten. So every retry loop recovers
(the SDK's own, LangChain's, LiteLLM's, tenacity, curl), whoever wrote it:

- ``mock-ratelimit-N``: 429 ``rate_limit_exceeded`` for the first N requests of an episode,
  with ``retry-after`` (seconds) and ``retry-after-ms`` (N <= 2 recovers within the SDK's
  default two retries; ``mock-ratelimit`` is ``mock-ratelimit-1``);
- ``mock-overloaded``: 503 on every request; ``mock-overloaded-N``: 503 for the first N;
- ``mock-servererror-N``: 500 for the first N;
- ``mock-slow``: waits ``AIWORK_MOCK_SLOW_SECONDS`` (default 3) before every reply, enough to
  trip a client ``timeout=1``; ``mock-slow-N``: slow for the first N requests only.
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
