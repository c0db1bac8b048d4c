"""The facts of a brief: does a text state each one, and does it state any of them differently?

EXERCISE_STANDARD §2: a prompt, a draft or a document earns a fact's points only when it states
the fact **and contradicts none**: a wrong date, time, venue, audience, count, amount or legal
basis loses the fact even when the right one appears too. Every grader that checks a text
against a brief (modules 1–6) uses this module; it holds no key (the facts are the brief's,
shown to the learner; the cases pass them in).

A brief is a tuple of facts. Each kind knows the forms that state it and how to spot a
statement of the same kind that disagrees:

:class:`DateFact`     a date (every form :func:`aiwork.vi.find_dates` reads: ``24/3/2026``,
                      ``ngày 24 tháng 3 năm 2026``, ``24/3``). With several dates, ``cues``
                      (the words around a date: "tập huấn", "trước ngày", "hạn") tell which
                      fact a date is about, so a swap of two dates of the brief is caught.
:class:`TimeFact`     a clock time (``8 giờ 00``, ``8h``, ``08:00``, ``8 giờ sáng``).
:class:`PlaceFact`    a venue: accepted forms, and venue words ("hội trường", "phòng họp",
                      "nhà văn hóa", "tầng 3", "phòng họp số 1") that state another one.
:class:`GroupFact`    who: an audience, recipients, a chair. A group word of ``others`` near a
                      word that introduces an audience ("gửi", "tới", "cho", "kính mời",
                      "đối tượng") states another audience.
:class:`CountFact`    "mỗi đơn vị cử 02 công chức": another number before the noun, or a range.
:class:`FigureFact`   a figure of a data brief (``1.480`` hồ sơ, ``84,5%``); a figure of the
                      same kind that the brief does not hold is reported too. With ``cues``
                      (the words that say what a count is: "tiếp nhận", "đã trả lời"), a
                      number introduced by one figure's cue but holding another value
                      contradicts that figure ("tiếp nhận 9, đã trả lời 12" swaps two counts).
:class:`AgencyFact`   the competent authority (:mod:`aiwork.lookup.agencies`, full names and
                      usual abbreviations): named and not denied; another agency named (not
                      among the ``allowed`` ones, such as where the file is received)
                      contradicts it ("Không phải Văn phòng đăng ký đất đai mà là Công an
                      phường").
:class:`AmountFact`   an amount of money (``500.000 đồng``, ``0,5 triệu đồng``).
:class:`PhraseFact`   anything else: accepted forms and, optionally, forms that contradict it.
:class:`References`   legal bases: a reference (:mod:`aiwork.lookup.citations`) to a document
                      the brief does not give is invented ("Thực hiện Kế hoạch số 35/KH-UBND
                      ngày 10/3/2026"); a given one with another date contradicts it.
:class:`Years`        a year the brief does not mention ("năm 2025" in a 2026 case).

``check(text, brief)`` returns a :class:`FactCheck` whose ``add_to(result, ...)`` writes one
check per fact into a grader's :class:`graders.core.Result`, with Vietnamese messages that name
the fact and point to the lesson, never the value of a hidden key.

Patterns are regular expressions on folded text (:func:`aiwork.vi.fold_keep_offsets`: lower
case, no diacritics, "đ" -> "d"), so "Hội trường", "hoi truong" and "HỘI TRƯỜNG" are one form.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiwork.lookup.agencies import AGENCY_NAMES, find_agencies
from aiwork.lookup.citations import Citation, differences, find_citations, same_document
from aiwork.prompt_anatomy import NUMBER_WORDS
from aiwork.vi import (
    find_amounts,
    find_dates,
    find_numbers,
    find_percents,
    find_times,
    fold_keep_offsets,
    nfc,
)

__all__ = [
    "AUDIENCE_CUES",
    "AUDIENCE_GROUPS",
    "VENUE_HEADS",
    "AgencyFact",
    "AmountFact",
    "CountFact",
    "DateFact",
    "FactCheck",
    "FigureFact",
    "Finding",
    "GroupFact",
    "PhraseFact",
    "PlaceFact",
    "References",
    "TimeFact",
    "Years",
    "check",
    "match_lines",
]

# Words that name a venue (folded). "trụ sở" names an owner, not a room.
VENUE_HEADS = (
    r"hoi truong|phong hop|nha van hoa|trung tam hoi nghi|giang duong|phong hoc|phong may|"
    r"nha thi dau|san van dong|phong tiep (?:cong )?dan|phong lam viec|hoi nghi truc tuyen"
)
# Words that introduce who a text is for or who is invited (folded).
AUDIENCE_CUES = (
    r"gui(?: den| toi| cho)?|toi|den|cho|kinh gui|kinh moi|moi|danh cho|doi tuong(?: doc| nhan)?|"
    r"nguoi doc|nguoi nhan|thanh phan(?: tham du| du hop)?|thong bao (?:den|toi|cho)|"
    r"tham du|tham gia"
)
# Groups an audience is made of (folded); a brief's own group is taken out of this list.
AUDIENCE_GROUPS = (
    r"nguoi dan|nhan dan|ba con|cong dan|cu tri|to chuc,? ca nhan|doanh nghiep|hoc sinh|"
    r"sinh vien|phu huynh|truong (?:cac )?khu pho|to truong|truong thon|bi thu chi bo|"
    r"lanh dao (?:ubnd |uy ban nhan dan )?tinh|ubnd tinh|cac so,? ban,? nganh|cac so|"
    r"hoi vien|doan vien|thanh nien|nguoi cao tuoi|ho kinh doanh|can bo,? cong chuc|"
    r"cong chuc|can bo|vien chuc|nguoi lao dong|truong cac (?:phong|don vi)"
)
_NUM = r"(\d{1,4}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
# Clause boundaries for cues: ; ! ? a line break, or a full stop not inside a number.
_CLAUSE_END = re.compile(r"[;!?\n]|\.(?!\d)")


def _compile(patterns: str | Iterable[str]) -> re.Pattern[str] | None:
    items = [patterns] if isinstance(patterns, str) else list(patterns)
    items = [p for p in items if p]
    return re.compile("|".join(f"(?:{p})" for p in items)) if items else None


# --- facts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateFact:
    """A date of the brief. ``cues``: folded patterns of the words that introduce this date
    ("tap huan|to chuc", "truoc ngay|han"); needed only when a brief has several dates."""

    label: str
    value: _dt.date
    cues: tuple[str, ...] = ()
    required: bool = True
    kind = "date"


@dataclass(frozen=True)
class TimeFact:
    label: str
    value: _dt.time
    cues: tuple[str, ...] = ()
    required: bool = True
    kind = "time"


@dataclass(frozen=True)
class PlaceFact:
    """A venue: ``accept`` states it; a venue word (:data:`VENUE_HEADS`) whose phrase does not
    match ``accept``, names a number other than ``numbers`` ({"tang": 2, "so": 2}) or matches
    ``wrong`` ("ubnd tinh") states another venue."""

    label: str
    accept: tuple[str, ...]
    numbers: tuple[tuple[str, int], ...] = ()
    wrong: tuple[str, ...] = ()
    required: bool = True
    kind = "place"


@dataclass(frozen=True)
class GroupFact:
    """Who (an audience, the invited, a chair): ``accept`` states it; a group of ``others``
    (default :data:`AUDIENCE_GROUPS`) introduced by one of ``cues`` (default
    :data:`AUDIENCE_CUES`) in the same clause, where ``accept`` does not match, states
    another group."""

    label: str
    accept: tuple[str, ...]
    others: str = AUDIENCE_GROUPS
    cues: str = AUDIENCE_CUES
    required: bool = True
    cue_after: bool = False  # the cue may follow the group ("Chủ tịch UBND phường chủ trì")
    kind = "group"


@dataclass(frozen=True)
class CountFact:
    """A count before a noun ("02 công chức", "hai công chức"): any other count before the
    noun, or a range ("02 đến 03 công chức"), contradicts it."""

    label: str
    value: int
    noun: str
    required: bool = True
    kind = "count"


@dataclass(frozen=True)
class FigureFact:
    """A figure of a data brief: ``percent`` (``84,5%``) or a ``number`` followed within a few
    words by ``noun`` (``1.480 hồ sơ``). ``tolerance`` in the figure's unit."""

    label: str
    value: float
    unit: str = "number"  # "number" | "percent"
    noun: str = ""
    tolerance: float = 1e-9
    required: bool = True
    cues: tuple[str, ...] = ()
    kind = "figure"


@dataclass(frozen=True)
class AgencyFact:
    """The competent authority: one of ``accept`` (keys of
    :data:`aiwork.lookup.agencies.AGENCY_NAMES`) named and not denied; an agency that is
    neither accepted nor ``allowed`` (the one-stop desk where the file is received, the
    issuing office) named and not denied contradicts it."""

    label: str
    accept: tuple[str, ...]
    allowed: tuple[str, ...] = ()
    required: bool = True
    kind = "agency"


@dataclass(frozen=True)
class AmountFact:
    label: str
    value: float
    required: bool = True
    kind = "amount"


@dataclass(frozen=True)
class PhraseFact:
    """Anything else: ``accept`` states it, ``wrong`` contradicts it."""

    label: str
    accept: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    required: bool = True
    kind = "phrase"


@dataclass(frozen=True)
class References:
    """Legal bases: references to documents other than ``allowed`` are invented; an allowed
    one stated with another date contradicts it. ``required``: at least one must be cited."""

    label: str = "căn cứ pháp lý"
    allowed: tuple[str, ...] = ()
    required: bool = False
    kind = "references"


@dataclass(frozen=True)
class Years:
    """Years stated alone ("năm 2025", "2025") that are not among ``allowed``."""

    allowed: tuple[int, ...]
    label: str = "năm"
    required: bool = False
    kind = "years"


Fact = (
    DateFact
    | TimeFact
    | PlaceFact
    | GroupFact
    | CountFact
    | FigureFact
    | AmountFact
    | AgencyFact
    | PhraseFact
    | References
    | Years
)


# --- results ------------------------------------------------------------------------------------


@dataclass
class Finding:
    """One fact in one text: stated or not, and what the text states differently."""

    fact: Fact
    stated: bool
    conflicts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.stated or not self.fact.required) and not self.conflicts


@dataclass
class FactCheck:
    findings: list[Finding]
    strays: list[str] = field(default_factory=list)  # conflicting mentions tied to no fact

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings) and not self.strays

    @property
    def missing(self) -> list[str]:
        """Required facts not stated (a fact stated only wrongly is reported as contradicted)."""
        return [
            f.fact.label
            for f in self.findings
            if f.fact.required and not f.stated and not f.conflicts
        ]

    @property
    def contradicted(self) -> list[tuple[str, str]]:
        return [(f.fact.label, c) for f in self.findings for c in f.conflicts]

    def finding(self, label: str) -> Finding:
        return next(f for f in self.findings if f.fact.label == label)

    def messages(self, where: str = "Văn bản", lesson: str = "") -> list[str]:
        """Vietnamese sentences, one per problem, ending with where to look in the lesson."""
        see = f" (xem {lesson})" if lesson else ""
        out = []
        if self.missing:
            out.append(f"{where} còn thiếu dữ kiện của đề bài: {'; '.join(self.missing)}{see}.")
        for label, text in self.contradicted:
            if label in ("căn cứ pháp lý", "năm"):
                out.append(
                    f"{where} nêu «{text}» — đề bài không có {label} này; không thêm thông tin "
                    f"mà đề bài không cho{see}."
                )
            else:
                out.append(
                    f"{where} ghi «{text}» cho {label}, khác với đề bài: đối chiếu lại với đề "
                    f"bài{see}."
                )
        if self.strays:
            shown = ", ".join(f"«{s}»" for s in self.strays)
            out.append(
                f"{where} có {shown} không có trong đề bài (ghi nhầm hoặc tự thêm): đối chiếu "
                f"lại với đề bài{see}."
            )
        return out

    def add_to(self, result, name: str = "facts", where: str = "Văn bản", lesson: str = ""):
        """One check in ``result`` (a :class:`graders.core.Result`): passed when every fact is
        stated and none is contradicted; the message lists each problem."""
        n = len([f for f in self.findings if f.fact.required])
        problems = self.messages(where, lesson)
        return result.add(
            name,
            self.ok,
            f"{where} có đủ {n} dữ kiện của đề bài, không có dữ kiện nào sai khác.",
            " ".join(problems),
        )


# --- mentions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str


def _clause(folded: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_END.finditer(folded, 0, pos):
        start = m.end()
    m = _CLAUSE_END.search(folded, pos)
    return start, (m.start() if m else len(folded))


def _role(
    folded: str, start: int, end: int, cue_facts: list, bounds: tuple[int, int]
) -> object | None:
    """The fact whose cue is nearest before the mention (else nearest after), within its
    clause and between the neighbouring mentions of the same kind (``bounds``)."""
    c_start, c_end = _clause(folded, start)
    lo, hi = max(c_start, bounds[0]), min(c_end, bounds[1])
    best_before: tuple[int, object] | None = None
    best_after: tuple[int, object] | None = None
    for fact in cue_facts:
        rx = _compile(fact.cues)
        assert rx is not None
        for m in rx.finditer(folded, lo, start):
            if best_before is None or m.end() > best_before[0]:
                best_before = (m.end(), fact)
        m = rx.search(folded, end, hi)
        if m and (best_after is None or m.start() < best_after[0]):
            best_after = (m.start(), fact)
    if best_before:
        return best_before[1]
    return best_after[1] if best_after else None


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(start < e and s < end for s, e in spans)


def _check_dated(
    text: str,
    folded: str,
    facts: list,
    mentions: list,
    same: callable,
    findings: dict,
    strays: list[str],
) -> None:
    cue_facts = [f for f in facts if f.cues]
    for i, m in enumerate(mentions):
        lo = mentions[i - 1].end if i else 0
        hi = mentions[i + 1].start if i + 1 < len(mentions) else len(folded)
        role = _role(folded, m.start, m.end, cue_facts, (lo, hi)) if cue_facts else None
        if role is None and len(facts) == 1:
            role = facts[0]
        if role is not None:
            if same(role, m):
                findings[id(role)].stated = True
            else:
                findings[id(role)].conflicts.append(m.text)
            continue
        matching = [f for f in facts if same(f, m)]
        if matching:
            for f in matching:
                findings[id(f)].stated = True
        else:
            strays.append(m.text)


def _same_date(fact: DateFact, m) -> bool:
    v = fact.value
    return m.day == v.day and m.month == v.month and m.year in (None, v.year)


def _same_time(fact: TimeFact, m) -> bool:
    return (m.hour, m.minute) == (fact.value.hour, fact.value.minute)


def _count_value(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _venue_mentions(folded: str) -> list[_Span]:
    out = []
    for m in re.finditer(rf"\b(?:{VENUE_HEADS})\b", folded):
        end = m.end()
        depth = 0
        while end < len(folded) and end - m.start() < 80:
            ch = folded[end]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and (
                ch in ",;\n" or (ch == "." and not folded[end + 1 : end + 2].isdigit())
            ):
                break
            end += 1
        out.append(_Span(m.start(), end, folded[m.start() : end]))
    # "tầng 3" alone (without a venue word) is a venue statement too
    for m in re.finditer(r"\btang (\d{1,2})\b", folded):
        if _outside([(s.start, s.end) for s in out], m.start(), m.end()):
            out.append(_Span(m.start(), m.end(), folded[m.start() : m.end()]))
    return out


def _place_conflict(fact: PlaceFact, mention: _Span) -> bool:
    accept = _compile(fact.accept)
    wrong = _compile(fact.wrong)
    if wrong is not None and wrong.search(mention.text):
        return True
    for key, value in fact.numbers:
        for m in re.finditer(rf"\b{key}\s*(?:so\s*)?(\d{{1,3}})\b", mention.text):
            if int(m.group(1)) != value:
                return True
    if re.fullmatch(r"tang \d{1,2}", mention.text):
        return False  # a floor alone: only its number is compared
    return not (accept and accept.search(mention.text))


def _group_conflicts(fact: GroupFact, folded: str, text: str) -> list[str]:
    accept = _compile(fact.accept)
    others = re.compile(rf"\b(?:{fact.others})\b")
    cues = re.compile(rf"\b(?:{fact.cues})\b")
    out = []
    accepted_spans = [m.span() for m in accept.finditer(folded)] if accept else []
    for m in others.finditer(folded):
        if not _outside(accepted_spans, m.start(), m.end()):
            continue
        c_start, c_end = _clause(folded, m.start())
        window = folded[max(c_start, m.start() - 45) : m.start()]
        after = folded[m.end() : min(c_end, m.end() + 45)] if fact.cue_after else ""
        if cues.search(window) or cues.search(after):
            out.append(text[m.start() : m.end()])
    return list(dict.fromkeys(out))


def check(text: object, brief: Iterable[Fact]) -> FactCheck:
    """Which facts of ``brief`` the text states, and which it states differently."""
    text = nfc(text if isinstance(text, str) else "")
    folded = fold_keep_offsets(text)
    brief = list(brief)
    findings = {id(f): Finding(f, stated=False) for f in brief}
    strays: list[str] = []

    citations = find_citations(text)
    cited = [(c.start, c.end) for c in citations]
    dates = [d for d in find_dates(text) if _outside(cited, d.start, d.end)]
    date_spans = [(d.start, d.end) for d in dates]

    by_kind: dict[str, list] = {}
    for f in brief:
        by_kind.setdefault(f.kind, []).append(f)

    if "date" in by_kind:
        _check_dated(text, folded, by_kind["date"], dates, _same_date, findings, strays)
    if "time" in by_kind:
        times = [
            t
            for t in find_times(text)
            if _outside(date_spans + cited, t.start, t.end)
            and not re.search(
                r"\b(?:trong|mat|keo dai)\s*$", folded[max(0, t.start - 12) : t.start]
            )
        ]
        _check_dated(text, folded, by_kind["time"], times, _same_time, findings, strays)

    for f in by_kind.get("place", []):
        accept = _compile(f.accept)
        finding = findings[id(f)]
        finding.stated = bool(accept and accept.search(folded))
        for mention in _venue_mentions(folded):
            if _place_conflict(f, mention):
                finding.conflicts.append(text[mention.start : mention.end].strip())

    for f in by_kind.get("group", []):
        accept = _compile(f.accept)
        findings[id(f)].stated = bool(accept and accept.search(folded))
        findings[id(f)].conflicts += _group_conflicts(f, folded, text)

    for f in by_kind.get("count", []):
        rx = re.compile(
            rf"(?<![\w/.,]){_NUM}(?:\s*(?:-|–|den|toi|hoac)\s*{_NUM})?\s+(?:nguoi\s+)?(?:{f.noun})\b"
        )
        for m in rx.finditer(folded):
            values = {_count_value(m.group(1))} | (
                {_count_value(m.group(2))} if m.group(2) else set()
            )
            if values == {f.value}:
                findings[id(f)].stated = True
            else:
                findings[id(f)].conflicts.append(text[m.start() : m.end()])

    figures = by_kind.get("figure", [])
    if figures:
        _check_figures(text, folded, figures, findings, strays, date_spans + cited)

    amounts = by_kind.get("amount", [])
    for m in find_amounts(text) if amounts else []:
        hit = [f for f in amounts if abs(f.value - m.value) < 0.5]
        for f in hit:
            findings[id(f)].stated = True
        if not hit:
            if len(amounts) == 1:
                findings[id(amounts[0])].conflicts.append(m.text)
            else:
                strays.append(m.text)

    agencies = find_agencies(text) if "agency" in by_kind else []
    for f in by_kind.get("agency", []):
        unknown = set(f.accept + f.allowed) - set(AGENCY_NAMES)
        if unknown:
            raise ValueError(f"unknown agency keys {sorted(unknown)}")
        findings[id(f)].stated = any(a.key in f.accept and not a.denied for a in agencies)
        findings[id(f)].conflicts += [
            a.text for a in agencies if not a.denied and a.key not in f.accept + f.allowed
        ]

    for f in by_kind.get("phrase", []):
        accept, wrong = _compile(f.accept), _compile(f.wrong)
        findings[id(f)].stated = bool(accept and accept.search(folded))
        if wrong is not None:
            findings[id(f)].conflicts += [text[m.start() : m.end()] for m in wrong.finditer(folded)]

    for f in by_kind.get("references", []):
        _check_references(f, citations, findings[id(f)])

    for f in by_kind.get("years", []):
        taken = date_spans + cited
        for m in re.finditer(r"(?<![\w/.,-])((?:19|20)\d{2})(?![\w/]|[.,]\d)", text):
            if _outside(taken, m.start(), m.end()) and int(m.group(1)) not in f.allowed:
                before = folded[max(0, m.start() - 5) : m.start()]
                shown = ("năm " if before.endswith("nam ") else "") + m.group(1)
                findings[id(f)].conflicts.append(shown)

    for finding in findings.values():
        finding.conflicts = list(dict.fromkeys(finding.conflicts))
    return FactCheck([findings[id(f)] for f in brief], list(dict.fromkeys(strays)))


def _near(folded: str, start: int, end: int, noun: re.Pattern[str]) -> bool:
    """Whether ``noun`` is written close to a figure (60 characters before or 40 after),
    without crossing a ";" or a line break: "1.480 hồ sơ", "Hồ sơ tiếp nhận: 1.480"."""
    lo = max(0, start - 60)
    hi = min(len(folded), end + 40)
    before = re.split(r"[;\n]", folded[lo:start])[-1]
    after = re.split(r"[;\n]", folded[end:hi])[0]
    return bool(noun.search(before) or noun.search(after))


def _figure_role(folded: str, start: int, end: int, cued: list, bounds: tuple[int, int]):
    """The count a number is of: a cue right after it in its phrase ("12 vụ việc được tiếp
    nhận"; facts are tried in the brief's order, so list the more specific first: "trả lời
    đúng hạn" before "trả lời"), else the cue nearest before it since the previous number
    ("tiếp nhận 12 vụ việc, đã trả lời 9")."""
    after = re.split(r"[,;.\n]", folded[end : min(bounds[1], end + 40)])[0]
    for f in cued:
        if _compile(f.cues).search(after):  # type: ignore[union-attr]
            return f
    c_start, _ = _clause(folded, start)
    lo = max(c_start, bounds[0])
    best: tuple[int, object] | None = None
    for f in cued:
        for m in _compile(f.cues).finditer(folded, lo, start):  # type: ignore[union-attr]
            if best is None or m.end() > best[0]:
                best = (m.end(), f)
    return best[1] if best else None


def _check_figures(text, folded, figures, findings, strays, taken) -> None:
    """A figure is stated when its value is written with what it measures (``noun``) nearby;
    a percentage the brief does not hold, or a number written before a figure's noun that
    the brief does not hold, is reported."""

    def stated(f: FigureFact, start: int, end: int) -> bool:
        return not f.noun or _near(folded, start, end, re.compile(rf"\b(?:{f.noun})\b"))

    percents = [f for f in figures if f.unit == "percent"]
    numbers = [f for f in figures if f.unit != "percent"]
    percent_spans = []
    for m in find_percents(text):
        percent_spans.append((m.start, m.end))
        hit = [f for f in percents if abs(f.value - m.value) <= f.tolerance]
        for f in hit:
            if stated(f, m.start, m.end):
                findings[id(f)].stated = True
        if percents and not hit:
            strays.append(m.text)
    nouns = _compile([f.noun for f in numbers if f.noun])
    cued = [f for f in numbers if f.cues]
    mentions = [m for m in find_numbers(text) if _outside(taken + percent_spans, m.start, m.end)]
    for i, m in enumerate(mentions):
        if cued:  # what the words before the number say it counts (its role)
            lo = mentions[i - 1].end if i else 0
            hi = mentions[i + 1].start if i + 1 < len(mentions) else len(folded)
            role = _figure_role(folded, m.start, m.end, cued, (lo, hi))
            if role is not None:
                if abs(role.value - m.value) <= role.tolerance:
                    findings[id(role)].stated = True
                else:
                    findings[id(role)].conflicts.append(text[m.start : m.end])
                continue
        hit = [f for f in numbers if abs(f.value - m.value) <= f.tolerance]
        for f in hit:
            if stated(f, m.start, m.end):
                findings[id(f)].stated = True
        if hit or nouns is None:
            continue
        after = folded[m.end : m.end + 30]
        if nouns.match(after.lstrip()) or nouns.match(re.sub(r"^\s*\S+\s+", "", after)):
            strays.append(text[m.start : m.end])


def _check_references(fact: References, citations: list[Citation], finding: Finding) -> None:
    allowed = [c for ref in fact.allowed for c in find_citations(ref)]
    for c in citations:
        same = [a for a in allowed if same_document(c, a)]
        if not same:
            finding.conflicts.append(c.text)
            continue
        finding.stated = True
        if any(differences(c, a) for a in same):
            finding.conflicts.append(c.text)


# --- lists of lines (recipients, "Nơi nhận") ----------------------------------------------------


def match_lines(
    lines: Iterable[str], expected: dict[str, tuple[str, ...]]
) -> tuple[list[str], list[str]]:
    """Which expected entries (label -> folded patterns) no line matches, and which lines
    match no expected entry: ``(missing labels, extra lines)``. A line naming two entries
    ("UBND các xã, phường và Trung tâm ...") matches both."""
    lines = [x for x in (nfc(str(v)).strip() for v in lines) if x]
    rx = {label: _compile(p) for label, p in expected.items()}
    missing = [
        label
        for label, pattern in rx.items()
        if not any(pattern and pattern.search(fold_keep_offsets(x)) for x in lines)
    ]
    extra = [x for x in lines if not any(p and p.search(fold_keep_offsets(x)) for p in rx.values())]
    return missing, extra
