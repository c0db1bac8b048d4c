"""Precision and recall of the privacy detector on the committed labelled set (issue 7).

Usage: python bench/privacy_bench.py [--errors]
Prints per-kind figures (strict: same kind and offsets; "recall~" counts a gold span as found
when a finding of its kind overlaps it) beside the issue's targets, and the detector's speed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiwork.privacy import dataset  # noqa: E402
from aiwork.privacy.detector import detect  # noqa: E402

TARGET_RECALL = 0.98
TARGET_PRECISION = 0.95


def main(argv: list[str]) -> int:
    docs = dataset.load()
    t0 = time.perf_counter()
    pairs = [(d.id, d.spans, detect(d.text)) for d in docs]
    elapsed = time.perf_counter() - t0
    result = dataset.score(pairs)
    chars = sum(len(d.text) for d in docs)
    print(f"Labelled set: {len(docs)} documents, {chars} characters, "
          f"{result.overall.gold} gold spans")
    print(f"{'kind':<10} {'gold':>5} {'found':>6} {'correct':>8} {'precision':>10} "
          f"{'recall':>7} {'recall~':>8}")
    for kind in sorted(result.per_kind):
        s = result.per_kind[kind]
        print(f"{kind:<10} {s.gold:>5} {s.found:>6} {s.correct:>8} {s.precision:>10.3f} "
              f"{s.recall:>7.3f} {s.recall_overlap:>8.3f}")
    o = result.overall
    print(f"{'OVERALL':<10} {o.gold:>5} {o.found:>6} {o.correct:>8} {o.precision:>10.3f} "
          f"{o.recall:>7.3f} {o.recall_overlap:>8.3f}")
    print(f"targets: recall >= {TARGET_RECALL}, precision >= {TARGET_PRECISION} -> "
          f"recall {'MET' if o.recall >= TARGET_RECALL else 'NOT MET'}, "
          f"precision {'MET' if o.precision >= TARGET_PRECISION else 'NOT MET'}")
    print(f"speed: {chars / elapsed / 1000:.0f} k characters/s ({elapsed * 1000:.1f} ms for the set)")
    if "--errors" in argv:
        for doc_id, g in result.misses:
            print(f"MISS   {doc_id}: {g.kind} {g.text!r}")
        for doc_id, f in result.false_alarms:
            print(f"FALSE  {doc_id}: {f.kind} {f.text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
