"""One exception hierarchy for the toolkit's expected failures.

Every command's error boundary (``aiwork.cli.main``) turns an ``AiworkError`` into one line for
the user (Vietnamese: learners and trainers read it) and its ``exit_code``; anything else is
unexpected and is logged with its traceback. Raise the narrowest class that fits:

- ``InputError`` (exit 2): the user's input is wrong (an option, a path, a file's content);
  nothing was changed.
- ``StepFailed`` (exit 1): the input was fine but a step did not complete (some learners not
  graded, a finding in a checked file).
- ``CourseBusy`` (exit 2): another command holds the course; nothing was changed.
"""

from __future__ import annotations


class AiworkError(Exception):
    """An expected failure, with a message fit to show the user as it is."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class InputError(AiworkError, ValueError):
    """Bad input: an option, a path or a file the command cannot use. Nothing was changed."""

    exit_code = 2


class StepFailed(AiworkError):
    """The command ran but some of its work did not complete (listed in the message)."""

    exit_code = 1


class CourseBusy(AiworkError):
    """Another command is working on the same course."""

    exit_code = 2
