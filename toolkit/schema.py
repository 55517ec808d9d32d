"""Validate records against the JSON Schemas in data/schema/ with fastjsonschema.

Why fastjsonschema: it is a maintained validator that compiles each schema to Python code once,
so checking a record is a plain function call. The `jsonschema` package was too slow to import in
every participant's kernel, which is why this module used to be a hand-written subset of JSON
Schema; that subset could drift from the standard (a test checks that fastjsonschema flags the same fields as
`jsonschema` on every record and on every kind of fault).

Measured 2026-12-01 on the shared 2-core machine (load average about 9 from other work, so
the minimum is the fairer figure), 25 interleaved cold runs of `data.load_all()` (importing the
toolkit, reading and checking all 100 records): fastjsonschema min 121 ms, median 452 ms; the
former hand-written validator min 83 ms, median 313 ms. Importing fastjsonschema takes about
7 ms; importing jsonschema about 3 s (median of 20). The difference is compiling the three
schemas once per kernel.

fastjsonschema stops at the first problem of a schema. A record is first checked against its
whole schema (one compiled function per kind); only when that fails, each top-level property is
checked on its own, plus a "shell" schema for the record itself (required fields, unexpected
fields), so a record with several bad fields shows one message per bad field. Those per-field
functions are compiled on the first failure only. The
schemas declare draft 2020-12; the keywords they use mean the same in draft 7, which is what
fastjsonschema implements (it resolves `$defs` through `$ref` JSON pointers).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import fastjsonschema

BASE = (
    "https://privacy-workshop-kit.invalid/schema/"  # only a key for $ref resolution, never fetched
)


def _message(error: fastjsonschema.JsonSchemaValueException) -> str:
    """A message in the words of the JSON Schema spec (as `jsonschema` words them)."""
    value, rule, definition = error.value, error.rule, error.rule_definition
    schema = error.definition or {}
    if rule == "required":
        missing = [k for k in definition if not isinstance(value, dict) or k not in value]
        return ", ".join(f"{k!r} is a required property" for k in missing)
    if rule == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = [k for k in value if k not in known]
        were = "was" if len(extra) == 1 else "were"
        return f"Additional properties are not allowed ({', '.join(map(repr, extra))} {were} unexpected)"
    if rule == "type":
        names = definition if isinstance(definition, list) else [definition]
        return f"{value!r} is not of type {', '.join(map(repr, names))}"
    if rule == "enum":
        return f"{value!r} is not one of {definition!r}"
    if rule == "const":
        return f"{definition!r} was expected"
    if rule == "pattern":
        return f"{value!r} does not match {definition!r}"
    if rule in ("minLength", "minItems"):
        return f"{value!r} should be non-empty" if definition == 1 else f"{value!r} is too short"
    if rule == "uniqueItems":
        return f"{value!r} has non-unique elements"
    if rule in ("anyOf", "oneOf"):
        return f"{value!r} is not valid under any of the given schemas"
    return error.message


class Validator:
    """Validate instances against one schema of a set of schemas (file name -> schema)."""

    def __init__(self, schemas: dict[str, dict], name: str) -> None:
        self.name = name
        documents = {}
        for schema_name, schema in schemas.items():
            document = copy.deepcopy(schema)
            document["$id"] = BASE + schema_name
            documents[BASE + schema_name] = document
        self._handlers = {"https": lambda uri: documents[uri.partition("#")[0]]}
        self._root = documents[BASE + name]
        self._whole = fastjsonschema.compile(self._root, handlers=self._handlers)
        self._parts_cache: list[tuple[str | None, Callable[[Any], Any]]] | None = None

    def _parts(self) -> list[tuple[str | None, Callable[[Any], Any]]]:
        """The per-field validators, compiled only when a record fails (most never do)."""
        if self._parts_cache is None:
            root, handlers = self._root, self._handlers
            parts: list[tuple[str | None, Callable[[Any], Any]]] = []
            properties = root.get("properties")
            if root.get("type") == "object" and isinstance(properties, dict):
                shell = {k: v for k, v in root.items() if k != "properties"}
                shell["properties"] = {key: {} for key in properties}
                parts.append((None, fastjsonschema.compile(shell, handlers=handlers)))
                for key, sub in properties.items():
                    part = {"$id": root["$id"], "$defs": root.get("$defs", {}), "allOf": [sub]}
                    parts.append((key, fastjsonschema.compile(part, handlers=handlers)))
            else:
                parts.append((None, self._whole))
            self._parts_cache = parts
        return self._parts_cache

    def iter_errors(self, instance: Any) -> Iterator[tuple[tuple, str]]:
        """(path, message) for each problem: one per record-level fault and per bad field."""
        try:
            self._whole(instance)
            return
        except fastjsonschema.JsonSchemaValueException:
            pass
        for key, validate in self._parts():
            if key is not None and (not isinstance(instance, dict) or key not in instance):
                continue
            try:
                validate(instance[key] if key is not None else instance)
            except fastjsonschema.JsonSchemaValueException as error:
                inner = tuple(error.path[1:]) if error.path else ()
                path = inner if key is None else (key, *inner)
                yield path, _message(error)
                if key is None and not isinstance(instance, dict):
                    return
