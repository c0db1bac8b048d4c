"""OpenAI-style errors: the envelope, the status codes, and stateless error injection."""

from __future__ import annotations

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
    try:
        return int(req.header("x-stainless-retry-count", "0"))
    except ValueError:
        return 0


def injected_delay(model: str, req: MockRequest) -> bool:
    """True when this try of ``model`` should be slow (the caller decides how long)."""
    inj = injection(model)
    return bool(inj and inj.kind == "slow" and (inj.tries is None or retry_count(req) < inj.tries))


def check_injection(model: str, req: MockRequest) -> None:
    """Raise the error a ``mock-ratelimit-N`` / ``mock-overloaded`` ... model has on this try."""
    inj = injection(model)
    if inj is None or inj.kind == "slow":
        return
    if inj.tries is not None and retry_count(req) >= inj.tries:
        return
    if inj.kind == "ratelimit":
        raise MockError(
            429,
            "Rate limit reached for requests (mock). Vui lòng thử lại sau.",
            "requests",
            "rate_limit_exceeded",
            headers={"retry-after-ms": str(RETRY_AFTER_MS)},
        )
    if inj.kind == "overloaded":
        raise MockError(
            503,
            "The server is overloaded (mock). Máy chủ đang quá tải.",
            "server_error",
            "server_overloaded",
        )
    raise MockError(
        500,
        "The server had an error while processing your request (mock).",
        "server_error",
        "internal_error",
    )
