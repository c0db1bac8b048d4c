"""For every rule, a document that breaks only that rule is flagged by that rule alone.

Each fixture starts from a compliant builder sample and changes one thing, the way a learner
or a careless template would (Word-style direct formatting, wrong text, a missing part).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from aiwork.decree30 import check_docx
from aiwork.decree30 import rules as R

from .conftest import after, all_paragraphs, drop_border, para


def _set_text(p, text: str) -> None:
    runs = p.runs
    runs[0].text = text
    for r in runs[1:]:
        r.text = ""


def _font(p, name: str) -> None:
    for r in p.runs:
        r.font.name = name
        r._element.rPr.rFonts.set(qn("w:hAnsi"), name)


def _remove(p) -> None:
    p._p.getparent().remove(p._p)


def _letter(doc):
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(215.9), Mm(279.4)


def _landscape(doc):
    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(R.PAGE_HEIGHT_MM), Mm(R.PAGE_WIDTH_MM)


def _urgency_not_bold(doc):
    """An urgency mark typed in the header's left column without bold."""
    p = doc.tables[0].rows[0].cells[0].add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("KHẨN")
    run.font.size, run.font.name, run.font.bold = Pt(13), R.FONT_FAMILY, False
    run._element.rPr.rFonts.set(qn("w:hAnsi"), R.FONT_FAMILY)


def _kinh_gui_missing(doc):
    start = para(doc, "Kính gửi")
    nxt = after(doc, start)
    while nxt.text.startswith("- "):
        following = after(doc, nxt)
        _remove(nxt)
        nxt = following
    _remove(start)


BODY = "Sở Khoa học và Công nghệ đề nghị"  # second body paragraph of the công văn sample
FIXTURES: list[tuple[str, str, str, Callable]] = [
    ("header.urgency", "cong_van", "not-bold", _urgency_not_bold),
    ("page.size", "cong_van", "letter", _letter),
    ("page.orientation", "cong_van", "landscape", _landscape),
    (
        "page.margins",
        "cong_van",
        "left-20mm",
        lambda d: setattr(d.sections[0], "left_margin", Mm(20)),
    ),
    (
        "page.margins",
        "cong_van",
        "top-30mm",
        lambda d: setattr(d.sections[0], "top_margin", Mm(30)),
    ),
    ("font.family", "cong_van", "arial-body", lambda d: _font(para(d, BODY), "Arial")),
    ("font.family", "cong_van", "arial-header", lambda d: _font(para(d, "CỘNG HÒA"), "Arial")),
    (
        "body.size",
        "cong_van",
        "12pt",
        lambda d: setattr(para(d, BODY).runs[0].font, "size", Pt(12)),
    ),
    (
        "body.alignment",
        "cong_van",
        "left",
        lambda d: setattr(para(d, BODY).paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT),
    ),
    (
        "body.indent",
        "cong_van",
        "no-indent",
        lambda d: setattr(para(d, BODY).paragraph_format, "first_line_indent", Cm(0)),
    ),
    (
        "body.indent",
        "cong_van",
        "2cm",
        lambda d: setattr(para(d, BODY).paragraph_format, "first_line_indent", Cm(2)),
    ),
    (
        "body.spacing",
        "cong_van",
        "no-gap",
        lambda d: setattr(para(d, "Thực hiện").paragraph_format, "space_after", Pt(0)),
    ),
    (
        "body.spacing",
        "cong_van",
        "double",
        lambda d: setattr(para(d, BODY).paragraph_format, "line_spacing", 2.0),
    ),
    (
        "body.bases",
        "quyet_dinh",
        "last-semicolon",
        lambda d: _set_text(
            para(d, "Theo đề nghị"), para(d, "Theo đề nghị").text.rstrip(".") + ";"
        ),
    ),
    (
        "body.bases",
        "quyet_dinh",
        "upright",
        lambda d: setattr(para(d, "Căn cứ").runs[0].font, "italic", False),
    ),
    (
        "header.national",
        "cong_van",
        "lower-case",
        lambda d: _set_text(para(d, "CỘNG HÒA"), "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ),
    (
        "header.national",
        "cong_van",
        "not-bold",
        lambda d: setattr(para(d, "CỘNG HÒA").runs[0].font, "bold", False),
    ),
    (
        "header.national",
        "cong_van",
        "14pt",
        lambda d: setattr(para(d, "CỘNG HÒA").runs[0].font, "size", Pt(14)),
    ),
    (
        "header.slogan",
        "cong_van",
        "en-dash",
        lambda d: _set_text(para(d, "Độc lập"), "Độc lập – Tự do – Hạnh phúc"),
    ),
    (
        "header.slogan",
        "cong_van",
        "underlined",
        lambda d: setattr(para(d, "Độc lập").runs[0].font, "underline", True),
    ),
    (
        "header.slogan",
        "cong_van",
        "no-spaces",
        lambda d: _set_text(para(d, "Độc lập"), "Độc lập-Tự do-Hạnh phúc"),
    ),
    (
        "header.slogan.rule",
        "cong_van",
        "no-rule",
        lambda d: drop_border(after(d, para(d, "Độc lập"))),
    ),
    (
        "header.agency",
        "cong_van",
        "not-bold",
        lambda d: setattr(para(d, "SỞ KHOA").runs[0].font, "bold", False),
    ),
    (
        "header.agency",
        "cong_van",
        "lower-case",
        lambda d: _set_text(para(d, "SỞ KHOA"), "Sở Khoa học và Công nghệ"),
    ),
    (
        "header.agency.rule",
        "cong_van",
        "no-rule",
        lambda d: drop_border(after(d, para(d, "SỞ KHOA"))),
    ),
    (
        "number.format",
        "cong_van",
        "no-leading-zero",
        lambda d: _set_text(para(d, "Số:"), "Số: 5/SKHCN-CĐS"),
    ),
    (
        "number.format",
        "cong_van",
        "spaces",
        lambda d: _set_text(para(d, "Số:"), "Số: 05/SKHCN - CĐS"),
    ),
    (
        "number.format",
        "cong_van",
        "bold",
        lambda d: setattr(para(d, "Số:").runs[0].font, "bold", True),
    ),
    (
        "date.format",
        "cong_van",
        "month-03",
        lambda d: _set_text(para(d, "Gia Lai, ngày"), "Gia Lai, ngày 05 tháng 03 năm 2026"),
    ),
    (
        "date.format",
        "cong_van",
        "day-5",
        lambda d: _set_text(para(d, "Gia Lai, ngày"), "Gia Lai, ngày 5 tháng 3 năm 2026"),
    ),
    (
        "date.format",
        "cong_van",
        "upright",
        lambda d: setattr(para(d, "Gia Lai, ngày").runs[0].font, "italic", False),
    ),
    (
        "date.format",
        "cong_van",
        "left-aligned",
        lambda d: setattr(
            para(d, "Gia Lai, ngày").paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT
        ),
    ),
    (
        "header.national",
        "cong_van",
        "right-aligned",
        lambda d: setattr(
            para(d, "CỘNG HÒA").paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.RIGHT
        ),
    ),
    (
        "date.format",
        "giay_moi",
        "month-2",
        lambda d: _set_text(para(d, "Quy Nhơn, ngày"), "Quy Nhơn, ngày 09 tháng 2 năm 2026"),
    ),
    (
        "doctype.title",
        "thong_bao",
        "sentence-case",
        lambda d: _set_text(para(d, "THÔNG BÁO"), "Thông báo"),
    ),
    (
        "doctype.title",
        "thong_bao",
        "not-bold",
        lambda d: setattr(para(d, "THÔNG BÁO").runs[0].font, "bold", False),
    ),
    (
        "doctype.abbreviation",
        "cong_van",
        "CV",
        lambda d: _set_text(para(d, "Số:"), "Số: 05/CV-SKHCN"),
    ),
    (
        "doctype.abbreviation",
        "to_trinh",
        "TT",
        lambda d: _set_text(para(d, "Số:"), "Số: 08/TT-SKHCN"),
    ),
    (
        "doctype.abbreviation",
        "thong_bao",
        "BC-for-TB",
        lambda d: _set_text(para(d, "Số:"), "Số: 12/BC-SKHCN"),
    ),
    (
        "subject.line",
        "thong_bao",
        "not-bold",
        lambda d: setattr(after(d, para(d, "THÔNG BÁO")).runs[0].font, "bold", False),
    ),
    (
        "subject.line",
        "cong_van",
        "vv-bold",
        lambda d: setattr(para(d, "V/v").runs[0].font, "bold", True),
    ),
    (
        "subject.line",
        "cong_van",
        "vv-14pt",
        lambda d: setattr(para(d, "V/v").runs[0].font, "size", Pt(14)),
    ),
    (
        "subject.line.rule",
        "ke_hoach",
        "no-rule",
        lambda d: drop_border(after(d, after(d, para(d, "KẾ HOẠCH")))),
    ),
    (
        "signature.block",
        "cong_van",
        "academic-title",
        lambda d: _set_text(para(d, "Trần Thị Minh Thư"), "TS. Trần Thị Minh Thư"),
    ),
    (
        "signature.block",
        "cong_van",
        "authority-not-bold",
        lambda d: setattr(para(d, "KT. GIÁM ĐỐC").runs[0].font, "bold", False),
    ),
    (
        "signature.block",
        "cong_van",
        "no-dot",
        lambda d: _set_text(para(d, "KT. GIÁM ĐỐC"), "KT GIÁM ĐỐC"),
    ),
    (
        "recipients.block",
        "cong_van",
        "label-upright",
        lambda d: setattr(para(d, "Nơi nhận").runs[0].font, "italic", False),
    ),
    (
        "recipients.block",
        "cong_van",
        "archive-no-colon",
        lambda d: _set_text(para(d, "- Lưu"), "- Lưu VT, CĐS."),
    ),
    (
        "recipients.block",
        "cong_van",
        "items-13pt",
        lambda d: setattr(para(d, "- Như trên").runs[0].font, "size", Pt(13)),
    ),
    ("recipients.block", "cong_van", "no-nhu-tren", lambda d: _remove(para(d, "- Như trên"))),
    ("number.format", "cong_van", "no-code", lambda d: _set_text(para(d, "Số:"), "Số: 05")),
    ("recipients.block.kinh_gui", "cong_van", "missing", _kinh_gui_missing),
    (
        "recipients.block.kinh_gui",
        "cong_van",
        "last-semicolon",
        lambda d: _set_text(para(d, "- Các sở"), "- Các sở, ban, ngành thuộc tỉnh;"),
    ),
]


@pytest.mark.parametrize(
    ("rule", "sample", "mutate"),
    [(r, s, m) for r, s, _, m in FIXTURES],
    ids=[f"{r}:{n}" for r, _, n, _ in FIXTURES],
)
def test_breaking_one_rule_is_flagged_by_that_rule_alone(
    sample_paths, tmp_path, rule, sample, mutate
):
    doc = Document(str(sample_paths[sample]))
    mutate(doc)
    path = tmp_path / "broken.docx"
    doc.save(str(path))
    found = check_docx(path)
    assert found, f"{rule}: nothing flagged"
    assert {v.rule for v in found} == {rule}, [(v.rule, v.message) for v in found]
    for v in found:
        assert v.message and v.location and v.clause == R.RULES[rule].clause


def test_every_rule_has_a_breaking_fixture():
    assert {r for r, *_ in FIXTURES} == set(R.RULES)


def test_location_points_at_the_paragraph(sample_paths, tmp_path):
    doc = Document(str(sample_paths["cong_van"]))
    _set_text(para(doc, "Số:"), "Số: 5/SKHCN-CĐS")
    doc.save(str(tmp_path / "x.docx"))
    (v,) = check_docx(tmp_path / "x.docx")
    assert v.location.startswith("Bảng 1, hàng 1, cột 1") and "Số: 5/SKHCN-CĐS" in v.location


def test_many_findings_are_capped_per_rule(sample_paths, tmp_path):
    doc = Document(str(sample_paths["ke_hoach"]))
    for p in all_paragraphs(doc):
        for r in p.runs:
            r.font.name = "Arial"
            r._element.rPr.rFonts.set(qn("w:hAnsi"), "Arial")
    doc.save(str(tmp_path / "arial.docx"))
    found = [v for v in check_docx(tmp_path / "arial.docx") if v.rule == "font.family"]
    assert len(found) == 6 and found[-1].location == "nhiều vị trí"
