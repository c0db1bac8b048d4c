"""Classify a text into one of the given labels, zero-shot or few-shot.

Labels: the list after "nhãn / nhóm / loại / lĩnh vực / danh mục ...:" (up to the end of
the sentence, or "- " lines) in the prompt or system prompt; else the labels of the few-shot
examples; else a default set of administrative fields. Each label scores the words its
lexicon shares with the text (the label's own words plus, for common fields, a short list of
typical words) plus twice the word overlap with each example carrying that label (a tiny
nearest-neighbour, so good examples visibly help). No match -> "Khác" if offered.
With ``label_only`` (prompt_anatomy: "chỉ trả lời nhãn", "không giải thích"...) or with
few-shot examples answered by bare labels, the reply is the label alone; otherwise it is
"Phân loại: X. Lý do: ..." naming the matching words as the text writes them.
"""

from __future__ import annotations

import re

from aiwork.mock.replies import Reply
from aiwork.mock.textutil import keywords, overlap, source_text
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import fold_keep_offsets

# Typical words (folded) of common administrative fields, keyed by the folded label.
LEXICON: dict[str, str] = {
    "dat dai": "dat dai thua so do quyen su dung ranh gioi tranh chap lan chiem",
    "xay dung": "xay dung giay phep cong trinh nha sua chua trai phep",
    "ho tich": "ho tich khai sinh ket hon khai tu cu tru giay to than nhan",
    "y te": "y te benh vien kham chua benh bao hiem dich benh tram",
    "giao duc": "giao duc truong hoc hoc sinh giao vien hoc phi",
    "moi truong": "moi truong rac thai o nhiem nuoc thai tieng on mui hoi khoi bui",
    "giao thong": "giao thong duong xa cau cong den duong o ga sut lun xe tai nan via he",
    "an ninh trat tu": "an ninh trat tu trom cap gay roi mat",
    "chinh sach xa hoi": "chinh sach tro cap ngheo nguoi co cong bao tro",
}
DEFAULT_LABELS = (
    "Đất đai",
    "Xây dựng",
    "Hộ tịch",
    "Y tế",
    "Giáo dục",
    "Môi trường",
    "Giao thông",
    "An ninh trật tự",
    "Chính sách xã hội",
    "Khác",
)

_LIST = re.compile(
    r"(?:nhãn|nhóm|loại|lĩnh vực|danh mục)[^:\n]*:\s*([^\n]+?)(?:\.(?:\s|$)|\n|$)", re.I
)
# "... vào một trong các lĩnh vực gồm Đất đai, Môi trường, ... và Khác." (no colon)
_LIST_WORDS = re.compile(
    r"(?:nhãn|nhóm|loại|lĩnh vực|danh mục)\s+(?:sau\s+)?(?:gồm(?: có)?|bao gồm|là)\s+"
    r"([^\n]+?)(?:\.(?:\s|$)|\n|$)",
    re.I,
)
_BULLETS = re.compile(
    r"(?:nhãn|nhóm|loại|lĩnh vực|danh mục)[^:\n]*:\s*\n((?:\s*[-•*]\s*[^\n]+\n?)+)", re.I
)


def labels_from(text: str) -> list[str]:
    m = _BULLETS.search(text)
    raw = [ln.strip(" -•*\t") for ln in m.group(1).splitlines()] if m else []
    if len(raw) < 2:
        m = _LIST.search(text) or _LIST_WORDS.search(text)
        found = m.group(1) if m else ""
        # "A, B, C và D": the last "và" separates too (not in a lone "Văn hóa và Thể thao")
        raw = re.split(r",|;|/|\bhoặc\b|\bhay\b" + (r"|\bvà\b" if "," in found else ""), found)
        raw = raw if found else []
    labels = [c.strip(" .\"'“”«»") for c in raw]
    labels = [c for c in labels if c and len(c.split()) <= 5]
    return labels if len(labels) >= 2 else []


def _lexicon(label: str) -> set[str]:
    return set(keywords(label)) | set(LEXICON.get(fold_keep_offsets(label).strip(), "").split())


def choose_label(
    text: str, labels: list[str], examples: list[tuple[str, str]]
) -> tuple[str, list[str]]:
    tk = keywords(text)
    scored = []
    for i, label in enumerate(labels):
        lex = _lexicon(label)
        score = float(len(lex & set(tk)))
        for ex_text, ex_label in examples:
            if fold_keep_offsets(ex_label).strip(" .") == fold_keep_offsets(label):
                score += 2 * overlap(keywords(ex_text), tk)
        scored.append((score, -i, label, sorted(lex & set(tk))))
    best = max(scored)
    if best[0] == 0:
        other = next((lb for lb in labels if fold_keep_offsets(lb).startswith("khac")), None)
        if other:
            return other, []
    return best[2], best[3]


def classify(
    prompt: str,
    anatomy: PromptAnatomy,
    seed: str,
    system: str = "",
    examples: list[tuple[str, str]] | None = None,
) -> Reply:
    examples = examples or []
    source = source_text(prompt) or prompt
    labels = (
        labels_from(prompt)
        or labels_from(system)
        or list(dict.fromkeys(lb.strip(" .") for _, lb in examples))
        or list(DEFAULT_LABELS)
    )
    label, hits = choose_label(source, labels, examples)
    if anatomy.label_only or examples:
        return Reply(label, task="classify")
    if not hits:
        return Reply(
            f"Phân loại: {label}. Lý do: nội dung không có dấu hiệu rõ của nhóm nào khác.",
            task="classify",
        )
    originals = {fold_keep_offsets(w): w for w in re.findall(r"\w+", source)}
    named = [originals.get(w, w) for w in hits][:4]
    return Reply(
        f"Phân loại: {label}. Lý do: nội dung đề cập đến {', '.join(named)}.", task="classify"
    )
