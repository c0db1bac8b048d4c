"""The idle culler stops a server nobody uses (a hub of its own, with a short timeout)."""

from __future__ import annotations

import time

import pytest

from aiwork.hub.local import LocalHub, prerequisites, skip_reason_or_fail

SKIP = skip_reason_or_fail(prerequisites(), "real hub")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SKIP is not None, reason=SKIP or "")]


def test_idle_server_is_stopped(hub_env):
    with LocalHub.start(trainers=[], idle_timeout=6, cull_every=2, **hub_env) as hub:
        name = hub.name("hv")
        hub.create_user(name)
        hub.start_server(name)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            servers = hub.api("GET", f"users/{name}").json().get("servers") or {}
            if not servers:
                break
            time.sleep(1)
        assert not servers, f"server still running after 60 s:\n{hub.log_tail(20)}"
        assert "Culling server" in hub.log_path.read_text(errors="replace")
        # Coming back, the learner is told in Vietnamese and offered to reopen it.
        token = hub.user_token(name)
        page = hub.client.get(f"/hub/user/{name}/lab", headers={"Authorization": f"token {token}"})
        assert page.status_code == 424
        assert "Phòng thực hành đang tắt" in page.text and "Mở phòng thực hành" in page.text
