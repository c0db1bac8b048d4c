"""Hub settings (one home for every deployment knob on one server).

The admin keeps them in the hub's configuration file, ``/etc/aiwork/hub.env`` (``KEY=VALUE``
lines, written by ``aiwork hub install``; see deploy/README.md). ``aiwork hub run`` and every
``aiwork hub`` command read that file; variables already set in the environment win, so the
tests and the capacity script set them to throw-away directories and free ports.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

GATEWAY_SERVICE = "aiwork-gateway"  # also aiwork.gateway.settings.SERVICE_NAME
ADMIN_SERVICE = "aiwork-admin"  # the service whose token `aiwork hub` commands use
LEARNERS, TRAINERS = "learners", "trainers"
TRAINER_UNIX_GROUP = "aiwork-trainers"
DEFAULT_CONFIG_FILE = Path("/etc/aiwork/hub.env")
# Hub names become system account names: keep them to what useradd accepts.
USERNAME_PATTERN = r"^[a-z][a-z0-9_-]{1,23}$"

# Every variable the hub reads, with its meaning (deploy/README.md's table lists the same names;
# tests/hub/test_deploy_files.py checks that they agree).
VARIABLES: dict[str, str] = {
    "AIWORK_HUB_STATE": "hub db and secrets, exchange, role configs, gateway usage log",
    "AIWORK_HUB_COURSE": "the trainer-only course directory (lessons and nbgrader sources)",
    "AIWORK_HUB_PYTHON": "the course environment's interpreter",
    "AIWORK_CHP": "configurable-http-proxy executable",
    "AIWORK_HUB_BIND_URL": "where the proxy listens",
    "AIWORK_HUB_ADMINS": "admin accounts",
    "AIWORK_HUB_TRAINERS": "initial members of the trainers group",
    "AIWORK_HUB_HOME_ROOT": "where hub accounts' homes are created",
    "AIWORK_HUB_USER_PREFIX": "system account name prefix",
    "AIWORK_HUB_IDLE_TIMEOUT": "seconds before an idle server is stopped",
    "AIWORK_HUB_CULL_EVERY": "how often the idle culler looks",
    "AIWORK_HUB_PORT": "the hub's internal port",
    "AIWORK_HUB_PROXY_API_PORT": "the proxy's API port",
    "AIWORK_HUB_ADMIN_TOKEN": "token of the admin service (default: generated, in hub/)",
    "AIWORK_COURSE_ID": "nbgrader course id",
}


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def find_chp(env: dict[str, str] | None = None) -> str | None:
    """configurable-http-proxy: AIWORK_CHP, PATH, or where deploy/install-host-deps.sh puts it."""
    e = os.environ if env is None else env
    for candidate in (
        e.get("AIWORK_CHP"),
        shutil.which("configurable-http-proxy"),
        "/opt/aiwork-node/node_modules/.bin/configurable-http-proxy",
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def read_config_file(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines (comments, blank lines and shell-style quotes allowed)."""
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        if not sep or not key.isidentifier():
            raise ValueError(f"{path}, line {number}: expected KEY=VALUE, got {raw!r}")
        parts = shlex.split(value, comments=True)
        values[key] = " ".join(parts)
    return values


def load_config_file(path: Path | None) -> Path | None:
    """Put the file's variables into os.environ (those already set win); the path read."""
    path = path or Path(os.environ.get("AIWORK_HUB_CONFIG", DEFAULT_CONFIG_FILE))
    if not path.is_file():
        return None
    for key, value in read_config_file(path).items():
        os.environ.setdefault(key, value)
    os.environ["AIWORK_HUB_CONFIG"] = str(path)
    return path


@dataclass
class HubSettings:
    state_dir: Path = Path("/srv/aiwork")  # hub db, secrets, exchange, role configs, usage log
    # The trainer-only course directory that `aiwork hub install` fills from a checkout: the
    # repository's layout (course/ with the lessons, assignments/ with the nbgrader course and
    # its sources). Root and the trainers' group read it; learners never.
    course_root: Path = Path("/srv/aiwork/course")
    home_root: Path = Path("/home")
    # Hub user "lan" runs as system account "<prefix>lan". nbgrader takes the student id from
    # the account name, so the default is no prefix: student id = hub name. Accounts the hub
    # did not create are never used (see spawner.ensure_account).
    user_prefix: str = ""
    bind_url: str = "http://127.0.0.1:8000"  # put nginx/Caddy with TLS in front
    hub_port: int = 8081
    proxy_api_port: int = 8001
    gateway_port: int = 8181
    admin_users: list[str] = field(default_factory=lambda: ["quantri"])
    trainers: list[str] = field(default_factory=list)  # initial members of the trainers group
    admin_token: str | None = None  # None: generated once into <state>/hub/admin-token
    course_id: str | None = None  # None: the course's own nbgrader_config.py decides
    idle_timeout: int = 3600  # seconds before an idle learner server is stopped
    cull_every: int = 300  # how often the culler looks (seconds)
    python: str = sys.executable  # the course environment's interpreter
    chp: str | None = None
    exchange_dir: Path | None = None  # default <state_dir>/exchange; a volume mount on k8s

    @property
    def exchange(self) -> Path:
        return self.exchange_dir or self.state_dir / "exchange"

    @property
    def role_config(self) -> Path:
        return self.state_dir / "etc"

    @property
    def hub_dir(self) -> Path:
        return self.state_dir / "hub"

    @property
    def admin_token_file(self) -> Path:
        return self.hub_dir / "admin-token"

    @property
    def gateway_db(self) -> Path:
        return self.state_dir / "gateway" / "usage.sqlite"

    @property
    def lessons(self) -> Path:
        return self.course_root / "course"

    @property
    def nbgrader_course(self) -> Path:
        return self.course_root / "assignments"

    @property
    def env_bin(self) -> Path:
        # <env>/bin/python -> <env>/bin; not resolved (a venv's python links out of the venv).
        return Path(self.python).parent

    @property
    def env_prefix(self) -> Path:
        return self.env_bin.parent

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.hub_port}/hub/api"

    def system_name(self, hub_name: str) -> str:
        return f"{self.user_prefix}{hub_name}"

    def home(self, hub_name: str) -> Path:
        return self.home_root / self.system_name(hub_name)


def from_env(env: dict[str, str] | None = None) -> HubSettings:
    e = dict(os.environ if env is None else env)
    s = HubSettings()
    s.state_dir = Path(e.get("AIWORK_HUB_STATE", s.state_dir))
    s.course_root = Path(e.get("AIWORK_HUB_COURSE", s.state_dir / "course"))
    s.home_root = Path(e.get("AIWORK_HUB_HOME_ROOT", s.home_root))
    s.user_prefix = e.get("AIWORK_HUB_USER_PREFIX", s.user_prefix)
    s.bind_url = e.get("AIWORK_HUB_BIND_URL", s.bind_url)
    s.hub_port = int(e.get("AIWORK_HUB_PORT", s.hub_port))
    s.proxy_api_port = int(e.get("AIWORK_HUB_PROXY_API_PORT", s.proxy_api_port))
    s.gateway_port = int(e.get("AIWORK_GATEWAY_PORT", s.gateway_port))
    s.admin_users = _csv(e.get("AIWORK_HUB_ADMINS")) or s.admin_users
    s.trainers = _csv(e.get("AIWORK_HUB_TRAINERS"))
    s.admin_token = e.get("AIWORK_HUB_ADMIN_TOKEN") or None
    s.course_id = e.get("AIWORK_COURSE_ID") or None
    s.idle_timeout = int(e.get("AIWORK_HUB_IDLE_TIMEOUT", s.idle_timeout))
    s.cull_every = int(e.get("AIWORK_HUB_CULL_EVERY", s.cull_every))
    s.python = e.get("AIWORK_HUB_PYTHON", s.python)
    s.chp = find_chp(e)
    return s
