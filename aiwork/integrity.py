"""Refuse a damaged database (the gradebook, the gateway's usage log) before any command reads
or writes it.

nbgrader's ``Gradebook`` runs ``create_all`` on whatever it opens: a zero-byte or deleted
``gradebook.db`` silently becomes an empty gradebook (an official report of "0/10"), and a
corrupt one gives SQLAlchemy tracebacks. :func:`check_gradebook` opens the file read-only with
``sqlite3`` first and raises an :class:`~aiwork.errors.InputError` naming the file and the fix
when it is missing, empty, not SQLite, corrupt, or lacks nbgrader's tables. Nothing is written.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from pathlib import Path

from aiwork.errors import InputError

GRADEBOOK_NAME = "gradebook.db"
# The tables nbgrader's schema (alembic head e43177bfe90b) creates; all are needed.
GRADEBOOK_TABLES = frozenset(
    {
        "alembic_version",
        "assignment",
        "base_cell",
        "comment",
        "course",
        "grade",
        "grade_cells",
        "notebook",
        "solution_cells",
        "source_cell",
        "student",
        "submitted_assignment",
        "submitted_notebook",
        "task_cells",
    }
)
SQLITE_MAGIC = b"SQLite format 3\x00"
RESTORE = (
    "Anh/chị khôi phục tệp này từ bản sao lưu gần nhất (lệnh không tự tạo sổ điểm mới để "
    "tránh mất điểm)."
)


def check_gradebook(path: str | Path, *, missing_ok: bool = False) -> bool:
    """Raise ``InputError`` unless ``path`` is a sound nbgrader gradebook.

    Returns False (and raises nothing) only when the file does not exist and ``missing_ok``.
    """
    return check_sqlite(path, GRADEBOOK_TABLES, what="Sổ điểm", fix=RESTORE, missing_ok=missing_ok)


def check_sqlite(
    path: str | Path,
    tables: frozenset[str] | set[str],
    *,
    what: str,
    fix: str,
    missing_ok: bool = False,
) -> bool:
    """Raise ``InputError`` (naming ``what``, the file and ``fix``) unless ``path`` is a sound
    SQLite database holding ``tables``. Opened read-only (read-write only to roll back a hot
    journal a killed command left): nothing else is written, nothing created.
    Returns False only when the file does not exist and ``missing_ok``."""
    p = Path(path)
    if not p.exists():
        if missing_ok:
            return False
        raise InputError(f"Không tìm thấy {what.lower()} {p}. {fix}")
    if not p.is_file():
        raise InputError(f"{what} {p} không phải là một tệp. {fix}")
    try:
        with p.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        from aiwork.fileio import os_reason

        raise InputError(f"Không đọc được {what.lower()} {p}: {os_reason(exc)}.") from None
    if not head:
        raise InputError(f"{what} {p} rỗng (0 byte). {fix}")
    if head != SQLITE_MAGIC:
        raise InputError(f"{what} {p} không phải cơ sở dữ liệu SQLite (tệp bị hỏng). {fix}")
    # A command killed mid-transaction (kill -9 while grading) leaves a hot journal: SQLite
    # rolls it back to the last committed state on first access, which a read-only connection
    # cannot do ("attempt to write a readonly database"). Then open read-write (never "rwc":
    # nothing is created), as the next writer would.
    journal = p.with_name(p.name + "-journal")
    hot = journal.is_file() and journal.stat().st_size > 0
    uri = "file:" + urllib.parse.quote(str(p.resolve())) + ("?mode=rw" if hot else "?mode=ro")
    try:
        con = sqlite3.connect(uri, uri=True, timeout=30)
        try:
            verdict = con.execute("PRAGMA quick_check").fetchone()
            found = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{what} {p} bị hỏng ({exc}). {fix}") from None
    if not verdict or verdict[0] != "ok":
        detail = verdict[0] if verdict else "không rõ"
        raise InputError(f"{what} {p} bị hỏng (kiểm tra SQLite: {detail}). {fix}")
    missing = sorted(set(tables) - found)
    if missing:
        raise InputError(f"{what} {p} thiếu bảng {', '.join(missing)}. {fix}")
    return True
