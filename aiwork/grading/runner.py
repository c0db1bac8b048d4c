"""The notebook loop of a sandboxed process: learner cells in the shell, test cells by the harness.

Talks to the driver over two pipes (see ``protocol``). Messages, in notebook order, each with
the notebook's position ``nb``: ``start`` before each cell (the driver arms its deadline),
``cell`` with a learner cell's outputs, ``need`` when a test cell is next (its source — hidden
tests included — arrives only now, so learner code never had it), ``test`` with the test cell's
outputs and the nonce the driver sent with the source, and ``end``.

A cell that runs past the timeout is interrupted (``KeyboardInterrupt``, as nbgrader interrupts
the kernel) and gets nbgrader's ``Execute.error_on_timeout`` output after its own; the
notebook carries on. A cell that does not stop when interrupted is the driver's to kill.
"""

from __future__ import annotations

import builtins
import gc
import signal
import sys
import time
import traceback
import types

from aiwork.grading import capture, guards, protocol
from aiwork.grading.harness import CORE_MODULES, Snapshot, _put_back

_NOTHING = object()


class Alarm:
    """The per-cell timer: raises KeyboardInterrupt in the running cell and remembers it."""

    fired = False

    @classmethod
    def handler(cls, signum, frame):
        cls.fired = True
        raise KeyboardInterrupt()


on_alarm = Alarm.handler


def _arm(seconds: float) -> None:
    Alarm.fired = False
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))


def _disarm() -> bool:
    signal.setitimer(signal.ITIMER_REAL, 0)
    return Alarm.fired


def _timeout_output(on_timeout: dict) -> dict:
    return {
        "output_type": "error",
        "ename": str(on_timeout.get("ename", "CellTimeoutError")),
        "evalue": str(on_timeout.get("evalue", "")),
        "traceback": [str(x) for x in on_timeout.get("traceback", [])],
    }


def run_code_cell(shell, source: str, timeout: float, on_timeout: dict) -> tuple[list[dict], int]:
    capture.CURRENT = capture.CellOutputs()
    count = shell.execution_count
    fired = False
    try:
        _arm(timeout)
        try:
            shell.run_cell(source, store_history=True, silent=False)
        finally:
            fired = _disarm()
    except BaseException as exc:  # an alarm outside exec (e.g. while displaying): record it  # noqa: BLE001
        capture.CURRENT.error(type(exc).__name__, "", traceback.format_exception_only(exc))
        shell.execution_count = count + 1
        fired = fired or Alarm.fired
    outputs = capture.CURRENT.reset()
    if fired:
        outputs.append(_timeout_output(on_timeout))
    return outputs, count


def _format(value: object, snapshot: Snapshot) -> tuple[dict, dict]:
    """A test cell's result as nbgrader will read it (a number = partial credit). Never the
    shell's formatter: learner code could have replaced it to turn 0.5 into 1.0."""
    t = type(value)
    if t is int or t is float or t is bool or t is str:
        return {"text/plain": snapshot.builtins["repr"](value)}, {}
    why = snapshot.check(value)
    if why is not None:
        from aiwork.grading import messages

        raise guards.TamperingError(messages.text(snapshot.language, "tamper_result", reason=why))
    from IPython.core.formatters import DisplayFormatter

    return DisplayFormatter().format(value)


def _error_output(exc: BaseException, snapshot: Snapshot) -> dict:
    """The error of a test cell, formatted without running any of the submission's code (its
    exception classes' ``__str__`` and the like are not called)."""
    t = type(exc)
    check = snapshot.check
    ename = type.__dict__["__name__"].__get__(t)
    if check(t) is None and check(exc.args) is None:
        evalue = str(exc)
        lines = traceback.format_exception(t, exc, exc.__traceback__, chain=False)
        return {
            "output_type": "error",
            "ename": ename,
            "evalue": evalue,
            "traceback": [line.rstrip("\n") for line in lines],
        }
    return {"output_type": "error", "ename": ename, "evalue": "", "traceback": [f"{ename}"]}


def make_protect(snapshot: Snapshot, shell, functions_guarded: bool = False):
    """The full restore, callable while learner code may have rewired module globals: the
    harness's own modules and the snapshot's attributes are put back first, from values bound
    here as default arguments."""
    core = tuple(
        (mod.__dict__, snap) for mod, snap in snapshot.modules if mod.__name__ in CORE_MODULES
    )
    attrs = tuple(vars(snapshot).items())

    def protect(  # positional defaults: replacing them is refused by the audit hook
        _core=core,
        _attrs=attrs,
        _snapshot=snapshot,
        _setattr=object.__setattr__,
        _restore=Snapshot.restore,
        _put_back=_put_back,
        _shell=shell,
        _guarded=functions_guarded,
    ):
        for d, snap in _core:
            _put_back(d, snap)
        for key, value in _attrs:
            _setattr(_snapshot, key, value)
        _restore(_snapshot, _shell, _guarded)

    return protect


def _keeping_sink(protect, sink):
    """``protect``, then this test's output sink back in place (the restore puts back the
    template's)."""
    capture_dict = capture.__dict__

    def protect_test(_protect=protect, _sink=sink, _capture=capture_dict):
        _protect()
        _capture["CURRENT"] = _sink

    return protect_test


def run_test_cell(
    shell,
    snapshot: Snapshot,
    protect,
    source: str,
    index: int,
    timeout: float,
    exercise: dict,
    on_timeout: dict,
) -> tuple[list[dict], int, bool]:
    """(outputs, execution count, whether the submission's code ran during the test)."""
    # a fresh sink: learner code may have altered the old one's attributes
    sink = capture.CURRENT = capture.CellOutputs()
    count = shell.execution_count
    shell.execution_count = count + 1
    ns = shell.user_ns
    state = [False]
    result, error, fired = _NOTHING, None, False
    gc_enabled = gc.isenabled()
    gc.disable()  # no finalizer of the submission's garbage runs inside the test
    try:
        _arm(timeout)
        try:
            filename = guards.cell_filename(index)
            code, bound = guards.compile_test(
                source, filename, snapshot.transformer, snapshot.compile
            )
            snapshot.check_inputs(code, ns, exercise)
            watched = tuple(sorted({*bound, *exercise, *snapshot.builtins}))
            cmp, truth, call, star, state = guards.make_helpers(
                snapshot.check, _keeping_sink(protect, sink), ns, watched, snapshot.language
            )
            # the test's builtins: a private copy of the template's
            ns["__builtins__"] = dict(snapshot.builtins)
            try:
                test = types.FunctionType(code, ns)
            finally:
                ns["__builtins__"] = builtins
            result = test(cmp, truth, call, star)
        finally:
            fired = _disarm()
    except BaseException as exc:  # noqa: BLE001 - the test failed (or was interrupted)
        error = exc
    finally:
        if gc_enabled:
            gc.enable()
    learner_ran = bool(state[0])
    if learner_ran:
        protect()
        capture.CURRENT = sink
    outputs = [o for o in _sink_outputs(sink) if o.get("output_type") in ("stream", "display_data")]
    if error is None and result is not None and result is not _NOTHING:
        try:
            data, md = _format(result, snapshot)
            outputs.append(
                {
                    "output_type": "execute_result",
                    "execution_count": count,
                    "data": data,
                    "metadata": md,
                }
            )
        except BaseException as exc:  # noqa: BLE001
            error = exc
    if error is not None:
        outputs.append(_error_output(error, snapshot))
    if fired:
        outputs.append(_timeout_output(on_timeout))
    return outputs, count, learner_ran


def _sink_outputs(sink) -> list[dict]:
    """What the test printed and displayed (learner code may have tampered with the sink:
    anything malformed is dropped, and results and errors only come from the harness)."""
    try:
        outputs = capture.CellOutputs.reset(sink)
    except BaseException:  # noqa: BLE001
        return []
    return [o for o in outputs if type(o) is dict] if type(outputs) is list else []


def _own_functions(skip: frozenset = frozenset()) -> tuple:
    """(function, code, defaults, kwdefaults) of every function of the grading package but
    those in ``skip`` (their attributes are not read: each read is an audited event)."""
    found = []
    for name, mod in list(sys.modules.items()):
        if not name.startswith("aiwork.grading") or mod is None:
            continue
        for value in list(vars(mod).values()):
            members = vars(value).values() if isinstance(value, type) else (value,)
            for member in members:
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if (
                    isinstance(member, types.FunctionType)
                    and member.__module__ == name
                    and member not in skip
                ):
                    found.append(
                        (member, member.__code__, member.__defaults__, member.__kwdefaults__)
                    )
    return tuple(found)


def _put_back_functions(functions: tuple) -> None:
    """Each function's code and defaults as captured, set only where they differ: reading is
    one audit event, setting three (the sandbox's hook checks every write), after every cell."""
    for fn, code, defaults, kwdefaults in functions:
        if (
            fn.__code__ is not code
            or fn.__defaults__ is not defaults
            or fn.__kwdefaults__ is not kwdefaults
        ):
            fn.__code__, fn.__defaults__, fn.__kwdefaults__ = code, defaults, kwdefaults


def _bound_by(before: dict, after: dict) -> dict:
    """Names a cell bound (new, or bound to another object) and their values."""
    return {k: v for k, v in after.items() if before.get(k, _NOTHING) is not v}


def run_notebook(
    shell,
    snapshot: Snapshot,
    rfd: int,
    wfd: int,
    job: dict,
    nb: int,
    functions_guarded: bool = False,
) -> None:
    """``functions_guarded``: the sandbox's audit hook refuses any change to the code and
    defaults of the snapshot's functions (``audit.install(guarded=snapshot.function_set)``):
    the restores skip comparing them."""
    # Learner code may rebind module globals or swap function code; a running frame's own code
    # and fast locals are out of its reach (tracing and gc introspection are blocked by the
    # sandbox's audit hook), so everything this loop needs is captured here, before any
    # learner cell, and put back before each test cell (the functions the hook guards need
    # no putting back).
    guarded = snapshot.function_set if functions_guarded else frozenset()
    guard_functions = _own_functions(guarded)
    put_back_functions = _put_back_functions
    guard_attrs = tuple(vars(snapshot).items())
    set_attr = object.__setattr__
    restore, restore_core = snapshot.restore, snapshot.restore_core
    run_code, run_test = run_code_cell, run_test_cell
    protect = make_protect(snapshot, shell, functions_guarded)
    reader = protocol.Reader(rfd)
    read, send = reader.read, protocol.write_message
    timeout = float(job["timeout"])
    on_timeout = dict(job.get("on_timeout") or {})
    clock, wall = time.perf_counter, time.time
    ns = shell.user_ns
    exercise: dict = {}  # names the exercise's own cells bound -> the value they bound
    dirty = True
    # a kernel's signal handlers (the keeper reset them): the per-cell alarm interrupts the
    # first cell as it does every later one
    for signum, handler in snapshot.signals:
        try:
            signal.signal(signum, handler)
        except (ValueError, OSError, TypeError):
            continue
    for i, cell in enumerate(job["notebooks"][nb]["cells"]):
        send(wfd, {"ev": "start", "nb": nb, "i": i})
        began, began_at = clock(), wall()
        if cell["kind"] == "code":
            before = dict(ns) if cell.get("locked") else None
            outputs, count = run_code(shell, cell["source"], timeout, on_timeout)
            put_back_functions(guard_functions)
            for key, value in guard_attrs:
                set_attr(snapshot, key, value)
            restore_core()
            if before is not None:
                exercise.update(_bound_by(before, ns))
            dirty = True
            message = {"ev": "cell", "nb": nb, "i": i, "outputs": outputs, "count": count}
            message.update(s=round(clock() - began, 4), t=[began_at, wall()])
            send(wfd, message)
            continue
        if dirty:  # consecutive test cells: nothing but trusted code ran in between
            put_back_functions(guard_functions)
            for key, value in guard_attrs:
                set_attr(snapshot, key, value)
            restore(shell, functions_guarded)
            dirty = False
        send(wfd, {"ev": "need", "nb": nb, "i": i})
        message = read()
        if message is None:
            return
        source, nonce = message["source"], message["nonce"]
        del message
        before = dict(ns)
        outputs, count, learner_ran = run_test(
            shell, snapshot, protect, source, cell["index"], timeout, exercise, on_timeout
        )
        del source
        put_back_functions(guard_functions)
        for key, value in guard_attrs:
            set_attr(snapshot, key, value)
        restore_core()
        exercise.update(_bound_by(before, ns))
        dirty = learner_ran
        message = {"ev": "test", "nb": nb, "i": i, "nonce": nonce, "outputs": outputs}
        message.update(count=count, s=round(clock() - began, 4), t=[began_at, wall()])
        send(wfd, message)
    send(wfd, {"ev": "end", "nb": nb})
