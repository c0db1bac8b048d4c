"""End to end on a real local hub (loopback, local process spawner, one account per user):
the nbgrader round trip through the hub's proxy, isolation between accounts, and the gateway
as learners reach it from their own kernels.

Needs root, configurable-http-proxy and an interpreter other accounts can run; .ci/run
provides all three (deploy/install-host-deps.sh). Without them the module skips, naming what
is missing.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest
from fake_upstream import FakeUpstream

from aiwork.hub.kernel import KernelSession
from aiwork.hub.local import LocalHub, prerequisites, skip_reason_or_fail

SKIP = skip_reason_or_fail(prerequisites(), "real hub")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SKIP is not None, reason=SKIP or "")]

SECRET = "sk-e2e-REAL-KEY-" + uuid.uuid4().hex
DAILY = 100  # tokens; the fake upstream reports 42 per request, so the 4th request is refused
ASSIGNMENT = "e2e-thu"


def source_notebook() -> dict:
    """A two-question nbgrader source notebook (solution + visible and hidden tests)."""

    def cell(cell_type: str, source: str, **nbgrader) -> dict:
        c = {"cell_type": cell_type, "id": uuid.uuid4().hex[:8], "metadata": {}, "source": source}
        if cell_type == "code":
            c.update(execution_count=None, outputs=[])
        if nbgrader:
            c["metadata"]["nbgrader"] = {
                "schema_version": 3,
                "locked": False,
                "solution": False,
                "grade": False,
                "task": False,
                **nbgrader,
            }
        return c

    cells = [
        cell("markdown", "# Bài thử nghiệm (tình huống giả định)"),
        cell(
            "code",
            'so_van_ban = None\n### BEGIN SOLUTION\nso_van_ban = "123/UBND-VP"\n### END SOLUTION',
            solution=True,
            grade_id="cau_1",
        ),
        cell(
            "code",
            "assert so_van_ban is not None, 'Chưa trả lời'\n### BEGIN HIDDEN TESTS\n"
            "assert '/' in so_van_ban\n### END HIDDEN TESTS",
            grade=True,
            locked=True,
            grade_id="test_cau_1",
            points=2,
        ),
    ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


@pytest.fixture(scope="module")
def upstream():
    server = FakeUpstream()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def hub(upstream, hub_env):
    env = {
        "AIWORK_GATEWAY_UPSTREAM": upstream.base_url,
        "AIWORK_GATEWAY_UPSTREAM_KEY": SECRET,
        "AIWORK_GATEWAY_MODEL": "fake-model",
        "AIWORK_GATEWAY_DAILY_TOKENS": str(DAILY),
        "AIWORK_GATEWAY_GROUP_QUOTAS": json.dumps({"trainers": 0}),
    }
    with LocalHub.start(trainers=["gv"], env=env, **hub_env) as h:
        h.gv, h.hv1, h.hv2 = h.name("gv"), h.name("hv1"), h.name("hv2")
        for name in (h.gv, h.hv1, h.hv2):
            h.create_user(name)
            h.api("POST", f"users/{name}/server")
        for name in (h.gv, h.hv1, h.hv2):
            h.wait_ready(name)
        h.tokens = {name: h.user_token(name) for name in (h.gv, h.hv1, h.hv2)}
        yield h


def call(hub: LocalHub, user: str, method: str, path: str, **kw):
    r = hub.user_request(user, hub.tokens[user], method, path, **kw)
    assert r.status_code < 400, f"{method} {path} -> {r.status_code}: {r.text[:500]}"
    return r


@pytest.fixture(scope="module")
def round_trip(hub):
    """Trainer releases; learners fetch, work, submit; trainer collects, grades, returns."""
    gv, hv1, hv2 = hub.gv, hub.hv1, hub.hv2
    src = f"lop-hoc/source/{ASSIGNMENT}"
    call(hub, gv, "PUT", f"api/contents/{src}", json={"type": "directory"})
    call(
        hub,
        gv,
        "PUT",
        f"api/contents/{src}/{ASSIGNMENT}.ipynb",
        json={"type": "notebook", "format": "json", "content": source_notebook()},
    )
    fg = f"formgrader/api/assignment/{ASSIGNMENT}"
    assert call(hub, gv, "POST", f"{fg}/assign").json()["success"]
    released = call(hub, gv, "POST", f"{fg}/release").json()
    assert released["success"], released

    hub.course_id = hub.env.get("AIWORK_COURSE_ID") or _course_from_listing(hub, hv1)
    for learner, answer in ((hv1, '"45/QĐ-UBND"'), (hv2, None)):
        listing = call(
            hub, learner, "GET", "assignments", params={"course_id": hub.course_id}
        ).json()
        assert listing["success"] and [a["assignment_id"] for a in listing["value"]] == [ASSIGNMENT]
        args = {"course_id": hub.course_id, "assignment_id": ASSIGNMENT}
        call(hub, learner, "POST", "assignments/fetch", params=args)
        path = f"api/contents/{hub.course_id}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        model = call(hub, learner, "GET", path).json()
        cells = model["content"]["cells"]
        stub = next(c for c in cells if c["metadata"].get("nbgrader", {}).get("solution"))
        assert "123/UBND-VP" not in json.dumps(model)  # the released copy has no solution
        if answer:
            stub["source"] = f"so_van_ban = {answer}"
            call(
                hub,
                learner,
                "PUT",
                path,
                json={"type": "notebook", "format": "json", "content": model["content"]},
            )
        call(hub, learner, "POST", "assignments/submit", params=args)

    assert call(hub, gv, "POST", f"{fg}/collect").json()["success"]
    for learner in (hv1, hv2):
        graded = call(
            hub, gv, "POST", f"formgrader/api/submission/{ASSIGNMENT}/{learner}/autograde"
        )
        assert graded.json()["success"], graded.text[:2000]
    assert call(hub, gv, "POST", f"{fg}/generate_feedback").json()["success"]
    assert call(hub, gv, "POST", f"{fg}/release_feedback").json()["success"]
    scores = {
        s["student"]: s["score"]
        for s in call(hub, gv, "GET", f"formgrader/api/submissions/{ASSIGNMENT}").json()
    }
    return scores


def _course_from_listing(hub: LocalHub, learner: str) -> str:
    # The course id comes from the course's nbgrader_config.py; the exchange shows it.
    for _ in range(20):
        listing = call(hub, learner, "GET", "assignments", params={"course_id": ""}).json()
        if listing.get("value"):
            return listing["value"][0]["course_id"]
        time.sleep(0.2)
    raise AssertionError("no released assignment visible to the learner")


def test_grades_come_from_the_learners_work(round_trip, hub):
    assert round_trip == {hub.hv1: 2.0, hub.hv2: 0.0}


def test_learner_sees_feedback(round_trip, hub):
    args = {"course_id": hub.course_id, "assignment_id": ASSIGNMENT}
    call(hub, hub.hv1, "POST", "assignments/fetch_feedback", params=args)
    listing = call(
        hub, hub.hv1, "GET", f"api/contents/{hub.course_id}/{ASSIGNMENT}/feedback"
    ).json()
    (stamp,) = [e["name"] for e in listing["content"]]
    html = call(
        hub,
        hub.hv1,
        "GET",
        f"files/{hub.course_id}/{ASSIGNMENT}/feedback/{stamp}/{ASSIGNMENT}.html",
    ).text
    assert "45/QĐ-UBND" in html and "2.0 / 2.0" in html


def test_learners_cannot_read_each_other_or_the_trainer(round_trip, hub):
    hv1_home, gv_home = hub.home(hub.hv1), hub.home(hub.gv)
    inbound = f"{hub.workdir}/state/exchange/{hub.course_id}/inbound"
    k = KernelSession(hub.url, hub.hv2, hub.tokens[hub.hv2])
    try:
        probe = k.run(
            "import os\n"
            "def probe(fn, *a):\n"
            "    try:\n        fn(*a); return 'OPEN'\n"
            "    except PermissionError:\n        return 'DENIED'\n"
            f"print(probe(os.listdir, {str(hv1_home)!r}))\n"
            f"print(probe(os.listdir, {str(gv_home / 'lop-hoc' / 'source')!r}))\n"
            f"print(probe(open, {str(gv_home / 'lop-hoc' / 'gradebook.db')!r}))\n"
            f"print(probe(os.listdir, {inbound!r}))\n"
            "print(os.environ['JUPYTERHUB_USER'], os.getuid() != 0)\n"
        )
        assert probe.error is None, probe
        assert probe.stdout.split() == ["DENIED"] * 4 + [hub.hv2, "True"]
    finally:
        k.shutdown()
    # Nor through the proxy with their own token.
    r = hub.user_request(hub.hv1, hub.tokens[hub.hv2], "GET", "api/contents")
    assert r.status_code in (403, 404)
    r = hub.user_request(hub.gv, hub.tokens[hub.hv2], "GET", "formgrader/api/assignments")
    assert r.status_code in (403, 404)


def test_learner_has_no_formgrader(hub):
    r = hub.user_request(hub.hv1, hub.tokens[hub.hv1], "GET", "formgrader/api/assignments")
    assert r.status_code == 404


def test_gateway_from_a_learner_kernel(hub, upstream):
    k = KernelSession(hub.url, hub.hv1, hub.tokens[hub.hv1])
    try:
        out = k.run(
            "import os, glob, openai\n"
            "c = openai.OpenAI(max_retries=0)\n"
            "msgs = [{'role': 'user', 'content': 'Soạn thông báo họp'}]\n"
            "for i in range(3):\n"
            "    r = c.chat.completions.create(model=os.environ['AIWORK_MODEL'], messages=msgs)\n"
            "print('REPLY', r.choices[0].message.content.split(',')[0])\n"
            "try:\n"
            "    c.chat.completions.create(model=os.environ['AIWORK_MODEL'], messages=msgs)\n"
            "except openai.RateLimitError as e:\n"
            "    print('QUOTA', e.body['code'], e.body['message'])\n"
            "for bad in ('', 'sai-ma'):\n"
            "    try:\n"
            "        openai.OpenAI(api_key=bad or 'x', max_retries=0).models.list()\n"
            "    except openai.AuthenticationError as e:\n"
            "        print('AUTH', e.status_code)\n"
            f"print('KEYENV', any({SECRET!r} in v for v in os.environ.values()))\n"
            "seen = []\n"
            "for cmd in glob.glob('/proc/[0-9]*/cmdline'):\n"
            "    try:\n"
            "        if b'aiwork.gateway' in open(cmd, 'rb').read():\n"
            "            open(cmd.replace('cmdline', 'environ'), 'rb').read(); seen.append('READ')\n"
            "    except PermissionError:\n"
            "        seen.append('DENIED')\n"
            "    except OSError:\n"
            "        pass\n"
            "print('PROC', sorted(set(seen)))\n"
        )
    finally:
        k.shutdown()
    assert out.error is None, out
    lines = out.stdout.splitlines()
    assert "REPLY Kính gửi anh/chị" in lines
    assert any(
        line.startswith("QUOTA daily_quota_exceeded Anh/chị đã dùng hết hạn mức 100")
        for line in lines
    ), lines
    assert lines.count("AUTH 401") == 2
    assert "KEYENV False" in lines and "PROC ['DENIED']" in lines
    assert SECRET not in out.stdout
    # What reached the model carried the real key, never the learner's hub token.
    assert {r["auth"] for r in upstream.requests} == {f"Bearer {SECRET}"}


def test_gateway_refuses_tokens_without_access(hub):
    import httpx

    url = f"http://127.0.0.1:{hub.gateway_port}/v1/models"
    with httpx.Client(trust_env=False) as client:
        assert client.get(url).status_code == 401
        # The admin automation token is valid for the hub but has no access to the gateway.
        r = client.get(url, headers={"Authorization": f"Bearer {hub.token}"})
    assert r.status_code == 403 and "chưa được cấp quyền" in r.json()["error"]["message"]


def test_hub_services_are_running(hub):
    services = {s["name"]: s for s in hub.api("GET", "services").json().values()}
    assert {"aiwork-gateway", "idle-culler"} <= set(services)
    for name in ("aiwork-gateway", "idle-culler"):
        assert services[name]["pid"], f"{name} is not running"
    culler = " ".join(services["idle-culler"]["command"])
    assert "jupyterhub_idle_culler" in culler and "--timeout=3600" in culler


def test_trainers_group_quota_comes_from_the_hub(hub):
    """The trainers' override ({"trainers": 0} = unlimited) needs the caller's hub groups,
    which the gateway reads with its own service token."""
    import httpx

    url = f"http://127.0.0.1:{hub.gateway_port}/v1/chat/completions"
    body = {"model": "fake-model", "messages": [{"role": "user", "content": "Chào"}]}
    headers = {"Authorization": f"Bearer {hub.tokens[hub.gv]}"}
    with httpx.Client(trust_env=False, timeout=30) as client:
        statuses = [client.post(url, json=body, headers=headers).status_code for _ in range(4)]
        health = client.get(url.removesuffix("v1/chat/completions"), headers=headers).json()
    assert statuses == [200] * 4  # 4 x 42 tokens, past the learners' 100
    assert health["daily_limit"] == 0 and health["used_today"] >= 168
