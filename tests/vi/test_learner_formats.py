"""What learners read prints Vietnamese number and date forms (issue 18, "Formats")."""

import re

from aiwork import casework
from aiwork.decree30 import rules as R
from aiwork.gateway.messages import format_quota

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_case_printout_gives_the_receipt_date_as_dd_mm_yyyy():
    for ho_so in casework.cases().values():
        shown = str(ho_so)
        assert re.search(r"Ngày tiếp nhận: \d{2}/\d{2}/\d{4}\n", shown), shown[:200]
        assert not ISO.search(shown)
    assert "Ngày tiếp nhận: 23/11/2026" in str(casework.cases()["TH-01"])


def test_weekly_ledger_dates_and_a_recorded_case_agree():
    so = casework.so_theo_doi_tuan()
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in so["ngay_nhan"])
    ho_so = casework.cases()["TH-01"]
    so = casework.them_vu_viec(so, ho_so, {"linh_vuc": "Đất đai", "muc_do": "Thường"})
    assert so.iloc[-1]["ngay_nhan"] == "23/11/2026"


def test_decree30_ranges_use_the_decimal_comma():
    assert R.Span(1.0, 1.5).text("dòng") == "từ 1 đến 1,5 dòng"
    assert R.Span(13.5, 13.5).text("pt") == "13,5 pt"


def test_quota_message_groups_thousands_with_dots():
    assert "12.345" in format_quota(12345, 12000)
