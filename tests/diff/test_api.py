"""The public ``asyncapi_tools.diff`` and the pieces it relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

import asyncapi_tools
from asyncapi_tools._yaml import position
from asyncapi_tools._yaml.located import located_load

from .cases import OBJ, OBJ_REQ, document


def test_diff_is_exported_lazily() -> None:
    assert "diff" in asyncapi_tools.__all__ and "DiffChange" in asyncapi_tools.__all__
    assert asyncapi_tools.diff.__module__ == "asyncapi_tools._diff._engine"


def test_documents_are_accepted_as_sides() -> None:
    old = asyncapi_tools.loads(document(ask=OBJ), source="old.yaml")
    new = asyncapi_tools.loads(document(ask=OBJ_REQ), source="new.yaml")
    (change,) = asyncapi_tools.diff(old, new)
    assert change.check == "request-property-became-required"
    assert change.old is not None and change.old.file == "old.yaml" and change.old.line is not None
    assert str(change.new).startswith("new.yaml:")


def test_fast_positions_match_the_round_trip_ones() -> None:
    text = document()
    tree = asyncapi_tools.loads(text).tree
    _data, positions = located_load(text)
    for path in [
        ("info", "version"),
        ("servers", "prod", "variables", "region", "enum", 1),
        ("channels", "room", "messages", "ping", "$ref"),
        ("operations", "ask", "reply", "messages", 0),
        ("components", "messages", "Ping", "payload", "properties", "type"),
        ("components", "messages", "Nope"),
    ]:
        assert positions(path) == position(tree, path), path


def test_yaml_12_scalars_and_dates_load_like_the_pipeline(tmp_path: Path) -> None:
    data, _ = located_load("on: yes\nwhen: 2024-01-02\noctal: 010\n")
    assert data == {"on": "yes", "when": "2024-01-02", "octal": 10}


def test_malformed_yaml_raises_the_located_error() -> None:
    with pytest.raises(asyncapi_tools.YAMLSyntaxError) as caught:
        located_load("a: [1,\n", source="x.yaml")
    assert caught.value.file == "x.yaml" and caught.value.line is not None


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(asyncapi_tools.YAMLSyntaxError):
        located_load("a: 1\na: 2\n", source="x.yaml")


def test_a_message_no_operation_uses_gets_both_rules(tmp_path: Path) -> None:
    """Bye is in a channel but in no operation: removing a field is a response break, adding a
    required one a request break."""
    edit = "      payload:\n        type: object\n    Hello:"
    old = document(b=f"{edit}=>      payload:\n        type: object\n        properties:\n          r: {{type: string}}\n    Hello:")
    new = document(b=f"{edit}=>      payload:\n        type: object\n        required: [s]\n        properties:\n          s: {{type: string}}\n    Hello:")
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    found = {(c.check, c.level) for c in asyncapi_tools.diff(tmp_path / "old.yaml", tmp_path / "new.yaml")}
    assert ("response-property-removed", "error") in found
    assert ("request-required-property-added", "error") in found


def test_recursive_schemas_terminate(tmp_path: Path) -> None:
    tree = "{type: object, properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}"
    old = document(ask="{$ref: '#/components/schemas/Node'}", s=f"    Shared:\n=>    Node: {tree}\n    Shared:\n")
    new = old.replace("type: array", "type: array, maxItems: 3", 1)
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    checks = [c.check for c in asyncapi_tools.diff(tmp_path / "old.yaml", tmp_path / "new.yaml")]
    assert checks == ["request-max-items-decreased"]


def test_json_that_libyaml_refuses_still_loads_with_positions() -> None:
    text = '{"asyncapi": "3.0.0", "info": {"title": "Smile \\ud83d\\ude00", "version": "1"}}'
    data, positions = located_load(text, source="x.json")
    assert data["info"]["title"] == "Smile \U0001f600"
    assert positions(("info", "version")) == (1, text.index("\"version\"") + 1)
