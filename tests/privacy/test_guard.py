"""guard_request on OpenAI request bodies: redact (default), block, warn."""

from __future__ import annotations

import copy
import json
import warnings

import pytest

from aiwork.privacy.guard import (
    PrivacyBlocked,
    PrivacyWarning,
    guard_request,
    mode_from_env,
    reidentify_reply,
)
from aiwork.privacy.redact import PlaceholderMap

PERSONAL = ["Nguyễn Thị Hoa", "052187001234", "0905 123 456", "hoa.nguyen87@gmail.com"]
PROMPT = (
    "Soạn thư trả lời bà Nguyễn Thị Hoa (CCCD 052187001234, điện thoại 0905 123 456, "
    "email hoa.nguyen87@gmail.com) về hồ sơ theo Nghị định 30/2020/NĐ-CP."
)

CHAT = {
    "model": "gpt-x",
    "temperature": 0.2,
    "messages": [
        {"role": "system", "content": "Anh/chị là chuyên viên UBND phường."},
        {"role": "user", "content": PROMPT},
        {"role": "user", "content": [{"type": "text", "text": "Nhắc lại: bà Nguyễn Thị Hoa."}]},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {
                        "name": "tra_cuu",
                        "arguments": json.dumps({"sdt": "0905 123 456"}),
                    },
                }
            ],
        },
    ],
}
RESPONSES = {
    "model": "gpt-x",
    "instructions": "Trả lời ngắn gọn.",
    "input": [{"role": "user", "content": [{"type": "input_text", "text": PROMPT}]}],
}
EMBEDDINGS = {"model": "emb-x", "input": [PROMPT, "Văn bản không có dữ liệu cá nhân."]}


def strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


@pytest.mark.parametrize(
    "body",
    [CHAT, RESPONSES, EMBEDDINGS, {"model": "m", "prompt": PROMPT}],
    ids=["chat", "responses", "embeddings", "completions"],
)
def test_redact_removes_personal_data_from_every_text_field(body):
    before = copy.deepcopy(body)
    out = guard_request(body)
    assert body == before, "the caller's body must not be modified"
    blob = "\n".join(strings(out))
    for value in PERSONAL:
        assert value not in blob
    assert "Nghị định 30/2020/NĐ-CP" in blob  # administrative content is kept
    assert out["model"] == body["model"]


def test_structure_is_kept_and_placeholders_are_consistent():
    mapping = PlaceholderMap()
    out = guard_request(CHAT, "redact", mapping=mapping)
    assert [m["role"] for m in out["messages"]] == ["system", "user", "user", "assistant"]
    assert out["temperature"] == 0.2 and out["messages"][3]["content"] is None
    assert out["messages"][3]["tool_calls"][0]["id"] == "call_1"
    assert "[HO_TEN_1]" in out["messages"][1]["content"]
    assert out["messages"][2]["content"][0]["text"] == "Nhắc lại: bà [HO_TEN_1]."
    args = json.loads(out["messages"][3]["tool_calls"][0]["function"]["arguments"])
    assert args == {"sdt": "[SDT_1]"}
    reply = {
        "choices": [
            {"message": {"role": "assistant", "content": "Kính gửi bà [HO_TEN_1], số [SDT_1]."}}
        ]
    }
    back = reidentify_reply(reply, mapping)
    assert (
        back["choices"][0]["message"]["content"] == "Kính gửi bà Nguyễn Thị Hoa, số 0905 123 456."
    )


def test_block_raises_a_vietnamese_message_without_the_values():
    with pytest.raises(PrivacyBlocked) as info:
        guard_request(CHAT, "block")
    message = str(info.value)
    assert "dữ liệu cá nhân" in message and "họ và tên" in message and "số điện thoại" in message
    assert "91/2025/QH15" in message
    for value in PERSONAL:
        assert value not in message
    assert {f.kind for f in info.value.findings} >= {"HO_TEN", "CCCD", "SDT", "EMAIL"}


def test_warn_returns_the_body_unchanged_and_warns_in_vietnamese():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = guard_request(CHAT, "warn")
    assert out == CHAT
    assert any(
        issubclass(w.category, PrivacyWarning) and "dữ liệu cá nhân" in str(w.message)
        for w in caught
    )


def test_clean_request_passes_every_mode_untouched():
    body = {
        "model": "m",
        "messages": [
            {
                "role": "user",
                "content": "Tóm tắt Nghị định 30/2020/NĐ-CP ngày 05/3/2020, kinh phí 1.250.000 đồng.",
            }
        ],
    }
    for mode in ("redact", "block", "warn"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert guard_request(body, mode) == body


def test_modes_are_checked():
    with pytest.raises(ValueError):
        guard_request(CHAT, "ignore")
    assert mode_from_env({}) == "redact"
    assert mode_from_env({"AIWORK_PRIVACY_MODE": "Block"}) == "block"
