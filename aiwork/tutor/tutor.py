"""The tutor: retrieve from the course, answer through the configured model, cite, never solve.

``Tutor().ask("lam sao nop bai")`` returns a :class:`TutorAnswer`:

- a question quoting a graded exercise gets a *hint* that points to the lesson sections, and no
  model call is made with it;
- a question the course does not cover (nothing retrieved above ``MIN_SCORE``) gets a plain
  "not covered" answer and is logged (redacted) for trainers;
- otherwise the best passages go to the model in a grounded prompt (module 3's
  ``build_grounded_prompt``); the reply's citations are checked against the passages given, and
  the sources it cites — or, if it cites none, the best passage — are listed under the answer.

Follow-up questions ("còn giấy mời thì sao?") are searched together with the previous
question of the conversation.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aiwork.lookup import answering
from aiwork.lookup.corpus import Passage
from aiwork.lookup.grounding import check_grounding
from aiwork.lookup.prompting import build_grounded_prompt
from aiwork.lookup.retriever import Hit, Retriever
from aiwork.lookup.textnorm import tokens
from aiwork.tutor import feedback_log, knowledge
from aiwork.tutor.guard import ExerciseGuard
from aiwork.vi import NUMBER_WORDS, fold, fold_keep_diacritics, fold_keep_offsets, nfc

K = 3
# BM25's best RERANK_POOL passages are re-ranked (ANSWER_WEIGHT: the passage holds a sentence
# answering the question's focus; TITLE_WEIGHT: its heading names the topic).
RERANK_POOL = 12
ANSWER_WEIGHT = 0.5
TITLE_WEIGHT = 0.3
# A glossary entry only says what a term is: asked anything else about the term (a rule, a
# figure, a date), it weighs this much less than the lessons and legal texts that say it.
GLOSSARY_OFF_FOCUS = 0.35
# The course covers a question when its best passage holds at least this share of the
# question's content words (BM25 alone rewards one rare shared word, e.g. "giá" in "giá vàng").
MIN_COVERAGE = 0.5
MIN_PAIR_COVERAGE = 0.3
MIN_PAIR_COVERAGE_UNKNOWN = 0.5  # when the question has a word the course never uses
MIN_FOUND_PAIRS_UNKNOWN = 2  # ... and of two or more pairs asked, at least this many found
# ... but a word the course never uses that is the initials of MIN_INITIALS..MAX_INITIALS words a
# passage writes ("tnhh", "bdhvs") is that passage's term (Tutor._initials)
MIN_INITIALS = 3
MAX_INITIALS = 5
# A question all in course words, most of them found (MIN_COVERAGE_COURSE_WORDS): only the
# word pairs the course writes are asked of the passage, half of them (Tutor._covers).
MIN_COVERAGE_COURSE_WORDS = 0.75
MIN_KNOWN_PAIR_COVERAGE = 0.5
# ... and when every one of them (at least MIN_KNOWN_PAIRS) is found, this share of its words
# ("văn bản mật có lấy số chung với văn bản thường không": "văn bản", "bản mật" found; "lấy",
# "chung", "thường" are how the learner puts it)
MIN_COVERAGE_ALL_KNOWN = 0.6
MIN_KNOWN_PAIRS = 2
# A word pair the course writes (seen at least SIDE_BY_SIDE_SEEN times) only as two words side
# by side, not as a term: SIDE_BY_SIDE_SHARE of the times after a syllable making a pair
# SIDE_BY_SIDE_RATIO times as frequent with its first word, and under SIDE_BY_SIDE_SECOND of
# its second word's pairs ("dùng mới": "nội dung mới"; "chấm tròn" of "dấu chấm tròn" is
# most "tròn" of the course). Found alone, such a pair is no term of the question found.
SIDE_BY_SIDE_SHARE = 0.8
SIDE_BY_SIDE_RATIO = 3
SIDE_BY_SIDE_SECOND = 0.5
SIDE_BY_SIDE_SEEN = 2
# How learners ask, not what they ask about (folded): left out when judging coverage.
QUESTION_WORDS = frozenset(
    "la gi cai nao sao the nhu lam bao nhieu ko khong k a ah vay thi phai duoc co nghia em anh chi "
    "minh toi oi nhe voi giup hoi muon can do ve cua cac nhung mot cho tu tai trong khi nen may "
    "den vao ra nua".split()
)
# Words that only ask or link ("của", "được"), not "một", "có", "cần": "một cột", "cơ quan",
# "căn cước" are topics.
ASKING_WORDS = frozenset(
    "la gi cai nao sao nhu bao nhieu ko khong k a ah vay thi em anh chi minh toi oi nhe giup hoi "
    "muon may o dau cua cac nhung cho voi va duoc ve den vao ra khi nen".split()
)
# Syllables that, folded, are (almost) only function words ("trong", "lên", "đã" is not here:
# "đá"): a word pair the course never writes that holds one of them is most likely two words
# side by side ("chấm trong", "lệnh đã"), not a term of another topic ("bóng đá", "quân sự").
LINKING_SYLLABLES = frozenset(
    "trong len xuong no hay truoc roi thi voi cua la va nhung cac mot nay kia nao gi dang se bi "
    "duoc dc ko khong phai them nua cung rat ra vao di den o theo nhu khi neu vi".split()
)
# What questions about any procedure ask (folded): its fee, office, papers, deadline,
# conditions; these do not name the procedure.
_PROCEDURE_ASKS = re.compile(
    r"\b(?:thu tuc|dang ky|cap (?:lai|doi|moi)|cap|xin|lam|giay to|ho so|nop|le phi|phi|"
    r"muc|tien|thoi han|bao lau|mat|ngay|can(?= gi| nhung| mang| co| phai| giay)|gom|co quan(?: thuc hien)?|ubnd|xa|phuong|"
    r"dieu kien|giai quyet|tra ket qua|ket qua|co|la|mot|"
    # the record's other fields ("Căn cứ pháp lý", "Lĩnh vực"), how papers are handed in
    r"can cu(?: phap ly)?|phap ly|luat|van ban|linh vuc|truc tuyen|online|qua mang|"
    r"ban (?:chinh|sao|goc|photo|chup)|mang(?: theo)?)\b"
)
# What a learner does to start any procedure ("xin cấp", "đăng ký", "làm"), folded with "_" for
# a word pair: a pair joining one of these to the next word ("cấp thẻ", "ký tạm") does not name
# a procedure, the words after it do ("cấp thẻ nhà báo" is no "cấp thẻ bảo hiểm y tế").
_ACTS = re.compile(r"(?:^|_)(?:cap|xin|lam|ky|dang)(?:_|$)")
# A procedure's short name follows how its title opens ("Đăng ký khai sinh", "Cấp, cấp đổi
# thẻ căn cước"); a question writing the whole name names it, unless it names a variant of the
# procedure (another procedure: "xóa đăng ký thường trú", "khai sinh ... người nước ngoài").
_TITLE_OPENER = re.compile(r"^(?:(?:dang ky|cap doi|cap|giai quyet|huong|thu tuc) )+")
MAX_NAME_SYLLABLES = 3
# A record's field names ("Thủ tục:", "Thời hạn giải quyết:", "Phí, lệ phí:"), in every record:
# no case is stated by them ("thủ tục" is no "thu hồi", "hạn" no "trễ hạn")
_RECORD_FIELD = re.compile(r"(?:^|(?<=[.;] ))[^.:;]{2,25}: ")
_VARIANTS = re.compile(
    r"(?<= )(?:lai|xoa|huy|cat|tach|nhap|gia han|nuoc ngoai|luu dong|thay doi|"
    r"cai chinh|bo sung|trich luc|ban sao|ket hop|bo roi)(?= )"
)
# A procedure's record covers a question only if its title holds a word pair the question
# names the procedure with, or this share of those words (Tutor._names).
MIN_NAMED = 0.5
GLOSSARY_DOC = "tu-dien"  # aiwork.tutor.knowledge's glossary entries
PROCEDURE_DOC = "tthc"  # module 3's corpus: one record per administrative procedure
# How a question asks ("cơ quan nào", "bao nhiêu"): left out of the words and word pairs that
# must be found ("co_quan" would otherwise be asked of the passage).
_QUESTION_PHRASES = re.compile(
    r"\b(?:co quan nao|don vi nao|ai la|la gi|la ai|bao nhieu|bao lau|khi nao|o dau|cho nao|"
    r"nhu the nao|the nao|lam sao|the nao|co duoc khong|duoc khong|phai khong|khong)\b"
)
# A question with diacritics on fewer than this share of its syllables is searched as typed
# without them (a question typed in full marks half or more: "thời hạn đăng ký khai sinh").
MIN_MARKED_SHARE = 0.4
# Passages scoring under this share of the best one are not given to the model (less noise).
KEEP_RELATIVE = 0.75
# ... nor passages holding less than this share of the best-holding one's topic terms (see
# Tutor._on_topic).
ON_TOPIC_RELATIVE = 0.6
# A passage defining a term the question asks to be defined, named exactly ("văn bản đến là
# gì"), is ranked first by this much more and covers the question (Tutor.defined).
DEFINES_WEIGHT = 1.0
MAX_TERM_SYLLABLES = 5
# A table row or list item headed by what the question names ("Giấy mời: Mời dự họp ...",
# "Bối cảnh: ..."), its head in at most ROW_HEAD_PASSAGES passages (not a record's "Thời hạn
# giải quyết:"): its passage weighs this much more in the re-ranking.
ROW_WEIGHT = 0.3
ROW_HEAD_PASSAGES = 2
_ROW_HEAD = re.compile(r"^([^:;.,()]{3,40}):\s[^;]+;")  # a table row: "Head: cell; cell"
# A lesson named by its number ("trong bai 4", "mo dun so 5", "module 2", "bai thu hai",
# "bai hai"; not a bare "ba", "nam", "sau": "bài ba quy tắc", "bài năm nay", "bài sau"; folded):
# the lesson's passages BM25 ranks best for the question join the re-ranking pool even when others score
# higher, and each passage of that lesson weighs LESSON_WEIGHT more (a soft filter: a passage
# of another lesson that answers far better still wins).
_NAMED_LESSON = re.compile(
    r"\b(?:bai|mo dun|mo-dun|modun|module)\s*(?:(?:so|thu)\s*)?(?:(\d)\b(?![.,/]?\d)"
    r"|(?<=thu )(khong|mot|nhat|hai|ba|bon|tu|nam|sau)\b|(mot|hai|bon)\b)"
)
_NUMBER_WORDS = {**NUMBER_WORDS, "khong": 0, "nhat": 1}  # "bài thứ không", "bài thứ nhất"
LESSON_DOC = "bai{:02d}"  # aiwork.tutor.knowledge: a lesson's passages are of document "bai04"
LESSON_POOL = 3
LESSON_WEIGHT = 0.3
# Asked whether the assistant can do a thing ("nho tro ly sap xep y giup dc ko", "chatgpt co
# dich duoc khong"; folded, shorthand spelled out), the section titled with what the assistant
# can do ("Trợ lý AI làm được gì và không làm được gì") joins the re-ranking pool and weighs
# CAN_WEIGHT more: its table says what it does well and what it cannot do.
_ASSISTANT = r"(?:tro ly(?: ai)?|chatgpt|chat gpt|gemini|copilot|chatbot)"
_CAN_ASK = re.compile(
    rf"\b(?:nho|bao|de|cho) {_ASSISTANT}\b.*\bduoc (?:khong|ko|k)\b"
    rf"|\b{_ASSISTANT} co (?:the )?\w+.*\bduoc (?:khong|ko|k)\b"
)
_CAN_TITLE = re.compile(rf"\b{_ASSISTANT}\b.*\blam duoc gi\b")
CAN_WEIGHT = 0.3
# Words that make an asked subject a thing OF a term ("chế độ mặc định của lá chắn", "bước 2
# khi ...", "trợ lý bị ảo giác") or an action ("bấm Shift Enter") rather than a term (folded;
# "lá" folds to "la", so not LINKING_SYLLABLES).
_OF_A_TERM = frozenset(
    "cua khi trong thi voi cho de o ve tu nay do kia nao khac hay bi duoc dang se bam go chay".split()
)
# A sentence defining a term: "5. “Văn bản đi” là ...", "Hồ sơ là ...", a glossary entry's
# head "Mô hình ngôn ngữ lớn (LLM): ..." (the term and the alias in brackets).
_DEFINITION = re.compile(
    r"^(?:\d+\.\s*|[a-zđ]\)\s*)?(?:[“\"](?P<quoted>[^”\"]{2,60})[”\"]|(?P<plain>[^\W\d_][^.,:;()“”\"]{2,50}?))"
    r"\s+(?:là|được hiểu là)\s"
)
# A sentence's subject that points rather than names ("bảng dưới đây là", "ô thứ hai là").
_NOT_A_TERM = re.compile(
    r"\b(?:nay|day|do|nao|kia|trong bai|thu hai|chi|goi)$|^(?:ben|cac|moi)\b|—"
)
_GLOSSARY_HEAD = re.compile(r"^(?P<term>[^:()]+?)\s*(?P<aliases>(?:\([^)]+\)\s*)*):")
_ALIAS = re.compile(r"\(([^)]+)\)")
# A term's name in English ("ảo giác tiếng Anh là gì", "tiếng Anh của nhiệt độ là gì"): asked
# of the glossary entries giving it ("Ảo giác (hallucination): ...")
_IN_ENGLISH = re.compile(
    r"^tieng anh (?:cua |goi )?|\s(?:(?:dich|viet|goi) )?(?:ra |sang |bang |trong )?tieng anh"
    r"(?: (?:goi|thi|no))*$"
)
# How a question asks what a term is (folded): the term is what comes before ("hồ sơ là gì",
# "lập hồ sơ nghĩa là làm những gì", "bảo vệ dữ liệu cá nhân định nghĩa ra sao") or after
# ("thế nào là văn bản đến"); the text it is asked of ("theo nđ30", "trong luật 91") and how
# the question opens ("cho em hỏi") are no part of it.
_DEFINE_ASKS = re.compile(
    r"\s(?:la gi|la cai gi|la sao|la nhu the nao|nghia la|hieu la|duoc hieu|dinh nghia|"
    r"khai niem|la ai|goi la gi)\b"
)
_COMPARES = re.compile(r" (?:khac nhau|khac gi|khac cho nao|phan biet|giong nhau|so voi) ")
_DEFINE_PREFIX = re.compile(
    r"^(?:cho (?:em|toi|minh|chau|hoi)\s*(?:hoi\s*)?|em hoi |hoi |(?:khai niem|thuat ngu|tu|cum tu) )+"
)
_DEFINE_AFTER = re.compile(
    r"^(?:the nao|nhu the nao|the nao thi) (?:duoc goi |goi )?la (?P<term>.+)$"
)
_DEFINED_IN = re.compile(
    rf"\b(?:theo|trong|cua|o) (?:{answering.DOCUMENT_BY_NUMBER}|luat bao ve du lieu ca nhan|"
    r"khoa hoc|khoa nay|bai hoc|bai nay)(?: thi)?\b"
    rf"|^{answering.DOCUMENT_BY_NUMBER}(?: thi)? "
)
_FOLLOW_UP = re.compile(r"^(con|the con|vay|nhu vay|cai do|cai nay|neu vay|vay thi)\b|thi sao\b")
_CITED = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)+)\]")
_ids = itertools.count(1)

NOT_COVERED = (
    "Nội dung này khóa học chưa đề cập. Anh/chị có thể hỏi giảng viên, hoặc tra cứu văn "
    "bản chính thức trên Cổng thông tin điện tử của cơ quan ban hành. Câu hỏi đã được ghi "
    "lại (không kèm thông tin cá nhân) để giảng viên bổ sung bài giảng."
)


@dataclass
class Citation:
    id: str
    source: str
    title: str

    def label(self) -> str:
        return f"[{self.id}] {self.title or self.source} — {self.source}"


@dataclass
class TutorAnswer:
    question: str
    text: str
    kind: str  # "answer" | "hint" | "not_covered"
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    id: int = field(default_factory=lambda: next(_ids))

    @property
    def covered(self) -> bool:
        return self.kind != "not_covered"

    def render(self) -> str:
        if not self.citations:
            return self.text
        return self.text + "\n\nNguồn:\n" + "\n".join(f"- {c.label()}" for c in self.citations)


def _as_question(text: str) -> str:
    """Learners often type a question without its "?" ("cong van co viet tat khong"): the
    model is told it is one (otherwise "công văn ..." may read as a request to draft one)."""
    text = text.strip()
    return text if text.endswith(("?", "？")) else f"{text}?"


@functools.lru_cache(maxsize=256)
def _course_folded(question: str) -> str:
    """The question folded, its shorthand written out and everyday names in the course's
    words: once per question (its topic terms, and every procedure record found, ask it)."""
    return answering.in_course_words(answering.spelled_out(question))[0]


def _naming_words(question: str) -> tuple[list[str], set[str]]:
    """The question's tokens and the words that may name what it asks about: not how it asks,
    nor what every procedure is asked (its fee, office, papers, deadline)."""
    folded = _course_folded(question)
    folded = _PROCEDURE_ASKS.sub(" ", _QUESTION_PHRASES.sub(" ", folded))
    toks = tokens(folded, folded=True)
    return toks, {w for w in toks if "_" not in w} - ASKING_WORDS


def _asked_pairs(question: str) -> set[str]:
    """The question's word pairs, without how it asks ("bao nhiêu", "ở đâu")."""
    folded = _course_folded(question)
    return {w for w in tokens(_QUESTION_PHRASES.sub(" ", folded), folded=True) if "_" in w}


def _not_across(pairs: set[str], found: set[str]) -> set[str]:
    """The question's word ``pairs`` to ask of a passage, without those lying between two
    ``found`` ones: "dung công" reads "nội dung công văn" across "nội dung" and "công văn"."""
    joined = {s for w in pairs & found for s in w.split("_")}
    return {w for w in pairs if w in found or not set(w.split("_")) <= joined}


def _words(text: str) -> str:
    """``text`` folded, its words separated by single spaces (punctuation dropped): terms and
    row heads are compared in this form."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def _idf(token_sets: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each token over ``token_sets`` (one set per document)."""
    df: dict[str, int] = {}
    for toks in token_sets:
        for w in toks:
            df[w] = df.get(w, 0) + 1
    n = len(token_sets)
    return {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}


def _mostly_plain(text: str) -> bool:
    """Is ``text`` typed with diacritics on fewer than MIN_MARKED_SHARE of its syllables?"""
    syllables = re.findall(r"[^\W\d_]+", fold_keep_diacritics(text))
    marked = sum(1 for s in syllables if fold(s) != s)
    return 0 < marked < MIN_MARKED_SHARE * len(syllables)


def _cite(p: Passage) -> Citation:
    return Citation(p.id, p.source, p.title)


class Tutor:
    def __init__(
        self,
        passages: list[Passage] | None = None,
        *,
        guard: ExerciseGuard | None = None,
        ask: Callable[[str], str] | None = None,
    ):
        self.passages = list(passages) if passages is not None else list(knowledge.load())
        self.retriever = Retriever(self.passages)
        self.lessons = Retriever(
            [p for p in self.passages if p.doc.startswith("bai")] or self.passages
        )
        self.guard = guard if guard is not None else ExerciseGuard(knowledge.load_graded())
        self._ask = ask
        self.history: list[TutorAnswer] = []
        # asked by the search, the coverage check and for each hit: found once per question
        self.defined = functools.lru_cache(maxsize=256)(self._defined)

    def ask_model(self, prompt: str) -> str:
        if self._ask is not None:
            return self._ask(prompt)
        from aiwork.assistant import hoi

        return hoi(prompt, temperature=0)

    def search(self, question: str) -> list[Hit]:
        """Hits for ``question``; a follow-up is searched together with the question before it."""
        question = answering.spelled_out(question.replace("_", " "))  # kiem_tra, "dc", "ntn"
        hits = self._search(question, question)
        if self.history and (
            _FOLLOW_UP.search(fold_keep_offsets(question)) or not self._covers(question, hits)
        ):
            joined = self._search(f"{self.history[-1].question} {question}", question)
            if self._covers(question, joined) or not self._covers(question, hits):
                hits = joined
        return hits

    def _search(self, query: str, question: str) -> list[Hit]:
        """The K best passages for ``query``: BM25's best few, re-ranked by how well a passage
        answers the question's focus (it holds a sentence stating the figure, the definition,
        the rule asked for) and how well its heading names the question's topic."""
        # the course's words for what the question names otherwise ("sổ đỏ")
        query = " ".join([query, *answering.in_course_words(query)[1]])
        if _mostly_plain(query):
            # typed without diacritics but a word or two (a phone's autocorrect: "thu tuc
            # khai sinh là gì"): the exact index would match only those
            query = fold(query)
        pool = self.retriever.search(query, RERANK_POOL)
        defining = set(self.defined(question))
        rows = self.row_headed(question)
        lesson = self.named_lesson(question)
        if _CAN_ASK.search(fold_keep_offsets(question)):
            pooled = {h.passage.id for h in pool}
            best = pool[0].score if pool else 1.0
            pool += [Hit(p, best / 2, 0) for p in self._can_do if p.id not in pooled]
            can = {p.id for p in self._can_do}
        else:
            can = set()
        if lesson:
            pooled = {h.passage.id for h in pool}
            scores = self.retriever.scores(query)
            ranked = sorted(
                (i for i, p in enumerate(self.passages) if p.doc == lesson and scores[i] > 0),
                key=lambda i: -scores[i],
            )
            pool += [
                Hit(self.passages[i], float(scores[i]), 0)
                for i in ranked[:LESSON_POOL]
                if self.passages[i].id not in pooled
            ]
        if defining:
            # searched as if BM25 ranked them first
            best = pool[0].score if pool else 1.0
            pooled = {h.passage.id for h in pool}
            pool += [Hit(p, best, 0) for p in self.passages if p.id in defining - pooled]
        if not pool:
            return []
        top = pool[0].score
        f = answering.focus(question)
        rescored = []
        for h in pool:
            ranked = answering.rank_sentences(question, h.passage.text)
            says = max(0.0, ranked[0].score) if ranked else 0.0
            title = set(tokens(h.passage.title, folded=True))
            named = sum(1 for w in f.words if w in title) / len(f.words) if f.words else 0.0
            score = h.score / top + ANSWER_WEIGHT * says + TITLE_WEIGHT * named
            if h.passage.doc == GLOSSARY_DOC and f.kind != "definition":
                score -= GLOSSARY_OFF_FOCUS
            if h.passage.id in defining:
                score += DEFINES_WEIGHT
            if h.passage.id in rows:
                score += ROW_WEIGHT
            if lesson and h.passage.doc == lesson:
                score += LESSON_WEIGHT
            if h.passage.id in can:
                score += CAN_WEIGHT
            rescored.append((score, h))
        rescored.sort(key=lambda x: -x[0])
        return [Hit(h.passage, s, rank + 1) for rank, (s, h) in enumerate(rescored[:K])]

    def named_lesson(self, question: str) -> str | None:
        """The document of the lesson the question names by number ("bai 4" -> "bai04"), if
        the course has it."""
        m = _NAMED_LESSON.search(fold_keep_offsets(question))
        if not m:
            return None
        number = m[1] or m[2] or m[3]
        doc = LESSON_DOC.format(int(number) if number.isdigit() else _NUMBER_WORDS[number])
        return doc if doc in self._docs else None

    @functools.cached_property
    def _can_do(self) -> list[Passage]:
        """The sections titled with what the assistant can do."""
        return [p for p in self.passages if _CAN_TITLE.search(fold_keep_offsets(p.title))]

    @functools.cached_property
    def _docs(self) -> frozenset[str]:
        return frozenset(p.doc for p in self.passages)

    @functools.cached_property
    def _definitions(self) -> dict[str, tuple[str, ...]]:
        """Each term a passage defines (folded) -> the ids of the passages defining it."""
        out: dict[str, list[str]] = {}
        for p in self.passages:
            terms = []
            if p.doc == GLOSSARY_DOC and (m := _GLOSSARY_HEAD.match(p.text)):
                terms += [m["term"], *_ALIAS.findall(m["aliases"])]
            for sentence in answering.passage_sentences(p.text):
                if not (m := _DEFINITION.match(sentence.strip())):
                    continue
                if m["quoted"]:
                    terms.append(m["quoted"])
                    # "bản gốc văn bản" is asked as "bản gốc"
                    terms.append(re.sub(r"(?<=\w) văn bản(?: giấy)?$", "", m["quoted"]))
                elif len(m["plain"].split()) > 1 and not _NOT_A_TERM.search(fold(m["plain"])):
                    terms.append(m["plain"])
            for term in terms:
                term = _words(term)
                if term and p.id not in out.get(term, []):
                    out.setdefault(term, []).append(p.id)
        return {t: tuple(ids) for t, ids in out.items()}

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def asked_term(question: str) -> str:
        """The term (folded) ``question`` asks to be defined ("văn bản đến" in "văn bản đến
        nghĩa là sao", "thế nào là văn bản đến"), without the text it is asked of ("theo
        nđ30"), how the question opens and the language its name is asked in ("ảo giác tiếng
        Anh là gì"); "" if it asks no definition."""
        folded = _words(answering.spelled_out(question))
        folded = " ".join(_DEFINED_IN.sub(" ", folded).split())
        if m := _DEFINE_AFTER.match(_DEFINE_PREFIX.sub("", folded)):
            term = m["term"]
        elif m := _DEFINE_ASKS.search(folded):
            term = folded[: m.start()]
        else:
            return ""
        term = _DEFINE_PREFIX.sub("", term).strip()
        term = re.sub(r"\s(?:thi|vay|a|ah|nhi)$", "", term).strip()
        return _IN_ENGLISH.sub("", term).strip()

    @staticmethod
    def asks_in_english(question: str) -> bool:
        """Does ``question`` ask a term's English name ("dẫn nguồn tiếng Anh gọi là gì")?"""
        return bool(Tutor.asked_term(question)) and " tieng anh " in f" {_words(question)} "

    @functools.cached_property
    def _named_in_english(self) -> frozenset[str]:
        """The glossary entries giving their term's English name ("Nhiệt độ (temperature):")."""
        return frozenset(
            p.id
            for p in self.passages
            if p.doc == GLOSSARY_DOC
            and (m := _GLOSSARY_HEAD.match(p.text))
            and any(a.isascii() for a in _ALIAS.findall(m["aliases"]))
        )

    @functools.cached_property
    def _row_heads(self) -> dict[str, frozenset[str]]:
        """Each head (folded, 2-4 words) of a row or item "Head: ..." -> the passages holding
        it, for heads in at most ROW_HEAD_PASSAGES passages."""
        out: dict[str, set[str]] = {}
        for p in self.passages:
            for sentence in answering.passage_sentences(p.text):
                if m := _ROW_HEAD.match(sentence.strip()):
                    head = _words(m[1])
                    if 2 <= len(head.split()) <= 4:
                        out.setdefault(head, set()).add(p.id)
        return {h: frozenset(ids) for h, ids in out.items() if len(ids) <= ROW_HEAD_PASSAGES}

    def row_headed(self, question: str) -> set[str]:
        """The passages holding a row headed by words the question names."""
        folded = f" {_words(question)} "
        return {i for h, ids in self._row_heads.items() if f" {h} " in folded for i in ids}

    def _defined(self, question: str) -> tuple[str, ...]:
        """The passages defining the term ``question`` asks to be defined, when it names that
        term exactly (nothing more: "văn bản quy phạm pháp luật là gì" is not "văn bản")."""
        found = self._definitions.get(self.asked_term(question), ())
        if self.asks_in_english(question):
            return tuple(i for i in found if i in self._named_in_english)
        if found or not _COMPARES.search(folded := f" {_words(question)} "):
            return found
        # two terms compared ("bản gốc với bản chính khác nhau chỗ nào"): the passages
        # defining the most of the terms named (at least two; longest terms read first)
        named = []
        for term in sorted(self._definitions, key=len, reverse=True):
            if len(term.split()) > 1 and f" {term} " in folded:
                named.append(term)
                folded = folded.replace(f" {term} ", " | ")
        count: dict[str, int] = {}
        for term in named:
            for i in self._definitions[term]:
                count[i] = count.get(i, 0) + 1
        most = max(count.values(), default=0)
        return tuple(sorted(i for i, c in count.items() if c == most)) if most > 1 else ()

    def _states_term(self, question: str, passage: Passage) -> bool:
        """Asked what a term of a few words is ("hồ sơ bệnh án là gì"), does ``passage``
        define it or write each of its word pairs but those joining two it writes ("quyết
        định | viết tắt")? A passage on "hồ sơ" that never writes "bệnh án" does not answer.
        A longer subject, or one with a linking word ("chế độ mặc định của lá chắn"), asks
        about a thing of a term, not the term: not checked."""
        if self.asks_in_english(question):
            return passage.id in self.defined(question)
        term = self.asked_term(question)
        syllables = term.split()
        if (
            not 2 <= len(syllables) <= MAX_TERM_SYLLABLES
            or _OF_A_TERM & set(syllables)
            or passage.id in self.defined(question)
        ):
            return True
        pairs = {w for w in tokens(term, folded=True) if "_" in w}
        found = set(tokens(passage.search_text, folded=True))
        return _not_across(pairs, found) <= found

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every folded word and word pair of the knowledge base."""
        return frozenset(
            itertools.chain.from_iterable(tokens(p.search_text, folded=True) for p in self.passages)
        )

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (one Tutor per process)
    def _initials(self, passage: Passage) -> frozenset[str]:
        """The initials of every MIN_INITIALS..MAX_INITIALS consecutive words of ``passage``
        ("tnhh" of "trách nhiệm hữu hạn")."""
        out = set()
        for line in passage.search_text.splitlines():
            s = [w[0] for w in _words(line).split()]
            for n in range(MIN_INITIALS, MAX_INITIALS + 1):
                out.update("".join(s[i : i + n]) for i in range(len(s) - n + 1))
        return frozenset(out)

    @functools.cached_property
    def _side_by_side(self) -> frozenset[str]:
        """Word pairs the course writes only as two words side by side: nearly every time
        (SIDE_BY_SIDE_SHARE) after a syllable that makes a much more frequent pair with its
        first word ("dùng mới" only in "nội dung mới"): not a term of the course."""
        pairs: dict[tuple[str, str], int] = {}
        after: dict[tuple[str, str], list[str]] = {}
        for p in self.passages:
            for line in p.search_text.splitlines():
                s = _words(line).split()
                for i in range(len(s) - 1):
                    pairs[s[i], s[i + 1]] = pairs.get((s[i], s[i + 1]), 0) + 1
                    after.setdefault((s[i], s[i + 1]), []).append(s[i - 1] if i else "")
        second: dict[str, int] = {}
        for (_, b), n in pairs.items():
            second[b] = second.get(b, 0) + n
        return frozenset(
            f"{a}_{b}"
            for (a, b), n in pairs.items()
            if n >= SIDE_BY_SIDE_SEEN
            and n < SIDE_BY_SIDE_SECOND * second[b]
            and sum(pairs.get((x, a), 0) >= SIDE_BY_SIDE_RATIO * n for x in after[a, b])
            >= SIDE_BY_SIDE_SHARE * n
        )

    @functools.cached_property
    def _idf(self) -> dict[str, float]:
        """Inverse document frequency of each folded word and word pair of the knowledge base."""
        return _idf([set(tokens(p.search_text, folded=True)) for p in self.passages])

    def topic_terms(self, question: str) -> dict[str, float]:
        """The question's topic terms (the course's words for it, without the asking words),
        each weighted by its inverse document frequency: "khai_tu" weighs more than "ho_so"."""
        folded = _course_folded(question)
        toks = tokens(_QUESTION_PHRASES.sub(" ", folded), folded=True)
        terms = {
            w
            for w in toks
            if ("_" in w and not ASKING_WORDS.intersection(w.split("_")))
            or ("_" not in w and w not in QUESTION_WORDS)
        }
        return {w: self._idf[w] for w in terms if w in self._idf}

    def topic_coverage(self, terms: dict[str, float], passage: Passage) -> float:
        """Weighted share of the question's topic terms that ``passage`` contains."""
        total = sum(terms.values())
        if not total:
            return 0.0
        have = set(tokens(passage.search_text, folded=True))
        return sum(v for w, v in terms.items() if w in have) / total

    @functools.cached_property
    def _title_idf(self) -> dict[str, float]:
        """How rare each folded word and word pair is among the procedures' titles ("giấy
        chứng nhận" names several, "khai tử" one)."""
        return _idf(
            [set(tokens(p.title, folded=True)) for p in self.passages if p.doc == PROCEDURE_DOC]
        )

    @staticmethod
    def _whole_name(question: str, title: str, text: str) -> bool:
        """Does the question write a procedure's whole short name ("khai sinh" of "Đăng ký
        khai sinh", "thường trú"), and no variant of it the title does not name ("xóa",
        "đăng ký lại", "nước ngoài": another procedure), its other naming words being the
        case asked about ("trễ hạn", "sau 3 giờ chiều", "vào nhà người khác"): at least
        MIN_NAMED of them stated by the procedure's record ``text``?"""
        name = _TITLE_OPENER.sub("", _words(title))
        if not text or not 2 <= len(name.split()) <= MAX_NAME_SYLLABLES:
            return False
        asked = f" {_words(_course_folded(question))} "
        variants = {m[0] for m in _VARIANTS.finditer(asked)} - {
            m[0] for m in _VARIANTS.finditer(f" {_words(title)} ")
        }
        if f" {name} " not in asked or variants:
            return False
        case = _naming_words(question)[1] - set(tokens(title, folded=True))
        stated = case & set(tokens(_RECORD_FIELD.sub(" ", text), folded=True))
        return not case or len(stated) / len(case) >= MIN_NAMED

    def _names(self, question: str, title: str, text: str = "") -> bool:
        """Does a procedure's ``title`` name the procedure the question asks about? Its words
        are those left when how it asks and what every procedure is asked (fee, office,
        papers, deadline) are taken out: the title holds one of their word pairs that no other
        title holds ("kết hôn"), or the procedure's whole short name with a case its record
        ``text`` speaks of (Tutor._whole_name: "khai sinh ... trễ hạn", which "Liên thông đăng
        ký khai sinh, ..." holds too), or at least MIN_NAMED of them weighted by their rarity
        among the titles ("xe máy" for "xe mô tô, xe gắn máy"; "hộ chiếu" is not "hộ tịch")."""
        toks, words = _naming_words(question)
        if not words:
            return True
        idf = self._title_idf
        rare = max(idf.values(), default=1.0)
        pairs = {w for w in toks if "_" in w and set(w.split("_")) <= words}
        # a pair naming one procedure alone names it even with a syllable the search reads as a
        # function word ("khai tử": folded "tu" is one, so it was no naming word)
        pairs |= {w for w in _asked_pairs(question) if w.count("_") == 1 and not _ACTS.search(w)}
        have = set(tokens(title, folded=True))
        if any(idf.get(w, 0.0) >= rare for w in pairs & have):
            return True
        if self._whole_name(question, title, text):
            return True
        weight = {w: idf.get(w, rare) for w in words}
        return sum(weight[w] for w in words & have) / sum(weight.values()) >= MIN_NAMED

    @staticmethod
    def _defining(question: str, hits: list[Hit]) -> list[Hit]:
        """Asked what a term is, the glossary entry whose head names the term ("Trợ lý AI
        (chatbot): ...") is the answer: it alone is given to the model."""
        f = answering.focus(question)
        if f.kind != "definition" or not f.term:
            return hits
        term = re.compile(rf"(?<!\w){re.escape(f.term)}(?!\w)")
        for h in hits:
            head = h.passage.text.split(":", 1)[0]
            if h.passage.doc == GLOSSARY_DOC and term.search(fold_keep_offsets(head)):
                return [h]
        return hits

    @staticmethod
    def _answering(question: str, hits: list[Hit]) -> list[Hit]:
        """The passages given to the model, without those whose best sentence for the question
        only asks or quotes it (an exercise quoting "trong bao nhiêu ngày phải làm khai tử?"),
        when another passage answers."""
        answers = []
        for h in hits:
            ranked = answering.rank_sentences(question, h.passage.text)
            answers.append(bool(ranked) and not answering.quotes_question(ranked[0].sentence))
        kept = [h for h, ok in zip(hits, answers, strict=True) if ok]
        return kept or hits

    def _on_topic(self, question: str, hits: list[Hit]) -> list[Hit]:
        """The passages given to the model, without those that hold clearly less of the
        question's topic than the best-holding one (a passage on another procedure that shares
        only "nộp hồ sơ" is not offered beside the one on "khai tử")."""
        if len(hits) < 2:
            return hits
        terms = self.topic_terms(question)
        cover = [self.topic_coverage(terms, h.passage) for h in hits]
        best = max(cover)
        if not best:
            return hits
        return [h for h, c in zip(hits, cover, strict=True) if c >= ON_TOPIC_RELATIVE * best]

    def _covers(self, question: str, hits: list[Hit]) -> bool:
        """Does one of the passages found cover the question's content words and word pairs?"""
        folded = fold_keep_offsets(answering.spelled_out(question))
        toks = tokens(_QUESTION_PHRASES.sub(" ", folded), folded=True)
        words = {w for w in toks if "_" not in w and w not in QUESTION_WORDS}
        # a pair with an asking word ("dat_o", "tri_nao", "ve_may") says how it is asked
        pairs = {w for w in toks if "_" in w and not ASKING_WORDS.intersection(w.split("_"))}
        # a pair the course never writes, across a linking word, is two words side by side
        pairs = {
            w for w in pairs if w in self.vocabulary or not LINKING_SYLLABLES & set(w.split("_"))
        }
        if not hits or not words:
            return False
        if set(self.defined(question)) & {h.passage.id for h in hits}:
            return True  # a passage defines the very term asked
        hits = [h for h in hits if self._states_term(question, h.passage)]
        # The asker's words for what the course says otherwise ("file" for "tệp", "mất tiền"
        # for "lệ phí"): stated by a passage that states the course's words.
        said = [
            (set(tokens(" ".join(syn.asked.findall(folded)), folded=True)), syn.course)
            for syn in answering.synonyms()
            if syn.asked.search(folded)
        ]
        asked_words = set().union(*(a for a, _ in said)) if said else set()
        # A word the course never uses ("vàng", "bóng", "xăng"): the question is about
        # something else unless most of its word pairs are found too.
        unknown = (words - asked_words) - self.vocabulary
        # ... and a thing OF a word the course never uses ("vai trò của canxi", "mục đích của
        # yoga") is that word's: the course's "vai trò", "mục đích" are of something else
        owners = set(re.findall(r"\bcua (\w+)", _words(folded)))
        for hit in hits:
            if hit.passage.doc == PROCEDURE_DOC and not self._names(
                question, hit.passage.title, hit.passage.text
            ):
                # a procedure's record answers only questions naming that procedure: "làm hộ
                # chiếu cần giấy tờ gì" is not answered by another procedure's papers
                continue
            found = set(tokens(hit.passage.search_text, folded=True))
            # a word the course never uses that is the initials of words the passage writes
            # ("tnhh": "trách nhiệm hữu hạn", "gplx"): the passage's term, shortened
            short = {w for w in unknown if w in self._initials(hit.passage)}
            found |= short
            if short and hit.passage.doc == PROCEDURE_DOC:
                # ... on a procedure's record, only for a case the record states
                case = (
                    _naming_words(question)[1] - set(tokens(hit.passage.title, folded=True)) - short
                )
                stated = case & set(tokens(_RECORD_FIELD.sub(" ", hit.passage.text), folded=True))
                if case and len(stated) / len(case) < MIN_NAMED:
                    short = set()
            unknown_here = unknown - short
            if unknown_here & owners:
                continue
            need = MIN_PAIR_COVERAGE_UNKNOWN if unknown_here else MIN_PAIR_COVERAGE
            text = fold_keep_offsets(hit.passage.search_text)
            for asked, course in said:
                if any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", text) for c in course):
                    found |= asked
            if len(words & found) / len(words) < MIN_COVERAGE:
                continue
            # Several content words but almost no word pair in common: the words match by
            # chance ("kết quả bóng đá" vs "kết quả giải quyết").
            if (len(words) < 3 and not unknown_here) or not pairs:
                return not unknown_here
            asked = _not_across(pairs, found)
            # ... and, with a word the course never uses, more than one pair: one of two is a
            # coincidence ("vai trò" of "vai trò của vitamin C", "mũ bảo hiểm" is no insurance)
            if len(asked & found) / len(asked) >= need and (
                not unknown_here or len(asked & found) >= MIN_FOUND_PAIRS_UNKNOWN or len(asked) < 2
            ):
                return True
            # Every word of the question is a course word and most are found: a pair the course
            # never writes is then two of its words side by side ("tính tổng theo từng tháng"),
            # so only the pairs it writes are asked of the passage (0.5 of them, not 0.3: "công
            # chức nghỉ việc có được trợ cấp thôi việc" is not answered from an archive rule).
            known = {w for w in pairs if w in self.vocabulary}
            known = _not_across(known, found)
            # a pair the course writes only side by side ("dùng mới" of "nội dung mới") is no
            # term found in it ("câu cá thì dùng mồi gì")
            if (
                not unknown_here
                and (known & found) - self._side_by_side
                and len(known & found) / len(known) >= MIN_KNOWN_PAIR_COVERAGE
                and len(words & found) / len(words)
                >= (
                    MIN_COVERAGE_ALL_KNOWN
                    if len(known) >= MIN_KNOWN_PAIRS and known <= found
                    else MIN_COVERAGE_COURSE_WORDS
                )
            ):
                return True
        return False

    def ask(self, question: str) -> TutorAnswer:
        question = nfc(question).strip()
        if not question:
            raise ValueError("Anh/chị chưa nhập câu hỏi.")
        graded = self.guard.match(question)
        if graded is not None:
            answer = self._hint(question, graded.assignment)
        else:
            answer = self._answer(question)
        self.history.append(answer)
        return answer

    def _hint(self, question: str, assignment: str) -> TutorAnswer:
        hits = self.lessons.search(question, K)
        where = "; ".join(f"«{h.passage.title}»" for h in hits[:2]) or "bài học tương ứng"
        text = (
            f"Câu hỏi này thuộc bài tập được chấm điểm{f' ({assignment})' if assignment else ''}, "
            "nên trợ giảng không đưa ra đáp án. Gợi ý: anh/chị xem lại "
            + where
            + ", tự làm rồi chạy ô kiem_tra(...) để tự kiểm tra trước khi nộp."
        )
        return TutorAnswer(
            question,
            text,
            "hint",
            [_cite(h.passage) for h in hits[:2]],
            [h.passage for h in hits[:2]],
        )

    def _answer(self, question: str) -> TutorAnswer:
        hits = self.search(question)
        # a follow-up ("còn lệ phí thì sao?") asks about the previous question's topic
        # unless it names a topic of its own ("còn khai tử thì sao?")
        follow_up = self.history and _FOLLOW_UP.search(fold_keep_offsets(question))
        if not follow_up and not self._covers(question, hits):
            hits = []
        hits = [h for h in hits if h.score >= KEEP_RELATIVE * hits[0].score] if hits else []
        topic = _FOLLOW_UP.sub(" ", fold_keep_offsets(question)) if follow_up else question
        if follow_up and not _naming_words(topic)[1]:
            topic = f"{self.history[-1].question} {topic}"
        hits = self._answering(question, hits)
        defining = [h for h in hits if h.passage.id in self.defined(question)]
        hits = defining or self._defining(question, hits)
        # another procedure's record beside the one asked about is a wrong answer waiting
        named = [
            h
            for h in hits
            if h.passage.doc != PROCEDURE_DOC or self._names(topic, h.passage.title, h.passage.text)
        ]
        hits = named or hits
        hits = self._on_topic(topic, hits)
        if not hits:
            feedback_log.record("unanswered", question)
            return TutorAnswer(question, NOT_COVERED, "not_covered")
        given = [h.passage for h in hits]
        reply = self.ask_model(build_grounded_prompt(_as_question(question), given)).strip()
        by_id = {p.id: p for p in given}
        grounding = check_grounding(reply, given)
        cited = [by_id[i] for i in dict.fromkeys(_CITED.findall(reply)) if i in by_id]
        # Strip citations of passages that were not given: the learner must never see them.
        reply = _CITED.sub(lambda m: m.group(0) if m.group(1) in by_id else "", reply)
        if not grounding.ok:
            reply += (
                "\n\n(Lưu ý: một số ý trong câu trả lời chưa được tài liệu xác nhận; "
                "anh/chị đối chiếu với nguồn bên dưới.)"
            )
        return TutorAnswer(
            question, reply, "answer", [_cite(p) for p in (cited or given[:1])], given
        )

    def rate(self, answer: TutorAnswer, good: bool, comment: str = "") -> dict:
        """Record the learner's rating of an answer (question redacted, no user name)."""
        return feedback_log.record(
            "rating",
            answer.question,
            answer_kind=answer.kind,
            rating="tot" if good else "chua_tot",
            comment=comment,
            citations=[c.id for c in answer.citations],
        )
