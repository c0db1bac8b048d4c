"""Learner tools: the chat session and panel (streamed, model shown), prompt builder, tutor tab."""

from __future__ import annotations

import ipywidgets as w
import pytest

from aiwork import assistant
from aiwork.chat import ChatSession
from aiwork.prompt_anatomy import analyse
from aiwork.prompt_builder import PromptParts, build_prompt
from aiwork.widgets import trinh_tao_loi_nhac, tro_giang, tro_ly


def test_chat_session_streams_and_keeps_history():
    s = ChatSession(system="Bạn là chuyên viên Văn phòng UBND phường Quy Nhơn.")
    deltas = list(s.stream("Gợi ý 3 việc cần chuẩn bị cho buổi tiếp công dân định kỳ."))
    assert len(deltas) > 1, "the reply should arrive in several pieces"
    assert [m["role"] for m in s.messages] == ["user", "assistant"]
    assert s.messages[1]["content"] == "".join(deltas)
    assert s.last_model == assistant.settings().model
    assert s.request_messages()[0]["role"] == "system"
    s.send("Viết gọn lại thành 2 ý.")
    assert len(s.messages) == 4


def test_chat_session_refuses_empty_and_keeps_history_on_error(monkeypatch):
    s = ChatSession()
    with pytest.raises(ValueError, match="chưa nhập"):
        list(s.stream("  "))

    def broken():
        raise RuntimeError("mất kết nối")

    monkeypatch.setattr(assistant, "get_client", broken)
    with pytest.raises(RuntimeError):
        s.send("Xin chào")
    assert s.messages == []


def test_chat_panel_send_renders_reply_and_model():
    tabs = tro_ly()
    assert isinstance(tabs, w.Tab) and tabs.get_title(0) == "Trợ lý AI"
    panel = tabs.panel
    # Offline the panel names the course's offline assistant, not a mock model id.
    assert "Trợ lý ngoại tuyến của khóa học" in panel.model_label.value
    assert assistant.settings().model not in panel.model_label.value
    panel.input.value = "Soạn thông báo lịch tiếp công dân tháng 12 của UBND phường Quy Nhơn."
    panel.send()
    assert panel.input.value == "" and panel.status.value == ""
    assert "Trợ lý:" in panel.history.value and "Anh/chị:" in panel.history.value
    panel.reset()
    assert panel.session.messages == []


def test_chat_panel_keeps_text_when_sending_fails(monkeypatch):
    panel = tro_ly().panel
    monkeypatch.setattr(
        assistant, "get_client", lambda: (_ for _ in ()).throw(RuntimeError("lỗi mạng"))
    )
    panel.input.value = "Câu hỏi quan trọng"
    panel.send()
    assert panel.input.value == "Câu hỏi quan trọng"
    assert "Chưa gửi được" in panel.status.value
    assert not panel.send_button.disabled


def test_chat_panel_warns_on_empty_input():
    panel = tro_ly().panel
    panel.send()
    assert "chưa nhập" in panel.status.value


def test_prompt_builder_output_has_all_six_parts():
    parts = PromptParts(
        vai_tro="chuyên viên Văn phòng UBND phường Quy Nhơn",
        nhiem_vu="Soạn thông báo lịch tiếp công dân tháng 12/2026",
        boi_canh="Chủ tịch UBND phường tiếp công dân ngày 10/12/2026 tại Phòng tiếp công dân",
        doi_tuong="người dân trên địa bàn phường",
        dinh_dang="3 gạch đầu dòng",
        rang_buoc="không quá 100 từ, giọng văn lịch sự",
    )
    a = analyse(build_prompt(parts))
    assert a.score == 6 and a.max_words == 100 and a.layout == "bullets"
    assert parts.missing() == []
    assert PromptParts(nhiem_vu="x").missing() == [
        "Vai trò",
        "Bối cảnh",
        "Đối tượng người đọc",
        "Định dạng",
        "Yêu cầu, ràng buộc",
    ]


def test_prompt_builder_widget_hints_missing_parts():
    builder = trinh_tao_loi_nhac().builder
    builder.fields["nhiem_vu"].value = "Soạn giấy mời họp giao ban"
    text = builder.build()
    assert "Soạn giấy mời họp giao ban" in text and "Còn thiếu" in builder.hint.value
    for name, box in builder.fields.items():
        box.value = box.value or f"nội dung {name}"
    builder.build()
    assert "đủ sáu thành phần" in builder.hint.value


def test_tutor_tab_answers_with_sources_and_rates(tmp_path, monkeypatch):
    monkeypatch.setenv("AIWORK_TUTOR_LOG", str(tmp_path / "log.jsonl"))
    panel = tro_giang().panel
    panel.input.value = "lam sao nop bai"
    answer = panel.ask()
    assert answer is not None and answer.citations
    assert "Nguồn:" in panel.history.value
    panel.rate(True)
    assert panel.good.disabled and "Cảm ơn" in panel.status.value
    panel.input.value = ""
    assert panel.ask() is None and "chưa nhập" in panel.status.value


def test_panel_shows_the_name_the_hub_gives(monkeypatch):
    """On the hub the backend is the gateway ("compatible"): the panel shows the name the
    spawner sets (the offline assistant's, or the real model's), never "mock-gpt (compatible)"."""
    from aiwork.assistant.settings import display_name

    monkeypatch.setenv("AIWORK_ASSISTANT_NAME", "Trợ lý ngoại tuyến của khóa học")
    monkeypatch.setenv("AIWORK_BACKEND", "compatible")
    monkeypatch.setenv("AIWORK_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("AIWORK_MODEL", "mock-gpt")
    text = tro_ly().panel.model_label.value
    assert "Trợ lý ngoại tuyến của khóa học" in text
    assert "mock-gpt" not in text and "compatible" not in text
    monkeypatch.delenv("AIWORK_ASSISTANT_NAME")
    assert display_name("qwen2.5-7b") == "qwen2.5-7b"
