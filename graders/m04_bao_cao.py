"""Graders of assignment m04-bao-cao (module 4: a report from data).

Rubric (documented for learners in the assignment notebook and in the README):

Câu 1 — the figures, computed from the data (3 points)
  - 1a (1): total applications received, exactly;
  - 1b (1): the province's online share in percent, computed on totals (not a mean of the
    communes' rates), to one decimal (visible: a percentage, not a fraction; hidden: the value);
  - 1c (1): how many units reach the training target (visible: a whole number; hidden: the value).
Câu 2 — a prompt that supplies the figures (4 points)
  - số liệu (2): at least four of the key figures, every number in it supported by the data;
  - cấu trúc (1): role and task, the figures between delimiters, no invented figures allowed;
  - phản hồi (1, hidden): every number of the assistant's reply is supported by the data.
Câu 3 — the wrong numbers of an assistant's draft (4 points)
  - hợp lệ (1): a list of numbers, each written as in the draft;
  - tìm đủ (2, hidden): every unsupported number is listed;
  - không nhầm (1, hidden): no supported number is listed.
Câu 4 — the report built and checked (4 points)
  - thể thức (2): the BÁO CÁO built from the learner's fields passes module 2's Decree 30
    checker and carries the figures table and a chart;
  - số liệu (2): the narrative has at least three figures, all supported by the data.

Expected values are computed from the shipped data by ``aiwork.reporting`` (never written here),
and the checks look at numbers and layout, never at the wording of a prompt or a reply.
"""

from __future__ import annotations

import math
import numbers
import tempfile
from pathlib import Path

from aiwork.memo import Memo
from aiwork.prompt_anatomy import analyse, fold, has_delimited_block
from aiwork.reporting import data, figures, samples
from aiwork.reporting.figcheck import within
from aiwork.reporting.numbers import Mention, extract_mentions, format_number, format_percent
from aiwork.reporting.report import check_narrative, check_report, tao_bao_cao
from graders.core import Question, Result, SelfCheck, is_blank, nfc

# One home for "figures between delimiters" and "no invented figures": module 1's grader.
from graders.m01_loi_nhac import DELIMITER_HINT, NO_INVENTION

MIN_PROMPT_FIGURES = 4
MIN_NARRATIVE_FIGURES = 3
RATE_TOLERANCE = 0.05  # percentage points: the rate rounded to one decimal


#: Answers are compared with these, computed once per process (see ``aiwork.memo``: a test
#: cell never sees a copy learner code could have altered).
_MEMO = Memo("graders.m04_bao_cao", size=4)


def expected() -> dict:
    """The figures the answers are compared with, from the shipped data."""
    return _MEMO.get("expected", _expected)


def warm_up() -> None:
    """Fill this module's memo (``aiwork grade`` calls it once in its template process)."""
    expected()
    _draft_findings()


def _expected() -> dict:
    services, training = data.load_services(), data.load_training()
    s, t = figures.services_summary(services), figures.training_summary(training)
    by_commune = figures.services_by_commune(services)
    return {
        "services": s,
        "training": t,
        "mean_of_rates": float(by_commune["ty_le_truc_tuyen"].mean()),
        "key_figures": [
            ("tổng số hồ sơ tiếp nhận", s["ho_so_tiep_nhan"], "number"),
            ("số hồ sơ trực tuyến", s["ho_so_truc_tuyen"], "number"),
            ("tỷ lệ hồ sơ trực tuyến", s["ty_le_truc_tuyen"], "percent"),
            ("tỷ lệ giải quyết đúng hạn", s["ty_le_dung_han"], "percent"),
            ("tỷ lệ trực tuyến tháng đầu", s["ty_le_truc_tuyen_thang_dau"], "percent"),
            ("tỷ lệ trực tuyến tháng cuối", s["ty_le_truc_tuyen_thang_cuoi"], "percent"),
            ("tỷ lệ hoàn thành bồi dưỡng", t["ty_le_hoan_thanh"], "percent"),
            ("số đơn vị đạt mục tiêu", t["so_don_vi_dat"], "number"),
        ],
    }


def _number(result: Result, value: object, what: str) -> float | None:
    if is_blank(value) or isinstance(value, bool) or not isinstance(value, numbers.Real):
        result.add(
            "number",
            False,
            "",
            f"{what}: anh/chị cần ghi một con số (thay dấu ... bằng phép tính hoặc con số).",
        )
        return None
    number = float(value)
    if math.isnan(number):
        result.add("number", False, "", f"{what}: kết quả phép tính không phải là số (NaN).")
        return None
    result.add("number", True, f"{what}: đã có con số.", "")
    return number


# --- Câu 1 ------------------------------------------------------------------------------------


def cham_cau_1a(tong_ho_so: object) -> Result:
    r = Result()
    v = _number(r, tong_ho_so, "Tổng số hồ sơ tiếp nhận")
    if v is not None:
        want = expected()["services"]["ho_so_tiep_nhan"]
        r.add(
            "value",
            abs(v - want) < 0.5,
            f"Tổng số hồ sơ tiếp nhận đúng: {format_number(want)}.",
            "Tổng số hồ sơ tiếp nhận chưa đúng: cần cộng cột ho_so_tiep_nhan của mọi dòng "
            "(mọi xã, phường, mọi tháng).",
        )
    return r


def cham_cau_1b_dang(ty_le_truc_tuyen: object) -> Result:
    r = Result()
    v = _number(r, ty_le_truc_tuyen, "Tỷ lệ hồ sơ trực tuyến")
    if v is not None:
        r.add(
            "percent",
            1 < v <= 100,
            "Tỷ lệ được ghi theo phần trăm.",
            "Tỷ lệ cần ghi theo phần trăm (ví dụ 45,6 chứ không phải 0,456): nhân với 100."
            if 0 < v <= 1
            else "Tỷ lệ phần trăm phải nằm trong khoảng 0–100.",
        )
    return r


def cham_cau_1b(ty_le_truc_tuyen: object) -> Result:
    r = cham_cau_1b_dang(ty_le_truc_tuyen)
    if r.passed:
        v = float(ty_le_truc_tuyen)  # type: ignore[arg-type]
        e = expected()
        want = e["services"]["ty_le_truc_tuyen"]
        mean_trap = abs(v - e["mean_of_rates"]) <= RATE_TOLERANCE
        r.add(
            "value",
            abs(v - want) <= RATE_TOLERANCE,
            f"Tỷ lệ đúng: {format_percent(want)}.",
            "Đây là trung bình cộng tỷ lệ của các xã, phường; cần lấy tổng hồ sơ trực tuyến chia "
            "tổng hồ sơ tiếp nhận."
            if mean_trap
            else "Tỷ lệ chưa đúng: tổng hồ sơ trực tuyến chia tổng hồ sơ tiếp nhận, nhân 100.",
        )
    return r


def cham_cau_1c_dang(so_don_vi_dat: object) -> Result:
    r = Result()
    v = _number(r, so_don_vi_dat, "Số đơn vị đạt mục tiêu")
    if v is not None:
        n = expected()["training"]["so_don_vi"]
        r.add(
            "whole",
            v.is_integer() and 0 <= v <= n,
            "Là một số nguyên hợp lệ.",
            f"Số đơn vị phải là số nguyên từ 0 đến {n}.",
        )
    return r


def cham_cau_1c(so_don_vi_dat: object) -> Result:
    r = cham_cau_1c_dang(so_don_vi_dat)
    if r.passed:
        t = expected()["training"]
        r.add(
            "value",
            float(so_don_vi_dat) == t["so_don_vi_dat"],  # type: ignore[arg-type]
            "Số đơn vị đạt mục tiêu đúng.",
            f"Chưa đúng: đếm các đơn vị có tỷ lệ hoàn thành từ {t['muc_tieu']}% trở lên.",
        )
    return r


# --- Câu 2 ------------------------------------------------------------------------------------


def _text(result: Result, value: object, what: str) -> str | None:
    if is_blank(value) or not isinstance(value, str):
        result.add("answered", False, "", f"Anh/chị chưa viết {what} (thay dấu ... bằng nội dung).")
        return None
    return nfc(value)


def _figure_mentions(text: str) -> list[Mention]:
    """Figures only: dates, document numbers and lengths ("150 từ") are not counted."""
    return [m for m in extract_mentions(text) if m.kind in ("number", "percent", "points", "times")]


def _carried(text: str) -> tuple[list[str], list[str]]:
    mentions = _figure_mentions(text)
    have, missing = [], []
    for name, value, kind in expected()["key_figures"]:
        ok = any(m.kind == kind and within(m, value) for m in mentions)
        (have if ok else missing).append(name)
    return have, missing


def _unsupported_in(text: str, lenient: bool = False) -> list[str]:
    """Numbers of ``text`` the data does not support (lengths such as "150 từ" are ignored)."""
    return check_narrative(text, lenient=lenient).unsupported_texts()


def cham_cau_2_so_lieu(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text(r, loi_nhac, "lời nhắc câu 2")
    if prompt is None:
        return r
    have, missing = _carried(prompt)
    r.add(
        "figures",
        len(have) >= MIN_PROMPT_FIGURES,
        f"Lời nhắc cung cấp {len(have)} số liệu chủ yếu.",
        f"Lời nhắc mới có {len(have)} số liệu chủ yếu (cần ít nhất {MIN_PROMPT_FIGURES}); có thể "
        f"thêm: {', '.join(missing[:4])}.",
    )
    wrong = _unsupported_in(prompt)
    r.add(
        "supported",
        not wrong,
        "Mọi con số trong lời nhắc đều khớp với dữ liệu.",
        f"Có số liệu không khớp với dữ liệu: {', '.join(wrong)}. Trợ lý sẽ chép lại số sai này.",
    )
    return r


def cham_cau_2_cau_truc(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text(r, loi_nhac, "lời nhắc câu 2")
    if prompt is None:
        return r
    a = analyse(prompt)
    r.add("role", a.role.present, "Có vai trò.", "Lời nhắc chưa giao vai trò cho trợ lý.")
    r.add("task", a.task.present, "Có nhiệm vụ.", "Lời nhắc chưa nêu rõ nhiệm vụ.")
    r.add(
        "delimiters",
        has_delimited_block(prompt),
        "Số liệu được đặt giữa dấu phân cách.",
        f"Hãy đặt bảng số liệu {DELIMITER_HINT}.",
    )
    r.add(
        "no_invention",
        bool(NO_INVENTION.search(fold(prompt))),
        "Có yêu cầu chỉ dùng số liệu đã cho.",
        "Hãy yêu cầu trợ lý chỉ dùng số liệu đã cho, không tự thêm số liệu.",
    )
    return r


def cham_cau_2_phan_hoi(loi_nhac: object) -> Result:
    from aiwork.assistant import hoi

    r = cham_cau_2_so_lieu(loi_nhac)
    if not r.passed:
        return r
    # The reply's wording is free (and an offline or real model words it differently); what
    # is graded is that no number in it goes beyond the data the prompt supplied, so the
    # checker's wording gates (rate names, "cao nhất"...) are off here.
    reply = hoi(str(loi_nhac))
    wrong = _unsupported_in(reply, lenient=True)
    r.add(
        "reply_supported",
        not wrong,
        "Mọi con số trong phản hồi đều khớp với dữ liệu.",
        f"Phản hồi có số không khớp với dữ liệu: {', '.join(wrong)}.",
    )
    return r


# --- Câu 3 ------------------------------------------------------------------------------------


def _draft_findings() -> tuple[tuple[str, float, str], ...]:
    """(kind, value, status) of every number of the assignment's draft."""
    return _MEMO.get("draft_findings", _compute_draft_findings)


def _compute_draft_findings() -> tuple[tuple[str, float, str], ...]:
    report = check_narrative(samples.DU_THAO_BAI_TAP)
    return tuple(
        (f.mention.kind, f.mention.value, f.status)
        for f in report.findings
        if f.mention.kind != "date" and f.mention.kind != "reference"
    ) + tuple(
        ("date:" + f.mention.text.lower(), 0.0, f.status)
        for f in report.findings
        if f.mention.kind == "date"
    )


def _listed(items: object) -> tuple[list[str], set[int], list[str]]:
    """(the learner's items, indexes of draft numbers they name, items naming none)."""
    if not isinstance(items, (list, tuple)):
        return [], set(), []
    texts = [nfc(str(x)).strip() for x in items if x is not Ellipsis and not is_blank(x)]
    draft = _draft_findings()
    picked: set[int] = set()
    stray = []
    for text in texts:
        hits: set[int] = set()
        for m in extract_mentions(text):
            key = "date:" + m.text.lower() if m.kind == "date" else m.kind
            for i, (kind, value, _status) in enumerate(draft):
                if kind == key and (m.kind == "date" or abs(value - m.value) < 1e-9):
                    hits.add(i)
        # "8/12": the learner points at the wrong part of a fraction, not at both numbers.
        wrong_hits = {i for i in hits if draft[i][2] == "unsupported"}
        picked |= wrong_hits or hits
        if not hits:
            stray.append(text)
    return texts, picked, stray


def cham_cau_3_hop_le(so_sai: object) -> Result:
    r = Result()
    texts, _picked, stray = _listed(so_sai)
    r.add(
        "list",
        bool(texts),
        "Đã liệt kê các con số.",
        'Anh/chị ghi các con số sai vào danh sách, ví dụ ["12.345", "67,8%"].',
    )
    if texts:
        r.add(
            "in_draft",
            not stray,
            "Mọi con số đều có trong dự thảo.",
            f"Không thấy trong dự thảo: {', '.join(stray)} (ghi đúng như trong dự thảo).",
        )
    return r


def cham_cau_3_tim_du(so_sai: object) -> Result:
    r = cham_cau_3_hop_le(so_sai)
    _texts, picked, _stray = _listed(so_sai)
    wrong = {i for i, (_k, _v, status) in enumerate(_draft_findings()) if status == "unsupported"}
    missed = len(wrong - picked)
    r.add(
        "all_found",
        missed == 0,
        "Đã tìm đủ các con số sai.",
        f"Còn {missed} con số sai chưa tìm ra.",
    )
    return r


def cham_cau_3_khong_nham(so_sai: object) -> Result:
    r = cham_cau_3_hop_le(so_sai)
    _texts, picked, _stray = _listed(so_sai)
    right = [i for i in picked if _draft_findings()[i][2] != "unsupported"]
    r.add(
        "no_false_alarm",
        not right,
        "Không đánh dấu nhầm con số đúng.",
        f"Có {len(right)} con số đúng bị đánh dấu là sai: hãy đối chiếu lại với dữ liệu.",
    )
    return r


# --- Câu 4 ------------------------------------------------------------------------------------


def cham_cau_4_the_thuc(thong_tin: object, doan_van: object) -> Result:
    r = Result()
    if not isinstance(thong_tin, dict) or not thong_tin:
        r.add("fields", False, "", "Anh/chị chưa điền thông tin văn bản (thong_tin_4).")
        return r
    text = _text(r, doan_van, "đoạn văn câu 4")
    if text is None:
        return r
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = tao_bao_cao(thong_tin, text, Path(tmp) / "bao-cao.docx")
        except (ValueError, TypeError, KeyError) as exc:
            r.add("built", False, "", f"Chưa tạo được báo cáo: {exc}")
            return r
        result = check_report(path)
    r.add(
        "layout",
        not result.violations and not result.error,
        "Báo cáo đúng thể thức theo Nghị định 30/2020/NĐ-CP (các quy tắc đã kiểm tra).",
        "Báo cáo chưa đúng thể thức: "
        + "; ".join(v.message for v in result.violations[:3])
        + (f" (và {len(result.violations) - 3} lỗi khác)" if len(result.violations) > 3 else "")
        + (result.error or ""),
    )
    r.add(
        "content",
        result.tables >= 1 and result.images >= 1,
        "Báo cáo có bảng số liệu và biểu đồ.",
        "Báo cáo thiếu bảng số liệu hoặc biểu đồ.",
    )
    return r


def cham_cau_4_so_lieu(doan_van: object) -> Result:
    r = Result()
    text = _text(r, doan_van, "đoạn văn câu 4")
    if text is None:
        return r
    found = _figure_mentions(text)
    r.add(
        "figures",
        len(found) >= MIN_NARRATIVE_FIGURES,
        f"Đoạn văn có {len(found)} số liệu.",
        f"Đoạn văn cần ít nhất {MIN_NARRATIVE_FIGURES} số liệu (đang có {len(found)}).",
    )
    wrong = _unsupported_in(text)
    r.add(
        "supported",
        not wrong,
        "Mọi con số trong đoạn văn đều khớp với dữ liệu.",
        f"Có con số không khớp với dữ liệu: {', '.join(wrong)}.",
    )
    return r


kiem_tra = SelfCheck(
    [
        Question(
            "cau_1",
            "Câu 1 — tính số liệu",
            ("tong_ho_so", "ty_le_truc_tuyen", "so_don_vi_dat"),
            lambda a, b, c: Result(
                cham_cau_1a(a).checks + cham_cau_1b_dang(b).checks + cham_cau_1c_dang(c).checks
            ),
        ),
        Question(
            "cau_2",
            "Câu 2 — lời nhắc có số liệu",
            ("loi_nhac_2",),
            lambda p: Result(cham_cau_2_so_lieu(p).checks + cham_cau_2_cau_truc(p).checks),
        ),
        Question("cau_3", "Câu 3 — tìm số sai trong dự thảo", ("so_sai_3",), cham_cau_3_hop_le),
        Question(
            "cau_4",
            "Câu 4 — lập báo cáo",
            ("thong_tin_4", "doan_van_4"),
            lambda info, text: Result(
                cham_cau_4_the_thuc(info, text).checks + cham_cau_4_so_lieu(text).checks
            ),
        ),
    ]
)
