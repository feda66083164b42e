"""The consumers of the wire project: three frame shapes, each documented as it is spoken.

They validate what they receive as strictly as a careful project would (Pydantic, extra fields
forbidden) and close the socket with code 4400 on any frame they do not understand, so a test can
tell "the server accepted the frame" from "the server rejected it".
"""

from __future__ import annotations

from typing import Any, Literal

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from django_bridge import (
    WireFormat,
    client_message,
    document_action,
    document_channel,
    document_event,
    server_message,
)

#: The close code for a frame the consumer does not accept.
REJECTED = 4400


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- a chat room: {"type": ...} both ways, dispatch inside receive_json ----------------------


class PostMessage(Strict):
    text: str = Field(min_length=1, max_length=500)


class Typing(Strict):
    is_typing: bool


class ChatMessage(Strict):
    room: str
    user: str
    text: str


class TypingNotice(Strict):
    user: str
    is_typing: bool


@document_channel(
    "room",
    title="Chat room",
    wire={"client_key": "type"},
    messages=[
        client_message(
            "message",
            payload=PostMessage,
            summary="Post a message to the room",
            responses={"chat_message": None},
            examples=[{"name": "Hello", "payload": {"text": "Hello, room"}}],
        ),
        client_message(
            "typing",
            payload=Typing,
            summary="Say whether you are typing",
            responses={"typing": None},
            examples=[
                {"name": "Starts typing", "payload": {"is_typing": True}},
                {"name": "Stops typing", "payload": {"type": "typing", "is_typing": False}},
            ],
        ),
        server_message("chat_message", payload=ChatMessage, summary="A message posted to the room"),
        server_message("typing", payload=TypingNotice, summary="Whether someone in the room is typing"),
    ],
)
class RoomConsumer(AsyncJsonWebsocketConsumer):
    """A chat room. Every frame names its kind in `type`, in both directions."""

    async def connect(self) -> None:
        self.room = self.scope["url_route"]["kwargs"]["room"]
        self.group = f"room-{self.room}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        body = {key: value for key, value in content.items() if key != "type"} if isinstance(content, dict) else {}
        try:
            if kind == "message":
                post = PostMessage.model_validate(body)
                event = {"type": "chat.message", "user": self.scope["username"], "text": post.text}
                await self.channel_layer.group_send(self.group, event)
            elif kind == "typing":
                typing = Typing.model_validate(body)
                notice = TypingNotice(user=self.scope["username"], is_typing=typing.is_typing)
                await self.send_json({"type": "typing", **notice.model_dump()})
            else:
                raise ValueError(f"unknown frame type {kind!r}")
        except (ValueError, ValidationError):
            await self.close(code=REJECTED)

    async def chat_message(self, event: dict[str, Any]) -> None:
        message = ChatMessage(room=self.room, user=event["user"], text=event["text"])
        await self.send_json({"type": "chat_message", **message.model_dump()})


# -- presence: no discriminator, frames told apart by their fields -----------------------------


class SetStatus(Strict):
    status: Literal["online", "away", "busy"]


class Ping(Strict):
    ping: int


class PresenceUpdate(Strict):
    user: str
    status: str


class Pong(Strict):
    pong: int


@document_channel(
    "presence",
    wire=WireFormat(client_key=None, server_key=None),
    messages=[
        client_message(
            "set_status",
            payload=SetStatus,
            summary="Set your status",
            responses={"presence": PresenceUpdate},
            examples=[{"name": "Away", "payload": {"status": "away"}}],
        ),
        client_message("ping", payload=Ping, summary="Keep the connection alive", responses={"pong": Pong}, examples=[{"payload": {"ping": 7}}]),
    ],
)
class PresenceConsumer(AsyncJsonWebsocketConsumer):
    """Who is online in a team. Frames carry no kind: a `status` frame sets yours, a `ping` frame
    is answered with a `pong` frame."""

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        try:
            if isinstance(content, dict) and "status" in content:
                status = SetStatus.model_validate(content)
                await self.send_json(PresenceUpdate(user=self.scope["username"], status=status.status).model_dump())
            elif isinstance(content, dict) and "ping" in content:
                await self.send_json(Pong(pong=Ping.model_validate(content).ping).model_dump())
            else:
                raise ValueError("neither a status nor a ping frame")
        except (ValueError, ValidationError):
            await self.close(code=REJECTED)


# -- a feed: envelopes {"event": ..., "payload": {...}}, one handler method per event ----------


class Subscribe(Strict):
    topics: list[str] = Field(min_length=1)


class Subscribed(Strict):
    topics: list[str]


class FeedItem(Strict):
    topic: str
    title: str


class Heartbeat(Strict):
    at: int


@document_channel(wire={"client_key": "event", "server_key": "event", "envelope": "payload"})
class FeedConsumer(AsyncJsonWebsocketConsumer):
    """A news feed. Frames are envelopes: the event's name in `event`, its fields in `payload`."""

    async def connect(self) -> None:
        await self.accept()
        await self.heartbeat({"at": 0})

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        handler = getattr(self, f"handle_{event}", None) if isinstance(event, str) else None
        if handler is None or set(content) - {"event", "payload"}:
            await self.close(code=REJECTED)
            return
        try:
            await handler(content.get("payload", {}))
        except (ValueError, ValidationError):
            await self.close(code=REJECTED)

    @document_action(
        summary="Subscribe to topics",
        payload=Subscribe,
        responses={"subscribed": Subscribed},
        examples=[{"name": "News and sport", "payload": {"topics": ["news", "sport"]}}],
    )
    async def handle_subscribe(self, payload: dict[str, Any]) -> None:
        subscribe = Subscribe.model_validate(payload)
        await self.send_json({"event": "subscribed", "payload": Subscribed(topics=subscribe.topics).model_dump()})
        for topic in subscribe.topics:
            await self.item({"topic": topic, "title": f"Latest in {topic}"})

    @document_action(summary="Stop all subscriptions", responses={"unsubscribed": None}, examples=[{"payload": {}}])
    async def handle_unsubscribe(self, payload: dict[str, Any]) -> None:
        if payload:
            raise ValueError("unsubscribe takes no fields")
        await self.send_json({"event": "unsubscribed"})

    @document_event("item", payload=FeedItem, summary="A new item in a subscribed topic")
    async def item(self, event: dict[str, Any]) -> None:
        await self.send_json({"event": "item", "payload": FeedItem(topic=event["topic"], title=event["title"]).model_dump()})

    @document_event(
        "heartbeat",
        payload=Heartbeat,
        summary="Sent on connect: the server is alive",
        wire={"server_key": "type", "envelope": None},  # the one flat frame of this socket
    )
    async def heartbeat(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "heartbeat", "at": event["at"]})
