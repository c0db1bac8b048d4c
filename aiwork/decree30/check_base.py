"""Shared machinery of the Decree 30 checks: findings, the part-spec check, text helpers."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from aiwork.vi import format_number

from . import rules as R
from .docmodel import DocModel, Para
from .drawn_rules import RuleFinder
from .formatting import RunFormat

# Beyond this many findings of one rule, the rest are summarised in one line.
MAX_PER_RULE = 5


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str  # Vietnamese
    location: str  # Vietnamese
    clause: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


_UNDERSCORES = re.compile(r"^[_\-‾—–=.]{3,}$")
# Built from the rule set so that the lists of titles and prefixes live in one place.
_ACADEMIC = re.compile(
    "|".join(
        rf"^{re.escape(t.rstrip('.'))}\.?\s" if t.endswith(".") else rf"^{re.escape(t)}\b"
        for t in sorted(R.ACADEMIC_TITLES, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_PREFIXES = "|".join(re.escape(x.rstrip(".")) for x in R.AUTHORITY_PREFIXES)
_PREFIX = re.compile(rf"^({_PREFIXES})\.")
_PREFIX_NO_DOT = re.compile(rf"^({_PREFIXES})(\s|$)")


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _is_upper(text: str, fmts: list[tuple[str, RunFormat]]) -> bool:
    """All capitals as printed: upper-case letters, or runs formatted with w:caps."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    return bool(fmts) and all(f.caps or t.upper() == t for t, f in fmts)


class CheckBase:
    """State shared by the header, body and closing checks (mixed into the checker)."""

    def __init__(self, model: DocModel):
        self.m = model
        self.rules = RuleFinder(model)  # the drawn rules under agency, Tiêu ngữ, trích yếu
        self.out: list[Violation] = []
        self.counts: dict[str, int] = {}  # findings per rule, shown or not
        self.kinh_gui_seen = False

    # --- reporting ----------------------------------------------------------------------------

    def flag(self, rule: str, message: str, where: Para | str) -> None:
        self.counts[rule] = self.counts.get(rule, 0) + 1
        if self.counts[rule] > MAX_PER_RULE:  # summarised by _capped; no location to build
            return
        loc = where if isinstance(where, str) else _where(where)
        self.out.append(Violation(rule, message, loc, R.RULES[rule].clause))

    def _capped(self) -> list[Violation]:
        kept = list(self.out)
        for rule, n in self.counts.items():
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
        """Check size / bold / italic / case / centring of ``para`` against ``spec``."""
        fmts = self.m.run_formats(para)
        if not fmts:
            return True
        problems = []
        sizes = sorted({f.size for _, f in fmts})
        if any(s not in spec.size for s in sizes):
            shown = "; ".join(format_number(s, None) for s in sizes)
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
        if spec.centred and self.m.para_format(para).alignment != "center":
            problems.append("canh giữa")
        if problems:
            self.flag(rule, f"{spec.name_vi}: " + "; ".join(problems) + ".", para)
        return not problems

    def _all_bold(self, p: Para) -> bool:
        fmts = self.m.run_formats(p)
        return bool(fmts) and all(f.bold for _, f in fmts)


def _where(p: Para) -> str:
    snippet = p.text[:40] + ("…" if len(p.text) > 40 else "")
    return f"{p.loc} (“{snippet}”)" if snippet else p.loc


def _num(x: float, digits: int = 1) -> str:
    """Vietnamese decimal comma, trailing zeros dropped: 1,27."""
    return format_number(round(x, digits), None)
