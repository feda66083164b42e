"""Discovery feeding the generator: ``AsyncAPIGenerator.from_routing()`` on a real routing."""

from __future__ import annotations

from pathlib import Path

import pytest

import asyncapi_tools
from django_bridge import AsyncAPIGenerator

PROJECT_APP = "tests.routing_project.asgi.application"


@pytest.fixture()
def generator(settings) -> AsyncAPIGenerator:
    settings.ASGI_APPLICATION = PROJECT_APP
    return AsyncAPIGenerator.from_routing()


def test_every_documented_route_is_a_channel_with_typed_parameters(generator: AsyncAPIGenerator) -> None:
    spec = generator.get_spec()
    addresses = [channel["address"] for channel in spec["channels"].values()]
    assert addresses == sorted(set(addresses), key=addresses.index), "one channel per route"
    for channel in spec["channels"].values():
        expressions = {part.split("}")[0] for part in channel["address"].split("{")[1:]}
        assert expressions == set(channel.get("parameters", {})), channel["address"]
        for name, parameter in channel.get("parameters", {}).items():
            assert parameter["description"].startswith(f"Path parameter `{name}`")
    integer = [
        p for c in spec["channels"].values() for p in c.get("parameters", {}).values() if "integer" in p["description"]
    ]
    assert integer, "an <int:...> converter is documented as an integer"


def test_channel_metadata_comes_from_document_channel(generator: AsyncAPIGenerator) -> None:
    channels = generator.get_spec()["channels"]
    ride = channels["RideUpdates"]
    assert ride["title"] == "Ride updates"
    assert ride["tags"] == [{"name": "rides"}]
    assert ride["description"].startswith("Live position of one ride.")
    assert any(c.get("summary") == "Chat in one room" for c in channels.values())


def test_plain_consumers_are_notes_not_errors(generator: AsyncAPIGenerator) -> None:
    codes = {d.code for d in generator.diagnostics}
    assert "route-undocumented" in codes
    doc = generator.get_document()
    assert not [d for d in asyncapi_tools.validate(doc) if d.severity == "error"]


@pytest.mark.node
def test_the_discovered_spec_passes_the_official_parser(generator: AsyncAPIGenerator, tmp_path: Path) -> None:
    from tests._support.official import official_errors

    path = tmp_path / "discovered.yaml"
    path.write_text(generator.get_yaml(), encoding="utf-8")
    assert official_errors(path) == []


def test_conflicting_annotation_is_a_warning(settings) -> None:
    from tests.django_bridge.test_bridge_hints import ConflictConsumer

    generator = AsyncAPIGenerator(ConflictConsumer, channel_path="/ws/c/")
    warnings = [d for d in generator.diagnostics if d.code == "type-hint-conflict"]
    assert warnings and warnings[0].breadcrumb == "ConflictConsumer > handle_ping"
    assert warnings[0].severity == "warning"


def test_undocumented_consumers_can_be_listed_as_empty_channels(settings) -> None:
    settings.ASGI_APPLICATION = PROJECT_APP
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"DISCOVER_UNDOCUMENTED": True}
    listed = AsyncAPIGenerator.from_routing()
    skipped_count = len(AsyncAPIGenerator.from_routing(settings=_defaults()).get_spec()["channels"])
    channels = listed.get_spec()["channels"]
    assert len(channels) > skipped_count
    assert any(channel["messages"] == {} for channel in channels.values())
    assert "route-undocumented" not in {d.code for d in listed.diagnostics}
    assert not [d for d in asyncapi_tools.validate(listed.get_document()) if d.severity == "error"]


def _defaults():
    from django_bridge import build_settings

    return build_settings({})
