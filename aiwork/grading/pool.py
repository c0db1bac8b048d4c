"""The driver side of execution: a template process and worker threads that talk to sandboxes.

Threads are fine here: the driver never forks (the template does). Each worker thread takes
a job, asks the template for a sandbox (passing the two pipe ends with SCM_RIGHTS), sends the
learner cells, answers each ``need`` with that test cell's source and a nonce, enforces the
per-cell deadline (timeout + grace, then the keeper kills the sandbox), and validates every
message: a sandbox that speaks out of turn is stopped and its remaining tests score 0.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable

import aiwork
import graders
from aiwork import paths
from aiwork.grading import limits, protocol
from aiwork.grading.jobs import ExecJob, ExecResult

OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}
SPAWN_FAILED = "sandbox could not start"


def trusted_roots() -> list[str]:
    """Code the sandbox may import and the harness trusts: Python and the two packages."""
    import site
    import sysconfig

    roots = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        sysconfig.get_paths()["stdlib"],
        sysconfig.get_paths()["purelib"],
        *aiwork.__path__,
        *graders.__path__,
    }  # __path__: graders may be a namespace pkg
    roots.update(site.getsitepackages())
    return sorted(os.path.realpath(r) for r in roots if r and os.path.isdir(r))


def hidden_paths(course: str | None) -> list[str]:
    """Paths a sandbox must not see: the course (all learners, sources, gradebook)..."""
    repo = paths.repo_root()
    out = [str(repo / "assignments"), str(repo / "tests"), str(repo / ".git")]
    if course:
        out.insert(0, os.path.realpath(course))
    return out


class ForkServer:
    """The template process and the socket to it."""

    def __init__(self, preload: Iterable[str], log_path: str | None = None) -> None:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.trusted = trusted_roots()
        log = open(log_path, "ab") if log_path else subprocess.DEVNULL
        env = dict(os.environ)
        env.pop("PYTHONSTARTUP", None)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiwork.grading.forkserver",
                str(child.fileno()),
                json.dumps(self.trusted),
                *sorted(set(preload)),
            ],
            pass_fds=[child.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            env=env,
            cwd="/",
        )
        child.close()
        self.sock = parent
        self.lock = threading.Lock()
        self._info: dict | None = None  # the template reports when it is ready (see info)

    @property
    def info(self) -> dict:
        """The template's ready report; waits for it the first time (the template starts
        while the caller does other work, e.g. imports nbgrader and reads the gradebook)."""
        with self.lock:
            return self._ready()

    def _ready(self) -> dict:
        if self._info is None:
            self.sock.settimeout(300)
            data = self.sock.recv(1 << 16)
            self.sock.settimeout(None)
            if not data:
                raise RuntimeError("the grading template process failed to start")
            self._info = json.loads(data)
        return self._info

    def warming(self) -> bool:
        """True while the template is still importing and warming up (nothing to fork yet)."""
        if self._info is not None:
            return False
        import select

        readable, _, _ = select.select([self.sock], [], [], 0)
        return not readable

    def spawn(self, header: dict, fds: list[int]) -> int:
        with self.lock:
            self._ready()
            socket.send_fds(self.sock, [json.dumps(header).encode()], fds)
            data = self.sock.recv(1 << 16)
        if not data:
            raise RuntimeError("the grading template process died")
        return int(json.loads(data)["pid"])

    def close(self) -> None:
        try:
            self.sock.close()
        finally:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _clean_outputs(raw: object) -> list[dict]:
    """Keep only well-formed nbformat outputs from a sandbox's message."""
    out = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or item.get("output_type") not in OUTPUT_TYPES:
            continue
        kind = item["output_type"]
        if (
            kind == "stream"
            and item.get("name") in ("stdout", "stderr")
            and isinstance(item.get("text"), str)
        ):
            out.append({"output_type": kind, "name": item["name"], "text": item["text"]})
        elif kind == "error":
            tb = item.get("traceback")
            out.append(
                {
                    "output_type": kind,
                    "ename": str(item.get("ename", "Error")),
                    "evalue": str(item.get("evalue", "")),
                    "traceback": [str(x) for x in tb] if isinstance(tb, list) else [],
                }
            )
        elif isinstance(item.get("data"), dict):
            entry = {
                "output_type": kind,
                "data": item["data"],
                "metadata": item.get("metadata") if isinstance(item.get("metadata"), dict) else {},
            }
            if kind == "execute_result":
                count = item.get("execution_count")
                entry["execution_count"] = count if isinstance(count, int) else None
            out.append(entry)
    return out


def execute(server: ForkServer, job: ExecJob, course: str | None) -> ExecResult:
    """Run one notebook in a fresh sandbox; never raises for anything the notebook does."""
    started = time.monotonic()
    lim = limits.Limits.from_dict(job.limits)
    result = ExecResult(key=job.key, status="crashed")
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    header = {
        "id": job.key,
        "limits": job.limits,
        "wall": lim.wall_seconds(len(job.cells)),
        "needed": server.trusted,  # data the toolkit reads is package data, inside aiwork
        "hidden": hidden_paths(course),
        "user": _user_name(),
    }
    try:
        pid = server.spawn(header, [r1, w2])
    except (OSError, RuntimeError) as exc:
        for fd in (r1, w1, r2, w2):
            os.close(fd)
        result.status, result.message = "error", f"{SPAWN_FAILED}: {exc}"
        return result
    os.close(r1)
    os.close(w2)
    result.isolation = server.info["isolation"]
    reader = protocol.Reader(r2)
    cells = job.cells
    visible = [
        {"kind": c["kind"], "source": c["source"] if c["kind"] == "code" else ""} for c in cells
    ]
    killed = None
    try:
        protocol.write_message(
            w1,
            {
                "cells": visible,
                "files": job.files,
                "timeout": lim.timeout,
                "dirname": job.dirname,
                "learner": job.learner,
            },
        )
        expected, running, nonce = 0, None, None
        deadline = time.monotonic() + limits.STARTUP_S
        per_cell = lim.timeout + lim.grace
        while True:
            message = reader.read(deadline)
            if message is None or result.status == "ok":
                break  # after "end" nothing the sandbox says can change its result
            ev, i = message.get("ev"), message.get("i")
            if ev == "start" and i == expected and running is None:
                running, deadline = i, time.monotonic() + per_cell
            elif ev == "cell" and i == running and cells[i]["kind"] == "code":
                result.cells[cells[i]["index"]] = {
                    "outputs": _clean_outputs(message.get("outputs")),
                    "count": message.get("count"),
                    "seconds": message.get("s"),
                }
                expected, running = expected + 1, None
                deadline = time.monotonic() + per_cell
            elif ev == "need" and i == running and cells[i]["kind"] == "test" and nonce is None:
                nonce = secrets.token_hex(16)
                protocol.write_message(w1, {"source": cells[i]["source"], "nonce": nonce})
                deadline = time.monotonic() + per_cell
            elif (
                ev == "test"
                and i == running
                and nonce is not None
                and message.get("nonce") == nonce
            ):
                result.cells[cells[i]["index"]] = {
                    "outputs": _clean_outputs(message.get("outputs")),
                    "count": message.get("count"),
                    "seconds": message.get("s"),
                }
                expected, running, nonce = expected + 1, None, None
                deadline = time.monotonic() + per_cell
            elif ev == "fatal":
                result.status, result.message = "error", str(message.get("message", ""))[-4000:]
                break
            elif ev == "end" and expected == len(cells) and running is None:
                result.status = "ok"
                deadline = time.monotonic() + limits.STARTUP_S
            else:
                killed = "protocol"
                result.message = f"unexpected message from the notebook process: {ev!r}"
                break
    except protocol.Timeout:
        killed = "timeout" if result.status != "ok" else "lingering"
    except protocol.ProtocolError as exc:
        killed, result.message = "protocol", str(exc)
    except OSError as exc:  # broken pipe: the sandbox died while we wrote to it
        result.message = f"sandbox ended early: {exc}"
    finally:
        os.close(w1)
        if killed:
            _stop(pid)
        _drain(reader)
        os.close(r2)
    if killed and result.status != "ok":
        result.status = killed
    if result.status not in ("ok", "error"):
        result.running = cells[running]["index"] if running is not None else None
        if not result.message:
            result.message = {
                "timeout": "a cell ran past its time limit",
                "crashed": "the notebook's process ended before the notebook did "
                "(os._exit, a crash, or a resource limit)",
            }.get(result.status, result.status)
    result.seconds = time.monotonic() - started
    return result


def _user_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no name for this uid: any stable name will do
        return "grader"


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)  # the keeper kills the sandbox (and its namespace)
    except ProcessLookupError:
        pass


def _drain(reader: protocol.Reader) -> None:
    """Wait (briefly) for the sandbox's end of the pipe to close; discard what it still says."""
    deadline = time.monotonic() + 10
    while not reader.eof and time.monotonic() < deadline:
        try:
            reader.buffer.clear()
            reader._fill(deadline)
        except (protocol.Timeout, OSError):
            break


class LocalExecutor:
    """N worker threads sharing one template process."""

    def __init__(
        self, workers: int, preload: Iterable[str], course: str | None, log_path: str | None = None
    ) -> None:
        self.preload, self.log_path = list(preload), log_path
        self.server = ForkServer(self.preload, log_path)
        self.restart_lock = threading.Lock()
        self.course = course
        self.jobs: queue.Queue = queue.Queue()
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(workers)]
        for t in self.threads:
            t.start()

    def _work(self) -> None:
        while True:
            item = self.jobs.get()
            if item is None:
                return
            job, done = item
            try:
                res = execute(self.server, job, self.course)
                if res.status == "error" and res.message.startswith(SPAWN_FAILED):
                    self._restart()  # the template died (e.g. killed by the OOM killer)
                    res = execute(self.server, job, self.course)
            except Exception as exc:  # noqa: BLE001 - record, never lose a submission
                res = ExecResult(job.key, "error", f"{type(exc).__name__}: {exc}")
            done(res)

    def _restart(self) -> None:
        with self.restart_lock:
            if self.server.proc.poll() is None:
                return  # another thread already restarted it
            self.server.close()
            self.server = ForkServer(self.preload, self.log_path)

    def submit(self, job: ExecJob, done: Callable[[ExecResult], None]) -> None:
        self.jobs.put((job, done))

    def warming(self) -> bool:
        return self.server.warming()

    def close(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
        for t in self.threads:
            t.join(timeout=30)
        self.server.close()
