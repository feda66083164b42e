"""Reading and writing YAML through loads()/dumps(): faithful round trips on real documents, and
clear refusals of bad input."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import asyncapi_tools
from asyncapi_tools import InputError, YAMLSyntaxError, dumps, from_data, loads, merge
from tests._support.work import count_calls
from tests.conftest import complete_documents, corpus_id

COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def comments(text: str) -> Counter[str]:
    """Every comment-looking fragment (full-line or end-of-line), stripped."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        match = COMMENT.search(line)
        if match:
            found[match.group(1).strip()] += 1
    return found


@pytest.mark.parametrize("path", complete_documents(), ids=corpus_id)
def test_corpus_round_trip_keeps_comments_and_values_and_reaches_a_fixed_point(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = dumps(loads(text))
    assert loads(first).plain() == loads(text).plain()
    missing = comments(text) - comments(first)
    assert not missing, f"comments lost: {missing}"
    assert dumps(loads(first)) == first, "a second load → dump must change nothing"


def test_round_trip_keeps_quotes_block_scalars_anchors_and_flow_style() -> None:
    text = (
        "# header\n"
        "asyncapi: 3.0.0\n"
        "info:\n"
        "  title: \"Quoted\"\n"
        "  version: '1.0.0'  # kept quoted\n"
        "  description: |\n"
        "    Line one\n"
        "    Line two\n"
        "components:\n"
        "  schemas:\n"
        "    base: &base {type: object}\n"
        "    copy: *base\n"
        "  tags: [a, b]\n"
    )
    assert dumps(loads(text)) == text


def test_long_strings_are_not_folded() -> None:
    text = "description: " + "word " * 60 + "end\n"
    assert dumps(loads(text)) == text


def test_plain_view_converts_dates_and_keeps_types() -> None:
    plain = loads("d: 2024-01-02\non: yes\noctal: 010\nn: null\nf: 1.5\nb: &t true\nc: *t\n").plain()
    assert plain == {"d": "2024-01-02", "on": "yes", "octal": 10, "n": None, "f": 1.5, "b": True, "c": True}
    assert type(plain["b"]) is bool


def written_from_plain_data(data: dict[str, Any]) -> list[str]:
    """``data`` written both ways plain data is written: as generated (the fast writer) and as the
    round-trip tree a merge onto generated data makes (ruamel's emitter)."""
    merged = merge(from_data(data))
    assert hasattr(merged.tree, "ca"), "merge() no longer makes a round-trip tree: compare another way"
    return [dumps(from_data(data)), dumps(merged)]


def test_plain_data_writes_multiline_strings_as_literal_blocks() -> None:
    expected = "info:\n  description: |\n    first\n    second\n  title: x\n"
    assert written_from_plain_data({"info": {"description": "first\nsecond\n", "title": "x"}}) == [expected, expected]


def test_plain_data_keeps_strings_a_literal_block_cannot_carry() -> None:
    for text in written_from_plain_data({"d": "trailing \nspace"}):
        assert loads(text).plain() == {"d": "trailing \nspace"}


def test_position_maps_paths_to_lines() -> None:
    doc = loads("a:\n  b:\n    - x\n    - y\n")
    assert doc.position(["a", "b", 1]) == (4, 7)
    assert doc.position(["a", "missing"]) == (1, 1)


def test_malformed_yaml_names_line_and_column() -> None:
    with pytest.raises(YAMLSyntaxError) as info:
        asyncapi_tools.loads("asyncapi: 3.0.0\ninfo:\n  title: a: b\n", source="spec.yaml")
    assert (info.value.file, info.value.line, info.value.column) == ("spec.yaml", 3, 11)
    assert str(info.value).startswith("spec.yaml:3:11: error: malformed YAML")


def test_duplicate_keys_are_errors() -> None:
    with pytest.raises(YAMLSyntaxError) as info:
        asyncapi_tools.loads("operations:\n  a: {}\n  a: {}\n", source="dup.yaml")
    assert info.value.line == 3
    assert "duplicate key" in info.value.message


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines) + "\n"

    def load() -> None:
        with pytest.raises(YAMLSyntaxError, match="alias bomb"):
            asyncapi_tools.loads(text, source="bomb.yaml")

    _, calls = count_calls(load)
    # 9**9 nodes when expanded; the guard stops at 2,000,000, and refuses before even that many
    # calls (~40,000 today): a guard that expanded first would need at least one call per node
    assert calls < 500_000, f"{calls} calls: the alias bomb was expanded before it was refused"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"- a\n- b\n", "root is a list"),
        (b"just a string\n", "root is a str"),
        (b"\xff\xfea\x00", "UTF-16"),
        (b"info:\n  title: caf\xe9\n", "not valid UTF-8"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        asyncapi_tools.load(path)
    assert expected in info.value.message
    assert info.value.file == str(path)


def test_latin1_error_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(b"asyncapi: 3.0.0\ninfo:\n  title: caf\xe9\n")
    with pytest.raises(InputError) as info:
        asyncapi_tools.load(path)
    assert (info.value.line, info.value.column) == (3, 13)


def test_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(b"\xef\xbb\xbfasyncapi: 3.0.0\n")
    assert asyncapi_tools.load(path).asyncapi_version == "3.0.0"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        asyncapi_tools.load(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="directory"):
        asyncapi_tools.load(tmp_path)


def test_ruamel_c_loader_is_available_for_the_fast_path() -> None:
    from ruamel.yaml import YAML

    parser = YAML(typ="safe", pure=False).Parser
    assert "_ruamel_yaml" in parser.__module__ or "CParser" in parser.__name__


def test_document_diagnostic_is_located() -> None:
    doc = asyncapi_tools.loads("asyncapi: 3.0.0\noperations:\n  a/b:\n    action: publish\n", source="x.yaml")
    diagnostic = doc.diagnostic("schema", "bad action", path=["operations", "a/b", "action"])
    assert diagnostic.pointer == "/operations/a~1b/action"
    assert diagnostic.location == "x.yaml:4:5"
    assert diagnostic.format().startswith("x.yaml:4:5: error[schema]: bad action")


def test_dates_do_not_break_json_output() -> None:
    doc = asyncapi_tools.loads("asyncapi: 3.0.0\ninfo:\n  x-released: 2024-01-02\n")
    assert '"x-released": "2024-01-02"' in asyncapi_tools.dumps(doc, format="json")
    assert isinstance(doc.tree["info"]["x-released"], datetime.date)
