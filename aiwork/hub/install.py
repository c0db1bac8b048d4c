"""``aiwork hub install``: lay out a one-server hub from a course checkout (idempotent).

What it does, as root, each time it runs:

- the hub's configuration file (``/etc/aiwork/hub.env``, 0600: it may hold the model key) is
  written once with this environment's paths; an existing one is never rewritten;
- the state directories get their modes (hub/ and gateway/ 0700, exchange/ 1777);
- the **course directory** (``/srv/aiwork/course``) is replaced by a fresh copy of the
  checkout's ``course/`` (lessons) and ``assignments/`` (nbgrader course with the sources:
  solutions and hidden tests), never its runtime state; owner root, group ``aiwork-trainers``,
  directories 0750 and files 0640: the hub (root) and trainers read it, learners never;
- the systemd unit (``aiwork-hub.service``) is (re)written;
- JupyterLab's defaults (Vietnamese UI) go into this environment, and the lab labels the
  Vietnamese language pack leaves in English are added to it (``aiwork.hub.labvi``);
- finally, as an unrelated account (uid 65534), it checks that the environment's interpreter
  runs and the course sources cannot be read; either failing stops the install (exit 1).

It never changes a permission outside the directories it creates: the checkout stays as the
admin made it (a warning says so if its sources are readable by every account).
"""

from __future__ import annotations

import grp
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from aiwork.errors import InputError, StepFailed
from aiwork.hub import provision
from aiwork.hub.settings import TRAINER_UNIX_GROUP, HubSettings, from_env, load_config_file

UNIT_NAME = "aiwork-hub.service"
NOBODY = 65534
# What of a checkout's assignments/ never goes into the course directory (runtime state).
SKIP_IN_ASSIGNMENTS = {*provision.RUNTIME_STATE}
IGNORED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", ".*")

CONFIG_TEMPLATE = """\
# Settings of the course's JupyterHub (aiwork). Read by `aiwork hub run` (the systemd unit
# {unit}) and by every `aiwork hub` command; KEY=VALUE lines. Every variable is described in
# deploy/README.md ("Settings"). Restart the hub after a change:
#   systemctl restart aiwork-hub
AIWORK_HUB_PYTHON={python}
AIWORK_HUB_STATE={state}
AIWORK_HUB_COURSE={course}
AIWORK_HUB_BIND_URL=http://127.0.0.1:8000
AIWORK_HUB_ADMINS=quantri
# AIWORK_HUB_HOME_ROOT=/home
# AIWORK_GATEWAY_UPSTREAM=https://models.example.invalid/v1
# AIWORK_GATEWAY_UPSTREAM_KEY=...
# AIWORK_GATEWAY_MODEL=...
"""

UNIT_TEMPLATE = """\
# JupyterHub of the course "Trợ lý AI trong công việc hành chính" (written by aiwork hub install)
[Unit]
Description=aiwork course hub (JupyterHub)
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=root
WorkingDirectory={state}
ExecStart={aiwork} hub run --config {config}
# SIGTERM to the hub only: it stops the learners' servers and its services itself.
KillMode=mixed
TimeoutStopSec=90
Restart=on-failure
RestartSec=5

[Install]
WantedBy=multi-user.target
"""


@dataclass
class InstallReport:
    config: Path
    config_written: bool
    course_root: Path
    unit: Path
    warnings: list[str]


def write_config(path: Path, python: str, state: Path) -> bool:
    """Write the configuration file unless it exists (an admin's edits are never lost)."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    text = CONFIG_TEMPLATE.format(
        unit=UNIT_NAME, python=python, state=state, course=state / "course"
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return True


def check_checkout(checkout: Path) -> None:
    for needed in ("course", "assignments/nbgrader_config.py", "assignments/source"):
        if not (checkout / needed).exists():
            raise InputError(
                f"{checkout} is not a course checkout (no {needed}); give the repository "
                "cloned in step 1 of deploy/README.md"
            )


def install_course(checkout: Path, course_root: Path) -> None:
    """Replace the course directory with a fresh copy of the checkout's lessons and nbgrader
    course. The copy is made private first, then swapped in: never readable by others."""
    gid = grp.getgrnam(TRAINER_UNIX_GROUP).gr_gid
    course_root.parent.mkdir(parents=True, exist_ok=True)
    new = course_root.with_name(course_root.name + ".new")
    old = course_root.with_name(course_root.name + ".old")
    for leftover in (new, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    os.mkdir(new, 0o700)
    shutil.copytree(checkout / "course", new / "course", ignore=IGNORED)
    (new / "assignments").mkdir()
    for item in sorted((checkout / "assignments").iterdir()):
        if item.name in SKIP_IN_ASSIGNMENTS or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, new / "assignments" / item.name, ignore=IGNORED)
        else:
            shutil.copy2(item, new / "assignments" / item.name)
    for path in [new, *new.rglob("*")]:
        os.lchown(path, 0, gid)
        if not path.is_symlink():
            os.chmod(path, 0o750 if path.is_dir() else 0o640)
    if course_root.exists():
        course_root.rename(old)
    new.rename(course_root)
    if old.exists():
        shutil.rmtree(old)


def write_unit(units: Path, config: Path, state: Path) -> Path:
    units.mkdir(parents=True, exist_ok=True)
    unit = units / UNIT_NAME
    aiwork = Path(sys.executable).parent / "aiwork"
    unit.write_text(
        UNIT_TEMPLATE.format(state=state, aiwork=aiwork, config=config), encoding="utf-8"
    )
    os.chmod(unit, 0o644)
    return unit


def as_nobody(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *argv],
        capture_output=True,
        text=True,
        cwd="/",
    )


def verify(settings: HubSettings) -> None:
    """What the install promises, checked as an unrelated account would see it."""
    run = as_nobody(settings.python, "-c", "import aiwork, jupyterhub, nbgrader")
    if run.returncode != 0:
        raise StepFailed(
            f"other accounts cannot run the course environment ({settings.python}): "
            f"run deploy/install-host-deps.sh {settings.python} as root, then this again "
            f"({run.stderr.strip().splitlines()[-1:] or ''})"
        )
    sources = settings.nbgrader_course / "source"
    probe = (
        "import os, sys\n"
        "found = []\n"
        "for p in sys.argv[1:]:\n"
        "    try:\n"
        "        os.listdir(p) if os.path.isdir(p) else open(p, 'rb').close()\n"
        "        found.append(p)\n"
        "    except OSError:\n"
        "        pass\n"
        "print('\\n'.join(found))\n"
    )
    targets = [str(settings.course_root), str(sources)]
    targets += [str(p) for p in sorted(sources.rglob("*.ipynb"))[:3]]
    run = as_nobody(settings.python, "-c", probe, *targets)
    if run.returncode != 0 or run.stdout.strip():
        raise StepFailed(
            "the course sources are readable by other accounts: "
            + (run.stdout.strip().replace("\n", ", ") or run.stderr.strip())
        )


def install(checkout: Path | None, config: Path, state: Path | None, units: Path) -> InstallReport:
    if os.geteuid() != 0:
        raise InputError("aiwork hub install must run as root (it creates system groups)")
    warnings: list[str] = []
    written = write_config(config, sys.executable, state or Path("/srv/aiwork"))
    load_config_file(config)
    settings = from_env()
    provision.prepare_state(settings)
    if checkout is not None:
        checkout = checkout.resolve()
        check_checkout(checkout)
        if provision.readable_by_others(checkout / "assignments" / "source"):
            warnings.append(
                f"{checkout}/assignments/source is readable by every account: "
                f"chmod 700 {checkout} (deploy/README.md, step 1)"
            )
        install_course(checkout, settings.course_root)
    elif not (settings.nbgrader_course / "nbgrader_config.py").is_file():
        raise InputError(f"no course in {settings.course_root} yet: give --course-from CHECKOUT")
    provision.secure_course_root(settings)
    unit = write_unit(units, config, settings.state_dir)
    from aiwork.labcmd import write_lab_overrides

    write_lab_overrides(str(settings.env_prefix))
    from aiwork.hub import labvi

    labvi.supplement()
    verify(settings)
    return InstallReport(config, written, settings.course_root, unit, warnings)
