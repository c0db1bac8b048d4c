"""Checks of the body (Kính gửi, legal bases, running text) and of the closing block
(signature, Nơi nhận)."""

from __future__ import annotations

import re

from aiwork.vi import format_number

from . import rules as R
from .check_base import _ACADEMIC, _PREFIX, _PREFIX_NO_DOT, CheckBase, _num
from .docmodel import Para


class BodyChecks(CheckBase):
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
                ps = self.m.in_block(block)
                if self.m.block_kinds[block] == "tbl" and any(_PREFIX.match(p.text) for p in ps):
                    return block, [p for p in ps if p.text], []
            return len(self.m.block_kinds), [], []
        if label.cell is not None:
            same = self.m.in_block(label.block)
            recips = [p for p in same if p.cell == label.cell and p.text]
            sig = [p for p in same if p.cell != label.cell and p.text]
            return label.block, sig, recips
        # Paragraph layout: recipients are the dash lines after the label; the signature is
        # the bold lines just before the label and after the list.
        i = self.m.position(label)
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
        idx = self.m.position(start) + 1
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
                shown = "; ".join(format_number(s, None) for s in sizes)
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
                            f"{format_number(R.BODY_MIN_PARAGRAPH_SPACING_PT, None)} pt "
                            f"(đang {format_number(gap, None)} pt).",
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
                shown = f"{format_number(pf.line, None)} dòng"
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
                shown = f"{format_number(pf.line, None)} pt"
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
