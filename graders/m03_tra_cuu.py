"""Graders of assignment m03-tra-cuu (module 3: lookup with citations).

The learner writes a grounded prompt, chooses passages, finds unsupported sentences in an
assistant's answer and answers with citations; every answer is text between triple quotes
(EXERCISE_STANDARD §1). Rubric (shown in the notebook):

Câu 1 — a grounded prompt for a citizen's question on temporary residence (4 points)
  - cấu trúc (2): the prompt asks to answer only from the attached passages, to cite their
    ids, to say plainly when the passages do not hold the answer ("không đề cập thì nói là
    chưa rõ" counts), and states the question; a prompt that lets the assistant add outside
    knowledge ("dựa trên tài liệu và kiến thức chung, có thể bổ sung ngoài tài liệu") fails;
  - trả lời (2, hidden): the assistant's reply to the prompt with the passages attached cites
    the passage that answers (key passed by the test), passes the grounding check, states what
    was asked (key: the facts) and cites no passage about another procedure.
Câu 2a, 2b — choosing the passages that answer a question among the candidates shown
  (2 points each): 1–3 ids from the candidates (visible); the ids that answer and none that
  does not (hidden, keys passed by the test).
Câu 3 — finding the unsupported sentences of an assistant's answer (4 points): sentence
  numbers (1, visible); all of them (2, hidden) — one of them reverses what its passage says,
  which the grounding checker cannot see, so the learner's reading is needed; no supported
  sentence marked (1, hidden). Key passed by the test.
Câu 4 — answering two questions with correct citations (4 points): each answer cites a shown
  passage and passes the grounding check (2, visible); it cites the passage that holds the
  answer, states the figure, and in the sense of the question (a maximum is not "tối thiểu")
  (2, hidden, keys passed by the test).

This module holds the questions and the material shown to learners, never an answer key.
"""

from __future__ import annotations

import re

from aiwork.lookup.corpus import Passage, by_id
from aiwork.lookup.facts import extract
from aiwork.lookup.grounding import check_grounding, split_sentences
from aiwork.lookup.prompting import format_passages, hien_thi_doan
from aiwork.lookup.retriever import default_retriever
from aiwork.vi import fold
from graders.core import Question, Result, SelfCheck
from graders.forms import answer_text, parse_number_list, text_answer

# Lesson sections the feedback points to (tests/test_assignment_keys.py checks they exist).
BAI_BIA = "Bài 3, mục 1"
BAI_MA_DOAN = "Bài 3, mục 2"
BAI_HOI_KEM_NGUON = "Bài 3, mục 3"
BAI_CHON_DOAN = "Bài 3, mục 4"
BAI_TRICH_DAN = "Bài 3, mục 5"
BAI_KIEM_TRA = "Bài 3, mục 6"

# --- the assignment's material (questions and texts learners read; no keys) ----------------------

# Câu 1: a citizen's question (fictional case); the course attaches the passages found for it.
HOI_1 = (
    "Tôi mới chuyển đến phường để làm việc, muốn đăng ký tạm trú thì cần giấy tờ "
    "gì và bao lâu thì có kết quả?"
)
K_1 = 3

# Câu 2: the questions; the notebook shows the candidates found for each.
HOI_2 = {
    "2a": "Văn bản đi phải được phát hành chậm nhất khi nào sau khi được ký?",
    "2b": (
        "Một người dân cần chứng thực bản sao 5 trang từ bản chính. "
        "Phí chứng thực được tính thế nào?"
    ),
}
K_2 = 6
MAX_2 = 3

# Câu 3: an assistant's answer (written for the exercise) and the passages it was given.
HOI_3 = "Đăng ký khai sinh, khai tử và xác nhận tình trạng hôn nhân có thời hạn, lệ phí thế nào?"
DOAN_3 = ("tthc-khai-sinh", "tthc-khai-tu", "tthc-tinh-trang-hon-nhan")
TRA_LOI_3 = (
    "Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh con "
    "[tthc-khai-sinh]. "
    "Khi đăng ký khai sinh đúng hạn, người dân nộp lệ phí 8.000 đồng [tthc-khai-sinh]. "
    "Hồ sơ gồm tờ khai theo mẫu và bản chính Giấy chứng sinh [tthc-khai-sinh]. "
    "Việc đăng ký khai tử phải thực hiện trong thời hạn 15 ngày kể từ ngày có người chết "
    "[tthc-khai-sinh]. "
    "Giấy xác nhận tình trạng hôn nhân có giá trị 06 tháng kể từ ngày cấp "
    "[tthc-tinh-trang-hon-nhan]. "
    "Theo Điều 16 Luật Hộ tịch, mọi kết quả đều được trả trong 03 ngày làm việc. "
    "Khi đăng ký khai tử, người đi đăng ký không cần nộp Giấy báo tử hoặc giấy tờ thay thế "
    "[tthc-khai-tu]."
)

# Câu 4: the questions; the notebook shows the candidates found for each.
HOI_4 = {
    "a": "Dấu giáp lai được đóng tối đa bao nhiêu tờ văn bản?",
    "b": "Mức phạt tiền tối đa đối với hành vi mua, bán dữ liệu cá nhân là bao nhiêu?",
}
K_4 = 5

# What a grounded prompt must ask for (matched on folded text: no accents, lower case).
ONLY_SOURCES = re.compile(
    r"chi\b.{0,40}(?:tai lieu|doan|nguon|van ban|thong tin (?:duoi|da cho|cung cap|dinh kem|gui kem))"
    r"|(?:dua (?:vao|tren)|can cu(?: vao)?|trong pham vi|theo(?: dung)?)\s+(?:cac |nhung |noi dung )?"
    r"(?:doan|tai lieu|nguon|van ban)"
    r"|khong (?:duoc )?(?:dung|su dung|lay|them|bo sung) (?:kien thuc|thong tin|hieu biet) "
    r"(?:ben )?(?:ngoai|rieng)"
)
# The opposite: outside knowledge allowed (not negated, see _allows_outside).
OUTSIDE = re.compile(
    r"kien thuc (?:chung|cua ban|ben ngoai|san co)|hieu biet (?:chung|cua ban)"
    r"|bo sung (?:them )?(?:thong tin )?(?:ngoai|tu ben ngoai)|ngoai tai lieu"
    r"|tu suy luan|tu tim hieu them"
)
_NEGATION = re.compile(r"\b(?:khong|dung|tranh|cam|khong duoc|chu khong)\b[^.;\n]{0,25}$")
CITE = re.compile(
    r"(?:ghi|neu|dan|trich dan|kem|chu thich|dat|danh dau|chi ro).{0,50}(?:ma|nguon|\[)"
    r"|ngoac vuong"
)
NOT_FOUND = re.compile(
    r"khong co (?:thong tin|noi dung|can cu|du lieu)|khong tim thay|khong du (?:thong tin|can cu)"
    r"|chua co thong tin|chua ro|khong (?:duoc )?(?:tu )?(?:bia|suy doan|doan)|khong biet"
    r"|(?:neu|khi|truong hop)\b.{0,40}(?:khong (?:co|de cap|neu|noi|tim thay|du)|chua co)"
)
PASSAGE_LINE = re.compile(r"^\s*\[([a-z0-9]+(?:-[a-z0-9]+)+)\]", re.M)
PASSAGE_BLOCK = re.compile(r"^\s*\[[a-z0-9]+(?:-[a-z0-9]+)+\].*$", re.M)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def candidates(question: str, k: int) -> list[Passage]:
    """The passages the notebook shows for a question (deterministic retrieval)."""
    return [h.passage for h in default_retriever().search(question, k)]


def tai_lieu_1() -> list[Passage]:
    return candidates(HOI_1, K_1)


def doan_3() -> list[Passage]:
    corpus = by_id()
    return [corpus[i] for i in DOAN_3]


# --- display and tools for the notebook -----------------------------------------------------------


def hien_thi_cau_1() -> None:
    print(f"Câu hỏi của người dân: {HOI_1}\n\nCác đoạn tài liệu sẽ gửi kèm lời nhắc:")
    hien_thi_doan(tai_lieu_1())


def loi_nhac_kem_tai_lieu(loi_nhac: object) -> str:
    """The learner's prompt with the passages of Câu 1 attached below it, as a lookup tool
    (or an official pasting the passages) sends it."""
    text = answer_text(loi_nhac) or ""
    return f"{text}\n\nTài liệu:\n{format_passages(tai_lieu_1())}"


def hoi_kem_tai_lieu(loi_nhac: object) -> str:
    """For the learner: send the prompt with the passages attached, return the reply."""
    from aiwork.assistant import hoi

    return hoi(loi_nhac_kem_tai_lieu(loi_nhac), temperature=0)


def warm_up() -> None:
    """First-use costs of this module's notebooks, paid once in the grading template
    (``aiwork grade``, ``AiworkGrade.warm_up``): the offline assistant answering a prompt with
    the passages attached (it builds the course's word model and reads its synonym tables on
    first use, ~60 ms). The request log is emptied afterwards (``offline.warm_up``)."""
    from aiwork.assistant.offline import warm_up as warm_assistant

    prompt = loi_nhac_kem_tai_lieu(
        "Chỉ dựa vào các đoạn tài liệu dưới đây, trả lời câu hỏi của người dân và ghi rõ căn cứ."
    )
    warm_assistant(messages=[{"role": "user", "content": prompt}])


def hien_thi_cau_2(cau: str) -> None:
    print(f"{cau}. {HOI_2[cau]}\n")
    hien_thi_doan(candidates(HOI_2[cau], K_2))


def hien_thi_cau_3() -> None:
    print(f"Câu hỏi: {HOI_3}\n\nTrả lời của trợ lý (đánh số từng câu):")
    for n, s in enumerate(split_sentences(TRA_LOI_3), start=1):
        print(f"  ({n}) {s}")
    print("\nCác đoạn tài liệu trợ lý được cung cấp:\n")
    hien_thi_doan(doan_3())


def hien_thi_cau_4() -> None:
    for k, question in HOI_4.items():
        print(f"4{k}. {question}\n")
        hien_thi_doan(candidates(question, K_4))


# --- Câu 1 ------------------------------------------------------------------------------------


def _allows_outside(folded: str) -> str | None:
    for m in OUTSIDE.finditer(folded):
        if not _NEGATION.search(folded[max(0, m.start() - 40) : m.start()]):
            return m.group(0)
    return None


def cham_cau_1_cau_truc(loi_nhac: object) -> Result:
    r = Result()
    prompt = text_answer(r, loi_nhac, "lời nhắc câu 1")
    if prompt is None:
        return r
    # Instructions are looked for outside any passage the learner pasted, whose own words
    # ("Nguồn", "tạm trú"...) would otherwise satisfy the checks.
    folded = fold(PASSAGE_BLOCK.sub(" ", prompt))
    r.add(
        "question",
        "tam tru" in folded,
        "Lời nhắc có câu hỏi của người dân.",
        f"Lời nhắc chưa nêu câu hỏi của người dân (về đăng ký tạm trú) (xem {BAI_HOI_KEM_NGUON}).",
    )
    outside = _allows_outside(folded)
    r.add(
        "only_sources",
        bool(ONLY_SOURCES.search(folded)) and outside is None,
        "Có yêu cầu chỉ dựa vào tài liệu được cung cấp.",
        (
            f"Lời nhắc cho phép trợ lý dùng thông tin ngoài tài liệu («{outside}»): như vậy "
            f"câu trả lời không còn căn cứ kiểm chứng được (xem {BAI_BIA})."
            if outside
            else "Chưa yêu cầu trợ lý chỉ trả lời dựa vào các đoạn tài liệu được cung cấp "
            f"(xem {BAI_HOI_KEM_NGUON})."
        ),
    )
    r.add(
        "cite",
        bool(CITE.search(folded)),
        "Có yêu cầu ghi mã đoạn tài liệu khi trả lời.",
        "Chưa yêu cầu trợ lý ghi mã đoạn tài liệu (trong ngoặc vuông) sau mỗi ý "
        f"(xem {BAI_TRICH_DAN}).",
    )
    r.add(
        "not_found",
        bool(NOT_FOUND.search(folded)),
        "Có hướng dẫn khi tài liệu không có thông tin.",
        "Chưa dặn trợ lý nói rõ khi tài liệu không có thông tin (thay vì tự đoán) "
        f"(xem {BAI_HOI_KEM_NGUON}).",
    )
    return r


def cham_cau_1_tra_loi(
    loi_nhac: object,
    doan_dung: str | None = None,
    phai_co: tuple[str, ...] = (),
    khong_dan: tuple[str, ...] = (),
) -> Result:
    """Hidden: the reply to the prompt (passages attached) cites ``doan_dung``, is grounded,
    states every pattern of ``phai_co`` (folded regexes) and cites none of ``khong_dan``."""
    r = cham_cau_1_cau_truc(loi_nhac)
    if not r.passed or not r.add("key", bool(doan_dung), "", "Thiếu đáp án để chấm."):
        return r
    reply = hoi_kem_tai_lieu(loi_nhac)
    result = check_grounding(reply, tai_lieu_1())
    r.add(
        "cites",
        doan_dung in result.cited_ids,
        "Câu trả lời của trợ lý dẫn đúng đoạn tài liệu trả lời câu hỏi.",
        "Câu trả lời của trợ lý không dẫn đoạn tài liệu trả lời câu hỏi; anh/chị đọc lại câu "
        f"trả lời và sửa lời nhắc (xem {BAI_KIEM_TRA}).",
    )
    r.add(
        "grounded",
        result.ok,
        "Câu trả lời của trợ lý có căn cứ trong tài liệu đã đưa.",
        "Câu trả lời của trợ lý có ý không có căn cứ: "
        + "; ".join(i.message for i in result.issues[:3])
        + f" (xem {BAI_KIEM_TRA}).",
    )
    folded = fold(reply)
    r.add(
        "answers",
        all(re.search(p, folded) for p in phai_co),
        "Câu trả lời nêu đủ những gì người dân hỏi.",
        f"Câu trả lời chưa nêu đủ những gì người dân hỏi (xem {BAI_KIEM_TRA}).",
    )
    wrong = sorted(set(khong_dan) & set(result.cited_ids))
    r.add(
        "no_other_procedure",
        not wrong,
        "Không dẫn đoạn về thủ tục khác.",
        "Câu trả lời dẫn đoạn về một thủ tục khác, không phải thủ tục người dân hỏi "
        f"(xem {BAI_KIEM_TRA}).",
    )
    return r


# --- Câu 2 ------------------------------------------------------------------------------------


def doc_ma(value: object) -> list[str] | None:
    """The passage ids a learner lists: "nd30-d8-k1", "[nd30-d8-k1], [nd30-d14]", one per line."""
    text = answer_text(value)
    if text is None:
        return None
    return list(dict.fromkeys(_ID.findall(fold(text))))


def cham_cau_2_dinh_dang(cau: str, doan_chon: object) -> Result:
    r = Result()
    ids = doc_ma(doan_chon)
    if not r.add(
        "answered",
        bool(ids),
        "",
        f'Anh/chị ghi mã các đoạn đã chọn cho câu {cau}, ví dụ "nd30-d8-k1, nd30-d14" '
        f"(xem {BAI_MA_DOAN}).",
    ):
        return r
    shown = {p.id for p in candidates(HOI_2[cau], K_2)}
    r.add(
        "count",
        1 <= len(ids) <= MAX_2,
        f"Đã chọn {len(ids)} đoạn.",
        f"Hãy chọn từ 1 đến {MAX_2} đoạn (đã chọn {len(ids)}; xem {BAI_CHON_DOAN}).",
    )
    unknown = [i for i in ids if i not in shown]
    r.add(
        "shown",
        not unknown,
        "Các mã đã chọn đều nằm trong danh sách đoạn được tìm thấy.",
        f"Mã không có trong danh sách đoạn đã hiển thị: {', '.join(unknown)} (xem {BAI_MA_DOAN}).",
    )
    return r


def cham_cau_2_dung_doan(
    cau: str, doan_chon: object, can_co: tuple[str, ...] = (), duoc_chon: tuple[str, ...] = ()
) -> Result:
    """Hidden: every id of ``can_co`` chosen, nothing outside ``duoc_chon``."""
    r = cham_cau_2_dinh_dang(cau, doan_chon)
    if not r.passed or not r.add("key", bool(can_co), "", "Thiếu đáp án để chấm."):
        return r
    ids = set(doc_ma(doan_chon) or [])
    r.add(
        "required",
        set(can_co) <= ids,
        "Đã chọn đoạn trả lời được câu hỏi.",
        f"Chưa chọn đoạn trả lời trực tiếp câu hỏi (xem {BAI_CHON_DOAN}).",
    )
    extra = sorted(ids - set(duoc_chon) - set(can_co))
    r.add(
        "no_extra",
        not extra,
        "Không chọn đoạn không liên quan.",
        f"Có đoạn không trả lời câu hỏi: {', '.join(extra)} (xem {BAI_CHON_DOAN}).",
    )
    return r


# --- Câu 3 ------------------------------------------------------------------------------------


def _numbers(r: Result, value: object) -> set[int] | None:
    n = len(split_sentences(TRA_LOI_3))
    numbers = parse_number_list(value, 1, n)
    if not r.add(
        "format",
        numbers is not None,
        "Danh sách số thứ tự câu hợp lệ.",
        f'Anh/chị ghi số thứ tự các câu, mỗi số từ 1 đến {n}, ví dụ "1, 3" (xem {BAI_KIEM_TRA}).',
    ):
        return None
    return set(numbers or [])


def cham_cau_3_dinh_dang(cau_sai: object) -> Result:
    r = Result()
    _numbers(r, cau_sai)
    return r


def cham_cau_3_tim_du(cau_sai: object, dap_an: tuple[int, ...] = ()) -> Result:
    r = Result()
    chosen = _numbers(r, cau_sai)
    if chosen is not None and r.add("key", bool(dap_an), "", "Thiếu đáp án để chấm."):
        missed = set(dap_an) - chosen
        r.add(
            "found_all",
            not missed,
            "Đã tìm đủ các câu không có căn cứ.",
            f"Còn sót {len(missed)} câu không có căn cứ, dẫn sai nguồn hoặc nói ngược với đoạn "
            f"được dẫn (xem {BAI_KIEM_TRA}).",
        )
    return r


def cham_cau_3_khong_thua(cau_sai: object, dap_an: tuple[int, ...] = ()) -> Result:
    r = Result()
    chosen = _numbers(r, cau_sai)
    if chosen is not None and r.add("key", bool(dap_an), "", "Thiếu đáp án để chấm."):
        wrong = chosen - set(dap_an)
        r.add(
            "no_false_alarm",
            bool(chosen) and not wrong,
            "Không đánh dấu nhầm câu có căn cứ.",
            f"Có {len(wrong)} câu được đánh dấu nhầm: câu đó có căn cứ trong đoạn được dẫn "
            f"(xem {BAI_KIEM_TRA}).",
        )
    return r


# --- Câu 4 ------------------------------------------------------------------------------------


def _answer(r: Result, value: object, cau: str) -> str | None:
    text = answer_text(value)
    r.add(
        "answered",
        text is not None,
        "",
        f"Anh/chị chưa viết câu trả lời câu 4{cau}: thay dấu ... bằng câu trả lời có mã đoạn.",
    )
    return text


def cham_cau_4_trich_dan(cau: str, tra_loi: object) -> Result:
    r = Result()
    answer = _answer(r, tra_loi, cau)
    if answer is None:
        return r
    result = check_grounding(answer, candidates(HOI_4[cau], K_4))
    r.add(
        "cites",
        bool(result.cited_ids),
        f"Câu 4{cau} có dẫn mã đoạn tài liệu.",
        f"Câu 4{cau} chưa dẫn mã đoạn tài liệu nào (ghi mã trong ngoặc vuông; xem {BAI_TRICH_DAN}).",
    )
    r.add(
        "grounded",
        result.ok,
        f"Câu 4{cau}: mọi số liệu đều có căn cứ trong đoạn được dẫn.",
        f"Câu 4{cau}: "
        + "; ".join(i.message for i in result.issues[:2])
        + f" (xem {BAI_TRICH_DAN}).",
    )
    return r


def cham_cau_4_noi_dung(
    cau: str,
    tra_loi: object,
    doan: str | None = None,
    con_so: float | None = None,
    dung_nghia: tuple[str, ...] = (),
    sai_nghia: tuple[str, ...] = (),
) -> Result:
    """Hidden: cites ``doan``, states ``con_so``, in the sense of the question (a pattern of
    ``dung_nghia`` present, none of ``sai_nghia``)."""
    r = cham_cau_4_trich_dan(cau, tra_loi)
    answer = answer_text(tra_loi)
    if answer is None or not r.add("key", doan is not None, "", "Thiếu đáp án để chấm."):
        return r
    result = check_grounding(answer, candidates(HOI_4[cau], K_4))
    r.add(
        "source",
        doan in result.cited_ids,
        f"Câu 4{cau} dẫn đúng đoạn chứa câu trả lời.",
        f"Câu 4{cau} chưa dẫn đúng đoạn tài liệu chứa câu trả lời (xem {BAI_CHON_DOAN}).",
    )
    figures = {n for f in extract(answer) for n in f.numbers}
    r.add(
        "figure",
        con_so in figures,
        f"Câu 4{cau} nêu đúng con số cần trả lời.",
        f"Câu 4{cau} chưa nêu đúng con số trả lời câu hỏi (viết bằng chữ số; xem {BAI_TRICH_DAN}).",
    )
    folded = fold(answer)
    sense = all(re.search(p, folded) for p in dung_nghia) and not any(
        re.search(p, folded) for p in sai_nghia
    )
    r.add(
        "sense",
        sense,
        f"Câu 4{cau} nêu con số đúng nghĩa câu hỏi.",
        f"Câu 4{cau} nêu con số với nghĩa khác đoạn tài liệu (ví dụ mức tối đa thành mức tối "
        f"thiểu) (xem {BAI_KIEM_TRA}).",
    )
    return r


kiem_tra = SelfCheck(
    [
        Question("cau_1", "Câu 1 — lời nhắc có dẫn nguồn", ("loi_nhac_1",), cham_cau_1_cau_truc),
        Question(
            "cau_2a",
            "Câu 2a — chọn đoạn tài liệu",
            ("doan_chon_2a",),
            lambda v: cham_cau_2_dinh_dang("2a", v),
        ),
        Question(
            "cau_2b",
            "Câu 2b — chọn đoạn tài liệu",
            ("doan_chon_2b",),
            lambda v: cham_cau_2_dinh_dang("2b", v),
        ),
        Question("cau_3", "Câu 3 — tìm câu không có căn cứ", ("cau_sai_3",), cham_cau_3_dinh_dang),
        Question(
            "cau_4a",
            "Câu 4a — trả lời có trích dẫn",
            ("tra_loi_4a",),
            lambda v: cham_cau_4_trich_dan("a", v),
        ),
        Question(
            "cau_4b",
            "Câu 4b — trả lời có trích dẫn",
            ("tra_loi_4b",),
            lambda v: cham_cau_4_trich_dan("b", v),
        ),
    ]
)
