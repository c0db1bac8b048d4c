"""Prepare the host and each user's home: state dirs, the nbgrader exchange, per-role Jupyter
config, course files, the Vietnamese UI default. Runs inside the hub process (as root).
"""

from __future__ import annotations

import grp
import json
import os
import secrets
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from aiwork.hub.settings import TRAINER_UNIX_GROUP, HubSettings

LEARNER_DIR = "khoa-hoc"  # lessons copied into each learner's home
TRAINER_COURSE_DIR = "lop-hoc"  # the trainer's nbgrader course root (source, gradebook)


@dataclass(frozen=True)
class CourseConfig:
    course_id: str
    path_includes_course: bool


def course_config(settings: HubSettings) -> CourseConfig:
    """Read the course's own nbgrader_config.py (the one home of these values)."""
    from traitlets.config.loader import PyFileConfigLoader

    env_before = dict(os.environ)
    if settings.course_id:
        os.environ["AIWORK_COURSE_ID"] = settings.course_id
    try:
        loader = PyFileConfigLoader("nbgrader_config.py", path=str(settings.nbgrader_course))
        cfg = loader.load_config()
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    return CourseConfig(
        course_id=str(cfg.CourseDirectory.course_id),
        path_includes_course=bool(cfg.Exchange.get("path_includes_course", False)),
    )


def readable_by_others(path: Path) -> bool:
    """Whether an unrelated account could list ``path`` (mode bits along the way)."""
    if not path.exists() or not path.stat().st_mode & 0o004:
        return False
    return all(p.stat().st_mode & 0o001 for p in path.parents)


def secure_course_root(settings: HubSettings) -> None:
    """The course directory: root and the trainers' group may read it, nobody else (only ever
    tightens: o-rwx on the directory itself, whatever its parents allow)."""
    root = settings.course_root
    if not (settings.nbgrader_course / "nbgrader_config.py").is_file():
        raise FileNotFoundError(
            f"no course in {root} (expected assignments/nbgrader_config.py): run "
            "`aiwork hub install --course-from CHECKOUT` first (deploy/README.md)"
        )
    gid = grp.getgrnam(TRAINER_UNIX_GROUP).gr_gid
    st = root.stat()
    if st.st_gid != gid and st.st_uid == 0:
        os.chown(root, 0, gid)
    os.chmod(root, stat.S_IMODE(st.st_mode) & 0o750)


def ensure_admin_token(settings: HubSettings) -> str:
    """The admin service's token: AIWORK_HUB_ADMIN_TOKEN, else generated once into
    <state>/hub/admin-token (0600), where `aiwork hub` commands read it."""
    if settings.admin_token:
        return settings.admin_token
    path = settings.admin_token_file
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="utf-8").strip()


def prepare_state(settings: HubSettings) -> None:
    """State directories with their modes (idempotent; also run by `aiwork hub install`)."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state_dir, 0o755)
    settings.hub_dir.mkdir(exist_ok=True)
    os.chmod(settings.hub_dir, 0o700)  # hub db, cookie secret, admin token: root only
    gw_dir = settings.gateway_db.parent
    gw_dir.mkdir(exist_ok=True)
    os.chmod(gw_dir, 0o700)  # usage log: root only
    # nbgrader does not create the exchange; it must be world-writable and sticky so learners
    # can submit but not delete each other's files (nbgrader sets inbound to 733 itself).
    settings.exchange.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.exchange, 0o1777)
    ensure_unix_group(TRAINER_UNIX_GROUP)


def prepare_host(settings: HubSettings) -> CourseConfig:
    prepare_state(settings)
    secure_course_root(settings)
    course = course_config(settings)
    write_role_configs(settings, course)
    # The Vietnamese UI as the lab default, through the toolkit's own writer.
    from aiwork.labcmd import write_lab_overrides

    write_lab_overrides(str(settings.env_prefix))
    return course


def ensure_unix_group(name: str) -> None:
    if subprocess.run(["getent", "group", name], capture_output=True).returncode != 0:
        subprocess.run(["groupadd", "--system", name], check=True)


def write_role_configs(settings: HubSettings, course: CourseConfig) -> None:
    """JUPYTER_CONFIG_PATH entries per role: nbgrader settings and which extensions show."""
    common = {
        "CourseDirectory": {"course_id": course.course_id},
        "Exchange": {
            "root": str(settings.exchange),
            "path_includes_course": course.path_includes_course,
        },
    }
    learner = settings.role_config / "learner"
    trainer = settings.role_config / "trainer"
    for d in (learner, trainer):
        (d / "jupyter_server_config.d").mkdir(parents=True, exist_ok=True)
        (d / "labconfig").mkdir(parents=True, exist_ok=True)
    _write_json(learner / "nbgrader_config.json", common)
    _write_json(trainer / "nbgrader_config.json", common)
    # The trainer's course root is in their own home (HOME is set by the spawner).
    (trainer / "nbgrader_config.py").write_text(
        "import os\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.root = os.path.join(os.path.expanduser('~'), {TRAINER_COURSE_DIR!r})\n",
        encoding="utf-8",
    )
    # Learners get the assignment list only: no formgrader, no course list, no create tools.
    _write_json(
        learner / "jupyter_server_config.d" / "aiwork-learner.json",
        {
            "ServerApp": {
                "jpserver_extensions": {
                    "nbgrader.server_extensions.formgrader": False,
                    "nbgrader.server_extensions.course_list": False,
                }
            }
        },
    )
    _write_json(
        learner / "labconfig" / "page_config.json",
        {
            "disabledExtensions": {
                "@jupyter/nbgrader:formgrader": True,
                "@jupyter/nbgrader:course-list": True,
                "@jupyter/nbgrader:create-assignment": True,
            }
        },
    )
    for d in (settings.role_config, learner, trainer):
        for path in [d, *d.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def copy_missing(src: Path, dst: Path, uid: int, gid: int) -> int:
    """Copy files from src that dst lacks (never overwrite a learner's edits); chown them."""
    copied = 0
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part in (".ipynb_checkpoints", "__pycache__") for part in rel.parts):
            continue
        target = dst / rel
        if path.is_dir():
            if not target.exists():
                target.mkdir(parents=True)
                os.chown(target, uid, gid)
            continue
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        os.chown(target, uid, gid)
        copied += 1
    if dst.exists():
        os.chown(dst, uid, gid)
    return copied


RUNTIME_STATE = ("release", "submitted", "autograded", "feedback", "gradebook.db")


def provision_home(settings: HubSettings, home: Path, uid: int, gid: int, trainer: bool) -> None:
    copy_missing(settings.lessons, home / LEARNER_DIR, uid, gid)
    if trainer:
        # The trainer's course root: the sources (with solutions) live only here, in a home
        # no learner can enter. Runtime state from the checkout is never copied.
        src = settings.nbgrader_course
        dst = home / TRAINER_COURSE_DIR
        dst.mkdir(exist_ok=True)
        os.chown(dst, uid, gid)
        for item in src.iterdir():
            if item.name in RUNTIME_STATE or item.name.startswith("."):
                continue
            if item.is_dir():
                copy_missing(item, dst / item.name, uid, gid)
            elif not (dst / item.name).exists():
                shutil.copy2(item, dst / item.name)
                os.chown(dst / item.name, uid, gid)
