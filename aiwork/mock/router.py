"""Pick the reply family for a conversation (first match wins):

1. a tool result after the last user turn -> answer from it (``tools.answer_from_results``),
   unless it only records an Agents SDK handoff (then the new agent chooses its own tool);
2. tools offered (and ``tool_choice`` not "none") and one matches -> call it;
3. a JSON reply asked for (``response_format`` / ``text.format``) -> extract to the schema;
4. by keywords of the last user turn (folded): translate (dịch sang/ra + tiếng Anh/Việt),
   proofread (soát/sửa lỗi, chính tả), rewrite (viết lại, chuyển giọng, "... hơn"),
   classify (phân loại, thuộc nhóm/loại/lĩnh vực nào; also two or more few-shot examples
   answered by short labels, or a label list in the system prompt), summarise (tóm tắt, tóm lược),
   extract (trích xuất), draft (a document kind named with soạn/viết/lập/chuẩn bị/xây dựng, or
   just named), ideas (khẩu hiệu, ý tưởng, gợi ý, đề xuất, việc cần chuẩn bị: temperature
   changes the choice), answer (passages given, or a question);
5. a vague prompt (see ``prompt_anatomy.is_vague``) -> the generic reply; else the generic
   reply too, which still lists what the prompt left out.
With earlier turns (and not a few-shot prompt), :mod:`aiwork.mock.history` comes first: a
question about the user's own details, a revision of the previous draft, a follow-up working
on the previous reply, a question about facts stated earlier.
The system prompt joins the user turn for recognising the task, so a role set there counts.
"""

from __future__ import annotations

import re

from aiwork.mock.conversation import Conversation
from aiwork.mock.history import (
    has_history,
    recall,
    revised_draft_prompt,
    self_fact_answer,
    with_previous_text,
)
from aiwork.mock.replies import Reply
from aiwork.mock.replies.answer import answer, is_question, labelled_question
from aiwork.mock.replies.classify import classify, labels_from
from aiwork.mock.replies.draft import doc_type, draft
from aiwork.mock.replies.extract import extract
from aiwork.mock.replies.generic import generic
from aiwork.mock.replies.ideas import ideas, is_ideas
from aiwork.mock.replies.summarise import shorten, summarise
from aiwork.mock.replies.tools import answer_from_results, call, choose, just_handed_off
from aiwork.mock.replies.transform import proofread, rewrite, translate
from aiwork.mock.textutil import passages, strip_material
from aiwork.prompt_anatomy import PromptAnatomy, analyse
from aiwork.vi import fold_keep_offsets

_TRANSLATE = re.compile(
    r"\b(dich(?! vu| benh| te)|translate)\b.*\b(tieng anh|tieng viet|english|vietnamese)\b"
)
_PROOFREAD = re.compile(
    r"\b(soat loi|sua loi|chinh ta|ra soat loi|loi chinh ta|proofread|bien tap lai)\b"
)
_REWRITE = re.compile(
    r"\b(viet lai|trinh bay lai|chuyen (?:doan |van ban |noi dung )?(?:sau |tren )?thanh|"
    r"chuyen giong|doi giong|dieu chinh giong|chuyen sang giong|"
    r"(?:lich su|trang trong|than thien|ngan gon|de hieu) hon|sang giong|"
    r"giong (?:van )?hanh chinh|cho trang trong|cho lich su|phu hop (?:voi )?van ban hanh chinh|"
    r"lam cho .{0,30}trang trong)\b"
)
_CLASSIFY = re.compile(r"\b(phan loai|thuoc (?:nhom|loai|linh vuc|muc) nao|xep (?:vao|loai))\b")
_SHORTEN = re.compile(
    r"\b(rut gon|rut ngan|viet ngan (?:lai|hon|gon lai)|lam ngan|cat bot|thu gon|"
    r"ngan lai|viet lai ngan|ngan gon hon|viet lai cho ngan)\b"
)
_SUMMARISE = re.compile(r"\b(tom tat|tom luoc|tong hop y chinh|summari[sz]e)\b")
_EXTRACT = re.compile(r"\b(trich xuat|rut ra cac truong|json)\b")
_DRAFT_VERB = re.compile(r"\b(soan|viet|lap|chuan bi|xay dung|thao|draft)\b")


def few_shot_examples(conv: Conversation) -> list[tuple[str, str]]:
    """(user text, assistant answer) pairs before the last user turn whose answers are short
    labels - the shape of a few-shot classification prompt."""
    pairs = []
    turns = [(r, t) for r, t in conv.turns if r in ("user", "assistant")]
    for (r1, t1), (r2, t2) in zip(turns, turns[1:], strict=False):
        if r1 == "user" and r2 == "assistant" and 0 < len(t2.split()) <= 4:
            pairs.append((t1, t2))
    return pairs


def task_of(conv: Conversation) -> str:
    # Recognise the task from the instruction only: words inside the material (passages, a
    # quoted text) must not turn "answer from this giấy mời" into "draft a giấy mời".
    instruction = strip_material(conv.user)
    folded = fold_keep_offsets(instruction)
    # Passages and a labelled question ("### Câu hỏi"): a question about summarising or
    # classifying is still a question ("tóm tắt xong thì trợ lý có chép lại thẻ không?")
    asked = labelled_question(conv.user) if passages(conv.user) else ""
    if asked.rstrip().endswith("?"):
        return "answer"
    if _TRANSLATE.search(folded):
        return "translate"
    if _PROOFREAD.search(folded):
        return "proofread"
    if _SHORTEN.search(folded):
        return "shorten"
    if _REWRITE.search(folded):
        return "rewrite"
    if _CLASSIFY.search(folded) or (labels_from(instruction) and analyse(instruction).label_only):
        return "classify"
    if _SUMMARISE.search(folded):
        return "summarise"
    if _EXTRACT.search(folded):
        return "extract"
    if passages(conv.user) and is_question(instruction):
        return "answer"
    if doc_type(instruction) and (_DRAFT_VERB.search(folded) or len(folded.split()) < 40):
        return "draft"
    if is_ideas(instruction):
        return "ideas"
    if passages(conv.user) or passages(conv.system) or is_question(conv.user):
        return "answer"
    return "generic"


_FAMILIES = {
    "draft": draft,
    "summarise": summarise,
    "shorten": shorten,
    "translate": translate,
    "proofread": proofread,
    "rewrite": rewrite,
    "generic": generic,
}


# Tasks that work on a given text: a follow-up without one works on the previous reply.
_ON_TEXT = ("translate", "proofread", "rewrite", "summarise", "shorten", "classify", "extract")


def _analyse(conv: Conversation, prompt: str) -> PromptAnatomy:
    # The system prompt can carry the role and constraints, so both are analysed together.
    return analyse(f"{conv.system}\n{prompt}" if conv.system else prompt)


def route(conv: Conversation, seed: str) -> Reply:
    anatomy = _analyse(conv, conv.user)
    prompt = conv.user
    if conv.tool_results and not just_handed_off(conv):
        return answer_from_results(conv, anatomy, seed)
    tool = choose(conv)
    if tool is not None:
        return call(conv, tool, seed)
    task = task_of(conv)
    examples = few_shot_examples(conv)
    # Earlier turns answered by bare labels are a few-shot prompt, not a conversation to recall.
    history = has_history(conv) and len(examples) < 2
    if history and (reply := self_fact_answer(conv)) is not None:
        return reply
    if history and task in ("rewrite", "shorten", "generic", "answer", "ideas"):
        # "Viết lại ngắn gọn hơn", "Bổ sung địa điểm ..." after a draft: the draft again,
        # with the facts and constraints of both turns.
        revised = revised_draft_prompt(conv, doc_type)
        if revised is not None:
            return draft(revised, _analyse(conv, revised), seed)
    if history and task in _ON_TEXT and (attached := with_previous_text(conv)):
        prompt = attached
    if conv.json_mode:  # a response_format always gets JSON, whatever the task words say
        return extract(prompt, anatomy, seed, conv.schema)
    if task == "classify" or len(examples) >= 2 or (task == "generic" and labels_from(conv.system)):
        return classify(prompt, anatomy, seed, system=conv.system, examples=examples)
    if history and task in ("answer", "generic") and (reply := recall(conv, anatomy)) is not None:
        return reply
    if task == "extract":
        reply = extract(prompt, anatomy, seed, conv.schema)
        reply.text = "Thông tin trích xuất (JSON):\n" + (reply.text or "")
        return reply
    if task == "answer":
        # the constraints are the instruction's: a passage quoting "không quá 80 từ" or "3
        # gạch đầu dòng" does not bind the answer drawn from it
        return answer(
            prompt, _analyse(conv, strip_material(prompt)), seed, extra_context=conv.system
        )
    if task == "ideas":
        return ideas(prompt, anatomy, seed, conv.temperature)
    return _FAMILIES[task](prompt, anatomy, seed)
