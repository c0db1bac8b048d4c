"""What the browser tests share: Debian's Chromium driven by Playwright, and a person's steps
at the hub's Vietnamese sign-up and login pages."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from aiwork.hub.local import prerequisites, skip_reason_or_fail

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PASSWORD = "Gl-" + secrets.token_hex(6)  # strong enough for NativeAuthenticator's checks


def skip_reason(what: str) -> str | None:
    missing = prerequisites()
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (Debian package chromium; deploy/install-host-deps.sh)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - playwright is in the [test] extra
        missing.append("the playwright Python package")
    return skip_reason_or_fail(missing, what)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def sign_up(page, url: str, name: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/hub/signup")
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.fill("#password_confirmation_input", PASSWORD)
    page.click("#signup_submit")
    expect(page.locator(".alert")).to_contain_text("Đăng ký thành công")


def log_in(page, url: str, name: str) -> None:
    page.goto(f"{url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")


def approve(page, url: str, names: list[str]) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/hub/authorize")
    for name in names:
        row = page.locator("tr", has_text=name)
        row.get_by_role("button", name="Authorize", exact=True).click()
        expect(page.locator("tr", has_text=name)).to_contain_text("Yes")


def api_call(page, method: str, url: str) -> dict:
    """A request from the page with its session (cookie + XSRF), as the lab's own code makes;
    the JSON answer with the HTTP status under "status"."""
    return page.evaluate(
        """async ([method, url]) => {
            const xsrf = (document.cookie.match(/(?:^|; )_xsrf=([^;]*)/) || [])[1] || "";
            const r = await fetch(url, {method, headers: {"X-XSRFToken": decodeURIComponent(xsrf)},
                                        credentials: "same-origin"});
            let body = {};
            try { body = await r.json(); } catch (e) { body = {text: await r.text()}; }
            return {status: r.status, body};
        }""",
        [method, url],
    )
