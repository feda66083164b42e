"""merge() keeps the comments of both sides, once each, and writes replaced values as the overlay
wrote them (issue 11). Every test states the exact output text."""

from __future__ import annotations

from textwrap import dedent

from asyncapi_tools import Document, dumps, loads, merge


def merged_text(base: str, *overlays: str) -> str:
    documents = [loads(dedent(text), source=f"doc{index}.yaml") for index, text in enumerate((base, *overlays))]
    return dumps(merge(documents[0], *documents[1:]))


def test_the_overlay_head_comment_follows_the_base_head_comment() -> None:
    out = merged_text(
        """\
        # Chat service (hand-written)
        asyncapi: 3.0.0
        info:
          title: Chat
        """,
        """\
        # Production overrides
        # (applied by CI)
        info:
          title: Chat (prod)
        """,
    )
    assert out == dedent(
        """\
        # Chat service (hand-written)
        # Production overrides
        # (applied by CI)
        asyncapi: 3.0.0
        info:
          title: Chat (prod)
        """
    )


def test_an_overlay_head_comment_becomes_the_head_when_the_base_has_none() -> None:
    assert merged_text("a: 1\n", "# from the overlay\na: 2\n") == "# from the overlay\na: 2\n"


def test_the_overlay_footer_follows_the_base_footer() -> None:
    out = merged_text("a: 1\n# base end\n", "b: 2  # b\n# overlay end\n")
    assert out == "a: 1\nb: 2  # b\n# base end\n# overlay end\n"


def test_end_of_line_comments_on_replaced_scalars_come_from_both_sides() -> None:
    out = merged_text(
        """\
        info:
          title: Chat  # shown in the docs header
          version: 1.0.0
          contact:
            name: Team  # same on both sides
        """,
        """\
        info:
          title: Chat (prod)  # prod name
          version: 2.0.0  # bumped by CI
          contact:
            name: Ops  # same on both sides
        """,
    )
    assert out == dedent(
        """\
        info:
          title: Chat (prod)  # shown in the docs header  # prod name
          version: 2.0.0  # bumped by CI
          contact:
            name: Ops  # same on both sides
        """
    )


def test_a_base_end_of_line_comment_keeps_its_gap_when_the_overlay_has_none() -> None:
    out = merged_text("a:\n  b: short  # why\n  c: 1\n", "a:\n  b: a longer value\n")
    assert out == "a:\n  b: a longer value  # why\n  c: 1\n"


def test_the_replaced_scalar_takes_the_overlay_style() -> None:
    """A one-line overlay value replacing a folded block is one line; quotes follow the overlay."""
    out = merged_text(
        """\
        info:
          description: >-
            A long folded
            description.
          version: '1.0.0'
          summary: plain
          license: |
            MIT
        """,
        """\
        info:
          description: One line.  # short now
          version: 2.0.0
          summary: "double"
          license: |
            Apache-2.0
            (see LICENSE)
        """,
    )
    assert out == dedent(
        """\
        info:
          description: One line.  # short now
          version: 2.0.0
          summary: "double"
          license: |
            Apache-2.0
            (see LICENSE)
        """
    )


def test_generated_plain_data_keeps_the_base_style() -> None:
    """An overlay built from plain data has no style of its own: the base's quoting stays."""
    base = loads("info:\n  version: '1.0.0'  # release\n", source="base.yaml")
    generated = Document(tree={"info": {"version": "2.0.0"}}, source="<generated>")
    assert dumps(merge(base, generated)) == "info:\n  version: '2.0.0'  # release\n"


def test_comments_leading_and_inside_an_added_subtree_come_along() -> None:
    out = merged_text(
        """\
        channels:
          room:
            address: /room  # the room
          # presence is hand-written
          presence:
            address: /presence
        """,
        """\
        channels:
          room:
            address: /room
          # typing indicator, generated
          typing:  # since 2.0
            # the path
            address: /typing  # typing eol
            messages:
              # one message
              start: {}
        """,
    )
    assert out == dedent(
        """\
        channels:
          room:
            address: /room  # the room
          # typing indicator, generated
          typing:  # since 2.0
            # the path
            address: /typing  # typing eol
            messages:
              # one message
              start: {}
          # presence is hand-written
          presence:
            address: /presence
        """
    )


def test_comments_above_keys_both_sides_have_are_added_once() -> None:
    out = merged_text(
        """\
        info:
          # shown first
          title: Chat
          # keep in sync with setup.py
          version: 1.0.0
        """,
        """\
        info:
          # shown first
          title: Chat
          # set by the release job
          version: 2.0.0
        """,
    )
    assert out == dedent(
        """\
        info:
          # shown first
          title: Chat
          # keep in sync with setup.py
          # set by the release job
          version: 2.0.0
        """
    )


def test_merging_the_same_overlay_twice_adds_its_comments_once() -> None:
    overlay = "# head\ninfo:\n  # lead\n  version: 2.0.0  # eol\n# end\n"
    once = merged_text("info:\n  version: 1.0.0  # base\n", overlay)
    assert merged_text(once, overlay) == once == "# head\ninfo:\n  # lead\n  version: 2.0.0  # base  # eol\n# end\n"


def test_a_base_with_merge_keys_keeps_them_and_overrides_explicitly() -> None:
    out = merged_text(
        """\
        x-defaults: &defaults
          contentType: application/json  # default
          bindings: {ws: {}}
        components:
          messages:
            a:
              <<: *defaults
              name: A
        """,
        """\
        components:
          messages:
            a:
              contentType: text/plain  # overridden
        """,
    )
    assert out == dedent(
        """\
        x-defaults: &defaults
          contentType: application/json  # default
          bindings: {ws: {}}
        components:
          messages:
            a:
              <<: *defaults
              name: A
              contentType: text/plain  # overridden
        """
    )


def test_anchors_in_the_overlay_and_the_base_stay_independent() -> None:
    """An overlay's anchor and alias arrive as data; the base's anchor keeps its users, and a
    change through the base's alias copies the node at that one place."""
    merged = merge(
        loads("s:\n  Base: &base\n    type: object\n  Other: *base\n", source="b.yaml"),
        loads("x-shared: &shared {type: string}\ns:\n  Other:\n    format: uuid\n  New: *shared\n", source="o.yaml"),
    )
    out = dumps(merged)
    assert merged.plain() == {
        "s": {"Base": {"type": "object"}, "Other": {"type": "object", "format": "uuid"}, "New": {"type": "string"}},
        "x-shared": {"type": "string"},
    }
    assert loads(out).plain() == merged.plain()


def test_a_base_with_merge_keys_and_aliases_comes_through_an_unrelated_merge_unchanged() -> None:
    """The merged copy of the base keeps ``<<:`` and aliases as written (a plain deepcopy of a
    round-trip tree wrote every merge source again inline and invented ``&id001`` anchors)."""
    base = dedent(
        """\
        x-defaults: &defaults
          contentType: application/json  # default
          bindings: {ws: {}}
        x-list: &list [a, b]
        components:
          messages:
            a:
              <<: *defaults
              name: A
              tags: *list
            b:
              <<: [*defaults]
        """
    )
    assert merged_text(base, "info: {title: T}\n") == base + "info: {title: T}\n"


def test_an_added_list_with_a_comment_above_its_first_item_survives_titles_and_a_second_dump() -> None:
    """ruamel holds that comment as one token in two places; a copy that splits it made the next
    dump write ``required:   -`` onto one line (invalid YAML after title injection)."""
    from asyncapi_tools import inject_titles

    base = loads("asyncapi: 3.0.0\ncomponents:\n  messages: {}\n", source="base.yaml")
    overlay = loads(
        dedent(
            """\
            components:
              messages:
                m:
                  payload:
                    type: object
                    required:
                      # the id is mandatory
                      - id
            """
        ),
        source="overlay.yaml",
    )
    merged = merge(base, overlay)
    dumps(merged)
    inject_titles(merged)
    assert dumps(merged) == dedent(
        """\
        asyncapi: 3.0.0
        components:
          messages:
            m:
              payload:
                title: M
                type: object
                required:
                  # the id is mandatory
                  - id
        """
    )


# The shape of real hand-maintained specs (blank-line separated sections, section comments, a
# generated-file banner, `|` descriptions, block enums with end-of-line comments): the merged
# text differs from the base only on the lines the overlay changes, plus its head comment.
REAL_SHAPE = """\
# Generated by tools/gen: edit the source, not this file.
asyncapi: 3.0.0

info:
  title: Relay
  version: 1.0.0

# ---- channels ----
channels:
  appCommand:
    address: platform/messages/app-command
    description: |
      Mode A channel: the bot proxies the payload
      to the app.
    messages:
      appCommand:
        payload:
          type: object
          properties:
            platform:
              type: string
              enum:
                - webex  # default
                - slack

# ---- components ----
components:
  schemas: {}
"""


def test_a_real_shaped_spec_changes_only_where_the_overlay_says() -> None:
    overlay = "# deploy overlay\ninfo:\n  version: 1.1.0  # release\nchannels:\n  appCommand:\n    description: Mode A channel.  # shortened\n"
    assert merged_text(REAL_SHAPE, overlay) == (
        REAL_SHAPE.replace("file.\n", "file.\n# deploy overlay\n")
        .replace("  version: 1.0.0\n", "  version: 1.1.0  # release\n")
        .replace("    description: |\n      Mode A channel: the bot proxies the payload\n      to the app.\n", "    description: Mode A channel.  # shortened\n")
    )


def test_named_list_items_both_sides_have_take_the_overlay_comments() -> None:
    out = merged_text(
        "info:\n  tags:\n    - name: chat  # rooms\n      description: Chat\n    - name: ops\n",
        "info:\n  tags:\n    - name: chat\n      description: Chat  # from the overlay\n    - name: ops  # operations\n",
    )
    assert out == "info:\n  tags:\n    - name: chat  # rooms\n      description: Chat  # from the overlay\n    - name: ops  # operations\n"
