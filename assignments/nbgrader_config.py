"""nbgrader configuration for the course "Trợ lý AI trong công việc hành chính".

This folder is the nbgrader course root: source/<assignment-id>/ holds the source notebooks
(with solutions and hidden tests); release/, submitted/, autograded/, feedback/ and
gradebook.db are runtime state and never live in git.
"""

import os
from pathlib import Path

from aiwork.paths import exchange_dir

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

HERE = Path(__file__).resolve().parent

c.CourseDirectory.course_id = os.environ.get("AIWORK_COURSE_ID", "tro-ly-ai")
c.CourseDirectory.root = str(HERE)

# Learners may run the offline assistant and build documents: allow a little more than the
# 30 s default per cell, but still stop a stuck cell.
c.Execute.timeout = 60

# The released stub of an answer is a blank value the learner replaces, e.g.
#     loi_nhac_1 = """
#     ...
#     """
# so an unanswered notebook still runs top to bottom (and self-checks say "chưa trả lời").
c.ClearSolutions.code_stub = {"python": "..."}
c.ClearSolutions.text_stub = "_Anh/chị trả lời ở đây._"

# Where the exchange lives: a shared folder on a hub (see deploy/), a private one locally.
c.Exchange.root = str(exchange_dir())
c.Exchange.path_includes_course = True

# Documents in an assignment folder are outputs the notebooks build from the answers (a trainer
# who runs a source notebook as it is writes the reference's report beside it). The course
# releases none of them and grades none of them (graders rebuild documents from the answers), so
# nbgrader never copies them: not into release/, not through the exchange, not into autograded/.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "*.docx",
    "*.xlsx",
    "*.pdf",
]

# Learners' folders hold notebooks and a few images: 20 MB per file is plenty.
c.CourseDirectory.max_file_size = 20_000  # kilobytes
