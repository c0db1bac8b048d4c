"""Hub and gateway tests: make deploy/ (the hub helpers) and this folder importable."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
for path in (HERE, REPO / "deploy"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
