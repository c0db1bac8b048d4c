"""The short solid rules Decree 30 draws under the agency name, the Tiêu ngữ and the trích yếu.

Offices draw them in many ways, and each one counts as the rule:

- a bottom border of the text's own paragraph, or a bottom or top border of the empty
  paragraph below it (its indents set the rule's length);
- a line of underscores or dashes typed on the line below;
- an underlined run of spaces or tabs, after a line break in the text's paragraph or below it;
- a drawn line: DrawingML (``wps:wsp`` with a line geometry, or a hair-thin shape) or VML
  (``v:line``, a thin ``v:rect``, Word's ``o:hr``), inline or floating, wrapped in
  ``mc:AlternateContent`` or not, anchored in the text's paragraph, in another paragraph of the
  same table cell, or, floating, in the paragraph next to the text's table on the text's side;
- a one-row table with empty cells and a top or bottom border, just under the text.

A picture (a logo, a stamp, a scanned signature) is never a rule, and a missing rule is still
flagged. Paragraphs that draw a rule are returned so that the body checks skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .docmodel import DocModel, Para
from .formatting import w, wattr

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
V = "urn:schemas-microsoft-com:vml"
VO = "urn:schemas-microsoft-com:office:office"

# A shape this thin (or thinner) and much wider than high is drawn as a line.
_THIN_EMU = 4 * 12700  # 4 pt
_THIN_PT = 4.0
_LINE_GEOMETRIES = {"line", "straightConnector1"}
_UNDERSCORES = re.compile(r"^[_\-‾—–=.]{3,}$")
_NO_BORDER = {"nil", "none"}


@dataclass(frozen=True)
class LineShape:
    floating: bool
    centre_emu: int | None  # horizontal centre of a floating shape, from the margin, if known


def _localname(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _vml_size_pt(style: str, key: str) -> float | None:
    m = re.search(rf"(?:^|;)\s*{key}\s*:\s*([\d.]+)\s*(pt|px|in|cm|mm)?", style or "")
    if not m:
        return None
    value, unit = float(m.group(1)), m.group(2) or "px"
    return value * {"pt": 1, "px": 0.75, "in": 72, "cm": 28.35, "mm": 2.835}[unit]


def _drawingml_is_line(drawing: etree._Element) -> bool:
    if drawing.find(f".//{{{PIC}}}pic") is not None:
        return False
    for geom in drawing.iter(f"{{{A}}}prstGeom"):
        if geom.get("prst") in _LINE_GEOMETRIES:
            return True
    extent = drawing.find(f"{{{WP}}}extent")
    if extent is None:
        extent = next(drawing.iter(f"{{{WP}}}extent"), None)
    if extent is not None and drawing.find(f".//{{{WPS}}}wsp") is not None:
        cx, cy = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
        return cx > 0 and cy <= _THIN_EMU and cx >= 10 * max(cy, 1)
    return False


def _vml_is_line(pict: etree._Element) -> bool:
    if pict.find(f".//{{{V}}}imagedata") is not None:
        return False
    if pict.find(f".//{{{V}}}line") is not None:
        return True
    for shape in (*pict.iter(f"{{{V}}}rect"), *pict.iter(f"{{{V}}}shape")):
        if shape.get(f"{{{VO}}}hr") in ("t", "true"):
            return True
        style = shape.get("style", "")
        height, width = _vml_size_pt(style, "height"), _vml_size_pt(style, "width")
        if height is not None and height <= _THIN_PT and (width is None or width >= 10 * height):
            return True
    return False


def _floating_centre(drawing: etree._Element) -> int | None:
    anchor = drawing if _localname(drawing) == "anchor" else drawing.find(f".//{{{WP}}}anchor")
    if anchor is None:
        return None
    pos = anchor.find(f"{{{WP}}}positionH")
    extent = anchor.find(f"{{{WP}}}extent")
    offset = pos.find(f"{{{WP}}}posOffset") if pos is not None else None
    if offset is None or extent is None or pos.get("relativeFrom") == "page":
        return None
    return int(offset.text or "0") + int(extent.get("cx", "0")) // 2


def line_shapes(p: Para) -> list[LineShape]:
    """Line shapes anchored in a paragraph (pictures and other shapes left out)."""
    found = []
    seen: set[int] = set()
    for el in p.el.iter(f"{{{MC}}}AlternateContent", w("drawing"), w("pict")):
        # One shape Word writes twice (mc:Choice DrawingML + mc:Fallback VML) counts once.
        if any(id(a) in seen for a in el.iterancestors()):
            continue
        seen.add(id(el))
        drawings = list(el.iter(w("drawing")))
        picts = list(el.iter(w("pict")))
        if any(_drawingml_is_line(d) for d in drawings) or any(_vml_is_line(v) for v in picts):
            floating = any(d.find(f".//{{{WP}}}anchor") is not None for d in drawings) or any(
                "position:absolute" in (s.get("style") or "").replace(" ", "")
                for v in picts
                for s in v.iter()
            )
            centre = next((c for d in drawings if (c := _floating_centre(d)) is not None), None)
            found.append(LineShape(floating, centre))
    return found


def _underlined_blank(model: DocModel, p: Para, after_break: bool) -> bool:
    """An underlined run of spaces or tabs: alone on the line (``after_break``: after a line
    break inside ``p``, so the text above it keeps its own line)."""
    started = not after_break
    for r, text in p.runs:
        if "\n" in text:
            started, text = True, text.rsplit("\n", 1)[1]
        blank = text.replace("\u00a0", " ")
        wide = "\t" in blank or len(blank) >= 5
        if started and blank and not blank.strip() and wide:
            if model.fmt.run(r, p.el, p.tbl).underline:
                return True
    return False


def _border(model: DocModel, p: Para, side: str) -> bool:
    fmt = model.para_format(p)
    return fmt.bottom_border if side == "bottom" else fmt.top_border


def _table_is_rule(tbl: etree._Element) -> bool:
    """A one-row table with no text and a top or bottom border (table- or cell-level)."""
    rows = tbl.findall(w("tr"))
    if len(rows) != 1 or "".join(tbl.itertext()).strip():
        return False
    holders = [tbl.find(f"{w('tblPr')}/{w('tblBorders')}")]
    holders += [tc.find(f"{w('tcPr')}/{w('tcBorders')}") for tc in rows[0].findall(w("tc"))]
    for holder in holders:
        if holder is None:
            continue
        for side in ("top", "bottom"):
            b = holder.find(w(side))
            if b is not None and (wattr(b, "val") or "nil") not in _NO_BORDER:
                return True
    return False


class RuleFinder:
    """Finds the rule under one text paragraph of a loaded document."""

    def __init__(self, model: DocModel):
        self.m = model

    def _is_blank_or_typed_rule(self, q: Para) -> bool:
        return not q.text or bool(_UNDERSCORES.match(q.text.replace(" ", "")))

    def below(self, p: Para, stop: Para | None = None, limit: int = 3) -> list[Para]:
        """Blank (or typed-rule) paragraphs right under ``p``: in its table cell, or, for a
        paragraph outside tables, the next paragraphs or a rule table right under it."""
        out: list[Para] = []
        i = self.m.position(p) + 1
        while i < len(self.m.paras) and len(out) < limit:
            q = self.m.paras[i]
            if q is stop or not self._is_blank_or_typed_rule(q):
                break
            if p.cell is not None:
                if q.block != p.block or q.cell != p.cell:
                    break
            elif q.cell is not None and not (q.tbl is not None and _table_is_rule(q.tbl)):
                break
            out.append(q)
            i += 1
        return out

    def rule_under(self, p: Para, stop: Para | None = None) -> list[Para] | None:
        """The paragraphs that draw the rule under ``p`` ([] when ``p`` itself does), or None."""
        if _border(self.m, p, "bottom") or _underlined_blank(self.m, p, after_break=True):
            return []
        below = self.below(p, stop)
        for k, q in enumerate(below):
            nested = q.tbl is not None and q.tbl is not p.tbl
            if (
                _border(self.m, q, "bottom")
                or _border(self.m, q, "top")
                or (q.text and _UNDERSCORES.match(q.text.replace(" ", "")))
                or _underlined_blank(self.m, q, after_break=False)
                or line_shapes(q)
                or (nested and _table_is_rule(q.tbl))
            ):
                return below[: k + 1]
        if line_shapes(p):
            return []
        if p.cell is not None:
            cell = [q for q in self.m.in_block(p.block) if q.cell == p.cell]
            if any(line_shapes(q) for q in cell):
                return []
            if self._floating_beside_table(p):
                return []
        return None

    def _floating_beside_table(self, p: Para) -> bool:
        """A floating line anchored in the paragraph just before or after the text's table, on
        the side of the page where the text's column lies (left column: agency; right: Tiêu ngữ).
        """
        neighbours = [
            q for b in (p.block - 1, p.block + 1) for q in self.m.in_block(b) if q.cell is None
        ]
        shapes = [s for q in neighbours for s in line_shapes(q) if s.floating]
        if not shapes:
            return False
        assert p.tbl is not None
        grid = [int(wattr(g, "w") or 0) for g in p.tbl.iter(w("gridCol"))]
        column = p.cell[1] - 1 if p.cell else 0
        if not grid or column >= len(grid):
            return True
        # posOffset is in EMU, grid widths in twips (1 twip = 635 EMU).
        start = sum(grid[:column]) * 635
        end = start + grid[column] * 635
        return any(s.centre_emu is None or start <= s.centre_emu < end for s in shapes)
