"""The per-course lock: exclusive, says who holds it, released when the holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from aiwork.courselock import course_lock
from aiwork.errors import AiworkError, CourseBusy, InputError, StepFailed


def test_second_holder_is_refused_with_the_first_named(tmp_path):
    with course_lock(tmp_path, "grade"):
        with pytest.raises(CourseBusy) as info:
            with course_lock(tmp_path, "collect"):
                pass
    assert "aiwork grade" in info.value.message
    assert info.value.exit_code == 2
    with course_lock(tmp_path, "collect"):  # free again once released
        pass


def test_lock_is_released_when_the_holder_is_killed(tmp_path):
    code = (
        "import sys, time\n"
        "from aiwork.courselock import course_lock\n"
        "with course_lock(sys.argv[1], 'grade'):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"held"
    with pytest.raises(CourseBusy):
        with course_lock(tmp_path, "feedback"):
            pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            with course_lock(tmp_path, "feedback"):
                break
        except CourseBusy:
            assert time.monotonic() < deadline
            time.sleep(0.05)


def test_hierarchy_exit_codes():
    assert InputError("x").exit_code == 2 and isinstance(InputError("x"), ValueError)
    assert StepFailed("x").exit_code == 1
    assert AiworkError("x", exit_code=3).exit_code == 3
    assert issubclass(CourseBusy, AiworkError)
