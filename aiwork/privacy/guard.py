"""The guard between a learner and a non-local model: redact, block or warn.

The assistant client and the hub gateway call :func:`guard_request` on every request body bound
for a model that is not on this machine/server. It walks every text field of an OpenAI chat
completions, responses, completions or embeddings body (string contents, content parts, tool
call arguments, ``instructions``, ``input``, ``prompt``...) and, by mode:

- ``redact`` (default): returns a copy with personal data replaced by typed placeholders; pass a
  :class:`PlaceholderMap` to keep the mapping and re-identify the reply with :func:`reidentify`;
- ``block``: raises :class:`PrivacyBlocked` whose message (Vietnamese) says what was found;
- ``warn``: returns the body unchanged and emits a :class:`PrivacyWarning` (Vietnamese).

The original body is never modified.
"""

from __future__ import annotations

import copy
import os
import warnings
from collections import Counter
from collections.abc import Callable
from typing import Any

from aiwork.privacy.detector import Finding, detect
from aiwork.privacy.patterns import KINDS
from aiwork.privacy.redact import PlaceholderMap, redact, reidentify

MODES = ("redact", "block", "warn")
DEFAULT_MODE = "redact"
MODE_ENV = "AIWORK_PRIVACY_MODE"  # the one setting; the gateway settings read the same name

# Keys whose string values are structure, not content (model ids, roles, part types, ids).
# Everything else that is a string is scanned: it is safer to look at too much than too little.
STRUCTURAL_KEYS = frozenset(
    {
        "model",
        "role",
        "type",
        "id",
        "tool_call_id",
        "call_id",
        "previous_response_id",
        "response_format",
        "tool_choice",
        "encoding_format",
        "service_tier",
        "reasoning_effort",
        "detail",
        "image_url",
        "url",
        "file_id",
        "format",
        "voice",
        "modalities",
        "stop",
    }
)

__all__ = [
    "DEFAULT_MODE",
    "MODES",
    "PrivacyBlocked",
    "PrivacyWarning",
    "guard_request",
    "mode_from_env",
    "reidentify",
    "summarize",
]


class PrivacyBlocked(Exception):
    """A request carried personal data and the guard is in ``block`` mode."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__(
            "Yêu cầu không được gửi tới mô hình bên ngoài vì có dữ liệu cá nhân: "
            f"{summarize(findings)}. Anh/chị hãy ẩn các thông tin này (ví dụ dùng "
            "`aiwork privacy redact`) rồi gửi lại (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; "
            "Công văn 557/BKHCN-CĐSQG)."
        )


class PrivacyWarning(UserWarning):
    """Personal data is about to leave for a non-local model (``warn`` mode)."""


# Every warning is shown, not only the first one from a given line.
warnings.simplefilter("always", PrivacyWarning)


def mask(value: str) -> str:
    """A hint of a value that does not disclose it: 0905******56, Ng***."""
    compact = value.replace(" ", "")
    if len(compact) <= 4:
        return "*" * len(compact)
    if sum(c.isdigit() for c in compact) >= len(compact) // 2:
        return compact[:2] + "*" * (len(compact) - 4) + compact[-2:]
    return compact[:2] + "***"


def summarize(findings: list[Finding]) -> str:
    """Vietnamese list of what was found: 'số căn cước ... (1: 05********34); họ và tên (2: ...)'."""
    counts = Counter(f.kind for f in findings)
    parts = []
    for kind in KINDS:
        if counts[kind]:
            hints = ", ".join(dict.fromkeys(mask(f.text) for f in findings if f.kind == kind))
            parts.append(f"{KINDS[kind].label_vi} ({counts[kind]}: {hints})")
    return "; ".join(parts) if parts else "không có"


def mode_from_env(env: dict[str, str] | None = None) -> str:
    mode = (env if env is not None else os.environ).get(MODE_ENV, DEFAULT_MODE).strip().lower()
    return mode if mode in MODES else DEFAULT_MODE


def _walk(node: Any, fn: Callable[[str], str], key: str | None = None) -> Any:
    """A copy of ``node`` with ``fn`` applied to every content string."""
    if isinstance(node, str):
        return node if key in STRUCTURAL_KEYS else fn(node)
    if isinstance(node, dict):
        return {k: (v if k in STRUCTURAL_KEYS else _walk(v, fn, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v, fn, key) for v in node]
    return copy.deepcopy(node)


def scan_request(body: dict[str, Any]) -> list[Finding]:
    """Every finding in every content string of ``body`` (offsets are per string)."""
    found: list[Finding] = []

    def collect(s: str) -> str:
        found.extend(detect(s))
        return s

    _walk(body, collect)
    return found


def guard_request(
    body: dict[str, Any], mode: str = DEFAULT_MODE, *, mapping: PlaceholderMap | None = None
) -> dict[str, Any]:
    """Check an OpenAI request body bound for a non-local model (see the module docstring)."""
    if mode not in MODES:
        raise ValueError(f"privacy mode must be one of {MODES}, not {mode!r}")
    if mode == "redact":
        mapping = mapping if mapping is not None else PlaceholderMap()
        return _walk(body, lambda s: redact(s, mapping).text)
    findings = scan_request(body)
    if findings and mode == "block":
        raise PrivacyBlocked(findings)
    if findings:
        warnings.warn(
            "Cảnh báo: yêu cầu gửi tới mô hình bên ngoài có dữ liệu cá nhân: "
            f"{summarize(findings)}. Anh/chị cân nhắc ẩn thông tin trước khi gửi.",
            PrivacyWarning,
            stacklevel=2,
        )
    return copy.deepcopy(body)


def reidentify_reply(node: Any, mapping: PlaceholderMap) -> Any:
    """A reply (text, or a parsed JSON response) with the original values put back locally."""
    return _walk(node, lambda s: reidentify(s, mapping))
