"""aiwork.vi.dates: the date and time forms officials write (EXERCISE_STANDARD §2)."""

import datetime as dt
import random
import unicodedata

import pytest

from aiwork.vi import (
    find_dates,
    find_mentions,
    find_times,
    format_date,
    format_date_long,
    format_time,
    parse_date,
    parse_time,
)

SEP_5 = dt.date(2026, 9, 5)


@pytest.mark.parametrize(
    "text",
    [
        "05/9/2026",
        "5/9/2026",
        "05/09/2026",
        "05-09-2026",
        "05.09.2026",
        "ngày 05 tháng 9 năm 2026",
        "Ngày 5 tháng 09 năm 2026",
        "05 tháng 9 năm 2026",
        "ngày 5/9/2026",
        "Ngày: 05/9/2026.",
        "2026-09-05",
        " 5 / 9 / 2026 ",
        unicodedata.normalize("NFD", "ngày 05 tháng 9 năm 2026"),
    ],
)
def test_parse_date_accepts_every_form(text):
    assert parse_date(text) == SEP_5


@pytest.mark.parametrize(
    "text",
    ["", "05/9", "ngày 15 tháng 3", "31/02/2026", "5/13/2026", "05/9/2026 và 06/9/2026", "hôm nay"],
)
def test_parse_date_refuses_with_a_vietnamese_sentence(text):
    with pytest.raises(ValueError, match="ngày|Ngày"):
        parse_date(text)


def test_parse_date_iso_can_be_refused():
    assert parse_date("2026-09-05") == SEP_5
    with pytest.raises(ValueError):
        parse_date("2026-09-05", iso=False)
    assert parse_date("05/9/2026", iso=False) == SEP_5


def test_format_date_and_decree30_long_form():
    assert format_date(dt.date(2026, 11, 23)) == "23/11/2026"
    assert format_date(dt.date(2026, 3, 5)) == "05/03/2026"
    # Decree 30: leading zero only for days < 10 and months 1 and 2.
    assert format_date_long(dt.date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert format_date_long(dt.date(2026, 2, 15)) == "ngày 15 tháng 02 năm 2026"
    assert format_date_long(dt.date(2026, 1, 9)) == "ngày 09 tháng 01 năm 2026"
    assert format_date_long(dt.date(2026, 12, 10)) == "ngày 10 tháng 12 năm 2026"


def test_date_round_trips():
    rng = random.Random(3)
    start = dt.date(1990, 1, 1)
    for _ in range(1000):
        d = start + dt.timedelta(days=rng.randint(0, 20000))
        assert parse_date(format_date(d)) == d
        assert parse_date(format_date_long(d)) == d
        assert parse_date(d.isoformat()) == d
        assert parse_date(f"{d.day}/{d.month}/{d.year}") == d
        [found] = find_dates(f"Hạn nộp: {format_date_long(d)}.")
        assert found.date == d


def test_find_every_date_with_spans():
    text = (
        "Hội nghị ngày 05/9/2026 (ngày 5 tháng 9 năm 2026), báo cáo trước ngày 15/3; "
        "số liệu đến 2026-11-23; 8/12 đơn vị đạt; văn bản 30/2020/NĐ-CP; 31/02/2026."
    )
    found = find_dates(text)
    assert [text[d.start : d.end] for d in found] == [d.text for d in found]
    assert [d.key for d in found] == ["5/9/2026", "5/9/2026", "15/3", "23/11/2026", "31/2/2026"]
    assert [d.date for d in found] == [SEP_5, SEP_5, None, dt.date(2026, 11, 23), None]


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("8 giờ 00", 8, 0),
        ("8h", 8, 0),
        ("08:00", 8, 0),
        ("8 giờ 30 phút", 8, 30),
        ("14h30", 14, 30),
        ("14 giờ", 14, 0),
        ("8 giờ 5 phút", 8, 5),
        ("2 giờ chiều", 14, 0),
        ("lúc 7h30 sáng", 7, 30),
    ],
)
def test_parse_time(text, hour, minute):
    assert parse_time(text) == dt.time(hour, minute)


@pytest.mark.parametrize("text", ["", "25 giờ", "8h61", "8 giờ kém", "8ha", "1:2:3"])
def test_parse_time_refuses(text):
    with pytest.raises(ValueError, match="giờ"):
        parse_time(text)


def test_time_round_trip_and_find():
    for hour in range(24):
        for minute in (0, 5, 30, 59):
            t = dt.time(hour, minute)
            assert parse_time(format_time(t)) == t
            assert parse_time(f"{hour}h{minute:02d}") == t
            assert parse_time(t.strftime("%H:%M")) == t
    text = "Họp từ 8 giờ 00 đến 11h30, diện tích 8ha, lúc 14:00 ngày 05/9/2026."
    assert [(t.key, t.text) for t in find_times(text)] == [
        ("8:00", "8 giờ 00"),
        ("11:30", "11h30"),
        ("14:00", "14:00"),
    ]


def test_find_mentions_no_double_counting():
    text = "Lúc 8 giờ 30 ngày 05/9/2026, chi 11.547.000 đồng (84,5%) cho 12 người."
    kinds = [(m.kind, m.text) for m in find_mentions(text)]
    assert kinds == [
        ("time", "8 giờ 30"),
        ("date", "05/9/2026"),
        ("amount", "11.547.000 đồng"),
        ("percent", "84,5%"),
        ("number", "12"),
    ]


# Texts where every date and period pattern has something to find, in several cases.
_SKIP_CHECK_TEXTS = [
    "Ngày 05 tháng 9 năm 2026, ngày 5/9, 2026-09-05, 05.09.2026 và 15 tháng 3, năm 2026.",
    "NGÀY 5 THÁNG 9 NĂM 2026; Quý III/2026, quý 2 năm 2025, 6 Tháng Đầu Năm 2026.",
    "Từ tháng 1/2026 đến hết tháng 3 năm 2026; 6 tháng cuối năm 2026; tháng 10; 10/2026.",
    "TỪ THÁNG 2 TỚI THÁNG 4/2026, NĂM 2027, QUÝ IV, 6 THÁNG CUỐI NĂM.",
    "Không có ngày tháng nào ở đây: 12,5% và 1.234 hồ sơ, mã A-1/B.",
    "Xuất từ phần mềm 2026-09-05, ngày 15.3",
    "Quý 3 năm 2026",
    "Trong quý IV/2026; QUÝ 1",
]


def test_patterns_are_skipped_only_when_they_cannot_match(monkeypatch):
    """find_dates/find_periods skip a pattern when the text lacks a word each of its matches
    contains (_DATE_NEEDS, _PERIOD_NEEDS): each word is in its pattern, has no letter that
    IGNORECASE matches beyond str.lower(), and skipping changes no result."""
    from aiwork.vi import dates

    tables = [
        (dates._DATE_PATTERNS, dates._DATE_NEEDS, 1),
        (dates._PERIOD_PATTERNS, dates._PERIOD_NEEDS, 1),
    ]
    for patterns, needs, rx_index in tables:
        assert len(patterns) == len(needs)
        for entry, words in zip(patterns, needs, strict=True):
            source = entry[rx_index].pattern.lower()
            for w in words:
                assert w in source, (w, source)
                assert not set(w) & set("iskµ"), w  # letters with extra IGNORECASE matches
    texts = [*_SKIP_CHECK_TEXTS, *(t.lower() for t in _SKIP_CHECK_TEXTS)]
    with_skips = [(dates.find_dates(t), dates.find_periods(t)) for t in texts]
    monkeypatch.setattr(dates, "_DATE_NEEDS", [()] * len(dates._DATE_NEEDS))
    monkeypatch.setattr(dates, "_PERIOD_NEEDS", [()] * len(dates._PERIOD_NEEDS))
    without = [(dates.find_dates(t), dates.find_periods(t)) for t in texts]
    assert with_skips == without
    assert all(d or p for d, p in with_skips[:4])
