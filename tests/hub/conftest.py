"""Hub and gateway tests: this folder's helpers are importable; every test hub runs from the
course environment deploy/README.md's steps installed (tests/conftest.py: ``deployment``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture(scope="session")
def hub_env(deployment) -> dict:
    """LocalHub arguments: the installed environment and the course directory."""
    return {"python": deployment.python, "course_root": deployment.course_root}
