"""Realistic change pairs on a ride-dispatch API, each read forwards and backwards.

Every pair is one edit a team would make in a pull request. ``forward`` / ``backward`` list the
error-level checks ``diff`` must report for base -> edited and edited -> base (an empty set
means: nothing breaking). Documentation edits must never read as breaking; every payload-level
break must be found.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = """\
asyncapi: 3.0.0
info:
  title: Dispatch
  version: 2.3.0
  description: |
    Riders request rides, drivers accept them, everyone gets live status.
servers:
  production:
    host: dispatch.example.com
    protocol: wss
    description: Production.
defaultContentType: application/json
channels:
  ride:
    address: /ws/rides/{rideId}/
    description: One connection per ride.
    parameters:
      rideId:
        description: The ride, as returned by the booking API.
    messages:
      requestRide:
        $ref: '#/components/messages/RequestRide'
      rideStatus:
        $ref: '#/components/messages/RideStatus'
      rideUpdate:
        $ref: '#/components/messages/RideUpdate'
      ping:
        $ref: '#/components/messages/Ping'
operations:
  requestRide:
    action: receive
    channel:
      $ref: '#/channels/ride'
    summary: A rider asks for a ride.
    messages:
      - $ref: '#/channels/ride/messages/requestRide'
    reply:
      channel:
        $ref: '#/channels/ride'
      messages:
        - $ref: '#/channels/ride/messages/rideStatus'
  rideUpdates:
    action: send
    channel:
      $ref: '#/channels/ride'
    summary: The server pushes position and status changes.
    messages:
      - $ref: '#/channels/ride/messages/rideUpdate'
  pingIn:
    action: receive
    channel:
      $ref: '#/channels/ride'
    messages:
      - $ref: '#/channels/ride/messages/ping'
  pingOut:
    action: send
    channel:
      $ref: '#/channels/ride'
    messages:
      - $ref: '#/channels/ride/messages/ping'
components:
  schemas:
    Location:
      type: object
      required: [lat, lng]
      properties:
        lat:
          type: number
          minimum: -90
          maximum: 90
        lng:
          type: number
          minimum: -180
          maximum: 180
  messages:
    RequestRide:
      name: request_ride
      summary: Ask for a ride.
      payload:
        type: object
        required: [action, pickup, vehicle]
        properties:
          action:
            const: request_ride
          pickup:
            $ref: '#/components/schemas/Location'
          vehicle:
            type: string
            enum: [standard, xl, premium]
          note:
            type: string
            maxLength: 280
            description: Free text for the driver.
          seats:
            type: integer
            minimum: 1
      examples:
        - payload: {action: request_ride, pickup: {lat: 48.85, lng: 2.35}, vehicle: standard}
    RideStatus:
      name: ride_status
      payload:
        type: object
        required: [type, status, eta]
        properties:
          type:
            const: ride_status
          status:
            type: string
            enum: [searching, assigned, arriving]
          eta:
            type: integer
            description: Seconds until pickup.
          driver:
            type: object
            properties:
              name: {type: string}
              rating: {type: number}
    RideUpdate:
      name: ride_update
      payload:
        type: object
        required: [type, position]
        properties:
          type:
            const: ride_update
          position:
            $ref: '#/components/schemas/Location'
          stops:
            type: array
            items:
              type: object
              required: [address]
              properties:
                address: {type: string}
                eta: {type: integer}
          event:
            oneOf:
              - title: Arrived
                type: object
                properties:
                  kind: {const: arrived}
              - title: Delayed
                type: object
                properties:
                  kind: {const: delayed}
                  minutes: {type: integer}
    Ping:
      name: ping
      payload:
        type: object
        required: [type]
        properties:
          type:
            const: ping
          at:
            type: string
            format: date-time
"""


@dataclass(frozen=True)
class Pair:
    name: str
    edits: tuple[tuple[str, str], ...]
    forward: frozenset[str]  # error checks expected for base -> edited
    backward: frozenset[str]  # error checks expected for edited -> base

    def edited(self) -> str:
        text = BASE
        for before, after in self.edits:
            assert before in text, f"{self.name}: edit does not apply: {before!r}"
            text = text.replace(before, after, 1)
        return text


def _pair(name: str, edits: list[tuple[str, str]], forward: set[str], backward: set[str]) -> Pair:
    return Pair(name, tuple(edits), frozenset(forward), frozenset(backward))


NONE: set[str] = set()

PAIRS = [
    # documentation edits: never breaking, either way
    _pair("description edits", [
        ("Riders request rides, drivers accept them", "Riders book rides, drivers take them"),
        ("description: Seconds until pickup.", "description: Seconds until the driver arrives."),
        ("summary: A rider asks for a ride.", "summary: A rider books a ride."),
    ], NONE, NONE),
    _pair("example edit", [("pickup: {lat: 48.85, lng: 2.35}, vehicle: standard}", "pickup: {lat: 52.52, lng: 13.40}, vehicle: xl}")], NONE, NONE),
    _pair("info.version bump", [("version: 2.3.0", "version: 2.4.0")], NONE, NONE),
    _pair("schema moved into components", [
        ("          driver:\n            type: object\n            properties:\n              name: {type: string}\n              rating: {type: number}\n",
         "          driver:\n            $ref: '#/components/schemas/Driver'\n"),
        ("  schemas:\n", "  schemas:\n    Driver:\n      type: object\n      properties:\n        name: {type: string}\n        rating: {type: number}\n"),
    ], NONE, NONE),
    # what clients send (request rules)
    _pair("client must send a new field", [("required: [action, pickup, vehicle]", "required: [action, pickup, vehicle, payment]"),
                                           ("          seats:\n", "          payment:\n            type: string\n          seats:\n")],
          {"request-required-property-added"}, NONE),
    _pair("client field becomes optional", [("required: [action, pickup, vehicle]", "required: [action, pickup]")], NONE, {"request-property-became-required"}),
    _pair("vehicle class dropped", [("enum: [standard, xl, premium]", "enum: [standard, xl]")], {"request-enum-value-removed"}, NONE),
    _pair("note limit tightened", [("maxLength: 280", "maxLength: 140")], {"request-max-length-decreased"}, NONE),
    _pair("seats type narrowed", [("          seats:\n            type: integer\n", "          seats:\n            type: integer\n            maximum: 6\n")], {"request-maximum-decreased"}, NONE),
    _pair("pickup latitude bound in a shared schema", [("          minimum: -90\n", "          minimum: -80\n")], {"request-minimum-increased"}, NONE),
    _pair("discriminator renamed", [("const: request_ride", "const: book_ride")], {"message-discriminator-changed"}, {"message-discriminator-changed"}),
    # what the server sends (response rules)
    _pair("reply loses a field", [("required: [type, status, eta]", "required: [type, status]"),
                                  ("          eta:\n            type: integer\n            description: Seconds until pickup.\n", "")],
          {"response-property-removed"}, NONE),
    _pair("reply field becomes optional", [("required: [type, status, eta]", "required: [type, status]")], {"response-property-became-optional"}, NONE),
    _pair("new ride status", [("enum: [searching, assigned, arriving]", "enum: [searching, assigned, arriving, cancelled]")], {"response-enum-value-added"}, NONE),
    _pair("eta may be null", [("          eta:\n            type: integer\n", "          eta:\n            type: [integer, 'null']\n")], {"response-type-widened"}, NONE),
    _pair("new event variant", [("                  minutes: {type: integer}\n", "                  minutes: {type: integer}\n              - title: Cancelled\n                type: object\n                properties:\n                  kind: {const: cancelled}\n")],
          {"response-variant-added"}, NONE),
    _pair("stop address removed inside array items", [("              required: [address]\n              properties:\n                address: {type: string}\n", "              properties:\n")],
          {"response-property-removed"}, NONE),
    _pair("driver rating becomes a string", [("rating: {type: number}", "rating: {type: string}")], {"response-type-changed"}, {"response-type-changed"}),
    # a message used both ways gets both rules
    _pair("ping gets a required field", [("        required: [type]\n        properties:\n          type:\n            const: ping\n", "        required: [type, seq]\n        properties:\n          type:\n            const: ping\n          seq:\n            type: integer\n")],
          {"request-required-property-added"}, {"response-property-removed"}),
    _pair("ping timestamp format", [("format: date-time", "format: date")], NONE, NONE),
]
