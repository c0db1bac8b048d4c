"""Gateway configuration, read once from the environment (the hub passes it to the service).

Every tunable lives here, with its environment variable, so that the hub config, the Helm
values and the docs all point at one place.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

# Quotas reset at local midnight in the province (Indochina Time, UTC+7, no DST).
LOCAL_UTC_OFFSET_HOURS = 7
DEFAULT_DAILY_TOKENS = 50_000
SERVICE_NAME = "aiwork-gateway"


@dataclass(frozen=True)
class GatewaySettings:
    upstream_url: str | None  # OpenAI-compatible base URL ending in /v1; None = offline assistant
    upstream_key: str | None  # the real key; never leaves this process
    upstream_is_local: bool = False  # a model on this server: the privacy guard is skipped
    daily_tokens: int = DEFAULT_DAILY_TOKENS  # per-user daily limit (prompt + completion tokens)
    user_overrides: dict[str, int] = field(default_factory=dict)  # user -> limit (0 = unlimited)
    group_overrides: dict[str, int] = field(default_factory=dict)  # hub group -> limit
    db_path: Path = Path("gateway-usage.sqlite")
    privacy_mode: str = "redact"  # passed to aiwork.privacy.guard.guard_request
    bind_host: str = "127.0.0.1"
    port: int = 8181
    upstream_timeout: float = 120.0
    model: str | None = None  # chat model learners are told to use (AIWORK_MODEL in their env)
    embedding_model: str | None = None

    @property
    def offline(self) -> bool:
        return not self.upstream_url

    def learner_models(self) -> tuple[str, str]:
        """(chat, embedding) model names for learners' environment: the admin's choice, or the
        offline assistant's defaults (their one home is aiwork.mock.models)."""
        from aiwork.mock.models import DEFAULT_CHAT_MODEL, DEFAULT_EMBEDDING_MODEL

        if self.offline:
            return DEFAULT_CHAT_MODEL, DEFAULT_EMBEDDING_MODEL
        if not self.model:
            raise ValueError("AIWORK_GATEWAY_MODEL must name the upstream's chat model")
        return self.model, self.embedding_model or self.model


def _int_map(raw: str | None) -> dict[str, int]:
    if not raw:
        return {}
    data = json.loads(raw)
    return {str(k): int(v) for k, v in data.items()}


def _bind_from_service_url(url: str | None) -> tuple[str, int]:
    # JupyterHub gives a managed service JUPYTERHUB_SERVICE_URL=http://host:port/
    if not url:
        return "127.0.0.1", 8181
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def from_env(env: dict[str, str] | None = None) -> GatewaySettings:
    env = dict(os.environ if env is None else env)
    host, port = _bind_from_service_url(env.get("JUPYTERHUB_SERVICE_URL"))
    upstream = (env.get("AIWORK_GATEWAY_UPSTREAM") or "").strip().rstrip("/") or None
    return GatewaySettings(
        upstream_url=upstream,
        upstream_key=env.get("AIWORK_GATEWAY_UPSTREAM_KEY") or None,
        upstream_is_local=env.get("AIWORK_GATEWAY_UPSTREAM_IS_LOCAL", "") in ("1", "true", "yes"),
        daily_tokens=int(env.get("AIWORK_GATEWAY_DAILY_TOKENS", DEFAULT_DAILY_TOKENS)),
        user_overrides=_int_map(env.get("AIWORK_GATEWAY_USER_QUOTAS")),
        group_overrides=_int_map(env.get("AIWORK_GATEWAY_GROUP_QUOTAS")),
        db_path=Path(env.get("AIWORK_GATEWAY_DB", "gateway-usage.sqlite")),
        privacy_mode=env.get("AIWORK_PRIVACY_MODE", "redact"),
        bind_host=env.get("AIWORK_GATEWAY_HOST", host),
        port=int(env.get("AIWORK_GATEWAY_PORT", port)),
        upstream_timeout=float(env.get("AIWORK_GATEWAY_TIMEOUT", "120")),
        model=env.get("AIWORK_GATEWAY_MODEL") or None,
        embedding_model=env.get("AIWORK_GATEWAY_EMBEDDING_MODEL") or None,
    )
