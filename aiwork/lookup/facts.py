"""Checkable facts in Vietnamese text: numbers, dates, fees, deadlines, articles, doc numbers.

The grounding checker compares the facts an answer sentence states with the facts its cited
passages contain. Facts are normalised so that different spellings of the same fact match:
"05/3/2020" = "ngày 05 tháng 3 năm 2020", "2.000 đồng" = "2 nghìn đồng", "07 ngày làm việc" =
"bảy ngày làm việc", "Điều 8" in the text or in the passage's article field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiwork.vi import (
    NUMBER_PATTERN,
    find_amounts,
    find_dates,
    find_percents,
    find_times,
    fold_keep_diacritics,
    nfc,
    parse_number,
)

KIND_VI = {
    "doc": "số hiệu văn bản",
    "date": "ngày tháng",
    "pct": "tỷ lệ",
    "money": "mức tiền",
    "dur": "thời hạn",
    "time": "giờ",
    "art": "điều khoản",
    "num": "con số",
}

_DIGITS = NUMBER_PATTERN
_UNIT_TIME = r"ngày làm việc|ngày|tháng|năm|tuần"
_WORD_UNITS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mốt": 1,
}
_NUMWORD = (
    r"(?:(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín) mươi(?: (?:mốt|một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?"
    r"|mười(?: (?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín))?"
    r"|một|hai|ba|bốn|năm|sáu|bảy|tám|chín)"
)

# Order matters: earlier kinds claim their span first (a date is not also three numbers).
# Dates, percentages, money and clock times are found by aiwork.vi; the rest are lookup's own.
_DOC_PATTERNS: list[re.Pattern[str]] = [
    re.compile(r"\b(\d+)\s*/\s*(\d{4})\s*/\s*([a-zđ]+\d*(?:-[a-zđ0-9]+)*)"),
    re.compile(r"\b(\d+)-([a-zđ]+)\s*/\s*([a-zđ]+)\b"),
    re.compile(r"\b(\d+)\s*/\s*([a-zđ]+-[a-zđ]+)\b"),
]
_LATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dur", re.compile(rf"\b({_DIGITS}|{_NUMWORD}) ({_UNIT_TIME})\b")),
    ("art", re.compile(r"\b(điều|khoản|điểm|chương|phụ lục) (\d+|[ivx]+\b|[a-zđ]\b)")),
]
_NUMBER = re.compile(_DIGITS)
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zđ]\)|[-*•+])\s+")


@dataclass(frozen=True)
class Fact:
    kind: str
    key: str  # normalised value compared between answer and passages
    text: str  # as written, for messages
    numbers: tuple[float, ...] = ()

    @property
    def label(self) -> str:
        return f"{KIND_VI[self.kind]} “{self.text}”"


def _value(s: str) -> float:
    """Vietnamese number: '.' groups thousands, ',' marks decimals ('1.000', '1,27', '05').

    One parser for the course: ``aiwork.vi.parse_number``. Digit groups it
    refuses as a quantity ("0987.654.321", a phone number) are compared by their digits.
    """
    try:
        return parse_number(s)[0]
    except ValueError:
        return float(re.sub(r"\D", "", s))


def parse_numword(s: str) -> float:
    words = s.split()
    if words[0] == "mười":
        return 10 + (_WORD_UNITS[words[1]] if len(words) > 1 else 0)
    if len(words) >= 2 and words[1] == "mươi":
        return _WORD_UNITS[words[0]] * 10 + (_WORD_UNITS[words[2]] if len(words) > 2 else 0)
    return _WORD_UNITS[words[0]]


def _num(s: str) -> float:
    return _value(s) if s[0].isdigit() else parse_numword(s)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(x)


def _make(kind: str, m: re.Match[str], shown: str) -> Fact:
    g = m.groups()
    text = shown[m.start() : m.end()]
    if kind == "doc":
        parts = [str(int(g[0]))] + [x.replace(" ", "") for x in g[1:]]
        sep = "-" if m.re.pattern.startswith(r"\b(\d+)-") else "/"
        key = parts[0] + sep + "/".join(parts[1:]) if sep == "-" else "/".join(parts)
        return Fact("doc", key, text, (float(g[0]),))
    if kind == "dur":
        v = _num(g[0])
        return Fact("dur", f"{_fmt(v)} {g[1]}", text, (v,))
    # art
    return Fact("art", f"{g[0]} {g[1].lstrip('0') or '0'}", text)


_LEADING_NUMBER = re.compile(_DIGITS)


def _vi_facts(line: str, shown: str) -> list[tuple[int, int, Fact]]:
    """Dates, percentages, money and times of one (lower-cased, NFC) line, in claim order."""
    out: list[tuple[int, int, Fact]] = []
    for d in find_dates(line):
        nums = (float(d.day), float(d.month)) + ((float(d.year),) if d.year else ())
        out.append((d.start, d.end, Fact("date", d.key, shown[d.start : d.end], nums)))
    for p in find_percents(line):
        out.append((p.start, p.end, Fact("pct", _fmt(p.value), shown[p.start : p.end], (p.value,))))
    for a in find_amounts(line):
        raw = _value(_LEADING_NUMBER.match(a.text).group())
        fact = Fact("money", _fmt(a.value), shown[a.start : a.end], (raw, a.value))
        out.append((a.start, a.end, fact))
    for t in find_times(line):
        nums = (float(t.hour), float(t.minute))
        out.append((t.start, t.end, Fact("time", t.key, shown[t.start : t.end], nums)))
    return out


def extract(text: str) -> list[Fact]:
    """Facts stated in ``text`` (normalised), structured ones first, then bare numbers."""
    facts: list[Fact] = []
    for original in display_lines(text):
        original = _ENUMERATOR.sub("", original)
        line = original.lower()
        # Lower-casing Vietnamese NFC text keeps offsets, so messages can quote the original.
        shown = original if len(original) == len(line) else line
        found: list[tuple[int, Fact]] = []
        taken: list[tuple[int, int]] = []
        candidates = [
            (m.start(), m.end(), "doc", m) for p in _DOC_PATTERNS for m in p.finditer(line)
        ]
        candidates += [(a, b, "vi", fact) for a, b, fact in _vi_facts(line, shown)]
        candidates += [
            (m.start(), m.end(), k, m) for k, p in _LATE_PATTERNS for m in p.finditer(line)
        ]
        for start, end, kind, item in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, item if kind == "vi" else _make(kind, item, shown)))
        for m in _NUMBER.finditer(line):
            if any(s <= m.start() < e for s, e in taken):
                continue
            v = _value(m.group(0))
            found.append((m.start(), Fact("num", _fmt(v), shown[m.start() : m.end()], (v,))))
        facts.extend(f for _, f in sorted(found, key=lambda x: x[0]))
    return facts


def display_lines(text: str) -> list[str]:
    """Non-empty lines, NFC-normalised with whitespace collapsed (case kept)."""
    out = []
    for line in (text or "").splitlines():
        line = nfc(line)
        if line.strip():
            out.append(" ".join(line.split()))
    return out


_RANGE = re.compile(r"(điều|khoản)\s+(\d+)(?:\s*(?:-|đến)\s*(?:điều\s+|khoản\s+)?(\d+))?")


def locator_facts(*fields: str) -> set[str]:
    """Article keys from a passage's locator fields, expanding 'khoản 1-4' and 'Điều 26 - Điều 32'."""
    keys: set[str] = set()
    for f in fields:
        low = fold_keep_diacritics(f)
        for m in _RANGE.finditer(low):
            start = int(m.group(2))
            end = int(m.group(3)) if m.group(3) else start
            for n in range(start, max(start, end) + 1):
                keys.add(f"{m.group(1)} {n}")
        # lists such as "khoản 3, 4" or "Điều 11, Điều 12"
        for m in re.finditer(r"(điều|khoản)\s+((?:\d+\s*,\s*)+\d+)", low):
            for n in re.findall(r"\d+", m.group(2)):
                keys.add(f"{m.group(1)} {int(n)}")
        for m in re.finditer(r"(phụ lục) ([ivx]+)\b", low):
            keys.add(f"{m.group(1)} {m.group(2)}")
    return keys


@dataclass(frozen=True)
class FactIndex:
    """What a passage can support: structured fact keys and every number it mentions."""

    keys: frozenset[tuple[str, str]]
    numbers: frozenset[float]
    partial_dates: frozenset[str]

    def supports(self, fact: Fact) -> bool:
        if fact.kind == "num":
            return fact.numbers[0] in self.numbers
        if fact.kind == "date" and fact.key.count("/") == 1:
            return fact.key in self.partial_dates
        return (fact.kind, fact.key) in self.keys


def index_facts(text: str, *locators: str) -> FactIndex:
    facts = extract(text) + [f for loc in locators for f in extract(loc)]
    keys = {(f.kind, f.key) for f in facts}
    keys |= {("art", k) for k in locator_facts(*locators)}
    numbers = {n for f in facts for n in f.numbers}
    partial = {
        f.key.rsplit("/", 1)[0] if f.key.count("/") == 2 else f.key
        for f in facts
        if f.kind == "date"
    }
    return FactIndex(frozenset(keys), frozenset(numbers), frozenset(partial))
