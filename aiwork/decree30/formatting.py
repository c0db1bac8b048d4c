"""Effective formatting of runs and paragraphs in any .docx (Word, LibreOffice, python-docx).

What a reader sees is the first value found along the OOXML inheritance chain:

run:        direct rPr -> character style (and its basedOn chain) -> paragraph style chain
            -> table style chain (inside tables) -> document defaults (rPrDefault)
paragraph:  direct pPr -> numbering level (list paragraphs) -> paragraph style chain
            -> table style chain -> pPrDefault

Fonts given as theme references (``w:asciiTheme="minorHAnsi"``) are resolved through the
theme part (``a:minorFont/a:latin``). Toggle properties (bold, italic, caps) follow ECMA-376
17.7.3: direct formatting wins, otherwise the style types' values are XOR-ed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wattr(el: etree._Element, name: str) -> str | None:
    return el.get(w(name))


# OOXML's own default when no size is given anywhere (ECMA-376 17.3.2.38: 10 pt = sz 20).
DEFAULT_SIZE_PT = 10.0
_FALSE = {"0", "false", "off", "none"}


@dataclass(frozen=True)
class RunFormat:
    font: str | None  # the font used for Latin / Vietnamese text (ascii and hAnsi slots)
    fonts: tuple[str | None, str | None]  # (ascii, hAnsi) as resolved
    size: float
    bold: bool
    italic: bool
    underline: bool
    caps: bool


@dataclass(frozen=True)
class ParaFormat:
    alignment: str  # "both", "left", "center", "right", ... ("left" when unset)
    first_line_cm: float  # negative for a hanging indent
    left_cm: float
    right_cm: float
    before_pt: float
    after_pt: float
    line: float | None  # multiple of single spacing (auto) or points (exact / atLeast)
    line_rule: str  # "auto", "exact", "atLeast"
    bottom_border: bool
    top_border: bool = False


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    val = wattr(el, "val")
    return val is None or val.lower() not in _FALSE


class FormatResolver:
    """Resolve effective run and paragraph formatting for one loaded document."""

    def __init__(self, document: DocxDocument):
        styles_el = document.styles.element
        self._styles: dict[str, etree._Element] = {}
        self._default_para_style: str | None = None
        self._default_char_style: str | None = None
        self._default_table_style: str | None = None
        for st in styles_el.findall(w("style")):
            sid = wattr(st, "styleId")
            if sid is None:
                continue
            self._styles[sid] = st
            if wattr(st, "default") in ("1", "true", "on"):
                kind = wattr(st, "type")
                if kind == "paragraph":
                    self._default_para_style = sid
                elif kind == "character":
                    self._default_char_style = sid
                elif kind == "table":
                    self._default_table_style = sid
        defaults = styles_el.find(w("docDefaults"))
        self._rpr_default = (
            defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        )
        self._ppr_default = (
            defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        )
        self._theme = _theme_fonts(document)
        self._numbering = _numbering_levels(document)
        self._chain_cache: dict[str | None, list[etree._Element]] = {}
        self._run_cache: dict[tuple, RunFormat] = {}
        self._para_cache: dict[tuple, ParaFormat] = {}

    # --- chains -------------------------------------------------------------------------------

    def _style_chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        if style_id in self._chain_cache:
            return self._chain_cache[style_id]
        chain: list[etree._Element] = []
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen and sid in self._styles:
            seen.add(sid)
            st = self._styles[sid]
            chain.append(st)
            based = st.find(w("basedOn"))
            sid = wattr(based, "val") if based is not None else None
        self._chain_cache[style_id] = chain
        return chain

    def _para_style_id(self, p: etree._Element) -> str | None:
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        return wattr(ps, "val") if ps is not None else self._default_para_style

    def _table_style_id(self, tbl: etree._Element | None) -> str | None:
        if tbl is None:
            return None
        ts = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        return wattr(ts, "val") if ts is not None else self._default_table_style

    def _rpr_groups(
        self, r: etree._Element, p: etree._Element, tbl: etree._Element | None
    ) -> list[list[etree._Element]]:
        """[direct], [character style chain], [paragraph style chain], [table style chain],
        [document defaults]: each style chain nearest first."""
        rpr = r.find(w("rPr"))
        rs = rpr.find(w("rStyle")) if rpr is not None else None
        char_style = wattr(rs, "val") if rs is not None else self._default_char_style

        def rprs(style_id: str | None) -> list[etree._Element]:
            return [x for st in self._style_chain(style_id) if (x := st.find(w("rPr"))) is not None]

        return [
            [rpr] if rpr is not None else [],
            rprs(char_style),
            rprs(self._para_style_id(p)),
            rprs(self._table_style_id(tbl)),
            [self._rpr_default] if self._rpr_default is not None else [],
        ]

    def _ppr_chain(self, p: etree._Element, tbl: etree._Element | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        if (x := p.find(w("pPr"))) is not None:
            chain.append(x)
        # A list paragraph takes its indents from its numbering level, under direct formatting.
        if (lvl := self._numbering_ppr(p)) is not None:
            chain.append(lvl)
        for st in self._style_chain(self._para_style_id(p)):
            if (x := st.find(w("pPr"))) is not None:
                chain.append(x)
        for st in self._style_chain(self._table_style_id(tbl)):
            if (x := st.find(w("pPr"))) is not None:
                chain.append(x)
        if self._ppr_default is not None:
            chain.append(self._ppr_default)
        return chain

    def _numbering_ppr(self, p: etree._Element) -> etree._Element | None:
        if not self._numbering:
            return None
        holders = [p.find(w("pPr"))] + [
            st.find(w("pPr")) for st in self._style_chain(self._para_style_id(p))
        ]
        for ppr in holders:
            num_pr = ppr.find(w("numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num_id = num_pr.find(w("numId"))
            ilvl = num_pr.find(w("ilvl"))
            key = (
                wattr(num_id, "val") if num_id is not None else None,
                wattr(ilvl, "val") if ilvl is not None else "0",
            )
            return self._numbering.get(key)
        return None

    # --- runs ---------------------------------------------------------------------------------

    def run(
        self, r: etree._Element, p: etree._Element, tbl: etree._Element | None = None
    ) -> RunFormat:
        # Everything a run's format depends on: its own rPr (which names its character style),
        # the paragraph's style and the table's style. Long documents repeat a few of these, so
        # each combination is resolved once (a 50,000-paragraph report checks in linear time).
        rpr = r.find(w("rPr"))
        key = (
            etree.tostring(rpr) if rpr is not None else b"",
            self._para_style_id(p),
            self._table_style_id(tbl),
        )
        cached = self._run_cache.get(key)
        if cached is None:
            cached = self._run_cache[key] = self._resolve_run(r, p, tbl)
        return cached

    def _resolve_run(
        self, r: etree._Element, p: etree._Element, tbl: etree._Element | None
    ) -> RunFormat:
        groups = self._rpr_groups(r, p, tbl)
        chain = [el for group in groups for el in group]
        ascii_font = self._font_slot(chain, "ascii")
        hansi_font = self._font_slot(chain, "hAnsi")
        # Vietnamese letters with diacritics fall in the hAnsi range, plain ASCII in the ascii
        # range: both must be Times New Roman for the text to render in it.
        font = ascii_font if ascii_font == hansi_font else None
        size = DEFAULT_SIZE_PT
        for el in chain:
            sz = el.find(w("sz"))
            if sz is not None and wattr(sz, "val"):
                size = int(wattr(sz, "val") or 0) / 2
                break
        return RunFormat(
            font=font,
            fonts=(ascii_font, hansi_font),
            size=size,
            bold=self._toggle(groups, "b"),
            italic=self._toggle(groups, "i"),
            underline=self._underline(chain),
            caps=self._toggle(groups, "caps"),
        )

    @staticmethod
    def _toggle(groups: list[list[etree._Element]], tag: str) -> bool:
        """A toggle property (ECMA-376 17.7.3): direct formatting sets it outright; otherwise the
        nearest value of each style type (character, paragraph, table) is XOR-ed, so bold in a
        character style applied inside a bold paragraph style gives regular text."""
        direct, *styles, defaults = groups

        def nearest(els: list[etree._Element]) -> bool | None:
            for el in els:
                v = _on(el.find(w(tag)))
                if v is not None:
                    return v
            return None

        if (v := nearest(direct)) is not None:
            return v
        found = [v for g in styles if (v := nearest(g)) is not None]
        if found:
            return sum(found) % 2 == 1
        return bool(nearest(defaults))

    @staticmethod
    def _underline(chain: list[etree._Element]) -> bool:
        for el in chain:
            u = el.find(w("u"))
            if u is not None:
                return (wattr(u, "val") or "single").lower() != "none"
        return False

    def _font_slot(self, chain: list[etree._Element], slot: str) -> str | None:
        for el in chain:
            rf = el.find(w("rFonts"))
            if rf is None:
                continue
            theme = wattr(rf, f"{slot}Theme")
            if theme:  # a theme reference outranks the literal name at the same level
                return self._theme.get(theme.startswith("major") and "major" or "minor")
            name = wattr(rf, slot)
            if name:
                return name
        return None

    # --- paragraphs ---------------------------------------------------------------------------

    def paragraph(self, p: etree._Element, tbl: etree._Element | None = None) -> ParaFormat:
        # Same as for runs: a paragraph's format depends on its pPr (style, numbering, direct
        # values) and its table's style only.
        ppr = p.find(w("pPr"))
        key = (
            etree.tostring(ppr) if ppr is not None else b"",
            self._para_style_id(p),
            self._table_style_id(tbl),
        )
        cached = self._para_cache.get(key)
        if cached is None:
            cached = self._para_cache[key] = self._resolve_paragraph(p, tbl)
        return cached

    def _resolve_paragraph(self, p: etree._Element, tbl: etree._Element | None) -> ParaFormat:
        chain = self._ppr_chain(p, tbl)
        jc = _first_attr(chain, "jc", "val") or "left"
        jc = {"start": "left", "end": "right", "distribute": "both"}.get(jc, jc)
        first, hanging = _first_line(chain)
        left = _first_attr(chain, "ind", "left") or _first_attr(chain, "ind", "start")
        right = _first_attr(chain, "ind", "right") or _first_attr(chain, "ind", "end")
        first_cm = _twips_cm(first) if first else (-_twips_cm(hanging) if hanging else 0.0)
        before = _first_attr(chain, "spacing", "before")
        after = _first_attr(chain, "spacing", "after")
        line = _first_attr(chain, "spacing", "line")
        rule = _first_attr(chain, "spacing", "lineRule") or "auto"
        line_val: float | None = None
        if line:
            line_val = int(line) / 240 if rule == "auto" else int(line) / 20
        borders = {"top": False, "bottom": False}
        for el in chain:
            bdr = el.find(w("pBdr"))
            if bdr is not None:
                for side in borders:
                    edge = bdr.find(w(side))
                    borders[side] = edge is not None and (wattr(edge, "val") or "nil") not in (
                        "nil",
                        "none",
                    )
                break
        return ParaFormat(
            alignment=jc,
            first_line_cm=first_cm,
            left_cm=_twips_cm(left) if left else 0.0,
            right_cm=_twips_cm(right) if right else 0.0,
            before_pt=int(before) / 20 if before else 0.0,
            after_pt=int(after) / 20 if after else 0.0,
            line=line_val,
            line_rule=rule,
            bottom_border=borders["bottom"],
            top_border=borders["top"],
        )


def _first_attr(chain: list[etree._Element], tag: str, attr: str) -> str | None:
    """First element along the chain with ``tag`` carrying ``attr`` (attributes inherit one by one)."""
    for el in chain:
        x = el.find(w(tag))
        if x is not None:
            v = wattr(x, attr)
            if v is not None:
                return v
    return None


def _first_line(chain: list[etree._Element]) -> tuple[str | None, str | None]:
    """(firstLine, hanging) from the nearest level that sets either: they exclude each other."""
    for el in chain:
        ind = el.find(w("ind"))
        if ind is not None and (
            wattr(ind, "firstLine") is not None or wattr(ind, "hanging") is not None
        ):
            return wattr(ind, "firstLine"), wattr(ind, "hanging")
    return None, None


def _numbering_levels(document: DocxDocument) -> dict[tuple[str | None, str], etree._Element]:
    """{(numId, ilvl): level pPr} from the numbering part (level overrides win), or {}."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[tuple[str | None, str], etree._Element] = {}
    for an in root.findall(w("abstractNum")):
        for lvl in an.findall(w("lvl")):
            ppr = lvl.find(w("pPr"))
            if ppr is not None:
                abstract[(wattr(an, "abstractNumId"), wattr(lvl, "ilvl") or "0")] = ppr
    out: dict[tuple[str | None, str], etree._Element] = {}
    for num in root.findall(w("num")):
        num_id = wattr(num, "numId")
        an_id = num.find(w("abstractNumId"))
        aid = wattr(an_id, "val") if an_id is not None else None
        for (a, ilvl), ppr in abstract.items():
            if a == aid:
                out[(num_id, ilvl)] = ppr
        for override in num.findall(w("lvlOverride")):
            ppr = override.find(f"{w('lvl')}/{w('pPr')}")
            if ppr is not None:
                out[(num_id, wattr(override, "ilvl") or "0")] = ppr
    return out


def _twips_cm(value: str | None) -> float:
    return int(float(value or 0)) / 1440 * 2.54


def _theme_fonts(document: DocxDocument) -> dict[str, str]:
    """{'major': latin typeface, 'minor': latin typeface} from the theme part, if any."""
    try:
        part = document.part.part_related_by(RT.THEME)
    except KeyError:
        return {}
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return {}
    out: dict[str, str] = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface", "")
    return out
