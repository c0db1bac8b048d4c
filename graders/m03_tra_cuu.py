"""Graders of assignment m03-tra-cuu (module 3: lookup with citations).

Rubric (documented for learners in the assignment notebook and in the README):

Câu 1 — a grounded prompt for a citizen's question on temporary residence (4 points)
  - cấu trúc (2): the prompt carries passages as ``[id] text`` lines from the corpus, the
    question, and three instructions: use only the passages, cite ids, say when the passages
    do not hold the answer;
  - trả lời (2, hidden): the passages include the one that answers (``tthc-tam-tru``), and the
    assistant's reply to the prompt cites given ids and passes the grounding check.
Câu 2a, 2b — choosing the passages that answer a question, among the retrieved candidates
  (2 points each): 1–3 ids from the candidates shown (visible); every required id and nothing
  that does not answer (hidden).
Câu 3 — finding the unsupported sentences of an assistant's answer (4 points): a list of
  sentence numbers (1, visible); all sentences the grounding checker flags (2, hidden); no
  sentence it finds supported (1, hidden). The key is computed by ``check_grounding``.
Câu 4 — answering two questions with correct citations (4 points): each answer cites a shown
  passage and passes the grounding check (2, visible); it cites the passage that holds the
  answer and states the figure (2, hidden).

Grades check properties (ids, citations, figures), never the wording of an answer.
"""

from __future__ import annotations

import re

from aiwork.lookup.corpus import Passage, by_id
from aiwork.lookup.facts import extract
from aiwork.lookup.grounding import check_grounding, split_sentences
from aiwork.lookup.prompting import hien_thi_doan  # noqa: F401 - shown by the notebook
from aiwork.lookup.retriever import default_retriever
from aiwork.prompt_anatomy import fold
from graders.core import Question, Result, SelfCheck, is_blank, nfc

# --- the assignment's material (one home: the notebook displays it from here) ---------------

# Câu 1: a citizen's question (fictional case) and the passage that answers it.
CAU_1_QUESTION = (
    "Tôi mới chuyển đến phường để làm việc, muốn đăng ký tạm trú thì cần giấy tờ "
    "gì và bao lâu thì có kết quả?"
)
CAU_1_REQUIRED = "tthc-tam-tru"
CAU_1_K = 3

# Câu 2: questions, the ids that must be chosen, the ids that may also be chosen.
CAU_2 = {
    "2a": {
        "question": "Văn bản đi phải được phát hành chậm nhất khi nào sau khi được ký?",
        "required": {"nd30-d18-k1-k2"},
        "allowed": {"nd30-d18-k1-k2", "nd30-d4-k2-c"},
    },
    "2b": {
        "question": (
            "Một người dân cần chứng thực bản sao 5 trang từ bản chính. "
            "Phí chứng thực được tính thế nào?"
        ),
        "required": {"tthc-chung-thuc-ban-sao"},
        "allowed": {"tthc-chung-thuc-ban-sao"},
    },
}
CAU_2_K = 6
CAU_2_MAX = 3

# Câu 3: an assistant's answer (written for the exercise) and the passages it was given.
CAU_3_QUESTION = (
    "Đăng ký khai sinh, khai tử và xác nhận tình trạng hôn nhân có thời hạn, lệ phí thế nào?"
)
CAU_3_PASSAGES = ("tthc-khai-sinh", "tthc-khai-tu", "tthc-tinh-trang-hon-nhan")
CAU_3_ANSWER = (
    "Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh con "
    "[tthc-khai-sinh]. "
    "Khi đăng ký khai sinh đúng hạn, người dân nộp lệ phí 8.000 đồng [tthc-khai-sinh]. "
    "Hồ sơ gồm tờ khai theo mẫu và bản chính Giấy chứng sinh [tthc-khai-sinh]. "
    "Việc đăng ký khai tử phải thực hiện trong thời hạn 15 ngày kể từ ngày có người chết "
    "[tthc-khai-sinh]. "
    "Giấy xác nhận tình trạng hôn nhân có giá trị 06 tháng kể từ ngày cấp "
    "[tthc-tinh-trang-hon-nhan]. "
    "Theo Điều 16 Luật Hộ tịch, mọi kết quả đều được trả trong 03 ngày làm việc."
)

# Câu 4: questions, the passage that holds each answer and the figure the answer must state.
CAU_4 = {
    "a": {
        "question": "Dấu giáp lai được đóng tối đa bao nhiêu tờ văn bản?",
        "cite": "nd30-d33-k1",
        "figure": 5.0,
    },
    "b": {
        "question": "Mức phạt tiền tối đa đối với hành vi mua, bán dữ liệu cá nhân là bao nhiêu?",
        "cite": "luat91-d8-xu-phat",
        "figure": 10.0,
    },
}
CAU_4_K = 5

# What a grounded prompt must ask for (matched on folded text: no accents, lower case).
ONLY_SOURCES = re.compile(
    r"chi\b.{0,40}(?:tai lieu|doan|nguon|van ban|thong tin (?:duoi|da cho|cung cap))"
    r"|(?:dua (?:vao|tren)|can cu(?: vao)?|theo) (?:cac |nhung )?(?:doan|tai lieu|nguon)"
)
CITE = re.compile(r"(?:ghi|neu|dan|trich dan|kem|chu thich|dat).{0,50}(?:ma|nguon|\[)|ngoac vuong")
NOT_FOUND = re.compile(
    r"khong co (?:thong tin|noi dung|can cu|du lieu)|khong tim thay|khong du (?:thong tin|can cu)"
    r"|chua co thong tin|khong (?:duoc )?(?:tu )?(?:bia|suy doan|doan)"
)
PASSAGE_LINE = re.compile(r"^\s*\[([a-z0-9]+(?:-[a-z0-9]+)+)\]", re.M)
PASSAGE_BLOCK = re.compile(r"^\s*\[[a-z0-9]+(?:-[a-z0-9]+)+\].*$", re.M)


def candidates(question: str, k: int) -> list[Passage]:
    """The passages the notebook shows for a question (deterministic retrieval)."""
    return [h.passage for h in default_retriever().search(question, k)]


def cau_1_tai_lieu() -> list[Passage]:
    return candidates(CAU_1_QUESTION, CAU_1_K)


def cau_3_passages() -> list[Passage]:
    corpus = by_id()
    return [corpus[i] for i in CAU_3_PASSAGES]


def cau_3_key() -> list[int]:
    """Sentence numbers of CAU_3_ANSWER that the grounding checker flags (the answer key)."""
    return check_grounding(CAU_3_ANSWER, cau_3_passages()).unsupported_sentences


# --- display helpers for the notebook ---------------------------------------------------------


def hien_thi_cau_3() -> None:
    print(f"Câu hỏi: {CAU_3_QUESTION}\n\nTrả lời của trợ lý (đánh số từng câu):")
    for n, s in enumerate(split_sentences(CAU_3_ANSWER), start=1):
        print(f"  ({n}) {s}")


# --- graders ----------------------------------------------------------------------------------


def _text(r: Result, value: object, what: str) -> str | None:
    if is_blank(value) or not isinstance(value, str):
        r.add("answered", False, "", f"Anh/chị chưa viết {what} (thay dấu ... bằng nội dung).")
        return None
    return nfc(value)


def prompt_ids(prompt: str) -> list[str]:
    """Ids of the passages a prompt carries as ``[id] ...`` lines that exist in the corpus."""
    corpus = by_id()
    return list(dict.fromkeys(i for i in PASSAGE_LINE.findall(prompt) if i in corpus))


def cham_cau_1_cau_truc(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text(r, loi_nhac, "lời nhắc câu 1")
    if prompt is None:
        return r
    # Instructions and the question are looked for outside the passages, whose own words
    # ("Nguồn", "tạm trú"...) would otherwise satisfy the checks.
    folded = fold(PASSAGE_BLOCK.sub(" ", prompt))
    ids = prompt_ids(prompt)
    r.add(
        "passages",
        bool(ids),
        f"Lời nhắc có {len(ids)} đoạn tài liệu kèm mã.",
        "Lời nhắc chưa kèm đoạn tài liệu nào dạng “[mã] nội dung” (gợi ý: chèn {tai_lieu_1}).",
    )
    r.add(
        "question",
        "tam tru" in folded,
        "Lời nhắc có câu hỏi của người dân.",
        "Lời nhắc chưa nêu câu hỏi của người dân (về đăng ký tạm trú).",
    )
    r.add(
        "only_sources",
        bool(ONLY_SOURCES.search(folded)),
        "Có yêu cầu chỉ dựa vào tài liệu được cung cấp.",
        "Chưa yêu cầu trợ lý chỉ trả lời dựa vào các đoạn tài liệu được cung cấp.",
    )
    r.add(
        "cite",
        bool(CITE.search(folded)),
        "Có yêu cầu ghi mã đoạn tài liệu khi trả lời.",
        "Chưa yêu cầu trợ lý ghi mã đoạn tài liệu (trong ngoặc vuông) sau mỗi ý.",
    )
    r.add(
        "not_found",
        bool(NOT_FOUND.search(folded)),
        "Có hướng dẫn khi tài liệu không có thông tin.",
        "Chưa dặn trợ lý nói rõ khi tài liệu không có thông tin (thay vì tự đoán).",
    )
    return r


def cham_cau_1_tra_loi(loi_nhac: object) -> Result:
    r = Result()
    prompt = _text(r, loi_nhac, "lời nhắc câu 1")
    if prompt is None:
        return r
    ids = prompt_ids(prompt)
    if not r.add(
        "required",
        CAU_1_REQUIRED in ids,
        "Tài liệu kèm theo có đoạn trả lời được câu hỏi.",
        "Các đoạn tài liệu kèm theo không có đoạn nói về thủ tục đăng ký tạm trú.",
    ):
        return r
    from aiwork.assistant import hoi

    reply = hoi(prompt)
    corpus = by_id()
    result = check_grounding(reply, [corpus[i] for i in ids])
    r.add(
        "cites",
        bool(result.cited_ids),
        "Câu trả lời của trợ lý có dẫn mã đoạn tài liệu.",
        "Câu trả lời của trợ lý không dẫn mã đoạn tài liệu nào.",
    )
    r.add(
        "grounded",
        result.ok,
        "Câu trả lời của trợ lý có căn cứ trong tài liệu đã đưa.",
        "Câu trả lời của trợ lý có ý không có căn cứ: "
        + "; ".join(i.message for i in result.issues[:3]),
    )
    return r


def _id_list(r: Result, value: object, what: str) -> list[str] | None:
    if is_blank(value):
        r.add("answered", False, "", f"Anh/chị chưa điền {what}.")
        return None
    ok = isinstance(value, (list, tuple)) and all(isinstance(x, str) for x in value)
    if not r.add(
        "list", ok, "", f'{what.capitalize()} phải là danh sách mã, ví dụ ["nd30-d8-k1"].'
    ):
        return None
    return [x.strip().lower() for x in value]  # type: ignore[union-attr]


def cham_cau_2_dinh_dang(cau: str, doan_chon: object) -> Result:
    r = Result()
    ids = _id_list(r, doan_chon, f"danh sách đoạn của câu {cau}")
    if ids is None:
        return r
    shown = {p.id for p in candidates(CAU_2[cau]["question"], CAU_2_K)}
    r.add(
        "count",
        1 <= len(ids) <= CAU_2_MAX,
        f"Đã chọn {len(ids)} đoạn.",
        f"Hãy chọn từ 1 đến {CAU_2_MAX} đoạn (đã chọn {len(ids)}).",
    )
    unknown = [i for i in ids if i not in shown]
    r.add(
        "shown",
        not unknown,
        "Các mã đã chọn đều nằm trong danh sách đoạn được tìm thấy.",
        f"Mã không có trong danh sách đoạn đã hiển thị: {', '.join(unknown)}.",
    )
    return r


def cham_cau_2_dung_doan(cau: str, doan_chon: object) -> Result:
    r = Result()
    ids = _id_list(r, doan_chon, f"danh sách đoạn của câu {cau}")
    if ids is None:
        return r
    spec = CAU_2[cau]
    r.add(
        "required",
        spec["required"] <= set(ids),
        "Đã chọn đoạn trả lời được câu hỏi.",
        "Chưa chọn đoạn trả lời trực tiếp câu hỏi.",
    )
    extra = sorted(set(ids) - spec["allowed"])
    r.add(
        "no_extra",
        not extra,
        "Không chọn đoạn không liên quan.",
        f"Có đoạn không trả lời câu hỏi: {', '.join(extra)}.",
    )
    return r


def _numbers(r: Result, value: object, n_sentences: int) -> set[int] | None:
    if is_blank(value):
        r.add("answered", False, "", "Anh/chị chưa điền số thứ tự các câu không có căn cứ.")
        return None
    ok = (
        isinstance(value, (list, tuple, set))
        and all(isinstance(x, int) for x in value)
        and all(1 <= x <= n_sentences for x in value)
    )
    if not r.add(
        "format",
        ok,
        "Danh sách số thứ tự câu hợp lệ.",
        f"Hãy điền danh sách số thứ tự câu, mỗi số từ 1 đến {n_sentences}, ví dụ [1, 3].",
    ):
        return None
    return set(value)  # type: ignore[arg-type]


def cham_cau_3_dinh_dang(cau_sai: object) -> Result:
    r = Result()
    _numbers(r, cau_sai, len(split_sentences(CAU_3_ANSWER)))
    return r


def cham_cau_3_tim_du(cau_sai: object) -> Result:
    r = Result()
    chosen = _numbers(r, cau_sai, len(split_sentences(CAU_3_ANSWER)))
    if chosen is not None:
        missed = sorted(set(cau_3_key()) - chosen)
        r.add(
            "found_all",
            not missed,
            "Đã tìm đủ các câu không có căn cứ.",
            f"Còn sót {len(missed)} câu không có căn cứ hoặc dẫn sai nguồn.",
        )
    return r


def cham_cau_3_khong_thua(cau_sai: object) -> Result:
    r = Result()
    chosen = _numbers(r, cau_sai, len(split_sentences(CAU_3_ANSWER)))
    if chosen is not None:
        wrong = sorted(chosen - set(cau_3_key()))
        r.add(
            "no_false_alarm",
            not wrong,
            "Không đánh dấu nhầm câu có căn cứ.",
            f"Có {len(wrong)} câu được đánh dấu nhầm: câu đó có căn cứ trong đoạn được dẫn.",
        )
    return r


def _answers(r: Result, value: object) -> dict[str, str] | None:
    if is_blank(value):
        r.add("answered", False, "", "Anh/chị chưa viết câu trả lời câu 4.")
        return None
    ok = isinstance(value, dict) and all(
        isinstance(value.get(k), str) and value[k].strip() not in ("", "...") for k in CAU_4
    )
    if not r.add("format", ok, "", "tra_loi_4 cần có đủ hai câu trả lời “a” và “b” (dạng chuỗi)."):
        return None
    return {k: nfc(value[k]) for k in CAU_4}  # type: ignore[index]


def cham_cau_4_trich_dan(tra_loi: object) -> Result:
    r = Result()
    answers = _answers(r, tra_loi)
    if answers is None:
        return r
    for k, spec in CAU_4.items():
        result = check_grounding(answers[k], candidates(spec["question"], CAU_4_K))
        r.add(
            f"{k}.cites",
            bool(result.cited_ids),
            f"Câu 4{k} có dẫn mã đoạn tài liệu.",
            f"Câu 4{k} chưa dẫn mã đoạn tài liệu nào (ghi mã trong ngoặc vuông).",
        )
        r.add(
            f"{k}.grounded",
            result.ok,
            f"Câu 4{k}: mọi số liệu đều có căn cứ trong đoạn được dẫn.",
            f"Câu 4{k}: " + "; ".join(i.message for i in result.issues[:2]),
        )
    return r


def cham_cau_4_noi_dung(tra_loi: object) -> Result:
    r = Result()
    answers = _answers(r, tra_loi)
    if answers is None:
        return r
    for k, spec in CAU_4.items():
        result = check_grounding(answers[k], candidates(spec["question"], CAU_4_K))
        r.add(
            f"{k}.source",
            spec["cite"] in result.cited_ids and result.ok,
            f"Câu 4{k} dẫn đúng đoạn chứa câu trả lời.",
            f"Câu 4{k} chưa dẫn đúng đoạn tài liệu chứa câu trả lời.",
        )
        figures = {n for f in extract(answers[k]) for n in f.numbers}
        r.add(
            f"{k}.figure",
            spec["figure"] in figures,
            f"Câu 4{k} nêu đúng con số cần trả lời.",
            f"Câu 4{k} chưa nêu con số trả lời câu hỏi (viết bằng chữ số).",
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
        Question("cau_4", "Câu 4 — trả lời có trích dẫn", ("tra_loi_4",), cham_cau_4_trich_dan),
    ]
)
