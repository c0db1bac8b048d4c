"""Lay out a reply's points the way the prompt asked (prompt_anatomy's parsed constraints).

Rules (documented for lessons): an item count keeps exactly that many points when there are
enough; "bullets" puts each point on a "- " line, "prose" joins them into one paragraph;
without a layout request, 3+ points become bullets; a word limit cuts the whole reply to
that many words: the intro goes first, then each point is shortened at a clause boundary to
an equal share (bullets keep their count), then whole points go, and only then text is cut.
"""

from __future__ import annotations

from aiwork.mock.textutil import OPENERS, truncate_words, word_count
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import fold_keep_offsets


def shape(
    points: list[str], anatomy: PromptAnatomy, intro: str = "", default_layout: str | None = None
) -> str:
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
        # The intro goes first; then every point is shortened at a clause boundary to an equal
        # share of the limit (the asked number of points is kept); then whole points go.
        lines = body_lines
        if (
            word_count("\n".join(lines)) > anatomy.max_words
            and layout == "bullets"
            and len(items) > 1
        ):
            share = anatomy.max_words // len(items) - 1  # "-" counts as a word
            lines = [f"- {_shorten(p, share)}" for p in items]
        while len(lines) > 1 and word_count("\n".join(lines)) > anatomy.max_words:
            lines = lines[:-1]
        text = "\n".join(lines)
        if word_count(text) > anatomy.max_words:
            text = truncate_words(text, anatomy.max_words)
    return text


def _shorten(point: str, budget: int) -> str:
    """``point`` in at most ``budget`` words, cut at a clause end (after a comma or before a
    preposition) in the second half of the budget, so the kept part still reads as a clause."""
    words = point.split()
    if len(words) <= budget or budget < 4:
        return point
    # Clause ends: after a comma, or before a preposition that opens a modifier.
    ends = [i + 1 for i in range(budget) if words[i].endswith(",")]
    ends += [i for i in range(1, budget + 1) if fold_keep_offsets(words[i]) in OPENERS]
    ends = [e for e in ends if e >= budget // 2]
    cut = words[: max(ends)] if ends else words[:budget]
    return " ".join(cut).rstrip(",;:") + "."
