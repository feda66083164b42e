"""Mistakes users make with the decorators: each one works as meant, or gets the exact message
that says what to write instead (at import for the handler alone, per class for the rest)."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer

from django_bridge import (
    AsyncAPIGenerator,
    DecoratorError,
    consumer_findings,
    document_action,
    document_event,
    handler_doc,
)


@dataclass
class Say:
    message: str


class Echo:
    """Dispatches each frame to ``handle_<action>``, as most hand-written consumers do."""

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await getattr(self, "handle_" + content["action"])(content)


class BareConsumer(Echo, AsyncJsonWebsocketConsumer):
    @document_action
    async def handle_say(self, content: Say) -> None:
        await self.send_json({"type": "said", "message": content["message"]})


class CalledConsumer(Echo, AsyncJsonWebsocketConsumer):
    @document_action()
    async def handle_say(self, content: Say) -> None:
        await self.send_json({"type": "said", "message": content["message"]})


def _stored(doc: Any) -> dict[str, Any]:
    return {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc) if f.name != "location"}


def test_without_parentheses_document_action_stores_what_the_call_stores() -> None:
    bare, called = handler_doc(BareConsumer.handle_say), handler_doc(CalledConsumer.handle_say)
    assert bare is not None and called is not None
    assert _stored(bare) == _stored(called)
    assert (bare.kind, bare.name, bare.payload_given) == ("action", "say", False)


def test_without_parentheses_the_spec_is_the_same() -> None:
    def spec(consumer: type) -> Any:
        return AsyncAPIGenerator(consumer, channel_path="/ws/say/").get_spec()

    bare, called = spec(BareConsumer), spec(CalledConsumer)
    assert bare == called
    assert bare["components"]["messages"]["Say"]["payload"]["properties"]["message"] == {"type": "string"}


def test_without_parentheses_the_handler_still_runs() -> None:
    from channels.testing import WebsocketCommunicator

    async def talk(consumer: type) -> Any:
        communicator = WebsocketCommunicator(consumer.as_asgi(), "/ws/say/")
        connected, _ = await communicator.connect()
        assert connected
        await communicator.send_json_to({"action": "say", "message": "hi"})
        reply = await communicator.receive_json_from()
        await communicator.disconnect()
        return reply

    assert asyncio.run(talk(BareConsumer)) == {"type": "said", "message": "hi"}
    assert asyncio.run(talk(CalledConsumer)) == {"type": "said", "message": "hi"}


def test_document_event_without_parentheses_is_refused_with_the_fix() -> None:
    with pytest.raises(DecoratorError) as caught:

        class Chat(AsyncJsonWebsocketConsumer):
            @document_event  # type: ignore[arg-type]
            async def chat_message(self, event: Any) -> None: ...

    assert caught.value.message == (
        "@document_event on test_document_event_without_parentheses_is_refused_with_the_fix.<locals>.Chat.chat_message "
        "needs the event type the server sends"
    )
    assert caught.value.hint == (
        "write @document_event(\"ride.offer\") above chat_message: a method name cannot tell 'ride.offer' from 'ride_offer'"
    )
    assert caught.value.file == __file__


# -- refused at decoration: what can never be a handler ----------------------------------------------

CONNECTION_HINT = "describe the connection with @document_channel on the consumer class; decorate the handler of each frame kind"


def _receiving_hint(name: str) -> str:
    return (
        f"put @document_action on the method that {name}() dispatches one kind of frame to "
        "(e.g. handle_chat_message), one decorated method per frame kind"
    )


@pytest.mark.parametrize(
    ("name", "when", "hint"),
    [
        ("connect", "when the client opens the WebSocket", CONNECTION_HINT),
        ("websocket_connect", "when the client opens the WebSocket", CONNECTION_HINT),
        ("disconnect", "when the connection closes", CONNECTION_HINT),
        ("receive", "for every frame the client sends, whatever its kind", _receiving_hint("receive")),
        ("receive_json", "for every frame the client sends, whatever its kind", _receiving_hint("receive_json")),
        ("websocket_receive", "for every frame the client sends, whatever its kind", _receiving_hint("websocket_receive")),
        ("send_json", "to send any frame", "put @document_action on the method that builds and sends one kind of frame (e.g. the group handler chat_message)"),
    ],
)
def test_channels_lifecycle_methods_are_refused(name: str, when: str, hint: str) -> None:
    namespace: dict[str, Any] = {}
    exec(f"async def {name}(self, *args): ...", namespace)
    method = namespace[name]
    for decorate in (document_action, document_action()):
        with pytest.raises(DecoratorError) as caught:
            decorate(method)
        assert caught.value.message == f"@document_action cannot document {name}: Channels calls {name}() {when}"
        assert caught.value.hint == hint


def test_a_lifecycle_method_is_refused_for_events_too() -> None:
    with pytest.raises(DecoratorError) as caught:

        class Chat(AsyncJsonWebsocketConsumer):
            @document_event("chat.joined")
            async def connect(self) -> None: ...

    assert caught.value.message == (
        "@document_event cannot document test_a_lifecycle_method_is_refused_for_events_too.<locals>.Chat.connect: "
        "Channels calls connect() when the client opens the WebSocket"
    )
    assert caught.value.file == __file__


@pytest.mark.parametrize("kind", [staticmethod, classmethod])
def test_a_static_or_class_method_is_refused(kind: Any) -> None:
    def handle_ping(content: Any) -> None: ...

    for decorate in (document_action, document_action()):
        with pytest.raises(DecoratorError) as caught:
            decorate(kind(handle_ping))
        assert caught.value.message == (
            f"@document_action cannot document the {kind.__name__} "
            "test_a_static_or_class_method_is_refused.<locals>.handle_ping: Channels calls handlers on the consumer instance"
        )
        assert caught.value.hint == f"drop @{kind.__name__} and take self: async def handle_ping(self, content)"


def test_a_private_method_is_refused() -> None:
    async def _handle_ping(self: Any, content: Any) -> None: ...

    with pytest.raises(DecoratorError) as caught:
        document_action("ping")(_handle_ping)
    assert caught.value.message == (
        "@document_action cannot document test_a_private_method_is_refused.<locals>._handle_ping: a name with a "
        "leading underscore is private, and Channels refuses to dispatch a message type that starts with '_'"
    )
    assert caught.value.hint == "decorate the public method that handles the frame (rename it to handle_ping)"


# -- reported per class: what depends on the consumer -------------------------------------------------


class SyncOnAsync(AsyncJsonWebsocketConsumer):
    @document_action()
    def handle_ping(self, content: Any) -> None: ...

    @document_event("chat.message")
    def chat_message(self, event: Any) -> None: ...


class AsyncOnSync(JsonWebsocketConsumer):
    @document_event("chat.message")
    async def chat_message(self, event: Any) -> None: ...


class StaticOutside(AsyncJsonWebsocketConsumer):
    @staticmethod
    @document_action()
    async def handle_ping(content: Any) -> None: ...


class Fine(AsyncJsonWebsocketConsumer):
    @document_action()
    async def handle_ping(self, content: Any) -> None: ...


def _findings(consumer: type) -> list[tuple[str, str, str | None, str | None]]:
    return [(d.code, d.message, d.hint, d.breadcrumb) for d in consumer_findings(consumer)]


def test_a_plain_def_on_an_async_consumer_is_reported() -> None:
    assert _findings(SyncOnAsync) == [
        (
            "handler-not-async",
            "SyncOnAsync.handle_ping is a plain def on the async consumer SyncOnAsync: awaiting it from receive_json() "
            "fails with TypeError, and it cannot await send_json()",
            "write async def handle_ping(...), or subclass a sync consumer such as JsonWebsocketConsumer",
            "SyncOnAsync > handle_ping",
        ),
        (
            "handler-not-async",
            "SyncOnAsync.chat_message is a plain def on the async consumer SyncOnAsync: Channels awaits the handler "
            "of a group message, so it fails with TypeError",
            "write async def chat_message(...), or subclass a sync consumer such as JsonWebsocketConsumer",
            "SyncOnAsync > chat_message",
        ),
    ]
    first = consumer_findings(SyncOnAsync)[0]
    line = SyncOnAsync.handle_ping.__code__.co_firstlineno
    assert (first.severity, first.file, first.line) == ("warning", "tests/django_bridge/test_bridge_misuse.py", line)


def test_an_async_def_on_a_sync_consumer_is_reported() -> None:
    assert _findings(AsyncOnSync) == [
        (
            "handler-not-sync",
            "AsyncOnSync.chat_message is an async def on the sync consumer AsyncOnSync: Channels calls it without "
            "awaiting, so its body never runs",
            "write def chat_message(...), or subclass an async consumer such as AsyncJsonWebsocketConsumer",
            "AsyncOnSync > chat_message",
        )
    ]


def test_staticmethod_above_the_decorator_is_reported() -> None:
    assert _findings(StaticOutside) == [
        (
            "handler-not-method",
            "StaticOutside.handle_ping is a staticmethod: Channels calls handlers on the consumer instance",
            "drop @staticmethod and take self: async def handle_ping(self, content)",
            "StaticOutside > handle_ping",
        )
    ]


class WrappedSync(AsyncJsonWebsocketConsumer):
    """A sync body wrapped for an async consumer, as Channels' docs teach for ORM access."""

    @document_event("chat.saved")
    @database_sync_to_async
    def chat_saved(self, event: Any) -> None: ...


def test_a_correct_consumer_has_no_findings() -> None:
    assert _findings(Fine) == []
    assert _findings(WrappedSync) == []


def test_manage_py_check_reports_them_before_the_first_connection(settings: Any) -> None:
    from django.core import checks

    settings.ASGI_APPLICATION = "tests.export.misuse_routing.application"
    found = [m for m in checks.run_checks() if m.id and m.id.startswith("django_bridge.W1")]
    assert [(m.id, m.obj, m.msg, m.hint) for m in found] == [
        (
            "django_bridge.W101",
            SyncOnAsync,
            f"tests/django_bridge/test_bridge_misuse.py:{SyncOnAsync.handle_ping.__code__.co_firstlineno}: "
            "SyncOnAsync.handle_ping is a plain def on the async consumer SyncOnAsync: awaiting it from "
            "receive_json() fails with TypeError, and it cannot await send_json()",
            "write async def handle_ping(...), or subclass a sync consumer such as JsonWebsocketConsumer",
        ),
        (
            "django_bridge.W101",
            SyncOnAsync,
            f"tests/django_bridge/test_bridge_misuse.py:{SyncOnAsync.chat_message.__code__.co_firstlineno}: "
            "SyncOnAsync.chat_message is a plain def on the async consumer SyncOnAsync: Channels awaits the handler "
            "of a group message, so it fails with TypeError",
            "write async def chat_message(...), or subclass a sync consumer such as JsonWebsocketConsumer",
        ),
    ]


def test_the_check_is_silent_without_routing(settings: Any) -> None:
    from django.core import checks

    def consumer_checks() -> list[Any]:
        return [m for m in checks.run_checks(tags=["django_bridge"]) if m.id in {"django_bridge.E101", "django_bridge.W101", "django_bridge.W102", "django_bridge.W103"}]

    if hasattr(settings, "ASGI_APPLICATION"):
        del settings.ASGI_APPLICATION
    assert consumer_checks() == []
    settings.ASGI_APPLICATION = "tests.no_such_module.application"  # reported by export_asyncapi and the views
    assert consumer_checks() == []


def test_the_check_reports_a_refused_decorator_instead_of_crashing(settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core import checks

    (tmp_path / "refused_routing.py").write_text(
        "from channels.generic.websocket import AsyncJsonWebsocketConsumer\n"
        "from django_bridge import document_action\n"
        "class Chat(AsyncJsonWebsocketConsumer):\n"
        "    @document_action()\n"
        "    async def receive_json(self, content, **kwargs): ...\n"
        "application = Chat.as_asgi()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.ASGI_APPLICATION = "refused_routing.application"
    [error] = [m for m in checks.run_checks() if m.id == "django_bridge.E101"]
    assert error.msg == (
        "@document_action cannot document Chat.receive_json: Channels calls receive_json() for every frame the client "
        "sends, whatever its kind"
    )
    assert error.obj == f"{tmp_path / 'refused_routing.py'}:4"
