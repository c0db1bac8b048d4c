"""Grading limits: the one home of every default the engine applies to a submission.

The per-cell timeout follows nbgrader (``Execute.timeout`` in the course's nbgrader config,
30 s when unset) so that a cell which stock nbgrader would interrupt is interrupted here too,
and so do the grace after the interrupt and the output an interrupted cell gets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

#: nbgrader's own default for ``Execute.timeout`` (seconds per cell).
NBGRADER_DEFAULT_CELL_TIMEOUT = 30

#: Extra address space a submission may allocate on top of the pre-imported template (MB).
DEFAULT_MEMORY_MB = 2048

#: Processes/threads the sandbox user may own (fork bombs stop here; the offline assistant's
#: loopback server needs a few threads).
DEFAULT_NPROC = 64

#: Seconds an interrupted cell has to stop before the sandbox is killed and the submission
#: fails (a cell that ignores the interrupt): nbclient's ``iopub_timeout`` default, which is
#: what stock nbgrader waits after interrupting the kernel.
KILL_GRACE_S = 4.0

#: The output nbgrader appends to a cell interrupted at its timeout (``Execute.error_on_timeout``).
ON_TIMEOUT = {
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"],
}

#: Seconds allowed for the sandbox to start (fork, namespaces, private directory).
STARTUP_S = 30.0

#: Output kept per cell / per submission (bytes of text); the rest is cut with a marker.
MAX_CELL_OUTPUT = 1_000_000
MAX_SUBMISSION_OUTPUT = 8_000_000

#: Files of one submission copied into its sandbox (count, total bytes).
MAX_FILES = 500
MAX_FILES_BYTES = 100_000_000

#: Size of the private, in-memory /tmp of a sandbox (MB); it also holds the working dir.
TMPFS_MB = 256

#: Submissions the writer prepares (nbgrader's sanitize pass) ahead of the sandboxes: per
#: worker in steady state, and in all while the template process is still warming up (that
#: idle second of the writer becomes useful work; each prepared one holds its notebooks).
PREPARE_AHEAD_PER_WORKER = 2
PREPARE_AHEAD_WHILE_WARMING = 48


@dataclass(frozen=True)
class Limits:
    """What one submission may use. ``timeout`` is per cell, as in nbgrader."""

    timeout: float = NBGRADER_DEFAULT_CELL_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    nproc: int = DEFAULT_NPROC
    grace: float = KILL_GRACE_S
    tmpfs_mb: int = TMPFS_MB
    on_timeout: dict = field(default_factory=lambda: dict(ON_TIMEOUT))

    def cpu_seconds(self, n_cells: int) -> int:
        """RLIMIT_CPU for a whole notebook: every cell may use its full timeout."""
        return int(self.timeout * max(n_cells, 1) + 5)

    def wall_seconds(self, n_cells: int) -> float:
        """Backstop on the whole sandbox's life (per-cell deadlines normally act first)."""
        return STARTUP_S + (self.timeout + self.grace) * max(n_cells, 1)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Limits:
        return cls(**data)
