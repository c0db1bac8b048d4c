"""Decree 30 checker: right answers on the labelled documents, and speed.

Prints, beside the targets of issues 22 and 20:
- the labelled rule-line documents (tests/decree30/line_variants.py): tuning and held-out sets,
  compliant documents with no finding (target: all, 0 false alarms) and documents without a
  rule flagged (target: all);
- build and check time per sample document, a long report (60 paragraphs, 5 tables), and a
  50,000-paragraph report (target: <= 10 s).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import copy  # noqa: E402

from decree30 import line_variants  # noqa: E402

from aiwork.decree30 import build, check_docx  # noqa: E402
from aiwork.decree30.builder import Table  # noqa: E402
from aiwork.decree30.samples import SAMPLES  # noqa: E402

RUNS = 5
HUGE_PARAGRAPHS = 50_000
TARGET_HUGE_S = 10.0


def labelled(title: str, cases, folder: Path) -> None:
    compliant = [c for c in cases if not c.expected]
    broken = [c for c in cases if c.expected]
    right_compliant = false_alarms = flagged = 0
    for case in cases:
        rules = {v.rule for v in check_docx(line_variants.make(case, folder))}
        if case.expected:
            flagged += case.expected <= rules
        else:
            right_compliant += not rules
            false_alarms += bool(rules)
    right = right_compliant + flagged
    print(
        f"{title:<9} {len(cases):>4} documents: {right}/{len(cases)} right "
        f"(target {len(cases)}/{len(cases)}); compliant without finding "
        f"{right_compliant}/{len(compliant)}, false alarms {false_alarms} (target 0); "
        f"missing rule flagged {flagged}/{len(broken)}"
    )


def huge_report(folder: Path) -> float:
    """A BÁO CÁO whose body is repeated to HUGE_PARAGRAPHS paragraphs; seconds to check it."""
    doc = build(SAMPLES["bao_cao"]())
    body = doc.element.body
    model = next(p for p in body.iterchildren() if p.tag.endswith("}p") and len(p) > 1)
    for _ in range(HUGE_PARAGRAPHS):
        model.addnext(copy.deepcopy(model))
    path = folder / "huge.docx"
    doc.save(str(path))
    t0 = time.perf_counter()
    check_docx(path)
    return time.perf_counter() - t0


def _median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        labelled("tuning", line_variants.TUNING, Path(tmp))
        labelled("held-out", line_variants.HELD_OUT, Path(tmp))
        huge_s = huge_report(Path(tmp))
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
        f"check, {HUGE_PARAGRAPHS:,}-paragraph report: {huge_s:.1f} s (target <= {TARGET_HUGE_S:g} s)"
    )
    print(
        f"=> a class of 40 documents checks in about {40 * statistics.median(check_ms) / 1000:.1f} s on this machine"
    )


if __name__ == "__main__":
    main()
