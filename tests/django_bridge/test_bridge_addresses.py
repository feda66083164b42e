"""Channel paths → addresses: every parameter form becomes ``{name}`` with its schema, declared once,
and an explicit path is read exactly as discovery reads the routing.

Seen through the public faces: an explicit path through the generator (the channel's address,
parameters and id, and its warnings), a routing entry through ``discover()`` (the route's path and
its parameters' JSON Schemas, and the notes discovery collects)."""

from __future__ import annotations

import re
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import URLRouter
from django.urls import path as route_path
from django.urls import re_path
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_tools import pascal_case
from django_bridge import AsyncAPIGenerator, Route, discover, document_action

NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
LITERALS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
FORMS = st.sampled_from(["route", "typed", "braces", "regex"])
INT = {"type": "integer", "minimum": 0}
INT_PARAMETER = {"description": "Path parameter `ride_id`: an integer ≥ 0."}
UNSUPPORTED = "route-regex-unsupported"


class RoomsConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Join.")
    async def handle_join(self, content): ...


def explicit(path: str) -> tuple[str, str, dict[str, Any], list[str]]:
    """``(channel id, address, parameters, warning codes)`` of ``path`` given to the generator."""
    generator = AsyncAPIGenerator(RoomsConsumer, channel_path=path)
    ((channel_id, channel),) = generator.get_spec()["channels"].items()
    return channel_id, channel["address"], channel.get("parameters", {}), [d.code for d in generator.diagnostics]


def discovered(text: str, *, regex: bool = True) -> tuple[Route | None, list[str]]:
    """The route ``discover()`` finds for ``text`` mounted with ``re_path`` (or ``path``), and the
    codes of its notes; None when the route is skipped."""
    notes: list[Any] = []
    mount = re_path if regex else route_path
    routes = discover(URLRouter([mount(text, RoomsConsumer.as_asgi())]), diagnostics=notes)
    return (routes[0] if routes else None), [note.code for note in notes]


def schemas(route: Route | None) -> list[tuple[str, Any]]:
    assert route is not None
    return list(route.parameters.items())


def spelled(name: str, form: str) -> str:
    return {
        "route": f"<{name}>",
        "typed": f"<int:{name}>",
        "braces": "{" + name + "}",
        "regex": f"(?P<{name}>[^/]+(?:-(x|y)){{1,2}})",
    }[form]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(LITERALS, NAMES, FORMS), min_size=0, max_size=4, unique_by=lambda t: t[1]), st.booleans())
def test_every_parameter_form_becomes_an_expression(segments, anchored) -> None:
    path = "".join(f"/{literal}/{spelled(name, form)}" for literal, name, form in segments) + "/"
    if anchored:
        path = "^" + path + "$"
    channel_id, address, parameters, _ = explicit(path)
    expected = "".join(f"/{literal}/{{{name}}}" for literal, name, _ in segments) + "/"
    assert address == expected
    assert list(parameters) == [name for _, name, _ in segments]
    assert set(re.findall(r"\{(\w+)\}", address)) == set(parameters)
    # the channel is named after the last literal segment
    assert channel_id == (pascal_case(segments[-1][0]) if segments else "Root")


def test_each_parameter_form_gets_the_schema_its_syntax_says() -> None:
    channel_id, address, parameters, codes = explicit(r"^ws/rides/<int:ride_id>/(?P<leg>\d+)/{stop}/$")
    assert (channel_id, address) == ("Rides", "ws/rides/{ride_id}/{leg}/{stop}/")
    assert parameters == {
        "ride_id": INT_PARAMETER,
        "leg": {"description": "Path parameter `leg`: a string matching `^\\d+$`."},
        "stop": {"description": "Path parameter `stop`."},  # an address expression says nothing about its values
    }
    assert codes == []
    route, _ = discovered(r"^ws/rides/(?P<leg>\d+)/$")
    assert schemas(route) == [("leg", {"type": "string", "pattern": r"^\d+$"})]
    route, _ = discovered("ws/rides/<int:ride_id>/", regex=False)
    assert schemas(route) == [("ride_id", INT)]


def test_plain_paths_have_no_parameters() -> None:
    assert explicit("/ws/dispatch/")[:3] == ("Dispatch", "/ws/dispatch/", {})
    assert explicit("/")[:3] == ("Root", "/", {})


# -- regexes: read as literal text and groups, the way discovery reads re_path() ----------------------


def test_an_escaped_character_is_the_character() -> None:
    route, codes = discovered(r"^files\.json/(?P<name>[a-z]+)/$")
    assert route is not None and route.path == "/files.json/{name}/"
    assert codes == []
    assert explicit(r"^files\.json/(?P<name>[a-z]+)/$")[0] == pascal_case("files.json")


def test_a_group_ends_at_its_own_parenthesis_not_one_inside_a_class() -> None:
    route, _ = discovered(r"^rooms/(?P<x>[(a-z]+)/$")
    assert route is not None and route.path == "/rooms/{x}/"
    assert schemas(route) == [("x", {"type": "string", "pattern": "^[(a-z]+$"})]


def test_an_unnamed_group_becomes_a_named_expression_with_a_finding() -> None:
    route, _ = discovered("rooms/([0-9]+)/")
    assert route is not None and route.path == "/rooms/{arg0}/"
    assert schemas(route) == [("arg0", {"type": "string", "pattern": "^[0-9]+$"})]
    generator = AsyncAPIGenerator(RoomsConsumer, channel_path="rooms/([0-9]+)/")
    ((channel_id, channel),) = generator.get_spec()["channels"].items()
    assert (channel_id, channel["address"]) == ("Rooms", "rooms/{arg0}/")
    (finding,) = generator.diagnostics
    assert finding.code == "route-unnamed-group"
    assert "(?P<name>[0-9]+)" in (finding.hint or "")
    # a positional name never takes one the path already uses
    assert explicit(r"^(?P<arg0>\w+)/(\d+)/$")[1] == "{arg0}/{_arg0}/"


def test_a_regex_beyond_a_path_is_documented_in_its_reverse_form() -> None:
    _, address, _, codes = explicit(r"^(?:api/)?rooms?/(?P<room>[a-z]+)/$")
    assert (address, codes) == ("room/{room}/", ["route-regex-approximated"])
    route, _ = discovered(r"^(?:api/)?rooms?/(?P<room>[a-z]+)/$")
    assert route is not None and route.path == "/room/{room}/"  # reversible: documented
    assert explicit(r"^(?:chat|talk)/(?P<room>\w+)/$")[3] == [UNSUPPORTED]
    route, codes = discovered(r"^(?:chat|talk)/(?P<room>\w+)/$")
    assert route is None and UNSUPPORTED in codes  # not reversible: skipped with a note


def test_a_route_is_literal_text_but_for_its_converters() -> None:
    route, _ = discovered("ws/v1.0/<uuid:id>/", regex=False)
    assert route is not None and route.path == "/ws/v1.0/{id}/"
    ((name, schema),) = schemas(route)
    assert name == "id" and schema["format"] == "uuid"
    _, address, parameters, codes = explicit("ws/<money:amount>/")
    assert (address, parameters, codes) == ("ws/{amount}/", {"amount": {"description": "Path parameter `amount`."}}, ["route-converter-unknown"])


# -- one parser: explicit paths and discovered routes agree ------------------------------------------

SAME_PATHS = [
    ("re", r"^files\.json/(?P<name>[a-z]+)/$"),
    ("re", r"^rooms/(?P<x>[(a-z]+)/$"),
    ("re", r"^rooms/([0-9]+)/(?P<tab>\w+)/$"),
    ("re", r"^(?:api/)?rooms?/(?P<room>[a-z]+)/$"),
    ("path", "ws/rides/<int:ride_id>/<slug:leg>/"),
    ("path", "files/<path:file_path>"),
]


def test_an_explicit_path_gives_the_address_and_schemas_discovery_gives() -> None:
    for kind, text in SAME_PATHS:
        mount = re_path if kind == "re" else route_path
        (route,) = discover(URLRouter([mount(text, RoomsConsumer.as_asgi())]))
        _, address, parameters, _ = explicit("/" + text.removeprefix("^"))
        assert route.path == address, text
        assert list(route.parameters) == list(parameters), text


def test_the_generator_documents_explicit_parameters_like_discovered_ones() -> None:
    for kind, text in SAME_PATHS:
        mount = re_path if kind == "re" else route_path
        discovered = AsyncAPIGenerator.from_routing(URLRouter([mount(text, RoomsConsumer.as_asgi())])).get_spec()
        explicit = AsyncAPIGenerator(consumers=[(RoomsConsumer, "/" + text.removeprefix("^"))]).get_spec()
        (found,) = discovered["channels"].values()
        (given,) = explicit["channels"].values()
        assert (given["address"], given["parameters"]) == (found["address"], found["parameters"]), text
    spec = AsyncAPIGenerator(RoomsConsumer, channel_path="/ws/rides/<int:ride_id>/").get_spec()
    (channel,) = spec["channels"].values()
    assert channel["parameters"] == {"ride_id": INT_PARAMETER}


def test_the_generator_reports_what_the_parser_approximated_at_the_consumer() -> None:
    generator = AsyncAPIGenerator(RoomsConsumer, channel_path="/rooms/([0-9]+)/")
    (channel,) = generator.get_spec()["channels"].values()
    assert channel["address"] == "/rooms/{arg0}/"
    (note,) = [d for d in generator.diagnostics if d.code == "route-unnamed-group"]
    assert note.breadcrumb == "RoomsConsumer"
    assert note.file is not None and note.file.endswith("test_bridge_addresses.py")
    unsupported = AsyncAPIGenerator(RoomsConsumer, channel_path=r"^(?:chat|talk)/(?P<room>\w+)/$")
    (channel,) = unsupported.get_spec()["channels"].values()
    (note,) = [d for d in unsupported.diagnostics if d.code == UNSUPPORTED]
    assert f"documented as {channel['address']!r}" in note.message
