"""The grading engine (issues 9 and 19): fast, isolated, tamper-resistant autograding for nbgrader.

``aiwork grade`` / ``aiwork feedback`` (see ``cli``). How a run flows:

* ``settings`` reads the course's ``AiworkGrade`` section of its nbgrader config (language,
  warm-up hooks, protected modules, preload and path hints); ``messages`` words everything;
* ``discovery`` finds submissions and what their notebooks import;
* ``writer`` is the single gradebook writer: nbgrader's own autograde steps, with ``Execute``
  replaced by the outputs recorded in a sandbox (``speedups``: the same results with less
  repeated work; ``sourcecells``: source cells read once);
* ``pool`` (or ``scaleout`` on Dask) drives sandboxes forked from the pre-imported template
  process (``forkserver``); ``keeper`` and ``sandbox`` isolate each submission; ``runner``,
  ``capture``, ``harness`` and ``guards`` run its cells inside; ``protocol`` frames messages;
* ``engine`` ties it together (checks, lock, progress, resume); ``status`` keeps the crash-safe
  records (``unfinished``); ``feedback`` hides hidden tests.
"""
