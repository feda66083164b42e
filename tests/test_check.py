"""check(): up to date when the data match (whatever the comments), a minimal diff when not."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from asyncapi_tools import _yaml, check, loads
from asyncapi_tools._yaml.fast import fast_load

COMMITTED = dedent(
    """\
    # hand-written header
    asyncapi: 3.0.0
    info:
      title: Chat  # product name
      version: '1.0.0'
    channels:
      # the room
      room:
        address: /room
    """
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_same_data_with_other_comments_and_layout_is_up_to_date(tmp_path: Path) -> None:
    path = write(tmp_path, COMMITTED)
    generated = loads("asyncapi: 3.0.0\ninfo: {title: Chat, version: 1.0.0}\nchannels:\n  room: {address: /room}\n")
    result = check(generated, path)
    assert result.up_to_date and result.diff == ""
    assert path.read_text(encoding="utf-8") == COMMITTED


def test_stale_file_gets_a_diff_of_only_the_real_change(tmp_path: Path) -> None:
    path = write(tmp_path, COMMITTED)
    mtime = path.stat().st_mtime_ns
    generated = loads("asyncapi: 3.0.0\ninfo: {title: Chat, version: 1.1.0}\nchannels:\n  room: {address: /room}\n")
    result = check(generated, path)
    assert not result.up_to_date
    removed = [line for line in result.diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in result.diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert removed == ["-  version: '1.0.0'"]
    assert added == ["+  version: '1.1.0'"]
    assert path.stat().st_mtime_ns == mtime  # check never writes


def test_types_matter_for_the_fast_path(tmp_path: Path) -> None:
    path = write(tmp_path, "asyncapi: 3.0.0\nx-count: 1\n")
    assert check(loads("asyncapi: 3.0.0\nx-count: 1\n"), path).up_to_date
    assert not check(loads("asyncapi: 3.0.0\nx-count: true\n"), path).up_to_date
    assert not check(loads("asyncapi: 3.0.0\nx-count: 1.0\n"), path).up_to_date


def test_missing_committed_file_is_stale_with_a_message(tmp_path: Path) -> None:
    result = check(loads(COMMITTED), tmp_path / "nope.yaml")
    assert not result.up_to_date
    assert "does not exist" in result.message
    assert "+asyncapi: 3.0.0" in result.diff


def test_json_format(tmp_path: Path) -> None:
    path = tmp_path / "asyncapi.json"
    path.write_text('{"asyncapi": "3.0.0", "info": {"title": "Chat", "version": "1.0.0"}}', encoding="utf-8")
    assert check(loads(COMMITTED).__class__(tree=_yaml.from_plain({"asyncapi": "3.0.0", "info": {"version": "1.0.0", "title": "Chat"}})), path, format="json").up_to_date
    result = check(loads(COMMITTED), path, format="json")
    assert not result.up_to_date and '"channels"' in result.diff


def test_malformed_committed_file_is_reported_with_its_location(tmp_path: Path) -> None:
    from asyncapi_tools import AsyncAPIToolsError

    path = write(tmp_path, "asyncapi: 3.0.0\ninfo: [unclosed\n")
    with pytest.raises(AsyncAPIToolsError) as info:
        check(loads(COMMITTED), path)
    assert info.value.line is not None


def test_fast_loader_reads_yaml_1_2_and_dates_as_strings() -> None:
    assert fast_load("on: yes\noctal: 010\nsexa: 1:20\ntilde: ~\ndate: 2024-01-02\n") == {
        "on": "yes",
        "octal": 10,
        "sexa": "1:20",
        "tilde": None,
        "date": "2024-01-02",
    }
    text = "a: 2024-01-02\nb: [1, 1.5, true, null]\n<<: {m: 1}\n"
    assert fast_load(text) == _yaml.to_plain(_yaml.parse(text))


def test_the_c_loader_is_in_use() -> None:
    # ruamel.yaml 0.19 silently falls back to pure Python without ruamel.yaml.clib (6x slower).
    import importlib.metadata
    import sys

    from asyncapi_tools._yaml.fast import parser_module

    assert importlib.metadata.version("ruamel.yaml.clib")
    module = parser_module()
    assert module.startswith("ruamel.yaml.clib"), module
    extension = sys.modules[module]
    assert getattr(extension, "__file__", "").endswith((".so", ".pyd")), extension
