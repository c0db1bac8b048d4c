"""Ratings and unanswered questions, logged locally without personal data.

Trainers read the log to see what the course fails to explain. Questions are passed through
the privacy redactor (module 5) before they are written, and no user name is recorded.
The log is a JSON-lines file: ``AIWORK_TUTOR_LOG`` or ``~/.local/share/aiwork/tutor-log.jsonl``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from aiwork.privacy.redact import redact


def log_path() -> Path:
    env = os.environ.get("AIWORK_TUTOR_LOG")
    return Path(env) if env else Path.home() / ".local" / "share" / "aiwork" / "tutor-log.jsonl"


def record(event: str, question: str, **fields: object) -> dict:
    """Append one event (``unanswered`` or ``rating``); the question is redacted first."""
    entry = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "event": event,
        "question": redact(question).text,
        **fields,
    }
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as exc:
        # The log serves trainers; the learner's answer must not be lost because of it.
        from aiwork.fileio import os_reason

        print(
            f"Lưu ý: không ghi được nhật ký trợ giảng {path} ({os_reason(exc)}); "
            "câu trả lời vẫn hiển thị bình thường.",
            file=sys.stderr,
        )
    return entry


def read(path: Path | None = None) -> list[dict]:
    p = path or log_path()
    if not p.exists():
        return []
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
