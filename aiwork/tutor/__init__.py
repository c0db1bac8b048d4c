"""The study assistant (trợ giảng): answers learners' questions from the course's own materials.

- ``knowledge``: the knowledge base (lesson sections, glossary, FAQ) built from the course, plus
  the lookup corpus of module 3.
- ``guard``: recognises questions that quote a graded exercise (answered with a hint only).
- ``tutor``: retrieval → grounded answer through the configured model → citations checked.
- ``feedback_log``: ratings and unanswered questions, logged locally without personal data.
"""
