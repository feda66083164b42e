"""Payload mistakes: a TypedDict from the "wrong" module, a Django model where a payload belongs.
Each one is documented correctly or refused with the exact fix, never silently left empty."""

from __future__ import annotations

import sys
import typing
from dataclasses import dataclass
from typing import Any

import pytest
import typing_extensions
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth.models import User

from django_bridge import AsyncAPIGenerator, PayloadError, document_action


def spec_of(consumer: type) -> dict[str, Any]:
    return AsyncAPIGenerator(consumer, channel_path="/ws/x/").get_spec()


def properties(spec: dict[str, Any], message: str) -> dict[str, Any]:
    return spec["components"]["messages"][message]["payload"]["properties"]


class Join(typing_extensions.TypedDict):
    room: str


class Joined(typing_extensions.TypedDict):
    type: typing.Literal["joined"]
    members: int


def test_typing_extensions_typed_dict_as_payload() -> None:
    class Chat(AsyncJsonWebsocketConsumer):
        @document_action(payload=Join)
        async def handle_join(self, content: Any) -> None: ...

    assert properties(spec_of(Chat), "Join") == {"action": {"type": "string", "const": "join"}, "room": {"type": "string"}}


def test_typing_extensions_typed_dict_as_type_hints() -> None:
    """typing.is_typeddict() does not see these before Python 3.12: they used to document nothing."""

    class Chat(AsyncJsonWebsocketConsumer):
        @document_action()
        async def handle_join(self, content: Join) -> Joined: ...

    spec = spec_of(Chat)
    assert properties(spec, "Join")["room"] == {"type": "string"}
    assert properties(spec, "Joined") == {"type": {"type": "string", "const": "joined"}, "members": {"type": "integer"}}


class Old(typing.TypedDict):
    room: str


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Pydantic reads typing.TypedDict from Python 3.12")
@pytest.mark.parametrize("given", ["payload", "hint"])
def test_typing_typed_dict_before_3_12_is_refused_with_the_import_to_write(given: str) -> None:
    if given == "payload":

        class Chat(AsyncJsonWebsocketConsumer):
            @document_action(payload=Old)
            async def handle_join(self, content: Any) -> None: ...

    else:

        class Chat(AsyncJsonWebsocketConsumer):  # type: ignore[no-redef]
            @document_action()
            async def handle_join(self, content: Old) -> None: ...

    with pytest.raises(PayloadError) as caught:
        spec_of(Chat)
    assert caught.value.message == (
        "Chat > handle_join: cannot describe payload Old: Please use `typing_extensions.TypedDict` instead of `typing.TypedDict` on Python < 3.12."
    )
    assert caught.value.hint == "on Python < 3.12 write `from typing_extensions import TypedDict` (Pydantic reads only that one there)"


MODEL_HINT = (
    "describe the frame with a DRF serializer (a ModelSerializer with Meta.model = User and the fields you send) "
    "or a dataclass with those fields"
)


def test_a_django_model_is_not_a_payload() -> None:
    class Profile(AsyncJsonWebsocketConsumer):
        @document_action(payload=User)
        async def handle_update(self, content: Any) -> None: ...

    with pytest.raises(PayloadError) as caught:
        spec_of(Profile)
    assert caught.value.message == (
        "Profile > handle_update: cannot describe payload User: User is a Django model, not a payload: a model is a "
        "database row, and what travels on the WebSocket is what the consumer serialises from it"
    )
    assert caught.value.hint == MODEL_HINT
    assert "arbitrary_types_allowed" not in str(caught.value)


@dataclass
class Message:
    text: str
    author: User


def test_a_django_model_inside_a_payload_is_named() -> None:
    class Chat(AsyncJsonWebsocketConsumer):
        @document_action()
        async def handle_say(self, content: Message) -> None: ...

    with pytest.raises(PayloadError) as caught:
        spec_of(Chat)
    assert caught.value.message == (
        "Chat > handle_say: cannot describe payload Message: it uses User, which is a Django model, not a payload: "
        "a model is a database row, and what travels on the WebSocket is what the consumer serialises from it"
    )
    assert caught.value.hint == MODEL_HINT
