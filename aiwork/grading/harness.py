"""The part of the sandboxed process that decides test cells and that learner code must not sway.

Learner cells run first in the shell; before each test cell the harness puts back what they
may have changed (a ``Snapshot`` taken in the template process, before any learner code
existed):

* builtins, the import system (``sys.meta_path``, ``sys.path_hooks``, ``sys.path``), trace and
  profile hooks, every signal handler, ``sys.stdout``/``sys.stderr``/``sys.displayhook``;
* the module dicts, function code and class dicts of the *protected* modules (the engine's
  own, the standard modules it and graders lean on, and the course's ``protected_modules``,
  e.g. its graders), so patching a grader changes nothing;
* the caches graders consult (``aiwork.memo.Memo``): back to the template's frozen entries.

Then the names a test cell reads are checked (``check_inputs``): a value must be plain data
or an object of a type that existed before learner code ran (or comes from trusted installed
code); the submission's functions, lambdas and classes may be called (``guards`` keeps the
verdict out of their reach); a name the exercise's own cells bound, or a builtin's name, may
not have been replaced by the submission's code. ``check`` (the trust test) is built once, with
everything it uses bound as default arguments, so learner code cannot rewire it.

Residual risk, stated plainly: learner code shares this process and the pipes to the driver.
The harness and the audit hook defeat the Python-level tricks in the hostile catalogue
(``tests/grading/hostile.yaml``); they do not stop

* a learner who speaks the pipe protocol (``protocol``): the process that runs learner code
  also reports the test results, so code that writes well-formed messages for the test cells
  before the harness does (having read their sources and nonces from the pipe itself) can
  report a failing test as passed. The nonce only proves the driver sent that test's source;
  it cannot prove who ran it. Garbled frames are detected and fail the submission;
* learner threads and signal handlers fed from the learner's child processes, which can run
  between the restore and the test's own steps;
* native-memory tricks (``ctypes`` and ``gc`` walks are refused by the audit hook, not proven
  impossible), code compiled under a trusted file name by means other than ``compile``, and
  frames reached through a generator suspended before the test.
"""

from __future__ import annotations

import builtins
import dis
import itertools
import operator
import os
import signal
import sys
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from aiwork.grading import messages
from aiwork.grading.guards import TamperingError

#: Modules always restored before every test cell (prefix match on dotted names): the engine
#: (which includes this harness) and the standard modules graders and the harness lean on.
#: A course adds its own (``AiworkGrade.protected_modules``).
PROTECTED = (
    "aiwork.grading",
    "aiwork.memo",
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
#: Restored after every learner cell and test cell (the harness's own messaging needs them).
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
        "aiwork.grading.harness",
        "aiwork.grading.guards",
        "aiwork.grading.messages",
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
_IS_NOT, _REPEAT = operator.is_not, itertools.repeat  # C functions, taken before learner code
_CODE, _DEFAULTS, _KWDEFAULTS = (
    operator.attrgetter(a) for a in ("__code__", "__defaults__", "__kwdefaults__")
)
#: How many values ``check`` looks at in one answer; a bigger answer is not trusted.
CHECK_BUDGET = 1_000_000


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
    signals: tuple[tuple[int, object], ...]
    keep_alive: tuple = field(repr=False)
    trusted_roots: tuple[str, ...] = ()
    protected: tuple[str, ...] = PROTECTED
    transformer: object = None
    memos: tuple = ()  # (aiwork.memo.Memo, its frozen entries) as the template left them
    memo_reset: object = None  # Memo.reset, the one way to put a memo back
    language: str = "en"
    check: Callable[[object], str | None] = field(default=None, repr=False)  # type: ignore[assignment]
    # the same contents as (mapping, keys, values) for a restore that compares in C; and every
    # module name the template had
    entries: tuple = field(default=(), repr=False)
    class_entries: tuple = field(default=(), repr=False)
    function_columns: tuple = field(default=((), (), (), ()), repr=False)
    # the same functions as a set, for the sandbox's audit hook (``audit.install(guarded=)``)
    function_set: frozenset = field(default=frozenset(), repr=False)
    known: frozenset = field(default=frozenset(), repr=False)

    @classmethod
    def capture(
        cls,
        trusted_roots: Iterable[str],
        alarm_handler: object,
        protected: Iterable[str] = (),
        language: str = "en",
    ) -> Snapshot:
        """Taken once in the template; contents are immutable (tuples and read-only views)."""
        from IPython.core.inputtransformer2 import TransformerManager

        prefixes = tuple(dict.fromkeys((*PROTECTED, *protected)))
        is_protected = _matcher(prefixes)
        modules, functions, classes = [], [], []
        for name, mod in sorted(sys.modules.items()):
            if not isinstance(mod, types.ModuleType) or not is_protected(name):
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
        signal.signal(signal.SIGALRM, alarm_handler)
        handlers = []
        for signum in sorted(set(signal.valid_signals()) - {signal.SIGKILL, signal.SIGSTOP}):
            try:
                handlers.append((int(signum), signal.getsignal(signum)))
            except (ValueError, OSError):
                continue
        all_types = _all_types()
        memo = sys.modules.get("aiwork.memo")
        memos = tuple((m, m.state()) for m in memo.memos()) if memo is not None else ()
        roots = _roots(trusted_roots)
        template_modules = MappingProxyType(
            {n: m for n, m in sys.modules.items() if isinstance(m, types.ModuleType)}
        )
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
            signals=tuple(handlers),
            keep_alive=(tuple(all_types), template_modules),
            trusted_roots=roots,
            protected=prefixes,
            transformer=TransformerManager(),
            memos=memos,
            memo_reset=memo.Memo.reset if memo is not None else None,
            language=language,
            check=make_check(all_types, roots, template_modules, language),
            entries=tuple((m.__dict__, tuple(snap), tuple(snap.values())) for m, snap in modules),
            class_entries=tuple(
                (klass, klass.__dict__, tuple(snap), tuple(snap.values()))
                for klass, snap in classes
            ),
            known=frozenset(sys.modules),
            function_columns=tuple(tuple(c) for c in zip(*functions, strict=True)) or ((),) * 4,
            function_set=frozenset(f[0] for f in functions),
        )

    # --- restoring -----------------------------------------------------------------------
    def restore_core(self) -> None:
        """After each cell: what the harness needs to report the cell (builtins and the
        modules that encode messages), so a learner who breaks ``len`` or ``json`` only
        breaks their own cells."""
        bdict = builtins.__dict__
        for key, value in self.builtins.items():
            if bdict.get(key, _MISSING) is not value:
                bdict[key] = value
        for mod, snap in self.modules:
            if mod.__name__ in CORE_MODULES:
                _put_back(mod.__dict__, snap)

    def restore(self, shell, functions_guarded: bool = False) -> list[str]:
        """Undo what learner code changed in the process; returns what was found changed.

        Each module's and class's entries are compared in C (``map`` of ``is_not``: no
        learner ``__eq__`` runs); only a mapping found changed is walked key by key.
        ``functions_guarded``: the sandbox's audit hook refuses every change to the code and
        defaults of ``function_set`` (``audit.install(guarded=...)``), so they are not
        compared (each read is an audited event: ~3 ms per restore for ~3,500 functions)."""
        found: list[str] = []
        # builtins first: everything below calls len, any, map, zip...
        bdict = builtins.__dict__
        for key, value in self.builtins.items():
            if bdict.get(key, _MISSING) is not value:
                bdict[key] = value
                found.append(f"builtins.{key}")
        missing, is_not, repeat = _MISSING, _IS_NOT, _REPEAT
        shadowing = self.builtins
        for d, keys, values in self.entries:
            if len(d) != len(keys) or any(map(is_not, map(d.get, keys, repeat(missing)), values)):
                name = d.get("__name__")
                for key, value in zip(keys, values, strict=True):
                    if d.get(key, missing) is not value:
                        d[key] = value
                        found.append(f"{name}.{key}")
                # a name added to a grader's module that hides a builtin
                for key in [k for k in d if k in shadowing and k not in keys]:
                    del d[key]
                    found.append(f"{name}.{key}")
        modules = sys.modules
        for mod, _ in self.modules:
            if modules.get(mod.__name__) is not mod:
                modules[mod.__name__] = mod
                found.append(f"sys.modules[{mod.__name__!r}]")
        extra = modules.keys() - self.known
        if extra:
            is_protected = _matcher(self.protected)
            for name in [n for n in extra if is_protected(n)]:
                # a module imported after the snapshot is kept only if it is real installed code
                if not self.trusted_file(getattr(modules[name], "__file__", None)):
                    del modules[name]
                    found.append(f"sys.modules[{name!r}]")
        # sys.settrace / sys.setprofile are refused by the sandbox's audit hook, so no trace
        # function can exist; threads started later would install threading's hooks
        import threading

        threading.settrace(None)  # type: ignore[arg-type]
        threading.setprofile(None)  # type: ignore[arg-type]
        for signum, handler in self.signals:
            try:
                if signal.getsignal(signum) is not handler:
                    signal.signal(signum, handler)
                    found.append(f"signal {signum}")
            except (ValueError, OSError, TypeError):
                continue
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
        fns, codes, defaults, kwdefaults = self.function_columns
        if not functions_guarded and (
            any(map(is_not, map(_CODE, fns), codes))
            or any(map(is_not, map(_DEFAULTS, fns), defaults))
            or any(map(is_not, map(_KWDEFAULTS, fns), kwdefaults))
        ):
            for fn, code, dflt, kwdflt in self.functions:
                if (
                    fn.__code__ is not code
                    or fn.__defaults__ is not dflt
                    or fn.__kwdefaults__ is not kwdflt
                ):
                    fn.__code__, fn.__defaults__, fn.__kwdefaults__ = code, dflt, kwdflt
                    found.append(f"{fn.__module__}.{fn.__qualname__}")
        sensitive = SENSITIVE_DUNDERS
        for klass, current, keys, values in self.class_entries:
            if len(current) == len(keys) and not any(
                map(is_not, map(current.get, keys, repeat(missing)), values)
            ):
                continue
            for key, value in zip(keys, values, strict=True):
                if key in ("__dict__", "__weakref__") or current.get(key, missing) is value:
                    continue
                try:
                    setattr(klass, key, value)
                except (AttributeError, TypeError):
                    continue
                found.append(f"{klass.__qualname__}.{key}")
            for key in [k for k in current if k not in keys and k in sensitive]:
                try:
                    delattr(klass, key)
                    found.append(f"{klass.__qualname__}.{key}")
                except (AttributeError, TypeError):
                    pass
        # caches graders consult: back to the template's frozen entries (Memo.reset, taken
        # from the template: learner code may have replaced the method on the class)
        for memo, frozen in self.memos:
            self.memo_reset(memo, frozen)  # type: ignore[misc]
        # the shell's own hooks: the test cell never goes through them, but display does
        shell.user_ns["__builtins__"] = builtins
        return found

    # --- trust ---------------------------------------------------------------------------
    def trusted_file(self, filename: str | None) -> bool:
        return (
            bool(filename)
            and not filename.startswith("<")
            and filename.startswith(self.trusted_roots)
        )

    def untrusted(self, value: object) -> str | None:
        """Why ``value`` cannot be handed to a test cell as it is, or None when it can."""
        return self.check(value)

    def check_inputs(self, code, namespace: dict, exercise: dict) -> None:
        """Raise TamperingError if a name the test reads holds what the test must not use.

        ``exercise`` maps names the exercise's own cells bound to the value they bound."""
        text, lang, check = messages.text, self.language, self.check
        for name in sorted(_global_loads(code)):
            value = namespace.get(name, _MISSING)
            if value is _MISSING:
                continue
            why = check(value)
            if why is None:
                continue
            bound = exercise.get(name, _MISSING)
            if (bound is not _MISSING and bound is not value and check(bound) is None) or (
                bound is _MISSING and name in self.builtins
            ):
                raise TamperingError(text(lang, "tamper_replaced", name=name, reason=why))
            if not _learner_callable(value):
                raise TamperingError(text(lang, "tamper_input", name=name, reason=why))


def _put_back(d: dict, snap) -> None:
    for key in [k for k in d if k not in snap]:
        del d[key]
    d.update(snap)


def _matcher(prefixes: tuple[str, ...]) -> Callable[[str], bool]:
    exact, dotted = frozenset(prefixes), tuple(p + "." for p in prefixes)
    return lambda name: name in exact or name.startswith(dotted)


def _roots(paths: Iterable[str]) -> tuple[str, ...]:
    """Trusted directories as they appear in code file names: real paths and the spellings
    the import system used (a virtual environment's symlinks)."""
    out: set[str] = set()
    for path in paths:
        for form in (os.path.realpath(path), os.path.abspath(path)):
            out.add(form.rstrip(os.sep) + os.sep)
    for entry in sys.path:
        real = os.path.realpath(entry or ".") + os.sep
        if any(real.startswith(r) for r in list(out)):
            out.add(os.path.abspath(entry or ".").rstrip(os.sep) + os.sep)
    return tuple(sorted(out))


def _learner_callable(value: object) -> bool:
    """A function, lambda, method or class the submission defined (tests may call them)."""
    t = type(value)
    mro = type.__dict__["__mro__"].__get__(t)
    return t is types.FunctionType or t is types.MethodType or any(k is type for k in mro)


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


_LOADS = frozenset({"LOAD_NAME", "LOAD_GLOBAL"})
_STORES = frozenset({"STORE_NAME", "STORE_GLOBAL", "DELETE_NAME", "DELETE_GLOBAL"})


def _global_loads(code: types.CodeType) -> set[str]:
    """Names the compiled test (and the scopes nested in it) reads from the namespace, less
    those its top level binds before it first reads them (the test's own variables)."""
    out: set[str] = set()
    stored: set[str] = set()
    for ins in dis.get_instructions(code):
        if ins.opname in _LOADS and isinstance(ins.argval, str) and ins.argval not in stored:
            out.add(ins.argval)
        elif ins.opname in _STORES:
            stored.add(ins.argval)
    stack = [k for k in code.co_consts if isinstance(k, types.CodeType)]
    while stack:
        c = stack.pop()
        for ins in dis.get_instructions(c):
            if ins.opname in _LOADS and isinstance(ins.argval, str):
                out.add(ins.argval)
        stack.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
    return out


def make_check(
    all_types: list[type],
    roots: tuple[str, ...],
    template_modules: MappingProxyType,
    language: str,
) -> Callable[[object], str | None]:
    """The trust test: why a value was made by learner code, or None if it was not.

    Plain data and containers of it, types that existed in the template, and objects, types,
    functions and modules of trusted installed code are trusted. Everything it uses is bound as
    a default argument (no globals, no closure), and it never calls a method of the value."""
    type_ids = frozenset(id(t) for t in all_types)
    data_ids = frozenset(id(t) for t in _DATA_TYPES)
    container_ids = frozenset(id(t) for t in _CONTAINERS)
    dict_id = id(dict)
    static_ids = frozenset(id(t) for t in (staticmethod, classmethod, property))
    gen_attrs = MappingProxyType(
        {
            id(types.GeneratorType): "gi_code",
            id(types.CoroutineType): "cr_code",
            id(types.AsyncGeneratorType): "ag_code",
        }
    )
    text = messages.text

    def check(  # everything below is a positional default: replacing them is audited
        value,
        /,
        _type=type,
        _id=id,
        _type_ids=type_ids,
        _data_ids=data_ids,
        _container_ids=container_ids,
        _dict_id=dict_id,
        _mro=type.__dict__["__mro__"].__get__,
        _tdict=type.__dict__["__dict__"].__get__,
        _tname=type.__dict__["__qualname__"].__get__,
        _module_type=types.ModuleType,
        _function_type=types.FunctionType,
        _method_type=types.MethodType,
        _code_of=types.FunctionType.__dict__["__code__"].__get__,
        _mdict=types.ModuleType.__dict__["__dict__"].__get__,
        _getattr=object.__getattribute__,
        _type_type=type,
        _gen_attrs=gen_attrs,
        _modules=sys.modules,
        _template_modules=template_modules,
        _roots=roots,
        _sensitive=SENSITIVE_DUNDERS,
        _static_ids=static_ids,
        _property=property,
        _str=str,
        _budget=CHECK_BUDGET,
        _text=text,
        _lang=language,
        _keep=(all_types,),
        _dict=dict,
        _list=list,
        _callable=callable,
        _attribute_error=AttributeError,
        _any=any,
    ):
        def trusted_file(name):
            return _type(name) is _str and not name.startswith("<") and name.startswith(_roots)

        stack = [(value, 0)]
        budget = _budget
        while stack:
            v, depth = stack.pop()
            budget -= 1
            if budget <= 0 or depth > 64:
                return _text(_lang, "reason_type", x="?")
            t = _type(v)
            tid = _id(t)
            if tid in _data_ids:
                continue
            if tid in _container_ids:
                items = v.items() if tid == _dict_id else v
                for item in items:
                    if tid == _dict_id:
                        stack.append((item[0], depth + 1))
                        stack.append((item[1], depth + 1))
                    else:
                        stack.append((item, depth + 1))
                continue
            mro = _mro(t)
            if _any(k is _module_type for k in mro):
                d = _mdict(v)
                name = d.get("__name__")
                if _template_modules.get(name) is v:
                    continue
                if _modules.get(name) is not v or not trusted_file(d.get("__file__")):
                    return _text(_lang, "reason_fake_module", x=name)
                continue
            if t is _function_type:
                if trusted_file(_code_of(v).co_filename):
                    continue
                return _text(_lang, "reason_function", x=_getattr(v, "__name__"))
            if t is _method_type:
                stack.append((_getattr(v, "__func__"), depth + 1))
                stack.append((_getattr(v, "__self__"), depth + 1))
                continue
            if tid in _gen_attrs:
                if trusted_file(_getattr(v, _gen_attrs[tid]).co_filename):
                    continue
                return _text(_lang, "reason_code")
            v_is_class = _any(k is _type_type for k in mro)
            if v_is_class:
                if _id(v) in _type_ids:
                    continue
                t = v
            if v_is_class or tid not in _type_ids:  # a type from after the template: its code
                if _id(_type(t)) not in _type_ids:
                    return _text(_lang, "reason_metaclass", x=_tname(t))
                for klass in _mro(t):
                    if _id(klass) in _type_ids:
                        continue
                    kd = _tdict(klass)
                    mod = _modules.get(kd.get("__module__"))
                    if mod is None or not trusted_file(_mdict(mod).get("__file__")):
                        return _text(_lang, "reason_type", x=_tname(klass))
                    for key, member in kd.items():
                        fn = member
                        if _id(_type(fn)) in _static_ids:
                            fn = _getattr(fn, "fget" if _type(fn) is _property else "__func__")
                        if _type(fn) is _function_type:
                            if not trusted_file(_code_of(fn).co_filename):
                                return _text(_lang, "reason_method", x=_tname(klass))
                        elif key in _sensitive and _callable(member):
                            return _text(_lang, "reason_dunder", x=_tname(klass), y=key)
            if not v_is_class:  # and what the object holds
                attrs = None
                try:
                    attrs = _getattr(v, "__dict__")
                except _attribute_error:
                    pass
                if _type(attrs) is _dict:
                    for part in _list(attrs.values())[:200]:
                        stack.append((part, depth + 1))
        return None

    return check
