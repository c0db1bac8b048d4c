"""Vietnamese number formats: parse numbers, percentages and dates out of prose; format figures.

Vietnamese writes ``1.234,5`` (dot groups thousands, comma marks decimals), ``12,5%``,
``3 nghìn``, ``1,2 triệu``, ``5,2 điểm phần trăm``, ``tháng 10/2026``, ``quý III/2026``.
Assistants trained on English text also write ``1,234.5`` and ``12.5%``; both are read.

Rules for a number with one kind of separator (documented because they are ambiguous):
- only dots: thousands when every group after the first has exactly 3 digits (``1.234`` is one
  thousand two hundred and thirty-four, as in Vietnamese), otherwise a decimal point (``12.5``);
- only commas: thousands when there are two or more commas all followed by 3 digits
  (``1,234,567``), otherwise a decimal comma (``1,234`` is 1.234, as in Vietnamese);
- both: the last separator is the decimal one.

``extract_mentions`` returns every number-like mention with its kind, value and printed
precision (``unit``: one step of the last printed digit, times the scale word); the figure checker
uses ``unit`` for its rounding tolerance. Legal references such as ``30/2020/NĐ-CP`` or
``Điều 8`` are returned with kind ``reference`` so that they are reported as ignored, not checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SCALES: dict[str, float] = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}

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

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

# A run of digits with optional separators; the look-behind keeps "A1" or "x2" out.
_NUM = r"\d+(?:[.,]\d+)*"
_NUMBER_RE = re.compile(rf"(?<![\w.,/-])({_NUM})(?![\w/])", re.UNICODE)

_REFERENCE_RES = [
    # 30/2020/NĐ-CP, 557/BKHCN-CĐSQG, 01-KH/BCĐTW, 91/2025/QH15, Số: 12/BC-UBND
    re.compile(r"(?<![\w.,])\d+(?:/\d{4})?[/-][A-ZĐ][\wĐđ]*(?:[-/][\wĐđ]+)*", re.UNICODE),
    re.compile(r"(?i)\b(?:điều|khoản|mục|chương|phụ lục)\s+\d+\b"),
    # "Số: 12" heading a document (capital S: "kỹ năng số: 81,1%" is a figure).
    re.compile(r"\bSố\s*:\s*\d+(?![.,]?\d)"),
    re.compile(r"(?i)\b(?:thứ|lần thứ|giai đoạn)\s+\d+\b"),
]

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(r"(?i)\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b")),
    ("day", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    ("day_noyear", re.compile(r"(?i)\bngày\s+(\d{1,2})/(\d{1,2})(?![\d/])")),
    ("first_months", re.compile(r"(?i)\b(\d{1,2})\s+tháng\s+đầu\s+năm(?:\s+(\d{4}))?\b")),
    (
        "months_range",
        re.compile(
            r"(?i)\btừ\s+tháng\s+(\d{1,2})(?:/(\d{4}))?\s+(?:đến|tới)\s+(?:hết\s+)?tháng\s+(\d{1,2})(?:\s*(?:/|năm\s+)(\d{4}))?\b"
        ),
    ),
    ("month", re.compile(r"(?i)\btháng\s+(\d{1,2})\s*(?:/|năm\s+)(\d{4})\b")),
    ("month", re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})\b")),
    ("month_noyear", re.compile(r"(?i)\btháng\s+(\d{1,2})(?![\d/]|[.,]\d)")),
    ("quarter", re.compile(r"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|năm\s+)(\d{4}))?")),
    ("half", re.compile(r"(?i)\b(6)\s+tháng\s+cuối\s+năm(?:\s+(\d{4}))?\b")),
    ("year", re.compile(r"(?i)\bnăm\s+(\d{4})\b")),
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


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_number(token: str) -> tuple[float, int]:
    """Parse one number token (see the module rules); returns (value, printed decimals)."""
    token = token.strip()
    if not re.fullmatch(_NUM, token):
        raise ValueError(f"not a number: {token!r}")
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        dec_sep = "." if token.rfind(".") > token.rfind(",") else ","
        int_part, frac = token.rsplit(dec_sep, 1)
        int_part = int_part.replace(".", "").replace(",", "")
    elif dots or commas:
        sep = "." if dots else ","
        groups = token.split(sep)
        thousands = all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
        if sep == "," and len(groups) == 2:
            thousands = False  # a single comma is the Vietnamese decimal comma
        if thousands:
            int_part, frac = "".join(groups), ""
        else:
            if len(groups) > 2:
                raise ValueError(f"ambiguous number: {token!r}")
            int_part, frac = groups
    else:
        int_part, frac = token, ""
    value = float(f"{int(int_part)}.{frac}") if frac else float(int(int_part))
    return value, len(frac)


def format_number(value: float, decimals: int = 0) -> str:
    """Vietnamese format: ``format_number(1234.5, 1) == '1.234,5'``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_percent(value: float, decimals: int = 1) -> str:
    """``format_percent(72.134) == '72,1%'`` (value already in percent)."""
    return format_number(value, decimals) + "%"


def _quarter(token: str) -> int:
    return ROMAN[token.upper()] if token.upper() in ROMAN else int(token)


def _date_mention(kind: str, m: re.Match[str]) -> Mention | None:
    g = m.groups()
    year = lambda s: int(s) if s else None  # noqa: E731 - tiny local helper
    if kind == "day":
        d, mo, y = int(g[0]), int(g[1]), int(g[2])
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return None
        info = ("day", (y, mo, d))
    elif kind == "day_noyear":
        d, mo = int(g[0]), int(g[1])
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return None
        info = ("day", (None, mo, d))
    elif kind == "month":
        mo, y = int(g[0]), int(g[1])
        if not 1 <= mo <= 12:
            return None
        info = ("month", (y, mo))
    elif kind == "month_noyear":
        mo = int(g[0])
        if not 1 <= mo <= 12:
            return None
        info = ("month", (None, mo))
    elif kind == "months_range":
        a, b = int(g[0]), int(g[2])
        if not (1 <= a <= b <= 12):
            return None
        info = ("months", (year(g[3] or g[1]), a, b))
    elif kind == "first_months":
        n = int(g[0])
        if not 1 <= n <= 12:
            return None
        info = ("months", (year(g[1]), 1, n))
    elif kind == "half":
        info = ("months", (year(g[1]), 7, 12))
    elif kind == "quarter":
        q = _quarter(g[0])
        info = ("months", (year(g[1]), 3 * q - 2, 3 * q))
    else:  # year
        info = ("year", (int(g[0]),))
    return Mention(m.group(0), m.start(), m.end(), "date", date=info)


def _qualifier_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 14) : start].lower().rstrip()
    for word in sorted(QUALIFIERS, key=len, reverse=True):
        if before.endswith(word) and (
            len(before) == len(word) or not before[-len(word) - 1].isalnum()
        ):
            return QUALIFIERS[word]
    return None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def extract_mentions(text: str) -> list[Mention]:
    """Every number-like mention in ``text``, in order of appearance."""
    text = nfc(text)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    for rx in _REFERENCE_RES:
        for m in rx.finditer(text):
            if not _overlaps(taken, m.start(), m.end()):
                found.append(Mention(m.group(0), m.start(), m.end(), "reference"))
                taken.append((m.start(), m.end()))

    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            mention = _date_mention(kind, m)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))

    for m in _FRACTION_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        for g in (1, 2):
            found.append(
                Mention(
                    m.group(g),
                    m.start(g),
                    m.end(g),
                    "number",
                    float(m.group(g)),
                    extra={"fraction": m.group(0)},
                )
            )
        taken.append((m.start(), m.end()))

    for m in _NUMBER_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        try:
            value, decimals = parse_number(m.group(1))
        except ValueError:
            continue
        end = m.end()
        rest = text[end:]
        if _FORMAT_RE.match(rest):
            found.append(Mention(m.group(0), m.start(), end, "format", value))
            taken.append((m.start(), end))
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
                text[m.start() : end],
                m.start(),
                end,
                kind,
                value * scale,
                unit,
                decimals,
                _qualifier_before(text, m.start()),
            )
        )
        taken.append((m.start(), end))

    found.sort(key=lambda x: x.start)
    return found
