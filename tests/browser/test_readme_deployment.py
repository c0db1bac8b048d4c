"""deploy/README.md followed literally on a fresh temporary layout, then a class's journey in
headless Chromium: sign-up, approval, a trainer made by the documented command, formgrader's
first visit, release, fetch and submit in the learner's Assignment List panel, collect,
autograde, feedback (the trainer's steps are formgrader's own requests, made from its page
with the trainer's session), the feedback fetched in the panel; and what a learner's own
account can reach (nothing of the course sources).

The layout comes from the ``deployment`` fixture (tests/conftest.py, tests/readme_deploy.py):
new venv, the wheel built and installed (not editable), install-host-deps.sh, ``aiwork hub
install``. Here the hub is started the way the systemd unit starts it. Each check names the
defect of issue 24 it guards.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from journey import api_call, approve, launch, log_in, shot, sign_up, skip_reason
from playwright.sync_api import expect

from aiwork.hub.install import as_nobody
from aiwork.hub.kernel import KernelSession
from aiwork.hub.local import free_port
from aiwork.hub.settings import read_config_file

SKIP = skip_reason("README-driven deployment test")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SKIP is not None, reason=SKIP or "")]
ASSIGNMENT = "m01-loi-nhac"
TAG = secrets.token_hex(2)


def name(logical: str) -> str:
    return f"{logical}-{TAG}"


@pytest.fixture(scope="module")
def site(deployment):
    """Step 2 (the admin edits /etc/aiwork/hub.env) and step 3 (start the unit)."""
    dep = deployment
    home = dep.root / "home"
    home.mkdir(mode=0o755, exist_ok=True)
    port = free_port()
    settings = {
        "AIWORK_HUB_BIND_URL": f"http://127.0.0.1:{port}",
        "AIWORK_HUB_PORT": str(free_port()),
        "AIWORK_HUB_PROXY_API_PORT": str(free_port()),
        "AIWORK_GATEWAY_PORT": str(free_port()),
        "AIWORK_HUB_HOME_ROOT": str(home),
        "AIWORK_HUB_ADMINS": name("qt"),
    }
    with open(dep.config, "a", encoding="utf-8") as fh:
        fh.write("".join(f"{k}={v}\n" for k, v in settings.items()))
    for old in (dep.state / "exchange").iterdir():  # empty in a fresh layout; reused: emptied
        shutil.rmtree(old)
    dep.url = f"http://127.0.0.1:{port}"
    dep.home = home
    dep.start_unit()
    deadline = time.monotonic() + 90
    with httpx.Client(trust_env=False, timeout=10) as client:
        while time.monotonic() < deadline:
            assert dep.hub.poll() is None, dep.hub_log()[-4000:]
            try:
                if client.get(f"{dep.url}/hub/api/").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            raise AssertionError("hub not up in 90 s:\n" + dep.hub_log()[-4000:])
    token = (dep.state / "hub" / "admin-token").read_text().strip()
    dep.api = httpx.Client(
        base_url=f"{dep.url}/hub/api/",
        headers={"Authorization": f"token {token}"},
        trust_env=False,
        timeout=60,
    )
    yield dep
    dep.stop_code = dep.stop_unit()
    dep.api.close()
    _remove_accounts(TAG)


def _remove_accounts(tag: str) -> None:
    import pwd

    from aiwork.hub.spawner import ACCOUNT_MARK

    for entry in pwd.getpwall():
        if entry.pw_name.endswith(f"-{tag}") and entry.pw_gecos == ACCOUNT_MARK:
            subprocess.run(["pkill", "-KILL", "-u", entry.pw_name], capture_output=True)
            subprocess.run(["userdel", "--remove", entry.pw_name], capture_output=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def new_page(browser):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    return ctx, page


def groups_of(site, user: str) -> list[str]:
    return site.api.get(f"users/{user}").json()["groups"]


@pytest.fixture(scope="module")
def people(site, browser):
    """Step 4 and 5: sign-ups, the admin's approval, the trainer made by the README's command."""
    admin, learner, trainer = name("qt"), name("hv"), name("gv")
    ctx, page = new_page(browser)
    # Issue 24, item 5: the sign-up page is laid out like the login page, and the header's
    # button is Vietnamese on both.
    widths = {}
    for path in ("login", "signup"):
        page.goto(f"{site.url}/hub/{path}")
        expect(page.locator("#login")).to_have_text("Đăng nhập")
        widths[path] = page.locator("#login-main form").bounding_box()["width"]
    shot(page, "readme-00-signup-page")
    assert widths["signup"] == widths["login"], widths
    for who in (admin, learner, trainer):
        sign_up(page, site.url, who)
    log_in(page, site.url, admin)
    # Issue 24, item 4: the admin lands on the approval page, not in a lab with the lessons.
    page.wait_for_url(re.compile(r"/hub/authorize"), timeout=30_000)
    shot(page, "readme-01-admin-lands-on-approval")
    approve(page, site.url, [learner, trainer])
    ctx.close()
    admin_model = site.api.get(f"users/{admin}").json()
    assert not admin_model["servers"], "the admin got a lab"
    assert "learners" not in admin_model["groups"]

    # Issue 24, item 3: signed up and approved, never logged in, so not yet a hub user; the
    # documented command makes the trainer all the same.
    assert site.api.get(f"users/{trainer}").status_code == 404
    command = site.documented("aiwork hub add-trainer").replace("gv-lan", trainer)
    out = site.run(command)
    assert f"{trainer} added to the trainers group" in out.stdout, out.stdout
    assert "trainers" in groups_of(site, trainer)
    return {"admin": admin, "learner": learner, "trainer": trainer}


def test_roster_by_the_documented_command(site, people):
    """`aiwork hub add-learners ROSTER`: hub users in learners, trainers left as they are; a
    missing file is refused (exit 2, the roster reader's message, no traceback)."""
    roster = site.path("/srv/aiwork/danh-sach.csv")
    roster.write_text(
        "Mã học viên,Họ và tên,Đơn vị,Email\n"
        f"{name('hva')},Nguyễn Thị An,UBND phường Quy Nhơn,an@example.invalid\n"
        f"{name('hvb')},Trần Văn Bình,UBND xã Tuy Phước,binh@example.invalid\n"
        f"{people['trainer']},Lê Thị Lan,Sở Nội vụ,lan@example.invalid\n",
        encoding="utf-8",
    )
    out = site.run(site.documented("aiwork hub add-learners"))
    assert "3 learners in the roster: 2 hub users created" in out.stdout, out.stdout
    for who in (name("hva"), name("hvb")):
        assert groups_of(site, who) == ["learners"]
    assert "learners" not in groups_of(site, people["trainer"])
    roster.unlink()
    missing = site.run(site.documented("aiwork hub add-learners"), check=False)
    assert missing.returncode == 2, missing.stdout
    assert "chưa nhập học viên nào" in missing.stdout and "Traceback" not in missing.stdout


def lab_page(site, browser, user: str):
    """A person logged in, on their lab (the hub starts it at login)."""
    ctx, page = new_page(browser)
    log_in(page, site.url, user)
    page.wait_for_url(re.compile(rf"/user/{user}/lab"), timeout=120_000)
    return ctx, page


@pytest.fixture(scope="module")
def trainer_page(site, browser, people):
    ctx, page = lab_page(site, browser, people["trainer"])
    yield page
    ctx.close()


@pytest.fixture(scope="module")
def learner_page(site, browser, people):
    ctx, page = lab_page(site, browser, people["learner"])
    yield page
    ctx.close()


@pytest.fixture(scope="module")
def first_formgrader_visit(site, trainer_page, people):
    """Issue 24, item 2: the first visit answers (no 'alembic' not found, no endless
    'Loading, please wait…') and leaves a complete gradebook."""
    trainer = people["trainer"]
    page = trainer_page
    page.goto(f"{site.url}/user/{trainer}/formgrader")
    expect(page.locator("body")).to_contain_text(ASSIGNMENT, timeout=60_000)
    expect(page.locator("body")).not_to_contain_text("Loading, please wait")
    shot(page, "readme-02-formgrader-first-visit")
    return site.home / trainer / "lop-hoc" / "gradebook.db"


def test_formgrader_first_visit_creates_a_complete_gradebook(first_formgrader_visit):
    with sqlite3.connect(first_formgrader_visit) as db:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
        assert "alembic_version" in tables
        assert db.execute("select version_num from alembic_version").fetchone()


@pytest.fixture(scope="module")
def round_trip(site, people, trainer_page, learner_page, first_formgrader_visit):
    trainer, learner = people["trainer"], people["learner"]
    fg = f"{site.url}/user/{trainer}/formgrader/api/assignment/{ASSIGNMENT}"
    for step in ("assign", "release"):
        r = api_call(trainer_page, "POST", f"{fg}/{step}")
        assert r["status"] == 200 and r["body"].get("success"), (step, r)

    # The learner, in the lab: Nbgrader → Assignment List, "Fetch", then "Submit".
    page = learner_page
    page.goto(f"{site.url}/user/{learner}/lab")
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    page.locator(".lm-Menu-item", has_text="Assignment List").click()
    released = page.locator("#released_assignments_list")
    expect(released).to_contain_text(ASSIGNMENT, timeout=60_000)
    released.get_by_role("button", name="Fetch", exact=True).click()
    fetched = page.locator("#fetched_assignments_list")
    fetched.get_by_role("button", name="Submit", exact=True).click(timeout=60_000)
    submitted = page.locator("#submitted_assignments_list")
    expect(submitted).to_contain_text(ASSIGNMENT, timeout=60_000)
    shot(page, "readme-03-learner-submitted")
    (course_dir,) = [p for p in (site.home / learner).iterdir() if (p / ASSIGNMENT).is_dir()]

    # The trainer: collect, autograde, feedback (formgrader's own calls, from its page).
    r = api_call(trainer_page, "POST", f"{fg}/collect")
    assert r["body"].get("success"), r
    sub = f"{site.url}/user/{trainer}/formgrader/api/submission/{ASSIGNMENT}/{learner}"
    r = api_call(trainer_page, "POST", f"{sub}/autograde")
    assert r["body"].get("success"), r
    for step in ("generate_feedback", "release_feedback"):
        r = api_call(trainer_page, "POST", f"{fg}/{step}")
        assert r["body"].get("success"), (step, r)

    # The learner fetches the feedback from the same panel.
    page.locator("#refresh_assignments_list").click()
    submitted.get_by_role("button", name="Fetch Feedback").click(timeout=60_000)
    expect(submitted).to_contain_text("view feedback", timeout=60_000)
    return course_dir.name


def test_learner_gets_feedback(site, people, learner_page, round_trip):
    learner = people["learner"]
    feedback = site.home / learner / round_trip / ASSIGNMENT / "feedback"
    (stamp,) = [p for p in feedback.iterdir() if p.is_dir()]
    page = learner_page
    shot(page, "readme-04-learner-feedback-fetched")
    html_files = sorted(p.name for p in stamp.glob("*.html"))
    assert html_files, list(stamp.iterdir())
    page.goto(
        f"{site.url}/user/{learner}/files/{round_trip}/{ASSIGNMENT}/feedback/"
        f"{stamp.name}/{html_files[0]}"
    )
    expect(page.locator("body")).to_contain_text("Score", timeout=30_000)
    shot(page, "readme-05-learner-feedback")


def run_as_learner(site, learner: str, code: str):
    """Code in the learner's own kernel (their account), through the proxy. In a thread of its
    own: Playwright's sync API keeps an event loop running in this one."""
    from concurrent.futures import ThreadPoolExecutor

    r = site.api.post(f"users/{learner}/tokens", json={"note": "readme test", "expires_in": 600})
    token = r.json()["token"]

    def run():
        k = KernelSession(site.url, learner, token)
        try:
            return k.run(code)
        finally:
            k.shutdown()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result(timeout=180)


def test_learner_cannot_read_course_sources(site, people, round_trip):
    """Issue 24, item 1 (and the course directory of "What to build"): from a learner's own
    kernel, neither the course directory, nor the checkout, nor the trainer's copy opens."""
    learner, trainer = people["learner"], people["trainer"]
    targets = [
        site.course_root / "assignments" / "source",
        site.course_root / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
        site.checkout / "assignments" / "source",
        site.checkout / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
        site.home / trainer / "lop-hoc" / "source",
    ]
    out = run_as_learner(
        site,
        learner,
        "import os\n"
        f"for p in {[str(t) for t in targets]!r}:\n"
        "    try:\n"
        "        os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(1)\n"
        "        print('OPEN', p)\n"
        "    except OSError as e:\n"
        "        print('DENIED', type(e).__name__)\n",
    )
    assert out.error is None, out
    assert "OPEN" not in out.stdout, out.stdout
    assert out.stdout.count("DENIED") == len(targets)


def test_any_account_cannot_read_sources_and_checkout_kept_private(site):
    """Issue 24, item 1: the documented chmod 700 of the checkout survives the host step and
    the install (it became drwx-----x); uid 65534 reads no source notebook."""
    assert stat.S_IMODE(site.checkout.stat().st_mode) == 0o700
    mode = stat.S_IMODE(site.course_root.stat().st_mode)
    assert mode & 0o007 == 0, oct(mode)
    notebooks = [
        *site.checkout.glob("assignments/source/*/*.ipynb"),
        *site.course_root.glob("assignments/source/*/*.ipynb"),
    ]
    assert len(notebooks) >= 2
    probe = as_nobody("/bin/cat", *map(str, notebooks))
    assert probe.returncode != 0 and probe.stdout == ""


def test_learner_servers_have_the_environment_on_path(site, people, round_trip):
    """Issue 24, item 2: nbgrader, aiwork and alembic resolve to the course environment."""
    out = run_as_learner(
        site,
        people["learner"],
        "import shutil\nprint([shutil.which(t) for t in ('nbgrader', 'aiwork', 'alembic')])",
    )
    env_bin = str(Path(site.python).parent)
    found = eval(out.stdout.strip())  # a printed list of str/None
    assert found == [f"{env_bin}/{t}" for t in ("nbgrader", "aiwork", "alembic")], found


def test_no_environment_or_source_inside_the_checkout_path(site):
    """The learners' environment holds no course source (wheel only)."""
    env = Path(site.python).parent.parent
    hits = [p for p in env.rglob("source") if p.parent.name == "assignments"]
    assert not hits, hits


def test_assistant_panel_named_in_vietnamese(site, people, learner_page):
    """Issue 24, item 5: the server tells the panel the offline assistant's Vietnamese name."""
    environ = subprocess.run(
        ["pgrep", "-u", people["learner"], "-f", "jupyterhub-singleuser"],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert environ, "no single-user server process for the learner"
    env = Path(f"/proc/{environ[0]}/environ").read_bytes().split(b"\0")
    values = dict(e.decode().split("=", 1) for e in env if b"=" in e)
    assert values["AIWORK_ASSISTANT_NAME"] == "Trợ lý ngoại tuyến của khóa học"


def test_learner_lab_labels_in_vietnamese(site, people, learner_page):
    """Issue 24, item 5: the file browser and the launcher had English labels."""
    page = learner_page
    page.goto(f"{site.url}/user/{people['learner']}/lab/tree/khoa-hoc")
    expect(page.locator(".jp-DirListing-header").first).to_contain_text("Lần sửa cuối")
    # A new launcher: the file browser's "+" button (the keyboard shortcut is lost when the
    # lab has not focused its shell yet, which happens on a loaded machine).
    button = page.locator('.jp-FileBrowser-toolbar [data-command="launcher:create"]').first
    if button.count():
        button.click()
    else:
        page.locator(".jp-DirListing-content").first.click()
        page.keyboard.press("Control+Shift+L")
    launcher = page.locator(".jp-Launcher-body").last
    expect(launcher).to_contain_text("Tệp Python", timeout=30_000)
    expect(launcher).to_contain_text("Tệp Markdown")
    shot(page, "readme-06-learner-lab-labels")


def test_host_has_fonts_for_emoji_and_vietnamese(site):
    """Issue 24, item 5: ✅/❌ were empty boxes with the host's default fonts."""
    for pattern in (":charset=2705", ":charset=274c", ":lang=vi"):
        out = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True)
        assert out.stdout.strip(), f"no installed font has {pattern}"


def test_install_step_is_idempotent(site, round_trip):
    """Run again (as after an upgrade): the admin's configuration is kept, the course directory
    is replaced and stays private, the checks as uid 65534 pass again."""
    before = site.config.read_text(encoding="utf-8")
    out = site.run(site.documented("aiwork hub install"))
    assert "(kept)" in out.stdout and "cannot read the course sources" in out.stdout, out.stdout
    assert site.config.read_text(encoding="utf-8") == before
    assert stat.S_IMODE(site.course_root.stat().st_mode) == 0o750
    assert stat.S_IMODE(site.checkout.stat().st_mode) == 0o700


def test_documented_settings_are_the_ones_read(site):
    config = read_config_file(site.config)
    assert config["AIWORK_HUB_PYTHON"] == site.python or os.path.samefile(
        config["AIWORK_HUB_PYTHON"], site.python
    )
    assert stat.S_IMODE(site.config.stat().st_mode) == 0o600


def test_zz_hub_stops_cleanly(site, round_trip):
    """Issue 24, item 6: a normal stop (SIGTERM, as systemd sends) ends the hub, its servers
    and the gateway without a traceback; the gateway ran from the installed package."""
    gateway = site.api.get("services").json()["aiwork-gateway"]
    python, *args = gateway["command"]
    assert Path(python).parent == Path(site.python).parent and args[:2] == ["-m", "aiwork.gateway"]
    environ = Path(f"/proc/{gateway['pid']}/environ").read_bytes().split(b"\0")
    assert not [e for e in environ if e.startswith(b"PYTHONPATH=")], "gateway runs from a checkout"
    code = site.stop_unit()
    log = site.hub_log()
    assert code == 0, log[-3000:]
    # (JupyterHub itself may log a health-check race while it shuts down: not ours.)
    ours = ("site-packages/aiwork/", "aiwork.gateway")
    tracebacks = [
        t for t in log.split("Traceback")[1:] if any(o in t.split("\n\n")[0] for o in ours)
    ]
    assert "KeyboardInterrupt" not in log and not tracebacks, log[-6000:]
    assert "gateway stopped" in log  # the gateway's own orderly stop, not a kill
