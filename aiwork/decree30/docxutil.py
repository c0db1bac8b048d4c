"""Low-level python-docx helpers of the builder: runs, paragraphs, rules, borderless tables.

Sizes come from :mod:`.rules` part specs; nothing here knows a Decree 30 number by itself.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from . import rules as R

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def set_run(
    run,
    spec: R.PartSpec | None = None,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
) -> None:
    size = size if size is not None else (spec.example if spec else R.PARTS["body"].example)
    b = bool(bold if bold is not None else (spec.bold if spec else None))
    i = bool(italic if italic is not None else (spec.italic if spec else None))
    r = run._element
    if r.rPr is not None:  # python-docx's setters keep the properties already there
        _set_run_with_setters(run, size, b, i)
        return
    # A new run (every run the builder makes): its <w:rPr> written at once, the XML the
    # setters write (tests/decree30/test_golden_xml.py holds it); their schema-order searches
    # were half of the time of building a document.
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), R.FONT_FAMILY)
    rpr.append(fonts)
    for tag, on in (("w:b", b), ("w:i", i)):
        flag = OxmlElement(tag)
        flag.val = on  # CT_OnOff: True is the default, written as a bare <w:b/>
        rpr.append(flag)
    sz = OxmlElement("w:sz")
    sz.val = Pt(size)
    rpr.append(sz)
    r.insert(0, rpr)


def _set_run_with_setters(run, size: float, bold: bool, italic: bool) -> None:
    run.font.name = R.FONT_FAMILY
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in FONT_SLOTS:
        rfonts.set(qn(slot), R.FONT_FAMILY)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic


def para_fmt(
    p: DocxParagraph,
    align,
    *,
    before: float = 0,
    after: float = 0,
    first_line_cm: float = 0.0,
    left_cm: float = 0.0,
    line: float = 1.0,
) -> None:
    if p._p.pPr is not None or align is None or first_line_cm < 0:
        _para_fmt_with_setters(p, align, before, after, first_line_cm, left_cm, line)
        return
    # A new paragraph: <w:pPr> written at once, as set_run does for runs (same XML as the
    # setters: spacing, ind and jc in schema order, attributes in the setters' order).
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.before, spacing.after = Pt(before), Pt(after)
    spacing.line, spacing.lineRule = Emu(line * Twips(240)), WD_LINE_SPACING.MULTIPLE
    ind = OxmlElement("w:ind")
    ind.firstLine, ind.left = Cm(first_line_cm), Cm(left_cm)
    jc = OxmlElement("w:jc")
    jc.val = align
    for child in (spacing, ind, jc):
        ppr.append(child)
    p._p.insert(0, ppr)


def _para_fmt_with_setters(
    p: DocxParagraph,
    align,
    before: float,
    after: float,
    first_line_cm: float,
    left_cm: float,
    line: float,
) -> None:
    pf = p.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.first_line_indent = Cm(first_line_cm)
    pf.left_indent = Cm(left_cm)
    pf.line_spacing = line


def add_text(
    container,
    text: str,
    spec: R.PartSpec,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    *,
    before: float = 0,
    after: float = 0,
    bold: bool | None = None,
    italic: bool | None = None,
    size: float | None = None,
    first: bool = False,
) -> DocxParagraph:
    p = container.paragraphs[0] if first else container.add_paragraph()
    para_fmt(p, align, before=before, after=after)
    set_run(p.add_run(text), spec, size=size, bold=bold, italic=italic)
    return p


def rule_paragraph(
    container, width_cm: float, box_cm: float, *, before: float = 2, after: float = 0
) -> DocxParagraph:
    """An empty paragraph whose bottom border draws a solid rule ``width_cm`` long, centred."""
    p = container.add_paragraph()
    side = max((box_cm - width_cm) / 2, 0)
    para_fmt(p, WD_ALIGN_PARAGRAPH.CENTER, left_cm=side, before=before, after=after)
    p.paragraph_format.right_indent = Cm(side)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    # Schema order matters to Word: pBdr comes before shd/tabs/spacing/ind/jc.
    ppr.insert_element_before(bdr, *_PPR_AFTER_PBDR)
    # Keep the rule tight under the text above: the paragraph mark is 2 pt high.
    mark = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "4")
    mark.append(sz)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")
    return p


_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Rough printed width of one line of Times New Roman (about 0.5 em a character)."""
    em = 0.55 if bold else 0.5
    upper_ratio = sum(c.isupper() for c in text) / max(len(text), 1)
    em += 0.15 * upper_ratio  # capitals are wider
    return len(text) * size_pt * em / 72 * 2.54


def no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.insert_element_before(
        borders,
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    )


def two_columns(doc: DocxDocument, widths_cm: tuple[float, float]) -> tuple[_Cell, _Cell]:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    no_borders(table)
    cells = table.rows[0].cells
    for cell, width in zip(cells, widths_cm, strict=True):
        cell.width = Cm(width)
    # LibreOffice lays out from the grid, Word from the cell widths: set both.
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    return cells[0], cells[1]
