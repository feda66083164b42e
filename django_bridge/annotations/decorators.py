"""``@document_action`` and ``@document_event``: mark consumer methods for the AsyncAPI generator.

Decorating stores one small frozen object on the function and returns the function unchanged.
No schema work happens here and nothing heavy is imported, so decorating costs nothing at import
time; the generator reads the objects later (:func:`documented_handlers`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard, TypeVar

from ..locations import function_location

F = TypeVar("F", bound=Callable[..., Any])

#: The attribute that holds the metadata on a decorated function.
DOC_ATTR = "__asyncapi_doc__"

#: The keys an AsyncAPI Message Example Object allows.
EXAMPLE_KEYS = frozenset({"name", "summary", "payload", "headers"})

Direction = Literal["action", "event"]


class _NotGiven:
    """The default of ``payload=`` and ``responses=``: "read it from the type hints".

    ``payload=None`` still means what it always meant (no fields but the discriminator).
    """

    def __repr__(self) -> str:
        return "<from type hints>"


NOT_GIVEN: Any = _NotGiven()


@dataclass(frozen=True)
class HandlerDoc:
    """What a decorator recorded about one handler; shared by actions and events."""

    kind: Direction
    #: The wire name: the ``action`` a client sends, or the ``type`` of an event the server pushes.
    name: str
    summary: str = ""
    description: str = ""
    payload: Any = None
    examples: tuple[Mapping[str, Any], ...] = ()
    tags: tuple[str, ...] = ()
    deprecated: bool = False
    #: For actions: the events the server sends in reply, ``(event_type, payload)`` pairs in order.
    responses: tuple[tuple[str, Any], ...] = ()
    #: Where the handler is defined, for diagnostics: ``(file, line)``.
    location: tuple[str | None, int | None] = field(default=(None, None), compare=False)
    #: False when the decorator was not given ``payload=`` / ``responses=``: the type hints of
    #: the handler fill them in when the spec is generated (see :mod:`django_bridge.annotations.hints`).
    payload_given: bool = field(default=True, compare=False)
    responses_given: bool = field(default=True, compare=False)
    #: Findings about the handler (conflicting annotations) the generator reports as warnings.
    notes: tuple[str, ...] = field(default=(), compare=False)
    #: The component id of the message (and its operation); None lets the naming module choose.
    message_id: str | None = None
    #: This message's wire format where it differs from the consumer's: a WireFormat or a dict of
    #: the fields that differ (see :mod:`django_bridge.annotations.wire`); None keeps the consumer's.
    wire: Any = None


def document_action(
    action: str | None = None,
    *,
    summary: str = "",
    description: str = "",
    payload: Any = NOT_GIVEN,
    responses: Mapping[str, Any] | None = NOT_GIVEN,
    examples: Sequence[Mapping[str, Any]] | None = None,
    tags: Sequence[str] | None = None,
    deprecated: bool = False,
    message_id: str | None = None,
    wire: Any = None,
) -> Callable[[F], F]:
    """Document a client → server action handled by the decorated method.

    The action name defaults to the method name without its ``handle_`` prefix
    (``handle_request_ride`` → ``request_ride``). ``responses`` maps the event types the server
    sends in reply to their payloads; they become the operation's ``reply``. Left out, they are
    read from the handler's type hints: the message parameter's annotation is the payload, the
    return annotation the reply. ``message_id`` names the message component; ``wire`` is the
    frame shape where this action differs from its consumer (:mod:`django_bridge.annotations.wire`).
    Written without parentheses (``@document_action``), it documents the method exactly as
    ``@document_action()`` does.
    """
    if _is_bare_use(action):  # ``action`` is the decorated method itself
        return document_action()(action)
    return _decorator(
        "action", action, hint="pass action='...' to @document_action", summary=summary, description=description,
        payload=payload, responses=responses, examples=examples, tags=tags, deprecated=deprecated,
        message_id=message_id, wire=wire,
    )


def document_event(
    event_type: str,
    *,
    summary: str = "",
    description: str = "",
    payload: Any = NOT_GIVEN,
    examples: Sequence[Mapping[str, Any]] | None = None,
    tags: Sequence[str] | None = None,
    deprecated: bool = False,
    message_id: str | None = None,
    wire: Any = None,
) -> Callable[[F], F]:
    """Document a server → client event (its ``type``, e.g. ``"ride.offer"``) sent by the method.

    The event type is always explicit: a method name such as ``ride_offer`` cannot tell whether
    the frame's type is ``ride.offer`` or ``ride_offer``.
    """
    if _is_bare_use(event_type):
        method: Any = getattr(event_type, "__func__", event_type)
        raise _error(
            method,
            f"@document_event on {method.__qualname__} needs the event type the server sends",
            f"write @document_event(\"ride.offer\") above {method.__name__}: a method name cannot tell "
            "'ride.offer' from 'ride_offer'",
        )
    return _decorator(
        "event", event_type, hint="pass the dotted type, e.g. @document_event(\"ride.offer\")", summary=summary,
        description=description, payload=payload, examples=examples, tags=tags, deprecated=deprecated,
        message_id=message_id, wire=wire,
    )


def client_message(
    name: str,
    *,
    payload: Any = None,
    responses: Mapping[str, Any] | None = None,
    summary: str = "",
    description: str = "",
    examples: Sequence[Mapping[str, Any]] | None = None,
    tags: Sequence[str] | None = None,
    deprecated: bool = False,
    message_id: str | None = None,
    wire: Any = None,
) -> HandlerDoc:
    """A frame the client sends, declared on the consumer (``@document_channel(messages=[...])``)
    rather than on a handler method: for consumers that dispatch inside ``receive()`` /
    ``receive_json()``. The arguments mean what they mean for :func:`document_action`."""
    return _declared(
        "action", name, payload=payload, responses=responses, summary=summary, description=description,
        examples=examples, tags=tags, deprecated=deprecated, message_id=message_id, wire=wire,
    )


def server_message(
    name: str,
    *,
    payload: Any = None,
    summary: str = "",
    description: str = "",
    examples: Sequence[Mapping[str, Any]] | None = None,
    tags: Sequence[str] | None = None,
    deprecated: bool = False,
    message_id: str | None = None,
    wire: Any = None,
) -> HandlerDoc:
    """A frame the server pushes, declared on the consumer (``@document_channel(messages=[...])``):
    the arguments mean what they mean for :func:`document_event`."""
    return _declared(
        "event", name, payload=payload, summary=summary, description=description,
        examples=examples, tags=tags, deprecated=deprecated, message_id=message_id, wire=wire,
    )


def _declared(kind: Direction, name: str, *, responses: Mapping[str, Any] | None = None, **options: Any) -> HandlerDoc:
    """The HandlerDoc of a declared message, located at the line that declares it.

    The checks shared with the decorators take a function for their file and line; a stand-in
    whose code object points at the declaring line gives them that location.
    """
    frame = sys._getframe(2)

    def declaration() -> None: ...

    declaration.__code__ = declaration.__code__.replace(co_filename=frame.f_code.co_filename, co_firstlineno=frame.f_lineno)
    what = "client_message" if kind == "action" else "server_message"
    declaration.__qualname__ = f"{what}({name!r})"
    return _checked_doc(declaration, kind, name, "name", hint=f"write {what}(\"typing\", payload=...)", responses=responses, **options)


def handler_doc(obj: Any) -> HandlerDoc | None:
    """The metadata on a decorated function (or staticmethod/classmethod), else None."""
    func = getattr(obj, "__func__", obj)
    doc = getattr(func, DOC_ATTR, None)
    return doc if isinstance(doc, HandlerDoc) else None


def documented_handlers(consumer: type) -> Iterator[tuple[str, HandlerDoc]]:
    """``(method name, doc)`` for every documented handler of ``consumer``, inherited ones included.

    Bases come first, in definition order; a subclass that documents the same action or event
    again replaces the base's entry in place, so the order of a hierarchy stays stable. Payloads
    and replies left out of the decorator are read from the handler's type hints here.
    """
    from .hints import complete

    found: dict[tuple[str, str], tuple[str, HandlerDoc]] = {}
    for klass in reversed(consumer.__mro__):
        for attr, value in vars(klass).items():
            doc = handler_doc(value)
            if doc is None:
                continue
            doc = complete(doc, getattr(value, "__func__", value))
            key = (doc.kind, doc.name)
            # An override documents what the method does now: the base's message for the same
            # method is gone even when the override names another action or event (its slot is
            # reused, so the order stays stable).
            replaced = next((old for old, (method, _) in found.items() if method == attr and old != key), None)
            if replaced is not None and key not in found:
                found = {(key if old == replaced else old): entry for old, entry in found.items()}
            elif replaced is not None:
                del found[replaced]
            found[key] = (attr, doc)
    yield from found.values()


# -- checks done at decoration time (cheap, and they point at the decorated line) -------------


def _decorator(kind: Direction, name: str | None, *, hint: str, **options: Any) -> Callable[[F], F]:
    """The decorator ``@document_action(...)`` and ``@document_event(...)`` return: it checks the
    wire name and the options, stores the HandlerDoc on the method and returns the method itself.
    A ``None`` name (actions only) is the method's name without its ``handle_`` prefix."""
    what = "action" if kind == "action" else "event type"

    def decorate(func: F) -> F:
        wire_name = name if name is not None else _strip_handle(getattr(func, "__name__", ""))
        _attach(func, _checked_doc(func, kind, wire_name, what, hint=hint, **options))
        return func

    return decorate


def _checked_doc(func: Callable[..., Any], kind: Direction, name: object, what: str, *, hint: str, **options: Any) -> HandlerDoc:
    """The HandlerDoc of a decorated method or a declared message, once its name is checked."""
    return _handler_doc(func, kind, _checked_name(func, name, what, hint=hint), **options)


def _handler_doc(
    func: Callable[..., Any],
    kind: Direction,
    name: str,
    *,
    summary: object,
    description: object,
    payload: Any,
    examples: Sequence[Mapping[str, Any]] | None,
    tags: Sequence[str] | None,
    deprecated: bool,
    responses: Any = None,
    message_id: str | None = None,
    wire: Any = None,
) -> HandlerDoc:
    """The checked metadata both decorators store (``NOT_GIVEN`` left for the type hints)."""
    return HandlerDoc(
        kind=kind,
        name=name,
        summary=_text(func, summary, "summary"),
        description=_text(func, description, "description"),
        payload=None if payload is NOT_GIVEN else payload,
        examples=_examples(func, examples),
        tags=_tags(func, tags),
        deprecated=bool(deprecated),
        responses=_responses(func, None if responses is NOT_GIVEN else responses),
        location=function_location(func),
        payload_given=payload is not NOT_GIVEN,
        responses_given=responses is not NOT_GIVEN,
        message_id=_message_id(func, message_id),
        wire=_wire(func, wire),
    )


def _message_id(func: Callable[..., Any], message_id: object) -> str | None:
    from .channel_metadata import CHANNEL_ID

    if message_id is None:
        return None
    if not isinstance(message_id, str) or not CHANNEL_ID.match(message_id):
        raise _error(func, f"message_id {message_id!r} is not a valid component id", "use letters, digits, '.', '-' or '_', e.g. message_id=\"TypingNotice\"")
    return message_id


def _wire(func: Callable[..., Any], wire: object) -> Any:
    from . import wire as wire_formats

    try:
        return wire_formats.check(wire)
    except ValueError as exc:
        raise _error(func, f"wire: {exc}", "write wire=WireFormat(client_key=\"type\") or wire={\"server_key\": \"event\"}") from None


def _strip_handle(name: str) -> str:
    return name[len("handle_") :] if name.startswith("handle_") else name


def _checked_name(func: Callable[..., Any], name: object, what: str, *, hint: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise _error(func, f"the {what} of {func.__qualname__} is empty ({name!r})", hint)
    return name


def _text(func: Callable[..., Any], value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _error(func, f"{what} must be a string, not {type(value).__name__}", f"pass {what}=\"...\"")
    return value


def _tags(func: Callable[..., Any], tags: Sequence[str] | None) -> tuple[str, ...]:
    if tags is None:
        return ()
    if isinstance(tags, str) or not all(isinstance(tag, str) for tag in tags):
        raise _error(func, f"tags must be a list of strings, not {tags!r}", "write tags=[\"rides\"]")
    return tuple(dict.fromkeys(tags))


def _examples(func: Callable[..., Any], examples: Sequence[Mapping[str, Any]] | None) -> tuple[Mapping[str, Any], ...]:
    if examples is None:
        return ()
    if isinstance(examples, Mapping | str):
        raise _error(func, "examples must be a list of dicts", "wrap the example in a list: examples=[{...}]")
    checked = []
    for index, example in enumerate(examples):
        if not isinstance(example, Mapping):
            raise _error(func, f"examples[{index}] is a {type(example).__name__}, not a dict", "write {\"name\": ..., \"payload\": {...}}")
        unknown = sorted(set(example) - EXAMPLE_KEYS)
        if unknown:
            raise _error(
                func,
                f"examples[{index}] has unknown key(s) {', '.join(map(repr, unknown))}",
                f"an example allows only {', '.join(sorted(EXAMPLE_KEYS))}; put the message itself under 'payload'",
            )
        if "payload" not in example and "headers" not in example:
            raise _error(func, f"examples[{index}] has no 'payload'", "add 'payload': {...} with the frame's fields")
        checked.append(example)
    return tuple(checked)


def _responses(func: Callable[..., Any], responses: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    if responses is None:
        return ()
    if not isinstance(responses, Mapping):
        raise _error(func, "responses must be a dict {event_type: payload}", "write responses={\"ride.requested\": Payload}")
    for event_type in responses:
        if not isinstance(event_type, str) or not event_type.strip():
            raise _error(func, f"responses has an empty or non-string event type {event_type!r}", "use the event's dotted type as the key")
    return tuple(responses.items())


def _is_bare_use(first: object) -> TypeGuard[Callable[..., Any]]:
    """True when a decorator got the method itself (a function, or a staticmethod/classmethod
    object) instead of its first argument."""
    return not isinstance(first, str) and (callable(first) or isinstance(first, staticmethod | classmethod))


def _attach(func: Callable[..., Any], doc: HandlerDoc) -> None:
    from .misuse import refuse_target

    refuse_target(func, f"@document_{doc.kind}")
    target = getattr(func, "__func__", func)
    try:
        setattr(target, DOC_ATTR, doc)
    except AttributeError:
        raise _error(func, f"cannot document {func!r}: it does not accept attributes", "decorate a plain method") from None


def _error(func: Any, message: str, hint: str) -> Exception:
    from ..errors import DecoratorError

    file, line = function_location(func) if callable(func) else (None, None)
    return DecoratorError(message, file=file, line=line, hint=hint)
