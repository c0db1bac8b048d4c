"""Per-process caches that graders consult, safe to share with learner code.

A notebook grades the same answer several times (the learner's self-checks, then the test
cells), and some results take a while to build (module 4's figure pools, the expected
figures). A ``Memo`` keeps them for the process. Two rules make that safe under grading:

* **Frozen entries are bytes.** ``aiwork grade`` fills the memos once in its template process
  (its warm-up) and calls ``freeze_all``: the entries are then kept pickled, in a read-only
  mapping, and every sandbox forked from the template unpickles its own copy on first use —
  so the work is paid once per run instead of once per notebook, and nothing a sandbox does
  to its copy reaches the template or another learner.
* **Reset before every test cell.** The grading harness puts back each memo's frozen entries
  and empties its other entries before a test cell runs (``reset``), so an entry planted or
  an object altered by learner code is gone: a test cell only sees entries computed by
  trusted code. Keys must be immutable (strings, numbers, bytes, tuples of them).

Outside grading (lessons, self-checks in the lab) a memo is a small LRU-style cache.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from hashlib import sha256
from pathlib import Path
from pickle import HIGHEST_PROTOCOL, dumps, loads
from types import MappingProxyType
from typing import Any

_ALL: list[Memo] = []


class Memo:
    """A named cache of at most ``size`` live entries (the oldest is dropped first)."""

    def __init__(self, name: str, size: int = 16) -> None:
        self.name = name
        self.size = size
        self._local: dict[Hashable, Any] = {}
        self._frozen: Mapping[Hashable, bytes] = MappingProxyType({})
        _ALL.append(self)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The entry for ``key``: a live one, else a copy of the frozen one, else ``compute()``
        (a ``None`` result means "could not build it" and is not kept)."""
        local = self._local
        if key in local:
            return local[key]
        blob = self._frozen.get(key)
        value = loads(blob) if blob is not None else compute()
        if value is not None:
            self.put(key, value)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` as the live entry for ``key`` (dropping the oldest when full)."""
        local = self._local
        if key not in local and len(local) >= self.size:
            local.pop(next(iter(local)))
        local[key] = value

    def get_for_file(self, path: str | Path, compute: Callable[[], Any]) -> Any:
        """The entry for the file's current content (see ``file_key``); ``compute()`` alone
        when the file cannot be read (it then says why in its own words)."""
        try:
            raw = Path(path).read_bytes()
        except OSError:
            return compute()
        return self.get(file_key(raw), compute)

    def freeze(self) -> None:
        """Keep the live entries as this process's frozen ones (pickled, read-only)."""
        frozen = dict(self._frozen)
        for key, value in self._local.items():
            try:
                frozen[key] = dumps(value, protocol=HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - e.g. a live client: such an entry is not shared
                continue
        self._frozen = MappingProxyType(frozen)
        self._local = {}

    def state(self) -> Mapping[Hashable, bytes]:
        return self._frozen

    def reset(self, frozen: Mapping[Hashable, bytes]) -> None:
        """Back to ``frozen`` (from ``state()``) with no live entries. Bypasses attribute hooks:
        learner code may have replaced them."""
        object.__setattr__(self, "_frozen", frozen)
        object.__setattr__(self, "_local", {})

    def __repr__(self) -> str:
        return f"Memo({self.name!r}, live={len(self._local)}, frozen={len(self._frozen)})"


def file_key(raw: bytes) -> bytes:
    """The key of a file's content: equal bytes, equal key."""
    return sha256(raw).digest()


def memos() -> tuple[Memo, ...]:
    return tuple(_ALL)


def freeze_all() -> None:
    for memo in _ALL:
        memo.freeze()
