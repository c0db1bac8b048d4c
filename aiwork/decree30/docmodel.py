"""Load a .docx safely and flatten it into paragraphs that know where they are.

The checker works on :class:`Para` objects: every paragraph of the main story in reading
order, top-level or inside (possibly nested) tables, with its text, its runs, the table it sits
in (for table-style formatting) and a Vietnamese location a learner can find in Word.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from lxml import etree

from aiwork.errors import InputError
from aiwork.vi import format_number, nfc

from .formatting import FormatResolver, ParaFormat, RunFormat, w

# Limits of what the checker agrees to open (a learner's letter is a few hundred kB).
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
DOCX_MAIN_PART = "word/document.xml"


class UnreadableDocument(InputError):
    """The file is not a .docx the checker can read; the message is Vietnamese."""


def load(path: str | Path) -> DocxDocument:
    """Open ``path`` as a .docx or raise :class:`UnreadableDocument` saying why."""
    p = Path(path)
    if not p.exists():
        raise UnreadableDocument(f"Không tìm thấy tệp “{p}”.")
    if not p.is_file():
        raise UnreadableDocument(f"“{p}” không phải là một tệp.")
    size = p.stat().st_size
    if size == 0:
        raise UnreadableDocument(f"Tệp “{p.name}” rỗng (0 byte).")
    if size > MAX_DOCX_BYTES:
        raise UnreadableDocument(
            f"Tệp “{p.name}” quá lớn ({format_number(size / 1048576, 1)} MB; giới hạn "
            f"{MAX_DOCX_BYTES // 1048576} MB)."
        )
    if not zipfile.is_zipfile(p):
        raise UnreadableDocument(
            f"Tệp “{p.name}” không phải tệp .docx (Word 2007 trở lên). Nếu là tệp .doc cũ hoặc "
            "PDF, anh/chị hãy mở bằng Word/LibreOffice và lưu lại dưới dạng .docx."
        )
    try:
        with zipfile.ZipFile(p) as zf:
            names = zf.namelist()
            total = sum(i.file_size for i in zf.infolist())
            bad = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UnreadableDocument(f"Tệp “{p.name}” bị hỏng, không giải nén được ({exc}).") from exc
    if bad is not None:
        raise UnreadableDocument(f"Tệp “{p.name}” bị hỏng (phần “{bad}” lỗi dữ liệu).")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableDocument(f"Tệp “{p.name}” khi giải nén quá lớn ({total // 1048576} MB).")
    if DOCX_MAIN_PART not in names:
        raise UnreadableDocument(
            f"Tệp “{p.name}” là tệp nén nhưng không phải văn bản Word (thiếu {DOCX_MAIN_PART})."
        )
    try:
        return docx.Document(str(p))
    except Exception as exc:  # python-docx raises several types for malformed packages
        raise UnreadableDocument(
            f"Không đọc được tệp “{p.name}” như văn bản Word ({exc})."
        ) from exc


def norm(text: str) -> str:
    """NFC, non-breaking spaces to spaces, runs of spaces collapsed, trimmed."""
    text = nfc(text).replace("\u00a0", " ")
    return " ".join(text.split())


@dataclass
class Para:
    el: etree._Element
    tbl: etree._Element | None  # innermost table holding the paragraph
    block: int  # index of the top-level block (paragraph or table)
    cell: tuple[int, int] | None  # (row, column) in the top-level table
    loc: str
    runs: list[tuple[etree._Element, str]] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "".join(t for _, t in self.runs)

    @cached_property
    def text(self) -> str:
        # Read a dozen times per paragraph by the checks; the runs never change once loaded.
        return norm(self.raw)

    def has_graphic(self) -> bool:
        """A drawn line, shape or picture anchored in this paragraph."""
        for tag in ("drawing", "pict", "object"):
            if self.el.find(f".//{w(tag)}") is not None:
                return True
        return (
            self.el.find(
                ".//{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
            )
            is not None
        )


def _run_text(r: etree._Element) -> str:
    out = []
    for child in r:
        tag = etree.QName(child).localname
        if tag == "t":
            out.append(child.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
    return "".join(out)


def _runs(p: etree._Element) -> list[tuple[etree._Element, str]]:
    out = []
    for r in p.iter(w("r")):
        # Skip runs of nested paragraphs (text boxes) and deleted revisions.
        anc = r.getparent()
        inside_other = False
        while anc is not None and anc is not p:
            if anc.tag in (w("p"), w("del")):
                inside_other = True
                break
            anc = anc.getparent()
        if not inside_other:
            out.append((r, _run_text(r)))
    return out


class DocModel:
    """The document's paragraphs in reading order plus its formatting resolver."""

    def __init__(self, document: DocxDocument):
        self.document = document
        self.fmt = FormatResolver(document)
        self.paras: list[Para] = []
        self.block_kinds: list[str] = []
        body = document.element.body
        top_p = 0
        top_t = 0
        for child in _blocks(body):
            idx = len(self.block_kinds)
            if child.tag == w("p"):
                top_p += 1
                self.block_kinds.append("p")
                self.paras.append(Para(child, None, idx, None, f"Đoạn {top_p}", _runs(child)))
            elif child.tag == w("tbl"):
                top_t += 1
                self.block_kinds.append("tbl")
                self._table(child, idx, f"Bảng {top_t}", None)
        # Lookups the checks make for every paragraph: kept linear in the document's length.
        self._position = {id(p): i for i, p in enumerate(self.paras)}
        self._by_block: dict[int, list[Para]] = {}
        for p in self.paras:
            self._by_block.setdefault(p.block, []).append(p)

    def position(self, para: Para) -> int:
        """The paragraph's index in :attr:`paras` (reading order)."""
        return self._position[id(para)]

    def in_block(self, block: int) -> list[Para]:
        """The paragraphs of one top-level block (a paragraph, or every cell of a table)."""
        return self._by_block.get(block, [])

    def _table(
        self, tbl: etree._Element, block: int, name: str, cell: tuple[int, int] | None
    ) -> None:
        for ri, tr in enumerate(tbl.findall(w("tr")), start=1):
            for ci, tc in enumerate(tr.findall(w("tc")), start=1):
                here = cell or (ri, ci)
                line = 0
                for child in _blocks(tc):
                    if child.tag == w("p"):
                        line += 1
                        loc = f"{name}, hàng {ri}, cột {ci}, dòng {line}"
                        self.paras.append(Para(child, tbl, block, here, loc, _runs(child)))
                    elif child.tag == w("tbl"):
                        self._table(child, block, f"{name}, hàng {ri}, cột {ci} (bảng lồng)", here)

    def run_formats(self, para: Para) -> list[tuple[str, RunFormat]]:
        """(text, format) of the runs that carry visible text."""
        return [(t, self.fmt.run(r, para.el, para.tbl)) for r, t in para.runs if t.strip()]

    def para_format(self, para: Para) -> ParaFormat:
        return self.fmt.paragraph(para.el, para.tbl)


def _blocks(container: etree._Element):
    """Paragraphs and tables of a container, looking through content controls (w:sdt)."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
