"""What can be checked of the deployment files without a cluster: the Helm values, the
Kubernetes manifests (rendered by kubectl's kustomize when kubectl is present), the image
bake step, and that every setting they name is one the code reads."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aiwork.gateway.settings import SERVICE_NAME
from aiwork.hub import image
from aiwork.hub.settings import GATEWAY_SERVICE

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
# Top-level keys of the Zero to JupyterHub chart's values (chart 3.x/4.x).
Z2JH_TOP = {
    "fullnameOverride",
    "nameOverride",
    "enabled",
    "imagePullSecrets",
    "imagePullSecret",
    "custom",
    "hub",
    "rbac",
    "proxy",
    "singleuser",
    "scheduling",
    "ingress",
    "prePuller",
    "cull",
    "debug",
    "global",
    "apps",
}


def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text(encoding="utf-8"))


def manifests() -> list[dict]:
    docs = []
    for name in ("gateway.yaml", "exchange.yaml"):
        docs += [d for d in yaml.safe_load_all((K8S / name).read_text(encoding="utf-8")) if d]
    return docs


def test_values_use_chart_keys_and_valid_python():
    v = values()
    assert set(v) <= Z2JH_TOP, set(v) - Z2JH_TOP
    for name, snippet in v["hub"]["extraConfig"].items():
        compile(snippet, f"hub.extraConfig.{name}", "exec")


def test_authenticator_in_values_is_the_fixed_one():
    v = values()
    module, cls = v["hub"]["config"]["JupyterHub"]["authenticator_class"].split(".")
    assert module == "aiwork_auth"  # mounted from aiwork/hub/auth.py
    assert f"class {cls}(" in (REPO / "aiwork" / "hub" / "auth.py").read_text()
    assert v["hub"]["extraFiles"]["aiwork-auth"]["mountPath"].endswith("/aiwork_auth.py")


def test_gateway_names_and_ports_agree():
    v = values()
    assert GATEWAY_SERVICE == SERVICE_NAME
    assert SERVICE_NAME in v["hub"]["services"]
    service = next(d for d in manifests() if d["kind"] == "Service")
    assert service["metadata"]["name"] == SERVICE_NAME
    port = service["spec"]["ports"][0]["port"]
    assert v["hub"]["services"][SERVICE_NAME]["url"] == f"http://{SERVICE_NAME}:{port}"
    assert v["singleuser"]["extraEnv"]["AIWORK_BASE_URL"] == f"http://{SERVICE_NAME}:{port}/v1"
    scopes = v["hub"]["loadRoles"]["user"]["scopes"]
    assert f"access:services!service={SERVICE_NAME}" in scopes


def test_every_setting_named_is_read_by_the_code():
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [
            *(REPO / "aiwork").rglob("*.py"),
            REPO / "assignments" / "nbgrader_config.py",
        ]
    )
    named = set()
    for name in ("values.yaml", "gateway.yaml"):
        named |= set(re.findall(r"\bAIWORK_[A-Z_]+\b", (K8S / name).read_text(encoding="utf-8")))
    unread = sorted(n for n in named if f'"{n}"' not in code and f"'{n}'" not in code)
    assert not unread, f"settings nobody reads: {unread}"


def test_image_bake_writes_role_configs(tmp_path):
    image.bake(Path("/srv/nbgrader/exchange"), tmp_path, str(tmp_path / "prefix"), REPO)
    learner = tmp_path / "etc" / "learner"
    server = json.loads((learner / "jupyter_server_config.d" / "aiwork-learner.json").read_text())
    assert (
        server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    )
    nbg = json.loads((learner / "nbgrader_config.json").read_text())
    assert nbg["Exchange"]["root"] == "/srv/nbgrader/exchange"
    assert (tmp_path / "course" / "01-loi-nhac" / "bai-hoc.ipynb").exists()
    overrides = tmp_path / "prefix" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert (
        json.loads(overrides.read_text())["@jupyterlab/translation-extension:plugin"]["locale"]
        == "vi_VN"
    )


def test_dockerfile_builds_from_environment_yml_and_drops_sources():
    text = (K8S / "Dockerfile").read_text(encoding="utf-8")
    assert "environment.yml" in text and "aiwork.hub.image" in text
    assert "rm -rf /opt/aiwork/src/assignments/source" in text


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl (for kustomize) not on PATH")
def test_kustomize_renders():
    out = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    kinds = sorted(d["kind"] for d in yaml.safe_load_all(out.stdout) if d)
    assert kinds == [
        "Deployment",
        "NetworkPolicy",
        "PersistentVolumeClaim",
        "PersistentVolumeClaim",
        "Service",
    ]


def test_hub_templates_compile_and_resolve():
    """Our Vietnamese pages load with the same search path the hub uses (ours, then
    NativeAuthenticator's, with JupyterHub's own under the ``templates/`` prefix)."""
    import importlib.util

    import jupyterhub
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader

    # Located without importing it (its import warns about a deprecated locale call).
    native = Path(importlib.util.find_spec("nativeauthenticator").submodule_search_locations[0])

    hub_templates = Path(jupyterhub.__file__).parent / "templates"
    if not hub_templates.exists():  # installed layout: <prefix>/share/jupyterhub/templates
        from jupyterhub._data import DATA_FILES_PATH

        hub_templates = Path(DATA_FILES_PATH) / "templates"
    ours = REPO / "aiwork" / "hub" / "templates"
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader([str(ours), str(native / "templates"), str(hub_templates)]),
                PrefixLoader({"templates": FileSystemLoader(str(hub_templates))}),
            ]
        )
    )
    for path in sorted(ours.glob("*.html")):
        template = env.get_template(path.name)
        if path.name == "vi_messages.html":
            vi = template.module.vi
            assert "không đúng" in vi("Invalid username or password.")
            assert vi("an unknown message") == "an unknown message"


def test_lab_labels_added_to_the_language_pack_without_overriding_it(tmp_path):
    """Issue 24, item 5: "Modified", "Markdown File", "Python File" were English in the lab."""
    from aiwork.hub import labvi

    installed = labvi.catalogue()
    assert installed is not None, "jupyterlab-language-pack-vi-VN is a dependency"
    copy = tmp_path / "jupyterlab.json"
    pack = json.loads(installed.read_text(encoding="utf-8"))
    pack.pop("Modified", None)
    pack["Python File"] = ["Tệp Python của gói"]  # the pack's own translation wins
    copy.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    added = labvi.supplement(copy)
    data = json.loads(copy.read_text(encoding="utf-8"))
    assert "Modified" in added and "Python File" not in added
    assert data["Modified"] == ["Lần sửa cuối"] and data["Markdown File"] == ["Tệp Markdown"]
    assert data["Python File"] == ["Tệp Python của gói"]
    assert data[""] == pack[""]  # the catalogue's header untouched
    assert labvi.supplement(copy) == []  # idempotent


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv (the script opens directories as root)",
)
def test_host_step_refuses_an_environment_inside_a_checkout(tmp_path):
    """Issue 24, item 1: the host step opened the checkout that held the interpreter
    (drwx-----x): now an environment inside a course checkout is refused, nothing changed."""
    checkout = tmp_path / "repo"
    (checkout / "assignments" / "source").mkdir(parents=True)
    os.chmod(checkout, 0o700)
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(checkout / ".venv")], check=True
    )
    env = {**os.environ, "AIWORK_NO_BROWSER": "1"}
    out = subprocess.run(
        ["bash", str(REPO / "deploy" / "install-host-deps.sh"), str(checkout / ".venv/bin/python")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 1 and "inside a course checkout" in out.stderr, out.stderr
    assert stat.S_IMODE(checkout.stat().st_mode) == 0o700


def test_admins_land_on_approval_unless_also_trainers():
    """Issue 24, item 4 (the rule; the browser tests check it on a real hub)."""
    from types import SimpleNamespace as NS

    from aiwork.hub.auth import default_url

    def handler(admin: bool, groups: list[str]):
        user = NS(admin=admin, groups=[NS(name=g) for g in groups])
        return NS(current_user=user, hub=NS(base_url="/hub/"))

    assert default_url(handler(True, [])) == "/hub/authorize"
    assert default_url(handler(True, ["trainers"])) is None  # an admin who trains gets a lab
    assert default_url(handler(False, ["learners"])) is None


def test_every_hub_setting_is_documented():
    """Issue 24, item 6: AIWORK_HUB_PYTHON and AIWORK_CHP were read but not documented."""
    from aiwork.hub.settings import VARIABLES

    readme = (REPO / "deploy" / "README.md").read_text(encoding="utf-8")
    code = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "aiwork" / "hub").glob("*.py"))
    read = set(re.findall(r"\b(AIWORK_HUB_[A-Z_]+|AIWORK_CHP)\b", code)) | set(VARIABLES)
    undocumented = sorted(n for n in read if f"`{n}`" not in readme)
    assert not undocumented, f"read by the hub, not in deploy/README.md: {undocumented}"
