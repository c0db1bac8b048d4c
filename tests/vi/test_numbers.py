"""aiwork.vi.numbers: Vietnamese numbers, percentages, amounts (tables and round trips)."""

import random
import re

import pytest

from aiwork.vi import (
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


@pytest.mark.parametrize(
    ("token", "value", "decimals"),
    [
        ("1.234,5", 1234.5, 1),
        ("1234,5", 1234.5, 1),
        ("1.480", 1480.0, 0),
        ("11.547.000", 11547000.0, 0),
        ("1234.5", 1234.5, 1),  # unambiguous decimal point
        ("12.5", 12.5, 1),
        ("1,234.5", 1234.5, 1),  # English style from assistants
        ("1,234,567", 1234567.0, 0),
        ("1,234", 1.234, 3),  # one comma: the Vietnamese decimal comma
        ("84,5", 84.5, 1),
        ("05", 5.0, 0),
        (" 7 ", 7.0, 0),
    ],
)
def test_parse_number(token, value, decimals):
    assert parse_number(token) == (value, decimals)


@pytest.mark.parametrize("token", ["", "abc", "1.2.3", "12,34,56", "1.23,4", "1,2.3.4", "-"])
def test_parse_number_refuses(token):
    with pytest.raises(ValueError):
        parse_number(token)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5, 1, "1.234,5"),
        (11547000, 0, "11.547.000"),
        (14.68, None, "14,68"),
        (15.0, None, "15"),
        (0.1 + 0.2, None, "0,3"),
        (-1234.5, 2, "-1.234,50"),
        (-0.001, 1, "0,0"),
        (999.999, 2, "1.000,00"),
    ],
)
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


def test_format_number_refuses_nan():
    with pytest.raises(ValueError):
        format_number(float("nan"))


def test_round_trip_numbers():
    rng = random.Random(11)
    for _ in range(2000):
        decimals = rng.randint(0, 3)
        value = round(rng.uniform(0, 10 ** rng.randint(0, 10)), decimals)
        text = format_number(value, decimals)
        parsed, printed = parse_number(text)
        if decimals == 0 or "," in text:
            assert parsed == pytest.approx(value, abs=10**-decimals / 2), (value, text)
        if decimals:
            assert printed == decimals
        assert format_number(parsed, decimals) == text


def test_percent_and_amount():
    assert parse_percent("84,5%") == 84.5
    assert parse_percent("84,5 %") == 84.5
    assert parse_percent("12 phần trăm") == 12
    assert format_percent(84.5) == "84,5%"
    assert parse_amount("11.547.000 đồng") == 11547000
    assert parse_amount("1,2 tỷ đồng") == 1.2e9
    assert parse_amount("2 triệu VNĐ") == 2e6
    assert parse_amount("500.000đ") == 500000
    assert parse_amount("3 nghìn đồng") == 3000
    assert format_amount(11547000) == "11.547.000 đồng"
    assert format_amount(1.25, "tỷ đồng") == "1,25 tỷ đồng"
    for bad in ("84,5", "đồng", "12%"):
        with pytest.raises(ValueError):
            parse_amount(bad)
    with pytest.raises(ValueError):
        parse_percent("84,5 đồng")


def test_round_trip_amounts_and_percents():
    rng = random.Random(5)
    for _ in range(500):
        amount = rng.randint(0, 10**12)
        assert parse_amount(format_amount(amount)) == amount
        pct = round(rng.uniform(0, 100), 1)
        assert parse_percent(format_percent(pct)) == pytest.approx(pct)


def test_find_in_text_with_spans():
    text = "Kinh phí 11.547.000 đồng, đạt 84,5% kế hoạch; 12 người; văn bản 30/2020/NĐ-CP; 1,2 tỷ đồng."
    amounts = find_amounts(text)
    assert [(a.value, text[a.start : a.end]) for a in amounts] == [
        (11547000, "11.547.000 đồng"),
        (1.2e9, "1,2 tỷ đồng"),
    ]
    [pct] = find_percents(text)
    assert (pct.value, pct.text) == (84.5, "84,5%")
    numbers = [n.text for n in find_numbers(text)]
    assert "12" in numbers and "30" not in numbers and "2020" not in numbers


def test_number_words_are_read_folded_and_whole():
    from aiwork.vi import NUMBER_WORD_PATTERN, NUMBER_WORDS, fold

    assert NUMBER_WORDS[fold("bốn")] == NUMBER_WORDS[fold("tư")] == 4
    assert NUMBER_WORDS[fold("mười")] == 10
    words = re.compile(rf"\b{NUMBER_WORD_PATTERN}\b")
    assert [m[0] for m in words.finditer(fold("câu hai, bước thứ ba"))] == ["hai", "ba"]
    assert not words.search(fold("bảo mật, tài liệu"))  # no number inside another word
