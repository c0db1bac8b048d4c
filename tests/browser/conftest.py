"""Browser tests: the hub helpers in deploy/ are importable."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
if str(REPO / "deploy") not in sys.path:
    sys.path.insert(0, str(REPO / "deploy"))
