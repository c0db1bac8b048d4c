"""JupyterHub on one server for the course "Trợ lý AI trong công việc hành chính".

Run as root (it creates one system account per user), from the installed package:
    aiwork hub run          # jupyterhub -f <this file>; settings from /etc/aiwork/hub.env
Every knob is an environment variable read in aiwork/hub/settings.py (hub) and
aiwork/gateway/settings.py (assistant gateway); deploy/README.md documents them.
"""

import os
from pathlib import Path

import nativeauthenticator

from aiwork.hub import provision, settings
from aiwork.hub.auth import AiworkNativeAuthenticator, default_url
from aiwork.hub.spawner import AiworkSpawner

c = get_config()  # noqa: F821 - provided by JupyterHub

S = settings.from_env()
COURSE = provision.prepare_host(S)
HUB_STATE = S.hub_dir
ADMIN_TOKEN = provision.ensure_admin_token(S)

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
c.Authenticator.username_pattern = settings.USERNAME_PATTERN
# Admins land on the approval page; only trainers and learners get a lab (see auth.py).
c.JupyterHub.default_url = default_url

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
# The gateway runs from the installed package (no checkout on its path).
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
# Automation (`aiwork hub add-trainer` / `add-learners`, tests, the capacity script): a service
# with the admin role; its token is AIWORK_HUB_ADMIN_TOKEN or generated into hub/admin-token.
c.JupyterHub.services.append({"name": settings.ADMIN_SERVICE, "api_token": ADMIN_TOKEN})
c.JupyterHub.load_roles.append(
    {
        "name": settings.ADMIN_SERVICE,
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
        "services": [settings.ADMIN_SERVICE],
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
