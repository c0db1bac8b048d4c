"""What the template's warm-up leaves for every sandbox (``forkserver.warm_up``)."""

from __future__ import annotations

import textwrap

from .fresh import run_json

PROBE = textwrap.dedent(
    """
    import inspect, json, os, sys
    from aiwork.grading import forkserver

    os.environ.update(forkserver.THREAD_ENV)
    shell = forkserver.make_shell()
    forkserver.preload(["IPython.display", "docx", "aiwork.assistant"])
    forkserver.warm_up(shell, ["aiwork.privacy.detector:warm_up"])
    uncached = sorted(
        name for name, module in list(sys.modules.items())
        if getattr(module, "__file__", None)
        and inspect._filesbymodname.get(name) != module.__file__
    )
    print(json.dumps(uncached), file=sys.__stdout__)
    """
)


def test_every_loaded_module_is_in_inspects_file_cache():
    """A sandbox's first traceback asks ``inspect.getmodule`` about the test cell's pseudo
    file; every module the template loaded must already be mapped to its file, or each
    sandbox resolves them all again (issue 19: ~90 modules, ~6 ms per notebook)."""
    env = {"PATH": "/usr/bin:/bin", "AIWORK_BACKEND": "offline"}
    assert run_json(PROBE, env) == []
