"""The fast scans of the detector find exactly what plain whole-text scans find.

Issue 20 item 11 (a 10 MB ``privacy scan`` in <= 5 s) made the detector try its keyword patterns
only where their literal start occurs (aiwork/privacy/anchors.py), look for numbers only in runs
of digits, and read runs of capitalised words only around surnames. Each shortcut is compared
here with the whole-text scan it replaces, on the labelled sets and on tricky strings.
"""

from __future__ import annotations

import re

import pytest

from aiwork.privacy import anchors, dataset
from aiwork.privacy import detector as D
from aiwork.privacy import patterns as P

TRICKY = "\n".join(
    [
        "Ông/Bà Nguyễn Văn A, thường trú tại: thôn 3; tạm trú tại tổ 5. ngày sinh: 01/02/1990",
        "ngày, tháng, năm sinh 12/3/1985 - SN1990 - sn 1970 - Sinh năm 1969; NGÀY SINH: 2/2/2002",
        "Ông Chủ tịch UBND Lê Văn Tám Nguyễn Thị Hoa Trần Văn Bình Phạm Thị Lan Võ Văn Kiệt",
        "ÔNG NGUYỄN VĂN AN; bà Ksor H'Hen; Họ và tên: Y Moan; Tôi tên là Hồ Văn Cường",
        "ở thôn Plei Ku; sống tại tổ 12; nhà ở số 5 hẻm 3; tại hẻm 45 Bạch Đằng; chỗ ở hiện nay: x",
        "Toi ten la Tran Van Hung, o thon 4, xa Phu My, sdt 0905 111 333, sinh nam 1980.",
        "x Nguyễn Văn Bình (Nguyễn Thị Hoa) 5Nguyễn Văn A; AB Lê Thị Hồng Nhung Hà Nội Mới",
        "0905 123 456 0912 345 678; (+84) 905.123.456; 052 089 001 234; 4100123456-001",
        "77A-123.45 77-B1 234.56 C1234567 GD4525201234567 AB12345678 123456 77A-1234",
        "| STT | Họ tên | Năm sinh | Số tài khoản |",
        "| 1 | Y Moan | 1962 | 1903 6688 9999 01 |",
    ]
)


def _texts() -> list[str]:
    docs = dataset.load_all()
    return [TRICKY, "\n".join(d.text for d in docs)] + [d.text for d in docs[:40]]


KEYWORD_PATTERNS = ["DOB_RE", "ADDRESS_TRIGGER_RE", "NAME_TITLE_RE", "NAME_LABEL_RE"]


@pytest.mark.parametrize("name", KEYWORD_PATTERNS)
@pytest.mark.parametrize("namespace", [P, P.UNACCENTED], ids=["accented", "unaccented"])
def test_keyword_patterns_are_anchored_and_find_what_a_full_scan_finds(name, namespace):
    rx = getattr(namespace, name)
    assert anchors.anchored(rx).finder is not None, f"{name}: no literal start found (slow scan)"
    for text in _texts():
        low = text.lower()
        assert [m.span() for m in anchors.finditer(rx, text, low)] == [
            m.span() for m in rx.finditer(text)
        ]


def test_literal_starts_of_small_patterns():
    bounded, free = anchors.literal_starts(re.compile(r"(?<!\w)(?:[Ôô]ng|[Bb]à)\s+"))
    assert bounded == {"ông", "bà"} and not free
    assert anchors.literal_starts(re.compile(r"\d+ ngày")) is None  # no literal start
    _, free = anchors.literal_starts(re.compile(r"(?:[Tt]ôi )?tên là", re.I))
    assert free == {"tôi tên là", "tên là"}
    # a start inside another start's match is still tried ("trú" inside "cư trú")
    rx = re.compile(r"cư trú x|trú tại")
    assert [m.group() for m in anchors.finditer(rx, "cư trú tại", "cư trú tại")] == ["trú tại"]


def _untitled_names_by_full_scan(text: str) -> list[tuple[int, D.Finding]]:
    out = []
    for m in D._CAP_SEQ.finditer(text):
        found = D._untitled_name(text, m)
        if found:
            out.append(found)
    return out


def _numbers_by_full_scan(doc: D._Doc) -> set[tuple[int, int]]:
    spans = set()
    for rx in (P.NUMBER_RE, P.PHONE_RE, P.CCCD_GROUPED_RE, P.ACCOUNT_GROUPED_RE):
        for m in rx.finditer(doc.text):
            if sum(c.isdigit() for c in m.group()) >= 6:
                spans.add(m.span())
    return spans


def test_names_numbers_and_codes_equal_full_scans():
    for text in _texts():
        doc = D._Doc(text)
        token = D._PATTERNS.set(P)
        try:
            assert D._untitled_names(doc) == _untitled_names_by_full_scan(text)
            assert D._number_spans(doc) == _numbers_by_full_scan(doc)
            fast = {(f.kind, f.start, f.end) for _, f in D._plates_passports_cards(doc)}
            plates = {("BIEN_SO", *m.span()) for m in P.PLATE_RE.finditer(text)}
            cards = {("BHXH", *m.span()) for m in P.BHYT_CARD_RE.finditer(text)}
            assert plates | cards <= fast
        finally:
            D._PATTERNS.reset(token)


def test_a_long_text_gives_each_document_its_own_findings():
    """Detection is local: documents joined give the findings of each, shifted (and the
    groups of overlapping candidates are settled one by one)."""
    docs = dataset.load_all()[:30]
    joined, expected, at = "", [], 0
    for d in docs:
        expected += [(f.kind, f.start + at, f.end + at) for f in D.detect(d.text)]
        joined += d.text + "\n\n"
        at = len(joined)
    assert [(f.kind, f.start, f.end) for f in D.detect(joined)] == expected
