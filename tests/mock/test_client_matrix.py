"""Clients nobody here wrote, against the offline assistant over HTTP: the openai SDK (2.x or
3.x, whichever is installed), langchain-openai, LiteLLM and the OpenAI Agents SDK. Each runs
chat, streaming, a tools round trip, structured output, embeddings, Responses with
``previous_response_id`` and recovery from ``mock-ratelimit-2`` with its own retry setting.

A package that is not installed skips its tests with the reason. The course environment has
the openai SDK only; ``tests/mock/run_client_matrix.sh`` (run by .ci/run) installs the others
into throwaway virtual environments, one with openai 2.x and one with 3.x, and runs this file
there. The server is always ``aiwork mock serve`` started with the course's own interpreter
(``AIWORK_SERVER_PYTHON``, default: this one), so this file needs nothing of the repository.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MODEL = "mock-gpt"
NAME_INTRO = "Tôi tên là Nguyễn Thị Lan, chuyên viên UBND xã Ia Grai."


@pytest.fixture(scope="module")
def base_url():
    """``aiwork mock serve`` on a free port, for the whole module."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    python = os.environ.get("AIWORK_SERVER_PYTHON", sys.executable)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [python, "-m", "aiwork.cli", "mock", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"aiwork mock serve did not start: {proc.stderr.read()}")
            time.sleep(0.2)
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    yield f"http://127.0.0.1:{port}/v1"
    proc.terminate()
    proc.wait(timeout=10)


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}
QUESTION = "Thời tiết ở Hà Nội hôm nay thế nào?"


# --- the openai SDK -------------------------------------------------------------------------
def _openai():
    return pytest.importorskip("openai", reason="the openai SDK is not installed")


def test_openai_sdk_matrix(base_url) -> None:
    openai = _openai()
    from pydantic import BaseModel

    c = openai.OpenAI(base_url=base_url, api_key="sk-matrix-openai")
    chat = c.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Xin chào"}]
    )
    assert chat.choices[0].message.content
    streamed = "".join(
        ch.choices[0].delta.content or ""
        for ch in c.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "Xin chào"}], stream=True
        )
        if ch.choices
    )
    assert streamed == chat.choices[0].message.content
    messages = [{"role": "user", "content": QUESTION}]
    first = c.chat.completions.create(model=MODEL, messages=messages, tools=[WEATHER_TOOL])
    call = first.choices[0].message.tool_calls[0]
    assert json.loads(call.function.arguments) == {"city": "Hà Nội"}
    messages += [
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": '{"temperature": 31}'},
    ]
    final = c.chat.completions.create(model=MODEL, messages=messages, tools=[WEATHER_TOOL])
    assert "31" in final.choices[0].message.content

    class Meeting(BaseModel):
        ngay: str
        dia_diem: str

    parsed = c.chat.completions.parse(
        model=MODEL,
        messages=[{"role": "user", "content": "Họp ngày 12/5/2026 tại hội trường UBND xã."}],
        response_format=Meeting,
    )
    assert parsed.choices[0].message.parsed.ngay == "12/5/2026"
    emb = c.embeddings.create(model="mock-embedding", input=["khai sinh", "kết hôn"])
    assert len(emb.data) == 2 and len(emb.data[0].embedding) == 256
    r1 = c.responses.create(model=MODEL, input=NAME_INTRO)
    r2 = c.responses.create(model=MODEL, input="Tên tôi là gì?", previous_response_id=r1.id)
    assert "Nguyễn Thị Lan" in r2.output_text
    retried = c.chat.completions.with_raw_response.create(
        model="mock-ratelimit-2", messages=[{"role": "user", "content": "Xin chào"}]
    )
    assert retried.retries_taken == 2


# --- langchain-openai ------------------------------------------------------------------------
def test_langchain_openai_matrix(base_url) -> None:
    lc = pytest.importorskip("langchain_openai", reason="langchain-openai is not installed")
    from langchain_core.messages import HumanMessage, ToolMessage
    from pydantic import BaseModel

    llm = lc.ChatOpenAI(model=MODEL, base_url=base_url, api_key="sk-matrix-lc", max_retries=0)
    assert llm.invoke("Xin chào").content
    assert "".join(chunk.content for chunk in llm.stream("Xin chào"))
    with_tools = llm.bind_tools([WEATHER_TOOL])
    ai = with_tools.invoke([HumanMessage(QUESTION)])
    call = ai.tool_calls[0]
    assert call["args"] == {"city": "Hà Nội"}
    final = with_tools.invoke(
        [HumanMessage(QUESTION), ai, ToolMessage('{"temperature": 31}', tool_call_id=call["id"])]
    )
    assert "31" in final.content

    class Meeting(BaseModel):
        ngay: str
        dia_diem: str

    meeting = llm.with_structured_output(Meeting).invoke(
        "Họp ngày 12/5/2026 tại hội trường UBND xã."
    )
    assert meeting.ngay == "12/5/2026"
    emb = lc.OpenAIEmbeddings(
        model="mock-embedding",
        base_url=base_url,
        api_key="sk-matrix-lc",
        check_embedding_ctx_length=False,  # no tiktoken download
    )
    assert len(emb.embed_query("khai sinh")) == 256
    responses = lc.ChatOpenAI(
        model=MODEL,
        base_url=base_url,
        api_key="sk-matrix-lc",
        use_responses_api=True,
        use_previous_response_id=True,
    )
    history = [HumanMessage(NAME_INTRO)]
    history.append(responses.invoke(history))
    history.append(HumanMessage("Tên tôi là gì?"))
    assert "Nguyễn Thị Lan" in responses.invoke(history).text()
    flaky = lc.ChatOpenAI(
        model="mock-ratelimit-2", base_url=base_url, api_key="sk-matrix-lc-retry", max_retries=0
    ).with_retry(stop_after_attempt=3, wait_exponential_jitter=False)
    assert flaky.invoke("Xin chào").content


# --- LiteLLM -------------------------------------------------------------------------------
def test_litellm_matrix(base_url) -> None:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no download at import
    litellm = pytest.importorskip("litellm", reason="litellm is not installed")
    from pydantic import BaseModel

    kw = {"api_base": base_url, "api_key": "sk-matrix-litellm"}
    chat = litellm.completion(
        model=f"openai/{MODEL}", messages=[{"role": "user", "content": "Xin chào"}], **kw
    )
    assert chat.choices[0].message.content
    chunks = litellm.completion(
        model=f"openai/{MODEL}",
        messages=[{"role": "user", "content": "Xin chào"}],
        stream=True,
        **kw,
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    messages = [{"role": "user", "content": QUESTION}]
    first = litellm.completion(
        model=f"openai/{MODEL}", messages=messages, tools=[WEATHER_TOOL], **kw
    )
    call = first.choices[0].message.tool_calls[0]
    assert json.loads(call.function.arguments) == {"city": "Hà Nội"}
    messages += [
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": '{"temperature": 31}'},
    ]
    final = litellm.completion(
        model=f"openai/{MODEL}", messages=messages, tools=[WEATHER_TOOL], **kw
    )
    assert "31" in final.choices[0].message.content

    class Meeting(BaseModel):
        ngay: str
        dia_diem: str

    structured = litellm.completion(
        model=f"openai/{MODEL}",
        messages=[{"role": "user", "content": "Họp ngày 12/5/2026 tại hội trường UBND xã."}],
        response_format=Meeting,
        **kw,
    )
    assert json.loads(structured.choices[0].message.content)["ngay"] == "12/5/2026"
    emb = litellm.embedding(model="openai/mock-embedding", input=["khai sinh"], **kw)
    assert len(emb.data[0]["embedding"]) == 256
    r1 = litellm.responses(model=f"openai/{MODEL}", input=NAME_INTRO, **kw)
    r2 = litellm.responses(
        model=f"openai/{MODEL}", input="Tên tôi là gì?", previous_response_id=r1.id, **kw
    )
    text = "".join(
        part.text for item in r2.output if item.type == "message" for part in item.content
    )
    assert "Nguyễn Thị Lan" in text
    router = litellm.Router(
        model_list=[
            {
                "model_name": "flaky",
                "litellm_params": {"model": "openai/mock-ratelimit-2", **kw, "max_retries": 0},
            }
        ],
        num_retries=3,
        retry_after=0,
    )
    done = router.completion(model="flaky", messages=[{"role": "user", "content": "Xin chào"}])
    assert done.choices[0].message.content


# --- OpenAI Agents SDK ------------------------------------------------------------------------
def test_agents_sdk_matrix(base_url) -> None:
    agents = pytest.importorskip("agents", reason="openai-agents is not installed")
    openai = _openai()
    from pydantic import BaseModel

    agents.set_tracing_disabled(True)
    client = openai.AsyncOpenAI(base_url=base_url, api_key="sk-matrix-agents")
    agents.set_default_openai_client(client, use_for_tracing=False)
    model = agents.OpenAIResponsesModel(model=MODEL, openai_client=client)

    @agents.function_tool
    def tra_cuu_le_phi(thu_tuc: str) -> str:
        """Tra cứu lệ phí của một thủ tục hành chính."""
        return json.dumps({"thu_tuc": thu_tuc, "le_phi": "Miễn lệ phí"}, ensure_ascii=False)

    ho_tich = agents.Agent(
        name="Ho tich agent",
        handoff_description="Trả lời về khai sinh, kết hôn, khai tử và lệ phí hộ tịch",
        instructions="Bạn là cán bộ hộ tịch.",
        tools=[tra_cuu_le_phi],
        model=model,
    )
    triage = agents.Agent(
        name="Triage", instructions="Bạn điều phối yêu cầu.", handoffs=[ho_tich], model=model
    )
    result = agents.Runner.run_sync(triage, "Lệ phí đăng ký khai sinh là bao nhiêu?")
    assert result.last_agent.name == "Ho tich agent"
    assert "Miễn lệ phí" in str(result.final_output)

    class Meeting(BaseModel):
        ngay: str
        dia_diem: str

    extractor = agents.Agent(
        name="Extract", instructions="Trích xuất.", output_type=Meeting, model=model
    )
    out = agents.Runner.run_sync(extractor, "Họp ngày 12/5/2026 tại hội trường UBND xã.")
    assert out.final_output.ngay == "12/5/2026"
    plain = agents.Agent(name="Chat", instructions="Trả lời ngắn.", model=model)
    first = agents.Runner.run_sync(plain, NAME_INTRO)
    second = agents.Runner.run_sync(
        plain, "Tên tôi là gì?", previous_response_id=first.last_response_id
    )
    assert "Nguyễn Thị Lan" in str(second.final_output)
    flaky_client = openai.AsyncOpenAI(base_url=base_url, api_key="sk-matrix-agents-retry")
    flaky = agents.Agent(
        name="Flaky",
        instructions="Trả lời ngắn.",
        model=agents.OpenAIChatCompletionsModel(
            model="mock-ratelimit-2", openai_client=flaky_client
        ),
    )
    assert agents.Runner.run_sync(flaky, "Xin chào").final_output
