"""nbgrader configuration seen by JupyterLab started at the repository root (``make lab``).

The course's real configuration lives in assignments/nbgrader_config.py; this file only loads
it, so that the formgrader and the assignment list in a local lab find the course.
"""

c = get_config()  # noqa: F821 - provided by traitlets
load_subconfig("assignments/nbgrader_config.py")  # noqa: F821 - relative to this file
