"""aiwork.integrity on a database a killed command left mid-transaction (hot journal)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from aiwork.integrity import check_sqlite

WRITER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN")
con.execute("INSERT INTO grade VALUES (2)")
con.execute("UPDATE grade SET score = 99")
con.execute("PRAGMA cache_size = 1")  # spill: the journal must be written before commit
for _ in range(2000):
    con.execute("INSERT INTO grade VALUES (randomblob(2000))")
print("in transaction", flush=True)
time.sleep(60)
"""


def test_a_hot_journal_left_by_a_killed_command_is_rolled_back_not_called_damaged(tmp_path):
    db = tmp_path / "gradebook.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE grade (score)")
    con.execute("INSERT INTO grade VALUES (1)")
    con.commit()
    con.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "in transaction"
    os.kill(writer.pid, signal.SIGKILL)  # as kill -9 in the middle of grading
    writer.wait()
    journal = db.with_name(db.name + "-journal")
    deadline = time.monotonic() + 5
    while not journal.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert journal.stat().st_size > 0  # a hot journal: a read-only open could not roll it back
    assert check_sqlite(db, {"grade"}, what="Sổ điểm", fix="") is True
    with sqlite3.connect(db) as after:
        assert after.execute("SELECT score FROM grade").fetchall() == [(1,)]
