"""Run code in a user's kernel through the hub's proxy (REST + kernel websocket), as the
browser does. Used by the hub tests (what a learner's own process can and cannot do) and the
capacity script (a lesson in every learner's kernel at once)."""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field

import httpx
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


@dataclass
class ExecResult:
    stdout: str = ""
    stderr: str = ""
    error: str | None = None
    outputs: list[dict] = field(default_factory=list)


class KernelSession:
    def __init__(self, hub_url: str, user: str, token: str, cwd: str = ""):
        self.base = f"{hub_url}/user/{user}"
        self.headers = {"Authorization": f"token {token}"}
        with httpx.Client(trust_env=False, timeout=60) as client:
            r = client.post(
                f"{self.base}/api/kernels",
                headers=self.headers,
                json={"name": "python3", "path": cwd},
            )
        r.raise_for_status()
        self.kernel_id = r.json()["id"]
        self._conn = None

    async def connect(self, timeout: float = 120):
        """One websocket for the whole session (reconnecting per cell is slow under load)."""
        if self._conn is None:
            ws_url = (
                self.base.replace("http://", "ws://") + f"/api/kernels/{self.kernel_id}/channels"
            )
            self._conn = await websocket_connect(
                HTTPRequest(
                    ws_url, headers=self.headers, connect_timeout=timeout, request_timeout=timeout
                )
            )
        return self._conn

    async def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def run(self, code: str, timeout: float = 60) -> ExecResult:
        async def once() -> ExecResult:
            try:
                return await self.run_async(code, timeout)
            finally:
                await self.close()

        return asyncio.run(once())

    async def run_async(self, code: str, timeout: float = 60) -> ExecResult:
        conn = await self.connect()
        msg_id = uuid.uuid4().hex
        conn.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": "test",
                        "session": uuid.uuid4().hex,
                        "msg_type": "execute_request",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        result = ExecResult()
        while True:
            raw = await asyncio.wait_for(conn.read_message(), timeout)
            if raw is None:
                raise RuntimeError("kernel websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                if content["name"] == "stdout":
                    result.stdout += content["text"]
                else:
                    result.stderr += content["text"]
            elif kind == "error":
                result.error = f"{content['ename']}: {content['evalue']}"
            elif kind in ("execute_result", "display_data"):
                result.outputs.append(content["data"])
            elif kind == "status" and content["execution_state"] == "idle":
                return result

    def shutdown(self) -> None:
        with httpx.Client(trust_env=False, timeout=30) as client:
            client.delete(f"{self.base}/api/kernels/{self.kernel_id}", headers=self.headers)
