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
