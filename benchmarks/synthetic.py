"""Deterministic synthetic AsyncAPI 3.0 templates of a chosen size, written like a person would.

Each channel has a parameterised address, three messages with inline payloads (nested objects,
arrays, enums, block and quoted descriptions, no titles), two operations with a reply, full-line
and end-of-line comments, and `{{ WS_HOST }}` placeholders in the servers.
"""

from __future__ import annotations

import random


def template(target_bytes: int, *, seed: int = 7, variant: int = 0) -> str:
    """A template of at least ``target_bytes`` bytes (valid AsyncAPI 3.0.0 once rendered).

    ``variant`` changes values (the version, every integer minimum) but not the structure, so two
    variants make a base and an overlay for merge benchmarks.
    """
    rng = random.Random(seed)
    head = [
        "# Synthetic AsyncAPI document for benchmarks (generated, deterministic).",
        "asyncapi: 3.0.0",
        "info:",
        "  title: Synthetic Gateway",
        f"  version: '1.{variant}.0'",
        "  description: |",
        "    A generated API used to measure the pipeline.",
        "    It has many channels, operations and messages.",
        "servers:",
        "  production:",
        "    host: '{{ WS_HOST }}'",
        "    protocol: '{{ WS_PROTOCOL }}'",
        "    description: Production gateway at {{ WS_HOST }}",
        "defaultContentType: application/json",
    ]
    channels, operations, messages = ["channels:"], ["operations:"], ["components:", "  messages:"]
    size = sum(len(line) + 1 for line in head)
    index = 0
    while size < target_bytes:
        channel, chunk_ops, chunk_msgs = _channel(index, rng, variant)
        channels += channel
        operations += chunk_ops
        messages += chunk_msgs
        size += sum(len(line) + 1 for line in channel + chunk_ops + chunk_msgs)
        index += 1
    return "\n".join(head + channels + operations + messages) + "\n"


def _channel(i: int, rng: random.Random, variant: int) -> tuple[list[str], list[str], list[str]]:
    name = f"room{i}"
    kinds = ["joined", "said", "left"]
    channel = [
        f"  # channel {i}: one WebSocket connection per room",
        f"  {name}:",
        f"    address: /ws/rooms/{i}/{{roomId}}/",
        "    parameters:",
        "      roomId:",
        "        description: The room identifier",
        "    messages:",
    ]
    for kind in kinds:
        channel += [f"      {kind}{i}:", f"        $ref: '#/components/messages/{kind}{i}'"]
    operations = [
        f"  # operations on {name}",
        f"  say{i}:",
        "    action: receive",
        f"    channel: {{$ref: '#/channels/{name}'}}",
        "    messages:",
        f"      - $ref: '#/channels/{name}/messages/said{i}'",
        "    reply:",
        f"      channel: {{$ref: '#/channels/{name}'}}",
        "      messages:",
        f"        - $ref: '#/channels/{name}/messages/joined{i}'",
        f"  notify{i}:",
        "    action: send",
        f"    channel: {{$ref: '#/channels/{name}'}}",
        "    summary: Tell everyone in the room",
        "    messages:",
        f"      - $ref: '#/channels/{name}/messages/left{i}'",
    ]
    messages: list[str] = []
    for kind in kinds:
        messages += [
            f"    # the {kind} event of room {i}",
            f"    {kind}{i}:",
            f"      name: user.{kind}.{i}",
            f"      summary: 'A user {kind} room {i}'",
            "      payload:",
            "        type: object  # the frame",
            "        required: [type, user]",
            "        properties:",
        ]
        for p in range(rng.randint(5, 10)):
            messages += _property(p, rng, variant)
    return channel, operations, messages


def _property(p: int, rng: random.Random, variant: int) -> list[str]:
    kind = rng.choice(["string", "integer", "enum", "object", "array"])
    lines = [f"          prop{p}:"]
    if kind == "string":
        lines += ["            type: string", "            description: >-", "              A folded description", "              over two lines."]
    elif kind == "integer":
        lines += ["            type: integer  # a count", f"            minimum: {variant}"]
    elif kind == "enum":
        lines += ["            type: string", "            enum: [red, green, blue]"]
    elif kind == "object":
        lines += [
            "            type: object",
            "            properties:",
            "              lat: {type: number}",
            "              lng: {type: number}",
        ]
    else:
        lines += ["            type: array", "            items:", "              type: string"]
    return lines
