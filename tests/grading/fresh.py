"""Run a probe in a fresh interpreter (audit hooks and imports cannot be undone in this one)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_json(script: str, env: dict[str, str] | None = None) -> object:
    """The JSON the script prints last on stdout; it runs from the repository root with the
    repository on its path (``env``, when given, replaces the rest of the environment)."""
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**(os.environ if env is None else env), "PYTHONPATH": str(REPO)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])
