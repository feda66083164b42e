"""The core's frame checks on a hand-written spec: frames told apart by their payload schemas
(flat, enveloped, no discriminator), failures located in the frame and in the file."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncapi_tools
from asyncapi_tools import Contract, FrameChecker, frame_strategy

SPEC = """\
asyncapi: 3.0.0
info: {title: Frames, version: 1.0.0}
channels:
  Chat:
    address: /ws/chat/{room}/
    parameters:
      room: {examples: [lobby]}
    messages:
      Say: {$ref: '#/components/messages/Say'}
      Said: {$ref: '#/components/messages/Said'}
  Feed:
    address: /ws/feed/
    messages:
      Subscribe: {$ref: '#/components/messages/Subscribe'}
      Subscribed: {$ref: '#/components/messages/Subscribed'}
  Presence:
    address: /ws/presence/
    messages:
      Status: {$ref: '#/components/messages/Status'}
operations:
  Say:
    action: receive
    channel: {$ref: '#/channels/Chat'}
    messages: [{$ref: '#/channels/Chat/messages/Say'}]
    reply:
      channel: {$ref: '#/channels/Chat'}
      messages: [{$ref: '#/channels/Chat/messages/Said'}]
  Subscribe:
    action: receive
    channel: {$ref: '#/channels/Feed'}
    messages: [{$ref: '#/channels/Feed/messages/Subscribe'}]
    reply:
      channel: {$ref: '#/channels/Feed'}
      messages: [{$ref: '#/channels/Feed/messages/Subscribed'}]
  Status:
    action: receive
    channel: {$ref: '#/channels/Presence'}
    messages: [{$ref: '#/channels/Presence/messages/Status'}]
components:
  schemas:
    Topics:
      type: object
      properties:
        topics: {type: array, items: {type: string, pattern: '^[a-z]+$'}, minItems: 1}
      required: [topics]
  messages:
    Say:
      payload:
        type: object
        properties:
          kind: {const: say}
          text: {type: string, minLength: 1, maxLength: 20}
        required: [kind, text]
      examples:
        - payload: {kind: say, text: hello}
    Said:
      payload:
        type: object
        properties:
          kind: {const: said}
          text: {type: string}
          at: {type: string, format: date-time}
        required: [kind, text, at]
    Subscribe:
      payload:
        type: object
        properties:
          op: {type: string, enum: [subscribe]}
          data: {$ref: '#/components/schemas/Topics'}
        required: [op, data]
    Subscribed:
      payload:
        type: object
        properties:
          op: {const: subscribed}
          data: {$ref: '#/components/schemas/Topics'}
        required: [op]
    Status:
      payload:
        type: object
        properties:
          status: {enum: [online, away]}
          since: {type: integer, minimum: 0}
        required: [status]
        additionalProperties: false
"""


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract.from_document(asyncapi_tools.loads(SPEC, source="frames.yaml"))


@pytest.fixture(scope="module")
def checker(contract: Contract) -> FrameChecker:
    return FrameChecker(contract)


def test_the_model_reads_sides_replies_and_addresses(contract: Contract) -> None:
    chat = contract.channels["Chat"]
    assert [m.key for m in chat.messages("client")] == ["Say"]
    assert [m.key for m in chat.messages("server")] == ["Said"]
    assert chat.match_path("/ws/chat/lobby/?token=x") == {"room": "lobby"}
    assert chat.match_path("ws/chat/lobby") == {"room": "lobby"}
    assert chat.match_path("/ws/chat/lobby/extra/") is None
    assert contract.channel_for_path("/ws/feed/") is contract.channels["Feed"]
    assert chat.fill({"room": "a b"}) == "/ws/chat/a b/"


def test_a_valid_frame_names_its_message_and_operation(contract: Contract, checker: FrameChecker) -> None:
    verdict = checker.check(contract.channels["Chat"], "client", {"kind": "say", "text": "hi"})
    assert verdict.ok and verdict.message and verdict.message.key == "Say"
    assert verdict.operation and verdict.operation.id == "Say"
    said = checker.check(contract.channels["Chat"], "server", {"kind": "said", "text": "hi", "at": "2024-01-01T00:00:00Z"})
    assert said.ok and said.operation and said.operation.id == "Say"  # a reply belongs to its client operation


def test_an_invalid_field_is_located_in_the_frame_and_in_the_file(contract: Contract, checker: FrameChecker) -> None:
    verdict = checker.check(contract.channels["Chat"], "client", {"kind": "say", "text": ""})
    assert not verdict.ok and verdict.undocumented is None
    (problem,) = verdict.problems
    assert (problem.field, problem.frame_pointer) == ("text", "/text")
    assert problem.spec_pointer == "/components/messages/Say/payload/properties/text/minLength"
    report = verdict.report(contract)
    line = SPEC.splitlines().index("          text: {type: string, minLength: 1, maxLength: 20}") + 1
    assert f"spec:    #/components/messages/Say/payload/properties/text/minLength (frames.yaml:{line}:" in report
    assert "operation: Say  #/operations/Say (frames.yaml:" in report
    assert 'frame:     {"kind": "say", "text": ""}' in report


def test_a_reference_into_components_is_located_there(contract: Contract, checker: FrameChecker) -> None:
    verdict = checker.check(contract.channels["Feed"], "client", {"op": "subscribe", "data": {"topics": ["Bad!"]}})
    (problem,) = verdict.problems
    assert problem.frame_pointer == "/data/topics/0"
    assert problem.spec_pointer == "/components/schemas/Topics/properties/topics/items/pattern"


def test_a_missing_and_an_unexpected_property_point_at_the_field(contract: Contract, checker: FrameChecker) -> None:
    presence = contract.channels["Presence"]
    missing = checker.check(presence, "client", {"since": 3})
    assert [(p.field, p.frame_pointer) for p in missing.problems] == [("status", "/status")]
    extra = checker.check(presence, "client", {"status": "away", "mood": "good"})
    assert [(p.field, p.spec_pointer) for p in extra.problems] == [("mood", "/components/messages/Status/payload/additionalProperties")]


def test_an_unknown_kind_is_undocumented_with_the_documented_values(contract: Contract, checker: FrameChecker) -> None:
    verdict = checker.check(contract.channels["Chat"], "server", {"kind": "shout", "text": "HI"})
    assert verdict.message is None
    assert verdict.undocumented == 'it carries kind="shout"; documented: "said"'
    assert "documented server messages: Said" in verdict.report(contract)
    # a one-value enum is a discriminator too
    assert 'it carries op="unsubscribe"' in str(checker.check(contract.channels["Feed"], "client", {"op": "unsubscribe"}).undocumented)


def test_frames_that_are_not_json_or_not_documented_at_all(contract: Contract, checker: FrameChecker) -> None:
    assert "not JSON" in str(checker.check_text(contract.channels["Chat"], "client", "{oops").undocumented)
    nothing = checker.check(contract.channels["Presence"], "server", {"status": "away"})
    assert nothing.undocumented == "channel Presence documents no server messages"
    assert checker.check(contract.channels["Chat"], "client", ["say"]).undocumented == (
        "the frame is a JSON list, every documented message is an object"
    )


def message_cases() -> list[tuple[str, str]]:
    return [("Chat", "Said"), ("Feed", "Subscribe"), ("Feed", "Subscribed"), ("Presence", "Status"), ("Chat", "Say")]


@pytest.mark.parametrize(("channel_id", "key"), message_cases())
def test_generated_frames_are_valid_for_an_independent_validator(contract: Contract, checker: FrameChecker, channel_id: str, key: str) -> None:
    channel = contract.channels[channel_id]
    message = next(m for side in ("client", "server") for m in channel.messages(side) if m.key == key)  # type: ignore[arg-type]
    schema = {**message.payload, "components": dict(contract.components)}

    @settings(max_examples=40, deadline=None, database=None)
    @given(frame=frame_strategy(message, contract.components))
    def check(frame: object) -> None:
        jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(frame)
        assert checker.matches(message, frame)

    check()


@given(text=st.text(max_size=30))
@settings(max_examples=50, deadline=None, database=None)
def test_any_text_frame_gets_a_verdict_never_an_exception(text: str) -> None:
    contract = Contract.from_document(asyncapi_tools.loads(SPEC, source="frames.yaml"))
    verdict = FrameChecker(contract).check_text(contract.channels["Chat"], "client", text)
    assert verdict.report(contract)


def test_a_committed_file_reports_its_own_name(tmp_path: Path) -> None:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(SPEC, encoding="utf-8")
    contract = Contract.from_document(asyncapi_tools.load(path))
    assert contract.locate("/operations/Say").startswith("#/operations/Say (")
    line = SPEC.splitlines().index("  Say:") + 1
    assert contract.locate("/operations/Say").endswith(f"asyncapi.yaml:{line}:3)")


# Shapes found in the official Kraken WebSocket examples, written anew: channels that split one
# socket by topic (all at address "/"), operations and replies that list no messages (so they
# carry every message of their channel), a discriminator declared only inside allOf/oneOf, and a
# const property that is not required.
SHARED_SOCKET = """\
asyncapi: 3.0.0
info: {title: Shared socket, version: 1.0.0}
channels:
  ping:
    address: /
    messages:
      ping: {payload: {type: object, properties: {event: {const: ping}}, required: [event]}}
  pong:
    address: /
    messages:
      pong: {payload: {type: object, properties: {event: {const: pong}, reqid: {type: integer}}}}
  status:
    address: /
    messages:
      status:
        payload:
          oneOf:
            - allOf: [{$ref: '#/components/schemas/StatusCommon'}, {required: [code]}]
            - allOf: [{$ref: '#/components/schemas/StatusCommon'}, {required: [error]}]
operations:
  receivePing:
    action: receive
    channel: {$ref: '#/channels/ping'}
    reply:
      channel: {$ref: '#/channels/pong'}
  sendStatus:
    action: send
    channel: {$ref: '#/channels/status'}
components:
  schemas:
    StatusCommon:
      type: object
      properties:
        event: {const: status}
        code: {type: integer}
        error: {type: string}
      required: [event]
"""


def test_channels_sharing_an_address_are_one_connection() -> None:
    contract = Contract.from_document(asyncapi_tools.loads(SHARED_SOCKET, source="shared.yaml"))
    checker = FrameChecker(contract)
    ping = contract.channel_for_path("/")
    assert ping is contract.channels["ping"]
    # receivePing lists no messages: every message of `ping`; its reply lists none: all of `pong`
    (operation,) = ping.client_operations()
    assert [m.key for m in operation.messages] == ["ping"] and [m.key for m in operation.replies] == ["pong"]
    # every server message of the socket is documented on it, whichever channel declares it
    assert [m.key for m in ping.messages("server")] == ["pong", "status"]
    assert checker.check(ping, "server", {"event": "status", "code": 3}).ok
    # the discriminator inside oneOf/allOf is found: a wrong value is undocumented, not "invalid"
    assert checker.check(ping, "server", {"event": "statuz", "code": 3}).undocumented == (
        'it carries event="statuz"; documented: "pong", "status"'
    )
    # pong's const is optional: a frame without `event` is still a pong, one with another event is not
    assert checker.check(ping, "server", {"reqid": 1}).message.key == "pong"  # type: ignore[union-attr]
    failed = checker.check(ping, "server", {"event": "status"})
    assert failed.message is not None and failed.message.key == "status" and failed.problems
