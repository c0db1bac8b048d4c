"""Caches graders consult (``aiwork.memo``): frozen in the template, reset before test cells.

A learner who alters a cached object (module 4's expected figures) or plants an entry must
not change a grade; the template's frozen entries are the work shared by every sandbox.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import types

import pytest

import graders
from aiwork import memo as memo_module
from aiwork.grading.harness import Snapshot
from aiwork.memo import Memo

from .conftest import grade_real_assignment


def test_memo_computes_once_and_keeps_a_bounded_number_of_entries():
    calls: list[int] = []
    m = Memo("test.bounded", size=2)
    assert m.get("a", lambda: calls.append(1) or {"v": 1}) == {"v": 1}
    assert m.get("a", lambda: calls.append(1) or {"v": 2}) == {"v": 1}
    m.get("b", lambda: 2)
    m.get("c", lambda: 3)  # "a" is dropped: the oldest
    assert m.get("a", lambda: "again") == "again"
    assert calls == [1]


def test_a_none_result_is_not_kept():
    m = Memo("test.none")
    assert m.get("k", lambda: None) is None
    assert m.get("k", lambda: 5) == 5


def test_frozen_entries_are_copies_and_reset_drops_everything_else():
    m = Memo("test.frozen")
    m.get("expected", lambda: {"total": 198722})
    m.freeze()
    frozen = m.state()
    assert isinstance(frozen["expected"], bytes)
    first = m.get("expected", lambda: pytest.fail("recomputed a frozen entry"))
    first["total"] = 1  # what a learner cell could do to the object it was given
    m.get("planted", lambda: "learner")
    m.reset(frozen)
    assert m.get("expected", lambda: None) == {"total": 198722}
    assert m.get("planted", lambda: "computed again") == "computed again"


@pytest.fixture()
def frozen_memo():
    m = Memo("test.harness")
    m.get("figures", lambda: {"ho_so_tiep_nhan": 198722})
    m.freeze()
    roots = [
        sys.prefix,
        sys.base_prefix,
        *graders.__path__,
        os.path.dirname(os.path.dirname(os.path.abspath(types.__file__))),
    ]
    snap = Snapshot.capture(roots, signal.getsignal(signal.SIGALRM))
    yield m, snap
    memo_module._ALL.remove(m)


def test_harness_restores_memos_whatever_learner_code_did(frozen_memo):
    m, snap = frozen_memo
    m.get("figures", lambda: None)["ho_so_tiep_nhan"] = 12345  # alter the live copy
    m.get("planted", lambda: "fake")  # plant an entry
    object.__setattr__(m, "_frozen", {"figures": pickle.dumps({"ho_so_tiep_nhan": 12345})})
    m.reset = lambda frozen: None  # and disable the memo's own reset
    snap.restore(types.SimpleNamespace(user_ns={}))
    assert m.get("figures", lambda: None) == {"ho_so_tiep_nhan": 198722}
    assert m.get("planted", lambda: "recomputed") == "recomputed"


@pytest.mark.slow
@pytest.mark.xdist_group("grading")
def test_a_poisoned_grader_cache_changes_no_grade_under_aiwork_grade(tmp_path):
    """Module 4's key figures are frozen in the template; a learner cell that edits them so
    that one figure counts four times still scores 0 on that test cell, and the honest one
    full marks."""
    poison = {
        "cau_2": (
            "import graders.m04_bao_cao as g\n"
            'g.expected()["key_figures"][:] = [("tổng", 198722, "number")] * 8\n'
            'loi_nhac_2 = """Bạn là chuyên viên tổng hợp. Nhiệm vụ: viết đoạn văn báo cáo.\n'
            "<so_lieu>\n- Tổng số hồ sơ tiếp nhận: 198.722\n</so_lieu>\n"
            'Chỉ dùng số liệu đã cho, không bịa thêm số liệu."""\n'
        )
    }
    scores = grade_real_assignment(tmp_path, "m04-bao-cao", {"honest": {}, "poison": poison})
    assert scores["poison"]["test_cau_2_so_lieu"] == 0
    assert scores["poison"]["test_cau_2_cau_truc"] == 1  # the structure is right
    assert scores["honest"]["test_cau_2_so_lieu"] == 2
    assert sum(scores["honest"].values()) == 15


def test_every_cache_graders_consult_is_a_memo():
    import graders.m02_soan_thao
    import graders.m03_tra_cuu
    import graders.m04_bao_cao
    import graders.m05_an_toan
    import graders.m06_tinh_huong  # noqa: F401

    names = {m.name for m in memo_module.memos()}
    assert {
        "lookup.corpus",
        "lookup.retriever",
        "casework.cases",
        "privacy.line_index",
        "graders.m04_bao_cao",
        "reporting.figcheck.checkers",
        "decree30.checked",
        "reporting.report.documents",
    } <= names


def test_answer_keys_and_passages_come_back_after_a_reset():
    """Module 6's cases and module 3's passages: altered by a learner, then reset."""
    from aiwork import casework
    from aiwork.lookup import corpus

    first_id = next(iter(corpus.by_id()))
    text = corpus.by_id()[first_id].text
    petition = casework._data()["cases"][0]["don"]
    for memo in (casework._DATA, corpus._CORPUS):
        memo.freeze()
    frozen = {memo: memo.state() for memo in (casework._DATA, corpus._CORPUS)}
    casework._data()["cases"][0]["don"] = "đã bị sửa"
    object.__setattr__(corpus.by_id()[first_id], "text", "đã bị sửa")
    for memo, state in frozen.items():
        memo.reset(state)
    assert casework._data()["cases"][0]["don"] == petition
    assert corpus.by_id()[first_id].text == text
