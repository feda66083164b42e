"""Channel paths → addresses: every parameter form becomes ``{name}`` with its schema, declared once,
and an explicit path is read exactly as discovery reads the routing."""

from __future__ import annotations

import re

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import URLRouter
from django.urls import path as route_path
from django.urls import re_path
from hypothesis import given, settings
from hypothesis import strategies as st

from django_bridge import AsyncAPIGenerator, discover, document_action
from django_bridge.discovery.addresses import UNSUPPORTED, parameter_object, parse

NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
LITERALS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
FORMS = st.sampled_from(["route", "typed", "braces", "regex"])
INT = {"type": "integer", "minimum": 0}


class RoomsConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Join.")
    async def handle_join(self, content): ...


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
    address = parse(path)
    expected = "".join(f"/{literal}/{{{name}}}" for literal, name, _ in segments) + "/"
    assert address.text == expected
    assert [p.name for p in address.parameters] == [name for _, name, _ in segments]
    assert set(re.findall(r"\{(\w+)\}", address.text)) == {p.name for p in address.parameters}
    assert address.label == (segments[-1][0] if segments else "")


def test_each_parameter_form_gets_the_schema_its_syntax_says() -> None:
    address = parse(r"^ws/rides/<int:ride_id>/(?P<leg>\d+)/{stop}/$")
    assert address.text == "ws/rides/{ride_id}/{leg}/{stop}/"
    assert [(p.name, p.schema) for p in address.parameters] == [
        ("ride_id", INT),
        ("leg", {"type": "string", "pattern": r"^\d+$"}),
        ("stop", None),  # an address expression says nothing about its values
    ]
    assert address.label == "rides"
    assert address.findings == ()


def test_plain_paths_have_no_parameters() -> None:
    assert parse("/ws/dispatch/").parameters == ()
    assert parse("/").label == ""


# -- regexes: read as literal text and groups, the way discovery reads re_path() ----------------------


def test_an_escaped_character_is_the_character() -> None:
    address = parse(r"^files\.json/(?P<name>[a-z]+)/$")
    assert address.text == "files.json/{name}/"
    assert address.label == "files.json"
    assert address.findings == ()


def test_a_group_ends_at_its_own_parenthesis_not_one_inside_a_class() -> None:
    address = parse(r"^rooms/(?P<x>[(a-z]+)/$")
    assert address.text == "rooms/{x}/"
    assert [(p.name, p.schema) for p in address.parameters] == [("x", {"type": "string", "pattern": "^[(a-z]+$"})]


def test_an_unnamed_group_becomes_a_named_expression_with_a_finding() -> None:
    address = parse("rooms/([0-9]+)/")
    assert address.text == "rooms/{arg0}/"
    assert address.label == "rooms"
    assert [(p.name, p.schema) for p in address.parameters] == [("arg0", {"type": "string", "pattern": "^[0-9]+$"})]
    (finding,) = address.findings
    assert finding.code == "route-unnamed-group"
    assert "(?P<name>[0-9]+)" in finding.hint
    # a positional name never takes one the path already uses
    assert parse(r"^(?P<arg0>\w+)/(\d+)/$").text == "{arg0}/{_arg0}/"


def test_a_regex_beyond_a_path_is_documented_in_its_reverse_form() -> None:
    address = parse(r"^(?:api/)?rooms?/(?P<room>[a-z]+)/$")
    assert (address.text, address.reversible) == ("room/{room}/", True)
    assert [finding.code for finding in address.findings] == ["route-regex-approximated"]
    unsupported = parse(r"^(?:chat|talk)/(?P<room>\w+)/$")
    assert not unsupported.reversible
    assert [finding.code for finding in unsupported.findings] == [UNSUPPORTED]


def test_a_route_is_literal_text_but_for_its_converters() -> None:
    address = parse("ws/v1.0/<uuid:id>/")
    assert address.text == "ws/v1.0/{id}/"
    (parameter,) = address.parameters
    assert parameter.schema is not None and parameter.schema["format"] == "uuid"
    unknown = parse("ws/<money:amount>/")
    assert [(p.name, p.schema) for p in unknown.parameters] == [("amount", None)]
    assert [finding.code for finding in unknown.findings] == ["route-converter-unknown"]


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
        address = parse(text)
        assert route.path == "/" + address.text, text
        assert route.parameters == {p.name: p.schema for p in address.parameters}, text


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
    assert channel["parameters"] == {"ride_id": parameter_object("ride_id", INT)}


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
