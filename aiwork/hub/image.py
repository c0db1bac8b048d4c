"""Bake the course into a single-user image (Kubernetes): role configs, course files, the
Vietnamese UI default. Run by deploy/k8s/Dockerfile:

    python -m aiwork.hub.image --course /opt/aiwork/src --exchange /srv/nbgrader/exchange \
        --root /opt/aiwork

which writes /opt/aiwork/etc/{learner,trainer} (JUPYTER_CONFIG_PATH per group) and
/opt/aiwork/course (copied into each home at start).

The same writers as the one-server hub (aiwork.hub.provision), so both deployments give
learners and trainers the same nbgrader settings and extensions.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from aiwork.hub import provision
from aiwork.hub.settings import HubSettings


def bake(exchange: Path, root: Path, prefix: str | None, course: Path) -> None:
    # Role configs go to <root>/etc/{learner,trainer}; the exchange is the shared volume mount.
    # ``course``: a checkout (course/ with the lessons, assignments/ with the nbgrader course).
    settings = HubSettings(state_dir=root, exchange_dir=exchange, course_root=course)
    course_dest = root / "course"
    course = provision.course_config(settings)
    provision.write_role_configs(settings, course)
    if course_dest.exists():
        shutil.rmtree(course_dest)
    shutil.copytree(
        settings.lessons,
        course_dest,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
    )
    from aiwork.labcmd import write_lab_overrides

    write_lab_overrides(prefix)
    if prefix is None or Path(prefix).resolve() == Path(sys.prefix).resolve():
        from aiwork.hub import labvi

        labvi.supplement()  # this environment's language pack
    print(
        f"course {course.course_id}: role configs in {settings.role_config}, "
        f"lessons in {course_dest}"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="bake the course into a single-user image")
    p.add_argument("--course", type=Path, required=True, help="the course checkout")
    p.add_argument("--course", type=Path, required=True, help="the course checkout")
    p.add_argument("--exchange", type=Path, default=Path("/srv/nbgrader/exchange"))
    p.add_argument("--root", type=Path, default=Path("/opt/aiwork"))
    p.add_argument("--prefix", default=None, help="environment prefix (default: this Python's)")
    args = p.parse_args(argv)
    bake(args.exchange, args.root, args.prefix, args.course)
    return 0


if __name__ == "__main__":
    sys.exit(main())
