"""Graders of m03-tra-cuu on reference, blank and typical wrong answers (no nbgrader here;
the round trip through nbgrader is tests/test_assignments.py)."""

from __future__ import annotations

import pytest

from aiwork.lookup import format_passages
from graders import m03_tra_cuu as m

TAI_LIEU_1 = format_passages(m.cau_1_tai_lieu())
GOOD_PROMPT = (
    "Chỉ trả lời dựa trên các đoạn tài liệu dưới đây. Ghi mã đoạn trong ngoặc vuông sau mỗi câu. "
    "Nếu tài liệu không có thông tin, nói rõ là không có thông tin.\n"
    f"{TAI_LIEU_1}\nCâu hỏi: {m.CAU_1_QUESTION}"
)
GOOD_4 = {
    "a": "Tối đa 05 tờ văn bản [nd30-d33-k1].",
    "b": "Tối đa 10 lần khoản thu có được từ vi phạm [luat91-d8-xu-phat].",
}
BLANKS = [None, ..., "", "...", "\n...\n", [], {}]


def test_cau_3_key_is_computed_by_the_grounding_checker():
    # sentence 2 invents a fee, 4 cites the wrong passage, 6 cites nothing
    assert m.cau_3_key() == [2, 4, 6]


def test_reference_answers_pass_every_grader():
    assert m.cham_cau_1_cau_truc(GOOD_PROMPT).passed
    assert m.cham_cau_1_tra_loi(GOOD_PROMPT).passed  # asks the offline assistant
    assert m.cham_cau_2_dinh_dang("2a", ["nd30-d18-k1-k2"]).passed
    assert m.cham_cau_2_dung_doan("2a", ["nd30-d18-k1-k2", "nd30-d4-k2-c"]).passed
    assert m.cham_cau_2_dung_doan("2b", ["tthc-chung-thuc-ban-sao"]).passed
    for grader in (m.cham_cau_3_dinh_dang, m.cham_cau_3_tim_du, m.cham_cau_3_khong_thua):
        assert grader([2, 4, 6]).passed
    assert m.cham_cau_4_trich_dan(GOOD_4).passed and m.cham_cau_4_noi_dung(GOOD_4).passed


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_blank_answers_fail_every_grader(blank):
    graders = [
        m.cham_cau_1_cau_truc,
        m.cham_cau_1_tra_loi,
        m.cham_cau_3_dinh_dang,
        m.cham_cau_3_tim_du,
        m.cham_cau_3_khong_thua,
        m.cham_cau_4_trich_dan,
        m.cham_cau_4_noi_dung,
        lambda v: m.cham_cau_2_dinh_dang("2a", v),
        lambda v: m.cham_cau_2_dung_doan("2b", v),
    ]
    for grader in graders:
        result = grader(blank)
        assert not result.passed and result.failures


def test_cau_1_instructions_inside_passages_do_not_count():
    # passages mention "Nguồn", "tạm trú"...: the checks look only outside the passage lines
    r = m.cham_cau_1_cau_truc(f"{TAI_LIEU_1}\nCâu hỏi: cần giấy tờ gì?")
    failed = {c.name for c in r.failures}
    assert failed == {"question", "only_sources", "cite", "not_found"}


def test_cau_1_requires_the_passage_that_answers():
    prompt = GOOD_PROMPT.replace(TAI_LIEU_1, format_passages(m.candidates("đăng ký kết hôn", 2)))
    assert m.cham_cau_1_cau_truc(prompt).passed
    r = m.cham_cau_1_tra_loi(prompt)
    assert [c.name for c in r.failures] == ["required"]


def test_cau_2_and_3_typical_mistakes():
    assert not m.cham_cau_2_dinh_dang("2a", ["nd30-d99"]).passed  # not among shown
    assert not m.cham_cau_2_dinh_dang("2a", ["nd30-d14"] * 4).passed  # too many
    assert not m.cham_cau_2_dung_doan("2a", ["nd30-d18-k1-k2", "nd30-d14"]).passed
    assert not m.cham_cau_2_dinh_dang("2a", "nd30-d18-k1-k2").passed  # a string, not a list
    assert not m.cham_cau_3_tim_du([2]).passed and m.cham_cau_3_khong_thua([2]).passed
    assert m.cham_cau_3_tim_du([1, 2, 3, 4, 5, 6]).passed
    assert not m.cham_cau_3_khong_thua([1, 2, 3, 4, 5, 6]).passed
    assert not m.cham_cau_3_dinh_dang([0, 7]).passed


@pytest.mark.parametrize(
    "answers, visible, hidden",
    [
        ({"a": "Tối đa 05 tờ.", "b": "Tối đa 10 lần khoản thu."}, False, False),  # no citation
        ({"a": "Tối đa 05 tờ [nd30-d33-k9].", "b": GOOD_4["b"]}, False, False),  # invented id
        ({"a": "Tối đa 05 tờ [nd30-d32].", "b": GOOD_4["b"]}, False, False),  # wrong passage
        ({"a": "Tối đa 10 tờ [nd30-d33-k1].", "b": GOOD_4["b"]}, False, False),  # wrong figure
        ({"a": "Đóng theo quy định [nd30-d33-k1].", "b": GOOD_4["b"]}, True, False),  # no figure
        ({"a": GOOD_4["a"]}, False, False),  # missing b
    ],
)
def test_cau_4_typical_mistakes(answers, visible, hidden):
    assert m.cham_cau_4_trich_dan(answers).passed is visible
    assert m.cham_cau_4_noi_dung(answers).passed is hidden


def test_self_check_prints_vietnamese_verdicts(capsys):
    assert m.kiem_tra("cau_3", {"cau_sai_3": [2, 4, 6]})
    assert not m.kiem_tra("cau_4", {"tra_loi_4": ...})
    out = capsys.readouterr().out
    assert "Câu 3" in out and "chưa trả lời" in out
