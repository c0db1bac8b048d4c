"""The one home of Vietnamese text helpers: every feature imports them from here.

Unicode and folding (:mod:`aiwork.vi.text`)
    ``nfc`` · ``fold`` · ``fold_keep_diacritics`` · ``fold_keep_offsets`` ·
    ``strip_diacritics`` · ``fold_key``
Numbers, percentages, money (:mod:`aiwork.vi.numbers`)
    ``parse_number`` · ``format_number`` · ``parse_percent`` · ``format_percent`` ·
    ``parse_amount`` · ``format_amount`` · ``find_numbers`` · ``find_percents`` ·
    ``find_amounts``
Dates and times (:mod:`aiwork.vi.dates`)
    ``parse_date`` · ``format_date`` (23/11/2026) · ``format_date_long`` (Decree 30) ·
    ``find_dates`` · ``find_periods`` (tháng 10/2026, quý III/2026) · ``parse_time`` · ``format_time`` · ``find_times``
Diacritics of text typed without them (:mod:`aiwork.vi.restore`)
    ``DiacriticModel`` (learnt from a body of text; ``marks`` of a question's ambiguous words)
Everything at once (:mod:`aiwork.vi.mentions`)
    ``find_mentions``

Do not define another fold/nfc/number/date helper elsewhere: ``tests/vi/test_one_home.py``
fails if one appears.
"""

from aiwork.vi.dates import (
    DateMention,
    PeriodMention,
    TimeMention,
    find_dates,
    find_periods,
    find_times,
    format_date,
    format_date_long,
    format_time,
    parse_date,
    parse_time,
)
from aiwork.vi.mentions import Mention, find_mentions
from aiwork.vi.numbers import (
    NUMBER_PATTERN,
    NUMBER_WORD_PATTERN,
    NUMBER_WORDS,
    SCALES,
    NumberMention,
    find_amounts,
    find_numbers,
    find_percents,
    format_amount,
    format_number,
    format_percent,
    parse_amount,
    parse_number,
    parse_percent,
)
from aiwork.vi.restore import DiacriticModel
from aiwork.vi.text import (
    fold,
    fold_keep_diacritics,
    fold_keep_offsets,
    fold_key,
    nfc,
    strip_diacritics,
)

__all__ = [
    "NUMBER_PATTERN",
    "NUMBER_WORDS",
    "NUMBER_WORD_PATTERN",
    "SCALES",
    "DateMention",
    "DiacriticModel",
    "Mention",
    "NumberMention",
    "PeriodMention",
    "TimeMention",
    "find_amounts",
    "find_dates",
    "find_mentions",
    "find_numbers",
    "find_percents",
    "find_periods",
    "find_times",
    "fold",
    "fold_keep_diacritics",
    "fold_keep_offsets",
    "fold_key",
    "format_amount",
    "format_date",
    "format_date_long",
    "format_number",
    "format_percent",
    "format_time",
    "nfc",
    "parse_amount",
    "parse_date",
    "parse_number",
    "parse_percent",
    "parse_time",
    "strip_diacritics",
]
