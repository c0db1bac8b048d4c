"""Suite-wide settings: everything runs offline, against the offline assistant."""

from __future__ import annotations

import os
import shutil
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


def deployment_missing() -> list[str]:
    """What the README-driven deployment needs that this machine lacks (empty: it can run)."""
    if os.name != "posix" or os.geteuid() != 0:
        return ["root (the install step creates groups; the hub creates accounts)"]
    missing = []
    for tool in ("setpriv", "git", "npm", "apt-get", "useradd"):
        if shutil.which(tool) is None:
            missing.append(tool)
    return missing


@pytest.fixture(scope="session")
def deployment():
    """deploy/README.md's one-server steps, followed literally in a fresh temporary layout:
    new venv, wheel built and installed, host prerequisites, `aiwork hub install`. Shared by
    the hub, browser and packaging tests (one environment per run). Skipped with the reason
    where the host prerequisites are missing (a failure in CI, which installs them)."""
    from aiwork.hub.local import skip_reason_or_fail

    reason = skip_reason_or_fail(deployment_missing(), "README-driven deployment")
    if reason:
        pytest.skip(reason)
    import readme_deploy

    reuse = os.environ.get("AIWORK_REUSE_DEPLOYMENT")  # developers only: a kept layout
    if reuse:
        dep = readme_deploy.Deployment(root=Path(reuse), log=Path(reuse) / "readme-commands.log")
        dep.env = readme_deploy.command_env(dep)
    else:
        dep = readme_deploy.deploy()
    yield dep
    dep.stop_unit()
    if os.environ.get("AIWORK_KEEP_HUB") or reuse:
        print(f"README deployment kept in {dep.root}", file=sys.stderr)
    else:
        shutil.rmtree(dep.root, ignore_errors=True)
