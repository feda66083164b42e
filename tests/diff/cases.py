"""One old/new pair per check: real YAML documents and the classification each must get.

Every pair is the same small chat API (``BASE``) with one edit. Schema checks swap the payload of
``Ask`` (the client sends it: operation ``ask`` is ``action: receive``) or ``Told`` (the server
sends it: operation ``tell`` is ``action: send``, and it is ``ask``'s reply).
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = """\
asyncapi: 3.0.0
info:
  title: Chat
  version: 1.0.0
  description: A chat over WebSocket.
servers:
  prod:
    host: '{region}.chat.example.com'
    protocol: wss
    pathname: /v1
    protocolVersion: '13'
    variables:
      region:
        enum: [eu, us]
        default: eu
    security:
      - $ref: '#/components/securitySchemes/token'
  staging:
    host: staging.chat.example.com
    protocol: ws
defaultContentType: application/json
channels:
  room:
    address: /ws/rooms/{roomId}/
    parameters:
      roomId:
        description: The room.
        enum: [lobby, games, news]
        default: lobby
    bindings:
      ws:
        method: GET
        query:
          type: object
          properties:
            token: {type: string}
    messages:
      ask:
        $ref: '#/components/messages/Ask'
      told:
        $ref: '#/components/messages/Told'
      ping:
        $ref: '#/components/messages/Ping'
      bye:
        $ref: '#/components/messages/Bye'
  lobby:
    address: /ws/lobby/
    servers:
      - $ref: '#/servers/prod'
      - $ref: '#/servers/staging'
    messages:
      hello:
        $ref: '#/components/messages/Hello'
operations:
  ask:
    action: receive
    channel:
      $ref: '#/channels/room'
    messages:
      - $ref: '#/channels/room/messages/ask'
    reply:
      messages:
        - $ref: '#/channels/room/messages/told'
  tell:
    action: send
    channel:
      $ref: '#/channels/room'
    messages:
      - $ref: '#/channels/room/messages/told'
  pinged:
    action: receive
    channel:
      $ref: '#/channels/room'
    security:
      - $ref: '#/components/securitySchemes/token'
    messages:
      - $ref: '#/channels/room/messages/ping'
  greet:
    action: send
    channel:
      $ref: '#/channels/lobby'
    messages:
      - $ref: '#/channels/lobby/messages/hello'
components:
  securitySchemes:
    token:
      type: httpApiKey
      in: query
      name: token
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          availableScopes:
            chat:read: read
            chat:write: write
  schemas:
    Shared:
      type: object
      properties:
        id: {type: string}
  messages:
    Ask:
      name: ask
      payload: ASK_PAYLOAD
    Told:
      name: told
      correlationId:
        location: $message.payload#/id
      payload: TOLD_PAYLOAD
    Ping:
      name: ping
      payload:
        type: object
        properties:
          type: {const: ping}
    Bye:
      name: bye
      deprecated: true
      payload:
        type: object
    Hello:
      name: hello
      payload:
        type: object
        properties:
          type: {const: hello}
"""

DEFAULT_ASK = "{type: object, required: [type, text], properties: {type: {const: ask}, text: {type: string}}}"
DEFAULT_TOLD = "{type: object, required: [type, text], properties: {type: {const: told}, text: {type: string}}}"


def document(ask: str = DEFAULT_ASK, told: str = DEFAULT_TOLD, **edits: str) -> str:
    """BASE with the two payloads set (flow YAML) and text replacements ``edits`` applied
    (keyword names are only labels; values are "OLD=>NEW" pairs)."""
    text = BASE.replace("ASK_PAYLOAD", ask).replace("TOLD_PAYLOAD", told)
    for edit in edits.values():
        before, after = edit.split("=>")
        assert before in text, f"edit does not apply: {before!r}"
        text = text.replace(before, after, 1)
    return text


@dataclass(frozen=True)
class Case:
    check: str
    level: str
    old: str
    new: str


def edit(check: str, level: str, **edits: str) -> Case:
    """A structural case: BASE against BASE with ``edits``."""
    return Case(check, level, document(), document(**edits))


def reverse(check: str, level: str, **edits: str) -> Case:
    """The same edit read backwards: the edited document is the old one."""
    return Case(check, level, document(**edits), document())


def asks(check: str, level: str, old: str, new: str) -> Case:
    """The client sends this payload (``Ask``): request rules."""
    return Case(check, level, document(ask=old), document(ask=new))


def tells(check: str, level: str, old: str, new: str) -> Case:
    """The server sends this payload (``Told``): response rules."""
    return Case(check, level, document(told=old), document(told=new))


OBJ = "{type: object, properties: {a: {type: string}}}"
OBJ_REQ = "{type: object, required: [a], properties: {a: {type: string}}}"
OBJ_B = "{type: object, properties: {a: {type: string}, b: {type: string}}}"
OBJ_B_REQ = "{type: object, required: [b], properties: {a: {type: string}, b: {type: string}}}"
OBJ_CLOSED = "{type: object, additionalProperties: false, properties: {a: {type: string}}}"
OBJ_B_CLOSED = "{type: object, additionalProperties: false, properties: {a: {type: string}, b: {type: string}}}"
OBJ_B_DEPRECATED = "{type: object, properties: {a: {type: string}, b: {type: string, deprecated: true}}}"


def prop(schema: str) -> str:
    """A payload whose property ``v`` has ``schema``."""
    return f"{{type: object, properties: {{v: {schema}}}}}"


VARIANTS = "{oneOf: [{title: Text, type: object, properties: {kind: {const: text}}}, {title: Image, type: object, properties: {kind: {const: image}}}]}"
VARIANT_TEXT = "{oneOf: [{title: Text, type: object, properties: {kind: {const: text}}}]}"

CASES: list[Case] = [
    # document
    edit("info-version-changed", "info", v="version: 1.0.0=>version: 1.1.0"),
    edit("asyncapi-version-changed", "warn", v="asyncapi: 3.0.0=>asyncapi: 3.1.0"),
    edit("default-content-type-changed", "error", v="defaultContentType: application/json=>defaultContentType: application/msgpack"),
    # servers
    edit("server-removed", "error", s="  staging:\n    host: staging.chat.example.com\n    protocol: ws\n=>"),
    reverse("server-added", "info", s="  staging:\n    host: staging.chat.example.com\n    protocol: ws\n=>"),
    edit("server-renamed", "info", s="  staging:\n=>  preview:\n", r="      - $ref: '#/servers/staging'=>      - $ref: '#/servers/preview'"),
    edit("server-host-changed", "error", h="host: staging.chat.example.com=>host: staging.chat.example.org"),
    edit("server-protocol-changed", "error", p="    protocol: ws\n=>    protocol: wss\n"),
    edit("server-pathname-changed", "error", p="pathname: /v1=>pathname: /v2"),
    edit("server-protocol-version-changed", "warn", p="protocolVersion: '13'=>protocolVersion: '8'"),
    edit("server-variable-removed", "error", h="host: '{region}.chat.example.com'=>host: 'eu.chat.example.com'", v="    variables:\n      region:\n        enum: [eu, us]\n        default: eu\n=>"),
    edit("server-variable-enum-value-removed", "error", v="enum: [eu, us]=>enum: [eu]"),
    edit("server-variable-default-changed", "warn", v="        default: eu=>        default: us"),
    edit("server-security-added", "error", s="    protocol: ws\n=>    protocol: ws\n    security:\n      - $ref: '#/components/securitySchemes/token'\n"),
    reverse("server-security-removed", "info", s="    protocol: ws\n=>    protocol: ws\n    security:\n      - $ref: '#/components/securitySchemes/token'\n"),
    # channels
    edit("channel-removed", "error", c="  lobby:\n    address: /ws/lobby/\n=>  hall:\n    address: /ws/hall/\n", o="$ref: '#/channels/lobby'\n=>$ref: '#/channels/hall'\n", m="$ref: '#/channels/lobby/messages/hello'=>$ref: '#/channels/hall/messages/hello'"),
    reverse("channel-added", "info", c="  lobby:\n    address: /ws/lobby/\n=>  hall:\n    address: /ws/hall/\n", o="$ref: '#/channels/lobby'\n=>$ref: '#/channels/hall'\n", m="$ref: '#/channels/lobby/messages/hello'=>$ref: '#/channels/hall/messages/hello'"),
    edit("channel-renamed", "info", c="  lobby:\n    address: /ws/lobby/\n=>  hall:\n    address: /ws/lobby/\n", o="$ref: '#/channels/lobby'\n=>$ref: '#/channels/hall'\n", m="$ref: '#/channels/lobby/messages/hello'=>$ref: '#/channels/hall/messages/hello'"),
    edit("channel-address-changed", "error", a="address: /ws/lobby/=>address: /ws/hall/"),
    edit("channel-parameter-removed", "error", a="address: /ws/rooms/{roomId}/=>address: /ws/rooms/", p="    parameters:\n      roomId:\n        description: The room.\n        enum: [lobby, games, news]\n        default: lobby\n=>"),
    reverse("channel-parameter-added", "warn", a="address: /ws/rooms/{roomId}/=>address: /ws/rooms/", p="    parameters:\n      roomId:\n        description: The room.\n        enum: [lobby, games, news]\n        default: lobby\n=>"),
    reverse("channel-parameter-enum-added", "error", e="        enum: [lobby, games, news]\n=>"),
    edit("channel-parameter-enum-value-removed", "error", e="enum: [lobby, games, news]=>enum: [lobby, games]"),
    reverse("channel-parameter-enum-value-added", "info", e="enum: [lobby, games, news]=>enum: [lobby, games]"),
    edit("channel-parameter-default-changed", "warn", d="        default: lobby=>        default: games"),
    edit("channel-server-removed", "error", s="      - $ref: '#/servers/staging'\n=>"),
    edit("channel-message-removed", "error", m="      ping:\n        $ref: '#/components/messages/Ping'\n=>", o="    messages:\n      - $ref: '#/channels/room/messages/ping'\n=>"),
    reverse("channel-message-added", "info", m="      ping:\n        $ref: '#/components/messages/Ping'\n=>", o="    messages:\n      - $ref: '#/channels/room/messages/ping'\n=>"),
    edit("deprecated-message-removed", "warn", m="      bye:\n        $ref: '#/components/messages/Bye'\n=>"),
    # bindings
    edit("ws-binding-method-changed", "error", m="        method: GET=>        method: POST"),
    edit("ws-binding-query-required-added", "error", q="        query:\n          type: object\n=>        query:\n          type: object\n          required: [token]\n"),
    edit("ws-binding-header-required-added", "error", q="        method: GET\n=>        method: GET\n        headers:\n          type: object\n          required: [Authorization]\n          properties:\n            Authorization: {type: string}\n"),
    edit("channel-binding-removed", "warn", b="    bindings:\n      ws:\n        method: GET\n        query:\n          type: object\n          properties:\n            token: {type: string}\n=>"),
    reverse("channel-binding-added", "info", b="    bindings:\n      ws:\n        method: GET\n        query:\n          type: object\n          properties:\n            token: {type: string}\n=>"),
    # operations
    edit("operation-removed", "error", o="  greet:\n    action: send\n    channel:\n      $ref: '#/channels/lobby'\n    messages:\n      - $ref: '#/channels/lobby/messages/hello'\n=>"),
    reverse("operation-added", "info", o="  greet:\n    action: send\n    channel:\n      $ref: '#/channels/lobby'\n    messages:\n      - $ref: '#/channels/lobby/messages/hello'\n=>"),
    edit("operation-renamed", "info", o="  greet:\n=>  welcome:\n"),
    edit("operation-action-changed", "error", o="  greet:\n    action: send\n=>  greet:\n    action: receive\n"),
    edit("operation-channel-changed", "error", o="  pinged:\n    action: receive\n    channel:\n      $ref: '#/channels/room'\n=>  pinged:\n    action: receive\n    channel:\n      $ref: '#/channels/lobby'\n", m="      - $ref: '#/channels/room/messages/ping'=>      - $ref: '#/channels/lobby/messages/hello'"),
    edit("operation-message-removed", "error", m="    messages:\n      - $ref: '#/channels/room/messages/ping'\n=>    messages:\n      - $ref: '#/channels/room/messages/ask'\n"),
    edit("operation-accepts-new-message", "info", m="      - $ref: '#/channels/room/messages/ping'\n=>      - $ref: '#/channels/room/messages/ping'\n      - $ref: '#/channels/room/messages/bye'\n"),
    edit("operation-sends-new-message", "warn", m="    messages:\n      - $ref: '#/channels/room/messages/told'\n  pinged:=>    messages:\n      - $ref: '#/channels/room/messages/told'\n      - $ref: '#/channels/room/messages/bye'\n  pinged:"),
    reverse("operation-reply-added", "info", r="    reply:\n      messages:\n        - $ref: '#/channels/room/messages/told'\n=>"),
    edit("operation-reply-removed", "error", r="    reply:\n      messages:\n        - $ref: '#/channels/room/messages/told'\n=>"),
    edit("operation-reply-message-removed", "error", r="        - $ref: '#/channels/room/messages/told'\n=>        - $ref: '#/channels/room/messages/bye'\n"),
    edit("operation-reply-message-added", "warn", r="        - $ref: '#/channels/room/messages/told'\n=>        - $ref: '#/channels/room/messages/told'\n        - $ref: '#/channels/room/messages/bye'\n"),
    edit("operation-reply-channel-changed", "error", r="    reply:\n      messages:\n        - $ref: '#/channels/room/messages/told'\n=>    reply:\n      channel:\n        $ref: '#/channels/lobby'\n      messages:\n        - $ref: '#/channels/lobby/messages/hello'\n"),
    edit("operation-reply-address-changed", "error", r="    reply:\n      messages:\n=>    reply:\n      address:\n        location: $message.header#/replyTo\n      messages:\n"),
    edit("operation-security-added", "error", s="  greet:\n    action: send\n=>  greet:\n    action: send\n    security:\n      - $ref: '#/components/securitySchemes/token'\n"),
    edit("operation-security-removed", "info", s="    security:\n      - $ref: '#/components/securitySchemes/token'\n    messages:\n=>    messages:\n"),
    # messages
    edit("message-content-type-changed", "error", c="      name: ping\n=>      name: ping\n      contentType: text/plain\n"),
    edit("message-discriminator-changed", "error", d="type: {const: ping}=>type: {const: pong}"),
    edit("message-name-changed", "warn", n="      name: ping\n=>      name: ping.v2\n"),
    edit("message-correlation-id-changed", "warn", c="location: $message.payload#/id=>location: $message.header#/id"),
    edit("message-deprecated", "info", d="      name: ping\n=>      name: ping\n      deprecated: true\n"),
    edit("message-schema-format-changed", "warn", f="      name: hello\n      payload:\n        type: object\n        properties:\n          type: {const: hello}\n=>      name: hello\n      payload:\n        schemaFormat: application/schema+json;version=draft-07\n        schema:\n          type: object\n          properties:\n            type: {const: hello}\n"),
    # security
    edit("security-scheme-removed", "error", s="    oauth:\n      type: oauth2\n=>    oauth2:\n      type: oauth2\n      description: changed\n"),
    reverse("security-scheme-added", "info", s="    oauth:\n      type: oauth2\n=>    oauth2:\n      type: oauth2\n      description: changed\n"),
    edit("security-scheme-type-changed", "error", t="      type: httpApiKey\n      in: query\n=>      type: apiKey\n      in: user\n"),
    edit("security-scheme-location-changed", "error", t="      in: query\n=>      in: header\n"),
    edit("security-scheme-parameter-renamed", "error", t="      name: token\n=>      name: access_token\n"),
    Case(
        "security-scope-added",
        "error",
        document(g="  greet:\n    action: send\n=>  greet:\n    action: send\n    security:\n      - type: oauth2\n        flows: {}\n        scopes: ['chat:read']\n"),
        document(g="  greet:\n    action: send\n=>  greet:\n    action: send\n    security:\n      - type: oauth2\n        flows: {}\n        scopes: ['chat:read', 'chat:write']\n"),
    ),
    # components
    edit("component-renamed", "info", c="    Shared:\n=>    Common:\n"),
    edit("component-removed", "warn", c="    Shared:\n      type: object\n      properties:\n        id: {type: string}\n=>"),
    # schemas: the client sends (request rules)
    asks("request-required-property-added", "error", OBJ, OBJ_B_REQ),
    asks("request-optional-property-added", "info", OBJ, OBJ_B),
    asks("request-property-became-required", "error", OBJ, OBJ_REQ),
    asks("request-property-became-optional", "info", OBJ_REQ, OBJ),
    asks("request-property-removed", "warn", OBJ_B, OBJ),
    asks("request-property-removed-closed", "error", OBJ_B_CLOSED, OBJ_CLOSED),
    asks("request-type-narrowed", "error", prop("{type: [string, 'null']}"), prop("{type: string}")),
    asks("request-type-widened", "info", prop("{type: integer}"), prop("{type: number}")),
    asks("request-type-changed", "error", prop("{type: string}"), prop("{type: integer}")),
    asks("request-enum-value-removed", "error", prop("{enum: [a, b]}"), prop("{enum: [a]}")),
    asks("request-enum-value-added", "info", prop("{enum: [a]}"), prop("{enum: [a, b]}")),
    asks("request-enum-added", "error", prop("{type: string}"), prop("{type: string, enum: [a, b]}")),
    asks("request-enum-removed", "info", prop("{type: string, enum: [a, b]}"), prop("{type: string}")),
    asks("request-const-changed", "error", "{type: object, properties: {meta: {type: object, properties: {v: {const: 1}}}}}", "{type: object, properties: {meta: {type: object, properties: {v: {const: 2}}}}}"),
    asks("request-max-length-decreased", "error", prop("{type: string, maxLength: 200}"), prop("{type: string, maxLength: 100}")),
    asks("request-max-length-increased", "info", prop("{type: string, maxLength: 100}"), prop("{type: string}")),
    asks("request-min-length-increased", "error", prop("{type: string}"), prop("{type: string, minLength: 3}")),
    asks("request-min-length-decreased", "info", prop("{type: string, minLength: 3}"), prop("{type: string, minLength: 1}")),
    asks("request-pattern-added", "error", prop("{type: string}"), prop("{type: string, pattern: '^[a-z]+$'}")),
    asks("request-pattern-changed", "warn", prop("{type: string, pattern: '^[a-z]+$'}"), prop("{type: string, pattern: '^[a-z0-9]+$'}")),
    asks("request-pattern-removed", "info", prop("{type: string, pattern: '^[a-z]+$'}"), prop("{type: string}")),
    asks("request-format-added", "error", prop("{type: string}"), prop("{type: string, format: uuid}")),
    asks("request-format-changed", "warn", prop("{type: string, format: date}"), prop("{type: string, format: date-time}")),
    asks("request-minimum-increased", "error", prop("{type: integer, minimum: 0}"), prop("{type: integer, exclusiveMinimum: 0}")),
    asks("request-minimum-decreased", "info", prop("{type: integer, minimum: 1}"), prop("{type: integer, minimum: 0}")),
    asks("request-maximum-decreased", "error", prop("{type: integer}"), prop("{type: integer, maximum: 10}")),
    asks("request-maximum-increased", "info", prop("{type: integer, maximum: 10}"), prop("{type: integer, maximum: 20}")),
    asks("request-multiple-of-changed", "error", prop("{type: number}"), prop("{type: number, multipleOf: 0.5}")),
    asks("request-max-items-decreased", "error", prop("{type: array, maxItems: 10}"), prop("{type: array, maxItems: 5}")),
    asks("request-min-items-increased", "error", prop("{type: array}"), prop("{type: array, minItems: 1}")),
    asks("request-unique-items-added", "error", prop("{type: array}"), prop("{type: array, uniqueItems: true}")),
    asks("request-max-properties-decreased", "error", prop("{type: object}"), prop("{type: object, maxProperties: 3}")),
    asks("request-additional-properties-closed", "error", OBJ, OBJ_CLOSED),
    asks("request-variant-removed", "error", VARIANTS, VARIANT_TEXT),
    asks("request-variant-added", "info", VARIANT_TEXT, VARIANTS),
    asks("request-default-changed", "warn", prop("{type: integer, default: 10}"), prop("{type: integer, default: 20}")),
    # schemas: the server sends (response rules)
    tells("response-property-removed", "error", OBJ_B, OBJ),
    tells("response-property-added", "info", OBJ, OBJ_B),
    tells("response-property-became-optional", "error", OBJ_REQ, OBJ),
    tells("response-property-became-required", "info", OBJ, OBJ_REQ),
    tells("response-type-widened", "error", prop("{type: string}"), prop("{type: [string, 'null']}")),
    tells("response-type-narrowed", "info", prop("{type: number}"), prop("{type: integer}")),
    tells("response-type-changed", "error", prop("{type: string}"), prop("{type: boolean}")),
    tells("response-enum-value-added", "error", prop("{enum: [a]}"), prop("{enum: [a, b]}")),
    tells("response-enum-value-removed", "info", prop("{enum: [a, b]}"), prop("{enum: [a]}")),
    tells("response-enum-removed", "error", prop("{type: string, enum: [a, b]}"), prop("{type: string}")),
    tells("response-enum-added", "info", prop("{type: string}"), prop("{type: string, enum: [a, b]}")),
    tells("response-const-changed", "error", "{type: object, properties: {meta: {type: object, properties: {v: {const: 1}}}}}", "{type: object, properties: {meta: {type: object, properties: {v: {const: 2}}}}}"),
    tells("response-max-length-increased", "warn", prop("{type: string, maxLength: 10}"), prop("{type: string, maxLength: 20}")),
    tells("response-min-length-decreased", "warn", prop("{type: string, minLength: 1}"), prop("{type: string}")),
    tells("response-pattern-changed", "warn", prop("{type: string, pattern: '^[a-z]+$'}"), prop("{type: string, pattern: '^.+$'}")),
    tells("response-format-changed", "warn", prop("{type: string, format: date}"), prop("{type: string, format: date-time}")),
    tells("response-minimum-decreased", "warn", prop("{type: integer, minimum: 1}"), prop("{type: integer, minimum: 0}")),
    tells("response-maximum-increased", "warn", prop("{type: integer, maximum: 10}"), prop("{type: integer, exclusiveMaximum: 100}")),
    tells("response-max-items-increased", "warn", prop("{type: array, maxItems: 5}"), prop("{type: array}")),
    tells("response-min-items-decreased", "warn", prop("{type: array, minItems: 1}"), prop("{type: array}")),
    tells("response-unique-items-removed", "warn", prop("{type: array, uniqueItems: true}"), prop("{type: array}")),
    tells("response-additional-properties-opened", "warn", OBJ_CLOSED, OBJ),
    tells("response-variant-added", "error", VARIANT_TEXT, VARIANTS),
    tells("response-variant-removed", "info", VARIANTS, VARIANT_TEXT),
    # schemas: either direction
    tells("deprecated-property-removed", "warn", OBJ_B_DEPRECATED, OBJ),
    asks("schema-deprecated", "info", OBJ_B, OBJ_B_DEPRECATED),
    tells("schema-discriminator-changed", "error", "{type: object, discriminator: kind, properties: {kind: {type: string}}}", "{type: object, discriminator: type, properties: {kind: {type: string}, type: {type: string}}}"),
]
