"""JSON pointers (RFC 6901) through the public helpers every walker shares."""

from __future__ import annotations

import os

import pytest

from asyncapi_tools import (
    display_path,
    escape_pointer_step,
    json_pointer,
    loads,
    resolve_json_pointer,
    split_json_pointer,
)


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        ([], ""),
        (["channels", "chat/{room}"], "/channels/chat~1{room}"),
        (["a~b", 0], "/a~0b/0"),
        (["~1"], "/~01"),  # the escaped text of a key, not a slash
    ],
)
def test_join_and_split_round_trip(path: list[object], pointer: str) -> None:
    assert json_pointer(path) == pointer
    assert split_json_pointer(pointer) == [str(step) for step in path]
    assert split_json_pointer("#" + pointer) == [str(step) for step in path]


def test_escape_order_keeps_tilde_one_distinct_from_slash() -> None:
    assert escape_pointer_step("~1") == "~01"
    assert escape_pointer_step("/") == "~1"


def test_resolve_follows_keys_indexes_and_numeric_keys() -> None:
    doc = loads("responses:\n  200:\n    items: [a, b]\n'x/y': 1\n")
    assert resolve_json_pointer(doc.tree, "#/responses/200/items/1") == "b"
    assert resolve_json_pointer(doc.tree, "/x~1y") == 1
    assert resolve_json_pointer(doc.tree, "/responses/404", default="missing") == "missing"
    assert resolve_json_pointer(doc.tree, "/responses/200/items/9") is None
    assert resolve_json_pointer(doc.tree, ["responses", "200", "items", "0"]) == "a"


def test_display_path_is_relative_below_the_working_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "specs" / "a.yaml"
    assert display_path(inside) == os.path.join("specs", "a.yaml")
    outside = tmp_path.parent / "elsewhere.yaml"
    assert display_path(outside) == str(outside)
