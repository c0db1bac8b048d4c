"""environment.yml and pyproject.toml name the same packages with the same version ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# conda-forge names that differ from PyPI's
CONDA_TO_PYPI: dict[str, str] = {}


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_matches_pyproject():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = dict(_split(r) for r in pyproject["project"]["dependencies"])
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    got: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for req in dep.get("pip", []):
                if not req.startswith("-"):
                    name, spec = _split(req)
                    got[name] = spec
        else:
            name, spec = _split(dep)
            if name not in ("python", "pip"):
                got[CONDA_TO_PYPI.get(name, name)] = spec
    assert got == wanted


def test_python_version_agrees():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    env = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert pyproject["project"]["requires-python"] == ">=3.11"
    assert "python>=3.11" in env
