"""Keys stay with the trainer, feedback points to the lesson (EXERCISE_STANDARD §4, §5).

For the assignments rebuilt by issues 16 and 17 (m01–m05; m06 has its own in
tests/test_capstone.py):

- every string a hidden-test block passes to a grader (a key: the new feedback to classify,
  the letters, the passage ids, the expected fields) appears in no importable module of
  ``graders/`` or ``aiwork/`` and in no data file a learner can open, so it cannot be read
  from the learner's kernel;
- the locked set-up cell imports no ``CAU_*`` name and no grader module defines one;
- every lesson section a grader's feedback names ("Bài 1, mục 4") exists in that lesson.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from aiwork import submissions
from aiwork.vi import fold

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "assignments" / "source"
REBUILT = {
    "m01-loi-nhac": "graders/m01_loi_nhac.py",
    "m02-soan-thao": "graders/m02_soan_thao.py",
    "m03-tra-cuu": "graders/m03_tra_cuu.py",
    "m04-bao-cao": "graders/m04_bao_cao.py",
    "m05-an-toan": "graders/m05_an_toan.py",
}


def _material(aid: str) -> str:
    """What a question shows the learner from a module (a petition to mask, a draft to check):
    its words are the question, not a key (issue 17)."""
    if aid == "m05-an-toan":
        from graders import m05_an_toan as m

        return "\n".join([m.VAN_BAN_2, m.VAN_BAN_2B, m.TAI_LIEU_3, m.BAN_NHAP_3])
    if aid == "m04-bao-cao":
        from aiwork.reporting import data, figures
        from aiwork.reporting.samples import DU_THAO_BAI_TAP

        table = figures.figures_table(
            figures.services_summary(data.load_services()),
            figures.training_summary(data.load_training()),
        )
        return DU_THAO_BAI_TAP + "\n" + figures.figures_text(table)
    return ""


# Rebuilt in order; strict xfails, like the lists of tests/test_labelled_answers.py.
PENDING: dict[str, set[str]] = {"keys": set(), "cau": set(), "lessons": set()}
BEGIN, END = submissions.HIDDEN_MARKERS
# Strings shorter than this ("C", "A, B, D") are not searchable keys; letters are safe anyway.
MIN_KEY = 8


def _params(what: str):
    marks = [pytest.mark.xfail(strict=True, reason="issue 16: not yet rebuilt")]
    return [pytest.param(a, marks=marks if a in PENDING[what] else []) for a in REBUILT]


def _cells(aid: str):
    return submissions.read(SOURCE / aid / f"{aid}.ipynb").cells


def _visible_text(aid: str) -> str:
    """What the released notebook shows: markdown and code outside hidden-test blocks and
    outside solution regions (the reference answer is not released)."""
    out = []
    for c in _cells(aid):
        text = re.sub(rf"{re.escape(BEGIN)}.*?{re.escape(END)}", "", c.source, flags=re.S)
        sol_begin, sol_end = submissions.SOLUTION_MARKERS
        text = re.sub(rf"{re.escape(sol_begin)}.*?{re.escape(sol_end)}", "", text, flags=re.S)
        out.append(text)
    return "\n".join(out)


def hidden_strings(aid: str) -> set[str]:
    """String literals written inside the hidden-test blocks of an assignment and shown
    nowhere else in its notebook (a label the exercise lists is not a key)."""
    visible = fold(_visible_text(aid) + "\n" + _material(aid))
    out: set[str] = set()
    for cell in _cells(aid):
        if BEGIN not in cell.source:
            continue
        for block in re.findall(
            rf"{re.escape(BEGIN)}(.*?){re.escape(END)}", cell.source, flags=re.S
        ):
            tokens = [
                t
                for t in tokenize.generate_tokens(io.StringIO(block).readline)
                if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
            ]
            for tok, nxt in zip(tokens, [*tokens[1:], None], strict=True):
                if tok.type != tokenize.STRING or (nxt is not None and nxt.string == ":"):
                    continue  # a dict key names a field, it is no key
                value = ast.literal_eval(tok.string)
                value = value.strip() if isinstance(value, str) else ""
                if len(value) >= MIN_KEY and fold(value) not in visible:
                    out.add(value)
    return out


# Assignments whose keys are all short (figures, a commune's name): no string to search for,
# but their hidden blocks must still pass them in.
SHORT_KEYS = {"m04-bao-cao"}


def _passes_literals(aid: str) -> bool:
    """Some hidden block passes a literal (a figure, a short answer) to a grader."""
    blocks = [
        b
        for c in _cells(aid)
        for b in re.findall(rf"{re.escape(BEGIN)}(.*?){re.escape(END)}", c.source, flags=re.S)
    ]
    return any(
        t.type in (tokenize.STRING, tokenize.NUMBER)
        for b in blocks
        for t in tokenize.generate_tokens(io.StringIO(b).readline)
    )


# A hidden string that also appears, as ordinary vocabulary, in a learner-readable file where it
# gives nothing away. Each pair is judged by hand and says why; keep the list short.
VOCABULARY: dict[tuple[str, str], str] = {
    ("khuyết tật", "aiwork/mock/replies/classify.py"): (
        "a topic word of the offline assistant's 'chính sách xã hội' lexicon; for m05 2b it is "
        "one of twelve accepted words for the injury, not which detail identifies the person"
    ),
    ("to khai thay doi thong tin cu tru", "aiwork/data/tutor/questions.yaml"): (
        "the tutor's key (eighth held-out set, now tuning) for the permanent-residence form, "
        "folded: the form's name as every residence record of the corpus states it (m03 asks "
        "the learner to find it there)"
    ),
}


def _readable_files() -> list[Path]:
    """What a learner's kernel can import or open: the packages' modules and data files."""
    files = []
    for root in (REPO / "graders", REPO / "aiwork"):
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in {".py", ".json", ".yaml", ".yml", ".md", ".csv"}:
                files.append(path)
    return files


def _corpus_ids() -> set[str]:
    from aiwork.lookup.corpus import by_id

    return set(by_id())


@pytest.mark.parametrize("aid", _params("keys"))
def test_hidden_keys_are_in_no_importable_place(aid: str):
    # A passage id names a public passage (the learner sees it printed); what is secret is
    # which ids answer, and that pairing lives only in the hidden block.
    keys = hidden_strings(aid) - _corpus_ids()
    short = aid in SHORT_KEYS and _passes_literals(aid)
    assert keys or short, f"{aid}: its hidden tests pass no key to the graders"
    found = []
    for path in _readable_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        rel = path.relative_to(REPO).as_posix()
        for key in keys:
            if key in text and (key, rel) not in VOCABULARY:
                found.append(f"{rel}: {key[:60]!r}")
    assert not found, f"{aid}: hidden keys readable by learners:\n" + "\n".join(found)


@pytest.mark.parametrize("aid", _params("cau"))
def test_no_cau_constant_is_imported_or_defined(aid: str):
    setup = "\n".join(
        c.source
        for c in _cells(aid)
        if c.cell_type == "code" and not c.get("metadata", {}).get("nbgrader", {}).get("grade")
    )
    assert not re.search(r"\bCAU_\w+", setup), f"{aid}: a learner cell names a CAU_* constant"
    module = (REPO / REBUILT[aid]).read_text(encoding="utf-8")
    assert not re.search(r"^CAU_\w+\s*[:=]", module, flags=re.M), f"{REBUILT[aid]} defines CAU_*"


def _lesson_sections(module_no: int) -> set[int]:
    folder = next((REPO / "course").glob(f"{module_no:02d}-*"))
    nb = json.loads((folder / "bai-hoc.ipynb").read_text(encoding="utf-8"))
    out = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            out |= {int(n) for n in re.findall(r"^##\s+(\d+)\.", "".join(cell["source"]), re.M)}
    return out


@pytest.mark.parametrize("aid", _params("lessons"))
def test_feedback_points_to_lesson_sections_that_exist(aid: str):
    text = (REPO / REBUILT[aid]).read_text(encoding="utf-8")
    refs = {(int(b), int(m)) for b, m in re.findall(r"Bài (\d), mục (\d+)", text)}
    assert refs, f"{REBUILT[aid]}: feedback names no lesson section"
    missing = [f"Bài {b}, mục {m}" for b, m in sorted(refs) if m not in _lesson_sections(b)]
    assert not missing, f"{REBUILT[aid]} points to sections that do not exist: {missing}"


def _reference_answers(aid: str) -> dict[str, object]:
    ns: dict[str, object] = {}
    for cell in _cells(aid):
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            exec(submissions.strip_markers(cell.source), ns)  # string literals only
    return ns


def test_toolkit_samples_differ_from_the_module_2_cases():
    """A learner cannot copy an answer from aiwork.decree30.samples (issue 16)."""
    from aiwork.decree30.samples import SAMPLES
    from graders.forms import parse_document

    ref = _reference_answers("m02-soan-thao")
    for var, kind in (("cong_van", "công văn"), ("giay_moi", "giấy mời")):
        info = parse_document(ref[var], kind).info
        body = fold(" ".join(info["noi_dung"]))
        for name, make in SAMPLES.items():
            sample = make()
            same = {
                "subject": fold(sample.subject) == fold(str(info["trich_yeu"])),
                "signer": fold(sample.signer_name) == fold(str(info["nguoi_ky"])),
                "agency": fold(sample.agency) == fold(str(info["co_quan"])),
                "body": any(fold(str(p)) in body for p in sample.body if len(str(p)) > 60),
            }
            assert not any(same.values()), f"{var} shares {same} with sample {name}"
