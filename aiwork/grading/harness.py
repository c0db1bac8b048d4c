"""The part of the sandboxed process that runs test cells and that learner code must not sway.

Learner cells run first in the shell; before each test cell the harness puts back what they
may have changed (a snapshot taken in the template process, before any learner code existed):

* builtins, the import system (``sys.meta_path``, ``sys.path_hooks``, ``sys.path``), trace and
  profile hooks, the SIGALRM handler, ``sys.stdout``/``sys.stderr``/``sys.displayhook``;
* the module dicts, function code and class dicts of the *protected* modules (graders,
  aiwork and the standard modules graders lean on), so patching a grader changes nothing;
* test cells are compiled with the snapshot's own transformer manager, ``compile`` and
  ``exec`` — input/AST transformers and event callbacks a learner registered never see them.

Then the names a test cell reads from the learner's namespace are checked: their values must
be plain data, or objects of types that existed before learner code ran (or come from trusted
installed code). An answer that is an object with an always-true ``__eq__``, a ``str``
subclass, a lambda, or a fake module fails that test cell with a clear message.

Residual risk, stated plainly: learner code shares this process. The harness defeats the
Python-level tricks above; a learner who writes native-memory exploits is stopped by the
audit hook that blocks ``ctypes`` and ``gc`` introspection, not by a proof.
"""

from __future__ import annotations

import ast
import builtins
import dis
import os
import signal
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

#: Modules whose contents are restored before every test cell (prefix match on dotted names):
#: the graders, the toolkit (which includes this harness), and the standard modules graders
#: and the harness itself lean on.
PROTECTED = (
    "graders",
    "aiwork",
    "IPython.core.inputtransformer2",
    "struct",
    "select",
    "traceback",
    "linecache",
    "ast",
    "dis",
    "re",
    "json",
    "math",
    "string",
    "unicodedata",
    "collections",
    "functools",
    "itertools",
    "operator",
    "inspect",
    "dataclasses",
    "datetime",
    "decimal",
    "fractions",
    "difflib",
    "statistics",
    "textwrap",
    "typing",
    "types",
    "copy",
    "numbers",
    "os",
    "os.path",
    "posixpath",
    "pathlib",
    "io",
    "sys",
    "signal",
    "threading",
    "time",
    "random",
    "hashlib",
    "base64",
    "csv",
    "abc",
    "enum",
    "warnings",
)
#: Restored after every learner cell (the harness's own messaging depends on them).
CORE_MODULES = frozenset(
    {
        "json",
        "json.encoder",
        "struct",
        "os",
        "select",
        "sys",
        "aiwork.grading.protocol",
        "aiwork.grading.capture",
        "aiwork.grading.runner",
    }
)
#: Dunder methods whose override lets an object lie to a test (comparison, truth, text...).
SENSITIVE_DUNDERS = frozenset(
    {
        "__eq__",
        "__ne__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__bool__",
        "__len__",
        "__contains__",
        "__str__",
        "__repr__",
        "__format__",
        "__hash__",
        "__iter__",
        "__getitem__",
        "__getattribute__",
        "__getattr__",
        "__instancecheck__",
        "__subclasscheck__",
        "__class__",
        "__float__",
        "__int__",
        "__index__",
        "__abs__",
        "__add__",
        "__radd__",
        "__mul__",
        "__lower__",
        "__fspath__",
        "__array__",
    }
)
_DATA_TYPES = (str, int, float, bool, bytes, complex, type(None), type(Ellipsis))
_CONTAINERS = (list, tuple, set, frozenset, dict)
_MISSING = object()


class TamperingError(AssertionError):
    """Raised in place of a test cell whose inputs are not plain answers (Vietnamese text)."""


@dataclass
class Snapshot:
    """State captured in the template process before any learner code ran."""

    compile: object
    exec: object
    builtins: MappingProxyType
    meta_path: tuple
    path_hooks: tuple
    path: tuple
    modules: tuple[tuple[types.ModuleType, MappingProxyType], ...]
    functions: tuple[tuple[types.FunctionType, object, object, object], ...]
    classes: tuple[tuple[type, MappingProxyType], ...]
    type_ids: frozenset[int]
    keep_alive: tuple = field(repr=False)
    trusted_roots: tuple[str, ...] = ()
    transformer: object = None
    alarm_handler: object = None
    memos: tuple = ()  # (aiwork.memo.Memo, its frozen entries) as the template left them

    @classmethod
    def capture(cls, trusted_roots: Iterable[str], alarm_handler: object) -> Snapshot:
        """Taken once in the template; contents are immutable (tuples and read-only views)."""
        from IPython.core.inputtransformer2 import TransformerManager

        modules, functions, classes = [], [], []
        for name, mod in sorted(sys.modules.items()):
            if not isinstance(mod, types.ModuleType) or not _is_protected(name):
                continue
            d = mod.__dict__
            modules.append((mod, MappingProxyType(dict(d))))
            for value in list(d.values()):
                if isinstance(value, types.FunctionType) and value.__module__ == name:
                    functions.append(_function_state(value))
                elif isinstance(value, type) and value.__module__ == name:
                    classes.append((value, MappingProxyType(dict(value.__dict__))))
                    for member in value.__dict__.values():
                        fn = _unwrap_function(member)
                        if fn is not None:
                            functions.append(_function_state(fn))
        all_types = _all_types()
        memo = sys.modules.get("aiwork.memo")
        memos = tuple((m, m.state()) for m in memo.memos()) if memo is not None else ()
        return cls(
            compile=builtins.compile,
            exec=builtins.exec,
            builtins=MappingProxyType(dict(builtins.__dict__)),
            meta_path=tuple(sys.meta_path),
            path_hooks=tuple(sys.path_hooks),
            path=tuple(sys.path),
            modules=tuple(modules),
            functions=tuple(functions),
            classes=tuple(classes),
            type_ids=frozenset(id(t) for t in all_types),
            keep_alive=tuple(all_types),
            trusted_roots=tuple(os.path.realpath(r) + os.sep for r in trusted_roots),
            transformer=TransformerManager(),
            alarm_handler=alarm_handler,
            memos=memos,
        )

    # --- restoring -----------------------------------------------------------------------
    def restore_core(self) -> None:
        """After each learner cell: what the harness needs to report the cell (builtins and
        the modules that encode messages), so a learner who breaks ``len`` or ``json`` only
        breaks their own cells."""
        bdict = builtins.__dict__
        for key, value in self.builtins.items():
            if bdict.get(key, _MISSING) is not value:
                bdict[key] = value
        for mod, snap in self.modules:
            if mod.__name__ in CORE_MODULES:
                d = mod.__dict__
                for key, value in snap.items():
                    if d.get(key, _MISSING) is not value:
                        d[key] = value

    def restore(self, shell) -> list[str]:
        """Undo what learner code changed in the process; returns what was found changed."""
        found: list[str] = []
        for mod, snap in self.modules:
            d = mod.__dict__
            for key, value in snap.items():
                if d.get(key, _MISSING) is not value:
                    d[key] = value
                    found.append(f"{mod.__name__}.{key}")
            if sys.modules.get(mod.__name__) is not mod:
                sys.modules[mod.__name__] = mod
                found.append(f"sys.modules[{mod.__name__!r}]")
        known = {mod.__name__ for mod, _ in self.modules}
        for name in [n for n in list(sys.modules) if _is_protected(n) and n not in known]:
            # a module imported after the snapshot is kept only if it is real installed code
            if not self.trusted_file(getattr(sys.modules[name], "__file__", None)):
                del sys.modules[name]
                found.append(f"sys.modules[{name!r}]")
        # sys.settrace / sys.setprofile are refused by the sandbox's audit hook, so no trace
        # function can exist; threads started later would install threading's hooks
        import threading

        threading.settrace(None)  # type: ignore[arg-type]
        threading.setprofile(None)  # type: ignore[arg-type]
        signal.signal(signal.SIGALRM, self.alarm_handler)
        bdict = builtins.__dict__
        for key, value in self.builtins.items():
            if bdict.get(key, _MISSING) is not value:
                bdict[key] = value
                found.append(f"builtins.{key}")
        for lst, snap, label in (
            (sys.meta_path, self.meta_path, "sys.meta_path"),
            (sys.path_hooks, self.path_hooks, "sys.path_hooks"),
        ):
            if tuple(lst) != snap:
                lst[:] = snap
                found.append(label)
        if tuple(sys.path[: len(self.path)]) != self.path:
            sys.path[:] = self.path
            found.append("sys.path")
        for fn, code, defaults, kwdefaults in self.functions:
            if (
                fn.__code__ is not code
                or fn.__defaults__ is not defaults
                or fn.__kwdefaults__ is not kwdefaults
            ):
                fn.__code__, fn.__defaults__, fn.__kwdefaults__ = code, defaults, kwdefaults
                found.append(f"{fn.__module__}.{fn.__qualname__}")
        for klass, snap in self.classes:
            current = klass.__dict__
            for key, value in snap.items():
                if current.get(key, _MISSING) is not value and key not in (
                    "__dict__",
                    "__weakref__",
                ):
                    try:
                        setattr(klass, key, value)
                    except (AttributeError, TypeError):
                        continue
                    found.append(f"{klass.__qualname__}.{key}")
            for key in [k for k in current if k not in snap and k in SENSITIVE_DUNDERS]:
                try:
                    delattr(klass, key)
                    found.append(f"{klass.__qualname__}.{key}")
                except (AttributeError, TypeError):
                    pass
        # caches graders consult: back to the template's frozen entries, nothing else (an
        # entry planted or an object altered by learner code is dropped); set without the
        # memo's own methods or attribute hooks, which learner code could have replaced
        set_attr = object.__setattr__
        for memo, frozen in self.memos:
            set_attr(memo, "_frozen", frozen)
            set_attr(memo, "_local", {})
        # the shell's own hooks: the test cell never goes through them, but display does
        shell.user_ns["__builtins__"] = builtins
        return found

    # --- trust ---------------------------------------------------------------------------
    def trusted_file(self, filename: str | None) -> bool:
        if not filename or filename.startswith("<"):
            return False
        return os.path.realpath(filename).startswith(self.trusted_roots)

    def untrusted(self, value: object, budget: list[int], depth: int = 0) -> str | None:
        """Why ``value`` cannot be handed to a test cell, or None when it can."""
        if budget[0] <= 0 or depth > 8:
            return None
        budget[0] -= 1
        t = type(value)
        if t in _DATA_TYPES:
            return None
        if t in _CONTAINERS:
            items = value.items() if t is dict else value  # type: ignore[union-attr]
            for item in items:
                parts = item if t is dict else (item,)
                for part in parts:
                    reason = self.untrusted(part, budget, depth + 1)
                    if reason:
                        return reason
            return None
        if isinstance(value, types.ModuleType):
            if sys.modules.get(value.__name__) is not value:
                return f"mô-đun giả '{value.__name__}'"
            f = getattr(value, "__file__", None)
            return None if f is None or self.trusted_file(f) else f"mô-đun '{value.__name__}'"
        if isinstance(value, types.FunctionType):
            if self.trusted_file(value.__code__.co_filename):
                return None
            return f"hàm '{value.__name__}' do bài làm định nghĩa"
        if isinstance(value, type):
            return self._untrusted_type(value)
        reason = self._untrusted_type(t)
        if reason:
            return reason
        attrs = getattr(value, "__dict__", None)
        if type(attrs) is dict:
            for part in list(attrs.values())[:200]:
                reason = self.untrusted(part, budget, depth + 1)
                if reason:
                    return reason
        return None

    def _untrusted_type(self, t: type) -> str | None:
        if id(t) in self.type_ids:
            return None
        for klass in t.__mro__:
            if id(klass) in self.type_ids:
                continue
            mod = sys.modules.get(klass.__module__)
            if (
                klass.__module__ == "__main__"
                or mod is None
                or not self.trusted_file(getattr(mod, "__file__", None))
            ):
                return f"kiểu '{klass.__qualname__}' do bài làm định nghĩa"
            for key, member in klass.__dict__.items():
                fn = _unwrap_function(member)
                if fn is not None:
                    if not self.trusted_file(fn.__code__.co_filename):
                        return f"kiểu '{klass.__qualname__}' có phương thức do bài làm định nghĩa"
                elif key in SENSITIVE_DUNDERS and callable(member):
                    return f"kiểu '{klass.__qualname__}' ghi đè {key}"
        return None

    # --- running a test cell -------------------------------------------------------------
    def compile_test(self, source: str, filename: str) -> tuple[object, object | None]:
        """(body code, last-expression code or None): IPython's 'last_expr' display rule."""
        text = self.transformer.transform_cell(source)  # type: ignore[attr-defined]
        tree = ast.parse(text, filename=filename, mode="exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        compile_ = self.compile
        body = compile_(tree, filename, "exec", dont_inherit=True)  # type: ignore[operator]
        last_code = compile_(last, filename, "eval", dont_inherit=True) if last else None  # type: ignore[operator]
        return body, last_code

    def check_inputs(self, codes: Iterable[object], namespace: dict) -> None:
        """Raise TamperingError if a name the test reads holds a non-answer object."""
        loaded, stored = set(), set()
        for code in codes:
            if code is not None:
                _names(code, loaded, stored, top=True)
        budget = [20_000]
        for name in sorted(loaded):
            value = namespace.get(name, _MISSING)
            if value is _MISSING:
                continue
            reason = self.untrusted(value, budget)
            if reason:
                raise TamperingError(
                    f"Ô chấm điểm không dùng được biến '{name}': giá trị của nó là {reason}, "
                    "không phải một câu trả lời thông thường (chuỗi, số, danh sách...)."
                )


_PROTECTED_SET = frozenset(PROTECTED)
_PROTECTED_DOTTED = tuple(p + "." for p in PROTECTED)


def _is_protected(name: str) -> bool:
    return name in _PROTECTED_SET or name.startswith(_PROTECTED_DOTTED)


def _function_state(fn: types.FunctionType) -> tuple:
    return (fn, fn.__code__, fn.__defaults__, fn.__kwdefaults__)


def _unwrap_function(member: object) -> types.FunctionType | None:
    if isinstance(member, (staticmethod, classmethod)):
        member = member.__func__
    elif isinstance(member, property):
        member = member.fget
    return member if isinstance(member, types.FunctionType) else None


def _all_types() -> list[type]:
    seen: dict[int, type] = {}
    stack = [object]
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen[id(t)] = t
        try:
            stack.extend(type.__subclasses__(t))
        except TypeError:
            continue
    for t in vars(builtins).values():
        if isinstance(t, type):
            seen.setdefault(id(t), t)
    return list(seen.values())


_LOADS = {"LOAD_NAME", "LOAD_GLOBAL", "LOAD_DEREF", "LOAD_CLASSDEREF"}
_STORES = {"STORE_NAME", "STORE_GLOBAL"}


def _names(code, loaded: set, stored: set, top: bool) -> None:
    for ins in dis.get_instructions(code):
        if ins.opname in _LOADS and isinstance(ins.argval, str):
            if not (top and ins.argval in stored):
                loaded.add(ins.argval)
        elif top and ins.opname in _STORES:
            stored.add(ins.argval)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _names(const, loaded, stored, top=False)
