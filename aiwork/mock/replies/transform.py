"""Transform given text: rewrite the tone, translate short texts VN<->EN, proofread.

All three work on the material the prompt supplies (a delimited block or what follows a
colon, see ``textutil.source_text``) and ask for it when there is none.

- rewrite: word-level substitutions towards the requested tone (default "trang trọng":
  teen-code and casual words -> administrative words; "thân thiện"/"dễ hiểu": the reverse
  direction for stiff words), sentences capitalised and ended; a requested layout, item count
  or word limit reshapes the sentences (format rewrite);
- translate: a phrase table of administrative terms, longest match first; words it does not
  know are kept and listed, because an honest offline model cannot translate freely;
- proofread: a table of common Vietnamese spelling mistakes and teen-code, spacing and
  capitals; the reply gives the corrected text and the list of changes.
(Classification lives in :mod:`aiwork.mock.replies.classify`.)
"""

from __future__ import annotations

import re

from aiwork.mock.replies import Reply
from aiwork.mock.replies.shape import shape
from aiwork.mock.textutil import sentences, source_text
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import find_dates, fold_keep_offsets

ASK_TEXT = (
    'Anh/chị vui lòng dán đoạn văn bản cần xử lý (đặt giữa cặp dấu """ """) để tôi '
    "thực hiện chính xác."
)

_FORMAL = {
    "ko": "không",
    "k": "không",
    "hok": "không",
    "hông": "không",
    "dc": "được",
    "đc": "được",
    "mn": "mọi người",
    "ơi": "",
    "nhé": "",
    "nha": "",
    "nhen": "",
    "tụi mình": "chúng tôi",
    "bọn mình": "chúng tôi",
    "mình": "chúng tôi",
    "bạn": "ông/bà",
    "mấy anh chị": "các anh/chị",
    "gấp": "khẩn trương",
    "lẹ": "nhanh chóng",
    "mau": "sớm",
    "đừng": "đề nghị không",
    "phải": "cần",
    "vụ": "việc",
    "xíu": "một chút",
    "tí": "một chút",
    "cám ơn": "trân trọng cảm ơn",
    "cảm ơn": "trân trọng cảm ơn",
}
_FRIENDLY = {
    "đề nghị": "mời",
    "khẩn trương": "sớm",
    "nghiêm cấm": "xin đừng",
    "yêu cầu": "mong",
    "kính gửi": "gửi",
    "chấp hành": "thực hiện",
    "xử lý": "giải quyết",
    "trân trọng": "chân thành",
}
_SPELLING = {
    "sảy ra": "xảy ra",
    "giành cho": "dành cho",
    "chuẩn đoán": "chẩn đoán",
    "sát nhập": "sáp nhập",
    "xắp xếp": "sắp xếp",
    "xử dụng": "sử dụng",
    "trương trình": "chương trình",
    "chia xẻ": "chia sẻ",
    "dấu diếm": "giấu giếm",
    "suất sắc": "xuất sắc",
    "sử lý": "xử lý",
    "yêu cầu cầu": "yêu cầu",
    "các các": "các",
    "ko": "không",
    "dc": "được",
    "đc": "được",
    "kiểm tra lại lại": "kiểm tra lại",
    "xuất xắc": "xuất sắc",
    "dành giật": "giành giật",
    "trinh bày": "trình bày",
    "hành chánh": "hành chính",
}
# Administrative phrases, Vietnamese -> English (keys folded for matching).
_VI_EN = {
    "uy ban nhan dan": "People's Committee",
    "ubnd": "People's Committee",
    "tinh": "province",
    "phuong": "ward",
    "xa": "commune",
    "so khoa hoc va cong nghe": "Department of Science and Technology",
    "so noi vu": "Department of Home Affairs",
    "trung tam phuc vu hanh chinh cong": "Public Administration Service Centre",
    "thu tuc hanh chinh": "administrative procedure",
    "ho so": "dossier",
    "cong van": "official letter",
    "thong bao": "notice",
    "giay moi": "invitation",
    "bao cao": "report",
    "ke hoach": "plan",
    "to trinh": "submission",
    "quyet dinh": "decision",
    "nguoi dan": "citizens",
    "doanh nghiep": "businesses",
    "can bo": "officials",
    "cong chuc": "civil servants",
    "chuyen doi so": "digital transformation",
    "binh dan hoc vu so": "Digital Literacy for All",
    "tri tue nhan tao": "artificial intelligence",
    "du lieu ca nhan": "personal data",
    "kinh gui": "To",
    "tran trong": "Respectfully",
    "hop": "meeting",
    "cuoc hop": "meeting",
    "thoi gian": "time",
    "dia diem": "venue",
    "noi dung": "content",
    "ngay": "date",
    "thang": "month",
    "nam": "year",
    "de nghi": "request",
    "tiep nhan": "receive",
    "giai quyet": "process",
    "truc tuyen": "online",
    "dich vu cong": "public services",
    "trien khai": "implement",
    "tap huan": "training",
    "ky nang so": "digital skills",
    "va": "and",
    "cua": "of",
    "cho": "for",
    "tai": "at",
    "ve viec": "regarding",
    "cac": "the",
    "xin chao": "hello",
    "cam on": "thank you",
    "chinh quyen": "government",
    "dia phuong": "local",
}
_VI_EN.update(
    {
        "chung toi co the giup gi cho ong / ba": "how can we help you",
        "chung toi co the giup gi": "how can we help",
        "cong dich vu cong quoc gia": "National Public Service Portal",
        "nguoi dan co the": "citizens can",
        "co the": "can",
        "nop ho so truc tuyen": "submit applications online",
        "nop ho so": "submit applications",
        "nop": "submit",
        "tren": "on",
        "le phi dang ky khai sinh": "the birth registration fee",
        "dang ky khai sinh": "birth registration",
        "dang ky ket hon": "marriage registration",
        "thu tuc dang ky ket hon": "the marriage registration procedure",
        "le phi": "fee",
        "duoc mien": "is waived",
        "mien": "waived",
        "duoc giai quyet trong": "is processed within",
        "duoc giai quyet": "is processed",
        "ngay lam viec": "working days",
        "bo phan mot cua": "The one-stop shop",
        "lam viec": "works",
        "tu thu hai den thu sau": "from Monday to Friday",
        "thu hai": "Monday",
        "thu ba": "Tuesday",
        "thu tu": "Wednesday",
        "thu nam": "Thursday",
        "thu sau": "Friday",
        "thu bay": "Saturday",
        "chu nhat": "Sunday",
        "sang": "morning",
        "chieu": "afternoon",
        "tu": "from",
        "den": "to",
        "vui long mang theo": "please bring",
        "vui long": "please",
        "mang theo": "bring",
        "can cuoc cong dan": "citizen identity card",
        "giay khai sinh ban sao": "a copy of the birth certificate",
        "giay khai sinh": "birth certificate",
        "ban sao": "copy",
        "to chuc tap huan": "organises training on",
        "to chuc": "organises",
        "khong dua": "do not enter",
        "cong cu tri tue nhan tao cong cong": "public artificial intelligence tools",
        "cong cu": "tools",
        "cong cong": "public",
        "vao": "into",
        "thong bao": "announces",
        "cuoc hop ve": "the meeting on",
        "dien ra": "takes place",
        "luc": "at",
        "hoi truong": "the hall of",
        "tai hoi truong": "at the hall of",
        "xin chao": "Hello",
        "chung toi": "we",
        "giup": "help",
        "gi": "what",
        "ong / ba": "you",
        "ve": "on",
        "voi": "with",
        "nguoi nuoc ngoai": "foreigners",
        "dich vu cong truc tuyen": "online public services",
    }
)
_EN_VI = {
    "people's committee": "Ủy ban nhân dân",
    "province": "tỉnh",
    "ward": "phường",
    "commune": "xã",
    "department": "Sở",
    "administrative procedure": "thủ tục hành chính",
    "dossier": "hồ sơ",
    "official letter": "công văn",
    "notice": "thông báo",
    "invitation": "giấy mời",
    "report": "báo cáo",
    "plan": "kế hoạch",
    "decision": "quyết định",
    "citizens": "người dân",
    "businesses": "doanh nghiệp",
    "officials": "cán bộ",
    "civil servants": "công chức",
    "digital transformation": "chuyển đổi số",
    "artificial intelligence": "trí tuệ nhân tạo",
    "personal data": "dữ liệu cá nhân",
    "meeting": "cuộc họp",
    "time": "thời gian",
    "venue": "địa điểm",
    "online": "trực tuyến",
    "public services": "dịch vụ công",
    "training": "tập huấn",
    "digital skills": "kỹ năng số",
    "and": "và",
    "of": "của",
    "for": "cho",
    "at": "tại",
    "the": "",
    "a": "",
    "an": "",
    "hello": "xin chào",
    "thank you": "cảm ơn",
    "is": "là",
    "are": "là",
    "will": "sẽ",
    "please": "đề nghị",
    "submit": "nộp",
    "application": "hồ sơ",
    "deadline": "thời hạn",
    "before the deadline": "trước thời hạn",
    "before": "trước",
    "your": "của ông/bà",
    "please submit your application": "đề nghị ông/bà nộp hồ sơ",
    "the meeting will be held at": "cuộc họp sẽ được tổ chức tại",
    "will be held": "sẽ được tổ chức",
    "the people's committee of the ward": "Ủy ban nhân dân phường",
    "on monday": "vào thứ Hai",
    "monday": "thứ Hai",
    "tuesday": "thứ Ba",
    "wednesday": "thứ Tư",
    "thursday": "thứ Năm",
    "friday": "thứ Sáu",
    "saturday": "thứ Bảy",
    "sunday": "Chủ nhật",
    "on": "vào",
    "thank you for your cooperation": "trân trọng cảm ơn sự phối hợp của ông/bà",
    "cooperation": "sự phối hợp",
    "citizens can register online": "người dân có thể đăng ký trực tuyến",
    "can": "có thể",
    "register": "đăng ký",
    "receive the result by post": "nhận kết quả qua bưu điện",
    "receive": "nhận",
    "result": "kết quả",
    "by post": "qua bưu điện",
    "the office will be closed": "cơ quan sẽ nghỉ làm việc",
    "closed": "nghỉ",
    "office": "cơ quan",
}


def _replace_words(text: str, table: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    changes = []
    for wrong in sorted(table, key=len, reverse=True):
        right = table[wrong]
        pattern = re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)", re.I)
        if pattern.search(text) and wrong != right:
            changes.append((wrong, right or "(bỏ)"))
            text = pattern.sub(right, text)
    return text, changes


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([.!?])\s+(\w)", lambda m: f"{m.group(1)} {m.group(2).upper()}", text)
    text = text.strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if not text or text[-1] in ".!?…" else text + "."


# Casual phrasing -> the administrative register, applied before the word table (longer,
# more specific phrases first). Regular expressions on the text as written.
_FORMAL_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bnhớ đi đông đủ\b", "đề nghị tham dự đầy đủ"),
    (r"\bnhớ đừng có\b", "tuyệt đối không"),
    (r"\bđừng có\b", "không"),
    (r"\bđừng đến trễ\b", "đề nghị đến đúng giờ"),
    (r",?\s*lộ là toang(?: đó)?", " để tránh lộ lọt thông tin"),
    (r"\btoang\b", "ảnh hưởng nghiêm trọng"),
    (r"\blên ChatGPT\b", "vào các công cụ trí tuệ nhân tạo công cộng như ChatGPT"),
    (r"\bcủa dân\b", "của người dân"),
    (r"\bcúp điện\b", "tạm ngừng cung cấp điện"),
    (
        r"\bcó gì cần làm hồ sơ thì qua sau\b",
        "người dân có nhu cầu làm hồ sơ vui lòng đến vào ngày khác",
    ),
    (r"\bcó gì sếp góp ý\b", "kính mong lãnh đạo cho ý kiến chỉ đạo"),
    (r"\bsếp xem giúp em\b", "kính trình lãnh đạo xem xét"),
    (r"\bem gửi\b", "tôi xin gửi"),
    (r"\bđể em sửa\b", "để tôi hoàn thiện"),
    (r"\bem xin\b", "tôi xin"),
    (r"\bnhà em có việc gấp\b", "do gia đình có việc đột xuất"),
    (r"\bem sẽ\b", "tôi sẽ"),
    (r"\bxong vụ\b", "hoàn thành việc"),
    (
        r"\bai chưa làm thì làm lẹ(?: giùm)?\b",
        "đề nghị các đồng chí chưa thực hiện khẩn trương hoàn thành",
    ),
    (r"\bbổ sung đi rồi nộp lại\b", "đề nghị ông/bà bổ sung và nộp lại hồ sơ"),
    (r"\bquá đỉnh\b", "rất hiệu quả"),
    (r"\bteam\b", "bộ phận"),
    (r"\bkhông trễ cái nào\b", "không có hồ sơ trễ hạn"),
    (r"\btháng này giải quyết\b", "trong tháng đã giải quyết"),
    (r"\bnộp báo cáo tháng gấp\b", "khẩn trương nộp báo cáo tháng"),
    (r"\bhạn chót là\b", "thời hạn cuối cùng là"),
    (r"\bko nộp là bị nhắc tên(?: đó)?\b", "trường hợp chậm nộp sẽ bị nhắc nhở"),
    (r"\bgửi gấp\b", "khẩn trương gửi"),
    (r"\bcho tụi mình\b", "về đơn vị chúng tôi"),
    (r"\blo vụ\b", "phụ trách"),
    (r"\blo\b", "phụ trách"),
    (r"\bcòn em\b", "đồng chí"),
    (r"\b(?:anh|chị|em)\s+(?=[A-ZĐ])", "đồng chí "),
    (r"\bbàn vụ\b", "bàn về"),
    (r"\bhọp ở\b", "họp tại"),
    (r"\btừ thứ 5 tới chủ nhật\b", "từ thứ Năm đến Chủ nhật"),
    (r"\bđi làm lại bình thường\b", "cán bộ, công chức làm việc bình thường"),
    (r"\b(\d{1,2})h chiều\b", lambda m: f"{int(m.group(1)) + 12} giờ"),
    (
        r"\b(\d{1,2})h tối\b",
        lambda m: f"{int(m.group(1)) + 12 if int(m.group(1)) < 12 else m.group(1)} giờ tối",
    ),
    (
        r"\b(\d{1,2})h(\d{2})?\b",
        lambda m: f"{m.group(1)} giờ" + (f" {m.group(2)}" if m.group(2) else ""),
    ),
    (r"(?-i:(?<![\w/])mai\b)", "ngày mai"),
    (r"(?<=này) đó\b", ""),
    (r"\s*\b(?:nha|nhé|nhen|nghen)\b(?:\s+(?:anh|chị|mọi người|cả nhà|mn))?", ""),
    (r",?\s*\bđó\s*(?=[.!]|$)", ""),
    (r"\bgiùm\b", ""),
)
# A casual address at the start of the text -> a formal salutation.
_SALUTATION = re.compile(
    r"^\s*(?:ok\s+)?(?:(mấy|các)\s+)?(anh chị|anh/chị|mọi người|mn|cả nhà|các bác|bác|"
    r"bà con|sếp|anh|chị)\s*(?:ơi)?\s*[,!:]\s*",
    re.I,
)
_ADDRESSEES = {
    "anh chị": "các anh/chị",
    "anh/chị": "các anh/chị",
    "mọi người": "toàn thể cán bộ, công chức",
    "mn": "toàn thể cán bộ, công chức",
    "cả nhà": "toàn thể cán bộ, công chức",
    "các bác": "các đồng chí",
    "bác": "các đồng chí",
    "bà con": "bà con nhân dân",
    "sếp": "đồng chí lãnh đạo",
    "anh": "đồng chí",
    "chị": "đồng chí",
}
# Trailing vocatives ("..., mọi người", "... nha cả nhà") once the particles are gone.
_TRAILING_VOCATIVE = re.compile(
    r",?\s*\b(?:mọi người|cả nhà|mn|anh ơi|chị ơi)\b(?=\s*[,.!]|$)", re.I
)


def formalise(text: str) -> str:
    """Casual text in the administrative register: a formal salutation, casual phrases and
    words replaced, particles and slang removed, times written out; facts kept."""
    text = re.sub(r"\s+", " ", text).strip()
    salutation = ""
    m = _SALUTATION.match(text)
    if m and not text[m.end() :].lstrip().startswith(("là", "và")):
        who = (m.group(2) or "").lower()
        salutation = f"Kính gửi {_ADDRESSEES.get(who, who)}: "
        text = text[m.end() :]
    text = re.sub(r"^\s*ok(?:e)?\s+(?:mn|mọi người)?\s*,?\s*", "", text, flags=re.I)
    for pattern, repl in _FORMAL_PHRASES:
        text = re.sub(pattern, repl, text, flags=re.I)
    text = _TRAILING_VOCATIVE.sub("", text)
    text, _ = _replace_words(text, _FORMAL)
    text = re.sub(r"\bơi\b,?", "", text)
    text = re.sub(r"\s*!+", ".", text)
    text = _tidy(text)
    if salutation:
        body = text[:1].lower() + text[1:] if text[1:2].islower() else text
        text = salutation + body
    return text


def rewrite(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    source = source_text(prompt) or quoted(prompt)
    if not source:
        return Reply(ASK_TEXT, task="rewrite")
    tone = anatomy.tone or "trang trọng"
    if tone in ("thân thiện", "dễ hiểu"):
        text, _ = _replace_words(source, _FRIENDLY)
        text = _tidy(text)
    else:
        text = formalise(source)
    if anatomy.layout or anatomy.item_count or anatomy.max_words:
        # A format rewrite ("chuyển thành gạch đầu dòng", "viết lại trong 50 từ").
        text = shape(sentences(text) or [text], anatomy)
    return Reply(text, task="rewrite")


_SHORT_QUOTE = re.compile(r"[“\"]([^“”\"]{8,})[”\"]")


def quoted(prompt: str) -> str:
    """A short text to work on, quoted or after a colon ("Viết lại câu sau: ..."); the
    general material rules (``source_text``) want longer texts."""
    m = _SHORT_QUOTE.search(prompt)
    if m:
        return m.group(1).strip()
    m = re.search(r":\s*(.+)$", prompt.strip(), re.S)
    if m and len(m.group(1).split()) >= 4:
        return m.group(1).strip()
    return ""


def proofread(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    source = source_text(prompt)
    if not source:
        return Reply(ASK_TEXT, task="proofread")
    text, changes = _replace_words(source, _SPELLING)
    tidy = _tidy(text)
    if not changes and tidy == source.strip():
        return Reply("Không phát hiện lỗi chính tả đáng kể trong đoạn văn.", task="proofread")
    lines = ["Văn bản đã sửa:", tidy]
    if changes:
        lines += ["Các lỗi đã sửa:", *(f'- "{w}" → "{r}"' for w, r in changes)]
    if tidy != text.strip():
        lines.append("- Chuẩn hóa khoảng trắng, dấu câu và chữ hoa đầu câu.")
    return Reply("\n".join(lines), task="proofread")


_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_VI_UNITS = {"phường": "Ward", "xã": "Commune", "tỉnh": "Province", "thành phố": "City"}


def _ascii_name(name: str) -> str:
    """Quy Nhơn -> Quy Nhon: proper names lose their diacritics in English text."""
    from aiwork.vi import strip_diacritics

    return strip_diacritics(name)


def _vi_en_patterns(text: str) -> str:
    """Dates, times, agency names and counts the phrase table cannot order."""

    text = re.sub(
        r"(\d{1,2})\s*giờ\s*(\d{2})(?![/\d])(?:\s*phút)?",
        lambda m: f"{m.group(1)}:{m.group(2)}",
        text,
    )
    text = re.sub(r"(\d{1,2})\s*giờ", lambda m: f"{m.group(1)}:00", text)
    for d in reversed(find_dates(text)):
        english = f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if d.year else "")
        start = d.start
        if text[max(0, start - 5) : start].lower() == "ngày ":
            start -= 5
            english = "on " + english
        elif d.text.lower().startswith("ngày "):
            english = "on " + english
        text = text[:start] + english + text[d.end :]
    text = re.sub(r"(\d+)\s+ngày làm việc", r"\1 working days", text)

    def people_committee(m: re.Match[str]) -> str:
        unit, name = m.group(1).lower(), _ascii_name(m.group(2))
        if unit == "tỉnh":
            return f"the {name} Provincial People's Committee"
        return f"the {name} {_VI_UNITS.get(unit, unit)} People's Committee"

    name = r"((?:[A-ZĐ][\wÀ-ỹ]*)(?:\s+[A-ZĐ][\wÀ-ỹ]*)*)"
    text = re.sub(
        rf"(?:UBND|Ủy ban nhân dân)\s+(phường|xã|tỉnh|thành phố)\s+{name}", people_committee, text
    )
    text = re.sub(
        rf"Sở Khoa học và Công nghệ tỉnh\s+{name}",
        lambda m: f"the {_ascii_name(m.group(1))} Department of Science and Technology",
        text,
    )
    text = re.sub(
        rf"(?:tỉnh|thành phố|phường|xã)\s+{name}", lambda m: _ascii_name(m.group(1)), text
    )
    text = re.sub(
        r"(?:UBND|Ủy ban nhân dân)\s+(phường|xã|tỉnh)\b",
        lambda m: f"the {_VI_UNITS[m.group(1)]} People's Committee",
        text,
    )
    return text


def _en_vi_patterns(text: str) -> str:
    months = {m.lower(): i for i, m in enumerate(_MONTHS, 1)}

    def date(m: re.Match[str]) -> str:
        return f"ngày {m.group(1)}/{months[m.group(2).lower()]}" + (
            f"/{m.group(3)}" if m.group(3) else ""
        )

    return re.sub(
        rf"\b(\d{{1,2}})\s+({'|'.join(_MONTHS)})(?:\s+(\d{{4}}))?\b", date, text, flags=re.I
    )


_VI_LETTER = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]")


def _translate(text: str, table: dict[str, str], fold_keys: bool) -> tuple[str, list[str]]:
    tokens = re.findall(r"[\w']+|[^\w\s]", text)
    keys = [fold_keep_offsets(t) if fold_keys else t.lower() for t in tokens]
    out, unknown, i = [], [], 0
    longest = max(len(k.split()) for k in table)
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            phrase = " ".join(keys[i : i + n])
            if phrase in table:
                if table[phrase]:
                    out.append(table[phrase])
                i += n
                break
        else:
            tok = tokens[i]
            out.append(tok)
            source_word = (
                tok.isascii() and tok.isalpha() and len(tok) > 2
                if not fold_keys
                else bool(_VI_LETTER.search(tok.lower()))
            )
            if source_word and not tok[0].isupper():
                unknown.append(tok)
            i += 1
    result = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(out))
    return result[:1].upper() + result[1:], unknown


def translate(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    folded = fold_keep_offsets(prompt)
    to_vi = bool(re.search(r"sang tieng viet|into vietnamese|to vietnamese|ra tieng viet", folded))
    source = source_text(prompt) or prompt.split(":", 1)[-1].strip()
    if not source or source == prompt:
        return Reply(ASK_TEXT, task="translate")
    source = _en_vi_patterns(source) if to_vi else _vi_en_patterns(source)
    text, unknown = _translate(source, _EN_VI if to_vi else _VI_EN, fold_keys=not to_vi)
    text = re.sub(r"(\d)\s*([:/])\s*(?=\d)", r"\1\2", text)  # "8 : 00" -> "8:00"
    reply = text
    if unknown:
        reply += (
            "\n(Ghi chú: trợ lý ngoại tuyến chỉ dịch được các thuật ngữ hành chính thông dụng; "
            "các từ sau giữ nguyên, cần người dịch kiểm tra: "
            + ", ".join(dict.fromkeys(unknown))
            + ")"
        )
    return Reply(reply, task="translate")
