"""The keeper: a root-owned process per submission that builds the sandbox and guards it.

It runs only our code. It enters the namespaces (``sandbox.try_isolate``), forks the process
that runs the notebook, and kills that process when the driver asks (SIGTERM) or when the
submission's wall-clock backstop expires. In full isolation that process is PID 1 of its own
PID namespace, so killing it ends every process the notebook started.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time

from aiwork.grading import audit, limits, protocol, runner, sandbox
from aiwork.grading.limits import Limits


def _fatal(wfd: int, exc: BaseException) -> None:
    """Tell the driver why this sandbox could not run (it records the reason)."""
    try:
        import traceback

        protocol.write_message(
            wfd,
            {
                "ev": "fatal",
                "message": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[
                    -4000:
                ],
            },
        )
    except BaseException:  # noqa: BLE001 - the driver still sees the pipe close
        pass


def run(header: dict, fds: list[int], shell, snapshot, base_vm: int) -> int:
    rfd, wfd = fds
    for sig in (signal.SIGCHLD, signal.SIGALRM, signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)
    lim = Limits.from_dict(header["limits"])
    try:
        isolation = sandbox.try_isolate(header["needed"], header["hidden"], lim.tmpfs_mb)
    except BaseException as exc:  # noqa: BLE001 - e.g. a mount refused: no sandbox, no run
        _fatal(wfd, exc)
        return 74
    full = isolation == "full"
    uid = sandbox.UID_BASE + os.getpid() if full else None
    # degraded: a private directory on the real /tmp, removed when the notebook is done
    base = sandbox.WORK_ROOT if full else _private_base()
    pid = os.fork()
    if pid == 0:
        code = 71
        try:
            code = _inner(header, rfd, wfd, shell, snapshot, base_vm, base, uid, lim)
        except BaseException as exc:  # noqa: BLE001 - tell the driver why, then end
            code = 72
            _fatal(wfd, exc)
        finally:
            os._exit(code)
    os.close(rfd)
    os.close(wfd)

    def kill_inner(signum, frame):
        try:
            if full:
                os.kill(pid, signal.SIGKILL)
            else:
                os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGTERM, kill_inner)
    signal.signal(signal.SIGALRM, kill_inner)
    signal.setitimer(signal.ITIMER_REAL, float(header["wall"]))
    while True:
        try:
            os.waitpid(pid, 0)
            break
        except ChildProcessError:
            break
    if not full:
        kill_inner(0, None)  # whatever the notebook left running in its session
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    return 0


def _inner(
    header: dict,
    rfd: int,
    wfd: int,
    shell,
    snapshot,
    base_vm: int,
    base: str,
    uid: int | None,
    lim: Limits,
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
    else:
        os.setsid()
    job = protocol.Reader(rfd).read(time.monotonic() + limits.STARTUP_S)
    if job is None:
        return 73
    workdir = os.path.join(base, job["dirname"])
    home = os.path.join(base, ".home")
    sandbox.write_files(workdir, job.pop("files"), uid)
    sandbox.write_files(home, {}, uid)
    os.environ.update(
        {
            "HOME": home,
            "TMPDIR": sandbox.WORK_ROOT if full else base,
            "MPLCONFIGDIR": os.path.join(home, ".matplotlib"),
        }
    )
    # whose work this is: notebooks that differ per learner (m06's case variants) read it
    os.environ["AIWORK_LEARNER_ID"] = job.get("learner", "")
    # who the notebook runs as, by name: the grader, as in a stock nbgrader kernel
    name = header.get("user") or "grader"
    if not any(os.environ.get(v) for v in ("LOGNAME", "USER", "LNAME", "USERNAME")):
        os.environ["LOGNAME"] = name
    os.chdir(workdir)
    if uid is not None:
        sandbox.add_user(uid, name, home)
        sandbox.drop_privileges(uid)
    sandbox.apply_limits(lim.memory_mb, lim.cpu_seconds(len(job["cells"])), lim.nproc, base_vm)
    sandbox.redirect_std_fds()
    _close_other_fds({rfd, wfd})
    audit.install(header["hidden"], network_check=not full)
    _reseed()
    runner.run_notebook(shell, snapshot, rfd, wfd, job)
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
