"""A report is built and its layout checked once per answer while the learner works; the
figure checker is shared per table content (``aiwork.memo``)."""

from __future__ import annotations

import pandas as pd

from aiwork.reporting import data, figcheck, report

TEXT = (
    "Trong 10 tháng đầu năm 2026, toàn tỉnh tiếp nhận 198.722 hồ sơ, "
    "tỷ lệ hồ sơ trực tuyến đạt 62,4%."
)


def test_one_build_and_one_layout_check_per_answer(tmp_path, monkeypatch):
    calls = {"build": 0, "layout": 0}
    build, layout = report._report_bytes, report._layout
    monkeypatch.setattr(
        report,
        "_report_bytes",
        lambda *a: calls.__setitem__("build", calls["build"] + 1) or build(*a),
    )
    monkeypatch.setattr(
        report, "_layout", lambda *a: calls.__setitem__("layout", calls["layout"] + 1) or layout(*a)
    )
    for memo in (report._REPORTS, report._LAYOUTS):
        memo.reset(memo.state())
    first = report.check_report(report.tao_bao_cao(report.THONG_TIN_MAU, TEXT, tmp_path / "a.docx"))
    second = report.check_report(
        report.tao_bao_cao(dict(report.THONG_TIN_MAU), TEXT, tmp_path / "b.docx"), TEXT
    )
    assert calls == {"build": 1, "layout": 1}
    assert second.path == tmp_path / "b.docx" and second.ok and first.tables == second.tables == 1
    report.tao_bao_cao(report.THONG_TIN_MAU, TEXT + " Có 12 xã, phường.", tmp_path / "c.docx")
    assert calls["build"] == 2


def test_checkers_are_shared_by_equal_tables_and_never_see_later_edits():
    df = data.load_services()
    a = figcheck.checker_for(df)
    assert figcheck.checker_for(data.load_services()) is a  # another object, same content
    lenient = figcheck.checker_for(df, lenient=True)
    assert lenient.lenient and not a.lenient and lenient.pool is a.pool
    df.loc[0, "ho_so_tiep_nhan"] += 1  # the caller edits its table afterwards
    assert figcheck.checker_for(df) is not a
    assert a.df.equals(data.load_services())
    odd = pd.DataFrame({"don_vi": ["A"], "so": [[1, 2]]})  # pandas cannot hash a list cell
    assert figcheck.table_key(odd) is None
