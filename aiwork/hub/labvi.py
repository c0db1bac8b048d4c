"""Lab labels learners meet that the Vietnamese language pack leaves in English ("Modified",
"Markdown File", "Python File", ...): added to the installed pack's ``jupyterlab`` catalogue.

JupyterLab reads the pack's ``locale/vi_VN/LC_MESSAGES/jupyterlab.json`` at each request; its
merge hook for extra catalogues cannot be used (the pack's version field, "jupyterlab", is not a
version and makes the merge fail), so ``aiwork hub install`` (and the image bake) add the
missing entries to that file. Only missing or empty entries are written: the pack's own
translations always win. Idempotent.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from aiwork.paths import DATA_DIR

SUPPLEMENT = DATA_DIR / "lab" / "jupyterlab-vi-supplement.json"
PACK_MODULE = "jupyterlab_language_pack_vi_VN"


def catalogue() -> Path | None:
    """The installed pack's ``jupyterlab.json`` (None when the pack is not installed)."""
    spec = importlib.util.find_spec(PACK_MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "locale" / "vi_VN" / "LC_MESSAGES"
    path = path / "jupyterlab.json"
    return path if path.is_file() else None


def supplement(path: Path | None = None) -> list[str]:
    """Add the missing labels to the catalogue; the msgids added."""
    path = path or catalogue()
    if path is None:
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    extra = json.loads(SUPPLEMENT.read_text(encoding="utf-8"))
    added = [k for k, v in extra.items() if not (data.get(k) or [""])[0]]
    if added:
        for key in added:
            data[key] = [extra[key]]
        path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    return added
