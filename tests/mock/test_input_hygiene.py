"""Every malformed request is answered with the right status and an OpenAI error envelope,
never a 500 or a traceback; input is NFC-normalised before anything reads it."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from aiwork.mock import MockRequest, handle

BAD_VALUES = [
    "x",
    "",
    0,
    -1,
    1.5,
    10**30,
    True,
    None,
    [],
    {},
    [1],
    ["x"],
    [{}],
    [None],
    {"a": 1},
    {"type": "x"},
    "x" * 5000,
]

VALID = {
    "/v1/chat/completions": {
        "model": "mock-gpt",
        "messages": [
            {"role": "system", "content": "Bạn là chuyên viên."},
            {"role": "user", "content": "Tra cứu thời tiết ở Hà Nội"},
        ],
        "tools": [
            {
                "type": "function",
                "function": {
                    "name": "thoi_tiet",
                    "description": "thời tiết",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                },
            }
        ],
        "tool_choice": "auto",
        "response_format": {"type": "text"},
        "stream": False,
        "stream_options": {"include_usage": True},
        "temperature": 0.5,
        "max_tokens": 100,
        "n": 1,
        "seed": 1,
    },
    "/v1/responses": {
        "model": "mock-gpt",
        "instructions": "Trả lời ngắn.",
        "input": [{"role": "user", "content": [{"type": "input_text", "text": "Xin chào"}]}],
        "text": {"format": {"type": "text"}},
        "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}],
        "max_output_tokens": 50,
        "temperature": 1,
        "previous_response_id": None,
        "stream": False,
    },
    "/v1/embeddings": {"model": "mock-embedding", "input": ["a", "b"], "dimensions": 8},
}

# (path, where in the body) pairs to put each bad value.
PLACES = [
    (path, loc)
    for path, body in VALID.items()
    for loc in [
        *([k] for k in body),
        *(
            [
                ["messages", 0],
                ["messages", 1, "content"],
                ["messages", 1, "role"],
                ["messages", 1, "content", 0],
                ["tools", 0],
                ["tools", 0, "function"],
                ["tools", 0, "function", "name"],
                ["tools", 0, "function", "parameters"],
                ["tools", 0, "function", "parameters", "properties"],
                ["tools", 0, "function", "parameters", "properties", "city"],
                ["response_format", "type"],
                ["stream_options", "include_usage"],
            ]
            if path == "/v1/chat/completions"
            else []
        ),
        *(
            [
                ["input", 0],
                ["input", 0, "content"],
                ["input", 0, "content", 0],
                ["input", 0, "content", 0, "text"],
                ["input", 0, "role"],
                ["text", "format"],
                ["text", "format", "type"],
                ["tools", 0, "parameters"],
                ["tools", 0, "name"],
            ]
            if path == "/v1/responses"
            else []
        ),
        *([["input", 0]] if path == "/v1/embeddings" else []),
    ]
]


def _put(body: dict, loc: list, value: object) -> dict:
    body = copy.deepcopy(body)
    target = body
    for key in loc[:-1]:
        if isinstance(target, list) and isinstance(key, int) and key < len(target):
            target = target[key]
        elif isinstance(target, dict) and key in target:
            target = target[key]
        else:
            return body
    if isinstance(target, list) and isinstance(loc[-1], int) and loc[-1] < len(target):
        target[loc[-1]] = value
    elif isinstance(target, dict):
        target[loc[-1]] = value
    return body


def _post(path: str, body: object, raw: bytes | None = None):
    data = raw if raw is not None else json.dumps(body).encode()
    return handle(MockRequest("POST", path, {"authorization": "Bearer k"}, data))


def _envelope(resp) -> dict:
    assert resp.headers["content-type"].startswith("application/json")
    err = json.loads(resp.body)["error"]
    assert err["message"] and err["type"], err
    assert "Traceback" not in err["message"]
    return err


@pytest.mark.parametrize("path, loc", PLACES, ids=lambda x: str(x))
def test_no_field_value_causes_a_server_error(path: str, loc: list) -> None:
    for value in BAD_VALUES:
        resp = _post(path, _put(VALID[path], loc, value))
        assert resp.status < 500, (path, loc, value, resp.body)
        if resp.status >= 400:
            _envelope(resp)
        elif resp.stream is not None:
            b"".join(resp.stream)  # a stream must not fail half-way either


def test_the_valid_bodies_are_valid() -> None:
    for path, body in VALID.items():
        assert _post(path, body).status == 200, path


@pytest.mark.parametrize(
    "field, value",
    [("stream_options", "x"), ("stream_options", {"include_usage": "x"}), ("stream", "yes")],
)
def test_bad_stream_options_are_400(field: str, value: object) -> None:
    body = {**VALID["/v1/chat/completions"], "stream": True, field: value}
    resp = _post("/v1/chat/completions", body)
    assert resp.status == 400 and _envelope(resp)["param"] == field


@pytest.mark.parametrize("fmt", ["x", 5, {"type": "x"}, {"type": "json_schema"}])
def test_bad_text_format_is_400(fmt: object) -> None:
    resp = _post("/v1/responses", {**VALID["/v1/responses"], "text": {"format": fmt}})
    assert resp.status == 400 and _envelope(resp)["param"].startswith("text")


def test_deeply_nested_json_is_400() -> None:
    for depth in (50_000, 1_000):
        raw = b'{"model": "mock-gpt", "messages": ' + b"[" * depth + b"]" * depth + b"}"
        resp = _post("/v1/chat/completions", None, raw)
        assert resp.status == 400, depth
        assert "nest" in _envelope(resp)["message"]


def test_oversized_body_in_process_is_413() -> None:
    resp = _post("/v1/chat/completions", None, b" " * (9 * 1024 * 1024))
    assert resp.status == 413 and _envelope(resp)["code"] == "request_too_large"


@pytest.mark.parametrize("method", ["PATCH", "PUT", "DELETE", "GET", "OPTIONS", "FOO"])
def test_wrong_method_is_405_with_envelope(method: str) -> None:
    resp = handle(MockRequest(method, "/v1/chat/completions", {"authorization": "Bearer k"}))
    assert resp.status == 405 and _envelope(resp)["code"] == "method_not_allowed"
    assert resp.headers["allow"] == "POST"


def test_patch_over_http_is_405_envelope(http_server) -> None:
    from aiwork.mock.httpcompat import http_lib

    r = http_lib().request(
        "PATCH",
        http_server.url + "/v1/chat/completions",
        json={},
        headers={"authorization": "Bearer k"},
        trust_env=False,
    )
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_decomposed_vietnamese_is_normalised() -> None:
    """NFD input (as some keyboards and PDFs give) reads exactly like NFC input."""
    prompt = (
        "Phân loại đơn sau vào một nhóm: Đất đai, Xây dựng, Hộ tịch. Chỉ trả lời một nhãn.\n"
        '"""Gia đình tôi tranh chấp ranh giới thửa đất với hộ bên cạnh."""'
    )
    nfd = unicodedata.normalize("NFD", prompt)
    assert nfd != prompt

    def reply(text: str) -> str:
        body = {"model": "mock-gpt", "messages": [{"role": "user", "content": text}]}
        return json.loads(_post("/v1/chat/completions", body).body)["choices"][0]["message"][
            "content"
        ]

    assert reply(nfd) == reply(prompt) == "Đất đai"


def test_missing_replay_cassette_is_refused(tmp_path) -> None:
    from aiwork.errors import InputError
    from aiwork.mock.record import replay_handler

    with pytest.raises(InputError) as exc:
        replay_handler(tmp_path / "khong-co.jsonl")
    assert "khong-co.jsonl" in str(exc.value) and "\n" not in str(exc.value)


REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "args",
    [
        ["--port", "99999"],
        ["--port", "abc"],
        ["--port", "-1"],
        ["--host", "no such host!"],
        ["--replay", "/khong/co/tep.jsonl", "--port", "0"],
    ],
)
def test_bad_serve_arguments_are_refused_with_one_line(args: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "aiwork.cli", "mock", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert len(_problem_lines(out.stderr)) == 1, out.stderr
    assert "Traceback" not in out.stderr


def _problem_lines(stderr: str) -> list[str]:
    """The lines saying what is wrong: the parser's usage reminder and help hint (the CLI's
    convention for a mistyped option) are not counted."""
    return [
        ln
        for ln in stderr.splitlines()
        if ln.strip() and not ln.startswith((" ", "Cách dùng:", "Xem hướng dẫn:"))
    ]


def test_port_in_use_is_refused_with_one_line() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "aiwork.cli", "mock", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
        )
    assert out.returncode == 2
    assert len(_problem_lines(out.stderr)) == 1, out.stderr
