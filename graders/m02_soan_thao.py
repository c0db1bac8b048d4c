"""Graders of assignment m02-soan-thao (module 2: drafting administrative documents).

Learners fill a dict with Vietnamese keys (see ``aiwork.decree30.VI_KEYS``) from a brief; the
graders build the .docx with the course's builder and judge properties, never wording:

Câu 1 — a công văn from brief 1 (8 points)
  - thể thức (2): it is a công văn, it builds, and ``check-docx`` finds no violation;
  - số, ký hiệu (2): the code is agency + drafting unit with no type abbreviation (visible);
    exactly the number, code, place and date of the brief (hidden);
  - nơi nhận (2): "Kính gửi" names both recipients of the brief (visible); "Nơi nhận" keeps the
    other recipient and the archive of the drafting unit, and the signature block is the
    brief's (hidden);
  - dữ kiện (2): the body carries every required fact, invents no number or e-mail, leaves no
    placeholder (visible); the subject says what the letter is about (hidden).
Câu 2 — a giấy mời from brief 2 (8 points): the same four properties for an invitation
  (type GM, no "Kính gửi" needed, the meeting's time, date, place and chair).
Câu 3 — two multiple-choice questions on choosing a type and a code (1 point each; keys hidden).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from aiwork.decree30.builder import Heading, OfficialDocument, Paragraph
from aiwork.decree30.checked import build_checked
from aiwork.decree30.review import fold, invented, missing_facts, placeholders
from graders.core import Question, Result, SelfCheck, cham_trac_nghiem, is_blank, merge

# --- the briefs (fictional cases; shown to learners by ``hien_de_bai``) ----------------------

DE_BAI_1 = """\
- **Cơ quan ban hành:** Sở Khoa học và Công nghệ tỉnh Gia Lai (cơ quan chủ quản: UBND tỉnh Gia Lai);
  chữ viết tắt tên Sở: **SKHCN**; đơn vị soạn thảo: Phòng Chuyển đổi số, viết tắt **CĐS**.
- **Việc:** đề nghị cử công chức tham gia lớp tập huấn “Trợ lý AI trong công việc hành chính”.
- **Gửi (Kính gửi):** Ủy ban nhân dân các xã, phường; Trung tâm Phục vụ hành chính công tỉnh.
- **Nội dung cần có:** lớp tập huấn tổ chức ngày 24/3/2026 tại Hội trường Sở Khoa học và Công nghệ;
  mỗi đơn vị cử 02 công chức; gửi danh sách về Sở qua Phòng Chuyển đổi số trước ngày 20/3/2026.
- **Số văn bản:** 35; **ngày ban hành:** 10/3/2026; **địa danh:** Gia Lai.
- **Người ký:** Phó Giám đốc Trần Thị Minh Thư, ký thay Giám đốc (nhân vật giả định).
- **Nơi nhận khác:** Giám đốc Sở (để báo cáo); lưu tại Văn thư và Phòng Chuyển đổi số.
"""

DE_BAI_2 = """\
- **Cơ quan ban hành:** Ủy ban nhân dân phường Quy Nhơn (không ghi cơ quan chủ quản); chữ viết tắt
  tên cơ quan: **UBND**; đơn vị soạn thảo: Văn phòng, viết tắt **VP**.
- **Việc:** mời Trưởng các khu phố trên địa bàn phường dự cuộc họp triển khai phong trào
  “Bình dân học vụ số” năm 2026.
- **Thời gian họp:** 14 giờ 00, ngày 12/02/2026. **Địa điểm:** Phòng họp số 2, trụ sở Ủy ban nhân dân
  phường. **Chủ trì:** Phó Chủ tịch Ủy ban nhân dân phường.
- **Số văn bản:** 3; **ngày ban hành:** 09/02/2026; **địa danh:** Quy Nhơn.
- **Người ký:** Phó Chủ tịch Lê Văn Hùng, ký thay Chủ tịch, thay mặt Ủy ban nhân dân phường
  (nhân vật giả định).
- **Nơi nhận:** như trên (các Trưởng khu phố); Chủ tịch UBND phường (để báo cáo); lưu tại Văn thư
  và Văn phòng.
"""


@dataclass(frozen=True)
class Brief:
    text: str
    doc_type: str
    code: str
    number: int
    place: str
    issued: date
    facts: dict[str, tuple[str, ...]]  # fact -> regexes on folded text of the body
    recipients_to: dict[str, tuple[str, ...]]
    recipients: dict[str, tuple[str, ...]]
    archive_unit: str
    signature: tuple[str, ...]
    signer: str
    subject: tuple[str, ...]  # regexes the subject must match (folded)


BRIEF_1 = Brief(
    text=DE_BAI_1,
    doc_type="cong_van",
    code="SKHCN-CĐS",
    number=35,
    place="Gia Lai",
    issued=date(2026, 3, 10),
    facts={
        "ngày tập huấn 24/3/2026": (
            r"24\s*/\s*0?3\s*/\s*2026",
            r"24 thang 0?3 nam 2026",
            r"24\s*-\s*0?3\s*-\s*2026",
        ),
        "địa điểm Hội trường Sở": (r"hoi truong",),
        "mỗi đơn vị cử 02 công chức": (
            r"\b0?2\b[^.;]{0,30}cong chuc",
            r"\bhai\b[^.;]{0,30}cong chuc",
        ),
        "hạn gửi danh sách 20/3/2026": (
            r"20\s*/\s*0?3\s*/\s*2026",
            r"20 thang 0?3 nam 2026",
            r"20\s*-\s*0?3\s*-\s*2026",
        ),
    },
    recipients_to={
        "Ủy ban nhân dân các xã, phường": (r"(uy ban nhan dan|ubnd) cac xa, phuong",),
        "Trung tâm Phục vụ hành chính công tỉnh": (r"trung tam phuc vu hanh chinh cong",),
    },
    recipients={"Giám đốc Sở (để báo cáo)": (r"giam doc so",)},
    archive_unit="CĐS",
    signature=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    signer="Trần Thị Minh Thư",
    subject=(r"tap huan",),
)

BRIEF_2 = Brief(
    text=DE_BAI_2,
    doc_type="giay_moi",
    code="GM-UBND",
    number=3,
    place="Quy Nhơn",
    issued=date(2026, 2, 9),
    facts={
        "Trưởng các khu phố": (r"truong (cac )?khu pho",),
        "phong trào “Bình dân học vụ số”": (r"binh dan hoc vu so",),
        "thời gian 14 giờ 00": (r"\b14\s*(gio|h|:)",),
        "ngày họp 12/02/2026": (
            r"12\s*/\s*0?2\s*/\s*2026",
            r"12 thang 0?2 nam 2026",
            r"12\s*-\s*0?2\s*-\s*2026",
        ),
        "địa điểm Phòng họp số 2": (r"phong hop so 2",),
        "chủ trì: Phó Chủ tịch UBND phường": (r"chu tri[^.;]{0,20}pho chu tich",),
    },
    recipients_to={},
    recipients={"Chủ tịch UBND phường (để báo cáo)": (r"chu tich (uy ban nhan dan|ubnd)",)},
    archive_unit="VP",
    signature=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    signer="Lê Văn Hùng",
    subject=(r"hop|binh dan hoc vu so",),
)

BRIEFS = {"cau_1": BRIEF_1, "cau_2": BRIEF_2}
_VAR = {"cong_van": "cong_van", "giay_moi": "giay_moi"}  # the learner's variable per brief


def hien_de_bai(cau: str):
    """Show a brief in the notebook (Markdown)."""
    from IPython.display import Markdown

    return Markdown(BRIEFS[cau].text)


# --- building the learner's document ----------------------------------------------------------


@dataclass
class Built:
    fields: OfficialDocument
    violations: list
    body_text: str


def build_and_check(result: Result, info: object, name: str) -> Built | None:
    if is_blank(info) or not isinstance(info, dict) or all(is_blank(v) for v in info.values()):
        result.add(
            "answered",
            False,
            "",
            f"Anh/chị chưa điền thông tin văn bản vào `{name}` (thay các dấu ... bằng nội dung).",
        )
        return None
    try:  # built once per answer while the learner works (see aiwork.decree30.checked)
        checked = build_checked(info)
    except (ValueError, TypeError, OSError) as exc:
        result.add("builds", False, "", f"Chưa tạo được văn bản từ `{name}`: {exc}")
        return None
    return Built(checked.fields, checked.violations, _body_text(checked.fields))


def _body_text(fields: OfficialDocument) -> str:
    parts = []
    for item in fields.body:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, (Paragraph, Heading)):
            parts.append(item.text)
    return "\n".join(parts)


def _matches(items: list[str], patterns: tuple[str, ...]) -> bool:
    return any(re.search(p, fold(x)) for x in items for p in patterns)


# --- properties shared by both questions -------------------------------------------------------


def _the_thuc(info: object, brief: Brief, name: str) -> Result:
    result = Result()
    built = build_and_check(result, info, name)
    if built is None:
        return result
    want = brief.doc_type
    from aiwork.decree30.rules import DOC_TYPES

    result.add(
        "type",
        built.fields.doc_type == want,
        f"Đúng loại văn bản: {DOC_TYPES[want].name_vi}.",
        f"Đề bài yêu cầu {DOC_TYPES[want].name_vi.lower()}, không phải "
        f"{DOC_TYPES[built.fields.doc_type].name_vi.lower()}.",
    )
    shown = "; ".join(f"[{v.rule}] {v.message}" for v in built.violations[:3])
    result.add(
        "layout",
        not built.violations,
        "Văn bản đúng thể thức theo Nghị định 30/2020/NĐ-CP.",
        f"Văn bản còn {len(built.violations)} lỗi thể thức: {shown}",
    )
    return result


def _code_visible(info: object, brief: Brief, name: str) -> Result:
    result = Result()
    built = build_and_check(result, info, name)
    if built is None:
        return result
    code = built.fields.code
    if brief.doc_type == "cong_van":
        from aiwork.decree30.rules import INVENTED_ABBREVIATIONS, TYPE_ABBREVIATIONS

        groups = code.split("-")
        ok = len(groups) >= 2 and not ({groups[0]} & (TYPE_ABBREVIATIONS | INVENTED_ABBREVIATIONS))
        result.add(
            "code",
            ok,
            f"Ký hiệu công văn “{code}” gồm tên cơ quan và đơn vị soạn thảo.",
            f"Ký hiệu công văn gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo, không có chữ "
            f"viết tắt tên loại (đang “{code}”).",
        )
    else:
        abbr = brief.code.split("-")[0]
        result.add(
            "code",
            code.startswith(f"{abbr}-"),
            f"Ký hiệu “{code}” bắt đầu bằng “{abbr}”.",
            f"Ký hiệu của loại văn bản này bắt đầu bằng “{abbr}-” (đang “{code}”).",
        )
    return result


def _code_exact(info: object, brief: Brief) -> Result:
    result = Result()
    built = build_and_check(result, info, _VAR[brief.doc_type])
    if built is None:
        return result
    f = built.fields
    result.add(
        "code_exact", f.code == brief.code, "Ký hiệu đúng đề bài.", "Ký hiệu chưa đúng đề bài."
    )
    result.add(
        "number", f.number == brief.number, "Số văn bản đúng.", "Số văn bản chưa đúng đề bài."
    )
    result.add(
        "date", f.issued == brief.issued, "Ngày ban hành đúng.", "Ngày ban hành chưa đúng đề bài."
    )
    result.add(
        "place", fold(f.place) == fold(brief.place), "Địa danh đúng.", "Địa danh chưa đúng đề bài."
    )
    return result


def _recipients_to(info: object, brief: Brief, name: str) -> Result:
    result = Result()
    built = build_and_check(result, info, name)
    if built is None:
        return result
    to = built.fields.recipients_to
    for label, patterns in brief.recipients_to.items():
        result.add(
            f"to:{label}",
            _matches(to, patterns),
            f"“Kính gửi” có {label}.",
            f"“Kính gửi” còn thiếu: {label}.",
        )
    return result


def _closing_exact(info: object, brief: Brief) -> Result:
    result = Result()
    built = build_and_check(result, info, _VAR[brief.doc_type])
    if built is None:
        return result
    f = built.fields
    for label, patterns in brief.recipients.items():
        result.add(
            f"cc:{label}",
            _matches(f.recipients, patterns),
            f"“Nơi nhận” có {label}.",
            f"“Nơi nhận” còn thiếu: {label}.",
        )
    result.add(
        "archive",
        brief.archive_unit in f.archive,
        "Lưu đúng đơn vị soạn thảo.",
        f"Dòng “Lưu” ghi văn thư và đơn vị soạn thảo ({brief.archive_unit}).",
    )
    sig = tuple(" ".join(x.upper().split()) for x in f.signature_lines)
    result.add(
        "signature",
        sig == brief.signature,
        "Quyền hạn, chức vụ người ký đúng.",
        "Quyền hạn, chức vụ người ký chưa đúng đề bài.",
    )
    result.add(
        "signer",
        fold(f.signer_name) == fold(brief.signer),
        "Họ tên người ký đúng.",
        "Họ tên người ký chưa đúng đề bài.",
    )
    return result


def _facts(info: object, brief: Brief, name: str) -> Result:
    result = Result()
    built = build_and_check(result, info, name)
    if built is None:
        return result
    text = built.body_text
    missing = missing_facts(text, brief.facts)
    result.add(
        "facts",
        not missing,
        "Nội dung có đủ dữ kiện của đề bài.",
        "Nội dung còn thiếu dữ kiện: " + "; ".join(missing) + ".",
    )
    extra = invented(text, brief.text)
    result.add(
        "invented",
        not extra,
        "Không có số liệu ngoài đề bài.",
        "Nội dung có số liệu/thông tin không có trong đề bài (có thể trợ lý tự thêm): "
        + ", ".join(extra)
        + ".",
    )
    holes = placeholders(text + "\n" + built.fields.subject)
    result.add(
        "placeholders",
        not holes,
        "Không còn chỗ để trống.",
        "Còn chỗ để trống chưa điền: " + ", ".join(holes) + ".",
    )
    return result


def _subject(info: object, brief: Brief) -> Result:
    result = Result()
    built = build_and_check(result, info, _VAR[brief.doc_type])
    if built is None:
        return result
    subject = fold(built.fields.subject)
    result.add(
        "subject",
        any(re.search(p, subject) for p in brief.subject),
        "Trích yếu nêu đúng việc.",
        "Trích yếu chưa nêu đúng việc của văn bản.",
    )
    return result


# --- graders called by the test cells ----------------------------------------------------------


def cham_cau_1_the_thuc(cong_van: object) -> Result:
    return _the_thuc(cong_van, BRIEF_1, "cong_van")


def cham_cau_1_ky_hieu(cong_van: object) -> Result:
    return _code_visible(cong_van, BRIEF_1, "cong_van")


def cham_cau_1_ky_hieu_an(cong_van: object) -> Result:
    return _code_exact(cong_van, BRIEF_1)


def cham_cau_1_kinh_gui(cong_van: object) -> Result:
    return _recipients_to(cong_van, BRIEF_1, "cong_van")


def cham_cau_1_noi_nhan_an(cong_van: object) -> Result:
    return _closing_exact(cong_van, BRIEF_1)


def cham_cau_1_du_kien(cong_van: object) -> Result:
    return _facts(cong_van, BRIEF_1, "cong_van")


def cham_cau_1_trich_yeu_an(cong_van: object) -> Result:
    return _subject(cong_van, BRIEF_1)


def cham_cau_2_the_thuc(giay_moi: object) -> Result:
    return _the_thuc(giay_moi, BRIEF_2, "giay_moi")


def cham_cau_2_ky_hieu(giay_moi: object) -> Result:
    return _code_visible(giay_moi, BRIEF_2, "giay_moi")


def cham_cau_2_ky_hieu_an(giay_moi: object) -> Result:
    return _code_exact(giay_moi, BRIEF_2)


def cham_cau_2_du_kien(giay_moi: object) -> Result:
    return _facts(giay_moi, BRIEF_2, "giay_moi")


def cham_cau_2_trich_yeu_an(giay_moi: object) -> Result:
    return _subject(giay_moi, BRIEF_2)


def cham_cau_2_noi_nhan_an(giay_moi: object) -> Result:
    return _closing_exact(giay_moi, BRIEF_2)


def kiem_tra_cau_1(cong_van: object) -> Result:
    return merge(
        cham_cau_1_the_thuc(cong_van),
        cham_cau_1_ky_hieu(cong_van),
        cham_cau_1_kinh_gui(cong_van),
        cham_cau_1_du_kien(cong_van),
    )


def kiem_tra_cau_2(giay_moi: object) -> Result:
    return merge(
        cham_cau_2_the_thuc(giay_moi), cham_cau_2_ky_hieu(giay_moi), cham_cau_2_du_kien(giay_moi)
    )


kiem_tra = SelfCheck(
    [
        Question("cau_1", "Câu 1 — công văn", ("cong_van",), kiem_tra_cau_1),
        Question("cau_2", "Câu 2 — giấy mời", ("giay_moi",), kiem_tra_cau_2),
        Question("cau_3a", "Câu 3a — trắc nghiệm", ("cau_3a",), cham_trac_nghiem),
        Question("cau_3b", "Câu 3b — trắc nghiệm", ("cau_3b",), cham_trac_nghiem),
    ]
)
