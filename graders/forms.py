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

from aiwork.vi import fold, fold_keep_diacritics, fold_keep_offsets, nfc
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


def text_answer(result, value: object, what: str) -> str | None:
    """The learner's text (:func:`answer_text`); when unanswered, a failed check in ``result``
    (a :class:`graders.core.Result`) says in Vietnamese what to write."""
    text = answer_text(value)
    result.add(
        "answered",
        text is not None,
        "",
        f'Anh/chị chưa viết {what}: thay dấu ... giữa hai dấu """ bằng nội dung của mình.',
    )
    return text


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


# --- is a value still in a text (redaction) ------------------------------------------------------

_NUMBER_RUN = re.compile(r"\d(?:[\d .\-]*\d)?")


def still_present(value: str, text: str) -> bool:
    """Is ``value`` still written in ``text``? A number (phone, ID, account) is compared by its
    digits, so "0935.682.417" is the phone "0935 682 417"; words as whole words, with their
    diacritics, in any case."""
    if re.fullmatch(r"[\d .\-]{4,}", value):
        digits = re.sub(r"\D", "", value)
        runs = {re.sub(r"\D", "", m.group()) for m in _NUMBER_RUN.finditer(text)}
        return any(digits in run for run in runs)
    pattern = rf"(?<!\w){re.escape(fold_keep_diacritics(value))}(?!\w)"
    return bool(re.search(pattern, fold_keep_diacritics(text)))


# --- a pasted text is not a judgement ----------------------------------------------------------


def copied_from(value: object, source: str, share: float = 0.6, n: int = 5) -> bool:
    """Is most of ``value`` runs of ``n`` words taken from ``source``? (a tool's output or the
    question's text pasted as the answer, EXERCISE_STANDARD §2). Case, diacritics and
    punctuation are ignored."""
    mine = re.findall(r"\w+", fold(answer_text(value) or ""))
    theirs = re.findall(r"\w+", fold(source))
    if len(mine) < n:
        return False
    grams = {tuple(theirs[i : i + n]) for i in range(len(theirs) - n + 1)}
    covered: set[int] = set()
    for i in range(len(mine) - n + 1):
        if tuple(mine[i : i + n]) in grams:
            covered.update(range(i, i + n))
    return len(covered) >= share * len(mine)


# --- an administrative document's fields as labelled lines (modules 2, 4, 6) -------------------

#: The Decree 30 fields a learner writes as labelled lines, keyed by module 2's Vietnamese keys
#: (:data:`aiwork.decree30.VI_KEYS`). "Số, ký hiệu: 15/BC-SKHCN" fills both "so" and "ky_hieu";
#: "Quy Nhơn, ngày 27 tháng 11 năm 2026" fills both "dia_danh" and "ngay".
DOCUMENT_FIELDS: tuple[Field, ...] = (
    Field("loai", "Loại văn bản", ("Loại", "Tên loại", "Tên loại văn bản"), required=False),
    Field(
        "co_quan_chu_quan",
        "Cơ quan chủ quản",
        ("Cơ quan cấp trên", "Cơ quan, tổ chức chủ quản", "Cơ quan chủ quản trực tiếp"),
        required=False,
    ),
    Field(
        "co_quan",
        "Cơ quan ban hành",
        ("Cơ quan", "Tên cơ quan", "Cơ quan, tổ chức ban hành", "Đơn vị ban hành"),
        multiline=True,
    ),
    Field("so_ky_hieu", "Số, ký hiệu", ("Số ký hiệu", "Số và ký hiệu", "Số/ký hiệu")),
    Field("so", "Số", ("Số văn bản",), required=False),
    Field("ky_hieu", "Ký hiệu", ("Ký hiệu văn bản",), required=False),
    Field("dia_danh", "Địa danh", ("Nơi ban hành", "Địa danh ban hành"), required=False),
    Field("ngay", "Ngày", ("Ngày ban hành", "Ngày tháng", "Ngày, tháng, năm", "Địa danh, ngày")),
    Field("trich_yeu", "Trích yếu", ("Trích yếu nội dung", "V/v", "Về việc", "Tiêu đề")),
    Field("can_cu", "Căn cứ", ("Căn cứ ban hành",), required=False, multiline=True),
    Field("kinh_gui", "Kính gửi", ("Gửi", "Nơi gửi"), required=False, multiline=True),
    Field("noi_dung", "Nội dung", ("Nội dung chính",), required=False, multiline=True),
    Field(
        "ky",
        "Quyền hạn, chức vụ người ký",
        (
            "Chức vụ người ký",
            "Quyền hạn, chức vụ",
            "Thẩm quyền ký",
            "Chức vụ ký",
            "Ký",
            "Chức vụ",
            "Quyền hạn ký",
        ),
        multiline=True,
    ),
    Field("nguoi_ky", "Người ký", ("Họ tên người ký", "Họ và tên người ký", "Người ký văn bản")),
    Field("noi_nhan", "Nơi nhận", (), required=False, multiline=True),
    Field("luu", "Lưu", ("Lưu trữ",), required=False),
    Field("do_khan", "Độ khẩn", ("Mức độ khẩn",), required=False),
)
_DOC_CODE = re.compile(r"^\s*(?:số\s*:?\s*)?(\d{1,5})\s*/\s*([^\s/].*?)\s*\.?$", re.IGNORECASE)


def _items(value: str, *, slash: bool = False) -> list[str]:
    """A list written on lines ("- Như trên;"), or on one line separated by ";" (or " / ")."""
    parts = [p for p in value.split("\n") if p.strip()]
    if len(parts) == 1:
        parts = re.split(r"\s*;\s*" + (r"|\s+/\s+" if slash else ""), parts[0])
    out = []
    for p in parts:
        p = re.sub(r"^\s*[-*•+]\s*", "", p).strip().rstrip(";,.").strip()
        if p:
            out.append(p)
    return out


@dataclass
class DocumentForm:
    """A document's fields read from labelled lines: ``info`` in module 2's keys (what
    :func:`aiwork.decree30.from_dict` and the report builder take) and the problems found."""

    info: dict[str, object]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_document(
    text: object, doc_type: str | None = None, required: Iterable[str] = ()
) -> DocumentForm:
    """Read a document's header and footer fields from labelled lines.

    ``doc_type`` fills "Loại văn bản" when the exercise fixes it (a BÁO CÁO, a công văn);
    ``required``: keys of :data:`DOCUMENT_FIELDS` the exercise needs beyond the header ones.
    """
    from aiwork.vi import find_dates

    fields = tuple(
        Field(
            f.key,
            f.label,
            f.aliases,
            required=f.required or f.key in set(required),
            multiline=f.multiline,
        )
        for f in DOCUMENT_FIELDS
    )
    form = parse_form(text, fields)
    problems: list[str] = []
    values = dict(form.values)
    info: dict[str, object] = {}
    if doc_type and not values.get("loai"):
        values["loai"] = doc_type
    for key in ("loai", "co_quan_chu_quan", "trich_yeu", "nguoi_ky", "luu", "do_khan"):
        if values.get(key):
            info[key] = values[key].rstrip(";.").strip() if key == "luu" else values[key]
    if values.get("co_quan"):
        info["co_quan"] = "\n".join(x.strip() for x in values["co_quan"].split("\n") if x.strip())
    # "Số, ký hiệu: 15/BC-SKHCN" (or "Số: 15" and "Ký hiệu: BC-SKHCN" on two lines)
    code = values.get("so_ky_hieu", "")
    if not code and not values.get("ky_hieu") and "/" in values.get("so", ""):
        code = values.pop("so")  # "Số: 15/BC-SKHCN" on one line
    m = _DOC_CODE.match(code) if code else None
    if m:
        info["so"], info["ky_hieu"] = int(m[1]), m[2].strip()
    elif values.get("so") or values.get("ky_hieu"):
        number = re.sub(r"\D", "", values.get("so", ""))
        if number:
            info["so"] = int(number)
        if values.get("ky_hieu"):
            info["ky_hieu"] = values["ky_hieu"].strip()
    elif code:
        problems.append(
            f"Dòng «Số, ký hiệu» ghi «{code}»: anh/chị viết theo dạng «15/BC-SKHCN» (số, dấu "
            "gạch chéo, ký hiệu)."
        )
    # "Ngày: Gia Lai, ngày 05 tháng 11 năm 2026" also gives the place
    day = values.get("ngay", "")
    if day:
        found = find_dates(day)
        dated = [d for d in found if d.date is not None and d.year is not None]
        if len(dated) == 1:
            d = dated[0].date
            info["ngay"] = f"{d.day:02d}/{d.month:02d}/{d.year}"
            before = re.sub(r"\bngày\s*$", "", day[: dated[0].start], flags=re.IGNORECASE)
            place = before.strip(" ,:")
            if place and not values.get("dia_danh"):
                values["dia_danh"] = place
        else:
            problems.append(
                f"Dòng «Ngày» ghi «{day}»: anh/chị viết một ngày có đủ ngày, tháng, năm (ví dụ "
                "05/11/2026 hoặc ngày 05 tháng 11 năm 2026)."
            )
    if values.get("dia_danh"):
        info["dia_danh"] = values["dia_danh"]
    for key in ("kinh_gui", "noi_nhan", "can_cu"):
        if values.get(key):
            info[key] = _items(values[key])
    if values.get("ky"):
        info["ky"] = _items(values["ky"], slash=True)
    if values.get("noi_dung"):
        info["noi_dung"] = [p.strip() for p in values["noi_dung"].split("\n") if p.strip()]
    # "Nơi nhận: ...; Lưu: VT, VP" written as the last line of the list
    recipients = info.get("noi_nhan")
    if isinstance(recipients, list) and not info.get("luu"):
        for item in list(recipients):
            m = re.match(r"^lưu\s*:?\s*(.+)$", item, re.IGNORECASE)
            if m:
                recipients.remove(item)
                info["luu"] = m[1].strip().rstrip(";.").strip()
    missing = [f for f in form.missing if f.key not in ("so_ky_hieu",) or not info.get("ky_hieu")]
    if "so_ky_hieu" in {f.key for f in form.missing} and info.get("ky_hieu"):
        missing = [f for f in missing if f.key != "so_ky_hieu"]
    if missing:
        names = ", ".join(f"«{f.label}»" for f in missing)
        problems.insert(
            0, f"Còn thiếu dòng {names}: anh/chị viết thêm dòng đó theo mẫu «Tên dòng: nội dung»."
        )
    problems += [
        f"Dòng «{f.label}» được viết hai lần: anh/chị giữ lại một dòng." for f in form.repeated
    ]
    return DocumentForm(info, problems)
