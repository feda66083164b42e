"""``@document_channel`` written without parentheses documents the class as ``@document_channel()``
does, the way a bare ``@document_action`` documents its method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from django_bridge import AsyncAPIGenerator, channel_doc, document_action, document_channel


@dataclass
class Say:
    message: str


class SayConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await getattr(self, "handle_" + content["action"])(content)

    @document_action
    async def handle_say(self, content: Say) -> None:
        await self.send_json({"type": "said", "message": content["message"]})


@document_channel  # type: ignore[arg-type]
class BareChat(SayConsumer):
    """A chat room.

    Say something and hear it back.
    """


@document_channel()
class CalledChat(SayConsumer):
    """A chat room.

    Say something and hear it back.
    """


def test_bare_document_channel_returns_the_class_and_stores_what_the_call_stores() -> None:
    assert isinstance(BareChat, type) and issubclass(BareChat, AsyncJsonWebsocketConsumer)
    bare, called = channel_doc(BareChat), channel_doc(CalledChat)
    assert bare is not None
    assert bare == called
    assert (bare.name, bare.description) == (None, "A chat room.\n\nSay something and hear it back.")


def test_bare_document_channel_gives_the_same_spec() -> None:
    def spec(consumer: type) -> Any:
        return AsyncAPIGenerator(consumer, channel_path="/ws/chat/").get_spec()

    bare, called = spec(BareChat), spec(CalledChat)
    assert bare == called
    (channel,) = bare["channels"].values()
    assert channel["address"] == "/ws/chat/"
    assert channel["description"] == "A chat room.\n\nSay something and hear it back."
    assert "Say" in bare["components"]["messages"]


def test_bare_document_channel_on_a_subclass_overrides_the_inherited_metadata() -> None:
    @document_channel("base", summary="Base channel")
    class Base(SayConsumer):
        """Base docs."""

    @document_channel  # type: ignore[arg-type]
    class Child(Base):
        """Child docs."""

    assert channel_doc(Base) is not None and channel_doc(Base).name == "base"  # type: ignore[union-attr]
    child = channel_doc(Child)
    assert child is not None and (child.name, child.summary, child.description) == (None, "", "Child docs.")
