"""Assistant drafts with wrong numbers, for the lesson and the assignment of module 4.

Both are illustrations written for the course (tình huống giả định), shaped like what an
assistant returns when it is asked for a narrative: fluent, mostly right, with a few numbers
mis-copied, confused (% for percentage points), invented, or outside the data's period. The
figure checker finds the wrong ones (tests pin exactly which); graders read the drafts from here.
"""

from __future__ import annotations

# Lesson (services table only). Wrong on purpose: a mis-copied rate, a rounding that is not
# one ("hơn 250 nghìn"), a month the data does not cover.
DU_THAO_BAI_HOC = (
    "Trong 10 tháng đầu năm 2026, 12 xã, phường trên địa bàn tỉnh đã tiếp nhận hơn 250 nghìn "
    "hồ sơ thủ tục hành chính, trong đó 124.070 hồ sơ được nộp trực tuyến, đạt tỷ lệ 62,8%. "
    "Tỷ lệ giải quyết hồ sơ đúng hạn đạt 97,4%. Dự kiến đến tháng 12/2026, tỷ lệ hồ sơ trực "
    "tuyến sẽ tiếp tục tăng."
)

# Assignment (services and training tables). Wrong on purpose: a mis-copied total, the online
# and on-time rates exchanged (each value exists in the data: only the bound checker and a
# careful reader see it), a change of a rate written in % instead of percentage points, an
# invented satisfaction figure, a wrong count of units meeting the target.
DU_THAO_BAI_TAP = (
    "Trong 10 tháng đầu năm 2026, 12 xã, phường trên địa bàn tỉnh đã tiếp nhận 198.272 hồ sơ "
    "thủ tục hành chính, trong đó 124.070 hồ sơ được nộp trực tuyến. Tỷ lệ hồ sơ trực tuyến "
    "đạt 97,4%, tỷ lệ giải quyết hồ sơ đúng hạn đạt 62,4%; còn 4.886 hồ sơ giải quyết trễ hạn. "
    "Tỷ lệ hồ sơ trực tuyến tăng đều qua các tháng, từ 52,3% trong tháng 1/2026 lên 71,8% "
    "trong tháng 10/2026, tức tăng 19,5%. Phường Quy Nhơn dẫn đầu với tỷ lệ trực tuyến 72,6%, "
    "xã Chư Păh thấp nhất với 37,7%. Mức độ hài lòng của người dân đạt 95%.\n\n"
    "Về bồi dưỡng kỹ năng số, tính đến ngày 31/10/2026, toàn tỉnh có 81,1% cán bộ, công "
    "chức, viên chức đã hoàn thành, vượt mục tiêu 80% của tỉnh; có 8/12 đơn vị đạt mục tiêu. "
    "Sở Y tế mới đạt 67,5%, cần bồi dưỡng thêm 29 người để đạt mục tiêu."
)
