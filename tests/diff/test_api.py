"""The public ``asyncapi_tools.diff``: its sides, and the places its changes name.

A side given as a path is read by a fast loader (data and positions from libyaml); a side given
as a loaded :class:`~asyncapi_tools.Document` keeps the round-trip positions. Both must name the
same line and column for every change, and read YAML 1.2 like the rest of the pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import asyncapi_tools

from .cases import CASES, OBJ, OBJ_REQ, document


def diff_texts(tmp_path: Path, old: str, new: str, suffix: str = ".yaml") -> list[asyncapi_tools.DiffChange]:
    (tmp_path / f"old{suffix}").write_text(old, encoding="utf-8")
    (tmp_path / f"new{suffix}").write_text(new, encoding="utf-8")
    return asyncapi_tools.diff(tmp_path / f"old{suffix}", tmp_path / f"new{suffix}")


def test_diff_is_exported_lazily() -> None:
    """``import asyncapi_tools`` loads none of its modules (nor ruamel); naming ``diff`` loads it."""
    probe = (
        "import sys, asyncapi_tools\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith(('asyncapi_tools.', 'ruamel')))\n"
        "before = loaded()\n"
        "diff = asyncapi_tools.diff\n"
        "print(json.dumps([before, loaded(), diff.__name__, 'diff' in asyncapi_tools.__all__, 'DiffChange' in asyncapi_tools.__all__]))\n"
    )
    completed = subprocess.run([sys.executable, "-c", "import json\n" + probe], capture_output=True, text=True, check=True)
    before, after, name, exported, change_exported = json.loads(completed.stdout)
    assert before == [] and after != [] and not any(module.startswith("ruamel") for module in after)
    assert (name, exported, change_exported) == ("diff", True, True)


def test_documents_are_accepted_as_sides() -> None:
    old = asyncapi_tools.loads(document(ask=OBJ), source="old.yaml")
    new = asyncapi_tools.loads(document(ask=OBJ_REQ), source="new.yaml")
    (change,) = asyncapi_tools.diff(old, new)
    assert change.check == "request-property-became-required"
    assert change.old is not None and change.old.file == "old.yaml" and change.old.line is not None
    assert str(change.new).startswith("new.yaml:")


#: Changes at the places the two loaders could disagree on: a nested scalar, a sequence item, a
#: ``$ref`` in a mapping, an item of a reply's list, a key inside a flow mapping, and removals
#: (whose place in the other document is the deepest part of the path that still exists).
POSITION_CASES = [
    "info-version-changed",
    "server-variable-enum-value-removed",
    "server-removed",
    "channel-message-removed",
    "operation-reply-message-removed",
    "message-discriminator-changed",
    "request-property-became-required",
]


@pytest.mark.parametrize("check", POSITION_CASES)
def test_files_and_documents_locate_changes_alike(check: str, tmp_path: Path) -> None:
    case = next(case for case in CASES if case.check == check)
    from_files = diff_texts(tmp_path, case.old, case.new)
    old, new = asyncapi_tools.load(tmp_path / "old.yaml"), asyncapi_tools.load(tmp_path / "new.yaml")
    from_documents = asyncapi_tools.diff(old, new)
    assert [change.to_dict() for change in from_files] == [change.to_dict() for change in from_documents]
    located = [place for change in from_files for place in (change.old, change.new) if place is not None]
    assert check in {change.check for change in from_files}
    assert located and all(place.line is not None and place.column is not None for place in located)


@pytest.mark.parametrize(
    ("written", "read"),
    [("yes", "yes"), ("on", "on"), ("2024-01-02", "2024-01-02"), ("010", 10), ("0o10", 8)],
    ids=["yes", "on", "date", "leading-zero", "octal"],
)
def test_yaml_12_scalars_and_dates_load_like_the_pipeline(written: str, read: object, tmp_path: Path) -> None:
    """YAML 1.1 would read ``yes``/``on`` as true, ``010`` as 8 and a date as a date object."""
    new = document(v=f"version: 1.0.0=>version: {written}")
    assert asyncapi_tools.loads(new).plain()["info"]["version"] == read
    (change,) = diff_texts(tmp_path, document(), new)
    assert change.message == f"info.version '1.0.0' -> {read!r}"


def test_a_yaml_11_boolean_word_as_a_key_stays_a_name(tmp_path: Path) -> None:
    """YAML 1.1 would read the key ``on`` as true."""
    renamed = document(s="  staging:\n=>  on:\n", r="      - $ref: '#/servers/staging'=>      - $ref: '#/servers/on'")
    changes = diff_texts(tmp_path, document(), renamed)
    assert [(change.check, change.message) for change in changes] == [("server-renamed", "server `staging` renamed to `on`")]


def test_malformed_yaml_raises_the_located_error(tmp_path: Path) -> None:
    with pytest.raises(asyncapi_tools.YAMLSyntaxError) as caught:
        diff_texts(tmp_path, document(), "a: [1,\n")
    assert caught.value.file == str(tmp_path / "new.yaml") and caught.value.line is not None


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    with pytest.raises(asyncapi_tools.YAMLSyntaxError) as caught:
        diff_texts(tmp_path, document(), document().replace("  version: 1.0.0\n", "  version: 1.0.0\n  version: 1.1.0\n"))
    assert caught.value.file == str(tmp_path / "new.yaml")


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


def test_json_that_libyaml_refuses_still_loads_with_positions(tmp_path: Path) -> None:
    """libyaml refuses an emoji written in JSON as two escaped surrogates; the diff still reads it."""
    old = '{"asyncapi": "3.0.0", "info": {"title": "Chat", "version": "1 \\ud83d\\ude00"}}'
    new = old.replace("1 ", "2 ")
    (change,) = diff_texts(tmp_path, old, new, suffix=".json")
    assert change.message == "info.version '1 \U0001f600' -> '2 \U0001f600'"
    assert change.new is not None and (change.new.line, change.new.column) == (1, new.index('"version"') + 1)
