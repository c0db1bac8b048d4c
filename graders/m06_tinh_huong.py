"""Graders of assignment m06-tinh-huong (capstone: a citizen's petition end to end).

Every step is a decision the learner writes (EXERCISE_STANDARD §1, §2): the masked petition,
the prompt, the reviewed case form, the passages chosen and the answer with its sources, the
reply công văn as labelled lines, the weekly report. Running the given tools (redaction, the
assistant, lookup, the builder) earns nothing by itself. Every message names its step and the
lesson section to re-read (Bài 6, mục N).

| Step | Test cell | Points | Property checked |
|---|---|---|---|
| 2 | test_buoc_2_che_thong_tin | 2 | (hidden) none of the case's personal data left, including what the tool misses (an account name, health information); the petition's content kept |
| 3 | test_buoc_3_loi_nhac | 2 | the prompt gives a role and asks for the summary, field, urgency and competent authority, from the petition only, with no personal data |
| 3 | test_buoc_3_phieu | 2 | (hidden) the reviewed form's field, urgency and competent authority (agency names in full or abbreviated; another agency named fails) |
| 4 | test_buoc_4_tai_lieu | 2 | at most 3 existing passage ids; (hidden) one answers the case |
| 4 | test_buoc_4_tra_loi | 2 | every figure cited and supported by the chosen passages; (hidden) the right passage cited |
| 5 | test_buoc_5_the_thuc | 2 | the công văn built from the labelled lines passes the Decree 30 checker |
| 5 | test_buoc_5_nguoi_nhan | 2 | "Kính gửi" names the citizen (re-identified locally); no placeholder left |
| 5 | test_buoc_5_noi_dung | 2 | (hidden) the legal basis cited in any usual form and none other; the case's facts stated (any date form) and none contradicted; no wrong authority; nothing invented |
| 6 | test_buoc_6_so_lieu | 2 | at least 3 figures, each supported by the week's table (built from the learner's form) |
| 6 | test_buoc_6_vai_tro | 2 | received and answered counts stated, none given for another (no swap) |

The case's expected values are passed in from the hidden test blocks (one dict per case,
chosen with ``ho_so.ma``): neither this module nor the case data holds them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from aiwork import casework
from aiwork.casework import HoSo
from aiwork.lookup.corpus import by_id
from aiwork.lookup.facts import extract, index_facts
from aiwork.lookup.grounding import check_grounding
from aiwork.privacy.detector import detect
from aiwork.privacy.redact import PLACEHOLDER_RE
from aiwork.prompt_anatomy import analyse
from aiwork.vi import fold, fold_keep_offsets
from graders import facts as F
from graders.core import Question, Result, SelfCheck, merge
from graders.forms import Field, answer_text, parse_form, still_present
from graders.m02_soan_thao import build_and_check, soan_van_ban

MAX_SOURCES = 3
MIN_FIGURES = 3


@dataclass
class StepResult(Result):
    """A result whose messages all name the step (feedback says which step failed)."""

    step: str = ""


def _step(n: str, title: str) -> StepResult:
    return StepResult(step=f"Bước {n} — {title}")


def _add(r: StepResult, name: str, ok: bool, good: str, bad: str) -> bool:
    return r.add(name, ok, f"{r.step}: {good}", f"{r.step}: {bad}")


def _text(r: StepResult, value: object, name: str, what: str) -> str | None:
    text = answer_text(value)
    if text is None:
        _add(r, "answered", False, "", f"chưa có {what} (thay dấu ... trong `{name}`).")
    return text


# --- step 2: the petition, masked by the learner ---------------------------------------------


def cham_buoc_2(ho_so: HoSo, don_da_che: object, dap_an: Mapping[str, Any] | None = None) -> Result:
    """Visible: the tool finds nothing left, most of the petition kept. Hidden (``dap_an``):
    none of ``phai_an`` left, every one of ``giu`` kept."""
    r = _step("2", "Che thông tin cá nhân")
    text = _text(r, don_da_che, "don_da_che", "đơn đã che thông tin")
    if text is None:
        return r
    left = detect(text)
    _add(
        r,
        "tool",
        not left,
        "công cụ kiểm tra không còn tìm thấy thông tin cá nhân.",
        "công cụ kiểm tra còn thấy: " + ", ".join(f"«{f.text}»" for f in left[:4]) + ".",
    )
    kept = len(text) >= 0.5 * len(ho_so.don)
    _add(
        r,
        "kept",
        kept,
        "giữ được nội dung đơn.",
        "đơn đã che mất nhiều nội dung; chỉ thay phần thông tin cá nhân (Bài 6, mục 2).",
    )
    if dap_an is None:
        return r
    missed = [v for v in dap_an["phai_an"] if still_present(v, text)]
    _add(
        r,
        "all_masked",
        not missed,
        "đã che hết thông tin cá nhân, kể cả phần công cụ không nhận ra.",
        f"đơn đã che vẫn còn {len(missed)} thông tin cá nhân mà công cụ tự động không nhận ra "
        "(tài khoản mạng xã hội, thông tin sức khỏe...): anh/chị đọc lại từng dòng trước khi "
        "gửi trợ lý (Bài 6, mục 2).",
    )
    lost = [v for v in dap_an.get("giu", ()) if not still_present(v, text)]
    _add(
        r,
        "content",
        not lost,
        "giữ nguyên nội dung trợ lý cần để phân loại đơn.",
        "đơn đã che làm mất nội dung trợ lý cần (việc công dân đề nghị, mốc thời gian, "
        "thời hạn): chỉ che thông tin cá nhân (Bài 6, mục 2).",
    )
    return r


# --- step 3: the prompt and the reviewed case form ---------------------------------------------

_ASKS = {
    "tóm tắt": r"\b(?:tom tat|tom luoc|noi dung chinh|y chinh)\b",
    "lĩnh vực": r"\b(?:linh vuc|nhom (?:viec|thu tuc))\b",
    "mức độ": r"\b(?:muc do|khan|uu tien|do gap)\b",
    "cơ quan có thẩm quyền": r"\b(?:co quan|tham quyen|don vi (?:giai quyet|xu ly))\b",
}
_GROUNDED = re.compile(
    r"\b(?:chi (?:dua|can cu|dung|su dung|theo)|khong (?:them|bia|tu them|suy doan|dua them)|"
    r"dua (?:tren|vao) (?:noi dung )?don|theo (?:dung )?(?:noi dung )?don|trong don)\b"
)


def cham_buoc_3_loi_nhac(loi_nhac: object) -> Result:
    r = _step("3", "Lời nhắc điền phiếu")
    text = _text(r, loi_nhac, "loi_nhac_phan_loai", "lời nhắc")
    if text is None:
        return r
    a = analyse(text)
    folded = fold(text)
    _add(r, "role", a.role.present, "có giao vai trò.", "lời nhắc chưa giao vai trò cho trợ lý.")
    missing = [name for name, rx in _ASKS.items() if not re.search(rx, folded)]
    _add(
        r,
        "asks",
        not missing,
        "yêu cầu đủ bốn mục của phiếu.",
        f"lời nhắc chưa yêu cầu: {', '.join(missing)} (phiếu có bốn mục, Bài 6, mục 3).",
    )
    _add(
        r,
        "grounded",
        bool(_GROUNDED.search(folded)),
        "yêu cầu trợ lý chỉ dựa vào nội dung đơn.",
        "hãy yêu cầu trợ lý chỉ dựa vào nội dung đơn, không thêm thông tin ngoài đơn.",
    )
    leaked = detect(text)
    _add(
        r,
        "no_personal",
        not leaked,
        "lời nhắc không chứa thông tin cá nhân.",
        "lời nhắc chứa thông tin cá nhân: lời nhắc cũng được gửi cho trợ lý, chỉ gửi đơn đã che.",
    )
    return r


FORM_FIELDS = (
    Field("tom_tat", "Tóm tắt", ("Tóm tắt nội dung", "Nội dung"), multiline=True),
    Field("linh_vuc", "Lĩnh vực"),
    Field("muc_do", "Mức độ", ("Mức độ xử lý", "Độ khẩn")),
    Field(
        "co_quan",
        "Cơ quan giải quyết",
        (
            "Cơ quan có thẩm quyền giải quyết",
            "Cơ quan có thẩm quyền",
            "Cơ quan giải quyết",
            "Cơ quan thụ lý",
            "Cơ quan xử lý",
        ),
    ),
)


def read_phieu(phieu: object):
    """The case form from labelled lines (see :data:`FORM_FIELDS`)."""
    return parse_form(phieu, FORM_FIELDS)


def _label(value: str, kind: str) -> str | None:
    """The allowed label a learner's value names ("đất đai" -> "Đất đai"), else None."""
    wanted = fold(value).strip(" .")
    for label in casework.labels(kind):
        if wanted == fold(label) or wanted.startswith(fold(label) + " "):
            return label
    return None


def cham_buoc_3_phieu(phieu: object, dap_an: Mapping[str, Any] | None = None) -> Result:
    """Visible: four lines, allowed labels. Hidden (``dap_an``): field, urgency, agency."""
    r = _step("3", "Phiếu xử lý")
    if answer_text(phieu) is None:
        _add(r, "answered", False, "", "chưa điền phiếu (biến `phieu`, bốn dòng «Tên dòng: ...»).")
        return r
    form = read_phieu(phieu)
    _add(r, "form", not form.problems(), "phiếu có đủ bốn dòng.", " ".join(form.problems()))
    if form.problems():
        return r
    field_ = _label(form.get("linh_vuc"), "linh_vuc")
    level = _label(form.get("muc_do"), "muc_do")
    _add(
        r,
        "labels",
        field_ is not None and level is not None,
        "lĩnh vực và mức độ thuộc danh mục.",
        f"lĩnh vực phải là một trong: {', '.join(casework.labels('linh_vuc'))}; mức độ là "
        f"{' hoặc '.join(casework.labels('muc_do'))}.",
    )
    if dap_an is None or field_ is None or level is None:
        return r
    _add(
        r,
        "linh_vuc",
        field_ == dap_an["linh_vuc"],
        "lĩnh vực đúng.",
        f"lĩnh vực «{field_}» chưa đúng với nội dung đơn: trợ lý có thể phân loại sai, anh/chị "
        "đọc lại đơn và rà soát (Bài 6, mục 3).",
    )
    _add(
        r,
        "muc_do",
        level == dap_an["muc_do"],
        "mức độ đúng.",
        f"mức độ «{level}» chưa phù hợp: đơn liên quan sức khỏe, an toàn hoặc cần giải quyết gấp "
        "là Khẩn, còn lại là Thường (Bài 6, mục 3).",
    )
    agency = F.check(
        form.get("co_quan"),
        (F.AgencyFact("cơ quan", tuple(dap_an["co_quan"]), tuple(dap_an.get("co_quan_khac", ()))),),
    )
    _add(
        r,
        "co_quan",
        agency.ok,
        "cơ quan giải quyết đúng.",
        "cơ quan có thẩm quyền giải quyết chưa đúng"
        + (
            f" («{agency.contradicted[0][1]}» không phải cơ quan giải quyết thủ tục này)"
            if agency.contradicted
            else ""
        )
        + ": đối chiếu mục «Cơ quan thực hiện» của thủ tục ở bước 4 (Bài 6, mục 4).",
    )
    return r


# --- step 4: passages and the answer with its sources ----------------------------------------

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def passage_ids(value: object) -> list[str]:
    """Passage ids a learner lists: "tthc-ket-hon, tthc-tam-tru", "[tthc-...]"."""
    text = answer_text(value) or ""
    return list(dict.fromkeys(_ID.findall(text.lower())))


def cham_buoc_4_tai_lieu(tai_lieu_chon: object, dung: tuple[str, ...] | None = None) -> Result:
    r = _step("4", "Chọn tài liệu")
    ids = passage_ids(tai_lieu_chon)
    if not ids:
        _add(r, "answered", False, "", "chưa ghi mã đoạn tài liệu nào (biến `tai_lieu_chon`).")
        return r
    corpus = by_id()
    unknown = [i for i in ids if i not in corpus]
    _add(
        r,
        "exist",
        not unknown,
        "các mã tài liệu đều có trong kho.",
        f"mã không có trong kho tài liệu: {', '.join(unknown)} (chép đúng mã trong ngoặc vuông).",
    )
    _add(
        r,
        "focused",
        len(ids) <= MAX_SOURCES,
        "chọn tài liệu có trọng tâm.",
        f"chọn tối đa {MAX_SOURCES} đoạn trả lời đúng vụ việc, không chọn tràn lan.",
    )
    if dung is not None:
        _add(
            r,
            "right",
            bool(set(ids) & set(dung)),
            "có đoạn tài liệu đúng với vụ việc.",
            "chưa chọn đoạn tài liệu về đúng thủ tục của vụ việc (Bài 6, mục 4).",
        )
    return r


def cham_buoc_4_tra_loi(
    tai_lieu_chon: object, tra_loi: object, dung: tuple[str, ...] | None = None
) -> Result:
    r = _step("4", "Trả lời có dẫn nguồn")
    text = _text(r, tra_loi, "tra_loi_can_cu", "câu trả lời có dẫn nguồn")
    if text is None:
        return r
    corpus = by_id()
    chosen = [corpus[i] for i in passage_ids(tai_lieu_chon) if i in corpus]
    g = check_grounding(text, chosen)
    _add(
        r,
        "grounded",
        g.ok,
        "mọi ý có số liệu, thời hạn đều có nguồn đúng.",
        "có ý chưa được tài liệu đã chọn xác nhận: "
        + "; ".join(i.message for i in g.issues[:3])
        + " (Bài 6, mục 4).",
    )
    if dung is not None:
        _add(
            r,
            "cites_right",
            bool(set(g.cited_ids) & set(dung)),
            "dẫn đúng đoạn tài liệu của thủ tục.",
            "câu trả lời chưa dẫn mã đoạn tài liệu đúng với vụ việc, ví dụ [tthc-...].",
        )
    return r


# --- step 5: the reply công văn ------------------------------------------------------------------

DOC_TYPE = "Công văn"


def tao_cong_van(cong_van: object, tep: str = "tra-loi-cong-dan.docx"):
    """For the learner: build the công văn from its labelled lines, check and preview it."""
    return soan_van_ban(cong_van, tep, DOC_TYPE)


def cham_buoc_5_the_thuc(cong_van: object) -> Result:
    r = _step("5", "Thể thức công văn trả lời")
    built = build_and_check(r, cong_van, "cong_van", DOC_TYPE)
    if built is None:
        return r
    _add(
        r,
        "cong_van",
        built.fields.doc_type == "cong_van",
        "đúng loại công văn.",
        "văn bản trả lời công dân là công văn (dòng «Loại văn bản: Công văn» hoặc bỏ dòng này).",
    )
    _add(
        r,
        "decree30",
        not built.violations,
        "đúng thể thức Nghị định 30.",
        "chưa đúng thể thức: "
        + "; ".join(v.message for v in built.violations[:3])
        + " (Bài 2, mục 7).",
    )
    return r


def _reply(r: StepResult, cong_van: object):
    return build_and_check(r, cong_van, "cong_van", DOC_TYPE)


def cham_buoc_5_nguoi_nhan(ho_so: HoSo, cong_van: object) -> Result:
    r = _step("5", "Người nhận")
    built = _reply(r, cong_van)
    if built is None:
        return r
    to = fold(" ".join(built.fields.recipients_to))
    _add(
        r,
        "citizen",
        fold(ho_so.nguoi_gui) in to,
        "kính gửi đúng người gửi đơn.",
        "«Kính gửi» chưa ghi họ tên người gửi đơn: dùng `khoi_phuc(...)` để lấy lại tên đã che, "
        "trên máy của anh/chị (Bài 6, mục 5).",
    )
    leftover = PLACEHOLDER_RE.findall(answer_text(cong_van) or "")
    _add(
        r,
        "no_placeholder",
        not leftover,
        "không còn ký hiệu thay thế trong văn bản.",
        "văn bản còn ký hiệu như [HO_TEN_1]: khôi phục bằng `khoi_phuc(...)` trước khi ban hành.",
    )
    return r


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def noi_dung_brief(dap_an: Mapping[str, Any]) -> tuple:
    """The facts a reply must state and not contradict, from a case's hidden key."""
    brief: list = [
        F.References(label="căn cứ pháp lý", allowed=tuple(dap_an["can_cu"]), required=True)
    ]
    for label, iso, required in dap_an.get("ngay", ()):
        brief.append(F.DateFact(label, _date(iso), required=required))
    for label, accept, wrong in dap_an.get("cum_tu", ()):
        brief.append(F.PhraseFact(label, tuple(accept), tuple(wrong)))
    if dap_an.get("co_quan"):
        brief.append(
            F.AgencyFact(
                "cơ quan có thẩm quyền",
                tuple(dap_an["co_quan"]),
                tuple(dap_an.get("co_quan_khac", ())),
                required=dap_an.get("neu_co_quan", True),
            )
        )
    return tuple(brief)


def cham_buoc_5_noi_dung(
    ho_so: HoSo, cong_van: object, dap_an: Mapping[str, Any] | None = None
) -> Result:
    """Hidden (``dap_an``): legal basis, the case's facts and authority, nothing invented."""
    r = _step("5", "Nội dung trả lời")
    built = _reply(r, cong_van)
    if built is None:
        return r
    body = built.body_text
    _add(
        r,
        "body",
        bool(body.strip()),
        "công văn có phần nội dung.",
        "công văn chưa có phần nội dung (dòng «Nội dung:» và các đoạn văn bên dưới).",
    )
    if dap_an is None:
        return r
    found = F.check(body, noi_dung_brief(dap_an))
    basis = next(f for f in found.findings if f.fact.label == "căn cứ pháp lý")
    _add(
        r,
        "basis",
        basis.ok,
        "nêu đúng căn cứ pháp lý của thủ tục.",
        (
            f"nêu căn cứ «{'», «'.join(basis.conflicts)}» mà tài liệu đã tra cứu không nêu "
            "cho thủ tục này (căn cứ không có nguồn hoặc đã hết hiệu lực): chỉ dẫn căn cứ có "
            "trong tài liệu ở bước 4"
            if basis.conflicts
            else "nội dung chưa nêu căn cứ pháp lý của thủ tục (lấy từ tài liệu đã tra cứu ở bước 4)"
        )
        + " (Bài 6, mục 5).",
    )
    others = [f for f in found.findings if f is not basis]
    missing = [f.fact.label for f in others if f.fact.required and not f.stated and not f.conflicts]
    wrong = [(f.fact.label, c) for f in others for c in f.conflicts]
    strays = found.strays
    _add(
        r,
        "facts",
        not missing and not wrong and not strays,
        "nêu đủ và đúng dữ kiện của vụ việc.",
        " ".join(
            ([f"còn thiếu dữ kiện: {'; '.join(missing)}."] if missing else [])
            + [f"ghi «{c}» cho {label}, khác với đơn và tài liệu." for label, c in wrong]
            + (
                [f"có {', '.join(f'«{s}»' for s in strays)} không có trong đơn và tài liệu."]
                if strays
                else []
            )
        )
        + " Đối chiếu lại với đơn và đoạn tài liệu (Bài 6, mục 5).",
    )
    sources = (
        ho_so.don
        + "\n"
        + "\n".join(p.text for i, p in by_id().items() if i in set(dap_an.get("tai_lieu", ())))
    )
    known = index_facts(sources)
    invented = [
        f.text
        for f in extract(body)
        if f.kind in ("num", "date", "dur", "money") and not known.supports(f)
    ]
    _add(
        r,
        "no_invention",
        not invented,
        "không có số liệu, ngày tháng tự đặt ra.",
        f"có số liệu hoặc ngày tháng không có trong đơn và tài liệu: {', '.join(invented[:4])}.",
    )
    return r


# --- step 6: the week's table and report ----------------------------------------------------


def ghi_so(ho_so: HoSo, phieu: object) -> pd.DataFrame:
    """The week's tracking table with this case recorded from the learner's form (answered)."""
    form = read_phieu(phieu)
    row = {
        "linh_vuc": _label(form.get("linh_vuc"), "linh_vuc") or form.get("linh_vuc"),
        "muc_do": _label(form.get("muc_do"), "muc_do") or form.get("muc_do"),
    }
    return casework.them_vu_viec(casework.so_theo_doi_tuan(), ho_so, row)


def _week(ho_so: HoSo, phieu: object) -> pd.DataFrame:
    return casework.tong_hop_tuan(ghi_so(ho_so, phieu))


def cham_buoc_6_so_lieu(ho_so: HoSo, phieu: object, bao_cao_tuan: object) -> Result:
    from aiwork.reporting.figcheck import check_figures

    r = _step("6", "Báo cáo tuần: số liệu")
    text = _text(r, bao_cao_tuan, "bao_cao_tuan", "báo cáo tuần")
    if text is None:
        return r
    report = check_figures(text, _week(ho_so, phieu))
    n = len(report.supported)
    _add(
        r,
        "enough",
        n >= MIN_FIGURES,
        f"nêu {n} số liệu có căn cứ.",
        f"báo cáo cần ít nhất {MIN_FIGURES} số liệu lấy từ bảng tổng hợp (đang có {n}).",
    )
    _add(
        r,
        "verified",
        report.ok,
        "mọi số liệu khớp với sổ theo dõi.",
        "có số liệu không khớp với bảng tổng hợp: "
        + "; ".join(f"«{f.mention.text}» {f.message}" for f in report.unsupported[:3])
        + " (Bài 6, mục 6).",
    )
    return r


_ROLE_CUES = {  # the more specific words first: "trả lời đúng hạn" is not "trả lời"
    "vụ việc trả lời đúng hạn": ("tra_loi_dung_han", r"dung han", False),
    "vụ việc đang xử lý": ("dang_xu_ly", r"dang xu ly|chua tra loi|chua giai quyet", False),
    "vụ việc đã trả lời": ("da_tra_loi", r"tra loi|giai quyet xong|da giai quyet", True),
    "vụ việc tiếp nhận": ("vu_viec_tiep_nhan", r"tiep nhan|nhan duoc|tong so|tong cong", True),
}


def cham_buoc_6_vai_tro(ho_so: HoSo, phieu: object, bao_cao_tuan: object) -> Result:
    """Received and answered stated, no count given for another (a swap)."""
    r = _step("6", "Báo cáo tuần: đúng chỉ tiêu")
    text = _text(r, bao_cao_tuan, "bao_cao_tuan", "báo cáo tuần")
    if text is None:
        return r
    week = _week(ho_so, phieu)
    brief = tuple(
        F.FigureFact(label, float(week[col].sum()), cues=(cue,), required=required)
        for label, (col, cue, required) in _ROLE_CUES.items()
    )
    # what a sentence says after naming a field ("lĩnh vực đất đai có 5 vụ việc, trong đó 1
    # đang xử lý") is about that field, checked against the table in "số liệu"; here only the
    # week's totals
    fields = re.compile(
        r"\b(?:" + "|".join(re.escape(fold(x)) for x in casework.labels("linh_vuc")) + r")\b"
    )
    totals = []
    for sentence in re.split(r"(?<=[.;!?])\s+|\n", text):
        m = fields.search(fold_keep_offsets(sentence))
        totals.append(sentence[: m.start()] if m else sentence)
    totals = " ".join(totals)
    found = F.check(totals, brief)
    missing = [
        f.fact.label for f in found.findings if f.fact.required and not f.stated and not f.conflicts
    ]
    wrong = found.contradicted
    _add(
        r,
        "roles",
        not missing and not wrong,
        "nêu đúng số vụ việc tiếp nhận và đã trả lời.",
        " ".join(
            ([f"chưa nêu: {'; '.join(missing)}."] if missing else [])
            + [
                f"ghi «{c}» cho {label}, khác với bảng tổng hợp (nhầm chỉ tiêu?)."
                for label, c in wrong
            ]
        )
        + " Đọc lại từng cột của bảng tổng hợp (Bài 6, mục 6).",
    )
    return r


kiem_tra = SelfCheck(
    [
        Question("buoc_2", "Bước 2 — Che thông tin cá nhân", ("ho_so", "don_da_che"), cham_buoc_2),
        Question(
            "buoc_3",
            "Bước 3 — Lời nhắc và phiếu xử lý",
            ("loi_nhac_phan_loai", "phieu"),
            lambda p, f: merge(cham_buoc_3_loi_nhac(p), cham_buoc_3_phieu(f)),
        ),
        Question(
            "buoc_4",
            "Bước 4 — Tra cứu có dẫn nguồn",
            ("tai_lieu_chon", "tra_loi_can_cu"),
            lambda t, a: merge(cham_buoc_4_tai_lieu(t), cham_buoc_4_tra_loi(t, a)),
        ),
        Question(
            "buoc_5",
            "Bước 5 — Công văn trả lời",
            ("ho_so", "cong_van"),
            lambda h, c: merge(cham_buoc_5_the_thuc(c), cham_buoc_5_nguoi_nhan(h, c)),
        ),
        Question(
            "buoc_6",
            "Bước 6 — Báo cáo tuần",
            ("ho_so", "phieu", "bao_cao_tuan"),
            lambda h, f, b: merge(cham_buoc_6_so_lieu(h, f, b), cham_buoc_6_vai_tro(h, f, b)),
        ),
    ]
)
