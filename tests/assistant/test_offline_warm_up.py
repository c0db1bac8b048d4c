"""The grading template's warm-ups (``AiworkGrade.warm_up``) leave nothing behind.

``aiwork grade`` calls them once in its template process before forking a process per
notebook: they must start no thread and no server (the template forks), set no environment
variable, and leave the request log that graders read (``requests_log()``) empty.
"""

from __future__ import annotations

import os
import threading

from aiwork import casework, memo
from aiwork.assistant import offline, requests_log
from aiwork.decree30 import checked


def _state():
    env = {k: os.environ.get(k) for k in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "NO_PROXY")}
    return env, threading.active_count(), offline._server


def test_assistant_warm_up_leaves_no_server_thread_or_log(monkeypatch):
    monkeypatch.setenv("AIWORK_BACKEND", "offline")
    before = _state()
    offline.warm_up()
    casework.warm_up()
    assert _state() == before
    assert requests_log() == []


def test_document_warm_up_makes_no_memo_entry():
    def entries():
        return {m.name: (len(m._local), len(m.state())) for m in memo.memos()}

    before = entries()
    checked.warm_up()
    assert entries() == before
    assert threading.active_count() == _state()[1]


def test_module_3_warm_up_builds_the_answering_model_and_leaves_no_log(monkeypatch):
    from aiwork.lookup import answering
    from aiwork.lookup.retriever import default_retriever
    from graders import m03_tra_cuu

    monkeypatch.setenv("AIWORK_BACKEND", "offline")
    default_retriever()  # its own warm-up, listed before this one (bm25s starts tqdm's monitor)
    answering._course_model.cache_clear()
    before = _state()
    m03_tra_cuu.warm_up()
    assert _state() == before
    assert requests_log() == []
    assert answering._course_model.cache_info().currsize == 1  # what a first answer builds


def test_failed_check_warm_up_formats_one_traceback_through_the_shell(monkeypatch):
    import sys

    import IPython

    from graders import core

    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    core.warm_up()  # no shell (a learner's kernel has one, but nothing calls this there)

    class Shell:
        shown: list = []

        def showtraceback(self):
            self.shown.append(sys.exc_info())

    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
    core.warm_up()
    [(etype, value, tb)] = Shell.shown
    assert etype is AssertionError and str(value).startswith("Chưa đạt")
    files = []
    while tb is not None:
        files.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    assert files[-1] == core.__file__  # raised by assert_passed, as a failed test cell's is
