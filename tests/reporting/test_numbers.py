"""Vietnamese number formats: parsing, formatting, and mention extraction."""

from __future__ import annotations

import pytest

from aiwork.reporting.numbers import extract_mentions
from aiwork.vi import format_number, format_percent, parse_number


@pytest.mark.parametrize(
    ("token", "value", "decimals"),
    [
        ("1.234,5", 1234.5, 1),  # Vietnamese: dot thousands, comma decimal
        ("12,5", 12.5, 1),
        ("1.234", 1234.0, 0),  # a lone dot before 3 digits groups thousands
        ("12.345.678", 12345678.0, 0),
        ("1,234", 1.234, 3),  # a lone comma is the decimal comma
        ("1,234,567", 1234567.0, 0),  # English thousands (several commas)
        ("1,234.5", 1234.5, 1),  # English format with both separators
        ("12.5", 12.5, 1),  # dot not followed by 3 digits: decimal point
        ("2026", 2026.0, 0),
        ("0,05", 0.05, 2),
    ],
)
def test_parse_number(token, value, decimals):
    assert parse_number(token) == (pytest.approx(value), decimals)


def test_parse_number_rejects_garbage():
    with pytest.raises(ValueError):
        parse_number("12a")


def test_format_round_trip():
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(198722) == "198.722"
    assert format_percent(72.149) == "72,1%"
    assert parse_number(format_number(98765.4, 1)) == (98765.4, 1)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in extract_mentions(text)]


def test_percent_points_scale_and_times():
    ms = extract_mentions(
        "đạt 12,5%, tăng 3,2 điểm phần trăm; khoảng 3 nghìn hồ sơ, 1,2 triệu lượt, "
        "gấp 2,5 lần, 45 phần trăm, giảm 2 điểm %"
    )
    got = [(m.kind, m.value, m.unit, m.qualifier) for m in ms]
    assert got == [
        ("percent", 12.5, pytest.approx(0.1), None),
        ("points", 3.2, pytest.approx(0.1), None),
        ("number", 3000.0, 1000.0, "about"),
        ("number", pytest.approx(1.2e6), pytest.approx(1e5), None),
        ("times", 2.5, pytest.approx(0.1), None),
        ("percent", 45.0, 1.0, None),
        ("points", 2.0, 1.0, None),
    ]


def test_dates_are_not_counts():
    ms = extract_mentions(
        "Tính đến ngày 31/10/2026, trong 10 tháng đầu năm, quý III/2026 và "
        "tháng 10/2026 so với tháng 1, năm 2026, ngày 5 tháng 3 năm 2026, 9/2026"
    )
    assert [m.kind for m in ms] == ["date"] * 8
    assert [m.date for m in ms] == [
        ("day", (2026, 10, 31)),
        ("months", (None, 1, 10)),
        ("months", (2026, 7, 9)),
        ("month", (2026, 10)),
        ("month", (None, 1)),
        ("year", (2026,)),
        ("day", (2026, 3, 5)),
        ("month", (2026, 9)),
    ]


def test_references_are_ignored_not_read_as_numbers():
    ms = kinds(
        "Theo Nghị định 30/2020/NĐ-CP, Công văn 557/BKHCN-CĐSQG, Kế hoạch 01-KH/BCĐTW, "
        "Luật 91/2025/QH15 và Điều 8, Số: 12/BC-UBND"
    )
    assert [k for k, _ in ms] == ["reference"] * 6
    assert ("reference", "30/2020/NĐ-CP") in ms


def test_fraction_gives_two_counts_and_offsets_point_into_text():
    text = "Có 7/12 đơn vị đạt mục tiêu, hơn 80% số người."
    ms = extract_mentions(text)
    assert [(m.kind, m.value) for m in ms] == [("number", 7.0), ("number", 12.0), ("percent", 80.0)]
    assert ms[2].qualifier == "above"
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_words_glued_to_digits_are_not_numbers():
    assert extract_mentions("mã A1 và phiên bản v2") == []


def test_lower_case_so_before_a_colon_is_a_figure_not_a_document_number():
    ms = extract_mentions("Tỷ lệ hoàn thành bồi dưỡng kỹ năng số: 81,1%. Số: 12")
    assert [(m.kind, m.text) for m in ms] == [("percent", "81,1%"), ("reference", "Số: 12")]


def test_lengths_in_prompts_are_format_not_figures():
    ms = extract_mentions("Viết không quá 150 từ, 3 gạch đầu dòng, tăng từ 52,3% lên 71,8%.")
    assert [(m.kind, m.text) for m in ms] == [
        ("format", "150"),
        ("format", "3"),
        ("percent", "52,3%"),
        ("percent", "71,8%"),
    ]


def test_a_number_before_ty_le_is_not_scaled():
    """ "198.722 Tỷ lệ ..." (a list joined on one line): "tỷ" starts "tỷ lệ", not a scale."""
    found = extract_mentions("Tổng số hồ sơ: 198.722 Tỷ lệ trực tuyến: 62,4% Tỉ trọng 3 tỷ đồng")
    assert [(m.text, m.value) for m in found][:2] == [("198.722", 198722.0), ("62,4%", 62.4)]
    assert found[-1].value == 3e9
