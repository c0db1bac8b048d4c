"""The offline assistant as the gateway's upstream when no model is configured.

It reuses the offline assistant's own HTTP server adapter (``aiwork.mock``), started in a
daemon thread on a free loopback port; the gateway then forwards to it exactly as it would to a
real model, so quotas, logging and streaming behave the same in both modes.
"""

from __future__ import annotations

_started: str | None = None


def start_offline_upstream() -> str:
    """Start (once) the offline assistant on loopback; return its base URL ending in /v1."""
    global _started
    if _started is None:
        from aiwork.mock.server import start_background

        server = start_background(host="127.0.0.1", port=0)
        _started = f"{server.url.rstrip('/')}/v1"
    return _started
