"""Extractive summary: the source's highest-scoring sentences, in their original order.

A sentence scores the sum of its key words' frequencies in the whole source (a classic
term-frequency summary), divided by a damped length so long sentences do not always win.
The number of points follows the prompt ("3 ý"), else 3; layout and word limit follow
:mod:`aiwork.mock.replies.shape`.

A source that is a list of figures ("- Tổng số hồ sơ tiếp nhận: 198.722", one per line) is
not summarised by picking lines: like a real model asked for a paragraph, the reply states
every figure with its name ("tổng số hồ sơ tiếp nhận là 198.722; tỷ lệ ... đạt 62,4%"), in
the source's order, with the values as given (a wrong figure in the prompt stays wrong).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from aiwork.mock.replies import Reply, pick
from aiwork.mock.replies.shape import shape
from aiwork.mock.textutil import content_sentences, keywords, sentences, source_text
from aiwork.prompt_anatomy import PromptAnatomy

DEFAULT_POINTS = 3


def top_sentences(text: str, k: int) -> list[str]:
    sents = sentences(text)
    freq = Counter(keywords(text))
    scored = []
    for i, s in enumerate(sents):
        kw = keywords(s)
        score = sum(freq[w] for w in kw) / math.sqrt(len(kw) + 1)
        scored.append((score, -i, i))
    chosen = sorted(i for _, _, i in sorted(scored, reverse=True)[:k])
    return [sents[i] for i in chosen]


_FIGURE_LINE = re.compile(
    r"^\s*(?:[-*•+]\s*)?(?P<label>[^:\n]{3,90}?)\s*:\s*(?P<value>[^\n]*\d[^\n]*?)\s*[.;]?\s*$"
)


def figure_lines(source: str) -> list[tuple[str, str]]:
    """(name, value) of a source made of "name: figure" lines (at least three, most lines)."""
    lines = [x for x in source.splitlines() if x.strip()]
    found = [m for x in lines if (m := _FIGURE_LINE.match(x))]
    if len(found) < 3 or len(found) < 0.6 * len(lines):
        return []
    return [(m["label"].strip(), m["value"].strip()) for m in found]


def figures_paragraph(pairs: list[tuple[str, str]]) -> str:
    """One sentence that states every figure with its name, in the given order."""
    clauses = []
    for label, value in pairs:
        name = label[:1].lower() + label[1:] if label[1:2].islower() else label
        verb = "là" if re.match(r"(?i)(?:tổng )?số\b", label) else "đạt"
        clauses.append(f"{name} {verb} {value}")
    text = "; ".join(clauses)
    return text[:1].upper() + text[1:] + "."


def summarise(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    source = source_text(prompt)
    if not source:
        return Reply(
            'Anh/chị vui lòng dán nội dung văn bản cần tóm tắt (đặt giữa cặp dấu """ """) '
            "để tôi tóm tắt chính xác; tôi không tóm tắt khi chưa có văn bản gốc.",
            task="summarise",
        )
    pairs = figure_lines(source)
    if pairs:
        if anatomy.layout == "bullets":
            return Reply(shape([f"{a}: {b}" for a, b in pairs], anatomy), task="summarise")
        return Reply(
            shape([figures_paragraph(pairs)], anatomy, default_layout="prose"), task="summarise"
        )
    # Letters and petitions: the letterhead, greeting and self-introduction are not content.
    content = " ".join(content_sentences(source))
    points = top_sentences(content or source, anatomy.item_count or DEFAULT_POINTS)
    intro = pick(seed, ("Tóm tắt nội dung chính:", "Các ý chính của văn bản:", "Nội dung chủ yếu:"))
    if anatomy.layout == "prose":
        intro = ""
    return Reply(shape(points, anatomy, intro=intro), task="summarise")
