"""nbgrader configuration for the course "Trợ lý AI trong công việc hành chính".

This folder is the nbgrader course root: source/<assignment-id>/ holds the source notebooks
(with solutions and hidden tests); release/, submitted/, autograded/, feedback/ and
gradebook.db are runtime state and never live in git.
"""

import os
from pathlib import Path

from aiwork.paths import exchange_dir, repo_root

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

# The fast grading engine (`aiwork grade`, `aiwork feedback`): this course's side of it.
# Messages (autograded notebooks, feedback, the command's summary) in Vietnamese.
c.AiworkGrade.language = "vi"
# The graders and the toolkit they call: trusted, and put back before every test cell.
c.AiworkGrade.protected_modules = ["graders", "aiwork"]
# What the notebooks import, and what the toolkit and graders import inside functions, is
# imported once in the grading template (found by the engine). Of the SDK's lazily loaded
# parts and the event loop of the offline assistant: imported once when the assignment uses them.
c.AiworkGrade.preload = ["openai.resources.chat", "openai.types.chat", "tornado.platform.asyncio"]
# Caches the notebooks and graders fill, built once in the template: the lookup module's
# BM25 index, module 6's cases, module 4's charts, figure pools and expected figures; and the
# first-use costs every notebook would pay again: the offline assistant's replies (module 6's
# structured form too), where notebooks build documents (modules 2 and 6), building,
# checking and previewing a Decree 30 document, and where they look for personal data
# (modules 5 and 6), the detector's pattern analysis, and the assistant answering from
# attached passages (module 3); and the traceback of a failed check (every module).
c.AiworkGrade.warm_up = [
    "graders.core:warm_up",
    "aiwork.lookup.retriever:default_retriever",
    "aiwork.lookup.corpus:load_corpus",
    "aiwork.casework:warm_up",
    "aiwork.reporting.report:warm_up",
    "graders.m04_bao_cao:warm_up",
    "aiwork.assistant.offline:warm_up",
    "graders.m02_soan_thao:warm_up",
    "aiwork.privacy.detector:warm_up",
    "graders.m03_tra_cuu:warm_up",
]
# Nothing of the repository's tests or history is readable from a graded notebook.
c.AiworkGrade.hidden_paths = [str(repo_root() / "tests"), str(repo_root() / ".git")]
