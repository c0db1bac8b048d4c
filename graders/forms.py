"""What a learner types, read forgivingly: text answers, labelled-line forms, letter choices.

Learners are officials, not programmers (EXERCISE_STANDARD §1). They answer with prose between
triple quotes, with letters (``"B"``, ``"A, C"``), or with short forms written as labelled lines
inside one text block::

    cong_van = \"\"\"
    Cơ quan ban hành: Sở Khoa học và Công nghệ
    Số, ký hiệu: 35/SKHCN-CĐS
    Kính gửi: UBND các xã, phường
    \"\"\"

Parsing never depends on the learner's typing habits: labels in any order, with or without
diacritics, any case, extra spaces, a leading dash or number, straight or curly quotes around a
value; a value may continue on the following lines. A missing label is reported by its name, in
Vietnamese. nbgrader's solution markers are ignored, so a trainer who runs the source notebook as
it is (markers inside the answer's text) gets the same reading as the stripped reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiwork.vi import fold, fold_keep_offsets, nfc
from graders.core import is_blank

# nbgrader's region markers, as they appear inside a reference answer's text.
_MARKER_LINE = re.compile(
    r"^[ \t]*#{2,}[ \t]*(?:BEGIN|END)[ \t]+(?:SOLUTION|HIDDEN TESTS)[ \t]*$", re.M
)
_QUOTES = "\"'“”‘’«»„`"
# "Label: value" where the label is short; the value may be empty (it continues below).
_LABEL_LINE = re.compile(
    r"^[ \t]*(?:[-*•+][ \t]*|\d{1,2}[.)][ \t]*)?(?P<label>[^:：\n]{1,60}?)[ \t]*[:：][ \t]*(?P<value>.*)$"
)


def answer_text(value: object) -> str | None:
    """The learner's text: NFC, nbgrader markers removed, trimmed; ``None`` when unanswered."""
    if not isinstance(value, str) or is_blank(value):
        return None
    text = _MARKER_LINE.sub("", nfc(value)).strip()
    return None if is_blank(text) else text


def label_key(label: str) -> str:
    """A label reduced to letters and digits: 'Số, ký hiệu' == 'so ky hieu' == 'SỐ/KÝ HIỆU'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(label)).split())


def clean_value(value: str) -> str:
    """A one-line value without surrounding quotes, bullets or spaces."""
    value = value.strip().strip(_QUOTES).strip()
    return " ".join(value.split())


@dataclass(frozen=True)
class Field:
    """One labelled line of a form: the key graders use and the labels a learner may write."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    multiline: bool = False

    def keys(self) -> set[str]:
        return {label_key(x) for x in (self.label, *self.aliases)}


@dataclass
class Form:
    """A parsed form: values by field key, and what is missing or given twice."""

    fields: tuple[Field, ...]
    values: dict[str, str] = field(default_factory=dict)
    missing: list[Field] = field(default_factory=list)
    repeated: list[Field] = field(default_factory=list)

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default)

    def __contains__(self, key: str) -> bool:
        return bool(self.values.get(key))

    def problems(self) -> list[str]:
        """Vietnamese sentences for what the learner must add or fix in the form itself."""
        out = []
        if self.missing:
            names = ", ".join(f"«{f.label}»" for f in self.missing)
            out.append(
                f"Còn thiếu dòng {names}: anh/chị viết thêm dòng đó theo mẫu «Tên dòng: nội dung»."
            )
        for f in self.repeated:
            out.append(f"Dòng «{f.label}» được viết hai lần: anh/chị giữ lại một dòng.")
        return out


def parse_form(text: object, fields: Iterable[Field]) -> Form:
    """Read a labelled-line block. Lines whose label is not a field continue the current value."""
    fields = tuple(fields)
    by_key = {k: f for f in fields for k in f.keys()}
    form = Form(fields)
    body = answer_text(text)
    if body is None:
        form.missing = [f for f in fields if f.required]
        return form
    lines: dict[str, list[str]] = {}
    current: Field | None = None
    for raw in body.split("\n"):
        match = _LABEL_LINE.match(raw)
        found = by_key.get(label_key(match["label"])) if match else None
        if found is not None:
            if found.key in lines and any(x.strip() for x in lines[found.key]):
                form.repeated.append(found)
            current = found
            lines[found.key] = [match["value"]]
        elif current is not None:
            lines[current.key].append(raw)
    for f in fields:
        parts = [x.strip() for x in lines.get(f.key, [])]
        if f.multiline:
            value = "\n".join(p for p in parts if p).strip().strip(_QUOTES).strip()
        else:
            value = clean_value(" ".join(parts))
        if value:
            form.values[f.key] = value
        elif f.required:
            form.missing.append(f)
    return form


# --- letter choices -----------------------------------------------------------------------------

_CHOICE_NOISE = re.compile(r"\b(?:dap an|phuong an|chon|cau tra loi|tra loi|la|va|hoac|and|or)\b")


_LEAD_NOISE = re.compile(r"^(?:dap an|phuong an|chon|nhom|loai|muc|la)\b[\s:.\-]*")
_LEAD_LETTER = re.compile(r"^\(?([a-z])(?![a-z0-9])")


def leading_choice(value: object, allowed: str = "ABCD") -> str | None:
    """The letter a short value starts with, an explanation may follow.

    ``"A"``, ``"b."``, ``"nhóm D (văn bản mật)"``, ``"(C) nội bộ"`` -> the letter; ``None`` when
    the value does not start with one allowed letter ("tùy trường hợp", "A hoặc B").
    """
    text = answer_text(value)
    if text is None:
        return None
    folded = fold(text).strip(" :.-=\t" + _QUOTES)
    for _ in range(2):
        folded = _LEAD_NOISE.sub("", folded)
    match = _LEAD_LETTER.match(folded)
    if not match or match[1].upper() not in allowed.upper():
        return None
    rest = folded[match.end() :]
    # "A hoặc B", "A, B": two letters are not one decision
    if re.match(r"^[\s,;/)]*(?:hoac|va|,|/)\s*\(?[a-z](?![a-z0-9])", rest):
        return None
    return match[1].upper()


def parse_choices(value: object, allowed: str = "ABCD") -> set[str] | None:
    """The letters a learner chose: "B", "b.", "A, C", "A và C", "(A) (C)", "Đáp án: B".

    ``None`` when the answer holds anything but allowed letters and separators (a sentence, a
    letter outside the list), so the caller can ask for letters instead of guessing.
    """
    text = answer_text(value)
    if text is None:
        return None
    folded = _CHOICE_NOISE.sub(" ", fold(text))
    tokens = [t for t in re.split(r"[\s,;/+&().:\-]+", folded) if t]
    letters = {t.upper() for t in tokens}
    if not tokens or not all(len(t) == 1 and t.upper() in allowed.upper() for t in tokens):
        return None
    return letters


def choice_result(
    value: object,
    key: str | None = None,
    *,
    allowed: str = "ABCD",
    multiple: bool = False,
    lesson: str = "",
):
    """Grade a letter answer. Without ``key`` (visible self-checks and test cells): the form
    only, one letter (or several when ``multiple``) among ``allowed``. With ``key`` (passed in
    from a hidden-test block, never stored in an importable module): the letters must be
    exactly the key's. Messages never reveal the key; a wrong answer points to ``lesson``.
    """
    from graders.core import Result

    r = Result()
    letters = parse_choices(value, allowed)
    listed = ", ".join(allowed)
    if letters is None:
        example = '"A, C"' if multiple else '"B"'
        r.add(
            "choice",
            False,
            "",
            f"Anh/chị trả lời bằng chữ cái trong dấu nháy ({listed}), ví dụ {example}.",
        )
        return r
    if not multiple and len(letters) > 1:
        r.add("choice", False, "", "Câu này chỉ chọn một phương án: anh/chị giữ lại một chữ cái.")
        return r
    r.add("choice", True, f"Đã chọn {', '.join(sorted(letters))}.", "")
    if key is not None:
        want = parse_choices(key, allowed)
        see = f" Anh/chị xem lại {lesson}." if lesson else ""
        hint = " (câu này có thể có nhiều phương án đúng)" if multiple else ""
        r.add("key", letters == want, "Đúng.", f"Chưa đúng{hint}.{see}")
    return r


# --- repeated records (few-shot examples, pairs of question and answer) -------------------------


def _split_inline_labels(text: str, fields: tuple[Field, ...]) -> str:
    """Put a known label written mid-line ("... lấn chiếm đất. Nhãn: Đất đai") on a line of
    its own, so "Phản ánh: ... | Nhãn: ..." reads like two lines."""
    labels = sorted({x for f in fields for x in (f.label, *f.aliases)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(fold(x)) for x in labels)
    rx = re.compile(rf"(?<=\S)[ \t]*(?:[|;,.→>–-][ \t]*)+(?=(?:{alternatives})[ \t]*[:：])")
    out = []
    for line in text.split("\n"):
        folded = fold_keep_offsets(line)
        cuts = [m.start() for m in rx.finditer(folded)]
        pieces, last = [], 0
        for cut in cuts:
            m = rx.match(folded, cut)
            assert m is not None
            pieces.append(line[last:cut])
            last = m.end()
        pieces.append(line[last:])
        out.extend(pieces)
    return "\n".join(out)


def parse_records(text: object, fields: Iterable[Field]) -> list[Form]:
    """Several records of labelled lines in one block, e.g. few-shot examples::

        Phản ánh: Nhà bên cạnh lấn chiếm lối đi chung.
        Nhãn: Đất đai

        Phản ánh: Bãi rác tự phát bốc mùi.   Nhãn: Môi trường

    A record ends where a label it already has appears again. Lines before the first label
    (a heading such as "Ví dụ 1") are ignored; a label may follow a separator on the same
    line ("|", "–", "→", ";", ".").
    """
    fields = tuple(fields)
    body = answer_text(text)
    if body is None:
        return []
    body = _split_inline_labels(body, fields)
    by_key = {k: f for f in fields for k in f.keys()}
    chunks: list[list[str]] = []
    seen: set[str] = set()
    for raw in body.split("\n"):
        match = _LABEL_LINE.match(raw)
        found = by_key.get(label_key(match["label"])) if match else None
        if found is not None:
            if not chunks or found.key in seen:
                chunks.append([])
                seen = set()
            seen.add(found.key)
        if chunks:
            chunks[-1].append(raw)
    return [parse_form("\n".join(chunk), fields) for chunk in chunks]


# --- numbers a learner lists ("2, 4, 6", "câu 2 và câu 6") --------------------------------------


def parse_number_list(value: object, low: int = 1, high: int = 99) -> list[int] | None:
    """The whole numbers a learner lists: "2, 4, 6", "câu 2, câu 4 và câu 6", "(2) (6)",
    "2 4 6", a single 3; an answer of "không có" / "0" is the empty list. ``None`` when the
    text holds anything else or a number outside ``low``..``high``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [value] if low <= value <= high else None
    text = answer_text(value)
    if text is None:
        return None
    folded = fold(text)
    if re.fullmatch(r"(?:khong co(?: cau nao)?|0|khong)\.?", folded):
        return []
    rest = re.sub(r"\b(?:cau|so|thu tu|va|cac|la|gom|dap an|tra loi)\b", " ", folded)
    tokens = [t for t in re.split(r"[\s,;/+&().:\-\[\]]+", rest) if t]
    if not tokens or not all(t.isdigit() for t in tokens):
        return None
    numbers = [int(t) for t in tokens]
    if not all(low <= n <= high for n in numbers):
        return None
    return sorted(set(numbers))
