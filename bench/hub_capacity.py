"""Capacity of the one-server hub: N learner servers started at once, a lesson run in each at
once, time to ready and memory per user.

    sudo .venv/bin/python bench/hub_capacity.py --users 30 --python /opt/aiwork/env/bin/python

Starts the real hub config (deploy/jupyterhub_config.py) on loopback in a throw-away directory
with the offline assistant behind the gateway, creates N learner accounts, asks the hub to start
all their servers at the same moment, then runs every code cell of the module 1 lesson in each
learner's kernel concurrently (the assistant calls go through the gateway). Prints figures
beside the targets in deploy/README.md ("Sizing"). Needs what the hub tests need (root,
configurable-http-proxy; deploy/install-host-deps.sh).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from aiwork.hub.kernel import KernelSession
from aiwork.hub.local import LocalHub, prerequisites

REPO = Path(__file__).resolve().parent.parent

LESSON = REPO / "course" / "01-loi-nhac" / "bai-hoc.ipynb"
LESSON_CWD = "khoa-hoc/01-loi-nhac"
# Targets for a class on one 2-core / 24 GiB server (the course's reference machine).
TARGET_READY_P95_S = 60.0
TARGET_RSS_PER_USER_MB = 400.0


def lesson_cells() -> list[str]:
    nb = json.loads(LESSON.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def processes() -> list[tuple[int, int, int, int]]:
    """(pid, ppid, uid, rss kB) of every process."""
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if "VmRSS" in fields:
            out.append(
                (
                    int(fields["Pid"]),
                    int(fields["PPid"]),
                    int(fields["Uid"].split()[0]),
                    int(fields["VmRSS"].split()[0]),
                )
            )
    return out


def rss_by_uid(procs: list[tuple[int, int, int, int]]) -> dict[int, int]:
    totals: dict[int, int] = {}
    for _, _, uid, rss in procs:
        totals[uid] = totals.get(uid, 0) + rss
    return totals


def hub_side_rss(procs: list[tuple[int, int, int, int]], hub_pid: int) -> int:
    """kB of the hub and its root-owned descendants (proxy, gateway, culler)."""
    children: dict[int, list[int]] = {}
    for pid, ppid, _, _ in procs:
        children.setdefault(ppid, []).append(pid)
    info = {pid: (uid, rss) for pid, _, uid, rss in procs}
    total, stack = 0, [hub_pid]
    while stack:
        pid = stack.pop()
        uid, rss = info.get(pid, (-1, 0))
        if uid == 0:
            total += rss
            stack += children.get(pid, [])
    return total


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run_lesson(hub: LocalHub, user: str, token: str, cells: list[str]) -> tuple[float, int]:
    t0 = time.monotonic()
    kernel = await asyncio.to_thread(KernelSession, hub.url, user, token, LESSON_CWD)
    errors = 0
    # Kernels stay up afterwards: their memory is part of what a learner costs.
    try:
        for code in cells:
            result = await kernel.run_async(code, timeout=300)
            errors += result.error is not None
    except Exception as exc:  # count it and go on: one learner's failure is a figure too  # noqa: BLE001
        print(f"  {user}: lesson stopped: {type(exc).__name__}: {exc}", file=sys.stderr)
        errors += 1
    finally:
        await kernel.close()
    return time.monotonic() - t0, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument(
        "--python",
        default=None,
        help="the course environment's interpreter, installed from the wheel outside any "
        "checkout as deploy/README.md shows (default: this one, if other accounts can run it)",
    )
    args = parser.parse_args()
    missing = prerequisites()
    if missing:
        # Not a failure of `make bench` on a developer's machine: say why and what is needed.
        print("hub capacity: skipped, a real hub cannot run here: " + "; ".join(missing))
        return 0
    import pwd

    cells = lesson_cells()
    with LocalHub.start(trainers=[], python=args.python) as hub:
        users = [hub.name(f"hv{i:02d}") for i in range(args.users)]
        for user in users:
            hub.create_user(user)
        t0 = time.monotonic()
        # All at once: the hub answers a spawn request only when the server is up (or after
        # its slow_spawn_timeout), so the requests go out from parallel threads.
        with ThreadPoolExecutor(max_workers=len(users)) as pool:
            list(pool.map(lambda u: hub.api("POST", f"users/{u}/server"), users))
        ready: dict[str, float] = {}
        while len(ready) < len(users) and time.monotonic() - t0 < 600:
            for user in users:
                if user not in ready:
                    model = hub.api("GET", f"users/{user}").json()
                    if (model.get("servers") or {}).get("", {}).get("ready"):
                        ready[user] = time.monotonic() - t0
            time.sleep(0.5)
        if len(ready) < len(users):
            print(f"only {len(ready)}/{len(users)} servers ready in 600 s", file=sys.stderr)
            return 1
        times = list(ready.values())
        print(
            f"hub capacity: {args.users} learners, {len(cells)} lesson cells each, "
            f"{os.cpu_count()} cores",
            flush=True,
        )
        print(
            f"  time to ready (all started at once): median {statistics.median(times):.1f} s,"
            f" p95 {pct(times, 0.95):.1f} s, max {max(times):.1f} s"
            f"   (target p95 <= {TARGET_READY_P95_S:.0f} s)",
            flush=True,
        )
        tokens = {u: hub.user_token(u) for u in users}

        async def all_lessons() -> list[tuple[float, int]]:
            return await asyncio.gather(*(run_lesson(hub, u, tokens[u], cells) for u in users))

        t1 = time.monotonic()
        lessons = asyncio.run(all_lessons())
        lesson_wall = time.monotonic() - t1
        procs = processes()
        rss = rss_by_uid(procs)
        per_user = [rss.get(pwd.getpwnam(u).pw_uid, 0) / 1024 for u in users]
        hub_side = hub_side_rss(procs, hub.proc.pid) / 1024
    lesson_times = [t for t, _ in lessons]
    errors = sum(e for _, e in lessons)
    print(
        f"  lesson in every kernel at once: wall {lesson_wall:.1f} s, per learner median "
        f"{statistics.median(lesson_times):.1f} s, max {max(lesson_times):.1f} s, "
        f"cell errors {errors}"
    )
    print(
        f"  memory per learner (server + kernel, RSS): median {statistics.median(per_user):.0f} MB,"
        f" max {max(per_user):.0f} MB   (target <= {TARGET_RSS_PER_USER_MB:.0f} MB)"
    )
    print(
        f"  hub side (hub, proxy, gateway, culler): {hub_side:.0f} MB; "
        f"all learners: {sum(per_user) / 1024:.1f} GB"
    )
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
