"""Retrieval quality on the committed question set: recall@k and MRR (bench and tests)."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from aiwork.lookup.corpus import CORPUS_DIR
from aiwork.lookup.retriever import Retriever

QUESTIONS_PATH = CORPUS_DIR / "questions.yaml"


@dataclass(frozen=True)
class Question:
    text: str
    ids: tuple[str, ...]


@dataclass
class Evaluation:
    k: int
    ranks: list[int | None]  # rank of the first relevant passage, or None
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(r is not None for r in self.ranks) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1.0 / r for r in self.ranks if r) / len(self.ranks)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0


def load_questions(path: Path = QUESTIONS_PATH) -> list[Question]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [Question(q["q"], tuple(q["ids"])) for q in data["questions"]]


def evaluate(retriever: Retriever, questions: list[Question], k: int = 5) -> Evaluation:
    result = Evaluation(k=k, ranks=[])
    for q in questions:
        t0 = time.perf_counter()
        hits = retriever.search(q.text, k)
        result.latencies_ms.append((time.perf_counter() - t0) * 1000)
        got = [h.passage.id for h in hits]
        rank = next((n for n, pid in enumerate(got, start=1) if pid in q.ids), None)
        result.ranks.append(rank)
        if rank is None:
            result.misses.append((q.text, got))
    return result
