"""Ideas: slogans, things to prepare, suggestions - where temperature visibly matters.

At temperature 0 the reply takes the first N items of the bank in order (stable, "the most
likely" answer); above 0 it takes N items in an order drawn from the request digest, so
temperature 0 and 1 give different lists (lesson 1, section on temperature) while the same
request still gives the same reply. N is the prompt's item count, else 3.
"""

from __future__ import annotations

import hashlib
import re

from aiwork.mock.replies import Reply
from aiwork.mock.replies.shape import shape
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import fold_keep_offsets, nfc

SLOGANS = (
    "{T}: mỗi người dân một kỹ năng số!",
    "Học số hôm nay, làm việc dễ mai sau!",
    "Chung tay thực hiện {t}, không ai bị bỏ lại phía sau!",
    "Kỹ năng số cho mọi nhà, dịch vụ công gần dân hơn!",
    "Cán bộ đi trước, người dân cùng làm: {t}!",
    "Gia Lai số, bắt đầu từ mỗi chúng ta!",
    "Mỗi ngày một thao tác số, mỗi tháng thêm một tiện ích!",
    "Số hóa để phục vụ nhân dân tốt hơn!",
)
PREPARATION = (
    "Rà soát hồ sơ, tài liệu liên quan đến {t}.",
    "Chuẩn bị địa điểm, trang thiết bị và thông báo lịch cho người tham dự.",
    "Phân công người chủ trì, người ghi biên bản và bộ phận chuyên môn phối hợp.",
    "Chuẩn bị văn bản, tài liệu trả lời các vấn đề thường gặp.",
    "Dự kiến phương án bảo đảm an ninh, trật tự và xử lý tình huống phát sinh.",
    "Tổng hợp kết quả, báo cáo lãnh đạo sau khi kết thúc.",
)
IDEAS = (
    "Tổ chức buổi hướng dẫn ngắn về {t} tại trụ sở, có cán bộ hỗ trợ trực tiếp.",
    "Đăng thông tin về {t} trên trang thông tin điện tử và nhóm Zalo của tổ dân phố.",
    "Lập tổ công nghệ số cộng đồng để hỗ trợ người dân tại nhà.",
    "Chọn một số hộ gia đình làm điểm, rút kinh nghiệm rồi nhân rộng.",
    "Khen thưởng kịp thời tập thể, cá nhân làm tốt {t}.",
    "Đặt mục tiêu cụ thể theo tháng và theo dõi, báo cáo kết quả định kỳ.",
)

_TRIGGER = re.compile(r"\b(khau hieu|slogan|y tuong|viec can (?:chuan bi|lam)|goi y|de xuat)\b")


def is_ideas(prompt: str) -> bool:
    return bool(_TRIGGER.search(fold_keep_offsets(prompt)))


def _topic(prompt: str) -> str:
    first = nfc(re.split(r"[.?!\n]", prompt.strip())[0])
    folded = fold_keep_offsets(first)
    for marker in ("tuyen truyen ve", "tuyen truyen", "ve", "cho"):
        m = re.search(rf"\b{marker}\s+(.+)$", folded)
        if m:
            return first[m.start(1) : m.end(1)].strip(" ,:") or "nhiệm vụ này"
    return "nhiệm vụ này"


def ideas(prompt: str, anatomy: PromptAnatomy, seed: str, temperature: float | None) -> Reply:
    folded = fold_keep_offsets(prompt)
    bank = (
        SLOGANS
        if re.search(r"khau hieu|slogan", folded)
        else PREPARATION
        if "chuan bi" in folded
        else IDEAS
    )
    n = anatomy.item_count or 3
    order = list(bank)
    if temperature:  # above 0: a different, still deterministic, choice
        order.sort(key=lambda item: hashlib.sha256((seed + item).encode()).hexdigest())
    t = _topic(prompt)
    items = [x.format(t=t, T=t[:1].upper() + t[1:]) for x in order[:n]]
    layout_default = "bullets"
    return Reply(shape(items, anatomy, default_layout=layout_default), task="ideas")
