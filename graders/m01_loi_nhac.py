"""Graders of assignment m01-loi-nhac (module 1: writing effective prompts).

Rubric (documented for learners in the assignment notebook and in the README):

Câu 1 — a prompt that drafts a notice for a given office task (6 points)
  - thanh phần (2): states at least 5 of the six parts (role, task, context, audience,
    format, constraints) per ``aiwork.prompt_anatomy``, including task and context;
  - dữ kiện (2): carries every fact of the brief the assistant cannot know (date, time, place,
    what to bring);
  - phản hồi (2, hidden): states a checkable constraint (a word limit or bullets/prose), and the
    assistant's reply to it honours that constraint and keeps the date.
Câu 2 — improving a weak prompt (4 points)
  - cấu trúc (2): at least 5 of six parts, the data between delimiters;
  - số liệu (2): carries the figures given and forbids inventing others.
Câu 3 — system prompt and few-shot examples for classifying citizens' feedback (4 points)
  - cấu trúc (2): the system prompt gives a role, lists every allowed label and asks for the
    label only; at least two examples, each labelled with an allowed label;
  - phân loại (2, hidden): sent with a new feedback message, the assistant answers with exactly
    one allowed label.
Câu 4 — four multiple-choice questions on the limits of AI (1 point each; keys hidden).

Checks look at properties (parts present, facts carried, constraints honoured), never at the
exact wording of a prompt or of the assistant's reply.
"""

from __future__ import annotations

import re

from aiwork.prompt_anatomy import PART_LABELS_VI, analyse, count_words, fold, has_delimited_block
from graders.core import Question, Result, SelfCheck, cham_trac_nghiem, is_blank, nfc

MIN_PARTS = 5

# Câu 1: the facts of the brief (fictional case) that a prompt must carry, each with the
# spellings a learner may use (matched on folded text: no diacritics, lower case).
BRIEF_1_FACTS: dict[str, tuple[str, ...]] = {
    "ngày 15/12/2026": (r"15\s*/\s*12", r"15\s*thang\s*12", r"15-12"),
    "8 giờ 00": (r"\b8\s*(?:gio|h|:00)", r"\b08\s*(?:gio|h|:00)"),
    "Hội trường UBND phường (tầng 2)": (r"hoi truong",),
    "mang theo máy tính xách tay": (r"may tinh",),
}

# Câu 2: the figures given with the weak prompt (fictional ward data).
BRIEF_2_FIGURES: dict[str, tuple[str, ...]] = {
    "1.480 hồ sơ tiếp nhận": (r"1\.?480",),
    "1.250 hồ sơ trực tuyến": (r"1\.?250",),
    "tỷ lệ 84,5%": (r"84[,.]5",),
    "96% đúng hạn": (r"\b96\s*%",),
    "120 người được tập huấn": (r"\b120\b",),
}
MIN_FIGURES_2 = 4
NO_INVENTION = re.compile(
    r"khong (?:duoc )?(?:bia|tu (?:dat|them|suy)|them so|dua (?:them|ra) so|suy dien)|"
    r"chi (?:dung|su dung|dua tren|can cu)|khong (?:duoc )?(?:them|dung) (?:so lieu|thong tin) (?:khac|ngoai)|"
    r"khong (?:duoc )?them"
)
# Data between delimiters: any style aiwork.prompt_anatomy.delimited_blocks accepts (tags such
# as <so_lieu>...</so_lieu>, fence lines ---, triple quotes...), the one home of that rule.
DELIMITER_HINT = (
    "giữa hai thẻ, ví dụ <so_lieu> ở dòng trước và </so_lieu> ở dòng sau (hoặc giữa hai dòng ---)"
)

# Câu 3: the labels of the classification task.
LABELS_3: tuple[str, ...] = ("Đất đai", "Môi trường", "Giao thông", "Hộ tịch", "Khác")
# A feedback message the learner has not seen, used by the hidden test (fictional).
NEW_FEEDBACK_3 = (
    "Đoạn đường Nguyễn Thái Học gần chợ bị sụt lún, ổ gà lớn, xe máy đi qua "
    "rất nguy hiểm, đề nghị phường sớm sửa chữa."
)


def _text_answer(result: Result, value: object, what: str) -> str | None:
    if is_blank(value) or not isinstance(value, str):
        result.add("answered", False, "", f"Anh/chị chưa viết {what} (thay dấu ... bằng nội dung).")
        return None
    return nfc(value)


def _parts(result: Result, prompt: str, required: tuple[str, ...]) -> None:
    a = analyse(prompt)
    missing = ", ".join(PART_LABELS_VI[p] for p in a.missing)
    result.add(
        "parts",
        a.score >= MIN_PARTS,
        f"Lời nhắc nêu {a.score}/6 thành phần.",
        f"Lời nhắc mới nêu {a.score}/6 thành phần (cần ít nhất {MIN_PARTS}); còn thiếu: {missing}.",
    )
    for name in required:
        part = getattr(a, name)
        result.add(
            f"part.{name}",
            part.present,
            f"Có {PART_LABELS_VI[name]}.",
            f"Lời nhắc chưa nêu rõ {PART_LABELS_VI[name]}.",
        )


def _facts(result: Result, prompt: str, facts: dict[str, tuple[str, ...]], need: int) -> None:
    folded = fold(prompt)
    missing = [
        label for label, pats in facts.items() if not any(re.search(p, folded) for p in pats)
    ]
    have = len(facts) - len(missing)
    result.add(
        "facts",
        have >= need,
        f"Đủ dữ kiện cần thiết ({have}/{len(facts)}).",
        f"Còn thiếu dữ kiện mà trợ lý không thể tự biết: {'; '.join(missing)}.",
    )


def cham_cau_1_thanh_phan(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text_answer(r, loi_nhac, "lời nhắc câu 1")
    if prompt is not None:
        _parts(r, prompt, ("task", "context"))
    return r


def cham_cau_1_du_kien(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text_answer(r, loi_nhac, "lời nhắc câu 1")
    if prompt is not None:
        _facts(r, prompt, BRIEF_1_FACTS, need=len(BRIEF_1_FACTS))
    return r


def _bullet_lines(reply: str) -> int:
    return sum(1 for line in reply.splitlines() if re.match(r"\s*(?:[-•*+]|\d+[.)])\s+\S", line))


def honours_constraints(prompt: str, reply: str) -> Result:
    """Does ``reply`` honour the checkable constraints ``prompt`` states?"""
    r = Result()
    a = analyse(prompt)
    r.add(
        "checkable",
        a.max_words is not None or a.layout is not None,
        "Lời nhắc có ràng buộc kiểm chứng được (độ dài hoặc cách trình bày).",
        "Lời nhắc chưa có ràng buộc kiểm chứng được, ví dụ «không quá 150 từ» hoặc «trình bày bằng gạch đầu dòng».",
    )
    if a.max_words is not None:
        words = count_words(reply)
        r.add(
            "length",
            words <= a.max_words,
            f"Phản hồi dài {words} từ, trong giới hạn {a.max_words} từ.",
            f"Phản hồi dài {words} từ, vượt giới hạn {a.max_words} từ mà lời nhắc đặt ra.",
        )
    if a.layout == "bullets":
        r.add(
            "bullets",
            _bullet_lines(reply) >= 2,
            "Phản hồi trình bày bằng gạch đầu dòng như yêu cầu.",
            "Lời nhắc yêu cầu gạch đầu dòng nhưng phản hồi không trình bày như vậy.",
        )
    elif a.layout == "prose":
        r.add(
            "prose",
            _bullet_lines(reply) == 0,
            "Phản hồi viết thành đoạn văn như yêu cầu.",
            "Lời nhắc yêu cầu đoạn văn nhưng phản hồi lại dùng gạch đầu dòng.",
        )
    return r


def cham_cau_1_phan_hoi(loi_nhac: object) -> Result:
    from aiwork.assistant import hoi

    r = Result()
    prompt = _text_answer(r, loi_nhac, "lời nhắc câu 1")
    if prompt is None:
        return r
    reply = nfc(hoi(prompt, temperature=0))
    r.checks.extend(honours_constraints(prompt, reply).checks)
    folded = fold(reply)
    r.add(
        "date",
        any(re.search(p, folded) for p in BRIEF_1_FACTS["ngày 15/12/2026"]),
        "Phản hồi giữ đúng ngày tập huấn.",
        "Phản hồi không giữ được ngày tập huấn 15/12/2026.",
    )
    return r


def cham_cau_2_cau_truc(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text_answer(r, loi_nhac, "lời nhắc cải tiến ở câu 2")
    if prompt is None:
        return r
    _parts(r, prompt, ("audience", "format"))
    r.add(
        "delimiters",
        has_delimited_block(prompt),
        "Số liệu được đặt giữa dấu phân cách.",
        f"Hãy đặt số liệu {DELIMITER_HINT} để trợ lý tách dữ liệu khỏi yêu cầu.",
    )
    return r


def cham_cau_2_so_lieu(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text_answer(r, loi_nhac, "lời nhắc cải tiến ở câu 2")
    if prompt is None:
        return r
    _facts(r, prompt, BRIEF_2_FIGURES, need=MIN_FIGURES_2)
    r.add(
        "no_invention",
        bool(NO_INVENTION.search(fold(prompt))),
        "Lời nhắc yêu cầu không bịa số liệu.",
        "Hãy yêu cầu trợ lý chỉ dùng số liệu đã cho, không tự thêm số liệu khác.",
    )
    return r


def _labels_in(text: str) -> set[str]:
    folded = fold(text)
    return {label for label in LABELS_3 if fold(label) in folded}


def cham_cau_3_cau_truc(he_thong: object, vi_du: object) -> Result:
    r = Result()
    system = _text_answer(r, he_thong, "lời nhắc hệ thống ở câu 3")
    if system is None:
        return r
    a = analyse(system)
    r.add(
        "role",
        a.role.present,
        "Lời nhắc hệ thống giao vai trò cho trợ lý.",
        "Lời nhắc hệ thống chưa giao vai trò (ví dụ «Bạn là cán bộ tiếp nhận phản ánh...»).",
    )
    missing = [lb for lb in LABELS_3 if lb not in _labels_in(system)]
    r.add(
        "labels",
        not missing,
        "Liệt kê đủ các nhãn lĩnh vực.",
        f"Lời nhắc hệ thống còn thiếu nhãn: {', '.join(missing)}.",
    )
    r.add(
        "label_only",
        a.label_only,
        "Yêu cầu trợ lý chỉ trả lời bằng nhãn.",
        "Hãy yêu cầu trợ lý chỉ trả lời bằng đúng một nhãn, không giải thích.",
    )
    pairs = vi_du if isinstance(vi_du, (list, tuple)) else []
    good = [
        p
        for p in pairs
        if isinstance(p, (list, tuple))
        and len(p) == 2
        and isinstance(p[0], str)
        and len(p[0].split()) >= 5
        and nfc(str(p[1])).strip() in LABELS_3
    ]
    r.add(
        "examples",
        len(good) >= 2 and len({nfc(p[1]).strip() for p in good}) >= 2,
        f"Có {len(good)} ví dụ mẫu hợp lệ.",
        "Cần ít nhất 2 ví dụ mẫu dạng (nội dung phản ánh, nhãn) với các nhãn khác nhau trong danh sách.",
    )
    return r


def few_shot_messages(he_thong: str, vi_du: list, new_text: str) -> list[dict[str, str]]:
    """The chat messages: system prompt, each example as a user/assistant turn, the new text."""
    messages = [{"role": "system", "content": nfc(he_thong)}]
    for text, label in vi_du:
        messages.append({"role": "user", "content": nfc(text)})
        messages.append({"role": "assistant", "content": nfc(label)})
    messages.append({"role": "user", "content": new_text})
    return messages


def cham_cau_3_phan_loai(he_thong: object, vi_du: object) -> Result:
    r = cham_cau_3_cau_truc(he_thong, vi_du)
    if not r.passed:
        return r
    from aiwork.assistant import get_client, settings

    reply = (
        get_client()
        .chat.completions.create(
            model=settings().model,
            temperature=0,
            messages=few_shot_messages(he_thong, list(vi_du), NEW_FEEDBACK_3),  # type: ignore[arg-type]
        )
        .choices[0]
        .message.content
        or ""
    )
    answer = nfc(reply).strip().strip(".").strip()
    r.add(
        "one_label",
        answer in LABELS_3,
        f"Trợ lý trả lời đúng một nhãn: «{answer}».",
        f"Trợ lý chưa trả lời bằng đúng một nhãn (nhận được: «{answer[:80]}»).",
    )
    return r


kiem_tra = SelfCheck(
    [
        Question(
            "cau_1",
            "Câu 1 — lời nhắc soạn thông báo",
            ("loi_nhac_1",),
            lambda p: Result(cham_cau_1_thanh_phan(p).checks + cham_cau_1_du_kien(p).checks),
        ),
        Question(
            "cau_2",
            "Câu 2 — cải tiến lời nhắc",
            ("loi_nhac_2",),
            lambda p: Result(cham_cau_2_cau_truc(p).checks + cham_cau_2_so_lieu(p).checks),
        ),
        Question(
            "cau_3",
            "Câu 3 — lời nhắc hệ thống và ví dụ mẫu",
            ("he_thong_3", "vi_du_3"),
            cham_cau_3_cau_truc,
        ),
        *[
            Question(f"cau_4{x}", f"Câu 4{x} — trắc nghiệm", (f"cau_4{x}",), cham_trac_nghiem)
            for x in "abcd"
        ],
    ]
)
