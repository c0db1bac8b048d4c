"""What travels between the engine and the executors (local threads or Dask workers).

One job is one submission: its notebooks run one after the other in one sandbox, in the same
working directory, as stock nbgrader runs them in ``autograded/<student>/<assignment>`` (a
later notebook reads the files an earlier one wrote; what they write ends up in autograded/).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExecJob:
    """One submission to execute.

    ``notebooks``: in grading order, ``{"name": str, "file": base64 of the submitted .ipynb,
    "cells": [...]}`` where cells are the non-empty code cells in notebook order:
    ``{"index": notebook cell index, "kind": "code"|"test", "locked": bool, "source": str}``.
    A test cell's source is sent to the sandbox only when the sandbox reaches it; ``locked``
    marks the exercise's own (read-only) cells. ``files``: the other files of the working
    directory (relative path -> base64), as nbgrader copies them before running.
    """

    key: str
    workdir: str  # where stock nbgrader runs it: <course>/autograded/<student>/<assignment>
    notebooks: list[dict]
    files: dict[str, str]
    limits: dict


@dataclass
class NotebookRun:
    """``status``: ok | timeout (a cell did not stop when interrupted) | crashed | protocol |
    error. ``cells`` maps a notebook cell index to ``{"outputs": [...], "count": int}``."""

    status: str = "crashed"
    message: str = ""
    cells: dict[int, dict] = field(default_factory=dict)
    running: int | None = None


@dataclass
class ExecResult:
    """The submission's notebooks that ran (in order; the first that is not ``ok`` is the
    last), and the working directory's files afterwards: ``files`` holds those new or changed
    (relative path -> base64), ``removed`` those given to the sandbox and deleted by it.
    ``status`` is "ok" when every notebook ran to its end, else "error" with ``message``."""

    key: str
    status: str = "error"
    message: str = ""
    notebooks: dict[str, NotebookRun] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    isolation: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> tuple[str, NotebookRun] | None:
        """The notebook that did not run to its end, if any."""
        for name, run in self.notebooks.items():
            if run.status != "ok":
                return name, run
        return None
