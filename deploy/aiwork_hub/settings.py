"""Hub settings from the environment (one home for every deployment knob on one server).

The admin sets these in the systemd unit (see deploy/README.md); the tests and the capacity
script set them to throw-away directories and free ports.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GATEWAY_SERVICE = "aiwork-gateway"  # also aiwork.gateway.settings.SERVICE_NAME
LEARNERS, TRAINERS = "learners", "trainers"
TRAINER_UNIX_GROUP = "aiwork-trainers"


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def find_chp() -> str | None:
    """configurable-http-proxy from PATH, or where deploy/install-host-deps.sh puts it."""
    for candidate in (
        os.environ.get("AIWORK_CHP"),
        shutil.which("configurable-http-proxy"),
        "/opt/aiwork-node/node_modules/.bin/configurable-http-proxy",
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@dataclass
class HubSettings:
    state_dir: Path = Path("/srv/aiwork")  # hub db, secrets, exchange, role configs, usage log
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
    admin_token: str | None = None  # optional automation token with the admin role
    course_id: str | None = None  # None: the course's own nbgrader_config.py decides
    idle_timeout: int = 3600  # seconds before an idle learner server is stopped
    cull_every: int = 300  # how often the culler looks (seconds)
    python: str = sys.executable  # the course environment's interpreter
    chp: str | None = None
    repo: Path = REPO
    exchange_dir: Path | None = None  # default <state_dir>/exchange; a volume mount on k8s

    @property
    def exchange(self) -> Path:
        return self.exchange_dir or self.state_dir / "exchange"

    @property
    def role_config(self) -> Path:
        return self.state_dir / "etc"

    @property
    def gateway_db(self) -> Path:
        return self.state_dir / "gateway" / "usage.sqlite"

    def system_name(self, hub_name: str) -> str:
        return f"{self.user_prefix}{hub_name}"

    def home(self, hub_name: str) -> Path:
        return self.home_root / self.system_name(hub_name)


def from_env(env: dict[str, str] | None = None) -> HubSettings:
    e = dict(os.environ if env is None else env)
    s = HubSettings()
    s.state_dir = Path(e.get("AIWORK_HUB_STATE", s.state_dir))
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
    s.chp = find_chp()
    return s
