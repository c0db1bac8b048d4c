"""Review an assistant's draft against the brief it was written from.

Three properties an official must verify before a draft becomes a document, and that the
module 2 graders check the same way:

- every required fact of the brief is there (``missing_facts``);
- nothing is invented: no number, date, time, phone or e-mail that the brief does not contain
  (``invented``);
- no placeholder is left ("[tên cơ quan]", "…", "xxx") (``placeholders``);
- no conversational tone: exclamation marks, emoji, chat particles ("nhé", "nha", "ạ")
  (``informal``). Tone beyond that is for the official to judge.

Matching is done on folded text (lower case, no diacritics) so that "Hội trường" and
"hoi truong" or "24/3/2026" and "ngày 24 tháng 3 năm 2026" are the same fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aiwork.vi import fold, parse_number

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Chat particles and marks that do not belong in an administrative text. Words are compared
# with their diacritics: "nha" is a particle, "nhà" (house) is not.
_INFORMAL_WORDS = frozenset({"nhé", "nha", "nhỉ", "ạ", "hihi", "ok", "oke"})
_INFORMAL_MARKS = re.compile(r"!|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_PLACEHOLDER = re.compile(
    r"\[[^\]]{0,60}\]|…|\.{3,}|\bx{3,}\b|<[^<>]{1,40}>|\(ghi ro[^)]*\)", re.IGNORECASE
)


def _canon(token: str) -> str:
    """ "1.234" -> "1234", "02" -> "2", "84,5" -> "84.5": one spelling per value (a token
    aiwork.vi does not read as one number, such as "24.3.2026", is kept as written)."""
    try:
        value = parse_number(token)[0]
    except ValueError:
        return token
    return str(int(value)) if value.is_integer() else repr(value)


def numbers(text: str) -> set[str]:
    """Every number in ``text``; a date "24/3/2026" gives 24, 3 and 2026."""
    out: set[str] = set()
    for tok in _NUMBER.findall(text or ""):
        out.add(_canon(tok))
        # "24.3.2026" is a date, not a decimal: its parts count too.
        for part in re.split(r"[.,]", tok):
            if part.isdigit():
                out.add(str(int(part)))
    return out


def missing_facts(text: str, facts: dict[str, tuple[str, ...]]) -> list[str]:
    """Names of the facts none of whose patterns (regexes on folded text) occur in ``text``."""
    folded = fold(text)
    return [
        name for name, patterns in facts.items() if not any(re.search(p, folded) for p in patterns)
    ]


def invented(text: str, brief: str) -> list[str]:
    """Numbers and e-mail addresses in ``text`` that the brief does not contain."""
    allowed = numbers(brief)
    found = []
    for tok in _NUMBER.findall(text or ""):
        parts = {_canon(tok)} | {str(int(p)) for p in re.split(r"[.,]", tok) if p.isdigit()}
        if _canon(tok) not in allowed and not parts <= allowed:
            found.append(tok)
    brief_mails = {m.lower() for m in _EMAIL.findall(brief or "")}
    found += [m for m in _EMAIL.findall(text or "") if m.lower() not in brief_mails]
    return list(dict.fromkeys(found))


def informal(text: str) -> list[str]:
    """Exclamation marks, emoji and chat particles found in ``text``."""
    found = _INFORMAL_MARKS.findall(text or "")
    found += [word for word in re.findall(r"\w+", text or "") if word.lower() in _INFORMAL_WORDS]
    return list(dict.fromkeys(found))


def placeholders(text: str) -> list[str]:
    return list(dict.fromkeys(_PLACEHOLDER.findall(text or "")))


@dataclass
class Review:
    missing: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    informal: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.invented or self.placeholders or self.informal)

    def report_vi(self) -> str:
        if self.ok:
            return (
                "✅ Bản nháp có đủ dữ kiện của đề bài, không thấy số liệu lạ, chỗ để trống hay lời lẽ "
                "suồng sã. Anh/chị vẫn đọc lại giọng văn trước khi dùng."
            )
        lines = []
        if self.missing:
            lines.append("❌ Thiếu dữ kiện: " + "; ".join(self.missing) + ".")
        if self.invented:
            lines.append(
                "❌ Có số liệu/thông tin không có trong đề bài (có thể do trợ lý tự thêm): "
                + ", ".join(self.invented)
                + "."
            )
        if self.placeholders:
            lines.append("❌ Còn chỗ để trống cần điền: " + ", ".join(self.placeholders) + ".")
        if self.informal:
            lines.append(
                "❌ Giọng văn chưa phù hợp văn bản hành chính: " + ", ".join(self.informal) + "."
            )
        return "\n".join(lines)


def review(text: str, brief: str, facts: dict[str, tuple[str, ...]]) -> Review:
    return Review(
        missing_facts(text, facts), invented(text, brief), placeholders(text), informal(text)
    )


def du_kien(*phrases: str) -> dict[str, tuple[str, ...]]:
    """The facts for :func:`review`, written as the brief writes them (no patterns to learn):
    ``du_kien("01 điểm hỗ trợ", "01/4/2026", "25/3/2026")``. A date matches its usual forms
    ("1/4/2026", "01/04/2026", "ngày 01 tháng 4 năm 2026"); any other phrase matches as written,
    ignoring case and diacritics, with "01" and "1" alike."""
    from aiwork.vi import find_dates

    facts: dict[str, tuple[str, ...]] = {}
    for phrase in phrases:
        dates = find_dates(phrase)
        if len(dates) == 1 and dates[0].text.strip() == phrase.strip() and dates[0].year:
            d = dates[0]
            facts[phrase] = (
                rf"\b0?{d.day}\s*[/.-]\s*0?{d.month}\s*[/.-]\s*{d.year}\b",
                rf"\b0?{d.day} thang 0?{d.month} nam {d.year}\b",
            )
            continue
        pattern = re.sub(r"\b0*(\d)", r"(?<!\\d)0*\1", re.escape(fold(phrase)))
        facts[phrase] = (pattern,)
    return facts
