"""Lay out a reply's points the way the prompt asked (prompt_anatomy's parsed constraints).

Rules (documented for lessons): an item count keeps exactly that many points when there are
enough; "bullets" puts each point on a "- " line, "prose" joins them into one paragraph;
without a layout request, 3+ points become bullets; a word limit cuts the whole reply
(intro included) to that many words, dropping whole points before cutting inside one.
"""

from __future__ import annotations

from aiwork.mock.textutil import truncate_words, word_count
from aiwork.prompt_anatomy import PromptAnatomy


def shape(points: list[str], anatomy: PromptAnatomy, intro: str = "",
          default_layout: str | None = None) -> str:
    items = [p.strip() for p in points if p.strip()]
    if anatomy.item_count:
        items = items[: anatomy.item_count]
    layout = anatomy.layout or default_layout or ("bullets" if len(items) >= 3 else "prose")
    if layout == "bullets":
        body_lines = [f"- {p}" for p in items]
    else:
        body_lines = [" ".join(items)]
    lines = ([intro] if intro else []) + body_lines
    text = "\n".join(lines)
    if anatomy.max_words and word_count(text) > anatomy.max_words:
        # Drop whole points from the end first; cut inside a point only as a last resort.
        while len(body_lines) > 1 and word_count("\n".join(([intro] if intro else []) + body_lines)) > anatomy.max_words:
            body_lines.pop()
        text = "\n".join(([intro] if intro else []) + body_lines)
        if word_count(text) > anatomy.max_words:
            text = truncate_words(text, anatomy.max_words)
    return text
