"""The tutor's knowledge base, built from the course itself.

Sources: every lesson notebook's text, split into sections at its ``##`` headings; the
glossary and the FAQ in ``aiwork/data/tutor/``. Built by ``aiwork tutor build`` into
``aiwork/data/tutor/kb.json`` (a test checks it is current); the module 3 lookup corpus is added
at load time from its own files, so no passage is stored twice.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path

import nbformat
import yaml

from aiwork import paths
from aiwork.lookup.corpus import Passage, load_corpus
from aiwork.tutor.guard import GradedQuestion, graded_questions
from aiwork.vi import fold_keep_offsets, nfc

TUTOR_DATA = paths.DATA_DIR / "tutor"
KB_PATH = TUTOR_DATA / "kb.json"
LESSON_GLOB = "[0-9][0-9]-*/bai-hoc.ipynb"

_HEADING = re.compile(r"^(#{1,2})\s+(.+?)\s*$", re.MULTILINE)
# Emphasis marks around words (**đậm**, *nghiêng*, __x__), not underscores inside identifiers
# such as van_ban or kiem_tra, which learners type and the tutor must quote as they are.
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_LIST_ITEM = re.compile(r"(?:[-*+•]|\d{1,2}[.)])\s")
# A code identifier the lessons write ("get_client", "tao_bao_cao") and a syllable as
# Vietnamese spells one without its marks ("bao", "kiem", "nghieng"; not "client", "check").
_IDENTIFIER = re.compile(r"(?<!\w)[^\W\d_]\w*_\w+")
_SYLLABLE = re.compile(
    r"(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


@dataclass(frozen=True)
class CoursePassage(Passage):
    """A passage of the course with the other ways learners name it (glossary aliases, FAQ
    phrasings): searched, never quoted back to them."""

    aliases: str = ""

    @property
    def search_text(self) -> str:
        text = _IDENTIFIER.sub(_identifier_words, super().search_text)
        return f"{text} {self.aliases}".strip()


@dataclass(frozen=True)
class SourcedPassage(Passage):
    """A passage of a legal text, searched with the names learners give the text before its
    locator ("Luật 91 Điều 7 ...": "luật 91 điều 7" finds it; after its last sentence the
    names would pair with that sentence's last word)."""

    names: str = ""

    @property
    def search_text(self) -> str:
        return f"{self.names} {super().search_text}".strip()


def _identifier_words(m: re.Match[str]) -> str:
    """An identifier named in English words ("get_client", "check_grounding") followed by
    those words, as learners type it either way ("lệnh get client"); one in Vietnamese words
    ("tao_van_ban") stays whole: its words would make the passage say "văn bản"."""
    parts = [w for w in m[0].lower().split("_") if w and not w.isdigit()]
    if all(_SYLLABLE.fullmatch(w) for w in parts):
        return m[0]
    return f"{m[0]} {' '.join(parts)}"


def _plain(markdown: str, headers: list[str] | None = None) -> str:
    """Markdown to plain text that reads as sentences: emphasis and code marks dropped (their
    words kept: `<van_ban>` stays "<van_ban>"), each table row one sentence ("Vai trò: Trợ lý
    đóng vai ai?; Bạn là chuyên viên..."), inner headings ended with a full stop, quotes
    unmarked. The tutor quotes these sentences to learners. A table's header row is no
    sentence: its cells name the rows (see :func:`_table_row`) and go to ``headers`` (searched,
    not quoted: "Dùng khi" finds the table of document types)."""
    lines = []
    raw = markdown.splitlines()
    header: list[str] = []  # the header cells of the table being read
    for i, line in enumerate(raw):
        line = _LINK.sub(r"\1", line.strip())
        for _ in range(2):  # nested: ***x*** or **x *y***
            line = _EMPHASIS.sub(r"\2", line)
        line = line.replace("`", "")
        if line.startswith(">"):
            line = re.sub(r"^>\s?", "", line).strip()  # a quote mark, not ">>>" after it
        if _TABLE_RULE.match(line) or set(line) <= set("-*_ "):
            continue  # a table's rule row, a horizontal rule
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if i + 1 < len(raw) and _TABLE_RULE.match(raw[i + 1]):
                header = cells  # a header row names the columns; it is no sentence itself
                if headers is not None:
                    headers.extend(_plain(c) for c in cells if c)
                continue
            line = _table_row(cells, header)
            if not line:
                continue
            line = line if line.endswith((".", "?", "!", ":")) else line + "."
        elif line.startswith("#"):
            line = line.lstrip("#").strip()
            line = line if line.endswith((".", "?", "!", ":")) else line + "."
        lines.append(line)
    # a list item ends where the next begins ("4. kiểm tra ...\n5. lập báo cáo ...")
    for i in range(len(lines) - 1):
        if _LIST_ITEM.match(lines[i + 1]) and lines[i] and lines[i][-1] not in ".:;!?,":
            lines[i] += ";"
    text = " ".join(lines)
    text = re.sub(r"(?<!\w)\*+(?=\S)|(?<=\S)\*+(?!\w)", "", text)  # emphasis over two lines
    return " ".join(text.split())


def _table_row(cells: list[str], header: list[str]) -> str:
    """One table row as a sentence. Under a two-column header each cell is named by its
    column ("Trợ lý làm tốt: Soạn nháp ...; Trợ lý không làm được: Biết ...": the columns
    may be two lists side by side); under a wider one the first cell leads the row
    ("Tờ trình: Cấp dưới đề nghị ...; ..."), named by its column when it is a bare number
    ("Bước 2: Che dữ liệu cá nhân; ...")."""
    if len(header) != len(cells):
        header = []
    named = [(h, c) for h, c in zip(header or [""] * len(cells), cells, strict=True) if c]
    if not named:
        return ""
    if len(header) == 2:
        return "; ".join(f"{h}: {c}" if h else c for h, c in named)
    (h0, first), rest = named[0], [c for _, c in named[1:]]
    if h0 and re.fullmatch(r"\d{1,2}[.)]?", first):
        first = f"{h0} {first.rstrip('.)')}"
    return first + (": " + "; ".join(rest) if rest else "")


def slug(heading: str, words: int = 6) -> str:
    """A stable, readable id part from a heading: "4. Sáu thành phần..." -> "sau-thanh-phan..."."""
    folded = fold_keep_offsets(heading)
    folded = re.sub(r"^\s*\d+[.)]?\s*", "", folded)
    parts = re.findall(r"[a-z0-9]+", folded)
    return "-".join(parts[:words]) or "muc"


def lesson_sections(notebook: Path) -> list[Passage]:
    """Sections of one lesson: the text under each ``#``/``##`` heading of its markdown cells."""
    module = notebook.parent.name  # e.g. "01-loi-nhac"
    number = int(module[:2])
    nb = nbformat.read(str(notebook), as_version=4)
    markdown = "\n\n".join(nfc(c.source) for c in nb.cells if c.cell_type == "markdown")
    title_match = _HEADING.search(markdown)
    lesson_title = title_match.group(2) if title_match else module
    sections: list[Passage] = []
    heads = list(_HEADING.finditer(markdown))
    for i, head in enumerate(heads):
        body = markdown[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(markdown)]
        headers: list[str] = []
        text = _plain(body, headers)
        if not text:
            continue
        heading = _plain(head.group(2))
        sections.append(
            CoursePassage(
                id=f"bai{number:02d}-{slug(heading)}",
                doc=f"bai{number:02d}",
                source=f"Bài học {_plain(lesson_title)} (course/{module}/bai-hoc.ipynb)",
                text=text,
                article=f"Mục: {heading}",
                title=heading,
                verbatim=True,
                note="Nội dung bài học của khóa học",
                aliases=" ".join(headers),
            )
        )
    return sections


def glossary_entries() -> list[Passage]:
    data = yaml.safe_load((TUTOR_DATA / "glossary.yaml").read_text(encoding="utf-8"))
    out = []
    for t in data["terms"]:
        aliases = ", ".join(t.get("aliases", []))
        # "Mô hình ngôn ngữ lớn (LLM)"; not "Trí tuệ nhân tạo (AI) (AI)" when the term holds it
        alias = t["aliases"][0] if t.get("aliases") else ""
        first = (
            f" ({alias})"
            if alias and fold_keep_offsets(alias) not in fold_keep_offsets(t["term"])
            else ""
        )
        out.append(
            CoursePassage(
                id=f"tu-dien-{t['id']}",
                doc="tu-dien",
                source="Từ điển thuật ngữ của khóa học",
                text=nfc(f"{t['term']}{first}: {' '.join(t['definition'].split())}"),
                article=nfc(f"Thuật ngữ: {t['term']}"),
                title=nfc(t["term"]),
                aliases=nfc(aliases),
                verbatim=True,
                note="Định nghĩa viết cho khóa học",
            )
        )
    return out


def faq_entries() -> list[Passage]:
    data = yaml.safe_load((TUTOR_DATA / "faq.yaml").read_text(encoding="utf-8"))
    out = []
    for q in data["faq"]:
        asks = "; ".join(q.get("ask", []))
        out.append(
            CoursePassage(
                id=f"hoi-dap-{q['id']}",
                doc="hoi-dap",
                source="Hỏi đáp thường gặp của khóa học",
                text=nfc(" ".join(q["answer"].split())),  # the question is the title (searched)
                article=nfc(f"Hỏi đáp: {q['question']}"),
                title=nfc(q["question"]),
                aliases=nfc(asks),
                verbatim=True,
                note="Hướng dẫn của khóa học",
            )
        )
    return out


def build(course_dir: Path | None = None) -> list[Passage]:
    """Every course-derived passage, in a stable order."""
    course = course_dir or paths.course_dir()
    passages: list[Passage] = []
    for nb in sorted(course.glob(LESSON_GLOB)):
        passages.extend(lesson_sections(nb))
    passages.extend(glossary_entries())
    passages.extend(faq_entries())
    return passages


def serialise(passages: list[Passage], graded: list[GradedQuestion]) -> str:
    data = {
        "passages": [{k: v for k, v in asdict(p).items() if k != "procedure"} for p in passages],
        "graded": [asdict(q) for q in graded],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def build_text(root: Path | None = None) -> str:
    """The knowledge base file's content, built from the checkout at ``root``."""
    root = root or paths.repo_root()
    return serialise(build(root / "course"), graded_questions(root / "assignments" / "source"))


def write(path: Path = KB_PATH, root: Path | None = None) -> Path:
    path.write_text(build_text(root), encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def _load_file() -> dict:
    return json.loads(KB_PATH.read_text(encoding="utf-8"))


# A legal text's kind and number in its source line: "Luật Bảo vệ dữ liệu cá nhân số
# 91/2025/QH15", "Nghị định 30/2020/NĐ-CP", "Công văn 557/BKHCN-CĐSQG", "Kế hoạch 01-KH/BCĐTW".
_SOURCE_NUMBER = re.compile(
    r"^(?P<kind>Luật|Nghị định|Công văn|Kế hoạch|Thông tư|Quyết định|Nghị quyết|Chỉ thị)"
    r"(?P<name>(?: (?!số )[^\W\d]+)*)(?: số)? (?P<number>\d+)[/-]"
)


def source_names(source: str) -> str:
    """The names learners give a legal text, from its source line: the law's name, its kind
    and number and their abbreviation ("Luật Bảo vệ dữ liệu cá nhân; Luật 91"; "NĐ30; NĐ 30;
    Nghị định 30"): a passage of it is found by a question naming the text ("luật 91 điều
    mấy", "cv 557 nói gì về tài khoản"). Empty for other sources."""
    m = _SOURCE_NUMBER.match(source)
    if not m:
        return ""
    kind, number = m["kind"], m["number"]
    names = [f"{kind}{m['name']}"] if m["name"].strip() else []
    if " " in kind:
        abbr = "".join(w[0] for w in kind.split()).upper()
        names += [f"{abbr}{number}", f"{abbr} {number}"]
    names.append(f"{kind} {number}")
    return nfc("; ".join(names))


def load() -> tuple[Passage, ...]:
    """The built course passages plus the module 3 lookup corpus, each legal text's passages
    searched with the names learners give the text too (:func:`source_names`)."""
    corpus = tuple(
        SourcedPassage(**{f.name: getattr(p, f.name) for f in fields(Passage)}, names=names)
        if (names := source_names(p.source))
        else p
        for p in load_corpus()
    )
    return tuple(CoursePassage(**row) for row in _load_file()["passages"]) + corpus


def load_graded() -> list[GradedQuestion]:
    return [
        GradedQuestion(**{**row, "names": tuple(row.get("names", ()))})
        for row in _load_file()["graded"]
    ]
