"""Browser tests: their hubs run from the course environment the README's steps installed."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def hub_env(deployment) -> dict:
    return {"python": deployment.python, "course_root": deployment.course_root}
