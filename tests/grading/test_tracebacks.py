"""The template's traceback speed-ups (``aiwork.grading.tracebacks``) change no output.

A failed test cell's error is what a learner reads in the autograded notebook and feedback:
the shared lexer class must give the very lines stack_data's per-call class gives, and the
lazily formatted stored error must read as IPython's eager one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aiwork.grading import tracebacks

stack_data_core = pytest.importorskip("stack_data.core")

SCRIPT = Path(__file__).with_name("tb_script.py")


def _tracebacks(tmp_path, how: str) -> list:
    """IPython's formatting of the same failures, in a fresh process each time (``executing``
    finds a frame's node only once per code object, so the two ways are compared fresh)."""
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path), how],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(re.sub(r"0x[0-9a-f]+", "0x…", proc.stdout))  # Verbose shows addresses


def test_shared_lexer_class_gives_the_same_highlighted_lines(tmp_path):
    expected = _tracebacks(tmp_path, "stack_data")
    assert len(expected) == 16
    text = "".join("".join(stb) for stb in expected)
    assert "\x1b[30;43m" in text  # the failing expression highlighted: the ranges are used
    assert "Chưa đạt: giá trị phải bằng" in text
    assert _tracebacks(tmp_path, "shared") == expected
    assert _tracebacks(tmp_path, "scoped") == expected


def test_the_shared_function_is_installed_where_stack_data_calls_it(monkeypatch):
    monkeypatch.setattr(stack_data_core, "_pygmented_with_ranges", lambda *a: [])
    assert tracebacks.share_lexer_class()
    assert stack_data_core._pygmented_with_ranges is tracebacks.pygmented_with_ranges


def test_ranges_belong_to_each_lexer_not_to_the_shared_class():
    from pygments.formatters import Terminal256Formatter
    from stack_data import style_with_executing_node
    from stack_data.utils import _pygmented_with_ranges as original

    formatter = Terminal256Formatter(style=style_with_executing_node("monokai", "bg:ansiyellow"))
    code = "a = b + c\n"
    for ranges in ([(4, 9)], [], [(0, 1)], [(4, 9)]):
        assert tracebacks.pygmented_with_ranges(formatter, code, ranges) == original(
            formatter, code, ranges
        )


def test_lazily_stored_error_reads_as_the_eager_one():
    calls = []
    eager = {"ename": "AssertionError", "evalue": "Chưa đạt", "traceback": ["line 1", "line 2"]}
    err = AssertionError("Chưa đạt")

    def fmt():
        calls.append(1)
        return dict(eager, evalue="changed later")

    lazy = tracebacks.LazyStoredException(err, fmt)
    assert lazy["ename"] == "AssertionError" and lazy["evalue"] == "Chưa đạt"
    assert calls == []  # name and message need no formatting
    assert dict(lazy) == eager  # the message as it was when stored
    assert lazy["traceback"] == ["line 1", "line 2"] and len(lazy) == 3
    assert calls == [1]


def test_grading_shell_stores_errors_as_ipython_does():
    """The template's shell: a failing cell's stored error equals IPython's own formatting."""
    code = textwrap.dedent(
        """
        import json, sys
        from IPython.core.interactiveshell import InteractiveShell
        from aiwork.grading import forkserver, runner
        shell = forkserver.make_shell()
        cell = "def f():\\n    raise ValueError('sai số liệu')\\nf()"
        runner.run_code_cell(shell, cell, 5, {})
        error = shell.last_execution_result.error_in_exec
        eager = InteractiveShell._format_exception_for_storage(shell, error)
        runner.run_code_cell(shell, "x = (", 5, {})
        out = {str(k): dict(v) for k, v in shell.history_manager.exceptions.items()}
        print(json.dumps({"stored": out, "eager": eager}), file=sys.__stdout__)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    stored, eager = got["stored"], got["eager"]
    assert stored["1"] == eager
    assert eager["ename"] == "ValueError" and eager["evalue"] == "sai số liệu"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(eager["traceback"]))
    assert "raise ValueError" in plain and "sai số liệu" in plain
    assert stored["2"]["ename"] == "SyntaxError"  # formatted at once, as IPython does


def test_one_module_scan_walks_the_modules_once_per_cell_file(monkeypatch):
    import inspect
    import types

    original = inspect.getmodule
    walks = []

    def counting(obj, _filename=None):
        walks.append(_filename)
        return original(obj, _filename)

    monkeypatch.setattr(inspect, "getmodule", counting)
    namespace: dict = {}
    exec(compile("import sys\nframe = sys._getframe()", "<ipython-input-3-abc>", "exec"), namespace)
    frame = namespace["frame"]
    expected = original(frame)
    walks.clear()
    with tracebacks.one_module_scan():
        assert inspect.getmodule is not counting
        got = [inspect.getmodule(frame) for _ in range(3)]
        assert inspect.getmodule(frame.f_code) is original(frame.f_code)
        assert (
            inspect.getmodule(test_one_module_scan_walks_the_modules_once_per_cell_file)
            is (sys.modules[__name__])
        )
        assert inspect.getmodule(types) is types
    assert got == [expected] * 3 and expected is None
    # the frame's first call went to the function in place, once, with the cell's name (no
    # nested call from getsourcefile); the later ones and its code object's (same file) did
    # not; the function and the module were passed through
    assert walks.count("<ipython-input-3-abc>") == 1
    assert walks.count(None) == 2
    assert inspect.getmodule is counting  # put back after the traceback


def test_shared_formatters_make_one_style_and_formatter_per_highlight():
    import stack_data
    from pygments.formatters import terminal256

    make_style, formatter_class = (
        stack_data.style_with_executing_node,
        terminal256.Terminal256Formatter,
    )
    with tracebacks.shared_formatters():
        styles = [stack_data.style_with_executing_node("monokai", "bg:ansiyellow") for _ in "ab"]
        assert styles[0] is styles[1]
        assert styles[0].styles == make_style("monokai", "bg:ansiyellow").styles
        made = [terminal256.Terminal256Formatter(style=styles[0]) for _ in "ab"]
        assert made[0] is made[1] and type(made[0]) is formatter_class
        assert made[0].style_string == formatter_class(style=styles[0]).style_string
        other = terminal256.Terminal256Formatter(style=styles[0], linenos=True)
        assert other is not made[0] and other.linenos  # other options: a formatter of its own
        assert (
            terminal256.Terminal256Formatter(style=make_style("monokai", "bg:ansired"))
            is not made[0]
        )
    assert stack_data.style_with_executing_node is make_style
    assert terminal256.Terminal256Formatter is formatter_class
