"""Comparing two versions of one message: envelope fields, then payload and headers by direction."""

from __future__ import annotations

from collections.abc import Mapping

from ._direction import Direction
from ._matching import content
from ._nodes import Node
from ._report import Report
from ._schema import SchemaDiff


class MessageDiff:
    """Compares message pairs; a pair reached from two channels is compared once."""

    def __init__(self, report: Report, schemas: SchemaDiff, *, old_default: object, new_default: object) -> None:
        self.report = report
        self.schemas = schemas
        self._defaults = (old_default, new_default)
        self._done: set[tuple[int, tuple[object, ...], int, tuple[object, ...]]] = set()

    def compare(self, old: Node, new: Node, directions: frozenset[Direction], name: str) -> None:
        o, n = old.resolved(), new.resolved()
        key = (id(o.doc), o.path, id(n.doc), n.path)
        first = key not in self._done
        self._done.add(key)
        if first:
            self._envelope(o, n, name)
        for direction in sorted(directions):
            payload_old, payload_new = _schema_of(o.child("payload")), _schema_of(n.child("payload"))
            self.schemas.compare(payload_old, payload_new, direction, f"message `{name}` payload", top=True)
            self.schemas.compare(o.child("headers"), n.child("headers"), direction, f"message `{name}` headers")

    def _envelope(self, o: Node, n: Node, name: str) -> None:
        old_type = o.get("contentType") or self._defaults[0]
        new_type = n.get("contentType") or self._defaults[1]
        if old_type != new_type:
            self.report.add("message-content-type-changed", f"message `{name}`: content type {old_type} -> {new_type}", old=o, new=n)
        if o.get("name") is not None and o.get("name") != n.get("name"):
            self.report.add("message-name-changed", f"message `{name}`: name {o.get('name')!r} -> {n.get('name')!r}", old=o.child("name"), new=n)
        if content(o.child("correlationId").resolved().value) != content(n.child("correlationId").resolved().value):
            self.report.add("message-correlation-id-changed", f"message `{name}`: correlationId changed", old=o, new=n)
        if not o.get("deprecated") and n.get("deprecated"):
            self.report.add("message-deprecated", f"message `{name}` is deprecated", old=o, new=n.child("deprecated"))
        old_format, new_format = _format_of(o.child("payload")), _format_of(n.child("payload"))
        if old_format != new_format:
            self.report.add("message-schema-format-changed", f"message `{name}`: schemaFormat {old_format} -> {new_format}", old=o, new=n)


def _schema_of(payload: Node) -> Node:
    """The schema of a payload, unwrapping a Multi Format Schema object (schemaFormat + schema)."""
    resolved = payload.resolved()
    if isinstance(resolved.value, Mapping) and "schemaFormat" in resolved.value and "schema" in resolved.value:
        return resolved.child("schema")
    return payload


def _format_of(payload: Node) -> str:
    resolved = payload.resolved()
    if isinstance(resolved.value, Mapping) and "schemaFormat" in resolved.value and "schema" in resolved.value:
        return str(resolved.value["schemaFormat"])
    return "default"
