"""One command at a time per course: ``grade``, ``collect``, ``feedback``, ``return``, ``release``.

The lock is an advisory ``flock`` on ``<course>/.aiwork.lock``: the kernel drops it when the
holding process dies (kill -9 included), so a crashed run never leaves a stale lock behind. The
file keeps the holder's command and pid so the refusal can say who holds the course.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from aiwork.errors import CourseBusy

LOCK_NAME = ".aiwork.lock"


@contextlib.contextmanager
def course_lock(course: Path | str, command: str) -> Iterator[Path]:
    """Hold the course's lock for ``command``; raise ``CourseBusy`` at once if another has it."""
    path = Path(course) / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip() or "?"
            raise CourseBusy(
                f"Lớp {Path(course)} đang được một lệnh khác xử lý ({holder}); "
                "chờ lệnh đó xong rồi chạy lại."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"aiwork {command}, pid {os.getpid()}".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock
