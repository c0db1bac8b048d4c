"""Follow deploy/README.md's one-server steps literally, in a fresh temporary layout.

The commands are read from the README (the ``bash`` blocks of "One server, step by step"),
never copied here; the only changes are the ones a test must make:

- the documented paths (``/srv/aiwork``, ``/opt/aiwork``, ``/etc/aiwork``,
  ``/etc/systemd/system``) are moved under a temporary root; ``AIWORK_HUB_CONFIG`` names the
  moved configuration file for commands that use its default place;
- ``git clone <course repo> DIR`` copies this working tree (tracked and new files, what a
  clone of it would hold once committed) into DIR;
- ``systemctl enable --now aiwork-hub`` runs the unit's ``ExecStart`` in its
  ``WorkingDirectory`` (there is no systemd in a container); other ``systemctl`` lines are
  no-ops;
- the ``aiwork hub add-*`` commands are run later, by the journey, with its user names.
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "deploy" / "README.md"
SECTION = "## One server, step by step"
# Documented places -> where they go under the temporary root (longest first).
DOCUMENTED = ("/etc/systemd/system", "/etc/aiwork", "/srv/aiwork", "/opt/aiwork")


def readme_commands(readme: Path = README) -> list[str]:
    """The shell commands of the section's ``bash`` blocks, continuation lines joined."""
    text = readme.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end > 0 else None]
    commands: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", textwrap_dedent(block))
        commands += [line.strip() for line in joined.splitlines() if line.strip()]
    return commands


def textwrap_dedent(block: str) -> str:
    import textwrap

    return textwrap.dedent(block)


@dataclass
class Deployment:
    root: Path
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    hub: subprocess.Popen | None = None

    def path(self, documented: str) -> Path:
        return Path(self.moved(documented))

    def moved(self, command: str) -> str:
        for place in DOCUMENTED:
            command = re.sub(
                rf"(?<![\w/.]){re.escape(place)}(?=[/\s\"']|$)", f"{self.root}{place}", command
            )
        return command

    @property
    def python(self) -> str:
        return str(self.path("/opt/aiwork/env/bin/python"))

    @property
    def checkout(self) -> Path:
        return self.path("/srv/aiwork/repo")

    @property
    def course_root(self) -> Path:
        return self.path("/srv/aiwork/course")

    @property
    def state(self) -> Path:
        return self.path("/srv/aiwork")

    @property
    def config(self) -> Path:
        return self.path("/etc/aiwork/hub.env")

    @property
    def unit(self) -> Path:
        return self.path("/etc/systemd/system/aiwork-hub.service")

    def run(self, command: str, check: bool = True) -> subprocess.CompletedProcess:
        """One documented command, moved to the temporary layout."""
        moved = self.moved(command)
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"\n$ {moved}\n")
            log.flush()
            done = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", moved],
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=self.root,
            )
            log.write(done.stdout)
        if check and done.returncode != 0:
            raise AssertionError(
                f"README command failed ({done.returncode}): {moved}\n{done.stdout[-3000:]}"
            )
        return done

    def documented(self, prefix: str) -> str:
        """The README's command that contains ``prefix`` (e.g. "aiwork hub add-trainer")."""
        found = [c for c in readme_commands() if prefix in c]
        assert found, f"deploy/README.md shows no command with {prefix!r}"
        return found[0]

    # --- the unit ------------------------------------------------------------------------------
    def start_unit(self, timeout: float = 90) -> None:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str
        parser.read_string(self.unit.read_text(encoding="utf-8"))
        service = parser["Service"]
        argv = shlex.split(service["ExecStart"])
        self.hub = subprocess.Popen(
            argv,
            cwd=service.get("WorkingDirectory", "/"),
            env={k: v for k, v in self.env.items() if not k.startswith("AIWORK_HUB_CONFIG")},
            stdout=open(self.root / "hub.log", "wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop_unit(self) -> int | None:
        import signal

        if self.hub is None or self.hub.poll() is not None:
            return None if self.hub is None else self.hub.returncode
        os.killpg(self.hub.pid, signal.SIGTERM)  # KillMode=mixed: SIGTERM to the hub
        try:
            return self.hub.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.hub.pid, signal.SIGKILL)
            return self.hub.wait(10)

    def hub_log(self) -> str:
        try:
            return (self.root / "hub.log").read_text(errors="replace")
        except OSError:
            return ""


def copy_working_tree(dest: Path) -> None:
    """What ``git clone`` of this working tree would give (tracked + new, not ignored)."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for raw in files:
        if not raw:
            continue
        rel = raw.decode()
        src = REPO / rel
        if not src.exists():  # deleted in the working tree
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target, follow_symlinks=False)


def command_env(dep: Deployment) -> dict[str, str]:
    """The environment the README's commands run in: a root shell's, without this test run's
    own settings or virtual environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIWORK_", "VIRTUAL_ENV"))}
    env["PATH"] = ":".join(
        p for p in os.environ.get("PATH", "").split(":") if not p.startswith(str(REPO))
    )
    env["AIWORK_HUB_CONFIG"] = str(dep.config)
    return env


def deploy(keep_going_after: str = "aiwork hub install") -> Deployment:
    """Run the README's commands up to (and including) the install step; the start and the
    user commands are left to the caller."""
    root = Path(tempfile.mkdtemp(prefix="aiwork-readme-"))
    os.chmod(root, 0o755)  # hub accounts traverse it to reach the environment and their homes
    dep = Deployment(root=root, log=root / "readme-commands.log")
    dep.env = command_env(dep)
    for place in DOCUMENTED:
        dep.path(place).parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    for command in readme_commands():
        if command.startswith("git clone <course repo> "):
            copy_working_tree(dep.path(command.split()[-1]))
        elif command.startswith("systemctl") or "aiwork hub add-" in command:
            continue
        else:
            dep.run(command)
        if keep_going_after in command:
            break
    dep.seconds = time.monotonic() - started  # type: ignore[attr-defined]
    return dep
