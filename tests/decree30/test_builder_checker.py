"""Builder output passes the checker for every supported type; the CLI keeps its interface."""

from __future__ import annotations

import json
from datetime import date

import pytest
from docx import Document

from aiwork.cli import main
from aiwork.decree30 import OfficialDocument, build, check_docx, from_dict, tao_van_ban
from aiwork.decree30 import rules as R
from aiwork.decree30.builder import Image, Table, number_line, place_date_line
from aiwork.decree30.samples import SAMPLES

REQUIRED_TYPES = {
    "cong_van",
    "thong_bao",
    "giay_moi",
    "to_trinh",
    "quyet_dinh",
    "bao_cao",
    "ke_hoach",
}


def test_every_required_type_has_a_sample():
    assert REQUIRED_TYPES <= set(SAMPLES)


@pytest.mark.parametrize("key", sorted(REQUIRED_TYPES))
def test_builder_output_is_compliant(sample_paths, key):
    assert check_docx(sample_paths[key]) == []


def test_header_is_a_borderless_two_column_table(sample_paths):
    doc = Document(str(sample_paths["cong_van"]))
    header = doc.tables[0]
    assert len(header.columns) == 2
    left, right = (c.text for c in header.rows[0].cells)
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in left and "Số: 05/SKHCN-CĐS" in left
    assert R.NATIONAL_TEXT in right and R.SLOGAN_TEXT in right
    borders = header._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders"
    )
    assert borders is not None and all(
        e.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nil"
        for e in borders
    )


def test_page_numbers_and_dates_follow_the_annex():
    assert number_line(5, "QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert number_line(123, "UBND-VP") == "Số: 123/UBND-VP"
    assert place_date_line("Gia Lai", date(2026, 3, 5)) == "Gia Lai, ngày 05 tháng 3 năm 2026"
    assert place_date_line("Quy Nhơn", date(2026, 1, 15)) == "Quy Nhơn, ngày 15 tháng 01 năm 2026"
    assert place_date_line("Quy Nhơn", date(2026, 12, 31)) == "Quy Nhơn, ngày 31 tháng 12 năm 2026"


def test_report_with_table_and_chart_passes(tmp_path):
    import io

    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 2))
    ax.bar(["T1", "T2", "T3"], [10, 20, 15])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    doc = SAMPLES["bao_cao"]()
    doc.body += [
        Table([["Tháng", "Hồ sơ"], ["T1", 10], ["T2", 1234.5]], caption="Bảng 2. Hồ sơ"),
        Image(buf.getvalue(), width_cm=12, caption="Biểu đồ 1. Hồ sơ theo tháng"),
        "Trên đây là báo cáo kết quả quý I năm 2026.",
    ]
    path = tmp_path / "bc.docx"
    build(doc).save(str(path))
    assert check_docx(path) == []
    d = Document(str(path))
    assert len(d.inline_shapes) == 1
    assert d.tables[2].cell(2, 1).text == "1.234,50"


def test_vietnamese_dict_entry_point(tmp_path):
    info = {
        "loai": "Công văn",
        "co_quan_chu_quan": "UBND TỈNH GIA LAI",
        "co_quan": "Sở Khoa học và Công nghệ",
        "ky_hieu": "SKHCN-VP",
        "so": 7,
        "dia_danh": "Gia Lai",
        "ngay": "02/02/2026",
        "trich_yeu": "góp ý dự thảo",
        "kinh_gui": "Sở Nội vụ",
        "noi_dung": "Đoạn một.\nĐoạn hai.",
        "ky": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "nguoi_ky": "Nguyễn Văn A",
        "noi_nhan": ["Như trên"],
    }
    doc = from_dict(info)
    assert (
        isinstance(doc, OfficialDocument) and doc.doc_type == "cong_van" and doc.code == "SKHCN-VP"
    )
    path = tao_van_ban(info, tmp_path / "cv.docx")
    assert check_docx(path) == []
    text = "\n".join(c.text for t in Document(str(path)).tables for r in t.rows for c in r.cells)
    assert "ngày 02 tháng 02 năm 2026" in text and "V/v góp ý dự thảo" in text
    with pytest.raises(ValueError, match="Còn thiếu"):
        from_dict({**info, "nguoi_ky": ""})
    with pytest.raises(ValueError, match="Khóa không hợp lệ"):
        from_dict({**info, "ten": "x"})
    with pytest.raises(ValueError, match="Không nhận ra loại"):
        from_dict({**info, "loai": "thư tay"})


def test_cli_exit_codes_and_json(sample_paths, tmp_path, capsys):
    assert main(["check-docx", str(sample_paths["quyet_dinh"])]) == 0
    assert "đúng thể thức" in capsys.readouterr().out
    bad = Document(str(sample_paths["quyet_dinh"]))
    bad.sections[0].left_margin = bad.sections[0].left_margin // 2
    path = tmp_path / "bad.docx"
    bad.save(str(path))
    assert main(["check-docx", str(path), "--json"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert items and {"rule", "message", "location"} <= set(items[0])
    assert items[0]["rule"] == "page.margins" and "Lề trái" in items[0]["message"]


def test_every_rule_id_of_the_issue_is_documented():
    fixed = [
        "page.size",
        "page.orientation",
        "page.margins",
        "font.family",
        "body.size",
        "body.alignment",
        "body.indent",
        "body.spacing",
        "header.national",
        "header.slogan",
        "header.agency",
        "number.format",
        "date.format",
        "doctype.title",
        "doctype.abbreviation",
        "subject.line",
        "signature.block",
        "recipients.block",
    ]
    assert set(fixed) <= set(R.RULES)
    for rule in R.RULES.values():
        assert rule.clause.startswith("NĐ 30/2020")


def test_rule_ids_are_documented_in_the_package_readme():
    from pathlib import Path

    text = (Path(R.__file__).parent / "README.md").read_text(encoding="utf-8")
    missing = [rid for rid in R.RULES if f"`{rid}`" not in text]
    assert not missing, missing
