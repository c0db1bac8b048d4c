"""Graders of assignment m04-bao-cao (module 4: a report from data).

The learner writes no code (EXERCISE_STANDARD §1): the tables are read with ready calls
(:mod:`aiwork.reporting.explore`), and every answer is text.

Câu 1 — figures read from the tables (3 points, 1 each)
  - 1a: the commune or ward with the lowest online share in a given month, and that share;
  - 1b: how much one commune's online share rose between two months, in percentage points;
  - 1c: how many units of a group are below the training target.
  Visible: a figure is written; hidden: the key (passed in from the hidden block).
Câu 2 — a prompt that supplies the figures (4 points)
  - số liệu (2): at least four of the key figures, every number in it supported by the data,
    each figure with the rate, unit and month it is given for (swapped rates fail);
  - cấu trúc (1): role and task, the figures between delimiters, no invented figures allowed;
  - phản hồi (1, hidden): every number of the assistant's reply is supported by the data.
Câu 3 — the wrong numbers of an assistant's draft, and their right values (4 points)
  One line per wrong number: the number as written in the draft, then what it should be
  ("198.272 -> 198.722", "95%: bỏ, không có số liệu"). Hidden key: draft number -> right value.
  - tìm đủ (2): every error found (two exchanged figures count as one error);
  - không nhầm (1): no right number marked wrong;
  - sửa đúng (1): every error found is given its right value (or removed, when the data has
    none); an exchange may be said as such ("hai tỷ lệ bị đổi chỗ").
  The figure checker may be used to confirm; its output pasted as the answer earns nothing.
Câu 4 — the report (4 points)
  - thể thức (2): the BÁO CÁO built from the labelled fields passes module 2's Decree 30
    checker and carries the figures table and a chart;
  - số liệu (2): the narrative has at least three figures, each supported by the data with
    what the sentence binds it to (rate, unit, month, direction of a change).

Graders hold no key: the expected values of question 1 and 3 are passed in from the hidden
test blocks; question 2 and 4 are checked against the shipped data (the data is the learner's
material, not a key).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from aiwork.memo import Memo
from aiwork.prompt_anatomy import analyse, has_delimited_block
from aiwork.reporting import data, figures, samples
from aiwork.reporting.figcheck import within
from aiwork.reporting.numbers import Mention, extract_mentions
from aiwork.reporting.report import check_narrative, check_report, tao_bao_cao
from aiwork.vi import fold_keep_offsets
from graders.core import Question, Result, SelfCheck
from graders.forms import answer_text, copied_from, parse_document

# One home for "no invented figures" and the delimiter hint: module 1's grader.
from graders.m01_loi_nhac import DELIMITER_HINT, NO_INVENTION

MIN_PROMPT_FIGURES = 4
MIN_NARRATIVE_FIGURES = 3

#: Figures computed once per process from the shipped data (see ``aiwork.memo``: a test cell
#: never sees a copy learner code could have altered).
_MEMO = Memo("graders.m04_bao_cao", size=4)


def expected() -> dict:
    """The key figures a prompt may carry (the table printed in question 2)."""
    return _MEMO.get("expected", _expected)


def warm_up() -> None:
    """Fill this module's memo (``aiwork grade`` calls it once in its template process)."""
    expected()
    _checker_text()


def _expected() -> dict:
    services, training = data.load_services(), data.load_training()
    s, t = figures.services_summary(services), figures.training_summary(training)
    return {
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


def _text(r: Result, value: object, what: str) -> str | None:
    text = answer_text(value)
    if text is None:
        r.add("answered", False, "", f"Anh/chị chưa viết {what} (thay dấu ... bằng nội dung).")
    return text


def _figures(text: str) -> list[Mention]:
    """Figures only: dates, document numbers and lengths ("150 từ") are not counted."""
    return [m for m in extract_mentions(text) if m.kind in ("number", "percent", "points", "times")]


# --- Câu 1 ------------------------------------------------------------------------------------


def _answer_figure(r: Result, value: object, what: str) -> tuple[str, list[Mention]] | None:
    text = _text(r, value, what)
    if text is None:
        return None
    found = _figures(text)
    r.add(
        "figure",
        bool(found),
        "Đã ghi số liệu.",
        f"{what[0].upper()}{what[1:]}: anh/chị ghi cả con số đọc được trong bảng (ví dụ 45,6%).",
    )
    return (text, found) if found else None


def cham_cau_1a(answer: object, ten: str | None = None, ty_le: float | None = None) -> Result:
    """The lowest commune or ward and its share (hidden: ``ten``, ``ty_le``)."""
    r = Result()
    got = _answer_figure(r, answer, "câu 1a")
    if got is None or ten is None or ty_le is None:
        return r
    text, found = got
    names = sorted(data.load_services()["xa_phuong"].astype(str).unique(), key=len, reverse=True)
    folded = fold_keep_offsets(text)
    spots: list[tuple[int, str]] = []
    for name in names:  # longest first: "Quy Nhơn Nam" is not also "Quy Nhơn"
        for m in re.finditer(rf"(?<!\w){re.escape(fold_keep_offsets(name))}(?!\w)", folded):
            if not any(s <= m.start() < s + len(n) for s, n in spots):
                spots.append((m.start(), name))
    named = [name for _s, name in sorted(spots)]
    rates = [m for m in found if m.kind == "percent"]
    r.add(
        "unit",
        bool(named) and named[0] == ten,
        "Đúng xã, phường có tỷ lệ thấp nhất.",
        "Chưa đúng xã, phường có tỷ lệ trực tuyến thấp nhất trong tháng được hỏi: anh/chị xem "
        "bảng của đúng tháng đó và so sánh cột «Tỷ lệ trực tuyến» của mọi xã, phường (ghi một "
        "tên).",
    )
    r.add(
        "rate",
        bool(rates) and within(rates[0], ty_le),
        "Tỷ lệ ghi đúng như trong bảng.",
        "Tỷ lệ trực tuyến ghi kèm chưa đúng với bảng của tháng được hỏi (đừng lấy tỷ lệ của cả "
        "10 tháng).",
    )
    return r


def cham_cau_1b(answer: object, tang: float | None = None) -> Result:
    """A rise in percentage points (hidden: ``tang``)."""
    r = Result()
    got = _answer_figure(r, answer, "câu 1b")
    if got is None or tang is None:
        return r
    text, found = got
    points = [m for m in found if m.kind == "points"]
    percents = [m for m in found if m.kind == "percent" and within(m, tang)]
    down = bool(re.search(r"\b(?:giam|sut|di xuong)\b", fold_keep_offsets(text)))
    r.add(
        "points",
        any(within(m, tang) for m in points) and not down,
        "Mức tăng đúng, tính bằng điểm phần trăm.",
        "Mức thay đổi của một tỷ lệ tính bằng «điểm phần trăm» (tỷ lệ tháng sau trừ tỷ lệ tháng "
        "trước); anh/chị kiểm tra lại phép trừ và đơn vị (xem lại Bài 4, mục 5)."
        if percents
        else "Mức tăng chưa đúng: lấy tỷ lệ trực tuyến tháng sau trừ tỷ lệ tháng trước của đúng "
        "xã, phường được hỏi, ghi kết quả bằng «điểm phần trăm».",
    )
    return r


_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8}


def cham_cau_1c(answer: object, so_don_vi: int | None = None) -> Result:
    """How many units (hidden: ``so_don_vi``); a count in digits or words."""
    r = Result()
    text = _text(r, answer, "câu 1c")
    if text is None:
        return r
    counts = [int(m.value) for m in _figures(text) if m.kind == "number" and m.value.is_integer()]
    words = re.findall(
        rf"\b({'|'.join(_NUMBER_WORDS)})\s+(?:don vi|co quan)\b", fold_keep_offsets(text)
    )
    counts += [_NUMBER_WORDS[w] for w in words]
    r.add(
        "figure",
        bool(counts),
        "Đã ghi số đơn vị.",
        "Câu 1c: anh/chị ghi số đơn vị (một con số, ví dụ «4 đơn vị»).",
    )
    if counts and so_don_vi is not None:
        r.add(
            "count",
            counts[0] == so_don_vi,
            "Số đơn vị đúng.",
            "Số đơn vị chưa đúng: trong bảng tiến độ bồi dưỡng, chỉ xét các đơn vị thuộc khối "
            "được hỏi và so tỷ lệ hoàn thành của từng đơn vị với mục tiêu 80%.",
        )
    return r


# --- Câu 2 ------------------------------------------------------------------------------------


def _carried(text: str) -> tuple[list[str], list[str]]:
    mentions = _figures(text)
    have, missing = [], []
    for name, value, kind in expected()["key_figures"]:
        ok = any(m.kind == kind and within(m, value) for m in mentions)
        (have if ok else missing).append(name)
    return have, missing


def _unsupported_in(text: str, lenient: bool = False, bound: bool = True) -> list[str]:
    """Numbers of ``text`` the data does not support (lengths such as "150 từ" are ignored)."""
    return check_narrative(text, lenient=lenient, bound=bound and not lenient).unsupported_texts()


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
        "Mọi con số trong lời nhắc đều khớp với dữ liệu, đúng chỉ tiêu.",
        f"Có số liệu không khớp với dữ liệu hoặc gán nhầm chỉ tiêu: {', '.join(wrong)}. Trợ lý "
        "sẽ chép lại đúng số sai này; anh/chị chép lại từ bảng số liệu, mỗi con số cạnh tên chỉ "
        "tiêu của nó.",
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
        bool(NO_INVENTION.search(fold_keep_offsets(prompt))),
        "Có yêu cầu chỉ dùng số liệu đã cho.",
        "Hãy yêu cầu trợ lý chỉ dùng số liệu đã cho, không tự thêm số liệu.",
    )
    return r


def cham_cau_2_phan_hoi(loi_nhac: object) -> Result:
    from aiwork.assistant import hoi

    r = cham_cau_2_so_lieu(loi_nhac)
    if not r.passed:
        return r
    # The reply's wording is free (an offline or real model words it differently); what is
    # graded is that no number in it goes beyond the data the prompt supplied.
    reply = hoi(str(answer_text(loi_nhac)))
    wrong = _unsupported_in(reply, lenient=True)
    r.add(
        "reply_supported",
        not wrong,
        "Mọi con số trong phản hồi đều khớp với dữ liệu.",
        f"Phản hồi có số không khớp với dữ liệu: {', '.join(wrong)}.",
    )
    return r


# --- Câu 3 ------------------------------------------------------------------------------------

# Between the draft's number and its right value: "->", "→", ":", "sửa thành", "đúng là"...
_ARROW = re.compile(
    r"\s*(?:->|→|=>|⇒|–>|—>|>|:|=|\|)\s*|\s+(?:sua lai thanh|sua lai la|sua thanh|sua lai|"
    r"dung ra la|dung la|phai la|thay bang|thay the bang|doi thanh|chu khong phai|thanh)\s+"
)
_REMOVE = re.compile(
    r"\b(?:bo|xoa|luoc bo|khong co (?:so lieu|can cu|nguon|trong du lieu)|khong co|bia|"
    r"tu dat ra|khong dua vao|khong dung|chua co so lieu)\b"
)
_EXCHANGE = re.compile(r"\b(?:doi cho|hoan doi|dao cho|nham cho|nham voi|nham sang|dao nguoc)\b")


def _draft_mentions() -> list[Mention]:
    return _figures(samples.DU_THAO_BAI_TAP)


def _checker_text() -> str:
    """What the figure checker prints for the draft (an answer that is this earns nothing)."""
    return _MEMO.get(
        "checker_text",
        lambda: "\n".join(
            check_narrative(samples.DU_THAO_BAI_TAP, bound=b).to_text() for b in (False, True)
        ),
    )


def _same(a: Mention, b: Mention) -> bool:
    return a.kind == b.kind and abs(a.value - b.value) < 1e-9


def _read_lines(answer: object) -> list[tuple[list[int], str, list[Mention]]]:
    """Each line: (indexes of the draft's figures it names, its correction text, figures
    written as the correction)."""
    text = answer_text(answer) or ""
    draft = _draft_mentions()
    out = []
    for raw in text.split("\n"):
        line = re.sub(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s*", "", raw).strip()
        if not line:
            continue
        mentions = _figures(line)
        if not mentions:
            continue
        folded = fold_keep_offsets(line)
        cut = None
        for m in _ARROW.finditer(folded):
            if m.start() >= mentions[0].end:
                cut = m
                break
        left = [x for x in mentions if cut is None or x.end <= cut.start()]
        right = [x for x in mentions if cut is not None and x.start >= cut.end()]
        hits = [i for x in left for i, d in enumerate(draft) if _same(x, d)]
        # a draft figure repeated on the right side of an exchange ("97,4% và 62,4% đổi chỗ")
        if cut is not None and _EXCHANGE.search(folded):
            hits += [i for x in right for i, d in enumerate(draft) if _same(x, d)]
        correction = " ".join(folded[cut.end() :].split()) if cut is not None else ""
        if _EXCHANGE.search(folded):
            correction += " (doi cho)"
        out.append((sorted(set(hits)), correction, right))
    return out


def _errors(sai: Mapping[str, str | None]) -> list[tuple[list[int], dict[int, str | None]]]:
    """The key as errors: draft figure indexes (an exchange is one error of two figures) and
    the right value of each."""
    draft = _draft_mentions()
    index: dict[str, int] = {}
    for text in sai:
        found = [i for i, d in enumerate(draft) if d.text == text]
        if len(found) != 1:
            raise ValueError(f"key names {text!r}, found {len(found)} times in the draft")
        index[text] = found[0]
    errors, done = [], set()
    for text, right in sai.items():
        if text in done:
            continue
        group = [text]
        if right in sai and sai[right] == text:  # exchanged pair
            group.append(right)
        done.update(group)
        errors.append(([index[t] for t in group], {index[t]: sai[t] for t in group}))
    return errors


def _form_3(r: Result, answer: object) -> list | None:
    text = _text(r, answer, "câu 3")
    if text is None:
        return None
    lines = _read_lines(answer)
    copied = copied_from(text, _checker_text(), share=0.5)
    r.add(
        "own_words",
        not copied,
        "Câu trả lời là nhận định của anh/chị.",
        "Câu trả lời chép lại kết quả của công cụ kiểm tra số liệu. Công cụ chỉ giúp đối chiếu "
        "và không thấy mọi lỗi (ví dụ hai tỷ lệ bị đổi chỗ): anh/chị tự đọc từng câu, rồi ghi "
        "mỗi dòng một con số sai và giá trị đúng, ví dụ «198.272 -> 198.722».",
    )
    named = [line for line in lines if line[0]]
    r.add(
        "lines",
        bool(named),
        f"Đã nêu {len(named)} con số của dự thảo.",
        "Chưa thấy con số nào của dự thảo: mỗi dòng ghi con số sai đúng như trong dự thảo, rồi "
        "giá trị đúng (ví dụ «198.272 -> 198.722»).",
    )
    return None if copied or not named else lines


def cham_cau_3_tim_du(answer: object, sai: Mapping[str, str | None] | None = None) -> Result:
    r = Result()
    lines = _form_3(r, answer)
    if lines is None or sai is None:
        return r
    flagged = {i for hits, _c, _r in lines for i in hits}
    missed = [e for e, _v in _errors(sai) if not set(e) & flagged]
    r.add(
        "all_found",
        not missed,
        "Đã tìm đủ các lỗi số liệu của dự thảo.",
        f"Còn {len(missed)} lỗi số liệu chưa tìm ra. Đọc lại từng câu: con số có đúng với chỉ "
        "tiêu đứng cạnh nó không, đơn vị (% hay điểm phần trăm), số đếm, và con số nào dữ liệu "
        f"không có (xem lại Bài 4, mục 5).",
    )
    return r


def cham_cau_3_khong_nham(answer: object, sai: Mapping[str, str | None] | None = None) -> Result:
    r = Result()
    lines = _form_3(r, answer)
    if lines is None or sai is None:
        return r
    wrong = {i for e, _v in _errors(sai) for i in e}
    # "8/12 -> 7/12": a line that names a wrong figure points at it, not at the "12" beside it
    flagged = {
        i for hits, _c, _r in lines for i in (set(hits) & wrong if set(hits) & wrong else hits)
    }
    right = flagged - wrong
    r.add(
        "no_false_alarm",
        not right,
        "Không đánh dấu nhầm con số đúng.",
        f"Có {len(right)} con số đúng bị ghi là sai: anh/chị đối chiếu lại với bảng số liệu.",
    )
    return r


def _corrects(want: str | None, correction: str, right: list[Mention]) -> bool:
    if want is None:
        return bool(_REMOVE.search(correction)) and not right
    target = [m for m in extract_mentions(want) if m.kind in ("number", "percent", "points")]
    if not target:
        return False
    t = target[0]
    if any(m.kind == t.kind and within(m, t.value) for m in right):
        return True
    # "19,5 điểm %", "đơn vị đúng là điểm phần trăm (19,5)"
    return t.kind == "points" and "diem" in correction and any(within(m, t.value) for m in right)


def cham_cau_3_sua_dung(answer: object, sai: Mapping[str, str | None] | None = None) -> Result:
    r = Result()
    lines = _form_3(r, answer)
    if lines is None or sai is None:
        return r
    problems = 0
    for group, values in _errors(sai):
        mine = [line for line in lines if set(line[0]) & set(group)]
        if not mine:  # not found: "tìm đủ" says so; only the corrections given are judged here
            continue
        if len(group) == 2 and any(
            set(group) <= set(h) and _EXCHANGE.search(c) for h, c, _r in mine
        ):
            continue
        ok = all(_corrects(values[i], c, rr) for h, c, rr in mine for i in h if i in values)
        problems += not ok
    r.add(
        "corrected",
        not problems,
        "Giá trị sửa đúng với dữ liệu.",
        f"Có {problems} lỗi chưa được sửa đúng: ghi giá trị đúng lấy từ bảng số liệu (đúng chỉ "
        "tiêu, đúng đơn vị); con số mà dữ liệu không có thì ghi «bỏ» (không thay bằng một số "
        "khác).",
    )
    return r


# --- Câu 4 ------------------------------------------------------------------------------------


def doc_thong_tin(thong_tin: object) -> dict:
    """The report's fields from the learner's labelled lines (ValueError in Vietnamese)."""
    form = parse_document(thong_tin, "Báo cáo", required=("kinh_gui",))
    if not form.ok:
        raise ValueError(" ".join(form.problems))
    return form.info


def tao_bao_cao_tu_mau(thong_tin: object, doan_van: object, tep: str = "bao-cao-m04.docx"):
    """Build the learner's report from the labelled fields and the narrative (their cell)."""
    text = answer_text(doan_van)
    if text is None:
        raise ValueError("Chưa có đoạn văn của báo cáo (doan_van_4).")
    return tao_bao_cao(doc_thong_tin(thong_tin), text, tep)


def cham_cau_4_the_thuc(thong_tin: object, doan_van: object) -> Result:
    r = Result()
    if answer_text(thong_tin) is None:
        r.add("fields", False, "", "Anh/chị chưa điền phần thể thức của báo cáo (thong_tin_4).")
        return r
    form = parse_document(thong_tin, "Báo cáo", required=("kinh_gui",))
    r.add("form", form.ok, "Đã đủ các dòng thể thức.", " ".join(form.problems))
    if not form.ok:
        return r
    text = _text(r, doan_van, "đoạn văn câu 4")
    if text is None:
        return r
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = tao_bao_cao(form.info, text, Path(tmp) / "bao-cao.docx")
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
        + (result.error or "")
        + " (xem lại Mô-đun 2).",
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
    found = _figures(text)
    r.add(
        "figures",
        len(found) >= MIN_NARRATIVE_FIGURES,
        f"Đoạn văn có {len(found)} số liệu.",
        f"Đoạn văn cần ít nhất {MIN_NARRATIVE_FIGURES} số liệu (đang có {len(found)}).",
    )
    report = check_narrative(text, bound=True)
    r.add(
        "supported",
        report.ok,
        "Mọi con số trong đoạn văn đều khớp với dữ liệu, đúng chỉ tiêu và đúng chiều thay đổi.",
        "Có con số chưa đúng: "
        + "; ".join(f"«{f.mention.text}» {f.message}" for f in report.unsupported[:3])
        + " (xem lại Bài 4, mục 5).",
    )
    return r


kiem_tra = SelfCheck(
    [
        Question("cau_1a", "Câu 1a — xã, phường thấp nhất", ("cau_1a",), cham_cau_1a),
        Question("cau_1b", "Câu 1b — mức tăng", ("cau_1b",), cham_cau_1b),
        Question("cau_1c", "Câu 1c — số đơn vị", ("cau_1c",), cham_cau_1c),
        Question(
            "cau_2",
            "Câu 2 — lời nhắc có số liệu",
            ("loi_nhac_2",),
            lambda p: Result(cham_cau_2_so_lieu(p).checks + cham_cau_2_cau_truc(p).checks),
        ),
        Question("cau_3", "Câu 3 — số sai trong dự thảo", ("sua_3",), cham_cau_3_tim_du),
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
