"""Module 2 graders judge properties of the learner's labelled-lines document (fast unit
checks; the nbgrader round trip of every labelled answer lives in tests/test_assignments.py)."""

from __future__ import annotations

import pytest

from graders import m02_soan_thao as g

CONG_VAN = """
Loại văn bản: Công văn
Cơ quan chủ quản: UBND tỉnh Gia Lai
Cơ quan ban hành: Sở Nội vụ
Số, ký hiệu: 215/SNV-CCVC
Ngày: Gia Lai, ngày 30 tháng 3 năm 2026
Trích yếu: Cử công chức tham gia lớp bồi dưỡng kỹ năng số năm 2026
Kính gửi:
- Ủy ban nhân dân các xã, phường;
- Trung tâm Phục vụ hành chính công tỉnh.
Nội dung:
Thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2026 của UBND tỉnh Gia Lai, Sở Nội vụ tổ chức lớp bồi dưỡng kỹ năng số khai giảng ngày 14/4/2026 tại Hội trường Sở Nội vụ.
Đề nghị các cơ quan, đơn vị cử 02 công chức và gửi danh sách về Sở trước ngày 07/4/2026.
Trân trọng./.
Quyền hạn, chức vụ người ký: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC
Người ký: Nguyễn Thị Lan
Nơi nhận:
- Như trên;
- Giám đốc Sở (để b/c);
- Lưu: VT, CCVC.
"""
# Keys as the hidden tests pass them (this module holds none).
HEADER = {"so_ky_hieu": "215/SNV-CCVC", "ngay": "30/3/2026", "dia_danh": "Gia Lai"}
CLOSING = {
    "ky": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
    "nguoi_ky": "Nguyễn Thị Lan",
    "noi_nhan": (r"giam doc(?: so)?\b",),
    "luu": "VT, CCVC",
}
SUBJECT = (r"boi duong|lop|tap huan", r"ky nang so")
GRADERS = {
    "the_thuc": g.cham_cau_2_the_thuc,
    "ky_hieu": lambda v: g.cham_cau_2_ky_hieu(v, dap_an=HEADER),
    "noi_nhan": lambda v: g.cham_cau_2_noi_nhan(v, dap_an=CLOSING),
    "du_kien": lambda v: g.cham_cau_2_du_kien(v, trich_yeu=SUBJECT),
}


def _with(old: str, new: str) -> str:
    assert old in CONG_VAN
    return CONG_VAN.replace(old, new)


@pytest.mark.parametrize("name", GRADERS)
def test_reference_passes_and_blank_fails(name):
    grader = GRADERS[name]
    assert grader(CONG_VAN).passed, grader(CONG_VAN).report()
    for blank in ("\n...\n", None, "", ...):
        result = grader(blank)
        assert not result.passed and result.failures


@pytest.mark.parametrize(
    ("old", "new", "failing"),
    [
        ("215/SNV-CCVC", "215/CV-SNV", {"the_thuc", "ky_hieu"}),
        ("215/SNV-CCVC", "251/SNV-CCVC", {"ky_hieu"}),
        ("- Trung tâm Phục vụ hành chính công tỉnh.", "- Các sở, ban, ngành.", {"noi_nhan"}),
        ("Người ký: Nguyễn Thị Lan", "Người ký: TS. Nguyễn Thị Lan", {"the_thuc", "noi_nhan"}),
        ("ngày 14/4/2026", "ngày 07/4/2026", {"du_kien"}),  # the two dates swapped...
        ("trước ngày 07/4/2026", "trước ngày [ngày]", {"du_kien"}),
        (
            "Kế hoạch số 45/KH-UBND ngày 12/3/2026",
            "Kế hoạch số 35/KH-UBND ngày 10/3/2026",
            {"du_kien"},
        ),
        ("cử 02 công chức", "cử từ 02 đến 03 công chức", {"du_kien"}),
        ("Trân trọng./.", "Liên hệ: 0269 3824 555.\nTrân trọng./.", {"du_kien"}),
        (
            "Trích yếu: Cử công chức tham gia lớp bồi dưỡng kỹ năng số năm 2026",
            "Trích yếu: Việc khác",
            {"du_kien"},
        ),
    ],
)
def test_each_mistake_fails_only_its_graders(old, new, failing):
    answer = _with(old, new)
    failed = {name for name, grader in GRADERS.items() if not grader(answer).passed}
    assert failed == failing


@pytest.mark.parametrize(
    "kinh_gui",
    [
        "UBND các phường, xã; Trung tâm Phục vụ hành chính công tỉnh",
        "Ủy ban nhân dân xã, phường trên địa bàn tỉnh; Trung tâm Phục vụ hành chính công",
        "UBND các xã và phường\nTrung tâm Phục vụ hành chính công tỉnh Gia Lai",
    ],
)
def test_usual_forms_of_the_recipients_are_accepted(kinh_gui):
    answer = _with(
        "- Ủy ban nhân dân các xã, phường;\n- Trung tâm Phục vụ hành chính công tỉnh.", kinh_gui
    )
    assert GRADERS["noi_nhan"](answer).passed


def test_an_unreadable_form_explains_in_vietnamese():
    r = g.cham_cau_2_the_thuc(_with("Ngày: Gia Lai, ngày 30 tháng 3 năm 2026", "Ngày: mùng 10"))
    assert (
        not r.passed
        and "«Ngày»" in r.failures[0].message
        and "Bài 2, mục 5" in r.failures[0].message
    )


def test_prompt_needs_the_kind_and_every_fact_uncontradicted():
    good = (
        "Soạn công văn của Sở Nội vụ gửi UBND các xã, phường và Trung tâm Phục vụ hành chính công "
        "tỉnh: thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2026, lớp bồi dưỡng kỹ năng số khai giảng "
        "ngày 14/4/2026 tại Hội trường Sở Nội vụ, mỗi đơn vị cử 02 công chức, gửi danh sách trước "
        "ngày 07/4/2026."
    )
    assert g.cham_cau_1(good).passed
    swapped = (
        good.replace("14/4/2026", "X").replace("07/4/2026", "14/4/2026").replace("X", "07/4/2026")
    )
    assert not g.cham_cau_1(swapped).passed
    assert not g.cham_cau_1(good.replace("Soạn công văn", "Soạn văn bản")).passed


def test_module_6_may_still_pass_a_dict():
    from graders.core import Result

    built = g.build_and_check(Result(), g.read_fields(CONG_VAN, "công văn")[0], "cong_van")
    assert built is not None and built.fields.doc_type == "cong_van"


def test_self_check_prints_visible_verdict(capsys):
    assert g.kiem_tra("cau_2", {"cong_van": CONG_VAN})
    out = capsys.readouterr().out
    assert "Câu 2" in out and "đúng thể thức" in out
    assert not g.kiem_tra("cau_2", {"cong_van": _with("215/SNV-CCVC", "215/CV-SNV")})


GIAY_MOI = """
Loại văn bản: Giấy mời
Cơ quan ban hành: Ủy ban nhân dân phường Quy Nhơn Nam
Số, ký hiệu: 12/GM-UBND
Ngày: Quy Nhơn Nam, ngày 03 tháng 7 năm 2026
Trích yếu: Dự Hội nghị sơ kết 6 tháng đầu năm 2026 phong trào “Bình dân học vụ số”
Nội dung:
Ủy ban nhân dân phường Quy Nhơn Nam trân trọng kính mời: Trưởng các khu phố trên địa bàn phường.
Tới dự: Hội nghị sơ kết 6 tháng đầu năm 2026 phong trào “Bình dân học vụ số”.
Chủ trì: Phó Chủ tịch Ủy ban nhân dân phường.
Thời gian: 8 giờ 00, ngày 10/7/2026.
Địa điểm: Hội trường Ủy ban nhân dân phường (tầng 3).
Quyền hạn, chức vụ người ký: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
Người ký: Trần Văn Bình
Nơi nhận:
- Như trên;
- Chủ tịch UBND phường (để b/c);
- Lưu: VT, VP.
"""


def test_a_giay_moi_trich_yeu_does_not_start_with_vv(tmp_path, capsys):
    """ "V/v" belongs to the công văn (no type name); a giấy mời's trích yếu starting with it
    loses the thể thức points with a sentence saying so - not the checker's công văn rules
    ("Kính gửi", "GM không dùng") - and only those points."""
    assert g.cham_cau_3_the_thuc(GIAY_MOI).passed
    bad = GIAY_MOI.replace("Trích yếu: Dự", "Trích yếu: V/v dự")
    r = g.cham_cau_3_the_thuc(bad)
    message = " ".join(c.message for c in r.failures)
    assert not r.passed and "“V/v” chỉ dùng cho công văn" in message, r.report()
    assert "Bài 2, mục 5" in message and "Kính gửi" not in message
    assert g.cham_cau_3_du_kien(bad).passed
    assert g.soan_van_ban(bad, str(tmp_path / "giay-moi.docx"), loai="giấy mời") is None
    assert "“V/v” chỉ dùng cho công văn" in capsys.readouterr().out
    assert not (tmp_path / "giay-moi.docx").exists()
    # a công văn's trích yếu may be written with its "V/v"
    assert g.cham_cau_2_the_thuc(_with("Trích yếu: Cử", "Trích yếu: V/v cử")).passed
