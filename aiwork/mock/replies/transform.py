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
from aiwork.vi import fold_keep_offsets

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
    "ok": "đồng ý",
    "oke": "đồng ý",
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


def rewrite(prompt: str, anatomy: PromptAnatomy, seed: str) -> Reply:
    source = source_text(prompt)
    if not source:
        return Reply(ASK_TEXT, task="rewrite")
    tone = anatomy.tone or "trang trọng"
    table = _FRIENDLY if tone in ("thân thiện", "dễ hiểu") else _FORMAL
    text, _ = _replace_words(source, table)
    text = _tidy(text)
    if anatomy.layout or anatomy.item_count or anatomy.max_words:
        # A format rewrite ("chuyển thành gạch đầu dòng", "viết lại trong 50 từ").
        text = shape(sentences(text) or [text], anatomy)
    return Reply(text, task="rewrite")


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
            if tok.isalpha() and not tok[0].isupper():
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
    text, unknown = _translate(source, _EN_VI if to_vi else _VI_EN, fold_keys=not to_vi)
    reply = text
    if unknown:
        reply += (
            "\n(Ghi chú: trợ lý ngoại tuyến chỉ dịch được các thuật ngữ hành chính thông dụng; "
            "các từ sau giữ nguyên, cần người dịch kiểm tra: "
            + ", ".join(dict.fromkeys(unknown))
            + ")"
        )
    return Reply(reply, task="translate")
