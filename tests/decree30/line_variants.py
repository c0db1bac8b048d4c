"""Labelled documents for the Decree 30 rules (the short solid lines) drawn the ways offices do.

Each case starts from a compliant builder sample and redraws the line under the agency name,
the Tiêu ngữ or the trích yếu in one style, as Word or LibreOffice writes it (XML shapes copied
from what those programs save), or removes it in a way that must still be flagged. A case is
labelled with the rule ids the checker must report: none for a compliant document.

The cases are split once and for all: ``TUNING`` (the checker was developed against these) and
``HELD_OUT`` (other samples and other styles' parameters; never used while tuning). The test
suite runs both; ``bench/decree30_bench.py`` prints the held-out figures beside the targets.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from aiwork.decree30 import build
from aiwork.decree30.samples import SAMPLES

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
RULES = {
    "agency": "header.agency.rule",
    "slogan": "header.slogan.rule",
    "subject": "subject.line.rule",
}


# --- where the lines are ------------------------------------------------------------------------


def _has_bottom_border(p) -> bool:
    ppr = p.find(qn("w:pPr"))
    return ppr is not None and ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def rule_paragraph(doc: DocxDocument, which: str):
    """The builder's rule paragraph (an empty paragraph with a bottom border) for ``which``."""
    if which in ("agency", "slogan"):
        cell = doc.tables[0].rows[0].cells[0 if which == "agency" else 1]
        return next(p._p for p in cell.paragraphs if _has_bottom_border(p._p))
    body = doc.element.body
    return next(p for p in body.findall(qn("w:p")) if _has_bottom_border(p))


def text_paragraph(rule_p):
    prev = rule_p.getprevious()
    assert prev is not None and prev.tag == qn("w:p")
    return prev


def _set_border(p, side: str | None, val: str = "single") -> None:
    ppr = p.get_or_add_pPr() if hasattr(p, "get_or_add_pPr") else p.find(qn("w:pPr"))
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = parse_xml(f"<w:pBdr {NS}/>")
        ppr.insert(0, bdr)
    for child in list(bdr):
        bdr.remove(child)
    if side:
        bdr.append(parse_xml(f'<w:{side} {NS} w:val="{val}" w:sz="6" w:space="1" w:color="auto"/>'))


def _run(xml_inner: str):
    return parse_xml(f"<w:r {NS}>{xml_inner}</w:r>")


# --- XML the way Word and LibreOffice save shapes --------------------------------------------------

_WPS_LINE = (
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:schemeClr val="tx1"/>'
    "</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"
)
_GRAPHIC = (
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    "{shape}</a:graphicData></a:graphic>"
)


def drawingml_inline(cx: int = 1080000, prst: str = "line") -> str:
    shape = _WPS_LINE.format(cx=cx, prst=prst)
    return (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="0"/>'
        '<wp:docPr id="11" name="Straight Connector 11"/><wp:cNvGraphicFramePr/>'
        f"{_GRAPHIC.format(shape=shape)}</wp:inline></w:drawing>"
    )


def drawingml_anchor(
    offset: int, cx: int = 1080000, prst: str = "straightConnector1", rel="column"
) -> str:
    shape = _WPS_LINE.format(cx=cx, prst=prst)
    return (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{rel}"><wp:posOffset>{offset}</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>45720</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="12" name="Straight Arrow Connector 12"/><wp:cNvGraphicFramePr/>'
        f"{_GRAPHIC.format(shape=shape)}</wp:anchor></w:drawing>"
    )


def vml_line(absolute: bool = True) -> str:
    pos = "position:absolute;" if absolute else ""
    return (
        f'<w:pict><v:line id="Line 3" style="{pos}z-index:251658240" from="60pt,2pt" to="150pt,2pt" '
        'strokeweight=".5pt"/></w:pict>'
    )


def vml_hr() -> str:
    return (
        '<w:pict><v:rect id="_x0000_i1025" style="width:90pt;height:1pt" o:hralign="center" '
        'o:hrstd="t" o:hr="t" fillcolor="#a0a0a0" stroked="f"/></w:pict>'
    )


def alternate_content(choice: str, fallback: str) -> str:
    return (
        '<mc:AlternateContent><mc:Choice Requires="wps">'
        f"{choice}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
    )


def picture() -> str:
    """An inline picture (a logo): not a line."""
    return (
        '<w:drawing><wp:inline><wp:extent cx="540000" cy="540000"/><wp:docPr id="21" name="Logo"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdLogo"/></pic:blipFill><pic:spPr><a:prstGeom prst="rect"/>'
        "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def rule_table(border_side: str = "bottom", level: str = "tc") -> str:
    cell_borders = (
        f'<w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:tcBorders><w:{border_side} w:val="single" '
        'w:sz="4" w:space="0" w:color="000000"/></w:tcBorders></w:tcPr>'
        if level == "tc"
        else '<w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>'
    )
    tbl_borders = (
        f'<w:tblBorders><w:{border_side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        "</w:tblBorders>"
        if level == "tbl"
        else ""
    )
    return (
        f'<w:tbl {NS}><w:tblPr><w:tblW w:w="2000" w:type="dxa"/><w:jc w:val="center"/>{tbl_borders}'
        '</w:tblPr><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc>'
        f'{cell_borders}<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p></w:tc></w:tr></w:tbl>'
    )


# --- the styles ---------------------------------------------------------------------------------


def _put_in(p, xml: str) -> None:
    p.append(_run(xml))


def _remove(el) -> None:
    el.getparent().remove(el)


def _clear_border(rule_p) -> None:
    _set_border(rule_p, None)


def _header_column_centre(doc: DocxDocument, which: str) -> int:
    grid = [int(g.get(qn("w:w"))) for g in doc.tables[0]._tbl.iter(qn("w:gridCol"))]
    start = 0 if which == "agency" else grid[0]
    width = grid[0] if which == "agency" else grid[1]
    return (start + width // 2) * 635  # twips -> EMU


def _first_body_paragraph(doc: DocxDocument):
    table = doc.tables[0]._tbl
    nxt = table.getnext()
    while nxt is not None and nxt.tag != qn("w:p"):
        nxt = nxt.getnext()
    if nxt is None:
        nxt = parse_xml(f"<w:p {NS}/>")
        table.addnext(nxt)
    return nxt


Style = Callable[[DocxDocument, str], None]


def s_builder(doc, which):  # the builder's own rule paragraph, untouched
    pass


def s_text_bottom_border(doc, which):
    rp = rule_paragraph(doc, which)
    _set_border(text_paragraph(rp), "bottom")
    _remove(rp)


def s_next_top_border(doc, which):
    _set_border(rule_paragraph(doc, which), "top")


def s_next_bottom_double_size(doc, which):
    rp = rule_paragraph(doc, which)
    _set_border(rp, "bottom")
    rp.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}").set(qn("w:sz"), "12")


def s_underscores(doc, which):
    rp = rule_paragraph(doc, which)
    _clear_border(rp)
    _put_in(rp, '<w:t xml:space="preserve">____________</w:t>')


def s_underlined_tabs_below(doc, which):
    rp = rule_paragraph(doc, which)
    _clear_border(rp)
    _put_in(rp, '<w:rPr><w:u w:val="single"/></w:rPr><w:tab/><w:tab/>')


def s_underlined_spaces_after_break(doc, which):
    rp = rule_paragraph(doc, which)
    tp = text_paragraph(rp)
    _remove(rp)
    _put_in(tp, "<w:br/>")
    _put_in(
        tp, '<w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">                </w:t>'
    )


def s_drawingml_inline_alternate(doc, which):
    rp = rule_paragraph(doc, which)
    _clear_border(rp)
    _put_in(rp, alternate_content(drawingml_inline(), vml_line(absolute=False)))


def s_drawingml_anchor_in_text(doc, which):
    rp = rule_paragraph(doc, which)
    tp = text_paragraph(rp)
    _remove(rp)
    _put_in(tp, drawingml_anchor(offset=360000))


def s_vml_line_in_text(doc, which):
    rp = rule_paragraph(doc, which)
    tp = text_paragraph(rp)
    _remove(rp)
    _put_in(tp, vml_line())


def s_vml_hr_below(doc, which):
    rp = rule_paragraph(doc, which)
    _clear_border(rp)
    _put_in(rp, vml_hr())


def s_anchor_in_other_cell_paragraph(doc, which):
    """The line anchored in another paragraph of the cell (the number, or the date line)."""
    rp = rule_paragraph(doc, which)
    cell = doc.tables[0].rows[0].cells[0 if which == "agency" else 1]
    _remove(rp)
    _put_in(cell.paragraphs[-1]._p, alternate_content(drawingml_anchor(360000), vml_line()))


def s_floating_beside_table(doc, which):
    """A floating line anchored in the first paragraph after the header table, on its side."""
    rp = rule_paragraph(doc, which)
    _remove(rp)
    centre = _header_column_centre(doc, which)
    _put_in(_first_body_paragraph(doc), drawingml_anchor(centre - 540000, cx=1080000))


def s_rule_table(doc, which, side="bottom", level="tc"):
    rp = rule_paragraph(doc, which)
    rp.addnext(parse_xml(rule_table(side, level)))
    _remove(rp)


def s_rule_table_top_tbl(doc, which):
    s_rule_table(doc, which, side="top", level="tbl")


# --- removals that must still be flagged -----------------------------------------------------------


def n_missing(doc, which):
    _remove(rule_paragraph(doc, which))


def n_border_nil(doc, which):
    _set_border(rule_paragraph(doc, which), "bottom", val="nil")


def n_left_border(doc, which):
    _set_border(rule_paragraph(doc, which), "left")


def n_logo_instead(doc, which):
    rp = rule_paragraph(doc, which)
    _clear_border(rp)
    _put_in(rp, picture())


def n_underlined_words_below(doc, which):
    """A typed, underlined phrase under the text is words, not a rule."""
    rp = rule_paragraph(doc, which)
    _clear_border(rp)
    _put_in(rp, '<w:rPr><w:u w:val="single"/></w:rPr><w:t>Ghi chú</w:t>')


def n_floating_other_side(doc, which):
    """The line is gone from this column; a floating line sits under the other column."""
    rp = rule_paragraph(doc, which)
    _remove(rp)
    other = "slogan" if which == "agency" else "agency"
    centre = _header_column_centre(doc, other)
    _put_in(_first_body_paragraph(doc), drawingml_anchor(centre - 540000, cx=1080000))


def n_empty_table_no_border(doc, which):
    rp = rule_paragraph(doc, which)
    xml = rule_table("bottom", level="none")
    rp.addnext(parse_xml(xml))
    _remove(rp)


@dataclass(frozen=True)
class Case:
    sample: str
    which: str  # agency | slogan | subject
    style: str
    expected: frozenset[str]  # rule ids the checker must report

    @property
    def name(self) -> str:
        return f"{self.sample}/{self.which}/{self.style}"


POSITIVE: dict[str, Style] = {
    "builder": s_builder,
    "text-bottom-border": s_text_bottom_border,
    "next-top-border": s_next_top_border,
    "next-bottom-thick": s_next_bottom_double_size,
    "underscores": s_underscores,
    "underlined-tabs-below": s_underlined_tabs_below,
    "underlined-spaces-after-break": s_underlined_spaces_after_break,
    "drawingml-inline-alternate": s_drawingml_inline_alternate,
    "drawingml-anchor-in-text": s_drawingml_anchor_in_text,
    "vml-line-in-text": s_vml_line_in_text,
    "vml-hr-below": s_vml_hr_below,
    "anchor-in-other-cell-paragraph": s_anchor_in_other_cell_paragraph,
    "floating-beside-table": s_floating_beside_table,
    "rule-table": s_rule_table,
    "rule-table-top-tbl": s_rule_table_top_tbl,
}
NEGATIVE: dict[str, Style] = {
    "missing": n_missing,
    "border-nil": n_border_nil,
    "left-border": n_left_border,
    "logo-instead": n_logo_instead,
    "underlined-words-below": n_underlined_words_below,
    "floating-other-side": n_floating_other_side,
    "empty-table-no-border": n_empty_table_no_border,
}
HEADER_ONLY = {"anchor-in-other-cell-paragraph", "floating-beside-table", "floating-other-side"}


def _cases(samples: list[str], positive: list[str], negative: list[str]) -> list[Case]:
    out = []
    for sample in samples:
        has_subject = sample != "cong_van"
        for which in ("agency", "slogan", "subject"):
            if which == "subject" and not has_subject:
                continue
            for style in positive:
                if which == "subject" and style in HEADER_ONLY:
                    continue
                out.append(Case(sample, which, style, frozenset()))
            for style in negative:
                if which == "subject" and style in HEADER_ONLY:
                    continue
                out.append(Case(sample, which, style, frozenset({RULES[which]})))
    return out


# The split is fixed: the held-out cases are the same style families on the other samples (other
# agency names and widths, parent agencies, document types), never looked at while tuning.
TUNING = _cases(
    ["cong_van", "quyet_dinh"],
    list(POSITIVE),
    list(NEGATIVE),
)
HELD_OUT = _cases(
    ["thong_bao", "to_trinh", "bao_cao", "ke_hoach", "giay_moi"],
    list(POSITIVE),
    list(NEGATIVE),
)


def make(case: Case, folder: Path) -> Path:
    """Build the case's document and save it; returns its path."""
    doc = build(copy.deepcopy(SAMPLES[case.sample]()))
    (POSITIVE | NEGATIVE)[case.style](doc, case.which)
    path = folder / (case.name.replace("/", "--") + ".docx")
    doc.save(str(path))
    return path
