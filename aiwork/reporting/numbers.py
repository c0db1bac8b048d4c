"""Vietnamese number formats: parse numbers, percentages and dates out of prose; format figures.

Vietnamese writes ``1.234,5`` (dot groups thousands, comma marks decimals), ``12,5%``,
``3 nghìn``, ``1,2 triệu``, ``5,2 điểm phần trăm``, ``tháng 10/2026``, ``quý III/2026``.
Assistants trained on English text also write ``1,234.5`` and ``12.5%``; both are read.

Numbers, dates and periods are read by :mod:`aiwork.vi` (its docstring states the rules for
ambiguous separators); this module classifies them for the figure checker.

``extract_mentions`` returns every number-like mention with its kind, value and printed
precision (``unit``: one step of the last printed digit, times the scale word); the figure checker
uses ``unit`` for its rounding tolerance. Legal references such as ``30/2020/NĐ-CP`` or
``Điều 8`` are returned with kind ``reference`` so that they are reported as ignored, not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aiwork.vi import (
    SCALES,
    find_dates,
    find_numbers,
    find_periods,
    format_number,
    format_percent,
    nfc,
    parse_number,
)

# format_number and format_percent are imported from here by the module 4 lesson notebook.
__all__ = ["Mention", "extract_mentions", "format_number", "format_percent", "nfc", "parse_number"]

# Words before a number that loosen the claim; the checker documents what each allows.
QUALIFIERS: dict[str, str] = {
    "khoảng": "about",
    "xấp xỉ": "about",
    "ước tính": "about",
    "ước": "about",
    "gần như": "about",
    "chừng": "about",
    "hơn": "above",
    "trên": "above",
    "vượt": "above",
    "ít nhất": "at_least",
    "gần": "below",
    "dưới": "below",
    "chưa đến": "below",
    "chưa tới": "below",
    "không quá": "at_most",
    "tối đa": "at_most",
}

_REFERENCE_RES = [
    # 30/2020/NĐ-CP, 557/BKHCN-CĐSQG, 01-KH/BCĐTW, 91/2025/QH15, Số: 12/BC-UBND
    re.compile(r"(?<![\w.,])\d+(?:/\d{4})?[/-][A-ZĐ][\wĐđ]*(?:[-/][\wĐđ]+)*", re.UNICODE),
    re.compile(r"(?i)\b(?:điều|khoản|mục|chương|phụ lục)\s+\d+\b"),
    # "Số: 12" heading a document (capital S: "kỹ năng số: 81,1%" is a figure).
    re.compile(r"\bSố\s*:\s*\d+(?![.,]?\d)"),
    re.compile(r"(?i)\b(?:thứ|lần thứ|giai đoạn)\s+\d+\b"),
]

# "8/12 đơn vị": two counts (a date "8/12" needs "ngày" or a year, matched earlier).
_FRACTION_RE = re.compile(r"(?<![\w.,/])(\d+)\s*/\s*(\d+)(?![\w/.,])")

# "không quá 150 từ", "3 gạch đầu dòng": the shape of a text, not a figure (prompts say this).
_FORMAT_RE = re.compile(r"(?i)^\s*(?:từ|chữ|câu|dòng|đoạn|ý|trang|gạch|mục|phút|ký tự)\b")

_PERCENT_RE = re.compile(r"(?i)^\s*(%|phần\s+trăm)")
_POINTS_RE = re.compile(r"(?i)^\s*(điểm\s+phần\s+trăm|điểm\s*%|đpt\b|pp\b)")
_TIMES_RE = re.compile(r"(?i)^\s*lần\b")
_SCALE_RE = re.compile(r"(?i)^\s*(nghìn|ngàn|triệu|tỷ|tỉ)\b(?!\s+(?:lệ|trọng)\b)")


@dataclass(frozen=True)
class Mention:
    """One number-like mention in a text.

    kind: ``number`` | ``percent`` | ``points`` (percentage points) | ``times`` ("gấp 2,5 lần")
    | ``date`` | ``reference`` (legal reference, not checked) | ``format`` (a length or layout
    such as "150 từ", not checked).
    For dates ``value`` is 0 and ``date`` holds (granularity, details) such as
    ``("month", (2026, 10))``; a missing year is ``None``.
    """

    text: str
    start: int
    end: int
    kind: str
    value: float = 0.0
    unit: float = 1.0
    decimals: int = 0
    qualifier: str | None = None
    date: tuple[str, tuple] | None = None
    extra: dict = field(default_factory=dict, compare=False)


# Longest first: "gần như" (about) before "gần" (below).
_QUALIFIER_WORDS = sorted(QUALIFIERS, key=len, reverse=True)


def _qualifier_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 14) : start].lower().rstrip()
    for word in _QUALIFIER_WORDS:
        if before.endswith(word) and (
            len(before) == len(word) or not before[-len(word) - 1].isalnum()
        ):
            return QUALIFIERS[word]
    return None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    for s, e in spans:  # a loop: cheaper than any() over a generator
        if start < e and s < end:
            return True
    return False


def extract_mentions(text: str, offset: int = 0) -> list[Mention]:
    """Every number-like mention in ``text``, in order of appearance; ``offset`` is added to
    every ``start``/``end`` (``text`` is a sentence at that offset of a longer text)."""
    text = nfc(text)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    for rx in _REFERENCE_RES:
        for m in rx.finditer(text):
            if not _overlaps(taken, m.start(), m.end()):
                found.append(Mention(m.group(0), m.start() + offset, m.end() + offset, "reference"))
                taken.append((m.start(), m.end()))

    dates = find_dates(text)
    for d in dates:
        if not _overlaps(taken, d.start, d.end):
            found.append(
                Mention(
                    d.text,
                    d.start + offset,
                    d.end + offset,
                    "date",
                    date=("day", (d.year, d.month, d.day)),
                )
            )
            taken.append((d.start, d.end))
    for p in find_periods(text, dates):
        if not _overlaps(taken, p.start, p.end):
            found.append(
                Mention(
                    p.text, p.start + offset, p.end + offset, "date", date=(p.granularity, p.value)
                )
            )
            taken.append((p.start, p.end))

    for m in _FRACTION_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        for g in (1, 2):
            found.append(
                Mention(
                    m.group(g),
                    m.start(g) + offset,
                    m.end(g) + offset,
                    "number",
                    float(m.group(g)),
                    extra={"fraction": m.group(0)},
                )
            )
        taken.append((m.start(), m.end()))

    for n in find_numbers(text):
        if _overlaps(taken, n.start, n.end):
            continue
        value, decimals = n.value, n.decimals
        start, end = n.start, n.end
        rest = text[end:]
        if _FORMAT_RE.match(rest):
            found.append(Mention(n.text, start + offset, end + offset, "format", value))
            taken.append((start, end))
            continue
        kind, scale = "number", 1.0
        sm = _SCALE_RE.match(rest)
        if sm:
            scale = SCALES[sm.group(1).lower()]
            end += sm.end()
            rest = text[end:]
        pm = _POINTS_RE.match(rest) or None
        if pm:
            kind, end = "points", end + pm.end()
        elif (pc := _PERCENT_RE.match(rest)) is not None:
            kind, end = "percent", end + pc.end()
        elif (tm := _TIMES_RE.match(rest)) is not None:
            kind, end = "times", end + tm.end()
        unit = (10.0**-decimals) * scale
        found.append(
            Mention(
                text[start:end],
                start + offset,
                end + offset,
                kind,
                value * scale,
                unit,
                decimals,
                _qualifier_before(text, start),
            )
        )
        taken.append((start, end))

    found.sort(key=lambda x: x.start)
    return found
