"""The official example documents: a document never differs from itself, and a payload break
planted in any of them is found (a property removed from what the server sends, a required one
added to what the client sends)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

import asyncapi_tools
from asyncapi_tools._diff._direction import REQUEST, RESPONSE, Direction, usage
from asyncapi_tools._diff._load import open_side
from asyncapi_tools._diff._nodes import Node, root
from tests.conftest import complete_documents, corpus_id

CORPUS = [path for path in complete_documents() if path.read_text(encoding="utf-8").lstrip().startswith("asyncapi: 3")]


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_a_document_does_not_differ_from_itself(path: Path) -> None:
    assert asyncapi_tools.diff(path, path) == []


def _payload_with_properties(path: Path, direction: Direction) -> Node | None:
    """The first payload schema (in the file itself) of a message flowing in ``direction``."""
    document = root(open_side(str(path)))
    for (channel, key), ways in sorted(usage(document).items()):
        if direction not in ways:
            continue
        message = document.child("channels").child(channel).resolved().child("messages").child(key).resolved()
        payload = message.child("payload").resolved()
        if payload.doc is document.doc and isinstance(payload.get("properties"), dict) and payload.get("properties"):
            return payload
    return None


def _edit(data: Any, steps: tuple[str | int, ...]) -> Any:
    for step in steps:
        data = data[step]
    return data


def _self_contained(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return not any(marker in text for marker in (".yaml#", ".yml#", ".json#", "http://", "https://json"))


#: every self-contained document and direction that has a payload with properties to break
PLANTED = [
    (path, direction)
    for path in CORPUS
    if _self_contained(path)
    for direction in (REQUEST, RESPONSE)
    if _payload_with_properties(path, direction) is not None
]


def test_enough_documents_to_plant_in() -> None:
    assert len({path for path, _ in PLANTED}) >= 20
    assert {direction for _, direction in PLANTED} == {REQUEST, RESPONSE}


@pytest.mark.parametrize(("path", "direction"), PLANTED, ids=lambda value: corpus_id(value) if isinstance(value, Path) else value)
def test_a_planted_payload_break_is_found(path: Path, direction: Direction, tmp_path: Path) -> None:
    payload = _payload_with_properties(path, direction)
    assert payload is not None
    data = open_side(str(path)).root.data
    schema = _edit(data, payload.path)
    if direction == RESPONSE:
        name = sorted(schema["properties"])[0]
        del schema["properties"][name]
        expected = {"response-property-removed", "deprecated-property-removed"}
    else:
        schema["properties"]["plantedField"] = {"type": "string"}
        schema["required"] = [*schema.get("required", []), "plantedField"]
        expected = {"request-required-property-added"}
    mutated = tmp_path / "mutated.json"
    mutated.write_text(json.dumps(data), encoding="utf-8")
    found = {change.check for change in asyncapi_tools.diff(path, mutated)}
    assert found & expected, sorted(found)


NEIGHBOURS = list(itertools.pairwise(CORPUS))


@pytest.mark.parametrize(("old", "new"), NEIGHBOURS, ids=lambda path: corpus_id(path))
def test_two_unrelated_documents_diff_into_well_formed_changes(old: Path, new: Path) -> None:
    """Much differs (or only prose and bindings no check covers): every change still comes from
    a catalogued check, at its level, with a place in one document or the other."""
    from asyncapi_tools._diff import CHECKS

    changes = asyncapi_tools.diff(old, new)
    for change in changes:
        assert CHECKS[change.check].level == change.level
        assert change.old is not None or change.new is not None
        assert change.message and change.why
