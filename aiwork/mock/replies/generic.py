"""The generic reply a vague prompt gets: general advice on the topic, no specifics.

Lesson 1 contrasts this with the reply to a complete prompt, so the reply names what it had
to assume, in the voice of an assistant (not a grader): "chưa rõ đối tượng, định dạng...".
"""

from __future__ import annotations

import re

from aiwork.mock.replies import Reply, pick
from aiwork.mock.replies.shape import shape
from aiwork.prompt_anatomy import PART_LABELS_VI, PromptAnatomy
from aiwork.vi import fold_keep_offsets

_AI_TOPIC = re.compile(r"\b(ai|tri tue nhan tao|chatbot|tro ly ao|chatgpt|mo hinh ngon ngu)\b")
# Advice on using AI at work: a paraphrase of Công văn 557/BKHCN-CĐSQG (31/3/2025), as
# summarised in the course's domain notes; the reply says it is a paraphrase.
AI_ADVICE = (
    "Tuân thủ pháp luật và quy định về an toàn, an ninh mạng khi sử dụng trợ lý AI.",
    "Người sử dụng chịu trách nhiệm về kết quả; AI chỉ là công cụ hỗ trợ.",
    "Không đưa bí mật nhà nước, tài liệu nội bộ hoặc dữ liệu cá nhân vào công cụ AI công cộng.",
    "Tách tài khoản AI khỏi tài khoản công việc, không dùng lại mật khẩu.",
    "Luôn kiểm tra, đối chiếu kết quả AI với văn bản gốc trước khi sử dụng.",
)
AI_SOURCE_NOTE = "(Diễn giải theo Công văn 557/BKHCN-CĐSQG ngày 31/3/2025.)"

_GREETING = re.compile(r"^\W*(xin chao|chao|hello|hi|alo)\b")


def greeting(prompt: str) -> bool:
    return bool(_GREETING.match(fold_keep_offsets(prompt))) and len(prompt.split()) <= 6


_LEADING = re.compile(
    r"^(?:xin chào,?\s*|chào bạn,?\s*|bạn ơi,?\s*)?(?:hãy\s+|vui lòng\s+|giúp tôi\s+|cho tôi\s+|"
    r"làm ơn\s+)?(?:viết|soạn|làm|lập|nêu|liệt kê|cho biết|hướng dẫn|giải thích|tìm hiểu|"
    r"trình bày|hỏi)?\s*(?:về\s+|giúp\s+|cho tôi\s+|một\s+|cái\s+)*",
    re.I,
)


def _topic(prompt: str) -> str:
    """The subject of a vague request, at most eight words: "Viết cái thông báo về họp"
    -> "thông báo về họp"."""
    first = re.split(r"(?<=[.!?])\s|\n", prompt.strip())[0]
    rest = _LEADING.sub("", first).strip(" .?!:")
    words = rest.split()[:8]
    while words and fold_keep_offsets(words[-1]) in ("cho", "ve", "cua", "va", "de", "tai", "voi"):
        words.pop()
    topic = " ".join(words)
    return topic[:1].lower() + topic[1:] if topic[1:2].islower() else topic or "nội dung này"


def generic(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    if greeting(prompt):
        return Reply(
            "Xin chào anh/chị! Tôi là trợ lý AI ngoại tuyến của khóa học. Anh/chị có thể "
            "nhờ tôi soạn thảo văn bản, tóm tắt, trả lời dựa trên tài liệu, trích xuất "
            "thông tin hoặc rà soát câu chữ.",
            task="greeting",
        )
    topic = _topic(prompt)
    if _AI_TOPIC.search(fold_keep_offsets(prompt)):
        points = list(AI_ADVICE)
    else:
        points = [
            pick(
                seed,
                (
                    "Xác định rõ mục đích và kết quả cần đạt của công việc.",
                    "Làm rõ mục tiêu, phạm vi và thời hạn hoàn thành.",
                ),
            ),
            "Thu thập đầy đủ thông tin, số liệu và văn bản liên quan trước khi thực hiện.",
            "Phân công người phụ trách, thời hạn và cách thức báo cáo kết quả.",
            "Rà soát lại nội dung, bảo đảm đúng quy định và phù hợp với đối tượng tiếp nhận.",
            "Lưu trữ hồ sơ, tài liệu theo quy định để thuận tiện tra cứu, đối chiếu.",
            "Tổng hợp kết quả, rút kinh nghiệm cho lần thực hiện sau.",
        ]
        if anatomy.item_count is None:
            points = points[:4]
    missing = ", ".join(PART_LABELS_VI[m] for m in anatomy.missing if m != "task")
    # The topic in a few words of the asker's own, never the prompt quoted back.
    intro = f"Dưới đây là một số gợi ý chung về {topic}:"
    text = shape(points, anatomy, intro=intro, default_layout="bullets")
    if points[0] == AI_ADVICE[0]:
        text += "\n" + AI_SOURCE_NOTE
    if missing:
        text += (
            f"\nDo yêu cầu chưa nêu rõ {missing}, nội dung trên chỉ mang tính chung; "
            "anh/chị bổ sung thông tin để nhận được câu trả lời cụ thể hơn."
        )
    return Reply(text, task="generic")
