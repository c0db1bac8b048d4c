"""The learner one-liner and the offline client: Vietnamese, deterministic, logged."""

from __future__ import annotations

import os

import openai
import pytest

from aiwork import assistant
from aiwork.assistant import hoi, last_request, requests_log


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("AIWORK_MODEL", "AIWORK_BASE_URL", "AIWORK_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AIWORK_BACKEND", "offline")


def test_hoi_drafts_from_the_prompt_facts() -> None:
    prompt = (
        "Bạn là chuyên viên Văn phòng UBND phường Quy Nhơn. Hãy soạn giấy mời gửi các tổ "
        "trưởng tổ dân phố về việc triển khai Bình dân học vụ số, họp lúc 8 giờ ngày "
        "15/3/2026 tại hội trường UBND phường."
    )
    reply = hoi(prompt)
    assert "GIẤY MỜI" in reply
    assert "15/3/2026" in reply and "8 giờ" in reply and "hội trường UBND phường" in reply
    assert prompt not in reply
    assert reply == hoi(prompt)  # deterministic


def test_plain_sdk_client_works_after_first_call() -> None:
    hoi("Xin chào")
    client = openai.OpenAI()  # OPENAI_BASE_URL / OPENAI_API_KEY were set by the offline start
    text = (
        client.chat.completions.create(
            model=assistant.settings().model,
            messages=[{"role": "user", "content": "Thời hạn cấp giấy phép xây dựng là bao lâu?"}],
        )
        .choices[0]
        .message.content
    )
    assert text and "ngày" in text
    entry = last_request()
    assert entry is not None and entry["hallucinated"] is True
    assert entry["body"]["messages"][-1]["content"].startswith("Thời hạn")
    assert "127.0.0.1" in os.environ["NO_PROXY"]


def test_request_log_records_system_message() -> None:
    hoi("Tóm tắt văn bản sau", he_thong="Bạn là chuyên viên pháp chế.", temperature=0)
    body = requests_log()[-1]["body"]
    assert body["messages"][0] == {"role": "system", "content": "Bạn là chuyên viên pháp chế."}
    assert body["temperature"] == 0


def test_empty_prompt_is_explained_in_vietnamese() -> None:
    with pytest.raises(assistant.AssistantError, match="trống"):
        hoi("   ")
