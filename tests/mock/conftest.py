"""Fixtures: the official SDK, strict validation, against both adapters of the mock."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest

from aiwork.mock import reqlog, transport
from aiwork.mock.errors import EPISODES
from aiwork.mock.server import MockServer, start_background

KEY = "sk-test-mock"


@pytest.fixture(scope="session")
def http_server() -> Iterator[MockServer]:
    server = start_background("127.0.0.1", 0)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["inprocess", "http"])
def adapter(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def make_client(adapter: str, http_server: MockServer, monkeypatch: pytest.MonkeyPatch):
    """Build a strict sync client on the chosen adapter: ``make_client(max_retries=0)``."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")

    def build(**kw) -> openai.OpenAI:
        kw.setdefault("_strict_response_validation", True)
        kw.setdefault("api_key", KEY)
        if adapter == "inprocess":
            return transport.client(**kw)
        return openai.OpenAI(base_url=http_server.url + "/v1", **kw)

    return build


@pytest.fixture
def make_async_client(adapter: str, http_server: MockServer, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")

    def build(**kw) -> openai.AsyncOpenAI:
        kw.setdefault("_strict_response_validation", True)
        kw.setdefault("api_key", KEY)
        if adapter == "inprocess":
            return transport.async_client(**kw)
        return openai.AsyncOpenAI(base_url=http_server.url + "/v1", **kw)

    return build


@pytest.fixture
def client(make_client) -> openai.OpenAI:
    return make_client()


@pytest.fixture(autouse=True)
def _clean_log() -> None:
    reqlog.clear()
    EPISODES.clear()  # error-injection episodes are per caller: no test inherits another's
