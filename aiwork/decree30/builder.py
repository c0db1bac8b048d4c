"""Build a Decree 30 compliant administrative document (.docx) from structured fields.

Every size, margin and fixed text comes from :mod:`aiwork.decree30.rules`.

API for other modules (e.g. the reporting module building a BÁO CÁO with a table and a chart)::

    from datetime import date
    from aiwork.decree30.builder import OfficialDocument, Paragraph, Heading, Table, Image, build

    doc = OfficialDocument(
        doc_type="bao_cao",                       # a key of rules.DOC_TYPES
        parent_agency="UBND TỈNH GIA LAI",        # "" when there is none
        agency="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        agency_code="SKHCN",                      # code = "BC-SKHCN"; for công văn "UBND-VP"
        number=12,                                # None leaves the number blank for the văn thư
        place="Gia Lai", issued=date(2026, 3, 5),
        subject="Kết quả chuyển đổi số quý I năm 2026",
        recipients_to=["Ủy ban nhân dân tỉnh Gia Lai"],   # "Kính gửi" (optional for báo cáo)
        body=[
            Heading("I. KẾT QUẢ ĐẠT ĐƯỢC"),
            "Trong quý I năm 2026, ...",                     # a plain string is a Paragraph
            Table([["Chỉ tiêu", "Kết quả"], ["Hồ sơ trực tuyến", "1.234"]],
                  caption="Bảng 1. Kết quả quý I"),
            Image("chart.png", width_cm=14, caption="Biểu đồ 1. Hồ sơ theo tháng"),
        ],
        signature_lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], signer_name="Trần Văn B",
        recipients=["UBND tỉnh (b/c)", "Giám đốc Sở"], archive="VT, VP",
    )
    build(doc).save("bao-cao.docx")       # build() returns a python-docx Document

``Image`` accepts a path, raw bytes or a file-like object (e.g. a matplotlib figure saved to
``io.BytesIO``). Learners use :func:`aiwork.decree30.tao_van_ban` with Vietnamese keys instead.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from aiwork.vi import format_date_long, format_number

from . import rules as R
from .blank import new_document
from .docxutil import (
    FONT_SLOTS,
    add_text,
    para_fmt,
    rule_paragraph,
    set_run,
    text_width_cm,
    two_columns,
)

# --- body items -------------------------------------------------------------------------------


@dataclass
class Paragraph:
    """A running-text paragraph (justified, first-line indent, 14 pt)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Heading:
    """A heading inside the body: "I. KẾT QUẢ", "Điều 1. ...", or centred ("QUYẾT ĐỊNH:")."""

    text: str
    center: bool = False


@dataclass
class Table:
    """A table in the body; the first ``header_rows`` rows are bold and centred."""

    rows: Sequence[Sequence[object]]
    header_rows: int = 1
    caption: str = ""
    col_widths_cm: Sequence[float] | None = None


@dataclass
class Image:
    """A picture (path, bytes or file-like) centred in the body, with an optional caption."""

    source: str | Path | bytes | IO[bytes]
    width_cm: float = 14.0
    caption: str = ""


BodyItem = Paragraph | Heading | Table | Image | str


@dataclass
class OfficialDocument:
    doc_type: str
    agency: str
    agency_code: str
    place: str
    issued: date
    subject: str
    body: list[BodyItem]
    signature_lines: list[str]
    signer_name: str
    parent_agency: str = ""
    number: int | None = None
    legal_bases: list[str] = field(default_factory=list)
    issuing_authority: str = ""  # quyết định: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI"
    recipients_to: list[str] = field(default_factory=list)  # "Kính gửi"
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận" (without "Lưu")
    archive: str = "VT"  # -> "- Lưu: VT, ...."
    urgency: str = ""  # one of rules.URGENCY_LEVELS, or ""

    @property
    def type(self) -> R.DocType:
        try:
            return R.DOC_TYPES[self.doc_type]
        except KeyError:
            known = ", ".join(sorted(R.DOC_TYPES))
            raise ValueError(
                f"Loại văn bản không hỗ trợ: {self.doc_type!r} (có: {known})"
            ) from None

    @property
    def code(self) -> str:
        """The code after "Số: n/": type abbreviation plus agency code (công văn: agency code)."""
        t = self.type
        code = self.agency_code.strip()
        first = code.split("-", 1)[0]
        # A code that already starts with a type abbreviation (right or wrong) is taken as the
        # full code, so "GM-UBND" is not doubled and a wrong "TB-UBND" reaches the checker.
        if (
            not t.abbreviation
            or "-" in code
            and first in R.TYPE_ABBREVIATIONS | R.INVENTED_ABBREVIATIONS
        ):
            return code
        return f"{t.abbreviation}-{code}"


# --- text helpers (shared with the checker through rules) -------------------------------------


def number_line(number: int | None, code: str) -> str:
    """ "Số: 05/QĐ-UBND" (numbers under 10 take a leading zero); blank number for a draft."""
    if number is None:
        return f"Số:       /{code}"
    return f"Số: {number:02d}/{code}"


def place_date_line(place: str, d: date) -> str:
    """ "Gia Lai, ngày 05 tháng 3 năm 2026" with the leading zeros the annex prescribes."""
    return f"{place}, {format_date_long(d)}"


def _list_lines(items: Sequence[str], last: str = ".") -> list[str]:
    """ "- A;" ... "- Z." (PL I, Mục II, khoản 9 điểm d)."""
    out = []
    for i, item in enumerate(items):
        text = item.strip().lstrip("-").strip().rstrip(";.")
        out.append(f"- {text}{last if i == len(items) - 1 else ';'}")
    return out


# --- the document -----------------------------------------------------------------------------

HEADER_LEFT_CM = 7.0
CLOSING_LEFT_CM = 7.5


def _text_width_page_cm() -> float:
    m = R.BUILDER_MARGINS_MM
    return (R.PAGE_WIDTH_MM - m["left"] - m["right"]) / 10


def build(fields: OfficialDocument) -> DocxDocument:
    """Lay out ``fields`` as a Decree 30 document; returns the python-docx Document."""
    t = fields.type
    doc = new_document()
    _page_setup(doc)
    _normal_style(doc)
    _page_numbers(doc)
    # python-docx starts with one empty paragraph only when a template has one; ours has none.
    _header(doc, fields)
    if t.title:
        add_text(doc, t.title, R.PARTS["doctype"], before=12)
        add_text(doc, fields.subject.strip(), R.PARTS["subject"])
        sub = R.PARTS["subject"]
        width = min(text_width_cm(fields.subject, sub.example, True), _text_width_page_cm())
        rule_paragraph(doc, max(width * 0.4, 2.5), _text_width_page_cm(), before=2, after=6)
    if fields.recipients_to:
        _kinh_gui(doc, fields.recipients_to)
    if fields.issuing_authority:
        add_text(doc, fields.issuing_authority.upper(), R.PARTS["authority"], before=6, after=6)
    for i, basis in enumerate(fields.legal_bases):
        end = "." if i == len(fields.legal_bases) - 1 else ";"
        _body_paragraph(doc, basis.strip().rstrip(";.") + end, italic=True)
    if t.key == "quyet_dinh":
        add_text(doc, "QUYẾT ĐỊNH:", R.PARTS["doctype"], before=6, after=6)
    _body(doc, fields.body)
    _closing(doc, fields)
    return doc


def save(fields: OfficialDocument, path: str | Path) -> Path:
    path = Path(path)
    build(fields).save(str(path))
    return path


def _page_setup(doc: DocxDocument) -> None:
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(R.PAGE_WIDTH_MM)
        section.page_height = Mm(R.PAGE_HEIGHT_MM)
        m = R.BUILDER_MARGINS_MM
        section.top_margin = Mm(m["top"])
        section.bottom_margin = Mm(m["bottom"])
        section.left_margin = Mm(m["left"])
        section.right_margin = Mm(m["right"])


def _page_numbers(doc: DocxDocument) -> None:
    """Page numbers centred in the top margin from page 2 on (PL I, Phần I, Mục I, khoản 7)."""
    spec = R.PARTS["page_number"]
    for section in doc.sections:
        section.different_first_page_header_footer = True  # page 1 shows no number
        p = section.header.paragraphs[0]
        para_fmt(p, WD_ALIGN_PARAGRAPH.CENTER)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            run = p.add_run()
            set_run(run, spec)
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)


def _normal_style(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = R.FONT_FAMILY
    normal.font.size = Pt(R.PARTS["body"].example)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in FONT_SLOTS:
        rfonts.set(qn(slot), R.FONT_FAMILY)
    # Also the document defaults, so that anything added later without a style stays compliant.
    rpr_default = (
        doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    rf = rpr_default.find(qn("w:rFonts"))
    for attr in list(rf.attrib):
        del rf.attrib[attr]
    for slot in FONT_SLOTS:
        rf.set(qn(slot), R.FONT_FAMILY)
    # Vietnamese proofing language, so Word checks spelling in Vietnamese.
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")


def _header(doc: DocxDocument, f: OfficialDocument) -> None:
    right_cm = _text_width_page_cm() - HEADER_LEFT_CM
    left, right = two_columns(doc, (HEADER_LEFT_CM, right_cm))
    first = True
    agency_lines: list[str] = []
    if f.parent_agency.strip():
        for line in f.parent_agency.upper().splitlines():
            add_text(left, line.strip(), R.PARTS["parent_agency"], first=first)
            first = False
    for line in f.agency.upper().splitlines():
        add_text(left, line.strip(), R.PARTS["agency"], first=first)
        agency_lines.append(line.strip())
        first = False
    ag = R.PARTS["agency"]
    width = max(text_width_cm(x, ag.example, True) for x in agency_lines)
    rule_paragraph(left, max(min(width, HEADER_LEFT_CM) * 0.4, 1.5), HEADER_LEFT_CM)
    add_text(left, number_line(f.number, f.code), R.PARTS["number"], before=6)
    if not f.type.title:  # công văn: "V/v ..." under the number
        subject = f.subject.strip()
        if not subject.startswith("V/v"):
            subject = f"V/v {subject[0].lower()}{subject[1:]}" if subject else "V/v"
        add_text(left, subject, R.PARTS["subject_cv"], before=6)
    if f.urgency:
        add_text(left, f.urgency.upper(), R.PARTS["urgency"], before=6)

    nat = R.PARTS["national"]
    add_text(right, R.NATIONAL_TEXT, nat, first=True)
    slg = R.PARTS["slogan"]
    add_text(right, R.SLOGAN_TEXT, slg)
    rule_paragraph(right, text_width_cm(R.SLOGAN_TEXT, slg.example, True), right_cm)
    add_text(right, place_date_line(f.place, f.issued), R.PARTS["date"], before=6)


def _kinh_gui(doc: DocxDocument, to: list[str]) -> None:
    spec = R.PARTS["kinh_gui"]
    if len(to) == 1:
        name = to[0].strip().rstrip(".;")
        add_text(doc, f"{R.KINH_GUI}: {name}.", spec, before=12, after=6)
        return
    p = add_text(doc, f"{R.KINH_GUI}:", spec, WD_ALIGN_PARAGRAPH.LEFT, before=12)
    p.paragraph_format.left_indent = Cm(3.5)
    lines = _list_lines(to)
    for i, line in enumerate(lines):
        q = add_text(
            doc, line, spec, WD_ALIGN_PARAGRAPH.LEFT, after=6 if i == len(lines) - 1 else 0
        )
        q.paragraph_format.left_indent = Cm(5.8)


def _body_paragraph(
    container,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
) -> DocxParagraph:
    p = container.add_paragraph()
    para_fmt(
        p,
        align,
        before=0,
        after=R.BUILDER_PARAGRAPH_SPACING_PT,
        first_line_cm=R.BUILDER_FIRST_LINE_INDENT_CM if indent else 0.0,
        line=R.BUILDER_LINE_SPACING,
    )
    set_run(p.add_run(text), R.PARTS["body"], bold=bold, italic=italic)
    return p


def _body(doc: DocxDocument, items: list[BodyItem]) -> None:
    last_text: DocxParagraph | None = None
    for item in items:
        if isinstance(item, str):
            item = Paragraph(item)
        if isinstance(item, Paragraph):
            last_text = _body_paragraph(doc, item.text.strip(), bold=item.bold, italic=item.italic)
        elif isinstance(item, Heading):
            if item.center:
                _body_paragraph(
                    doc, item.text.strip(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
                )
            else:
                _body_paragraph(doc, item.text.strip(), bold=True)
        elif isinstance(item, Table):
            _table(doc, item)
        elif isinstance(item, Image):
            _image(doc, item)
        else:
            raise TypeError(f"Không hỗ trợ phần nội dung kiểu {type(item).__name__}")
    # Administrative texts close the body with "./." (PL III samples).
    if last_text is not None and not last_text.text.rstrip().endswith("./."):
        run = last_text.runs[-1]
        run.text = run.text.rstrip().rstrip(".") + "./."


def _caption(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph()
    para_fmt(p, WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6, line=R.BUILDER_LINE_SPACING)
    set_run(p.add_run(text), R.PARTS["body"], italic=True)


def _table(doc: DocxDocument, item: Table) -> None:
    if item.caption:
        _caption(doc, item.caption)
    rows = [list(r) for r in item.rows]
    ncols = max((len(r) for r in rows), default=0)
    if not ncols:
        return
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (row, table_row) in enumerate(zip(rows, table.rows, strict=True)):
        header = i < item.header_rows
        # a row's own cells (row_cells(i) and cell(i, j) lay out the whole grid on every call)
        cells = table_row.cells
        for j in range(ncols):
            cell = cells[j]
            value = row[j] if j < len(row) else ""
            p = cell.paragraphs[0]
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            align = (
                WD_ALIGN_PARAGRAPH.CENTER
                if header
                else WD_ALIGN_PARAGRAPH.RIGHT
                if numeric
                else WD_ALIGN_PARAGRAPH.LEFT
            )
            para_fmt(p, align, before=2, after=2)
            set_run(p.add_run(_cell_text(value)), None, size=R.BUILDER_TABLE_FONT_PT, bold=header)
            if item.col_widths_cm and j < len(item.col_widths_cm):
                cell.width = Cm(item.col_widths_cm[j])
    # A paragraph after the table keeps the next table or the closing block apart.
    spacer = doc.add_paragraph()
    para_fmt(spacer, WD_ALIGN_PARAGRAPH.JUSTIFY, after=0)


def _cell_text(value: object) -> str:
    """Vietnamese number style: "." for thousands, "," for decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return format_number(value, 0 if float(value).is_integer() else 2)


def _image(doc: DocxDocument, item: Image) -> None:
    src = item.source
    stream: str | IO[bytes]
    if isinstance(src, bytes):
        stream = io.BytesIO(src)
    elif isinstance(src, Path):
        stream = str(src)
    else:
        stream = src
    p = doc.add_paragraph()
    para_fmt(p, WD_ALIGN_PARAGRAPH.CENTER, before=6, after=0)
    p.add_run().add_picture(stream, width=Cm(item.width_cm))
    if item.caption:
        _caption(doc, item.caption)


def _closing(doc: DocxDocument, f: OfficialDocument) -> None:
    left, right = two_columns(doc, (CLOSING_LEFT_CM, _text_width_page_cm() - CLOSING_LEFT_CM))
    label = R.PARTS["noi_nhan_label"]
    p = add_text(left, f"{R.NOI_NHAN}:", label, WD_ALIGN_PARAGRAPH.LEFT, before=12, first=True)
    items = list(f.recipients)
    if (
        f.recipients_to
        and f.type.kinh_gui
        and not any(x.strip("- ").startswith("Như trên") for x in items)
    ):
        items.insert(0, "Như trên")
    lines = _list_lines(items, last=";") if items else []
    archive = f.archive.strip().rstrip(".")
    if not archive.startswith("VT"):
        archive = f"VT, {archive}" if archive else "VT"
    lines.append(f"- Lưu: {archive}.")
    spec = R.PARTS["noi_nhan_items"]
    for line in lines:
        add_text(left, line, spec, WD_ALIGN_PARAGRAPH.LEFT)
    del p

    first = True
    for line in f.signature_lines:
        add_text(
            right,
            line.strip().upper(),
            R.PARTS["authority"],
            before=12 if first else 0,
            first=first,
        )
        first = False
    for _ in range(4):  # room for the signature and the seal
        add_text(right, "", R.PARTS["signer"])
    add_text(right, f.signer_name.strip(), R.PARTS["signer"])
