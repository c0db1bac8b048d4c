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
from aiwork.vi import fold_keep_diacritics, fold_keep_offsets

# Typical phrases of common labels (lower case, with diacritics: folding would make "xã"
# an "xá" of "đường xá" and "công" a "cống"), keyed by the folded label.
LEXICON: dict[str, tuple[str, ...]] = {
    "dat dai": (
        "đất",
        "thửa",
        "sổ đỏ",
        "quyền sử dụng",
        "ranh giới",
        "lấn chiếm",
        "địa chính",
        "giấy chứng nhận quyền",
        "tranh chấp",
    ),
    "xay dung": (
        "xây dựng",
        "giấy phép xây dựng",
        "công trình",
        "xây nhà",
        "sửa chữa nhà",
        "nhà ở riêng lẻ",
        "xây dựng trái phép",
        "cấp phép xây",
    ),
    "ho tich": (
        "hộ tịch",
        "khai sinh",
        "kết hôn",
        "khai tử",
        "cư trú",
        "thường trú",
        "tạm trú",
        "trích lục",
        "nhận cha",
        "con nuôi",
        "giám hộ",
        "hôn nhân",
    ),
    "y te": (
        "y tế",
        "bệnh viện",
        "trạm y tế",
        "khám",
        "chữa bệnh",
        "thuốc",
        "bảo hiểm y tế",
        "dịch bệnh",
        "bác sĩ",
        "huyết áp",
        "sốt",
        "ho kéo dài",
    ),
    "giao duc": (
        "giáo dục",
        "trường",
        "học sinh",
        "giáo viên",
        "học phí",
        "lớp học",
        "phòng học",
        "mẫu giáo",
        "nhập học",
        "các cháu",
    ),
    "moi truong": (
        "môi trường",
        "rác",
        "ô nhiễm",
        "nước thải",
        "mùi hôi",
        "hôi thối",
        "khói",
        "bụi",
        "tiếng ồn",
        "xả thải",
        "xả nước",
        "cống",
        "chăn nuôi",
        "vệ sinh môi trường",
    ),
    "giao thong": (
        "giao thông",
        "đường",
        "cầu",
        "ổ gà",
        "sụt lún",
        "xe",
        "tai nạn",
        "vỉa hè",
        "đèn tín hiệu",
        "ngã tư",
        "ùn tắc",
        "quốc lộ",
        "trơn trượt",
        "vạch kẻ",
        "sạt lở",
    ),
    "an ninh trat tu": ("an ninh", "trật tự", "trộm", "gây rối", "đánh nhau", "cờ bạc"),
    "chinh sach xa hoi": (
        "chính sách",
        "trợ cấp",
        "hộ nghèo",
        "người có công",
        "bảo trợ",
        "khuyết tật",
    ),
    "tu phap": ("tư pháp", "chứng thực", "hòa giải", "lý lịch tư pháp", "công chứng"),
    "tich cuc": (
        "hài lòng",
        "tận tình",
        "nhanh chóng",
        "chu đáo",
        "cảm ơn",
        "thuận tiện",
        "nhiệt tình",
        "khen",
        "tốt",
        "dễ dàng",
        "vui vẻ",
    ),
    "tieu cuc": (
        "chậm",
        "khó chịu",
        "phiền hà",
        "bức xúc",
        "không hài lòng",
        "kém",
        "nhũng nhiễu",
        "thái độ",
        "trễ",
        "gây khó khăn",
        "chờ hơn",
        "chưa được",
        "quá lâu",
    ),
    "trung lap": ("muốn biết", "cho hỏi", "xin hỏi", "thắc mắc"),
    "khan": (
        "đổ",
        "đứt",
        "vỡ",
        "cháy",
        "ngập",
        "chập",
        "nguy hiểm",
        "tai nạn",
        "cấp cứu",
        "sập",
        "khẩn",
        "ngay lập tức",
    ),
    "binh thuong": ("đề nghị", "sơn lại", "góp ý", "bổ sung", "khi có thời gian"),
}
# A phrase right after one of these does not count ("không hài lòng" is not "hài lòng").
_NEGATION = re.compile(r"(?:không|chưa|chẳng)\s+$")
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
    r"(?:nhãn|nhóm|loại|lĩnh vực|danh mục)[^:\n]*:\s*([^\n?]+?)(?:[.?](?:\s|$)|\n|$)", re.I
)
# "... vào một trong các lĩnh vực gồm Đất đai, Môi trường, ... và Khác." (no colon)
_LIST_WORDS = re.compile(
    r"(?:nhãn|nhóm|loại|lĩnh vực|danh mục)\s+(?:sau\s+)?(?:gồm(?: có)?|bao gồm|là)\s+"
    r"([^\n]+?)(?:\.(?:\s|$)|\n|$)",
    re.I,
)
# "là Tích cực, Tiêu cực hay Trung lập", "(Đất đai, Môi trường, Khác)"
_OR_LIST = re.compile(r"\b(?:là|thuộc)\s+((?:[^,.?:\n]+,\s*)+[^,.?:\n]+?\s+hay\s+[^.?\n]+?)[.?]")
_PAREN_LIST = re.compile(r"\(((?:[^,()\n]+,\s*){1,}[^,()\n]+)\)")
_BULLETS = re.compile(
    r"(?:nhãn|nhóm|loại|lĩnh vực|danh mục)[^:\n]*:\s*\n((?:\s*[-•*]\s*[^\n]+\n?)+)", re.I
)


def labels_from(text: str) -> list[str]:
    m = _BULLETS.search(text)
    raw = [ln.strip(" -•*\t") for ln in m.group(1).splitlines()] if m else []
    for pattern in (_LIST, _LIST_WORDS, _OR_LIST, _PAREN_LIST):
        if len(raw) >= 2:
            break
        m = pattern.search(text)
        found = m.group(1) if m else ""
        # "A, B, C và D": the last "và" separates too (not in a lone "Văn hóa và Thể thao")
        raw = re.split(r",|;|/|\bhoặc\b|\bhay\b" + (r"|\bvà\b" if "," in found else ""), found)
        raw = raw if found else []
    labels = [c.strip(" .\"'“”«»") for c in raw]
    labels = [c for c in labels if c and len(c.split()) <= 5]
    return labels if len(labels) >= 2 else []


def _hits(text: str, phrases: list[str]) -> list[str]:
    """The phrases found in ``text`` (lower case, diacritics kept), not negated."""
    found = []
    for phrase in phrases:
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            if not _NEGATION.search(text[: m.start()][-12:]):
                found.append(phrase)
                break
    return found


def _phrases(label: str) -> list[str]:
    own = fold_keep_diacritics(label)
    return [own, *LEXICON.get(fold_keep_offsets(label).strip(), ())]


def choose_label(
    text: str, labels: list[str], examples: list[tuple[str, str]]
) -> tuple[str, list[str]]:
    low = fold_keep_diacritics(text)
    tk = keywords(text)
    scored = []
    for i, label in enumerate(labels):
        hits = _hits(low, _phrases(label))
        score = float(len(hits))
        for ex_text, ex_label in examples:
            if fold_keep_offsets(ex_label).strip(" .") == fold_keep_offsets(label):
                score += 2 * overlap(keywords(ex_text), tk)
        scored.append((score, -i, label, hits))
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
    named = [f"“{h}”" for h in hits[:4]]
    return Reply(
        f"Phân loại: {label}. Lý do: nội dung đề cập đến {', '.join(named)}.", task="classify"
    )
