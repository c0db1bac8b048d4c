"""Error models recover under any client's retry loop, as a real endpoint's limits do."""

from __future__ import annotations

import time

import openai
import pytest

from aiwork.mock import errors
from aiwork.mock.httpcompat import http_lib
from aiwork.mock.transport import transport

USER = [{"role": "user", "content": "Xin chào"}]
BODY = {"model": "mock-ratelimit-2", "messages": USER}


@pytest.fixture
def raw(adapter: str, http_server):
    """A plain HTTP client (no SDK, no retry logic of its own) on either adapter."""
    http = http_lib()
    if adapter == "inprocess":
        client = http.Client(transport=transport(), base_url="http://aiwork-mock.invalid")
    else:
        client = http.Client(base_url=http_server.url, trust_env=False)
    with client:
        yield client


def post(client, key: str = "sk-loop", body: dict | None = None):
    return client.post(
        "/v1/chat/completions", json=body or BODY, headers={"authorization": f"Bearer {key}"}
    )


def test_plain_http_retry_loop_recovers(raw) -> None:
    """A loop honouring Retry-After (as curl --retry or tenacity would) gets through."""
    statuses = []
    for _ in range(5):
        r = post(raw)
        statuses.append(r.status_code)
        if r.status_code != 429:
            break
        assert r.json()["error"]["code"] == "rate_limit_exceeded"
        seconds = int(r.headers["retry-after"])  # whole seconds, as HTTP defines it
        assert 1 <= seconds <= 60
        assert int(r.headers["retry-after-ms"]) <= seconds * 1000
        time.sleep(int(r.headers["retry-after-ms"]) / 1000)
    assert statuses == [429, 429, 200]
    assert r.json()["choices"][0]["message"]["content"]
    # The episode ended: the next call starts a new one, as the lesson shows.
    assert post(raw).status_code == 429


def test_sdk_without_retries_recovers_in_an_outer_loop(make_client) -> None:
    """LangChain's with_retry, LiteLLM's Router, the Agents SDK: the SDK with max_retries=0,
    called again by the framework (each call sends x-stainless-retry-count: 0)."""
    client = make_client(max_retries=0)
    outcomes = []
    for _ in range(4):
        try:
            client.chat.completions.create(model="mock-ratelimit-2", messages=USER)
            outcomes.append("ok")
            break
        except openai.RateLimitError:
            outcomes.append("429")
    assert outcomes == ["429", "429", "ok"]


def test_episodes_are_per_caller_and_model(raw) -> None:
    assert post(raw, "sk-lan").status_code == 429
    assert post(raw, "sk-minh").status_code == 429  # another key: its own episode
    assert post(raw, "sk-lan").status_code == 429
    assert post(raw, "sk-lan").status_code == 200
    other = {"model": "mock-overloaded-1", "messages": USER}
    assert post(raw, "sk-lan", other).status_code == 503
    assert post(raw, "sk-lan", other).status_code == 200
    assert post(raw, "sk-minh").status_code == 429
    assert post(raw, "sk-minh").status_code == 200


def test_an_idle_episode_is_forgotten(raw, monkeypatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(errors, "clock", lambda: now[0])
    assert post(raw).status_code == 429
    now[0] += errors.EPISODES.window + 1
    assert post(raw).status_code == 429  # a new episode: first failure again
    assert post(raw).status_code == 429
    assert post(raw).status_code == 200


def test_overloaded_without_count_always_fails(raw) -> None:
    body = {"model": "mock-overloaded", "messages": USER}
    for _ in range(3):
        r = post(raw, body=body)
        assert r.status_code == 503 and r.headers["retry-after"] == "1"


def test_episode_store_is_bounded() -> None:
    store = errors.Episodes(max_keys=50)
    for i in range(500):
        store.attempt(("k", i), 3)
    assert len(store._state) <= 50
