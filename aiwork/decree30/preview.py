"""Preview a .docx in a notebook: HTML from the effective formatting, and a page image.

The HTML is an approximation made from the same formatting resolution the checker uses (font,
size, bold, italic, alignment, indents, rules drawn as paragraph borders, tables, pictures), on
an A4 sheet with the document's margins. The page image is LibreOffice's own rendering of the
first page and exists only where ``soffice`` (LibreOffice) and ``pdftoppm`` (poppler-utils)
are installed; without them the preview says so and still shows the HTML.
"""

from __future__ import annotations

import base64
import contextlib
import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from aiwork.memo import Memo

from .docmodel import MAX_DOCX_BYTES, DocModel, load
from .formatting import w

SOFFICE_TIMEOUT_S = 90
# The python-docx document read back for the check by ``checked.build_checked``, by the .docx's
# bytes: what a preview of the same file reads (display only; checks use the violations memo).
# A live entry like the others: emptied before every test cell under grading.
LOADED = Memo("decree30.loaded", size=4)
_ALIGN = {"both": "justify", "center": "center", "right": "right", "left": "left"}
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"


def loaded(path: str | Path):
    """``load(path)``, or the document read back when the same bytes were just built and
    checked (``soan_va_kiem_tra`` previews the file it has written: one read, not two). A
    document read here is not kept."""
    with contextlib.suppress(OSError):  # unreadable: load says why
        if Path(path).stat().st_size <= MAX_DOCX_BYTES:  # too big: load says so, unread
            document = LOADED.get_for_file(path, lambda: None)  # None: not kept, not built
            if document is not None:
                return document
    return load(path)


def to_html(path: str | Path) -> str:
    """The document as a self-contained HTML fragment (an A4 sheet)."""
    doc = loaded(path)  # the one just built and checked, if it is that file
    model = DocModel(doc)
    sec = doc.sections[0]
    pad = " ".join(
        f"{(m.mm if m is not None else 20):.0f}mm"
        for m in (sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin)
    )
    width = sec.page_width.mm if sec.page_width is not None else 210
    parts = [
        f'<div style="width:{width:.0f}mm;padding:{pad};box-sizing:border-box;background:#fff;'
        "color:#000;border:1px solid #bbb;box-shadow:0 2px 6px #999;margin:8px auto;"
        "font-family:'Times New Roman',Times,serif;line-height:1.15\">"
    ]
    body = doc.element.body
    for child in body:
        if child.tag == w("p"):
            parts.append(_para(model, child, None))
        elif child.tag == w("tbl"):
            parts.append(_table(model, child))
    parts.append("</div>")
    return "\n".join(parts)


def _para(model: DocModel, p, tbl) -> str:
    pf = model.fmt.paragraph(p, tbl)
    style = [
        f"text-align:{_ALIGN.get(pf.alignment, 'left')}",
        f"margin:{pf.before_pt:g}pt {max(pf.right_cm, 0):.2f}cm {pf.after_pt:g}pt {max(pf.left_cm, 0):.2f}cm",
        f"text-indent:{pf.first_line_cm:.2f}cm",
        "min-height:0.6em",
    ]
    if pf.bottom_border:
        style.append("border-bottom:1px solid #000")
    if pf.top_border:
        style.append("border-top:1px solid #000")
    spans = []
    for r in p.iter(w("r")):
        f = model.fmt.run(r, p, tbl)
        text = "".join(
            (t.text or "")
            if t.tag == w("t")
            else "\t"
            if t.tag == w("tab")
            else "\n"
            if t.tag in (w("br"), w("cr"))
            else ""
            for t in r
        )
        css = [f"font-size:{f.size:g}pt", f"font-family:'{f.font or 'Times New Roman'}'"]
        if f.bold:
            css.append("font-weight:bold")
        if f.italic:
            css.append("font-style:italic")
        if f.underline:
            css.append("text-decoration:underline")
        if f.caps:
            css.append("text-transform:uppercase")
        img = "".join(_image(model, blip) for blip in r.iter(_BLIP))
        spans.append(
            f'<span style="{";".join(css)}">{html.escape(text).replace(chr(10), "<br>")}</span>{img}'
        )
    return f'<p style="{";".join(style)}">{"".join(spans) or "&nbsp;"}</p>'


def _image(model: DocModel, blip) -> str:
    rid = blip.get(_R_EMBED)
    try:
        part = model.document.part.related_parts[rid]
    except KeyError:
        return ""
    data = base64.b64encode(part.blob).decode()
    return f'<img style="max-width:100%" src="data:{part.content_type};base64,{data}">'


def _table(model: DocModel, tbl) -> str:
    borders = tbl.find(f"{w('tblPr')}/{w('tblBorders')}")
    style_id = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
    visible = style_id is not None and borders is None
    cell_css = "border:1px solid #000;" if visible else ""
    rows = []
    for tr in tbl.findall(w("tr")):
        cells = []
        for tc in tr.findall(w("tc")):
            width = tc.find(f"{w('tcPr')}/{w('tcW')}")
            wcss = ""
            if width is not None and (width.get(w("type")) in (None, "dxa")):
                wcss = f"width:{int(width.get(w('w'), '0')) / 567:.2f}cm;"
            inner = "".join(
                _para(model, p, tbl) if p.tag == w("p") else _table(model, p)
                for p in tc
                if p.tag in (w("p"), w("tbl"))
            )
            cells.append(
                f'<td style="{cell_css}{wcss}vertical-align:top;padding:0 4px">{inner}</td>'
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table style="border-collapse:collapse;margin:0 auto;width:100%">{"".join(rows)}</table>'
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: str | Path, fmt: str, outdir: str | Path) -> Path | None:
    """LibreOffice headless conversion of ``path`` to ``fmt`` ("pdf", "docx"); None if unavailable."""
    exe = soffice()
    if exe is None:
        return None
    src = Path(path).resolve()
    outdir = Path(outdir)
    # A private profile: concurrent conversions (and a learner's open LibreOffice) do not clash.
    with tempfile.TemporaryDirectory() as profile:
        try:
            subprocess.run(
                [
                    exe,
                    "--headless",
                    f"-env:UserInstallation=file://{profile}",
                    "--convert-to",
                    fmt,
                    "--outdir",
                    str(outdir),
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=SOFFICE_TIMEOUT_S,
            )
        except (subprocess.SubprocessError, OSError):
            return None
    out = outdir / f"{src.stem}.{fmt}"
    if out.resolve() == src:
        return None
    return out if out.exists() else None


def page_image(path: str | Path, dpi: int = 80) -> bytes | None:
    """PNG of the first page as LibreOffice lays it out (via PDF and poppler's pdftoppm).

    None when either tool is missing or fails: the preview then shows the HTML only.
    """
    pdftoppm = shutil.which("pdftoppm")
    if soffice() is None or pdftoppm is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        pdf = convert(path, "pdf", tmp)
        if pdf is None:
            return None
        try:
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    str(pdf),
                    str(Path(tmp) / "page"),
                ],
                check=True,
                capture_output=True,
                timeout=SOFFICE_TIMEOUT_S,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        pngs = sorted(Path(tmp).glob("page*.png"))
        return pngs[0].read_bytes() if pngs else None


def show(path: str | Path, with_image: bool = True):
    """An IPython HTML object: the HTML preview, then the page image or a note why there is none."""
    from IPython.display import HTML

    parts = [to_html(path)]
    if with_image:
        png = page_image(path)
        if png is not None:
            data = base64.b64encode(png).decode()
            parts.append(
                '<p style="text-align:center"><b>Trang 1 do LibreOffice dựng:</b></p>'
                f'<img style="max-width:100%;border:1px solid #bbb" src="data:image/png;base64,{data}">'
            )
        else:
            parts.append(
                "<p><i>(Máy này chưa cài LibreOffice nên chỉ có bản xem trước dạng HTML; "
                "bản in thực tế có thể khác đôi chút.)</i></p>"
            )
    return HTML("\n".join(parts))
