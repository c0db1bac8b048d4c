"""Stored Responses: ``previous_response_id``, ``GET/DELETE /v1/responses/{id}`` and
``GET /v1/responses/{id}/input_items``, as the real Responses API keeps them.

Responses are stored unless the request says ``"store": false``, per owner (the API key and
the learner the hub gateway names: one learner never reads another's), bounded: at most
:data:`PER_OWNER` responses per owner and :data:`MAX_OWNERS` owners, the least recently used
going first. A stored response keeps the conversation it ended (input turns and its own
output), so a request continuing it with ``previous_response_id`` sees the whole exchange;
instructions are not carried over, as the API documents.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

PER_OWNER = 200
MAX_OWNERS = 2000

Owner = tuple[str, str]


@dataclass
class Stored:
    response: dict[str, Any]  # the Response object as returned (completed)
    turns: list[tuple[str, str]]  # the conversation including this response's output
    input_items: list[dict[str, Any]] = field(default_factory=list)
    call_names: dict[str, str] = field(default_factory=dict)  # call id -> tool name


class ResponseStore:
    def __init__(self, per_owner: int = PER_OWNER, max_owners: int = MAX_OWNERS) -> None:
        self.per_owner = per_owner
        self.max_owners = max_owners
        self._lock = threading.Lock()
        self._owners: OrderedDict[Owner, OrderedDict[str, Stored]] = OrderedDict()

    def put(self, owner: Owner, rid: str, stored: Stored) -> None:
        with self._lock:
            box = self._owners.pop(owner, None) or OrderedDict()
            self._owners[owner] = box
            box.pop(rid, None)
            box[rid] = stored
            while len(box) > self.per_owner:
                box.popitem(last=False)
            while len(self._owners) > self.max_owners:
                self._owners.popitem(last=False)

    def get(self, owner: Owner, rid: str) -> Stored | None:
        with self._lock:
            box = self._owners.get(owner)
            if box is None or rid not in box:
                return None
            self._owners.move_to_end(owner)
            box.move_to_end(rid)
            return box[rid]

    def delete(self, owner: Owner, rid: str) -> bool:
        with self._lock:
            box = self._owners.get(owner)
            return box is not None and box.pop(rid, None) is not None

    def clear(self) -> None:
        with self._lock:
            self._owners.clear()

    def __len__(self) -> int:
        with self._lock:
            return sum(len(box) for box in self._owners.values())


RESPONSES = ResponseStore()
