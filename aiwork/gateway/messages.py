"""Learner-facing gateway messages (Vietnamese, administrative register): one home for each."""

from __future__ import annotations

from aiwork.vi import format_number

MISSING_TOKEN = (
    "Yêu cầu chưa có mã truy cập. Anh/chị hãy gọi trợ lý từ sổ tay trên hệ thống học tập "
    "(aiwork.assistant.get_client()) để mã truy cập được gắn tự động."
)
INVALID_TOKEN = (
    "Mã truy cập không hợp lệ hoặc đã hết hạn. Anh/chị hãy đăng nhập lại hệ thống học tập "
    "rồi khởi động lại sổ tay."
)
FORBIDDEN = (
    "Tài khoản của anh/chị chưa được cấp quyền dùng trợ lý. Anh/chị vui lòng liên hệ giảng viên "
    "hoặc quản trị hệ thống."
)
QUOTA_EXCEEDED = (
    "Anh/chị đã dùng hết hạn mức {limit} token của ngày hôm nay (đã dùng {used} token). "
    "Hạn mức được cấp lại lúc 0 giờ (giờ Việt Nam). Trong lúc chờ, anh/chị có thể xem lại bài "
    "học hoặc làm các bài tập không cần trợ lý."
)
UPSTREAM_UNAVAILABLE = (
    "Trợ lý tạm thời không phản hồi. Anh/chị vui lòng thử lại sau ít phút; nếu vẫn lỗi, "
    "hãy báo cho quản trị hệ thống."
)
NOT_FOUND = "Đường dẫn {path} không được trợ lý hỗ trợ."
BAD_JSON = "Nội dung yêu cầu không phải JSON hợp lệ."


def format_quota(limit: int, used: int) -> str:
    return QUOTA_EXCEEDED.format(limit=format_number(limit), used=format_number(used))
