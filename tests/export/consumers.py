"""Consumers for the export command's tests: one good, and one for each way to go wrong."""

from __future__ import annotations

from dataclasses import dataclass

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from django_bridge import document_action, document_event


@dataclass
class Hello:
    name: str


@dataclass
class Node:
    """A self-referencing payload: not bad input, it becomes a $ref cycle."""

    value: int
    children: list[Node]


class GreeterConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Say hello", payload=Hello, responses={"greeting": {"type": "object", "properties": {"text": {"type": "string"}}}})
    async def handle_hello(self, content): ...

    @document_event("user.joined", summary="Someone joined", payload={"type": "object", "properties": {"name": {"type": "string"}}})
    async def user_joined(self, event): ...


class TreeConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Send a tree", payload=Node)
    async def handle_tree(self, content): ...


class BadPayloadConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Broken", payload=int)
    async def handle_broken(self, content): ...


class PlainConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content, **kwargs): ...


@dataclass
class NotAConsumer:
    x: int


def not_a_class() -> None: ...
