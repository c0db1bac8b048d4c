"""The driver side of execution: a template process and worker threads that talk to sandboxes.

Threads are fine here: the driver never forks (the template does). Each worker thread takes
a job (one submission), asks the template for a sandbox (passing the two pipe ends with
SCM_RIGHTS), sends the notebooks' learner cells, answers each ``need`` with that test cell's
source and a nonce, enforces the per-cell deadline (the timeout, then ``Execute.iopub_timeout``
for the interrupted cell to stop, else the keeper kills the sandbox), and validates every
message. A notebook whose process dies, is killed or speaks out of turn fails its submission,
as a dead or unresponsive kernel fails stock nbgrader's.
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

import aiwork.grading
from aiwork.grading import limits, protocol
from aiwork.grading.jobs import ExecJob, ExecResult, NotebookRun
from aiwork.grading.settings import Settings

OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}
SPAWN_FAILED = "sandbox could not start"


def trusted_roots(settings: Settings) -> list[str]:
    """Code the sandbox may import and the harness trusts: Python, its installed packages,
    the engine and the course's protected modules (e.g. its graders, wherever they live)."""
    import importlib.util
    import site
    import sysconfig

    roots = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        sysconfig.get_paths()["stdlib"],
        sysconfig.get_paths()["purelib"],
        *aiwork.grading.__path__,
    }
    roots.update(site.getsitepackages())
    for name in settings.protected_modules:
        try:
            spec = importlib.util.find_spec(name.split(".")[0])
        except (ImportError, ValueError):
            continue
        if spec is not None:
            roots.update(spec.submodule_search_locations or [])
            if spec.origin and spec.has_location:
                roots.add(os.path.dirname(spec.origin))
    return sorted(os.path.realpath(r) for r in roots if r and os.path.isdir(r))


def hidden_paths(course: str | None, settings: Settings) -> list[str]:
    """Paths a sandbox must not see: the course (all learners, sources, gradebook) and the
    course's own ``hidden_paths``."""
    out = [os.path.realpath(p) for p in settings.hidden_paths]
    if course:
        out.insert(0, os.path.realpath(course))
    return out


class ForkServer:
    """The template process and the socket to it."""

    def __init__(
        self,
        preload: Iterable[str],
        settings: Settings,
        log_path: str | None = None,
        huge_pages: bool = False,
    ) -> None:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.settings = settings
        self.trusted = trusted_roots(settings)
        config = {"preload": sorted(set(preload)), "trusted": self.trusted}
        config["huge_pages"] = huge_pages
        config["settings"] = settings.to_dict()
        log = open(log_path, "ab") if log_path else subprocess.DEVNULL
        env = dict(os.environ)
        env.pop("PYTHONSTARTUP", None)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiwork.grading.forkserver",
                str(child.fileno()),
                json.dumps(config),
            ],
            pass_fds=[child.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            env=env,
            cwd="/",
        )
        if log is not subprocess.DEVNULL:
            log.close()
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


#: Capacity of the pipe a sandbox reports through (Linux ``F_SETPIPE_SZ``; 64 KiB by default):
#: a notebook whose outputs are larger than the default would wait, mid-run, for the driver's
#: reader thread to get the interpreter back.
REPORT_PIPE_BYTES = 1 << 20


def _widen(fd: int) -> None:
    import fcntl

    try:
        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), REPORT_PIPE_BYTES)
    except OSError:  # a lower /proc/sys/fs/pipe-max-size: the default size works too
        pass


def execute(server: ForkServer, job: ExecJob, course: str | None) -> ExecResult:
    """Run one submission's notebooks in a fresh sandbox; never raises for anything they do."""
    started = time.monotonic()
    lim = limits.Limits.from_dict(job.limits)
    result = ExecResult(key=job.key)
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    _widen(w2)
    n_cells = sum(len(nb["cells"]) for nb in job.notebooks)
    header = {
        "id": job.key,
        "limits": job.limits,
        "wall": lim.wall_seconds(n_cells),
        "needed": [*server.trusted, *server.settings.visible_paths],
        "hidden": hidden_paths(course, server.settings),
        "workdir": job.workdir,
        "home": os.path.expanduser("~"),
        "user": _user_name(),
    }
    try:
        pid = server.spawn(header, [r1, w2])
    except (OSError, RuntimeError) as exc:
        for fd in (r1, w1, r2, w2):
            os.close(fd)
        result.message = f"{SPAWN_FAILED}: {exc}"
        return result
    os.close(r1)
    os.close(w2)
    result.isolation = server.info["isolation"]
    reader = protocol.Reader(r2)
    killed = None
    try:
        killed = _drive(job, lim, reader, w1, result)
    except protocol.Timeout:
        killed = "timeout"
    except protocol.ProtocolError as exc:
        killed, result.message = "protocol", str(exc)
    except OSError as exc:  # broken pipe: the sandbox died while we wrote to it
        result.message = f"sandbox ended early: {exc}"
    finally:
        os.close(w1)
        if killed or result.status != "ok":
            _stop(pid)
        _drain(reader)
        os.close(r2)
    if killed and result.notebooks:
        last = next(reversed(result.notebooks.values()))
        if last.status == "running":
            last.status = killed
    for run in result.notebooks.values():
        if run.status == "running":
            run.status = "crashed"
    if result.failed is not None or not result.notebooks:
        result.status = "error"
    result.seconds = time.monotonic() - started
    return result


def _drive(job: ExecJob, lim: limits.Limits, reader, wfd: int, result: ExecResult) -> str | None:
    """Feed the sandbox and check every message it sends, notebook after notebook. Returns
    why the sandbox must be killed (None: it ended as expected)."""
    protocol.write_message(
        wfd,
        {
            "notebooks": [
                {
                    "name": nb["name"],
                    "file": nb["file"],
                    "cells": [
                        {
                            "index": c["index"],
                            "kind": c["kind"],
                            "locked": c.get("locked", False),
                            # hidden tests travel only when the sandbox reaches them
                            "source": c["source"] if c["kind"] == "code" else "",
                        }
                        for c in nb["cells"]
                    ],
                }
                for nb in job.notebooks
            ],
            "files": job.files,
            "timeout": lim.timeout,
            "on_timeout": lim.on_timeout,
        },
    )
    per_cell = lim.timeout + lim.grace
    deadline = time.monotonic() + limits.STARTUP_S
    for k, nb in enumerate(job.notebooks):
        run = result.notebooks[nb["name"]] = NotebookRun(status="running")
        cells = nb["cells"]
        expected, running, nonce, ended = 0, None, None, False
        while True:
            message = reader.read(deadline)
            if message is None:
                return None if ended else "crashed"
            ev, i = message.get("ev"), message.get("i")
            if ev == "fatal":
                run.status = "error"
                run.message = str(message.get("message", ""))[-4000:]
                return "error"
            if ev == "exited" and message.get("nb") == k:
                if not ended:
                    run.status = "crashed"
                    run.message = f"exit status {message.get('code')}"
                    run.running = cells[running]["index"] if running is not None else None
                    return "crashed"
                run.status = "ok"
                deadline = time.monotonic() + limits.STARTUP_S
                break
            if ended or message.get("nb") != k:
                result.message = f"unexpected message from the notebook process: {ev!r}"
                return "protocol"
            if ev == "start" and i == expected and running is None:
                running, deadline = i, time.monotonic() + per_cell
            elif ev == "cell" and i == running and cells[i]["kind"] == "code":
                run.cells[cells[i]["index"]] = _record(message)
                expected, running = expected + 1, None
                deadline = time.monotonic() + per_cell
            elif ev == "need" and i == running and cells[i]["kind"] == "test" and nonce is None:
                nonce = secrets.token_hex(16)
                protocol.write_message(wfd, {"source": cells[i]["source"], "nonce": nonce})
                deadline = time.monotonic() + per_cell
            elif (
                ev == "test"
                and i == running
                and nonce is not None
                and message.get("nonce") == nonce
            ):
                run.cells[cells[i]["index"]] = _record(message)
                expected, running, nonce = expected + 1, None, None
                deadline = time.monotonic() + per_cell
            elif ev == "end" and expected == len(cells) and running is None:
                ended = True
                deadline = time.monotonic() + limits.STARTUP_S
            else:
                result.message = f"unexpected message from the notebook process: {ev!r}"
                return "protocol"
    while True:
        message = reader.read(deadline)
        if message is None:
            return "crashed"
        if message.get("ev") == "files":
            files = message.get("files")
            removed = message.get("removed")
            if isinstance(files, dict):
                result.files = {str(k): str(v) for k, v in files.items()}
            if isinstance(removed, list):
                result.removed = [str(x) for x in removed]
            result.status = "ok"
            return None
        if message.get("ev") == "fatal":
            result.message = str(message.get("message", ""))[-4000:]
            return "error"
        result.message = f"unexpected message from the sandbox: {message.get('ev')!r}"
        return "protocol"


def _record(message: dict) -> dict:
    times = message.get("t")
    ok = isinstance(times, list) and len(times) == 2 and all(isinstance(x, float) for x in times)
    return {
        "outputs": _clean_outputs(message.get("outputs")),
        "count": message.get("count"),
        "seconds": message.get("s"),
        "times": times if ok else None,
    }


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
        self,
        workers: int,
        preload: Iterable[str],
        course: str | None,
        settings: Settings,
        log_path: str | None = None,
        huge_pages: bool = False,
    ) -> None:
        self.preload, self.settings, self.log_path = list(preload), settings, log_path
        self.huge_pages = huge_pages
        self.server = ForkServer(self.preload, settings, log_path, huge_pages)
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
            self.server = ForkServer(self.preload, self.settings, self.log_path, self.huge_pages)

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
