"""Consumers discovered from the ASGI routing, and ``@document_channel``.

The real project in tests/routing_project/ is the main subject: its discovered routes are checked
against what asgi.py mounts, served for real (live.py, in a subprocess with the project's own
settings) and turned into a document that both our validator and ``@asyncapi/parser`` accept.
Small inline routers cover the corner cases: regexes, cycles, bare classes, shadowed routes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.sessions import SessionMiddlewareStack
from django.core.exceptions import ImproperlyConfigured
from django.urls import path, re_path, register_converter
from django.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_tools import Diagnostic, dumps, from_data, validate
from django_bridge import (
    AsyncAPIGenerator,
    ChannelDoc,
    ConfigurationError,
    DecoratorError,
    Route,
    channel_doc,
    discover,
    document_action,
    document_channel,
    documented,
)
from tests._support.official import official_errors_texts
from tests.conftest import REPO_ROOT

PROJECT_APP = "tests.routing_project.asgi.application"
EXPRESSION = re.compile(r"\{(\w+)\}")
INT = {"type": "integer", "minimum": 0}
UUID_SCHEMA = {
    "type": "string",
    "format": "uuid",
    "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
}


@pytest.fixture
def project(settings: Any) -> Any:
    """The routing project's ASGI application, named by ASGI_APPLICATION as in a real project."""
    settings.ASGI_APPLICATION = PROJECT_APP
    from tests.routing_project import asgi

    return asgi


@pytest.fixture
def found(project: Any) -> tuple[list[Route], list[Diagnostic]]:
    notes: list[Diagnostic] = []
    return discover(diagnostics=notes), notes


def summary(routes: list[Route]) -> list[tuple[str, str]]:
    return [(route.consumer.__name__, route.path) for route in routes]


# -- the real project -----------------------------------------------------------------------------


def test_every_consumer_route_is_found_in_routing_order(found: tuple[list[Route], list[Diagnostic]]) -> None:
    routes, _ = found
    assert summary(routes) == [
        ("RideConsumer", "/ws/rides/{ride_id}/"),
        ("DriverConsumer", "/ws/drivers/{driver_id}/"),
        ("ChatConsumer", "/ws/rooms/{room}/"),
        ("ProfileConsumer", "/ws/users/{username}/profile/"),
        ("ReportConsumer", "/ws/reports/{year}/"),
        ("ChatConsumer", "/ws/legacy/{room}/{page}/"),
        ("PlainConsumer", "/ws/plain/"),
        ("FileConsumer", "/ws/files/{file_path}"),
        ("FeedConsumer", "/tenants/{tenant}/feed/"),
    ]


def test_the_same_application_passed_directly_gives_the_same_routes(project: Any, settings: Any) -> None:
    expected = discover()
    del settings.ASGI_APPLICATION  # the setting is not read when an application is given
    assert discover(project.application) == expected
    # a router alone (no ProtocolTypeRouter) is walked too, from its own root
    inner = discover(URLRouter(project.ws_routes))
    assert [route.path for route in inner] == [route.path.removeprefix("/ws") for route in expected if route.path.startswith("/ws/")]
    assert all(route.origin.startswith("URLRouter > path ") or route.origin.startswith("URLRouter > re_path ") for route in inner)


def test_route_parameter_schemas_for_generator_integration(found: tuple[list[Route], list[Diagnostic]]) -> None:
    """The schemas the generator will document once it reads ``Route.parameters``: one per
    ``{expression}``, in address order, from the converter or the regex group."""
    routes, _ = found
    schemas = {route.path: route.parameters for route in routes}
    assert schemas == {
        "/ws/rides/{ride_id}/": {"ride_id": INT},
        "/ws/drivers/{driver_id}/": {"driver_id": UUID_SCHEMA},
        "/ws/rooms/{room}/": {"room": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}},
        "/ws/users/{username}/profile/": {"username": {"type": "string", "pattern": "^[^/]+$"}},
        "/ws/reports/{year}/": {"year": {"type": "string", "pattern": "^[0-9]{4}$"}},
        "/ws/legacy/{room}/{page}/": {"room": {"type": "string", "pattern": "^[a-z]+$"}, "page": {"type": "string", "pattern": r"^\d+$"}},
        "/ws/plain/": {},
        "/ws/files/{file_path}": {"file_path": {"type": "string", "minLength": 1}},
        "/tenants/{tenant}/feed/": {"tenant": {"type": "string", "pattern": r"^[-\w]+$"}},
    }
    for route in routes:
        assert list(route.parameters) == EXPRESSION.findall(route.path), route.path


def test_origins_name_every_step_from_the_protocol_router_down(found: tuple[list[Route], list[Diagnostic]]) -> None:
    routes, _ = found
    origins = {route.path: route.origin for route in routes}
    stack = "websocket > OriginValidator > AuthMiddlewareStack > URLRouter"
    assert origins["/ws/rides/{ride_id}/"] == f"{stack} > path 'ws/' > URLRouter > path 'rides/<int:ride_id>/'"
    assert origins["/ws/legacy/{room}/{page}/"] == rf"{stack} > path 'ws/' > URLRouter > re_path '^legacy/(?P<room>[a-z]+)/(?P<page>\d+)/$'"
    assert origins["/tenants/{tenant}/feed/"] == rf"{stack} > re_path '^tenants/(?P<tenant>[-\w]+)/' > TenantMiddleware > URLRouter > path 'feed/'"


def test_a_plain_asgi_function_is_skipped_with_a_note(found: tuple[list[Route], list[Diagnostic]]) -> None:
    _, notes = found
    assert [(note.code, note.severity) for note in notes] == [("route-not-consumer", "info")]
    note = notes[0]
    assert "health" in note.message
    assert note.breadcrumb is not None and note.breadcrumb.endswith("path 'health/'")
    assert note.file is not None and note.file.endswith(os.path.join("routing_project", "asgi.py"))


def test_documented_leaves_out_the_plain_consumer_with_a_note(found: tuple[list[Route], list[Diagnostic]]) -> None:
    routes, _ = found
    notes: list[Diagnostic] = []
    kept = documented(routes, diagnostics=notes)
    assert kept == [route for route in routes if route.consumer.__name__ != "PlainConsumer"]
    assert [note.code for note in notes] == ["route-undocumented"]
    assert notes[0].severity == "info"
    assert "PlainConsumer" in notes[0].message and "'/ws/plain/'" in notes[0].message
    assert notes[0].file is not None and notes[0].file.endswith("consumers.py")
    source = (REPO_ROOT / "tests" / "routing_project" / "consumers.py").read_text().splitlines()
    assert notes[0].line is not None and source[notes[0].line - 1].startswith("class PlainConsumer(")


@pytest.mark.node
def test_the_discovered_spec_passes_both_validators_and_declares_every_parameter(
    found: tuple[list[Route], list[Diagnostic]], tmp_path: Path
) -> None:
    routes, _ = found
    kept = documented(routes)
    generator = AsyncAPIGenerator(consumers=[(route.consumer, route.path) for route in kept])
    spec = generator.get_spec()
    channels = spec["channels"]
    assert [channel["address"] for channel in channels.values()] == [route.path for route in kept]
    for channel_id, channel in channels.items():
        used = EXPRESSION.findall(channel["address"])
        assert sorted(used) == sorted(channel.get("parameters", {})), channel_id
    # Route.parameters → AsyncAPI 3 Parameter Objects, written by the generator itself
    integrated = json.loads(json.dumps(spec))
    for channel, route in zip(integrated["channels"].values(), kept, strict=True):
        assert list(channel.get("parameters", {})) == list(route.parameters)
        if route.parameters:
            channel["parameters"] = {name: parameter_object(name, schema) for name, schema in route.parameters.items()}
    texts = {}
    for name, data in (("discovered", spec), ("integrated", integrated)):
        document = from_data(data, source=f"<{name}>")
        errors = [d.format() for d in validate(document) if d.severity == "error"]
        assert errors == [], name
        texts[str(tmp_path / f"{name}.yaml")] = dumps(document)
    assert official_errors_texts(texts) == {key: [] for key in texts}


def test_the_live_project_serves_every_discovered_address(found: tuple[list[Route], list[Diagnostic]]) -> None:
    """Run the project with its own settings and connect to each address (values taken from the
    parameter schemas): the discovered consumer answers, with exactly the discovered kwargs."""
    routes, _ = found
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.routing_project.settings", "PYTHONPATH": str(REPO_ROOT)}
    completed = subprocess.run(
        [sys.executable, "-m", "tests.routing_project.live"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr
    visits = json.loads(completed.stdout)
    assert [visit["path"] for visit in visits] == [route.path for route in routes]
    for visit, route in zip(visits, routes, strict=True):
        assert visit["connected"], visit
        assert visit["reached"] == route.consumer.__name__, visit
        assert list(visit["kwargs"]) == list(route.parameters), visit
        for name, value in visit["kwargs"].items():
            jsonschema.validate(int(value) if route.parameters[name].get("type") == "integer" else value, route.parameters[name])


# -- settings -----------------------------------------------------------------------------------------


def test_a_missing_setting_is_a_configuration_error_naming_it(settings: Any) -> None:
    del settings.ASGI_APPLICATION
    with pytest.raises(ConfigurationError) as caught:
        discover()
    assert "ASGI_APPLICATION" in str(caught.value)
    assert caught.value.hint is not None and "discover()" in caught.value.hint
    assert isinstance(caught.value, ImproperlyConfigured)


def test_an_unimportable_setting_is_a_configuration_error_naming_the_value(settings: Any) -> None:
    settings.ASGI_APPLICATION = "tests.routing_project.asgi.aplication"
    with pytest.raises(ConfigurationError) as caught:
        discover()
    assert caught.value.message == (
        "settings.ASGI_APPLICATION = 'tests.routing_project.asgi.aplication': "
        "tests.routing_project.asgi has no attribute 'aplication'"
    )
    assert caught.value.hint == "did you mean 'tests.routing_project.asgi.application'?"


def test_a_module_typo_in_the_setting_suggests_the_real_module(settings: Any) -> None:
    settings.ASGI_APPLICATION = "tests.routing_project.asgii.application"
    with pytest.raises(ConfigurationError) as caught:
        discover()
    assert caught.value.message == (
        "settings.ASGI_APPLICATION = 'tests.routing_project.asgii.application': there is no module 'tests.routing_project.asgii'"
    )
    assert caught.value.hint == "did you mean 'tests.routing_project.asgi'?"


# -- corner cases, on inline routers -------------------------------------------------------------------


class EchoConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Echo")
    async def handle_echo(self, content: Any) -> None: ...


class Wrapper:
    """Middleware reaching its application through a configurable attribute."""

    def __init__(self, attr: str, inner: Any) -> None:
        setattr(self, attr, inner)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None: ...


def walk(application: Any) -> tuple[list[Route], list[Diagnostic]]:
    notes: list[Diagnostic] = []
    return discover(application, diagnostics=notes), notes


@pytest.mark.parametrize("attr", ["inner", "app", "application"])
def test_custom_middleware_is_followed_through_each_attribute(attr: str) -> None:
    routes, notes = walk(ProtocolTypeRouter({"websocket": Wrapper(attr, URLRouter([path("echo/", EchoConsumer.as_asgi())]))}))
    assert [(route.path, route.origin) for route in routes] == [("/echo/", "websocket > Wrapper > URLRouter > path 'echo/'")]
    assert notes == []


def test_channels_stacks_are_named_like_their_factories() -> None:
    router = URLRouter([path("echo/", EchoConsumer.as_asgi())])
    (auth,), _ = walk(AuthMiddlewareStack(router))
    (session,), _ = walk(SessionMiddlewareStack(router))
    assert auth.origin == "AuthMiddlewareStack > URLRouter > path 'echo/'"
    assert session.origin == "SessionMiddlewareStack > URLRouter > path 'echo/'"


def test_middleware_that_contains_itself_is_reported_not_walked_forever() -> None:
    loop = Wrapper("inner", None)
    loop.inner = Wrapper("app", loop)  # type: ignore[attr-defined]
    routes, notes = walk(loop)
    assert routes == []
    assert [note.code for note in notes] == ["routing-cycle"]


def test_a_consumer_as_the_whole_websocket_app_is_served_at_the_root() -> None:
    routes, notes = walk(ProtocolTypeRouter({"websocket": AuthMiddlewareStack(EchoConsumer.as_asgi())}))
    assert [(route.consumer, route.path, route.parameters) for route in routes] == [(EchoConsumer, "/", {})]
    assert notes == []


def test_no_websocket_application_gives_no_routes_and_a_note() -> None:
    routes, notes = walk(ProtocolTypeRouter({"http": EchoConsumer.as_asgi()}))
    assert routes == []
    assert [(note.code, note.severity) for note in notes] == [("routing-no-websocket", "info")]


def test_a_consumer_class_mounted_without_as_asgi_is_skipped_with_a_warning() -> None:
    routes, notes = walk(URLRouter([path("old/", EchoConsumer), path("new/", EchoConsumer.as_asgi())]))
    assert [route.path for route in routes] == ["/new/"]
    assert [(note.code, note.severity) for note in notes] == [("route-not-asgi", "warning")]
    assert "EchoConsumer.as_asgi()" in (notes[0].hint or "")


#: A Channels 2 era routing list, as a project's routing module holds it: the notes about its
#: routes name the line of each pattern (a URLPattern does not remember where it was written).
OLD_STYLE_ROUTES = [
    path("live/", EchoConsumer.as_asgi()),
    re_path(r"^old/(?P<room>\d+)/$", EchoConsumer),
]


def test_a_note_about_a_route_names_the_line_that_wrote_it() -> None:
    _, notes = walk(ProtocolTypeRouter({"websocket": URLRouter(OLD_STYLE_ROUTES)}))
    [note] = notes
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    expected = next(number for number, line in enumerate(lines, start=1) if "EchoConsumer)," in line and "re_path" in line)
    assert (note.code, Path(note.file or "").resolve(), note.line) == ("route-not-asgi", Path(__file__).resolve(), expected)


def test_a_route_behind_an_identical_earlier_route_is_reported_as_unreachable() -> None:
    class Other(EchoConsumer):
        pass

    routes, notes = walk(URLRouter([path("a/<int:n>/", EchoConsumer.as_asgi()), path("a/<int:n>/", Other.as_asgi()), path("a/<slug:n>/", Other.as_asgi())]))
    # the slug route is reachable (for non-digits): same address, other parameter schema
    assert [(route.consumer, route.path) for route in routes] == [(EchoConsumer, "/a/{n}/"), (Other, "/a/{n}/")]
    assert [note.code for note in notes] == ["route-shadowed"]


def test_a_consumer_mounted_under_two_prefixes_gives_two_routes() -> None:
    inner = URLRouter([path("echo/<int:n>/", EchoConsumer.as_asgi())])
    routes, _ = walk(URLRouter([path("v1/", inner), re_path(r"^v2/(?P<region>[a-z]{2})/", inner)]))
    assert [(route.path, route.parameters) for route in routes] == [
        ("/v1/echo/{n}/", {"n": INT}),
        ("/v2/{region}/echo/{n}/", {"region": {"type": "string", "pattern": "^[a-z]{2}$"}, "n": INT}),
    ]


def test_an_unnamed_regex_group_gets_a_positional_name_and_a_warning() -> None:
    routes, notes = walk(URLRouter([re_path(r"^rooms/([0-9]+)/(?P<tab>\w+)/$", EchoConsumer.as_asgi())]))
    assert [(route.path, route.parameters) for route in routes] == [
        ("/rooms/{arg0}/{tab}/", {"arg0": {"type": "string", "pattern": "^[0-9]+$"}, "tab": {"type": "string", "pattern": r"^\w+$"}})
    ]
    assert [note.code for note in notes] == ["route-unnamed-group"]
    assert "(?P<name>[0-9]+)" in (notes[0].hint or "")


def test_a_regex_with_more_than_literals_and_groups_is_documented_in_its_reverse_form() -> None:
    routes, notes = walk(URLRouter([re_path(r"^(?:api/)?rooms?/(?P<room>[a-z]+)/$", EchoConsumer.as_asgi())]))
    assert [(route.path, route.parameters) for route in routes] == [("/room/{room}/", {"room": {"type": "string", "pattern": "^[a-z]+$"}})]
    assert [note.code for note in notes] == ["route-regex-approximated"]
    assert "documented as 'room/{room}/'" in notes[0].message
    assert "`(?:...)`, `?`)" in notes[0].message


def test_a_regex_django_cannot_reverse_is_skipped_with_a_warning() -> None:
    routes, notes = walk(URLRouter([re_path(r"^(?:chat|talk)/(?P<room>\w+)/$", EchoConsumer.as_asgi()), path("ok/", EchoConsumer.as_asgi())]))
    assert [route.path for route in routes] == ["/ok/"]
    assert [note.code for note in notes] == ["route-regex-unsupported"]


def test_a_parameter_repeated_in_a_nested_route_is_documented_once_with_a_warning() -> None:
    routes, notes = walk(URLRouter([path("t/<int:id>/", URLRouter([path("x/<slug:id>/", EchoConsumer.as_asgi())]))]))
    assert [(route.path, route.parameters) for route in routes] == [("/t/{id}/x/{id}/", {"id": INT})]
    assert [note.code for note in notes] == ["route-parameter-repeated"]


# -- converters, regex groups and parameter objects ---------------------------------------------------


class EvenConverter(IntConverter):
    regex = "[0-9]*[02468]"


register_converter(EvenConverter, "even")
CONVERTER_NAMES = {IntConverter: "int", StringConverter: "str", SlugConverter: "slug", UUIDConverter: "uuid", PathConverter: "path", EvenConverter: "even"}


def converter_schema(converter: Any) -> dict[str, Any]:
    """The JSON Schema discovery gives a parameter written with ``converter``."""
    (route,) = discover(URLRouter([path(f"x/<{CONVERTER_NAMES[type(converter)]}:value>/", EchoConsumer.as_asgi())]))
    return route.parameters["value"]


def anchored(regex: str) -> str:
    """The pattern discovery gives a ``re_path`` group matching ``regex``."""
    (route,) = discover(URLRouter([re_path(f"^x/(?P<value>{regex})/$", EchoConsumer.as_asgi())]))
    pattern: str = route.parameters["value"]["pattern"]
    return pattern


def parameter_object(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The Parameter Object the generator writes for a route parameter with ``schema``."""
    spec = AsyncAPIGenerator(consumers=[Route(EchoConsumer, f"/x/{{{name}}}/", {name: schema})]).get_spec()
    (channel,) = spec["channels"].values()
    written: dict[str, Any] = channel["parameters"][name]
    return written


BUILTIN = [IntConverter(), StringConverter(), SlugConverter(), UUIDConverter(), PathConverter()]


@settings(max_examples=25, deadline=None)
@given(st.data())
@pytest.mark.parametrize("converter", [*BUILTIN, EvenConverter()], ids=lambda c: type(c).__name__)
def test_what_a_converter_matches_its_schema_accepts(converter: Any, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(converter.regex, fullmatch=True).filter(lambda s: "\n" not in s))
    value = converter.to_python(text)
    instance = value if isinstance(value, int) and not isinstance(converter, EvenConverter) else text
    jsonschema.validate(instance, converter_schema(converter), format_checker=jsonschema.FormatChecker())


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="ab-_09/Zé:", max_size=12))
@pytest.mark.parametrize("converter", [StringConverter(), SlugConverter(), EvenConverter()], ids=lambda c: type(c).__name__)
def test_a_string_schema_rejects_what_the_converter_rejects(converter: Any, text: str) -> None:
    matches = re.fullmatch(converter.regex, text) is not None
    valid = jsonschema.Draft7Validator(converter_schema(converter)).is_valid(text)
    assert valid == matches


def test_a_custom_subclass_of_a_builtin_converter_is_described_by_its_own_regex() -> None:
    assert converter_schema(EvenConverter()) == {"type": "string", "pattern": "^[0-9]*[02468]$"}
    assert converter_schema(IntConverter()) == INT


@pytest.mark.parametrize(
    ("regex", "inside", "outside"),
    [("a|bc", ["a", "bc"], ["abc", "ab"]), (r"(?P<x>\d)(?P=x)", ["11"], ["12"]), ("[^/]+", ["ab"], ["a/b", ""])],
)
def test_anchored_patterns_match_whole_values_only(regex: str, inside: list[str], outside: list[str]) -> None:
    pattern = anchored(regex)
    assert "(?P" not in pattern  # ECMA-262 syntax for AsyncAPI tools
    python = pattern.replace("(?<", "(?P<").replace(r"\k<x>", "(?P=x)")
    assert all(re.search(python, value) for value in inside)
    assert not any(re.search(python, value) for value in outside)


def test_parameter_objects_say_the_schema_in_asyncapi_3_terms() -> None:
    assert parameter_object("ride_id", INT) == {"description": "Path parameter `ride_id`: an integer ≥ 0."}
    assert parameter_object("mode", {"type": "string", "enum": ["a", 1], "default": "a", "examples": ["a"]}) == {
        "description": "Path parameter `mode`: a string.",
        "enum": ["a", "1"],
        "default": "a",
        "examples": ["a"],
    }
    assert "^[a-z]+$" in parameter_object("room", {"type": "string", "pattern": "^[a-z]+$"})["description"]
    assert "UUID" in parameter_object("id", UUID_SCHEMA)["description"]


# -- @document_channel ---------------------------------------------------------------------------------


def test_document_channel_stores_its_fields_and_the_cleaned_docstring() -> None:
    @document_channel("rideUpdates", title="Ride updates", summary="Where the car is", tags=["rides", "rides", "live"])
    class Rides(EchoConsumer):
        """Live position of a ride.

            Detail.
                Deeper.
        """

    assert channel_doc(Rides) == ChannelDoc(
        name="rideUpdates",
        title="Ride updates",
        summary="Where the car is",
        description="Live position of a ride.\n\nDetail.\n    Deeper.",
        tags=("rides", "live"),
    )


def test_document_channel_is_inherited_and_overridable() -> None:
    @document_channel(tags=["base"])
    class Base(EchoConsumer):
        """Base docs."""

    class Child(Base):
        """Child docs are not read: the decorator ran on Base."""

    @document_channel("grandchild", description="")
    class Grandchild(Child):
        """Explicitly left out."""

    assert channel_doc(Child) is channel_doc(Base)
    assert channel_doc(Base) == ChannelDoc(description="Base docs.", tags=("base",))
    assert channel_doc(Grandchild) == ChannelDoc(name="grandchild")
    assert channel_doc(EchoConsumer) is None


def test_document_channel_counts_as_documentation_for_discovery() -> None:
    @document_channel()
    class Announced(AsyncJsonWebsocketConsumer):
        """No handlers yet, but listed on purpose."""

    class Silent(AsyncJsonWebsocketConsumer):
        pass

    routes, _ = walk(URLRouter([path("a/", Announced.as_asgi()), path("s/", Silent.as_asgi())]))
    assert [route.consumer for route in documented(routes)] == [Announced]


@pytest.mark.parametrize(
    ("use", "fragment"),
    [
        (lambda: document_channel("has space"), "not a valid channel id"),
        (lambda: document_channel("ok", tags="rides")(EchoConsumer), "tags must be a list"),
        (lambda: document_channel("ok", title=3)(EchoConsumer), "title must be a string"),  # type: ignore[arg-type]
        (lambda: document_channel()(lambda: None), "decorates consumer classes"),  # type: ignore[type-var]
    ],
)
def test_document_channel_refuses_what_it_cannot_store(use: Any, fragment: str) -> None:
    with pytest.raises(DecoratorError, match=fragment) as caught:
        use()
    assert caught.value.hint
