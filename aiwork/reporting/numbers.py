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

import bisect
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
__all__ = [
    "Mention",
    "extract_mentions",
    "extract_mentions_many",
    "format_number",
    "format_percent",
    "nfc",
    "parse_number",
]

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

# Per pattern above: words one of which every match contains (in lower case when the pattern
# ignores case): a text with none of them is not searched with it. "İ" and "ı", which
# IGNORECASE reads as "i" but str.lower() does not give "i" for, turn the skipping off.
_REFERENCE_NEEDS: list[tuple[tuple[str, ...], bool]] = [
    (("/", "-"), False),
    (("điều", "khoản", "mục", "chương", "phụ lục"), True),
    (("Số",), False),
    (("thứ", "giai đoạn"), True),
]

# "8/12 đơn vị": two counts (a date "8/12" needs "ngày" or a year, matched earlier).
_FRACTION_RE = re.compile(r"(?<![\w.,/])(\d+)\s*/\s*(\d+)(?![\w/.,])")

# What follows a number, read with ``rx.match(text, end)`` (anchored where the number ends).
# "không quá 150 từ", "3 gạch đầu dòng": the shape of a text, not a figure (prompts say this).
_FORMAT_RE = re.compile(r"(?i)\s*(?:từ|chữ|câu|dòng|đoạn|ý|trang|gạch|mục|phút|ký tự)\b")

_PERCENT_RE = re.compile(r"(?i)\s*(%|phần\s+trăm)")
_POINTS_RE = re.compile(r"(?i)\s*(điểm\s+phần\s+trăm|điểm\s*%|đpt\b|pp\b)")
_TIMES_RE = re.compile(r"(?i)\s*lần\b")
_SCALE_RE = re.compile(r"(?i)\s*(nghìn|ngàn|triệu|tỷ|tỉ)\b(?!\s+(?:lệ|trọng)\b)")
# The four read in one match, in their order: a length ("format"), else an optional scale word
# then the first unit of points, percent, times that follows (lastgroup names the last part
# read: "format", "points", "percent", "times", or "scale_part"/None when no unit follows).
_AFTER_RE = re.compile(
    rf"(?P<format>{_FORMAT_RE.pattern[4:]})"
    rf"|(?P<scale_part>{_SCALE_RE.pattern[4:].replace('(', '(?P<scale>', 1)})?"
    rf"(?:(?P<points>{_POINTS_RE.pattern[4:]})|(?P<percent>{_PERCENT_RE.pattern[4:]})"
    rf"|(?P<times>{_TIMES_RE.pattern[4:]}))?",
    re.IGNORECASE,
)

# Sentences are joined with this to be read in one pass (extract_mentions_many). No pattern
# read here or in aiwork.vi can match a NUL (no digit, letter, space or punctuation mark), so
# none crosses it; each sentence sees a space before and after it, which every pattern reads
# as the start or end of a text (their lookarounds and \b treat a space as no word, digit or
# separator; no pattern ends by requiring a space); a qualifier (at most 14 characters back)
# cannot reach back past it. tests/reporting/test_figcheck_shortcuts.py compares both ways.
_JOIN = " \x00 "


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


# Per last letter, the qualifiers ending with it, longest first ("gần như" before "gần").
_QUALIFIER_ENDINGS: dict[str, list[str]] = {}
for _word in sorted(QUALIFIERS, key=len, reverse=True):
    _QUALIFIER_ENDINGS.setdefault(_word[-1], []).append(_word)


def _qualifier_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 14) : start].rstrip()  # no letter lower-cases to a space
    words = _QUALIFIER_ENDINGS.get(before[-1:].lower())
    if not words:
        return None
    before = before.lower()
    for word in words:
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
    return _extract(nfc(text), [0], [offset])[0]


def extract_mentions_many(sentences: list[tuple[int, str]]) -> list[list[Mention]]:
    """``[extract_mentions(sentence, offset) for offset, sentence in sentences]``, found by
    one pass over the sentences joined (a long text's sentences read in batches: the passes of
    a dozen patterns per sentence add up). Sentences must be NFC (a text's ``nfc`` pieces)."""
    if not sentences:
        return []
    texts = [sentence for _, sentence in sentences]
    if any(nfc(t) != t or "\x00" in t for t in texts):  # not joinable: one at a time
        return [extract_mentions(t, offset) for offset, t in sentences]
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + len(_JOIN)
    return _extract(_JOIN.join(texts), starts, [offset for offset, _ in sentences])


def _extract(text: str, starts: list[int], offsets: list[int]) -> list[list[Mention]]:
    """The mentions of ``text`` (NFC), grouped by the piece of ``text`` they are in: piece
    ``i`` starts at ``starts[i]`` and is moved to ``offsets[i]``."""
    found: list[tuple[int, Mention]] = []
    # Spans already read, per piece (no match crosses from one piece to another).
    taken: list[list[tuple[int, int]]] = [[] for _ in starts]
    # Position in text -> position in the caller's text (one piece: one shift).
    shifts = [o - s for s, o in zip(starts, offsets, strict=True)]
    many = len(starts) > 1

    def piece_of(s: int) -> int:
        return bisect.bisect_right(starts, s) - 1 if many else 0

    def claim(s: int, e: int) -> bool:
        """Is s..e clear of every span read so far? If so it is read now."""
        spans = taken[piece_of(s)]
        if _overlaps(spans, s, e):
            return False
        spans.append((s, e))
        return True

    def add(s: int, e: int, text_: str, kind: str, **more) -> None:
        piece = piece_of(s)
        shift = shifts[piece]
        found.append((piece, Mention(text_, s + shift, e + shift, kind, **more)))

    low = text.lower()
    skips = "\u0130" not in text and "\u0131" not in text
    for rx, (words, folded) in zip(_REFERENCE_RES, _REFERENCE_NEEDS, strict=True):
        if skips and not any(w in (low if folded else text) for w in words):
            continue
        for m in rx.finditer(text):
            if claim(m.start(), m.end()):
                add(m.start(), m.end(), m.group(0), "reference")

    dates = find_dates(text)
    for d in dates:
        if claim(d.start, d.end):
            add(d.start, d.end, d.text, "date", date=("day", (d.year, d.month, d.day)))
    for p in find_periods(text, dates):
        if claim(p.start, p.end):
            add(p.start, p.end, p.text, "date", date=(p.granularity, p.value))

    for m in _FRACTION_RE.finditer(text):
        if not claim(m.start(), m.end()):
            continue
        for g in (1, 2):
            add(
                m.start(g),
                m.end(g),
                m.group(g),
                "number",
                value=float(m.group(g)),
                extra={"fraction": m.group(0)},
            )

    for n in find_numbers(text):
        start, end = n.start, n.end
        piece = bisect.bisect_right(starts, start) - 1 if many else 0
        spans = taken[piece]
        if _overlaps(spans, start, end):
            continue
        shift = shifts[piece]
        after = _AFTER_RE.match(text, end)  # always matches (every part is optional)
        if after.lastgroup == "format":
            found.append((piece, Mention(n.text, start + shift, end + shift, "format", n.value)))
            spans.append((start, end))
            continue
        scale = SCALES[word.lower()] if (word := after.group("scale")) else 1.0
        unit = after.lastgroup
        kind = unit if unit in ("points", "percent", "times") else "number"
        end = after.end()
        mention = Mention(
            text[start:end],
            start + shift,
            end + shift,
            kind,
            n.value * scale,
            (10.0**-n.decimals) * scale,
            n.decimals,
            _qualifier_before(text, start),
        )
        found.append((piece, mention))
        spans.append((start, end))  # the number with its scale and unit words

    found.sort(key=lambda x: x[1].start)
    out: list[list[Mention]] = [[] for _ in starts]
    for piece, mention in found:
        out[piece].append(mention)
    return out
