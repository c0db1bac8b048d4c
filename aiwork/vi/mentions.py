"""Every date, time, amount, percentage and number in a text, without double counting."""

from __future__ import annotations

from aiwork.vi.dates import DateMention, TimeMention, find_dates, find_times
from aiwork.vi.numbers import NumberMention, find_amounts, find_numbers, find_percents

__all__ = ["Mention", "find_mentions"]

Mention = DateMention | TimeMention | NumberMention


def find_mentions(text: str) -> list[Mention]:
    """All mentions in order of appearance; each has ``kind``, ``text``, ``start``, ``end``.

    Where spans overlap the more specific kind wins: date, then time, amount, percent, number
    ("05/9/2026" is one date, not three numbers; "11.547.000 đồng" one amount). Spans index
    ``nfc(text)``.
    """
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for finder in (find_dates, find_times, find_amounts, find_percents, find_numbers):
        for m in finder(text):
            if any(m.start < e and s < m.end for s, e in taken):
                continue
            found.append(m)
            taken.append((m.start, m.end))
    found.sort(key=lambda m: m.start)
    return found
