"""A rewrite of a committed file changes only the changed nodes: golden diffs and the line rule.

The golden cases assert the exact diff of ``inject-titles --in-place`` and of ``render -o`` onto
an existing file; the property tests write random documents in mixed layouts (2- and 4-space,
indented or flush dashes, flow collections over several lines, multi-line plain scalars, block
scalars, comments), change them as a titles step or a template edit would, and check that the
diff holds exactly the changed lines, that no comment is written twice, and that the patch and
the round-trip tree editor agree on the data.
"""

from __future__ import annotations

import difflib
import random
import re
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asyncapi_tools import _yaml
from asyncapi_tools._yaml.edit import rewrite
from asyncapi_tools._yaml.equality import data_equal
from asyncapi_tools._yaml.fast import fast_load
from asyncapi_tools._yaml.layout import detect_layout
from asyncapi_tools._yaml.patch import patch
from asyncapi_tools._yaml.patch_text import Unpatchable
from asyncapi_tools.cli import app

runner = CliRunner()


def diff(old: str, new: str) -> str:
    """The changed lines only (no context, no headers): what a reviewer has to read."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), n=0)
    return "".join(line for line in lines if not line.startswith(("---", "+++", "@@")))


def comments(text: str) -> list[str]:
    """Every comment token (full-line and end-of-line), as the parser sees them."""
    from ruamel.yaml import YAML

    found = []
    for token in YAML(typ="rt").scan(text):
        comment = getattr(token, "comment", None)
        for part in _flatten(comment):
            value = getattr(part, "value", None)
            if isinstance(value, str):
                found.extend(re.findall(r"#[^\n]*", value))
    return sorted(found)


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return [item for part in value for item in _flatten(part)]
    return [value] if value is not None else []


def inject_in_place(tmp_path: Path, text: str) -> str:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["inject-titles", str(path), "--in-place"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- golden cases

REPRO = (
    "asyncapi: 3.0.0\ninfo: {title: T, version: 1.0.0}\nchannels:\n  c:\n    address: /c\n"
    "    messages:\n      m:\n        payload:\n          # keep me\n          type: object\n"
)


def test_issue_repro_inject_titles_writes_the_leading_comment_once(tmp_path: Path) -> None:
    out = inject_in_place(tmp_path, REPRO)
    assert out.count("keep me") == 1
    assert diff(REPRO, out) == "+          title: M\n"


def test_issue_repro_render_onto_an_existing_file_writes_the_comment_once(tmp_path: Path) -> None:
    template = tmp_path / "asyncapi.template.yaml"
    template.write_text(REPRO, encoding="utf-8")
    output = tmp_path / "asyncapi.yaml"
    output.write_text(REPRO, encoding="utf-8")
    result = runner.invoke(app, ["render", str(template), "-o", str(output), "--no-validate"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = output.read_text(encoding="utf-8")
    assert out.count("keep me") == 1
    assert diff(REPRO, out) == "+          title: M\n"


FOUR_SPACES = dedent(
    """\
    # A hand-written spec, indented with four spaces.
    asyncapi: 3.0.0
    info:
        title: Rides
        version: '1.0.0'
        description: A long description that somebody wrapped
            by hand over two lines.
    channels:
        rides:
            address: /rides/{id}
            parameters:
                id:
                    description: The ride.
            messages:
                requested:
                    payload:
                        type: object  # the request
                        required: [
                            pickup,
                            dropoff
                        ]
                        properties:
                            pickup:
                                type: object
                                properties:
                                    lat: {type: number}
                            stops:
                                type: array
                                items:
                                    - type: string
                            dropoff: {type: object, properties: {lat: {type: number}}}
    """
)


def test_four_space_document_gets_one_line_per_title_at_its_siblings_indent(tmp_path: Path) -> None:
    out = inject_in_place(tmp_path, FOUR_SPACES)
    assert diff(FOUR_SPACES, out) == (
        "+                    title: Requested\n"
        "+                            title: RequestedPickup\n"
        "-                        dropoff: {type: object, properties: {lat: {type: number}}}\n"
        "+                        dropoff: {title: RequestedDropoff, type: object, properties: {lat: {type: number}}}\n"
    )
    assert comments(out) == comments(FOUR_SPACES)


def test_flow_mapping_payload_gets_its_title_in_flow_style(tmp_path: Path) -> None:
    text = REPRO.replace("        payload:\n          # keep me\n          type: object\n", "        payload: {type: object}  # flow\n")
    out = inject_in_place(tmp_path, text)
    assert diff(text, out) == "-        payload: {type: object}  # flow\n+        payload: {title: M, type: object}  # flow\n"


def test_changed_multi_line_plain_scalar_is_the_only_change(tmp_path: Path) -> None:
    new = fast_load(FOUR_SPACES)
    new["info"]["description"] = "Shorter now."
    assert diff(FOUR_SPACES, patch(FOUR_SPACES, new)) == (
        "-    description: A long description that somebody wrapped\n"
        "-        by hand over two lines.\n"
        "+    description: Shorter now.\n"
    )


def test_changed_scalar_keeps_its_quotes_and_its_comment() -> None:
    text = "a: 1\nversion: '1.0.0'  # bump on release\nb: [x,  y]\n"
    out = patch(text, {"a": 1, "version": "1.1.0", "b": ["x", "y"]})
    assert diff(text, out) == "-version: '1.0.0'  # bump on release\n+version: '1.1.0'  # bump on release\n"


def test_deleted_key_goes_with_its_leading_comment_and_the_next_keeps_its_own() -> None:
    text = "a: 1\n# about b\nb:\n    c: 2\n# about d\nd: 3\n"
    out = patch(text, {"a": 1, "d": 3})
    assert out == "a: 1\n# about d\nd: 3\n"


def test_unchanged_data_returns_the_same_text_even_without_a_final_newline() -> None:
    text = "a:   [1,2]\nb: >-\n  folded\n  text\nc: ~"
    assert patch(text, fast_load(text)) == text


def test_items_appended_to_an_indented_dash_sequence_follow_its_layout() -> None:
    text = "tags:\n    -   name: a\n        description: x\n"
    new = {"tags": [{"name": "a", "description": "x"}, {"name": "b", "description": "y"}]}
    out = patch(text, new)
    assert diff(text, out) == "+    -   name: b\n+        description: y\n"


def test_a_change_a_patch_cannot_express_goes_to_the_tree_editor_with_the_files_layout(tmp_path: Path) -> None:
    text = "a:\n    b: 1  # one\n    c:\n        - x\n"
    new = {"a": {"b": {"now": "a mapping"}, "c": ["x"]}}
    with pytest.raises(Unpatchable):
        patch(text, new)
    tree = _yaml.parse(text)
    rewrite(tree, new)
    out = _yaml.dump(tree, layout=detect_layout(text))
    assert out == "a:\n    b:    # one\n        now: a mapping\n    c:\n        - x\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  b: 1\n  c:\n    - x\n", _yaml.Layout(2, 4, 2)),
        ("a:\n    b: 1\n    c:\n    - x\n    - y\n", _yaml.Layout(4, 2, 0)),
        ("a:\n    b: 1\n    c:\n        - x\n", _yaml.Layout(4, 6, 4)),
        ("a:\n   b:\n      - x\n", _yaml.Layout(3, 5, 3)),
    ],
)
def test_layout_detection(text: str, expected: _yaml.Layout) -> None:
    assert detect_layout(text) == expected


# --------------------------------------------------------------------------- generated documents


class Writer:
    """Writes plain data as a person might, in one random layout, and records where each node is.

    ``where[path]`` is ``(first_line, last_line, flow)`` (0-based lines of the old text).
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.indent = rng.choice([2, 4])
        self.dash = rng.choice([0, self.indent])  # the dash at the key's column, or indented
        self.lines: list[str] = []
        self.where: dict[tuple[Any, ...], tuple[int, int, bool]] = {}
        self.on_dash_line: set[tuple[Any, ...]] = set()  # block mappings that start after `- `

    def document(self, data: dict[str, Any]) -> str:
        self.lines.append("# generated")
        self.block_mapping(data, 0, ())
        return "\n".join(self.lines) + "\n"

    def comment(self, column: int) -> None:
        if self.rng.random() < 0.3:
            self.lines.append(" " * column + f"# note {len(self.lines)}")

    def block_mapping(self, data: dict[str, Any], column: int, path: tuple[Any, ...]) -> None:
        for key, value in data.items():
            self.comment(column)
            self.entry(" " * column + f"{key}:", value, column, (*path, key))

    def entry(self, head: str, value: Any, column: int, path: tuple[Any, ...]) -> None:
        first = len(self.lines)
        if isinstance(value, dict) and value and self.rng.random() < 0.6:
            self.lines.append(head)
            self.block_mapping(value, column + self.indent, path)
            self.where[path] = (first, len(self.lines) - 1, False)
        elif isinstance(value, list) and value and self.rng.random() < 0.6:
            self.lines.append(head)
            for index, item in enumerate(value):
                dash = column + self.dash
                self.item(" " * dash + "- ", item, dash + 2, (*path, index))
            self.where[path] = (first, len(self.lines) - 1, False)
        elif isinstance(value, dict | list):
            self.flow(head, value, column, path)
        else:
            self.scalar(head, value, column, path)

    def item(self, head: str, value: Any, column: int, path: tuple[Any, ...]) -> None:
        first = len(self.lines)
        if isinstance(value, dict) and value and self.rng.random() < 0.6:
            keys = list(value)
            self.on_dash_line.add(path)
            self.entry(head + f"{keys[0]}:", value[keys[0]], column, (*path, keys[0]))
            for key in keys[1:]:
                self.entry(" " * column + f"{key}:", value[key], column, (*path, key))
            self.where[path] = (first, len(self.lines) - 1, False)
        elif isinstance(value, dict | list):
            self.flow(head.rstrip(" ") + " ", value, column, path, bare=True)
        else:
            self.scalar(head.rstrip(" ") + " ", value, column, path, bare=True)

    def flow(self, head: str, value: Any, column: int, path: tuple[Any, ...], *, bare: bool = False) -> None:
        first = len(self.lines)
        text = flow_text(value)
        sep = "" if bare else " "
        if isinstance(value, list) and len(value) > 1 and self.rng.random() < 0.5:
            # a flow list over several lines, as people wrap long ones
            pad = " " * (column + self.indent)
            parts = [flow_text(item) for item in value]
            self.lines.append(head + sep + "[")
            self.lines.extend(pad + part + ("," if i < len(parts) - 1 else "") for i, part in enumerate(parts))
            self.lines.append(" " * column + "]")
        else:
            self.lines.append(head + sep + text + ("  # flow" if self.rng.random() < 0.3 else ""))
        for nested in descendants(value, path):
            self.where[nested] = (first, len(self.lines) - 1, True)

    def scalar(self, head: str, value: Any, column: int, path: tuple[Any, ...], *, bare: bool = False) -> None:
        first = len(self.lines)
        sep = "" if bare else " "
        pad = " " * (column + self.indent)
        if isinstance(value, str) and "\n" in value:
            self.lines.append(head + sep + "|")
            self.lines.extend(pad + line for line in value.rstrip("\n").split("\n"))
        elif isinstance(value, str) and " " in value and self.rng.random() < 0.5:
            words = value.split(" ")
            self.lines.append(head + sep + " ".join(words[:1]))  # a multi-line plain scalar
            self.lines.append(pad + " ".join(words[1:]))
        else:
            text = repr_scalar(value)
            if isinstance(value, str) and self.rng.random() < 0.3:
                text = f"'{value}'"
            self.lines.append(head + sep + text + ("  # eol" if self.rng.random() < 0.2 else ""))
        self.where[path] = (first, len(self.lines) - 1, False)


def descendants(value: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """``path`` and the path of every node inside ``value``."""
    found = [path]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        found.extend(descendants(child, (*path, key)))
    return found


def repr_scalar(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def flow_text(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(v) for v in value) + "]"
    if isinstance(value, str) and ("\n" in value or " " in value):
        return repr_json(value)
    return repr_scalar(value)


def repr_json(text: str) -> str:
    import json

    return json.dumps(text)


keys = st.sampled_from(["type", "name", "payload", "items", "address", "summary", "x-id", "ref"])
words = st.sampled_from(["alpha", "beta", "gamma", "delta"])
scalars = st.one_of(
    words,
    st.integers(0, 999),
    st.booleans(),
    st.lists(words, min_size=2, max_size=4).map(" ".join),
    st.lists(words, min_size=2, max_size=3).map(lambda ws: "\n".join(ws) + "\n"),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.dictionaries(keys, inner, min_size=1, max_size=4),
        st.lists(inner, min_size=1, max_size=3),
    ),
    max_leaves=25,
)
documents = st.dictionaries(keys, data, min_size=1, max_size=4)


def mappings(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(node, dict):
        found.append(path)
        for key, value in node.items():
            found.extend(mappings(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(mappings(value, (*path, index)))
    return found


def single_line_strings(node: Any, where: dict[tuple[Any, ...], tuple[int, int, bool]], path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(single_line_strings(value, where, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(single_line_strings(value, where, (*path, index)))
    elif isinstance(node, str) and " " not in node and "\n" not in node and path in where:
        found.append(path)
    return found


def at(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def _is_subsequence(items: list[str], sequence: list[str]) -> bool:
    remaining = iter(sequence)
    return all(any(item == candidate for candidate in remaining) for item in items)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.randoms(use_true_random=False))
def test_generated_documents_change_only_the_changed_lines(data: dict[str, Any], rng: random.Random) -> None:
    writer = Writer(rng)
    text = writer.document(data)
    assert data_equal(fast_load(text), data), text
    new = fast_load(text)
    allowed: set[int] = set()  # old lines a change may rewrite
    added_block_keys = 0
    for path in rng.sample(mappings(new), k=min(3, len(mappings(new)))):
        target = at(new, path)
        if "title" in target:
            continue
        _yaml.insert_key(target, 0, "title", f"Name{len(allowed)}")
        first, last, flow = writer.where.get(path, (0, 0, False))
        if flow:
            allowed.update(range(first, last + 1))
        else:
            added_block_keys += 1
            if path in writer.on_dash_line:  # `- a: 1` becomes `- title: X` and `  a: 1`
                allowed.add(first)
    strings = single_line_strings(new, writer.where)
    for path in rng.sample(strings, k=min(2, len(strings))):
        parent = at(new, path[:-1])
        parent[path[-1]] = "changed"
        first, last, _ = writer.where[path]
        allowed.update(range(first, last + 1))

    out = patch(text, new)

    assert data_equal(fast_load(out), new)
    assert comments(out) == comments(text)
    old_lines, new_lines = text.splitlines(), out.splitlines()
    # Every line outside the changed nodes survives, in order. (A line diff is no oracle here: with
    # two identical blocks it may pair the old first block with the new second one.)
    kept = [line for number, line in enumerate(old_lines) if number not in allowed]
    assert _is_subsequence(kept, new_lines), (text, out)
    assert len(new_lines) - len(old_lines) <= added_block_keys
    assert len(new_lines) - len(old_lines) >= added_block_keys - len(allowed)
    assert out.endswith("\n")
    # the tree editor (the fallback path) agrees with the patch on the data
    tree = _yaml.parse(text)
    rewrite(tree, new)
    assert data_equal(fast_load(_yaml.dump(tree, layout=detect_layout(text))), fast_load(out))


@settings(max_examples=60, deadline=None)
@given(documents, st.randoms(use_true_random=False))
def test_generated_documents_rewritten_with_their_own_data_are_untouched(data: dict[str, Any], rng: random.Random) -> None:
    text = Writer(rng).document(data)
    assert patch(text, fast_load(text)) == text


def test_merge_onto_an_existing_four_space_file_changes_only_the_merged_nodes(tmp_path: Path) -> None:
    committed = tmp_path / "asyncapi.yaml"
    committed.write_text(FOUR_SPACES, encoding="utf-8")
    base = tmp_path / "base.yaml"
    base.write_text(FOUR_SPACES, encoding="utf-8")
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("info:\n  version: '1.1.0'\n  x-team: rides  # who answers\n", encoding="utf-8")
    args = ["merge", str(base), str(overlay), "-o", str(committed), "--no-validate"]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = committed.read_text(encoding="utf-8")
    removed: list[str] = []
    added: list[str] = []
    for line in diff(FOUR_SPACES, out).splitlines():
        (removed if line.startswith("-") else added).append(line[1:])
    assert removed == ["    version: '1.0.0'"]
    assert added[0] == "    version: '1.1.0'"
    assert added[1] == "    x-team: rides  # who answers"
    assert len(added) == 2


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("a: &x {k: 1}\nb:\n  c: *x\nd: 1\n", {"a": {"k": 1}, "b": {"c": {"k": 1}, "e": "v"}, "d": 1}),
        ("a: &x\n  k: 1\nb:\n  - 1\n  - *x\nd: 1\n", {"a": {"k": 1}, "b": [1, {"k": 1}, 2], "d": 1}),
        ("a: &x\n  k: 1\nb:\n  - *x\nd: 1\n", {"a": {"k": 1}, "b": [{"k": 1, "title": "T"}], "d": 1}),
    ],
    ids=["key after an alias value", "item after an alias item", "change through an alias"],
)
def test_aliases_are_never_patched_at_the_anchors_place(text: str, new: dict[str, Any]) -> None:
    with pytest.raises(Unpatchable):
        patch(text, new)


def test_an_unchanged_alias_does_not_stop_a_patch_elsewhere() -> None:
    text = "a: &x\n  k: 1\nb:\n  - 1\n  - *x\nd: 1\n"
    assert diff(text, patch(text, {"a": {"k": 1}, "b": [1, {"k": 1}], "d": 2})) == "-d: 1\n+d: 2\n"


def test_a_subtree_added_to_a_block_indented_unlike_the_file_follows_that_block() -> None:
    text = "info:\n    title: T\nchannels:\n    c:\n      address: /c\n      bindings:\n        ws:\n          method: GET\n"
    new = fast_load(text)
    new["channels"]["c"]["messages"] = {"m": {"payload": {"type": "object"}}}
    new["info"]["contact"] = {"name": "Team"}
    assert diff(text, patch(text, new)) == (
        "+    contact:\n+        name: Team\n"
        "+      messages:\n+        m:\n+          payload:\n+            type: object\n"
    )


def test_without_the_c_extension_the_pure_loader_gives_the_same_patch(monkeypatch: pytest.MonkeyPatch) -> None:
    from asyncapi_tools._yaml import fast

    new = fast_load(FOUR_SPACES)
    new["info"]["version"] = "2.0.0"
    new["channels"]["rides"]["x-owner"] = "team"
    with_c, data_with_c = patch(FOUR_SPACES, new), fast_load(FOUR_SPACES)
    monkeypatch.setattr(fast, "_loader_class", fast._PureLoader)
    assert fast.parser_module() == "ruamel.yaml.parser"
    assert fast_load(FOUR_SPACES) == data_with_c
    assert patch(FOUR_SPACES, new) == with_c


def test_a_document_written_as_json_gets_json_additions(tmp_path: Path) -> None:
    text = '{"asyncapi": "3.0.0", "info": {"title": "T", "version": "1"},\n "channels": {"c": {"messages": {"m": {"payload": {"type": "object"}}}}}}\n'
    out = inject_in_place(tmp_path, text)
    assert diff(text, out) == (
        '- "channels": {"c": {"messages": {"m": {"payload": {"type": "object"}}}}}}\n'
        '+ "channels": {"c": {"messages": {"m": {"payload": {"title": "M", "type": "object"}}}}}}\n'
    )


def block_entries(node: Any, writer: Writer, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of keys in block mappings (with a sibling) that a patch can delete."""
    found = []
    if isinstance(node, dict):
        flow = writer.where.get(path, (0, 0, False))[2]
        for index, (key, value) in enumerate(node.items()):
            first_on_dash = index == 0 and path in writer.on_dash_line
            if len(node) > 1 and not flow and not first_on_dash:
                found.append((*path, key))
            found.extend(block_entries(value, writer, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(block_entries(value, writer, (*path, index)))
    return found


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.randoms(use_true_random=False))
def test_a_deleted_key_removes_its_own_lines_and_nothing_else(data: dict[str, Any], rng: random.Random) -> None:
    writer = Writer(rng)
    text = writer.document(data)
    candidates = block_entries(data, writer)
    if not candidates:
        return
    path = rng.choice(candidates)
    new = fast_load(text)
    del at(new, path[:-1])[path[-1]]
    out = patch(text, new)
    assert data_equal(fast_load(out), new)
    first, last, _ = writer.where[path]
    lines = text.splitlines()
    head_of_file = len(path) == 1 and path[0] == next(iter(data))
    if first > 0 and lines[first - 1].lstrip().startswith("# note") and not head_of_file:
        first -= 1  # the key's own leading comment goes with it (the file's head comments stay)
    assert out.splitlines() == lines[:first] + lines[last + 1 :]
    remaining = comments(out)
    assert all(remaining.count(c) <= comments(text).count(c) for c in remaining)


def test_render_onto_a_four_space_file_and_check_show_only_the_titles(tmp_path: Path) -> None:
    template = tmp_path / "asyncapi.template.yaml"
    template.write_text(FOUR_SPACES, encoding="utf-8")
    output = tmp_path / "asyncapi.yaml"
    output.write_text(FOUR_SPACES, encoding="utf-8")
    checked = runner.invoke(app, ["render", str(template), "-o", str(output), "--no-validate", "--check"])
    assert checked.exit_code == 1
    shown = [line for line in checked.stdout.splitlines() if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert len(shown) == 4 and all("title: " in line or "dropoff:" in line for line in shown)
    result = runner.invoke(app, ["render", str(template), "-o", str(output), "--no-validate"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rendered = output.read_text(encoding="utf-8")
    (tmp_path / "titles").mkdir()
    assert rendered == inject_in_place(tmp_path / "titles", FOUR_SPACES)


def test_a_change_only_the_tree_editor_can_write_keeps_the_files_indentation(tmp_path: Path) -> None:
    template = tmp_path / "asyncapi.template.yaml"
    template.write_text(FOUR_SPACES.replace("    version: '1.0.0'\n", "    version:\n        major: 1\n"), encoding="utf-8")
    output = tmp_path / "asyncapi.yaml"
    output.write_text(FOUR_SPACES, encoding="utf-8")
    result = runner.invoke(app, ["render", str(template), "-o", str(output), "--no-validate", "--no-titles"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = output.read_text(encoding="utf-8")
    assert "    version:\n        major: 1\n" in out
    assert "        messages:\n            requested:\n                payload:\n" in out  # still four spaces
    assert comments(out) == comments(FOUR_SPACES)


MIXED = dedent(
    """\
    asyncapi: '3.0.0'
    info:
     title: Mixed indents
     version: '1.3.0'
     description: |
      One-space blocks at the top,
      two-space blocks below.
    channels:
     c:
       address: c/{id}
       messages:
         m:
           payload:
             type: object
             properties:
               kind:
                 type: string
                 enum: [a, b]
    """
)


def test_mixed_indentation_gets_titles_at_each_blocks_own_indent(tmp_path: Path) -> None:
    out = inject_in_place(tmp_path, MIXED)
    assert diff(MIXED, out) == "+         title: M\n+             title: MKind\n"
