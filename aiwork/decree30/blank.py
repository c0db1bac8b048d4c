"""The blank package every built document starts from: python-docx's default template without
the parts no built document uses.

python-docx's ``default.docx`` carries 100 table styles (about 420 KB of ``styles.xml``), a
second copy of all its styles for Word 2010 (``stylesWithEffects.xml``, another 438 KB) and a
thumbnail of an empty page. Every document built from it parsed that XML, compressed it into
the .docx and, read back by the checker, inflated and parsed it again: half the time of
building and checking a document (module 2's grading builds four per notebook). The blank
package keeps everything else: the paragraph and character styles, the latent-style list (a
learner who picks a built-in table style in Word still gets it: Word adds its definition), the
theme, numbering, settings and font table. Built documents use ``Normal`` and ``Table Grid``
only; ``tests/decree30/test_blank.py`` keeps it so.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
KEPT_TABLE_STYLES = ("TableNormal", "TableGrid")  # the default table style and "Table Grid"
DROPPED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")
# Relationship and content-type entries that point at the dropped parts.
_REFERENCES = ("_rels/.rels", "word/_rels/document.xml.rels", "[Content_Types].xml")


def default_template() -> Path:
    return Path(docx.__file__).parent / "templates" / "default.docx"


@functools.cache
def blank_package() -> bytes:
    """The trimmed template as .docx bytes (made once per process; bytes cannot be changed)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(default_template()) as template,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as blank,
    ):
        for info in template.infolist():
            if info.filename in DROPPED_PARTS:
                continue
            data = template.read(info.filename)
            if info.filename == "word/styles.xml":
                data = _without_table_styles(data)
            elif info.filename in _REFERENCES:
                data = _without_references(data)
            blank.writestr(info, data)
    return out.getvalue()


def new_document() -> DocxDocument:
    """A python-docx Document on the blank package (what ``docx.Document()`` gives, lighter)."""
    return docx.Document(io.BytesIO(blank_package()))


def _without_table_styles(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for style in root.findall(f"{{{W}}}style"):
        table = style.get(f"{{{W}}}type") == "table"
        if table and style.get(f"{{{W}}}styleId") not in KEPT_TABLE_STYLES:
            root.remove(style)
    return _serialise(root)


def _without_references(xml: bytes) -> bytes:
    """Drop the <Relationship Target=…> and <Override PartName=…> of the dropped parts."""
    root = etree.fromstring(xml)
    dropped = {name.rsplit("/", 1)[-1] for name in DROPPED_PARTS}
    for entry in list(root):
        target = entry.get("Target") or entry.get("PartName") or ""
        if target.rsplit("/", 1)[-1] in dropped:
            root.remove(entry)
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
