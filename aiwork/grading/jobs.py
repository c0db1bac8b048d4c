"""What travels between the engine and the executors (local threads or Dask workers)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExecJob:
    """One notebook to execute. ``cells`` are the non-empty code cells in notebook order:
    ``{"index": notebook cell index, "kind": "code"|"test", "source": str}``; a test cell's
    source is sent to the sandbox only when the sandbox reaches it."""

    key: str
    dirname: str
    cells: list[dict]
    files: dict[str, str]  # relative path -> base64 content
    limits: dict
    preload: list[str] = field(default_factory=list)
    learner: str = ""  # the nbgrader student id, given to the notebook as AIWORK_LEARNER_ID


@dataclass
class ExecResult:
    """``status``: ok | timeout | crashed | protocol | error. ``cells`` maps a notebook cell
    index to ``{"outputs": [...], "count": int}``; ``running`` is the cell that was executing
    when a sandbox was stopped or died."""

    key: str
    status: str
    message: str = ""
    cells: dict[int, dict] = field(default_factory=dict)
    running: int | None = None
    isolation: str = ""
    seconds: float = 0.0
