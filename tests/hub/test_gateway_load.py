"""The gateway under a class's burst, and its handling of an upstream that fails in transit."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import httpx
from gateway_runner import RunningGateway

from aiwork.gateway.app import Upstream
from aiwork.gateway.auth import Caller
from aiwork.gateway.offline import start_offline_upstream
from aiwork.gateway.settings import GatewaySettings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "mock"))
from test_load import BURST, burst  # the same burst as against the mock directly

TOKENS = {"tok-lan": Caller("lan", ("learners",))}


def test_burst_of_200_through_the_gateway_loses_none(tmp_path):
    settings = GatewaySettings(upstream_url=None, upstream_key=None, daily_tokens=0)
    gw = RunningGateway(
        settings,
        Upstream(start_offline_upstream(), "offline", local=True, label="offline"),
        TOKENS,
        tmp_path / "u.sqlite",
    )
    try:
        results = asyncio.run(burst(gw.base_url, "tok-lan"))
    finally:
        gw.close()
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, f"{len(errors)} of {BURST} lost, e.g. {errors[0]!r}"


class _FlakyUpstream:
    """Accepts connections and resets the first ``failures`` of them without answering,
    then forwards to the offline assistant (a restarting or overloaded upstream)."""

    def __init__(self, target: str, failures: int) -> None:
        import threading

        self.target = target
        self.failures = failures
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        import struct
        import threading

        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self.failures > 0:
                self.failures -= 1
                conn.recv(65536)
                # RST instead of FIN: the client sees a connection reset.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()
                continue
            threading.Thread(target=self._pipe, args=(conn,), daemon=True).start()

    def _pipe(self, conn: socket.socket) -> None:
        import threading

        host, port = self.target.split("//")[1].split("/")[0].split(":")
        up = socket.create_connection((host, int(port)))

        def copy(a: socket.socket, b: socket.socket) -> None:
            try:
                while data := a.recv(65536):
                    b.sendall(data)
            except OSError:
                pass
            finally:
                for s in (a, b):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        threading.Thread(target=copy, args=(conn, up), daemon=True).start()
        copy(up, conn)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def close(self) -> None:
        self.sock.close()


def _gateway(tmp_path, base_url: str) -> RunningGateway:
    return RunningGateway(
        GatewaySettings(upstream_url=base_url, upstream_key="offline", daily_tokens=0),
        Upstream(base_url, "offline", local=True, label="flaky"),
        TOKENS,
        tmp_path / "u.sqlite",
    )


def _chat(gw: RunningGateway) -> httpx.Response:
    return httpx.post(
        gw.base_url + "/chat/completions",
        json={"model": "mock-gpt", "messages": [{"role": "user", "content": "Xin chào"}]},
        headers={"Authorization": "Bearer tok-lan"},
        timeout=30,
        trust_env=False,
    )


def test_transient_upstream_failures_are_retried_by_the_gateway(tmp_path):
    flaky = _FlakyUpstream(start_offline_upstream(), failures=2)
    gw = _gateway(tmp_path, flaky.base_url)
    try:
        r = _chat(gw)
        assert r.status_code == 200, r.text
        assert r.json()["choices"][0]["message"]["content"]
    finally:
        gw.close()
        flaky.close()


def test_unreachable_upstream_is_a_retryable_502(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/v1"  # nothing listens there
    gw = _gateway(tmp_path, dead)
    try:
        r = _chat(gw)
    finally:
        gw.close()
    assert r.status_code == 502
    assert r.json()["error"]["code"] == "upstream_unavailable"
    assert r.headers["x-should-retry"] == "true"
    assert int(r.headers["retry-after"]) >= 1


def test_error_models_through_the_gateway_are_per_learner(tmp_path):
    """Every learner reaches the offline assistant with the gateway's key; the gateway names
    the learner, so one learner's rate-limit episode is not another's."""
    tokens = {"tok-an": Caller("an-429"), "tok-binh": Caller("binh-429")}
    settings = GatewaySettings(upstream_url=None, upstream_key=None, daily_tokens=0)
    gw = RunningGateway(
        settings,
        Upstream(start_offline_upstream(), "offline", local=True, label="offline"),
        tokens,
        tmp_path / "u.sqlite",
    )

    def ask(token: str) -> httpx.Response:
        return httpx.post(
            gw.base_url + "/chat/completions",
            json={"model": "mock-ratelimit-2", "messages": [{"role": "user", "content": "Chào"}]},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
            trust_env=False,
        )

    try:
        first = ask("tok-an")
        assert first.status_code == 429
        assert first.headers["retry-after"] == "1" and first.headers["retry-after-ms"]
        assert ask("tok-binh").status_code == 429
        assert ask("tok-an").status_code == 429
        assert ask("tok-an").status_code == 200
        assert ask("tok-binh").status_code == 429
        assert ask("tok-binh").status_code == 200
    finally:
        gw.close()
