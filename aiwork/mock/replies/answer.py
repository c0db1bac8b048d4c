"""Answer a question: from given passages (citing their ids), or - without context - by a
simulated hallucination.

With passages ("[P1] ...", "[nd30-d8]: ..."), the answer quotes the best-matching sentence of
each passage whose key-word overlap with the question reaches ``MIN_OVERLAP`` and cites the
id in brackets; if none does, it says the passages do not cover the question. With plain
context (a delimited block) it answers from that block, without inventing. With no context a
factual question gets a fluent, confident answer with invented specifics (a number of days,
a percentage, a year) and no citation - flagged ``hallucinated`` so the server sets
``x-mock-hallucinated: true`` and the request log records it. It never invents a document
number: the made-up figures are enough to teach "verify before you trust".
"""

from __future__ import annotations

from aiwork.mock.replies import Reply, pick
from aiwork.mock.replies.shape import shape
from aiwork.mock.textutil import Passage, keywords, overlap, passages, sentences, source_text
from aiwork.prompt_anatomy import PromptAnatomy, fold

MIN_OVERLAP = 0.2

_QUESTION_WORDS = ("bao nhieu", "khi nao", "la gi", "o dau", "the nao", "nhu the nao", "co phai",
                   "bao lau", "ai la", "vi sao", "tai sao", "nhung gi", "gom nhung", "quy dinh")


def is_question(text: str) -> bool:
    folded = fold(text)
    return "?" in text or any(q in folded for q in _QUESTION_WORDS)


def question_of(text: str) -> str:
    """The question part of a prompt (the passages removed)."""
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith("[")]
    q = [ln for ln in lines if "?" in ln]
    return q[-1] if q else " ".join(lines)


def _best_sentence(p: Passage, qk: list[str]) -> tuple[float, str]:
    best = (0.0, p.text)
    for s in sentences(p.text) or [p.text]:
        score = overlap(qk, keywords(s))
        if score > best[0]:
            best = (score, s)
    return best


def from_passages(prompt: str, found: list[Passage], anatomy: PromptAnatomy, seed: str) -> Reply:
    qk = keywords(question_of(prompt))
    ranked = []
    for p in found:
        score, sent = _best_sentence(p, qk)
        score = max(score, overlap(qk, keywords(p.text)))
        if score >= MIN_OVERLAP:
            ranked.append((score, p.pid, sent))
    if not ranked:
        return Reply(
            "Các đoạn trích được cung cấp không đề cập đến nội dung này, nên tôi không thể trả lời "
            "dựa trên tài liệu. Anh/chị nên tra cứu thêm văn bản gốc hoặc hỏi đơn vị chuyên môn.",
            task="answer",
        )
    ranked.sort(key=lambda r: (-r[0], r[1]))
    keep = ranked[: anatomy.item_count or 2]
    points = [f"{sent.rstrip('.')} [{pid}]." for _, pid, sent in keep]
    intro = pick(seed, ("Theo các đoạn trích được cung cấp:", "Căn cứ tài liệu đã cho:"))
    return Reply(shape(points, anatomy, intro=intro, default_layout="prose"), task="answer",
                 citations=[pid for _, pid, _ in keep])


def from_context(prompt: str, context: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    qk = keywords(question_of(prompt.replace(context, "")))
    scored = sorted(((overlap(qk, keywords(s)), -i, s) for i, s in enumerate(sentences(context))),
                    reverse=True)
    good = [s for score, _, s in scored if score >= MIN_OVERLAP][: anatomy.item_count or 2]
    if not good:
        return Reply("Nội dung được cung cấp không nêu thông tin này.", task="answer")
    return Reply(shape(good, anatomy, intro="Theo nội dung được cung cấp:", default_layout="prose"),
                 task="answer")


def hallucinate(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    n = int(seed[:6], 16)
    days = (5, 7, 10, 15, 20, 30)[n % 6]
    pct = 60 + n % 35
    year = 2018 + n % 7
    points = [
        f"Theo quy định hiện hành, thời hạn giải quyết là {days} ngày làm việc kể từ ngày nhận "
        "đủ hồ sơ hợp lệ.",
        f"Quy định này được áp dụng thống nhất từ năm {year} và đến nay khoảng {pct}% trường hợp "
        "được giải quyết đúng hạn.",
        "Trường hợp quá thời hạn, người dân có quyền phản ánh, kiến nghị tới cơ quan có thẩm quyền.",
    ]
    return Reply(shape(points, anatomy, default_layout="prose"), task="answer-no-context",
                 hallucinated=True)


def answer(prompt: str, anatomy: PromptAnatomy, seed: str, extra_context: str = "") -> Reply:
    found = passages(prompt) + passages(extra_context)
    if found:
        return from_passages(prompt, found, anatomy, seed)
    context = source_text(prompt) or extra_context
    if context:
        return from_context(prompt, context, anatomy, seed)
    return hallucinate(prompt, anatomy, seed)
