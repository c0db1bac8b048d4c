"""Vietnamese dates and clock times: parse, format, find every mention in a text.

Dates officials write (all read): ``05/9/2026``, ``5/9/2026``, ``05-09-2026``, ``05.09.2026``,
``ngày 05 tháng 9 năm 2026``, ``ngày 5/9/2026``, ``2026-09-05`` (ISO, from software), and
without a year ``ngày 15/3`` or ``ngày 15 tháng 3``.
Dates the course prints: ``23/11/2026`` (:func:`format_date`) and Decree 30's long form
``ngày 05 tháng 3 năm 2026`` (:func:`format_date_long`: a leading zero only for days below 10
and for months 1 and 2).

Times: ``8 giờ 00``, ``8h``, ``08:00``, ``8 giờ 30 phút``, ``14h30``, ``2 giờ chiều`` (14:00).
A bare "8 giờ" is also how a duration is written ("trong 8 giờ"); :func:`find_times` cannot
tell them apart and reports both.

Spans (``start``/``end``) index ``nfc(text)``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from aiwork.vi.text import nfc

__all__ = [
    "DateMention",
    "PeriodMention",
    "TimeMention",
    "find_dates",
    "find_periods",
    "find_times",
    "format_date",
    "format_date_long",
    "format_time",
    "parse_date",
    "parse_time",
]

_D, _M, _Y = r"(\d{1,2})", r"(\d{1,2})", r"(\d{4})"
# Each: (style, pattern, group order (day, month, year)); earlier patterns claim spans first.
_DATE_PATTERNS: list[tuple[str, re.Pattern[str], tuple[int, int, int]]] = [
    # ngày 05 tháng 9 năm 2026 / ngày 5 tháng 9 / 05 tháng 9 năm 2026
    (
        "long",
        re.compile(
            rf"(?<!\w)ngày\s+{_D}\s+tháng\s+{_M}(?:\s*,?\s+năm\s+{_Y})?(?![\w/])",
            re.IGNORECASE,
        ),
        (1, 2, 3),
    ),
    (
        "long",
        re.compile(rf"(?<![\w/.,]){_D}\s+tháng\s+{_M}\s*,?\s+năm\s+{_Y}(?!\w)", re.IGNORECASE),
        (1, 2, 3),
    ),
    # 2026-09-05
    ("iso", re.compile(rf"(?<![\w/.,-]){_Y}-(\d{{1,2}})-(\d{{1,2}})(?![\d/.-]?\d)"), (3, 2, 1)),
    # 05/9/2026, 05-09-2026, 05.09.2026 (one separator throughout)
    (
        "numeric",
        re.compile(rf"(?<![\w/.,-]){_D}\s?([/.-])\s?{_M}\s?\2\s?{_Y}(?![\d/]|[.,-]\d)"),
        (1, 3, 4),
    ),
    # ngày 15/3 (no year: only after "ngày", "8/12 đơn vị" is a count)
    (
        "numeric",
        re.compile(rf"(?<!\w)(?:ngày)\s+{_D}\s?[/.-]\s?{_M}(?![\d/]|[.,-]\d)", re.IGNORECASE),
        (1, 2, 0),
    ),
]

# Words every match of the pattern at the same index contains, in lower case: a text without
# one of them is not searched with that pattern (the scans of a long text add up). Each word
# is written literally in its pattern and has no letter that IGNORECASE matches beyond
# str.lower() (as "i" matches the dotless "ı"); tests/vi/test_dates.py checks the table.
_DATE_NEEDS: list[tuple[str, ...]] = [("ngày", "tháng"), ("tháng", "năm"), ("-",), (), ("ngày",)]


@dataclass(frozen=True)
class DateMention:
    """A date written in a text. ``year`` is ``None`` when the text gives none.

    ``style``: ``long`` (ngày … tháng … năm …), ``numeric`` (dd/mm/yyyy and its variants) or
    ``iso``. :attr:`date` is the calendar date, or ``None`` without a year or for an
    impossible day (31/02/2026).
    """

    text: str
    start: int
    end: int
    day: int
    month: int
    year: int | None
    style: str

    kind = "date"

    @property
    def date(self) -> _dt.date | None:
        if self.year is None:
            return None
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def key(self) -> str:
        """``"5/9/2026"`` or ``"5/9"``: equal for every spelling of the same day."""
        base = f"{self.day}/{self.month}"
        return base if self.year is None else f"{base}/{self.year}"


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    for s, e in taken:  # a loop: cheaper than any() over a generator
        if start < e and s < end:
            return True
    return False


def find_dates(text: str) -> list[DateMention]:
    """Every date mentioned in ``text`` (in order; spans index ``nfc(text)``).

    Day and month must be in range (1–31, 1–12); a "date" such as 31/02 is still reported
    (its :attr:`DateMention.date` is ``None``) so that a grader can flag it.
    """
    text = nfc(text)
    low = text.lower()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for (style, rx, (gd, gm, gy)), needs in zip(_DATE_PATTERNS, _DATE_NEEDS, strict=True):
        if not all(w in low for w in needs):
            continue
        for m in rx.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            day, month = int(m.group(gd)), int(m.group(gm))
            year = int(m.group(gy)) if gy and m.group(gy) else None
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            found.append(DateMention(m.group(0), m.start(), m.end(), day, month, year, style))
            taken.append(m.span())
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str | _dt.date, *, iso: bool = True) -> _dt.date:
    """One date written any way :func:`find_dates` reads -> ``datetime.date``.

    Surrounding spaces, a leading "ngày"/"Ngày:" and a final full stop are allowed; anything
    else (two dates, no year, 31/02) raises ``ValueError`` with a Vietnamese sentence.
    ``iso=False`` refuses ``2026-11-05``: for a field an official fills in, where the ISO form
    is a slip to report, not a form of Vietnamese documents.
    """
    if isinstance(text, _dt.datetime):
        return text.date()
    if isinstance(text, _dt.date):
        return text
    s = nfc(str(text)).strip()
    s = re.sub(r"^ngày\s*:\s*", "", s, flags=re.IGNORECASE).rstrip(". ")
    found = find_dates(s)
    if len(found) == 1:
        d = found[0]
        rest = (s[: d.start] + s[d.end :]).strip()
        if rest.lower() in ("", "ngày") and (iso or d.style != "iso"):
            if d.year is None:
                raise ValueError(f"Ngày “{text}” chưa ghi năm (ví dụ: 05/9/2026).")
            if d.date is None:
                raise ValueError(f"Không có ngày “{text}” trong lịch.")
            return d.date
    raise ValueError(
        f"Không đọc được ngày “{text}” (viết như 05/9/2026 hoặc ngày 05 tháng 9 năm 2026)."
    )


def format_date(d: _dt.date) -> str:
    """``dd/mm/yyyy``: ``format_date(date(2026, 11, 23)) == "23/11/2026"``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_date_long(d: _dt.date) -> str:
    """Decree 30's form: ``ngày 05 tháng 3 năm 2026``, ``ngày 15 tháng 02 năm 2026``.

    Decree 30/2020/NĐ-CP (Phụ lục I): a leading zero only for days below 10 and months 1, 2.
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


# --- periods: months, quarters, halves, years ------------------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("first_months", re.compile(r"(?i)\b(\d{1,2})\s+tháng\s+đầu\s+năm(?:\s+(\d{4}))?\b")),
    (
        "months_range",
        re.compile(
            r"(?i)\btừ\s+tháng\s+(\d{1,2})(?:/(\d{4}))?\s+(?:đến|tới)\s+(?:hết\s+)?tháng\s+"
            r"(\d{1,2})(?:\s*(?:/|năm\s+)(\d{4}))?\b"
        ),
    ),
    ("month", re.compile(r"(?i)\btháng\s+(\d{1,2})\s*(?:/|năm\s+)(\d{4})\b")),
    ("month", re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})\b")),
    ("month_noyear", re.compile(r"(?i)\btháng\s+(\d{1,2})(?![\d/]|[.,]\d)")),
    ("quarter", re.compile(r"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|năm\s+)(\d{4}))?")),
    ("half", re.compile(r"(?i)\b(6)\s+tháng\s+cuối\s+năm(?:\s+(\d{4}))?\b")),
    ("year", re.compile(r"(?i)\bnăm\s+(\d{4})\b")),
]

# As _DATE_NEEDS, for _PERIOD_PATTERNS.
_PERIOD_NEEDS: list[tuple[str, ...]] = [
    ("tháng", "đầu", "năm"),
    ("từ", "tháng"),
    ("tháng",),
    ("/",),
    ("tháng",),
    ("quý",),
    ("tháng", "năm"),
    ("năm",),
]


@dataclass(frozen=True)
class PeriodMention:
    """A month, a run of months or a year written in a text ("tháng 10/2026", "quý III/2026",
    "6 tháng đầu năm 2026", "năm 2026"). A missing year is ``None``.

    ``granularity`` and ``value``: ``"month"`` (year, month), ``"months"`` (year, first month,
    last month) or ``"year"`` (year,).
    """

    text: str
    start: int
    end: int
    granularity: str
    value: tuple

    kind = "period"


def _period(kind: str, g: tuple) -> tuple[str, tuple] | None:
    year = int(g[-1]) if g[-1] else None
    if kind == "month":
        mo = int(g[0])
        return ("month", (int(g[1]), mo)) if 1 <= mo <= 12 else None
    if kind == "month_noyear":
        mo = int(g[0])
        return ("month", (None, mo)) if 1 <= mo <= 12 else None
    if kind == "months_range":
        a, b = int(g[0]), int(g[2])
        first_year = int(g[1]) if g[1] else None
        return ("months", (year or first_year, a, b)) if 1 <= a <= b <= 12 else None
    if kind == "first_months":
        n = int(g[0])
        return ("months", (year, 1, n)) if 1 <= n <= 12 else None
    if kind == "half":
        return ("months", (year, 7, 12))
    if kind == "quarter":
        q = _ROMAN.get(g[0].upper()) or int(g[0])
        return ("months", (year, 3 * q - 2, 3 * q))
    return ("year", (int(g[0]),))


def find_periods(text: str, dates: list[DateMention] | None = None) -> list[PeriodMention]:
    """Every month, run of months, quarter, half-year and year named in ``text``, outside the
    days :func:`find_dates` finds (spans index ``nfc(text)``). ``dates``: ``find_dates(text)``
    when the caller has it already (not searched again)."""
    text = nfc(text)
    taken = [(d.start, d.end) for d in (find_dates(text) if dates is None else dates)]
    low = text.lower()
    found: list[PeriodMention] = []
    for (kind, rx), needs in zip(_PERIOD_PATTERNS, _PERIOD_NEEDS, strict=True):
        if not all(w in low for w in needs):
            continue
        for m in rx.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            info = _period(kind, m.groups())
            if info is None:
                continue
            found.append(PeriodMention(m.group(0), m.start(), m.end(), *info))
            taken.append(m.span())
    found.sort(key=lambda p: p.start)
    return found


# --- clock times -----------------------------------------------------------------------------

_PART_OF_DAY = r"(?:\s+(sáng|trưa|chiều|tối|đêm))?"
_TIME_PATTERNS: list[re.Pattern[str]] = [
    # 8 giờ, 8 giờ 00, 8 giờ 30 phút, 8h, 14h30, 8 giờ 5 phút, 2 giờ chiều
    re.compile(
        r"(?<![\w/.,:])(\d{1,2})\s*(?:giờ|h)(?:\s*(\d{2})(?:\s*phút)?|\s*(\d{1,2})\s*phút)?(?!\w)"
        + _PART_OF_DAY
        + r"(?!\w)",
        re.IGNORECASE,
    ),
    # 08:00, 8:30 (not 10:30:00's seconds, not a ratio "1:2")
    re.compile(r"(?<![\w/.,:])(\d{1,2}):(\d{2})(?![\d:])()" + _PART_OF_DAY + r"(?!\w)"),
]


@dataclass(frozen=True)
class TimeMention:
    """A clock time written in a text ("8 giờ 30", "14h30", "08:00"); ``hour`` is 0–23."""

    text: str
    start: int
    end: int
    hour: int
    minute: int

    kind = "time"

    @property
    def time(self) -> _dt.time:
        return _dt.time(self.hour, self.minute)

    @property
    def key(self) -> str:
        """``"8:00"``: equal for every spelling of the same time."""
        return f"{self.hour}:{self.minute:02d}"


def find_times(text: str) -> list[TimeMention]:
    """Every clock time in ``text`` (spans index ``nfc(text)``); hours above 23 or minutes
    above 59 are not times ("48 giờ" is a duration) and are left out."""
    text = nfc(text)
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    for rx in _TIME_PATTERNS:
        for m in rx.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            hour = int(m.group(1))
            minute = int(m.group(2) or m.group(3) or 0)
            part = (m.group(4) or "").lower()
            if part in ("chiều", "tối") and 1 <= hour < 12:
                hour += 12
            elif part == "đêm" and hour == 12:
                hour = 0
            if not (0 <= hour <= 23 and 0 <= minute <= 59):
                continue
            found.append(TimeMention(m.group(0), m.start(), m.end(), hour, minute))
            taken.append(m.span())
    found.sort(key=lambda t: t.start)
    return found


def parse_time(text: str | _dt.time) -> _dt.time:
    """One clock time (``8 giờ 00``, ``8h``, ``08:00``, ``8 giờ 30 phút``, ``14h30``) ->
    ``datetime.time``; anything else raises ``ValueError`` with a Vietnamese sentence."""
    if isinstance(text, _dt.time):
        return text
    s = nfc(str(text)).strip().rstrip(".")
    s = re.sub(r"^(?:lúc|vào lúc)\s+", "", s, flags=re.IGNORECASE)
    found = find_times(s)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s):
        return found[0].time
    raise ValueError(f"Không đọc được giờ “{text}” (viết như 8 giờ 00 hoặc 14h30).")


def format_time(t: _dt.time) -> str:
    """``format_time(time(8, 0)) == "8 giờ 00"``, ``time(14, 30)`` -> ``"14 giờ 30"``."""
    return f"{t.hour} giờ {t.minute:02d}"
