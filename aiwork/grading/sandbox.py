"""Isolation of one submission: namespaces, a private filesystem view, a non-root user, limits.

Process layout (all forked from the pre-imported template; see ``forkserver`` and ``keeper``)::

    template ─fork─> keeper (root) ─fork─> init (PID 1 of a new PID namespace)
                                             └─fork─> one process per notebook (sandbox uid)

When run as root the keeper unshares mount, network, PID, IPC and UTS namespaces and builds
the view the notebooks get (``build_view``): the course root (other learners' work, the source
notebooks, the gradebook with the hidden tests) and the course's other hidden paths become
empty read-only directories; inside the hidden course, the working directory stock nbgrader
would use (``autograded/<student>/<assignment>``) is a private in-memory directory, as are the
grader's HOME, ``/tmp``, ``/var/tmp`` and ``/dev/shm``; the network namespace has only ``lo``
up (a loopback server a notebook starts works, nothing else does). Init mounts a fresh
``/proc``; each notebook process drops to a uid of its own (so RLIMIT_NPROC counts only its
processes) and applies RLIMIT_AS / RLIMIT_CPU / RLIMIT_NPROC / RLIMIT_CORE. Killing init
(PID 1) kills every process of the namespace, including ones that escaped with ``setsid``.

Without root the same code runs with what an ordinary user can do: the same layout under a
private directory, rlimits, each notebook's own session killed as a group, and a Python audit
hook that refuses non-loopback sockets and reads of the hidden paths (weaker; "degraded").
"""

from __future__ import annotations

import base64
import ctypes
import ctypes.util
import errno
import fcntl
import os
import resource
import signal
import socket
import struct
import sys

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 32, 4096, 8192, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
SIOCGIFFLAGS, SIOCSIFFLAGS = 0x8913, 0x8914
IFF_UP, IFF_RUNNING = 0x1, 0x40

#: First uid of the per-sandbox users (uid = UID_BASE + keeper pid, unique while it runs).
UID_BASE = 200_000
STAGE = "/run/aiwork-grading-stage"
WORK_ROOT = "/tmp"

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        _libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            flags,
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


def _umount(target: str) -> None:
    _libc.umount2(target.encode(), MNT_DETACH)


def unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def bring_up_loopback() -> None:
    """In a new network namespace ``lo`` exists but is down; the assistant needs it up."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, SIOCGIFFLAGS, req))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP | IFF_RUNNING))


def _blocking_ancestors(path: str) -> list[str]:
    """Ancestors of ``path`` that other users cannot traverse (e.g. /root at 0700)."""
    out, parts = [], os.path.realpath(path).split(os.sep)[1:]
    current = ""
    for part in parts[:-1]:
        current += os.sep + part
        try:
            if not os.stat(current).st_mode & 0o001:
                out.append(current)
        except OSError:
            break
    return out


def build_view(
    needed: list[str], hidden: list[str], tmpfs_mb: int, workdir: str, home: str, uid: int
) -> None:
    """The mount namespace of one sandbox (keeper, root, after unshare).

    Hidden paths become empty directories (the course root among them); the grader's HOME
    and the working directory (at the very path stock nbgrader runs in, inside the hidden
    course) become private in-memory directories owned by the sandbox's uid; paths the
    notebook needs (Python, the trusted packages, visible data) stay reachable inside them."""
    home = os.path.realpath(home) if home else ""
    if home == "/" or not os.path.isdir(home):
        home = ""
    needed = [p for p in dict.fromkeys(os.path.realpath(p) for p in needed) if os.path.isdir(p)]
    # keep only outermost needed paths
    needed = [p for p in needed if not any(p != q and p.startswith(q + os.sep) for q in needed)]
    # ancestors other users cannot traverse (e.g. /root at 0700), seen before anything is
    # mounted; HOME needs none (its private copy belongs to the sandbox's user)
    blocking = sorted(
        {
            a
            for p in needed
            for a in _blocking_ancestors(p)
            if not (home and (a == home or a.startswith(home + os.sep)))
        },
        key=len,
    )
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    os.makedirs(STAGE, exist_ok=True)
    _mount("tmpfs", STAGE, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=700")
    staged = []
    for k, path in enumerate(needed):
        slot = os.path.join(STAGE, str(k))
        os.mkdir(slot)
        _mount(path, slot, None, MS_BIND | MS_REC)
        staged.append((slot, path))
    private = [WORK_ROOT]
    for path, mode in ((WORK_ROOT, "1777"), ("/var/tmp", "1777"), ("/dev/shm", "1777")):
        if os.path.isdir(path):
            size = f"{tmpfs_mb}m" if path == WORK_ROOT else "16m"
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode={mode}")
    if home:
        _mount("tmpfs", home, "tmpfs", MS_NOSUID | MS_NODEV, f"size=64m,mode=700,uid={uid}")
        private.append(home)
    covered = []
    for path in hidden:
        try:
            if os.path.isdir(path):
                # traversable (the working directory lies inside the course), not listable
                _mount(
                    "tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64k,mode=711"
                )
                covered.append(path)
            elif os.path.exists(path):
                _mount("/dev/null", path, None, MS_BIND)
        except OSError:
            continue  # already covered by an outer hidden path or the private /tmp
    # the working directory's parents are created in memory only: never on the real disk
    if not any(workdir.startswith(p + os.sep) for p in covered + private):
        raise OSError(f"working directory {workdir} is outside the sandbox's private mounts")
    os.makedirs(workdir, mode=0o711, exist_ok=True)
    for ancestor in blocking:
        _mount("tmpfs", ancestor, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
    for slot, path in staged:
        os.makedirs(path, exist_ok=True)
        _mount(slot, path, None, MS_MOVE)
        try:  # the real files: nothing in the sandbox, root included, writes to them
            _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        except OSError:
            pass
    _umount(STAGE)
    for path in covered:
        try:
            _mount(None, path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
        except OSError:
            pass
    _mount("tmpfs", workdir, "tmpfs", MS_NOSUID | MS_NODEV, f"size={tmpfs_mb}m,mode=700,uid={uid}")


def write_files(workdir: str, files: dict[str, str], uid: int | None) -> None:
    """Materialise files (base64, relative paths) in the working directory, as root.

    Only the directories it creates and the files it writes change owner: it never walks a
    tree (a path the notebook needs may be mounted inside HOME, and it is the real one).
    Learner code may have run in this directory (between notebooks): no symbolic link is ever
    followed (a link planted at a target's name is replaced, a linked parent is refused)."""
    for rel, b64 in files.items():
        target = os.path.normpath(os.path.join(workdir, rel))
        if not target.startswith(workdir + os.sep):
            continue  # a crafted name must not escape the working directory
        parent = os.path.dirname(target)
        if _has_link(workdir, parent):
            continue
        _make_dirs(workdir, parent, uid)
        if os.path.lexists(target) and not os.path.isdir(target):
            os.unlink(target)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as fh:
            if uid is not None:
                os.fchown(fh.fileno(), uid, uid)
            fh.write(base64.b64decode(b64))


def _make_dirs(top: str, path: str, uid: int | None) -> None:
    """``path`` and its missing parents below ``top``, each new one owned by ``uid``."""
    missing = []
    while path != top and not os.path.isdir(path):
        missing.append(path)
        path = os.path.dirname(path)
    for folder in reversed(missing):
        os.mkdir(folder, 0o755)
        if uid is not None:
            os.chown(folder, uid, uid, follow_symlinks=False)


def _has_link(top: str, path: str) -> bool:
    while path != top and path.startswith(top + os.sep):
        if os.path.islink(path):
            return True
        path = os.path.dirname(path)
    return False


def add_user(uid: int, name: str, home: str) -> None:
    """Make the sandbox uid resolvable (``pwd.getpwuid``, ``getpass.getuser``): private copies
    of /etc/passwd and /etc/group with one more line, bound over the originals in this
    mount namespace only. The name is the grader's own, as the user of a stock nbgrader
    kernel would be (a notebook may pick its exercise by user name)."""
    for path, line in (
        ("/etc/passwd", f"{name}:x:{uid}:{uid}:aiwork grading sandbox:{home}:/usr/sbin/nologin\n"),
        ("/etc/group", f"{name}:x:{uid}:\n"),
    ):
        try:
            with open(path, encoding="utf-8") as fh:
                content = fh.read()
        except OSError:
            content = ""
        private = os.path.join(WORK_ROOT, "." + os.path.basename(path))
        with open(private, "w", encoding="utf-8") as fh:
            fh.write(content + ("" if content.endswith("\n") or not content else "\n") + line)
        os.chmod(private, 0o644)
        _mount(private, path, None, MS_BIND)


def drop_privileges(uid: int) -> None:
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def vm_size_bytes() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def apply_limits(memory_mb: int, cpu_s: int, nproc: int, base_vm: int) -> None:
    # RLIMIT_AS counts the template's pre-imported libraries too: the budget is on top of them
    address_space = base_vm + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 2))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    except (ValueError, OSError):
        pass


def set_parent_death_signal() -> None:
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def redirect_std_fds() -> None:
    """fd 0-2 to /dev/null: subprocess output never reaches the protocol pipes."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    if null > 2:
        os.close(null)


#: Set to "degraded" to skip namespaces even as root (CI without them, or to test the fallback).
ISOLATION_ENV = "AIWORK_GRADING_ISOLATION"


def can_isolate() -> bool:
    if os.environ.get(ISOLATION_ENV, "").strip().lower() == "degraded":
        return False
    return os.geteuid() == 0 and sys.platform.startswith("linux")


def try_isolate(
    needed: list[str], hidden: list[str], tmpfs_mb: int, workdir: str, home: str, uid: int
) -> str:
    """Enter new namespaces and build the view; returns 'full' or why it is 'degraded'."""
    if not can_isolate():
        return "degraded"
    try:
        unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS)
    except OSError as exc:
        return f"degraded: unshare failed ({errno.errorcode.get(exc.errno, exc.errno)})"
    build_view(needed, hidden, tmpfs_mb, workdir, home, uid)
    bring_up_loopback()
    return "full"
