"""``@document_channel``: name, title, summary, description and tags of a consumer's channel.

The class-level sibling of ``@document_action`` / ``@document_event``: decorating stores one small
frozen :class:`ChannelDoc` on the class and returns the class unchanged. Nothing heavy is imported
and nothing is built; the generator reads it later with :func:`channel_doc`.

The object lives in a class attribute, so subclasses inherit it through the MRO, and a subclass
decorated again overrides it. The description defaults to the decorated class's *own* docstring,
read when the decorator runs (a subclass that inherits the ChannelDoc inherits that text too).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard, TypeVar

from .decorators import HandlerDoc

C = TypeVar("C", bound=type)

#: The class attribute that holds the metadata.
CHANNEL_ATTR = "__asyncapi_channel__"

#: What a channel id may contain: safe in ``$ref`` pointers, URLs, file names and generated code.
CHANNEL_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass(frozen=True)
class ChannelDoc:
    """What ``@document_channel`` recorded about one consumer's channel.

    Empty strings and ``None`` mean "not given": the generator then falls back to its own choice
    (the channel id from the address, no title, no summary).
    """

    #: The channel id (the key under ``channels``); None lets the generator derive one.
    name: str | None = None
    title: str = ""
    summary: str = ""
    #: Markdown; the class docstring (``inspect.cleandoc``-ed) unless given explicitly.
    description: str = ""
    tags: tuple[str, ...] = ()
    #: The consumer's frame shape: a WireFormat, a dict of the fields that differ from the
    #: WIRE_FORMAT setting, or None for the setting itself (see :mod:`django_bridge.annotations.wire`).
    wire: Any = None
    #: Messages declared on the class (``client_message`` / ``server_message``), for consumers
    #: that dispatch inside ``receive()`` instead of one method per message.
    messages: tuple[HandlerDoc, ...] = ()


def document_channel(
    name: str | None = None,
    *,
    title: str | None = None,
    summary: str | None = None,
    description: str | None = None,
    tags: Sequence[str] | None = None,
    wire: Any = None,
    messages: Sequence[HandlerDoc] | None = None,
) -> Callable[[C], C]:
    """Document the channel of the decorated consumer class.

    ``name`` becomes the channel id (letters, digits, ``.``, ``-``, ``_``). ``description``
    defaults to the class docstring; pass ``description=""`` to leave the docstring out of the
    document. A consumer mounted at several paths gets one channel per path; all of them carry
    this metadata and share one set of messages, and the generator keeps their ids distinct.
    ``wire`` declares the consumer's frame shape (``WireFormat`` or a dict of its fields);
    ``messages`` lists ``client_message(...)`` / ``server_message(...)`` declarations for frames
    that no decorated method handles (dispatch inside ``receive_json``). Written without
    parentheses (``@document_channel``), it documents the class exactly as ``@document_channel()``
    does.
    """
    if _is_class(name):  # written without parentheses: ``name`` is the decorated class itself
        return document_channel()(name)
    if name is not None and (not isinstance(name, str) or not CHANNEL_ID.match(name)):
        raise _error(
            None,
            f"the channel name {name!r} is not a valid channel id",
            "use letters, digits, '.', '-' or '_', e.g. @document_channel(\"rideUpdates\")",
        )

    def decorate(klass: C) -> C:
        if not isinstance(klass, type):
            raise _error(klass, f"@document_channel decorates consumer classes, not {type(klass).__name__}", "put it above `class ...Consumer(...)`")
        own_doc = klass.__dict__.get("__doc__")
        text = {
            "title": _text(klass, title, "title"),
            "summary": _text(klass, summary, "summary"),
            "description": _text(klass, description, "description")
            if description is not None
            else (inspect.cleandoc(own_doc) if isinstance(own_doc, str) else ""),
        }
        doc = ChannelDoc(name=name, tags=_tags(klass, tags), wire=_wire(klass, wire), messages=_messages(klass, messages), **text)
        setattr(klass, CHANNEL_ATTR, doc)
        return klass

    return decorate


def channel_doc(consumer: type) -> ChannelDoc | None:
    """The metadata of ``consumer`` (its own or inherited), or None when it was never decorated."""
    doc = getattr(consumer, CHANNEL_ATTR, None)
    return doc if isinstance(doc, ChannelDoc) else None


def _is_class(first: object) -> TypeGuard[type]:
    """True when the decorator got the class itself instead of its first argument."""
    return isinstance(first, type)


def _text(klass: type, value: object, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _error(klass, f"{what} must be a string, not {type(value).__name__}", f"pass {what}=\"...\"")
    return value


def _tags(klass: type, tags: Sequence[str] | None) -> tuple[str, ...]:
    if tags is None:
        return ()
    if isinstance(tags, str) or not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise _error(klass, f"tags must be a list of non-empty strings, not {tags!r}", "write tags=[\"rides\"]")
    return tuple(dict.fromkeys(tags))


def _wire(klass: type, wire: object) -> Any:
    from . import wire as wire_formats

    try:
        return wire_formats.check(wire)
    except ValueError as exc:
        raise _error(klass, f"wire: {exc}", "write wire=WireFormat(client_key=\"type\") or wire={\"client_key\": \"type\"}") from None


def _messages(klass: type, messages: Sequence[HandlerDoc] | None) -> tuple[HandlerDoc, ...]:
    if messages is None:
        return ()
    if isinstance(messages, HandlerDoc) or not all(isinstance(item, HandlerDoc) for item in messages):
        raise _error(
            klass,
            f"messages must be a list of client_message(...) / server_message(...), not {messages!r}",
            "write messages=[client_message(\"typing\", payload=Typing), server_message(\"typing\")]",
        )
    return tuple(messages)


def _error(klass: Any, message: str, hint: str) -> Exception:
    from ..errors import DecoratorError
    from ..locations import class_location

    file, line = class_location(klass) if isinstance(klass, type) else (None, None)
    return DecoratorError(message, file=file, line=line, hint=hint)
