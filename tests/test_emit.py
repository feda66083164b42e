"""The fast plain-data writer writes exactly what ruamel writes for ``from_plain(data)``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asyncapi_tools import _yaml
from asyncapi_tools._yaml import emit as emit_module
from asyncapi_tools._yaml.emit import emit

from .conftest import REPO_ROOT, complete_documents, corpus_id

GOLDEN = sorted((Path(__file__).resolve().parent / "django_bridge" / "golden").glob("*.yaml"))


def ruamel(data: Any) -> str:
    """The reference: ruamel's round-trip dump of the tree ``from_plain`` builds."""
    return _yaml._round_trip_dump(_yaml.from_plain(data))


def fast_only(data: Any) -> str:
    """The fast writer without its fallback (fails if it gives up on the document)."""
    return emit_module._Emitter().document(data)


# Strings chosen to hit every branch of ruamel's scalar analysis and its YAML 1.2 resolver.
TRICKY = [
    "", " ", "a", "-", "- a", "-a", "?", "? a", ":", ":a", "a:", "a: b", "a:b", "a #b", "a#b", "#a",
    "yes", "no", "on", "off", "y", "n", "true", "True", "FALSE", "null", "Null", "~", "NULL",
    "1", "-1", "+1", "01", "0o17", "0x1F", "0b1", "1_000", "1e3", "1.5", ".5", "1.", ".inf", "-.Inf",
    ".nan", ".NaN", "2024-01-01", "2024-01-01T10:00:00Z", "2024-1-1", "12:30", "1:20:30",
    "<<", "=", "!a", "&a", "*a", "%a", "@a", "`a", "|a", ">a", "'a'", '"a"', "it's", 'say "hi"',
    "a, b", "[a]", "{a}", "a[0]", "---", "--- a", "...", "... a", "a ", " a", "a  b", "a\tb",
    "\t", "é", "héllo wörld", "日本", "\u2028", "a\x85b", "\ufeffa", "a\x7fb", "\x00", "\U0001f600",
    "#/components/schemas/Ride", "$ref", "application/json", "https://example.com/a?b=c#d",
    "a\nb", "a\nb\n", "a\nb\n\n", "\na\nb", " a\nb", "a \nb", "a\tx\nb", "a\n\nb\n", "a\r\nb",
    "a\n", "\n", "\n\n", "a\u2028b\nc", "line one\n  indented\nthree", "x" * 130,
]

letters = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
texts = st.one_of(st.sampled_from(TRICKY), letters, st.lists(st.sampled_from(TRICKY), max_size=4).map("\n".join))
keys = st.one_of(texts.filter(lambda s: len(s) < 100 and "\n" not in s), st.integers(-1000, 10**12))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), texts
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=20,
)
documents = st.one_of(st.dictionaries(keys, values, max_size=5), st.lists(values, max_size=4))

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents)
def test_random_plain_data_is_written_byte_for_byte_like_ruamel(data: Any) -> None:
    assert emit(data) == ruamel(data)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(keys, st.sampled_from(TRICKY), min_size=1, max_size=6))
def test_tricky_scalars_take_the_fast_path_and_match(data: dict[Any, str]) -> None:
    """Without the fallback: every tricky scalar is decided here or by asking ruamel for it."""
    try:
        fast = fast_only(data)
    except emit_module._Unsupported:
        # only long keys (ruamel writes `? key`) or line breaks other than \n may give up
        assert any(len(str(k)) > emit_module._LONGEST_KEY for k in data) or any(
            emit_module._OTHER_BREAKS.intersection(str(text)) for text in [*data, *data.values()]
        )
        return
    assert fast == ruamel(data)


@pytest.mark.parametrize("text", TRICKY)
def test_each_tricky_string_as_key_value_and_item(text: str) -> None:
    for data in ({"k": text}, {text: 1} if "\n" not in text else {"k": [text]}, [text, {"k": [text]}], {"a": {"b": text}}):
        assert emit(data) == ruamel(data)


def test_structure_of_nested_collections() -> None:
    data = {
        "a": None,
        "b": [None, 1, True, 1.5, "x", [], {}],
        "c": [[1, [2, 3]], [[{"x": 1, "y": 2}]], [None]],
        "d": [{"x": 1, "y": [1, {"z": None}]}, {}],
        "e": {},
        "f": {"g": {"h": "multi\nline"}, "i": ["j\nk\n"]},
        7: "int key",
        True: "bool key",
    }
    text = fast_only(data)
    assert text == ruamel(data)
    assert "  - \n" in text  # ruamel writes a None item as "- " with its space


def test_a_final_keep_block_ends_the_document_like_ruamel() -> None:
    data = {"a": "x\ny\n\n"}
    assert fast_only(data).endswith("\n...\n")
    assert fast_only(data) == ruamel(data)
    assert not fast_only({"a": "x\ny\n\n", "b": 1}).endswith("...\n")


def test_floats_are_spelled_by_ruamel_each_one_apart() -> None:
    data = {"a": [0.0, -0.0, 0.0, 1e20, 1.5, float("inf"), -float("inf"), float("nan"), 1e-07]}
    assert fast_only(data) == ruamel(data)
    assert "  - 0.0\n  - -0.0\n  - 0.0\n" in fast_only(data)


def test_empty_roots_and_root_sequences() -> None:
    for data in ({}, [], [1, [2]], [{"a": 1}]):
        assert fast_only(data) == ruamel(data)


def test_what_it_cannot_vouch_for_goes_to_ruamel() -> None:
    long_key = {"k" * 130: 1}
    folded = {"k": "word " * 900}
    odd_break = {"k": "a\u2028b\nc"}
    for data in (long_key, folded, odd_break, {(1, 2): 3}, "scalar root"):
        with pytest.raises(emit_module._Unsupported):
            fast_only(data)
        assert emit(data) == ruamel(data)


def test_dump_writes_plain_data_with_the_fast_writer() -> None:
    data = {"asyncapi": "3.0.0", "info": {"title": "x", "description": "one\ntwo"}}
    assert _yaml.dump(data) == fast_only(data) == ruamel(data)


def test_literal_safety_rule_matches_its_definition() -> None:
    def by_lines(text: str) -> bool:
        return all(not line.endswith((" ", "\t")) for line in text.split("\n")) and not any(
            ord(ch) < 32 and ch != "\n" for ch in text
        )

    for text in [*TRICKY, "a \n", "a\t\n", "a\n ", "a\n\t", "ok\nfine"]:
        assert _yaml._literal_safe(text) == by_lines(text), text


@pytest.mark.parametrize("path", complete_documents(), ids=corpus_id)
def test_corpus_documents(path: Path) -> None:
    data = _yaml.to_plain(_yaml.parse(path.read_text(encoding="utf-8")))
    assert fast_only(data) == ruamel(data)


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = _yaml.to_plain(_yaml.parse(text))
    assert fast_only(data) == ruamel(data)
    assert fast_only(data) == text  # the golden files are canonical output already


def test_the_copied_resolver_table_is_ruamels_own() -> None:
    # emit carries a copy of ruamel's YAML 1.2 resolvers so that writing never imports ruamel;
    # a ruamel release that changes them must fail here, not change output silently
    from ruamel.yaml.resolver import VersionedResolver

    from asyncapi_tools._yaml.emit import _implicit_resolvers

    ours, string_tag = _implicit_resolvers()
    theirs = dict(VersionedResolver().versioned_resolver)

    def shape(table: dict[Any, list[tuple[Any, Any]]]) -> dict[Any, list[tuple[str, str, int]]]:
        return {first: [(tag, pattern.pattern, pattern.flags) for tag, pattern in entries] for first, entries in table.items()}

    assert shape(ours) == shape(theirs)
    assert string_tag == "tag:yaml.org,2002:str"


def test_writing_a_plain_document_does_not_import_ruamel() -> None:
    script = (
        "import sys; from asyncapi_tools import Document, dumps; "
        "text = dumps(Document(tree={'a': '1', 'b': 'true', 'c': ['x: y', 'null', '2026-01-01'], 'd': 'multi\\nline\\n'}, source='x')); "
        "print(text, end=''); print(sorted(m for m in sys.modules if m.startswith('ruamel')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    assert result.stdout.splitlines()[-1] == "[]"
    assert result.stdout.startswith("a: '1'\nb: 'true'\nc:\n  - 'x: y'\n  - 'null'\n  - '2026-01-01'\nd: |\n  multi\n  line\n")
