"""Formatting that comes from styles, based-on chains, document defaults and theme fonts, and
headers laid out differently, is judged by its effective value."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from aiwork.decree30 import check_docx
from aiwork.decree30 import rules as R

from .conftest import para

ARTICLES = ("Điều 1.", "Điều 2.", "Điều 3.")


def _styled_decision(path):
    """The sample decision with its articles formatted only through a two-level style chain."""
    doc = Document(str(path))
    base = doc.styles.add_style("VanBanGoc", WD_STYLE_TYPE.PARAGRAPH)
    base.font.name = R.FONT_FAMILY
    base.font.size = Pt(14)
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body = doc.styles.add_style("VanBan", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = base
    body.paragraph_format.first_line_indent = Cm(1)
    body.paragraph_format.space_after = Pt(6)
    body.paragraph_format.line_spacing = 1.3
    for start in ARTICLES:
        p = para(doc, start)
        p._p.remove(p._p.pPr)  # no direct paragraph formatting left
        for r in p.runs:
            r._element.remove(r._element.rPr)  # nor direct run formatting
        p.style = body
    return doc, base


def test_style_chain_formatting_is_compliant(sample_paths, tmp_path):
    doc, _ = _styled_decision(sample_paths["quyet_dinh"])
    doc.save(str(tmp_path / "styled.docx"))
    assert check_docx(tmp_path / "styled.docx") == []


def test_size_from_based_on_style_is_flagged(sample_paths, tmp_path):
    doc, base = _styled_decision(sample_paths["quyet_dinh"])
    base.font.size = Pt(12)
    doc.save(str(tmp_path / "styled12.docx"))
    found = check_docx(tmp_path / "styled12.docx")
    assert {v.rule for v in found} == {"body.size"} and len(found) == len(ARTICLES)


def test_alignment_from_based_on_style_is_flagged(sample_paths, tmp_path):
    doc, base = _styled_decision(sample_paths["quyet_dinh"])
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.save(str(tmp_path / "left.docx"))
    assert {v.rule for v in check_docx(tmp_path / "left.docx")} == {"body.alignment"}


def _theme_fonts_only(path, minor: str):
    """Every explicit font removed; the document defaults point at the theme's minor font."""
    doc = Document(str(path))
    root = doc.element.body
    for rf in list(root.iter(qn("w:rFonts"))) + list(doc.styles.element.iter(qn("w:rFonts"))):
        rf.getparent().remove(rf)
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rf = rpr.makeelement(
        qn("w:rFonts"), {qn("w:asciiTheme"): "minorHAnsi", qn("w:hAnsiTheme"): "minorHAnsi"}
    )
    rpr.insert(0, rf)
    theme = doc.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{minor}"', xml)
    theme._blob = xml.encode("utf-8")
    return doc


@pytest.mark.parametrize(("minor", "ok"), [("Times New Roman", True), ("Calibri", False)])
def test_theme_fonts_are_resolved(sample_paths, tmp_path, minor, ok):
    doc = _theme_fonts_only(sample_paths["thong_bao"], minor)
    doc.save(str(tmp_path / "theme.docx"))
    found = check_docx(tmp_path / "theme.docx")
    if ok:
        assert found == []
    else:
        assert {v.rule for v in found} == {"font.family"} and "Calibri" in found[0].message


def test_header_with_number_and_date_in_a_second_row(sample_paths, tmp_path):
    """Word templates often put "Số:" and the date in a second row of the header table."""
    doc = Document(str(sample_paths["cong_van"]))
    header = doc.tables[0]
    row = header.add_row()
    left, right = row.cells
    for start in ("Số:", "V/v"):
        left._tc.append(para(doc, start)._p)
    right._tc.append(para(doc, "Gia Lai, ngày")._p)
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)  # the empty paragraph a new cell starts with
    doc.save(str(tmp_path / "two-rows.docx"))
    assert check_docx(tmp_path / "two-rows.docx") == []
    # ... and a fault there is still found and located in row 2.
    p = para(doc, "Gia Lai, ngày")
    p.runs[0].text = "Gia Lai, ngày 05 tháng 03 năm 2026"
    doc.save(str(tmp_path / "two-rows-bad.docx"))
    (v,) = check_docx(tmp_path / "two-rows-bad.docx")
    assert v.rule == "date.format" and v.location.startswith("Bảng 1, hàng 2, cột 2")


def test_caps_formatting_counts_as_upper_case(sample_paths, tmp_path):
    """ "All caps" formatting (w:caps) prints capitals: the title typed in lower case is fine."""
    doc = Document(str(sample_paths["thong_bao"]))
    p = para(doc, "THÔNG BÁO")
    p.runs[0].text = "Thông báo"
    p.runs[0].font.all_caps = True
    doc.save(str(tmp_path / "caps.docx"))
    assert check_docx(tmp_path / "caps.docx") == []


def test_draft_with_blank_number_and_date_is_accepted(sample_paths, tmp_path):
    """Before issue, the văn thư fills in the number, day and month: blanks are not errors."""
    doc = Document(str(sample_paths["thong_bao"]))
    for start, text in (
        ("Số:", "Số:      /TB-SKHCN"),
        ("Gia Lai, ngày", "Gia Lai, ngày      tháng      năm 2026"),
    ):
        p = para(doc, start)
        p.runs[0].text = text
    doc.save(str(tmp_path / "draft.docx"))
    assert check_docx(tmp_path / "draft.docx") == []


def test_header_in_plain_paragraphs(sample_paths, tmp_path):
    """A header typed as stacked paragraphs (no table) is still found and judged."""
    doc = Document(str(sample_paths["thong_bao"]))
    header = doc.tables[0]._tbl
    for tc in header.iter(qn("w:tc")):
        for p in list(tc.iter(qn("w:p"))):
            header.addprevious(p)
    header.getparent().remove(header)
    doc.save(str(tmp_path / "plain.docx"))
    assert check_docx(tmp_path / "plain.docx") == []
    para(doc, "SỞ KHOA").runs[0].font.bold = False
    doc.save(str(tmp_path / "plain-bad.docx"))
    assert {v.rule for v in check_docx(tmp_path / "plain-bad.docx")} == {"header.agency"}


def _vml_line(p) -> None:
    """A line drawn as a VML shape anchored in paragraph ``p`` (how Word 2003-style rules look)."""
    from lxml import etree

    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:line from="40pt,14pt" to="110pt,14pt" strokeweight="0.75pt"/></w:pict></w:r>'
    )
    p._p.append(etree.fromstring(xml))


def test_rules_drawn_as_shapes_in_neighbouring_paragraphs(sample_paths, tmp_path):
    from .conftest import after, drop_border

    doc = Document(str(sample_paths["cong_van"]))
    drop_border(after(doc, para(doc, "SỞ KHOA")))
    drop_border(after(doc, para(doc, "Độc lập")))
    _vml_line(para(doc, "Số:"))
    _vml_line(para(doc, "Gia Lai, ngày"))
    doc.save(str(tmp_path / "shapes.docx"))
    assert check_docx(tmp_path / "shapes.docx") == []


def test_content_controls_and_hyperlinks_are_read(sample_paths, tmp_path):
    """Word wraps parts in content controls (w:sdt) and links (w:hyperlink); text inside counts."""
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = Document(str(sample_paths["cong_van"]))
    body_p = para(doc, "Sở Khoa học và Công nghệ đề nghị")._p
    sdt = etree.SubElement(body_p.getparent(), f"{{{w}}}sdt")
    body_p.addprevious(sdt)
    content = etree.SubElement(sdt, f"{{{w}}}sdtContent")
    content.append(body_p)  # moves the paragraph into the content control
    run = body_p.findall(f"{{{w}}}r")[0]
    link = etree.Element(f"{{{w}}}hyperlink")
    run.addprevious(link)
    link.append(run)
    doc.save(str(tmp_path / "sdt.docx"))
    assert check_docx(tmp_path / "sdt.docx") == []
    run.find(f"{{{w}}}rPr/{{{w}}}sz").set(f"{{{w}}}val", "24")  # 12 pt inside the link
    doc.save(str(tmp_path / "sdt12.docx"))
    assert {v.rule for v in check_docx(tmp_path / "sdt12.docx")} == {"body.size"}


def _list_level_indent(doc, style_name: str, left: int, hanging: int) -> None:
    """Set level 0 of the numbering that ``style_name`` uses to the given indents (twips)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    num_id = (
        doc.styles[style_name]
        .element.find(f"{{{w}}}pPr/{{{w}}}numPr/{{{w}}}numId")
        .get(f"{{{w}}}val")
    )
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(f"{{{w}}}num") if n.get(f"{{{w}}}numId") == num_id)
    abstract_id = num.find(f"{{{w}}}abstractNumId").get(f"{{{w}}}val")
    abstract = next(
        a
        for a in numbering.findall(f"{{{w}}}abstractNum")
        if a.get(f"{{{w}}}abstractNumId") == abstract_id
    )
    lvl = next(x for x in abstract.findall(f"{{{w}}}lvl") if x.get(f"{{{w}}}ilvl") == "0")
    ind = lvl.find(f"{{{w}}}pPr/{{{w}}}ind")
    ind.attrib.clear()
    ind.set(f"{{{w}}}left", str(left))
    ind.set(f"{{{w}}}hanging", str(hanging))


@pytest.mark.parametrize(("left", "ok"), [(1080, True), (360, False)])
def test_list_indents_come_from_the_numbering_level(sample_paths, tmp_path, left, ok):
    """Word lists take their indents from numbering.xml: 1080 - 360 twips starts at 1.27 cm."""
    doc = Document(str(sample_paths["thong_bao"]))
    p = para(doc, "2. Địa điểm")
    p._p.pPr.remove(p._p.pPr.find(qn("w:ind")))
    p.style = doc.styles["List Number"]
    _list_level_indent(doc, "List Number", left, 360)
    doc.save(str(tmp_path / "list.docx"))
    found = check_docx(tmp_path / "list.docx")
    assert (found == []) if ok else ({v.rule for v in found} == {"body.indent"})


@pytest.mark.parametrize(("char_bold", "ok"), [(False, True), (True, False)])
def test_bold_toggles_between_paragraph_and_character_styles(sample_paths, tmp_path, char_bold, ok):
    """ECMA-376 17.7.3: a bold character style inside a bold paragraph style gives regular text."""
    doc = Document(str(sample_paths["cong_van"]))
    quoc_hieu = doc.styles.add_style("QuocHieu", WD_STYLE_TYPE.PARAGRAPH)
    quoc_hieu.font.bold = True
    dam = doc.styles.add_style("Dam", WD_STYLE_TYPE.CHARACTER)
    dam.font.bold = True
    p = para(doc, "CỘNG HÒA")
    p.style = quoc_hieu
    for r in p.runs:
        r._element.rPr.remove(r._element.rPr.find(qn("w:b")))  # no direct bold left
        if char_bold:
            r.style = dam
    doc.save(str(tmp_path / "toggle.docx"))
    found = check_docx(tmp_path / "toggle.docx")
    assert (found == []) if ok else ({v.rule for v in found} == {"header.national"})
