"""Every statement of law a learner reads is current for 2026 and traceable to the corpus.

What learners read: the lessons' markdown, the lessons' READMEs, the tutor's glossary and FAQ.
The corpus (``aiwork/data/corpus``) holds each legal text's passages, each marked verbatim or
paraphrase ("(diễn giải)"); its README lists what was checked and against what.

- A legal document a learner reads about is one the corpus holds (by its number); Decree
  13/2023 only as the text Law 91/2025 replaced.
- A paragraph or list item that states what a held document says — it names the document and
  uses a statement word ("quy định", "yêu cầu", "hướng dẫn", "hiệu lực", "thay thế", "liệt kê",
  "nghiêm cấm") — is marked "diễn giải" or "nguyên văn" (itself or the line introducing its
  list) and cites a corpus passage of that document by id ([cv557-tai-khoan]). READMEs and the
  tutor's glossary/FAQ summarise lessons: they are held to the other rules.
- Every corpus id a learner reads exists; a block that says "nguyên văn" cites a verbatim passage.
- A quotation of eight words or more in a block that names a held document is found word for
  word in a verbatim passage (no claim of quoting text the corpus does not hold).
- Currency rules for 2026 over the lessons and the corpus: no district level, Decree 13 only as
  replaced, the elderly allowance with Law 41/2024's social pension, CV 557 without invented
  points.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from aiwork.lookup.corpus import load_corpus

REPO = Path(__file__).resolve().parent.parent
CORPUS = {p.id: p for p in load_corpus()}

# Legal documents by number -> the corpus doc key holding them.
HELD = {
    "30/2020/NĐ-CP": "nd30",
    "91/2025/QH15": "luat91",
    "557/BKHCN-CĐSQG": "cv557",
    "01-KH/BCĐTW": "kh01",
    "13/2023/NĐ-CP": "nd13",
}
# Short names learners read for the same documents.
NAMES = {
    "nd30": r"nghị định (số )?30\b",
    "luat91": r"luật (bảo vệ dữ liệu cá nhân( số)? )?91\b|luật 91\b",
    "cv557": r"công văn (số )?557\b|công văn 557",
    "kh01": r"kế hoạch (số )?01-kh",
    "nd13": r"nghị định (số )?13/2023",
}
LEGAL_NUMBER = re.compile(
    r"\b\d{1,4}/\d{4}/(?:NĐ-CP|QH\d{2}|TT-[A-ZĐ]+|QĐ-TTg|NQ-CP|NQ-HĐND)\b|\b\d{1,4}/BKHCN-CĐSQG\b|"
    r"\b\d{2}-KH/BCĐTW\b"
)
STATEMENT = re.compile(
    r"quy định|yêu cầu|hướng dẫn|hiệu lực|thay thế|liệt kê|nghiêm cấm|\bgồm các thành phần\b",
    re.IGNORECASE,
)
MARKER = re.compile(r"diễn giải|nguyên văn", re.IGNORECASE)
CORPUS_ID = re.compile(r"\[((?:nd30|luat91|cv557|kh01|bdhvs|tthc|nd13)(?:-[a-z0-9]+)+)\]")
QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _units(markdown: str) -> list[tuple[str, str]]:
    """(lead, item) pairs: every list item or table row with the paragraph that introduces
    its list ("Các ý chính (diễn giải):"), and every paragraph on its own (lead empty)."""
    out: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        starts = [i for i, ln in enumerate(lines) if re.match(r"\s*(?:[-*]|\d+\.|\|)\s", ln)]
        if not starts:
            out.append(("", "\n".join(lines)))
            continue
        lead = "\n".join(lines[: starts[0]])
        if lead:
            out.append(("", lead))
        bounds = [*starts, len(lines)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            out.append((lead, "\n".join(lines[a:b])))
    return out


def _learner_texts() -> list[tuple[str, str]]:
    texts = []
    for nb_path in sorted((REPO / "course").glob("*/bai-hoc.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                texts.append((f"{nb_path.parent.name}#{cell.get('id')}", "".join(cell["source"])))
    for readme in sorted((REPO / "course").rglob("README.md")):
        texts.append((str(readme.relative_to(REPO)), readme.read_text(encoding="utf-8")))
    tutor = REPO / "aiwork" / "data" / "tutor"
    for t in yaml.safe_load((tutor / "glossary.yaml").read_text(encoding="utf-8"))["terms"]:
        texts.append((f"glossary:{t['id']}", f"{t['term']}: {t['definition']}"))
    for q in yaml.safe_load((tutor / "faq.yaml").read_text(encoding="utf-8"))["faq"]:
        texts.append((f"faq:{q['id']}", f"{q['question']} {q['answer']}"))
    return texts


UNITS = [
    (f"{where} «{_nfc(item)[:50]}»", _nfc(lead), _nfc(item))
    for where, text in _learner_texts()
    for lead, item in _units(text)
]
# What a README or the tutor's data says about a document summarises a lesson, where the
# statement itself is traced; they are checked for held documents, ids and quotes only.
SUMMARY = ("course/", "glossary:", "faq:")


def _docs_named(block: str) -> set[str]:
    found = {HELD[m.group(0)] for m in LEGAL_NUMBER.finditer(block) if m.group(0) in HELD}
    low = block.lower()
    found |= {doc for doc, pattern in NAMES.items() if re.search(pattern, low)}
    return found


def test_learner_texts_found():
    assert len(UNITS) > 400


VERBATIM_CLAIM = re.compile(r"\(nguyên văn|nguyên văn (?:—|trong kho)", re.IGNORECASE)


@pytest.mark.parametrize("where, lead, item", UNITS, ids=[w for w, _, _ in UNITS])
def test_every_legal_reference_is_held_and_traceable(where: str, lead: str, item: str):
    unknown = [m.group(0) for m in LEGAL_NUMBER.finditer(item) if m.group(0) not in HELD]
    assert not unknown, f"{where}: names legal documents the corpus does not hold: {unknown}"
    ids = CORPUS_ID.findall(item) + CORPUS_ID.findall(lead)
    missing = [i for i in ids if i not in CORPUS]
    assert not missing, f"{where}: cites passages the corpus does not have: {missing}"
    docs = _docs_named(item) or (_docs_named(lead) if lead else set())
    context = f"{lead} {item}"
    if "nd13" in _docs_named(item):
        assert re.search(r"thay thế|trước đây", context), f"{where}: Decree 13 named as if current"
    if docs and STATEMENT.search(item) and not where.startswith(SUMMARY):
        assert MARKER.search(context), (
            f"{where}: states what {sorted(docs)} says without 'diễn giải'/'nguyên văn'"
        )
        cited_docs = {CORPUS[i].doc for i in ids if i in CORPUS}
        assert cited_docs & docs, f"{where}: states what {sorted(docs)} says without its corpus id"
    if VERBATIM_CLAIM.search(item) and ids:
        assert any(CORPUS[i].verbatim for i in ids if i in CORPUS), (
            f"{where}: says 'nguyên văn' but cites no verbatim passage"
        )
    if _docs_named(item):
        verbatim = " ".join(_nfc(p.text) for p in CORPUS.values() if p.verbatim)
        for m in QUOTE.finditer(item):
            quote = _nfc(m.group(1) or m.group(2))
            if len(quote.split()) >= 8:
                assert quote in verbatim, (
                    f"{where}: quotes wording the corpus does not hold: {quote[:60]}"
                )


# --- currency for 2026 (lessons, READMEs, tutor data and the corpus) ------------------------


def _currency_texts() -> list[tuple[str, str]]:
    texts = [(w, f"{lead} {item}") for w, lead, item in UNITS]
    texts += [(f"corpus:{p.id}", _nfc(p.text)) for p in CORPUS.values()]
    return texts


CURRENCY = _currency_texts()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+", text) if s]


def test_no_district_level_after_july_2025():
    """Two-level local government since 1/7/2025: no 'huyện'/'quận' authority in current text."""
    bad = [
        (w, s)
        for w, t in CURRENCY
        for s in _sentences(t)
        if re.search(r"\b(cấp huyện|UBND huyện|Ủy ban nhân dân huyện|UBND quận)\b", s)
        and not re.search(r"trước đây|trước ngày 01/7/2025|bỏ cấp huyện", s)
    ]
    assert not bad, bad[:3]


def test_decree_13_only_as_replaced():
    bad = [
        (w, s)
        for w, t in CURRENCY
        for s in _sentences(t)
        if re.search(r"Nghị định (số )?13/2023", s) and not re.search(r"thay thế|trước đây", s)
    ]
    assert not bad, bad[:3]


def test_elderly_allowance_states_the_social_pension():
    """Since 1/7/2025 (Law 41/2024/QH15) the social pension starts at 75 (70 for poor and
    near-poor households): a text giving the old 80-year Decree 20/2021 rule says so too."""
    for w, t in CURRENCY:
        if re.search(r"80 tuổi", t) and re.search(r"20/2021", t):
            assert "41/2024" in t and "75 tuổi" in t, w


def test_cv557_points_are_the_corpus_passages():
    """What a lesson attributes to CV 557 about accounts is what the corpus passage says; the
    course's own extra advice is labelled as such."""
    for w, lead, b in UNITS:
        if "cv557-tai-khoan" in f"{lead} {b}" and re.search(r"hai lớp|hai yếu tố", b):
            assert "không phải" in b, f"{w}: two-factor login attributed to CV 557"
