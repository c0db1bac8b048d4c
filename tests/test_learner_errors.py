"""Learners' errors in Vietnamese (aiwork.learner_errors), in a real kernel set up as the course
sets it up, and never while grading."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from aiwork.learner_errors import EXTENSION, explain, kernel_config_path, write_kernel_config

VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")

# (the mistake, words the one sentence must contain)
MISTAKES = [
    ("loi_nhac = “Viết công văn gửi các xã”", ["nháy cong", 'dấu nháy thẳng "']),
    ('loi_nhac = """\nBạn là chuyên viên.\nViết công văn.\n', ['ba dấu nháy """', "dòng 1"]),
    ('cau_2 = "B\n', ['dấu nháy "', "dòng 1"]),
    ('kiem_tra("cau_1")', ["`kiem_tra`", "ô đầu tiên", "Shift + Enter"]),
    ("hoi('Xin chào')", ["`hoi`", "ô đầu tiên"]),
    ("print(loi_nhac_1)", ["`loi_nhac_1`", "ô trả lời", "loi_nhac_1 = ..."]),
    (
        'import pandas as pd\ndv = pd.DataFrame({"ho_so_tiep_nhan": [1], "thang": ["01"]})\n'
        'dv["ho_so_tiep_nhân"].sum()',
        ["không có cột", "`ho_so_tiep_nhan`", "Các cột hiện có"],
    ),
    ('thong_tin = {\n    "loai": "công văn"\n    "so": 18,\n}', ["Thiếu dấu phẩy", "dòng 2"]),
    ("cau_sai_3 = [2 4 6]", ["Thiếu dấu phẩy"]),
    ('so_sai = ["198.272", "95%"', ["ngoặc [", "dòng 1", "]"]),
    # labelled lines typed without the opening """ (module 2): the fix is at "cong_van =", not
    # at the end of the cell
    (
        'cong_van =\nLoại văn bản: Công văn\nSố, ký hiệu: 18/UBND-VP\n"""',
        ['thiếu ba dấu nháy """ mở đầu', "ngay sau dấu = ở dòng 1"],
    ),
]


def _compile_error(source: str) -> SyntaxError:
    try:
        compile(source, "<cell>", "exec")
    except SyntaxError as exc:
        return exc
    raise AssertionError("no syntax error")


@pytest.mark.parametrize(
    "source, words",
    [m for m in MISTAKES if m[0].startswith(("loi_nhac =", "cau_", "thong", "ch", "so", "cong"))],
)
def test_syntax_mistakes_get_one_vietnamese_sentence(source: str, words: list[str]):
    exc = _compile_error(source)
    sentence = explain(type(exc), exc, None, {}, source)
    assert "\n" not in sentence and VIETNAMESE.search(sentence)
    for w in words:
        assert w in sentence, (w, sentence)


def test_name_error_suggests_a_near_name():
    exc = NameError("name 'loi_nhac_l' is not defined")
    exc.name = "loi_nhac_l"
    sentence = explain(NameError, exc, None, {"loi_nhac_1": "x"})
    assert "`loi_nhac_1`" in sentence and "chính tả" in sentence


def test_course_errors_keep_their_vietnamese_message():
    from aiwork.errors import InputError

    assert explain(InputError, InputError("Tệp danh sách thiếu cột Email.")) == (
        "Tệp danh sách thiếu cột Email."
    )
    msg = "Chưa đạt:\n- Lời nhắc chưa giao vai trò cho trợ lý."
    assert explain(AssertionError, AssertionError(msg)) == msg


def test_config_written_by_setup_loads_the_extension(tmp_path: Path):
    target = tmp_path / "etc" / "ipython" / "ipython_kernel_config.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"InteractiveShellApp": {"extensions": ["other.ext"]}}))
    assert write_kernel_config(str(tmp_path)) == target == kernel_config_path(str(tmp_path))
    write_kernel_config(str(tmp_path))  # twice: still once
    data = json.loads(target.read_text())
    assert data["InteractiveShellApp"]["extensions"] == ["other.ext", EXTENSION]


def _kernel_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A kernel environment whose IPython profile holds exactly the configuration the course's
    set-up writes (so the test does not depend on this machine's own set-up)."""
    prefix = tmp_path / "prefix"
    config = write_kernel_config(str(prefix))
    profile = tmp_path / "ipython" / "profile_default"
    profile.mkdir(parents=True)
    (profile / "ipython_kernel_config.json").write_text(config.read_text())
    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION",)}
    env.update(IPYTHONDIR=str(tmp_path / "ipython"), **extra)
    return env


def _run(sources: list[str], env: dict[str, str]):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True)
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # the kernel inherits the server's environment
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def test_typical_mistakes_in_a_learner_kernel(tmp_path: Path):
    nb = _run([m for m, _ in MISTAKES], _kernel_env(tmp_path))
    for cell, (_, words) in zip(nb.cells, MISTAKES, strict=True):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert len(errors) == 1, cell.source  # the cell still fails: "run all" stops
        shown = "\n".join(errors[0].traceback)
        assert len(errors[0].traceback) == 1 and "Traceback" not in shown, shown
        assert VIETNAMESE.search(shown), shown
        for w in words:
            assert w in shown, (w, shown)
        # the full traceback is one click away, after the sentence
        after = cell.outputs[cell.outputs.index(errors[0]) + 1 :]
        html = [o.data["text/html"] for o in after if "text/html" in o.get("data", {})]
        assert html and "<details" in html[0] and errors[0].ename in html[0]


@pytest.mark.parametrize(
    "switch", [{"NBGRADER_EXECUTION": "autograde"}, {"AIWORK_LEARNER_ERRORS": "0"}]
)
def test_inert_while_grading(tmp_path: Path, switch: dict[str, str]):
    nb = _run(['kiem_tra("cau_1")', "x = “a”"], _kernel_env(tmp_path, **switch))
    tb = "\n".join(nb.cells[0].outputs[0].traceback)
    assert "NameError" in tb and "Chưa có" not in tb and len(nb.cells[0].outputs[0].traceback) > 1
    assert "invalid character" in "\n".join(nb.cells[1].outputs[0].traceback)
