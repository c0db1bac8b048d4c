"""`aiwork lab` starts a real JupyterLab whose default UI language is Vietnamese."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import entry_points
from pathlib import Path

from aiwork.labcmd import LAB_OVERRIDES, write_lab_overrides

REPO = Path(__file__).resolve().parent.parent


def test_vietnamese_language_pack_installed():
    assert "vi_VN" in {e.name for e in entry_points(group="jupyterlab.languagepack")}


def test_overrides_merge_keeps_other_settings(tmp_path: Path):
    target = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True)
    target.write_text(
        json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}})
    )
    write_lab_overrides(str(tmp_path))
    data = json.loads(target.read_text())
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert data["@jupyterlab/translation-extension:plugin"]["locale"] == "vi_VN"
    assert LAB_OVERRIDES["@jupyterlab/translation-extension:plugin"]["locale"] == "vi_VN"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read().decode())


def test_aiwork_lab_serves_vietnamese_lab(tmp_path: Path):
    port = _free_port()
    token = "aiwork-test"
    env = dict(
        os.environ,
        JUPYTER_TOKEN=token,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "us"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiwork.cli", "lab", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else "lab exited"
                assert time.monotonic() < deadline, "JupyterLab did not start within 60 s"
                time.sleep(0.5)
        settings = _get(
            f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}"
        )
        locale = settings["settings"].get("locale") or json.loads(settings["raw"] or "{}").get(
            "locale"
        )
        schema_default = settings["schema"]["properties"]["locale"]["default"]
        assert "vi_VN" in (locale, schema_default)
        langs = _get(f"{base}/lab/api/translations/?token={token}")
        assert "vi_VN" in langs["data"]
        tree = _get(f"{base}/api/contents/course?token={token}")
        assert any(item["name"] == "01-loi-nhac" for item in tree["content"])
        # `aiwork lab` became JupyterLab (exec): the pid a process manager signals is the
        # server's own, so SIGTERM cannot leave an orphaned server behind (issue 20, item 10)
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")
        assert any(b"jupyter" in part for part in cmdline)
        assert f"--ServerApp.port={port}".encode() in cmdline
    finally:
        proc.terminate()  # SIGTERM, as systemd or supervisord would send
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert not _servers_on(port), "a JupyterLab server outlived SIGTERM to `aiwork lab`"


def _servers_on(port: int) -> list[int]:
    """Pids of processes whose command line serves ``port`` (left-over servers)."""
    flag = f"--ServerApp.port={port}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if flag in (entry / "cmdline").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
