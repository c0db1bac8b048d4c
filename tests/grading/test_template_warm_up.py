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


CYCLE_PROBE = textwrap.dedent(
    """
    import gc, json, os, sys, weakref
    from aiwork.grading import forkserver

    os.environ.update(forkserver.THREAD_ENV)
    shell = forkserver.make_shell()

    class Node:
        pass

    node = Node()
    node.self = node  # a cycle only a full collection frees (it is old by now)
    gc.collect()
    gc.collect()
    ref = weakref.ref(node)
    del node
    forkserver.warm_up(shell, [])
    print(json.dumps(ref() is None), file=sys.__stdout__)
    """
)


def test_the_warm_up_ends_with_a_full_collection():
    """The template runs ``gc.collect(1)`` only before ``gc.freeze()``: it relies on the
    warm-up's ``shell.reset`` (IPython's DisplayHook.flush) having collected every generation,
    so that no old garbage is frozen into every sandbox."""
    env = {"PATH": "/usr/bin:/bin", "AIWORK_BACKEND": "offline"}
    assert run_json(CYCLE_PROBE, env) is True


SAME_CACHE_PROBE = textwrap.dedent(
    """
    import importlib, inspect, json, os, sys, tempfile
    from aiwork.grading import forkserver

    root = tempfile.mkdtemp()
    os.makedirs(os.path.join(root, "real", "pkg"))
    for name in ("__init__", "plain", "target"):
        open(os.path.join(root, "real", "pkg", name + ".py"), "w").close()
    os.symlink(os.path.join(root, "real", "pkg", "target.py"),
               os.path.join(root, "real", "pkg", "linked.py"))  # a linked file
    os.symlink(os.path.join(root, "real"), os.path.join(root, "via"))  # a linked directory
    sys.path[:0] = [os.path.join(root, "via")]
    for name in ("pkg", "pkg.plain", "pkg.linked"):
        importlib.import_module(name)

    def cache():
        inspect._filesbymodname.clear()
        inspect.modulesbyfile.clear()
        return dict(inspect.modulesbyfile)

    cache()
    inspect.getmodule(compile("0", "<x>", "eval"))
    stock = dict(inspect.modulesbyfile)
    cache()
    forkserver.fill_inspect_cache()
    ours = dict(inspect.modulesbyfile)
    linked = [f for f, m in ours.items() if m == "pkg.linked"]
    print(json.dumps([stock == ours, len(ours) > 20, sorted(linked)]), file=sys.__stdout__)
    """
)


def test_the_quicker_file_cache_is_the_one_inspect_builds(tmp_path):
    """``fill_inspect_cache`` resolves real paths a directory at a time: the cache it leaves is
    inspect's own, for modules reached through a linked directory and a linked file too."""
    env = {"PATH": "/usr/bin:/bin", "AIWORK_BACKEND": "offline"}
    same, many, linked = run_json(SAME_CACHE_PROBE, env)
    assert same and many
    assert any(f.endswith("/real/pkg/target.py") for f in linked)
    assert any(f.endswith("/via/pkg/linked.py") for f in linked)
