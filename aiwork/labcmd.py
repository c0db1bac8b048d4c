"""``aiwork setup-lab`` and ``aiwork lab``: JupyterLab in Vietnamese with the offline assistant."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from aiwork import cliargs, paths
from aiwork.fileio import update_json_settings

# JupyterLab reads admin defaults from <prefix>/share/jupyter/lab/settings/overrides.json.
LAB_OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "vi_VN"},
    # no English "Jupyter news" pop-up for learners (and no call to the internet)
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
}


def overrides_path(prefix: str | None = None) -> Path:
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_lab_overrides(prefix: str | None = None) -> Path:
    """Merge the course's defaults into JupyterLab's overrides.json (keeps other keys), and
    make the environment's kernels explain learners' errors in Vietnamese
    (``aiwork.learner_errors``; inert while nbgrader or ``aiwork grade`` runs a notebook)."""
    from aiwork.learner_errors import write_kernel_config

    write_kernel_config(prefix)

    def merge(current: dict) -> None:
        for plugin, values in LAB_OVERRIDES.items():
            current.setdefault(plugin, {}).update(values)

    return update_json_settings(overrides_path(prefix), merge)


def _setup_lab(args) -> int:
    from aiwork.errors import InputError
    from aiwork.fileio import os_reason

    try:
        target = write_lab_overrides(args.prefix)
    except OSError as exc:
        raise InputError(
            f"Không ghi được thiết lập JupyterLab vào {overrides_path(args.prefix)}: "
            f"{os_reason(exc)}; anh/chị kiểm tra --prefix (thư mục môi trường Python)."
        ) from None
    print(f"JupyterLab defaults (Vietnamese UI) written to {target}")
    from aiwork.learner_errors import kernel_config_path

    print(f"Learners' errors in Vietnamese: {kernel_config_path(args.prefix)}")
    # nbgrader's assignment list fails until the exchange exists (it never creates it).
    paths.exchange_dir().mkdir(parents=True, exist_ok=True)
    return 0


def lab_command(port: int, open_browser: bool) -> list[str]:
    root = paths.repo_root()
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--LabApp.default_url=/lab/tree/course",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def _lab(args) -> int:
    write_lab_overrides()
    paths.exchange_dir().mkdir(parents=True, exist_ok=True)  # see _setup_lab
    env = dict(os.environ)
    # The offline assistant is the default: kernels start it in-process on first use.
    env.setdefault("AIWORK_BACKEND", "offline")
    env.setdefault("NO_PROXY", "127.0.0.1,localhost")
    # nbgrader runs `alembic` by name: make this environment's tools visible without activation.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    cmd = lab_command(args.port, args.browser)
    print("Khởi động JupyterLab với trợ lý ngoại tuyến (offline assistant)...", flush=True)
    print(f"Mở địa chỉ http://127.0.0.1:{args.port}/lab (có token in bên dưới).", flush=True)
    # JupyterLab replaces this process (same pid): a process manager's SIGTERM, or Ctrl+C,
    # reaches the server itself and no orphaned server is left behind.
    os.chdir(paths.repo_root())
    sys.stderr.flush()
    os.execve(cmd[0], cmd, env)
    return 1  # not reached


def register(subparsers) -> None:
    p = subparsers.add_parser("setup-lab", help="write JupyterLab defaults (Vietnamese UI)")
    p.add_argument("--prefix", default=None, help="environment prefix (default: this Python's)")
    p.set_defaults(func=_setup_lab)

    p = subparsers.add_parser("lab", help="start JupyterLab on the course, offline assistant")
    p.add_argument(
        "--port", type=cliargs.port, default=8888, help="port to listen on (default 8888)"
    )
    p.add_argument("--browser", action="store_true", help="open a browser window")
    p.set_defaults(func=_lab)
