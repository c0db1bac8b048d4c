"""Graders of m05-an-toan on typical answers, without nbgrader (the round trip covers that)."""

from __future__ import annotations

from aiwork.privacy.redact import redact
from graders import m05_an_toan as m

KEY_1 = {"TH1": "A", "TH2": "B", "TH3": "C", "TH4": "D", "TH5": "B", "TH6": "A"}


def lines(mapping: dict[str, str]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in mapping.items())


def test_classification_key_and_grave_mistakes():
    assert m.cham_cau_1_an_toan(lines(KEY_1), KEY_1).passed
    assert m.cham_cau_1_chinh_xac(lines(KEY_1), KEY_1).passed
    secret_public = dict(KEY_1, TH4="A")
    assert not m.cham_cau_1_an_toan(lines(secret_public), KEY_1).passed
    assert m.cham_cau_1_chinh_xac(lines(secret_public), KEY_1).passed  # 5/6, but unsafe
    assert not m.cham_cau_1_an_toan("TH1: A\nTH2: B", KEY_1).passed  # incomplete
    assert not m.cham_cau_1_an_toan("...", KEY_1).passed


def test_gold_spans_of_question_2_are_all_found_by_the_detector_except_health():
    r = redact(m.VAN_BAN_2)
    assert m.cham_cau_2_dinh_danh(r.text).passed
    assert m.cham_cau_2_ten_dia_chi(r.text).passed
    hidden = m.cham_cau_2_nhay_cam(r.text)
    assert [c.name for c in hidden.failures] == ["sensitive"]  # the learner's part
    fixed = r.text.replace("lao phổi tại Bệnh viện Phổi tỉnh", "[SUC_KHOE_1]")
    assert m.cham_cau_2_nhay_cam(fixed).passed


def test_numbers_are_compared_without_their_spacing():
    leaky = redact(m.VAN_BAN_2).text.replace("[SDT_1]", "0935.682.417")
    result = m.cham_cau_2_dinh_danh(leaky)
    assert not result.passed and "số điện thoại" in result.report()


def test_original_text_fails_every_redaction_check():
    assert not m.cham_cau_2_dinh_danh(m.VAN_BAN_2).passed
    assert not m.cham_cau_2_ten_dia_chi(m.VAN_BAN_2).passed
    assert not m.cham_cau_2_nhay_cam(m.VAN_BAN_2).passed


def test_problems_in_the_draft():
    key = {"A", "B", "C", "D"}
    assert m.cham_cau_3_phat_hien("A, B, C, D", key).passed
    assert m.cham_cau_3_chinh_xac(["d", "c", "b", "a"], key).passed
    assert not m.cham_cau_3_phat_hien("A, B", key).passed
    assert not m.cham_cau_3_chinh_xac("A, B, C, D, E", key).passed
    assert not m.cham_cau_3_phat_hien("tôi chọn A", key).passed  # not a list of letters


def test_disclosure_note():
    good = (
        "Văn bản có sử dụng trợ lý AI để soạn nháp; cán bộ thụ lý đã kiểm tra và chịu "
        "trách nhiệm về nội dung."
    )
    assert m.cham_cau_4_ghi_chu(good).passed
    assert not m.cham_cau_4_ghi_chu("Văn bản này do AI viết.").passed
    assert not m.cham_cau_4_ghi_chu("Không ai kiểm tra văn bản này.").passed  # "ai" = who
    with_contact = good + " Liên hệ: ông Trần Văn Bình, 0905 123 456."
    assert not m.cham_cau_4_ghi_chu(with_contact).passed
