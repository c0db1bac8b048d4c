"""Benchmark of the study assistant on the committed learner questions (issue 12).

Prints recall@3 of retrieval, the share of answers whose citations are correct (every cited
id was given, at least one answers the question) and the share of off-topic questions declined,
beside the issue's targets (≥ 0.9 and ≥ 0.95). Runs offline with the offline assistant.
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("AIWORK_BACKEND", "offline")
os.environ.setdefault("AIWORK_TUTOR_LOG", os.path.join(tempfile.mkdtemp(), "tutor-log.jsonl"))

from aiwork.tutor.evaluation import TARGET_CITATIONS, TARGET_RECALL, evaluate


def main() -> int:
    start = time.perf_counter()
    e = evaluate()
    elapsed = time.perf_counter() - start
    print(f"questions: {e.n_covered} covered by the course, {e.n_off_topic} off-topic")
    print(f"{'metric':<28}{'measured':>10}{'target':>10}")
    print(f"{'recall@3':<28}{e.recall_at_k:>10.3f}{TARGET_RECALL:>10.2f}")
    print(f"{'citations correct':<28}{e.citations_correct:>10.3f}{TARGET_CITATIONS:>10.2f}")
    print(f"{'off-topic declined':<28}{e.off_topic_declined:>10.3f}{1.0:>10.2f}")
    print(
        f"total time {elapsed:.1f} s ({1000 * elapsed / (e.n_covered + e.n_off_topic):.0f} ms per question)"
    )
    for line in e.misses:
        print("  retrieval miss:", line)
    for line in e.bad_citations:
        print("  citation miss:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
