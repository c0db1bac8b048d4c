"""Draft review (facts, invention, placeholders), the common-mistakes sample, page numbers,
and the learner-facing dict entry."""

from __future__ import annotations

from datetime import date

from docx import Document

from aiwork.decree30 import check_docx, from_dict
from aiwork.decree30.review import (
    fold,
    informal,
    invented,
    missing_facts,
    numbers,
    placeholders,
    review,
)
from aiwork.decree30.samples import COMMON_MISTAKE_RULES, common_mistakes

BRIEF = "Lớp tập huấn ngày 24/3/2026 tại Hội trường; mỗi đơn vị cử 02 công chức; hạn 20/3/2026; 1.480 hồ sơ."
FACTS = {
    "ngày 24/3/2026": (r"24\s*/\s*0?3\s*/\s*2026", r"24 thang 0?3 nam 2026"),
    "hội trường": (r"hoi truong",),
}


def test_fold_and_numbers():
    assert fold("Hội trường ĐÀ") == "hoi truong da"
    assert numbers("ngày 24/3/2026, 1.480 hồ sơ, 84,5%") >= {"24", "3", "2026", "1480", "84.5"}
    assert "2" in numbers("cử 02 công chức")


def test_missing_facts_accepts_other_spellings():
    assert missing_facts("Ngày 24 tháng 3 năm 2026 tại hội trường Sở.", FACTS) == []
    assert missing_facts("Tại Hội trường.", FACTS) == ["ngày 24/3/2026"]


def test_invented_numbers_and_mails():
    assert invented("Cử 2 công chức trước ngày 20/03/2026; đã nhận 1480 hồ sơ.", BRIEF) == []
    found = invented(
        "Liên hệ 0256 3822 999 hoặc cds@gialai.gov.vn; kinh phí 5.000.000 đồng.", BRIEF
    )
    assert "0256" in found and "cds@gialai.gov.vn" in found and "5.000.000" in found


def test_placeholders():
    assert placeholders("Kính gửi: [tên đơn vị]; thời gian … địa điểm xxx") == [
        "[tên đơn vị]",
        "…",
        "xxx",
    ]
    assert placeholders("Trân trọng./.") == []


def test_review_report():
    r = review("Tại [địa điểm], liên hệ 0912345678.", BRIEF, FACTS)
    assert (
        not r.ok and r.missing == ["ngày 24/3/2026", "hội trường"] and r.invented == ["0912345678"]
    )
    assert r.placeholders == ["[địa điểm]"]
    assert "Thiếu dữ kiện" in r.report_vi()
    assert review("Ngày 24/3/2026 tại Hội trường.", BRIEF, FACTS).ok


def test_common_mistakes_sample_breaks_exactly_its_rules(tmp_path):
    common_mistakes(tmp_path / "loi.docx")
    assert {v.rule for v in check_docx(tmp_path / "loi.docx")} == COMMON_MISTAKE_RULES


def test_page_numbers_from_page_two(sample_paths):
    doc = Document(str(sample_paths["bao_cao"]))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    xml = section.header._element.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert (
        section.first_page_header.is_linked_to_previous
        or not section.first_page_header.paragraphs[0].text
    )


def test_code_is_not_doubled_and_wrong_codes_reach_the_checker():
    base = {
        "loai": "giấy mời",
        "co_quan": "UBND PHƯỜNG QUY NHƠN",
        "ky_hieu": "UBND",
        "dia_danh": "Quy Nhơn",
        "ngay": date(2026, 2, 9),
        "trich_yeu": "Dự họp",
        "noi_dung": ["Kính mời."],
        "ky": ["CHỦ TỊCH"],
        "nguoi_ky": "Lê Văn A",
    }
    assert from_dict(base).code == "GM-UBND"
    assert from_dict({**base, "ky_hieu": "GM-UBND"}).code == "GM-UBND"
    assert from_dict({**base, "ky_hieu": "TB-UBND"}).code == "TB-UBND"
    assert from_dict({**base, "loai": "cong van", "ky_hieu": "UBND-VP"}).code == "UBND-VP"
    assert from_dict({**base, "ngay": "9/2/2026", "so": ...}).number is None


def test_informal_tone_is_flagged_without_false_alarms():
    assert informal("Các bạn nhớ gửi danh sách nhé! 😀 Cảm ơn ạ.") == ["!", "😀", "nhé", "ạ"]
    # "nhà", a name "Nhi", "giải Nhì" and "Nguyễn Văn A" are ordinary words.
    assert informal("Nhà văn hóa khu phố; bà Nguyễn Thị Nhi đạt giải Nhì; ông Nguyễn Văn A.") == []
    assert "Giọng văn" in review("Gửi gấp nhé!", BRIEF, {}).report_vi()
