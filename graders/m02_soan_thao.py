"""Graders of assignment m02-soan-thao (module 2: drafting administrative documents).

The learner does what an office does: prompts the assistant to draft a document from a brief,
reviews the draft, and writes the final fields as labelled lines in one text block
(``graders.forms.parse_document``); the course builds the .docx with the Decree 30 builder
and checks it. Nothing a learner types is Python beyond text between triple quotes and letters.

Câu 1 — a prompt that drafts the công văn of brief 1 (2 points): it asks for a công văn, states
  every fact of the brief and contradicts none (``graders.facts``: a swapped date, another
  count, an invented legal basis lose the points even with the right facts present).
Câu 2 — the công văn as labelled lines (8 points)
  - thể thức (2): it builds, it is a công văn, ``check-docx`` finds no violation;
  - số, ký hiệu (2): the code is agency + drafting unit without a type abbreviation (visible);
    number, code, date and place are the brief's (hidden, key passed by the test);
  - nơi nhận (2): "Kính gửi" names the brief's two recipients in any usual form ("UBND các
    phường, xã", "Ủy ban nhân dân xã, phường trên địa bàn tỉnh") and no other (visible); "Nơi
    nhận", "Lưu" and the signature block are the brief's (hidden, key passed);
  - dữ kiện (2): the body states every fact and contradicts none, cites no document the brief
    does not give, adds no number and leaves no placeholder (visible); the subject names the
    matter (hidden, accepted words passed).
Câu 3 — the giấy mời of brief 2: a prompt (2) and the labelled lines (6): thể thức (2);
  dữ kiện (2: invitees, event, time, date, venue, chair — "Đồng chí Phó Chủ tịch UBND phường
  chủ trì" is the chair); số, ký hiệu, chữ ký, nơi nhận (2, hidden, key passed).
Câu 4 — letters (1 point each): which faults a colleague's draft has (several letters), and a
  code question. Keys only in the hidden tests.

This module holds the briefs' facts (shown to the learner in the notebook) and no key: the
derived answers (codes, signature blocks, letters) are passed in by the hidden tests.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from aiwork.decree30.review import placeholders
from aiwork.vi import find_numbers, fold
from graders.core import Question, Result, SelfCheck, is_blank, merge
from graders.facts import (
    CountFact,
    DateFact,
    GroupFact,
    PhraseFact,
    PlaceFact,
    References,
    TimeFact,
    Years,
    check,
    match_lines,
)
from graders.forms import answer_text, choice_result, parse_document, text_answer

# Lesson sections the feedback points to (tests/test_assignment_keys.py checks they exist).
BAI_LOAI = "Bài 2, mục 1"
BAI_THE_THUC = "Bài 2, mục 2"
BAI_NHO_SOAN = "Bài 2, mục 3"
BAI_RA_SOAT = "Bài 2, mục 4"
BAI_DIEN = "Bài 2, mục 5"
BAI_DUNG = "Bài 2, mục 6"
BAI_LOI = "Bài 2, mục 7"

# --- the briefs' facts (fictional cases; the notebook shows the briefs) --------------------------

_TRAINING = r"boi duong|khai giang|to chuc|lop|hoc|dien ra|bat dau|tap trung"
_DEADLINE = r"truoc|han|cham nhat|gui|nop|danh sach|dang ky"
BRIEF_1 = (
    References(
        allowed=("Kế hoạch số 45/KH-UBND ngày 12/3/2026",),
        required=True,
    ),
    DateFact("ngày khai giảng lớp bồi dưỡng", dt.date(2026, 4, 14), cues=(_TRAINING,)),
    DateFact("hạn gửi danh sách", dt.date(2026, 4, 7), cues=(_DEADLINE,)),
    DateFact("ngày ban hành", dt.date(2026, 3, 30), cues=(r"ban hanh",), required=False),
    PlaceFact(
        "địa điểm (Hội trường Sở Nội vụ)",
        (r"hoi truong (?:cua )?so\b",),
        wrong=(r"ubnd|uy ban|phuong|\bxa\b|trung tam",),
    ),
    CountFact("số công chức mỗi đơn vị cử", 2, r"cong chuc|can bo|nguoi|hoc vien|dai bieu"),
    PhraseFact("nội dung lớp (kỹ năng số)", (r"ky nang so",)),
    Years((2026,)),
)
RECIPIENTS_1 = {
    "Ủy ban nhân dân các xã, phường": (
        r"(?:ubnd|uy ban nhan dan) (?:cac )?(?:xa,? (?:va )?phuong|phuong,? (?:va )?xa)",
    ),
    "Trung tâm Phục vụ hành chính công tỉnh": (r"trung tam phuc vu hanh chinh cong",),
}
# What the prompt of Câu 1 must carry besides the body facts: the recipients, the kind.
PROMPT_1 = (
    *BRIEF_1,
    *(PhraseFact(f"nơi gửi: {label}", patterns) for label, patterns in RECIPIENTS_1.items()),
)

BRIEF_2 = (
    GroupFact(
        "thành phần được mời (Trưởng các khu phố)",
        (r"truong (?:cac |ban )?khu pho",),
        cues=r"kinh moi|moi|gui|thanh phan|tham du|doi tuong",
    ),
    PhraseFact("nội dung (sơ kết 6 tháng)", (r"so ket",)),
    PhraseFact("phong trào “Bình dân học vụ số”", (r"binh dan hoc vu so",)),
    TimeFact("giờ họp", dt.time(8, 0)),
    DateFact("ngày họp", dt.date(2026, 7, 10), cues=(r"hop|hoi nghi|thoi gian|to chuc|vao",)),
    DateFact("ngày ban hành", dt.date(2026, 7, 3), cues=(r"ban hanh",), required=False),
    PlaceFact(
        "địa điểm (Hội trường UBND phường, tầng 3)",
        (r"hoi truong",),
        numbers=(("tang", 3),),
        wrong=(r"\btinh\b", r"\bxa\b", r"hoi truong (?:cua )?so\b(?! \d)"),
    ),
    GroupFact(
        "người chủ trì (Phó Chủ tịch UBND phường)",
        (r"chu tri[^.;\n]{0,40}pho chu tich|pho chu tich[^.;\n]{0,40}chu tri",),
        others=r"chu tich|bi thu|truong ban|giam doc|truong phong|truong cong an",
        cues=r"chu tri",
        cue_after=True,
    ),
    Years((2026,)),
    References(),
)
PROMPT_2 = BRIEF_2

DOC_KINDS = {"cong_van": "công văn", "giay_moi": "giấy mời"}
_ASKS_KIND = {
    "cong_van": re.compile(r"\bcong van\b"),
    "giay_moi": re.compile(r"\bgiay moi\b"),
}


# --- building the learner's document ------------------------------------------------------------


@dataclass
class Built:
    fields: object  # aiwork.decree30.builder.OfficialDocument
    violations: list
    body_text: str


def _body_text(fields) -> str:
    from aiwork.decree30.builder import Heading, Paragraph

    parts = []
    for item in fields.body:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, (Paragraph, Heading)):
            parts.append(item.text)
    return "\n".join(parts)


def warm_up() -> None:
    """First-use costs of building, checking and previewing a document, paid once in the
    grading template (``aiwork grade``; modules 2 and 6, whose notebooks build documents)."""
    from aiwork.decree30.checked import warm_up as warm_documents

    warm_documents()


def read_fields(info: object, doc_type: str | None = None) -> tuple[dict | None, list[str]]:
    """The builder's keys from a labelled-lines answer (or a dict, as module 6 still passes),
    and the problems to report."""
    if isinstance(info, dict):
        return info, []
    form = parse_document(info, doc_type)
    return form.info, form.problems


def build_and_check(result: Result, info: object, name: str, doc_type: str | None = None):
    """Build the learner's document once (shared memo) and check it; ``None`` with a
    Vietnamese check in ``result`` when it cannot be built yet."""
    from aiwork.decree30.checked import build_checked

    blank = (
        info is None
        or (isinstance(info, dict) and all(is_blank(v) for v in info.values()))
        or (not isinstance(info, dict) and answer_text(info) is None)
    )
    if blank:
        result.add(
            "answered",
            False,
            "",
            f"Anh/chị chưa viết văn bản vào `{name}`: thay dấu ... bằng các dòng «Tên dòng: nội "
            f"dung» theo mẫu (xem {BAI_DIEN}).",
        )
        return None
    fields, problems = read_fields(info, doc_type)
    if problems:
        result.add("form", False, "", " ".join(problems) + f" (xem {BAI_DIEN}).")
        return None
    try:  # built once per answer while the learner works (see aiwork.decree30.checked)
        checked = build_checked(fields)
    except (ValueError, TypeError, OSError) as exc:
        result.add(
            "builds", False, "", f"Chưa tạo được văn bản từ `{name}`: {exc} (xem {BAI_DIEN})."
        )
        return None
    return Built(checked.fields, checked.violations, _body_text(checked.fields))


def titled_subject_problem(doc_type: str | None, subject: str | None) -> str | None:
    """A document with a type name (giấy mời, thông báo…) whose trích yếu starts with "V/v":
    "V/v" belongs to the công văn, which has no type name (Decree 30, Annex I); the type name
    is printed above the trích yếu instead. The checker would read such a document as a công
    văn and report công văn rules, so this is said first, in the learner's terms."""
    from aiwork.decree30.rules import DOC_TYPES

    kind = DOC_TYPES.get(doc_type or "")
    if kind is None:
        kind = next((t for t in DOC_TYPES.values() if fold(t.name_vi) == fold(doc_type)), None)
    if kind is None or not kind.title or not re.match(r"\s*v\s*/\s*v\b", fold(subject or "")):
        return None
    return (
        f"Dòng «Trích yếu» của {kind.name_vi.lower()} đang bắt đầu bằng “V/v”: chữ “V/v” chỉ "
        f"dùng cho công văn (loại văn bản không có tên loại). {kind.name_vi} có tên loại "
        f"“{kind.title}” in ngay trên trích yếu, nên anh/chị bỏ “V/v”, chỉ ghi việc, ví dụ "
        f"«Trích yếu: Dự buổi hướng dẫn …» (xem {BAI_DIEN})."
    )


def soan_van_ban(van_ban: object, tep: str, loai: str | None = None, anh_trang: bool = False):
    """For the learner: read the labelled lines, build the .docx, check and preview it
    (``anh_trang``: also the page image, when LibreOffice is installed). Explains in
    Vietnamese what to fix instead of raising."""
    from aiwork.decree30 import soan_va_kiem_tra

    fields, problems = read_fields(van_ban, loai)
    if answer_text(van_ban) is None and not isinstance(van_ban, dict):
        print("⚠️ Anh/chị chưa viết văn bản: thay dấu ... bằng các dòng «Tên dòng: nội dung».")
        return None
    if problems:
        print("⚠️ " + " ".join(problems))
        return None
    titled = titled_subject_problem(fields.get("loai"), fields.get("trich_yeu"))
    if titled:
        print("⚠️ " + titled)
        return None
    return soan_va_kiem_tra(fields, tep, anh_trang=anh_trang)


# --- properties ---------------------------------------------------------------------------------


def _prompt(loi_nhac: object, kind: str, brief: tuple, what: str) -> Result:
    r = Result()
    prompt = text_answer(r, loi_nhac, what)
    if prompt is None:
        return r
    r.add(
        "kind",
        bool(_ASKS_KIND[kind].search(fold(prompt))),
        f"Lời nhắc nêu rõ loại văn bản cần soạn ({DOC_KINDS[kind]}).",
        f"Lời nhắc chưa nêu loại văn bản cần soạn ({DOC_KINDS[kind]}) (xem {BAI_NHO_SOAN}).",
    )
    check(prompt, brief).add_to(r, where="Lời nhắc", lesson=BAI_NHO_SOAN)
    return r


def _the_thuc(info: object, kind: str, name: str) -> Result:
    from aiwork.decree30.rules import DOC_TYPES

    r = Result()
    built = build_and_check(r, info, name, DOC_KINDS[kind])
    if built is None:
        return r
    got = built.fields.doc_type
    r.add(
        "type",
        got == kind,
        f"Đúng loại văn bản: {DOC_TYPES[kind].name_vi}.",
        f"Đề bài yêu cầu {DOC_TYPES[kind].name_vi.lower()}, không phải "
        f"{DOC_TYPES[got].name_vi.lower()} (xem {BAI_LOAI}).",
    )
    titled = titled_subject_problem(kind, built.fields.subject)
    if titled:  # the checker would report công văn rules: say what is wrong instead
        r.add("subject_vv", False, "", titled)
        return r
    shown = "; ".join(f"[{v.rule}] {v.message}" for v in built.violations[:3])
    r.add(
        "layout",
        not built.violations,
        "Văn bản đúng thể thức theo Nghị định 30/2020/NĐ-CP.",
        f"Văn bản còn {len(built.violations)} lỗi thể thức: {shown} (xem {BAI_THE_THUC}).",
    )
    return r


def _code_shape(info: object, kind: str, name: str) -> Result:
    from aiwork.decree30.rules import DOC_TYPES, INVENTED_ABBREVIATIONS, TYPE_ABBREVIATIONS

    r = Result()
    built = build_and_check(r, info, name, DOC_KINDS[kind])
    if built is None:
        return r
    code = built.fields.code
    groups = code.split("-")
    if kind == "cong_van":
        ok = len(groups) >= 2 and not ({groups[0]} & (TYPE_ABBREVIATIONS | INVENTED_ABBREVIATIONS))
        r.add(
            "code",
            ok,
            f"Ký hiệu công văn “{code}” gồm tên cơ quan và đơn vị soạn thảo.",
            "Ký hiệu công văn gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo, không có chữ "
            f"viết tắt tên loại (đang “{code}”; xem {BAI_THE_THUC}).",
        )
    else:
        abbr = DOC_TYPES[kind].abbreviation
        r.add(
            "code",
            code.startswith(f"{abbr}-"),
            f"Ký hiệu “{code}” bắt đầu bằng chữ viết tắt tên loại “{abbr}”.",
            f"Ký hiệu của {DOC_TYPES[kind].name_vi.lower()} bắt đầu bằng chữ viết tắt tên loại "
            f"(đang “{code}”; xem {BAI_THE_THUC}).",
        )
    return r


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def _exact_header(info: object, kind: str, name: str, dap_an: dict | None) -> Result:
    """Hidden: number and code ("15/UBND-VP"), date and place as the key says."""
    from aiwork.vi import parse_date

    r = Result()
    built = build_and_check(r, info, name, DOC_KINDS[kind])
    if built is None or not r.add("key", bool(dap_an), "", "Thiếu đáp án để chấm."):
        return r
    f = built.fields
    see = f" (xem {BAI_THE_THUC})"
    number, code = dap_an["so_ky_hieu"].split("/", 1)
    r.add(
        "number", f.number == int(number), "Số văn bản đúng.", f"Số văn bản chưa đúng đề bài{see}."
    )
    r.add(
        "code_exact",
        _norm(f.code) == _norm(code),
        "Ký hiệu đúng.",
        f"Ký hiệu chưa đúng đề bài (cơ quan ban hành và đơn vị soạn thảo){see}.",
    )
    r.add(
        "date",
        f.issued == parse_date(dap_an["ngay"]),
        "Ngày ban hành đúng.",
        f"Ngày ban hành chưa đúng đề bài{see}.",
    )
    r.add(
        "place",
        fold(f.place) == fold(dap_an["dia_danh"]),
        "Địa danh đúng.",
        f"Địa danh chưa đúng đề bài{see}.",
    )
    return r


def _exact_closing(info: object, kind: str, name: str, dap_an: dict | None) -> Result:
    """Hidden: signature block, signer, other recipients and archive as the key says."""
    r = Result()
    built = build_and_check(r, info, name, DOC_KINDS[kind])
    if built is None or not r.add("key", bool(dap_an), "", "Thiếu đáp án để chấm."):
        return r
    f = built.fields
    want = [_norm(x) for x in re.split(r"\s*/\s*", dap_an["ky"])]
    r.add(
        "signature",
        [_norm(x) for x in f.signature_lines] == want,
        "Quyền hạn, chức vụ người ký đúng.",
        f"Quyền hạn, chức vụ người ký chưa đúng đề bài (ký thay, thay mặt: xem {BAI_THE_THUC}).",
    )
    r.add(
        "signer",
        _norm(f.signer_name) == _norm(dap_an["nguoi_ky"]),
        "Họ tên người ký đúng.",
        f"Họ tên người ký chưa đúng đề bài (không ghi học hàm, học vị; xem {BAI_THE_THUC}).",
    )
    others = [x for x in f.recipients if not _norm(x).startswith("nhu tren")]
    missing, extra = match_lines(others, {p: (p,) for p in dap_an["noi_nhan"]})
    r.add(
        "recipients",
        not missing and not extra,
        "“Nơi nhận” đúng đề bài.",
        f"“Nơi nhận” chưa đúng đề bài: thiếu hoặc thừa nơi nhận (xem {BAI_THE_THUC}).",
    )
    r.add(
        "archive",
        _norm(dap_an["luu"]) in _norm(f.archive),
        "Dòng “Lưu” đúng văn thư và đơn vị soạn thảo.",
        f"Dòng “Lưu” ghi văn thư và đơn vị soạn thảo (xem {BAI_THE_THUC}).",
    )
    return r


def _recipients_to(info: object) -> Result:
    r = Result()
    built = build_and_check(r, info, "cong_van", "công văn")
    if built is None:
        return r
    missing, extra = match_lines(built.fields.recipients_to, RECIPIENTS_1)
    r.add(
        "to",
        not missing,
        "“Kính gửi” có đủ các nơi nhận của đề bài.",
        f"“Kính gửi” còn thiếu: {'; '.join(missing)} (xem {BAI_DIEN}).",
    )
    r.add(
        "to_extra",
        not extra,
        "“Kính gửi” không có nơi nhận ngoài đề bài.",
        f"“Kính gửi” có nơi nhận đề bài không nêu: {'; '.join(extra)} (xem {BAI_RA_SOAT}).",
    )
    return r


def _body(info: object, kind: str, name: str, brief: tuple) -> Result:
    r = Result()
    built = build_and_check(r, info, name, DOC_KINDS[kind])
    if built is None:
        return r
    text = built.body_text
    check(text, brief).add_to(r, where="Nội dung", lesson=BAI_RA_SOAT)
    allowed = _brief_numbers(brief)
    extra = [
        m.text
        for m in find_numbers(text)
        if m.value not in allowed and not _inside_reference(text, m.start)
    ]
    r.add(
        "invented",
        not extra,
        "Không có số liệu ngoài đề bài.",
        "Nội dung có số liệu đề bài không cho (có thể trợ lý tự thêm): "
        + ", ".join(dict.fromkeys(extra))
        + f" (xem {BAI_RA_SOAT}).",
    )
    holes = placeholders(text + "\n" + built.fields.subject)
    r.add(
        "placeholders",
        not holes,
        "Không còn chỗ để trống.",
        "Còn chỗ để trống chưa điền: " + ", ".join(holes) + f" (xem {BAI_RA_SOAT}).",
    )
    return r


def _brief_numbers(brief: tuple) -> set[float]:
    """Every number a brief's facts state: dates' and times' parts, counts, floors, years,
    the numbers of the documents it cites, and those written in the facts' names."""
    out: set[float] = set()
    for f in brief:
        value = getattr(f, "value", None)
        if isinstance(value, dt.date):
            out |= {value.day, value.month, value.year}
        elif isinstance(value, dt.time):
            out |= {value.hour, value.minute}
        elif isinstance(value, (int, float)):
            out.add(value)
        if isinstance(f, Years):
            out |= set(f.allowed)
        if isinstance(f, References):
            out |= {int(n) for ref in f.allowed for n in re.findall(r"\d+", ref)}
        if isinstance(f, PlaceFact):
            out |= {n for _, n in f.numbers}
        out |= {int(n) for n in re.findall(r"\d+", f.label)}
    return {float(x) for x in out}


def _inside_reference(text: str, pos: int) -> bool:
    from aiwork.lookup.citations import find_citations

    return any(c.start <= pos < c.end for c in find_citations(text))


def _subject(info: object, kind: str, name: str, words: tuple[str, ...] | None) -> Result:
    r = Result()
    built = build_and_check(r, info, name, DOC_KINDS[kind])
    if built is None or not r.add("key", bool(words), "", "Thiếu đáp án để chấm."):
        return r
    subject = fold(built.fields.subject)
    r.add(
        "subject",
        all(re.search(w, subject) for w in words),
        "Trích yếu nêu đúng việc.",
        f"Trích yếu chưa nêu đúng việc của văn bản (xem {BAI_THE_THUC}).",
    )
    return r


# --- graders called by the test cells ----------------------------------------------------------


def cham_cau_1(loi_nhac: object) -> Result:
    return _prompt(loi_nhac, "cong_van", PROMPT_1, "lời nhắc câu 1")


def cham_cau_2_the_thuc(cong_van: object) -> Result:
    return _the_thuc(cong_van, "cong_van", "cong_van")


def cham_cau_2_ky_hieu(cong_van: object, dap_an: dict | None = None) -> Result:
    r = _code_shape(cong_van, "cong_van", "cong_van")
    if dap_an is not None and r.passed:
        r.checks += _exact_header(cong_van, "cong_van", "cong_van", dap_an).checks
    return r


def cham_cau_2_noi_nhan(cong_van: object, dap_an: dict | None = None) -> Result:
    r = _recipients_to(cong_van)
    if dap_an is not None and r.passed:
        r.checks += _exact_closing(cong_van, "cong_van", "cong_van", dap_an).checks
    return r


def cham_cau_2_du_kien(cong_van: object, trich_yeu: tuple[str, ...] | None = None) -> Result:
    r = _body(cong_van, "cong_van", "cong_van", BRIEF_1)
    if trich_yeu is not None and r.passed:
        r.checks += _subject(cong_van, "cong_van", "cong_van", trich_yeu).checks
    return r


def cham_cau_3_loi_nhac(loi_nhac: object) -> Result:
    return _prompt(loi_nhac, "giay_moi", PROMPT_2, "lời nhắc câu 3")


def cham_cau_3_the_thuc(giay_moi: object) -> Result:
    r = _the_thuc(giay_moi, "giay_moi", "giay_moi")
    if r.passed:
        r.checks += _code_shape(giay_moi, "giay_moi", "giay_moi").checks
    return r


def cham_cau_3_du_kien(giay_moi: object) -> Result:
    return _body(giay_moi, "giay_moi", "giay_moi", BRIEF_2)


def cham_cau_3_ky_hieu_noi_nhan(giay_moi: object, dap_an: dict | None = None) -> Result:
    """Hidden: number, code, date, place, signature, signer, recipients, archive."""
    r = Result()
    if not r.add("key", bool(dap_an), "", "Thiếu đáp án để chấm."):
        return r
    r.checks += _exact_header(giay_moi, "giay_moi", "giay_moi", dap_an).checks
    r.checks += _exact_closing(giay_moi, "giay_moi", "giay_moi", dap_an).checks
    return merge(r)


LETTERS_4 = {"cau_4a": "ABCDE"}
MULTI_LETTER_4 = {"cau_4a"}


def cham_cau_4(cau: str, tra_loi: object, dap_an: str | None = None) -> Result:
    """Letters of question 4``x``; ``dap_an`` only from the hidden test."""
    return choice_result(
        tra_loi,
        dap_an,
        allowed=LETTERS_4.get(cau, "ABCD"),
        multiple=cau in MULTI_LETTER_4,
        lesson=BAI_LOI if cau == "cau_4a" else BAI_THE_THUC,
    )


kiem_tra = SelfCheck(
    [
        Question("cau_1", "Câu 1 — lời nhắc soạn công văn", ("loi_nhac_1",), cham_cau_1),
        Question(
            "cau_2",
            "Câu 2 — công văn",
            ("cong_van",),
            lambda v: merge(
                cham_cau_2_the_thuc(v),
                cham_cau_2_ky_hieu(v),
                cham_cau_2_noi_nhan(v),
                cham_cau_2_du_kien(v),
            ),
        ),
        Question("cau_3a", "Câu 3 — lời nhắc soạn giấy mời", ("loi_nhac_3",), cham_cau_3_loi_nhac),
        Question(
            "cau_3b",
            "Câu 3 — giấy mời",
            ("giay_moi",),
            lambda v: merge(cham_cau_3_the_thuc(v), cham_cau_3_du_kien(v)),
        ),
        Question(
            "cau_4a", "Câu 4a — rà soát bản nháp", ("cau_4a",), lambda v: cham_cau_4("cau_4a", v)
        ),
        Question(
            "cau_4b", "Câu 4b — ký hiệu công văn", ("cau_4b",), lambda v: cham_cau_4("cau_4b", v)
        ),
    ]
)
