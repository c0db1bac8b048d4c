"""OpenAI-style errors: the envelope, the status codes, and stateless error injection."""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from aiwork.mock.common import MockRequest, MockResponse, json_body
from aiwork.mock.models import RETRY_AFTER_MS, injection

INVALID_KEYS = frozenset({"sk-invalid", ""})


class MockError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        type_: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type_
        self.code = code
        self.param = param
        self.headers = headers or {}

    def envelope(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }


class MockTimeout(Exception):
    """The client's read timeout passes while a slow model is "thinking" (in-process only):
    the transport waits ``after`` seconds, then raises the HTTP library's ``ReadTimeout``."""

    def __init__(self, after: float) -> None:
        super().__init__(f"read timeout after {after} s")
        self.after = after


def bad_request(message: str, param: str | None = None, code: str | None = None) -> MockError:
    return MockError(400, message, "invalid_request_error", code, param)


def error_response(err: MockError) -> MockResponse:
    headers = {"content-type": "application/json", **err.headers}
    return MockResponse(err.status, headers, json_body(err.envelope()))


def api_key(req: MockRequest) -> str:
    auth = req.header("authorization")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return req.header("api-key").strip()


def check_auth(req: MockRequest) -> None:
    key = api_key(req)
    if key in INVALID_KEYS:
        raise MockError(
            401,
            "Incorrect API key provided (mock). Kiểm tra lại khóa API.",
            "invalid_request_error",
            "invalid_api_key",
        )


def retry_count(req: MockRequest) -> int:
    """The SDK's own retry counter (informative only: the request log shows it)."""
    try:
        return int(req.header("x-stainless-retry-count", "0"))
    except ValueError:
        return 0


def caller_of(req: MockRequest) -> tuple[str, str, str]:
    """Who is calling, as a real endpoint sees it: the API key, the learner named by the hub
    gateway (``x-aiwork-caller``: every learner reaches the model with the gateway's key) and
    the client's address."""
    return api_key(req), req.header("x-aiwork-caller"), req.client


class Episodes:
    """Failure episodes of the error-injection models, keyed on (caller, model).

    A ``mock-ratelimit-N`` request from a caller fails while that caller's episode on that
    model has fewer than N failures, then succeeds and the episode ends; the next request starts
    a new one. An episode left alone for :attr:`window` seconds is forgotten. So any client's
    retry loop recovers as against a real endpoint (the SDK's own retries, LangChain's
    ``with_retry``, LiteLLM's Router, the Agents SDK, tenacity, curl ``--retry``), and a
    learner who calls again later sees the failures again, as the lesson expects."""

    def __init__(self, window: float = 30.0, max_keys: int = 10_000) -> None:
        self.window = window
        self.max_keys = max_keys
        self._lock = threading.Lock()
        self._state: dict[tuple[object, ...], tuple[int, float]] = {}

    def attempt(self, key: tuple[object, ...], tries: int) -> int:
        """This request's index in its episode (0 = first); the episode ends at ``tries``."""
        now = clock()
        with self._lock:
            count, last = self._state.get(key, (0, now))
            if now - last > self.window:
                count = 0
            if count >= tries:
                self._state.pop(key, None)
            else:
                if len(self._state) >= self.max_keys:
                    # Bounded: forget the stalest episodes.
                    for old, _ in sorted(self._state.items(), key=lambda kv: kv[1][1])[
                        : self.max_keys // 10
                    ]:
                        del self._state[old]
                self._state[key] = (count + 1, now)
            return count

    def clear(self) -> None:
        with self._lock:
            self._state.clear()


def clock() -> float:
    return time.monotonic()


EPISODES = Episodes()


def _failing(model: str, req: MockRequest, kind: str) -> bool:
    """Whether this request of an injection model of ``kind`` fails (or is slow)."""
    inj = injection(model)
    if inj is None or (inj.kind == "slow") != (kind == "slow"):
        return False
    if inj.tries is None:
        return True
    return EPISODES.attempt((*caller_of(req), model), inj.tries) < inj.tries


def injected_delay(model: str, req: MockRequest) -> bool:
    """True when this request to ``model`` should be slow (the caller decides how long)."""
    return _failing(model, req, "slow")


def _retry_headers() -> dict[str, str]:
    # Seconds for every HTTP client (rounded up, as real endpoints do) and milliseconds for
    # the ones that read them first (the OpenAI SDK).
    return {
        "retry-after": str(max(1, math.ceil(RETRY_AFTER_MS / 1000))),
        "retry-after-ms": str(RETRY_AFTER_MS),
    }


def check_injection(model: str, req: MockRequest) -> None:
    """Raise the error a ``mock-ratelimit-N`` / ``mock-overloaded`` ... model has now."""
    if not _failing(model, req, "error"):
        return
    kind = injection(model).kind  # type: ignore[union-attr]
    if kind == "ratelimit":
        raise MockError(
            429,
            "Rate limit reached for requests (mock). Vui lòng thử lại sau.",
            "requests",
            "rate_limit_exceeded",
            headers=_retry_headers(),
        )
    if kind == "overloaded":
        raise MockError(
            503,
            "The server is overloaded (mock). Máy chủ đang quá tải.",
            "server_error",
            "server_overloaded",
            headers=_retry_headers(),
        )
    raise MockError(
        500,
        "The server had an error while processing your request (mock).",
        "server_error",
        "internal_error",
    )
