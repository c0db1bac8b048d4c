"""Run the fault catalogue (``catalogue.py``) and the faults that need a real process.

Every catalogue case runs ``aiwork`` in-process on its own copy of a real class and checks:
the exit code; no traceback on stdout or stderr; the expected phrase in the message; at most
``max_lines`` lines on stderr; no crash log (the failure was an expected one); and, unless the
case says otherwise, every file of the workspace unchanged (hashed before and after).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from aiwork import cli
from aiwork.cli import main

from .catalogue import CASES, Case
from .conftest import copy_class

REPO = Path(__file__).resolve().parents[2]


def tree_hash(root: Path) -> dict[str, str]:
    """Relative path -> content hash ("dir" for folders) of everything under ``root``."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), root)] = "dir"
        for f in filenames:
            path = os.path.join(dirpath, f)
            if os.path.islink(path):
                out[os.path.relpath(path, root)] = "link:" + os.readlink(path)
                continue
            h = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            out[os.path.relpath(path, root)] = h.hexdigest()
    return out


def test_catalogue_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fault(case: Case, tmp_path, request, capsys, monkeypatch):
    ws = tmp_path / "ws"
    if case.needs_class:
        copy_class(request.getfixturevalue("base_class"), ws)
    (ws / "in").mkdir(parents=True, exist_ok=True)
    logs = tmp_path / "logs"
    monkeypatch.setenv(cli.LOG_DIR_ENV, str(logs))
    monkeypatch.setenv("AIWORK_TUTOR_LOG", str(tmp_path / "tutor-log.jsonl"))
    monkeypatch.setenv("AIWORK_GATEWAY_DB", str(tmp_path / "gateway-usage.sqlite"))
    monkeypatch.delenv("JUPYTERHUB_SERVICE_URL", raising=False)
    if case.setup:
        case.setup(ws)
    with case.around(ws) if case.around else contextlib.nullcontext():
        fields = {
            "ws": ws,
            "cls": ws / "lop-k1",
            "ex": ws / "exchange",
            "in": ws / "in",
            "busy_port": os.environ.get("FAULTS_BUSY_PORT", ""),
        }
        for key, value in case.env.items():
            monkeypatch.setenv(key, value.format(**fields))
        argv = [a.format(**fields) for a in case.argv]
        before = tree_hash(ws)
        capsys.readouterr()
        code = main(argv)
        out, err = capsys.readouterr()
        after = tree_hash(ws)

    shown = f"exit {code}\n--- stdout\n{out}\n--- stderr\n{err}"
    assert code == case.exit, shown
    assert "Traceback" not in out + err, shown
    assert not logs.exists(), f"handled as an unexpected error: {list(logs.iterdir())}\n{shown}"
    if case.says:
        assert case.says in err + out, shown
    if case.max_lines is not None:
        assert len([ln for ln in err.splitlines() if ln.strip()]) <= case.max_lines, shown
    if case.unchanged:
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"files changed: {changed}\n{shown}"
    if case.check:
        case.check(ws, out, err)


# --- faults of the boundary itself -----------------------------------------------------------


def test_unexpected_error_is_one_line_and_a_log(tmp_path, capsys, monkeypatch):
    from aiwork.lookup import cli as lookup_cli

    def broken(args):
        raise RuntimeError("lỗi lập trình giả định")

    monkeypatch.setenv(cli.LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setattr(lookup_cli, "_lookup", broken)
    assert main(["lookup", "khai sinh"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "RuntimeError" in lines[0]
    (log,) = (tmp_path / "logs").iterdir()
    assert str(log) in lines[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "lỗi lập trình giả định" in text and "aiwork lookup" in text


def test_unexpected_error_when_the_log_folder_is_unwritable(tmp_path, capsys, monkeypatch):
    from aiwork.lookup import cli as lookup_cli

    (tmp_path / "f").write_text("x")
    monkeypatch.setenv(cli.LOG_DIR_ENV, str(tmp_path / "f" / "logs"))  # under a file
    monkeypatch.setattr(lookup_cli, "_lookup", lambda args: 1 / 0)
    assert main(["lookup", "khai sinh"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "ZeroDivisionError" in err
    assert len(err.strip().splitlines()) == 1


def test_ctrl_c_is_one_line_and_exit_130(capsys, monkeypatch):
    from aiwork.lookup import cli as lookup_cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(lookup_cli, "_lookup", interrupted)
    assert main(["lookup", "khai sinh"]) == 130
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "Ctrl+C" in err


def test_broken_pipe_is_quiet(tmp_path):
    """`aiwork privacy scan BIG | head -1`: the reader goes away; no traceback, no noise."""
    big = tmp_path / "big.txt"
    big.write_text("Ông Nguyễn Văn An, CCCD 079203001234, SĐT 0905123456.\n" * 20000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiwork.cli", "privacy", "scan", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    proc.stdout.readline()
    proc.stdout.close()  # the reader is gone
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_busy_course_across_processes(request, tmp_path, capsys):
    """A real second process holds the class (as a running `aiwork grade` would)."""
    ws = copy_class(request.getfixturevalue("base_class"), tmp_path / "ws")
    root = ws / "lop-k1"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from aiwork.courselock import course_lock
                with course_lock({str(root)!r}, "grade"):
                    print("held", flush=True)
                    time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        before = tree_hash(ws)
        for cmd in ("release", "collect", "return"):
            assert main([cmd, "--course", str(root)]) == 2
            err = capsys.readouterr().err
            assert "aiwork grade, pid" in err and "Traceback" not in err
        assert tree_hash(ws) == before
    finally:
        holder.kill()
        holder.wait()
    # the holder died (kill -9): the kernel dropped its lock, the class is free again
    deadline = time.monotonic() + 10
    while main(["release", "--course", str(root)]) != 0:
        assert time.monotonic() < deadline, capsys.readouterr()
        time.sleep(0.2)
