"""Legal references as officials write them (aiwork.lookup.citations, the one home)."""

from __future__ import annotations

import datetime as dt

import pytest

from aiwork.lookup.citations import differences, find_citations, parse_citation, same_document

ND30 = "Nghị định số 30/2020/NĐ-CP"


@pytest.mark.parametrize(
    "written",
    [
        "Nghị định số 30/2020/NĐ-CP",
        "Nghị định 30/2020/NĐ-CP",
        "Nghị định 30/2020",
        "NĐ 30/2020/NĐ-CP",
        "nghị định số 30/2020/nđ-cp",
        "Nghi dinh 30/2020/ND-CP",
        "Nghị định 30",
        "số 30/2020/NĐ-CP",
        "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ",
    ],
)
def test_every_form_of_decree_30_is_the_same_document(written):
    c = parse_citation(written)
    assert c.kind == "nghi_dinh" and c.number == 30
    assert same_document(c, ND30)


@pytest.mark.parametrize(
    "other",
    ["Nghị định 30/2021/NĐ-CP", "Nghị định 13/2023/NĐ-CP", "Thông tư 30/2020/TT-BNV", "Luật 30"],
)
def test_other_documents_are_not_decree_30(other):
    assert not same_document(other, ND30)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Luật Đất đai năm 2024", "Luật Đất đai 2024", True),
        ("Luật Đất đai 2024", "luật đất đai 2024", True),
        ("Luat Dat dai 2024", "Luật Đất đai năm 2024", True),
        ("Luật Đất đai năm 2013", "Luật Đất đai năm 2024", False),
        ("Luật Hộ tịch năm 2014", "Luật Hộ tịch", True),
        ("Luật Cư trú 2020", "Luật Hộ tịch năm 2014", False),
        ("Luật số 91/2025/QH15", "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15", True),
        ("Bộ luật Lao động 2019", "Luật Lao động 2019", False),
        ("Kế hoạch số 35/KH-UBND", "KH 35/KH-UBND", True),
        ("Kế hoạch số 35/KH-UBND", "Kế hoạch số 36/KH-UBND", False),
        ("Kế hoạch số 01-KH/BCĐTW", "Kế hoạch 01-KH/BCĐTW ngày 21/3/2025", True),
        ("Công văn số 557/BKHCN-CĐSQG", "CV 557/BKHCN-CĐSQG", True),
        ("Thông tư 02/2025/TT-BGDĐT", "Thông tư số 02/2025/TT-BGDĐT", True),
    ],
)
def test_same_document(a, b, same):
    assert same_document(a, b) is same
    assert same_document(b, a) is same


def test_parts_read_from_each_form():
    law = parse_citation("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15")
    assert (law.kind, law.name, law.number, law.year, law.code) == (
        "luat",
        "Bảo vệ dữ liệu cá nhân",
        91,
        2025,
        "QH15",
    )
    assert parse_citation("Luật Đầu tư 2020").name == "Đầu tư"  # "tư" is not "từ"
    plan = parse_citation("Thực hiện Kế hoạch số 35/KH-UBND ngày 10/3/2026 của UBND tỉnh")
    assert (plan.kind, plan.number, plan.code, plan.issued) == (
        "ke_hoach",
        35,
        "KH-UBND",
        dt.date(2026, 3, 10),
    )
    assert plan.label == "Kế hoạch số 35/KH-UBND ngày 10/3/2026"
    assert parse_citation("Kế hoạch số 01-KH/BCĐTW").label == "Kế hoạch số 01-KH/BCĐTW"
    assert parse_citation("số 557/BKHCN-CĐSQG").kind == "cong_van"  # no type in the code
    assert parse_citation("số 91/2025/QH15").kind == "luat"
    long_name = parse_citation("Luật Ban hành văn bản quy phạm pháp luật năm 2025")
    assert long_name.name == "Ban hành văn bản quy phạm pháp luật" and long_name.year == 2025


def test_a_different_date_of_the_same_document_is_a_difference():
    assert differences("Kế hoạch số 35/KH-UBND ngày 12/3/2026", "KH 35/KH-UBND ngày 10/3/2026") == [
        "ngày ban hành"
    ]
    assert differences("Kế hoạch số 35/KH-UBND", "KH 35/KH-UBND ngày 10/3/2026") == []


@pytest.mark.parametrize(
    "text",
    [
        "Soạn thông báo 3 ý, kế hoạch 2 năm, theo quy định của pháp luật hiện hành.",
        "Luật sư của công dân; tầng 2-A; 1.480 hồ sơ; ngày 15/12/2026; 8 giờ 00; 84,5%.",
        "Mỗi đơn vị cử 02 công chức, khoảng 100-150 từ, tỷ lệ 1/2.",
        "luật sửa đổi gần đây",
    ],
)
def test_no_reference_where_there_is_none(text):
    assert find_citations(text) == []


def test_several_references_in_order_with_spans():
    text = "Căn cứ Luật Đất đai năm 2024; Nghị định 30/2020/NĐ-CP và Công văn 557/BKHCN-CĐSQG."
    found = find_citations(text)
    assert [c.kind for c in found] == ["luat", "nghi_dinh", "cong_van"]
    assert [text[c.start : c.end] for c in found] == [c.text for c in found]


def test_no_reference_is_a_vietnamese_error():
    with pytest.raises(ValueError, match="Không đọc được"):
        parse_citation("theo quy định")
