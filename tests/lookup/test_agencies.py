"""Agencies in full or abbreviated (aiwork.lookup.agencies), and denials."""

from __future__ import annotations

import pytest

from aiwork.lookup.agencies import find_agencies, names_agency


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Văn phòng đăng ký đất đai", "vp_dang_ky_dat_dai"),
        ("VP Đăng ký đất đai", "vp_dang_ky_dat_dai"),
        ("CN VPĐKĐĐ tỉnh Gia Lai", "vp_dang_ky_dat_dai"),
        ("Chi nhánh Văn phòng đăng ký đất đai", "vp_dang_ky_dat_dai"),
        ("van phong dang ky dat dai", "vp_dang_ky_dat_dai"),
        ("Ủy ban nhân dân phường Quy Nhơn", "ubnd_xa"),
        ("UBND P. Quy Nhơn", "ubnd_xa"),
        ("UBND cấp xã", "ubnd_xa"),
        ("Bộ phận tiếp nhận và trả kết quả", "bo_phan_mot_cua"),
        ("BP Một cửa", "bo_phan_mot_cua"),
        ("Công an phường", "cong_an_xa"),
        ("Sở KH&CN", "so_khcn"),
        ("Sở Khoa học và Công nghệ", "so_khcn"),
        ("Bảo hiểm xã hội tỉnh", "co_quan_bhxh"),
    ],
)
def test_full_names_and_abbreviations(text, key):
    assert [a.key for a in find_agencies(text)] == [key]


def test_a_benefit_is_not_an_agency():
    assert find_agencies("không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng") == []


def test_denied_agencies():
    text = "Không phải Văn phòng đăng ký đất đai mà là Công an phường"
    assert [(a.key, a.denied) for a in find_agencies(text)] == [
        ("vp_dang_ky_dat_dai", True),
        ("cong_an_xa", False),
    ]
    assert not names_agency(text, "vp_dang_ky_dat_dai")
    assert names_agency("Hồ sơ do VP Đăng ký đất đai giải quyết.", "vp_dang_ky_dat_dai")
