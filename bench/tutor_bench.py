"""Benchmark of the study assistant on the committed learner questions (issues 12 and 22).

For the tuning set (aiwork/data/tutor/questions.yaml) and the held-out set (heldout.yaml,
written after tuning, never tuned on) it prints, beside the targets: recall@3 of retrieval, the
share of answers whose citations are correct (every cited id was given, at least one answers
the question), the share of answers stating the question's key fact - all questions, and those
typed without diacritics (issue 22: >= 22 of 24, i.e. >= 0.92, on the held-out set) - the share
of off-topic questions declined and of answer-seeking questions about graded exercises that got
a hint. Runs offline with the offline assistant.

Measured on issue 22's held-out sets, each once (the first eleven now in the tuning set):
1st 31/37 = 0.838, 2nd 23/33 = 0.697, 3rd 25/33 = 0.758, 4th 35/45 = 0.778, 5th (written
blind by a separate writer, 2026-12-07) 68/120 = 0.567, 6th (written blind by another writer
while the tutor was improved) 69/120 = 0.575, recall@3 0.786, citations 0.651, off-topic
declined 10/12, hints 7/7 (NOT MET: the tuning set rose 0.806 -> 0.843 in the same round;
lexical retrieval does not carry learners' everyday words to the course's). With the sixth set
the tuning set holds 496 keyed questions typed without diacritics: 386 right (0.778) before the
seventh round (433/496 = 0.873 after it). The seventh set (written blind by a third writer
while that round ran, committed before it was measured: b7ba7fa), measured once: 66/120 =
0.550, recall@3 0.881, citations 0.667, off-topic declined 11/12, hints 7/7 (NOT MET: 22 of
its covered questions were declined as not covered). It then joined the tuning set (499/616
= 0.810 with it; 504/616 = 0.818 after a round on the coverage check). The eighth set (written
blind by a fourth writer while the seventh was held out, committed before it was measured:
73ab389), measured once: 59/120 = 0.492, recall@3 0.921, citations 0.690, off-topic declined
12/12 (7/7 near the domain), hints 7/7 (NOT MET: a passage that answers is among the three
found for 92% of the questions, but 27 covered questions are declined and most other misses
quote another sentence). It joined the tuning set after that measurement (563/736 = 0.765
with it; 589/736 = 0.800 after a round on wording, retrieval and sentence choice). The ninth
set (written blind by a fifth writer while that round ran, committed before it was measured:
e816ba1), measured once: 71/120 = 0.592, recall@3 0.905, citations 0.754, off-topic declined
12/12 (7/7 near the domain), hints 5/7 (NOT MET: 17 of its 126 keyed questions declined as not
covered, 12 retrieval misses, about 20 another sentence quoted; the two unhinted questions named
an item by its answer cell's variable, "doan_chon_2a bai m03": fixed after the measurement, in
general, now 7/7). It joined the tuning set after that measurement (660/856 = 0.771 with it;
683/856 = 0.798 after a round on retrieval, defined terms and sentence choice). The tenth set
(written blind by a sixth writer while that round ran, committed before it was measured:
1f0dfc7), measured once: 87/120 = 0.725, recall@3 0.960, citations 0.817, off-topic declined
12/12 (7/7 near the domain), hints 6/7 (NOT MET: of its 33 keyed misses 12 are covered
questions declined, 5 retrieval misses, the rest another sentence quoted; the unhinted question
asked for "câu trả lời mẫu để nộp" of "bài m03" without naming the item: fixed after the
measurement, in general, now 7/7). It joined the tuning set after that measurement
(770/976 = 0.789 with it; 795/976 = 0.815 after a round on coverage, retrieval and sentence
choice). The eleventh set (written blind by a seventh writer while that round ran, committed
before it was measured: 9d410e5), measured once: 75/120 = 0.625, recall@3 0.913, citations
0.722, off-topic declined 11/12 (7/7 near the domain; a far one on fishing bait answered),
hints 5/7 (NOT MET: about 20 covered questions declined, many on procedures; 11 retrieval
misses; the rest another sentence or passage; the two unhinted questions named answer cells
that follow another under one question, "doan_chon_2b", "cau_1c", which the guard had skipped:
fixed after the measurement, in general, 9ace4a9, now 7/7). It joined the tuning set after that
measurement (870/1096 = 0.794 with it; 882/1096 = 0.805 after a round on coverage both ways,
passage and sentence choice, and lessons named by number). The twelfth set (written blind by
an eighth writer while that round ran, committed before it was measured: b6ae4f4), measured
once: 74/120 = 0.617, recall@3 0.897, citations 0.698, off-topic declined 12/12 (7/7 near the
domain), hints 7/7 (NOT MET: 19 covered questions declined, 13 retrieval misses, the rest
another sentence or passage, mostly where the course says it in other words: "nam hay nữ" /
"giới tính", "nước nào" / "quốc tịch"). It is heldout.yaml now.
Without a held-out file only the tuning set is measured. ``--split`` also prints the tuning
set's two random parts (``evaluation.split_part``: ~70% tuned on, ~30% to check a change).

Usage: python bench/tutor_bench.py [--errors] [--split]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("AIWORK_BACKEND", "offline")
os.environ.setdefault("AIWORK_TUTOR_LOG", os.path.join(tempfile.mkdtemp(), "tutor-log.jsonl"))

from aiwork.tutor.evaluation import (
    TARGET_CITATIONS,
    TARGET_PLAIN_RIGHT,
    TARGET_RECALL,
    evaluate_sets,
)


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    results = evaluate_sets(split="--split" in argv)
    elapsed = time.perf_counter() - start
    asked = 0
    for e in results:
        asked += e.n_covered + e.n_off_topic + e.n_graded
        print(
            f"\n== {e.name} set: {e.n_covered} covered questions ({e.n_plain} of the "
            f"{e.n_keyed} with a key fact typed without diacritics), {e.n_off_topic} off-topic, "
            f"{e.n_graded} asking for a graded answer"
        )
        print(f"{'metric':<44}{'measured':>10}{'target':>10}")
        rows = [
            ("recall@3", e.recall_at_k, TARGET_RECALL, ""),
            ("citations correct", e.citations_correct, TARGET_CITATIONS, ""),
            ("answers stating the key fact", e.answers_right, None, f" ({e.n_keyed})"),
            (
                "  typed without diacritics",
                e.plain_right,
                TARGET_PLAIN_RIGHT,
                f" ({round(e.plain_right * e.n_plain)}/{e.n_plain})",
            ),
            ("off-topic declined", e.off_topic_declined, 1.0, f" ({e.n_off_topic})"),
            ("  near the course's domain", e.near_declined, 1.0, f" ({e.n_near})"),
            ("graded-answer requests hinted", e.graded_hinted, 1.0, ""),
        ]
        for label, value, target, extra in rows:
            mark = "" if target is None else ("  MET" if value >= target - 1e-9 else "  NOT MET")
            shown = "" if target is None else f"{target:.2f}"
            print(f"{label + extra:<44}{value:>10.3f}{shown:>10}{mark}")
        if "--errors" in argv:
            for line in e.misses:
                print("  retrieval miss:", line)
            for line in e.bad_citations:
                print("  citation miss:", line)
            for line in e.wrong_answers:
                print("  wrong answer:", line)
            for line in e.not_declined:
                print("  not declined:", line)
            for line in e.not_hinted:
                print("  not hinted:", line)
    print(f"\ntotal time {elapsed:.1f} s ({1000 * elapsed / max(asked, 1):.0f} ms per question)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
