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
from aiwork.mock.textutil import (
    content_sentences,
    fit_clauses,
    keywords,
    sentences,
    source_text,
    strip_material,
    truncate_words,
    word_count,
)
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import find_dates, fold_keep_offsets

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


_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}
_SENTENCE_LIMIT = re.compile(r"\b(\d+|mot|hai|ba|bon|nam)\s+cau\b")
_WORD_TARGET = re.compile(
    r"\b(?:con|khoang|chung|tam|duoi|toi da|khong qua|trong vong|it hon)\s*(?:khoang\s*)?"
    r"(\d+)\s*(?:tu|chu)\b"
)
# Wordy phrases officials cut first when shortening (pattern, replacement).
_FILLERS = (
    # The legal basis in front ("Thực hiện Kế hoạch số 12/KH-UBND ..., ") goes first.
    (r"^(?:Thực hiện|Căn cứ|Theo|Triển khai)\s[^,]{10,}?,\s*", ""),
    (r"\btrân trọng\s+", ""),
    (r"\s*(?:đến|tới) toàn thể bà con nhân dân(?: trên địa bàn(?: \w+){1,3})?", ""),
    (r"\btoàn thể\s+", ""),
    (r"\bbà con nhân dân\b", "người dân"),
    (r"\bvui lòng\s+", ""),
    (r"\bsẽ được tổ chức\b", "diễn ra"),
    (r"\bđược tổ chức\b", "diễn ra"),
    (r"\bvào lúc\b", "lúc"),
    (r"\bsáng ngày\b", "ngày"),
    (r"\s*để được hỗ trợ trực tiếp", ""),
    (r"\bmột cách\s+", ""),
    (r"\btổng cộng\s+", ""),
    (r"\bcác loại\b", ""),
    (r"\bqua hình thức\s+", ""),
    (r"\bTrong những năm qua,\s*", ""),
    (r"\bđã đạt được\b", "đạt"),
    (r"\bnhằm nâng cao chất lượng phục vụ người dân và doanh nghiệp,\s*", ""),
    (r"\bkính đề nghị\b", "đề nghị"),
    (r"\bquan tâm phối hợp, tạo điều kiện\b", "tạo điều kiện"),
    (r"\s+", " "),
)


_PER_ITEM = re.compile(
    r"\bmoi (?:y|cau|dong|diem|gach dau dong) (?:khong qua|toi da|duoi|khong vuot qua) (\d+) "
    r"(?:tu|chu)\b"
)


def sentence_limit(prompt: str) -> int | None:
    m = _SENTENCE_LIMIT.search(fold_keep_offsets(strip_material(prompt)))
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]


def word_target(prompt: str, anatomy: PromptAnatomy) -> int | None:
    """The word count to keep within: "còn 20 từ", "khoảng 30 từ" (read as at most 30),
    else the prompt's limit."""
    m = _WORD_TARGET.search(fold_keep_offsets(strip_material(prompt)))
    if m:
        return int(m.group(1))
    return anatomy.max_words


def compress(sentence: str) -> str:
    for pattern, repl in _FILLERS:
        sentence = re.sub(pattern, repl, sentence, flags=re.I)
    sentence = sentence.strip()
    return sentence[:1].upper() + sentence[1:]


def _units(text: str, wanted: int) -> list[str]:
    """Sentences; when fewer than ``wanted``, list items ("gồm: a; b; c") become units."""
    sents = sentences(text)
    if len(sents) >= wanted:
        return sents
    out = []
    for sent in sents:
        head, _, tail = sent.partition(":")
        items = [x.strip(" .") for x in tail.split(";")] if ";" in tail else []
        if len(items) >= 2:
            out.append(head.strip() + ".")
            out += [x[:1].upper() + x[1:] + "." for x in items if x]
        else:
            out.append(sent)
    return out


def _importance(sent: str, freq: Counter) -> float:
    kw = keywords(sent)
    score = sum(freq[w] for w in kw) / math.sqrt(len(kw) + 1)
    facts = len(re.findall(r"\d", sent)) and 1 + len(re.findall(r"\d+(?:[.,/]\d+)*", sent))
    return score + 2.0 * facts


def condense(text: str, count: int | None, words: int | None, squeeze: bool = False) -> list[str]:
    """The most important sentences of ``text`` in their order: ``count`` of them, within
    ``words`` in all; fact-bearing sentences (dates, figures) rank first. With ``squeeze``
    wordy phrases are cut. A single sentence over the limit is cut at a clause boundary."""
    units = [compress(u) if squeeze else u for u in _units(text, count or 0)]
    if not units:
        return []
    freq = Counter(keywords(text))
    ranked = sorted(range(len(units)), key=lambda i: (-_importance(units[i], freq), i))
    chosen: dict[int, str] = {}
    used = 0
    for i in ranked:
        if count and len(chosen) >= count:
            break
        unit = units[i]
        if words and used + word_count(unit) > words:
            # Too long whole: its main clause and its facts may still fit.
            unit = fit_clauses(unit, words - used) if words - used >= 5 else ""
            if (not unit or not find_dates(unit)) and find_dates(units[i]) and chosen:
                # A date (a deadline) matters more than the length of what came before:
                # shorten the longest sentence kept to its main clause and facts.
                compact = fit_clauses(units[i], 15)
                longest = max(chosen, key=lambda k: word_count(chosen[k]))
                room = words - (used - word_count(chosen[longest])) - word_count(compact)
                shrunk = fit_clauses(chosen[longest], room) if room >= 5 else ""
                if compact and find_dates(compact) and shrunk:
                    used += word_count(shrunk) - word_count(chosen[longest])
                    chosen[longest] = shrunk
                    unit = compact
            if not unit:
                continue
        chosen[i] = unit
        used += word_count(unit)
    if not chosen:
        return [truncate_words(units[ranked[0]], words or 30)]
    return [chosen[i] for i in sorted(chosen)]


def shorten(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    """Shorten the given text: to the asked number of words or sentences (else about half),
    keeping the sentences that carry facts, cutting wordy phrases, never mid-phrase."""
    source = source_text(prompt)
    if not source:
        return Reply(
            'Anh/chị vui lòng dán đoạn văn bản cần rút gọn (đặt giữa cặp dấu """ """).',
            task="shorten",
        )
    limit = sentence_limit(prompt)
    words = word_target(prompt, anatomy)
    bullets = anatomy.item_count if anatomy.layout == "bullets" and not limit else None
    if not words and not limit and not bullets:
        words = max(12, word_count(source) // 2)
    points = condense(source, limit or bullets, words, squeeze=True)
    if bullets:
        return Reply("\n".join(f"- {p}" for p in points), task="shorten")
    return Reply(" ".join(points), task="shorten")


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
    content = " ".join(content_sentences(source)) or source
    limit = sentence_limit(prompt)
    words = word_target(prompt, anatomy)
    if limit:
        # "trong 2 câu", "một câu": that many sentences, as prose, nothing else.
        return Reply(" ".join(condense(content, limit, words)), task="summarise")
    count = anatomy.item_count or DEFAULT_POINTS
    points = condense(content, count, None)
    per_item = _PER_ITEM.search(fold_keep_offsets(strip_material(prompt)))
    if per_item:
        # "mỗi ý không quá 20 từ": each point within the limit, by whole clauses.
        limit = int(per_item.group(1))
        points = [fit_clauses(p, limit) or truncate_words(p, limit) for p in points]
        return Reply("\n".join(f"- {p}" for p in points), task="summarise")
    intro = pick(seed, ("Tóm tắt nội dung chính:", "Các ý chính của văn bản:", "Nội dung chủ yếu:"))
    if anatomy.layout == "prose" or words:
        intro = ""
    if words and word_count("\n".join(points)) > words and not anatomy.item_count:
        points = condense(content, None, words)
    return Reply(shape(points, anatomy, intro=intro), task="summarise")
