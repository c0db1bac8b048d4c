"""``--scheduler ADDRESS``: run the sandboxes on a Dask cluster, keep one writer here.

Each Dask worker process starts its own fork-server template on first use (cached for the
worker's life) and runs notebooks exactly as the local executor does; only executions travel
(an ``ExecJob`` out, an ``ExecResult`` back). The gradebook, autograded/ and the outcomes stay
with the single writer on the machine that runs ``aiwork grade``. Workers must have the same
environment (this package, the course's libraries) and, for full isolation, run as root (in
Kubernetes: a privileged worker pod, or one with CAP_SYS_ADMIN); otherwise isolation is
"degraded" and says so in the outcomes.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

from aiwork.grading.jobs import ExecJob, ExecResult
from aiwork.grading.settings import Settings

_servers: dict[tuple, object] = {}
_lock = threading.Lock()


def run_on_worker(
    job: ExecJob, preload: tuple[str, ...], course: str | None, settings: dict
) -> ExecResult:
    """Executed inside a Dask worker: one submission in a sandbox of this worker's template."""
    import json

    from aiwork.grading import pool

    conf = Settings.from_dict(settings)
    key = (preload, json.dumps(settings, sort_keys=True))
    with _lock:
        server = _servers.get(key)
        if server is None or server.proc.poll() is not None:
            server = _servers[key] = pool.ForkServer(preload, conf)
    return pool.execute(server, job, course)


class DaskExecutor:
    def __init__(
        self, address: str, preload: list[str], course: str | None, settings: Settings
    ) -> None:
        from distributed import Client

        self.client = Client(address)
        self.preload = tuple(sorted(set(preload)))
        self.course = course
        self.settings = settings.to_dict()
        self.futures: set = set()

    def submit(self, job: ExecJob, done: Callable[[ExecResult], None]) -> None:
        future = self.client.submit(
            run_on_worker,
            job,
            self.preload,
            self.course,
            self.settings,
            pure=False,
            key=f"aiwork-grade-{job.key}-{uuid.uuid4().hex[:8]}",
            retries=1,
        )
        self.futures.add(future)

        def finished(f) -> None:
            self.futures.discard(f)
            try:
                result = f.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker: record, never lose it
                result = ExecResult(job.key, "error", f"Dask: {type(exc).__name__}: {exc}")
            done(result)

        future.add_done_callback(finished)

    def warming(self) -> bool:  # each Dask worker warms its own template
        return False

    def close(self) -> None:
        self.client.close()
