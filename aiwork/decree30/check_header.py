"""Checks of the header (Quốc hiệu, Tiêu ngữ, agency, number, date) and of the type and subject."""

from __future__ import annotations

import re

from . import rules as R
from .check_base import _UNDERSCORES, CheckBase, _letters
from .docmodel import Para

# How far into the document the header parts are looked for (paragraphs).
HEADER_SCAN = 25


class HeaderChecks(CheckBase):
    # --- header -------------------------------------------------------------------------------

    def header(self) -> dict:
        paras = self.m.paras[:HEADER_SCAN]
        used: set[int] = set()
        head: dict = {"used": [], "table": None}

        def find(pred, after: Para | None = None) -> Para | None:
            start = self.m.position(after) + 1 if after is not None else 0
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
        urgency = find(lambda p: p.text.upper().replace("HOẢ", "HỎA") in R.URGENCY_LEVELS)
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
            self.spec("header.urgency", urgency, R.PARTS["urgency"])
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
        if self.rules.rule_under(p, head.get("date")) is None:
            self.flag("header.slogan.rule", "Thiếu đường kẻ ngang, nét liền dưới Tiêu ngữ.", p)

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
                or (number is not None and self.m.position(p) > self.m.position(number))
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
        if self.rules.rule_under(lines[-1], number) is None:
            self.flag(
                "header.agency.rule",
                "Thiếu đường kẻ ngang, nét liền dưới tên cơ quan ban hành "
                "(dài 1/3 đến 1/2 dòng chữ).",
                lines[-1],
            )
        return lines

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
        drawn = self.rules.rule_under(subject)
        head["used"].extend(drawn or [])
        if drawn is None:
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
