"""Same results, less repeated work: process-local patches for the single gradebook writer.

nbgrader builds a new SQLAlchemy engine for every ``Gradebook(...)`` (several per notebook),
so every query is compiled again and the schema is inspected again; and it validates each
cell's metadata with ``jsonschema.validate``, which re-checks the schema and builds a new
validator per cell. Under ``aiwork grade`` these costs dominate once execution is fast.
Here the engine is shared per database URL (its statement cache survives), the schema is
checked once per engine, the validator is built once per schema, each ``Gradebook`` object
commits once, and notebooks are copied through JSON. Queries and validation rules are
unchanged; each function below says what it changes and why the result is the same.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
import threading
import types


@contextlib.contextmanager
def iri_formats_skipped():
    """Import jsonschema without its IRI format checks, in this process only.

    jsonschema imports ``rfc3987_syntax`` when it is installed (jupyter-events pulls it in),
    and that compiles about forty Lark grammars: 0.8 s of an idle machine's start-up of every
    ``aiwork grade`` and ``aiwork feedback``, several seconds on a loaded one. nbformat's and
    nbgrader's schemas use no IRI format, so the grading commands import jsonschema with the
    module marked absent (jsonschema then skips only its "iri" and "iri-reference" checks), and
    the mark is taken away again: a later import of ``rfc3987_syntax`` works as usual."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        yield
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import jsonschema  # noqa: F401 - imported here, without the grammars

        yield
    finally:
        if "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None:
            del sys.modules["rfc3987_syntax"]


def nbgrader_package_only() -> None:
    """Register the ``nbgrader`` package without running its ``__init__``, in this process.

    nbgrader's ``__init__`` imports its four Jupyter server extensions (jupyter_server,
    tornado handlers...) so that a Jupyter server can find them: about 0.9 s of every grading
    command's start-up, for nothing a command uses. The package module is made from its spec
    (same ``__path__``, ``__version__``); ``nbgrader.api``, ``nbgrader.converters`` and the
    rest import from it unchanged. A process that already imported nbgrader keeps it."""
    import importlib.util

    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    if spec is None or not spec.submodule_search_locations:
        return
    sys.modules["nbgrader"] = importlib.util.module_from_spec(spec)
    from nbgrader._version import __version__

    sys.modules["nbgrader"].__version__ = __version__


def nbgrader_utils_without_setuptools() -> None:
    """Import ``nbgrader.utils`` without importing setuptools, in this process.

    ``nbgrader.utils`` imports three functions of ``setuptools.archive_util`` at its top, for
    its ``unzip`` only (``nbgrader zip_collect``; grading never calls it), and that import runs
    setuptools' and pkg_resources' ``__init__``: 0.1-0.3 s of every grading command's start-up,
    on the driver's critical path. While ``nbgrader.utils`` is imported, the module name is
    held by a stand-in whose three functions import the real module when called and hand the
    call to it (same arguments, result and exceptions; ``UnrecognizedFormat`` is the real
    class); the stand-in goes right after, so a later ``import setuptools.archive_util`` is the
    real one. A process that already imported either module keeps it."""
    if "nbgrader.utils" in sys.modules or "setuptools.archive_util" in sys.modules:
        return
    stand_in = types.ModuleType("setuptools.archive_util")
    for name in ("unpack_archive", "unpack_tarfile", "unpack_zipfile"):
        setattr(stand_in, name, _imported_when_called("setuptools.archive_util", name))
    sys.modules["setuptools.archive_util"] = stand_in
    try:
        import nbgrader.utils  # noqa: F401 - imported here, with the stand-in
    finally:
        if sys.modules.get("setuptools.archive_util") is stand_in:
            del sys.modules["setuptools.archive_util"]


def _imported_when_called(module: str, name: str):
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    return call


with iri_formats_skipped():
    import jsonschema

_lock = threading.Lock()
_engines: dict[str, object] = {}
_kept_open: dict[str, int] = {}  # database URL -> grading runs in progress on it
_courses_seen: set[tuple[str, str]] = set()  # (URL, course id) found during those runs
_validators: dict[str, object] = {}
_applied = False


def _shared_engine(create_engine):
    def create(url, *args, **kwargs):
        key = str(url)
        with _lock:
            engine = _engines.get(key)
            if engine is None:
                engine = _engines[key] = create_engine(url, *args, **kwargs)
        return engine

    return create


class _CachedJsonschema:
    """Stands in for the ``jsonschema`` module inside nbgrader's metadata validation: the
    schema is compiled once (fastjsonschema when installed); a value it rejects is validated
    again by jsonschema itself, so errors are jsonschema's own. A schema is found by identity
    (nbgrader's schema files are read once, see ``_schemas_read_once``), else by content."""

    ValidationError = jsonschema.ValidationError

    @staticmethod
    def validate(instance, schema, *args, **kwargs):
        if args or kwargs:
            return jsonschema.validate(instance, schema, *args, **kwargs)
        entry = _validators.get(id(schema))  # the same schema object (see _schemas_read_once)
        if entry is None or entry[2] is not schema:
            entry = _CachedJsonschema._compiled(schema)
            _validators[id(schema)] = entry
        slow, fast, _ = entry
        if fast is not None:
            try:
                fast(instance)
                return None
            except Exception:  # noqa: BLE001 - let jsonschema decide and word the error
                pass
        slow.validate(instance)
        return None

    @staticmethod
    def _compiled(schema):
        key = json.dumps(schema, sort_keys=True)
        entry = _validators.get(key)
        if entry is None:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            fast = None
            try:
                import fastjsonschema

                fast = fastjsonschema.compile(schema)
            except Exception:  # noqa: BLE001 - not installed, or a schema it cannot compile
                fast = None
            entry = _validators[key] = (cls(schema), fast, schema)
        return (entry[0], entry[1], schema)

    def __getattr__(self, name):
        return getattr(jsonschema, name)


class _SchemaOnce:
    """``Gradebook.__init__`` lists the tables and runs ``create_all`` every time. Once an
    engine has its tables (the writer is the only process creating them during a run), the
    answer cannot change: remember it per engine."""

    def __init__(self, inspect, metadata) -> None:
        self._inspect, self._metadata, self._ready = inspect, metadata, set()
        self._create_all = metadata.create_all

    def inspect(self, engine):
        if id(engine) in self._ready:
            return _Tables()
        return self._inspect(engine)

    def create_all(self, bind=None, **kwargs):
        if id(bind) in self._ready:
            return None
        self._create_all(bind=bind, **kwargs)
        self._ready.add(id(bind))
        return None


class _Tables:
    @staticmethod
    def get_table_names():
        return ["(tables exist)"]  # only its length is used: "the database exists"


def _one_transaction_per_gradebook(api) -> None:
    """nbgrader commits after every cell (``SaveAutoGrades``: once per graded cell), and each
    SQLite commit waits for the disk. Within one ``Gradebook`` object, commits become flushes
    (later queries of that session see the changes) and the object commits once when it is
    closed without an error, so a notebook's grades are written in one transaction. The final
    database is the same; a crash leaves a notebook's grades all written or not at all."""
    cls = api.Gradebook
    init, close, exit_ = cls.__init__, cls.close, cls.__exit__

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        db = self.db
        self._aiwork_commit, self._aiwork_dirty = db.commit, False
        flush = db.flush

        def flush_as_commit():
            if db.new or db.dirty or db.deleted:
                self._aiwork_dirty = True
            flush()

        db.commit = flush_as_commit

    def close_(self):
        commit = self.__dict__.pop("_aiwork_commit", None)
        if commit is not None and self._aiwork_dirty:
            commit()  # nothing written: no commit (and no wait for the disk)
        if _kept_open.get(str(self.engine.url)):
            self.db.remove()  # the engine's pooled connection stays open for the next one
        else:
            close(self)

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is not None and "_aiwork_commit" in self.__dict__:
            del self.__dict__["_aiwork_commit"]
            self.db.rollback()
        return exit_(self, exc_type, exc_value, tb)

    cls.__init__, cls.close, cls.__exit__ = __init__, close_, __exit__


def _course_checked_once(api) -> None:
    """Every ``Gradebook`` looks its course up (and creates it when missing): about seven
    times per notebook. During a grading run (``connections_kept``) the course exists after
    the first look; later ones are skipped. Its only caller, ``Gradebook.__init__``, ignores
    the result."""
    cls = api.Gradebook
    check = cls.check_course

    def check_course(self, course_id="default_course", **kwargs):
        url = str(self.engine.url)
        key = (url, course_id)
        if not kwargs and key in _courses_seen:
            return None
        course = check(self, course_id=course_id, **kwargs)
        if _kept_open.get(url):
            _courses_seen.add(key)
        return course

    cls.check_course = check_course


def _schemas_read_once(common) -> None:
    """Every ``MetadataValidator()`` (two per notebook and pass) reads and parses nbgrader's
    three metadata schema files again. They are package files: read once per process, and the
    same schema object is then handed to every validator (nbgrader never changes it)."""
    cls = common.BaseMetadataValidator
    init = cls.__init__
    schemas: dict[int, dict] = {}

    def __init__(self):
        version = self.schema_version
        if version not in schemas:
            init(self)
            schemas[version] = self.schema
        else:
            self.schema = schemas[version]

    cls.__init__ = __init__


def _fast_notebook_deepcopy() -> None:
    """nbconvert deep-copies every notebook twice per pass with NotebookNode's pure-Python
    ``__deepcopy__``; a JSON round trip gives the same nodes for JSON content, much faster."""
    import copy
    import json

    from nbformat import NotebookNode, from_dict

    slow = NotebookNode.__deepcopy__

    def fast(self, memo):
        try:
            return from_dict(json.loads(json.dumps(self)))
        except (TypeError, ValueError):
            return slow(self, memo)

    NotebookNode.__deepcopy__ = fast
    assert copy.deepcopy(NotebookNode(a=[NotebookNode(b=1)])) == {"a": [{"b": 1}]}


@contextlib.contextmanager
def connections_kept(db_url: str):
    """During a grading run, ``Gradebook.close`` returns its connection to the shared
    engine's pool instead of disposing of the engine (nbgrader's ``close`` does both): each
    of the nine or so ``Gradebook`` objects per notebook otherwise opens the SQLite file again
    and re-reads its schema. Sessions, transactions and queries are unchanged. At the end of the
    run the engine is disposed of, as nbgrader's ``close`` would have done."""
    from sqlalchemy.engine import make_url

    key = str(make_url(db_url))
    with _lock:
        _kept_open[key] = _kept_open.get(key, 0) + 1
    try:
        yield
    finally:
        with _lock:
            _kept_open[key] -= 1
            engine = None if _kept_open[key] else _engines.pop(key, None)
            if not _kept_open[key]:
                del _kept_open[key]
                _courses_seen.difference_update({k for k in _courses_seen if k[0] == key})
        if engine is not None:
            engine.dispose()


def apply() -> None:
    global _applied
    if _applied:
        return
    import nbgrader.api as api
    import nbgrader.nbgraderformat.common as common

    api.create_engine = _shared_engine(api.create_engine)
    schema = _SchemaOnce(api.inspect, api.Base.metadata)
    api.inspect = schema.inspect
    api.Base.metadata.create_all = schema.create_all
    common.jsonschema = _CachedJsonschema()
    _schemas_read_once(common)
    _one_transaction_per_gradebook(api)
    _course_checked_once(api)
    _fast_notebook_deepcopy()
    _applied = True
