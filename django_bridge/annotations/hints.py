"""Payloads and replies read from type hints, so a bare ``@document_action()`` is enough.

``async def handle_ping(self, message: Ping) -> Pong`` documents the ``ping`` action with payload
``Ping`` and the reply ``Pong``. Explicit ``payload=`` / ``responses=`` always win; an annotation
that disagrees with them is reported (``HandlerDoc.notes``) and the generator turns the note into
a warning. Hints are resolved when the spec is generated, never at decoration time, so
decorating stays free and forward references to classes defined later work.

The event type of a reply is the class's ``type`` field when it is a ``Literal`` (as chanx
writes messages), else the class name in snake case (``RideRequested`` → ``ride_requested``).
"""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

#: Annotations that say nothing about the shape of a frame.
UNINFORMATIVE: tuple[Any, ...] = (Any, dict, typing.Dict, object, inspect.Parameter.empty, type(None), None)  # noqa: UP006


def complete(doc: Any, handler: Callable[..., Any]) -> Any:
    """``doc`` (a HandlerDoc) with payload and responses filled from ``handler``'s hints when they
    were not given, and a note for every annotation that conflicts with an explicit argument."""
    try:
        annotated, replies = _annotations(getattr(handler, "__func__", handler))
    except Exception:  # an unresolvable forward reference: the annotations say nothing usable
        return doc
    notes = list(doc.notes)
    changes: dict[str, Any] = {}
    if annotated is not None:
        if not doc.payload_given:
            changes["payload"] = annotated
        elif doc.payload is not annotated:
            notes.append(
                f"the message parameter is annotated {_name(annotated)} but payload={_name(doc.payload)} was given; "
                "the explicit payload is documented"
            )
    if doc.kind == "action" and replies:
        if not doc.responses_given:
            changes["responses"] = tuple((event_type(reply), reply) for reply in replies)
        elif not {id(r) for r in replies} <= {id(p) for _, p in doc.responses}:
            notes.append(
                f"the return annotation ({', '.join(_name(r) for r in replies)}) differs from responses=; "
                "the explicit responses are documented"
            )
    if notes != list(doc.notes):
        changes["notes"] = tuple(notes)
    return dataclasses.replace(doc, **changes) if changes else doc


@functools.lru_cache(maxsize=4096)
def _annotations(func: Callable[..., Any]) -> tuple[type | None, tuple[type, ...]]:
    """(payload class, reply classes) of a handler, resolved once per function.

    Raises when a hint cannot be resolved yet (not cached: a later call may succeed).
    """
    quick = _quick_hints(func)
    hints = quick if quick is not None else typing.get_type_hints(func)
    return _message_annotation(func, hints), tuple(_reply_types(hints.get("return")))


def _quick_hints(func: Callable[..., Any]) -> dict[str, Any] | None:
    """The two hints a handler's documentation reads (its frame parameter's and its return's),
    or None to let ``typing.get_type_hints`` resolve them all.

    With ``from __future__ import annotations`` every hint is a string that ``get_type_hints``
    compiles anew (a third of generating a thousand handlers' worth of hints): here only the two
    that matter are evaluated, each distinct text compiled once. Anything unusual (a wrapped or
    non-function handler, a hint that still holds a forward reference) takes the general path.
    """
    code = getattr(func, "__code__", None)
    namespace = getattr(func, "__globals__", None)
    if code is None or not isinstance(namespace, dict) or hasattr(func, "__wrapped__"):
        return None
    raw = getattr(func, "__annotations__", None) or {}
    positional = _positional_names(func) or ()
    wanted = [name for name in (*positional[1:2], "return") if name in raw]
    hints: dict[str, Any] = {}
    for name in wanted:
        value = raw[name]
        if isinstance(value, str):
            value = eval(_compiled(value), namespace)  # as get_type_hints does, in the module namespace
        if value is None:
            value = type(None)
        if _holds_forward_reference(value):
            return None
        hints[name] = value
    return hints


@functools.lru_cache(maxsize=1024)
def _compiled(text: str) -> types.CodeType:
    return compile(text, "<annotation>", "eval")


def _holds_forward_reference(value: Any) -> bool:
    if isinstance(value, str | typing.ForwardRef):
        return True
    return any(_holds_forward_reference(arg) for arg in typing.get_args(value))


def event_type(payload: type, *, key: str = "type") -> str:
    """The event name a reply class carries: its ``Literal`` field named ``key`` (the wire's
    server discriminator), else its snake-cased name."""
    literal = _literal_type_field(payload, key)
    if literal is not None:
        return literal
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", payload.__name__).lower()


def _message_annotation(handler: Callable[..., Any], hints: dict[str, Any]) -> type | None:
    """The annotation of the parameter that receives the frame (the first one after ``self``)."""
    names = _positional_names(handler)
    if names is None or len(names) < 2:
        return None
    annotation = hints.get(names[1])
    return annotation if _is_payload_class(annotation) else None


def _positional_names(handler: Callable[..., Any]) -> tuple[str, ...] | None:
    """The names of the parameters that can be passed by position, None when they cannot be read.

    A plain function's are on its code object (cheap); a wrapper (``functools.wraps``) or
    another callable needs ``inspect.signature``, which follows ``__wrapped__``."""
    code = getattr(handler, "__code__", None)
    if code is not None and not hasattr(handler, "__wrapped__"):
        return tuple(code.co_varnames[: code.co_argcount])
    try:
        parameters = inspect.signature(handler).parameters.values()
    except (TypeError, ValueError):
        return None
    return tuple(p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def _reply_types(annotation: Any) -> list[type]:
    if annotation is None:
        return []
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return [arg for arg in typing.get_args(annotation) if _is_payload_class(arg)]
    # ``Awaitable[Reply]`` / ``Coroutine[Any, Any, Reply]``: get_origin gives the abc classes
    if origin in (collections.abc.Awaitable, collections.abc.Coroutine) and typing.get_args(annotation):
        return _reply_types(typing.get_args(annotation)[-1])
    return [annotation] if _is_payload_class(annotation) else []


def _is_payload_class(annotation: Any) -> bool:
    """A class the payload introspection understands: a dataclass, TypedDict or Pydantic model,
    or a DRF serializer; plain ``dict``/``Any`` say nothing and are ignored."""
    if not inspect.isclass(annotation) or annotation in UNINFORMATIVE:
        return False
    if dataclasses.is_dataclass(annotation) or _is_typeddict(annotation):
        return True
    names = {klass.__module__.split(".")[0] + "." + klass.__name__ for klass in annotation.__mro__}
    return bool(names & {"pydantic.BaseModel", "rest_framework.Serializer"})


def _is_typeddict(annotation: Any) -> bool:
    """A TypedDict from ``typing`` or ``typing_extensions``: before Python 3.12,
    ``typing.is_typeddict`` does not recognise the latter, the only one Pydantic accepts there."""
    if typing.is_typeddict(annotation):
        return True
    extensions = sys.modules.get("typing_extensions")  # a user of its TypedDict imported it already
    return extensions is not None and bool(extensions.is_typeddict(annotation))


def _literal_type_field(payload: type, key: str) -> str | None:
    try:
        annotation = typing.get_type_hints(payload).get(key)
    except Exception:
        return None
    if typing.get_origin(annotation) is typing.Literal:
        values = typing.get_args(annotation)
        if len(values) == 1 and isinstance(values[0], str):
            return values[0]
    return None


def _name(value: Any) -> str:
    return getattr(value, "__name__", None) or repr(value)
