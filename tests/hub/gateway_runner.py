"""Run the gateway app in a background thread (its own event loop) for tests without a hub."""

from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path

from aiwork.gateway.app import GatewayContext, Upstream, listen, make_app
from aiwork.gateway.auth import Caller, StaticTokenChecker
from aiwork.gateway.settings import GatewaySettings
from aiwork.gateway.store import UsageStore


class RunningGateway:
    def __init__(
        self, settings: GatewaySettings, upstream: Upstream, tokens: dict[str, Caller], db: Path
    ):
        self.store = UsageStore(db)
        self.ctx_args = (settings, StaticTokenChecker(tokens), self.store, upstream)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)

            async def start() -> None:
                self.ctx = GatewayContext(*self.ctx_args)
                self.server = listen(make_app(self.ctx), self.port, "127.0.0.1")
                ready.set()

            self.loop.run_until_complete(start())
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert ready.wait(10)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def close(self) -> None:
        async def stop() -> None:
            self.server.stop()
            await self.ctx.client.aclose()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.store.close()
