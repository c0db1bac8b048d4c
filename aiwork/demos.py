"""Lesson demos of a deployment behaviour, run offline (module 5).

``gui_qua_la_chan(loi_nhac, che_do)`` shows what an *external* model would receive through the
privacy guard, without any external model: the offline assistant is declared as a
``compatible`` endpoint for one request, so the assistant client applies
``aiwork.privacy.guard`` exactly as it does for a real provider. The previous assistant settings
are restored afterwards, whatever happens. Lessons call this instead of editing
``os.environ`` in front of learners.
"""

from __future__ import annotations

import os

_KEYS = ("AIWORK_BACKEND", "AIWORK_BASE_URL", "AIWORK_MODEL", "AIWORK_PRIVACY_MODE")


def gui_qua_la_chan(loi_nhac: str, che_do: str = "redact") -> str:
    """Send ``loi_nhac`` to a simulated external model through the privacy guard in mode
    ``che_do`` ("redact", "block" or "warn"); return what the external server received, or the
    guard's Vietnamese message when it blocked the request."""
    from aiwork.assistant import hoi, last_request, settings
    from aiwork.assistant.offline import ensure_started
    from aiwork.privacy.guard import PrivacyBlocked

    saved = {k: os.environ.get(k) for k in _KEYS}
    try:
        model = settings().model
        os.environ.update(
            AIWORK_BACKEND="compatible",
            AIWORK_BASE_URL=ensure_started(),
            AIWORK_MODEL=model,
            AIWORK_PRIVACY_MODE=che_do,
        )
        try:
            hoi(loi_nhac)
        except PrivacyBlocked as exc:
            return f"(bị chặn) {exc}"
        return str(last_request()["body"]["messages"][-1]["content"])
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
