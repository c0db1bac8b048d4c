"""Suite-wide settings: everything runs offline, against the offline assistant."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Tests and grading never need a key or a network: force the offline assistant, and drop
# anything from the developer's shell that would point the SDK elsewhere.
for _var in (
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
    "AIWORK_BASE_URL",
    "AIWORK_MODEL",
):
    os.environ.pop(_var, None)
os.environ["AIWORK_BACKEND"] = "offline"
# Tools that nbgrader and Jupyter run by name (alembic, jupyter-*) live beside this Python.
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
