"""Back the template's memory with huge pages before it forks the sandboxes (Linux).

Every submission forks the template's memory three times (keeper, init, notebook: see
``keeper``), and a fork copies the page tables of the whole address space: with 4 KiB pages a
~170 MB template costs ~10-17 ms of kernel time per fork (measured on 2 cores, load 2-4), and
its exit as much again. ``MADV_COLLAPSE`` (Linux 6.1+) turns the template's anonymous memory
into 2 MiB pages in place, whatever the system's transparent-huge-page setting (except
"never"), so a fork copies one entry per 2 MiB instead of 512: ~6-8 ms per fork. It costs
~0.1-0.3 s once, which only a large class pays back (``AiworkGrade.huge_pages_from``).
Copy-on-write is unchanged: a child's first write to such a page splits it and copies 4 KiB.
Where the kernel lacks it, nothing is done.
"""

from __future__ import annotations

import errno
import time

MADV_COLLAPSE = 25
HUGE = 1 << 21


def anonymous_spans(maps_text: str) -> list[tuple[int, int]]:
    """The 2 MiB-aligned [start, end) spans inside private writable anonymous mappings (the
    C heap and Python's arenas), from the text of /proc/<pid>/maps."""
    spans = []
    for line in maps_text.splitlines():
        parts = line.split()
        if len(parts) < 5 or not parts[1].startswith("rw") or parts[1][3:4] != "p":
            continue
        if len(parts) > 5 and parts[5] != "[heap]":
            continue  # a file, the stack, vdso...
        low, high = (int(x, 16) for x in parts[0].split("-"))
        start, end = (low + HUGE - 1) & ~(HUGE - 1), high & ~(HUGE - 1)
        if end > start:
            spans.append((start, end))
    return spans


def collapse() -> dict:
    """Collapse this process's anonymous memory into huge pages: {"huge_pages_mb": MiB
    collapsed, "huge_pages_s": seconds taken}. Spans the kernel refuses (e.g. thread stacks,
    which the C library marks MADV_NOHUGEPAGE) are left as they are."""
    started = time.monotonic()
    total = 0
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        madvise = libc.madvise
        madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        with open("/proc/self/maps") as fh:
            spans = anonymous_spans(fh.read())
    except (ImportError, OSError, AttributeError):  # no ctypes, no libc, no /proc
        return {"huge_pages_mb": 0, "huge_pages_s": 0.0}
    for start, end in spans:
        if madvise(start, end - start, MADV_COLLAPSE) == 0:
            total += end - start
        elif ctypes.get_errno() == errno.EINVAL and not total:
            break  # refused at once: a kernel without MADV_COLLAPSE
    return {"huge_pages_mb": total >> 20, "huge_pages_s": round(time.monotonic() - started, 3)}
