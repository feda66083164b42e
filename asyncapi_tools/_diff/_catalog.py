"""Every check ``diff`` knows, declared once: stable id, level, area, what it finds, who breaks.

The comparison modules report changes by id only, so a check's level and explanation live here
and nowhere else; the checks reference page (docs/diff-checks.md) is generated from this table
by ``scripts/diff_checks_page.py``. Ids are stable: ignore files and CI configurations name them.

Direction (see docs/diff.md): a message the client sends (``receive`` operations, replies to
``send`` operations) is checked with the ``request-*`` rules, the server must keep accepting what
old clients send; a message the server sends (``send`` operations, replies to ``receive``
operations) with the ``response-*`` rules, old clients must understand what the server sends.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._model import Level


@dataclass(frozen=True)
class Check:
    """One rule: what it finds (``summary``) and the one line that says who breaks (``why``)."""

    id: str
    level: Level
    area: str
    summary: str
    why: str


AREAS = (
    "document",
    "servers",
    "channels",
    "bindings",
    "operations",
    "messages",
    "security",
    "components",
    "schemas: client sends (request)",
    "schemas: server sends (response)",
    "schemas: either direction",
)

_DOC, _SRV, _CHN, _BND, _OPS, _MSG, _SEC, _CMP, _REQ, _RES, _ANY = AREAS

_ALL = (
    # -- document -------------------------------------------------------------------------------
    Check("info-version-changed", "info", _DOC, "`info.version` changed", "Nobody: the version is a label."),
    Check("asyncapi-version-changed", "warn", _DOC, "the `asyncapi` spec version changed", "Tools pinned to the old spec version may refuse the document."),
    Check("default-content-type-changed", "error", _DOC, "`defaultContentType` changed", "Messages without their own contentType are now encoded differently: old clients decode them wrongly."),
    # -- servers ---------------------------------------------------------------------------------
    Check("server-removed", "error", _SRV, "a server was removed", "Clients configured to connect to it can no longer connect."),
    Check("server-added", "info", _SRV, "a server was added", "Nobody: existing clients keep their server."),
    Check("server-renamed", "info", _SRV, "a server's key changed, its content did not", "Nobody on the wire; generated clients that name servers by key need regenerating."),
    Check("server-host-changed", "error", _SRV, "a server's `host` changed", "Clients connect to the old host."),
    Check("server-protocol-changed", "error", _SRV, "a server's `protocol` changed", "Clients speak the old protocol (for example ws where wss is now required)."),
    Check("server-pathname-changed", "error", _SRV, "a server's `pathname` changed", "Clients build URLs on the old path prefix."),
    Check("server-protocol-version-changed", "warn", _SRV, "a server's `protocolVersion` changed", "Clients built for the old protocol version may not interoperate."),
    Check("server-variable-removed", "error", _SRV, "a server variable was removed", "Clients that fill in the variable build a URL the server no longer describes."),
    Check("server-variable-enum-value-removed", "error", _SRV, "a server variable no longer allows a value", "Clients configured with that value reach no server."),
    Check("server-variable-default-changed", "warn", _SRV, "a server variable's default changed", "Clients relying on the default connect somewhere else."),
    Check("server-security-added", "error", _SRV, "a server now requires a security scheme", "Clients that do not send the credentials are refused at the handshake."),
    Check("server-security-removed", "info", _SRV, "a server requirement for a security scheme was removed", "Nobody: clients may keep sending credentials."),
    # -- channels --------------------------------------------------------------------------------
    Check("channel-removed", "error", _CHN, "a channel was removed", "Clients that connect to its address are refused."),
    Check("channel-added", "info", _CHN, "a channel was added", "Nobody: it is new."),
    Check("channel-renamed", "info", _CHN, "a channel id changed, its address did not", "Nobody on the wire; generated code that names the channel changes."),
    Check("channel-address-changed", "error", _CHN, "a channel's `address` changed", "Clients connect to the old address."),
    Check("channel-parameter-removed", "error", _CHN, "an address parameter was removed", "Clients that fill in the parameter build an address the server no longer serves."),
    Check("channel-parameter-added", "warn", _CHN, "an address parameter was added", "Clients do not know the value to fill in."),
    Check("channel-parameter-enum-added", "error", _CHN, "an address parameter now only allows listed values", "Clients that use another value are refused."),
    Check("channel-parameter-enum-value-removed", "error", _CHN, "an address parameter no longer allows a value", "Clients that use that value are refused."),
    Check("channel-parameter-enum-value-added", "info", _CHN, "an address parameter allows a new value", "Nobody: old values still work."),
    Check("channel-parameter-default-changed", "warn", _CHN, "an address parameter's default changed", "Clients relying on the default now address something else."),
    Check("channel-server-removed", "error", _CHN, "a channel is no longer available on a server", "Clients that use the channel on that server are refused."),
    Check("channel-message-removed", "error", _CHN, "a message was removed from a channel", "Clients that send it are refused, clients that wait for it wait forever."),
    Check("channel-message-added", "info", _CHN, "a message was added to a channel", "Nobody by itself; see the operation checks for who sends it."),
    Check("deprecated-message-removed", "warn", _CHN, "a deprecated message was removed from a channel", "Clients that ignored the deprecation break, as announced."),
    # -- bindings --------------------------------------------------------------------------------
    Check("ws-binding-method-changed", "error", _BND, "the WebSocket handshake `method` changed", "Clients open the connection with the old HTTP method."),
    Check("ws-binding-query-required-added", "error", _BND, "the WebSocket handshake now requires a query parameter", "Clients that connect without it are refused at the handshake."),
    Check("ws-binding-header-required-added", "error", _BND, "the WebSocket handshake now requires a header", "Clients that connect without it are refused at the handshake."),
    Check("channel-binding-removed", "warn", _BND, "a channel's bindings for a protocol were removed", "Clients configured from them lose settings they relied on."),
    Check("channel-binding-added", "info", _BND, "a channel got bindings for a protocol", "Nobody by itself; the required-query/header checks catch new requirements."),
    # -- operations ------------------------------------------------------------------------------
    Check("operation-removed", "error", _OPS, "an operation was removed", "Clients that send or wait for its messages break."),
    Check("operation-added", "info", _OPS, "an operation was added", "Nobody: it is new."),
    Check("operation-renamed", "info", _OPS, "an operation id changed, what it does did not", "Nobody on the wire; generated code that names the operation changes."),
    Check("operation-action-changed", "error", _OPS, "an operation's `action` flipped (send/receive)", "The message now flows the other way: both sides disagree on who sends it."),
    Check("operation-channel-changed", "error", _OPS, "an operation moved to another channel", "Clients send or listen on the old channel."),
    Check("operation-message-removed", "error", _OPS, "a message was removed from an operation", "Clients that send it (receive) or handle it (send) break."),
    Check("operation-accepts-new-message", "info", _OPS, "a receive operation accepts another message", "Nobody: clients may start sending it."),
    Check("operation-sends-new-message", "warn", _OPS, "a send operation sends another message", "Clients receive frames they do not know; strict ones fail."),
    Check("operation-reply-added", "info", _OPS, "an operation got a reply", "Nobody: clients that do not wait for it ignore it."),
    Check("operation-reply-removed", "error", _OPS, "an operation's reply was removed", "Clients wait for a reply that never comes."),
    Check("operation-reply-message-removed", "error", _OPS, "a reply no longer carries a message", "Clients wait for a reply message that never comes."),
    Check("operation-reply-message-added", "warn", _OPS, "a reply carries another message", "Clients may receive a reply they do not know."),
    Check("operation-reply-channel-changed", "error", _OPS, "a reply moved to another channel", "Clients listen for the reply on the old channel."),
    Check("operation-reply-address-changed", "error", _OPS, "a reply's `address` changed", "Clients listen for the reply at the old address."),
    Check("operation-security-added", "error", _OPS, "an operation now requires a security scheme", "Clients that do not send the credentials are refused."),
    Check("operation-security-removed", "info", _OPS, "an operation's security requirement was removed", "Nobody: clients may keep sending credentials."),
    # -- messages --------------------------------------------------------------------------------
    Check("message-content-type-changed", "error", _MSG, "a message's content type changed", "Both sides must switch encoding together: old peers decode it wrongly."),
    Check("message-discriminator-changed", "error", _MSG, "the constant that names a message on the wire changed (`const` or one-value `enum` of a top-level payload property)", "Old peers route the frame to no handler, or the wrong one."),
    Check("message-name-changed", "warn", _MSG, "a message's `name` changed", "Code generated from the spec renames the message type; peers that dispatch on it break."),
    Check("message-correlation-id-changed", "warn", _MSG, "a message's `correlationId` location changed", "Clients match replies to requests by the old location."),
    Check("message-deprecated", "info", _MSG, "a message was marked deprecated", "Nobody yet: clients are told to move away before it is removed."),
    Check("message-schema-format-changed", "warn", _MSG, "a payload's `schemaFormat` changed", "Tools read the payload schema in another language; generated types change."),
    # -- security --------------------------------------------------------------------------------
    Check("security-scheme-removed", "error", _SEC, "a security scheme was removed", "Clients configured for it no longer authenticate."),
    Check("security-scheme-added", "info", _SEC, "a security scheme was added", "Nobody until something requires it (see the *-security-added checks)."),
    Check("security-scheme-type-changed", "error", _SEC, "a security scheme's `type` changed", "Clients send the old kind of credentials."),
    Check("security-scheme-location-changed", "error", _SEC, "a security scheme's `in` changed (query, header, cookie)", "Clients put the credentials where the server no longer looks."),
    Check("security-scheme-parameter-renamed", "error", _SEC, "a security scheme's `name` (the query/header/cookie name) changed", "Clients send the credentials under the old name."),
    Check("security-scope-added", "error", _SEC, "a security requirement needs another scope", "Tokens issued for the old scopes are refused."),
    # -- components ------------------------------------------------------------------------------
    Check("component-renamed", "info", _CMP, "a component's key changed, its content did not", "Nobody on the wire; other files that `$ref` the old key break."),
    Check("component-removed", "warn", _CMP, "a component nothing in this document uses was removed", "Other documents that `$ref` it break."),
    # -- schemas: client sends -------------------------------------------------------------------
    Check("request-required-property-added", "error", _REQ, "a new required property in what clients send", "Old clients do not send it: the server rejects their frames."),
    Check("request-optional-property-added", "info", _REQ, "a new optional property in what clients send", "Nobody: old clients may leave it out."),
    Check("request-property-became-required", "error", _REQ, "an optional property of what clients send became required", "Old clients that leave it out are rejected."),
    Check("request-property-became-optional", "info", _REQ, "a required property of what clients send became optional", "Nobody: old clients still send it."),
    Check("request-property-removed", "warn", _REQ, "a property of what clients send was removed (extra properties still allowed)", "Old clients keep sending it and the server silently ignores it."),
    Check("request-property-removed-closed", "error", _REQ, "a property of what clients send was removed and extra properties are not allowed", "Old clients that send it are rejected."),
    Check("request-type-narrowed", "error", _REQ, "a type of what clients send allows fewer kinds", "Old clients that send the dropped kind are rejected."),
    Check("request-type-widened", "info", _REQ, "a type of what clients send allows more kinds", "Nobody: old values still pass."),
    Check("request-type-changed", "error", _REQ, "a type of what clients send changed", "Old clients send values of the old type."),
    Check("request-enum-value-removed", "error", _REQ, "an enum of what clients send lost a value", "Old clients that send it are rejected."),
    Check("request-enum-value-added", "info", _REQ, "an enum of what clients send gained a value", "Nobody: old values still pass."),
    Check("request-enum-added", "error", _REQ, "a value clients send is now limited to an enum", "Old clients that send another value are rejected."),
    Check("request-enum-removed", "info", _REQ, "a value clients send is no longer limited to an enum", "Nobody: old values still pass."),
    Check("request-const-changed", "error", _REQ, "a constant in what clients send changed", "Old clients send the old constant and are rejected."),
    Check("request-max-length-decreased", "error", _REQ, "`maxLength` of what clients send was lowered or set", "Old clients that send longer strings are rejected."),
    Check("request-max-length-increased", "info", _REQ, "`maxLength` of what clients send was raised or dropped", "Nobody: old values still pass."),
    Check("request-min-length-increased", "error", _REQ, "`minLength` of what clients send was raised or set", "Old clients that send shorter strings are rejected."),
    Check("request-min-length-decreased", "info", _REQ, "`minLength` of what clients send was lowered or dropped", "Nobody: old values still pass."),
    Check("request-pattern-added", "error", _REQ, "a `pattern` now constrains what clients send", "Old clients whose values do not match are rejected."),
    Check("request-pattern-changed", "warn", _REQ, "the `pattern` of what clients send changed", "Old clients whose values match only the old pattern are rejected."),
    Check("request-pattern-removed", "info", _REQ, "the `pattern` of what clients send was dropped", "Nobody: old values still pass."),
    Check("request-format-added", "error", _REQ, "a `format` now constrains what clients send", "Old clients whose values do not have the format are rejected by validating servers."),
    Check("request-format-changed", "warn", _REQ, "the `format` of what clients send changed", "Old clients send values in the old format."),
    Check("request-minimum-increased", "error", _REQ, "the lower bound of a number clients send was raised or set", "Old clients that send smaller numbers are rejected."),
    Check("request-minimum-decreased", "info", _REQ, "the lower bound of a number clients send was lowered or dropped", "Nobody: old values still pass."),
    Check("request-maximum-decreased", "error", _REQ, "the upper bound of a number clients send was lowered or set", "Old clients that send larger numbers are rejected."),
    Check("request-maximum-increased", "info", _REQ, "the upper bound of a number clients send was raised or dropped", "Nobody: old values still pass."),
    Check("request-multiple-of-changed", "error", _REQ, "`multipleOf` of a number clients send was set or changed", "Old clients whose numbers are not multiples are rejected."),
    Check("request-max-items-decreased", "error", _REQ, "`maxItems` of a list clients send was lowered or set", "Old clients that send longer lists are rejected."),
    Check("request-min-items-increased", "error", _REQ, "`minItems` of a list clients send was raised or set", "Old clients that send shorter lists are rejected."),
    Check("request-unique-items-added", "error", _REQ, "a list clients send must now hold unique items", "Old clients that send repeats are rejected."),
    Check("request-max-properties-decreased", "error", _REQ, "`maxProperties` of an object clients send was lowered or set", "Old clients that send more properties are rejected."),
    Check("request-additional-properties-closed", "error", _REQ, "an object clients send no longer allows extra properties", "Old clients that send extra fields are rejected."),
    Check("request-variant-removed", "error", _REQ, "a `oneOf`/`anyOf` variant of what clients send was removed", "Old clients that send that variant are rejected."),
    Check("request-variant-added", "info", _REQ, "a `oneOf`/`anyOf` variant of what clients send was added", "Nobody: old variants still pass."),
    Check("request-default-changed", "warn", _REQ, "the `default` of a value clients send changed", "Old clients that leave it out get different behaviour."),
    # -- schemas: server sends -------------------------------------------------------------------
    Check("response-property-removed", "error", _RES, "a property of what the server sends was removed", "Old clients that read it get nothing."),
    Check("response-property-added", "info", _RES, "a property was added to what the server sends", "Nobody: clients ignore fields they do not know."),
    Check("response-property-became-optional", "error", _RES, "a required property of what the server sends became optional", "Old clients that rely on it fail when it is missing."),
    Check("response-property-became-required", "info", _RES, "an optional property of what the server sends became required", "Nobody: it is now always there."),
    Check("response-type-widened", "error", _RES, "a type of what the server sends allows more kinds (including null)", "Old clients get values of a kind they do not handle."),
    Check("response-type-narrowed", "info", _RES, "a type of what the server sends allows fewer kinds", "Nobody: old clients handle every kind still sent."),
    Check("response-type-changed", "error", _RES, "a type of what the server sends changed", "Old clients parse the old type."),
    Check("response-enum-value-added", "error", _RES, "an enum of what the server sends gained a value", "Old clients get a value they have no case for."),
    Check("response-enum-value-removed", "info", _RES, "an enum of what the server sends lost a value", "Nobody: old clients handle every value still sent."),
    Check("response-enum-removed", "error", _RES, "a value the server sends is no longer limited to an enum", "Old clients get values they have no case for."),
    Check("response-enum-added", "info", _RES, "a value the server sends is now limited to an enum", "Nobody: it narrows what clients get."),
    Check("response-const-changed", "error", _RES, "a constant in what the server sends changed", "Old clients expect the old constant."),
    Check("response-max-length-increased", "warn", _RES, "`maxLength` of what the server sends was raised or dropped", "Old clients that size buffers or columns by it may truncate."),
    Check("response-min-length-decreased", "warn", _RES, "`minLength` of what the server sends was lowered or dropped", "Old clients that assume non-empty values may fail."),
    Check("response-pattern-changed", "warn", _RES, "the `pattern` of what the server sends changed or was dropped", "Old clients that parse values by the old pattern may fail."),
    Check("response-format-changed", "warn", _RES, "the `format` of what the server sends changed or was dropped", "Old clients parse values in the old format (dates, uuids)."),
    Check("response-minimum-decreased", "warn", _RES, "the lower bound of a number the server sends was lowered or dropped", "Old clients may get numbers they assumed impossible."),
    Check("response-maximum-increased", "warn", _RES, "the upper bound of a number the server sends was raised or dropped", "Old clients may overflow or mis-size values."),
    Check("response-max-items-increased", "warn", _RES, "`maxItems` of a list the server sends was raised or dropped", "Old clients that size lists by it may truncate."),
    Check("response-min-items-decreased", "warn", _RES, "`minItems` of a list the server sends was lowered or dropped", "Old clients that assume a first item may fail."),
    Check("response-unique-items-removed", "warn", _RES, "a list the server sends may now repeat items", "Old clients that treat it as a set may miscount."),
    Check("response-additional-properties-opened", "warn", _RES, "an object the server sends now allows extra properties", "Old clients that validate strictly reject the extra fields."),
    Check("response-variant-added", "error", _RES, "a `oneOf`/`anyOf` variant was added to what the server sends", "Old clients get a shape they have no case for."),
    Check("response-variant-removed", "info", _RES, "a `oneOf`/`anyOf` variant was removed from what the server sends", "Nobody: old clients handle every shape still sent."),
    # -- schemas: either direction ---------------------------------------------------------------
    Check("deprecated-property-removed", "warn", _ANY, "a property marked deprecated was removed", "Peers that ignored the deprecation break, as announced."),
    Check("schema-deprecated", "info", _ANY, "a schema or property was marked deprecated", "Nobody yet: peers are told to move away before it is removed."),
    Check("schema-discriminator-changed", "error", _ANY, "the `discriminator` property of a schema changed", "Peers pick the variant by the old property."),
)

CHECKS: dict[str, Check] = {check.id: check for check in _ALL}
assert len(CHECKS) == len(_ALL), "check ids must be unique"
