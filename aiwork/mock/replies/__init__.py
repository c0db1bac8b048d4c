"""Reply generators, one module per family; :mod:`aiwork.mock.router` picks one."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ToolCall:
    call_id: str
    name: str
    arguments: str  # JSON text, as on the wire


@dataclass
class Reply:
    text: str | None
    task: str  # which family answered: "draft", "summarise", "answer", ...
    tool_calls: list[ToolCall] = field(default_factory=list)
    hallucinated: bool = False  # a factual answer invented without context
    citations: list[str] = field(default_factory=list)


def pick(seed: str, options: list[str] | tuple[str, ...], salt: int = 0) -> str:
    """A deterministic choice among ``options`` driven by the request digest."""
    return options[(int(seed[salt * 4 : salt * 4 + 8], 16)) % len(options)]
