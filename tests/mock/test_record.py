"""Record against an endpoint (a local stand-in), replay offline; and the serve command."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys

import openai
import pytest

from aiwork.mock.record import recording_handler, replay_handler
from aiwork.mock.server import start_background

CHAT = [
    {
        "role": "user",
        "content": 'Tóm tắt văn bản sau thành 2 ý:\n"""Trung tâm tiếp nhận 12.500 '
        'hồ sơ. Tỷ lệ trực tuyến đạt 68%. Thời gian chờ giảm còn 15 phút."""',
    }
]


def _client(url: str, **kw) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=url + "/v1",
        api_key="sk-learner",
        max_retries=0,
        _strict_response_validation=True,
        **kw,
    )


def _calls(c: openai.OpenAI) -> tuple[str, str, list[float]]:
    plain = c.chat.completions.create(model="mock-gpt", messages=CHAT).choices[0].message.content
    streamed = "".join(
        ch.choices[0].delta.content or ""
        for ch in c.chat.completions.create(model="mock-gpt", messages=CHAT, stream=True)
        if ch.choices
    )
    emb = (
        c.embeddings.create(
            model="mock-embedding", input="hồ sơ trực tuyến", encoding_format="float"
        )
        .data[0]
        .embedding
    )
    return plain, streamed, emb


def test_record_then_replay_offline(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    cassette = tmp_path / "lop-01.jsonl"
    real = start_background()  # stands in for the real endpoint
    proxy = start_background(handler=recording_handler(real.url + "/v1", cassette, "sk-upstream"))
    try:
        recorded = _calls(_client(proxy.url))
    finally:
        for s in (proxy, real):
            s.shutdown()
            s.server_close()
    lines = [json.loads(x) for x in cassette.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    assert any(e["chunks"] for e in lines) and "data: [DONE]" in "".join(
        c for e in lines if e["chunks"] for c in e["chunks"]
    )
    text = cassette.read_text(encoding="utf-8")
    assert "sk-upstream" not in text and "sk-learner" not in text

    replay = start_background(handler=replay_handler(cassette))  # the real endpoint is gone
    try:
        c = _client(replay.url)
        assert _calls(c) == recorded
        with pytest.raises(openai.BadRequestError) as err:
            c.chat.completions.create(
                model="mock-gpt", messages=[{"role": "user", "content": "Câu hỏi chưa ghi lại"}]
            )
        assert err.value.code == "unrecorded_request"
        assert (
            "Câu hỏi chưa ghi lại" in err.value.message and "/chat/completions" in err.value.message
        )
    finally:
        replay.shutdown()
        replay.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command_answers_and_stops_on_sigterm(monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiwork.cli", "mock", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stdout.readline()
        assert f"127.0.0.1:{port}" in first
        c = _client(f"http://127.0.0.1:{port}")
        assert c.chat.completions.create(model="mock-gpt", messages=CHAT).choices[0].message.content
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert "stopped" in proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_offline_kernel_replays_a_cassette(tmp_path, monkeypatch) -> None:
    """AIWORK_MOCK_REPLAY: hoi() in a fresh kernel answers from the trainer's recording."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    cassette = tmp_path / "lop.jsonl"
    real = start_background()
    proxy = start_background(handler=recording_handler(real.url + "/v1", cassette, "sk-upstream"))
    try:
        recorded = (
            _client(proxy.url)
            .chat.completions.create(
                model="mock-gpt", messages=[{"role": "user", "content": "Xin chào"}]
            )
            .choices[0]
            .message.content
        )
    finally:
        for s in (proxy, real):
            s.shutdown()
            s.server_close()
    code = (
        "from aiwork.assistant import hoi\nimport openai\nprint(hoi('Xin chào'))\n"
        "try:\n    hoi('Câu chưa ghi')\nexcept openai.BadRequestError as e:\n    print(e.code)\n"
    )
    env = {
        "AIWORK_MOCK_REPLAY": str(cassette),
        "AIWORK_BACKEND": "offline",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": ":".join(p for p in sys.path if p),
        "HOME": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    ).stdout.splitlines()
    assert out == [*recorded.splitlines(), "unrecorded_request"]
