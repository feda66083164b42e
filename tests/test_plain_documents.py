"""Generated data stays plain through the pipeline: from_data, titles, merge, write, check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncapi_tools
from asyncapi_tools import check, dumps, from_data, inject_titles, loads, merge, write


def spec() -> dict[str, Any]:
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Rides", "version": "1.0.0", "description": "Line one.\nLine two."},
        "components": {
            "messages": {
                "rideRequested": {
                    "name": "rideRequested",
                    "payload": {"type": "object", "properties": {"pickup": {"type": "object", "properties": {"lat": {"type": "number"}}}}},
                }
            }
        },
    }


def test_from_data_keeps_a_plain_copy_of_the_data() -> None:
    data = spec()
    doc = from_data(data)
    assert type(doc.tree) is dict and not hasattr(doc.tree, "ca")  # no round-trip comment slots
    assert doc.tree == data and doc.tree is not data
    doc.tree["info"]["title"] = "Changed"
    assert data["info"]["title"] == "Rides"


def test_a_node_shared_by_two_paths_becomes_two_nodes() -> None:
    shared = {"type": "string"}
    doc = from_data({"a": shared, "b": shared})
    doc.tree["a"]["format"] = "uuid"
    assert doc.tree["b"] == {"type": "string"}


def test_dumps_of_plain_data_is_ruamels_dump_of_the_round_trip_tree() -> None:
    data = spec()
    text = dumps(from_data(data))
    # merge() turns a plain base into a round-trip tree, which dumps() writes with ruamel's emitter
    round_trip = merge(from_data(data))
    assert hasattr(round_trip.tree, "ca")
    assert text == dumps(round_trip)
    assert "description: |-\n    Line one.\n    Line two.\n" in text


def test_a_title_goes_first_in_the_plain_dict_every_holder_sees() -> None:
    """Titles are inserted in place: a reference to the schema taken before sees the title first."""
    for unshared in (False, True):
        doc = from_data(spec())
        payload = doc.tree["components"]["messages"]["rideRequested"]["payload"]
        holder = [payload]
        inject_titles(doc, unshared=unshared)
        assert doc.tree["components"]["messages"]["rideRequested"]["payload"] is payload
        assert list(holder[0]) == ["title", "type", "properties"]
        assert list(payload["properties"]["pickup"]) == ["title", "type", "properties"]


def test_titles_on_plain_data_come_first_like_on_a_round_trip_tree() -> None:
    plain = from_data(spec())
    tree = loads(dumps(plain))
    changes = inject_titles(plain)
    assert [c.pointer for c in changes] == [c.pointer for c in inject_titles(tree)]
    payload = plain.tree["components"]["messages"]["rideRequested"]["payload"]
    assert next(iter(payload)) == "title"
    assert next(iter(payload["properties"]["pickup"])) == "title"
    assert dumps(plain) == dumps(tree)


def test_merge_onto_a_plain_base_keeps_the_overlays_comments_and_the_base() -> None:
    base = from_data(spec())
    overlay = loads("info:\n  # who runs it\n  contact:\n    name: Ops  # on call\n", source="overlay.yaml")
    merged = merge(base, overlay)
    text = dumps(merged)
    assert "# who runs it" in text and "name: Ops  # on call" in text
    assert "contact" not in base.tree["info"]
    assert merged.plain()["info"]["contact"] == {"name": "Ops"}


def test_write_updates_a_commented_file_in_place_from_plain_data(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.yaml"
    data = spec()
    write(from_data(data), target)
    assert target.read_text(encoding="utf-8") == dumps(from_data(data))
    target.write_text(target.read_text(encoding="utf-8").replace("info:\n", "info:  # kept\n"), encoding="utf-8")
    data["info"]["version"] = "1.1.0"
    result = write(from_data(data), target)
    text = target.read_text(encoding="utf-8")
    assert result.changed and "info:  # kept\n" in text and "version: 1.1.0" in text
    assert check(from_data(data), target).up_to_date


def test_generated_documents_validate_as_plain_trees() -> None:
    data = spec()
    data["channels"] = {}
    data["operations"] = {}
    found = asyncapi_tools.validate(from_data(data))
    assert not [d for d in found if d.severity == "error"]
