"""Huge pages for the template (issue 19's 400-submission figure): the maps are read right,
the memory is collapsed where the kernel can, forks of it see the same data, and the grading
template does it when asked."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from aiwork.grading import hugepages

from .fresh import run_json

MAPS = """\
55d1c0a00000-55d1c0c00000 r--p 00000000 08:01 123 /usr/bin/python3.11
55d1c2000000-55d1c5500000 rw-p 00000000 00:00 0 [heap]
7f0000100000-7f0000700000 rw-p 00000000 00:00 0
7f0000800000-7f0000900000 rw-p 00000000 00:00 0
7f0001000000-7f0001400000 rw-s 00000000 00:05 77 /dev/zero (deleted)
7f0002000000-7f0002400000 rw-p 00000000 08:01 99 /usr/lib/libfoo.so
7f0003000000-7f0003400000 r--p 00000000 00:00 0
7ffc00000000-7ffc00800000 rw-p 00000000 00:00 0 [stack]
"""


def test_only_private_writable_anonymous_memory_in_whole_huge_pages():
    assert hugepages.anonymous_spans(MAPS) == [
        (0x55D1C2000000, 0x55D1C5400000),  # the heap, its tail under 2 MiB left out
        (0x7F0000200000, 0x7F0000600000),  # aligned inside; a 1 MiB mapping has none
    ]


def kernel_can_collapse() -> bool:
    try:
        mode = Path("/sys/kernel/mm/transparent_hugepage/enabled").read_text()
    except OSError:
        return False
    major, minor = (int(x) for x in platform.release().split(".")[:2])
    return "[never]" not in mode and (major, minor) >= (6, 1)


SCRIPT = r"""
import json, os
from aiwork.grading import hugepages
data = [str(i) * 3 for i in range(1_500_000)]  # ~100 MB of small objects
done = hugepages.collapse()
huge_kb = sum(int(line.split()[1]) for line in open("/proc/self/smaps_rollup")
              if line.startswith("AnonHugePages"))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.write(w, str(sum(map(len, data))).encode())
    os._exit(0)
os.close(w)
seen = int(os.read(r, 64))
os.waitpid(pid, 0)
print(json.dumps({**done, "huge_kb": huge_kb, "child": seen, "parent": sum(map(len, data))}))
"""


@pytest.mark.skipif(not kernel_can_collapse(), reason="needs Linux 6.1+ with THP not 'never'")
def test_the_heap_is_collapsed_and_forks_see_the_same_data():
    found = run_json(SCRIPT)
    assert found["huge_pages_mb"] >= 32
    assert found["huge_kb"] >= 32 * 1024
    assert found["child"] == found["parent"]


@pytest.mark.skipif(not kernel_can_collapse(), reason="needs Linux 6.1+ with THP not 'never'")
@pytest.mark.parametrize("huge", [False, True])
def test_the_template_collapses_its_memory_when_asked(huge):
    from aiwork.grading.pool import ForkServer
    from aiwork.grading.settings import Settings

    server = ForkServer(["json"], Settings(), None, huge_pages=huge)
    try:
        info = server.info
    finally:
        server.close()
    assert info["ready"] is True
    if huge:
        assert info["huge_pages_mb"] > 0 and info["huge_pages_s"] >= 0
    else:
        assert "huge_pages_mb" not in info


def test_a_class_at_the_threshold_gets_huge_pages(monkeypatch):
    from aiwork.grading import engine, pool
    from aiwork.grading.settings import Settings

    made = []
    monkeypatch.setattr(pool, "LocalExecutor", lambda *args: made.append(args[-1]))
    for expected, limit in ((39, 40), (40, 40), (400, 0), (1, 1)):
        engine.make_executor(2, [], "/tmp", None, Settings(huge_pages_from=limit), None, expected)
    assert made == [False, True, False, True]
