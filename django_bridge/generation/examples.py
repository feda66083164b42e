"""Message examples: made JSON-compatible, and checked against their payload schema.

The reference package dumped ``Decimal``/``UUID`` values in examples as Python-specific YAML tags
that no AsyncAPI tool can read; here they become the strings they are on the wire.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Findings
    from .model import Channel


def jsonable(value: Any) -> Any:
    """Plain JSON data (dicts, lists, str, int, float, bool, None) for a value written into a
    document: an example, a DRF default or choice. Sets come out sorted, so output is stable."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(item) for item in value), key=repr)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def example_errors(payload: Mapping[str, Any], schemas: Mapping[str, Any], instance: Any) -> list[str]:
    """Why ``instance`` does not match ``payload`` (whose refs point into ``schemas``); [] if it does."""
    import jsonschema_rs

    root = dict(payload)
    wanted = _reachable(payload, schemas)
    if wanted:
        root["components"] = {"schemas": {name: schemas[name] for name in wanted}}
    try:
        validator = jsonschema_rs.Draft7Validator(root, validate_formats=True)
    except jsonschema_rs.ValidationError as exc:
        # The schema itself is invalid (an unparsable regex ``pattern``, a ``type`` typo): the
        # example cannot be checked. Say where in the payload the schema breaks; validation of
        # the whole document reports the schema error itself.
        where = "/".join(str(step) for step in exc.instance_path)
        return [f"it cannot be checked: the payload schema is invalid at {'/' + where if where else '(root)'}: {exc.message}"]
    messages = []
    for error in validator.iter_errors(instance):
        where = "/".join(str(step) for step in error.instance_path)
        messages.append(f"{'/' + where if where else '(root)'}: {error.message}")
    return messages


def check_examples(spec: dict[str, Any], channels: list[Channel], findings: Findings) -> None:
    """Warn about every example of the written document that does not match its message's payload."""
    from .document import escape
    from .model import all_messages

    components = spec.get("components", {})
    schemas = components.get("schemas", {})
    owners = {message.name: message for message in all_messages(channels)}
    checked: list[tuple[str, int, Mapping[str, Any], Mapping[str, Any]]] = []
    for name, message in components.get("messages", {}).items():
        for index, example in enumerate(message.get("examples", [])):
            if "payload" in example:
                checked.append((name, index, example, message["payload"]))
    found = _errors_in_one_pass(checked, schemas)
    for position, (name, index, example, payload) in enumerate(checked):
        problems = found[position] if found is not None else example_errors(payload, schemas, example["payload"])
        if problems:
            owner = owners.get(name)
            label = example.get("name") or f"#{index}"
            findings.warn(
                "example-invalid",
                f"example {label!r} of message {name} does not match its payload: {'; '.join(problems[:3])}",
                consumer=owner.consumer if owner else None,
                method=owner.method if owner else None,
                location=owner.doc.location if owner else (None, None),
                pointer=f"/components/messages/{escape(name)}/examples/{index}/payload",
                hint="fix the example's values, or the payload type if the example is right",
            )


def _errors_in_one_pass(
    checked: list[tuple[str, int, Mapping[str, Any], Mapping[str, Any]]], schemas: Mapping[str, Any]
) -> list[list[str]] | None:
    """What :func:`example_errors` says for each example, from one validator for all of them.

    Compiling a validator per example was most of the check's time: here example ``i`` is
    property ``"i"`` of one instance and its payload that property's schema, next to the
    document's components (only what a payload references is ever compiled). None when that
    schema does not compile (a payload's schema is invalid): the caller then checks each example
    on its own, to say which payload is broken.
    """
    import jsonschema_rs

    if not checked:
        return []
    root: dict[str, Any] = {"properties": {str(position): dict(payload) for position, (*_, payload) in enumerate(checked)}}
    if schemas:
        root["components"] = {"schemas": dict(schemas)}
    try:
        validator = jsonschema_rs.Draft7Validator(root, validate_formats=True)
    except jsonschema_rs.ValidationError:
        return None
    instance = {str(position): example["payload"] for position, (_, _, example, _) in enumerate(checked)}
    found: list[list[str]] = [[] for _ in checked]
    for error in validator.iter_errors(instance):
        first, *rest = error.instance_path  # never the root: it is an object of objects
        where = "/".join(str(step) for step in rest)
        found[int(first)].append(f"{'/' + where if where else '(root)'}: {error.message}")
    return found


_PREFIX = "#/components/schemas/"


def _reachable(node: Any, schemas: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict or (kind is not list and kind is not str and isinstance(item, Mapping)):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith(_PREFIX):
                name = ref[len(_PREFIX) :]
                if name in schemas and name not in found:
                    found.append(name)
                    stack.append(schemas[name])
            # only collections can hold a $ref: leave scalars off the stack
            stack.extend(value for value in item.values() if isinstance(value, dict | list | Mapping))
        elif isinstance(item, list):
            stack.extend(item)
    return found
