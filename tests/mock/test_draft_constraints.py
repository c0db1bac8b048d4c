"""The offline assistant keeps the limits officials write in plain words (issue 16): "khoảng N
từ", "nửa trang", "trong N câu", "không quá N dòng", and carries the audience and notes."""

from __future__ import annotations

import pytest

from aiwork.assistant import hoi
from aiwork.prompt_anatomy import analyse, count_lines, count_sentences, count_words

BRIEF = (
    "Là chuyên viên Văn phòng UBND phường Quy Nhơn, hãy soạn thông báo tới toàn thể cán bộ của "
    'phường về buổi tập huấn "Sử dụng trợ lý AI trong công việc" lúc 8 giờ 00 ngày 15/12/2026 '
    "tại Hội trường UBND phường (tầng 2). Mọi người mang laptop. "
)


@pytest.mark.parametrize(
    "limit",
    [
        "Thông báo khoảng 100 từ, văn phong trang trọng.",
        "Tối đa nửa trang.",
        "Ngắn gọn trong 3 câu.",
        "Không quá 8 dòng.",
        "Viết thành một đoạn văn không quá 80 từ.",
    ],
)
def test_a_draft_keeps_the_limit_and_the_facts(limit):
    prompt = BRIEF + limit
    a = analyse(prompt)
    reply = hoi(prompt, temperature=0)
    if a.max_words:
        assert count_words(reply) <= a.max_words
    if a.max_sentences:
        assert count_sentences(reply) <= a.max_sentences
    if a.max_lines:
        assert count_lines(reply) <= a.max_lines
    assert "15/12/2026" in reply and "Hội trường UBND phường" in reply
    assert "[thành phần]" not in reply


def test_audience_and_notes_without_delimiters_are_carried():
    reply = hoi(BRIEF + "Khoảng 100 từ.", temperature=0)
    assert "toàn thể cán bộ" in reply and "laptop" in reply
