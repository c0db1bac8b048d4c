"""The committed question set and the retrieval quality it measures (issue 5 targets)."""

from __future__ import annotations

from aiwork.lookup.corpus import by_id
from aiwork.lookup.evaluation import evaluate, load_questions
from aiwork.lookup.retriever import Retriever


def test_question_set_is_large_enough_and_cites_real_passages():
    questions = load_questions()
    assert len(questions) >= 40
    ids = by_id()
    for q in questions:
        assert q.ids and all(i in ids for i in q.ids), q.text
    # it covers every source, not only the easy procedures
    assert {ids[i].doc for q in questions for i in q.ids} >= {
        "nd30",
        "luat91",
        "cv557",
        "kh01",
        "bdhvs-tinh",
        "tthc",
    }


def test_bm25_meets_the_recall_target():
    ev = evaluate(Retriever(), load_questions(), k=5)
    assert ev.recall >= 0.9, ev.misses
    assert ev.mrr >= 0.8
