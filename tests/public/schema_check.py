"""A small JSON Schema check for the parts of JSON Schema 2020-12 that ``public.openapi`` uses.

No validation library is installed, and the document uses few keywords: ``$ref`` (to
``#/components/schemas/…``), ``type`` (one or a list, "null" among them), ``enum``, ``required``,
``properties``, ``additionalProperties: false``, ``items``, ``pattern`` and the ``date`` and
``date-time`` formats. A keyword outside these fails the check, so the document cannot grow one
that goes unchecked.
"""

from __future__ import annotations

import datetime
import re

KNOWN = {
    "$ref",
    "type",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "pattern",
    "format",
    "description",
}
TYPES = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def problems(value, schema: dict, document: dict, path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (empty when it fits), each naming where."""
    unknown = set(schema) - KNOWN
    if unknown:
        return [f"{path}: the check does not know the keywords {sorted(unknown)}"]
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        return problems(value, document["components"]["schemas"][name], document, path)
    found: list[str] = []
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(TYPES[kind](value) for kind in kinds):
            return [f"{path}: {value!r} is not {' or '.join(kinds)}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if schema.get("format") == "date":
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                found.append(f"{path}: {value!r} is not a date")
        if schema.get("format") == "date-time":
            try:
                datetime.datetime.fromisoformat(value)
            except ValueError:
                found.append(f"{path}: {value!r} is not a date-time")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{path}: {name} is missing")
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            found += [f"{path}: {name} is not in the schema" for name in value if name not in properties]
        for name, sub in properties.items():
            if name in value:
                found += problems(value[name], sub, document, f"{path}.{name}")
    if isinstance(value, list) and "items" in schema:
        for position, item in enumerate(value):
            found += problems(item, schema["items"], document, f"{path}[{position}]")
    return found


def response_schema(document: dict, path: str, status: int, content_type: str = "application/json") -> dict:
    """The schema the document gives for a path's GET response with that status."""
    response = document["paths"][path]["get"]["responses"][str(status)]
    return response["content"][content_type]["schema"]
