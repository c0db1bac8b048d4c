"""Replies that use the conversation so far, as a chat model does.

- The user's own details given earlier ("Tôi tên là Nguyễn Thị Lan, công tác tại UBND xã
  Ia Grai") answer later questions about them ("Tên tôi là gì?", "Tôi làm việc ở đâu?");
  a detail never given is said to be missing, never invented.
- A question about facts stated earlier in the conversation ("Cuộc họp diễn ra ở đâu?") is
  answered from the sentence that stated them.
- A follow-up that works on earlier text without quoting it ("Viết lại ngắn gọn hơn",
  "Dịch đoạn trên sang tiếng Anh", "Tóm tắt lại") works on the previous reply.
- A follow-up to a draft that adds or changes facts ("Bổ sung địa điểm: hội trường B") gives
  the draft again with the facts of both turns, the newer ones first.
"""

from __future__ import annotations

import re

from aiwork.mock.conversation import Conversation
from aiwork.mock.replies import Reply
from aiwork.mock.replies.answer import MIN_OVERLAP, is_question, question_of
from aiwork.mock.replies.shape import shape
from aiwork.mock.textutil import AGENCY_HEAD, keywords, overlap, passages, sentences, source_text
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import fold_keep_offsets

_NAME = re.compile(
    r"\b(?:tôi tên là|tên tôi là|tôi là|mình tên là|mình là|em tên là|em là|tôi tên)\s+"
    r"(?:(?:ông|bà|anh|chị)\s+)?",
    re.IGNORECASE,
)
_NOT_NAME = frozenset(
    "chuyen vien can bo cong chuc vien chuc pho truong chu tich ubnd uy so phong".split()
)
_POSITION = re.compile(
    r"\b(?:tôi là|tôi đang là|hiện là|tôi giữ chức|tôi làm)\s+((?:chuyên viên|cán bộ|công chức|"
    r"viên chức|phó|trưởng|chủ tịch|văn thư|kế toán|giáo viên|bác sĩ|nhân viên)[^,.;\n]*)",
    re.IGNORECASE,
)
_WORKPLACE = re.compile(r"\b(?:làm việc|công tác|làm)\s+(?:tại|ở)\s+([^,.;\n]+)", re.IGNORECASE)

_ASK_NAME = re.compile(
    r"\b(ten (?:cua )?toi (?:la )?gi|toi ten (?:la )?gi|toi la ai|ban (?:co )?nho ten toi|"
    r"ho (?:va )?ten cua toi|goi toi la gi|ten toi)\b"
)
_ASK_WORKPLACE = re.compile(
    r"\b(toi (?:dang )?(?:lam viec|cong tac|lam) (?:o|tai) (?:dau|co quan nao|don vi nao)|"
    r"co quan (?:cua )?toi|don vi (?:cua )?toi|noi (?:lam viec|cong tac) cua toi)\b"
)
_ASK_POSITION = re.compile(
    r"\b(chuc vu (?:cua )?toi|toi (?:giu|lam) chuc vu gi|toi lam (?:nghe|cong viec) gi|"
    r"vi tri cua toi)\b"
)

# Instructions that revise the previous draft rather than ask for something new.
_REVISE = re.compile(
    r"\b(bo sung|them|sua|doi|thay|dieu chinh|chinh lai|cap nhat|bot|luoc bo|xoa|viet lai|"
    r"ngan (?:gon )?hon|rut gon|trang trong hon|lich su hon|than thien hon|de hieu hon)\b"
)
_REFERS_BACK = re.compile(
    r"\b(tren|vua roi|vua (?:soan|viet)|do|nay|ban nhap|cau tra loi|noi dung vua)\b"
)


def _earlier(conv: Conversation, role: str) -> list[str]:
    """Texts of ``role`` turns before the last user turn, oldest first."""
    last = max((i for i, (r, _) in enumerate(conv.turns) if r == "user"), default=-1)
    return [t for r, t in conv.turns[:last] if r == role and t.strip()]


def has_history(conv: Conversation) -> bool:
    return bool(_earlier(conv, "user") or _earlier(conv, "assistant"))


def _self_facts(texts: list[str]) -> dict[str, str]:
    facts: dict[str, str] = {}
    for text in texts:  # later statements win ("tôi tên là ..." said again)
        for m in _NAME.finditer(text):
            # A name is the run of capitalised words that follows ("Tôi là chuyên viên ..."
            # names a position, not a person).
            name = []
            for word in text[m.end() :].split()[:5]:
                core = word.strip(",.;:!?()\"'")
                if not core or not core[0].isupper() or fold_keep_offsets(core) in _NOT_NAME:
                    break
                name.append(core)
                if core != word:
                    break  # punctuation ends the name
            if name:
                facts["name"] = " ".join(name)
        if m := _POSITION.search(text):
            facts["position"] = m.group(1).strip()
        if m := _WORKPLACE.search(text):
            facts["workplace"] = m.group(1).strip()
        elif m := AGENCY_HEAD.search(text):
            # The clause from the first agency name on: "Phòng Văn hóa - Xã hội UBND xã Ia Grai".
            facts.setdefault("workplace", re.split(r"[,.;\n]", text[m.start() :])[0].strip())
    return facts


def self_fact_answer(conv: Conversation) -> Reply | None:
    """The answer to a question about the user's own details, from what they said earlier."""
    folded = fold_keep_offsets(conv.user)
    asked = (
        "name"
        if _ASK_NAME.search(folded)
        else "workplace"
        if _ASK_WORKPLACE.search(folded)
        else "position"
        if _ASK_POSITION.search(folded)
        else None
    )
    if asked is None:
        return None
    facts = _self_facts(_earlier(conv, "user") + _earlier(conv, "system"))
    value = facts.get(asked)
    wording = {
        "name": ("Anh/chị tên là {v}.", "tên"),
        "workplace": ("Anh/chị công tác tại {v}.", "nơi công tác"),
        "position": ("Anh/chị là {v}.", "chức vụ"),
    }[asked]
    if value:
        text = wording[0].format(v=value) + " Đây là thông tin anh/chị đã nêu trước đó."
    else:
        text = (
            f"Trong cuộc trò chuyện này anh/chị chưa cho tôi biết {wording[1]}, nên tôi không "
            "thể trả lời. Anh/chị có thể cung cấp thông tin để tôi ghi nhận."
        )
    return Reply(text, task="history")


def previous_text(conv: Conversation) -> str:
    """The text a follow-up works on: the last non-empty reply, else the user's material."""
    replies = _earlier(conv, "assistant")
    if replies:
        return replies[-1]
    for text in reversed(_earlier(conv, "user")):
        material = source_text(text)
        if material:
            return material
    return ""


def with_previous_text(conv: Conversation) -> str | None:
    """The prompt with the previous text attached as its material, when the prompt works on
    text but gives none ("Viết lại ngắn gọn hơn", "Dịch đoạn trên sang tiếng Anh")."""
    if source_text(conv.user) or passages(conv.user):
        return None
    text = previous_text(conv)
    if not text:
        return None
    return f'{conv.user.rstrip()}\n"""\n{text.strip()}\n"""'


def revised_draft_prompt(conv: Conversation, doc_type) -> str | None:
    """A revision of the previous draft request: the new instruction first (its facts win),
    then the earlier request."""
    users = _earlier(conv, "user")
    if not users or doc_type(conv.user):
        return None
    previous = next((u for u in reversed(users) if doc_type(u)), None)
    if previous is None:
        return None
    folded = fold_keep_offsets(conv.user)
    if not (_REVISE.search(folded) or _REFERS_BACK.search(folded)) or len(folded.split()) > 60:
        return None
    return f"{conv.user.strip()}\n{previous.strip()}"


def recall(conv: Conversation, anatomy: PromptAnatomy) -> Reply | None:
    """A question answered from facts the user stated earlier in the conversation."""
    if not is_question(conv.user) or passages(conv.user) or source_text(conv.user):
        return None
    qk = keywords(question_of(conv.user))
    if not qk:
        return None
    earlier = _earlier(conv, "user")
    scored = []
    for order, text in enumerate(reversed(earlier)):
        for s in sentences(text) or [text.strip()]:
            if is_question(s) and "?" in s:
                continue  # an earlier question states nothing
            score = overlap(qk, keywords(s))
            if score >= max(MIN_OVERLAP, 0.34):
                scored.append((score, -order, s))
    if not scored:
        return None
    scored.sort(reverse=True)
    best = [s for _, _, s in scored[: anatomy.item_count or 1]]
    return Reply(
        shape(
            best, anatomy, intro="Theo thông tin anh/chị đã nêu trước đó:", default_layout="prose"
        ),
        task="history",
    )
