"""JupyterHub on one server for the course "Trợ lý AI trong công việc hành chính".

Run as root (it creates one system account per user):
    jupyterhub -f deploy/jupyterhub_config.py
Every knob is an environment variable read in deploy/aiwork_hub/settings.py (hub) and
aiwork/gateway/settings.py (assistant gateway); deploy/README.md documents them.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nativeauthenticator
from aiwork_hub import provision, settings
from aiwork_hub.auth import AiworkNativeAuthenticator
from aiwork_hub.spawner import AiworkSpawner

c = get_config()  # noqa: F821 - provided by JupyterHub

S = settings.from_env()
COURSE = provision.prepare_host(S)
HUB_STATE = S.state_dir / "hub"

# --- network: the proxy listens on bind_url; TLS belongs to a reverse proxy in front --------
c.JupyterHub.bind_url = S.bind_url
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = S.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{S.proxy_api_port}"
if S.chp:
    c.ConfigurableHTTPProxy.command = [S.chp]
c.ConfigurableHTTPProxy.pid_file = str(HUB_STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{HUB_STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_STATE / "cookie_secret")
c.JupyterHub.pid_file = str(HUB_STATE / "jupyterhub.pid")

# --- who may log in: NativeAuthenticator, sign-up then approval by an admin ---------------
# (OAuth with the province's identity provider: see deploy/README.md.)
c.JupyterHub.authenticator_class = AiworkNativeAuthenticator  # NativeAuthenticator, fixed
# Our Vietnamese login and sign-up pages first, NativeAuthenticator's other pages after.
c.JupyterHub.template_paths = [
    str(Path(__file__).resolve().parent / "templates"),
    str(Path(nativeauthenticator.__file__).parent / "templates"),
]
MIN_PASSWORD_LENGTH = 8
c.JupyterHub.template_vars = {"min_password_length": MIN_PASSWORD_LENGTH}
c.AiworkNativeAuthenticator.open_signup = False  # an admin approves each account at /hub/authorize
c.AiworkNativeAuthenticator.minimum_password_length = MIN_PASSWORD_LENGTH
c.AiworkNativeAuthenticator.check_common_password = True
c.AiworkNativeAuthenticator.allowed_failed_logins = 5
c.AiworkNativeAuthenticator.seconds_before_next_try = 300
c.Authenticator.admin_users = set(S.admin_users)
c.Authenticator.allow_all = True  # approval is NativeAuthenticator's job
# Hub names become system account names (with a prefix): keep them to what useradd accepts.
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{1,23}$"

# --- groups and roles ------------------------------------------------------------------------
c.JupyterHub.load_groups = {
    settings.LEARNERS: {"users": []},
    settings.TRAINERS: {"users": S.trainers},
}
GATEWAY_ACCESS = f"access:services!service={settings.GATEWAY_SERVICE}"
c.JupyterHub.load_roles = [
    # Every approved account may use the assistant: the default role carries the gateway
    # scope, so a server token gets it even when the account joins a group later.
    {"name": "user", "scopes": ["self", GATEWAY_ACCESS]},
    {
        "name": "learner",
        "description": "Học viên",
        "scopes": ["self", GATEWAY_ACCESS],
        "groups": [settings.LEARNERS],
    },
    {
        "name": "trainer",
        "description": "Giảng viên",
        "scopes": [
            "self",
            GATEWAY_ACCESS,
            "list:users",
            "read:users!group=learners",
            "read:servers!group=learners",
            "read:users:activity!group=learners",
        ],
        "groups": [settings.TRAINERS],
    },
    {
        "name": "aiwork-gateway",
        "description": "read callers' groups for per-group quotas",
        "scopes": ["read:users:groups", "read:users:name"],
        "services": [settings.GATEWAY_SERVICE],
    },
    {
        "name": "idle-culler",
        "description": "stop idle servers",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]
# The server's token (JUPYTERHUB_API_TOKEN, given to the notebook as its OpenAI key) may call
# the gateway; the owner's roles must also allow it.
c.Spawner.server_token_scopes = [
    "access:servers!server",
    "users:activity!user",
    "read:users:name!user",
    GATEWAY_ACCESS,
]

# --- services: the assistant gateway and the idle culler -------------------------------------
GATEWAY_ENV_KEYS = [k for k in os.environ if k.startswith("AIWORK_GATEWAY_")] + [
    "AIWORK_PRIVACY_MODE"
]
gateway_env = {k: os.environ[k] for k in GATEWAY_ENV_KEYS if k in os.environ}
gateway_env.setdefault("AIWORK_GATEWAY_DB", str(S.gateway_db))
gateway_env["PYTHONPATH"] = str(S.repo)
c.JupyterHub.services = [
    {
        "name": settings.GATEWAY_SERVICE,
        "url": f"http://127.0.0.1:{S.gateway_port}",
        "command": [S.python, "-m", "aiwork.gateway"],
        "environment": gateway_env,  # holds the real key: root-only process, never in a learner env
        "display": False,
        "oauth_no_confirm": True,
    },
    {
        "name": "idle-culler",
        "command": [
            S.python,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={S.idle_timeout}",
            f"--cull-every={S.cull_every}",
        ],
    },
]
if S.admin_token:
    # Automation (roster import, tests, the capacity script): a service with the admin role.
    c.JupyterHub.services.append({"name": "aiwork-admin", "api_token": S.admin_token})
    c.JupyterHub.load_roles.append(
        {
            "name": "aiwork-admin",
            "scopes": [
                "admin:users",
                "admin:servers",
                "admin:groups",
                "tokens",
                "access:servers",
                "read:hub",
                "list:services",
                "read:services",
            ],
            "services": ["aiwork-admin"],
        }
    )

# --- single-user servers ---------------------------------------------------------------------
c.JupyterHub.spawner_class = AiworkSpawner
c.AiworkSpawner.hub_settings = S
c.AiworkSpawner.course = COURSE
c.Spawner.cmd = [str(Path(S.python).parent / "jupyterhub-singleuser")]
c.Spawner.default_url = f"/lab/tree/{provision.LEARNER_DIR}"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
# Formgrader under the hub's frame-ancestors 'none' (nbgrader #1870): we keep the secure
# default and open formgrader in its own browser tab (/user/<name>/formgrader); see README.
c.JupyterHub.shutdown_on_logout = False
c.JupyterHub.cleanup_servers = True
