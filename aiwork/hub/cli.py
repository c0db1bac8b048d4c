"""``aiwork hub``: install, run and manage the one-server course hub (run as root on the server).

    aiwork hub install --course-from /srv/aiwork/repo   # lay out the host (idempotent)
    aiwork hub run                                      # the systemd unit's command
    aiwork hub add-trainer NAME                         # hub user in the trainers group
    aiwork hub add-learners ROSTER                      # hub users in the learners group

Settings come from the hub's configuration file (``--config``, default /etc/aiwork/hub.env);
the commands that manage users talk to the running hub's REST API with the admin service's
token (generated into <state>/hub/admin-token at the hub's first start). Messages are for the
server's admin, in English.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from aiwork.errors import InputError, StepFailed

CONFIG_HELP = "the hub's configuration file (default: $AIWORK_HUB_CONFIG, else /etc/aiwork/hub.env)"


def _settings(args: argparse.Namespace):
    from aiwork.hub.settings import from_env, load_config_file

    config = getattr(args, "config", None)
    if config is not None and not config.is_file():
        raise InputError(f"no configuration file at {config} (see `aiwork hub install`)")
    load_config_file(config)
    return from_env()


def config_path() -> Path:
    """The packaged JupyterHub configuration (what `aiwork hub run` starts)."""
    return Path(__file__).resolve().parent / "jupyterhub_config.py"


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    os.makedirs(settings.state_dir, exist_ok=True)
    os.chdir(settings.state_dir)
    argv = [sys.executable, "-m", "jupyterhub", "-f", str(config_path()), *args.extra]
    sys.stdout.flush()
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover - execv does not return


def _install(args: argparse.Namespace) -> int:
    from aiwork.hub.install import install
    from aiwork.hub.settings import DEFAULT_CONFIG_FILE

    config = args.config or Path(os.environ.get("AIWORK_HUB_CONFIG", DEFAULT_CONFIG_FILE))
    report = install(args.course_from, config, args.state, args.units)
    for warning in report.warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    print(
        f"configuration: {report.config}"
        + (" (written; edit it, then start the hub)" if report.config_written else " (kept)")
    )
    print(f"course directory (root and trainers only): {report.course_root}")
    print(f"systemd unit: {report.unit}")
    print("checked: other accounts can run the environment and cannot read the course sources")
    return 0


class HubClient:
    """The hub's REST API with the admin service's token."""

    def __init__(self, settings) -> None:
        import httpx

        from aiwork.hub.provision import ensure_admin_token

        if not settings.admin_token and not settings.admin_token_file.exists():
            raise StepFailed(
                f"no admin token in {settings.admin_token_file}: start the hub once "
                "(systemctl start aiwork-hub), then run this again"
            )
        token = ensure_admin_token(settings)
        self.url = settings.api_url
        self.client = httpx.Client(
            base_url=self.url, headers={"Authorization": f"token {token}"}, trust_env=False
        )

    def __call__(self, method: str, path: str, ok=(200, 201, 204), **kw):
        import httpx

        try:
            r = self.client.request(method, path, timeout=60, **kw)
        except httpx.HTTPError as exc:
            raise StepFailed(
                f"the hub does not answer at {self.url} ({exc}); is it running? "
                "(systemctl status aiwork-hub)"
            ) from None
        if r.status_code not in ok:
            raise StepFailed(f"hub API {method} {path}: {r.status_code} {r.text[:300]}")
        return r

    def user(self, name: str) -> dict | None:
        r = self("GET", f"users/{name}", ok=(200, 404))
        return r.json() if r.status_code == 200 else None

    def ensure_users(self, names: list[str]) -> list[str]:
        """Create the hub users that do not exist yet (the order that matters: a group only
        takes existing users); the names created."""
        missing = [n for n in names if self.user(n) is None]
        if missing:
            self("POST", "users", json={"usernames": missing})
        return missing


def _check_names(names: list[str]) -> list[str]:
    from aiwork.hub.settings import USERNAME_PATTERN

    bad = [n for n in names if not re.match(USERNAME_PATTERN, n)]
    if bad:
        raise InputError(
            "not a valid hub user name (lower-case letter first, then 2-24 of a-z 0-9 _ -): "
            + ", ".join(bad)
            + "; nothing was changed"
        )
    return names


def add_trainer(settings, name: str) -> list[str]:
    """Make NAME a trainer: the hub user first (created if they have not logged in yet), then
    the trainers group, out of learners; a running lab is stopped so that the next one starts
    with formgrader and the course. Returns what was done, one line each."""
    from aiwork.hub.settings import LEARNERS, TRAINERS

    hub = HubClient(settings)
    done = []
    if hub.ensure_users([name]):
        done.append(f"hub user {name} created")
    user = hub.user(name) or {}
    if TRAINERS not in user.get("groups", []):
        hub("POST", f"groups/{TRAINERS}/users", json={"users": [name]})
        done.append(f"{name} added to the {TRAINERS} group")
    if LEARNERS in user.get("groups", []):
        hub("DELETE", f"groups/{LEARNERS}/users", json={"users": [name]})
        done.append(f"{name} removed from the {LEARNERS} group")
    if (user.get("servers") or {}).get(""):
        hub("DELETE", f"users/{name}/server", ok=(202, 204))
        done.append(f"{name}'s running lab stopped: the next one opens with formgrader")
    return done or [f"{name} is already a trainer"]


def add_learners(settings, roster: Path) -> list[str]:
    """Every learner of a roster (the trainers' CSV/XLSX format) as a hub user in the learners
    group; they still sign up (choose a password) and an admin approves them."""
    from aiwork.hub.settings import LEARNERS, TRAINERS
    from aiwork.trainer.roster import read_roster

    learners = read_roster(roster)  # RosterError (an InputError) lists every problem
    names = _check_names(sorted({x.learner_id.lower() for x in learners}))
    hub = HubClient(settings)
    created = hub.ensure_users(names)
    trainers = set(hub("GET", f"groups/{TRAINERS}").json().get("users", []))
    learners_group = set(hub("GET", f"groups/{LEARNERS}").json().get("users", []))
    skipped = sorted(set(names) & trainers)
    to_add = [n for n in names if n not in trainers and n not in learners_group]
    if to_add:
        hub("POST", f"groups/{LEARNERS}/users", json={"users": to_add})
    lines = [
        f"{len(names)} learners in the roster: {len(created)} hub users created, "
        f"{len(to_add)} added to the {LEARNERS} group"
    ]
    if skipped:
        lines.append("left as trainers: " + ", ".join(skipped))
    lines.append("each learner signs up at /hub/signup with this name; approve at /hub/authorize")
    return lines


def _add_trainer(args: argparse.Namespace) -> int:
    (name,) = _check_names([args.name.strip().lower()])
    for line in add_trainer(_settings(args), name):
        print(line)
    return 0


def _add_learners(args: argparse.Namespace) -> int:
    for line in add_learners(_settings(args), args.roster):
        print(line)
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("hub", help="the one-server course hub (install, run, users)")
    sub = p.add_subparsers(dest="hub_command", metavar="SUBCOMMAND")

    s = sub.add_parser("install", help="lay out the hub from a course checkout (as root)")
    s.add_argument("--course-from", type=Path, default=None, help="the course checkout")
    s.add_argument("--config", type=Path, default=None, help=CONFIG_HELP)
    s.add_argument(
        "--state", type=Path, default=None, help="state directory for a new config (/srv/aiwork)"
    )
    s.add_argument(
        "--units", type=Path, default=Path("/etc/systemd/system"), help="systemd unit directory"
    )
    s.set_defaults(func=_install)

    s = sub.add_parser("run", help="run the hub (the systemd unit's command)")
    s.add_argument("--config", type=Path, default=None, help=CONFIG_HELP)
    s.add_argument("extra", nargs=argparse.REMAINDER, help="more jupyterhub options")
    s.set_defaults(func=_run)

    s = sub.add_parser("add-trainer", help="make a hub user a trainer (formgrader, course)")
    s.add_argument("name", help="the hub user name")
    s.add_argument("--config", type=Path, default=None, help=CONFIG_HELP)
    s.set_defaults(func=_add_trainer)

    s = sub.add_parser("add-learners", help="hub users for a roster (CSV/XLSX), as learners")
    s.add_argument("roster", type=Path, help="the class roster")
    s.add_argument("--config", type=Path, default=None, help=CONFIG_HELP)
    s.set_defaults(func=_add_learners)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
