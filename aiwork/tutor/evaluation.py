"""Evaluate the tutor on the committed learner questions (used by the benchmark and tests)."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from aiwork.tutor.knowledge import TUTOR_DATA
from aiwork.tutor.tutor import Tutor

QUESTIONS_PATH = TUTOR_DATA / "questions.yaml"
TARGET_RECALL = 0.9
TARGET_CITATIONS = 0.95


@dataclass
class Evaluation:
    recall_at_k: float
    citations_correct: float
    off_topic_declined: float
    n_covered: int
    n_off_topic: int
    misses: list[str] = field(default_factory=list)
    bad_citations: list[str] = field(default_factory=list)


def load_questions() -> list[dict]:
    return yaml.safe_load(QUESTIONS_PATH.read_text(encoding="utf-8"))["questions"]


def evaluate(tutor: Tutor | None = None) -> Evaluation:
    tutor = tutor or Tutor()
    questions = load_questions()
    covered = [q for q in questions if q.get("covered", True)]
    off_topic = [q for q in questions if not q.get("covered", True)]
    hits = cited_ok = declined = 0
    misses: list[str] = []
    bad: list[str] = []
    for q in covered:
        tutor.history.clear()  # each question starts a new conversation
        gold = set(q["ids"])
        found = [h.passage.id for h in tutor.search(q["q"])]
        if gold & set(found):
            hits += 1
        else:
            misses.append(f"{q['q']} -> {found}")
        answer = tutor.ask(q["q"])
        given = {p.id for p in answer.passages}
        ids = {c.id for c in answer.citations}
        if answer.kind == "answer" and ids and ids <= given and ids & gold:
            cited_ok += 1
        else:
            bad.append(f"{q['q']} -> {answer.kind} {sorted(ids)}")
    for q in off_topic:
        tutor.history.clear()
        if tutor.ask(q["q"]).kind == "not_covered":
            declined += 1
    return Evaluation(
        recall_at_k=hits / len(covered),
        citations_correct=cited_ok / len(covered),
        off_topic_declined=declined / len(off_topic) if off_topic else 1.0,
        n_covered=len(covered),
        n_off_topic=len(off_topic),
        misses=misses,
        bad_citations=bad,
    )
