"""Turning what a cell prints and displays into nbformat outputs, like a Jupyter kernel does.

The sandboxed process runs cells in an IPython ``InteractiveShell`` rather than a kernel; these
classes give that shell a kernel's output behaviour: ``stream`` outputs for stdout/stderr
(consecutive writes merged), ``display_data`` from ``display()``, ``execute_result`` for the
value of a cell's last expression, ``error`` with IPython's traceback lines. Output is capped
(``limits.MAX_CELL_OUTPUT``) so a cell printing forever cannot exhaust memory.
"""

from __future__ import annotations

import io

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher

from aiwork.grading import limits

TRUNCATED = "\n... Output truncated ...\n"


class CellOutputs:
    """The outputs of the cell being run, with a size budget."""

    def __init__(self) -> None:
        self.outputs: list[dict] = []
        self.size = 0
        self.truncated = False
        self._clear_pending = False

    def reset(self) -> list[dict]:
        done, self.outputs, self.size, self.truncated = self.outputs, [], 0, False
        self._clear_pending = False
        for output in done:
            if "parts" in output:
                output["text"] = "".join(output.pop("parts"))
        return done

    def _room(self, n: int) -> int:
        return max(0, limits.MAX_CELL_OUTPUT - self.size) if n > 0 else 0

    def _apply_pending_clear(self) -> None:
        if self._clear_pending:
            self.outputs, self.size, self._clear_pending = [], 0, False

    def stream(self, name: str, text: str) -> None:
        if not text or self.truncated:
            return
        self._apply_pending_clear()
        room = self._room(len(text))
        if len(text) > room:
            text, self.truncated = text[:room] + TRUNCATED, True
        self.size += len(text)
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["parts"].append(text)  # joined once in reset(): appending is O(1)
        else:
            self.outputs.append({"output_type": "stream", "name": name, "parts": [text]})

    def _add(self, output: dict) -> None:
        if self.truncated:
            return
        self._apply_pending_clear()
        size = sum(len(v) if isinstance(v, str) else 64 for v in output.get("data", {}).values())
        if self.size + size > limits.MAX_CELL_OUTPUT:
            self.outputs.append({"output_type": "stream", "name": "stdout", "text": TRUNCATED})
            self.truncated = True
            return
        self.size += size
        self.outputs.append(output)

    def display(self, data: dict, metadata: dict | None) -> None:
        self._add(
            {
                "output_type": "display_data",
                "data": _jsonable(data),
                "metadata": _jsonable(metadata or {}),
            }
        )

    def execute_result(self, count: int, data: dict, metadata: dict | None) -> None:
        self._add(
            {
                "output_type": "execute_result",
                "execution_count": count,
                "data": _jsonable(data),
                "metadata": _jsonable(metadata or {}),
            }
        )

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        # errors are never dropped: they decide a test cell's points
        tb = [str(line)[:10_000] for line in list(traceback)[:200]]
        self._apply_pending_clear()
        self.outputs.append(
            {
                "output_type": "error",
                "ename": str(ename),
                "evalue": str(evalue)[:10_000],
                "traceback": tb,
            }
        )

    def clear(self, wait: bool) -> None:
        if wait:
            self._clear_pending = True
        else:
            self.outputs, self.size = [], 0


def _jsonable(value: object) -> object:
    """Display data as plain JSON types (mime bundles may hold bytes or tuples)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


#: The sink of the process (one cell runs at a time).
CURRENT = CellOutputs()


class OutStream(io.TextIOBase):
    """sys.stdout / sys.stderr of the sandbox: writes become stream outputs."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def write(self, text: str) -> int:  # type: ignore[override]
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        CURRENT.stream(self.name, text)
        return len(text)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "UTF-8"


class CapturingDisplayPublisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        CURRENT.display(data, metadata)

    def clear_output(self, wait=False):
        CURRENT.clear(wait)


class CapturingDisplayHook(DisplayHook):
    """Like ipykernel's display hook: the result becomes an ``execute_result`` output."""

    def start_displayhook(self):
        pass

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        CURRENT.execute_result(self.prompt_count, format_dict, md_dict)

    def finish_displayhook(self):
        pass
