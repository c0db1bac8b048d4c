"""The BÁO CÁO: Decree 30 layout (module 2's checker), a figures table, charts, checked numbers."""

from __future__ import annotations

import pytest

from aiwork.decree30 import check_docx
from aiwork.reporting import data, figures, report
from aiwork.vi import format_number, format_percent


@pytest.fixture(scope="module")
def narrative() -> str:
    s = figures.services_summary(data.load_services())
    t = figures.training_summary(data.load_training())
    return (
        f"Trong 10 tháng đầu năm 2026, {s['so_xa_phuong']} xã, phường tiếp nhận "
        f"{format_number(s['ho_so_tiep_nhan'])} hồ sơ, tỷ lệ trực tuyến đạt "
        f"{format_percent(s['ty_le_truc_tuyen'])}.\n"
        f"Tính đến ngày 31/10/2026, tỷ lệ cán bộ, công chức, viên chức hoàn thành bồi dưỡng kỹ năng "
        f"số đạt {format_percent(t['ty_le_hoan_thanh'])}; {t['so_don_vi_dat']}/{t['so_don_vi']} "
        f"đơn vị đạt mục tiêu {t['muc_tieu']}%."
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory, narrative):
    path = tmp_path_factory.mktemp("bc") / "bao-cao.docx"
    return report.tao_bao_cao(report.THONG_TIN_MAU, narrative, path)


def test_report_passes_the_decree30_checker(built):
    assert check_docx(built) == []


def test_report_has_table_charts_and_supported_figures(built, narrative):
    result = report.check_report(built, narrative)
    assert result.ok, result.to_text()
    assert result.tables == 1 and result.images == 2
    from docx import Document

    text = "\n".join(p.text for p in Document(str(built)).paragraphs)
    assert "BÁO CÁO" in text and narrative.splitlines()[0] in text
    assert "Biểu đồ 1." in text and "Bảng 1." in text


def test_wrong_figure_in_the_narrative_fails_the_report_check(built, narrative):
    s = figures.services_summary(data.load_services())
    wrong = narrative.replace(format_number(s["ho_so_tiep_nhan"]), "210.500")
    result = report.check_report(built, wrong)
    assert not result.ok and result.figures is not None
    assert result.figures.unsupported_texts() == ["210.500"]
    assert "210.500" in result.to_text()


def test_services_only_report_has_one_chart(tmp_path):
    path = report.tao_bao_cao(
        report.THONG_TIN_MAU, "Báo cáo ngắn.", tmp_path / "a.docx", co_dao_tao=False
    )
    result = report.check_report(path)
    assert result.ok and result.images == 1


def test_empty_narrative_and_unreadable_file(tmp_path):
    with pytest.raises(ValueError):
        report.tao_bao_cao(report.THONG_TIN_MAU, "  ", tmp_path / "b.docx")
    junk = tmp_path / "junk.docx"
    junk.write_text("not a docx", encoding="utf-8")
    result = report.check_report(junk)
    assert not result.ok and result.error


def test_the_figures_table_passes_the_figure_checker():
    # Learners paste this table into prompts and reports: every row must check.
    s = figures.services_summary(data.load_services())
    t = figures.training_summary(data.load_training())
    text = figures.figures_text(figures.figures_table(s, t))
    result = report.check_narrative(text)
    assert result.ok, result.to_text()
    assert len(result.supported) >= 18


def test_report_body_draws_charts_of_the_tables_it_is_given():
    from aiwork.decree30.builder import Image, Table

    shipped = report.report_body("Đoạn văn.")
    wards = data.load_services()
    wards = wards[wards["loai"] == "Phường"]
    own = report.report_body("Đoạn văn.", services=wards, with_training=False)
    images = [i for i in own if isinstance(i, Image)]
    assert len(images) == 1 and len([i for i in shipped if isinstance(i, Image)]) == 2
    assert images[0].source != next(i for i in shipped if isinstance(i, Image)).source
    table = next(i for i in own if isinstance(i, Table))
    assert table.rows[0] == ["Chỉ tiêu", "Số liệu"]
    assert ["Số xã, phường có số liệu", "8"] in [list(r) for r in table.rows]
