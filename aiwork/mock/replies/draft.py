"""Draft an administrative document (công văn, thông báo, tờ trình, giấy mời, báo cáo, kế hoạch).

The draft is composed from the facts the prompt states (agency, recipients, subject, date,
time, place, figures), never by copying the prompt's sentences. A missing fact becomes a
visible placeholder such as "[thời gian]", so a lesson can show that a prompt without context
gets a draft full of blanks. Requested fields become labelled lines; a word limit drops the
optional blocks (recipient list, closing) before cutting text.
"""

from __future__ import annotations

import re

from aiwork.mock.replies import Reply, pick
from aiwork.mock.textutil import (
    Facts,
    content_sentences,
    delimited,
    delimited_blocks,
    facts,
    sentences,
    strip_material,
    truncate_words,
    when,
    word_count,
)
from aiwork.prompt_anatomy import PromptAnatomy, count_lines
from aiwork.vi import fold_keep_offsets

# Document kinds the mock drafts: folded trigger -> key in the Decree 30 rule set, which is
# the one home of titles, abbreviations and the national heading (aiwork.decree30.rules).
DRAFT_KINDS: dict[str, str] = {
    "giay moi": "giay_moi",
    "to trinh": "to_trinh",
    "thong bao": "thong_bao",
    "ke hoach": "ke_hoach",
    "bao cao": "bao_cao",
    "cong van": "cong_van",
}


def doc_type(text: str) -> str | None:
    """The document kind a prompt asks for: the first one named after a drafting verb
    ("soạn thông báo"), else the first one named; a kind inside a cited document ("Thực hiện
    Kế hoạch số 35/KH-UBND") is not what is asked."""
    from aiwork.lookup.citations import find_citations

    folded = fold_keep_offsets(text)
    cited = [(c.start, c.end) for c in find_citations(text)]
    hits = [
        (m.start(), k)
        for k in DRAFT_KINDS
        for m in re.finditer(rf"\b{k}\b", folded)
        if not any(s <= m.start() < e for s, e in cited)
    ]
    asked = [
        h
        for h in hits
        if re.search(r"\b(?:soan|viet|lap|du thao|chuan bi|tao)(?:\s+\S+){0,3}\s*$", folded[: h[0]])
    ]
    return min(asked or hits)[1] if hits else None


def doc_type_name(kind: str) -> str:
    """The Vietnamese name of a drafted kind ("Giấy mời"), from the Decree 30 rule set."""
    from aiwork.decree30 import rules

    return rules.DOC_TYPES[DRAFT_KINDS[kind]].name_vi


def _agency(f: Facts) -> str:
    return f.agencies[0] if f.agencies else "[tên cơ quan]"


def _when(f: Facts) -> str:
    return when(f) or "[thời gian]"


_FIELD_VALUES = {
    "thoi gian": lambda f: _when(f),
    "dia diem": lambda f: f.places[0] if f.places else "[địa điểm]",
    "thanh phan": lambda f: f.recipients[0] if f.recipients else "[thành phần]",
    "noi dung": lambda f: f.subject or "[nội dung]",
    "co quan": lambda f: _agency(f),
    "kinh phi": lambda f: next((a for a in f.amounts if "đồng" in a or "triệu" in a), "[kinh phí]"),
}


def _field_line(name: str, f: Facts, spare: list[str]) -> str:
    """A "Field: value." line; a field with no matching fact takes the next sentence of the
    given material that is not already about time or place (e.g. "lưu ý" <- "Học viên mang
    theo máy tính xách tay."), else a visible placeholder."""
    key = fold_keep_offsets(name)
    label = f"{name[:1].upper()}{name[1:]}"
    for k, value in _FIELD_VALUES.items():
        if k in key:
            return f"{label}: {value(f)}."
    if spare:
        return f"{label}: {_lower_first(spare.pop(0).rstrip('.'))}."
    return f"{label}: [cần bổ sung theo thực tế]."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# A sentence of a prompt that tells the readers what to do ("Mọi người mang laptop."): with
# no delimited material, such sentences are the notes a draft carries.
_NOTE = re.compile(r"\b(mang|chuan bi|luu y|dem theo|co mat|mac|nho)\b")


def _spare_sentences(prompt: str) -> list[str]:
    material = delimited(prompt)
    if not material:
        material = "\n".join(
            s
            for s in sentences(prompt)[1:]
            if _NOTE.search(fold_keep_offsets(s)) and ":" not in s[:-1]
        )
    out = []
    for sent in sentences(material.replace(";", ".\n")):
        folded = fold_keep_offsets(sent)
        if not re.match(r"(thoi gian|dia diem|thanh phan|doi tuong)\b", folded) and not re.search(
            r"\d{1,2}/\d{1,2}|\d+ ?(gio|h)\b", folded
        ):
            out.append(sent)
    return out


def _material_body(
    kind: str, agency: str, who: str, subject: str, material: list[str]
) -> list[str]:
    """A body built on the facts the prompt delimits: one numbered point per fact, framed by
    the kind's opening and closing sentences (the instruction itself is never repeated)."""
    points = [f"{i}. {x}" for i, x in enumerate(material, 1)]
    opening = {
        "cong van": f"Thực hiện nhiệm vụ được giao, {agency} đề nghị {who} triển khai các nội dung sau:",
        "thong bao": f"{agency} thông báo các nội dung sau:",
        "to trinh": f"{agency} kính trình cấp có thẩm quyền xem xét các nội dung sau:",
        "bao cao": f"{agency} báo cáo {subject if subject != '[nội dung]' else 'kết quả thực hiện'} như sau:",
        "ke hoach": f"{agency} xây dựng kế hoạch với các nội dung sau:",
    }[kind]
    closing = {
        "cong van": f"Đề nghị {who} quan tâm, triển khai thực hiện./.",
        "thong bao": "Đề nghị các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./.",
        "to trinh": "Kính trình cấp có thẩm quyền xem xét, quyết định./.",
        "bao cao": "Trên đây là báo cáo kết quả thực hiện./.",
        "ke hoach": "Các đơn vị liên quan căn cứ kế hoạch này triển khai thực hiện./.",
    }[kind]
    return [opening, *points, closing]


_REPLY = re.compile(r"\b(tra loi (?:don|kien nghi|phan anh|cong dan)|phuc dap)\b")
_NAME_TOKEN = re.compile(r"\[HO_TEN_\d+\]")


def _reply_body(agency: str, prompt: str) -> list[str]:
    """A công văn answering a citizen's petition: what the petition says (first delimited
    block, in the third person), the answer (the next blocks, citations kept), a closing.
    With no answer given, it promises a reply without inventing a deadline."""
    blocks = delimited_blocks(prompt)
    petition = blocks[0] if blocks else ""
    name = _NAME_TOKEN.search(petition)
    who = f"ông/bà {name.group(0)}" if name else "công dân"
    folded = fold_keep_offsets(petition)
    kind = (
        "đơn phản ánh"
        if "phan anh" in folded
        else "đơn kiến nghị"
        if "kien nghi" in folded
        else "đơn khiếu nại"
        if "khieu nai" in folded
        else "đơn"
    )
    gist = [
        re.sub(r"\btôi\b", who if name else "công dân", x, flags=re.I)
        for x in content_sentences(petition)[:2]
    ]
    first = f"{agency} nhận được {kind} của {who}."
    if gist:
        first += " Theo nội dung đơn, " + " ".join([_lower_first(gist[0]), *gist[1:]])
    answers = [x for block in blocks[1:] for x in sentences(block)]
    if answers:
        second = f"Sau khi kiểm tra, {agency} trả lời như sau: " + " ".join(answers)
    else:
        second = (
            f"{agency} đang kiểm tra, xác minh nội dung đơn và sẽ trả lời bằng văn bản "
            "trong thời hạn theo quy định."
        )
    return [first, second, f"{agency} trả lời để {who} được biết./."]


_ROLE_SENTENCE = re.compile(
    r"^(?:bạn là|anh/chị là|anh là|chị là|với vai trò|trong vai|đóng vai|là một)\b", re.I
)
_CONSTRAINT_SENTENCE = re.compile(
    r"^(?:không quá|tối đa|dưới \d|trình bày|giọng văn|văn phong|viết ngắn|ngắn gọn|dùng giọng|"
    r"sử dụng giọng|chỉ |lưu ý:|yêu cầu:|độ dài)",
    re.I,
)
_LEAD = re.compile(
    r"^(?:hãy\s+|vui lòng\s+|giúp tôi\s+|xin\s+)?(?:soạn(?:\s+thảo)?|viết|lập|chuẩn bị|"
    r"xây dựng|thảo|tạo|làm)\s+(?:giúp\s+(?:tôi\s+)?)?(?:một\s+|01\s+)?(?:bản\s+|dự thảo\s+)?",
    re.I,
)
_LIMIT_NOTE = re.compile(r"\s*\((?:[^()]*\d+\s*(?:từ|chữ)[^()]*)\)|\s+\bngắn\b(?=\s*\()", re.I)
_WHEN_WHERE = (
    re.compile(r",?\s*(?:vào\s+)?(?:lúc|từ)\s+\d{1,2}\s?(?:giờ|h)[^,;.]*", re.I),
    re.compile(
        r",?\s*(?:(?:vào|trong)\s+)?(?<!trước )(?<!sau )(?<!đến )(?<!hạn )(?<!từ )"
        r"ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?(?=[\s,;.]|$)",
        re.I,
    ),
    re.compile(r",?\s*(?:tổ chức\s+)?tại\s+[^,;.]*", re.I),
    re.compile(r",?\s*(?:địa điểm|thời gian)\s*(?:tại|:)\s*[^,;.]*", re.I),
)
_SUBJECT_VERB = re.compile(
    r"^(?:về việc|về|v/v|xin|đề nghị|dự họp|họp bàn về|họp về|họp|tham dự|dự|mời dự)\s+", re.I
)
_WEEKDAY = re.compile(
    r"\b(?:(?:sáng|chiều|tối)\s+)?(?:thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ nhật)"
    r"(?:\s+(?:hằng|hàng)\s+tuần)?",
    re.I,
)


def brief(prompt: str, kind: str, f: Facts) -> tuple[str, str]:
    """What the drafting prompt asks the document to say, in the prompt's own words:
    (subject, content). The content is the request without the imperative, the document
    kind, the issuing agency, the recipients, the time and the place (those have their own
    lines), role and length sentences: "xin phê duyệt kinh phí tập huấn kỹ năng số năm 2026
    cho 400 cán bộ, công chức, tổng kinh phí 250 triệu đồng". The subject is its first
    clause without the leading verb (or the "về việc ..." the prompt gives)."""
    instruction = re.sub(r"\s+", " ", strip_material(prompt)).strip()
    kept = []
    for sent in re.split(r"(?<=[.!?])\s+", instruction):
        if _ROLE_SENTENCE.match(sent):
            # "Với vai trò chuyên viên ..., soạn công văn ...": the request after the role.
            m = re.search(
                r",\s*(?=(?:hãy\s+)?(?:soạn|viết|lập|chuẩn bị|xây dựng|thảo)\b)", sent, re.I
            )
            if not m:
                continue
            sent = sent[m.end() :]
        if _CONSTRAINT_SENTENCE.match(sent):
            continue
        kept.append(sent)
    text = " ".join(kept)
    at = fold_keep_offsets(text).find(kind)
    if at >= 0:
        text = text[at + len(kind) :]
    else:
        text = _LEAD.sub("", text)
    text = _LIMIT_NOTE.sub("", text)
    for agency in f.agencies:
        text = re.sub(rf"^\s*(?:của|do)\s+(?:\S+\s+)?{re.escape(agency)}", "", text)
    for who in f.recipients:
        text = re.sub(
            rf"\s*(?:kính gửi|gửi(?: đến| tới| cho)?|mời)\s*:?\s+{re.escape(who)}", "", text
        )
    for pattern in _WHEN_WHERE:
        text = pattern.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-")
    text = re.sub(r"^(?:của|do)\s+[^,;]*?(?=\s+(?:về|xin|đề nghị|dự|họp)\b)", "", text).strip()
    if ":" in text:
        head, tail = text.split(":", 1)
        subject, content = head.strip(), f"{head.strip()}: {tail.strip()}"
    else:
        subject, content = re.split(r",\s+|;\s*", text, maxsplit=1)[0], text
    subject = _SUBJECT_VERB.sub("", subject).strip(" ,;:.")
    if len(subject.split()) < 2:
        subject = ""
    return subject, content.rstrip(" .")


def _approve(subject: str) -> str:
    """ "phê duyệt kinh phí ..." -> "kinh phí ..." (the lead already says "phê duyệt")."""
    return re.sub(r"^(?:phê duyệt|xem xét)\s+", "", subject, flags=re.I)


def _weekday(prompt: str) -> str:
    m = _WEEKDAY.search(strip_material(prompt))
    return m.group(0) if m else ""


def _body(kind: str, f: Facts, anatomy: PromptAnatomy, seed: str, prompt: str) -> list[str]:
    agency = _agency(f)
    subject = f.subject or "[nội dung]"
    who = f.recipients[0] if f.recipients else "[thành phần]"
    where = f.places[0] if f.places else "[địa điểm]"
    when = _when(f)
    weekday = _weekday(prompt)
    if weekday and fold_keep_offsets(weekday) not in fold_keep_offsets(when):
        when = weekday if when == "[thời gian]" else f"{weekday}, {when}"
    _, content = brief(prompt, kind, f)
    # The request's own words beyond the subject (figures, a second point): said in the body.
    extra = (
        content
        if fold_keep_offsets(subject) not in fold_keep_offsets(content)
        or len(content) > len(subject) + 12
        else ""
    )
    if kind == "cong van" and _REPLY.search(fold_keep_offsets(strip_material(prompt))):
        return _reply_body(agency, prompt)
    material = [] if anatomy.fields or kind == "giay moi" else sentences(delimited(prompt))
    if material:
        return _material_body(kind, agency, who, subject, material)
    if anatomy.fields:
        lead = {
            "giay moi": f"{agency} trân trọng kính mời {who} tham dự cuộc họp về {subject}.",
            "thong bao": f"{agency} thông báo về {subject} như sau:",
        }.get(kind, f"{agency} trân trọng thông tin về {subject} như sau:")
        spare = _spare_sentences(prompt)
        return [lead, *(_field_line(name, f, spare) for name in anatomy.fields)]
    if kind == "giay moi":
        event = (
            subject
            if fold_keep_offsets(subject).startswith(("hop", "hoi nghi", "le ", "buoi"))
            else (f"cuộc họp về {subject}")
        )
        return [
            f"{agency} trân trọng kính mời {who} tới dự {event}.",
            *([f"Nội dung: {_lower_first(extra)}."] if extra else []),
            f"Thời gian: {when}.",
            f"Địa điểm: {where}.",
            *(f"Lưu ý: {_lower_first(x)}" for x in _spare_sentences(prompt)[:1]),
            pick(
                seed,
                (
                    "Đề nghị các thành phần được mời bố trí thời gian tham dự đầy đủ, đúng giờ.",
                    "Rất mong các đại biểu sắp xếp thời gian tham dự đúng thành phần, đúng giờ.",
                ),
            ),
        ]
    if kind == "thong bao":
        points = [
            *([f"Nội dung: {_lower_first(extra)}."] if extra else []),
            f"Thời gian: {when}; địa điểm: {where}.",
            f"Đối tượng: {who}.",
            *(f"Lưu ý: {_lower_first(x)}" for x in _spare_sentences(prompt)[:1]),
            "Các cơ quan, đơn vị, cá nhân liên quan chủ động phối hợp thực hiện; nếu có vướng "
            "mắc, kịp thời phản ánh để được hướng dẫn.",
        ]
        return [
            f"{agency} thông báo về {subject} như sau:",
            *(f"{i}. {x}" for i, x in enumerate(points, 1)),
        ]
    if kind == "to trinh":
        return [
            f"{agency} kính trình {f.recipients[0] if f.recipients else 'cấp có thẩm quyền'} "
            f"xem xét, phê duyệt {_approve(subject) if f.subject else 'nội dung sau'}.",
            "I. Sự cần thiết: việc triển khai là cần thiết để đáp ứng yêu cầu nhiệm vụ được giao.",
            "II. Nội dung đề xuất: "
            + "; ".join(
                [
                    _lower_first(extra) if extra else f"thực hiện {subject}",
                    *([f"thời gian {when}"] if f.times or f.dates else []),
                    *([f"địa điểm {where}"] if f.places else []),
                ]
            )
            + ".",
            "III. Kiến nghị: kính đề nghị cấp có thẩm quyền xem xét, cho ý kiến chỉ đạo.",
        ]
    if kind == "bao cao":
        figures = (
            _lower_first(content.split(":", 1)[1].strip())
            if ":" in content
            else _lower_first(extra)
            if extra and f.amounts
            else "; ".join(f.amounts)
            if f.amounts
            else "[số liệu]"
        )
        return [
            f"{agency} báo cáo {subject if fold_keep_offsets(subject).startswith('ket qua') else 'kết quả ' + subject} như sau:",
            f"I. Kết quả thực hiện: {figures}.",
            "II. Tồn tại, hạn chế: [nêu theo thực tế của đơn vị].",
            "III. Phương hướng thời gian tới: tiếp tục triển khai, theo dõi và báo cáo định kỳ.",
        ]
    if kind == "ke hoach":
        return [
            f"Thực hiện nhiệm vụ được giao, {agency} xây dựng kế hoạch {subject} như sau:",
            "I. Mục đích, yêu cầu: triển khai đúng tiến độ, hiệu quả, tiết kiệm.",
            f"II. Nội dung: {_lower_first(extra) if extra else subject}; thời gian {when}; "
            f"địa điểm {where}.",
            f"III. Tổ chức thực hiện: {agency} chủ trì, phối hợp với {who} triển khai.",
        ]
    return [  # công văn
        f"Thực hiện nhiệm vụ được giao, {agency} đề nghị {who} quan tâm phối hợp về {subject}.",
        *([f"Cụ thể: {_lower_first(extra)}."] if extra else []),
        # A vague request shows what it left out ("[thời gian]"); a request that says what to
        # do (its content, deadline included) is not padded with blanks.
        *([f"Thời gian thực hiện: {when}; địa điểm: {where}."] if not extra else []),
        "Trong quá trình thực hiện nếu có khó khăn, vướng mắc, đề nghị phản ánh về "
        f"{agency} để phối hợp giải quyết.",
    ]


_SUBJECT_STOP = re.compile(
    r"\s+(?:gửi|cho|vào|tại|lúc|với|để|trong đó|theo|gồm|bao gồm)\b|[,.;:\n(]", re.I
)


def subject_after_kind(prompt: str, kind: str) -> str:
    """The subject a prompt gives right after the kind: "báo cáo <kết quả ...> gửi ..."."""
    start = fold_keep_offsets(prompt).find(kind)
    if start < 0:
        return ""
    rest = prompt[start + len(kind) :]
    rest = re.sub(r"^\s*(?:về việc|về|v/v)\s+", " ", rest, flags=re.I)
    if re.match(r"\s*(?:của|do|cho)\b", rest, re.I):
        return ""  # "công văn của UBND ..." names the sender, not the subject
    m = _SUBJECT_STOP.search(rest)
    words = (rest[: m.start()] if m else rest).split()
    return " ".join(words[:14]) if len(words) >= 2 else ""


def agency_code(agency: str) -> str:
    """The agency part of a document code: UBND, or the initials of the agency's name
    ("Sở Khoa học và Công nghệ" -> "SKHCN"), as offices abbreviate themselves."""
    words = fold_keep_offsets(agency).split()
    if not words or agency.startswith("[") or words[0] in ("ubnd", "uy"):
        return "UBND"
    initials = []
    for w, orig in zip(words, agency.split(), strict=False):
        if w in ("tinh", "phuong", "xa", "thon"):
            break
        if w != "va":
            initials.append(orig[0].upper())
    return "".join(initials) or "UBND"


def _signer(agency: str) -> list[str]:
    folded = fold_keep_offsets(agency)
    if folded.startswith(("ubnd", "uy ban nhan dan")):
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "[Họ và tên người ký]"]
    if folded.startswith(("so ", "trung tam", "cuc", "chi cuc")):
        return [
            "GIÁM ĐỐC" if not folded.startswith(("cuc", "chi cuc")) else "CỤC TRƯỞNG",
            "[Họ và tên người ký]",
        ]
    return ["[CHỨC VỤ NGƯỜI KÝ]", "[Họ và tên người ký]"]


def draft(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    from aiwork.decree30 import rules

    kind = doc_type(prompt) or "cong van"
    spec = rules.DOC_TYPES[DRAFT_KINDS[kind]]
    title, abbr = spec.title, spec.abbreviation
    f = facts(prompt)
    # The subject comes from the instruction, never from the material ("về Văn phòng ..." in
    # a fact is not the document's subject).
    instruction = strip_material(prompt)
    f.subject = (
        facts(instruction).subject
        or brief(prompt, kind, f)[0]
        or subject_after_kind(instruction, kind)
    )
    agency = _agency(f)
    # The number is left for the clerk ("…"): the mock never invents a document number.
    unit = agency_code(agency)
    code = f"…/{abbr}-{unit}" if abbr else f"…/{unit}-VP"
    folded = fold_keep_offsets(prompt)
    place = (
        "Quy Nhơn" if "quy nhon" in folded else "Gia Lai" if "gia lai" in folded else "[địa danh]"
    )
    header = [
        f"{agency.upper()}    {rules.NATIONAL_TEXT}",
        rules.SLOGAN_TEXT,
        f"Số: {code}    {place}, ngày … tháng … năm …",
    ]
    if title:
        # Trích yếu in sentence case under the type name (Decree 30, Phụ lục I).
        header += [
            title,
            (f.subject[:1].upper() + f.subject[1:]) if f.subject else "[Trích yếu nội dung]",
        ]
    else:
        header += [f"V/v {f.subject}" if f.subject else "V/v [trích yếu]"]
    greeting = [f"Kính gửi: {f.recipients[0]}."] if f.recipients and spec.kinh_gui else []
    body = _body(kind, f, anatomy, seed, prompt)
    if anatomy.layout == "bullets":
        # Asked for bullets: the points after the lead sentence become "- " lines, as many as
        # asked ("3 gạch đầu dòng"); a closing sentence ("./.") stays a sentence.
        end = body[-1:] if body[-1].endswith("./.") else []
        points = body[1 : len(body) - len(end)]
        if anatomy.item_count:
            points = points[: anatomy.item_count]
        body = body[:1] + ["- " + re.sub(r"^(?:[IVX]+\.|\d+\.)\s*", "", x) for x in points] + end
    if anatomy.tone == "thân thiện":
        body.append("Rất mong nhận được sự quan tâm, đồng hành của quý vị.")
    if anatomy.max_sentences:
        # Asked for N sentences: the content alone, its first N sentences (a lead line that
        # only announces a list, "... như sau:", is left out).
        lines = [re.sub(r"^(?:[IVX]+\.|\d+\.|-)\s*", "", x) for x in body]
        kept = [s for x in lines if not x.endswith(":") for s in sentences(x)]
        text = " ".join(kept[: anatomy.max_sentences])
        if anatomy.max_words and word_count(text) > anatomy.max_words:
            text = truncate_words(text, anatomy.max_words)
        return Reply(text, task="draft")
    if anatomy.layout == "prose":
        # Asked for a paragraph: the content alone, as one paragraph (no letterhead lines,
        # no numbered points, no recipient list).
        # "3 đoạn văn" / "2-3 đoạn": the body's lines grouped, in order, into that many
        # paragraphs (the larger number of a range); otherwise one paragraph.
        lines = [re.sub(r"^(?:[IVX]+\.|\d+\.|-)\s*", "", line) for line in body]
        m = re.search(r"(\d)\s*(?:-\s*(\d)\s*)?doan", fold_keep_offsets(prompt))
        n = int(m.group(2) or m.group(1)) if m else 1
        size = max(1, -(-len(lines) // max(n, 1)))
        text = "\n\n".join(" ".join(lines[i : i + size]) for i in range(0, len(lines), size))
        if anatomy.max_words and word_count(text) > anatomy.max_words:
            text = truncate_words(text, anatomy.max_words)
        return Reply(text, task="draft")
    parts = {
        "letterhead": header[:3],
        "title": header[3:],
        "greeting": greeting,
        "body": body,
        "signer": _signer(agency),
        "closing": ["Nơi nhận:", "- Như trên;", "- Lưu: VT."],
    }
    order = ("letterhead", "title", "greeting", "body", "signer", "closing")

    def render() -> str:
        return "\n".join(line for name in order for line in parts[name])

    text = render()

    def too_long(t: str) -> bool:
        return bool(
            (anatomy.max_words and word_count(t) > anatomy.max_words)
            or (anatomy.max_lines and count_lines(t) > anatomy.max_lines)
        )

    # Over a word or line limit: optional parts go first (recipient list, signature,
    # greeting, letterhead), then the body is cut.
    for name in ("closing", "signer", "greeting", "letterhead"):
        if not too_long(text):
            break
        parts[name] = []
        text = render()
    if anatomy.max_lines and count_lines(text) > anatomy.max_lines:
        text = "\n".join([x for x in text.split("\n") if x.strip()][: anatomy.max_lines])
    if anatomy.max_words and word_count(text) > anatomy.max_words:
        text = truncate_words(text, anatomy.max_words)
    return Reply(re.sub(r"[ \t]+\n", "\n", text), task="draft")
