"""Which sentence of a passage answers a question: the one home of that choice.

Retrieval finds the passage; the answer must then quote the sentence that answers the
question's *focus*, not the passage's first sentence: asked for the left margin, the margins
sentence, not the paper size; asked what "ảo giác" is, the sentence defining it; asked whether
a citizen's ID number may be pasted into ChatGPT, the rule that says no. The offline assistant's
grounded reply (``aiwork.mock.replies.answer``) uses :func:`best_sentence`; a real model makes
the choice itself, so the tutor does not depend on it.

Passage text is prose flattened from lessons and legal texts ("Các ý chính: - tuân thủ ...;
- không cung cấp ..."), so :func:`passage_sentences` also splits list items and keeps
"địa chỉ... của người dân" or "(Công văn 557, diễn giải)" inside their sentence (an answer's
own sentences are split by ``aiwork.lookup.grounding.split_sentences``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from aiwork import paths
from aiwork.vi import (
    NUMBER_WORD_PATTERN,
    NUMBER_WORDS,
    DiacriticModel,
    find_dates,
    find_periods,
    fold,
    fold_keep_diacritics,
    nfc,
    strip_diacritics,
)

# How learners ask -> how the course says it (one data file; its header gives the rules).
SYNONYMS_PATH = paths.DATA_DIR / "tutor" / "synonyms.yaml"

# --- sentences of a passage ------------------------------------------------------------------

# A sentence ends at . ! ? (after closing quotes/brackets) before a capital, a list mark or a
# quote (checked in :func:`_opens_sentence`); "…" or "..." before a lower-case word does not.
_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+")
_LIST_MARK = re.compile(r"\d{1,2}[.)]\s|[-•–]\s")
# List items inside flattened prose: "...: - item; - item" or "; 2. item".
_ITEM = re.compile(r"(?:(?<=[:;])|(?<=[:;] ))\s*(?=[-•–]\s|\d{1,2}[.)]\s)")
# Words whose dot is not a sentence end ("TP. Quy Nhơn", "v.v. và").
_ABBREVIATIONS = frozenset("tp p q tx tt kp kv ths ts pgs gs bs v.v vv ks đ/c nxb tr st".split())
_MIN_WORDS = 3


def passage_sentences(text: str) -> list[str]:
    """Sentences (and list items) of a passage, in order, without bullet marks."""
    return list(_passage_sentences(text))


@lru_cache(maxsize=1024)
def _passage_sentences(text: str) -> tuple[str, ...]:
    # (the tutor ranks the same passages' sentences for each question it is asked)
    text = " ".join(text.split())
    pieces: list[str] = []
    for chunk in _ITEM.split(text):
        start = 0
        for m in _END.finditer(chunk):
            if not _opens_sentence(chunk, m.end()):
                continue
            before = chunk[start : m.start()].rstrip('"”’)]')
            last = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.strip() else ""
            if last in _ABBREVIATIONS or _unclosed(chunk[start : m.start()]):
                continue
            pieces.append(chunk[start : m.start()])
            start = m.end()
        pieces.append(chunk[start:])
    out = []
    for piece in pieces:
        piece = re.sub(r"^\s*(?:[-•–]|\d{1,2}[.)])\s+", "", piece).strip(" ;")
        if len(piece.split()) >= _MIN_WORDS:
            out.append(piece)
    return tuple(out)


def _opens_sentence(text: str, pos: int) -> bool:
    """Does a new sentence start at ``pos`` (a capital, a list mark, a quoted capital)?"""
    rest = text[pos : pos + 3]
    if not rest:
        return False
    if _LIST_MARK.match(text, pos):
        return True
    first = rest.lstrip("\"“'([")[:1]
    return first.isupper() or first.isdigit()


def _unclosed(text: str) -> bool:
    """Is a bracket or quotation left open in ``text`` (the dot is inside it)?"""
    return text.count("(") > text.count(")") or text.count("“") > text.count("”")


# --- the question's focus --------------------------------------------------------------------

_STOP = frozenset(
    """va la cua cac co duoc cho trong theo nay nhung voi de thi tai tu ve khi hoac da bi do den
    neu mot nhu tren ra vao ma nao gi ai o sao the nhe a hay bao nhieu anh chi em toi minh khong
    ko k thi lam can phai nen ban oi vay nhu cai nghia may roi""".split()
)


# Function words that together name a thing ("bản sao", "sao y", "sao lục": not "bạn", "sao"
# asking why): kept as the question's words
_STOP_TERM = re.compile(r"\b(?:ban|trich) sao\b|\bsao (?:y|luc|chep)\b")


@dataclass(frozen=True)
class Focus:
    """What a question asks for: its kind and its content words (folded)."""

    # figure, definition, rule, list, purpose, reason, effect, how, where, who, when, name
    kind: str
    words: tuple[str, ...]
    term: str = ""  # the term a definition question asks about ("ao giac")
    text: str = ""  # the question, folded
    unit: str = ""  # the unit a figure question names ("mm", "ngay", "tuoi", "%", "dong")
    # folded word -> the written forms its context in the question supports ("khai tu" ->
    # "tử"): such a word matches a sentence's word only in one of those forms
    marks: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    # the options of a choice ("viet chu in hoa hay in thuong" -> "in hoa", "in thuong")
    options: tuple[str, ...] = ()
    # the question's phrases: adjacent words, not both function words ("nop ho so", "thoi han")
    pairs: tuple[str, ...] = ()
    # asked what a term is, the term as asked, its function words kept ("van ban den")
    asked_term: str = ""


# A place asked by its kind ("ra xã nào làm", "nộp ở phường nào") or where to go ("đi đâu",
# "lên đâu làm"; typed without diacritics "đầu" is excluded by what follows it: "lên đầu trang")
_PLACE_ASKED = (
    r"\b(?:xa|phuong|huyen|tinh|noi) nao\b"
    r"|\b(?:di|len|ra|toi|den) dau\b(?! (?:tien|trang|dong|bai|o)\b)"
)

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "rule",
        re.compile(
            r"^(?:co )?(?:duoc|nen|phai|can)\b.*\b(?:khong|ko|k)\s*\??$|\bco (?:duoc|nen|phai|can|the)\b"
            r".*\b(?:khong|ko|k)\b|\b(?:duoc|dung) khong\b|\bco (?:sao|sao khong)\b"
            # "có ... không?": the yes/no form ("có mất lệ phí không")
            r"|\bco\b(?! may\b| bao nhieu\b).*\b(?:khong|ko|chua)\s*\??$"
            # "(còn) cần / phải / nên ... không?" anywhere in the question ("đăng rồi thì còn
            # cần soát lại không"); not "căn cứ"
            r"|\b(?:can|phai|nen)\b(?! cu\b).*\b(?:khong|ko|k)\s*\??$"
        ),
    ),
    (
        "figure",
        re.compile(
            r"\b(?:bao nhieu|(?<!thang )(?<!ngay )may (?:ngay|thang|nam|tuoi|phan tram|doan|buoc|lan|mm|cm)|bao lau|"
            # "có mấy chương", "gồm mấy phần" (not "có máy tính", "máy chủ", "máy in")
            r"(?:co|gom|duoc|dc) may (?!(?:tinh|chu|in|anh|quet|lanh|moc)\b)\w+|"
            r"thoi han|muc phi|le phi|phi bao|het bao|ty le|bao nhieu phan tram|co chu)\b"
        ),
    ),
    (
        "when",
        re.compile(
            r"\b(?:khi nao|luc nao|ngay nao|nam nao|tu ngay|tu bao gio|hieu luc)\b"
            # "tháng mấy", "ngày mấy", "mấy giờ" (not "mấy tháng": how many, a figure)
            r"|\b(?:thang|ngay|nam|thu) may\b|\bmay gio\b"
        ),
    ),
    (
        "list",
        re.compile(
            r"\b(?:gom|nhung gi|nhung thanh phan|may thanh phan|can giay to|giay to gi|thanh phan nao|nhung buoc|may buoc|cac buoc)\b"
        ),
    ),
    (
        "definition",
        re.compile(
            r"\b(?:la gi|nghia la|la (?:cai|loi|loai|viec|thu) gi|la sao|dinh nghia|hieu the nao)\b"
        ),
    ),
    # which function, command, tool, app: answered by the sentence naming it (``_NAMES``)
    (
        "name",
        re.compile(
            r"\b(?:ham|lenh|cau lenh|cong cu|phan mem|ung dung|chuong trinh|trinh duyet)"
            r" (?:nao|gi)\b"
        ),
    ),
    ("reason", re.compile(r"\b(?:vi sao|tai sao|vi le gi|do dau|ly do)\b")),
    ("effect", re.compile(r"\b(?:thi sao|co sao khong|co sao|se ra sao|se the nao|thi bi gi)\b")),
    (
        "purpose",
        re.compile(r"\b(?:de lam gi|dung de|de lam chi|tac dung|nham muc dich)\b"),
    ),
    # "ai" asks who, except in "trợ lý AI", "công cụ AI", "chatbot AI"...
    (
        "who",
        re.compile(
            r"(?<!tro ly )(?<!cong cu )(?<!chatbot )(?<!mo hinh )(?<!dung )(?<!ung dung )"
            r"(?<!tri tue )(?<!vao )\bai\b(?! (?:la gi|cong cong))|\b(?:co quan nao|don vi nao|ben nao)\b"
            # the office asked by its kind: "sở nào cấp", "phòng nào giải quyết"
            r"|\b(?:so|bo|phong|cap) nao (?:cap|giai quyet|tiep nhan|xu ly|thuc hien)\b"
        ),
    ),
    (
        "where",
        re.compile(
            r"\b(?:o dau(?! tien)|cho nao|muc nao|nam o dau|tim o dau)\b|"
            + _PLACE_ASKED
            + r"|\b(?:tu|ve) dau$"
        ),
    ),
    (
        "how",
        # ("cách" asks how; "cách nhau", "phân cách", "khoảng cách" do not)
        re.compile(
            r"\b(?:lam sao|the nao|nhu the nao|cach nao|(?<!phan )(?<!khoang )cach(?! nhau\b| ly\b)"
            r"|lam gi|de lam gi|dung de)\b"
        ),
    ),
)
_UNITS = (
    "mm", "cm", "pt", "ngay", "thang", "nam", "tuoi", "%", "dong", "phut", "gio", "doan", "buoc",
)  # fmt: skip
# A document cited with its date: "số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004", "557/BKHCN-CĐSQG
# ngày 31/3/2025" (group 1: its number)
_CITED_DATE = re.compile(
    r"\b0*(\d+)/(?:\d{4}/)?[^\s,;]+\s+ngày\s+(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4})"
)
_RATIO_WORDS = re.compile(
    rf"\b(?:{NUMBER_WORD_PATTERN} phan {NUMBER_WORD_PATTERN}|gap (?:doi|ba|{NUMBER_WORD_PATTERN} lan)|mot nua)\b"
)
_WORD = re.compile(r"\w+|%")
# Asked which year ("luật năm nào", "năm mấy"), a year alone answers
_YEAR_ASKED = re.compile(r"\bnam (?:nao|may)\b")
_YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/-]|\.\d)")


@dataclass(frozen=True)
class Synonym:
    asked: re.Pattern[str]  # the asker's phrases, folded
    course: tuple[str, ...]  # the course's phrases, folded


@lru_cache(maxsize=1)
def synonyms() -> tuple[Synonym, ...]:
    data = yaml.safe_load(SYNONYMS_PATH.read_text(encoding="utf-8"))
    out = []
    for group in data["groups"]:
        asked = sorted((fold(a) for a in group["asked"]), key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, asked)) + r")(?!\w)")
        out.append(Synonym(pattern, tuple(fold(c) for c in group["course"])))
    return tuple(out)


@lru_cache(maxsize=1)
def _texting() -> tuple[re.Pattern[str], dict[str, str]]:
    data = yaml.safe_load(SYNONYMS_PATH.read_text(encoding="utf-8"))
    table = {str(k).lower(): str(v or "") for k, v in (data.get("texting") or {}).items()}
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I), table


def spelled_out(question: str) -> str:
    """``question`` with texting shorthand written out ("tt này dc k" -> "thủ tục này được
    không"): see the ``texting`` table of :data:`SYNONYMS_PATH`. A question typed without
    diacritics stays so ("tt nay dc k" -> "thu tuc nay duoc khong"): the search reads a query
    with diacritics on the exact index, where its plain words would match nothing."""
    pattern, table = _texting()
    question = nfc(question)
    plain = strip_diacritics(question) == question
    spelled = pattern.sub(lambda m: table[m.group(0).lower()], question)
    return " ".join((strip_diacritics(spelled) if plain else spelled).split())


def in_course_words(question: str) -> tuple[str, list[str]]:
    """``question`` folded with each asked phrase of :func:`synonyms` replaced by the course's
    first phrase ("dang ky ket hon mat bao nhieu tien" -> "dang ky ket hon le phi"), and the
    course phrases of the groups it asks about."""
    q = fold(question)
    found: list[str] = []
    for syn in synonyms():
        if syn.asked.search(q):
            q = syn.asked.sub(syn.course[0], q)
            found.extend(syn.course)
    return q, found


@lru_cache(maxsize=1)
def _course_model() -> DiacriticModel:
    """How the course writes its words: the lookup corpus and the tutor's knowledge base (the
    lessons, glossary and FAQ, read from its built file)."""
    from aiwork.lookup.corpus import load_corpus

    texts = [f"{p.title}. {p.text}" for p in load_corpus()]
    kb = paths.DATA_DIR / "tutor" / "kb.json"
    if kb.exists():
        for p in json.loads(kb.read_text(encoding="utf-8"))["passages"]:
            texts.append(f"{p['title']}. {p['text']}")
    return DiacriticModel.from_texts(texts)


def course_marks(question: str) -> dict[str, frozenset[str]]:
    """The written forms the course supports for the question's ambiguous words (typed with or
    without diacritics): see :class:`aiwork.vi.DiacriticModel`."""
    return _course_model().marks(question)


# "A hay B" closing a question (one or two words after "hay", three after "có A không hay";
# a closing "ko", "vậy", "nữa" is no part of B): a choice, answered by the sentence naming one
# of them ("trợ lý AI hay bịa số liệu": "hay" = often, has more words after it).
_CHOICE = re.compile(
    r"^(.*?)\s*\b(?:hay|hoac|hay la) (\w+(?: \w+){0,2}?)(?: (?:khong|vay|nua|a|nhi|day|the))*$"
)
# "(có) A không hay B": A is what "có ... không" asks ("có tiếng Việt ko hay toàn tiếng Anh")
# (its last three words: "có cần chạy lại ô ko hay nó tự nhận" -> "chạy lại ô")
_YES_NO_OPTION = re.compile(r"((?:\w+ ){0,2}\w+) (?:duoc )?(?:khong|chua)$")


def _choice(q: str) -> tuple[str, ...]:
    """The options of a choice closing the folded question ``q``: B, the words after "hay",
    and A, the words before it that "có ... không" encloses, else as many as B has when both
    open alike ("ghi chữ hoa hay chữ thường" -> "chu hoa", "chu thuong"), else one."""
    m = _CHOICE.search(q)
    if not m or not m.group(1):
        return ()
    before, b = m.group(1).split(), _content(m.group(2))
    enclosed = _YES_NO_OPTION.search(m.group(1))
    if enclosed:
        a = enclosed.group(1)
    elif len(m.group(2).split()) > 2:
        return ()  # "vì sao trợ lý AI hay bịa số liệu": "hay" is "often" here
    else:
        # as many words as B when both open alike ("chữ hoa hay chữ thường"), else the last
        # ("ghi liền hay cách nhau": "liền")
        n = len(m.group(2).split())
        parallel = n > 1 and len(before) >= n and before[-n] == m.group(2).split()[0]
        a = " ".join(before[-n:] if parallel else before[-1:])
    return (_content(a), b)


# How a question opens, not what it asks ("cho hỏi", "xin hỏi", "em muốn hỏi là"), folded.
_OPENER = re.compile(
    r"^(?:(?:cho|xin|cho phep) (?:em |minh |toi |chau )?hoi|(?:em|minh|toi) (?:muon |xin )?hoi)"
    r"(?: (?:la|chut|ti|chi|anh|thay|co)\b)?[ ,:]*"
)


@lru_cache(maxsize=256)
def focus(question: str) -> Focus:
    """The focus of ``question`` (typed with or without diacritics); the same question's focus
    is asked for each passage its answer is looked for in (cached: Focus is frozen)."""
    question = spelled_out(question)
    typed = fold(question).strip(" ?")
    typed = _OPENER.sub("", typed).strip() or typed
    # a bare topic ("ra soat ban nhap") asks how it is done
    kind, rx = next(((k, rx) for k, rx in _KINDS if rx.search(typed)), ("how", None))
    # the asker's words for what the course names otherwise ("mat tien" -> "le phi")
    q = in_course_words(typed)[0].strip(" ?")
    asked = rx.search(q) if rx else None
    # the words of the question phrase ("vi sao", "o dau") are not what the answer is about
    short = asked and kind != "figure" and asked.end() - asked.start() <= 16
    topic = q[: asked.start()] + " " + q[asked.end() :] if short else q
    # (typed with diacritics, the question's own forms are its marks)
    typed_marks = strip_diacritics(nfc(question)) != nfc(question)
    marks = course_marks(question if typed_marks else q)
    named = {w for m in _STOP_TERM.finditer(topic) for w in m.group(0).split()}
    words = tuple(
        w
        for w in _WORD.findall(topic)
        if (w not in _STOP or w in named)
        and (len(w) > 1 or w.isdigit())  # "bước 2": a one-digit number names what is asked
    )
    term = asked_term = ""
    if kind == "definition":
        m = re.match(
            r"(.*?)\s*\b(?:la gi|nghia la|la (?:cai|loi|loai|viec|thu) gi|la sao|dinh nghia|hieu the nao)\b",
            q,
        )
        term = " ".join(w for w in _WORD.findall(m.group(1)) if w not in _STOP) if m else ""
        asked_term = re.sub(_LEAD_IN, "", " ".join(_WORD.findall(m.group(1)))) if m else ""
    unit = next((u for u in _UNITS if re.search(rf"(?<!\w){re.escape(u)}(?!\w)", typed)), "")
    if kind == "figure" and not unit and "tien" in typed.split():
        unit = "dong"
    counted = re.search(r"\b(?:may|bao nhieu) (\w+)", typed) if kind == "figure" else None
    if not unit and counted and counted.group(1) not in _STOP:
        unit = counted.group(1)  # "mấy thành phần": "sáu thành phần" states it
    options = _choice(q)
    return Focus(
        kind,
        words,
        term=term,
        text=q,
        unit=unit,
        marks=marks,
        options=options,
        pairs=tuple(dict.fromkeys(_pairs(_WORD.findall(topic)))),
        asked_term=asked_term,
    )


def _content(phrase: str) -> str:
    """``phrase`` without its leading function words ("thi giu" -> "giu")."""
    words = phrase.split()
    while len(words) > 1 and words[0] in _STOP:
        words.pop(0)
    return " ".join(words)


def _pairs(words: list[str]) -> list[str]:
    """Adjacent words ("nop ho", "ho so"), but not two function words ("cua cac")."""
    return [
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if not (a in _STOP and b in _STOP)
    ]


# --- scoring -----------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
# A document named by its kind and number in a question (folded): "luat 91", "nd30", "cong van
# so 557", "kh 01" (group: the number without leading zeros).
DOCUMENT_BY_NUMBER = (
    r"(?:luat|nghi dinh|nd|cong van|cv|thong tu|quyet dinh|nghi quyet|ke hoach|kh)"
    r"\s*(?:so\s*)?0*(\d+)"
)
# A number that labels a part ("Mô-đun 0", "Điều 8", "bước 2", "00-lam-quen") is no figure.
_LABEL = re.compile(
    r"\b(?:mo-dun|mo dun|module|buoc|dieu|khoan|muc|cau|bai|chuong|phu luc|phan)\s+\d+[a-z]?\b"
    r"|\b\d+(?:-[a-z]+)+\b"
)
NAME_BONUS = 0.5  # asked which function, command or program: a sentence naming one
PHRASE_WEIGHT = 0.3  # the share of its phrases a sentence says, beside its words
# A procedure record's field asked for answers the question even when it repeats none of its
# words ("Cơ quan thực hiện: Phòng Cảnh sát giao thông" for "đổi giấy phép lái xe ở đâu"),
# so it outweighs a sentence holding all of them and their phrases (overlap at most 1, phrases
# at most PHRASE_WEIGHT).
FIELD_BONUS = 1.2 + PHRASE_WEIGHT
# The fields of a procedure record ("Phí, lệ phí: ...", "Cơ quan thực hiện: ..."): the field a
# question asks about answers it, whatever words it repeats.
_FEE_ROW = re.compile(r"^(?:phi, le phi|le phi|phi)\b")
# The record's legal basis asked by the kind of document and "nào / gì / số mấy" ("chứng thực
# chữ ký làm theo nghị định nào", "thu theo thông tư số mấy"): the document is what is asked,
# so another field the question names ("phí ... thu theo thông tư nào") is its topic, not its
# focus (see sentence_score).
_LEGAL_BASIS = (
    re.compile(
        r"\b(?:can cu|van ban nao|(?:bo luat|luat|nghi dinh|nd|thong tu|quyet dinh|nghi quyet)"
        r" (?:nao|gi|so may|so nao|so bao nhieu|may))\b"
    ),
    re.compile(r"^can cu phap ly\b"),
)
_FIELDS = (
    (
        re.compile(r"\b(?:le phi|phi|mat tien|het bao nhieu|bao nhieu tien|tien|mien phi)\b"),
        _FEE_ROW,
    ),
    (
        re.compile(
            r"\b(?:co quan nao|nop o dau|o dau nop|noi nop|ai giai quyet|tham quyen|"
            r"(?:ai|nguoi nao) (?:la nguoi |se )?(?:giai quyet|xu ly|tiep nhan)|"
            r"co quan (?:thuc hien|giai quyet|tiep nhan))\b|\b(?:o dau|tai dau|cho nao)$"
            r"|\b(?:so|bo|phong|cap) nao (?:cap|giai quyet|tiep nhan|xu ly|thuc hien)\b"
            r"|" + _PLACE_ASKED
        ),
        re.compile(r"^(?:co quan (?:thuc hien|giai quyet|tiep nhan)|tham quyen)\b"),
    ),
    # (not "Thời hạn giải quyết": "trong bao nhiêu ngày phải làm khai tử" asks the citizen's
    # deadline, which another sentence states)
    # (the papers asked for, not "nộp hồ sơ trong bao lâu")
    (
        re.compile(
            r"\b(?:ho so (?:gom|can|gi|nhung)|giay to|can nhung gi|ho so gom"
            r"|(?:can|phai) (?:mang|dem)|(?:mang|dem) theo)\b"
        ),
        re.compile(r"^(?:ho so gom|thanh phan ho so)\b"),
    ),
    _LEGAL_BASIS,
)


# A field's one-syllable cue and how it is written when it asks for that field: typed without
# diacritics, "tien" is "tiền" (money) in "mất tiền" but "tiến" in "tiến độ hồ sơ".
_FIELD_CUE_FORMS = {"tien": "tiền", "phi": "phí"}


def _misread(f: Focus, cue: str) -> bool:
    """Is the one-syllable field cue ``cue`` written otherwise in the question, as its
    context says (``f.marks``)?"""
    form = _FIELD_CUE_FORMS.get(cue)
    return bool(form and f.marks.get(cue) and form not in f.marks[cue])


# A procedure record's rows that only name it ("Thủ tục: Cấp giấy phép xây dựng ...", "Lĩnh vực:
# Hộ tịch") hold every word of a question about that procedure and answer none: what is asked
# (its papers, deadline, office...) is in another row, unless the question asks for the name.
_NAMING_ROW = re.compile(r"^(?:thu tuc|linh vuc):")
_ASKS_NAME = re.compile(r"\b(?:thu tuc|linh vuc) (?:gi|nao|ten)\b|\bten (?:thu tuc|goi)\b")
NAMING_ROW_PENALTY = 0.5
# The rows of a procedure record that no field of _FIELDS asks for: asked one that a field
# asks ("tốn đồng nào": the fee), neither these nor another field's row answer (the papers row
# repeats the procedure's name, so it holds all the question's words).
_OTHER_ROW = re.compile(r"^(?:thoi han giai quyet|doi tuong|ket qua):")


class _Cue:
    """A cue written with diacritics and matched on the sentence as written: the course's text
    has them, and folded cues matched by chance ("tại" is not "Tài chính", "chỉ" not "anh/chị",
    "đừng" not "dùng", "còn" not "con số"). On a sentence typed without diacritics the same cue
    without them is used."""

    def __init__(self, pattern: str):
        self.marked = re.compile(pattern)
        self.plain = re.compile(strip_diacritics(pattern))

    def search(self, s: _Sentence) -> re.Match[str] | None:
        return self.marked.search(s.marked) if s.has_marks else self.plain.search(s.folded)

    def match(self, s: _Sentence) -> re.Match[str] | None:
        return self.marked.match(s.marked) if s.has_marks else self.plain.match(s.folded)


@dataclass(frozen=True)
class _Sentence:
    marked: str  # lower case, diacritics kept
    folded: str

    @property
    def has_marks(self) -> bool:
        return self.marked != self.folded

    @classmethod
    def of(cls, sentence: str) -> _Sentence:
        return cls(fold_keep_diacritics(sentence), fold(sentence))


_NEGATION = _Cue(r"\b(?:không|cấm|chỉ|đừng|tách biệt|ẩn hết|che|miễn)\b")
_PERMISSION = _Cue(r"\b(?:được|phải|cần|nên)\b")
_DEFINES = _Cue(r"(?:^[^,.;]{0,60}(?::|\s[—–])\s)|\blà (?!gì\b)|\bgọi là\b|\bnghĩa là\b|\blà một\b")
_ENUMERATES = _Cue(r"\b(?:gồm|bao gồm|gồm có)\b|:\s*\w[^,;]*[,;][^,;]*[,;]")
_STEPS = _Cue(
    r"\b(?:bấm|nhấn|chọn|chạy|mở|vào|gõ|dùng|thay|đặt|làm|đưa|yêu cầu|ghi|hãy|cách làm|tách|"
    r"kiểm tra|đối chiếu)\b"
)
_PURPOSE = _Cue(r"\b(?:để|giúp|nhằm|dùng để)\b")
_CAUSE = _Cue(r"\b(?:vì|do|bởi|nên|dựa trên|vì vậy|cho nên|nguyên nhân)\b")
_EFFECT = _Cue(r"\b(?:làm|sẽ|bị|gây|khiến|báo lỗi|lỗi|không)\b")
# A condition answers "khi nào" when no date does: "từ 30 ngày trở lên thì phải ...".
_CONDITION = _Cue(r"\b(?:khi|nếu|trở lên|thì phải|phải|trước khi|sau khi|trong vòng|kể từ)\b")
# Where a thing goes in a text: "ngay sau câu", "trong ngoặc vuông", "canh giữa lề trên".
_POSITION = _Cue(
    r"\b(?:ngay sau|ngay trước|sau|trước|trong ngoặc|cuối|đầu|phía trên|phía dưới|bên trái|"
    r"bên phải|canh giữa|lề trên|ở mục|trong thẻ|tại)\b|→"
)
_PLACE = _Cue(r"\b(?:mục|thẻ|thư mục|trình đơn|tại|ở|trên)\b|→")
_AGENT = _Cue(r"\b(?:bộ|sở|ubnd|ủy ban|uỷ ban|chính phủ|quốc hội|công an|người|cán bộ|cơ quan)\b")
# What names a function, command or program in the course's text: snake_case, a call,
# CamelCase or a run of capitals before a small letter (JupyterLab, VNeID), an aiwork command.
_NAMES = re.compile(r"[A-Za-z]\w*_\w+|\w\(|[a-z][A-Z]|[A-Z]{2,}[a-z]|\baiwork [a-z]")
# A section's heading left in a passage's text ("Tìm hiểu thêm (không bắt buộc)."): its words
# in brackets are a remark on the section, not a rule ("không bắt buộc" is no answer to "bắt").
_HEADING = re.compile(r"^[^\s.:;()]+(?: [^\s.:;()]+){0,2} \([^()]*\)\.?$")
_EXAMPLE = _Cue(r"^(?:ví dụ|chẳng hạn|thí dụ)\b")
_QUESTION_LIKE = re.compile(r"\?\s*$")
_QUOTED_QUESTION = re.compile(r"\?[\"”»]")
# An item of a checklist asks what to check ("Giọng văn, thể thức: có phù hợp văn bản hành chính
# không?", "Trước khi dán, tự hỏi: ... chưa?"): asked what to check, it answers.
_CHECKLIST_ITEM = re.compile(r"^[^:;.?\"“”]{2,60}:\s[^\"“”]*\?\s*$")
# Asked how, a sentence introducing what follows ("Trước khi dùng bản nháp, kiểm tra:") says the
# steps follow only when it is about the question: it holds this share of its (weighted) words
INTRO_ABOUT = 0.25
# Asked the most or the least of a figure, the sentence stating that bound ("giữ tối đa bao lâu":
# "không quá 02 năm", not "từ 05 năm trở lên"; "ít nhất mấy ngày": "trở lên", "không dưới")
_BOUNDS = (
    (
        re.compile(r"\b(?:toi da|nhieu nhat|lau nhat|cham nhat|cao nhat|gioi han)\b"),
        _Cue(r"\b(?:không quá|tối đa|nhiều nhất|chậm nhất|cao nhất|không vượt quá)\b"),
    ),
    (
        re.compile(r"\b(?:toi thieu|it nhat|som nhat|thap nhat)\b"),
        _Cue(r"\b(?:tối thiểu|ít nhất|không dưới|trở lên|sớm nhất|thấp nhất)\b"),
    ),
)
BOUND_BONUS = 0.2
_FRAGMENT_START = _Cue(r"^(?:[,;:)\]…]|rồi |và |hoặc |nhưng |còn |thì )")


def _overlap(
    words: tuple[str, ...],
    sentence_words: frozenset[str],
    weights: dict[str, float] | None = None,
    marks: dict[str, frozenset[str]] | None = None,
    written: frozenset[str] | None = None,
    parts: frozenset[str] = frozenset(),
) -> float:
    """Weighted share of ``words`` found in the sentence; a word with ``marks`` is found only
    in a form its context supports, when the sentence is ``written`` with diacritics; a word
    in ``parts`` counts COMPOUND_PART (a syllable of another word there)."""
    if not words:
        return 0.0
    weight = weights or {}
    marks = marks if written else {}
    total = sum(weight.get(w, 1.0) for w in words)
    found = sum(
        weight.get(w, 1.0) * (COMPOUND_PART if w in parts else 1.0)
        for w in words
        if w in sentence_words and (w not in marks or marks[w] & written)
    )
    return found / total


# A question's word that the sentence holds only outside the phrase it forms in the question,
# when the passage says that phrase ("con" of "con số" for "con dấu"), counts this share
COMPOUND_PART = 0.25


def _compounds(f: Focus, sentences: list[str]) -> frozenset[str]:
    """The question's phrases the passage says ("con trỏ", "thể thức"): its words that form one
    (a Vietnamese word is often two syllables) name something else outside it."""
    said: set[str] = set()
    for s in sentences:
        said |= _read(s)[3]
    return frozenset(p for p in f.pairs if p in said)


def _parts(compounds: frozenset[str], said_pairs: frozenset[str], f: Focus) -> frozenset[str]:
    """The question's words that a sentence holds only outside every phrase of ``compounds``
    they are part of (the "con" of "con số" for "con trỏ")."""
    if not compounds:
        return frozenset()
    out = set()
    for w in f.words:
        mine = [p for p in compounds if w in p.split()]
        if mine and not any(p in said_pairs for p in mine):
            out.add(w)
    return frozenset(out)


def _weights(f: Focus, sentences: list[str]) -> dict[str, float]:
    """Within one passage, a question word or phrase found in many sentences (its subject:
    "đăng ký khai sinh" in the birth-registration passage) tells less about which sentence
    answers."""
    sets = []
    for s in sentences:
        _, words, _, pairs = _read(s)
        sets.append(words | pairs)
    return {w: 1.0 / max(1, sum(1 for ws in sets if w in ws)) for w in (*f.words, *f.pairs)}


_TERM_ROW = re.compile(r"^([^:;,.]{2,40}):\s")


@lru_cache(maxsize=4096)
def _read(
    sentence: str,
) -> tuple[_Sentence, frozenset[str], frozenset[str] | None, frozenset[str]]:
    """A sentence as scored: written and folded, its folded words, its written words (if it
    has diacritics) and its phrases (the same passages' sentences are scored for each question)."""
    said = _Sentence.of(sentence)
    folded = _WORD.findall(said.folded)
    written = frozenset(_WORD.findall(said.marked)) if said.has_marks else None
    return said, frozenset(folded), written, frozenset(_pairs(folded))


def sentence_score(
    f: Focus,
    sentence: str,
    weights: dict[str, float] | None = None,
    compounds: frozenset[str] = frozenset(),
) -> float:
    """How well ``sentence`` answers a question of focus ``f`` (higher is better); ``weights``
    of the question's words within the passage (see :func:`_weights`), ``compounds`` the
    question's phrases the passage says (see :func:`_compounds`)."""
    said, words, written, said_pairs = _read(sentence)
    s = said.folded
    parts = _parts(compounds, said_pairs, f)
    score = about = _overlap(f.words, words, weights, f.marks, written, parts)
    if f.pairs:
        # the question's phrases, not only its words: "nộp hồ sơ trong thời hạn" is said by
        # the sentence on the citizen's deadline, not by "Thời hạn giải quyết: ... nộp đủ hồ sơ"
        score += PHRASE_WEIGHT * _overlap(f.pairs, said_pairs, weights)
    field_asked = other_row = False
    legal_asked = _LEGAL_BASIS[0].search(f.text)
    for asks, answers in _FIELDS:
        asked = asks.search(f.text) if not legal_asked or asks is _LEGAL_BASIS[0] else None
        if (
            asked
            and not _misread(f, asked.group(0))
            and not (f.kind == "who" and answers is _FEE_ROW)
        ):
            # (asked who pays, "ai đóng tiền", the fee row's amount does not say who)
            field_asked = True
            if answers.match(s):
                score += FIELD_BONUS
                break
        elif answers.match(s):
            other_row = True
    else:
        if field_asked and (other_row or _OTHER_ROW.match(s)):
            score -= NAMING_ROW_PENALTY  # another row of the record
    if _NAMING_ROW.match(s) and not _ASKS_NAME.search(f.text):
        score -= NAMING_ROW_PENALTY
    row = _TERM_ROW.match(s)
    if row and f.kind in ("when", "definition", "purpose", "how", "who"):
        named = set(_WORD.findall(row.group(1))) - _STOP  # "Câu nào không tìm thấy căn cứ:"
        if named and len(named & set(f.words)) >= max(1, len(named) - 1):
            score += 0.3  # "Tờ trình: Cấp dưới đề nghị cấp trên ..." asked about "tờ trình"
    if f.options and any(_names_option(f, o, words, written) for o in f.options):
        score += 0.4  # names one of the options asked to choose between
    numbers = [w for w in f.words if w.isdigit()]
    if numbers and f.kind != "figure" and any(n in words for n in numbers):
        score += 0.3  # "bước 2", "mục 4", "Điều 8": the row or item the question names
    if f.kind == "purpose":
        score *= 0.5  # every sentence about the topic names it: what it is for decides
    if f.kind == "figure":
        if _DIGIT.search(_LABEL.sub(" ", s)) or (
            f.unit and re.search(rf"\b{NUMBER_WORD_PATTERN} {f.unit}\b", s)
        ):
            score += 0.5
            if f.unit and re.search(
                rf"(?:\d|\b{NUMBER_WORD_PATTERN})\s*{re.escape(f.unit)}(?!\w)", s
            ):
                score += 0.4
        elif _RATIO_WORDS.search(s):
            score += 0.4  # a figure in words: "một phần hai", "gấp đôi", "một nửa"
        for (asks, states), (_, other) in zip(_BOUNDS, _BOUNDS[::-1], strict=True):
            if asks.search(f.text):
                # asked the most: "không quá 02 năm" states it, "từ 05 năm trở lên" the least
                score += BOUND_BONUS if states.search(said) else 0.0
                score -= BOUND_BONUS if other.search(said) else 0.0
    elif f.kind == "when":
        # the date of another document cited ("Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm
        # 2004") is not when the one asked about applies
        undated = _CITED_DATE.sub(
            lambda m: m.group(0) if m.group(1).lstrip("0") in f.words else " ", sentence
        )
        dated = find_dates(undated) or find_periods(undated)
        if not dated and _YEAR_ASKED.search(f.text):
            dated = _YEAR.findall(undated)  # "năm nào": "Luật Tố cáo 2018" states the year
        score += 0.6 if dated else (0.3 if _CONDITION.search(said) else 0.0)
    elif f.kind == "definition":
        term = f.term
        if term and term in s:
            score += 0.4 + (0.4 if _DEFINES.search(said) else 0.0)
            if s.startswith(term):
                score += 0.2
        if _defines_asked(f, s):
            score += DEFINES_ASKED
    elif f.kind == "rule":
        score += 0.4 if _NEGATION.search(said) else (0.2 if _PERMISSION.search(said) else 0.0)
    elif f.kind == "list":
        score += 0.3 if _ENUMERATES.search(said) else 0.0
        score += min(s.count(",") + s.count(";"), 5) * 0.06
    elif f.kind == "how":
        score += 0.3 if _STEPS.search(said) else 0.0
        example = _EXAMPLE.match(said) and "vi du" not in f.text
        if sentence.rstrip().endswith(":") and not example and about >= INTRO_ABOUT:
            score += 0.3  # the steps follow (after "Ví dụ ...:", the example's)
        if example:
            score -= 0.3  # an example shows a case; how it is done is said elsewhere
        if sentence.count("→") >= 2:
            score += 0.3  # "đọc kết quả → tìm điều chưa đạt → bổ sung → thử lại": the steps
    elif f.kind == "purpose":
        score += 0.4 if _PURPOSE.search(said) else 0.0
    elif f.kind == "reason":
        score += 0.4 if _CAUSE.search(said) else 0.0
    elif f.kind == "effect":
        score += 0.4 if _EFFECT.search(said) else 0.0
    elif f.kind == "where":
        score += 0.3 if _PLACE.search(said) else 0.0
        score += 0.3 if _POSITION.search(said) else 0.0
    elif f.kind == "who":
        score += 0.4 if _AGENT.search(said) else 0.0
    elif f.kind == "name":
        score += NAME_BONUS if _NAMES.search(sentence) else 0.0
    if quotes_question(sentence):
        score -= 0.6  # a heading that asks the question, or quotes it, does not answer it
    if _FRAGMENT_START.search(said):
        score -= 0.4
    if len(words) < 5:
        score -= 0.2
    if _HEADING.match(sentence):
        score -= 0.6
    return score


# The term a sentence defines: quoted at its start ("“Văn bản đến” là ...") or its first words
# before "là" or a colon ("Bảo vệ dữ liệu cá nhân là việc ...", "Tờ trình: ..."), folded.
_DEFINED_HEAD = re.compile(r'^(?:["“]([^"”]{2,60})["”]|(\w[\w ]{1,50}?))(?:\s+la|\s*:)\s')
# Words leading into a question, not part of the term it asks about ("vậy", "thế", "còn")
_LEAD_IN = re.compile(r"^(?:(?:vay|the|con|thi|a|oi|cai) )+")
# What may follow the term in the question and still ask for its definition: where it is
# defined ("hồ sơ theo nghị định 30", "văn bản đến trong nghị định")
_QUALIFIER = frozenset("theo trong cua o tai".split())
DEFINES_ASKED = 0.5


def _defines_asked(f: Focus, s: str) -> bool:
    """Does the folded sentence ``s`` define the very term asked (not another one sharing its
    words: "văn bản đi" beside "văn bản đến", "lập hồ sơ" beside "hồ sơ")?"""
    if not f.asked_term:
        return False
    m = _DEFINED_HEAD.match(s)
    head = (m.group(1) or m.group(2) or "").strip() if m else ""
    if not head:
        return False
    if f.asked_term == head:
        return True
    rest = f.asked_term[len(head) :].split() if f.asked_term.startswith(head + " ") else []
    return bool(rest) and rest[0] in _QUALIFIER


def _names_option(
    f: Focus, option: str, words: frozenset[str], written: frozenset[str] | None
) -> bool:
    """Does a sentence (its folded and written words) name ``option`` of the choice ``f``
    asks? By the option's words that the other options lack ("chữ hoa" / "chữ thường": "hoa"
    names the first, "in hoa"), each in a form its context in the question supports."""
    others = {w for o in f.options if o != option for w in o.split()}
    own = [w for w in option.split() if w not in others and w not in _STOP] or option.split()
    return _overlap(tuple(own), words, None, f.marks, written) == 1.0


def quotes_question(sentence: str) -> bool:
    """Does ``sentence`` ask or quote a question (a heading, an exercise) rather than answer?
    (An item of a checklist asks what to check: it answers.)"""
    if _CHECKLIST_ITEM.match(sentence):
        return False
    return bool(_QUESTION_LIKE.search(sentence) or _QUOTED_QUESTION.search(sentence))


# A passage's last sentence introducing what follows, which the text does not hold
INTRODUCES_NOTHING = 0.5


def _lead_bonus(f: Focus, position: int, sentences: list[str]) -> float:
    """A section's first sentence states its point: what a thing is, why, what it is for. Its
    last sentence, when it introduces what follows ("Cùng bảng đó đọc từ tệp Excel: "), says
    nothing here: what it introduces (a code cell, a table) is not in the text."""
    if position == len(sentences) - 1 and sentences[position].rstrip().endswith(":"):
        return -INTRODUCES_NOTHING
    return 0.2 if position == 0 and f.kind in ("reason", "purpose", "definition") else 0.0


@dataclass(frozen=True)
class Ranked:
    score: float
    position: int
    sentence: str


def rank_sentences(question: str, text: str) -> list[Ranked]:
    """Sentences of ``text`` from the one that best answers ``question`` (ties: earlier first)."""
    f = focus(question)
    sentences = passage_sentences(text)
    scores = _scores(f, sentences)
    ranked = [Ranked(scores[i], i, s) for i, s in enumerate(sentences)]
    return sorted(ranked, key=lambda r: (-r.score, r.position))


# A list item is read with the sentence introducing it: the question's words the item lacks and
# its intro holds count this share ("thông tin dùng để trả lời người dân" answers "có cần mở văn
# bản gốc không" under "Anh/chị cần mở văn bản gốc khi:")
ITEM_CONTEXT = 0.5


def _intros(sentences: list[str]) -> dict[int, int]:
    """The list items of a passage and the sentence introducing each: the sentences opening
    in lower case after one ending with ":" continue it ("Anh/chị cần mở văn bản gốc khi:" /
    "thông tin dùng để trả lời người dân ...")."""
    out: dict[int, int] = {}
    intro = -1
    for i, s in enumerate(sentences):
        if intro >= 0 and s[:1].islower():
            out[i] = intro
            continue
        intro = i if s.rstrip().endswith(":") else -1
    return out


def _scores(f: Focus, sentences: list[str]) -> list[float]:
    """Each sentence's score for the focus ``f`` (see :func:`sentence_score`), with its place in
    the passage; a list item is read with its intro (the question's words the item lacks and
    its intro holds count ITEM_CONTEXT)."""
    weights = _weights(f, sentences)
    compounds = _compounds(f, sentences)
    scores = [
        sentence_score(f, s, weights, compounds) + _lead_bonus(f, i, sentences)
        for i, s in enumerate(sentences)
    ]
    if f.words:
        total = sum(weights.get(w, 1.0) for w in f.words)
        for item, intro in _intros(sentences).items():
            own, lead = _read(sentences[item])[1], _read(sentences[intro])[1]
            more = sum(weights.get(w, 1.0) for w in f.words if w in lead and w not in own)
            scores[item] += ITEM_CONTEXT * more / total
    return scores


# The next sentence completes the chosen one when the question's words that the chosen one
# lacks weigh at least COMPLETES_LACK of them, and the next one holds COMPLETES_HOLDS of those.
COMPLETES_LACK = 0.25
COMPLETES_HOLDS = 0.5
# The second-best sentence joins the best when it scores within this of it (and completes it).
RUNNER_UP_MARGIN = 0.15
# At most this many items follow a sentence that introduces them ("... khi: a; b; c").
_MAX_ITEMS = 3


def best_sentence(question: str, text: str) -> str:
    """The sentence of ``text`` that best answers ``question`` (``text`` itself if it has none);
    a sentence introducing a list ("Anh/chị cần mở văn bản gốc khi:") comes with its items, and
    a step of a procedure asked about ("làm sao ...") with the step after it."""
    sentences = passage_sentences(text)
    if not sentences:
        return " ".join(text.split())
    f = focus(question)
    weights = _weights(f, sentences)
    item = _numbered_item(f, text, weights) or _next_item(f, text, weights)
    if item:
        return item
    ranked = sorted(
        ((score, i) for i, score in enumerate(_scores(f, sentences))), key=lambda r: (-r[0], r[1])
    )
    i = ranked[0][1]
    chosen = sentences[i]
    intro = _intros(sentences).get(i)
    if intro is not None:
        return f"{sentences[intro].rstrip()} {chosen}"  # the condition with what it is for
    if chosen.rstrip().endswith(":"):
        items = sentences[i + 1 : i + 1 + _MAX_ITEMS]
        return chosen.rstrip() + " " + "; ".join(s.rstrip(" .;") for s in items) + "."
    if i + 1 < len(sentences):
        nxt = sentences[i + 1]
        joint = " " if chosen.rstrip()[-1:] in ".!?;:" else "; "
        if f.kind == "how" and _STEPS.match(_Sentence.of(nxt)):
            return f"{chosen.rstrip()}{joint}{nxt}"  # the next step ("Bấm Fetch ...")
        if _completes(f, chosen, nxt, weights):
            return f"{chosen.rstrip()}{joint}{nxt}"
    if len(ranked) > 1:
        # nearly as good, another sentence says what the chosen one leaves out, and answers the
        # same kind of question: both are the answer ("Mỗi ví dụ viết hai dòng ..." beside
        # "Ví dụ mẫu: ...")
        score, j = ranked[1]
        other = sentences[j]
        if (
            score >= ranked[0][0] - RUNNER_UP_MARGIN
            and j != i + 1
            and not quotes_question(other)
            and _answers_kind(f, other)
            and _completes(f, chosen, other, weights)
        ):
            first, second = sorted((i, j))
            return f"{sentences[first].rstrip()} {sentences[second]}"
    return chosen


# A step asked by its place in a numbered list: "bước 3", "bước đầu tiên", "bước cuối cùng",
# "kết thúc bằng bước nào" (folded; -1: the last)
_ORDINALS = {**NUMBER_WORDS, "nhat": 1, "dau": 1, "dau tien": 1}
_ORDINAL = re.compile(
    r"\bbuoc (?:thu )?(\d{1,2}|dau tien|dau|nhat|mot|hai|ba|bon)\b"
    r"|\b(?:buoc cuoi|ket thuc (?:bang|la|o) (?:buoc|viec) nao)\b"
)
# The share of the question's words (weighted) a numbered list and its intro hold to answer it
LIST_ABOUT = 0.34
# a passage labelling its steps ("Bước 3: ..."), not one naming them ("làm nhanh bước 2-3")
_STEP_LABEL = re.compile(r"(?:^|[.:;]\s+)buoc \d+\b")
_NUMBERED = re.compile(r"(?:(?<=[:.;])\s+|^)(\d{1,2})\.\s+(?=\w)")


def _ordinal(f: Focus) -> int:
    """The place in a list the question asks for (1, 2...; -1 the last; 0 none)."""
    m = _ORDINAL.search(f.text)
    if not m:
        return 0
    if not m.group(1):
        return -1
    return int(m.group(1)) if m.group(1).isdigit() else _ORDINALS[m.group(1)]


def _numbered_item(f: Focus, text: str, weights: dict[str, float]) -> str:
    """Asked a step by its place ("bước 3 ... thêm gì"), the item at that place of the numbered
    list the passage gives ("... : 1. ... 2. ... 3. Nêu người đọc ..."), after the sentence
    introducing the list; "" when not asked, or the passage labels its steps itself ("Bước 3:"
    is found by its words) or has no such list about the question (holding LIST_ABOUT of the
    question's words besides the place asked)."""
    n = _ordinal(f)
    if not n or _STEP_LABEL.search(fold(text)):
        return ""
    run = _numbered_run(text)
    if len(run) < 2 or n > len(run):
        return ""
    k = n - 1 if n > 0 else len(run) - 1
    intro, body, end = _list_item(text, run, k)
    # the list is about the question: it and its intro hold LIST_ABOUT of its words
    block = _read(f"{intro} {text[run[0].start() : end]}")[1]
    asked = [w for w in f.words if w not in _ORDINAL.search(f.text).group(0).split()]
    total = sum(weights.get(w, 1.0) for w in asked) or 1.0
    if sum(weights.get(w, 1.0) for w in asked if w in block) < LIST_ABOUT * total:
        return ""
    return f"{intro} {run[k].group(1)}. {body}".strip()


def _numbered_run(text: str) -> list[re.Match[str]]:
    """The marks of the first list ``text`` numbers 1, 2, 3... ("1. Cấp số ... 2. Đăng ký ...")."""
    run: list[re.Match[str]] = []
    for m in _NUMBERED.finditer(text):
        if int(m.group(1)) == len(run) + 1:
            run.append(m)
        elif run:
            break
    return run


def _list_item(text: str, run: list[re.Match[str]], k: int) -> tuple[str, str, int | None]:
    """The sentence introducing the numbered list ``run`` of ``text``, the body of its item
    ``k`` (0-based; the last item's first sentence only) and where that item ends (None: at
    the end of the text)."""
    end = run[k + 1].start() if k + 1 < len(run) else None
    body = text[run[k].end() : end].strip()
    if end is None:
        body = passage_sentences(body)[0] if passage_sentences(body) else body
    lead = passage_sentences(text[: run[0].start()])
    return (lead[-1] if lead else ""), body, end


# The step after one done, asked: "đăng ký xong thì tới bước gì", "ký rồi thì làm gì tiếp",
# "sau khi đăng ký thì bước nào", "bước tiếp theo sau khi ...": group "done" is the step done
# (folded, what comes before the cue; or after "sau khi")
_NEXT_ASKED = re.compile(
    r"^(?P<done>.+?) (?:xong|roi)(?: roi)?(?: thi)?(?: (?:toi|den|sang|la|lam|phai lam|tiep))?"
    r" (?:(?:buoc|viec) (?:gi|nao|tiep theo|ke tiep)|gi tiep|tiep (?:gi|theo))\b"
    r"|\bsau (?:khi )?(?P<after>.+?)(?: thi| la)? (?:(?:toi|den|la|lam) )?(?:buoc|viec) (?:gi|nao)\b"
    r"|\bbuoc (?:tiep theo|ke tiep|sau) (?:sau )?(?:khi )?(?P<then>.+?)(?: la gi| la| lam gi)?$"
)


def _next_item(f: Focus, text: str, weights: dict[str, float]) -> str:
    """Asked the step after one done ("đăng ký văn bản đi xong thì tới bước gì"), the item of
    the numbered list the passage introduces after the one naming that step ("2. Đăng ký văn
    bản đi." -> "3. Nhân bản, đóng dấu ..."), after the list's intro; "" when not asked, no
    item names the step done (one of the question's words besides the cue), or it is the
    last."""
    m = _NEXT_ASKED.search(f.text)
    if not m:
        return ""
    done = set(_WORD.findall(m.group("done") or m.group("after") or m.group("then") or ""))
    asked = [w for w in f.words if w in done]
    run = _numbered_run(text)
    if not asked or len(run) < 2 or not text[: run[0].start()].rstrip().endswith(":"):
        return ""  # (an article's numbered clauses, "1. Việc đăng ký ... 2. Số đến ...", are
        # no sequence: a list of steps is introduced, "Trình tự quản lý văn bản đi: 1. ...")
    ends = [b.start() for b in run[1:]] + [len(text)]
    held = [
        sum(weights.get(w, 1.0) for w in asked if w in _read(text[a.end() : e])[1])
        for a, e in zip(run, ends, strict=True)
    ]
    best = max(held)
    k = held.index(best) + 1  # the item after the one naming the step done
    if best <= 0 or k == len(run):
        return ""
    intro, body, _ = _list_item(text, run, k)
    return f"{intro} {run[k].group(1)}. {body}".strip()


def _completes(f: Focus, chosen: str, nxt: str, weights: dict[str, float]) -> bool:
    """Does ``nxt`` say what the question asks that ``chosen`` leaves out? The question's words
    (weighted within the passage) that ``chosen`` lacks make up at least COMPLETES_LACK of
    them, and ``nxt`` holds half of those: the case in one sentence, what to do in the next
    ("... là quy chụp" / "Anh/chị sửa thành lời hướng dẫn trung tính")."""
    if not f.words or quotes_question(nxt):
        return False
    said = _read(chosen)[1]
    missing = [w for w in f.words if w not in said]
    total = sum(weights.get(w, 1.0) for w in f.words)
    lack = sum(weights.get(w, 1.0) for w in missing)
    if not missing or lack < COMPLETES_LACK * total:
        return False
    more = _read(nxt)[1]
    return sum(weights.get(w, 1.0) for w in missing if w in more) >= COMPLETES_HOLDS * lack


# The cues a sentence answering each kind of question holds (figure, when, name: see below).
_KIND_CUES: dict[str, tuple[_Cue, ...]] = {
    "rule": (_NEGATION, _PERMISSION),
    "list": (_ENUMERATES,),
    "definition": (_DEFINES,),
    "how": (_STEPS,),
    "purpose": (_PURPOSE,),
    "reason": (_CAUSE,),
    "effect": (_EFFECT,),
    "where": (_PLACE, _POSITION),
    "who": (_AGENT,),
}


def _answers_kind(f: Focus, sentence: str) -> bool:
    """Does ``sentence`` hold what a question of ``f.kind`` asks for (a figure, a date or a
    condition, a rule, a place...), whatever words it shares with the question?"""
    said = _Sentence.of(sentence)
    if f.kind == "figure":
        return bool(_DIGIT.search(_LABEL.sub(" ", said.folded)) or _RATIO_WORDS.search(said.folded))
    if f.kind == "when":
        return bool(find_dates(sentence) or find_periods(sentence) or _CONDITION.search(said))
    if f.kind == "name":
        return bool(_NAMES.search(sentence))
    cues = _KIND_CUES.get(f.kind)
    return cues is None or any(c.search(said) for c in cues)
