"""A small, fast validator for the subset of JSON Schema the data schemas use.

Why not the jsonschema package at run time: importing it (with the format checkers Jupyter
installs) takes seconds, and every participant's kernel would pay that. This validator covers
exactly the keywords in data/schema/ and raises on any other, so a schema change cannot be
silently ignored; a test checks that it agrees with jsonschema on every record and fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

KNOWN = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "enum", "const",
    "pattern", "minLength", "required", "properties", "additionalProperties", "items",
    "minItems", "uniqueItems", "anyOf",
}  # fmt: skip
TYPES = {
    "string": str,
    "array": list,
    "object": dict,
    "boolean": bool,
    "null": type(None),
}


@cache
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _type_ok(value: Any, name: str) -> bool:
    if name in ("integer", "number"):
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (name == "number" or float(value).is_integer())
        )
    return isinstance(value, TYPES[name])


class Validator:
    """Validate instances against one schema of a set of schemas (file name -> schema)."""

    def __init__(self, schemas: dict[str, dict], name: str) -> None:
        self.schemas = schemas
        self.name = name
        for schema_name, schema in schemas.items():
            self._check_keywords(schema, schema_name)

    def _check_keywords(self, schema: Any, where: str) -> None:
        if not isinstance(schema, dict):
            return
        unknown = set(schema) - KNOWN
        if unknown:
            raise ValueError(
                f"{where}: schema keyword(s) {sorted(unknown)} not supported by toolkit.schema"
            )
        for key in ("$defs", "properties"):
            for sub_name, sub in schema.get(key, {}).items():
                self._check_keywords(sub, f"{where}/{key}/{sub_name}")
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                self._check_keywords(schema[key], f"{where}/{key}")
        for index, sub in enumerate(schema.get("anyOf", [])):
            self._check_keywords(sub, f"{where}/anyOf/{index}")

    def _resolve(self, ref: str, document: str) -> tuple[dict, str]:
        file, _, pointer = ref.partition("#")
        document = file or document
        node: Any = self.schemas[document]
        for part in [p for p in pointer.split("/") if p]:
            node = node[part]
        return node, document

    def iter_errors(self, instance: Any) -> Iterator[tuple[tuple, str]]:
        """(path, message) for every problem, jsonschema-style messages."""
        yield from self._errors(instance, self.schemas[self.name], self.name, ())

    def _errors(
        self, value: Any, schema: dict, document: str, path: tuple
    ) -> Iterator[tuple[tuple, str]]:
        if "$ref" in schema:
            target, target_doc = self._resolve(schema["$ref"], document)
            yield from self._errors(value, target, target_doc, path)
        if "anyOf" in schema:
            if not any(
                not list(self._errors(value, sub, document, path)) for sub in schema["anyOf"]
            ):
                yield path, f"{value!r} is not valid under any of the given schemas"
                return
        if "type" in schema:
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_type_ok(value, n) for n in names):
                yield path, f"{value!r} is not of type {', '.join(map(repr, names))}"
                return
        if "enum" in schema and value not in schema["enum"]:
            yield path, f"{value!r} is not one of {schema['enum']!r}"
        if "const" in schema and value != schema["const"]:
            yield path, f"{schema['const']!r} was expected"
        if isinstance(value, str):
            if "minLength" in schema and len(value) < schema["minLength"]:
                yield (
                    path,
                    f"{value!r} should be non-empty"
                    if schema["minLength"] == 1
                    else f"{value!r} is too short",
                )
            if "pattern" in schema and not _regex(schema["pattern"]).search(value):
                yield path, f"{value!r} does not match {schema['pattern']!r}"
        if isinstance(value, dict):
            for key in schema.get("required", []):
                if key not in value:
                    yield path, f"{key!r} is a required property"
            properties = schema.get("properties", {})
            if schema.get("additionalProperties") is False:
                extra = [k for k in value if k not in properties]
                if extra:
                    were = "was" if len(extra) == 1 else "were"
                    yield (
                        path,
                        f"Additional properties are not allowed ({', '.join(map(repr, extra))} {were} unexpected)",
                    )
            for key, sub in properties.items():
                if key in value:
                    yield from self._errors(value[key], sub, document, (*path, key))
        if isinstance(value, list):
            if "minItems" in schema and len(value) < schema["minItems"]:
                yield (
                    path,
                    f"{value!r} should be non-empty"
                    if schema["minItems"] == 1
                    else f"{value!r} is too short",
                )
            if schema.get("uniqueItems"):
                seen = []
                for item in value:
                    if item in seen:
                        yield path, f"{value!r} has non-unique elements"
                        break
                    seen.append(item)
            if isinstance(schema.get("items"), dict):
                for index, item in enumerate(value):
                    yield from self._errors(item, schema["items"], document, (*path, index))
