"""Names of places and people as a prompt writes them (the mock's small entity finder).

Places: an administrative unit and its name ("tỉnh Gia Lai", "phường Quy Nhơn", "xã Ia Grai",
"thành phố Hà Nội"), or a capitalised name after a preposition of place ("ở Hà Nội",
"tại Pleiku", "đến Đà Nẵng", "in Hanoi"). People: a capitalised name after a form of address
or a naming phrase ("ông Nguyễn Văn An", "chị Lan", "tên là Trần Thị Bình", "công dân Lê Văn
Cường"). Dates, times and numbers are read by :mod:`aiwork.vi`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiwork.vi import nfc

_UNIT = (
    r"(?:tỉnh|thành phố|TP\.?|phường|xã|huyện|quận|thị xã|thị trấn|thôn|làng|buôn|"
    r"tổ dân phố|khu phố|ấp|bản)"
)
# Up to six words; the capitalised run at their start is kept (``_lead``).
_NAME_WORDS = r"[\w'-]+(?:[ \t]+[\w'-]+){0,5}"
_UNIT_PLACE = re.compile(rf"(?<!\w)({_UNIT})\s+({_NAME_WORDS})")
_PREP_PLACE = re.compile(
    rf"(?<!\w)(?:ở|tại|tới|đến|từ|về|thuộc|khu vực|địa bàn|in|at|to|from)\s+({_NAME_WORDS})"
)
_HONORIFIC = re.compile(
    rf"(?<!\w)(?:ông|bà|anh|chị|em|cháu|cô|chú|bác|đồng chí|công dân|tên là|tên|họ tên|"
    rf"họ và tên|người nộp|Ông|Bà|Anh|Chị|Đồng chí|Công dân|Mr\.?|Mrs\.?|Ms\.?)\s*:?\s+"
    rf"({_NAME_WORDS})"
)
# Capitalised words that, first in a run, start a sentence or name a thing (an agency, a
# document, a hall), not a place or a person.
_NOT_NAMES = frozenset(
    """UBND HĐND Sở Phòng Ban Văn Trung Bộ Cục Chi Công Hội Trường Thông Giấy Quyết Kế Báo
    Tờ Nghị Luật Thông tư Chỉ Kính Tôi Chúng Hãy Xin Cho Theo Ngày Tháng Năm Thứ Lúc Khi
    Việt Nam Nhà""".split()
)


@dataclass(frozen=True)
class Place:
    text: str  # as written, with its unit ("tỉnh Gia Lai")
    name: str  # without the unit ("Gia Lai")
    unit: str  # "tỉnh", "" when none is written


def _is_upper_initial(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _lead(words: str) -> str:
    """The run of capitalised words (and numbers after them: "tổ dân phố 5") at the start."""
    kept: list[str] = []
    for word in words.split():
        core = word.strip("'-")
        if _is_upper_initial(core) and not (not kept and core in _NOT_NAMES):
            kept.append(core)
        elif kept and core.isdigit():
            kept.append(core)
        else:
            break
    return " ".join(kept)


def places(text: str) -> list[Place]:
    text = nfc(text)
    found: list[tuple[int, Place]] = []
    taken: list[tuple[int, int]] = []
    for m in _UNIT_PLACE.finditer(text):
        name = _lead(m.group(2)) or (m.group(2).split()[0] if m.group(2)[:1].isdigit() else "")
        if name:
            unit = m.group(1)
            found.append((m.start(), Place(f"{unit} {name}", name, unit.lower())))
            taken.append((m.start(), m.end()))
    for m in _PREP_PLACE.finditer(text):
        if any(s <= m.start(1) < e for s, e in taken):
            continue
        name = _lead(m.group(1))
        if not name:
            continue
        found.append((m.start(1), Place(name, name, "")))
    found.sort(key=lambda x: x[0])
    out: list[Place] = []
    for _, place in found:
        if place.name not in {p.name for p in out}:
            out.append(place)
    return out


def people(text: str) -> list[str]:
    text = nfc(text)
    out: list[str] = []
    for m in _HONORIFIC.finditer(text):
        name = _lead(m.group(1))
        if name and name not in out and not any(name == p.name for p in places(text)):
            out.append(name)
    return out
