"""The audit hook installed in a sandboxed process before any learner code runs.

It refuses, always:

* the introspection that would let learner code reach the harness's memory or watch hidden
  tests being compiled: ``ctypes`` (raw memory), ``gc`` object walks, tracing and profiling
  hooks, other threads' frames, and new audit hooks (audit hooks cannot be removed);
* rewiring trusted code from learner code: replacing (or deleting) the code or the defaults
  of a function whose code comes from a trusted file or from a test cell, or making a code
  object that claims a trusted file, unless trusted code does it (``types.coroutine`` at an
  import does); compiling, under a trusted file's name, anything but that file's own source;
* replacing or deleting the code or the defaults of a function the template's snapshot holds
  (``guarded``), by anyone: trusted code called on the learner's behalf
  (``unittest.mock.patch.object(grader_function, "__code__", ...)``) included. Nothing in a
  grading process changes those legitimately, so the harness need not compare them before
  each test cell (thousands of audited reads), and ``Snapshot.restore`` skips that walk;

and, while a test cell is running, frame introspection (``sys._getframe``, a traceback's,
generator's or coroutine's frame) asked for by learner code, directly or through trusted code:
a function of the submission that a test calls cannot read the test's variables, expected
values or helpers (trusted code the test calls may still inspect its own frames).
In degraded isolation (no namespaces) it also refuses non-loopback network use and opening
the hidden paths.
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
FRAME_ATTRIBUTES = frozenset({"tb_frame", "gi_frame", "cr_frame", "ag_frame"})
FUNCTION_ATTRIBUTES = frozenset({"__code__", "__defaults__", "__kwdefaults__"})
LOOPBACK = ("127.", "::1", "localhost")


def install(
    hidden: list[str],
    network_check: bool,
    trusted_roots: tuple[str, ...],
    guarded: frozenset = frozenset(),
) -> None:
    """``guarded``: functions whose code and defaults nobody may change from now on (set
    membership hashes by identity: no object's code runs, no page of it is written)."""
    from aiwork.grading.guards import TEST_FILE_PREFIX

    hidden_prefixes = tuple(os.path.realpath(p) for p in hidden)
    roots = tuple(trusted_roots)
    protected_files = (*roots, TEST_FILE_PREFIX)
    trusted_names = (*roots, "<frozen ")
    refuse = PermissionError
    function_type = type(install)
    getframe = sys._getframe
    get_ident = __import__("_thread").get_ident
    busy: set[int] = set()

    def learner_in_test() -> bool:
        """Learner code asks, directly or through trusted code, while a test cell runs: a
        frame of code from neither a trusted file nor a test cell lies between the operation
        and a test cell's frame (trusted code a test calls may inspect its own frames)."""
        tid = get_ident()
        if tid in busy:
            return False
        busy.add(tid)
        try:
            frame, learner = getframe(2), False
            while frame is not None:
                name = frame.f_code.co_filename
                if name.startswith(TEST_FILE_PREFIX):
                    return learner
                if not name.startswith(trusted_names):
                    learner = True
                frame = frame.f_back
            return False
        finally:
            busy.discard(tid)

    def by_trusted_code() -> bool:
        """The Python code doing the audited operation comes from a trusted file."""
        tid = get_ident()
        if tid in busy:
            return True
        busy.add(tid)
        try:
            return getframe(2).f_code.co_filename.startswith(roots)
        except ValueError:
            return False
        finally:
            busy.discard(tid)

    def same_source(source, filename: str) -> bool:
        if not isinstance(source, (bytes, str)):
            return False
        try:
            with open(filename, "rb") as fh:
                raw = fh.read()
        except OSError:
            return False
        return raw == (source.encode("utf-8") if isinstance(source, str) else source)

    def hook(event: str, args: tuple) -> None:
        # the most frequent event first: every read of a function's __code__ or __defaults__
        # (the harness compares thousands before each test cell) comes through here
        if event == "object.__getattr__":
            if args[1] in FRAME_ATTRIBUTES and learner_in_test():
                raise refuse("frames cannot be inspected while a test runs")
            return
        if event in BLOCKED_EVENTS or event.startswith(BLOCKED_PREFIXES):
            raise refuse(f"'{event}' is not allowed while grading")
        if event == "object.__setattr__" or event == "object.__delattr__":
            # (a function's defaults set to None are a delete: CPython raises __delattr__)
            obj, name = args[0], args[1]
            if type(obj) is not function_type or name not in FUNCTION_ATTRIBUTES:
                return
            if obj in guarded:
                raise refuse(f"trusted code cannot be changed while grading ({name})")
            if (
                obj.__code__.co_filename.startswith(protected_files)
                and (len(args) < 3 or getattr(obj, name) is not args[2])
                and not by_trusted_code()
            ):
                raise refuse(f"trusted code cannot be changed while grading ({name})")
            return
        if event == "sys._getframe":
            if learner_in_test():
                raise refuse("frames cannot be inspected while a test runs")
            return
        # code under a test cell's name only restricts its author; under a trusted file's
        # name it must be that file's own source
        if event == "code.__new__":
            if isinstance(args[1], str) and args[1].startswith(roots) and not by_trusted_code():
                raise refuse("code cannot claim a trusted file while grading")
            return
        if event == "compile":
            filename = args[1]
            if isinstance(filename, bytes):
                filename = os.fsdecode(filename)
            if isinstance(filename, str) and filename.startswith(roots):
                if not same_source(args[0], filename):
                    raise refuse("code cannot claim a trusted file while grading")
            return
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
