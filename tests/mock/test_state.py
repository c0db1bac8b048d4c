"""Conversation state: chat history is used; Responses are stored, continued and retrieved."""

from __future__ import annotations

import openai
import pytest

from aiwork.mock.state import RESPONSES, ResponseStore, Stored
from aiwork.prompt_anatomy import count_words

MODEL = "mock-gpt"
INTRO = (
    "Xin chào, tôi tên là Nguyễn Thị Lan, chuyên viên Phòng Văn hóa - Xã hội UBND xã Ia Grai. "
    "Cuộc họp giao ban tuần này diễn ra lúc 14 giờ ngày 20/3/2026 tại phòng họp số 2."
)


@pytest.fixture(autouse=True)
def _fresh_store():
    RESPONSES.clear()


def chat(client: openai.OpenAI, *turns: str) -> str:
    """Play a conversation: each user turn gets the mock's reply; returns the last reply."""
    messages: list[dict] = []
    reply = ""
    for turn in turns:
        messages.append({"role": "user", "content": turn})
        reply = client.chat.completions.create(model=MODEL, messages=messages)
        reply = reply.choices[0].message.content or ""
        messages.append({"role": "assistant", "content": reply})
    return reply


def test_chat_history_answers_questions_about_the_user(client) -> None:
    assert "Nguyễn Thị Lan" in chat(client, INTRO, "Tên tôi là gì?")
    assert "UBND xã Ia Grai" in chat(client, INTRO, "Tôi làm việc ở đâu?")


def test_a_detail_never_given_is_not_invented(client) -> None:
    reply = chat(client, "Hôm nay trời đẹp quá.", "Tên tôi là gì?")
    assert "chưa cho tôi biết" in reply
    assert "Lan" not in reply


def test_facts_stated_earlier_answer_later_questions(client) -> None:
    reply = chat(client, INTRO, "Cuộc họp giao ban diễn ra ở đâu?")
    assert "phòng họp số 2" in reply
    reply = chat(client, INTRO, "Cuộc họp giao ban bắt đầu lúc mấy giờ?")
    assert "14 giờ" in reply


def test_follow_up_works_on_the_previous_reply(client) -> None:
    draft = (
        "Soạn giấy mời gửi các tổ trưởng tổ dân phố dự họp về việc triển khai Bình dân học vụ "
        "số, lúc 8 giờ ngày 15/4/2026 tại hội trường UBND phường Quy Nhơn."
    )
    shorter = chat(client, draft, "Viết lại ngắn gọn hơn, không quá 60 từ.")
    assert count_words(shorter) <= 60
    assert "15/4/2026" in shorter
    english = chat(client, draft, "Dịch đoạn trên sang tiếng Anh.")
    assert "invitation" in english.lower() or "meeting" in english.lower()


def test_follow_up_to_a_draft_adds_the_new_fact(client) -> None:
    draft = (
        "Soạn thông báo của UBND xã Ia Grai về việc tiêm phòng dại cho chó, mèo, "
        "lúc 7 giờ ngày 10/5/2026."
    )
    revised = chat(client, draft, "Bổ sung địa điểm: tại sân nhà văn hóa thôn 3.")
    assert "sân nhà văn hóa thôn 3" in revised
    assert "10/5/2026" in revised and "tiêm phòng dại" in revised


def test_few_shot_classification_is_not_taken_for_history(client) -> None:
    messages = [
        {"role": "system", "content": "Phân loại phản ánh vào một nhãn: Đất đai, Hộ tịch, Khác."},
        {"role": "user", "content": "Hàng xóm lấn chiếm ranh giới thửa đất nhà tôi."},
        {"role": "assistant", "content": "Đất đai"},
        {"role": "user", "content": "Tôi muốn đăng ký khai sinh cho con."},
        {"role": "assistant", "content": "Hộ tịch"},
        {"role": "user", "content": "Tôi cần làm lại giấy khai sinh bị mất thì làm thế nào?"},
    ]
    reply = client.chat.completions.create(model=MODEL, messages=messages)
    assert reply.choices[0].message.content == "Hộ tịch"


# --- Responses: previous_response_id, retrieve, delete, input items -------------------------
def test_previous_response_id_continues_the_conversation(client) -> None:
    first = client.responses.create(model=MODEL, input=INTRO)
    second = client.responses.create(
        model=MODEL, input="Tên tôi là gì?", previous_response_id=first.id
    )
    assert "Nguyễn Thị Lan" in second.output_text
    assert second.previous_response_id == first.id
    third = client.responses.create(
        model=MODEL, input="Cuộc họp diễn ra ở đâu?", previous_response_id=second.id
    )
    assert "phòng họp số 2" in third.output_text


def test_retrieve_input_items_and_delete(client) -> None:
    created = client.responses.create(model=MODEL, input="Soạn thông báo họp giao ban.")
    got = client.responses.retrieve(created.id)
    assert got.id == created.id and got.output_text == created.output_text
    items = client.responses.input_items.list(created.id)
    assert items.data[0].content[0].text == "Soạn thông báo họp giao ban."
    client.responses.delete(created.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(created.id)


def test_stored_responses_are_per_key_and_store_false_is_not_kept(make_client) -> None:
    lan, minh = make_client(api_key="sk-lan"), make_client(api_key="sk-minh")
    mine = lan.responses.create(model=MODEL, input=INTRO)
    with pytest.raises(openai.NotFoundError):
        minh.responses.retrieve(mine.id)
    with pytest.raises(openai.BadRequestError) as exc:
        minh.responses.create(model=MODEL, input="Tên tôi là gì?", previous_response_id=mine.id)
    assert exc.value.code == "previous_response_not_found"
    unstored = lan.responses.create(model=MODEL, input="Xin chào", store=False)
    with pytest.raises(openai.NotFoundError):
        lan.responses.retrieve(unstored.id)


def test_streamed_responses_are_stored_too(client) -> None:
    with client.responses.stream(model=MODEL, input=INTRO) as stream:
        final = stream.get_final_response()
    follow = client.responses.create(
        model=MODEL, input="Tên tôi là gì?", previous_response_id=final.id
    )
    assert "Nguyễn Thị Lan" in follow.output_text


def test_function_call_then_output_with_previous_response_id(client) -> None:
    tools = [
        {
            "type": "function",
            "name": "tra_cuu_le_phi",
            "description": "Tra cứu lệ phí của một thủ tục hành chính",
            "parameters": {
                "type": "object",
                "properties": {"thu_tuc": {"type": "string"}},
                "required": ["thu_tuc"],
            },
        }
    ]
    first = client.responses.create(
        model=MODEL, input="Lệ phí đăng ký khai sinh là bao nhiêu?", tools=tools
    )
    call = next(item for item in first.output if item.type == "function_call")
    second = client.responses.create(
        model=MODEL,
        previous_response_id=first.id,
        tools=tools,
        input=[
            {
                "type": "function_call_output",
                "call_id": call.call_id,
                "output": '{"thu_tuc": "Đăng ký khai sinh", "le_phi": "Miễn lệ phí"}',
            }
        ],
    )
    assert "Miễn lệ phí" in second.output_text


def test_store_is_bounded_per_owner_and_in_owners() -> None:
    store = ResponseStore(per_owner=3, max_owners=2)
    stored = Stored({}, [])
    for i in range(5):
        store.put(("k", ""), f"r{i}", stored)
    assert store.get(("k", ""), "r0") is None and store.get(("k", ""), "r4") is stored
    store.put(("a", ""), "x", stored)
    store.put(("b", ""), "y", stored)
    assert store.get(("k", ""), "r4") is None  # the least recently used owner went
    assert len(store) == 2
