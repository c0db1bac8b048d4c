"""The keeper and the init of one submission's sandbox; the notebooks run in their children.

Process layout (all forked from the pre-imported template, see ``forkserver``)::

    template ─fork─> keeper (root, our code) ─fork─> init (PID 1 of a new PID namespace, our
                                                      code) ─fork─> one process per notebook

The keeper enters the namespaces (``sandbox.try_isolate``) and kills init when the driver asks
(SIGTERM) or when the submission's wall-clock backstop expires; killing PID 1 ends every process
of the namespace. Init reads the job, lays out the working directory as stock nbgrader has it
(``autograded/<student>/<assignment>``: the submission's files, then the assignment's), and runs
the notebooks one after the other, each in a fresh child forked from the template's state (as
stock starts a fresh kernel per notebook) in the same directory, so a later notebook reads what
an earlier one wrote. After each notebook it kills whatever that notebook left running and tells
the driver how the notebook's process ended; at the end it sends the directory's new, changed
and deleted files, which the writer applies to autograded/ as stock nbgrader's run leaves them.
"""

from __future__ import annotations

import base64
import os
import random
import signal
import stat
import sys
import time

from aiwork.grading import audit, limits, protocol, runner, sandbox
from aiwork.grading.limits import Limits

#: The environment a notebook gets: a stock kernel's (the grader's environment plus what
#: ipykernel and nbgrader add); set by the template process before it forks.
NOTEBOOK_ENV: dict[str, str] = {}


def _fatal(wfd: int, exc: BaseException) -> None:
    """Tell the driver why this sandbox could not run (it records the reason)."""
    try:
        import traceback

        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        protocol.write_message(wfd, {"ev": "fatal", "message": text[-4000:]})
    except BaseException:  # noqa: BLE001 - the driver still sees the pipe close
        pass


def run(header: dict, fds: list[int], shell, snapshot, base_vm: int) -> int:
    rfd, wfd = fds
    for sig in (signal.SIGCHLD, signal.SIGALRM, signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)
    sandbox.set_parent_death_signal()  # the template gone (the driver was killed): end too
    lim = Limits.from_dict(header["limits"])
    uid = sandbox.UID_BASE + os.getpid()
    try:
        isolation = sandbox.try_isolate(
            header["needed"], header["hidden"], lim.tmpfs_mb, header["workdir"], header["home"], uid
        )
    except BaseException as exc:  # noqa: BLE001 - e.g. a mount refused: no sandbox, no run
        _fatal(wfd, exc)
        return 74
    full = isolation == "full"
    # degraded: a private directory on the real /tmp holds the same layout, removed at the end
    base = "" if full else _private_base()
    pid = os.fork()
    if pid == 0:
        code = 71
        try:
            code = _init(header, rfd, wfd, shell, snapshot, base_vm, base, uid if full else None)
        except BaseException as exc:  # noqa: BLE001 - tell the driver why, then end
            code = 72
            _fatal(wfd, exc)
        finally:
            os._exit(code)
    os.close(rfd)
    os.close(wfd)

    def kill_init(signum, frame):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGTERM, kill_init)
    signal.signal(signal.SIGALRM, kill_init)
    signal.setitimer(signal.ITIMER_REAL, float(header["wall"]))
    while True:
        try:
            os.waitpid(pid, 0)
            break
        except ChildProcessError:
            break
        except InterruptedError:
            continue
    if not full:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    return 0


def _init(
    header: dict,
    rfd: int,
    wfd: int,
    shell,
    snapshot,
    base_vm: int,
    base: str,
    uid: int | None,
) -> int:
    sandbox.set_parent_death_signal()
    full = uid is not None
    if full:
        try:  # a /proc that shows only this sandbox's processes
            sandbox._mount(
                "proc", "/proc", "proc", sandbox.MS_NOSUID | sandbox.MS_NODEV | sandbox.MS_NOEXEC
            )
        except OSError:
            pass
    job = protocol.Reader(rfd).read(time.monotonic() + limits.STARTUP_S)
    if job is None:
        return 73
    workdir = base + header["workdir"]
    home = header["home"] if full else os.path.join(base, ".home")
    given = job.pop("files")
    os.makedirs(workdir, exist_ok=True)  # (degraded: under the private directory)
    os.makedirs(home, exist_ok=True)
    sandbox.write_files(workdir, given, uid)
    if full:
        sandbox.add_user(uid, header.get("user") or "grader", home)
    for k, notebook in enumerate(job["notebooks"]):
        # the notebook itself lies in the directory while it runs, as in stock nbgrader (here
        # as submitted: the copy stock runs holds the restored hidden tests)
        name = notebook["name"] + ".ipynb"
        given[name] = notebook.pop("file")
        sandbox.write_files(workdir, {name: given[name]}, uid)
        pid = os.fork()
        if pid == 0:
            code = 71
            try:
                code = _notebook(header, job, k, (rfd, wfd), shell, snapshot, base_vm, uid, base)
            except BaseException:  # noqa: BLE001 - the driver sees no "end" and says crashed
                code = 72
            finally:
                os._exit(code)
        status = _wait(pid)
        _end_leftovers(full, pid)
        protocol.write_message(wfd, {"ev": "exited", "nb": k, "code": status})
    files, removed = _changes(workdir, given)
    protocol.write_message(wfd, {"ev": "files", "files": files, "removed": removed})
    return 0


def _wait(pid: int) -> int:
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status)
        except InterruptedError:
            continue
        except ChildProcessError:
            return -1


def _end_leftovers(full: bool, pid: int) -> None:
    """Kill what the notebook left running (servers, forks) before the next one starts."""
    try:
        if full:
            os.kill(-1, signal.SIGKILL)  # from PID 1: every other process of the namespace
        else:
            os.killpg(pid, signal.SIGKILL)  # its session (a setsid escapes: degraded)
    except (ProcessLookupError, PermissionError):
        pass
    while True:  # PID 1 reaps them all
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.001)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def _changes(workdir: str, given: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Files of the working directory that are new or changed, and given ones now gone.

    Symbolic links are not followed (a link to a file outside is not copied); the total is
    capped like the files given to a sandbox (``limits.MAX_FILES`` / ``MAX_FILES_BYTES``)."""
    found: dict[str, str] = {}
    seen: set[str] = set()
    total = 0
    for dirpath, dirnames, filenames in os.walk(workdir):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, workdir)
            try:  # never follow a link, never block on a FIFO the notebook left
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            with os.fdopen(fd, "rb") as fh:
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode) or st.st_size > limits.MAX_FILES_BYTES:
                    continue
                raw = fh.read(limits.MAX_FILES_BYTES + 1)
            seen.add(rel)
            encoded = base64.b64encode(raw).decode("ascii")
            if given.get(rel) == encoded:
                continue
            if len(found) >= limits.MAX_FILES or total + len(raw) > limits.MAX_FILES_BYTES:
                continue
            found[rel] = encoded
            total += len(raw)
    return found, sorted(set(given) - seen)


def _notebook(
    header: dict,
    job: dict,
    k: int,
    fds: tuple[int, int],
    shell,
    snapshot,
    base_vm: int,
    uid: int | None,
    base: str,
) -> int:
    """The process of one notebook: the environment of a stock kernel, then its cells.

    Full isolation: the grader's own working directory path and HOME path (both private
    in-memory directories here) and environment. Degraded: the same layout under a private
    directory, with HOME and TMPDIR in it."""
    rfd, wfd = fds
    full = uid is not None
    if not full:
        os.setsid()
    lim = Limits.from_dict(header["limits"])
    os.environ.clear()
    os.environ.update(NOTEBOOK_ENV)
    if not full:
        os.environ["HOME"] = os.path.join(base, ".home")
        os.environ["TMPDIR"] = base
    os.chdir(base + header["workdir"])
    if full:
        sandbox.drop_privileges(uid)
    cells = job["notebooks"][k]["cells"]
    sandbox.apply_limits(lim.memory_mb, lim.cpu_seconds(len(cells)), lim.nproc, base_vm)
    sandbox.redirect_std_fds()
    _close_other_fds({rfd, wfd})
    audit.install(header["hidden"], not full, snapshot.trusted_roots, snapshot.function_set)
    _reseed()
    runner.run_notebook(shell, snapshot, rfd, wfd, job, k, functions_guarded=True)
    return 0


def _private_base() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="aiwork-grade-")


def _close_other_fds(keep: set[int]) -> None:
    try:
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 1024))
    for fd in fds:
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def _reseed() -> None:
    """Forked children share the template's random state: give each its own, like a kernel."""
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
