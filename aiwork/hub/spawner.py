"""The spawner: each hub user runs as their own system account, so file permissions (not
conventions) keep learners out of each other's work and out of the trainer's sources.

Accounts are created on first spawn (``useradd``), the way The Littlest JupyterHub does it:
hub user ``lan`` runs as ``jupyter-lan`` with a private (0700) home. Trainers also join the
``aiwork-trainers`` system group.
"""

from __future__ import annotations

import grp
import os
import pwd
import subprocess

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Any as AnyTrait

from aiwork.hub import provision
from aiwork.hub.settings import GATEWAY_SERVICE, LEARNERS, TRAINER_UNIX_GROUP, TRAINERS

ACCOUNT_MARK = "aiwork hub user"  # GECOS of accounts the hub created
# What single-user servers find on PATH: the course environment's bin first (nbgrader runs
# `alembic` by name; `aiwork` and `nbgrader` in a terminal), then the system's.
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
NO_LAB_FOR_ADMINS = (
    "Tài khoản quản trị không có phòng thực hành: anh/chị phê duyệt tài khoản tại /hub/authorize. "
    "Nếu anh/chị cũng là giảng viên, quản trị viên máy chủ chạy `aiwork hub add-trainer`."
)


class ForeignAccount(RuntimeError):
    """A hub name matches a system account the hub did not create (root, an admin...)."""


def ensure_account(system_name: str, home: str, trainer: bool) -> pwd.struct_passwd:
    try:
        entry = pwd.getpwnam(system_name)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--create-home",
                "--home-dir",
                home,
                "--shell",
                "/bin/bash",
                "--user-group",
                "--comment",
                ACCOUNT_MARK,
                system_name,
            ],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(system_name)
    if entry.pw_gecos != ACCOUNT_MARK:
        # Never start a learner's server as an existing system user.
        raise ForeignAccount(f"system account {system_name!r} exists and is not a hub account")
    os.chmod(entry.pw_dir, 0o700)
    if trainer and system_name not in grp.getgrnam(TRAINER_UNIX_GROUP).gr_mem:
        subprocess.run(["usermod", "-aG", TRAINER_UNIX_GROUP, system_name], check=True)
    return entry


class AiworkSpawner(LocalProcessSpawner):
    hub_settings = AnyTrait(help="aiwork.hub.settings.HubSettings").tag(config=True)
    course = AnyTrait(help="aiwork.hub.provision.CourseConfig").tag(config=True)

    @property
    def system_name(self) -> str:
        return self.hub_settings.system_name(self.user.name)

    @property
    def is_trainer(self) -> bool:
        return any(g.name == TRAINERS for g in self.user.groups)

    def make_preexec_fn(self, name: str):
        return super().make_preexec_fn(self.system_name)

    def user_env(self, env: dict) -> dict:
        entry = pwd.getpwnam(self.system_name)
        env["USER"] = self.system_name
        env["HOME"] = entry.pw_dir
        env["SHELL"] = entry.pw_shell or "/bin/bash"
        return env

    def get_env(self) -> dict:
        from aiwork.assistant.settings import OFFLINE_DISPLAY_NAME
        from aiwork.gateway.settings import from_env as gateway_settings

        env = super().get_env()
        s = self.hub_settings
        gateway = gateway_settings()
        chat_model, embedding_model = gateway.learner_models()
        role_dir = s.role_config / ("trainer" if self.is_trainer else "learner")
        env.update(
            {
                "PATH": f"{s.env_bin}:{SYSTEM_PATH}",
                "JUPYTER_CONFIG_PATH": str(role_dir),
                "AIWORK_EXCHANGE": str(s.exchange),
                "AIWORK_COURSE_ID": self.course.course_id,
                # The assistant goes through the gateway with the server's own hub token.
                "AIWORK_BACKEND": "compatible",
                "AIWORK_BASE_URL": f"http://127.0.0.1:{s.gateway_port}/v1",
                "AIWORK_MODEL": chat_model,
                # What the assistant panel calls the model (the offline one has no real name).
                "AIWORK_ASSISTANT_NAME": OFFLINE_DISPLAY_NAME if gateway.offline else chat_model,
                "AIWORK_EMBEDDING_MODEL": embedding_model,
                "OPENAI_BASE_URL": f"http://127.0.0.1:{s.gateway_port}/v1",
                "OPENAI_API_KEY": env["JUPYTERHUB_API_TOKEN"],
                "NO_PROXY": "127.0.0.1,localhost",
                "AIWORK_GATEWAY_SERVICE": GATEWAY_SERVICE,
            }
        )
        if self.is_trainer:
            # Trainer commands find the course (lessons, nbgrader sources) in the trainer-only
            # course directory: the installed package holds no course source.
            env["AIWORK_ROOT"] = str(s.course_root)
        return env

    async def start(self):
        s = self.hub_settings
        trainer = self.is_trainer
        if self.user.admin and not trainer:
            # An admin approves sign-ups; they are not a learner (issue: the admin got a lab
            # with the lessons and joined the learners group).
            from tornado import web

            raise web.HTTPError(403, NO_LAB_FOR_ADMINS)
        if not trainer and not any(g.name == LEARNERS for g in self.user.groups):
            self._join_learners()
        entry = ensure_account(self.system_name, str(s.home(self.user.name)), trainer)
        provision.provision_home(s, s.home(self.user.name), entry.pw_uid, entry.pw_gid, trainer)
        return await super().start()

    def _join_learners(self) -> None:
        # Everyone who is not a trainer is a learner: approved sign-ups land here.
        from jupyterhub import orm

        db = self.user.db
        group = orm.Group.find(db, LEARNERS)
        if group is not None and group not in self.user.orm_user.groups:
            self.user.orm_user.groups.append(group)
            db.commit()
