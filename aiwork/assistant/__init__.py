"""The assistant for notebooks: one configuration for every backend.

``get_client()`` returns an ``openai.OpenAI`` client for the configured backend (the offline
assistant by default: nothing needs a key or a network), ``get_async_client()`` its async twin,
``hoi("lời nhắc")`` the reply text in one line. ``requests_log()`` / ``last_request()`` show
what was sent, so graders can check a learner's prompt, system message or temperature.
Settings: :mod:`aiwork.assistant.settings`.
"""

from __future__ import annotations

from typing import Any

import openai

from aiwork.assistant.settings import Settings, SettingsError, settings
from aiwork.errors import StepFailed

__all__ = [
    "AssistantError",
    "Settings",
    "SettingsError",
    "clear_requests_log",
    "get_async_client",
    "get_client",
    "hoi",
    "last_request",
    "requests_log",
    "settings",
]


OPENAI_API_URL = "https://api.openai.com/v1"


class AssistantError(StepFailed, RuntimeError):
    """A failure explained in Vietnamese for learners (the original error is chained)."""


def _client_kwargs(s: Settings, kw: dict[str, Any]) -> dict[str, Any]:
    if s.backend == "offline":
        from aiwork.assistant.offline import ensure_started

        return {"base_url": ensure_started(), "api_key": s.api_key, **kw}
    if s.backend == "compatible":
        # Local servers often need no key, but the SDK refuses to start without one.
        return {"base_url": s.base_url, "api_key": s.api_key or "not-needed", **kw}
    base = {"api_key": s.api_key, **kw}
    if s.backend == "openai":
        # Explicit, so an OPENAI_BASE_URL left by the offline assistant cannot redirect it.
        base["base_url"] = s.base_url or OPENAI_API_URL
    return base


def _guarded_http_client(s: Settings, is_async: bool) -> Any:
    from aiwork.assistant.guard import guarded_http_client

    return guarded_http_client(s.privacy_mode, is_async)


def get_client(**kw: Any) -> openai.OpenAI:
    """An ``openai.OpenAI`` (or ``AzureOpenAI``) client for the configured backend.

    Keyword arguments go to the client constructor (``timeout=``, ``max_retries=``...).
    """
    s = settings()
    args = _client_kwargs(s, kw)
    if not s.is_local and "http_client" not in args:
        args["http_client"] = _guarded_http_client(s, is_async=False)
    if s.backend == "azure":
        return openai.AzureOpenAI(
            azure_endpoint=s.azure_endpoint, api_version=s.api_version, **args
        )
    return openai.OpenAI(**args)


def get_async_client(**kw: Any) -> openai.AsyncOpenAI:
    """The async twin of :func:`get_client`."""
    s = settings()
    args = _client_kwargs(s, kw)
    if not s.is_local and "http_client" not in args:
        args["http_client"] = _guarded_http_client(s, is_async=True)
    if s.backend == "azure":
        return openai.AsyncAzureOpenAI(
            azure_endpoint=s.azure_endpoint, api_version=s.api_version, **args
        )
    return openai.AsyncOpenAI(**args)


_CLIENTS: dict[tuple, openai.OpenAI] = {}


def hoi(loi_nhac: str, he_thong: str | None = None, **kw: Any) -> str:
    """Ask the assistant (``loi_nhac``: the prompt; ``he_thong``: an optional system message).

    Returns the reply text. Other keyword arguments go to ``chat.completions.create``
    (``temperature=``, ``max_tokens=``, ``model=``...).
    """
    if not isinstance(loi_nhac, str) or not loi_nhac.strip():
        raise AssistantError("Lời nhắc đang trống: anh/chị hãy viết nội dung cần hỏi trợ lý.")
    s = settings()
    key = (s,)
    client = _CLIENTS.get(key)
    if client is None:
        client = _CLIENTS[key] = get_client()
    messages = ([{"role": "system", "content": he_thong}] if he_thong else []) + [
        {"role": "user", "content": loi_nhac}
    ]
    kw.setdefault("model", s.model)
    try:
        resp = client.chat.completions.create(messages=messages, **kw)
    except openai.AuthenticationError as exc:
        raise AssistantError(
            "Khóa API không hợp lệ: đề nghị kiểm tra lại cấu hình trợ lý (OPENAI_API_KEY)."
        ) from exc
    except openai.APIConnectionError as exc:
        raise AssistantError(
            "Không kết nối được tới trợ lý AI. Anh/chị kiểm tra mạng hoặc cấu "
            "hình AIWORK_BASE_URL, rồi thử lại."
        ) from exc
    return resp.choices[0].message.content or ""


def requests_log() -> list[dict[str, Any]]:
    """What was sent, oldest first: each entry has ``path``, ``model``, ``body`` (the JSON
    the model received), ``task``, ``hallucinated`` and ``status``.

    Offline: every request the offline assistant received in this process (``hoi``,
    ``get_client`` and a plain ``OpenAI()`` alike). Other backends: the requests sent through
    clients made by :func:`get_client` / :func:`get_async_client` (after the privacy guard).
    """
    if settings().is_local:
        from aiwork.mock import reqlog

        return reqlog.entries()
    from aiwork.assistant import guard

    return guard.sent_log()


def last_request() -> dict[str, Any] | None:
    log = requests_log()
    return log[-1] if log else None


def clear_requests_log() -> None:
    from aiwork.assistant import guard
    from aiwork.mock import reqlog

    reqlog.clear()
    guard.clear_sent_log()
