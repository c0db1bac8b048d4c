"""Start the offline assistant once per process and point the plain SDK at it."""

from __future__ import annotations

import os
import threading

from aiwork.assistant.settings import OFFLINE_API_KEY

_lock = threading.Lock()
_server = None  # aiwork.mock.server.MockServer, started lazily
LOOPBACK = ("127.0.0.1", "localhost")


def _add_no_proxy() -> None:
    # A corporate HTTP(S)_PROXY would otherwise capture loopback traffic.
    for var in ("NO_PROXY", "no_proxy"):
        have = [h.strip() for h in os.environ.get(var, "").split(",") if h.strip()]
        os.environ[var] = ",".join(have + [h for h in LOOPBACK if h not in have])


def ensure_started() -> str:
    """Start the mock on a free loopback port (first call only); return its ``/v1`` URL.

    Also sets ``OPENAI_BASE_URL``, a dummy ``OPENAI_API_KEY`` and ``NO_PROXY`` so that a plain
    ``openai.OpenAI()`` created afterwards in the same kernel talks to the offline assistant.
    """
    global _server
    with _lock:
        if _server is None:
            from aiwork.mock.server import start_background

            handler = None
            if os.environ.get("AIWORK_MOCK_REPLAY"):
                # A trainer's recorded cassette replaces the generated replies.
                from aiwork.mock.record import replay_handler

                handler = replay_handler(os.environ["AIWORK_MOCK_REPLAY"])
            _server = start_background("127.0.0.1", 0, handler=handler)
        url = _server.url + "/v1"
    os.environ["OPENAI_BASE_URL"] = url
    os.environ["OPENAI_API_KEY"] = OFFLINE_API_KEY
    _add_no_proxy()
    return url


def warm_up(structured: type | None = None, messages: list[dict] | None = None) -> None:
    """Pay the offline assistant's first-use costs once in this process, without a server or
    a thread: one chat completion (and, with ``structured``, a pydantic model, one structured
    output) through the in-process transport, then the request log emptied, so what learners
    and graders read of it (``requests_log()``) starts empty as before. ``aiwork grade`` calls
    it in its grading template (``AiworkGrade.warm_up``)."""
    from aiwork.assistant.settings import settings
    from aiwork.mock import reqlog, transport

    model = settings().model
    asked = messages or [{"role": "user", "content": "Soạn giúp tôi một đoạn văn ngắn."}]
    with transport.client() as client:
        client.chat.completions.create(model=model, messages=asked)
        if structured is not None:
            client.chat.completions.parse(
                model=model, temperature=0, response_format=structured, messages=asked
            )
    reqlog.clear()
