"""Text helpers for the reply generators: sentences, key words, passages, facts in a prompt."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from aiwork.prompt_anatomy import count_words
from aiwork.prompt_anatomy import delimited_blocks as prompt_blocks
from aiwork.vi import (
    NUMBER_PATTERN,
    DateMention,
    find_amounts,
    find_dates,
    find_percents,
    find_times,
    fold_keep_offsets,
    nfc,
)

# Very common Vietnamese words (folded) that carry no topic; kept short on purpose.
STOPWORDS = frozenset(
    """va cua cho cac nhung mot la co duoc trong voi de khi thi tai tu ve nay do da se dang
    hay hoac nhu theo tren duoi sau truoc ra vao neu ma boi vi cung rat nhieu it moi tung
    nguoi viec lam ban anh chi em toi chung hay xin vui long giup ho the nao gi nao khong
    bao the o len can phai tung cua""".split()
)

_WORD = re.compile(r"\w+", re.UNICODE)
_SENT = re.compile(r"(?<=[.!?…])\s+|\n+")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def keywords(text: str) -> list[str]:
    """Folded topic words of ``text`` (no stop words, no 1-letter tokens)."""
    return [w for w in _WORD.findall(fold_keep_offsets(text)) if len(w) > 1 and w not in STOPWORDS]


_LINE_JOIN = re.compile(r"(?<![.!?…:;])[ \t]*\n[ \t]*(?![-•*+]|\d+[.)]|\n)")


def sentences(text: str) -> list[str]:
    """Sentences of ``text``; a line break inside a sentence (a wrapped line) is not a break,
    a line break after end punctuation or before a list marker is."""
    text = _LINE_JOIN.sub(" ", text)
    out = []
    for piece in _SENT.split(text):
        piece = piece.strip(' \t-•*"')
        if len(piece.split()) >= 3:
            out.append(piece if piece[-1] in ".!?…:" else piece + ".")
    return out


# Words that open a clause or a modifier: a sentence may end just before one and still read
# as a sentence ("Đề nghị các đơn vị phối hợp." from "... phối hợp để hoàn thành").
OPENERS = frozenset(
    """cho tai vao voi de cua trong theo tu den nham do khi va hoac nhung ma neu thi tren duoi
    sau truoc ngoai giua bang qua ve toi nhu nen vi""".split()
)


def cut_at_clause(line: str, limit: int) -> str:
    """``line`` in at most ``limit`` words, cut after a comma or semicolon or before a clause
    opener, never inside a phrase ("... trên toàn." is not a sentence); "" when no such cut
    keeps at least a third of the limit."""
    words = line.split()
    if len(words) <= limit:
        return line
    ends = [i + 1 for i in range(min(limit, len(words))) if words[i].endswith((",", ";"))]
    ends += [
        i
        for i in range(1, min(limit, len(words) - 1) + 1)
        if fold_keep_offsets(words[i]) in OPENERS
    ]
    ends = [e for e in ends if e <= limit and e >= max(3, limit // 3)]
    if not ends:
        return ""
    kept = " ".join(words[: max(ends)]).rstrip(",;:")
    return kept + ("" if kept.endswith(".") else ".")


_HAS_FACT = re.compile(r"\d")
# How a clause that can stand after the first one starts ("báo cáo kết quả trước ngày ...").
_CLAUSE_START = re.compile(
    r"(?:bao cao|gui|hoan thanh|truoc|tu|bat dau|den|thuc hien|to chuc|giai quyet|dat|tang|"
    r"giam|trong do|chiem|tong|thoi gian|dia diem|han)\b"
)


def fit_clauses(sentence: str, limit: int) -> str:
    """``sentence`` in at most ``limit`` words by dropping whole clauses: the first clause
    (the subject and verb) stays, then the clauses carrying facts (a date, a figure), then the
    others while they fit; "" when even that does not fit."""
    body = sentence.strip().rstrip(".")
    clauses: list[str] = []
    for piece in (c.strip() for c in re.split(r",\s+|;\s+", body)):
        # A piece of three words or fewer is a list item ("cán bộ, công chức"), not a clause:
        # it stays with the clause before it.
        if clauses and (len(piece.split()) <= 3 or len(clauses[-1].split()) <= 3):
            clauses[-1] = f"{clauses[-1]}, {piece}"
        elif piece:
            clauses.append(piece)
    if word_count(body) <= limit:
        return sentence
    if len(clauses) < 2 or word_count(clauses[0]) > limit:
        return cut_at_clause(sentence, limit)
    # The longest run of clauses from the first that fits; a later clause with a fact (a
    # deadline, a figure) replaces the end of the run when both cannot stay.
    best: list[str] = []
    for k in range(1, len(clauses) + 1):
        if word_count(", ".join(clauses[:k])) > limit:
            break
        best = clauses[:k]
    dropped_facts = [
        c
        for c in clauses[len(best) :]
        if _HAS_FACT.search(c) and _CLAUSE_START.match(fold_keep_offsets(c))
    ]
    if dropped_facts and not any(_HAS_FACT.search(c) for c in best[1:]):
        for k in range(len(best), 0, -1):
            candidate = [*clauses[:k], dropped_facts[-1]]
            if word_count(", ".join(candidate)) <= limit:
                best = candidate
                break
    return ", ".join(best) + "."


def truncate_words(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` words, keeping line breaks, ending cleanly (at a
    clause boundary where one keeps enough of the line)."""
    count = 0
    lines_out = []
    for line in text.split("\n"):
        ws = line.split()
        if count + len(ws) <= limit:
            lines_out.append(line)
            count += len(ws)
            continue
        room = limit - count
        if room >= 5:  # a stub of a few words reads worse than ending at the previous line
            # Keep leading bullet markers attached to the words kept.
            kept = cut_at_clause(line, room)
            if kept:
                lines_out.append(kept)
            elif not lines_out:
                kept = " ".join(ws[:room]).rstrip(",;:")
                lines_out.append(kept + ("" if kept.endswith(".") else "."))
        break
    return "\n".join(lines_out).rstrip()


def word_count(text: str) -> int:
    """Words as the course counts them against a limit (prompt_anatomy.count_words)."""
    return count_words(text)


@dataclass(frozen=True)
class Passage:
    pid: str
    text: str
    note: str = ""


_PASSAGE = re.compile(r"^\s*\[([A-Za-z][\w.:-]{0,40})\]\s*:?\s*(.+)$", re.M)


# The provenance note the course appends to each passage line (aiwork.lookup.format_passages):
# "[id] text (Nguồn: Nghị định ..., Điều 8; nguyên văn)". It is not content to quote.
_SOURCE_NOTE = re.compile(r"\s*\((?:Nguồn|Nguon|Source)\s*:.*\)\s*$", re.I)


def _passage_spans(text: str) -> list[tuple[str, str, int, int]]:
    """(id, text, start, end) of each passage: its "[id]" line and the lines that continue
    its last sentence (a passage wrapped over several lines)."""
    out: list[tuple[str, str, int, int]] = []
    lines = text.splitlines(keepends=True)
    pos = 0
    current: list[object] | None = None  # [pid, text, start, end]
    for line in lines:
        m = _PASSAGE.match(line.rstrip("\r\n"))
        body = line.strip()
        if m:
            if current:
                out.append(tuple(current))  # type: ignore[arg-type]
            current = [m.group(1), m.group(2).strip(), pos, pos + len(line)]
        elif (
            current
            and body
            and not str(current[1]).endswith((".", "!", "?", "…", ";", ":"))
            and not body.startswith("[")
        ):
            current[1] = f"{current[1]} {body}"
            current[3] = pos + len(line)
        elif current:
            out.append(tuple(current))  # type: ignore[arg-type]
            current = None
        pos += len(line)
    if current:
        out.append(tuple(current))  # type: ignore[arg-type]
    return out


def passages(text: str) -> list[Passage]:
    """Passages given as lines "[P1] text" / "[nd30-d8]: text" (ids are what a reply cites);
    a passage wrapped over several lines is read whole; a trailing "(Nguồn: …)" note goes to
    ``note``: it helps match the passage (its section title) but is never quoted as content."""
    out = []
    for pid, body, _, _ in _passage_spans(text):
        note = _SOURCE_NOTE.search(body)
        if note and note.start() > 0:
            out.append(Passage(pid, body[: note.start()].strip(), note.group(0).strip()))
        else:
            out.append(Passage(pid, body))
    return out


def without_passages(text: str) -> str:
    """``text`` with its passages removed (what remains is the instruction and question)."""
    out, last = [], 0
    for _, _, start, end in _passage_spans(text):
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)


# A long quotation is material too when no delimiter is used (the mock's own heuristic).
_LONG_QUOTE = re.compile(r"[“\"]([^“”\"]{80,})[”\"]", re.S)


def delimited_blocks(text: str) -> list[str]:
    """The delimited blocks of a prompt, in order: every style ``prompt_anatomy`` accepts
    (tags ``<van_ban>…</van_ban>``, fences, triple quotes, backticks, legacy ``<<<…>>>``), else
    a long quotation; blocks of fewer than three words are ignored, so an instruction that
    merely names the delimiters ("giữa hai thẻ <van_ban>") is not taken for material."""
    blocks = [b.text.strip() for b in prompt_blocks(text)]
    if blocks:
        return blocks
    return [b.strip() for b in _LONG_QUOTE.findall(text) if len(b.split()) >= 3]


def delimited(text: str) -> str:
    """All delimited material of a prompt, joined."""
    return "\n".join(delimited_blocks(text))


_HEADERISH = re.compile(r"^(kinh gui|cong hoa|doc lap|toi ten la|toi xin|noi nhan|so:|v/v)\b")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def content_sentences(text: str) -> list[str]:
    """Sentences that carry content: no letterhead, greeting, self-introduction or courtesy
    lines, no upper-case headings, none made mostly of masked personal data ([HO_TEN_1])."""
    out = []
    for line in text.splitlines():
        bare = line.strip()
        letters = [c for c in bare if c.isalpha()]
        if len(letters) >= 6 and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            continue  # a heading such as "ĐƠN PHẢN ÁNH"
        if _HEADERISH.match(fold_keep_offsets(bare)) and not fold_keep_offsets(bare).startswith(
            ("toi ten la", "toi xin")
        ):
            continue
        out.append(line)
    # Sentence by sentence (wrapped lines joined): "Tôi tên là ..., trú tại ..." goes whole.
    return [
        s
        for s in sentences("\n".join(out))
        if not _HEADERISH.match(fold_keep_offsets(s)) and len(_PLACEHOLDER.findall(s)) < 2
    ]


def source_text(text: str) -> str:
    """The material a prompt asks to work on: delimited blocks, or what follows a colon."""
    found = delimited(text)
    if found:
        return found
    m = re.search(r":\s*\n(.+)", text, re.S)
    if m and len(m.group(1).split()) >= 12:
        return m.group(1).strip()
    m = re.search(r":\s*(.+)", text, re.S)
    if m and len(m.group(1).split()) >= 20:
        return m.group(1).strip()
    return ""


# --- facts a drafting prompt states --------------------------------------------------------
# Dates, times and money come from aiwork.vi; counts of people, files, classes stay here.
_COUNT = re.compile(
    rf"(?<![\w.,/-]){NUMBER_PATTERN}\s?(?:triệu|tỷ|nghìn|người|hồ sơ|học viên|cán bộ|lượt|buổi|lớp)\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:tại|địa điểm\s*:)\s*([^,.;\n]+(?:\([^)\n]*\))?)", re.I)
# A venue named without "tại" ("…, Hội trường UBND phường tầng 2; …").
_VENUE = re.compile(
    r"\b((?:Hội trường|Phòng họp|Nhà văn hóa|Trung tâm Hội nghị|Giảng đường)\b[^,.;:\n]*"
    r"(?:\([^)\n]*\))?)",
    re.I,
)
# What an event is, when the prompt says no "về ...": "tổ chức tập huấn dùng trợ lý AI".
_EVENT = re.compile(
    r"\b((?:buổi |lớp |cuộc |hội nghị )?(?:tập huấn|sinh hoạt chuyên đề|hội thảo|hội nghị|"
    r"họp|bồi dưỡng)\b[^,.;:\n(]{3,70})",
    re.I,
)
_ABOUT = re.compile(
    r"\b(?:về việc|v/v|về)\s+(.+?)(?=\s+(?:lúc|vào|tại|ngày \d|gửi|cho)\s|[,.;:\n]|$)", re.I
)
# An agency: a head word, then words up to a verb/preposition of the prompt or punctuation.
AGENCY_HEAD = re.compile(
    r"\b(?:UBND|Ủy ban nhân dân|Sở|Văn phòng|Trung tâm|Phòng|Ban|Công an|"
    r"Trường|Bộ|Cục|Chi cục|Hội đồng nhân dân|HĐND)\b"
)
_AGENCY_STOP = frozenset(
    """gửi về soạn lập viết có đã vào cho tại để là trình báo hãy năm tháng ngày kết từ đến
    mời ra của như đang sẽ cần trên dưới trong với theo""".split()
)
# Recipients: after "kính gửi"/"gửi (đến|tới|cho)" (preferred) or "mời", up to "về (việc)",
# "để", "tham dự" or the end of the clause.
_RECIPIENT_STOP = (
    r"(?=\s+(?:về việc|về|v/v|để|tham dự|dự họp|họp|xin|đề nghị|báo cáo|nhằm|trước ngày|"
    r"lúc|vào)\b|\s*[.;:\n]|,(?!\s*(?:phường|xã|thị trấn|đặc khu)\b)|$)"
)
_RECIPIENTS = (
    re.compile(
        r"\b(?:đối tượng(?: đọc| nhận| tham dự)?|thành phần(?: mời| tham dự)?)\s*:\s*([^.;\n]+)",
        re.I,
    ),
    re.compile(r"\b(?:kính gửi|gửi(?: đến| tới| cho)?)\s*:?\s+(.+?)" + _RECIPIENT_STOP, re.I),
    re.compile(
        r"\bmời\s+(?:họp\s+)?((?:các|toàn thể|ông|bà|đại diện)\s.+?)" + _RECIPIENT_STOP, re.I
    ),
    # "thông báo tới toàn thể cán bộ", "gửi đến tất cả công chức"
    re.compile(r"\b(?:tới|đến)\s+((?:toàn thể|tất cả|mọi|các)\s.+?)" + _RECIPIENT_STOP, re.I),
    re.compile(r"\bdành cho\s+(.+?)" + _RECIPIENT_STOP, re.I),
)


@dataclass
class Facts:
    dates: list[str]
    times: list[str]
    places: list[str]
    amounts: list[str]
    subject: str
    agencies: list[str]
    recipients: list[str]


def _uniq(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        item = item.strip(" ,;:")
        if item and item not in seen:
            seen.append(item)
    return seen


_AGENCY_VERBS = frozenset(
    """phoi hop|to chuc|de nghi|ban hanh|thong bao|chu tri|trien khai|bao cao|tiep nhan|huong dan|
    kiem tra|thuc hien|xay dung|tham du|quan ly|cap nhat|giai quyet|tong hop|ky ket""".replace(
        "\n", ""
    ).split("|")
)
_HEADS = frozenset("so ubnd phong ban cuc uy hdnd bo".split())
_HEAD_PAIRS = frozenset(["cong an", "trung tam", "van phong", "chi cuc", "hoi dong"])


def agencies(text: str) -> list[str]:
    """Agency names as written: "Sở Khoa học và Công nghệ tỉnh Gia Lai", "UBND phường Quy Nhơn".

    A drafting unit in front ("Văn phòng UBND phường X") is dropped: the agency issues.
    """
    found = []
    for m in AGENCY_HEAD.finditer(text):
        if found and m.start() < found[-1][1]:
            continue  # inside the previous name
        words = text[m.start() :].split("\n", 1)[0].split(" ")
        kept = [words[0]]
        place = False  # after "tỉnh/phường/xã X", a lower-case word ends the name
        for i, w in enumerate(words[1:12], start=1):
            core = w.strip(',.;:()"')
            nxt = fold_keep_offsets(words[i + 1].strip(',.;:()"')) if i + 1 < len(words) else ""
            nxt2 = fold_keep_offsets(words[i + 2].strip(',.;:()"')) if i + 2 < len(words) else ""
            if not core or w.startswith("(") or core.lower() in _AGENCY_STOP or core[:1].isdigit():
                break
            if f"{fold_keep_offsets(core)} {nxt}" in _AGENCY_VERBS or (
                fold_keep_offsets(core) == "va"
                and (nxt in _HEADS or f"{nxt} {nxt2}" in _HEAD_PAIRS)
            ):
                break  # "Sở Nội vụ phối hợp ...", "Sở Tài chính và Sở ..."
            if place and core[:1].islower() and kept[-1][:1].isupper():
                break
            place = place or core in ("tỉnh", "phường", "xã", "thôn")
            kept.append(core)
            if core != w.rstrip():  # punctuation ended the name
                break
        found.append((" ".join(kept), m.start() + len(" ".join(kept))))
    names = []
    for name, _ in found:
        m = re.match(r"(?:Văn phòng|Phòng)\s+((?:UBND|Ủy ban nhân dân|HĐND)\b.*)", name)
        names.append(m.group(1) if m else name)
    return names


def _date(d: DateMention) -> str:
    """As written; "ngày 15/3/2026" -> "15/3/2026" (the spelled-out form keeps its words)."""
    if d.style == "numeric" and d.text[:4].lower() == "ngày":
        return d.text[4:].lstrip()
    return d.text


def when(f: Facts) -> str:
    """Time and date as a document writes them: "8 giờ, ngày 15/3/2026" ('' if neither)."""
    date = f.dates[0] if f.dates else ""
    if date and date[0].isdigit():
        date = "ngày " + date
    return ", ".join(p for p in (f.times[0] if f.times else "", date) if p)


@functools.lru_cache(maxsize=256)
def strip_material(text: str) -> str:
    """The instruction part of a prompt: passages and delimited material removed."""
    text = nfc(text)
    for block in reversed(prompt_blocks(text, min_words=0)):
        text = text[: block.outer_start] + " " + text[block.outer_end :]
    return without_passages(text)


def _amounts(text: str) -> list[str]:
    """Money, percentages and counts as written, in order ("2 triệu đồng", "84,5%", "40 người")."""
    found = [(m.start, m.end, m.text) for m in find_amounts(text) + find_percents(text)]
    for m in _COUNT.finditer(text):
        if not any(m.start() < e and s < m.end() for s, e, _ in found):
            found.append((m.start(), m.end(), m.group()))
    return [t for _, _, t in sorted(found)]


def facts(text: str) -> Facts:
    """The facts a prompt states (a fresh copy: callers may fill in the subject)."""
    found = _facts(text)
    return Facts(**{k: list(v) if isinstance(v, list) else v for k, v in vars(found).items()})


@functools.lru_cache(maxsize=256)
def _facts(text: str) -> Facts:
    # A line break followed by a lower-case word continues the sentence ("gửi toàn thể\ncán bộ").
    text = re.sub(r"[ \t]*\n[ \t]*(?=[a-zà-ỹđ])", " ", text)
    # A date inside a cited document ("Kế hoạch số 35/KH-UBND ngày 10/3/2026") is that
    # document's, not the event's.
    from aiwork.lookup.citations import find_citations

    cited = [(c.start, c.end) for c in find_citations(text)]
    dates = [d for d in find_dates(text) if not any(s <= d.start < e for s, e in cited)]
    about = _ABOUT.search(text) or _EVENT.search(text)
    return Facts(
        dates=_uniq([_date(d) for d in dates]),
        times=_uniq([t.text for t in find_times(text)]),
        places=_uniq(_PLACE.findall(text)) or _uniq(_VENUE.findall(text)),
        amounts=_uniq(_amounts(text)),
        subject=about.group(1).strip() if about else "",
        agencies=_uniq(agencies(text)),
        recipients=_uniq([r for p in _RECIPIENTS for r in p.findall(text)]),
    )


def overlap(a: list[str], b: list[str]) -> float:
    """Share of ``a``'s distinct words found in ``b`` (0..1)."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa) if sa else 0.0
