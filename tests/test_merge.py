"""merge(): RFC 7386 on mappings, named lists by name, comments of both sides kept, clear errors."""

from __future__ import annotations

from textwrap import dedent

import pytest

from asyncapi_tools import MergeChange, MergeError, dumps, loads, merge, merge_with_report

BASE = dedent(
    """\
    # header
    asyncapi: 3.0.0
    info:
      title: Chat  # the name
      version: '1.0.0'
      # tags lead
      tags:
        - name: chat  # chat tag
          description: old
        - name: admin
      x-internal: true
    # ---- channels ----
    channels:
      room:
        address: /room  # path
      # presence lead
      presence:
        address: /presence
    # end of channels
    components: {}
    """
)

OVERLAY = dedent(
    """\
    asyncapi: 3.0.0
    info:
      version: '1.1.0'
      tags:
        - name: chat
          description: new
        # a new tag
        - name: ops
      x-internal: null
    channels:
      room:
        address: /room
      # typing lead
      typing:
        address: /typing  # typing eol
    """
)


def doc(text: str, name: str):  # type: ignore[no-untyped-def]
    return loads(text, source=name)


def test_merge_semantics_and_comments_of_both_sides() -> None:
    merged, changes = merge_with_report(doc(BASE, "base.yaml"), doc(OVERLAY, "overlay.yaml"))
    out = dumps(merged)
    expected = (
        BASE.replace("'1.0.0'", "'1.1.0'")
        .replace("description: old", "description: new")
        .replace("    - name: admin\n  x-internal: true\n", "    - name: admin\n    # a new tag\n    - name: ops\n")
        .replace("  # presence lead\n", "  # typing lead\n  typing:\n    address: /typing  # typing eol\n  # presence lead\n")
    )
    assert out == expected
    assert changes == [
        MergeChange("changed", "/info/version", "overlay.yaml"),
        MergeChange("changed", "/info/tags/0/description", "overlay.yaml"),
        MergeChange("added", "/info/tags/2", "overlay.yaml"),
        MergeChange("deleted", "/info/x-internal", "overlay.yaml"),
        MergeChange("added", "/channels/typing", "overlay.yaml"),
    ]


def test_inputs_are_not_changed() -> None:
    base, overlay = doc(BASE, "b"), doc(OVERLAY, "o")
    merge(base, overlay)
    assert dumps(base) == BASE
    assert dumps(overlay) == dumps(doc(OVERLAY, "o"))


def test_later_overlays_win() -> None:
    first = doc("info:\n  version: '2'\n  title: A\n", "one.yaml")
    second = doc("info:\n  version: '3'\n", "two.yaml")
    merged, changes = merge_with_report(doc(BASE, "base.yaml"), first, second)
    assert merged.tree["info"]["version"] == "3"
    assert merged.tree["info"]["title"] == "A"
    assert [c.source for c in changes] == ["one.yaml", "one.yaml", "two.yaml"]


def test_lists_that_are_not_named_are_replaced() -> None:
    base = doc("a:\n  required: [x, y]  # keep me\n  l:\n    - name: n\n    - plain\n", "b")
    merged, changes = merge_with_report(base, doc("a:\n  required: [z]\n  l:\n    - name: m\n", "o"))
    assert merged.plain() == {"a": {"required": ["z"], "l": [{"name": "m"}]}}
    assert "required: [z]  # keep me" in dumps(merged)
    assert [c.pointer for c in changes] == ["/a/required", "/a/l"]


def test_an_empty_overlay_list_clears_a_named_list() -> None:
    merged = merge(doc("tags:\n  - name: a\n", "b"), doc("tags: []\n", "o"))
    assert merged.tree["tags"] == []


def test_null_deletes_and_missing_keys_stay() -> None:
    merged = merge(doc("a: 1\nb:\n  c: 2\n  d: 3\n", "b"), doc("b:\n  c: null\n  zz: null\n", "o"))
    assert merged.plain() == {"a": 1, "b": {"d": 3}}


def test_new_keys_follow_the_overlay_order() -> None:
    merged = merge(doc("a: 1\nb: 2\n", "b"), doc("x: 0\nb: 2\ny: 3\n", "o"))
    assert list(merged.tree) == ["a", "x", "b", "y"]


def test_version_mismatch_names_both_files() -> None:
    with pytest.raises(MergeError) as info:
        merge(doc("asyncapi: 3.0.0\n", "base.yaml"), doc("asyncapi: 3.1.0\n", "over.yaml"))
    text = str(info.value)
    assert "base.yaml" in text and "over.yaml" in text and "#/asyncapi" in text
    assert info.value.file == "over.yaml" and info.value.line == 1


@pytest.mark.parametrize(
    ("base", "overlay", "pointer"),
    [
        ("a:\n  b:\n    c: 1\n", "a:\n  b: scalar\n", "#/a/b"),
        ("a:\n  b: scalar\n", "a:\n  b:\n    c: 1\n", "#/a/b"),
        ("a:\n  b: [1]\n", "a:\n  b:\n    c: 1\n", "#/a/b"),
    ],
)
def test_mapping_against_non_mapping_is_an_error(base: str, overlay: str, pointer: str) -> None:
    with pytest.raises(MergeError) as info:
        merge(doc(base, "base.yaml"), doc(overlay, "over.yaml"))
    text = str(info.value)
    assert "base.yaml" in text and "over.yaml" in text and pointer in text
    assert info.value.line == 2


def test_null_in_the_base_takes_a_mapping() -> None:
    merged = merge(doc("a:\n", "b"), doc("a:\n  b: 1\n", "o"))
    assert dumps(merged) == "a:\n  b: 1\n"


def test_anchored_nodes_are_copied_before_a_merge_changes_them() -> None:
    base = doc("s:\n  Base: &base\n    type: object\n  Shout: *base\n", "b")
    merged = merge(base, doc("s:\n  Shout:\n    title: Shout\n", "o"))
    plain = merged.plain()
    assert plain["s"]["Base"] == {"type": "object"}
    assert plain["s"]["Shout"] == {"type": "object", "title": "Shout"}
