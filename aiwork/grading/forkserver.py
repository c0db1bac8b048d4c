"""The template process: imports IPython and the course's libraries once, then forks.

Started by the driver (``pool``) as ``python -m aiwork.grading.forkserver FD CONFIG`` with a
Unix SEQPACKET socket on FD and CONFIG the JSON of what to preload, the trusted roots and the
course's ``AiworkGrade`` settings. It builds the grading shell (a kernel's environment,
``sys.argv`` and signal handlers), imports the modules the assignment's notebooks import, what
the protected modules they load import inside functions (``discovery.lazy_imports``) and the
course's ``preload`` hints for the packages loaded, pays the first-use costs (a traceback, a
display, the course's ``warm_up`` functions), captures the harness snapshot, freezes the heap
(``gc.freeze`` keeps forked children's pages shared), and then serves requests: each is a
small JSON header plus two pipe ends; it forks a keeper (see ``keeper``) and replies with the
keeper's pid. It never sees a test cell's source: the
driver sends those straight to the sandboxed process, and only when it asks for them.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys
import time

THREAD_ENV = {  # the template must be single-threaded when it forks
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def make_shell():
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    from aiwork.grading import capture, tracebacks

    class GradingShell(InteractiveShell):
        displayhook_class = capture.CapturingDisplayHook
        display_pub_class = capture.CapturingDisplayPublisher

        def _showtraceback(self, etype, evalue, stb):
            capture.CURRENT.error(etype.__name__, str(evalue), list(stb))

        def showtraceback(self, *args, **kwargs):
            with tracebacks.formatting():
                return super().showtraceback(*args, **kwargs)

        def enable_gui(self, gui=None):  # no event loops in a grading process
            return None

        def _format_exception_for_storage(
            self, exception, filename=None, running_compiled_code=False
        ):
            store = super()._format_exception_for_storage
            if isinstance(exception, SyntaxError):  # formatting sets its file name: as stock
                return store(exception, filename, running_compiled_code)
            return tracebacks.LazyStoredException(
                exception, lambda: store(exception, filename, running_compiled_code)
            )

    cfg = Config()
    cfg.HistoryManager.enabled = False
    cfg.HistoryManager.hist_file = ":memory:"
    cfg.InteractiveShell.colors = "linux"
    cfg.InteractiveShell.xmode = "Context"
    shell = GradingShell.instance(config=cfg)
    sys.stdout = capture.OutStream("stdout")
    sys.stderr = capture.OutStream("stderr")
    sys.displayhook = shell.displayhook

    def no_input(prompt=""):  # like ipykernel with allow_stdin=False (nbgrader's setting)
        from IPython.core.error import StdinNotImplementedError

        raise StdinNotImplementedError(
            "raw_input was called, but this frontend does not support input requests."
        )

    import builtins

    builtins.input = no_input
    return shell


#: What a stock kernel adds to the grader's environment: ipykernel's shell (colours, no
#: pager), its inline plotting backend, and nbgrader's marker of an autograde run (with
#: jupyter_client's JPY_PARENT_PID and debugpy's PYDEVD_USE_FRAME_EVAL, see notebook_env).
KERNEL_ENV = {
    "TERM": "xterm-color",
    "CLICOLOR": "1",
    "FORCE_COLOR": "1",
    "CLICOLOR_FORCE": "1",
    "PAGER": "cat",
    "GIT_PAGER": "cat",
    "NBGRADER_EXECUTION": "autograde",
}
KERNEL_ENV_DEFAULTS = {"MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def notebook_env(grader_env: dict[str, str]) -> dict[str, str]:
    env = dict(grader_env)
    for key, value in KERNEL_ENV_DEFAULTS.items():
        env.setdefault(key, value)
    env.update(KERNEL_ENV)
    env["JPY_PARENT_PID"] = str(os.getppid())  # jupyter_client: the process that started it
    env.setdefault("PYDEVD_USE_FRAME_EVAL", "NO")  # debugpy, which ipykernel imports
    return env


def kernel_argv() -> list[str]:
    """``sys.argv`` of a kernel that nbclient started (a notebook may print or parse it)."""
    import importlib.util

    spec = importlib.util.find_spec("ipykernel_launcher")
    launcher = spec.origin if spec and spec.origin else "ipykernel_launcher.py"
    return [launcher, "-f", "/tmp/kernel.json", "--HistoryManager.hist_file=:memory:"]


def preload(names: list[str]) -> list[str]:
    from aiwork.grading.discovery import PRELOAD_IF_MATPLOTLIB

    failed = []
    todo = list(names)
    for name in todo:  # grows once when matplotlib comes in
        try:
            __import__(name)
        except BaseException:  # a notebook's import may fail; the notebook will say so itself  # noqa: BLE001
            failed.append(name)
        if "matplotlib" in sys.modules:
            todo += [n for n in PRELOAD_IF_MATPLOTLIB if n not in todo]
    return failed


def preload_lazy(protected: tuple[str, ...], rounds: int = 3) -> list[str]:
    """Import what the loaded modules of the protected packages import lazily (followed a few
    rounds: what they bring in has imports of its own). Failures are the modules' business."""
    from aiwork.grading.discovery import lazy_imports

    def seeds() -> list[str]:
        return [
            n
            for n in list(sys.modules)
            if any(n == p or n.startswith(p + ".") for p in protected)
            and not n.startswith("aiwork.grading")
        ]

    for _ in range(rounds):
        names = lazy_imports(seeds(), protected)
        if not names:
            break
        before = len(sys.modules)
        for name in names:
            try:
                __import__(name)
            except BaseException:  # noqa: BLE001 - an attribute, an optional dependency...
                pass
        if len(sys.modules) == before:
            break
    return []


def warm_up(shell, calls: list[str]) -> None:
    """Pay first-use costs once, here, instead of in every child."""
    from aiwork.grading import capture, runner, tracebacks

    tracebacks.share_lexer_class()  # before the first traceback: its lexer class is made here
    fill_inspect_cache()  # what the first traceback's inspect.getmodule would do, quicker
    runner.run_code_cell(shell, "1/0", 5, {})
    runner.run_code_cell(
        shell, "from IPython.display import display, Markdown\ndisplay(Markdown('x'))\n'x'", 5, {}
    )
    if "openai" in sys.modules:
        _warm_openai()
    _warm_libraries()
    for spec in calls:
        module_name, _, func = spec.partition(":")
        module = sys.modules.get(module_name)
        if module is not None:
            try:
                getattr(module, func)()
            except Exception:  # noqa: BLE001 - warming up is best effort
                pass
    # inspect's module-by-file cache for every module loaded by now (the warm-ups above
    # import ~90 more): a sandbox's first traceback would otherwise resolve each one's file
    # again (~6 ms per notebook); a code object from no file makes getmodule walk them all
    fill_inspect_cache()
    memo = sys.modules.get("aiwork.memo")
    if memo is not None:
        memo.freeze_all()  # what the warm-up cached becomes each sandbox's read-only start
    capture.CURRENT.reset()
    shell.reset(new_session=False)
    shell.execution_count = 1


def fill_inspect_cache() -> None:
    """``inspect.getmodule`` on a code object from no file: it maps every loaded module's file,
    and its real path, in inspect's module-by-file cache. Resolving a real path lstat()s each
    directory of the path: ~10 calls per module, 40-60 ms for this template's ~1,500-2,000
    modules. The same real paths are computed here with each directory resolved once (a
    file's real path is its directory's real path joined with its name unless the name is a
    link): only while getmodule runs, in this single-threaded process."""
    import inspect

    real = os.path.realpath
    directories: dict[str, str] = {}

    def realpath(path, *, strict=False):
        head, tail = os.path.split(path)
        if strict or not head or tail in ("", ".", ".."):
            return real(path, strict=strict)
        resolved = directories.get(head)
        if resolved is None:
            resolved = directories[head] = real(head)
        full = os.path.join(resolved, tail)
        return real(full) if os.path.islink(full) else full

    os.path.realpath = realpath
    try:
        inspect.getmodule(compile("0", "<aiwork-warm-up>", "eval"))
    finally:
        os.path.realpath = real


def _share_default_ssl_context() -> None:
    """Every new HTTP client of the SDK builds an SSL context and parses the CA bundle
    (about 0.1 s) even to talk to the loopback assistant. In the template, the default
    context is built once and shared by the clients of each sandbox: same settings, the same
    verification, and sharing one context between connections is what it is made for."""
    for name in ("httpx2._transports.default", "httpx._transports.default"):
        module = sys.modules.get(name)
        create = getattr(module, "create_ssl_context", None)
        if create is None or getattr(create, "_aiwork_shared", False):
            continue
        cache: dict = {}

        def shared(verify=True, cert=None, trust_env=True, _create=create, _cache=cache, **kw):
            if cert is not None or kw or not isinstance(verify, bool):
                return _create(verify=verify, cert=cert, trust_env=trust_env, **kw)
            key = (verify, trust_env)
            if key not in _cache:
                _cache[key] = _create(verify=verify, cert=cert, trust_env=trust_env)
            return _cache[key]

        shared._aiwork_shared = True
        module.create_ssl_context = shared
        shared()


def _warm_libraries() -> None:
    """First-use costs of the course's libraries, paid once in the template: matplotlib loads
    its font list and builds a renderer, pandas imports its formatting and groupby machinery,
    python-docx parses its default template. Only objects local to this function are made
    (no pyplot figure stays open, no thread is started)."""
    import io

    if "matplotlib" in sys.modules:
        try:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            fig = Figure(figsize=(3, 2))
            FigureCanvasAgg(fig)
            ax = fig.add_subplot()
            ax.bar(["a", "b"], [1, 2], label="Số liệu")
            ax.set_title("Tiêu đề"), ax.legend()
            fig.savefig(io.BytesIO(), format="png")
        except Exception:  # noqa: BLE001 - warming up is best effort
            pass
    if "pandas" in sys.modules:
        try:
            import pandas as pd

            df = pd.DataFrame({"don_vi": ["A", "B", "A"], "so": [1, 2, 3]})
            df.groupby("don_vi")["so"].agg(["sum", "mean"]).to_string()
            df.describe().to_html()
        except Exception:  # noqa: BLE001
            pass
    if "docx" in sys.modules:
        try:
            import docx

            doc = docx.Document()
            doc.add_paragraph("Văn bản")
            doc.save(io.BytesIO())
        except Exception:  # noqa: BLE001
            pass


def _warm_openai() -> None:
    """One chat completion through the SDK against an in-memory transport (no server, no
    thread, no network): the SDK's lazy imports and its response models are built here,
    once, instead of on each sandbox's first call to the assistant."""
    try:
        import httpx2
        import openai

        reply = {
            "id": "warm-up",
            "object": "chat.completion",
            "created": 0,
            "model": "warm-up",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": "ok"},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        transport = httpx2.MockTransport(lambda request: httpx2.Response(200, json=reply))
        with openai.OpenAI(
            api_key="warm-up",
            base_url="http://127.0.0.1:9/v1",
            http_client=httpx2.Client(transport=transport),
        ) as client:
            client.chat.completions.create(
                model="warm-up", messages=[{"role": "user", "content": "x"}]
            )
        _share_default_ssl_context()
        openai.OpenAI(api_key="warm-up", base_url="http://127.0.0.1:9/v1").close()
    except Exception:  # noqa: BLE001 - warming up is best effort
        pass


def main(argv: list[str]) -> int:
    sock_fd, config = int(argv[0]), json.loads(argv[1])
    from aiwork.grading import keeper

    keeper.NOTEBOOK_ENV.update(notebook_env(dict(os.environ)))
    sys.argv[:] = kernel_argv()
    os.environ.update(THREAD_ENV)
    os.environ.update(notebook_env({}))  # the libraries import as in a kernel
    started = time.monotonic()
    shell = make_shell()
    settings = config["settings"]
    failed = preload(["IPython.display", *config["preload"]])
    protected = tuple(settings.get("protected_modules", []))
    # what the protected modules the notebooks loaded import later (inside functions): once
    # here instead of at a first call in every sandbox
    failed += preload_lazy(protected)
    # the course's hints for the packages this assignment loaded (parts they import lazily)
    hints = [m for m in settings.get("preload", []) if m.split(".")[0] in sys.modules]
    if hints:
        failed += preload(hints) + preload_lazy(protected)
    from aiwork.grading import harness, runner, sandbox

    warm_up(shell, settings.get("warm_up", []))
    signal.signal(signal.SIGALRM, runner.on_alarm)
    snapshot = harness.Snapshot.capture(
        config["trusted"],
        runner.on_alarm,
        settings.get("protected_modules", []),
        settings.get("language", "en"),
    )
    # warm_up's shell.reset ended with a full collection (IPython's DisplayHook.flush): only
    # what the snapshot made since is young; a second full pass cost 0.1 s of every start-up
    gc.collect(1)
    gc.freeze()
    pages = {}
    if config.get("huge_pages"):  # a large class: cheaper forks pay for it (see hugepages)
        from aiwork.grading import hugepages

        pages = hugepages.collapse()
    base_vm = sandbox.vm_size_bytes()
    import threading

    # forking a process with other threads running would copy their locks mid-use
    if threading.active_count() != 1:
        failed.append(f"threads after warm-up: {threading.active_count()}")
    sock = socket.socket(fileno=sock_fd)
    sock.send(
        json.dumps(
            {
                "ready": True,
                "pid": os.getpid(),
                "failed": failed,
                "startup_s": round(time.monotonic() - started, 3),
                "vm_bytes": base_vm,
                "isolation": "full" if sandbox.can_isolate() else "degraded",
                **pages,
            }
        ).encode()
    )
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # keepers are reaped automatically
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(sock, 1 << 16, 2)
        except InterruptedError:
            continue
        if not data:
            return 0
        header = json.loads(data)
        pid = os.fork()
        if pid == 0:
            sock.close()
            code = 70
            try:
                code = keeper.run(header, fds, shell, snapshot, base_vm)
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        sock.send(json.dumps({"id": header["id"], "pid": pid}).encode())


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:
        # sys.stderr is the capture stream by now: say why in the template's log
        import traceback

        traceback.print_exc(file=sys.__stderr__)
        raise
