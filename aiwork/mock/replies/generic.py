"""The generic reply a vague prompt gets: general advice on the topic, no specifics.

Lesson 1 contrasts this with the reply to a complete prompt, so the reply names what it had
to assume, in the voice of an assistant (not a grader): "chưa rõ đối tượng, định dạng...".
"""

from __future__ import annotations

import re

from aiwork.mock.replies import Reply, pick
from aiwork.mock.replies.shape import shape
from aiwork.mock.textutil import keywords
from aiwork.prompt_anatomy import PART_LABELS_VI, PromptAnatomy, fold

_GREETING = re.compile(r"^\W*(xin chao|chao|hello|hi|alo)\b")


def greeting(prompt: str) -> bool:
    return bool(_GREETING.match(fold(prompt))) and len(prompt.split()) <= 6


def generic(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    if greeting(prompt):
        return Reply("Xin chào anh/chị! Tôi là trợ lý AI ngoại tuyến của khóa học. Anh/chị có thể "
                     "nhờ tôi soạn thảo văn bản, tóm tắt, trả lời dựa trên tài liệu, trích xuất "
                     "thông tin hoặc rà soát câu chữ.", task="greeting")
    topic = " ".join(keywords(prompt)[:6]) or "nội dung anh/chị quan tâm"
    # Keep the learner's own words for the topic (with diacritics), not the folded keywords.
    words = [w for w in prompt.replace("\n", " ").split() if len(w) > 1][:10]
    if words:
        topic = " ".join(words).rstrip(".?!:")
    points = [
        pick(seed, ("Xác định rõ mục đích và kết quả cần đạt của công việc.",
                    "Làm rõ mục tiêu, phạm vi và thời hạn hoàn thành.")),
        "Thu thập đầy đủ thông tin, số liệu và văn bản liên quan trước khi thực hiện.",
        "Phân công người phụ trách, thời hạn và cách thức báo cáo kết quả.",
        "Rà soát lại nội dung, bảo đảm đúng quy định và phù hợp với đối tượng tiếp nhận.",
    ]
    missing = ", ".join(PART_LABELS_VI[m] for m in anatomy.missing if m != "task")
    intro = f"Dưới đây là một số gợi ý chung cho yêu cầu \"{topic}\":"
    text = shape(points, anatomy, intro=intro, default_layout="bullets")
    if missing:
        text += (f"\nDo yêu cầu chưa nêu rõ {missing}, nội dung trên chỉ mang tính chung; "
                 "anh/chị bổ sung thông tin để nhận được câu trả lời cụ thể hơn.")
    return Reply(text, task="generic")
