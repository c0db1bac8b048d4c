"""The gateway's HTTP application (Tornado, as JupyterHub services usually are).

Routes (under the service prefix, e.g. ``/services/aiwork-gateway/`` through the proxy, or
directly on the service port): ``GET /`` health and the caller's quota, ``/v1/...`` forwarded
to the upstream: chat/completions, responses, embeddings (POST) and models (GET).
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from tornado import httpserver, netutil, web

from aiwork.gateway import messages
from aiwork.gateway.auth import AuthError, Caller, TokenChecker, bearer_token
from aiwork.gateway.settings import GatewaySettings
from aiwork.gateway.store import UsageStore, local_day
from aiwork.gateway.usage import (
    SSEAccountant,
    Usage,
    estimate_tokens,
    request_text,
    text_from_json,
    usage_from_json,
)

log = logging.getLogger("aiwork.gateway")

POST_ENDPOINTS = ("chat/completions", "responses", "embeddings")
GET_ENDPOINTS = ("models",)
# Request headers worth passing on; everything else (cookies, the learner's token) stays here.
FORWARD_HEADERS = ("content-type", "accept", "openai-beta", "x-stainless-retry-count")
HOP_HEADERS = {"content-length", "transfer-encoding", "connection", "content-encoding"}
# A class pressing Run at once: the listen queue holds the burst instead of resetting it.
BACKLOG = 2048
# Transport failures before any reply (connection refused or reset, a keep-alive connection
# the upstream closed) are retried this many times, after these pauses (seconds); an upstream
# that answers, even with an error status, is never retried here: its answer goes to the
# learner as it is (the offline assistant's error models teach retries with it).
UPSTREAM_RETRY_PAUSES = (0.05, 0.25, 1.0)
# Header telling the offline assistant who the learner is, so its error models (rate limits
# keyed on the caller) treat each learner as a real endpoint treats each key.
CALLER_HEADER = "x-aiwork-caller"


@dataclass
class Upstream:
    base_url: str  # ends in /v1
    key: str | None
    local: bool  # the offline assistant on loopback: no privacy guard needed
    label: str


def quota_for(settings: GatewaySettings, caller: Caller) -> int:
    """The caller's daily limit; 0 means unlimited. User overrides beat group overrides, and
    of several groups the most generous applies."""
    if caller.name in settings.user_overrides:
        return settings.user_overrides[caller.name]
    limits = [settings.group_overrides[g] for g in caller.groups if g in settings.group_overrides]
    if limits:
        return 0 if 0 in limits else max(limits)
    return settings.daily_tokens


def error_body(message: str, kind: str, code: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "code": code, "param": None}}


class BaseHandler(web.RequestHandler):
    @property
    def gw(self) -> GatewayContext:
        return self.settings["aiwork_gateway"]

    def fail(
        self, status: int, message: str, kind: str, code: str, retryable: bool = False
    ) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        # The OpenAI SDK retries 429/5xx unless told not to; a spent quota will not recover in
        # seconds, so retrying only wastes the learner's time. A transient failure says so,
        # with the pause a client should take (seconds, and milliseconds as the SDK reads it).
        self.set_header("x-should-retry", "true" if retryable else "false")
        if retryable:
            self.set_header("Retry-After", "1")
            self.set_header("retry-after-ms", "500")
        self.finish(json.dumps(error_body(self.gw.redact(message), kind, code), ensure_ascii=False))

    async def authenticate(self) -> Caller | None:
        token = bearer_token(self.request.headers.get("Authorization"))
        if token is None:
            self.fail(401, messages.MISSING_TOKEN, "authentication_error", "missing_token")
            return None
        try:
            caller = await self.gw.checker.caller(token)
        except AuthError as exc:
            self.fail(exc.status, exc.message, "permission_error", "forbidden")
            return None
        if caller is None:
            self.fail(401, messages.INVALID_TOKEN, "authentication_error", "invalid_token")
            return None
        return caller


class GatewayContext:
    def __init__(
        self,
        settings: GatewaySettings,
        checker: TokenChecker,
        store: UsageStore,
        upstream: Upstream,
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        self.settings = settings
        self.checker = checker
        self.store = store
        self.upstream = upstream
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.upstream_timeout, connect=10),
            # A whole class at once: up to this many upstream requests in flight, the rest
            # wait for a connection (within the timeout) instead of failing.
            limits=httpx.Limits(max_connections=512, max_keepalive_connections=128),
            transport=transport,
            trust_env=False,  # a learner-facing proxy must not pick up proxy env vars
        )

    def redact(self, text: str) -> str:
        """Belt and braces: whatever an upstream echoes, the real key never goes out."""
        key = self.upstream.key
        return text.replace(key, "***") if key and len(key) >= 8 else text

    def redact_bytes(self, data: bytes) -> bytes:
        key = self.upstream.key
        if key and len(key) >= 8:
            return data.replace(key.encode(), b"***")
        return data


class HealthHandler(BaseHandler):
    async def get(self) -> None:
        caller = await self.authenticate()
        if caller is None:
            return
        limit = quota_for(self.gw.settings, caller)
        used = self.gw.store.used_on(caller.name)
        self.finish(
            {
                "user": caller.name,
                "day": local_day(),
                "daily_limit": limit,
                "used_today": used,
                "backend": "offline" if self.gw.upstream.local else "upstream",
            }
        )


class ProxyHandler(BaseHandler):
    async def get(self, endpoint: str) -> None:
        if endpoint not in GET_ENDPOINTS:
            self.fail(
                404, messages.NOT_FOUND.format(path=endpoint), "invalid_request_error", "not_found"
            )
            return
        if await self.authenticate() is None:
            return
        await self._forward("GET", endpoint, None, None, None)

    async def post(self, endpoint: str) -> None:
        if endpoint not in POST_ENDPOINTS:
            self.fail(
                404, messages.NOT_FOUND.format(path=endpoint), "invalid_request_error", "not_found"
            )
            return
        caller = await self.authenticate()
        if caller is None:
            return
        try:
            body = json.loads(self.request.body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            self.fail(400, messages.BAD_JSON, "invalid_request_error", "bad_json")
            return
        # The check is made before the request: a request started under the limit completes
        # (so the day's total can end a little above it) and the next one is refused.
        limit = quota_for(self.gw.settings, caller)
        used = self.gw.store.used_on(caller.name)
        if limit and used >= limit:
            self.gw.store.record(
                caller.name,
                endpoint,
                body.get("model"),
                bool(body.get("stream")),
                0,
                0,
                False,
                429,
                self.gw.upstream.label,
            )
            self.fail(
                429,
                messages.format_quota(limit, used),
                "insufficient_quota",
                "daily_quota_exceeded",
            )
            return
        mapping = None
        if not self.gw.upstream.local:
            from aiwork.privacy.guard import PrivacyBlocked, guard_request
            from aiwork.privacy.redact import PlaceholderMap

            mapping = PlaceholderMap()
            try:
                body = guard_request(body, self.gw.settings.privacy_mode, mapping=mapping)
            except PrivacyBlocked as exc:
                # The guard's own Vietnamese message says what was found and what to do.
                self.fail(400, str(exc), "invalid_request_error", "privacy_blocked")
                return
        await self._forward("POST", endpoint, body, caller, mapping)

    async def _forward(
        self,
        method: str,
        endpoint: str,
        body: dict[str, Any] | None,
        caller: Caller | None,
        mapping: Any,
    ) -> None:
        """Forward to the upstream and stream the reply back; log usage for POSTs.

        Re-identification of masked personal data is done for complete (non-streamed) replies
        only: in a stream a placeholder may be split across events."""
        up = self.gw.upstream
        stream = bool(body and body.get("stream"))
        injected_usage = False
        held = b""  # SSE bytes sent after the usage is recorded (SSEAccountant.hold_done)
        if stream and endpoint == "chat/completions":
            opts = dict(body.get("stream_options") or {})
            if not opts.get("include_usage"):
                opts["include_usage"] = True
                body["stream_options"] = opts
                injected_usage = True
        headers = {k: v for k, v in self.request.headers.items() if k.lower() in FORWARD_HEADERS}
        if up.key:
            headers["Authorization"] = f"Bearer {up.key}"
        if up.local and caller is not None:
            headers[CALLER_HEADER] = caller.name
        url = f"{up.base_url}/{endpoint}"
        if self.request.query:
            url += "?" + self.request.query
        content = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        if content is not None:
            headers["content-type"] = "application/json"
        resp = await self._send_upstream(method, url, headers, content)
        if resp is None:
            self.fail(
                502,
                messages.UPSTREAM_UNAVAILABLE,
                "api_error",
                "upstream_unavailable",
                retryable=True,
            )
            return
        try:
            self.set_status(resp.status_code)
            for name, value in resp.headers.items():
                if name.lower() not in HOP_HEADERS and name.lower() != "set-cookie":
                    self.set_header(name, self.gw.redact(value))
            is_sse = resp.headers.get("content-type", "").startswith("text/event-stream")
            if is_sse:
                accountant = SSEAccountant(drop_usage_only_chunk=injected_usage, hold_done=True)
                async for chunk in resp.aiter_raw():
                    out = accountant.feed(chunk)
                    if out:
                        self.write(self.gw.redact_bytes(out))
                        await self.flush()
                tail = accountant.flush()
                if tail:
                    self.write(self.gw.redact_bytes(tail))
                found = accountant.usage
                reply_text = "".join(accountant.text)
                held = accountant.held
            else:
                raw = await resp.aread()
                found, reply_text = None, ""
                try:
                    payload = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    payload = None
                if isinstance(payload, dict):
                    found = usage_from_json(payload)
                    reply_text = text_from_json(payload)
                    if mapping is not None and len(mapping):
                        # Put the learner's own values back into the reply, here on the server:
                        # the model only ever saw placeholders.
                        from aiwork.privacy.guard import reidentify_reply

                        raw = json.dumps(
                            reidentify_reply(payload, mapping), ensure_ascii=False
                        ).encode()
                self.write(self.gw.redact_bytes(raw))
        finally:
            await resp.aclose()
        if caller is not None and body is not None:
            if found is None and resp.status_code < 400:
                found = Usage(estimate_tokens(request_text(body)), estimate_tokens(reply_text))
            found = found or Usage()
            self.gw.store.record(
                caller.name,
                endpoint,
                body.get("model"),
                stream,
                found.prompt_tokens,
                found.completion_tokens,
                not found.reported,
                resp.status_code,
                up.label,
            )
        if held:  # the stream's [DONE], once its usage is recorded
            self.write(self.gw.redact_bytes(held))
        self.finish()

    async def _send_upstream(
        self, method: str, url: str, headers: dict[str, str], content: bytes | None
    ) -> httpx.Response | None:
        """The upstream's response (headers read, body streaming), or None when it could not
        be reached after the retries. Only failures with no reply at all are retried; a
        timeout waiting for a reply is not (the model may be working on it)."""
        up = self.gw.upstream
        for attempt, pause in enumerate((*UPSTREAM_RETRY_PAUSES, None)):
            request = self.gw.client.build_request(method, url, headers=headers, content=content)
            try:
                return await self.gw.client.send(request, stream=True)
            except (httpx.TransportError, OSError) as exc:
                transient = not isinstance(exc, httpx.TimeoutException) or isinstance(
                    exc, httpx.ConnectTimeout | httpx.PoolTimeout
                )
                log.warning(
                    "upstream %s failed (try %d): %s: %s",
                    up.label,
                    attempt + 1,
                    type(exc).__name__,
                    exc,
                )
                if pause is None or not transient:
                    return None
                await asyncio.sleep(pause)
        return None


def make_app(ctx: GatewayContext, prefixes: tuple[str, ...] = ("/",)) -> web.Application:
    rules: list[tuple[str, type[web.RequestHandler]]] = []
    for prefix in dict.fromkeys(p.rstrip("/") + "/" for p in prefixes):
        rules += [(prefix, HealthHandler), (prefix + r"v1/(.+)", ProxyHandler)]
    return web.Application(rules, aiwork_gateway=ctx)


def upstream_from_settings(settings: GatewaySettings) -> Upstream:
    if settings.offline:
        from aiwork.gateway.offline import start_offline_upstream

        # The offline assistant wants some key, as real endpoints do; this one is no secret.
        return Upstream(start_offline_upstream(), "offline", local=True, label="offline")
    host = urlsplit(settings.upstream_url).hostname or "upstream"
    # Any configured upstream is treated as non-local (privacy guard on) unless the admin
    # declares it local: guessing from the address would be wrong behind a tunnel.
    return Upstream(
        settings.upstream_url, settings.upstream_key, local=settings.upstream_is_local, label=host
    )


def bind(port: int, host: str = "127.0.0.1") -> list[socket.socket]:
    """The listening sockets for ``host:port``, with a listen queue deep enough for a class's
    burst (Tornado's ``app.listen`` uses 128). Raises ``OSError`` when the port is taken."""
    return netutil.bind_sockets(port, host, family=socket.AF_INET, backlog=BACKLOG)


def listen(
    app: web.Application,
    port: int,
    host: str = "127.0.0.1",
    sockets: list[socket.socket] | None = None,
) -> httpserver.HTTPServer:
    """Serve ``app`` on ``host:port`` (or on ``sockets`` bound beforehand with :func:`bind`).
    Call from the event loop that will run it."""
    server = httpserver.HTTPServer(app, idle_connection_timeout=300)
    server.add_sockets(sockets if sockets is not None else bind(port, host))
    return server
