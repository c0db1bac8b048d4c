"""Check a .docx against the Decree 30 layout rules in :mod:`aiwork.decree30.rules`.

Parts are found by what they say (the Quốc hiệu text, "Số:", "ngày ... tháng ... năm",
"Nơi nhận"...), not by where a particular template puts them, so documents from Word,
LibreOffice or python-docx, with the header in a borderless table or in plain paragraphs,
are judged alike. Formatting is the effective one (see :mod:`.formatting`). The checks live in
:mod:`.check_header` and :mod:`.check_body`; this module runs them in order.

``check_docx(path)`` returns a list of :class:`Violation` (empty: compliant) or raises
:class:`~aiwork.decree30.docmodel.UnreadableDocument`.
"""

from __future__ import annotations

from pathlib import Path

from aiwork.vi import format_number

from . import rules as R
from .check_base import Violation, _num
from .check_body import BodyChecks
from .check_header import HeaderChecks
from .docmodel import DocModel, UnreadableDocument, load

__all__ = ["Violation", "UnreadableDocument", "check_docx", "check_document", "summary_vi"]


def check_docx(path: str | Path) -> list[Violation]:
    return check_document(load(path))


def check_document(document) -> list[Violation]:
    return _Checker(DocModel(document)).run()


class _Checker(HeaderChecks, BodyChecks):
    # --- driver -------------------------------------------------------------------------------

    def run(self) -> list[Violation]:
        self.page()
        self.fonts()
        head = self.header()
        doctype, first_body = self.title(head)
        closing_block, signature, noi_nhan = self.closing(head)
        self.code(head, doctype)
        used = {id(p) for p in head["used"]}
        body = [
            p for p in self.m.paras if first_body <= p.block < closing_block and id(p) not in used
        ]
        self.kinh_gui(body, doctype)
        self.body(body)
        self.signature(signature)
        self.recipients(noi_nhan)
        return self._capped()

    # --- page and font ------------------------------------------------------------------------

    def page(self) -> None:
        for i, section in enumerate(self.m.document.sections, start=1):
            where = f"Trang (phần {i})" if len(self.m.document.sections) > 1 else "Thiết lập trang"
            wmm = section.page_width.mm if section.page_width is not None else 0
            hmm = section.page_height.mm if section.page_height is not None else 0
            short, long_ = sorted((wmm, hmm))
            tol = R.PAGE_SIZE_TOLERANCE_MM
            if abs(short - R.PAGE_WIDTH_MM) > tol or abs(long_ - R.PAGE_HEIGHT_MM) > tol:
                self.flag(
                    "page.size",
                    f"Khổ giấy phải là A4 ({format_number(R.PAGE_WIDTH_MM, None)} x "
                    f"{format_number(R.PAGE_HEIGHT_MM, None)} mm); "
                    f"đang {format_number(wmm)} x {format_number(hmm)} mm.",
                    where,
                )
            if wmm > hmm:
                self.flag(
                    "page.orientation",
                    "Văn bản trình bày theo chiều dài (khổ dọc) của trang A4; đang để khổ ngang.",
                    where,
                )
            values = {
                "top": section.top_margin,
                "bottom": section.bottom_margin,
                "left": section.left_margin,
                "right": section.right_margin,
            }
            for side, span in R.MARGINS_MM.items():
                v = values[side]
                mm = v.mm if v is not None else 0.0
                if round(mm, 1) not in span:
                    self.flag(
                        "page.margins",
                        f"{R.MARGIN_NAMES_VI[side].capitalize()} cần {span.text('mm')} "
                        f"(đang {_num(mm)} mm).",
                        where,
                    )

    def fonts(self) -> None:
        for para in self.m.paras:
            bad = sorted(
                {
                    (f.fonts[0] or "?") if f.fonts[0] != R.FONT_FAMILY else (f.fonts[1] or "?")
                    for _, f in self.m.run_formats(para)
                    if f.font != R.FONT_FAMILY
                }
            )
            if bad:
                shown = ", ".join("không xác định" if b == "?" else b for b in bad)
                self.flag(
                    "font.family", f"Phông chữ phải là {R.FONT_FAMILY} (đang: {shown}).", para
                )


def summary_vi(violations: list[Violation]) -> str:
    """A short Vietnamese verdict for people (the CLI and the notebooks print it)."""
    if not violations:
        return "✅ Văn bản đúng thể thức theo Nghị định 30/2020/NĐ-CP (các quy tắc đã kiểm tra)."
    lines = [f"❌ Có {len(violations)} lỗi thể thức:"]
    for v in violations:
        lines.append(f"- [{v.rule}] {v.message} — {v.location}")
    return "\n".join(lines)
