"""The official SDK (strict response validation) against both adapters: every endpoint and
shape the course uses. Runs on openai 3.x here and on 2.x via run_conformance_2x.sh."""

from __future__ import annotations

import asyncio
import json

import jsonschema
import openai
import pytest
from pydantic import BaseModel

USER = [
    {
        "role": "user",
        "content": 'Tóm tắt văn bản sau thành 2 ý:\n"""Ngày 1/7/2025, tỉnh '
        "Bình Định được hợp nhất vào tỉnh Gia Lai mới. Trung tâm hành chính của tỉnh đặt tại Quy "
        "Nhơn. Chính quyền địa phương hai cấp gồm tỉnh và xã, phường. Cấp huyện không còn tồn "
        'tại."""',
    }
]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "tra_cuu_thu_tuc",
            "description": "Tra cứu thủ tục hành chính theo từ khóa",
            "parameters": {
                "type": "object",
                "properties": {
                    "tu_khoa": {"type": "string"},
                    "linh_vuc": {"type": "string", "enum": ["Hộ tịch", "Đất đai"]},
                },
                "required": ["tu_khoa", "linh_vuc"],
                "additionalProperties": False,
            },
            "strict": True,
        },
    },
    {
        "type": "function",
        "function": {
            "name": "xem_thoi_tiet",
            "description": "Xem dự báo thời tiết",
            "parameters": {
                "type": "object",
                "properties": {"thanh_pho": {"type": "string"}},
                "required": ["thanh_pho"],
            },
        },
    },
]
TOOL_PROMPT = [{"role": "user", "content": "Tra cứu thủ tục đăng ký khai sinh (hộ tịch)."}]


class GiayMoi(BaseModel):
    co_quan: str
    thoi_gian: str
    dia_diem: str
    so_nguoi: int


INVITE = (
    "Trích xuất thông tin: UBND phường Quy Nhơn mời các tổ trưởng tổ dân phố họp lúc 8 giờ "
    "ngày 15/3/2026 tại hội trường UBND phường, dự kiến 40 người."
)


def test_models(client: openai.OpenAI) -> None:
    ids = [m.id for m in client.models.list()]
    assert "mock-gpt" in ids and "mock-embedding" in ids


def test_chat_plain(client: openai.OpenAI) -> None:
    r = client.chat.completions.create(model="mock-gpt", messages=USER)
    assert r.object == "chat.completion" and r.id.startswith("chatcmpl-")
    assert r.choices[0].finish_reason == "stop"
    assert r.choices[0].message.content and "Gia Lai" in r.choices[0].message.content
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens > 0
    assert r._request_id and r._request_id.startswith("req_")


def test_chat_stream_matches_plain_including_usage(client: openai.OpenAI) -> None:
    plain = client.chat.completions.create(model="mock-gpt", messages=USER)
    stream = client.chat.completions.create(
        model="mock-gpt", messages=USER, stream=True, stream_options={"include_usage": True}
    )
    text, usage, finish = "", None, None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    assert text == plain.choices[0].message.content
    assert finish == "stop"
    assert usage is not None and usage.model_dump() == plain.usage.model_dump()


def test_chat_stream_helper(client: openai.OpenAI) -> None:
    with client.chat.completions.stream(model="mock-gpt", messages=USER) as stream:
        for _ in stream:
            pass
        final = stream.get_final_completion()
    assert final.choices[0].message.content


@pytest.mark.parametrize("stream", [False, True])
def test_chat_tools_call_is_schema_valid(client: openai.OpenAI, stream: bool) -> None:
    if stream:
        with client.chat.completions.stream(
            model="mock-gpt", messages=TOOL_PROMPT, tools=TOOLS
        ) as s:
            for _ in s:
                pass
            r = s.get_final_completion()
    else:
        r = client.chat.completions.create(model="mock-gpt", messages=TOOL_PROMPT, tools=TOOLS)
    choice = r.choices[0]
    assert choice.finish_reason == "tool_calls"
    call = choice.message.tool_calls[0]
    assert call.function.name == "tra_cuu_thu_tuc"
    args = json.loads(call.function.arguments)
    jsonschema.validate(args, TOOLS[0]["function"]["parameters"])
    assert args["linh_vuc"] == "Hộ tịch"


def test_chat_tool_result_is_used(client: openai.OpenAI) -> None:
    first = client.chat.completions.create(model="mock-gpt", messages=TOOL_PROMPT, tools=TOOLS)
    call = first.choices[0].message.tool_calls[0]
    messages = [
        *TOOL_PROMPT,
        first.choices[0].message.model_dump(exclude_none=True),
        {
            "role": "tool",
            "tool_call_id": call.id,
            "content": "[tt-ks] Thủ tục đăng ký khai sinh được giải quyết ngay trong ngày "
            "làm việc tại UBND xã, phường.",
        },
    ]
    r = client.chat.completions.create(model="mock-gpt", messages=messages, tools=TOOLS)
    assert r.choices[0].finish_reason == "stop"
    assert "[tt-ks]" in r.choices[0].message.content


def test_chat_parse_json_schema(client: openai.OpenAI) -> None:
    r = client.chat.completions.parse(
        model="mock-gpt", response_format=GiayMoi, messages=[{"role": "user", "content": INVITE}]
    )
    parsed = r.choices[0].message.parsed
    assert parsed == GiayMoi(
        co_quan="UBND phường Quy Nhơn",
        thoi_gian="8 giờ, ngày 15/3/2026",
        dia_diem="hội trường UBND phường",
        so_nguoi=40,
    )


def test_chat_json_object(client: openai.OpenAI) -> None:
    r = client.chat.completions.create(
        model="mock-gpt",
        response_format={"type": "json_object"},
        messages=[{"role": "user", "content": INVITE}],
    )
    data = json.loads(r.choices[0].message.content)
    assert isinstance(data, dict) and "15/3/2026" in json.dumps(data, ensure_ascii=False)


def test_chat_truncation_and_parse_length_error(client: openai.OpenAI) -> None:
    r = client.chat.completions.create(model="mock-gpt", messages=USER, max_tokens=5)
    assert r.choices[0].finish_reason == "length"
    assert r.usage.completion_tokens <= 5
    with pytest.raises(openai.LengthFinishReasonError):
        client.chat.completions.parse(
            model="mock-gpt",
            response_format=GiayMoi,
            max_tokens=3,
            messages=[{"role": "user", "content": INVITE}],
        )


def test_responses_plain_and_parse(client: openai.OpenAI) -> None:
    r = client.responses.create(
        model="mock-gpt", input=USER[0]["content"], instructions="Bạn là chuyên viên."
    )
    assert r.status == "completed" and "Gia Lai" in r.output_text
    assert r.usage.total_tokens == r.usage.input_tokens + r.usage.output_tokens
    p = client.responses.parse(model="mock-gpt", input=INVITE, text_format=GiayMoi)
    assert p.output_parsed.so_nguoi == 40


def test_responses_stream_events(client: openai.OpenAI) -> None:
    plain = client.responses.create(model="mock-gpt", input=USER[0]["content"])
    events = list(client.responses.create(model="mock-gpt", input=USER[0]["content"], stream=True))
    kinds = [e.type for e in events]
    assert kinds[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert kinds[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert text == plain.output_text
    assert events[-1].response.usage.model_dump() == plain.usage.model_dump()
    with client.responses.stream(model="mock-gpt", input=USER[0]["content"]) as s:
        for _ in s:
            pass
        assert s.get_final_response().output_text == plain.output_text


def test_responses_function_call_and_incomplete(client: openai.OpenAI) -> None:
    tools = [{"type": "function", **t["function"]} for t in TOOLS]
    r = client.responses.create(model="mock-gpt", input=TOOL_PROMPT[0]["content"], tools=tools)
    call = r.output[0]
    assert call.type == "function_call" and call.name == "tra_cuu_thu_tuc"
    jsonschema.validate(json.loads(call.arguments), TOOLS[0]["function"]["parameters"])
    events = list(
        client.responses.create(
            model="mock-gpt", input=TOOL_PROMPT[0]["content"], tools=tools, stream=True
        )
    )
    done = [e for e in events if e.type == "response.function_call_arguments.done"]
    assert done and done[0].arguments == call.arguments
    follow = client.responses.create(
        model="mock-gpt",
        tools=tools,
        input=[
            {"role": "user", "content": TOOL_PROMPT[0]["content"]},
            {
                "type": "function_call",
                "call_id": call.call_id,
                "name": call.name,
                "arguments": call.arguments,
            },
            {
                "type": "function_call_output",
                "call_id": call.call_id,
                "output": "[tt-ks] Đăng ký khai sinh được giải quyết ngay trong ngày làm việc.",
            },
        ],
    )
    assert follow.output[0].type == "message" and "[tt-ks]" in follow.output_text
    cut = client.responses.create(model="mock-gpt", input=USER[0]["content"], max_output_tokens=16)
    assert cut.status == "incomplete" and cut.incomplete_details.reason == "max_output_tokens"


def test_embeddings_float_base64_dimensions(make_client) -> None:
    strict = make_client()
    texts = [
        "Thủ tục đăng ký khai sinh tại UBND phường",
        "đăng ký khai sinh cho trẻ em",
        "Dự báo thời tiết Quy Nhơn có mưa",
    ]
    r = strict.embeddings.create(model="mock-embedding", input=texts, encoding_format="float")
    vecs = [d.embedding for d in r.data]
    assert len(vecs[0]) == 256 and r.usage.prompt_tokens > 0
    dot = [sum(a * b for a, b in zip(vecs[0], v, strict=True)) for v in vecs]
    assert dot[1] > dot[2]  # the related text is nearer
    # The SDK's default asks for base64 and decodes it (strict validation expects floats).
    loose = make_client(_strict_response_validation=False)
    b64 = loose.embeddings.create(model="mock-embedding", input=texts)
    assert b64.data[0].embedding == pytest.approx(vecs[0], abs=1e-6)
    small = strict.embeddings.create(
        model="mock-embedding", input="khai sinh", dimensions=32, encoding_format="float"
    )
    assert len(small.data[0].embedding) == 32


def test_azure_paths_and_api_key_header(adapter: str, http_server, monkeypatch) -> None:
    from aiwork.mock import httpcompat, transport

    kw = dict(api_key="azure-key", api_version="2024-10-21", _strict_response_validation=True)
    if adapter == "inprocess":
        c = openai.AzureOpenAI(
            azure_endpoint="http://aiwork-mock.invalid",
            http_client=httpcompat.http_lib().Client(transport=transport.transport()),
            **kw,
        )
    else:
        c = openai.AzureOpenAI(azure_endpoint=http_server.url, **kw)
    r = c.chat.completions.create(model="mock-gpt", messages=USER)
    assert r.choices[0].message.content
    e = c.embeddings.create(model="mock-embedding", input="khai sinh", encoding_format="float")
    assert len(e.data[0].embedding) == 256
    assert c.responses.create(model="mock-gpt", input="Xin chào").output_text


def test_errors_have_envelope_status_and_request_id(make_client) -> None:
    c = make_client(max_retries=0)
    with pytest.raises(openai.AuthenticationError) as e401:
        make_client(api_key="sk-invalid").models.list()
    assert e401.value.code == "invalid_api_key"
    with pytest.raises(openai.NotFoundError) as e404:
        c.chat.completions.create(model="gpt-khong-co", messages=USER)
    assert e404.value.code == "model_not_found" and e404.value.request_id
    with pytest.raises(openai.BadRequestError) as e400:
        c.chat.completions.create(
            model="mock-gpt", messages=[{"role": "user", "content": "từ " * 200_000}]
        )
    assert e400.value.code == "context_length_exceeded"
    with pytest.raises(openai.BadRequestError):
        c.chat.completions.create(model="mock-gpt", messages=[])
    with pytest.raises(openai.BadRequestError):
        c.chat.completions.create(model="mock-gpt", messages=[{"content": "thiếu role"}])
    with pytest.raises(openai.RateLimitError) as e429:
        c.chat.completions.create(model="mock-ratelimit-1", messages=USER)
    assert e429.value.response.headers["retry-after-ms"] == "50"
    with pytest.raises(openai.InternalServerError) as e503:
        c.chat.completions.create(model="mock-overloaded", messages=USER)
    assert e503.value.status_code == 503


def test_malformed_json_gets_openai_400(adapter: str, http_server) -> None:
    from aiwork.mock import httpcompat, transport

    http = httpcompat.http_lib()
    if adapter == "inprocess":
        cl = http.Client(transport=transport.transport(), base_url="http://aiwork-mock.invalid")
    else:
        cl = http.Client(base_url=http_server.url)
    for body in (b"{not json", b"[1,2]", b'{"model": "mock-gpt", "messages": "x"}'):
        r = cl.post(
            "/v1/chat/completions",
            content=body,
            headers={"authorization": "Bearer k", "content-type": "application/json"},
        )
        assert r.status_code == 400, body
        assert r.json()["error"]["type"] == "invalid_request_error"
        assert r.headers["x-request-id"]
    assert cl.get("/v1/nothing-here", headers={"authorization": "Bearer k"}).status_code == 404


def test_retries_honour_retry_after(make_client) -> None:
    c = make_client(max_retries=2)
    r = c.chat.completions.with_raw_response.create(model="mock-ratelimit-2", messages=USER)
    assert r.retries_taken == 2
    assert r.parse().choices[0].message.content
    r = c.chat.completions.with_raw_response.create(model="mock-overloaded-1", messages=USER)
    assert r.retries_taken == 1


def test_slow_model_times_out(make_client, monkeypatch) -> None:
    monkeypatch.setenv("AIWORK_MOCK_SLOW_SECONDS", "0.6")
    with pytest.raises(openai.APITimeoutError):
        make_client(max_retries=0, timeout=0.2).chat.completions.create(
            model="mock-slow", messages=USER
        )
    # Slow only on the first try: the SDK's retry succeeds.
    r = make_client(max_retries=1, timeout=0.2).chat.completions.with_raw_response.create(
        model="mock-slow-1", messages=USER
    )
    assert r.retries_taken == 1


def test_async_client(make_async_client) -> None:
    async def run() -> tuple[str, str, int]:
        c = make_async_client()
        r = await c.chat.completions.create(model="mock-gpt", messages=USER)
        text = ""
        async for chunk in await c.chat.completions.create(
            model="mock-gpt", messages=USER, stream=True
        ):
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
        e = await c.embeddings.create(
            model="mock-embedding", input="khai sinh", encoding_format="float"
        )
        resp = await c.responses.create(model="mock-gpt", input=USER[0]["content"])
        parsed = await c.chat.completions.parse(
            model="mock-gpt",
            response_format=GiayMoi,
            messages=[{"role": "user", "content": INVITE}],
        )
        assert resp.output_text.splitlines()[1:] == r.choices[0].message.content.splitlines()[1:]
        assert parsed.choices[0].message.parsed.so_nguoi == 40
        await c.close()
        return r.choices[0].message.content, text, len(e.data[0].embedding)

    plain, streamed, dims = asyncio.run(run())
    assert plain == streamed and dims == 256


def test_request_log_and_hallucination_header(client: openai.OpenAI) -> None:
    from aiwork.mock import reqlog

    raw = client.chat.completions.with_raw_response.create(
        model="mock-gpt",
        temperature=0,
        messages=[{"role": "user", "content": "Lệ phí cấp căn cước là bao nhiêu?"}],
    )
    assert raw.headers.get("x-mock-hallucinated") == "true"
    entry = reqlog.last()
    assert entry["hallucinated"] is True and entry["body"]["temperature"] == 0
    assert entry["request_id"] == raw.headers["x-request-id"]


def test_jupyterhub_service_prefix_and_request_log_endpoint(adapter: str, http_server) -> None:
    from aiwork.mock import httpcompat, transport

    http = httpcompat.http_lib()
    if adapter == "inprocess":
        cl = http.Client(transport=transport.transport(), base_url="http://aiwork-mock.invalid")
    else:
        cl = http.Client(base_url=http_server.url)
    c = openai.OpenAI(
        base_url=str(cl.base_url).rstrip("/") + "/services/assistant/v1",
        api_key="k",
        http_client=cl,
        _strict_response_validation=True,
    )
    assert c.chat.completions.create(model="mock-gpt", messages=USER).choices[0].message.content
    log = cl.get("/services/assistant/mock/requests").json()["data"]
    assert log[-1]["path"] == "/services/assistant/v1/chat/completions" and log[-1]["status"] == 200


MALFORMED = [
    ("/v1/chat/completions", {"model": "mock-gpt", "messages": [{"role": "user", "content": 5}]}),
    (
        "/v1/chat/completions",
        {"model": "mock-gpt", "messages": [{"role": "robot", "content": "x"}]},
    ),
    (
        "/v1/chat/completions",
        {"model": "mock-gpt", "messages": [{"role": "user", "content": "x"}], "tools": "x"},
    ),
    (
        "/v1/chat/completions",
        {"model": "mock-gpt", "messages": [{"role": "user", "content": "x"}], "n": 0},
    ),
    (
        "/v1/chat/completions",
        {"model": "mock-gpt", "messages": [{"role": "user", "content": "x"}], "max_tokens": -1},
    ),
    ("/v1/chat/completions", {"model": 7, "messages": [{"role": "user", "content": "x"}]}),
    ("/v1/chat/completions", {"messages": [{"role": "user", "content": "x"}]}),
    ("/v1/responses", {"model": "mock-gpt", "input": 5}),
    (
        "/v1/responses",
        {"model": "mock-gpt", "input": [{"type": "message", "role": "system", "content": "x"}]},
    ),
    ("/v1/embeddings", {"model": "mock-embedding", "input": []}),
    ("/v1/embeddings", {"model": "mock-embedding", "input": "x", "dimensions": 0}),
    ("/v1/embeddings", {"model": "mock-embedding", "input": "x", "encoding_format": "int8"}),
    ("/v1/embeddings", {"model": "mock-gpt", "input": "x"}),
]


@pytest.mark.parametrize("path, body", MALFORMED)
def test_malformed_bodies_get_4xx_envelopes(path: str, body: dict) -> None:
    from aiwork.mock import MockRequest, handle

    resp = handle(
        MockRequest("POST", path, {"authorization": "Bearer k"}, json.dumps(body).encode())
    )
    assert 400 <= resp.status < 500, (path, body, resp.body)
    err = json.loads(resp.body)["error"]
    assert err["message"] and err["type"] == "invalid_request_error"
    assert "Traceback" not in err["message"]


def test_request_log_endpoint_is_protected_on_a_shared_server(monkeypatch) -> None:
    from aiwork.mock import MockRequest, handle

    def get(auth: str = "") -> int:
        return handle(
            MockRequest("GET", "/mock/requests", {"authorization": auth} if auth else {})
        ).status

    assert get() == 200  # a kernel's own loopback server
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:9000")
    assert get() == 403
    monkeypatch.setenv("AIWORK_MOCK_ADMIN_TOKEN", "s3cret")
    assert get("Bearer wrong") == 403 and get("Bearer s3cret") == 200
