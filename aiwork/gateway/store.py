"""The usage log (SQLite): one row per model request, the source of quotas and cost reports.

One database file owned by the gateway service. Quotas are computed from the log itself
(sum of today's tokens for a user), so there is no second counter that could drift from it.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from aiwork.gateway.settings import LOCAL_UTC_OFFSET_HOURS

_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,              -- UTC ISO time of the request
    day TEXT NOT NULL,             -- local (UTC+7) calendar day, the quota period
    user TEXT NOT NULL,
    endpoint TEXT NOT NULL,        -- e.g. chat/completions
    model TEXT,
    stream INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    total_tokens INTEGER NOT NULL,
    estimated INTEGER NOT NULL,    -- 1 when the upstream reported no usage and we estimated
    status INTEGER NOT NULL,       -- HTTP status returned to the learner
    upstream TEXT NOT NULL         -- 'offline' or the upstream host
);
CREATE INDEX IF NOT EXISTS usage_user_day ON usage(user, day);
"""


def local_day(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return (now.astimezone(UTC) + timedelta(hours=LOCAL_UTC_OFFSET_HOURS)).date().isoformat()


@dataclass(frozen=True)
class UsageRow:
    user: str
    requests: int
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class UsageStore:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection guarded by a lock: the gateway is a single Tornado loop, but the CLI
        # and tests may share a store across threads.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def record(
        self,
        user: str,
        endpoint: str,
        model: str | None,
        stream: bool,
        prompt_tokens: int,
        completion_tokens: int,
        estimated: bool,
        status: int,
        upstream: str,
        now: datetime | None = None,
    ) -> None:
        now = now or datetime.now(UTC)
        with self._lock:
            self._db.execute(
                "INSERT INTO usage (ts, day, user, endpoint, model, stream, prompt_tokens,"
                " completion_tokens, total_tokens, estimated, status, upstream)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    now.astimezone(UTC).isoformat(timespec="seconds"),
                    local_day(now),
                    user,
                    endpoint,
                    model,
                    int(stream),
                    prompt_tokens,
                    completion_tokens,
                    prompt_tokens + completion_tokens,
                    int(estimated),
                    status,
                    upstream,
                ),
            )

    def used_on(self, user: str, day: str | None = None) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT COALESCE(SUM(total_tokens), 0) FROM usage WHERE user=? AND day=?",
                (user, day or local_day()),
            ).fetchone()
        return int(row[0])

    def report(self, since: date | str, until: date | str | None = None) -> list[UsageRow]:
        """Per-user totals over local days [since, until] (inclusive), largest first."""
        until = until or since
        with self._lock:
            rows = self._db.execute(
                "SELECT user, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),"
                " SUM(total_tokens) FROM usage WHERE day BETWEEN ? AND ?"
                " GROUP BY user ORDER BY SUM(total_tokens) DESC, user",
                (str(since), str(until)),
            ).fetchall()
        return [UsageRow(*r) for r in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
