"""Same results, less repeated work: process-local patches for the single gradebook writer.

nbgrader builds a new SQLAlchemy engine for every ``Gradebook(...)`` (several per notebook),
so every query is compiled again and the schema is inspected again; and it validates each
cell's metadata with ``jsonschema.validate``, which re-checks the schema and builds a new
validator per cell. Under ``aiwork grade`` these costs dominate once execution is fast.
Here the engine is shared per database URL (its statement cache survives) and the validator
is built once per schema. Queries, transactions and validation rules are unchanged.
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


def apply() -> None:
    global _applied
    if _applied:
        return
    import nbgrader.api as api
    import nbgrader.nbgraderformat.common as common

    api.create_engine = _shared_engine(api.create_engine)
    common.jsonschema = _CachedJsonschema()
    _applied = True
