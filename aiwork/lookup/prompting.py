"""Grounded answering: retrieve, prompt with numbered passages, ask, check the citations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aiwork.lookup.corpus import Passage
from aiwork.lookup.grounding import GroundingResult, check_grounding
from aiwork.lookup.retriever import DEFAULT_K, Hit, default_retriever
from aiwork.vi import format_number

# The instructions every grounded prompt carries; graders of module 3 check a learner's
# prompt for the same three ideas (use only the sources, cite ids, say when it is not there).
INSTRUCTIONS = (
    "Chỉ trả lời dựa trên các đoạn tài liệu dưới đây. "
    "Sau mỗi câu có số liệu, ngày tháng, thời hạn, mức phí hoặc điều khoản, ghi mã đoạn tài liệu "
    "trong ngoặc vuông, ví dụ [nd30-d8-k1]. "
    "Nếu tài liệu không có thông tin để trả lời, nói rõ: “Tài liệu được cung cấp không có thông tin này.” "
    "Không tự thêm số liệu, ngày tháng hay điều khoản không có trong tài liệu."
)


def _passage(p: Passage | Hit) -> Passage:
    return p.passage if isinstance(p, Hit) else p


def format_passages(passages: Iterable[Passage | Hit]) -> str:
    """One line per passage, ``[id] text (Nguồn: ...)``, as the assistant will see them.

    The id leads the line because that is what the answer must cite (and what models, the
    offline assistant included, recognise as a citable passage).
    """
    lines = []
    for item in passages:
        p = _passage(item)
        text = " ".join(p.text.split())
        lines.append(f"[{p.id}] {text} (Nguồn: {p.citation}; {p.kind_vi})")
    return "\n".join(lines)


def build_grounded_prompt(question: str, passages: Iterable[Passage | Hit]) -> str:
    return (
        f"{INSTRUCTIONS}\n\n"
        f"### Tài liệu\n{format_passages(passages)}\n\n"
        f"### Câu hỏi\n{question.strip()}"
    )


def hien_thi_doan(passages: Iterable[Passage | Hit]) -> None:
    """Print passages for learners: id, locator, verbatim or paraphrase, text (and score)."""
    for item in passages:
        p = _passage(item)
        score = f" · điểm {format_number(item.score, 2)}" if isinstance(item, Hit) else ""
        print(f"[{p.id}] — {p.citation} ({p.kind_vi}){score}")
        print(f"    {p.text}\n")


@dataclass
class GroundedAnswer:
    question: str
    passages: list[Passage]
    prompt: str
    answer: str
    grounding: GroundingResult

    def report(self) -> str:
        ids = ", ".join(p.id for p in self.passages)
        return f"{self.answer}\n\n— Đoạn đã cung cấp: {ids}\n{self.grounding.report()}"


def answer_with_sources(
    question: str,
    k: int = DEFAULT_K,
    *,
    passages: Sequence[Passage | Hit] | None = None,
    ask: Any = None,
) -> GroundedAnswer:
    """Retrieve (unless ``passages`` given) → prompt → assistant → grounding check.

    ``ask(prompt) -> str`` defaults to ``aiwork.assistant.hoi`` (the configured assistant).
    """
    chosen = [
        _passage(p)
        for p in (passages if passages is not None else default_retriever().search(question, k))
    ]
    prompt = build_grounded_prompt(question, chosen)
    if ask is None:
        from aiwork.assistant import hoi

        ask = hoi
    reply = str(ask(prompt))
    return GroundedAnswer(question, chosen, prompt, reply, check_grounding(reply, chosen))
