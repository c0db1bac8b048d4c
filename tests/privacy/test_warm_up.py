"""The detector's warm-up (run in ``aiwork grade``'s template) leaves the first detection of a
notebook nothing to analyse, and keeps nothing it found."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def test_warm_up_analyses_every_pattern_and_keeps_no_finding():
    code = textwrap.dedent(
        """
        import json, sys
        from aiwork.privacy import anchors, detector, redact
        detector.warm_up()
        warmed = len(anchors._CACHE)
        live = len(detector._LINE_INDEXES._local)
        texts = [
            "Bà Lê Thị Cúc, sinh ngày 01/02/1975, CCCD 079175001234, điện thoại 0903 111 222, "
            "thư điện tử cuc.le@example.org, số 5 đường Hai Bà Trưng, biển số 30A-999.99.",
            "Ba Le Thi Cuc, sdt 0903111222, so nha 5 duong Hai Ba Trung",
            "Anh Pham Van D goi 0911222333\\nChị Hoàng Thị E, số điện thoại 0988 777 666",
            "| Họ và tên | CCCD |\\n| Đỗ Văn F | 001090000111 |",
        ]
        for t in texts:
            redact(t)
        print(json.dumps([warmed, live, len(anchors._CACHE)]), file=sys.__stdout__)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    warmed, live, after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert warmed > 0 and live == 0
    assert after == warmed  # nothing left to analyse in a notebook's first detections
