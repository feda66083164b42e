"""@document_action / @document_event: what they store, what they refuse, and what they cost."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest

from django_bridge import (
    DecoratorError,
    HandlerDoc,
    document_action,
    document_event,
    documented_handlers,
    handler_doc,
)
from tests.django_bridge import consumers


def test_action_name_is_method_name_without_handle_prefix() -> None:
    doc = handler_doc(consumers.DispatchConsumer.handle_request_ride)
    assert doc is not None
    assert (doc.kind, doc.name) == ("action", "request_ride")


def test_explicit_action_wins_over_method_name() -> None:
    doc = handler_doc(consumers.DispatchConsumer.handle_ping)
    assert doc is not None and doc.name == "ping"

    @document_action("book")
    def reserve(self, content): ...

    assert handler_doc(reserve).name == "book"


def test_method_without_prefix_keeps_its_name() -> None:
    @document_action()
    def subscribe(self, content): ...

    assert handler_doc(subscribe).name == "subscribe"


def test_every_parameter_is_stored() -> None:
    payload = {"type": "object"}

    @document_action(
        summary="S",
        description="D",
        payload=payload,
        responses={"a.done": None, "a.failed": payload},
        examples=[{"name": "n", "summary": "s", "payload": {"x": 1}}],
        tags=["t1", "t2", "t1"],
        deprecated=True,
    )
    def handle_a(self, content): ...

    doc = handler_doc(handle_a)
    assert doc == HandlerDoc(
        kind="action",
        name="a",
        summary="S",
        description="D",
        payload=payload,
        examples=({"name": "n", "summary": "s", "payload": {"x": 1}},),
        tags=("t1", "t2"),
        deprecated=True,
        responses=(("a.done", None), ("a.failed", payload)),
    )
    assert doc.location[0] == __file__ and isinstance(doc.location[1], int)


def test_event_stores_type_and_defaults() -> None:
    doc = handler_doc(consumers.DispatchConsumer.ride_accepted)
    assert doc is not None
    assert (doc.kind, doc.name, doc.examples, doc.tags, doc.deprecated, doc.responses) == (
        "event",
        "ride.accepted",
        (),
        (),
        False,
        (),
    )


def test_decorator_returns_the_function_and_metadata_is_frozen() -> None:
    def handle_x(self, content): ...

    assert document_action()(handle_x) is handle_x
    with pytest.raises(FrozenInstanceError):
        handler_doc(handle_x).name = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda: document_action(summary=3), "summary must be a string"),
        (lambda: document_action(tags="rides"), "tags must be a list"),
        (lambda: document_action(examples={"payload": {}}), "examples must be a list"),
        (lambda: document_action(examples=[{"payload": {}, "value": 1}]), "unknown key(s) 'value'"),
        (lambda: document_action(examples=[{"name": "no payload"}]), "has no 'payload'"),
        (lambda: document_action(responses=["ride.x"]), "responses must be a dict"),
        (lambda: document_action(responses={"": None}), "empty or non-string event type"),
        (lambda: document_event(""), "event type"),
    ],
)
def test_bad_arguments_are_refused_at_decoration_with_location(make, fragment) -> None:
    with pytest.raises(DecoratorError) as info:
        make()(_target)
    assert fragment in info.value.message
    assert info.value.hint
    assert info.value.file == __file__


def _target(self, content): ...


def test_handle_alone_gives_an_empty_action_and_is_refused() -> None:
    def handle_(self, content): ...

    with pytest.raises(DecoratorError, match="empty"):
        document_action()(handle_)


def test_document_event_without_type_is_refused() -> None:
    with pytest.raises(DecoratorError, match="needs the event type"):
        document_event(_target)  # type: ignore[arg-type]


def test_inheritance_walks_the_mro_with_overrides_in_place() -> None:
    found = [(method, doc.name, doc.summary) for method, doc in documented_handlers(consumers.ChatConsumer)]
    assert found == [
        ("handle_ping", "ping", "Override ping with more detail"),
        ("handle_say", "say", "Say something"),
        ("handle_extra", "extra", "Extra action"),
    ]
    base = [doc.summary for _, doc in documented_handlers(consumers.BaseChatConsumer)]
    assert base == ["Ping", "Say something"]


def test_importing_and_decorating_loads_nothing_heavy() -> None:
    code = (
        "import sys, json\n"
        "import django_bridge\n"
        "from django_bridge import document_action, document_event\n"
        "class C:\n"
        "    @document_action(summary='x', payload={'type': 'object'}, examples=[{'payload': {}}])\n"
        "    def handle_x(self, content): ...\n"
        "    @document_event('x.done', payload=None)\n"
        "    def x_done(self, event): ...\n"
        "heavy = ['pydantic', 'rest_framework', 'ruamel', 'ruamel.yaml', 'jinja2', 'jsonschema_rs', 'django']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
