"""Capstone (m06): every case variant is solvable, its law is current and sourced, its keys are
out of the learner's reach.

- The reference of every variant (the source's for the main case, answers.yaml's for the others)
  gets full marks when the notebook runs in a real kernel with AIWORK_CASE forcing the case,
  hidden tests included (the nbgrader round trip, tests/test_assignments.py, grades the labelled
  answers of every variant).
- Each learner's variant follows their id (lab, stock nbgrader folders, ``aiwork grade``: see
  tests/grading/test_learner_variant.py).
- Issue 17: every legal reference a case's reference answer or hidden key makes resolves to a
  corpus passage that says what it is (verbatim, "(diễn giải)", "(mẫu học tập)") and is in
  force at the case's date; the case's expected values are in no learner-readable place.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import os
import re
import tokenize
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from aiwork import casework, submissions
from aiwork.lookup.citations import find_citations, same_document
from aiwork.lookup.corpus import load_corpus
from aiwork.vi import find_dates, parse_date

REPO = Path(__file__).resolve().parent.parent
AID = "m06-tinh-huong"
SOURCE = REPO / "assignments" / "source" / AID / f"{AID}.ipynb"
MAIN, VARIANTS = submissions.load_variants(AID)


def _references() -> dict[str, dict[str, str]]:
    """Each case's reference answers: the source's for the main case, answers.yaml's else."""
    nb = nbformat.read(str(SOURCE), as_version=4)
    main = {
        c.metadata["nbgrader"]["grade_id"]: submissions.strip_markers(c.source)
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    return {MAIN: main, **{v.case: {**main, **v.reference} for v in VARIANTS}}


def test_at_least_three_variants_each_with_a_reference():
    assert len(casework.cases()) >= 3
    assert set(_references()) == set(casework.cases())


def test_variants_spread_over_learners():
    seen = {casework.case_for(f"hv{i:03d}").ma for i in range(30)}
    assert seen == set(casework.cases())


def test_learner_id_is_the_nbgrader_student_under_runtime_folders(tmp_path):
    work = tmp_path / "autograded" / "hv042" / "m06-tinh-huong"
    work.mkdir(parents=True)
    assert casework.learner_id(work) == "hv042"


def test_intake_prints_the_date_in_vietnamese_format():
    assert "Ngày tiếp nhận: 23/11/2026" in str(casework.cases()["TH-01"])


@pytest.mark.parametrize("case", sorted(casework.cases()))
def test_reference_full_marks_on_every_variant(case, tmp_path, monkeypatch):
    nb = nbformat.read(str(SOURCE), as_version=4)
    answers = _references()[case]
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
        cell.source = submissions.strip_markers(cell.source)
        cell.source = submissions.strip_markers(cell.source, submissions.HIDDEN_MARKERS)
    monkeypatch.setenv("AIWORK_CASE", case)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute(env=dict(os.environ))
    failed = [
        (c.metadata["nbgrader"]["grade_id"], o.get("evalue", ""))
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
        for o in c.outputs
        if o.output_type == "error"
    ]
    intake = next(
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "nhan_don"
    )
    assert f"Mã tình huống: {case}" in "".join(o.get("text", "") for o in intake.outputs)
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) == 10
    assert not failed, failed
    assert (tmp_path / "tra-loi-cong-dan.docx").exists()


def test_source_notebook_run_as_it_is_in_the_course_gets_the_reference_case(tmp_path, monkeypatch):
    """A trainer opens source/m06-tinh-huong/ and runs it as it is (markers in place, no
    AIWORK_CASE): the case is the one the reference is written for, and every test passes."""
    monkeypatch.delenv("AIWORK_CASE", raising=False)
    monkeypatch.delenv("AIWORK_LEARNER_ID", raising=False)
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    folder = tmp_path / "source" / AID
    folder.mkdir(parents=True)
    assert casework.in_course_source(folder)
    assert not casework.in_course_source(tmp_path / "submitted" / "hv01" / AID)
    nb = nbformat.read(str(SOURCE), as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute(env=dict(os.environ))
    errors = [
        (c.metadata.get("nbgrader", {}).get("grade_id"), o.get("evalue", ""))
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.output_type == "error"
    ]
    assert not errors, errors
    intake = next(
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "nhan_don"
    )
    assert f"Mã tình huống: {casework.REFERENCE_CASE}" in "".join(
        o.get("text", "") for o in intake.outputs
    )


# --- the hidden keys -----------------------------------------------------------------------------


def _hidden_blocks() -> list[str]:
    nb = nbformat.read(str(SOURCE), as_version=4)
    begin, end = submissions.HIDDEN_MARKERS
    return [
        b
        for c in nb.cells
        for b in re.findall(rf"{re.escape(begin)}(.*?){re.escape(end)}", c.source, flags=re.S)
    ]


def _keys_by_case() -> dict[str, dict[str, object]]:
    """Every hidden block's per-case key, read from its ``{...}[ho_so.ma]`` literal."""
    out: dict[str, dict[str, object]] = {}
    for block in _hidden_blocks():
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):
                for k, v in ast.literal_eval(node.value).items():
                    out.setdefault(k, {})[ast.unparse(node.slice)] = v
                    out[k].setdefault("_all", []).append(v)
    return out


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def test_every_case_has_its_keys_in_the_hidden_blocks():
    keys = _keys_by_case()
    assert set(keys) == set(casework.cases())
    for case, k in keys.items():
        assert len(k["_all"]) >= 5, f"{case}: expected a key in each hidden block"


def test_no_case_key_is_in_a_learner_readable_place():
    """Standard §4: the case data holds petitions only; no module or data file a learner can
    import or open maps a case to its expected values."""
    raw = yaml.safe_load((REPO / "aiwork/data/casework/cases.yaml").read_text(encoding="utf-8"))
    for case in raw["cases"]:
        assert set(case) == {"ma", "tieu_de", "ngay_nhan", "nguoi_gui", "don"}, case["ma"]
    ho_so = casework.cases()["TH-01"]
    assert not hasattr(ho_so, "dap_an")
    assert set(vars(ho_so)) == {"ma", "tieu_de", "ngay_nhan", "nguoi_gui", "don"}
    readable = [
        p
        for root in (REPO / "graders", REPO / "aiwork")
        for p in root.rglob("*")
        if p.is_file() and p.suffix in {".py", ".json", ".yaml", ".yml", ".md", ".csv"}
    ]
    codes = sorted(casework.cases())
    # each value is public material on its own (a passage id, a law, an agency); what must not
    # be readable is which one a case expects: no file but the cases names a case, and no
    # module's text holds a case's passage ids or dates
    specific = {
        s
        for k in _keys_by_case().values()
        for s in _strings(k["_all"])
        if re.fullmatch(r"(?:tthc|luat\d+)-[a-z0-9-]+|\d{4}-\d{2}-\d{2}", s)
    }
    module_6 = {REPO / "graders" / "m06_tinh_huong.py", REPO / "aiwork" / "casework.py"}
    found = []
    for path in readable:
        text = path.read_text(encoding="utf-8", errors="ignore")
        data_file = path.suffix != ".py" and path.name != "cases.yaml"
        if (data_file or path.name == "m06_tinh_huong.py") and any(c in text for c in codes):
            found.append(f"{path.relative_to(REPO)} names a case code")
        if path in module_6:
            found += [f"{path.relative_to(REPO)}: {s}" for s in specific if s in text]
    assert not found, "\n".join(found)


# --- the law the cases state ---------------------------------------------------------------------

_EFFECT = re.compile(r"hiệu lực(?: thi hành)? (?:từ )?ngày", re.I)


def _in_force(passage_text: str) -> dt.date | None:
    m = _EFFECT.search(passage_text)
    if not m:
        return None
    dates = [d.date for d in find_dates(passage_text[m.end() - 5 :]) if d.date]
    return dates[0] if dates else None


@pytest.mark.parametrize("case", sorted(casework.cases()))
def test_every_legal_reference_resolves_to_a_current_corpus_passage(case):
    """Issue 17: each legal statement of a case is backed by a passage that says what it is
    and is in force at the case's date (TH-02 no longer rests on the 80-year rule of Decree
    20/2021; TH-01's 20 working days are the sample procedure's, not the Land Law's)."""
    ho_so = casework.cases()[case]
    on = parse_date(ho_so.ngay_nhan)
    texts = [*_references()[case].values(), *_strings(_keys_by_case()[case]["_all"])]
    refs = [c for t in texts for c in find_citations(t) if c.kind in ("luat", "nghi_dinh")]
    assert refs, f"{case}: no legal reference found"
    corpus = load_corpus()
    for ref in refs:
        backing = [
            p
            for p in corpus
            if any(
                same_document(ref, c)
                for c in find_citations(
                    f"{p.source}. {p.text} {(p.procedure or {}).get('legal_basis', '')}"
                )
            )
        ]
        assert backing, f"{case}: «{ref.text}» is backed by no corpus passage"
        for p in backing:
            assert p.verbatim or "(diễn giải)" in p.note or "(mẫu học tập)" in p.note, p.id
        starts = [d for p in backing if (d := _in_force(p.text))]
        assert all(d <= on for d in starts), f"{case}: «{ref.text}» not yet in force on {on}"


def test_the_old_elderly_rule_is_gone():
    from aiwork.lookup.corpus import by_id

    text = by_id()["tthc-tro-cap-nguoi-cao-tuoi"].text
    assert "41/2024/QH15" in text and "75 tuổi" in text
    assert "80 tuổi" not in text and "20/2021" not in text
    refs = " ".join(_references()["TH-02"].values())
    assert "20/2021" not in refs and "80 tuổi" not in refs
    # the land deadline is attributed to the procedure, not to the Land Law
    th01 = _references()["TH-01"]["buoc_5"]
    assert not re.search(r"Luật Đất đai[^.;]*20 ngày", th01)


def test_tokenizes():  # the hidden blocks are valid Python the grader can run
    for block in _hidden_blocks():
        list(tokenize.generate_tokens(io.StringIO(block).readline))


# --- graders on the observed answers of issue 17 (fast; the round trip grades them all) ---------


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("Căn cứ Luật Đất đai năm 2024, thời hạn không quá 20 ngày làm việc.", True),
        ("Theo Luật Đất đai 2024, thời hạn không quá 20 ngày làm việc.", True),
        ("Theo Luật số 31/2024/QH15, thời hạn không quá 20 ngày làm việc.", True),
        ("Theo Nghị định số 99/2024/NĐ-CP, thời hạn không quá 20 ngày làm việc.", False),
        ("Thời hạn không quá 20 ngày làm việc.", False),
    ],
)
def test_reply_citations_in_every_form(sentence, ok):
    from graders.m06_tinh_huong import cham_buoc_5_noi_dung

    ho_so = casework.cases()["TH-01"]
    body = (
        f"Ông nộp hồ sơ ngày 05/9/2026. {sentence} Phường đã đề nghị VP Đăng ký đất đai kiểm tra."
    )
    letter = _references()["TH-01"]["buoc_5"]
    letter = re.sub(r"(?s)Nội dung:\n.*?\nQuyền hạn", f"Nội dung:\n{body}\nQuyền hạn", letter)
    dap_an = next(
        v for v in _keys_by_case()["TH-01"]["_all"] if isinstance(v, dict) and "can_cu" in v
    )
    result = cham_buoc_5_noi_dung(ho_so, letter, dap_an)
    assert result.passed == ok, result.report()
    if "Luật" in sentence and "Nghị định" not in sentence:
        assert "chưa nêu căn cứ pháp lý" not in result.report()


@pytest.mark.parametrize("date", ["05/9/2026", "05/09/2026", "5/9/2026", "ngày 5 tháng 9 năm 2026"])
def test_reply_dates_in_every_form(date):
    from graders.facts import check
    from graders.m06_tinh_huong import noi_dung_brief

    dap_an = next(
        v for v in _keys_by_case()["TH-01"]["_all"] if isinstance(v, dict) and "can_cu" in v
    )
    text = f"Ông nộp hồ sơ {date}. Theo Luật Đất đai năm 2024, thời hạn không quá 20 ngày làm việc, do Văn phòng đăng ký đất đai thực hiện."
    assert check(text, noi_dung_brief(dap_an)).ok
    wrong = text.replace("20 ngày làm việc", "15 ngày làm việc")
    assert not check(wrong, noi_dung_brief(dap_an)).ok


def test_weekly_counts_swapped_lose_their_points():
    from graders.m06_tinh_huong import cham_buoc_6_so_lieu, cham_buoc_6_vai_tro

    ho_so = casework.cases()["TH-01"]
    phieu = "Tóm tắt: x\nLĩnh vực: Đất đai\nMức độ: Thường\nCơ quan giải quyết: VP Đăng ký đất đai"
    right = "Trong tuần tiếp nhận 12 vụ việc, đã trả lời 9 vụ việc, còn 3 vụ việc đang xử lý."
    swapped = "Trong tuần tiếp nhận 9 vụ việc, đã trả lời 12 vụ việc, còn 3 vụ việc đang xử lý."
    assert cham_buoc_6_vai_tro(ho_so, phieu, right).passed
    assert cham_buoc_6_so_lieu(ho_so, phieu, swapped).passed  # every figure is in the table
    assert not cham_buoc_6_vai_tro(ho_so, phieu, swapped).passed


def test_feedback_points_to_lesson_sections_that_exist():
    """Standard §5: every "Bài N, mục M" the capstone's feedback names exists in that lesson."""
    from tests.test_assignment_keys import _lesson_sections

    text = (REPO / "graders" / "m06_tinh_huong.py").read_text(encoding="utf-8")
    refs = {(int(b), int(m)) for b, m in re.findall(r"Bài (\d), mục (\d+)", text)}
    assert {(6, n) for n in (2, 3, 4, 5, 6)} <= refs
    missing = [f"Bài {b}, mục {m}" for b, m in sorted(refs) if m not in _lesson_sections(b)]
    assert not missing, missing


def test_week_table_is_read_once_and_each_caller_gets_its_own_copy():
    """``so_theo_doi_tuan`` keeps the parsed table (``aiwork.memo``): equal to a fresh read,
    pickled copies too (the grading template's), and a caller's change reaches nobody else."""
    from pandas.testing import assert_frame_equal

    fresh = casework._read_week()
    first = casework.so_theo_doi_tuan()
    assert_frame_equal(first, fresh)
    first.loc[0, "trang_thai"] = "sửa"
    assert_frame_equal(casework.so_theo_doi_tuan(), fresh)
    state = casework._WEEK.state()
    casework._WEEK.freeze()
    try:
        assert_frame_equal(casework.so_theo_doi_tuan(), fresh)
    finally:
        casework._WEEK.reset(state)
    assert fresh["ngay_nhan"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").all()
