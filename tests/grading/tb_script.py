"""Run by test_tracebacks.py in a fresh process: IPython's formatting of one failing cell."""

import json
import pathlib
import sys

from IPython.core import ultratb

from aiwork.grading import tracebacks

if sys.argv[2] in ("shared", "scoped"):
    assert tracebacks.share_lexer_class()
HELPER = '''
def check(value):
    """A grader-like helper two frames down."""
    total = sum(range(3))
    assert value == total, (
        "Chưa đạt: giá trị phải bằng " + str(total)
    )
'''
path = pathlib.Path(sys.argv[1]) / "helper_mod.py"
path.write_text(HELPER, encoding="utf-8")
namespace: dict = {}
exec(compile(HELPER, str(path), "exec"), namespace)
out = []
for _ in range(2):  # the second time round, the shared lexer class exists already
    for mode in ("Context", "Verbose", "Plain", "Minimal"):
        for theme in ("linux", "nocolor"):
            cell = "x = 2\ny = [x,\n     2]\ncheck(len(y) + x)\n"
            try:
                exec(compile(cell, "<ipython-input-7-abc>", "exec"), {"check": namespace["check"]})
            except AssertionError as exc:
                tb = ultratb.AutoFormattedTB(mode=mode, theme_name=theme)
                if sys.argv[2] == "scoped":
                    with tracebacks.formatting():
                        out.append(tb.structured_traceback(type(exc), exc, exc.__traceback__))
                else:
                    out.append(tb.structured_traceback(type(exc), exc, exc.__traceback__))
print(json.dumps(out))
