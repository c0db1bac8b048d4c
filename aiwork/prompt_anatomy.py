"""Anatomy of a Vietnamese prompt: which of the six parts it states, and what it constrains.

One home for the prompt-quality rules. The module 1 grader (``graders/m01_loi_nhac.py``) and
the offline assistant (``aiwork.mock``) both read them, so a lesson that says "a good prompt
states its role, task, context, audience, format and constraints" is graded and answered by
the same rules.

Matching works on a *folded* copy of the prompt: NFC, lower case, diacritics removed and
"đ" -> "d", so "tóm tắt", "tom tat" and "TÓM TẮT" all match. Folding keeps one character per
character, so every match maps back to the learner's own words, returned as ``evidence``.

The six parts (each a :class:`Part` with ``present`` and ``evidence``):

``role``
    The assistant is given a role: "Bạn là ...", "Anh/chị là ...", "Đóng vai ...",
    "Trong vai (trò) ...", "Với vai trò ...", "Hãy là ...", "Là (một) chuyên viên ..." and
    "Là cán bộ ..." at the start of a sentence, "Với tư cách (là) ...", "Ở vị trí ...".
``task``
    An action verb asks for an output: soạn (thảo), viết (lại), tóm tắt, trích xuất, trả lời,
    dịch, phân loại, rà soát / sửa lỗi / soát lỗi, lập (kế hoạch/báo cáo), liệt kê, đề xuất,
    giải thích, chuyển (giọng văn), tổng hợp, phân tích, so sánh, kiểm tra, lập bảng, tạo.
``context``
    The situation or source material is given: a marker word (bối cảnh, ngữ cảnh, thông tin,
    dữ liệu, tình hình, căn cứ, sự việc, văn bản/đoạn văn/nội dung sau, hiện nay, vừa qua,
    nhằm, để phục vụ) or a delimited passage (any style of :func:`delimited_blocks`, or a line
    ending in ":" followed by at least 12 more words) or concrete specifics (a date "15/3" /
    "ngày 15 tháng 3", a clock time "8 giờ" / "8h30", a place "tại ...").
``audience``
    Who reads the output: kính gửi, gửi (đến/tới/cho), dành cho, người đọc/người nhận,
    đối tượng, gửi các/toàn thể/ông/bà/lãnh đạo/cán bộ/công chức/người dân/UBND/Sở ...,
    "cho người dân / bà con / lãnh đạo / cán bộ / công chức / doanh nghiệp / ...",
    "tới/đến (toàn thể/tất cả/các) cán bộ / công chức / người dân / ...".
``format``
    The shape of the output: gạch đầu dòng, đoạn văn, bảng, JSON, danh sách, tiêu đề, theo mẫu,
    theo thể thức, gồm các mục/phần/trường, định dạng, trình bày, "N ý/điểm/mục".
``constraints``
    A limit or rule: a word limit (below), ngắn gọn/súc tích, "không (được) / không nêu /
    không dùng / tránh / chỉ dùng / chỉ dựa trên / phải / bắt buộc", a tone requirement.

Parsed constraints:

``max_words``
    (counted by :func:`count_words`) "không quá / tối đa / dưới / ít hơn / không vượt quá / trong vòng / giới hạn N từ|chữ"
    -> N (an upper bound; "dưới 200 chữ" is read as 200 so a reply may use up to N words);
    "N–M từ" / "từ N đến M từ" -> M; "khoảng / chừng / tầm / xấp xỉ N từ" -> N + 20 % (a
    reply of about N words, as a real model writes it; ``approx_words`` keeps N); a page
    measure "nửa trang" -> :data:`WORDS_PER_PAGE` / 2, "một trang" / "1 trang" ->
    :data:`WORDS_PER_PAGE`, "hai trang" -> twice that.
``max_sentences``
    "không quá / tối đa / trong / gói gọn trong / chỉ / gồm / khoảng N câu" (not "câu hỏi")
    -> N; "ngắn gọn trong 3 câu", "trả lời trong hai câu".
``max_lines``
    "không quá / tối đa / trong / chỉ N dòng" -> N.
``layout``
    "bullets" for gạch đầu dòng / liệt kê / danh sách / dấu chấm đầu dòng / đánh số (thứ tự) /
    mỗi ý một dòng / các ý ngắn / "N ý";
    "prose" for đoạn văn / văn xuôi / một đoạn / viết liền (mạch) / thành đoạn / "không gạch
    đầu dòng" / "không liệt kê" (these win over bullets),
    and for viết đoạn / đoạn báo cáo|tóm tắt|nhận xét|giới thiệu unless bullets are asked for.
``item_count``
    "N ý / điểm / mục / nội dung / bước / đề xuất / biện pháp / nhiệm vụ / giải pháp /
    gạch đầu dòng / vấn đề / kiến nghị / lưu ý / gợi ý / nguyên tắc / ví dụ / điều / việc cần
    làm / lợi ích / rủi ro", N as digits or a number word một..mười.
``fields``
    Requested fields or headings: the comma / "và" / ";" separated list after "gồm (các)
    (mục|phần|trường|thông tin|nội dung|tiêu đề)" or "các (mục|trường|phần|khóa):" up to the end
    of the sentence, or in brackets after "ý / điểm / mục / gạch đầu dòng" ("3 gạch đầu dòng
    (thời gian, địa điểm, lưu ý)"); each item trimmed of quotes.
``tone``
    One canonical label: "trang trọng" (trang trọng, nghiêm túc, văn phong hành chính, giọng hành
    chính), "thân thiện" (thân thiện, gần gũi, thân mật), "lịch sự" (lịch sự, nhã nhặn),
    "dễ hiểu" (dễ hiểu, đơn giản, giản dị). The tone mentioned first wins.

Folding makes some words collide, so a few rules are narrowed: "viết" is not "Việt (Nam)",
"dịch" is not "dịch vụ/dịch bệnh", "bảng" counts only in table phrases (dạng bảng, lập bảng,
bảng gồm/tổng hợp/số liệu) because "bằng" folds to the same letters, "nhằm" is not "nhầm lẫn".

``label_only``
    The reply must be a bare answer: "chỉ trả lời / ghi / đưa ra / viết / nêu / trả về ...",
    "một nhãn", "duy nhất", "không giải thích" (few-shot classification).

A prompt is *vague* (``is_vague``) when it states at most two of the six parts; the offline
assistant then gives a generic reply, which is what lesson 1 shows.

Delimiters (:func:`delimited_blocks`, :func:`has_delimited_block`): the material a prompt asks
to work on, set apart from the instructions. Every style that survives a Jupyter cell is
accepted, in the order they appear: tags ``<van_ban> … </van_ban>`` (any name, with or without
diacritics; the style the course teaches), bracket tags ``[DỮ LIỆU] … [/DỮ LIỆU]``, fence lines
(a line of three or more ``-``, ``=``, ``*``, ``~``, ``_`` or ``#`` before and after), triple
quotes ``\"\"\"…\"\"\"`` or ``'''…'''``, triple backticks. ``<<< … >>>`` is still read in text
that never passed through IPython (chat boxes, files), but it is not taught: IPython's
classic-prompt transformer deletes a cell line that is ``>>>`` (and the ``>>> ``/``... ``
prefixes), so in a notebook the block arrives unclosed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aiwork.vi import fold_keep_diacritics, fold_keep_offsets, nfc

PARTS: tuple[str, ...] = ("role", "task", "context", "audience", "format", "constraints")

# Vietnamese names of the parts, for learner-facing messages (graders, self-checks).
PART_LABELS_VI: dict[str, str] = {
    "role": "vai trò",
    "task": "nhiệm vụ",
    "context": "bối cảnh",
    "audience": "đối tượng đọc",
    "format": "định dạng",
    "constraints": "ràng buộc",
}

# At most this many parts stated = a vague prompt.
VAGUE_MAX_PARTS = 2

# Words on an A4 page of body text at 13–14 pt (Decree 30 layout): "nửa trang" is half of it.
WORDS_PER_PAGE = 500
# "khoảng N từ": a reply of up to N + this share of N keeps to "about N words".
APPROX_MARGIN = 0.2


def count_words(text: str) -> int:
    """Words as the course counts them for a limit: whitespace-separated tokens (Vietnamese
    writes one syllable per token). Bullet dashes count too, so a reply that passes this
    passes any gentler count."""
    return len(text.split())


_SENTENCE_END = re.compile(r"[.!?…]+(?=[\s\"”’)\]]|$)")


def count_sentences(text: str) -> int:
    """Sentences as the course counts them against a limit: each run of text ending in
    ". ! ? …" (not a decimal point or a date's dots), and each non-empty line that does not
    end in one (a heading, a list item without a full stop)."""
    total = 0
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        ends = len(_SENTENCE_END.findall(line))
        total += ends + (0 if _SENTENCE_END.search(line[-1:] + " ") else 1)
    return total


def count_lines(text: str) -> int:
    """Non-empty lines (a limit "không quá 5 dòng" counts these)."""
    return sum(1 for line in (text or "").splitlines() if line.strip())


@dataclass(frozen=True)
class Part:
    present: bool
    evidence: str = ""


@dataclass(frozen=True)
class PromptAnatomy:
    role: Part
    task: Part
    context: Part
    audience: Part
    format: Part
    constraints: Part
    max_words: int | None = None
    layout: str | None = None  # "bullets" | "prose" | None
    item_count: int | None = None
    fields: tuple[str, ...] = field(default_factory=tuple)
    tone: str | None = None
    label_only: bool = False
    max_sentences: int | None = None
    max_lines: int | None = None
    approx_words: int | None = None

    @property
    def parts(self) -> dict[str, Part]:
        return {name: getattr(self, name) for name in PARTS}

    @property
    def present(self) -> list[str]:
        return [name for name, part in self.parts.items() if part.present]

    @property
    def missing(self) -> list[str]:
        return [name for name, part in self.parts.items() if not part.present]

    @property
    def score(self) -> int:
        """How many of the six parts are stated (0..6)."""
        return len(self.present)

    @property
    def is_vague(self) -> bool:
        return self.score <= VAGUE_MAX_PARTS


# --- delimiters ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    """One delimited passage: its style, the inner text, the inner text's span and the span
    with its delimiters (offsets into the NFC text)."""

    style: str  # "tag", "bracket", "fence", "quotes", "backticks", "angle"
    text: str
    start: int
    end: int
    outer_start: int
    outer_end: int


_NAME = r"[^\W\d][\w.-]{0,40}"
_BLOCK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # <van_ban> ... </van_ban>, <so_lieu loai="bang"> ... </so_lieu>
    # (the inner text holds no second opening tag of that name, so "the text in the tag
    # <van_ban> below:" followed by a block takes the block, not the instruction)
    (
        "tag",
        re.compile(
            rf"<\s*({_NAME})(?:\s[^<>\n]*)?>((?:(?!<\s*\1(?:\s[^<>\n]*)?>).)*?)<\s*/\s*\1\s*>",
            re.S | re.I,
        ),
    ),
    # [DỮ LIỆU] ... [/DỮ LIỆU], [BẮT ĐẦU] ... [KẾT THÚC], [BEGIN] ... [END]
    (
        "bracket",
        re.compile(
            r"\[\s*([^\]\[\n/]{1,40}?)\s*\]((?:(?!\[\s*\1\s*\]).)*?)\[\s*/\s*\1\s*\]", re.S | re.I
        ),
    ),
    (
        "bracket",
        re.compile(
            r"\[\s*(b[ắa]t đ[ầa]u|begin)[^\]\n]{0,30}\](.*?)\[\s*(?:k[ếe]t th[úu]c|end)[^\]\n]{0,30}\]",
            re.S | re.I,
        ),
    ),
    # a fence line (---, ===, ***, ~~~, ___, ###) before and after
    (
        "fence",
        re.compile(r"^[ \t]*([-=*~_#])\1{2,}[ \t]*\n(.*?)\n[ \t]*\1{3,}[ \t]*$", re.S | re.M),
    ),
    ("quotes", re.compile(r'(""")(.*?)"""', re.S)),
    ("quotes", re.compile(r"(''')(.*?)'''", re.S)),
    ("backticks", re.compile(r"(```)(?:[\w-]*\n)?(.*?)```", re.S)),
    # legacy: survives only outside notebooks (IPython deletes a ">>>" line)
    ("angle", re.compile(r"(<<<)((?:(?!<<<).)*?)>>>", re.S)),
)


def delimited_blocks(text: str, min_words: int = 3) -> list[Block]:
    """The delimited passages of ``text`` (styles in the module docstring), in order of
    appearance; a block nested in an earlier one is not listed again. Blocks of fewer than
    ``min_words`` words are ignored, so an instruction that merely names the delimiters
    ("đặt văn bản giữa thẻ <van_ban> và </van_ban>") is not taken for material."""
    text = nfc(text)
    found: list[Block] = []
    for style, pattern in _BLOCK_PATTERNS:
        for m in pattern.finditer(text):
            inner = m.group(2)
            if len(inner.split()) >= min_words:
                found.append(
                    Block(style, inner.strip("\n"), m.start(2), m.end(2), m.start(), m.end())
                )
    found.sort(key=lambda b: (b.outer_start, -b.outer_end))
    out: list[Block] = []
    for block in found:
        if out and block.outer_start < out[-1].outer_end:  # inside an earlier block
            continue
        out.append(block)
    return out


def has_delimited_block(text: str, min_words: int = 3) -> bool:
    """Whether ``text`` sets some material apart between delimiters (any accepted style)."""
    return bool(delimited_blocks(text, min_words))


# --- patterns (on folded text) -------------------------------------------------------------
_END = r"[^.\n;!?]*"  # evidence runs to the end of the clause
_PHRASE = r"[^.\n;!?,]*"  # ... or of the phrase, for role and audience

_ROLE = re.compile(
    r"(?:^|[\s,.;:!?\"'(])((?:ban|anh/chi|anh chi) (?:hay )?(?:la|dong vai)\s+(?:mot |1 )?\S"
    + _PHRASE
    + r"|(?:hay )?dong vai\s+\S"
    + _PHRASE
    + r"|trong vai(?: tro)?\s+\S"
    + _PHRASE
    + r"|voi (?:vai tro|tu cach)(?: la)?\s+\S"
    + _PHRASE
    + r"|hay la mot \S"
    + _PHRASE
    + r"|^la mot \S"
    + _PHRASE
    + r"|(?:^|(?<=[.!?\n:]) ?)la (?:mot |1 )?(?:chuyen vien|can bo|cong chuc|vien chuc|nhan vien|"
    r"thu ky|van thu|lanh dao|chanh van phong|pho chanh|truong phong|pho truong|giam doc|"
    r"tro ly|chuyen gia|nguoi (?:phu trach|soan|tiep nhan))\b"
    + _PHRASE
    + r"|(?:voi tu cach|o vi tri|nhap vai)(?: la)?\s+\S"
    + _PHRASE
    + r"|(?:^|(?<=\n))[ \t]*[-*]?[ \t]*vai tro(?: cua (?:ban|tro ly))?[ \t]*:[ \t]*\S"
    + _PHRASE
    + r"|you are an? \S"
    + _PHRASE
    + ")"
)
_TASK = re.compile(
    # "viet" must not be "Việt Nam"/"tiếng Việt"; "dich" must not be "dịch vụ"/"dịch bệnh".
    r"\b(soan(?: thao)?|(?<!tieng )viet(?! nam)(?: lai)?|tom tat|trich xuat|tra loi|"
    r"dich(?! vu| benh| te| covid)|phan loai|ra soat|"
    r"sua loi|soat loi|sua chinh ta|lap (?:ke hoach|bao cao|bang|danh sach)|liet ke|de xuat|"
    r"giai thich|chuyen(?: giong| sang| thanh)|tong hop|phan tich|so sanh|kiem tra|tao|"
    r"chuan bi|xay dung|bien tap|hieu dinh|write|draft|summari[sz]e|translate)\b"
)
_CONTEXT_MARKER = re.compile(
    r"\b(boi canh|ngu canh|thong tin(?: sau| ve| cho| tu| la|:)|du lieu|tinh hinh|can cu|su viec|"
    r"(?:van ban|doan van|noi dung|tai lieu|bao cao|thong bao) (?:sau|duoi day|ben duoi|dinh kem)|"
    r"hien nay|vua qua|nham(?! lan)|de phuc vu|ly do|ke hoach cua|theo (?:quy dinh|van ban))\b"
)
# Weaker signs of material: a delimiter without a full block (a legacy "<<<" whose ">>>" the
# kernel deleted, a closing tag), or cited passages given as "[p1] ..." lines.
_CONTEXT_DELIM = re.compile(r'<<<|>>>|"""|```|</[^\W\d][\w.-]*>|\[(?:p|doc|nd)[\w-]*\]')
_CONTEXT_SPECIFIC = re.compile(
    r"\b(\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)|ngay \d{1,2} thang \d{1,2}|\d{1,2} ?(?:gio|h)(?: ?\d{2})?\b|"
    r"tai (?:hoi truong|phong|tru so|ubnd|so |trung tam|nha van hoa|phuong|xa|tinh|thon|to dan pho)"
    + _END
    + ")"
)
_AUDIENCE = re.compile(
    r"\b(kinh gui\s*:?\s*\S"
    + _PHRASE
    + r"|gui (?:den|toi|cho|cac|toan the|ong|ba|lanh dao|can bo|cong chuc|nguoi dan|ubnd|so|"
    r"chu tich|pho chu tich|giam doc|thu truong|truong phong|quy|dai bieu|hoc vien|thanh vien)\s*\S"
    + _PHRASE
    + r"|danh cho\s+\S"
    + _PHRASE
    + r"|(?:toi|den|moi|gui) (?:toan the |tat ca |cac |moi |quy |anh chi em |toan bo )?(?:can bo|cong chuc|vien chuc|"
    r"nguoi dan|nhan dan|lanh dao|doanh nghiep|ba con|hoc vien|thanh vien|nhan vien|dai bieu|"
    r"cu tri|ho gia dinh|truong (?:cac )?(?:khu pho|thon|phong|don vi)|ubnd|so|phong ban|"
    r"don vi|cbcc)\b"
    + _PHRASE
    + r"|cho (?:toan the|tat ca|moi|quy)\s+\S"
    + _PHRASE
    + r"|(?:bao cao|trinh|de trinh) (?:len |cho |voi )?(?:lanh dao|chu tich|pho chu tich|giam doc|"
    r"ubnd|uy ban|cap tren|thu truong|thuong truc)\b"
    + _PHRASE
    + r"|nguoi (?:doc|nhan)(?: la)?\s*\S"
    + _PHRASE
    + r"|doi tuong(?: doc| nhan| huong den| la)?\s*:?\s*\S"
    + _PHRASE
    + r"|cho (?:nguoi dan|ba con|nhan dan|lanh dao|can bo|cong chuc|vien chuc|doanh nghiep|"
    r"hoc sinh|phu huynh|cac (?:so|phong|don vi|xa|phuong|ho)|chu tich|giam doc|truong phong)"
    + _PHRASE
    + ")"
)
_FORMAT = re.compile(
    # Folded "bang" is both "bảng" (table) and "bằng" (by), so only table-like phrases count.
    r"\b(gach dau dong|doan van|van xuoi|dang bang|bang (?:gom|co cac|theo|tong hop|so lieu)|"
    r"lap bang|ke bang|json|danh sach|"
    r"tieu de|theo mau|the thuc|gom (?:cac )?(?:muc|phan|truong|y)|dinh dang|trinh bay|"
    r"markdown|(?:\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi) (?:y|diem|muc|phan|buoc)\b)"
)
_MAX_WORDS = re.compile(
    r"\b(?:khong qua|toi da|duoi|it hon|khong vuot qua|trong vong|gioi han(?: o)?|"
    r"khong dai qua|chi)\s*(\d{1,4})\s*(?:tu|chu)\b"
)
_RANGE_WORDS = re.compile(r"\b(\d{1,4})\s*(?:-|–|den|toi)\s*(\d{1,4})\s*(?:tu|chu)\b")
_APPROX_WORDS = re.compile(
    r"\b(?:khoang|chung|tam|xap xi|do|do dai|dai)\s*(\d{1,4})\s*(?:tu|chu)\b"
)
_PAGES = re.compile(r"\b(nua|1/2|mot|1|hai|2)\s*trang\b(?! (?:web|thong tin|chu|bia))")
_PAGE_COUNT = {"nua": 0.5, "1/2": 0.5, "mot": 1, "1": 1, "hai": 2, "2": 2}
_COUNT = r"(\d{1,2}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
_LIMIT = (
    r"(?:khong qua|toi da|trong vong|trong|goi gon trong|gon trong|chi(?: gom)?|gom|khoang|"
    r"duoi|it hon|khong vuot qua|gioi han(?: o)?|vien|viet|tra loi(?: trong)?|tom tat(?: trong)?)"
)
_MAX_SENTENCES = re.compile(rf"\b{_LIMIT}\s*{_COUNT}\s*cau\b(?! hoi)")
_MAX_LINES = re.compile(rf"\b{_LIMIT}\s*(?<![\d.,]){_COUNT}\s*dong\b")
_CONSTRAINT = re.compile(
    r"\b(ngan gon|suc tich|khong (?:duoc|neu|dung|su dung|dua|viet|them|bia|tu)\b"
    + _END
    + r"|tranh\s+\S"
    + _END
    + r"|chi (?:dung|dua tren|su dung|trich|lay|can)\b"
    + _END
    + r"|phai\s+\S"
    + _END
    + r"|bat buoc"
    + _END
    + r"|giong van\s+\S"
    + _END
    + r"|van phong\s+\S"
    + _END
    + ")"
)
_PROSE = re.compile(
    r"\b(khong (?:dung |su dung |viet |trinh bay )?(?:gach dau dong|liet ke|danh so)|"
    r"doan van|van xuoi|mot doan|viet lien(?: mach)?|thanh (?:mot )?doan)\b"
)
# Weaker cues: "viết đoạn tóm tắt ... dạng 3 gạch đầu dòng" asks for bullets.
_PROSE_WEAK = re.compile(r"\b(viet doan|doan (?:bao cao|tom tat|nhan xet|gioi thieu))\b")
_BULLETS = re.compile(
    r"\b(gach dau dong|liet ke|danh sach|dau cham dau dong|tung y|cac y|danh so(?: thu tu)?|"
    r"moi y mot dong|gach ngang dau dong)\b"
)
# Number words one to ten, folded (the one table: graders.facts reads counts with it too).
NUMBER_WORDS: dict[str, int] = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
_ITEMS = re.compile(
    r"\b(\d{1,2}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+(?:y|diem|muc|noi dung|buoc|"
    r"de xuat|bien phap|nhiem vu|giai phap|gach dau dong|van de|kien nghi|luu y|goi y|"
    r"nguyen tac|vi du|dieu|viec can lam|loi ich|rui ro)\b"
)
_FIELDS = re.compile(
    r"\b(?:gom|bao gom|co|voi)\s+(?:cac|nhung|day du)?\s*(?:muc|phan|truong|thong tin|noi dung|"
    r"tieu de|khoa|cot)(?:\s+(?:sau|chinh))?\s*:?\s*([^.\n;!?]+)"
    r"|\bcac (?:muc|truong|phan|khoa|cot|tieu de)\s*:\s*([^.\n;!?]+)"
    r"|\b(?:y|diem|muc|gach dau dong|phan)\s*\(([^()\n]+,[^()\n]+)\)"
)
_LABEL_ONLY = re.compile(
    r"\b(chi (?:tra loi|ghi|dua ra|viet|neu|tra ve)|mot nhan|duy nhat|khong giai thich)\b"
)
_TONES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("thân thiện", re.compile(r"\b(than thien|gan gui|than mat)\b")),
    ("lịch sự", re.compile(r"\b(lich su|nha nhan)\b")),
    ("dễ hiểu", re.compile(r"\b(de hieu|don gian|gian di)\b")),
    (
        "trang trọng",
        re.compile(r"\b(trang trong|nghiem tuc|van phong hanh chinh|giong hanh chinh)\b"),
    ),
)


def _part(pattern: re.Pattern[str], folded: str, text: str) -> Part:
    m = pattern.search(folded)
    if not m:
        return Part(False)
    start, end = m.span(1) if m.lastindex else m.span()
    return Part(True, text[start:end].strip(" ,:"))


def _constraint(folded: str, text: str) -> Part:
    """The first constraint cue. Folded, "văn phong" (writing style: "văn phong trang trọng")
    and "Văn phòng" (the office: "chuyên viên Văn phòng UBND") are the same letters; the office
    is not a constraint, so a cue whose words read "văn phòng" with diacritics is skipped (typed
    without diacritics the two cannot be told apart and it still counts)."""
    pos = 0
    while m := _CONSTRAINT.search(folded, pos):
        start, end = m.span(1)
        if fold_keep_diacritics(" ".join(text[start:end].split()[:2])) == "văn phòng":
            pos = start + 1
            continue
        return Part(True, text[start:end].strip(" ,:"))
    return Part(False)


def _context(folded: str, text: str) -> Part:
    blocks = delimited_blocks(text)
    if blocks:
        return Part(True, blocks[0].text.strip()[:80])
    m = _CONTEXT_DELIM.search(folded)
    if m:
        # Show the start of the delimited passage, not the delimiter itself.
        passage = text[m.end() :].strip(' \n"`<>')
        return Part(True, passage[:80] or text[m.start() : m.end()])
    for pattern in (_CONTEXT_MARKER, _CONTEXT_SPECIFIC):
        m = pattern.search(folded)
        if m:
            return Part(True, text[m.start() : m.end()].strip(" ,:"))
    # A line ending in ":" followed by a passage of some length is material to work from.
    colon = re.search(r":\s*\n?(.+)", text, re.S)
    if colon and len(colon.group(1).split()) >= 12:
        return Part(True, colon.group(1).strip()[:80])
    return Part(False)


def _split_fields(raw: str) -> tuple[str, ...]:
    pieces = re.split(r",|;|\bvà\b|\bva\b|\n", raw)
    out = []
    for piece in pieces:
        item = piece.strip(" \t\"'“”‘’()[]-–:")
        if item and len(item.split()) <= 6:
            out.append(item)
    return tuple(out)


def analyse(prompt: str) -> PromptAnatomy:
    """Detect the six parts and the parsed constraints of ``prompt`` (see module docstring)."""
    text = nfc(prompt)
    folded = fold_keep_offsets(text)

    max_words = approx_words = None
    limit_match = _MAX_WORDS.search(folded) or _RANGE_WORDS.search(folded)
    if limit_match:
        max_words = int(limit_match.group(limit_match.lastindex or 1))
    else:
        limit_match = _APPROX_WORDS.search(folded)
        if limit_match:
            approx_words = int(limit_match.group(1))
            max_words = approx_words + round(approx_words * APPROX_MARGIN)
        else:
            limit_match = _PAGES.search(folded)
            if limit_match:
                max_words = round(_PAGE_COUNT[limit_match.group(1)] * WORDS_PER_PAGE)

    m = _MAX_SENTENCES.search(folded)
    max_sentences = _count(m.group(1)) if m else None
    m = _MAX_LINES.search(folded)
    max_lines = _count(m.group(1)) if m else None

    layout = None
    if _PROSE.search(folded):
        layout = "prose"
    elif _BULLETS.search(folded):
        layout = "bullets"
    elif _PROSE_WEAK.search(folded):
        layout = "prose"

    item_count = None
    m = _ITEMS.search(folded)
    if m:
        word = m.group(1)
        item_count = int(word) if word.isdigit() else NUMBER_WORDS[word]
        if item_count <= 0:
            item_count = None
        elif layout is None:
            layout = "bullets"

    fields: tuple[str, ...] = ()
    m = _FIELDS.search(folded)
    if m:
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        fields = _split_fields(text[m.start(group) : m.end(group)])

    # The tone mentioned first wins ("trang trọng nhưng gần gũi" is formal first).
    tone = None
    first = len(folded) + 1
    for label, pattern in _TONES:
        m = pattern.search(folded)
        if m and m.start() < first:
            tone, first = label, m.start()

    constraints = _constraint(folded, text)
    if limit_match is not None:
        constraints = Part(True, text[limit_match.start() : limit_match.end()])
    elif max_sentences or max_lines:
        m = _MAX_SENTENCES.search(folded) or _MAX_LINES.search(folded)
        assert m is not None
        constraints = Part(True, text[m.start() : m.end()])
    elif not constraints.present and tone is not None:
        constraints = Part(True, tone)

    fmt = _part(_FORMAT, folded, text)
    if not fmt.present and fields:
        fmt = Part(True, ", ".join(fields))

    return PromptAnatomy(
        role=_part(_ROLE, folded, text),
        task=_part(_TASK, folded, text),
        context=_context(folded, text),
        audience=_part(_AUDIENCE, folded, text),
        format=fmt,
        constraints=constraints,
        max_words=max_words,
        layout=layout,
        item_count=item_count,
        fields=fields,
        tone=tone,
        label_only=bool(_LABEL_ONLY.search(folded)),
        max_sentences=max_sentences,
        max_lines=max_lines,
        approx_words=approx_words,
    )


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]
