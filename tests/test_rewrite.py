"""rewrite(): a committed tree becomes the new data while its comments, quoting and layout stay."""

from __future__ import annotations

import json
from textwrap import dedent

import pytest

from asyncapi_tools import _yaml
from asyncapi_tools._yaml.edit import rewrite
from asyncapi_tools._yaml.equality import data_equal

COMMITTED = dedent(
    """\
    # header: hand-written
    asyncapi: 3.0.0
    info:
      title: Chat  # product name
      version: '1.0.0'  # bump on release
      description: |
        First line.
        Second line.
      x-owner: team-chat
    # ---- channels ----
    channels:
      room:
        address: /room/{id}  # the room path
        # parameters lead
        parameters:
          id: {}
      # presence, hand-written
      presence:
        address: /presence
    # end of channels
    operations:
      tags: [chat, write]  # flow style
    """
)


def rewritten(text: str, new_text: str) -> tuple[bool, str]:
    tree = _yaml.parse(text)
    changed = rewrite(tree, _yaml.parse(new_text))
    return changed, _yaml.dump(tree)


def test_unchanged_data_is_untouched_even_with_other_comments() -> None:
    other_layout = "asyncapi: 3.0.0\ninfo: {title: Chat, version: 1.0.0, description: \"First line.\\nSecond line.\\n\", x-owner: team-chat}\n" \
        "channels: {room: {address: '/room/{id}', parameters: {id: {}}}, presence: {address: /presence}}\noperations: {tags: [chat, write]}\n"
    changed, out = rewritten(COMMITTED, other_layout)
    assert changed is False
    assert out == COMMITTED


def test_changed_scalar_keeps_quotes_and_comment_gap() -> None:
    new = COMMITTED.replace("'1.0.0'  # bump", "'1.10.0'  # bump")
    changed, out = rewritten(COMMITTED, new.replace("'1.10.0'", "1.10.0"))
    assert changed is True
    assert "  version: '1.10.0'  # bump on release\n" in out
    assert out.replace("'1.10.0'", "'1.0.0'") == COMMITTED


def test_block_scalar_keeps_its_style() -> None:
    changed, out = rewritten(COMMITTED, COMMITTED.replace("Second line.", "Third line."))
    assert changed
    assert "  description: |\n    First line.\n    Third line.\n" in out


def test_new_key_goes_where_the_new_document_puts_it_with_its_comments() -> None:
    new = COMMITTED.replace(
        "  # presence, hand-written\n",
        "  # typing, generated\n  typing:\n    address: /typing  # typing eol\n  # presence, hand-written\n",
    )
    changed, out = rewritten(COMMITTED, new)
    assert changed
    assert out == new


def test_new_key_at_the_end_keeps_trailing_comments_after_it() -> None:
    new = COMMITTED.replace("# end of channels\n", "  # lead late\n  late:\n    address: /late\n# end of channels\n")
    _changed, out = rewritten(COMMITTED, new)
    assert out == new


def test_deleted_key_takes_its_leading_comment_and_rescues_the_next_one() -> None:
    new = COMMITTED.replace("  # presence, hand-written\n  presence:\n    address: /presence\n", "")
    changed, out = rewritten(COMMITTED, new)
    assert changed
    assert "presence" not in out
    assert "# end of channels\noperations:" in out
    assert out == new


def test_deleting_the_first_key_rescues_the_comment_of_the_second() -> None:
    text = "a:\n  x: 1  # eol x\n  # lead y\n  y: 2\nb: 3\n"
    _changed, out = rewritten(text, "a:\n  y: 2\nb: 3\n")
    assert out == "a:\n  # lead y\n  y: 2\nb: 3\n"


def test_deleting_every_key_keeps_the_comments_that_lead_the_next_entry() -> None:
    text = "a:\n  x: 1\n# lead b\nb: 3\n"
    _changed, out = rewritten(text, "a: {}\nb: 3\n")
    assert "# lead b\nb: 3" in out
    assert _yaml.parse(out) == {"a": {}, "b": 3}


def test_kind_change_keeps_key_comment_and_following_comments() -> None:
    text = "a: 1  # eol a\n# lead b\nb: 2\n"
    changed, out = rewritten(text, "a:\n  nested: true\nb: 2\n")
    assert changed
    assert data_equal(_yaml.parse(out), {"a": {"nested": True}, "b": 2})
    assert "# lead b\nb: 2" in out
    back = rewritten(out, text)[1]
    assert "# lead b\nb: 2" in back and "a: 1" in back


def test_sequences_are_updated_in_place() -> None:
    text = "l:\n  - a  # eol a\n  # lead b\n  - b\n  - c\n# after\nm: [1, 2]  # flow\n"
    changed, out = rewritten(text, "l:\n  - a\n  - B\nm: [1, 2, 3]\n")
    assert changed
    assert out == "l:\n  - a  # eol a\n  # lead b\n  - B\n# after\nm: [1, 2, 3]  # flow\n"
    changed, out = rewritten(text, "l: [a, b, c, d]\nm: [1, 2]\n")
    assert changed
    assert out == "l:\n  - a  # eol a\n  # lead b\n  - b\n  - c\n  - d\n# after\nm: [1, 2]  # flow\n"


def test_types_are_compared_strictly() -> None:
    for old, new in [("1", "true"), ("1", "1.0"), ("0", "false"), ("'1'", "1"), ("null", "''")]:
        changed, out = rewritten(f"a: {old}\n", f"a: {new}\n")
        assert changed, (old, new)
        assert out == f"a: {new}\n"


def test_plain_data_as_the_new_content() -> None:
    tree = _yaml.parse(COMMITTED)
    data = _yaml.to_plain(tree)
    assert rewrite(tree, data) is False
    data["info"]["title"] = "Chat 2"
    data["info"]["description"] = "One.\nTwo.\n"
    data["servers"] = {"prod": {"host": "x", "protocol": "wss"}}
    assert rewrite(tree, data) is True
    out = _yaml.dump(tree)
    assert "  title: Chat 2  # product name\n" in out
    assert "  description: |\n    One.\n    Two.\n" in out
    assert data_equal(_yaml.parse(out), data)


def test_anchored_node_is_copied_before_it_changes() -> None:
    text = dedent(
        """\
        components:
          schemas:
            Base: &base
              type: object
              additionalProperties: false
            Shout:
              payload: *base
        """
    )
    # through JSON: plain data in which the two paths are two objects (to_plain keeps them one)
    new = json.loads(json.dumps(_yaml.to_plain(_yaml.parse(text))))
    new["components"]["schemas"]["Shout"]["payload"]["additionalProperties"] = True
    tree = _yaml.parse(text)
    assert rewrite(tree, new)
    out = _yaml.parse(_yaml.dump(tree))
    assert out["components"]["schemas"]["Base"]["additionalProperties"] is False
    assert out["components"]["schemas"]["Shout"]["payload"]["additionalProperties"] is True


def test_merge_key_inheritance_survives_and_overrides_are_explicit() -> None:
    text = "defaults: &d\n  a: 1\n  b: 2\nuse:\n  <<: *d\n  c: 3\n"
    new = {"defaults": {"a": 1, "b": 2}, "use": {"a": 1, "b": 5, "c": 3}}
    tree = _yaml.parse(text)
    assert rewrite(tree, new)
    out = _yaml.dump(tree)
    assert "<<: *d" in out
    assert data_equal(_yaml.to_plain(_yaml.parse(out)), new)
    deleted = {"defaults": {"a": 1, "b": 2}, "use": {"a": 1, "c": 3}}
    tree = _yaml.parse(text)
    assert rewrite(tree, deleted)
    assert data_equal(_yaml.to_plain(_yaml.parse(_yaml.dump(tree))), deleted)


@pytest.mark.parametrize("key_text", ["200", "1.5"])
def test_non_string_keys_match_their_text(key_text: str) -> None:
    tree = _yaml.parse(f"{key_text}: ok\n")
    assert rewrite(tree, {key_text: "ok"}) is False
    assert rewrite(tree, {key_text: "changed"}) is True
    assert _yaml.dump(tree) == f"{key_text}: changed\n"
