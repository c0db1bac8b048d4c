"""Who is calling: a learner's hub token, checked against JupyterHub.

The gateway accepts ``Authorization: Bearer <hub token>`` (what the OpenAI SDK sends as its API
key). JupyterHub resolves the token to its owner and scopes; the owner must hold
``access:services!service=aiwork-gateway`` (given to the learners and trainers roles). Groups
(for per-group quotas) are read with the service's own token, which has
``read:users:groups``.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Caller:
    name: str
    groups: tuple[str, ...] = ()


class AuthError(Exception):
    """status 401 (no/invalid token) or 403 (no access to the gateway)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class TokenChecker(Protocol):
    async def caller(self, token: str) -> Caller | None:
        """The caller owning ``token``; None if the token is unknown. AuthError(403) if the
        token is valid but lacks access."""


def bearer_token(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() not in ("bearer", "token") or not value.strip():
        return None
    return value.strip()


class HubTokenChecker:
    """Checks tokens with the hub's REST API (via jupyterhub.services.auth.HubAuth, cached)."""

    GROUP_CACHE_SECONDS = 300

    def __init__(self, forbidden_message: str):
        from jupyterhub.services.auth import HubAuth

        # HubAuth reads JUPYTERHUB_API_TOKEN / _API_URL / _SERVICE_NAME given by the hub.
        self.hub_auth = HubAuth(cache_max_age=60)
        self.forbidden_message = forbidden_message
        self._groups: dict[str, tuple[float, tuple[str, ...]]] = {}

    async def caller(self, token: str) -> Caller | None:
        model = await self.hub_auth.user_for_token(token, sync=False)
        if not model:
            return None
        if model.get("kind", "user") != "user":
            raise _forbidden(self.forbidden_message)
        if not self.hub_auth.check_scopes(self.hub_auth.access_scopes, model):
            raise _forbidden(self.forbidden_message)
        name = model["name"]
        return Caller(name=name, groups=await self._groups_of(name, model))

    async def _groups_of(self, name: str, model: dict) -> tuple[str, ...]:
        if "groups" in model:
            return tuple(model["groups"])
        cached = self._groups.get(name)
        if cached and time.monotonic() - cached[0] < self.GROUP_CACHE_SECONDS:
            return cached[1]
        import httpx

        url = f"{os.environ['JUPYTERHUB_API_URL'].rstrip('/')}/users/{name}"
        headers = {"Authorization": f"token {self.hub_auth.api_token}"}
        async with httpx.AsyncClient(timeout=10, trust_env=False) as client:
            resp = await client.get(url, headers=headers)
        groups = tuple(resp.json().get("groups", [])) if resp.status_code == 200 else ()
        self._groups[name] = (time.monotonic(), groups)
        return groups


def _forbidden(message: str) -> AuthError:
    return AuthError(403, message)


class StaticTokenChecker:
    """Fixed token -> caller map, for running the gateway without a hub (tests, demos)."""

    def __init__(self, tokens: dict[str, Caller]):
        self.tokens = dict(tokens)

    async def caller(self, token: str) -> Caller | None:
        return self.tokens.get(token)
