"""Extractive summary: the source's highest-scoring sentences, in their original order.

A sentence scores the sum of its key words' frequencies in the whole source (a classic
term-frequency summary), divided by a damped length so long sentences do not always win.
The number of points follows the prompt ("3 ý"), else 3; layout and word limit follow
:mod:`aiwork.mock.replies.shape`.
"""

from __future__ import annotations

import math
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


def summarise(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    source = source_text(prompt)
    if not source:
        return Reply(
            'Anh/chị vui lòng dán nội dung văn bản cần tóm tắt (đặt giữa cặp dấu """ """) '
            "để tôi tóm tắt chính xác; tôi không tóm tắt khi chưa có văn bản gốc.",
            task="summarise",
        )
    # Letters and petitions: the letterhead, greeting and self-introduction are not content.
    content = " ".join(content_sentences(source))
    points = top_sentences(content or source, anatomy.item_count or DEFAULT_POINTS)
    intro = pick(seed, ("Tóm tắt nội dung chính:", "Các ý chính của văn bản:", "Nội dung chủ yếu:"))
    if anatomy.layout == "prose":
        intro = ""
    return Reply(shape(points, anatomy, intro=intro), task="summarise")
