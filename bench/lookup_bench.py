"""Retrieval quality and speed of ``aiwork lookup`` on the committed question set (issue 5).

Usage: python bench/lookup_bench.py [--misses]
Prints recall@5 and MRR for BM25 alone and for the hybrid (BM25 + embeddings from the
configured model; the offline assistant's hashed embeddings by default), and the median query
latency, beside the issue's targets.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiwork.lookup.corpus import load_corpus
from aiwork.lookup.evaluation import evaluate, load_questions
from aiwork.lookup.retriever import Retriever, client_embedder

TARGET_RECALL_AT_5 = 0.9
TARGET_MEDIAN_MS = 5.0


def _row(name: str, ev, build_s: float) -> str:
    ok_r = "ok" if ev.recall >= TARGET_RECALL_AT_5 else "BELOW TARGET"
    ok_t = "ok" if ev.median_ms <= TARGET_MEDIAN_MS else "ABOVE TARGET"
    return (
        f"{name:<8} recall@5 {ev.recall:.3f} (target >= {TARGET_RECALL_AT_5}, {ok_r})  "
        f"MRR {ev.mrr:.3f}  median query {ev.median_ms:.2f} ms "
        f"(target <= {TARGET_MEDIAN_MS} ms, {ok_t})  build {build_s:.2f} s"
    )


def main(argv: list[str]) -> int:
    passages = load_corpus()
    questions = load_questions()
    print(f"Corpus: {len(passages)} passages; question set: {len(questions)} questions")

    t0 = time.perf_counter()
    bm25 = Retriever(passages)
    build = time.perf_counter() - t0
    evaluate(bm25, questions)  # warm-up: first calls pay numpy/bm25s one-off costs
    ev = evaluate(bm25, questions)
    print(_row("BM25", ev, build))
    shown = [("BM25", ev)]

    try:
        t0 = time.perf_counter()
        hybrid = Retriever(passages, embedder=client_embedder())
        hybrid.search("khởi tạo", 1)  # embeds the corpus once
        build = time.perf_counter() - t0
        hev = evaluate(hybrid, questions)
        print(_row("hybrid", hev, build) + "  (query latency includes the embeddings call)")
        shown.append(("hybrid", hev))
    except Exception as exc:  # the hybrid needs an embeddings endpoint; report, don't fail  # noqa: BLE001
        print(f"hybrid   unavailable: {exc.__class__.__name__}: {exc}")

    if "--misses" in argv:
        for name, e in shown:
            for text, got in e.misses:
                print(f"[{name}] miss: {text} -> {got}")
    return 0 if ev.recall >= TARGET_RECALL_AT_5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
