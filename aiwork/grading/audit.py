"""The audit hook installed in a sandboxed process before any learner code runs.

It refuses the introspection that would let learner code reach the harness's memory or
watch hidden tests being compiled: ``ctypes`` (raw memory), ``gc`` object walks, tracing and
profiling hooks, and new audit hooks (which would see the test cells' code objects). In
degraded isolation (no namespaces) it also refuses non-loopback network use and opening the
hidden paths. Audit hooks cannot be removed from Python code.
"""

from __future__ import annotations

import os
import sys

BLOCKED_EVENTS = frozenset(
    {
        "sys.settrace",
        "sys.setprofile",
        "sys.addaudithook",
        "gc.get_objects",
        "gc.get_referrers",
        "gc.get_referents",
        "sys._current_frames",
        "sys._current_exceptions",
    }
)
BLOCKED_PREFIXES = ("ctypes.",)
LOOPBACK = ("127.", "::1", "localhost")


def install(hidden: list[str], network_check: bool) -> None:
    hidden_prefixes = tuple(os.path.realpath(p) for p in hidden)
    refuse = PermissionError

    def hook(event: str, args: tuple) -> None:
        if event in BLOCKED_EVENTS or event.startswith(BLOCKED_PREFIXES):
            raise refuse(f"'{event}' is not allowed while grading")
        if not network_check:
            return
        if event in ("socket.connect", "socket.bind", "socket.sendto") and len(args) > 1:
            address = args[1]
            host = address[0] if isinstance(address, tuple) and address else address
            if isinstance(host, str) and not host.startswith(LOOPBACK) and host != "":
                raise refuse("network access is not allowed while grading")
        elif event == "open" and args and isinstance(args[0], str):
            path = os.path.realpath(args[0])
            if path.startswith(hidden_prefixes):
                raise refuse(f"'{args[0]}' is not readable while grading")

    sys.addaudithook(hook)
