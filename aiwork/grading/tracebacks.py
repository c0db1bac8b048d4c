"""Same tracebacks, less repeated work: a failing cell's error costs a notebook process less.

A cell that raises (every failed test cell: an ``AssertionError``) is formatted by IPython's
``ultratb`` through ``stack_data``, which highlights each frame's source with pygments. Two
costs repeat for nothing, in a stock kernel as in a grading process:

* ``stack_data.utils._pygmented_with_ranges`` defines a new lexer class at every call (to
  close over the highlighted ranges), so pygments processes the Python lexer's token table
  again (its regular expressions, about 5 ms) for every frame of every traceback. Here the
  class is made once per base lexer and the ranges are an attribute of each lexer object:
  the same tokens, the same highlighted lines.
* IPython 9 formats every error a second time, for ``history_manager.exceptions`` (read by
  ``%history``-style tools, never by a grading run). ``lazy_stored_exception`` keeps the
  name and message as IPython does and formats the traceback on first access.
* ``inspect.getmodule`` of a frame whose file does not exist (a cell: ``<ipython-input-…>``)
  walks the whole of ``sys.modules`` (about 1,800 modules in a grading process, ~0.7 ms) and
  finds nothing, and one traceback asks it four to six times for the same cell (``ultratb``'s
  frame filter, ``getsourcefile``, ``findsource``, nested). ``one_module_scan`` asks it once
  per cell file and remembers, for the time of one traceback, the files it did not find.
* ``ultratb`` makes, for every traceback, a new pygments style class
  (``stack_data.style_with_executing_node``) and a new ``Terminal256Formatter`` for it,
  which converts the whole style to terminal colours (about 1.5 ms). ``shared_formatters``
  makes each (style, highlight) class once and one formatter per such class, while a
  traceback is formatted; a formatter holds no state between two ``format`` calls.

The template applies these before it forks (``forkserver.warm_up``); each notebook process
inherits them. Outputs are unchanged: tests/grading/test_tracebacks.py compares them with the
unpatched formatting.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import CodeType, FrameType, TracebackType
from typing import Any

_LEXERS: dict[type, type] = {}


def _ranges_lexer(base: type) -> type:
    """One subclass of ``base`` marking tokens inside ``self._ranges`` as executing (what
    stack_data's per-call ``MyLexer`` does with its closure)."""
    cls = _LEXERS.get(base)
    if cls is None:

        class RangesLexer(base):  # type: ignore[misc, valid-type]
            _ranges: tuple = ()

            def get_tokens(self, text):
                length = 0
                ranges = self._ranges
                for ttype, value in super().get_tokens(text):
                    if any(start <= length < end for start, end in ranges):
                        ttype = ttype.ExecutingNode
                    length += len(value)
                    yield ttype, value

        cls = _LEXERS[base] = RangesLexer
    return cls


def pygmented_with_ranges(formatter, code, ranges):
    """``stack_data.utils._pygmented_with_ranges`` without a new class per call."""
    import pygments
    from pygments.lexers import get_lexer_by_name

    lexer = _ranges_lexer(type(get_lexer_by_name("python3")))(stripnl=False)
    lexer._ranges = ranges
    try:
        highlighted = pygments.highlight(code, lexer, formatter)
    except Exception:  # noqa: BLE001 - as stack_data: code without highlighting
        highlighted = code
    return highlighted.splitlines()


def share_lexer_class() -> bool:
    """Install :func:`pygmented_with_ranges` where stack_data looks it up (IPython's tracebacks
    import it; a version without the function is left alone)."""
    try:
        import stack_data.core as core
    except ImportError:
        return False
    if not callable(getattr(core, "_pygmented_with_ranges", None)):
        return False
    core._pygmented_with_ranges = pygmented_with_ranges
    return True


class LazyStoredException(Mapping):
    """What IPython stores for an error (``ename``, ``evalue``, ``traceback``), with the
    traceback formatted when first read instead of at every failing cell."""

    __slots__ = ("_data", "_format")

    def __init__(self, exception: BaseException, format_all: Callable[[], dict]) -> None:
        self._data: dict[str, Any] = {
            "ename": type(exception).__name__,
            "evalue": str(exception),
        }
        self._format: Callable[[], dict] | None = format_all

    def _full(self) -> dict[str, Any]:
        if self._format is not None:
            fmt, self._format = self._format, None
            full = dict(fmt())
            full.update(self._data)  # the name and message as they were when it was raised
            self._data = full
        return self._data

    def __getitem__(self, key: str) -> Any:
        if key in ("ename", "evalue") and self._format is not None:
            return self._data[key]
        return self._full()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._full())

    def __len__(self) -> int:
        return len(self._full())

    def __repr__(self) -> str:
        return repr(self._full())


def _code_of(obj: object) -> CodeType | None:
    if isinstance(obj, FrameType):
        return obj.f_code
    if isinstance(obj, TracebackType):
        return obj.tb_frame.f_code
    if isinstance(obj, CodeType):
        return obj
    return None


@contextmanager
def one_module_scan() -> Iterator[None]:
    """While formatting one traceback: ``inspect.getmodule`` of a frame, traceback or code
    object (none has ``__module__`` or ``__name__``, so the answer depends only on its file and
    on the modules loaded) answers ``None`` at once when it already answered ``None`` for the
    same file and arguments with the same number of modules loaded, instead of walking
    ``sys.modules`` again. Other objects, and every first call, go to the function in place."""
    import inspect

    original = inspect.getmodule
    misses: set[tuple[str, str | None, int]] = set()

    def getmodule(object, _filename=None):  # inspect's own signature
        code = _code_of(object)
        if code is None:
            return original(object, _filename)
        # With the code's own file name (what getsourcefile passes), the same question
        name = code.co_filename
        key = (name, None if _filename == name else _filename, len(sys.modules))
        if key in misses:
            return None
        if _filename is None and name.startswith("<"):
            # A cell's pseudo file: getmodule would look it up as abspath(name) after asking
            # getsourcefile, which asks getmodule(object, name) — a second walk, for the same
            # answer. Asked with the name at once: one walk.
            _filename = name
        module = original(object, _filename)
        if module is None:
            misses.add(key)
        return module

    inspect.getmodule = getmodule  # inspect's own functions look it up there too
    try:
        yield
    finally:
        if inspect.getmodule is getmodule:
            inspect.getmodule = original


_STYLES: dict[tuple, type] = {}  # (base style, highlight) -> stack_data's style class
_FORMATTERS: dict[type, Any] = {}  # such a style class -> its Terminal256Formatter


@contextmanager
def shared_formatters() -> Iterator[None]:
    """While formatting one traceback: ``stack_data.style_with_executing_node`` gives the
    class it made before for the same arguments, and ``Terminal256Formatter(style=...)`` of
    such a class (nothing else) the formatter made before for it."""
    try:
        import stack_data
        from pygments.formatters import terminal256
    except ImportError:
        yield
        return
    make_style = stack_data.style_with_executing_node
    base = terminal256.Terminal256Formatter

    def style_with_executing_node(style, modifier):
        key = (style, modifier)
        try:
            made = _STYLES.get(key)
        except TypeError:  # an unhashable argument: as stack_data
            return make_style(style, modifier)
        if made is None:
            made = _STYLES[key] = make_style(style, modifier)
        return made

    class Terminal256Formatter(base):  # type: ignore[misc, valid-type]
        def __new__(cls, **options):
            style = options.get("style")
            if list(options) != ["style"] or not any(style is s for s in _STYLES.values()):
                return base(**options)
            formatter = _FORMATTERS.get(style)
            if formatter is None:
                formatter = _FORMATTERS[style] = base(style=style)
            return formatter  # an instance of ``base``: this class's __init__ does not run

    stack_data.style_with_executing_node = style_with_executing_node
    terminal256.Terminal256Formatter = Terminal256Formatter
    try:
        yield
    finally:
        if stack_data.style_with_executing_node is style_with_executing_node:
            stack_data.style_with_executing_node = make_style
        if terminal256.Terminal256Formatter is Terminal256Formatter:
            terminal256.Terminal256Formatter = base


@contextmanager
def formatting() -> Iterator[None]:
    """The scope of one traceback's formatting (``GradingShell.showtraceback``)."""
    with one_module_scan(), shared_formatters():
        yield
