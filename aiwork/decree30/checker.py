"""Check a .docx against the Decree 30 layout rules in :mod:`aiwork.decree30.rules`.

Parts are found by what they say (the Quốc hiệu text, "Số:", "ngày ... tháng ... năm",
"Nơi nhận"...), not by where a particular template puts them, so documents from Word,
LibreOffice or python-docx, with the header in a borderless table or in plain paragraphs,
are judged alike. Formatting is the effective one (see :mod:`.formatting`).

``check_docx(path)`` returns a list of :class:`Violation` (empty: compliant) or raises
:class:`~aiwork.decree30.docmodel.UnreadableDocument`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from . import rules as R
from .docmodel import DocModel, Para, UnreadableDocument, load
from .formatting import RunFormat

__all__ = ["Violation", "UnreadableDocument", "check_docx", "check_document"]

# Beyond this many findings of one rule, the rest are summarised in one line.
MAX_PER_RULE = 5
# How far into the document the header parts are looked for (paragraphs).
HEADER_SCAN = 25


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str  # Vietnamese
    location: str  # Vietnamese
    clause: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def check_docx(path: str | Path) -> list[Violation]:
    return check_document(load(path))


def check_document(document) -> list[Violation]:
    return _Checker(DocModel(document)).run()


_UNDERSCORES = re.compile(r"^[_\-‾—–=.]{3,}$")
_ACADEMIC = re.compile(
    r"^(GS|PGS|TS|TSKH|ThS|Ths|KS|BS|CN)\.?\s|^(Giáo sư|Phó Giáo sư|Tiến sĩ|Thạc sĩ|Kỹ sư|Bác sĩ|Cử nhân)\b",
    re.IGNORECASE,
)
_PREFIX_NO_DOT = re.compile(r"^(TM|KT|TL|TUQ|Q)(\s|$)")


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _is_upper(text: str, fmts: list[tuple[str, RunFormat]]) -> bool:
    """All capitals as printed: upper-case letters, or runs formatted with w:caps."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    return bool(fmts) and all(f.caps or t.upper() == t for t, f in fmts)


class _Checker:
    def __init__(self, model: DocModel):
        self.m = model
        self.out: list[Violation] = []
        self.kinh_gui_seen = False

    # --- reporting ----------------------------------------------------------------------------

    def flag(self, rule: str, message: str, where: Para | str) -> None:
        loc = where if isinstance(where, str) else _where(where)
        self.out.append(Violation(rule, message, loc, R.RULES[rule].clause))

    def _capped(self) -> list[Violation]:
        kept: list[Violation] = []
        counts: dict[str, int] = {}
        for v in self.out:
            counts[v.rule] = counts.get(v.rule, 0) + 1
            if counts[v.rule] <= MAX_PER_RULE:
                kept.append(v)
        for rule, n in counts.items():
            if n > MAX_PER_RULE:
                kept.append(
                    Violation(
                        rule,
                        f"Còn {n - MAX_PER_RULE} vị trí khác cùng lỗi này.",
                        "nhiều vị trí",
                        R.RULES[rule].clause,
                    )
                )
        return kept

    def spec(self, rule: str, para: Para, spec: R.PartSpec, *, case: bool = True) -> bool:
        """Check size / bold / italic / case of ``para`` against ``spec``; True if all hold."""
        fmts = self.m.run_formats(para)
        if not fmts:
            return True
        problems = []
        sizes = sorted({f.size for _, f in fmts})
        if any(s not in spec.size for s in sizes):
            shown = ", ".join(f"{s:g}" for s in sizes)
            problems.append(f"cỡ chữ {spec.size.text('pt')} (đang {shown} pt)")
        if spec.bold is not None and any(f.bold != spec.bold for _, f in fmts):
            problems.append("phải in đậm" if spec.bold else "không in đậm")
        if spec.italic is not None and any(f.italic != spec.italic for _, f in fmts):
            problems.append("phải in nghiêng" if spec.italic else "kiểu chữ đứng (không nghiêng)")
        if case and spec.upper is True and not _is_upper(para.text, fmts):
            problems.append("phải viết chữ in hoa")
        if (
            case
            and spec.upper is False
            and len(_letters(para.text)) > 3
            and _is_upper(para.text, fmts)
        ):
            problems.append("không viết toàn bộ bằng chữ in hoa")
        if problems:
            self.flag(rule, f"{spec.name_vi}: " + "; ".join(problems) + ".", para)
        return not problems

    # --- driver -------------------------------------------------------------------------------

    def run(self) -> list[Violation]:
        self.page()
        self.fonts()
        head = self.header()
        doctype, first_body = self.title(head)
        closing_block, signature, noi_nhan = self.closing(head)
        self.code(head, doctype)
        body = [
            p
            for p in self.m.paras
            if first_body <= p.block < closing_block and p not in head["used"]
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
                    f"Khổ giấy phải là A4 ({R.PAGE_WIDTH_MM:g} x {R.PAGE_HEIGHT_MM:g} mm); "
                    f"đang {wmm:.0f} x {hmm:.0f} mm.",
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

    # --- header -------------------------------------------------------------------------------

    def header(self) -> dict:
        paras = self.m.paras[:HEADER_SCAN]
        used: set[int] = set()
        head: dict = {"used": [], "table": None}

        def find(pred, after: Para | None = None) -> Para | None:
            start = self.m.paras.index(after) + 1 if after is not None else 0
            for p in paras[start:]:
                if id(p) not in used and pred(p):
                    used.add(id(p))
                    return p
            return None

        national = find(lambda p: "XÃ HỘI CHỦ NGHĨA" in p.text.upper())
        slogan = find(lambda p: _letters(p.text) == "độclậptựdohạnhphúc", national)
        number = find(
            lambda p: (
                re.match(r"^S[ốỐ]\s*:", p.text, re.IGNORECASE) is not None
                or re.match(r"^S[ốỐ]\b", p.text, re.IGNORECASE) is not None
                and "/" in p.text
            )
        )
        date_p = find(
            lambda p: (
                re.search(r"ngày\s*\d*\s*tháng\s*\d*\s*năm\s*\d{4}", p.text, re.IGNORECASE)
                is not None
            )
        )
        vv = find(lambda p: p.text.lower().startswith("v/v"))
        urgency = find(lambda p: p.text.upper() in R.URGENCY_LEVELS)
        head.update(national=national, slogan=slogan, number=number, date=date_p, vv=vv)
        if national is not None and national.cell is not None:
            head["table"] = national.block
        found = [p for p in (national, slogan, number, date_p, vv, urgency) if p is not None]
        head["end_block"] = max((p.block for p in found), default=-1)

        self.national(national)
        self.slogan(slogan, head)
        agency = self.agency(head)
        self.number_format(number)
        self.date_format(date_p)
        if urgency is not None:
            self.spec("header.agency", urgency, R.PARTS["urgency"])
        # Everything in the header block(s) is header, not body.
        head["used"] = [p for p in self.m.paras if p.block <= head["end_block"]]
        head["agency"] = agency
        return head

    def national(self, p: Para | None) -> None:
        if p is None:
            self.flag("header.national", f"Thiếu Quốc hiệu “{R.NATIONAL_TEXT}”.", "Đầu văn bản")
            return
        if p.text.upper().replace("HOÀ", "HÒA") != R.NATIONAL_TEXT:
            self.flag(
                "header.national",
                f"Quốc hiệu phải đúng là “{R.NATIONAL_TEXT}” (đang “{p.text}”).",
                p,
            )
        self.spec("header.national", p, R.PARTS["national"])

    def slogan(self, p: Para | None, head: dict) -> None:
        if p is None:
            self.flag(
                "header.slogan", f"Thiếu Tiêu ngữ “{R.SLOGAN_TEXT}” dưới Quốc hiệu.", "Đầu văn bản"
            )
            return
        text = p.text
        if any(d in text for d in R.WRONG_DASHES):
            self.flag(
                "header.slogan",
                "Tiêu ngữ dùng gạch nối thường (-), không dùng gạch dài (– hoặc —): "
                f"“{R.SLOGAN_TEXT}”.",
                p,
            )
        elif text != R.SLOGAN_TEXT:
            self.flag(
                "header.slogan",
                f"Tiêu ngữ phải đúng là “{R.SLOGAN_TEXT}” (chữ in thường, viết hoa chữ "
                f"đầu mỗi cụm, gạch nối có cách chữ); đang “{text}”.",
                p,
            )
        self.spec("header.slogan", p, R.PARTS["slogan"], case=False)
        if any(f.underline for _, f in self.m.run_formats(p)):
            self.flag(
                "header.slogan", "Không gạch chân chữ Tiêu ngữ; dùng một đường kẻ liền bên dưới.", p
            )
        below = self._following(p, head.get("date"))
        # Word users often draw the line as a shape anchored in a neighbouring paragraph.
        anchors = [q for q in (head.get("national"), head.get("date")) if q is not None]
        if not self._has_rule([p, *below]) and not any(q.has_graphic() for q in anchors):
            self.flag("header.slogan.rule", "Thiếu đường kẻ ngang, nét liền dưới Tiêu ngữ.", p)

    def _following(self, p: Para, stop: Para | None, limit: int = 3) -> list[Para]:
        """Paragraphs after ``p`` in the same table cell (or the next ones), up to ``stop``."""
        out = []
        i = self.m.paras.index(p) + 1
        while i < len(self.m.paras) and len(out) < limit:
            q = self.m.paras[i]
            if q is stop or q.cell != p.cell or q.block != p.block and p.cell is not None:
                break
            if q.text and not _UNDERSCORES.match(q.text.replace(" ", "")):
                break
            out.append(q)
            i += 1
        return out

    def _has_rule(self, paras: list[Para]) -> bool:
        for q in paras:
            if self.m.para_format(q).bottom_border or q.has_graphic():
                return True
            if q.text and _UNDERSCORES.match(q.text.replace(" ", "")):
                return True
        return False

    def agency(self, head: dict) -> list[Para]:
        national, number = head["national"], head["number"]
        if head["table"] is not None and national is not None:
            col = national.cell[1] if national.cell else 1
            cands = [
                p for p in self.m.paras if p.block == head["table"] and p.cell and p.cell[1] != col
            ]
        else:
            anchor = national.block if national is not None else 0
            cands = [p for p in self.m.paras if p.block < anchor]
        lines: list[Para] = []
        for p in cands:
            if (
                p is number
                or p is head.get("vv")
                or (number is not None and self.m.paras.index(p) > self.m.paras.index(number))
            ):
                break
            if p.text and not _UNDERSCORES.match(p.text.replace(" ", "")):
                lines.append(p)
        if not lines:
            self.flag(
                "header.agency",
                "Thiếu tên cơ quan, tổ chức ban hành văn bản (góc trên bên trái).",
                "Đầu văn bản",
            )
            return []
        bold = [self._all_bold(p) for p in lines]
        if not bold[-1]:
            self.flag(
                "header.agency",
                "Tên cơ quan ban hành (dòng cuối của khối tên cơ quan) phải in hoa, đứng, đậm.",
                lines[-1],
            )
        # Parent agency lines come first and are not bold; the issuing agency lines are bold.
        first_bold = bold.index(True) if True in bold else len(lines)
        for p in lines[:first_bold]:
            self.spec("header.agency", p, R.PARTS["parent_agency"])
        for p, b in zip(lines[first_bold:], bold[first_bold:], strict=True):
            if b:
                self.spec("header.agency", p, R.PARTS["agency"])
            else:
                self.flag(
                    "header.agency",
                    "Tên cơ quan chủ quản (không đậm) phải đặt trên tên cơ quan ban hành (đậm).",
                    p,
                )
        below = self._following(lines[-1], number)
        drawn = any(q.has_graphic() for q in [*lines, *([number] if number is not None else [])])
        if not self._has_rule([lines[-1], *below]) and not drawn:
            self.flag(
                "header.agency.rule",
                "Thiếu đường kẻ ngang, nét liền dưới tên cơ quan ban hành "
                "(dài 1/3 đến 1/2 dòng chữ).",
                lines[-1],
            )
        return lines

    def _all_bold(self, p: Para) -> bool:
        fmts = self.m.run_formats(p)
        return bool(fmts) and all(f.bold for _, f in fmts)

    def number_format(self, p: Para | None) -> None:
        if p is None:
            self.flag(
                "number.format",
                "Thiếu số, ký hiệu văn bản (ví dụ “Số: 05/QĐ-UBND”).",
                "Đầu văn bản",
            )
            return
        text = p.text
        m = re.match(R.NUMBER_PATTERN, text)
        blank = re.match(
            r"^Số:\s*/(?P<code>\S+)$", text
        )  # a draft whose number the văn thư fills in
        if not m and not blank:
            self.flag(
                "number.format",
                "Số, ký hiệu phải có dạng “Số: 05/QĐ-UBND” (chữ “Số” in thường, "
                f"dấu hai chấm, gạch chéo, các nhóm ký hiệu nối bằng gạch nối không cách); đang “{text}”.",
                p,
            )
        elif m:
            num = m.group("num")
            if int(num) < 10 and len(num) != 2 or int(num) >= 10 and num.startswith("0"):
                self.flag(
                    "number.format",
                    f"Số nhỏ hơn 10 ghi thêm số 0 phía trước (ví dụ 05); đang “{num}”.",
                    p,
                )
            if m.group("code").upper() != m.group("code") and not self._known_mixed_case(
                m.group("code")
            ):
                self.flag("number.format", "Ký hiệu văn bản viết chữ in hoa.", p)
        self.spec("number.format", p, R.PARTS["number"], case=False)

    @staticmethod
    def _known_mixed_case(code: str) -> bool:
        """QyĐ, TTr, CTr, TrS are the annex's own mixed-case abbreviations."""
        return all(g.upper() == g or g in R.TYPE_ABBREVIATIONS | {"TrS"} for g in code.split("-"))

    def date_format(self, p: Para | None) -> None:
        if p is None:
            self.flag(
                "date.format",
                "Thiếu địa danh và thời gian ban hành (ví dụ “Gia Lai, ngày 05 tháng 3 năm 2026”).",
                "Đầu văn bản",
            )
            return
        m = re.match(R.DATE_PATTERN, p.text)
        if not m:
            self.flag(
                "date.format",
                "Địa danh và thời gian phải có dạng “Gia Lai, ngày 05 tháng 3 năm 2026” "
                f"(địa danh, dấu phẩy, ngày … tháng … năm …); đang “{p.text}”.",
                p,
            )
        else:
            day, month = m.group("day"), m.group("month")
            if bool(day) != bool(month):
                self.flag(
                    "date.format",
                    "Ghi đủ cả ngày và tháng (hoặc để trống cả hai khi chưa ban hành).",
                    p,
                )
            elif day:
                self._day_month(p, day, month)
            words = m.group("place").split()
            if any(not wd[0].isupper() for wd in words if wd[0].isalpha()):
                self.flag("date.format", "Các chữ cái đầu của địa danh phải viết hoa.", p)
        self.spec("date.format", p, R.PARTS["date"])

    def _day_month(self, p: Para, day: str, month: str) -> None:
        if (
            int(day) < 10
            and len(day) != 2
            or int(day) >= 10
            and day.startswith("0")
            or not 1 <= int(day) <= 31
        ):
            self.flag(
                "date.format",
                f"Ngày nhỏ hơn 10 ghi thêm số 0 phía trước (ngày 05); đang “ngày {day}”.",
                p,
            )
        mi = int(month)
        if not 1 <= mi <= 12:
            self.flag("date.format", f"Tháng không hợp lệ: “{month}”.", p)
        elif mi in R.MONTHS_WITH_LEADING_ZERO and len(month) != 2:
            self.flag(
                "date.format",
                f"Tháng 1, 2 ghi thêm số 0 phía trước (tháng 0{mi}); đang “tháng {month}”.",
                p,
            )
        elif mi not in R.MONTHS_WITH_LEADING_ZERO and month.startswith("0"):
            self.flag(
                "date.format",
                f"Tháng {mi} không ghi số 0 phía trước: “tháng {mi}”, không phải “tháng {month}”.",
                p,
            )

    # --- title and subject --------------------------------------------------------------------

    def title(self, head: dict) -> tuple[R.DocType | None, int]:
        """Find the document type; returns it and the first body block."""
        after = [p for p in self.m.paras if p.block > head["end_block"]]
        nonempty = [p for p in after if p.text][:4]
        title = next(
            (
                p
                for p in nonempty
                if R.doc_type_by_title(p.text.rstrip(":")) and not p.text.endswith(":")
            ),
            None,
        )
        vv = head["vv"]
        if title is None:
            if vv is None:
                self.flag(
                    "doctype.title",
                    "Không thấy tên loại văn bản (ví dụ “QUYẾT ĐỊNH”, “THÔNG BÁO”) dưới phần "
                    "đầu văn bản, cũng không thấy trích yếu “V/v …” của công văn.",
                    "Sau phần đầu văn bản",
                )
                return None, head["end_block"] + 1
            self.subject_cv(vv)
            return R.DOC_TYPES["cong_van"], head["end_block"] + 1
        doctype = R.doc_type_by_title(title.text)
        assert doctype is not None
        head["used"].append(title)
        self.spec("doctype.title", title, R.PARTS["doctype"])
        if self.m.para_format(title).alignment != "center":
            self.flag("doctype.title", "Tên loại văn bản đặt canh giữa.", title)
        i = after.index(title) + 1
        while i < len(after) and not after[i].text and not after[i].has_graphic():
            i += 1
        subject = after[i] if i < len(after) else None
        if subject is None or not subject.text or self.m.para_format(subject).alignment != "center":
            self.flag(
                "subject.line",
                "Thiếu trích yếu nội dung ngay dưới tên loại văn bản (chữ in thường, "
                "đứng, đậm, canh giữa).",
                title,
            )
            return doctype, title.block + 1
        head["used"].append(subject)
        self.spec("subject.line", subject, R.PARTS["subject"])
        below = [
            q
            for q in after[i + 1 : i + 3]
            if not q.text or _UNDERSCORES.match(q.text.replace(" ", ""))
        ]
        below = below[:1] if below and below[0] is after[i + 1] else []
        head["used"].extend(below)
        if not self._has_rule([subject, *below]):
            self.flag(
                "subject.line.rule",
                "Thiếu đường kẻ ngang, nét liền dưới trích yếu (dài 1/3 đến 1/2 dòng chữ).",
                subject,
            )
        return doctype, subject.block + 1

    def subject_cv(self, vv: Para) -> None:
        if not vv.text.startswith("V/v "):
            self.flag(
                "subject.line",
                f"Trích yếu công văn bắt đầu bằng “V/v ” (đang “{vv.text[:10]}…”).",
                vv,
            )
        self.spec("subject.line", vv, R.PARTS["subject_cv"])

    def code(self, head: dict, doctype: R.DocType | None) -> None:
        number = head["number"]
        if number is None or "/" not in number.text:
            return
        code = number.text.split("/", 1)[1].strip()
        groups = [g for g in code.split("-") if g]
        if not groups:
            return
        first = groups[0]
        if doctype is None:
            if first in R.INVENTED_ABBREVIATIONS:
                self.flag(
                    "doctype.abbreviation",
                    f"“{first}” không phải chữ viết tắt tên loại văn bản theo Phụ lục III.",
                    number,
                )
            return
        if doctype.abbreviation:
            if first != doctype.abbreviation:
                why = "là ký hiệu tự đặt, " if first in R.INVENTED_ABBREVIATIONS else ""
                self.flag(
                    "doctype.abbreviation",
                    f"{doctype.name_vi} viết tắt là “{doctype.abbreviation}” "
                    f"(ví dụ {doctype.abbreviation}-UBND); “{first}” {why}không đúng Phụ lục III.",
                    number,
                )
        elif first in R.TYPE_ABBREVIATIONS or first in R.INVENTED_ABBREVIATIONS:
            self.flag(
                "doctype.abbreviation",
                "Công văn không có chữ viết tắt tên loại: ký hiệu gồm chữ viết tắt tên "
                f"cơ quan và đơn vị soạn thảo (ví dụ “UBND-VP”); “{first}” không dùng.",
                number,
            )

    # --- closing: signature and recipients ----------------------------------------------------

    def closing(self, head: dict) -> tuple[int, list[Para], list[Para]]:
        label = None
        for p in reversed(self.m.paras):
            if p.text.startswith(R.NOI_NHAN) and p.block > head["end_block"]:
                label = p
                break
        if label is None:
            self.flag(
                "recipients.block",
                "Thiếu phần “Nơi nhận:” ở cuối văn bản (góc trái, dưới nội dung).",
                "Cuối văn bản",
            )
            # Without it, the closing block is the last table naming an authority, if any.
            for block in range(len(self.m.block_kinds) - 1, head["end_block"], -1):
                ps = [p for p in self.m.paras if p.block == block]
                if self.m.block_kinds[block] == "tbl" and any(
                    re.match(r"^(TM|KT|TL|TUQ|Q)\.", p.text) for p in ps
                ):
                    return block, [p for p in ps if p.text], []
            return len(self.m.block_kinds), [], []
        if label.cell is not None:
            same = [p for p in self.m.paras if p.block == label.block]
            recips = [p for p in same if p.cell == label.cell and p.text]
            sig = [p for p in same if p.cell != label.cell and p.text]
            return label.block, sig, recips
        # Paragraph layout: recipients are the dash lines after the label; the signature is
        # the bold lines just before the label and after the list.
        i = self.m.paras.index(label)
        recips = [label]
        j = i + 1
        while j < len(self.m.paras) and self.m.paras[j].text.startswith("-"):
            recips.append(self.m.paras[j])
            j += 1
        sig_after = [p for p in self.m.paras[j:] if p.text]
        sig_before: list[Para] = []
        k = i - 1
        while (
            k >= 0
            and len(sig_before) < 6
            and self.m.paras[k].text
            and self._all_bold(self.m.paras[k])
            and self.m.para_format(self.m.paras[k]).alignment in ("center", "right")
        ):
            sig_before.insert(0, self.m.paras[k])
            k -= 1
        start = sig_before[0].block if sig_before else label.block
        return start, sig_before + sig_after, recips

    def signature(self, lines: list[Para]) -> None:
        if not lines:
            self.flag(
                "signature.block",
                "Thiếu quyền hạn, chức vụ và họ tên người ký (góc phải, cuối văn bản).",
                "Cuối văn bản",
            )
            return
        name, titles = lines[-1], lines[:-1]
        if not titles:
            self.flag(
                "signature.block",
                "Thiếu quyền hạn, chức vụ của người ký (ví dụ “TM. ỦY BAN NHÂN DÂN”, "
                "“CHỦ TỊCH”) phía trên họ tên.",
                name,
            )
        for p in titles:
            self.spec("signature.block", p, R.PARTS["authority"])
            if _PREFIX_NO_DOT.match(p.text):
                self.flag(
                    "signature.block",
                    "Chữ viết tắt quyền hạn có dấu chấm: TM., KT., TL., TUQ., Q.",
                    p,
                )
        self.spec("signature.block", name, R.PARTS["signer"])
        if _ACADEMIC.match(name.text):
            self.flag(
                "signature.block",
                "Trước họ tên người ký không ghi học hàm, học vị (TS., ThS., PGS. …).",
                name,
            )

    def recipients(self, lines: list[Para]) -> None:
        if not lines:
            return
        label, items = lines[0], lines[1:]
        if not re.match(rf"^{R.NOI_NHAN}:$", label.text):
            self.flag(
                "recipients.block",
                f"Ghi “{R.NOI_NHAN}:” trên một dòng riêng, có dấu hai chấm.",
                label,
            )
        self.spec("recipients.block", label, R.PARTS["noi_nhan_label"])
        if not items:
            self.flag("recipients.block", "Thiếu danh sách nơi nhận dưới “Nơi nhận:”.", label)
            return
        if self.kinh_gui_seen and not items[0].text.startswith("- Như trên"):
            self.flag(
                "recipients.block",
                "Văn bản có “Kính gửi” thì dòng đầu của “Nơi nhận” là “- Như trên;”.",
                items[0],
            )
        for k, p in enumerate(items):
            last = k == len(items) - 1
            if not p.text.startswith("- "):
                self.flag(
                    "recipients.block", "Mỗi nơi nhận một dòng, đầu dòng có gạch đầu dòng “- ”.", p
                )
            elif last and not (re.match(r"^- Lưu:\s*VT\b", p.text) and p.text.endswith(".")):
                self.flag(
                    "recipients.block",
                    "Dòng cuối là “- Lưu: VT, (đơn vị soạn thảo).” kết thúc bằng dấu chấm.",
                    p,
                )
            elif not last and not p.text.endswith(";"):
                self.flag(
                    "recipients.block",
                    "Mỗi dòng nơi nhận (trừ dòng cuối) kết thúc bằng dấu chấm phẩy “;”.",
                    p,
                )
            self.spec("recipients.block", p, R.PARTS["noi_nhan_items"])

    # --- body ---------------------------------------------------------------------------------

    def kinh_gui(self, body: list[Para], doctype: R.DocType | None) -> None:
        start = next((p for p in body if p.text.startswith(R.KINH_GUI) and p.cell is None), None)
        if start is None:
            if doctype is not None and doctype.key == "cong_van":
                self.flag(
                    "recipients.block.kinh_gui",
                    "Công văn phải có “Kính gửi:” và tên cơ quan, cá nhân nhận.",
                    "Trước nội dung",
                )
            return
        body.remove(start)
        self.kinh_gui_seen = True
        rule = "recipients.block.kinh_gui"
        if not start.text.startswith(f"{R.KINH_GUI}:"):
            self.flag(rule, "Sau “Kính gửi” có dấu hai chấm (:).", start)
        self.spec(rule, start, R.PARTS["kinh_gui"])
        rest = start.text.split(":", 1)[1].strip() if ":" in start.text else ""
        if rest:
            return
        lines = []
        idx = self.m.paras.index(start) + 1
        while idx < len(self.m.paras) and self.m.paras[idx].text.startswith("-"):
            lines.append(self.m.paras[idx])
            idx += 1
        if not lines:
            self.flag(rule, "Sau “Kính gửi:” phải ghi tên cơ quan, cá nhân nhận.", start)
        for k, p in enumerate(lines):
            if p in body:
                body.remove(p)
            end = "." if k == len(lines) - 1 else ";"
            if not p.text.startswith("- ") or not p.text.endswith(end):
                self.flag(
                    rule,
                    "Gửi nhiều nơi: mỗi nơi một dòng “- Tên cơ quan;”, dòng cuối kết thúc bằng dấu chấm.",
                    p,
                )
            self.spec(rule, p, R.PARTS["kinh_gui"])

    def body(self, body: list[Para]) -> None:
        bases_open = True
        prev_fmt = None
        prev_was_text = False
        bases: list[Para] = []
        for p in body:
            if p.cell is not None or p.tbl is not None:  # tables in the body: font only
                prev_was_text = False
                continue
            text = p.text
            if not text:
                prev_fmt = None  # an empty line between paragraphs is spacing enough
                prev_was_text = False
                continue
            pf = self.m.para_format(p)
            fmts = self.m.run_formats(p)
            sizes = sorted({f.size for _, f in fmts})
            if any(s not in R.PARTS["body"].size for s in sizes):
                shown = ", ".join(f"{s:g}" for s in sizes)
                self.flag(
                    "body.size",
                    f"Nội dung văn bản cỡ chữ {R.PARTS['body'].size.text('pt')} (đang {shown} pt).",
                    p,
                )
            is_base = bases_open and (text.startswith("Căn cứ") or text.startswith("Theo đề nghị"))
            if is_base:
                bases.append(p)
            elif bases_open and pf.alignment != "center":
                bases_open = False
            heading = pf.alignment == "center" and len(text) <= R.HEADING_MAX_CHARS
            if not heading:
                self._running_text(p, pf)
                if prev_was_text and prev_fmt is not None:
                    gap = prev_fmt.after_pt + pf.before_pt
                    if gap < R.BODY_MIN_PARAGRAPH_SPACING_PT - 0.01:
                        self.flag(
                            "body.spacing",
                            f"Khoảng cách giữa các đoạn văn tối thiểu "
                            f"{R.BODY_MIN_PARAGRAPH_SPACING_PT:g} pt (đang {gap:g} pt).",
                            p,
                        )
            prev_fmt = pf
            prev_was_text = True
        self._bases(bases)

    def _running_text(self, p: Para, pf) -> None:
        if pf.alignment != "both":
            names = {"left": "canh trái", "right": "canh phải", "center": "canh giữa"}
            self.flag(
                "body.alignment",
                f"Nội dung văn bản canh đều hai lề (đang {names.get(pf.alignment, pf.alignment)}).",
                p,
            )
        start = pf.left_cm + pf.first_line_cm
        if not any(
            abs(start - x) <= R.BODY_INDENT_TOLERANCE_CM for x in R.BODY_FIRST_LINE_INDENTS_CM
        ):
            self.flag(
                "body.indent",
                f"Chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm (đang {_num(start, 2)} cm).",
                p,
            )
        if pf.line is not None:
            if pf.line_rule == "auto":
                ok = pf.line in R.BODY_LINE_SPACING
                shown = f"{pf.line:g} dòng"
            else:
                size = max(
                    (f.size for _, f in self.m.run_formats(p)), default=R.PARTS["body"].example
                )
                lo = R.BODY_LINE_SPACING.lo * size
                hi = R.BODY_LINE_SPACING.hi * R.SINGLE_LINE_EM * size
                ok = (
                    lo - 0.01 <= pf.line <= hi + 0.01
                    if pf.line_rule == "exact"
                    else pf.line <= hi + 0.01
                )
                shown = f"{pf.line:g} pt"
            if not ok:
                self.flag(
                    "body.spacing", f"Khoảng cách dòng từ dòng đơn đến 1,5 dòng (đang {shown}).", p
                )

    def _bases(self, bases: list[Para]) -> None:
        for k, p in enumerate(bases):
            end = "." if k == len(bases) - 1 else ";"
            if not p.text.endswith(end):
                self.flag(
                    "body.bases",
                    f"Mỗi căn cứ một dòng, kết thúc bằng “;”, căn cứ cuối cùng kết thúc bằng “.” "
                    f"(dòng này cần “{end}”).",
                    p,
                )
            if any(not f.italic for _, f in self.m.run_formats(p)):
                self.flag("body.bases", "Căn cứ ban hành văn bản trình bày chữ nghiêng.", p)


def _where(p: Para) -> str:
    snippet = p.text[:40] + ("…" if len(p.text) > 40 else "")
    return f"{p.loc} (“{snippet}”)" if snippet else p.loc


def summary_vi(violations: list[Violation]) -> str:
    """A short Vietnamese verdict for people (the CLI and the notebooks print it)."""
    if not violations:
        return "✅ Văn bản đúng thể thức theo Nghị định 30/2020/NĐ-CP (các quy tắc đã kiểm tra)."
    lines = [f"❌ Có {len(violations)} lỗi thể thức:"]
    for v in violations:
        lines.append(f"- [{v.rule}] {v.message} — {v.location}")
    return "\n".join(lines)


def _num(x: float, digits: int = 1) -> str:
    """Vietnamese decimal comma: 1,27."""
    return f"{x:.{digits}f}".rstrip("0").rstrip(".").replace(".", ",")
