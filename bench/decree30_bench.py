"""Decree 30 builder and checker speed (issue 4 sets no speed target; figures for trainers who
check a whole class's documents with ``aiwork check-docx``).

Prints: build time per sample document, check time per sample document, and check time for a
long report (60 paragraphs and 5 tables), median of several runs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiwork.decree30 import build, check_docx
from aiwork.decree30.builder import Table
from aiwork.decree30.samples import SAMPLES

RUNS = 5


def _median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        build_ms = []
        for key, make in SAMPLES.items():
            paths[key] = Path(tmp) / f"{key}.docx"
            build_ms.append(_median_ms(lambda m=make, p=paths[key]: build(m()).save(str(p))))
        check_ms = [_median_ms(lambda p=p: check_docx(p)) for p in paths.values()]
        long_doc = SAMPLES["bao_cao"]()
        for i in range(5):
            long_doc.body += [
                f"Đoạn nội dung số {j} của phần {i}, trình bày số liệu và nhận xét."
                for j in range(12)
            ]
            long_doc.body.append(
                Table([["Chỉ tiêu", "Kết quả"]] + [[f"Chỉ tiêu {k}", k * 10] for k in range(15)])
            )
        long_path = Path(tmp) / "long.docx"
        build(long_doc).save(str(long_path))
        long_ms = _median_ms(lambda: check_docx(long_path))
        violations = sum(len(check_docx(p)) for p in paths.values())
    print(
        f"samples: {len(SAMPLES)} document types, violations found in builder output: {violations} (expected 0)"
    )
    print(f"build, median per document: {statistics.median(build_ms):.0f} ms")
    print(
        f"check, median per document: {statistics.median(check_ms):.0f} ms  (no target set in issue 4)"
    )
    print(f"check, long report (60 paragraphs, 5 tables): {long_ms:.0f} ms")
    print(
        f"=> a class of 40 documents checks in about {40 * statistics.median(check_ms) / 1000:.1f} s on this machine"
    )


if __name__ == "__main__":
    main()
