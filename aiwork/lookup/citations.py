"""Vietnamese legal references: find them in a text, read one, tell when two name the same text.

The one home for reading references to legal and administrative documents. Officials write the
same reference in many ways, and every one of them is read:

==========================================  ===============================================
written                                      read as
==========================================  ===============================================
``Nghị định số 30/2020/NĐ-CP``               nghị định, number 30, year 2020, code ``NĐ-CP``
``Nghị định 30/2020/NĐ-CP``, ``NĐ 30/2020``   the same document (missing parts are unknown)
``Nghị định 30``                             nghị định 30 (year and code unknown)
``Luật Đất đai năm 2024``, ``Luật Đất đai     luật named "Đất đai", year 2024
2024``
``Luật số 91/2025/QH15``                     luật, number 91, year 2025, code ``QH15``
``Bộ luật Lao động 2019``                    bộ luật named "Lao động", year 2019
``Kế hoạch số 35/KH-UBND``, ``KH 35/KH-UBND`` kế hoạch 35, code ``KH-UBND``
``Kế hoạch số 01-KH/BCĐTW``                  kế hoạch 01, code ``KH/BCĐTW`` (Party style)
``Công văn số 557/BKHCN-CĐSQG``              công văn 557, code ``BKHCN-CĐSQG``
``Thông tư 02/2025/TT-BGDĐT``                thông tư 2, year 2025, code ``TT-BGDĐT``
``số 30/2020/NĐ-CP`` (no type word)          the type is read from the code (``NĐ`` ->
                                             nghị định, ``QH..`` -> luật, no type -> công văn)
==========================================  ===============================================

A date written right after a reference ("Kế hoạch số 35/KH-UBND ngày 10/3/2026", "... ngày 05
tháng 3 năm 2020") is the document's date (:attr:`Citation.issued`).

:func:`same_document` says whether two references can name the same document: every part both
give must agree (a part one of them leaves out is not a disagreement), and they must share a
number or a law's name. :func:`differences` lists what two references to the same document
state differently (a wrong date or year), for graders that must catch a contradicted basis.

Matching runs on :func:`aiwork.vi.fold_keep_offsets` (no diacritics, lower case, same length),
so "Nghi dinh 30/2020/ND-CP" typed without accents is read too and spans index the NFC text.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from aiwork.vi import find_dates, fold, fold_keep_offsets, nfc, strip_diacritics

__all__ = [
    "KIND_NAMES",
    "Citation",
    "differences",
    "find_citations",
    "parse_citation",
    "same_document",
]

# kind -> the Vietnamese name, as a learner-facing message writes it.
KIND_NAMES: dict[str, str] = {
    "luat": "Luật",
    "bo_luat": "Bộ luật",
    "nghi_dinh": "Nghị định",
    "thong_tu": "Thông tư",
    "quyet_dinh": "Quyết định",
    "nghi_quyet": "Nghị quyết",
    "chi_thi": "Chỉ thị",
    "ke_hoach": "Kế hoạch",
    "thong_bao": "Thông báo",
    "huong_dan": "Hướng dẫn",
    "cong_van": "Công văn",
    "van_ban": "Văn bản",
}

# Folded type words (full and usual abbreviations) -> kind. Longer words first in the regex.
_KIND_WORDS: dict[str, str] = {
    "bo luat": "bo_luat",
    "luat": "luat",
    "nghi dinh": "nghi_dinh",
    "nd": "nghi_dinh",
    "thong tu lien tich": "thong_tu",
    "thong tu": "thong_tu",
    "tt": "thong_tu",
    "quyet dinh": "quyet_dinh",
    "qd": "quyet_dinh",
    "nghi quyet": "nghi_quyet",
    "nq": "nghi_quyet",
    "chi thi": "chi_thi",
    "ct": "chi_thi",
    "ke hoach": "ke_hoach",
    "kh": "ke_hoach",
    "thong bao": "thong_bao",
    "tb": "thong_bao",
    "huong dan": "huong_dan",
    "hd": "huong_dan",
    "cong van": "cong_van",
    "cv": "cong_van",
    "van ban": "van_ban",
}
# Type abbreviations inside a code (Decree 30, Phụ lục III) -> kind.
_CODE_KINDS: dict[str, str] = {
    "nd": "nghi_dinh",
    "tt": "thong_tu",
    "ttlt": "thong_tu",
    "qd": "quyet_dinh",
    "nq": "nghi_quyet",
    "ct": "chi_thi",
    "kh": "ke_hoach",
    "tb": "thong_bao",
    "hd": "huong_dan",
}

_KIND_RX = "|".join(sorted((re.escape(k) for k in _KIND_WORDS), key=len, reverse=True))
_SEG = r"[a-z]{1,10}\d{0,2}"
_FIRST_SEG = r"[a-z]{2,10}\d{0,2}"
# A numbered reference: [type word] [số] N[/YYYY][/ or -]CODE, e.g. "35/kh-ubnd",
# "30/2020/nd-cp", "01-kh/bcdtw", "91/2025/qh15", "557/bkhcn-cdsqg".
_NUMBERED = re.compile(
    rf"(?<![\w/.,])(?:(?P<kind>{_KIND_RX})\s+)?(?:so\s*:?\s*)?"
    rf"(?P<num>\d{{1,5}})(?:[ ]?/[ ]?(?P<year>(?:19|20)\d{{2}}))?[ ]?[/-][ ]?"
    rf"(?P<code>{_FIRST_SEG}(?:[ ]?[-/][ ]?{_SEG})*)(?![\w])"
)
# "Nghị định 30/2020", "NĐ 30", "Nghị định số 30" (a type word is required: "30/2020" alone is
# not a reference).
_SHORT = re.compile(
    rf"(?<![\w/])(?P<kind>{_KIND_RX})\s+(?:so\s*:?\s*)?(?P<num>\d{{1,5}})"
    r"(?:\s?/\s?(?P<year>(?:19|20)\d{2}))?(?![\w/]|[.,]\d)"
)
# Kinds whose short form ("Nghị định 30") is a reference without "số" or a year; "thông báo 3
# ý" or "kế hoạch 2 năm" are not references.
_SHORT_KINDS = {"luat", "bo_luat", "nghi_dinh", "thong_tu", "quyet_dinh", "nghi_quyet", "chi_thi"}


def _short_is_reference(m: re.Match[str]) -> bool:
    return (
        bool(m.group("year"))
        or "so" in m.group(0).split()
        or (_KIND_WORDS[m.group("kind")] in _SHORT_KINDS)
    )


# Words that end a law's name, compared with their diacritics ("về" ends a name, "vệ" in "Bảo
# vệ" does not; "tư" in "Đầu tư" is not "từ"); without diacritics when the name is typed so.
_NAME_STOPS = frozenset(
    "số năm ngày điều khoản điểm chương thì và của về tại theo đã được có là này do trong từ "
    "đến với cho mới nêu hiện sửa nói quy trên dưới".split()
)
_NAME_STOPS_BARE = frozenset("so nam ngay dieu khoan diem chuong thi va cua ve tai theo".split())
_LAW_HEAD = re.compile(r"(?<![\w])(?<!phap )(?P<kind>bo luat|luat)\s+(?=[a-z])")
_LAW_TAIL = re.compile(
    r"\s*,?\s*(?:nam\s+)?(?P<year>(?:19|20)\d{2})(?![\d/])"
    r"|\s+so\s+(?P<num>\d{1,4})\s?/\s?(?P<year2>(?:19|20)\d{2})\s?/\s?(?P<code>qh\d{1,2})(?!\w)"
)
_WORD = re.compile(r"[^\W\d_]+")


def _law_name(text: str, start: int) -> tuple[int, int] | None:
    """The span of a law's name starting at ``start``: at most 8 words, ending before a stop
    word, a number or punctuation (the first word is never a stop: "Luật Ban hành ...")."""
    window = text[start : start + 80]
    stops = _NAME_STOPS_BARE if strip_diacritics(window) == window else _NAME_STOPS
    pos, end, words = start, None, 0
    while words < 8:
        m = _WORD.match(text, pos)
        word = m.group(0).lower() if m else ""
        if not m or (words and word in stops and word not in ("quy", "sửa")):
            break
        if words and word in ("quy", "sửa") and re.match(r"\s+(?:định|đổi)\b", text[m.end() :]):
            break  # "quy định", "sửa đổi" end a name; "quy phạm" does not
        end, words = m.end(), words + 1
        gap = re.match(r"[ \t]+", text[end:])
        if not gap:
            break
        pos = end + gap.end()
    return (start, end) if end else None


# Words after "luật" that are not a law's name ("luật sư", "luật pháp", "luật lệ").
_NOT_LAW_NAMES = {"su", "phap", "le", "choi", "bat thanh van", "so"}
# A document date right after a reference: "ngày 10/3/2026", ", ngày 05 tháng 3 năm 2020".
_ISSUED_GAP = re.compile(r"\s*,?\s*(?:ban hanh\s+)?(?=ngay\b)")


@dataclass(frozen=True)
class Citation:
    """One reference as written. ``number``/``year``/``code``/``name``/``issued`` are ``None``
    when the text does not give them; ``code`` is upper case as written ("NĐ-CP"),
    ``name`` is a law's name as written ("Đất đai")."""

    text: str
    start: int
    end: int
    kind: str
    number: int | None = None
    year: int | None = None
    code: str | None = None
    name: str | None = None
    issued: _dt.date | None = None

    @property
    def code_key(self) -> str | None:
        """The code compared between references: folded, no spaces ("NĐ-CP" -> "nd-cp")."""
        return re.sub(r"\s+", "", fold(self.code)) if self.code else None

    @property
    def name_key(self) -> str | None:
        return fold(self.name) if self.name else None

    @property
    def label(self) -> str:
        """The reference in its full form: "Nghị định số 30/2020/NĐ-CP", "Luật Đất đai năm
        2024", "Kế hoạch số 35/KH-UBND ngày 10/3/2026"."""
        head = KIND_NAMES[self.kind]
        if self.name:
            head += f" {self.name}"
        if self.number is not None:
            ident = f"{self.number:02d}" if self.number < 10 else str(self.number)
            if self.year:
                ident += f"/{self.year}"
            if self.code:
                sep = "-" if self.code.upper().startswith("KH/") else "/"
                ident += f"{sep}{self.code}"
            head += f" số {ident}"
        elif self.year:
            head += f" năm {self.year}"
        if self.issued:
            head += f" ngày {self.issued.day}/{self.issued.month}/{self.issued.year}"
        return head


def _kind_of(word: str | None, code: str | None) -> str:
    if word:
        kind = _KIND_WORDS[word]
        if kind != "van_ban":
            return kind
    if code:
        first = re.split(r"[-/]", fold(code))[0]
        if re.fullmatch(r"qh\d*", first):
            return "luat"
        if first in _CODE_KINDS:
            return _CODE_KINDS[first]
        return "cong_van"  # a công văn's code names no type (Decree 30, Phụ lục III)
    return "van_ban"


def _issued_after(text: str, end: int) -> tuple[_dt.date | None, int]:
    folded = fold_keep_offsets(text[end : end + 40])
    gap = _ISSUED_GAP.match(folded)
    if not gap:
        return None, end
    rest = text[end + gap.end() : end + gap.end() + 40]
    for d in find_dates(rest):
        if fold(rest[: d.start]) in ("", "ngay") and d.date is not None:
            return d.date, end + gap.end() + d.end
        break
    return None, end


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in taken)


def find_citations(text: str) -> list[Citation]:
    """Every legal or administrative reference in ``text``, in order; spans index
    ``nfc(text)``."""
    text = nfc(text)
    folded = fold_keep_offsets(text)
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], **kw) -> None:
        start = m.start()
        end = m.end()
        issued, end2 = _issued_after(text, end)
        found.append(
            Citation(text[start:end2].strip(), start, end2, issued=issued, **kw)  # type: ignore[arg-type]
        )
        taken.append((start, end2))

    for head in _LAW_HEAD.finditer(folded):
        span = _law_name(text, head.end())
        if span is None or fold(text[span[0] : span[1]]).split()[0] in _NOT_LAW_NAMES:
            continue
        name = text[span[0] : span[1]]
        tail = _LAW_TAIL.match(folded, span[1])
        year = (tail.group("year") or tail.group("year2")) if tail else None
        if not year and name[:1].islower():
            continue  # "luật sửa đổi" in running text, not a title
        issued, end = _issued_after(text, tail.end() if tail else span[1])
        found.append(
            Citation(
                text[head.start() : end].strip(),
                head.start(),
                end,
                kind=_KIND_WORDS[head.group("kind")],
                number=int(tail.group("num")) if tail and tail.group("num") else None,
                year=int(year) if year else None,
                code=tail.group("code").upper() if tail and tail.group("code") else None,
                name=name,
                issued=issued,
            )
        )
        taken.append((head.start(), end))
    for rx in (_NUMBERED, _SHORT):
        for m in rx.finditer(folded):
            if _overlaps(taken, m.start(), m.end()):
                continue
            if rx is _SHORT and not _short_is_reference(m):
                continue
            code = None
            if "code" in rx.groupindex and m.group("code"):
                code = re.sub(r"\s+", "", text[m.start("code") : m.end("code")]).upper()
            add(
                m,
                kind=_kind_of(m.group("kind"), code),
                number=int(m.group("num")),
                year=int(m.group("year")) if m.group("year") else None,
                code=code,
            )
    found.sort(key=lambda c: c.start)
    return found


def parse_citation(text: str) -> Citation:
    """One reference written any way :func:`find_citations` reads; ``ValueError`` (Vietnamese)
    when the text holds none."""
    found = find_citations(text)
    if not found:
        raise ValueError(
            f"Không đọc được văn bản được dẫn trong “{text}” (viết như “Nghị định số "
            "30/2020/NĐ-CP” hoặc “Luật Đất đai năm 2024”)."
        )
    return found[0]


def _as_citation(ref: Citation | str) -> Citation:
    return ref if isinstance(ref, Citation) else parse_citation(ref)


def same_document(a: Citation | str, b: Citation | str) -> bool:
    """Whether ``a`` and ``b`` can name the same document: every part both give agrees, and
    they share a number or a law's name. "Nghị định 30" is "Nghị định số 30/2020/NĐ-CP";
    "Nghị định 30/2021" is not; "Luật Đất đai 2024" and "Luật số 31/2024/QH15" cannot be told
    to be the same without a table of laws, so they are not."""
    a, b = _as_citation(a), _as_citation(b)
    if a.kind != b.kind and "van_ban" not in (a.kind, b.kind):
        return False
    shared = False
    if a.number is not None and b.number is not None:
        if a.number != b.number:
            return False
        shared = True
    if a.name_key and b.name_key:
        if a.name_key != b.name_key:
            return False
        shared = True
    if not shared:
        return False
    if a.year and b.year and a.year != b.year:
        return False
    return not (a.code_key and b.code_key and a.code_key != b.code_key)


def differences(a: Citation | str, b: Citation | str) -> list[str]:
    """What two references to the same document state differently (Vietnamese part names):
    the date of the document, for now; empty when they agree or name different documents."""
    a, b = _as_citation(a), _as_citation(b)
    if not same_document(a, b):
        return []
    out = []
    if a.issued and b.issued and a.issued != b.issued:
        out.append("ngày ban hành")
    return out
