"""Graders of m05-an-toan on typical answers, without nbgrader (the round trip covers that).

Issue 17: points go to the learner's decisions (the tool's output alone earns nothing on
question 2), a disclosure that hands checking or responsibility to the AI fails while naming
the tool passes, letters are read with graders.forms so the source notebook run as it is reads
the same answer, and no key is held by the grader module.
"""

from __future__ import annotations

import re

import pytest

from aiwork.privacy.redact import redact
from graders import m05_an_toan as m

KEY_1 = {"TH1": "A", "TH2": "B", "TH3": "C", "TH4": "D", "TH5": "B", "TH6": "A"}
MUST_MASK = [
    "Lê Thị Thanh Hương",
    "Hương",
    "1979",
    "052179004812",
    "tổ 4, khu phố 7",
    "0935 682 417",
    "huong.lethanh79@gmail.com",
    "huong.lethanh79",
    "Phạm Văn Toàn",
    "0451000567890",
]
KEEP = ["03/3/2026", "123/UBND-VP", "2.500.000", "15 ngày"]
SENSITIVE = ["lao phổi", "bệnh lao", "Bệnh viện Phổi"]
DETAILS = {
    "role": ["trưởng thôn", "chức vụ", "Plei Kép"],
    "school": ["11A1", "lớp", "trường"],
    "health": ["chân", "tai nạn", "thương tật"],
    "only": ["hộ nghèo", "duy nhất"],
}


def lines(mapping: dict[str, str]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in mapping.items())


def test_classification_key_and_grave_mistakes():
    assert m.cham_cau_1_an_toan(lines(KEY_1), KEY_1).passed
    assert m.cham_cau_1_chinh_xac(lines(KEY_1), KEY_1).passed
    secret_public = dict(KEY_1, TH4="A")
    assert not m.cham_cau_1_an_toan(lines(secret_public), KEY_1).passed
    assert m.cham_cau_1_chinh_xac(lines(secret_public), KEY_1).passed  # 5/6, but unsafe
    personal_public = dict(KEY_1, TH2="A")
    assert not m.cham_cau_1_an_toan(lines(personal_public), KEY_1).passed
    assert not m.cham_cau_1_an_toan("TH1: A\nTH2: B", KEY_1).passed  # incomplete
    assert not m.cham_cau_1_an_toan("...", KEY_1).passed


def test_classification_forms():
    text = "Tình huống 4: nhóm D (văn bản mật)\nth1 - a\nTH 2: B\n3. C\nTH5: b vì có bệnh\nTH6: A"
    assert m.parse_phan_loai(text) == KEY_1
    as_is = "\n### BEGIN SOLUTION\n" + lines(KEY_1) + "\n### END SOLUTION\n"
    assert m.parse_phan_loai(as_is) == KEY_1


def _an_het(text: str):
    return m.cham_cau_2_an_het(text, MUST_MASK, KEEP)


def _nhay_cam(text: str):
    return m.cham_cau_2_nhay_cam(text, SENSITIVE, KEEP)


def test_the_tool_output_alone_earns_nothing_on_question_2():
    tool = redact(m.VAN_BAN_2).text
    assert m.cham_cau_2_an_het(tool).passed  # visible: the tool finds nothing more
    assert [c.name for c in _an_het(tool).failures] == ["all_masked"]  # the Facebook page
    assert [c.name for c in _nhay_cam(tool).failures] == ["sensitive"]  # the illness
    fixed = re.sub(r"facebook\.com/\S+?,", "[MXH_1],", tool).replace(
        "lao phổi tại Bệnh viện Phổi tỉnh", "[SUC_KHOE_1]"
    )
    assert _an_het(fixed).passed and _nhay_cam(fixed).passed


def test_numbers_are_compared_without_their_spacing():
    tool = re.sub(r"facebook\.com/\S+?,", "[MXH_1],", redact(m.VAN_BAN_2).text)
    leaky = tool.replace("[SDT_1]", "0935.682.417")
    assert not _an_het(leaky).passed


def test_original_text_and_over_masking_fail():
    assert not _an_het(m.VAN_BAN_2).passed
    assert not _nhay_cam(m.VAN_BAN_2).passed
    emptied = "Kính gửi: [CƠ QUAN].\n[NỘI DUNG ĐÃ ẨN TOÀN BỘ]. Đề nghị Phòng xem xét và trả lời."
    assert not _an_het(emptied).passed and not _nhay_cam(emptied).passed


def test_what_a_masked_text_still_reveals():
    good = (
        "Chi tiết còn để lộ: chức vụ trưởng thôn Plei Kép; lớp 11A1; cháu bị cắt bỏ một chân.\n"
        "Cách xử lý: bỏ các chi tiết đó, viết khái quát."
    )
    assert m.cham_cau_2b(good, DETAILS).passed
    assert m.cham_cau_2b(good).passed  # visible part
    nothing = "Chi tiết còn để lộ: không còn gì.\nCách xử lý: không cần xử lý."
    assert not m.cham_cau_2b(nothing, DETAILS).passed
    keep = good.replace("bỏ các chi tiết đó, viết khái quát", "giữ nguyên, trợ lý cần")
    assert not m.cham_cau_2b(keep, DETAILS).passed
    one = "Chi tiết còn để lộ: tên trường.\nCách xử lý: bỏ tên trường."
    assert not m.cham_cau_2b(one, DETAILS).passed
    pasted = f"Chi tiết còn để lộ: {m.VAN_BAN_2B}\nCách xử lý: bỏ bớt."
    assert not m.cham_cau_2b(pasted, DETAILS).passed
    missing = "Chi tiết còn để lộ: chức vụ, lớp, thương tật."
    result = m.cham_cau_2b(missing, DETAILS)
    assert not result.passed and "«Cách xử lý»" in result.report()


def test_problems_in_the_draft_read_as_letters():
    key = {"A", "B", "C", "D"}
    assert m.cham_cau_3_phat_hien("A, B, C, D", key).passed
    assert m.cham_cau_3_chinh_xac("d c b a", key).passed
    as_is = "\n### BEGIN SOLUTION\nA, B, C, D\n### END SOLUTION\n"
    assert m.cham_cau_3_phat_hien(as_is, key).passed  # issue 17: markers are not letters
    assert m.cham_cau_3_chinh_xac(as_is, key).passed
    assert not m.cham_cau_3_phat_hien("A, B", key).passed
    assert not m.cham_cau_3_chinh_xac("A, B, C, D, E", key).passed
    assert not m.cham_cau_3_phat_hien("tôi chọn A", key).passed  # not a list of letters


@pytest.mark.parametrize(
    "note",
    [
        "Văn bản có sử dụng trợ lý AI để soạn nháp; cán bộ thụ lý đã kiểm tra và chịu trách "
        "nhiệm về nội dung.",
        "Báo cáo có sử dụng MyGPT của tỉnh để soạn nháp; người soạn thảo đã kiểm tra và chịu "
        "trách nhiệm về nội dung.",
        "Văn bản có sử dụng ChatGPT hỗ trợ; tôi đã kiểm tra, xác nhận số liệu và chịu trách "
        "nhiệm về nội dung.",
        "ChatGPT hỗ trợ soạn nháp, cán bộ soạn thảo xác nhận nội dung và chịu trách nhiệm.",
        "Dùng Copilot soạn nháp; đã rà soát kỹ. Trách nhiệm về nội dung thuộc về người ký.",
        "AI hỗ trợ soạn nháp; AI không chịu trách nhiệm thay, phòng đã đối chiếu số liệu với hồ "
        "sơ và chịu trách nhiệm.",
    ],
)
def test_disclosure_accepted(note):
    assert m.cham_cau_4_ghi_chu(note).passed, m.cham_cau_4_ghi_chu(note).report()


@pytest.mark.parametrize(
    ("note", "failing"),
    [
        ("Văn bản này đã được AI kiểm tra.", "not_ai_checked"),
        ("Văn bản có sử dụng AI hỗ trợ soạn thảo, nên AI chịu trách nhiệm.", "not_ai_checked"),
        (
            "Nội dung do ChatGPT soạn và xác nhận là chính xác. Tôi chịu trách nhiệm.",
            "not_ai_checked",
        ),
        ("Trách nhiệm về nội dung thuộc về nhà cung cấp AI; cán bộ đã kiểm tra.", "not_ai_checked"),
        ("Văn bản có sự hỗ trợ của AI và đã được kiểm tra kỹ.", "human"),
        ("Văn bản này do AI viết.", "human"),
        ("Không ai kiểm tra văn bản này.", "ai"),  # "ai" = who
        (
            "Có dùng AI; cán bộ đã kiểm tra và chịu trách nhiệm. Liên hệ: ông Trần Văn Bình, "
            "0905 123 456.",
            "no_personal",
        ),
    ],
)
def test_disclosure_refused(note, failing):
    result = m.cham_cau_4_ghi_chu(note)
    assert failing in [c.name for c in result.failures], result.report()


def test_one_letter_choices():
    from graders.forms import choice_result

    assert choice_result(" b. ", "B").passed
    assert choice_result("\n### BEGIN SOLUTION\nB\n### END SOLUTION\n", "B").passed
    assert not choice_result("B, C", "B").passed
    assert not choice_result("A", "B").passed


def test_grader_module_holds_no_key():
    """Standard §4: letters, values to mask and identifying details are in hidden tests only."""
    keys = [KEY_1, {"A", "B", "C", "D"}, set(MUST_MASK), set(SENSITIVE), set(KEEP)]
    for name, value in vars(m).items():
        if isinstance(value, (dict, list, tuple, set, frozenset)) and not name.startswith("_"):
            as_set = set(value) if not isinstance(value, dict) else None
            assert value not in keys and as_set not in keys, name
