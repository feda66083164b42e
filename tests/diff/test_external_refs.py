"""A shape found in a real project: message payloads ``$ref`` schemas of a neighbouring OpenAPI
file, whose own references are local to *that* file (``#/components/schemas/...``), and event
types are an enum in a shared ``allOf`` base. (The official parser cannot resolve such files.)"""

from __future__ import annotations

from pathlib import Path

import asyncapi_tools

API = """\
asyncapi: 3.0.0
info: {title: Calls, version: 1.0.0}
channels:
  control:
    address: /v1/control
    messages:
      stopRecording:
        payload: {$ref: './openapi.yaml#/components/schemas/StopRecording'}
      stopRecordingResult:
        payload: {$ref: './openapi.yaml#/components/schemas/StopRecordingResult'}
      legEvent:
        payload: {$ref: './openapi.yaml#/components/schemas/LegEvent'}
operations:
  stopRecording:
    action: receive
    channel: {$ref: '#/channels/control'}
    messages: [{$ref: '#/channels/control/messages/stopRecording'}]
    reply:
      messages: [{$ref: '#/channels/control/messages/stopRecordingResult'}]
  events:
    action: send
    channel: {$ref: '#/channels/control'}
    messages: [{$ref: '#/channels/control/messages/legEvent'}]
"""

OPENAPI = """\
openapi: 3.1.0
info: {title: Calls, version: 1.0.0}
paths: {}
components:
  schemas:
    StopRecording:
      type: object
      required: [leg_id]
      properties:
        leg_id: {type: string}
    StopRecordingResult:
      type: object
      required: [data]
      properties:
        data: {$ref: '#/components/schemas/Recording'}
    Recording:
      type: object
      required: [id, file]
      properties:
        id: {type: string}
        file: {type: string}
    EventBase:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [leg.ringing, leg.answered]}
    LegEvent:
      allOf:
        - $ref: '#/components/schemas/EventBase'
        - type: object
          properties:
            leg_id: {type: string}
"""


def write(folder: Path, openapi: str) -> Path:
    folder.mkdir()
    (folder / "asyncapi.yaml").write_text(API, encoding="utf-8")
    (folder / "openapi.yaml").write_text(openapi, encoding="utf-8")
    return folder / "asyncapi.yaml"


def test_changes_behind_references_in_another_file(tmp_path: Path) -> None:
    old = write(tmp_path / "old", OPENAPI)
    new_openapi = OPENAPI.replace("required: [id, file]", "required: [id]").replace(
        "enum: [leg.ringing, leg.answered]", "enum: [leg.ringing, leg.answered, leg.held]"
    )
    new = write(tmp_path / "new", new_openapi)
    changes = {(c.check, c.message): c for c in asyncapi_tools.diff(old, new)}
    optional = changes[("response-property-became-optional", "property `data.file` of message `stopRecordingResult` payload became optional")]
    assert optional.new is not None and optional.new.file.endswith("openapi.yaml")
    assert optional.new.pointer == "/components/schemas/Recording/properties/file"
    added = changes[("response-enum-value-added", '`allOf[0].type` of message `legEvent` payload: enum value "leg.held" added')]
    assert added.new is not None and added.new.line == 26  # the enum of the shared base
    assert added.new.file == str(tmp_path / "new" / "openapi.yaml")
    assert {c.level for c in changes.values()} == {"error"}


def test_an_unchanged_external_file_gives_no_changes(tmp_path: Path) -> None:
    assert asyncapi_tools.diff(write(tmp_path / "old", OPENAPI), write(tmp_path / "new", OPENAPI)) == []
