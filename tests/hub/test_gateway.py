"""The assistant gateway without a hub: auth, forwarding (plain and streamed), the privacy
guard, quotas, the usage log, key secrecy, and the offline assistant as upstream."""

from __future__ import annotations

import json

import httpx
import openai
import pytest
from fake_upstream import REPLY, FakeUpstream
from gateway_runner import RunningGateway

from aiwork.gateway import messages
from aiwork.gateway.app import Upstream, quota_for
from aiwork.gateway.auth import Caller
from aiwork.gateway.offline import start_offline_upstream
from aiwork.gateway.settings import GatewaySettings, from_env
from aiwork.gateway.store import UsageStore, local_day
from aiwork.gateway.usage import SSEAccountant
from aiwork.mock.models import DEFAULT_CHAT_MODEL

SECRET = "sk-test-REAL-KEY-0123456789abcdef"
TOKENS = {
    "tok-lan": Caller("lan", ("learners",)),
    "tok-minh": Caller("minh", ("learners",)),
    "tok-gv": Caller("gv", ("trainers",)),
}


@pytest.fixture
def upstream():
    server = FakeUpstream()
    yield server
    server.shutdown()


@pytest.fixture
def gateway(tmp_path, upstream):
    settings = GatewaySettings(
        upstream_url=upstream.base_url,
        upstream_key=SECRET,
        daily_tokens=100,
        group_overrides={"trainers": 0},
    )
    gw = RunningGateway(
        settings,
        Upstream(upstream.base_url, SECRET, local=False, label="fake"),
        TOKENS,
        tmp_path / "usage.sqlite",
    )
    yield gw
    gw.close()


def client(gw: RunningGateway, token: str | None) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=gw.base_url,
        api_key=token or "",
        max_retries=0,
        http_client=httpx.Client(trust_env=False),
    )


def ask(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


def test_missing_and_wrong_tokens_are_refused(gateway, upstream):
    r = httpx.post(
        gateway.base_url + "/chat/completions", json={"messages": ask("x")}, trust_env=False
    )
    assert r.status_code == 401
    assert r.json()["error"]["message"] == messages.MISSING_TOKEN
    with pytest.raises(openai.AuthenticationError) as exc:
        client(gateway, "not-a-token").chat.completions.create(model="m", messages=ask("x"))
    assert messages.INVALID_TOKEN in str(exc.value)
    assert upstream.requests == []  # nothing reached the model


def test_bad_bodies_and_paths_are_refused_before_the_model(gateway, upstream):
    auth = {"Authorization": "Bearer tok-lan"}
    for content in (b"not json", b"[1, 2]"):
        r = httpx.post(
            gateway.base_url + "/chat/completions", content=content, headers=auth, trust_env=False
        )
        assert r.status_code == 400 and r.json()["error"]["message"] == messages.BAD_JSON
    r = httpx.post(gateway.base_url + "/files", json={}, headers=auth, trust_env=False)
    assert r.status_code == 404
    assert upstream.requests == []


def test_forwards_with_the_real_key_and_logs_usage(gateway, upstream):
    reply = client(gateway, "tok-lan").chat.completions.create(model="m", messages=ask("Chào"))
    assert reply.choices[0].message.content.startswith(REPLY)
    assert upstream.requests[-1]["auth"] == f"Bearer {SECRET}"  # learner token replaced
    assert gateway.store.used_on("lan") == 42  # the upstream's reported usage
    rows = gateway.store.report(local_day())
    assert [(r.user, r.requests, r.total_tokens) for r in rows] == [("lan", 1, 42)]


def test_stream_passes_through_and_counts_usage_without_extra_chunk(gateway, upstream):
    stream = client(gateway, "tok-minh").chat.completions.create(
        model="m", messages=ask("Chào"), stream=True
    )
    chunks = list(stream)
    # The learner did not ask for usage: the gateway asked for it and removed that chunk, so
    # code reading chunk.choices[0] keeps working.
    assert all(chunk.choices for chunk in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == REPLY
    assert upstream.requests[-1]["body"]["stream_options"] == {"include_usage": True}
    assert gateway.store.used_on("minh") == 42


def test_stream_keeps_usage_chunk_when_learner_asked(gateway):
    stream = client(gateway, "tok-minh").chat.completions.create(
        model="m", messages=ask("Chào"), stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert chunks[-1].usage.total_tokens == 42 and chunks[-1].choices == []


def test_daily_quota_refuses_with_vietnamese_message_and_no_retry(gateway, upstream):
    c = client(gateway, "tok-lan")
    for _ in range(3):  # 3 x 42 tokens: the third request starts at 84 < 100, ends at 126
        c.chat.completions.create(model="m", messages=ask("Chào"))
    sent = len(upstream.requests)
    retrying = openai.OpenAI(
        base_url=gateway.base_url,
        api_key="tok-lan",
        max_retries=2,
        http_client=httpx.Client(trust_env=False),
    )
    with pytest.raises(openai.RateLimitError) as exc:
        retrying.chat.completions.create(model="m", messages=ask("Chào"))
    message = exc.value.body["message"]
    assert "hết hạn mức 100 token" in message and "126" in message
    assert exc.value.response.headers["x-should-retry"] == "false"
    assert len(upstream.requests) == sent  # refused before the model
    # Another learner and the trainers (unlimited by group override) are not affected.
    client(gateway, "tok-minh").chat.completions.create(model="m", messages=ask("Chào"))
    for _ in range(4):
        client(gateway, "tok-gv").chat.completions.create(model="m", messages=ask("Chào"))


def test_key_never_reaches_the_learner(gateway, upstream):
    with pytest.raises(openai.AuthenticationError) as exc:
        client(gateway, "tok-lan").chat.completions.create(model="m", messages=ask("ECHO_KEY"))
    response = exc.value.response
    assert SECRET not in response.text
    assert all(SECRET not in v for v in response.headers.values())
    assert upstream.requests[-1]["auth"] == f"Bearer {SECRET}"  # it was really sent upstream
    health = httpx.get(
        gateway.base_url.removesuffix("/v1") + "/",
        headers={"Authorization": "Bearer tok-lan"},
        trust_env=False,
    )
    assert health.status_code == 200 and SECRET not in health.text
    assert health.json()["user"] == "lan" and health.json()["daily_limit"] == 100


def test_privacy_guard_redacts_before_upstream_and_restores_in_reply(gateway, upstream):
    cccd = "001203004567"  # fictional citizen id
    text = f"Soạn giấy mời cho ông Nguyễn Văn An, CCCD {cccd}."
    reply = client(gateway, "tok-lan").chat.completions.create(model="m", messages=ask(text))
    sent = json.dumps(upstream.requests[-1]["body"], ensure_ascii=False)
    assert cccd not in sent and "[CCCD" in sent
    assert cccd in reply.choices[0].message.content  # re-identified on the server side


def test_privacy_guard_block_mode(tmp_path, upstream):
    settings = GatewaySettings(
        upstream_url=upstream.base_url, upstream_key=SECRET, privacy_mode="block"
    )
    gw = RunningGateway(
        settings,
        Upstream(upstream.base_url, SECRET, local=False, label="fake"),
        TOKENS,
        tmp_path / "u.sqlite",
    )
    try:
        with pytest.raises(openai.BadRequestError) as exc:
            client(gw, "tok-lan").chat.completions.create(
                model="m", messages=ask("Số điện thoại của bà Lê Thị Hoa là 0912 345 678.")
            )
        assert "dữ liệu cá nhân" in exc.value.body["message"]
        assert upstream.requests == []
    finally:
        gw.close()


def test_offline_assistant_is_the_upstream_when_none_configured(tmp_path):
    settings = GatewaySettings(upstream_url=None, upstream_key=None, daily_tokens=10_000)
    assert settings.offline
    gw = RunningGateway(
        settings,
        Upstream(start_offline_upstream(), "offline", local=True, label="offline"),
        TOKENS,
        tmp_path / "u.sqlite",
    )
    try:
        c = client(gw, "tok-lan")
        plain = c.chat.completions.create(
            model=DEFAULT_CHAT_MODEL, messages=ask("Soạn thông báo họp giao ban")
        )
        assert plain.choices[0].message.content.strip()
        streamed = "".join(
            ch.choices[0].delta.content or ""
            for ch in c.chat.completions.create(
                model=DEFAULT_CHAT_MODEL, messages=ask("Soạn thông báo họp giao ban"), stream=True
            )
        )
        assert streamed == plain.choices[0].message.content
        assert gw.store.used_on("lan") == 2 * plain.usage.total_tokens
    finally:
        gw.close()


def test_quota_message_numbers_in_vietnamese_style():
    text = messages.format_quota(50_000, 51_234)
    assert "hạn mức 50.000 token" in text and "đã dùng 51.234 token" in text
    assert "Trong lúc chờ, anh/chị" in text  # the sentence's own comma is untouched


def test_quota_resolution_order():
    s = GatewaySettings(
        upstream_url=None,
        upstream_key=None,
        daily_tokens=1000,
        user_overrides={"lan": 50},
        group_overrides={"trainers": 0, "pilot": 5000},
    )
    assert quota_for(s, Caller("lan", ("trainers",))) == 50
    assert quota_for(s, Caller("gv", ("trainers", "pilot"))) == 0
    assert quota_for(s, Caller("an", ("pilot",))) == 5000
    assert quota_for(s, Caller("hoa", ())) == 1000


def test_settings_from_env():
    s = from_env(
        {
            "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:9123/",
            "AIWORK_GATEWAY_UPSTREAM": "https://llm.example.invalid/v1/",
            "AIWORK_GATEWAY_DAILY_TOKENS": "777",
            "AIWORK_GATEWAY_GROUP_QUOTAS": '{"trainers": 0}',
        }
    )
    assert (s.port, s.upstream_url, s.daily_tokens) == (9123, "https://llm.example.invalid/v1", 777)
    assert s.group_overrides == {"trainers": 0} and not s.offline and not s.upstream_is_local


def test_usage_day_is_local_time():
    from datetime import UTC, datetime

    assert local_day(datetime(2026, 11, 29, 16, 59, tzinfo=UTC)) == "2026-11-29"
    assert local_day(datetime(2026, 11, 29, 17, 0, tzinfo=UTC)) == "2026-11-30"  # 0h in Hà Nội


def test_store_report_range(tmp_path):
    from datetime import UTC, datetime

    store = UsageStore(tmp_path / "s.sqlite")
    store.record(
        "a",
        "chat/completions",
        "m",
        False,
        10,
        5,
        False,
        200,
        "x",
        now=datetime(2026, 11, 1, 3, tzinfo=UTC),
    )
    store.record(
        "b",
        "chat/completions",
        "m",
        True,
        1,
        1,
        True,
        200,
        "x",
        now=datetime(2026, 11, 2, 3, tzinfo=UTC),
    )
    assert [r.user for r in store.report("2026-11-01", "2026-11-02")] == ["a", "b"]
    assert [r.total_tokens for r in store.report("2026-11-02")] == [2]


def test_sse_accountant_handles_split_events():
    acc = SSEAccountant(drop_usage_only_chunk=True)
    events = (
        b'data: {"object":"chat.completion.chunk","choices":[{"delta":{"content":"A"}}]}\n\n'
        b'data: {"object":"chat.completion.chunk","choices":[],"usage":'
        b'{"prompt_tokens":3,"completion_tokens":4}}\n\ndata: [DONE]\n\n'
    )
    out = b"".join(acc.feed(events[i : i + 7]) for i in range(0, len(events), 7)) + acc.flush()
    assert b'"usage"' not in out and out.endswith(b"data: [DONE]\n\n")
    assert acc.usage.total == 7 and "".join(acc.text) == "A"


def test_usage_cli_prints_csv(tmp_path, capsys):
    from aiwork.cli import main

    db = tmp_path / "u.sqlite"
    store = UsageStore(db)
    store.record("lan", "chat/completions", "m", False, 30, 12, False, 200, "x")
    store.record("lan", "chat/completions", "m", True, 3, 4, True, 200, "x")
    store.close()
    assert main(["gateway", "usage", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == ["user,requests,prompt_tokens,completion_tokens,total_tokens", "lan,2,33,16,49"]
    assert main(["gateway", "usage", "--db", str(tmp_path / "none.sqlite")]) == 1


def test_sse_accountant_holds_done_until_asked():
    # The gateway sends [DONE] only after recording usage: the SDK stops reading there, so a
    # quota check on the learner's next request must already count this one.
    acc = SSEAccountant(drop_usage_only_chunk=True, hold_done=True)
    events = (
        b'data: {"object":"chat.completion.chunk","choices":[{"delta":{"content":"A"}}]}\n\n'
        b'data: {"object":"chat.completion.chunk","choices":[],"usage":'
        b'{"prompt_tokens":3,"completion_tokens":4}}\n\ndata: [DONE]\n\n'
    )
    out = b"".join(acc.feed(events[i : i + 7]) for i in range(0, len(events), 7)) + acc.flush()
    assert b"[DONE]" not in out and b'"content":"A"' in out
    assert acc.held == b"data: [DONE]\n\n" and acc.usage.total == 7
