"""The notebook loop of a sandboxed process: learner cells in the shell, test cells by the harness.

Talks to the driver over two pipes (see ``protocol``). Messages, in notebook order:
``start`` before each cell (the driver arms its deadline), ``cell`` with a learner cell's
outputs, ``need`` when a test cell is next (its source — hidden tests included — arrives only
now, so learner code never had it), ``test`` with the test cell's outputs and the nonce the
driver sent with the source, and ``end``.
"""

from __future__ import annotations

import signal
import sys
import time
import traceback

from aiwork.grading import capture, protocol
from aiwork.grading.harness import Snapshot


class CellTimeout(KeyboardInterrupt):
    """Raised by the per-cell alarm; a KeyboardInterrupt, like nbgrader's kernel interrupt."""


def on_alarm(signum, frame):
    raise CellTimeout("Ô mã chạy quá thời gian cho phép và đã bị dừng.")


def _arm(seconds: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))


def _disarm() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)


def run_code_cell(shell, source: str, timeout: float) -> tuple[list[dict], int]:
    capture.CURRENT = capture.CellOutputs()
    count = shell.execution_count
    try:
        _arm(timeout)
        try:
            shell.run_cell(source, store_history=True, silent=False)
        finally:
            _disarm()
    except BaseException as exc:  # an alarm outside exec (e.g. while displaying): record it  # noqa: BLE001
        capture.CURRENT.error(type(exc).__name__, str(exc), traceback.format_exception_only(exc))
        shell.execution_count = count + 1
    return capture.CURRENT.reset(), count


def _format(value: object, snapshot: Snapshot) -> tuple[dict, dict]:
    """A test cell's result as nbgrader will read it (a number = partial credit). Never the
    shell's formatter: learner code could have replaced it to turn 0.5 into 1.0."""
    if type(value) in (int, float, bool, str):
        return {"text/plain": snapshot.builtins["repr"](value)}, {}
    from IPython.core.formatters import DisplayFormatter

    return DisplayFormatter().format(value)


def run_test_cell(
    shell, snapshot: Snapshot, source: str, index: int, timeout: float
) -> tuple[list[dict], int]:
    # a fresh sink: learner code may have altered the old one's attributes
    capture.CURRENT = capture.CellOutputs()
    count = shell.execution_count
    shell.execution_count = count + 1
    ns = shell.user_ns
    try:
        _arm(timeout)
        try:
            body, last = snapshot.compile_test(source, f"<test-cell-{index}>")
            snapshot.check_inputs((body, last), ns)
            snapshot.exec(body, ns)  # type: ignore[operator]
            if last is not None:
                value = snapshot.builtins["eval"](last, ns)
                if value is not None:
                    data, md = _format(value, snapshot)
                    capture.CURRENT.execute_result(count, data, md)
        finally:
            _disarm()
    except BaseException as exc:  # noqa: BLE001
        # formatted with the standard library, not with IPython objects learner code could reach
        lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
        capture.CURRENT.error(type(exc).__name__, str(exc), [line.rstrip("\n") for line in lines])
    return capture.CURRENT.reset(), count


def _own_functions() -> tuple:
    """(function, code, defaults, kwdefaults) of every function of the grading package."""
    import types

    found = []
    for name, mod in list(sys.modules.items()):
        if not name.startswith("aiwork.grading") or mod is None:
            continue
        for value in list(vars(mod).values()):
            members = vars(value).values() if isinstance(value, type) else (value,)
            for member in members:
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if isinstance(member, types.FunctionType) and member.__module__ == name:
                    found.append(
                        (member, member.__code__, member.__defaults__, member.__kwdefaults__)
                    )
    return tuple(found)


def run_notebook(shell, snapshot: Snapshot, rfd: int, wfd: int, job: dict) -> None:
    # Learner code may rebind module globals or swap function code; a running frame's own code
    # and fast locals are out of its reach (tracing and gc introspection are blocked by the
    # sandbox's audit hook), so everything this loop needs is captured here, before any
    # learner cell, and put back before each test cell.
    guard_functions = _own_functions()
    guard_attrs = tuple(vars(snapshot).items())
    set_attr = object.__setattr__
    restore, restore_core = snapshot.restore, snapshot.restore_core
    run_code, run_test = run_code_cell, run_test_cell
    reader = protocol.Reader(rfd)
    read, send = reader.read, protocol.write_message
    timeout = float(job["timeout"])
    clock = time.perf_counter
    learner_ran = True
    for i, cell in enumerate(job["cells"]):
        send(wfd, {"ev": "start", "i": i})
        began = clock()
        if cell["kind"] == "code":
            outputs, count = run_code(shell, cell["source"], timeout)
            for fn, code, defaults, kwdefaults in guard_functions:
                fn.__code__, fn.__defaults__, fn.__kwdefaults__ = code, defaults, kwdefaults
            for key, value in guard_attrs:
                set_attr(snapshot, key, value)
            restore_core()
            learner_ran = True
            send(
                wfd,
                {
                    "ev": "cell",
                    "i": i,
                    "outputs": outputs,
                    "count": count,
                    "s": round(clock() - began, 4),
                },
            )
            continue
        if learner_ran:  # consecutive test cells: nothing but trusted code ran in between
            for fn, code, defaults, kwdefaults in guard_functions:
                fn.__code__, fn.__defaults__, fn.__kwdefaults__ = code, defaults, kwdefaults
            for key, value in guard_attrs:
                set_attr(snapshot, key, value)
            restore(shell)
            learner_ran = False
        send(wfd, {"ev": "need", "i": i})
        message = read()
        if message is None:
            return
        source, nonce = message["source"], message["nonce"]
        del message
        outputs, count = run_test(shell, snapshot, source, i, timeout)
        del source
        send(
            wfd,
            {
                "ev": "test",
                "i": i,
                "nonce": nonce,
                "outputs": outputs,
                "count": count,
                "s": round(clock() - began, 4),
            },
        )
    send(wfd, {"ev": "end"})
