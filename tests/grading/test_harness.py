"""The harness's rules, in-process (no sandbox): what a test cell may read, what is put back."""

from __future__ import annotations

import builtins
import os
import signal
import sys
import types

import pytest

import graders
import graders.core
from aiwork.grading.harness import Snapshot, TamperingError


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    roots = [
        sys.prefix,
        sys.base_prefix,
        *graders.__path__,
        os.path.dirname(os.path.dirname(os.path.abspath(types.__file__))),
    ]
    return Snapshot.capture(roots, signal.getsignal(signal.SIGALRM))


def learner(source: str) -> dict:
    """Run ``source`` as a learner cell would be (its code lives in no installed file)."""
    ns: dict = {}
    exec(compile(source, "<ipython-input-1>", "exec"), ns)
    return ns


@pytest.mark.parametrize("value", ["B", 3, 2.5, None, [1, "a", (2, 3)], {"k": {1, 2}}, b"x"])
def test_plain_answers_are_accepted(snap, value):
    assert snap.untrusted(value, [1000]) is None


@pytest.mark.parametrize(
    "source",
    [
        "class S(str):\n    def __eq__(self, o): return True\nv = S('C')",
        "class F:\n    __class__ = property(lambda s: str)\nv = F()",
        "v = lambda: True",
        "import types\nv = types.ModuleType('graders.core')",
        "class S(str):\n    __module__ = 'builtins'\n    __eq__ = object.__ne__\nv = [S('x')]",
    ],
)
def test_learner_made_objects_are_refused(snap, source):
    value = learner(source)["v"]
    assert snap.untrusted(value, [1000]) is not None


def test_installed_code_is_trusted(snap):
    assert snap.untrusted(graders.core.assert_passed, [1000]) is None
    assert snap.untrusted(graders.core.Result(), [1000]) is None
    assert snap.untrusted(os, [1000]) is None


def test_check_inputs_names_the_variable(snap):
    ns = learner("class Y(str):\n    def __eq__(self, o): return True\ndap_an = Y('C')")
    body, last = snap.compile_test("assert dap_an == 'B'", "<test>")
    with pytest.raises(TamperingError, match="dap_an"):
        snap.check_inputs((body, last), ns)
    # a name the test cell assigns itself before reading it is not the learner's
    body, last = snap.compile_test("dap_an = 'B'\nassert dap_an == 'B'", "<test>")
    snap.check_inputs((body, last), ns)


def test_restore_undoes_patches(snap):
    shell = types.SimpleNamespace(user_ns={})
    original_len, original_code = builtins.len, graders.core.assert_passed.__code__
    original_passed = graders.core.Result.__dict__["passed"]
    try:
        builtins.len = lambda obj: 99
        graders.core.assert_passed.__code__ = (lambda result: None).__code__
        graders.core.Result.passed = property(lambda self: True)
        found = snap.restore(shell)
    finally:
        builtins.len = original_len
    assert builtins.len is original_len
    assert graders.core.assert_passed.__code__ is original_code
    assert graders.core.Result.__dict__["passed"] is original_passed
    assert {"builtins.len", "graders.core.assert_passed", "Result.passed"} <= set(found)
