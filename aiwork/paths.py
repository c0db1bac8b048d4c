"""Where things live: the repository root, the course, the nbgrader course root, data."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def repo_root() -> Path:
    """The checkout the toolkit runs from (AIWORK_ROOT overrides, e.g. in a hub image)."""
    env = os.environ.get("AIWORK_ROOT")
    if env:
        return Path(env).resolve()
    return PACKAGE_DIR.parent


def course_dir() -> Path:
    return repo_root() / "course"


def assignments_dir() -> Path:
    return repo_root() / "assignments"


def exchange_dir() -> Path:
    """The nbgrader exchange: AIWORK_EXCHANGE (a shared folder on a hub), else a private one."""
    env = os.environ.get("AIWORK_EXCHANGE")
    if env:
        return Path(env)
    return Path.home() / ".local" / "share" / "nbgrader" / "exchange"
