"""Graders of assignment m01-loi-nhac (module 1: writing effective prompts).

The learner writes prompts and judges replies; every answer is text between triple quotes or
letters (EXERCISE_STANDARD §1). Rubric (shown to learners in the notebook):

Câu 1 — a prompt that drafts a notice from a brief (6 points)
  - thành phần (2): at least 5 of the six parts (``aiwork.prompt_anatomy``), task and context
    among them; a role may be "Bạn là…", "Là chuyên viên…", "Với tư cách…";
  - dữ kiện (2): every fact of the brief stated and none contradicted (``graders.facts``: a
    wrong year, venue or audience loses the points even when the right one appears too);
  - phản hồi (2, hidden): the prompt sets a checkable limit (words, "khoảng N từ", "nửa
    trang", sentences, lines, bullets or prose) and the assistant's reply keeps it and states
    the date, time and venue without contradiction.
Câu 2 — improving a weak prompt that summarises figures (4 points)
  - cấu trúc (2): at least 5 parts, audience and format among them; the figures set apart
    between delimiters (any style ``prompt_anatomy.delimited_blocks`` reads);
  - số liệu (2): every figure carried, none stated differently, and the prompt forbids
    adding figures.
Câu 3 — a system prompt and few-shot examples for sorting citizens' feedback (4 points)
  - cấu trúc (2): the system prompt asks to classify (a role is welcome, not required), lists
    the five labels and asks for the label only; at least two examples written as labelled
    lines ("Phản ánh: …" / "Nhãn: …"), with different labels, each label right for its text
    (swapped labels fail);
  - phân loại (2, hidden): sent with new feedback the learner has not seen (passed in by the
    hidden test), the assistant answers each with exactly the right label.
Câu 4 — four questions answered with letters (1 point each): three on the limits of an
  assistant, one on reading a reply and finding what is wrong in it (several letters). The
  keys are passed in by the hidden tests; this module holds none.

Every failed check says what to fix and which lesson section to read (Bài 1, mục …).
"""

from __future__ import annotations

import datetime as dt
import re

from aiwork.prompt_anatomy import (
    PART_LABELS_VI,
    analyse,
    count_lines,
    count_sentences,
    count_words,
    has_delimited_block,
)
from aiwork.vi import fold_keep_diacritics, fold_keep_offsets, nfc
from graders.core import Question, Result, SelfCheck, merge
from graders.facts import (
    DateFact,
    FigureFact,
    GroupFact,
    PhraseFact,
    PlaceFact,
    References,
    TimeFact,
    Years,
    check,
)
from graders.forms import Field, answer_text, choice_result, parse_records, text_answer

# Lesson sections the feedback points to (tests/test_assignment_keys.py checks they exist).
BAI_THANH_PHAN = "Bài 1, mục 4"
BAI_PHAN_CACH = "Bài 1, mục 5"
BAI_VI_DU_MAU = "Bài 1, mục 6"
BAI_CAI_TIEN = "Bài 1, mục 7"
BAI_GIOI_HAN = "Bài 1, mục 2"

MIN_PARTS = 5

# --- Câu 1: the brief (fictional case, shown in the notebook) ---------------------------------

BRIEF_1 = (
    DateFact("ngày tập huấn", dt.date(2026, 12, 15)),
    TimeFact("giờ bắt đầu", dt.time(8, 0)),
    PlaceFact(
        "địa điểm",
        (r"hoi truong",),
        numbers=(("tang", 2),),
        wrong=(r"\btinh\b", r"\bxa\b", r"hoi truong (?:cua )?so\b"),
    ),
    PhraseFact("nội dung tập huấn (sử dụng trợ lý AI)", (r"\bai\b|tri tue nhan tao|tro ly ao",)),
    PhraseFact("việc mang theo máy tính xách tay", (r"may tinh(?! bang)|laptop|notebook",)),
    GroupFact(
        "đối tượng (cán bộ, công chức của phường)",
        (r"can bo|cong chuc|cbcc|vien chuc|nhan vien|nguoi lao dong",),
    ),
    Years((2026,)),
    References(allowed=("Nghị định số 30/2020/NĐ-CP",)),  # the layout rule a prompt may name
)
# What the reply must keep (a notice without the date, time or venue is useless).
BRIEF_1_REPLY = BRIEF_1[:3]

# --- Câu 2: the figures given with the weak prompt (fictional ward data) ------------------------

BRIEF_2 = (
    FigureFact("1.480 hồ sơ tiếp nhận", 1480, noun=r"ho so|tiep nhan"),
    FigureFact("1.250 hồ sơ trực tuyến", 1250, noun=r"ho so|truc tuyen"),
    FigureFact("tỷ lệ trực tuyến 84,5%", 84.5, unit="percent", noun=r"truc tuyen|ty le"),
    FigureFact("96% hồ sơ đúng hạn", 96, unit="percent", noun=r"dung han|giai quyet"),
    FigureFact(
        "120 người được tập huấn",
        120,
        noun=r"nguoi|hoc vien|luot|tap huan|can bo|hoc vu so|boi duong",
    ),
    FigureFact("2 lớp", 2, noun=r"lop", required=False),
    FigureFact("11 tháng", 11, noun=r"thang", required=False),
    Years((2026,)),
    References(),
)
NO_INVENTION = re.compile(
    r"khong (?:duoc )?(?:bia|tu (?:dat|them|suy)|them so|dua (?:them|ra) so|suy dien)|"
    r"chi (?:dung|su dung|dua tren|can cu)|khong (?:duoc )?(?:them|dung) (?:so lieu|thong tin) (?:khac|ngoai)|"
    r"khong (?:duoc )?them|ngoai (?:so lieu|du lieu|thong tin) (?:da cho|tren|duoi day|ben duoi)"
)
# Data between delimiters: any style aiwork.prompt_anatomy.delimited_blocks accepts (tags such
# as <so_lieu>...</so_lieu>, fence lines ---, triple quotes...), the one home of that rule.
DELIMITER_HINT = (
    "giữa hai thẻ, ví dụ <so_lieu> ở dòng trước và </so_lieu> ở dòng sau (hoặc giữa hai dòng ---)"
)

# --- Câu 3: the labels and the words that make a feedback belong to one -------------------------

LABELS_3: tuple[str, ...] = ("Đất đai", "Môi trường", "Giao thông", "Hộ tịch", "Khác")
# Typical words of each field (lower case, with diacritics: "đất" is not "đặt"). Used only to
# catch an example whose label plainly belongs to another field (swapped labels).
FIELD_WORDS_3: dict[str, tuple[str, ...]] = {
    "Đất đai": (
        "đất",
        "thửa",
        "sổ đỏ",
        "sổ hồng",
        "ranh giới",
        "lấn chiếm",
        "quyền sử dụng",
        "địa chính",
    ),
    "Môi trường": (
        "rác",
        "ô nhiễm",
        "mùi",
        "hôi",
        "nước thải",
        "xả thải",
        "khói",
        "bụi",
        "tiếng ồn",
        "ồn ào",
        "chất thải",
        "vệ sinh",
    ),
    "Giao thông": (
        "đường",
        "ổ gà",
        "sụt lún",
        "đèn tín hiệu",
        "đèn giao thông",
        "xe",
        "tai nạn",
        "vỉa hè",
        "biển báo",
        "ùn tắc",
        "giao thông",
    ),
    "Hộ tịch": (
        "khai sinh",
        "khai tử",
        "kết hôn",
        "hộ tịch",
        "hôn nhân",
        "cải chính",
        "trích lục",
        "nhận cha",
    ),
}
EXAMPLE_FIELDS = (
    Field("text", "Phản ánh", aliases=("Nội dung", "Nội dung phản ánh", "Ý kiến", "Câu hỏi")),
    Field("label", "Nhãn", aliases=("Lĩnh vực", "Phân loại", "Trả lời", "Kết quả")),
)
TASK_3 = re.compile(
    r"\b(phan loai|xep\b[^.\n]{0,30}\bvao|xep loai|gan nhan|xac dinh (?:linh vuc|nhan)|chon (?:mot )?(?:nhan|linh vuc)|"
    r"cho biet (?:thuoc )?(?:linh vuc|nhan)|thuoc linh vuc nao|classify)\b"
)


# --- helpers -----------------------------------------------------------------------------------


def _parts(r: Result, prompt: str, required: tuple[str, ...]) -> None:
    a = analyse(prompt)
    missing = ", ".join(PART_LABELS_VI[p] for p in a.missing)
    r.add(
        "parts",
        a.score >= MIN_PARTS,
        f"Lời nhắc nêu {a.score}/6 thành phần.",
        f"Lời nhắc mới nêu {a.score}/6 thành phần (cần ít nhất {MIN_PARTS}); còn thiếu: "
        f"{missing} (xem {BAI_THANH_PHAN}).",
    )
    for name in required:
        r.add(
            f"part.{name}",
            getattr(a, name).present,
            f"Có {PART_LABELS_VI[name]}.",
            f"Lời nhắc chưa nêu rõ {PART_LABELS_VI[name]} (xem {BAI_THANH_PHAN}).",
        )


def _bullet_lines(reply: str) -> int:
    return sum(1 for line in reply.splitlines() if re.match(r"\s*(?:[-•*+]|\d+[.)])\s+\S", line))


def honours_constraints(prompt: str, reply: str) -> Result:
    """Does ``reply`` keep the checkable limits ``prompt`` sets (words, sentences, lines,
    bullets or prose)?"""
    r = Result()
    a = analyse(prompt)
    r.add(
        "checkable",
        bool(a.max_words or a.max_sentences or a.max_lines or a.layout),
        "Lời nhắc có ràng buộc kiểm chứng được (độ dài hoặc cách trình bày).",
        "Lời nhắc chưa có ràng buộc kiểm chứng được, ví dụ «khoảng 100 từ», «không quá 150 từ», "
        f"«tối đa nửa trang», «trong 5 câu» hoặc «trình bày bằng gạch đầu dòng» (xem {BAI_THANH_PHAN}).",
    )
    if a.max_words:
        words = count_words(reply)
        asked = f"khoảng {a.approx_words}" if a.approx_words else f"tối đa {a.max_words}"
        r.add(
            "length",
            words <= a.max_words,
            f"Phản hồi dài {words} từ, đúng yêu cầu {asked} từ.",
            f"Phản hồi dài {words} từ, vượt yêu cầu {asked} từ: anh/chị đọc lại phản hồi và nêu "
            f"giới hạn rõ hơn rồi chạy lại (xem {BAI_CAI_TIEN}).",
        )
    if a.max_sentences:
        n = count_sentences(reply)
        r.add(
            "sentences",
            n <= a.max_sentences,
            f"Phản hồi có {n} câu, trong giới hạn {a.max_sentences} câu.",
            f"Phản hồi có {n} câu, vượt giới hạn {a.max_sentences} câu (xem {BAI_CAI_TIEN}).",
        )
    if a.max_lines:
        n = count_lines(reply)
        r.add(
            "lines",
            n <= a.max_lines,
            f"Phản hồi có {n} dòng, trong giới hạn {a.max_lines} dòng.",
            f"Phản hồi có {n} dòng, vượt giới hạn {a.max_lines} dòng (xem {BAI_CAI_TIEN}).",
        )
    if a.layout == "bullets":
        r.add(
            "bullets",
            _bullet_lines(reply) >= 2,
            "Phản hồi trình bày bằng gạch đầu dòng như yêu cầu.",
            "Lời nhắc yêu cầu gạch đầu dòng nhưng phản hồi không trình bày như vậy "
            f"(xem {BAI_CAI_TIEN}).",
        )
    elif a.layout == "prose":
        r.add(
            "prose",
            _bullet_lines(reply) == 0,
            "Phản hồi viết thành đoạn văn như yêu cầu.",
            f"Lời nhắc yêu cầu đoạn văn nhưng phản hồi lại dùng gạch đầu dòng (xem {BAI_CAI_TIEN}).",
        )
    return r


# --- Câu 1 --------------------------------------------------------------------------------------


def cham_cau_1_thanh_phan(loi_nhac: object) -> Result:
    r = Result()
    prompt = text_answer(r, loi_nhac, "lời nhắc câu 1")
    if prompt is not None:
        _parts(r, prompt, ("task", "context"))
    return r


def cham_cau_1_du_kien(loi_nhac: object) -> Result:
    r = Result()
    prompt = text_answer(r, loi_nhac, "lời nhắc câu 1")
    if prompt is not None:
        check(prompt, BRIEF_1).add_to(r, where="Lời nhắc", lesson=BAI_THANH_PHAN)
    return r


def cham_cau_1_phan_hoi(loi_nhac: object) -> Result:
    """Hidden: the assistant's reply to the prompt keeps its limits and the brief's date, time
    and venue."""
    from aiwork.assistant import hoi

    r = Result()
    prompt = text_answer(r, loi_nhac, "lời nhắc câu 1")
    if prompt is None:
        return r
    reply = nfc(hoi(prompt, temperature=0))
    r.checks.extend(honours_constraints(prompt, reply).checks)
    check(reply, BRIEF_1_REPLY).add_to(r, name="reply_facts", where="Phản hồi", lesson=BAI_CAI_TIEN)
    return r


# --- Câu 2 --------------------------------------------------------------------------------------


def cham_cau_2_cau_truc(loi_nhac: object) -> Result:
    r = Result()
    prompt = text_answer(r, loi_nhac, "lời nhắc cải tiến ở câu 2")
    if prompt is None:
        return r
    _parts(r, prompt, ("audience", "format"))
    r.add(
        "delimiters",
        has_delimited_block(prompt),
        "Số liệu được đặt giữa dấu phân cách.",
        f"Hãy đặt số liệu {DELIMITER_HINT} để trợ lý tách dữ liệu khỏi yêu cầu (xem {BAI_PHAN_CACH}).",
    )
    return r


def cham_cau_2_so_lieu(loi_nhac: object) -> Result:
    r = Result()
    prompt = text_answer(r, loi_nhac, "lời nhắc cải tiến ở câu 2")
    if prompt is None:
        return r
    check(prompt, BRIEF_2).add_to(r, where="Lời nhắc", lesson=BAI_PHAN_CACH)
    r.add(
        "no_invention",
        bool(NO_INVENTION.search(fold_keep_offsets(prompt))),
        "Lời nhắc yêu cầu không bịa số liệu.",
        "Hãy yêu cầu trợ lý chỉ dùng số liệu đã cho, không tự thêm số liệu khác "
        f"(xem {BAI_THANH_PHAN}, phần ràng buộc).",
    )
    return r


# --- Câu 3 --------------------------------------------------------------------------------------


def _label(value: str) -> str | None:
    folded = fold_keep_offsets(value).strip(" .\"'“”")
    return next((lb for lb in LABELS_3 if fold_keep_offsets(lb) == folded), None)


def _field_scores(text: str) -> dict[str, int]:
    low = fold_keep_diacritics(text)
    return {
        label: sum(1 for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low))
        for label, words in FIELD_WORDS_3.items()
    }


def mislabelled(text: str, label: str) -> str | None:
    """The field an example plainly belongs to when it is not ``label`` (None when the label
    fits or the words do not decide)."""
    scores = _field_scores(text)
    best = max(scores, key=lambda k: scores[k])
    if label == "Khác":
        return best if scores[best] >= 2 else None
    if scores.get(label, 0) == 0 and scores[best] >= 1:
        return best
    return None


def examples(vi_du: object) -> list[tuple[str, str]]:
    """The learner's examples as (text, label) pairs, in order (labels as in LABELS_3 when
    they name one)."""
    out = []
    for rec in parse_records(vi_du, EXAMPLE_FIELDS):
        text, label = rec.get("text"), rec.get("label")
        if text and label:
            out.append((text, _label(label) or label))
    return out


def cham_cau_3_cau_truc(he_thong: object, vi_du: object) -> Result:
    r = Result()
    system = text_answer(r, he_thong, "lời nhắc hệ thống ở câu 3")
    shots = answer_text(vi_du)
    r.add(
        "examples_answered",
        shots is not None,
        "",
        'Anh/chị chưa viết ví dụ mẫu ở câu 3 (mỗi ví dụ hai dòng "Phản ánh: …" và "Nhãn: …").',
    )
    if system is None or shots is None:
        return r
    a = analyse(system)
    r.add(
        "task",
        bool(TASK_3.search(fold_keep_offsets(system)))
        or a.task.present
        and "nhan" in fold_keep_offsets(system),
        "Lời nhắc hệ thống giao rõ việc phân loại.",
        f"Lời nhắc hệ thống chưa nói rõ việc trợ lý phải làm: phân loại phản ánh (xem {BAI_VI_DU_MAU}).",
    )
    folded = fold_keep_offsets(system)
    missing = [lb for lb in LABELS_3 if not re.search(rf"\b{fold_keep_offsets(lb)}\b", folded)]
    r.add(
        "labels",
        not missing,
        "Liệt kê đủ các nhãn lĩnh vực.",
        f"Lời nhắc hệ thống còn thiếu nhãn: {', '.join(missing)} (xem {BAI_VI_DU_MAU}).",
    )
    r.add(
        "label_only",
        a.label_only,
        "Yêu cầu trợ lý chỉ trả lời bằng nhãn.",
        "Hãy yêu cầu trợ lý chỉ trả lời bằng đúng một nhãn, không giải thích "
        f"(xem {BAI_VI_DU_MAU}).",
    )
    pairs = examples(vi_du)
    good = [(t, lb) for t, lb in pairs if lb in LABELS_3 and len(t.split()) >= 5]
    r.add(
        "examples",
        len(good) >= 2 and len({lb for _, lb in good}) >= 2,
        f"Có {len(good)} ví dụ mẫu hợp lệ.",
        "Cần ít nhất 2 ví dụ mẫu với các nhãn khác nhau trong danh sách, mỗi ví dụ hai dòng "
        f'"Phản ánh: <nội dung, ít nhất 5 chữ>" và "Nhãn: <một nhãn>" (xem {BAI_VI_DU_MAU}).',
    )
    wrong = [(t, lb, mislabelled(t, lb)) for t, lb in good]
    wrong = [(t, lb, other) for t, lb, other in wrong if other]
    shown = "; ".join(f"«{t[:50]}…» gắn nhãn {lb}" for t, lb, _ in wrong[:2])
    r.add(
        "labels_fit",
        not wrong,
        "Nhãn của mỗi ví dụ đúng với nội dung.",
        f"Có ví dụ gắn nhãn không đúng nội dung ({shown}): ví dụ sai dạy trợ lý phân loại sai "
        f"(xem {BAI_VI_DU_MAU}).",
    )
    return r


def few_shot_messages(
    he_thong: str, pairs: list[tuple[str, str]], new_text: str
) -> list[dict[str, str]]:
    """The chat messages: system prompt, each example as a user/assistant turn, the new text."""
    messages = [{"role": "system", "content": nfc(he_thong)}]
    for text, label in pairs:
        messages.append({"role": "user", "content": nfc(text)})
        messages.append({"role": "assistant", "content": nfc(label)})
    messages.append({"role": "user", "content": nfc(new_text)})
    return messages


def _classify(he_thong: str, pairs: list[tuple[str, str]], text: str) -> str:
    from aiwork.assistant import get_client, settings

    reply = (
        get_client()
        .chat.completions.create(
            model=settings().model,
            temperature=0,
            messages=few_shot_messages(he_thong, pairs, text),  # type: ignore[arg-type]
        )
        .choices[0]
        .message.content
        or ""
    )
    return nfc(reply).strip()


def thu_phan_loai(he_thong: object, vi_du: object, phan_anh: str) -> None:
    """For the learner: send the system prompt, the examples and one feedback, print the reply."""
    system = answer_text(he_thong)
    if system is None:
        print("⚠️ Anh/chị chưa viết lời nhắc hệ thống (he_thong_3).")
        return
    print(f"Phản ánh: {phan_anh}\nTrợ lý trả lời: {_classify(system, examples(vi_du), phan_anh)}")


def cham_cau_3_phan_loai(
    he_thong: object, vi_du: object, kiem_thu: list[tuple[str, str]] | None = None
) -> Result:
    """Hidden: each feedback of ``kiem_thu`` (passed in by the hidden test: text and its
    right label) gets exactly its label from the assistant."""
    r = cham_cau_3_cau_truc(he_thong, vi_du)
    if not r.passed or not kiem_thu:
        r.add("cases", bool(kiem_thu), "", "Chưa phân loại được: bài câu 3 còn thiếu sót ở trên.")
        return r
    system = answer_text(he_thong) or ""
    pairs = examples(vi_du)
    for i, (text, label) in enumerate(kiem_thu, start=1):
        answer = _classify(system, pairs, text).strip(" .\"'")
        r.add(
            f"case{i}",
            answer == label,
            f"Phản ánh mới {i}: trợ lý trả lời đúng một nhãn phù hợp.",
            f"Phản ánh mới {i}: trợ lý trả lời «{answer[:60]}», chưa phải nhãn phù hợp; anh/chị "
            f"xem lại lời nhắc hệ thống và các ví dụ mẫu (xem {BAI_VI_DU_MAU}).",
        )
    return r


# --- Câu 4 --------------------------------------------------------------------------------------

MULTI_LETTER_4 = {"cau_4c"}  # several letters may be right
LETTERS_4 = {"cau_4c": "ABCDE"}


def cham_cau_4(cau: str, tra_loi: object, dap_an: str | None = None) -> Result:
    """Letters of question 4``x``; ``dap_an`` only from the hidden test."""
    lesson = BAI_CAI_TIEN if cau == "cau_4c" else BAI_GIOI_HAN
    return choice_result(
        tra_loi,
        dap_an,
        allowed=LETTERS_4.get(cau, "ABCD"),
        multiple=cau in MULTI_LETTER_4,
        lesson=lesson,
    )


kiem_tra = SelfCheck(
    [
        Question(
            "cau_1",
            "Câu 1 — lời nhắc soạn thông báo",
            ("loi_nhac_1",),
            lambda p: merge(cham_cau_1_thanh_phan(p), cham_cau_1_du_kien(p)),
        ),
        Question(
            "cau_2",
            "Câu 2 — cải tiến lời nhắc",
            ("loi_nhac_2",),
            lambda p: merge(cham_cau_2_cau_truc(p), cham_cau_2_so_lieu(p)),
        ),
        Question(
            "cau_3",
            "Câu 3 — lời nhắc hệ thống và ví dụ mẫu",
            ("he_thong_3", "vi_du_3"),
            cham_cau_3_cau_truc,
        ),
        *[
            Question(
                f"cau_4{x}",
                f"Câu 4{x} — chọn phương án",
                (f"cau_4{x}",),
                lambda v, _c=f"cau_4{x}": cham_cau_4(_c, v),
            )
            for x in "abcd"
        ],
    ]
)
