"""Module 0 (Làm quen): the ungraded self-check learners practise on before module 1.

No assignment and no points: the lesson ``course/00-lam-quen`` lets a learner try
``kiem_tra("cau_1")`` once on a text they wrote between ``\"\"\"`` and see what a verdict looks
like. The check only asks for a sentence typed with a working Vietnamese keyboard.
"""

from __future__ import annotations

import re

from aiwork.vi import nfc
from graders.core import Question, Result, SelfCheck, is_blank

MIN_WORDS = 5
# Letters that only a Vietnamese keyboard (Unikey, EVKey, the phone's) produces.
_VIETNAMESE = re.compile(
    r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùũýỳ]", re.I
)


def cham_cau_1(viec_can_ho_tro: object) -> Result:
    """A sentence about a task the learner would like help with, between triple quotes."""
    r = Result()
    if is_blank(viec_can_ho_tro) or not isinstance(viec_can_ho_tro, str):
        r.add(
            "answered",
            False,
            "",
            'Anh/chị chưa viết gì giữa hai dấu """: thay dấu ... bằng một câu rồi chạy lại ô đó.',
        )
        return r
    text = nfc(viec_can_ho_tro).strip()
    words = len(text.split())
    r.add(
        "length",
        words >= MIN_WORDS,
        f'Đã có đoạn văn {words} từ giữa hai dấu """.',
        f"Đoạn văn mới có {words} từ: hãy viết trọn một câu (từ {MIN_WORDS} từ trở lên).",
    )
    r.add(
        "diacritics",
        bool(_VIETNAMESE.search(nfc(text))),
        "Chữ tiếng Việt có dấu hiển thị đúng: bộ gõ hoạt động tốt.",
        "Chưa thấy chữ có dấu: anh/chị bật bộ gõ tiếng Việt (Unikey/EVKey, kiểu gõ Telex hoặc "
        "VNI, bảng mã Unicode) rồi gõ lại.",
    )
    return r


kiem_tra = SelfCheck(
    [Question("cau_1", 'Làm quen — viết giữa hai dấu """', ("viec_can_ho_tro",), cham_cau_1)]
)
