"""Graders of assignment m06-tinh-huong (capstone: a citizen's petition end to end).

Each step is graded on its own points and every message names its step, so feedback says
which step failed. The earlier modules' tools do the checking: the privacy detector (module 5),
structured-output schema (offline assistant), the grounding checker (module 3), the Decree 30
builder and checker (module 2) and the figure checker (module 4).

| Step | Test cell | Points | Property checked |
|---|---|---|---|
| 2 redact | test_buoc_2_che_thong_tin | 2 | no personal data left; placeholders in place; content kept |
| 3 send safely | test_buoc_3_gui_an_toan | 2 | the case form was asked with structured output; nothing sent to the assistant holds the petition's personal data |
| 3 case form | test_buoc_3_phieu | 2 | the reviewed form fits the schema; field, urgency and competent agency are right |
| 4 sources | test_buoc_4_tai_lieu | 2 | the chosen passages exist and include the procedure that answers the case |
| 4 answer | test_buoc_4_tra_loi | 2 | the answer cites only chosen passages, cites the right one, and every fact is supported |
| 5 layout | test_buoc_5_the_thuc | 2 | the reply công văn builds and passes the Decree 30 checker |
| 5 recipient | test_buoc_5_nguoi_nhan | 2 | "Kính gửi" names the citizen (re-identified); no placeholder left anywhere |
| 5 content | test_buoc_5_noi_dung | 2 | cites the legal basis, carries the case's key facts, invents no number or date |
| 6 record | test_buoc_6_so_theo_doi | 2 | the case is recorded once with the right field and urgency |
| 6 summary | test_buoc_6_bao_cao | 2 | the weekly summary states at least 3 figures, all supported by the week's table |
"""

from __future__ import annotations

import json
import re
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
from aiwork.vi import fold_keep_offsets, nfc
from graders.core import Question, Result, SelfCheck, is_blank, merge
from graders.m02_soan_thao import build_and_check  # one builder+checker path

MIN_PLACEHOLDERS = 3
MIN_FIGURES = 3
MAX_SOURCES = 3


@dataclass
class StepResult(Result):
    """A result whose messages all name the step (feedback says which step failed)."""

    step: str = ""


def _step(n: str, title: str) -> StepResult:
    return StepResult(step=f"Bước {n} — {title}")


def _add(r: StepResult, name: str, ok: bool, good: str, bad: str) -> bool:
    return r.add(name, ok, f"{r.step}: {good}", f"{r.step}: {bad}")


def _pii_values(ho_so: HoSo) -> list[str]:
    """The petition's personal data as written, and digit-only forms of numbers."""
    values = set()
    for f in detect(ho_so.don):
        values.add(f.text)
        digits = re.sub(r"\D", "", f.text)
        if len(digits) >= 6:
            values.add(digits)
    return sorted(values, key=len, reverse=True)


# --- step 2 ------------------------------------------------------------------------------------


def cham_buoc_2(ho_so: HoSo, don_da_che: object) -> Result:
    r = _step("2", "Che thông tin cá nhân")
    if is_blank(don_da_che) or not isinstance(don_da_che, str):
        _add(r, "answered", False, "", "chưa có văn bản đã che (biến `don_da_che`).")
        return r
    text = nfc(don_da_che)
    left = detect(text)
    _add(
        r,
        "no_pii",
        not left,
        "không còn thông tin cá nhân.",
        "vẫn còn thông tin cá nhân: " + ", ".join(f"{f.kind} «{f.text}»" for f in left[:5]) + ".",
    )
    n = len(PLACEHOLDER_RE.findall(text))
    _add(
        r,
        "placeholders",
        n >= MIN_PLACEHOLDERS,
        f"có {n} ký hiệu thay thế.",
        "chưa thấy ký hiệu thay thế như [HO_TEN_1], [CCCD_1]: hãy dùng `che_thong_tin(...)`.",
    )
    kept = len(text) >= 0.6 * len(ho_so.don)
    _add(
        r,
        "content_kept",
        kept,
        "giữ nguyên nội dung đơn.",
        "văn bản đã che bị mất nhiều nội dung của đơn; chỉ che thông tin cá nhân.",
    )
    return r


# --- step 3 ------------------------------------------------------------------------------------


def cham_buoc_3_gui(ho_so: HoSo, log: list[dict[str, Any]]) -> Result:
    r = _step("3", "Gửi trợ lý an toàn")
    structured = [
        e
        for e in log
        if isinstance(e.get("body"), dict)
        and (e["body"].get("response_format") or {}).get("type") == "json_schema"
    ]
    _add(
        r,
        "structured",
        bool(structured),
        "đã yêu cầu trợ lý điền phiếu theo lược đồ JSON.",
        "chưa gửi yêu cầu điền phiếu theo lược đồ (hãy chạy `phan_loai_don(...)`).",
    )
    sent = nfc(json.dumps([e.get("body") for e in log], ensure_ascii=False))
    leaked = [v for v in _pii_values(ho_so) if v in sent]
    _add(
        r,
        "no_leak",
        not leaked,
        "không gửi thông tin cá nhân nào cho trợ lý.",
        f"đã gửi thông tin cá nhân cho trợ lý ({len(leaked)} mục, ví dụ loại "
        f"{', '.join(sorted({f.kind for f in detect(' ; '.join(leaked))})) or 'số định danh'}): "
        "phải che trước khi gửi.",
    )
    return r


def cham_buoc_3_phieu(ho_so: HoSo, phieu: object) -> Result:
    r = _step("3", "Phiếu xử lý")
    if is_blank(phieu):
        _add(r, "answered", False, "", "chưa điền phiếu (biến `phieu`).")
        return r
    problems = casework.kiem_tra_phieu(phieu)
    _add(r, "schema", not problems, "phiếu đúng lược đồ.", " ".join(problems))
    if problems:
        return r
    assert isinstance(phieu, dict)
    key = ho_so.dap_an
    _add(
        r,
        "linh_vuc",
        phieu["linh_vuc"] == key["linh_vuc"],
        "lĩnh vực đúng.",
        f"lĩnh vực «{phieu['linh_vuc']}» chưa đúng với nội dung đơn; hãy rà soát lại kết quả của trợ lý.",
    )
    _add(
        r,
        "muc_do",
        phieu["muc_do"] == key["muc_do"],
        "mức độ đúng.",
        f"mức độ «{phieu['muc_do']}» chưa phù hợp (đơn liên quan sức khỏe, thời hạn gấp là Khẩn).",
    )
    agency = fold_keep_offsets(str(phieu["co_quan_giai_quyet"]))
    _add(
        r,
        "co_quan",
        any(fold_keep_offsets(a) in agency for a in key["co_quan"]),
        "cơ quan giải quyết đúng.",
        "cơ quan có thẩm quyền giải quyết chưa đúng; đối chiếu thủ tục hành chính ở bước 4.",
    )
    return r


# --- step 4 ------------------------------------------------------------------------------------


def cham_buoc_4_tai_lieu(ho_so: HoSo, tai_lieu_chon: object) -> Result:
    r = _step("4", "Chọn tài liệu")
    ids = (
        [str(x).strip() for x in tai_lieu_chon] if isinstance(tai_lieu_chon, (list, tuple)) else []
    )
    if not ids:
        _add(r, "answered", False, "", "chưa chọn tài liệu (biến `tai_lieu_chon`, danh sách mã).")
        return r
    corpus = by_id()
    unknown = [i for i in ids if i not in corpus]
    _add(
        r,
        "exist",
        not unknown,
        "các mã tài liệu đều có trong kho.",
        f"mã không có trong kho tài liệu: {', '.join(unknown)}.",
    )
    _add(
        r,
        "focused",
        len(ids) <= MAX_SOURCES,
        "chọn tài liệu có trọng tâm.",
        f"chọn tối đa {MAX_SOURCES} đoạn trả lời đúng vụ việc, không chọn tràn lan.",
    )
    _add(
        r,
        "right",
        bool(set(ids) & set(ho_so.dap_an["tai_lieu"])),
        "có thủ tục đúng với vụ việc.",
        "chưa chọn đoạn tài liệu về thủ tục hành chính đúng với vụ việc.",
    )
    return r


def cham_buoc_4_tra_loi(ho_so: HoSo, tai_lieu_chon: object, tra_loi: object) -> Result:
    r = _step("4", "Trả lời có dẫn nguồn")
    if is_blank(tra_loi) or not isinstance(tra_loi, str):
        _add(r, "answered", False, "", "chưa có câu trả lời (biến `tra_loi_can_cu`).")
        return r
    corpus = by_id()
    chosen = [corpus[i] for i in (tai_lieu_chon or []) if isinstance(i, str) and i in corpus]
    g = check_grounding(nfc(tra_loi), chosen)
    _add(
        r,
        "grounded",
        g.ok,
        "mọi ý có số liệu, thời hạn đều có nguồn đúng.",
        "có ý chưa được tài liệu đã chọn xác nhận: " + "; ".join(i.message for i in g.issues[:3]),
    )
    _add(
        r,
        "cites_right",
        bool(set(g.cited_ids) & set(ho_so.dap_an["tai_lieu"])),
        "dẫn đúng đoạn thủ tục.",
        "câu trả lời chưa dẫn mã đoạn thủ tục đúng với vụ việc, ví dụ [tthc-...].",
    )
    return r


# --- step 5 ------------------------------------------------------------------------------------


def _all_text(info: dict) -> str:
    return nfc(json.dumps(info, ensure_ascii=False, default=str))


def cham_buoc_5_the_thuc(cong_van: object) -> Result:
    r = _step("5", "Thể thức công văn trả lời")
    built = build_and_check(r, cong_van, "cong_van")
    if built is None:
        return r
    _add(
        r,
        "cong_van",
        built.fields.doc_type == "cong_van",
        "đúng loại công văn.",
        'văn bản trả lời công dân phải là công văn (loai: "Công văn").',
    )
    _add(
        r,
        "decree30",
        not built.violations,
        "đúng thể thức Nghị định 30.",
        "chưa đúng thể thức: " + "; ".join(f"{v.rule}: {v.message}" for v in built.violations[:3]),
    )
    return r


def _answered_dict(r: StepResult, value: object, name: str, what: str) -> dict | None:
    """The learner's dict answer, or None with a "not answered yet" check added."""
    if is_blank(value) or not isinstance(value, dict):
        _add(r, "answered", False, "", f"chưa có {what} (biến `{name}`).")
        return None
    return value


def cham_buoc_5_nguoi_nhan(ho_so: HoSo, cong_van: object) -> Result:
    r = _step("5", "Người nhận")
    info = _answered_dict(r, cong_van, "cong_van", "công văn")
    if info is None:
        return r
    to = info.get("kinh_gui") or []
    to_text = fold_keep_offsets(" ".join(to) if isinstance(to, (list, tuple)) else str(to))
    _add(
        r,
        "citizen",
        fold_keep_offsets(ho_so.nguoi_gui) in to_text,
        "kính gửi đúng người gửi đơn.",
        "«Kính gửi» chưa ghi họ tên người gửi đơn (dùng `khoi_phuc(...)` để lấy lại tên đã che).",
    )
    leftover = PLACEHOLDER_RE.findall(_all_text(info))
    _add(
        r,
        "no_placeholder",
        not leftover,
        "không còn ký hiệu thay thế trong văn bản.",
        "văn bản còn ký hiệu như [HO_TEN_1]: hãy khôi phục bằng `khoi_phuc(...)` trước khi ban hành.",
    )
    return r


def cham_buoc_5_noi_dung(ho_so: HoSo, cong_van: object) -> Result:
    r = _step("5", "Nội dung trả lời")
    info = _answered_dict(r, cong_van, "cong_van", "công văn")
    if info is None:
        return r
    body = info.get("noi_dung") or []
    text = nfc("\n".join(body) if isinstance(body, (list, tuple)) else str(body))
    folded = fold_keep_offsets(text)
    key = ho_so.dap_an
    _add(
        r,
        "basis",
        any(fold_keep_offsets(b) in folded for b in key["can_cu"]),
        "nêu căn cứ pháp lý của thủ tục.",
        "nội dung chưa nêu căn cứ pháp lý của thủ tục (lấy từ tài liệu đã tra cứu ở bước 4).",
    )
    missing = [f for f in key["du_kien"] if fold_keep_offsets(f) not in folded]
    _add(
        r,
        "facts",
        not missing,
        "nêu đủ dữ kiện chính của vụ việc.",
        f"còn thiếu dữ kiện: {'; '.join(missing)}.",
    )
    sources = (
        ho_so.don + "\n" + "\n".join(p.text for i, p in by_id().items() if i in key["tai_lieu"])
    )
    known = index_facts(sources)
    invented = [
        f.text
        for f in extract(text)
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


# --- step 6 ------------------------------------------------------------------------------------


def expected_table(ho_so: HoSo) -> pd.DataFrame:
    phieu = {"linh_vuc": ho_so.dap_an["linh_vuc"], "muc_do": ho_so.dap_an["muc_do"]}
    return casework.them_vu_viec(casework.so_theo_doi_tuan(), ho_so, phieu)


def cham_buoc_6_so(ho_so: HoSo, so: object) -> Result:
    r = _step("6", "Sổ theo dõi")
    if not isinstance(so, pd.DataFrame) or "ma_vu_viec" not in getattr(so, "columns", []):
        _add(r, "answered", False, "", "chưa có sổ theo dõi (biến `so`, dùng `them_vu_viec(...)`).")
        return r
    rows = so[so["ma_vu_viec"] == ho_so.ma]
    _add(
        r,
        "once",
        len(rows) == 1,
        "vụ việc được ghi một lần.",
        f"vụ việc {ho_so.ma} phải được ghi đúng một lần (đang có {len(rows)}).",
    )
    base = casework.so_theo_doi_tuan()
    _add(
        r,
        "kept",
        len(so) == len(base) + 1 and set(base["ma_vu_viec"]) <= set(so["ma_vu_viec"]),
        "giữ nguyên các vụ việc khác trong tuần.",
        "sổ theo dõi bị mất hoặc thừa dòng so với sổ của tuần.",
    )
    if len(rows) == 1:
        row = rows.iloc[0]
        ok = row["linh_vuc"] == ho_so.dap_an["linh_vuc"] and row["muc_do"] == ho_so.dap_an["muc_do"]
        _add(
            r,
            "fields",
            ok,
            "lĩnh vực và mức độ ghi đúng.",
            "lĩnh vực hoặc mức độ ghi trong sổ chưa đúng.",
        )
    return r


def cham_buoc_6_bao_cao(ho_so: HoSo, bao_cao_tuan: object) -> Result:
    from aiwork.reporting.figcheck import check_figures

    r = _step("6", "Báo cáo tuần")
    if is_blank(bao_cao_tuan) or not isinstance(bao_cao_tuan, str):
        _add(r, "answered", False, "", "chưa có báo cáo tuần (biến `bao_cao_tuan`).")
        return r
    report = check_figures(nfc(bao_cao_tuan), casework.tong_hop_tuan(expected_table(ho_so)))
    n = len(report.supported)
    _add(
        r,
        "enough",
        n >= MIN_FIGURES,
        f"nêu {n} số liệu có căn cứ.",
        f"báo cáo cần ít nhất {MIN_FIGURES} số liệu từ sổ theo dõi (đang có {n}).",
    )
    _add(
        r,
        "verified",
        report.ok,
        "mọi số liệu khớp với sổ theo dõi.",
        "có số liệu không khớp: "
        + "; ".join(f"«{f.mention.text}» {f.message}" for f in report.unsupported[:3]),
    )
    return r


kiem_tra = SelfCheck(
    [
        Question("buoc_2", "Bước 2 — Che thông tin cá nhân", ("ho_so", "don_da_che"), cham_buoc_2),
        Question("buoc_3", "Bước 3 — Phiếu xử lý", ("ho_so", "phieu"), cham_buoc_3_phieu),
        Question(
            "buoc_4",
            "Bước 4 — Tra cứu có dẫn nguồn",
            ("ho_so", "tai_lieu_chon", "tra_loi_can_cu"),
            lambda h, t, a: merge(cham_buoc_4_tai_lieu(h, t), cham_buoc_4_tra_loi(h, t, a)),
        ),
        Question(
            "buoc_5",
            "Bước 5 — Công văn trả lời",
            ("ho_so", "cong_van"),
            lambda h, c: merge(cham_buoc_5_the_thuc(c), cham_buoc_5_nguoi_nhan(h, c)),
        ),
        Question(
            "buoc_6",
            "Bước 6 — Sổ theo dõi và báo cáo tuần",
            ("ho_so", "so", "bao_cao_tuan"),
            lambda h, s, b: merge(cham_buoc_6_so(h, s), cham_buoc_6_bao_cao(h, b)),
        ),
    ]
)
