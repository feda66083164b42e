"""Inputs that used to end in "internal error" or hang, through the real CLI: each must now be a
located error (file:line:column) or a bounded refusal, within seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from asyncapi_tools import InputError, load

HEAD = "asyncapi: 3.0.0\ninfo:\n  title: Demo\n  version: '1.0.0'\n"
#: The largest input file read, as docs/cli.md ("What is read") promises: 64 MiB.
LIMIT = 64 * 1024 * 1024


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The timeout is the test: before the fix `$ref: /dev/zero` never returned.
    return subprocess.run(
        [sys.executable, "-m", "asyncapi_tools", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def assert_located(result: subprocess.CompletedProcess[str], prefix: str, message: str) -> None:
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert f"{prefix}" in result.stderr and message in result.stderr, result.stderr


# -- $ref targets ---------------------------------------------------------------------------------


def ref_document(tmp_path: Path, target: str) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD + f"channels:\n  chat:\n    $ref: '{target}'\n", encoding="utf-8")
    return spec


@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_ref_to_dev_zero_is_refused_not_followed(tmp_path: Path, command: str) -> None:
    ref_document(tmp_path, "/dev/zero")
    args = ["validate", "spec.yaml"] if command == "validate" else ["render", "spec.yaml", "-o", "out.yaml"]
    result = cli(*args, cwd=tmp_path)
    assert_located(result, "spec.yaml:7:5:", "/dev/zero: not a regular file")
    assert not (tmp_path / "out.yaml").exists()


def test_a_ref_to_a_fifo_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    ref_document(tmp_path, "./pipe.yaml")
    assert_located(cli("validate", "spec.yaml", cwd=tmp_path), "spec.yaml:7:5:", "not a regular file")


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` NUL bytes that costs no disk."""
    with open(path, "wb") as stream:
        stream.truncate(size)
    return path


def test_a_ref_to_a_huge_file_stops_at_the_limit(tmp_path: Path) -> None:
    sparse_file(tmp_path / "huge.yaml", LIMIT + 1)
    ref_document(tmp_path, "./huge.yaml")
    assert_located(cli("validate", "spec.yaml", cwd=tmp_path), "spec.yaml:7:5:", "larger than 64 MiB")


def test_a_ref_to_a_regular_file_still_resolves(tmp_path: Path) -> None:
    (tmp_path / "chat.yaml").write_text("address: /chat\n", encoding="utf-8")
    ref_document(tmp_path, "./chat.yaml")
    result = cli("validate", "spec.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_dev_zero_as_the_document_stops_at_the_limit(tmp_path: Path) -> None:
    result = cli("validate", "/dev/zero", cwd=tmp_path)
    assert_located(result, "/dev/zero:", "document is larger than 64 MiB")


def test_a_document_of_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    # 64 MiB of NUL bytes is read in full: what stops it is the first NUL, at 1:1, not its size
    with pytest.raises(InputError, match=r"U\+0000 \(NUL\)") as caught:
        load(sparse_file(tmp_path / "limit.yaml", LIMIT))
    assert (caught.value.line, caught.value.column) == (1, 1)
    refusal = "document is larger than 64 MiB: refusing to read it"
    with pytest.raises(InputError, match=refusal) as caught:
        load(sparse_file(tmp_path / "over.yaml", LIMIT + 1))
    assert caught.value.file == str(tmp_path / "over.yaml")
    assert caught.value.hint and "check the path" in caught.value.hint


# -- characters YAML forbids ----------------------------------------------------------------------


@pytest.mark.parametrize(("char", "label"), [("\x00", "U+0000 (NUL)"), ("\x07", "U+0007 (BEL)"), ("\x9b", "U+009B")])
def test_control_characters_are_located(tmp_path: Path, char: str, label: str) -> None:
    (tmp_path / "spec.yaml").write_text(HEAD.replace("Demo", f"De{char}mo"), encoding="utf-8")
    assert_located(cli("validate", "spec.yaml", cwd=tmp_path), "spec.yaml:3:12:", label)
    assert_located(cli("render", "spec.yaml", "-o", "out.yaml", cwd=tmp_path), "spec.yaml:3:12:", label)


def test_a_control_character_brought_in_by_a_variable_is_located(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(HEAD.replace("Demo", "{{ NAME }}"), encoding="utf-8")
    result = cli("render", "t.yaml", "--var", "NAME=a\x1bb", "-o", "out.yaml", cwd=tmp_path)
    assert_located(result, "t.yaml:3:11:", "the rendered template contains U+001B (ESCAPE)")


def test_tabs_and_unicode_are_allowed(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(HEAD + "x-note: \"a\tb ✓ \U0001f600\"\n", encoding="utf-8")
    assert cli("validate", "spec.yaml", cwd=tmp_path).returncode == 0


# -- integers over Python's digit limit -----------------------------------------------------------


def test_an_integer_over_4300_digits_is_located(tmp_path: Path) -> None:
    long_digits = "9" * 5000
    text = HEAD + f"x-quoted: '{long_digits}'\nx-list: [1, {long_digits}]\n"
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    for args in (["validate", "spec.yaml"], ["render", "spec.yaml", "-o", "out.yaml", "--no-validate"]):
        assert_located(cli(*args, cwd=tmp_path), "spec.yaml:6:13:", "an integer has more than 4,300 digits")


def test_a_quoted_long_number_is_a_string(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(HEAD + f"x-id: '{'9' * 5000}'\n", encoding="utf-8")
    result = cli("render", "spec.yaml", "-o", "out.json", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["x-id"] == "9" * 5000


# -- YAML merge keys in an output that is updated in place ----------------------------------------

MERGED = (
    "asyncapi: 3.0.0\ninfo:\n  title: x\n  version: '1'\nchannels:\n  c:\n    messages:\n      m:\n"
    "        payload: &p\n          type: object\n      n:\n        payload:\n          <<: *p\n"
    "          properties: {a: {type: string}}\n"
)


def test_inject_titles_in_place_handles_a_merge_key(tmp_path: Path) -> None:
    """Once "internal error"; the in-place rewrite now titles a document that uses ``<<:``."""
    (tmp_path / "spec.yaml").write_text(MERGED, encoding="utf-8")
    result = cli("inject-titles", "spec.yaml", "--in-place", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 titles injected" in result.stderr
    loaded = YAML(typ="safe").load((tmp_path / "spec.yaml").read_text(encoding="utf-8"))
    messages = loaded["channels"]["c"]["messages"]
    assert messages["m"]["payload"] == {"title": "M", "type": "object"}
    assert messages["n"]["payload"] == {"title": "N", "type": "object", "properties": {"a": {"type": "string"}}}
    assert cli("validate", "spec.yaml", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


def test_render_onto_an_output_with_a_merge_key_keeps_the_data(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(HEAD + "channels: {}\n", encoding="utf-8")
    (tmp_path / "out.yaml").write_text(
        "asyncapi: 3.0.0\nx-base: &b\n  title: Old\ninfo:\n  <<: *b\n  version: '0.9'\nchannels: {}\n", encoding="utf-8"
    )
    result = cli("render", "t.yaml", "-o", "out.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert cli("check", "t.yaml", "--against", "out.yaml", cwd=tmp_path).returncode == 0


def test_an_impossible_input_path_is_named(tmp_path: Path) -> None:
    result = cli("validate", "x" * 300 + ".yaml", cwd=tmp_path)
    assert_located(result, ".yaml:", "cannot read document: File name too long")


@pytest.mark.parametrize("target", ["./a\\0b.yaml", "./a%00b.yaml"])
def test_a_ref_with_a_nul_in_its_path_is_located(tmp_path: Path, target: str) -> None:
    (tmp_path / "spec.yaml").write_text(HEAD + f'channels:\n  chat:\n    $ref: "{target}"\n', encoding="utf-8")
    result = cli("validate", "spec.yaml", cwd=tmp_path)
    assert_located(result, "spec.yaml:7:5:", "the path contains a NUL character")
