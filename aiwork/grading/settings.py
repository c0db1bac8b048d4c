"""The course's settings for ``aiwork grade`` / ``aiwork feedback``, read from its nbgrader config.

Everything the engine needs to know about a particular course comes from here, as traitlets
of the ``AiworkGrade`` section of the course's ``nbgrader_config.py`` (the file nbgrader
itself reads), for example::

    c.AiworkGrade.language = "vi"
    c.AiworkGrade.warm_up = ["graders.m04_bao_cao:warm_up"]
    c.AiworkGrade.protected_modules = ["graders"]

A course that sets nothing is graded with English messages, no warm-up and only the engine's
own modules protected. ``load`` reads the file once per run; ``Settings`` is the plain copy
handed to the template process and the sandboxes.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field

from traitlets import Enum, Int, List, Unicode
from traitlets.config import Config, Configurable
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"


class AiworkGrade(Configurable):
    """Settings of the fast grading engine (``aiwork grade``), per course."""

    language = Enum(
        ["en", "vi"],
        default_value="en",
        help="Language of the engine's messages: in autograded notebooks and feedback (what "
        "learners read) and in the command's summary (what the trainer reads).",
    ).tag(config=True)

    warm_up = List(
        Unicode(),
        help="Zero-argument functions ('module:function') called once in the template process "
        "after its imports, when their module is loaded: caches they fill (e.g. a search index, "
        "expected figures) are inherited by every sandbox instead of rebuilt per notebook. "
        "Caches that graders consult must be aiwork.memo.Memo objects (reset before every test "
        "cell).",
    ).tag(config=True)

    preload = List(
        Unicode(),
        help="Modules imported once in the template process when their top-level package is "
        "loaded for the assignment (parts a library imports only at first use). Besides these, "
        "the template imports what the assignment's source notebooks import and what the "
        "protected modules they load import inside functions. Missing ones are skipped.",
    ).tag(config=True)

    protected_modules = List(
        Unicode(),
        help="Modules (dotted prefixes) whose code and contents test cells rely on, e.g. the "
        "course's grader package: trusted, and put back as they were before every test cell, "
        "so learner code that patches them changes no grade. The engine's own modules and the "
        "standard modules it uses are always protected.",
    ).tag(config=True)

    hidden_paths = List(
        Unicode(),
        help="Paths a notebook must not see while it is graded, besides the course root (which "
        "holds the other learners' work, the source notebooks and the gradebook).",
    ).tag(config=True)

    visible_paths = List(
        Unicode(),
        help="Directories notebooks may read while graded although they lie under a hidden "
        "path or under /tmp (e.g. data files the course's toolkit opens at run time).",
    ).tag(config=True)

    huge_pages_from = Int(
        40,
        min=0,
        help="Back the template process's memory with 2 MiB pages (Linux 6.1+, MADV_COLLAPSE) "
        "when at least this many submissions are to be graded: every submission forks the "
        "template three times, and a fork then copies ~500 times fewer page-table entries "
        "(~6-8 ms instead of ~10-17 ms each), for ~0.1-0.3 s once at start-up. 0 turns it off.",
    ).tag(config=True)


@dataclass(frozen=True)
class Settings:
    """What the engine's processes need of ``AiworkGrade`` (plain data: it travels as JSON)."""

    language: str = "en"
    warm_up: tuple[str, ...] = ()
    preload: tuple[str, ...] = ()
    protected_modules: tuple[str, ...] = ()
    hidden_paths: tuple[str, ...] = ()
    visible_paths: tuple[str, ...] = field(default_factory=tuple)
    huge_pages_from: int = 40

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def read_config(course: str) -> Config:
    """The course's ``nbgrader_config.py`` (empty when it has none), root set to the course."""
    cfg = Config()
    if os.path.isfile(os.path.join(course, CONFIG_FILE)):
        cfg.merge(PyFileConfigLoader(CONFIG_FILE, path=course).load_config())
    cfg.CourseDirectory.root = os.path.realpath(course)
    return cfg


def from_config(cfg: Config) -> Settings:
    conf = AiworkGrade(config=cfg)
    return Settings(
        language=conf.language,
        warm_up=tuple(conf.warm_up),
        preload=tuple(conf.preload),
        protected_modules=tuple(conf.protected_modules),
        hidden_paths=tuple(conf.hidden_paths),
        visible_paths=tuple(conf.visible_paths),
        huge_pages_from=conf.huge_pages_from,
    )


def load(course: str) -> Settings:
    return from_config(read_config(course))
