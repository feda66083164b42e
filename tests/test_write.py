"""The writer: canonical output, atomic replacement, untouched files when nothing changed."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import asyncapi_tools
from asyncapi_tools import InputError

SPEC = "asyncapi: 3.0.0\ninfo:\n  title: Demo  # the title\n  version: '1.0.0'\n"


def test_fresh_write_creates_parent_directories(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "asyncapi.yaml"
    result = asyncapi_tools.write(asyncapi_tools.loads(SPEC), target)
    assert result.changed and result.created
    assert target.read_text(encoding="utf-8") == SPEC


def test_unchanged_data_leaves_the_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.yaml"
    target.write_text(SPEC, encoding="utf-8")
    os.utime(target, (1_000_000, 1_000_000))
    result = asyncapi_tools.write(asyncapi_tools.loads(SPEC), target)
    assert not result.changed
    assert target.stat().st_mtime == 1_000_000
    assert target.read_text(encoding="utf-8") == SPEC


def test_rewrite_in_place_keeps_hand_written_comments(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.yaml"
    committed = "# hand-written header\n" + SPEC.replace("version: '1.0.0'", "version: '1.0.0'  # bump on release")
    target.write_text(committed, encoding="utf-8")
    new = asyncapi_tools.loads(SPEC.replace("1.0.0", "1.1.0"))
    assert asyncapi_tools.write(new, target).changed
    text = target.read_text(encoding="utf-8")
    assert "# hand-written header" in text
    assert "version: '1.1.0'  # bump on release" in text
    assert "# the title" in text


def test_overwrite_starts_fresh(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.yaml"
    target.write_text("# old comment\n" + SPEC, encoding="utf-8")
    asyncapi_tools.write(asyncapi_tools.from_data({"asyncapi": "3.0.0"}), target, overwrite=True)
    assert target.read_text(encoding="utf-8") == "asyncapi: 3.0.0\n"


def test_failed_replace_leaves_the_old_file_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "asyncapi.yaml"
    target.write_bytes(b"asyncapi: 3.0.0\n# precious\n")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError, match="No space left"):
        asyncapi_tools.write(asyncapi_tools.from_data({"asyncapi": "3.1.0"}), target, overwrite=True)
    assert target.read_bytes() == b"asyncapi: 3.0.0\n# precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["asyncapi.yaml"], "no temporary file left behind"


def test_output_path_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        asyncapi_tools.write(asyncapi_tools.loads(SPEC), tmp_path)


def test_malformed_existing_file_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.yaml"
    target.write_bytes(b"info: [unclosed\n")
    with pytest.raises(InputError, match="--overwrite"):
        asyncapi_tools.write(asyncapi_tools.loads(SPEC), target)
    assert target.read_bytes() == b"info: [unclosed\n"


def test_json_output(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.json"
    asyncapi_tools.write(asyncapi_tools.loads(SPEC), target, format="json")
    assert json.loads(target.read_text(encoding="utf-8")) == {
        "asyncapi": "3.0.0",
        "info": {"title": "Demo", "version": "1.0.0"},
    }
    assert target.read_text(encoding="utf-8").endswith("}\n")


def test_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    asyncapi_tools.write(asyncapi_tools.loads(SPEC), "-")
    assert capsys.readouterr().out == SPEC


def test_file_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.yaml"
    target.write_text("asyncapi: 3.0.0\n", encoding="utf-8")
    target.chmod(0o640)
    asyncapi_tools.write(asyncapi_tools.loads(SPEC), target, overwrite=True)
    assert target.stat().st_mode & 0o777 == 0o640


def test_protected_inputs_are_never_replaced(tmp_path: Path) -> None:
    source = tmp_path / "spec.yaml"
    source.write_text(SPEC, encoding="utf-8")
    (tmp_path / "alias.yaml").symlink_to("spec.yaml")
    for output in (source, tmp_path / "alias.yaml", tmp_path / "missing" / ".." / "spec.yaml"):
        with pytest.raises(InputError, match="the output is the input file"):
            asyncapi_tools.write(asyncapi_tools.from_data({"asyncapi": "3.1.0"}), output, protect=[source])
    assert source.read_text(encoding="utf-8") == SPEC
    assert not (tmp_path / "missing").exists()


def test_dev_stderr_is_a_stream(capsys: pytest.CaptureFixture[str]) -> None:
    result = asyncapi_tools.write(asyncapi_tools.loads(SPEC), "/dev/stderr")
    assert result.changed
    assert capsys.readouterr().err == SPEC
    assert Path("/dev/stderr").is_symlink()


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError, match="named pipe"):
        asyncapi_tools.write(asyncapi_tools.loads(SPEC), tmp_path / "pipe")


FILLED = {
    "asyncapi": "3.0.0",
    "channels": {"Room": {"address": "/ws/room/", "messages": {"said": {"payload": {"type": "string"}}}}},
    "operations": {"say": {"action": "receive", "channel": {"$ref": "#/channels/Room"}, "tags": [{"name": "chat"}]}},
    "components": {"messages": {"said": {"payload": {"type": "string"}}}},
}


@pytest.mark.parametrize("eol", ["\n", ""], ids=["final-newline", "no-final-newline"])
def test_an_empty_flow_collection_that_gains_content_is_written_in_block_style(tmp_path: Path, eol: str) -> None:
    """A spec committed before its first channel says ``channels: {}``; the first real one must
    not land on that line as ``{Room: {...}}`` but below it, as a fresh file writes it, with the
    key's comment kept on the key's line."""
    target = tmp_path / "asyncapi.yaml"
    target.write_text(
        "asyncapi: 3.0.0\n# what clients connect to\nchannels: {}  # none yet\n"
        "operations:\n  say: {action: receive, channel: {$ref: '#/channels/Room'}, tags: []}\n"
        "components:\n  messages: {}" + eol,
        encoding="utf-8",
    )
    asyncapi_tools.write(asyncapi_tools.from_data(FILLED), target)
    text = target.read_text(encoding="utf-8")
    fresh = asyncapi_tools.dumps(asyncapi_tools.from_data(FILLED))
    assert "channels:  # none yet\n  Room:\n    address: /ws/room/\n" in text
    assert "# what clients connect to\n" in text
    assert "components:\n  messages:\n    said:\n      payload:\n        type: string\n" in text
    assert text.endswith("type: string\n") and text[text.index("components:") :] == fresh[fresh.index("components:") :]
    # inside a flow mapping the list stays flow, on its line: YAML allows no block there
    assert re.search(r"\n  say: \{action: receive, .*, tags: \[.*chat.*\]\}\n", text)
    assert asyncapi_tools.load(target).plain() == FILLED


def test_a_json_document_keeps_its_braces(tmp_path: Path) -> None:
    target = tmp_path / "asyncapi.json"
    target.write_text('{"asyncapi": "3.0.0", "channels": {}}\n', encoding="utf-8")
    data = {"asyncapi": "3.0.0", "channels": {"Room": {"address": "/ws/room/"}}}
    asyncapi_tools.write(asyncapi_tools.from_data(data), target)
    assert json.loads(target.read_text(encoding="utf-8")) == data


def test_a_first_list_in_a_four_space_document_is_indented_as_its_mappings(tmp_path: Path) -> None:
    """With no list to learn from, a list's dash sits where a nested key would (4 spaces in a
    4-space file, as in the canonical 2-space layout), not at the canonical 2."""
    target = tmp_path / "asyncapi.yaml"
    target.write_text(
        "asyncapi: 3.0.0\ncomponents:\n    schemas:\n        Ping:\n            type: object\n", encoding="utf-8"
    )
    data = {"asyncapi": "3.0.0", "components": {"schemas": {"Ping": {"type": "object", "required": ["id"]}}}}
    asyncapi_tools.write(asyncapi_tools.from_data(data), target)
    assert target.read_text(encoding="utf-8").endswith("            type: object\n            required:\n                - id\n")


def test_an_empty_flow_collection_fills_the_same_way_when_the_file_cannot_be_patched(tmp_path: Path) -> None:
    """A `<<` merge key elsewhere sends the write through the tree editor instead of the line
    patcher: the filled `channels: {}` must come out the same, its comment beside the key."""
    target = tmp_path / "asyncapi.yaml"
    target.write_text(
        "asyncapi: 3.0.0\nx-base: &base {a: 1}\nx-use:\n  <<: *base\n  c: 2\nchannels: {}  # none yet\n", encoding="utf-8"
    )
    data = {"asyncapi": "3.0.0", "x-base": {"a": 1}, "x-use": {"a": 1, "c": 3}, "channels": {"Room": {"address": "/ws/room/"}}}
    asyncapi_tools.write(asyncapi_tools.from_data(data), target)
    assert target.read_text(encoding="utf-8").endswith("channels:  # none yet\n  Room:\n    address: /ws/room/\n")
