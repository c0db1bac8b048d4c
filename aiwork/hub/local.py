"""Run the real hub config on loopback in a throw-away directory (tests, capacity script).

    with LocalHub.start(trainers=["gv1"], python=ENV_PYTHON, course_root=COURSE) as hub:
        hv1 = hub.name("hv1"); hub.create_user(hv1); hub.start_server(hv1)

The hub runs as the systemd unit runs it (``<env>/bin/aiwork hub run --config FILE``), from the
course environment whose interpreter is ``python`` (the tests give one installed from the wheel
by deploy/README.md's steps), on a course directory laid out by ``aiwork hub install``
(``course_root``; by default a fresh one from this checkout, for the capacity script).

Hub names get a per-run suffix (``hub.name("hv1")`` -> ``hv1-3fa2``) so runs never collide;
the accounts the run created are deleted (with their homes) on exit.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from aiwork.hub.settings import find_chp

REPO = Path(__file__).resolve().parents[2]  # a checkout, when running from one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prerequisites() -> list[str]:
    """What is missing for a real hub here (empty when a hub can run)."""
    missing = []
    if os.name != "posix" or os.geteuid() != 0:
        missing.append("root (the hub creates one system account per user)")
    if find_chp() is None:
        missing.append("configurable-http-proxy (deploy/install-host-deps.sh installs it)")
    probe = (
        subprocess.run(
            [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                os.path.realpath(sys.executable),
                "-c",
                "0",
            ],
            capture_output=True,
        )
        if os.name == "posix"
        else None
    )
    if probe is not None and probe.returncode != 0:
        missing.append(
            f"an interpreter other accounts can run ({os.path.realpath(sys.executable)}; "
            "deploy/install-host-deps.sh opens the path)"
        )
    return missing


def skip_reason_or_fail(missing: list[str], what: str) -> str | None:
    """The reason to skip (None: run). In CI a missing prerequisite is a failure, not a skip:
    .ci/run installs everything these tests need."""
    if not missing:
        return None
    reason = f"no {what} possible here: " + "; ".join(missing)
    if os.environ.get("CI"):
        raise RuntimeError(reason + " (CI must provide it: see deploy/install-host-deps.sh)")
    return reason


class LocalHub:
    def __init__(
        self,
        trainers: list[str],
        env: dict[str, str] | None = None,
        idle_timeout: int = 3600,
        admins: list[str] | None = None,
        cull_every: int = 300,
        python: str | None = None,
        course_root: Path | None = None,
    ):
        # Not under pytest's tmp dirs: those are 0700 and the per-user accounts must be able
        # to reach their homes below this directory.
        self.workdir = Path(tempfile.mkdtemp(prefix="aiwork-hub-"))
        self.tag = secrets.token_hex(2)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        self.gateway_port = free_port()
        self.trainers = trainers
        self.python = python or sys.executable
        self.course_root = course_root or self.workdir / "course"
        self.config_file = self.workdir / "hub.env"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AIWORK_HUB_")}
        self.settings = {
            "AIWORK_HUB_PYTHON": self.python,
            "AIWORK_HUB_COURSE": str(self.course_root),
            "AIWORK_HUB_STATE": str(self.workdir / "state"),
            "AIWORK_HUB_HOME_ROOT": str(self.workdir / "home"),
            "AIWORK_HUB_USER_PREFIX": "",
            "AIWORK_HUB_BIND_URL": self.url,
            "AIWORK_HUB_PORT": str(free_port()),
            "AIWORK_HUB_PROXY_API_PORT": str(free_port()),
            "AIWORK_GATEWAY_PORT": str(self.gateway_port),
            "AIWORK_HUB_TRAINERS": ",".join(self.name(t) for t in trainers),
            "AIWORK_HUB_ADMINS": ",".join(self.name(a) for a in admins or ["qt"]),
            "AIWORK_HUB_ADMIN_TOKEN": self.token,
            "AIWORK_HUB_IDLE_TIMEOUT": str(idle_timeout),
            "AIWORK_HUB_CULL_EVERY": str(cull_every),
        }
        self.env["NO_PROXY"] = "127.0.0.1,localhost"
        self.env["AIWORK_HUB_CONFIG"] = str(self.config_file)
        self.env.update(env or {})
        self.proc: subprocess.Popen | None = None
        self.log_path = self.workdir / "hub.log"
        self.client = httpx.Client(base_url=self.url, timeout=60, trust_env=False)
        self.users: list[str] = []

    @classmethod
    @contextlib.contextmanager
    def start(cls, trainers: list[str], **kw: Any) -> Iterator[LocalHub]:
        hub = cls(trainers, **kw)
        try:
            hub.launch()
            yield hub
        finally:
            hub.shutdown()

    def launch(self, timeout: float = 60) -> None:
        (self.workdir / "home").mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o755)
        os.chmod(self.workdir / "home", 0o755)
        if not self.course_root.exists():
            from aiwork.hub.install import install_course
            from aiwork.hub.provision import ensure_unix_group
            from aiwork.hub.settings import TRAINER_UNIX_GROUP

            ensure_unix_group(TRAINER_UNIX_GROUP)
            install_course(REPO, self.course_root)
        # The settings go where an admin puts them: the hub's configuration file.
        self.config_file.write_text(
            "".join(f"{k}={v}\n" for k, v in self.settings.items()), encoding="utf-8"
        )
        os.chmod(self.config_file, 0o600)
        log = open(self.log_path, "wb")
        aiwork = Path(self.python).parent / "aiwork"
        self.proc = subprocess.Popen(
            [str(aiwork), "hub", "run", "--config", str(self.config_file)],
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hub exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                if self.client.get("/hub/api/").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"hub not up in {timeout}s:\n{self.log_tail()}")

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    # --- REST API with the admin token ---------------------------------------------------------
    def api(self, method: str, path: str, **kw: Any) -> httpx.Response:
        headers = {"Authorization": f"token {self.token}", **kw.pop("headers", {})}
        return self.client.request(method, f"/hub/api/{path.lstrip('/')}", headers=headers, **kw)

    def create_user(self, name: str) -> None:
        r = self.api("POST", f"users/{name}")
        assert r.status_code in (201, 409), r.text
        self.users.append(name)

    def user_token(self, name: str) -> str:
        r = self.api("POST", f"users/{name}/tokens", json={"note": "test", "expires_in": 3600})
        assert r.status_code in (200, 201), r.text
        return r.json()["token"]

    def start_server(self, name: str, timeout: float = 90) -> None:
        r = self.api("POST", f"users/{name}/server")
        assert r.status_code in (201, 202, 400), r.text
        self.wait_ready(name, timeout)

    def wait_ready(self, name: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        started = time.monotonic()
        while time.monotonic() < deadline:
            model = self.api("GET", f"users/{name}").json()
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                return
            if not server and time.monotonic() - started > 3:
                raise RuntimeError(f"server of {name} failed to start:\n{self.log_tail()}")
            time.sleep(0.25)
        raise TimeoutError(f"server of {name} not ready in {timeout}s:\n{self.log_tail()}")

    def stop_server(self, name: str) -> None:
        self.api("DELETE", f"users/{name}/server")

    def user_request(self, name: str, token: str, method: str, path: str, **kw: Any):
        headers = {"Authorization": f"token {token}", **kw.pop("headers", {})}
        return self.client.request(
            method, f"/user/{name}/{path.lstrip('/')}", headers=headers, **kw
        )

    def name(self, logical: str) -> str:
        return f"{logical}-{self.tag}"

    def home(self, name: str) -> Path:
        return self.workdir / "home" / name

    # --- teardown ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        if self.proc and self.proc.poll() is None:
            # SIGTERM lets the hub stop user servers and its services (cleanup_servers).
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.client.close()
        self.remove_accounts()
        if os.environ.get("AIWORK_KEEP_HUB"):
            print(f"hub files kept in {self.workdir}", file=sys.stderr)
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def remove_accounts(self) -> None:
        import pwd

        from aiwork.hub.spawner import ACCOUNT_MARK

        for entry in pwd.getpwall():
            if entry.pw_name.endswith(f"-{self.tag}") and entry.pw_gecos == ACCOUNT_MARK:
                subprocess.run(["pkill", "-KILL", "-u", entry.pw_name], capture_output=True)
                subprocess.run(["userdel", "--remove", entry.pw_name], capture_output=True)
