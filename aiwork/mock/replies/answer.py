"""Answer a question: from given passages (citing their ids), or - without context - by a
simulated hallucination.

With passages ("[P1] ...", "[nd30-d8]: ..."), the answer quotes the best-matching sentence of
each passage whose key-word overlap with the question reaches ``MIN_OVERLAP`` (and
``RELATIVE_KEEP`` of the best passage's) and cites the id in brackets; if none does, it says
the passages do not cover the question. With plain context (a delimited block) it answers from
that block, without inventing. With no context a factual question gets a fluent, confident
answer with invented specifics (a fee, a number of days, a date, an authority, a percentage -
by the kind of question) and no citation, flagged ``hallucinated`` so the server sets
``x-mock-hallucinated: true`` and the request log records it. It never invents a document
number: the made-up figures are enough to teach "verify before you trust".
"""

from __future__ import annotations

import re

from aiwork.lookup.answering import (
    DOCUMENT_BY_NUMBER,
    best_sentence,
    in_course_words,
    spelled_out,
)
from aiwork.mock.replies import Reply, pick
from aiwork.mock.replies.shape import shape
from aiwork.mock.textutil import (
    Passage,
    keywords,
    overlap,
    passages,
    sentences,
    source_text,
    without_passages,
)
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import fold_keep_offsets, nfc

MIN_OVERLAP = 0.2
RELATIVE_KEEP = 0.75

_QUESTION_WORDS = (
    "bao nhieu",
    "khi nao",
    "la gi",
    "o dau",
    "the nao",
    "nhu the nao",
    "co phai",
    "bao lau",
    "ai la",
    "vi sao",
    "tai sao",
    "nhung gi",
    "gom nhung",
    "quy dinh",
)


def is_question(text: str) -> bool:
    folded = fold_keep_offsets(text)
    return "?" in text or any(q in folded for q in _QUESTION_WORDS)


# "### Câu hỏi", "Câu hỏi:", "CÂU HỎI" - a labelled question wins over instructions around it.
_QUESTION_LABEL = re.compile(r"^\W*(?:câu hỏi|cau hoi|question)\W*(?::\s*(.*))?$", re.IGNORECASE)


def labelled_question(text: str) -> str:
    """The text under a prompt's last question label ("### Câu hỏi", "Câu hỏi: ..."), or ""."""
    lines = [ln for ln in without_passages(text).splitlines() if ln.strip()]
    for i in range(len(lines) - 1, -1, -1):
        m = _QUESTION_LABEL.match(lines[i].strip())
        if m:
            labelled = " ".join([m.group(1) or "", *lines[i + 1 :]]).strip()
            if labelled:
                return labelled
    return ""


def question_of(text: str) -> str:
    """The question part of a prompt (the passages and the instructions removed)."""
    labelled = labelled_question(text)
    if labelled:
        return labelled
    lines = [ln for ln in without_passages(text).splitlines() if ln.strip()]
    q = [ln for ln in lines if "?" in ln]
    if not q:
        return " ".join(lines)
    # The question itself within its line: from the last ". ! ? :" before the question mark
    # ("Dựa vào tài liệu, trả lời người dân hỏi: đăng ký tạm trú cần giấy tờ gì?").
    line = q[-1]
    end = line.rfind("?") + 1
    start = max(line.rfind(c, 0, end - 1) for c in ".!?:") + 1
    asked = line[start:end].strip()
    return asked if len(asked.split()) >= 3 else line


def _best_sentence(p: Passage, qk: list[str], question: str) -> tuple[float, str]:
    """The passage sentence that answers the question's focus (a figure, a definition, a rule:
    chosen by ``aiwork.lookup.answering``, shared with the course), and its key-word overlap."""
    chosen = best_sentence(question, p.text)
    return overlap(qk, keywords(chosen)), chosen


# Words every procedure shares (folded syllables): they say what is asked, not about which
# procedure, so a passage about another procedure is not kept for them alone.
_GENERIC = frozenset(
    """thoi han ho so giay to ket qua dang ky thu tuc bao lau can phi le muc co quan thuc
    hien lam viec ngay gom gi phuong xa ubnd nguoi dan cong muon moi""".split()
)


def _pairs(words: list[str]) -> set[str]:
    """Consecutive key-word pairs ("tam tru", "nop bai")."""
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


# What a question asks for, and the passage sentence that answers it.
_ASPECTS = (
    (re.compile(r"\b(giay to|ho so|can (?:nhung )?gi|gom nhung)\b"), re.compile(r"\bho so gom\b")),
    (
        re.compile(r"\b(bao lau|thoi han|may ngay|khi nao co ket qua)\b"),
        re.compile(r"\bthoi han (?:giai quyet|tra ket qua)\b"),
    ),
    (re.compile(r"\b(le phi|muc phi|phi)\b"), re.compile(r"\b(?:phi, le phi|le phi)\b")),
)


_DOCUMENT_NUMBER = re.compile(rf"\b{DOCUMENT_BY_NUMBER}\b")


def _aspect_sentences(p: Passage, question: str) -> list[str]:
    """The sentences of ``p`` that answer each part of a many-part question ("cần giấy tờ gì
    và bao lâu thì có kết quả?" -> the "Hồ sơ gồm" and the "Thời hạn giải quyết" sentences)."""
    folded_q = fold_keep_offsets(question)
    out = []
    for asks, answers in _ASPECTS:
        if asks.search(folded_q):
            hit = next((s for s in sentences(p.text) if answers.search(fold_keep_offsets(s))), None)
            if hit and hit not in out:
                out.append(hit)
    return out


def from_passages(prompt: str, found: list[Passage], anatomy: PromptAnatomy, seed: str) -> Reply:
    question = question_of(prompt)
    qk = keywords(question)
    # the topic also in the course's words: texting shorthand written out ("attp": "an toàn
    # thực phẩm"), a learner's phrase as the course says it ("sang tên sổ đỏ": "đăng ký biến
    # động"), else a passage on the very procedure asked shares none of the topic's words
    course_qk = keywords(in_course_words(spelled_out(question))[0])
    topic = [w for w in dict.fromkeys(qk + course_qk) if w not in _GENERIC]
    ranked = []
    for order, p in enumerate(found):
        score, sent = _best_sentence(p, qk, question)
        said = keywords(f"{p.text} {p.note}")
        score = max(score, overlap(qk, said))
        if score < MIN_OVERLAP:
            # (only to admit a passage the learner's own words miss: ranked by them, a
            # course word the question shares with many passages, "thời hạn", would decide)
            score = overlap(course_qk, said)
        if score >= MIN_OVERLAP:
            ranked.append((score, order, p.pid, sent))
    # A question about one procedure is answered from that procedure's passages: a passage
    # sharing none of the question's topical word pairs ("tạm trú", not the "thời hạn", "hồ
    # sơ" every procedure has; "cư trú" is not "tạm trú") is not kept.
    if topic and ranked:
        asked = _pairs(qk)
        asked = {b for b in asked if any(w not in _GENERIC for w in b.split())}
        shared = {p.pid: len(asked & _pairs(keywords(f"{p.text} {p.note}"))) for p in found}
        if asked and max(shared[r[2]] for r in ranked) > 0:
            ranked = [r for r in ranked if shared[r[2]] > 0]
        # Nor a passage sharing none of the question's topical words at all: "thủ tục đăng ký
        # tạm trú" is not answered by a passage on "thủ tục cấp giấy phép xây dựng".
        words = {p.pid: set(keywords(f"{p.text} {p.note}")) for p in found}
        ranked = [r for r in ranked if set(topic) & words[r[2]]]
    # A question naming a document by its number ("luật 91", "Nghị định 30") is answered from
    # the passages that state that number, not from another law's ("Luật ... số 41/2024").
    numbers = _DOCUMENT_NUMBER.findall(fold_keep_offsets(question))
    if numbers and ranked:
        texts = {p.pid: f"{p.text} {p.note}" for p in found}
        naming = [
            r
            for r in ranked
            if any(re.search(rf"(?<!\d)0*{n}(?!\d)", texts[r[2]]) for n in numbers)
        ]
        ranked = naming or ranked
    if not ranked:
        return Reply(
            "Các đoạn trích được cung cấp không đề cập đến nội dung này, nên tôi không thể trả lời "
            "dựa trên tài liệu. Anh/chị nên tra cứu thêm văn bản gốc hoặc hỏi đơn vị chuyên môn.",
            task="answer",
        )
    # Ties go to the passage given first: prompts list passages by relevance.
    ranked.sort(key=lambda r: (-r[0], r[1]))
    # Other passages join the best one only if they match nearly as well: citing a passage
    # about another procedure would be a wrong citation.
    keep = [r for r in ranked if r[0] >= RELATIVE_KEEP * ranked[0][0]][: anatomy.item_count or 2]
    points = [f"{sent.rstrip('.')} [{pid}]." for _, _, pid, sent in keep]
    top = next(p for p in found if p.pid == keep[0][2])
    extra = [s for s in _aspect_sentences(top, question) if s != keep[0][3]]
    if len(keep) == 1 and extra:
        points += [f"{s.rstrip('.')} [{top.pid}]." for s in extra]
    intro = pick(seed, ("Theo các đoạn trích được cung cấp:", "Căn cứ tài liệu đã cho:"))
    return Reply(
        shape(points, anatomy, intro=intro, default_layout="prose"),
        task="answer",
        citations=[pid for _, _, pid, _ in keep],
    )


def from_context(prompt: str, context: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    qk = keywords(question_of(prompt.replace(context, "")))
    scored = sorted(
        ((overlap(qk, keywords(s)), -i, s) for i, s in enumerate(sentences(context))), reverse=True
    )
    good = [s for score, _, s in scored if score >= MIN_OVERLAP][: anatomy.item_count or 2]
    if not good:
        return Reply("Nội dung được cung cấp không nêu thông tin này.", task="answer")
    return Reply(
        shape(good, anatomy, intro="Theo nội dung được cung cấp:", default_layout="prose"),
        task="answer",
    )


_Q_WORDS = re.compile(
    r"\b(?:là bao nhiêu|bao nhiêu|là bao lâu|bao lâu|là gì|là ai|khi nào|vào năm nào|năm nào|ở đâu|"
    r"theo quy định(?: hiện hành)?|trong|"
    r"như thế nào|thế nào|có phải|hay không|giải thích(?: ngắn gọn)?|cho biết|hãy|xin|vui lòng|"
    r"cho tôi hỏi|ngắn gọn|cho người dân|\d+ ý)\b|[?.!:]",
    re.I,
)


def topic_of(question: str) -> str:
    """The subject of a question in the asker's words: question words removed, <= 10 words."""
    words = [w for w in _Q_WORDS.sub(" ", question).replace(",", " , ").split()]
    while words and words[-1] in (",", ";"):
        words.pop()
    text = re.sub(r"\s+,", ",", " ".join(words[:10])).strip(" ,")
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]  # "Lệ phí ..." inside a sentence
    return text or "vấn đề này"


def hallucinate(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    """A confident answer with invented specifics, shaped by the kind of question."""
    n = int(seed[:8], 16)
    q = question_of(prompt)
    folded = fold_keep_offsets(q)
    topic = topic_of(q)
    topic_cap = topic[:1].upper() + topic[1:]
    days, pct, year = (5, 7, 10, 15, 20, 30)[n % 6], 60 + n % 35, 2015 + n % 10
    count = f"{n % 90 + 10}.{n % 1000:03d}"
    q = nfc(q)
    m = re.search(r"\bbao nhieu\s+(\w+(?:\s+\w+)?)", folded)
    unit = q[m.start(1) : m.end(1)] if m else None
    if re.search(r"\b(le phi|phi|muc thu|bao nhieu tien|chi phi|gia (?:tien|ban|ca))\b", folded):
        lead = f"Theo quy định hiện hành, {topic} là {(n % 9 + 1) * 50}.000 đồng cho mỗi hồ sơ."
    elif re.search(r"\b(bao lau|thoi han|bao nhieu ngay|may ngay)\b", folded):
        subject = (
            topic if fold_keep_offsets(topic).startswith("thoi han") else "thời hạn giải quyết"
        )
        lead = (
            f"Theo quy định hiện hành, {subject} là {days} ngày làm việc kể từ ngày nhận đủ hồ "
            "sơ hợp lệ."
        )
    elif re.search(r"\b(khi nao|nam nao|ngay nao|tu bao gio)\b", folded):
        lead = f"{topic_cap} được áp dụng từ ngày {n % 27 + 1}/{n % 12 + 1}/{year}."
    elif re.search(r"\b(o dau|co quan nao|ai)\b", folded):
        lead = (
            f"{topic_cap} thuộc thẩm quyền của Văn phòng đăng ký cấp tỉnh theo quy định năm {year}."
        )
    elif re.search(r"\b(ty le|bao nhieu phan tram)\b", folded):
        lead = (
            f"Theo số liệu tổng hợp, tỷ lệ này đạt khoảng {pct}%, tăng {n % 9 + 2}% so với cùng kỳ."
        )
    elif unit:
        lead = (
            f"Theo số liệu tổng hợp, con số này là khoảng {count} {unit}, tăng "
            f"{n % 9 + 2}% so với cùng kỳ năm trước."
        )
    else:
        lead = (
            f"{topic_cap} là một nội dung quan trọng trong công tác hành chính hiện nay, được "
            f"triển khai rộng rãi từ năm {year}."
        )
    # The invented support and the closing vary with the request, as a model's do: the same
    # stock sentence under every hallucination would teach "spot the template", not
    # "verify the claim".
    support = pick(
        seed,
        (
            f"Theo một khảo sát năm {year + 1}, khoảng {pct}% cơ quan đã thực hiện đúng quy định này.",
            f"Quy định này đã được hướng dẫn chi tiết tại văn bản ban hành năm {year + 1}.",
            f"Đến nay khoảng {pct}% địa phương trong cả nước đã áp dụng thống nhất.",
            f"Nội dung này được sửa đổi, bổ sung gần nhất vào năm {year + 2}.",
            f"Số liệu tổng hợp cho thấy khoảng {pct}% hồ sơ được giải quyết đúng hạn.",
        ),
        salt=1,
    )
    closing = pick(
        seed,
        (
            "Trường hợp có vướng mắc, người dân có thể liên hệ cơ quan có thẩm quyền để được "
            "hướng dẫn.",
            "Người dân có thể tra cứu thêm trên Cổng Dịch vụ công hoặc hỏi bộ phận một cửa.",
            "Anh/chị nên đối chiếu với văn bản hiện hành trước khi hướng dẫn người dân.",
            "Cơ quan chuyên môn cấp xã có thể hướng dẫn cụ thể cho từng trường hợp.",
        ),
        salt=2,
    )
    points = [lead, support, closing]
    return Reply(
        shape(points, anatomy, default_layout="prose"), task="answer-no-context", hallucinated=True
    )


def answer(prompt: str, anatomy: PromptAnatomy, seed: str, extra_context: str = "") -> Reply:
    found = passages(prompt) + passages(extra_context)
    if found:
        return from_passages(prompt, found, anatomy, seed)
    context = source_text(prompt) or extra_context
    if context:
        return from_context(prompt, context, anatomy, seed)
    return hallucinate(prompt, anatomy, seed)
