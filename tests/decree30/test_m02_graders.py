"""Module 2 graders judge properties of the learner's dict (fast unit checks; the nbgrader
round trip lives in tests/test_assignments.py)."""

from __future__ import annotations

import copy

import pytest

from graders import m02_soan_thao as g

CONG_VAN = {
    "loai": "công văn",
    "co_quan_chu_quan": "UBND TỈNH GIA LAI",
    "co_quan": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "ky_hieu": "SKHCN-CĐS",
    "so": 35,
    "dia_danh": "Gia Lai",
    "ngay": "10/03/2026",
    "trich_yeu": "cử công chức tham gia lớp tập huấn sử dụng trợ lý AI",
    "kinh_gui": ["Ủy ban nhân dân các xã, phường", "Trung tâm Phục vụ hành chính công tỉnh"],
    "noi_dung": [
        "Lớp tập huấn “Trợ lý AI trong công việc hành chính” tổ chức ngày 24/3/2026 tại Hội trường Sở.",
        "Đề nghị mỗi đơn vị cử 02 công chức, gửi danh sách trước ngày 20/3/2026.",
        "Trân trọng.",
    ],
    "ky": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    "nguoi_ky": "Trần Thị Minh Thư",
    "noi_nhan": ["Giám đốc Sở (để b/c)"],
    "luu": "VT, CĐS",
}
GRADERS_1 = [
    g.cham_cau_1_the_thuc,
    g.cham_cau_1_ky_hieu,
    g.cham_cau_1_ky_hieu_an,
    g.cham_cau_1_kinh_gui,
    g.cham_cau_1_noi_nhan_an,
    g.cham_cau_1_du_kien,
    g.cham_cau_1_trich_yeu_an,
]


def _with(**changes):
    d = copy.deepcopy(CONG_VAN)
    d.update(changes)
    return d


@pytest.mark.parametrize("grader", GRADERS_1, ids=lambda f: f.__name__)
def test_reference_passes_and_blank_fails(grader):
    assert grader(CONG_VAN).passed
    assert not grader({k: ... for k in CONG_VAN}).passed
    assert not grader(None).passed


@pytest.mark.parametrize(
    ("changes", "failing"),
    [
        (
            {"ky_hieu": "CV-SKHCN"},
            {"cham_cau_1_the_thuc", "cham_cau_1_ky_hieu", "cham_cau_1_ky_hieu_an"},
        ),
        ({"so": 5}, {"cham_cau_1_ky_hieu_an"}),
        ({"kinh_gui": "Ủy ban nhân dân các xã, phường"}, {"cham_cau_1_kinh_gui"}),
        ({"nguoi_ky": "TS. Trần Thị Minh Thư"}, {"cham_cau_1_the_thuc", "cham_cau_1_noi_nhan_an"}),
        (
            {
                "noi_dung": [
                    "Liên hệ 0256 3822 999 để biết thêm. Lớp học ngày 24/3/2026 tại Hội trường, "
                    "mỗi đơn vị cử 02 công chức, hạn 20/3/2026."
                ]
            },
            {"cham_cau_1_du_kien"},
        ),
        (
            {
                "noi_dung": [
                    "Lớp học ngày 24/3/2026 tại [địa điểm], cử 02 công chức, hạn 20/3/2026."
                ]
            },
            {"cham_cau_1_du_kien"},
        ),
        ({"trich_yeu": "việc khác"}, {"cham_cau_1_trich_yeu_an"}),
        (
            {"loai": "thông báo", "ky_hieu": "SKHCN"},
            {"cham_cau_1_the_thuc", "cham_cau_1_ky_hieu", "cham_cau_1_ky_hieu_an"},
        ),
    ],
)
def test_each_mistake_fails_only_its_graders(changes, failing):
    answer = _with(**changes)
    failed = {f.__name__ for f in GRADERS_1 if not f(answer).passed}
    assert failed == failing


def test_unbuildable_answer_explains_in_vietnamese():
    r = g.cham_cau_1_the_thuc(_with(ngay="mùng 10"))
    assert not r.passed and "ngay" in r.failures[0].message


def test_self_check_prints_visible_verdict(capsys):
    assert g.kiem_tra("cau_1", {"cong_van": CONG_VAN})
    out = capsys.readouterr().out
    assert "Câu 1" in out and "đúng thể thức" in out
    assert not g.kiem_tra("cau_1", {"cong_van": _with(ky_hieu="CV-SKHCN")})
