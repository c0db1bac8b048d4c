"""Vietnamese numbers, percentages and amounts of money: parse, format, find in text.

Vietnamese writes ``1.234,5`` (a dot groups thousands, a comma marks decimals), ``84,5%``,
``11.547.000 đồng``, ``1,2 tỷ đồng``. Assistants trained on English text also write
``1,234.5`` and ``12.5%``; both are read.

Rules for a number with one kind of separator (documented because they are ambiguous):

- only dots: thousands when the first group has at most 3 digits and every later group
  exactly 3 (``1.480`` is one thousand four hundred and eighty, as in Vietnamese), otherwise a
  decimal point (``12.5``, ``1234.5``);
- only commas: thousands when there are two or more commas, each followed by 3 digits
  (``1,234,567``); otherwise a single comma is the Vietnamese decimal comma (``1,234`` is
  1.234, ``1234,5`` is 1234.5);
- both: the last separator is the decimal one (``1.234,5`` and ``1,234.5`` are 1234.5).

Anything else (``1.2.3``, ``12,34,56``) raises ``ValueError``.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from aiwork.vi.text import nfc

__all__ = [
    "NUMBER_PATTERN",
    "NUMBER_WORDS",
    "NUMBER_WORD_PATTERN",
    "SCALES",
    "NumberMention",
    "find_amounts",
    "find_numbers",
    "find_percents",
    "format_amount",
    "format_number",
    "format_percent",
    "parse_amount",
    "parse_number",
    "parse_percent",
]

# The numbers one to ten written as words, folded (no diacritics, as learners type them and as
# folded text reads): "câu hai", "bước thứ ba", "sáu thành phần", "mô-đun tư".
NUMBER_WORDS: dict[str, int] = dict(
    mot=1, hai=2, ba=3, bon=4, tu=4, nam=5, sau=6, bay=7, tam=8, chin=9, muoi=10
)
#: Any of NUMBER_WORDS, as a non-capturing regular-expression group.
NUMBER_WORD_PATTERN = "(?:" + "|".join(NUMBER_WORDS) + ")"

# Scale words written after a number ("1,2 triệu", "3 nghìn").
SCALES: dict[str, float] = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}

#: A run of digits with optional ``.``/``,`` separators (the shape; parse_number decides).
NUMBER_PATTERN = r"\d+(?:[.,]\d+)*"

_NUMBER_FULL = re.compile(NUMBER_PATTERN)
_NUMBER_RE = re.compile(rf"(?<![\w.,/-])({NUMBER_PATTERN})(?![\w/])")
_SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
# "đồng", "VNĐ"/"VND"/"vnđ", or "đ" written right after the figure ("500.000đ").
_CURRENCY = r"(?:\s*(?:đồng|vnđ|vnd)(?!\w)|đ(?!\w))"
_AMOUNT_RE = re.compile(
    rf"(?<![\w.,/-])({NUMBER_PATTERN})(?:\s*({_SCALE}))?{_CURRENCY}", re.IGNORECASE
)
_PERCENT_RE = re.compile(rf"(?<![\w.,/-])({NUMBER_PATTERN})\s*(?:%|phần\s+trăm(?!\w))", re.I)


def parse_number(token: str) -> tuple[float, int]:
    """One number token (module rules above) -> ``(value, decimals printed)``.

    ``parse_number("1.234,5") == (1234.5, 1)``; ``parse_number("1.480") == (1480.0, 0)``.
    """
    return _parse_token(nfc(token).strip())


@functools.lru_cache(maxsize=65536)
def _parse_token(token: str) -> tuple[float, int]:
    """:func:`parse_number` of an NFC, stripped token. Memoised: a long text repeats its
    tokens (a 10 MB narrative has ~170,000 numbers, few distinct); errors are not kept."""
    if not _NUMBER_FULL.fullmatch(token):
        raise ValueError(f"Không phải là số: “{token}”.")
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        dec_sep = "." if token.rfind(".") > token.rfind(",") else ","
        int_part, frac = token.rsplit(dec_sep, 1)
        groups = re.split(r"[.,]", int_part)
        if any(len(g) != 3 for g in groups[1:]) or len(groups[0]) > 3:
            raise ValueError(f"Số viết chưa rõ: “{token}”.")
        int_part = "".join(groups)
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
                raise ValueError(f"Số viết chưa rõ: “{token}”.")
            int_part, frac = groups
    else:
        int_part, frac = token, ""
    value = float(f"{int(int_part)}.{frac}") if frac else float(int(int_part))
    return value, len(frac)


_NEGATIVE_ZERO = re.compile(r"-0(?:\.0*)?")


def format_number(value: float, decimals: int | None = 0) -> str:
    """Vietnamese format: ``.`` groups thousands, ``,`` marks decimals.

    ``format_number(1234.5, 1) == "1.234,5"``; with ``decimals=None`` as many decimals as the
    value needs, at most 2 (``format_number(14.68, None) == "14,68"``,
    ``format_number(15.0, None) == "15"``): the form for scores.
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if decimals is None:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if text[:1] == "-" and _NEGATIVE_ZERO.fullmatch(text):
        text = text[1:]  # no "-0" for a value rounded to zero
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_percent(value: float, decimals: int | None = 1) -> str:
    """``format_percent(84.5) == "84,5%"`` (the value is already in percent)."""
    return format_number(value, decimals) + "%"


def format_amount(value: float, unit: str = "đồng") -> str:
    """Money as written in administrative texts: ``format_amount(11547000) ==
    "11.547.000 đồng"``; ``unit`` may be ``"triệu đồng"`` or ``"tỷ đồng"``, then ``value`` is
    in that unit (``format_amount(1.25, "tỷ đồng") == "1,25 tỷ đồng"``)."""
    decimals = 0 if unit == "đồng" else None
    return f"{format_number(value, decimals)} {unit}"


def _scaled(number: str, scale: str | None) -> float:
    value = parse_number(number)[0]
    return value * SCALES[scale.lower()] if scale else value


def parse_percent(text: str) -> float:
    """``"84,5%"``, ``"84,5 %"``, ``"12 phần trăm"`` -> the value in percent (84.5)."""
    m = _PERCENT_RE.fullmatch(nfc(text).strip())
    if not m:
        raise ValueError(f"Không đọc được tỷ lệ phần trăm: “{text}”.")
    return parse_number(m.group(1))[0]


def parse_amount(text: str) -> float:
    """An amount of money in đồng: ``"11.547.000 đồng"`` -> 11547000.0, ``"1,2 tỷ đồng"`` ->
    1.2e9, ``"500.000đ"``, ``"2 triệu VNĐ"``."""
    m = _AMOUNT_RE.fullmatch(nfc(text).strip())
    if not m:
        raise ValueError(f"Không đọc được số tiền: “{text}”.")
    return _scaled(m.group(1), m.group(2))


@dataclass(frozen=True)
class NumberMention:
    """A number found in a text: ``kind`` is ``number``, ``percent`` or ``amount``.

    ``value`` is the number (percent: in percent; amount: in đồng, scale words applied);
    ``decimals`` the decimals printed; ``start``/``end`` index ``nfc(text)``.
    """

    kind: str
    text: str
    start: int
    end: int
    value: float
    decimals: int = 0


def _finditer(rx: re.Pattern[str], kind: str, text: str) -> list[NumberMention]:
    out = []
    for m in rx.finditer(nfc(text)):
        try:
            value, decimals = _parse_token(m.group(1))  # a token of NUMBER_PATTERN: NFC, no spaces
        except ValueError:
            continue
        if kind == "amount" and m.group(2):
            value *= SCALES[m.group(2).lower()]
        out.append(NumberMention(kind, m.group(0), m.start(), m.end(), value, decimals))
    return out


def find_amounts(text: str) -> list[NumberMention]:
    """Every amount of money in đồng ("11.547.000 đồng", "1,2 tỷ đồng", "500.000đ")."""
    return _finditer(_AMOUNT_RE, "amount", text)


def find_percents(text: str) -> list[NumberMention]:
    """Every percentage ("84,5%", "12 phần trăm")."""
    return _finditer(_PERCENT_RE, "percent", text)


def find_numbers(text: str) -> list[NumberMention]:
    """Every bare number token (also those inside amounts and percentages, not inside codes
    such as "30/2020" or "A1"); tokens that are not a number by the rules are skipped."""
    return _finditer(_NUMBER_RE, "number", text)
