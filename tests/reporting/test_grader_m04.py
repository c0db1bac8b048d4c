"""Graders of m04-bao-cao, fast (the nbgrader round trip is tests/test_assignments.py)."""

from __future__ import annotations

import pytest

from aiwork.reporting import data, figures
from aiwork.reporting.report import THONG_TIN_MAU
from graders import m04_bao_cao as g

PROMPT = """Bạn là chuyên viên tổng hợp của Sở Khoa học và Công nghệ tỉnh Gia Lai.
Nhiệm vụ: tóm tắt kết quả 10 tháng đầu năm 2026 thành một đoạn văn cho báo cáo gửi UBND tỉnh.
Số liệu:
<<<
{rows}
>>>
Người đọc: lãnh đạo UBND tỉnh. Định dạng: một đoạn văn, không quá 150 từ.
Yêu cầu: chỉ dùng số liệu đã cho, không bịa thêm số liệu."""


@pytest.fixture(scope="module")
def table() -> str:
    s = figures.services_summary(data.load_services())
    t = figures.training_summary(data.load_training())
    return figures.figures_text(figures.figures_table(s, t))


def test_blank_stub_values_fail_every_grader():
    for grader in (
        g.cham_cau_1a,
        g.cham_cau_1b_dang,
        g.cham_cau_1c_dang,
        g.cham_cau_2_so_lieu,
        g.cham_cau_2_cau_truc,
        g.cham_cau_3_hop_le,
        g.cham_cau_4_so_lieu,
    ):
        for blank in (Ellipsis, None, "...", [Ellipsis], {Ellipsis}):
            assert not grader(blank).passed, (grader.__name__, blank)
    assert not g.cham_cau_4_the_thuc({Ellipsis}, "...").passed


def test_question_1_values_and_the_mean_of_rates_trap():
    dv, dt = data.load_services(), data.load_training()
    assert g.cham_cau_1a(dv["ho_so_tiep_nhan"].sum()).passed
    rate = 100 * dv["ho_so_truc_tuyen"].sum() / dv["ho_so_tiep_nhan"].sum()
    assert g.cham_cau_1b(round(rate, 1)).passed and g.cham_cau_1b(rate).passed
    fraction = g.cham_cau_1b(rate / 100)
    assert not fraction.passed and "nhân với 100" in fraction.report()
    trap = g.cham_cau_1b(round(g.expected()["mean_of_rates"], 1))
    assert not trap.passed and "trung bình cộng" in trap.report()
    meeting = (100 * dt["da_hoan_thanh"] / dt["tong_so_cbccvc"] >= 80).sum()
    assert g.cham_cau_1c(meeting).passed and not g.cham_cau_1c(meeting + 1).passed
    assert not g.cham_cau_1c_dang(2.5).passed and not g.cham_cau_1a(True).passed


def test_question_2_prompt_with_figures(table):
    good = PROMPT.format(rows=table)
    assert g.cham_cau_2_so_lieu(good).passed and g.cham_cau_2_cau_truc(good).passed
    assert g.cham_cau_2_phan_hoi(good).passed
    wrong = good.replace("62,4%", "64,2%")
    result = g.cham_cau_2_so_lieu(wrong)
    assert not result.passed and "64,2%" in result.report()
    few = PROMPT.format(rows="- Tổng số hồ sơ tiếp nhận: 198.722")
    assert not g.cham_cau_2_so_lieu(few).passed
    assert not g.cham_cau_2_cau_truc("Viết báo cáo: 198.722 hồ sơ, tỷ lệ trực tuyến 62,4%.").passed


def test_question_3_wrong_numbers_of_the_draft():
    right = ["198.272", "19,5%", "95%", "8"]
    assert all(
        f(right).passed for f in (g.cham_cau_3_hop_le, g.cham_cau_3_tim_du, g.cham_cau_3_khong_nham)
    )
    assert g.cham_cau_3_tim_du(["198.272", "19,5%", "95%", "8/12"]).passed  # fraction as written
    assert not g.cham_cau_3_tim_du(right[:2]).passed
    assert not g.cham_cau_3_khong_nham([*right, "62,4%"]).passed
    stray = g.cham_cau_3_hop_le(["198.722"])
    assert not stray.passed and "Không thấy trong dự thảo" in stray.report()


def test_question_4_report_layout_and_figures():
    text = (
        "Trong 10 tháng đầu năm 2026, toàn tỉnh tiếp nhận 198.722 hồ sơ; tỷ lệ hồ sơ trực "
        "tuyến đạt 62,4%, tỷ lệ giải quyết đúng hạn đạt 97,4%."
    )
    assert g.cham_cau_4_the_thuc(THONG_TIN_MAU, text).passed
    assert g.cham_cau_4_so_lieu(text).passed
    titled = g.cham_cau_4_the_thuc(dict(THONG_TIN_MAU, nguoi_ky="TS. Nguyễn Văn An"), text)
    assert not titled.passed
    bad_date = g.cham_cau_4_the_thuc(dict(THONG_TIN_MAU, ngay="2026-11-05"), text)
    assert not bad_date.passed and "Chưa tạo được báo cáo" in bad_date.report()
    assert not g.cham_cau_4_so_lieu(text + " Mức độ hài lòng đạt 95%.").passed
    assert not g.cham_cau_4_so_lieu("Toàn tỉnh tiếp nhận 198.722 hồ sơ.").passed  # too few


def test_self_check_prints_a_verdict(capsys):
    ns = {"so_sai_3": ["198.272"]}
    assert g.kiem_tra("cau_3", ns)
    assert "Câu 3" in capsys.readouterr().out
    assert not g.kiem_tra(
        "cau_1", {"tong_ho_so": ..., "ty_le_truc_tuyen": ..., "so_don_vi_dat": ...}
    )


def test_reply_check_does_not_depend_on_the_reply_wording():
    # A reply that lists bare figures ("62,4%" without naming the rate) is not penalised.
    from aiwork.reporting.report import check_narrative

    reply = "Kết quả: 198.722 hồ sơ; 124.070 hồ sơ; 62,4%; 97,4%."
    assert not check_narrative(reply).ok
    assert check_narrative(reply, lenient=True).ok
    assert not check_narrative("Kết quả: 198.722 hồ sơ; 64,2%.", lenient=True).ok


def test_self_check_echoes_nothing_after_its_verdict():
    # the last line of a self-check cell must not display a stray True/False
    verdict = g.kiem_tra("cau_3", {"so_sai_3": ["198.272"]})
    assert verdict == True and hasattr(verdict, "_ipython_display_")  # noqa: E712
    assert verdict._ipython_display_() is None
