"""Server-sent events as the SDK reads them."""

from __future__ import annotations

import json
from typing import Any


def frame(data: dict[str, Any], event: str | None = None) -> bytes:
    payload = json.dumps(data, ensure_ascii=False)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {payload}\n\n".encode()


DONE = b"data: [DONE]\n\n"


def pieces(text: str, words_per_piece: int = 3) -> list[str]:
    """Split text into small deltas that concatenate back to exactly ``text``."""
    if not text:
        return []
    tokens: list[str] = []
    current = ""
    count = 0
    for ch in text:
        current += ch
        if ch.isspace() and current.strip():
            count += 1
            if count >= words_per_piece:
                tokens.append(current)
                current, count = "", 0
    if current:
        tokens.append(current)
    return tokens


def chunks(text: str, size: int = 12) -> list[str]:
    """Fixed-size character chunks (tool-call arguments stream this way: JSON has few spaces)."""
    return [text[i : i + size] for i in range(0, len(text), size)]
