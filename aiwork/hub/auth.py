"""NativeAuthenticator (sign-up, admin approval) made to work on JupyterHub 5/6.

jupyterhub-nativeauthenticator 1.3.0 (the latest release) times logins with ``self.statsd``,
which JupyterHub removed in 5.0, so every login POST fails with a 500; its ``_render`` also
refuses the ``sync`` keyword JupyterHub's error page passes. This subclass swaps in a login
handler with both fixed and changes nothing else.
"""

from __future__ import annotations

from typing import Any

from nativeauthenticator import NativeAuthenticator
from nativeauthenticator import handlers as native_handlers


class _NoTimer:
    def start(self) -> _NoTimer:
        return self

    def stop(self, send: bool = True) -> None:
        pass


class _NoStatsd:
    def timer(self, name: str) -> _NoTimer:
        return _NoTimer()


class LoginHandler(native_handlers.LoginHandler):
    statsd = _NoStatsd()

    def _render(self, login_error: str | None = None, username: str | None = None, **_ignored: Any):
        return super()._render(login_error=login_error, username=username)


class AiworkNativeAuthenticator(NativeAuthenticator):
    def get_handlers(self, app):
        return [
            (path, LoginHandler if handler is native_handlers.LoginHandler else handler)
            for path, handler in super().get_handlers(app)
        ]


def default_url(handler) -> str | None:
    """Where a user lands after login: an admin who is not also a trainer goes to the approval
    page (no lab of their own); everyone else to their lab (None: JupyterHub's default)."""
    from aiwork.hub.settings import TRAINERS

    user = handler.current_user
    if user is not None and user.admin and not any(g.name == TRAINERS for g in user.groups):
        return handler.hub.base_url + "authorize"
    return None
