"""The grading engine (issue 9): fast, isolated, tamper-resistant autograding for nbgrader.

``aiwork grade`` / ``aiwork feedback`` (see ``cli``). How a run flows:

* ``discovery`` finds submissions and what their notebooks import;
* ``writer`` is the single gradebook writer: nbgrader's own sanitize and autograde passes,
  with ``Execute`` replaced by the outputs recorded in a sandbox (``speedups``: the same
  results with less repeated work);
* ``pool`` (or ``scaleout`` on Dask) drives sandboxes forked from the pre-imported template
  process (``forkserver``); ``keeper`` and ``sandbox`` isolate each one; ``runner``,
  ``capture`` and ``harness`` run its cells inside; ``protocol`` frames their messages;
* ``engine`` ties it together (progress, resume, outcomes); ``feedback`` hides hidden tests.
"""

import sys

# jsonschema imports rfc3987_syntax when it is installed (jupyter-events pulls it in), and that
# compiles about forty Lark grammars at import: 0.8 s of every grading run's start-up on this
# machine. nbformat's and nbgrader's schemas use no IRI formats, so grading goes without it
# (jsonschema then skips only its "iri" and "iri-reference" format checks).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
