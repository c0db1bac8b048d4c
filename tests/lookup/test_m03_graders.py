"""Graders of m03-tra-cuu on reference, blank and typical wrong answers (no nbgrader here;
the round trip of every labelled answer through nbgrader is tests/test_assignments.py).
Keys are passed in as the hidden tests pass them; the grader module holds none."""

from __future__ import annotations

import pytest

from aiwork.lookup.grounding import check_grounding
from graders import m03_tra_cuu as m

GOOD_PROMPT = (
    "Chỉ trả lời dựa trên các đoạn tài liệu gửi kèm. Ghi mã đoạn trong ngoặc vuông sau mỗi câu. "
    "Nếu tài liệu không có thông tin, nói rõ là không có thông tin.\n"
    f"Câu hỏi: {m.HOI_1}"
)
KEY_1 = dict(
    doan_dung="tthc-tam-tru",
    phai_co=(r"to khai thay doi thong tin cu tru", r"cho o hop phap", r"\b0?3 ngay lam viec"),
    khong_dan=("tthc-ket-hon", "tthc-khai-sinh"),
)
KEY_3 = (2, 4, 6, 7)
KEY_4A = dict(
    doan="nd30-d33-k1",
    con_so=5.0,
    dung_nghia=(r"toi da|khong qua|nhieu nhat",),
    sai_nghia=(r"toi thieu|it nhat",),
)
GOOD_4A = "Mỗi dấu giáp lai đóng tối đa 05 tờ văn bản [nd30-d33-k1]."
BLANKS = [None, ..., "", "...", "\n...\n"]


def test_the_checker_sees_three_faults_and_the_reader_four():
    """Sentence 7 reverses its passage: no figure differs, so only a reader catches it."""
    flagged = check_grounding(m.TRA_LOI_3, m.doan_3()).unsupported_sentences
    assert flagged == [2, 4, 6]
    assert set(flagged) < set(KEY_3)


def test_reference_answers_pass_every_grader():
    assert m.cham_cau_1_cau_truc(GOOD_PROMPT).passed
    assert m.cham_cau_1_tra_loi(GOOD_PROMPT, **KEY_1).passed  # asks the offline assistant
    assert m.cham_cau_2_dung_doan(
        "2a", "nd30-d18-k1-k2, nd30-d4-k2-c", ("nd30-d18-k1-k2",), ("nd30-d4-k2-c",)
    ).passed
    assert m.cham_cau_2_dung_doan(
        "2b", "[tthc-chung-thuc-ban-sao]", ("tthc-chung-thuc-ban-sao",)
    ).passed
    for grader in (m.cham_cau_3_tim_du, m.cham_cau_3_khong_thua):
        assert grader("2, 4, 6, 7", KEY_3).passed
    assert m.cham_cau_4_noi_dung("a", GOOD_4A, **KEY_4A).passed


def test_a_grader_without_its_key_never_passes():
    assert not m.cham_cau_1_tra_loi(GOOD_PROMPT).passed
    assert not m.cham_cau_3_tim_du("2, 4, 6, 7").passed
    assert not m.cham_cau_4_noi_dung("a", GOOD_4A).passed


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_blank_answers_fail_every_grader(blank):
    graders = [
        m.cham_cau_1_cau_truc,
        lambda v: m.cham_cau_1_tra_loi(v, **KEY_1),
        m.cham_cau_3_dinh_dang,
        lambda v: m.cham_cau_3_tim_du(v, KEY_3),
        lambda v: m.cham_cau_3_khong_thua(v, KEY_3),
        lambda v: m.cham_cau_4_trich_dan("a", v),
        lambda v: m.cham_cau_4_noi_dung("a", v, **KEY_4A),
        lambda v: m.cham_cau_2_dinh_dang("2a", v),
    ]
    for grader in graders:
        result = grader(blank)
        assert not result.passed and result.failures


@pytest.mark.parametrize(
    ("prompt", "failing"),
    [
        (
            "Trả lời dựa trên tài liệu và kiến thức chung, có thể bổ sung ngoài tài liệu. "
            "Ghi mã đoạn trong ngoặc vuông. Nếu không có thông tin thì nói rõ. Câu hỏi: tạm trú?",
            {"only_sources"},
        ),
        (
            "Chỉ dựa vào tài liệu gửi kèm, không bổ sung thông tin ngoài tài liệu. Ghi mã nguồn. "
            "Tài liệu không đề cập thì nói là chưa rõ. Câu hỏi: đăng ký tạm trú?",
            set(),
        ),
        (
            "Dựa vào các đoạn tài liệu gửi kèm, trả lời: đăng ký tạm trú cần gì? Mỗi ý ghi mã đoạn. "
            "Tài liệu không đề cập thì nói là chưa rõ.",
            set(),
        ),
        ("Chỉ dựa vào tài liệu. Câu hỏi: đăng ký tạm trú?", {"cite", "not_found"}),
    ],
)
def test_cau_1_grounding_read_with_its_negations(prompt, failing):
    r = m.cham_cau_1_cau_truc(prompt)
    assert {c.name for c in r.failures} == failing


def test_cau_1_the_reply_must_answer_what_was_asked():
    half = GOOD_PROMPT.replace(m.HOI_1, "đăng ký tạm trú thì bao lâu có kết quả?")
    r = m.cham_cau_1_tra_loi(half, **KEY_1)
    assert [c.name for c in r.failures] == ["answers"]


def test_cau_2_and_3_typical_mistakes():
    key = (("nd30-d18-k1-k2",), ("nd30-d4-k2-c",))
    assert not m.cham_cau_2_dinh_dang("2a", "nd30-d99-k1").passed  # not among shown
    assert not m.cham_cau_2_dinh_dang(
        "2a", "nd30-d14, nd30-d19, nd30-d4-k2-c, nd30-d18-k1-k2"
    ).passed
    assert not m.cham_cau_2_dung_doan("2a", "nd30-d18-k1-k2, nd30-d14", *key).passed
    assert m.doc_ma("Đoạn ND30-D18-K1-K2 và [nd30-d4-k2-c]") == ["nd30-d18-k1-k2", "nd30-d4-k2-c"]
    assert not m.cham_cau_3_tim_du("2, 4, 6", KEY_3).passed  # the checker's output
    assert m.cham_cau_3_khong_thua("2, 4, 6", KEY_3).passed
    assert not m.cham_cau_3_khong_thua("1, 2, 3, 4, 5, 6, 7", KEY_3).passed
    assert not m.cham_cau_3_khong_thua("không có", KEY_3).passed
    assert not m.cham_cau_3_dinh_dang("0, 8").passed


@pytest.mark.parametrize(
    ("answer", "visible", "hidden"),
    [
        ("Tối đa 05 tờ.", False, False),  # no citation
        ("Tối đa 05 tờ [nd30-d33-k9].", False, False),  # invented id
        ("Tối đa 05 tờ [nd30-d32].", False, False),  # wrong passage
        ("Tối đa 10 tờ [nd30-d33-k1].", False, False),  # wrong figure
        ("Tối thiểu 05 tờ [nd30-d33-k1].", True, False),  # a maximum read as a minimum
        ("Đóng theo quy định [nd30-d33-k1].", True, False),  # no figure
        ("Không quá 5 tờ văn bản [nd30-d33-k1].", True, True),
    ],
)
def test_cau_4_typical_mistakes(answer, visible, hidden):
    assert m.cham_cau_4_trich_dan("a", answer).passed is visible
    assert m.cham_cau_4_noi_dung("a", answer, **KEY_4A).passed is hidden


def test_self_check_prints_vietnamese_verdicts(capsys):
    assert m.kiem_tra("cau_3", {"cau_sai_3": "2, 4, 6, 7"})
    assert not m.kiem_tra("cau_4a", {"tra_loi_4a": ...})
    out = capsys.readouterr().out
    assert "Câu 3" in out and "chưa trả lời" in out
