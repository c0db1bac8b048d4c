"""Same results, less repeated work: process-local patches for the single gradebook writer.

nbgrader builds a new SQLAlchemy engine for every ``Gradebook(...)`` (several per notebook),
so every query is compiled again and the schema is inspected again; and it validates each
cell's metadata with ``jsonschema.validate``, which re-checks the schema and builds a new
validator per cell. Under ``aiwork grade`` these costs dominate once execution is fast.
Here the engine is shared per database URL (its statement cache survives), the schema is
checked once per engine, and the validator is built once per schema. Queries, transactions
and validation rules are unchanged.
"""

from __future__ import annotations

import threading

import jsonschema

_lock = threading.Lock()
_engines: dict[str, object] = {}
_validators: dict[int, object] = {}
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
    """Stands in for the ``jsonschema`` module inside nbgrader's metadata validation."""

    ValidationError = jsonschema.ValidationError

    @staticmethod
    def validate(instance, schema, *args, **kwargs):
        if args or kwargs:
            return jsonschema.validate(instance, schema, *args, **kwargs)
        validator = _validators.get(id(schema))
        if validator is None:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = _validators[id(schema)] = (cls(schema), schema)  # keep schema alive
        validator[0].validate(instance)

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
    _applied = True
