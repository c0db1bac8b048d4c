"""The request log: what each request to the offline assistant carried, for graders.

One process-wide, thread-safe, bounded log. The HTTP server and the in-process transport both
write to it through the handler, so ``aiwork.assistant.requests_log()`` sees learner calls
made with ``hoi()``, ``get_client()`` or a plain ``OpenAI()``. The hub service exposes it as
``GET /mock/requests`` (``DELETE`` clears it).
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

MAX_ENTRIES = 1000

_lock = threading.Lock()
_entries: deque[dict[str, Any]] = deque(maxlen=MAX_ENTRIES)


def add(entry: dict[str, Any]) -> None:
    with _lock:
        _entries.append(entry)


def entries() -> list[dict[str, Any]]:
    with _lock:
        return list(_entries)


def last() -> dict[str, Any] | None:
    with _lock:
        return _entries[-1] if _entries else None


def clear() -> None:
    with _lock:
        _entries.clear()
