"""validate(): version check, JSON Schema diagnostics that a person can act on, the compile cache."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

import asyncapi_tools
from asyncapi_tools import Document, dumps, from_data, loads, validate
from tests._support.diagnostics import errors
from tests._support.specs import SUPPORTED_VERSIONS
from tests.conftest import REPO_ROOT

GOOD = """\
asyncapi: 3.0.0
info:
  title: Chat
  version: 1.0.0
channels:
  room:
    address: /rooms/{roomId}
    parameters:
      roomId:
        description: The room.
    messages:
      hello:
        $ref: '#/components/messages/Hello'
operations:
  sayHello:
    action: receive
    channel:
      $ref: '#/channels/room'
    messages:
      - $ref: '#/channels/room/messages/hello'
components:
  messages:
    Hello:
      name: hello
      payload:
        type: string
"""


def doc_of(text: str, name: str = "chat.yaml") -> Document:
    return loads(text, source=name)


def line_col(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column where ``needle`` first occurs in ``text``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in text")


def test_a_valid_document_has_no_diagnostics() -> None:
    assert validate(doc_of(GOOD)) == []
    assert asyncapi_tools.validate(doc_of(GOOD)) == []


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
def test_each_supported_version_validates(version: str) -> None:
    assert validate(doc_of(GOOD.replace("asyncapi: 3.0.0", f"asyncapi: {version}"))) == []


def test_the_supported_versions_are_those_the_docs_name() -> None:
    (diagnostic,) = validate(doc_of(GOOD.replace("asyncapi: 3.0.0", "asyncapi: 9.9.9")))
    named = re.search(r"supported versions: ([\d., ]+)", diagnostic.hint or "")
    assert named, diagnostic.hint
    assert tuple(named.group(1).split(", ")) == SUPPORTED_VERSIONS


ROS2_SERVER = (
    "servers:\n  s:\n    host: h\n    protocol: ws\n    bindings:\n      ros2: {rmwImplementation: %s}\n"
)


def test_each_version_is_checked_against_its_own_schema() -> None:
    """ROS 2 bindings came with 3.1.0: the 3.0.0 schema does not know the key at all."""
    head = "asyncapi: {}\ninfo:\n  title: Robots\n  version: 1.0.0\n"
    good, bad = ROS2_SERVER % "cyclonedds", ROS2_SERVER % "5"
    assert validate(doc_of(head.format("3.1.0") + good)) == []
    (diagnostic,) = validate(doc_of(head.format("3.1.0") + bad))
    assert diagnostic.pointer == "/servers/s/bindings/ros2/rmwImplementation"
    assert diagnostic.message == "expected string, got integer 5"
    for servers in (good, bad):
        (diagnostic,) = validate(doc_of(head.format("3.0.0") + servers))
        assert diagnostic.message == "unexpected key 'ros2' in serverBindingsObject object"


@pytest.mark.parametrize(
    ("first_line", "message"),
    [("asyncapi: 2.6.0", "'2.6.0' is not supported"), ("asyncapi: 3.0", "'3.0' is not supported"), ("openapi: 3.0.0", "no `asyncapi` version")],
)
def test_a_missing_or_unsupported_version_is_one_error(first_line: str, message: str) -> None:
    found = validate(doc_of(GOOD.replace("asyncapi: 3.0.0", first_line)))
    assert len(found) == 1
    (diagnostic,) = found
    assert (diagnostic.code, diagnostic.severity) == ("asyncapi-version", "error")
    assert message in diagnostic.message
    assert all(version in (diagnostic.hint or "") for version in SUPPORTED_VERSIONS)


def test_a_wrong_enum_value_names_the_choices_and_the_line() -> None:
    text = GOOD.replace("action: receive", "action: publish")
    (diagnostic,) = validate(doc_of(text))
    assert diagnostic.code == "schema"
    assert diagnostic.message == "'publish' is not one of 'send', 'receive'"
    assert diagnostic.pointer == "/operations/sayHello/action"
    assert (diagnostic.line, diagnostic.column) == line_col(text, "action: publish")
    assert diagnostic.format().startswith(f"chat.yaml:{diagnostic.line}:{diagnostic.column}: error[schema]: 'publish'")


def test_a_typo_in_a_key_gets_did_you_mean_and_the_allowed_keys() -> None:
    text = GOOD.replace("    address: /rooms/{roomId}\n", "    address: /rooms/{roomId}\n    descripton: Rooms.\n")
    (diagnostic,) = validate(doc_of(text))
    assert diagnostic.message == "unexpected key 'descripton' in channel object"
    assert diagnostic.pointer == "/channels/room/descripton"
    assert (diagnostic.line, diagnostic.column) == line_col(text, "descripton")
    assert diagnostic.hint is not None
    assert diagnostic.hint.startswith("did you mean 'description'?")
    assert "address" in diagnostic.hint and "x-* extensions" in diagnostic.hint


def test_deprecated_on_an_operation_is_reported_with_the_operation_keys() -> None:
    text = GOOD.replace("    action: receive\n", "    action: receive\n    deprecated: true\n")
    (diagnostic,) = validate(doc_of(text))
    assert diagnostic.message == "unexpected key 'deprecated' in operation object"
    assert "action, channel" in (diagnostic.hint or "")


def test_a_missing_required_key_points_at_its_parent() -> None:
    text = GOOD.replace("  title: Chat\n", "")
    (diagnostic,) = validate(doc_of(text))
    assert diagnostic.message == "missing required key 'title' in info object"
    assert diagnostic.pointer == "/info"
    assert (diagnostic.line, diagnostic.column) == line_col(text, "info:")
    assert diagnostic.hint == "add `title:` under `info`"


def test_errors_deep_in_a_payload_schema_are_found_through_the_alternatives() -> None:
    text = GOOD.replace("        type: string", "        type: strin")
    (diagnostic,) = validate(doc_of(text))
    assert diagnostic.pointer == "/components/messages/Hello/payload/type"
    assert diagnostic.hint == "did you mean 'string'?"


def test_a_security_scheme_error_comes_from_the_scheme_its_type_names() -> None:
    text = GOOD + "  securitySchemes:\n    token:\n      type: httpApiKey\n      in: body\n      name: token\n"
    (diagnostic,) = validate(doc_of(text))
    assert diagnostic.pointer == "/components/securitySchemes/token/in"
    assert diagnostic.message == "'body' is not one of 'header', 'query', 'cookie'"


def test_diagnostics_are_sorted_and_unique() -> None:
    # the schema step reports lines 2 and 15 and the semantic step line 12: sorting interleaves them
    text = GOOD.replace("action: receive", "action: publish").replace("  title: Chat\n", "")
    text = text.replace("$ref: '#/components/messages/Hello'", "$ref: '#/components/messages/Helo'")
    found = validate(doc_of(text))
    assert [(d.line, d.column, d.code) for d in found] == [
        (*line_col(text, "info:"), "schema"),
        (*line_col(text, "$ref: '#/components/messages/Helo'"), "unresolved-ref"),
        (*line_col(text, "action: publish"), "schema"),
    ]
    assert len(set(found)) == len(found)


def test_a_finding_reported_twice_is_listed_once(tmp_path: Path) -> None:
    # two channels reach one broken file through the same $ref: one finding, at the file
    (tmp_path / "shared.yaml").write_text("Hello:\n  $ref: '#/Nope'\n", encoding="utf-8")
    text = GOOD.replace("$ref: '#/components/messages/Hello'", "$ref: './shared.yaml#/Hello'")
    hall = "  hall:\n    address: /hall\n    messages:\n      hello:\n        $ref: './shared.yaml#/Hello'\n"
    text = text.replace("channels:\n", "channels:\n" + hall, 1)
    found = validate(loads(text, source=str(tmp_path / "chat.yaml"), base_dir=tmp_path))
    broken = [d for d in found if d.code == "unresolved-ref"]
    assert len(broken) == 1, [d.format() for d in found]
    assert broken[0].file is not None and Path(broken[0].file).name == "shared.yaml"


def test_semantic_false_runs_the_schema_only() -> None:
    text = GOOD.replace("$ref: '#/channels/room'", "$ref: '#/channels/rom'")
    assert [d.code for d in validate(doc_of(text))] == ["unresolved-ref"]
    assert validate(doc_of(text), semantic=False) == []


def test_json_documents_validate_too() -> None:
    data = doc_of(GOOD).plain()
    data["operations"]["sayHello"]["action"] = "publish"
    text = json.dumps(data, indent=2)
    (diagnostic,) = validate(loads(text, source="chat.json"))
    assert diagnostic.file == "chat.json"
    assert (diagnostic.line, diagnostic.column) == line_col(text, '"action"')


def run_python(code: str, *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``code`` in a fresh interpreter (an empty validator cache); its stdout."""
    command = [sys.executable, "-c", textwrap.dedent(code)]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_validator_compiles_once_per_version(tmp_path: Path) -> None:
    """Counted where jsonschema-rs compiles, in a new process: nothing is compiled before."""
    (tmp_path / "chat.yaml").write_text(GOOD, encoding="utf-8")
    counts = run_python(
        """
        import json, jsonschema_rs
        from pathlib import Path
        calls = []
        real = jsonschema_rs.validator_for
        def counting(schema, **options):
            calls.append(schema.get("$id"))
            return real(schema, **options)
        jsonschema_rs.validator_for = counting
        from asyncapi_tools import loads, validate
        good = Path("chat.yaml").read_text(encoding="utf-8")
        seen = []
        broken = good.replace("action: receive", "action: publish")
        for text in (good, broken, good.replace("3.0.0", "3.1.0", 1)):
            validate(loads(text))
            seen.append(list(calls))
        print(json.dumps(seen))
        """,
        cwd=tmp_path,
    )
    first, second, third = json.loads(counts)
    assert len(first) == 1 and "3.0.0" in first[0]
    assert second == first
    assert len(third) == 2 and "3.1.0" in third[1]


def test_the_process_cache_is_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once each version has been used in this process, no later validation compiles again."""
    for version in SUPPORTED_VERSIONS:
        validate(doc_of(GOOD.replace("asyncapi: 3.0.0", f"asyncapi: {version}")))
    calls: list[object] = []
    real = jsonschema_rs.validator_for

    def counting(schema: dict[str, Any], **options: Any) -> Any:
        calls.append(schema.get("$id"))
        return real(schema, **options)

    monkeypatch.setattr(jsonschema_rs, "validator_for", counting)
    for version in SUPPORTED_VERSIONS:
        text = GOOD.replace("asyncapi: 3.0.0", f"asyncapi: {version}")
        validate(doc_of(text))
        validate(doc_of(text.replace("receive", "publish")))
    assert calls == []


@pytest.fixture()
def installed_copy(tmp_path: Path) -> Path:
    """A copy of the package as a checkout has it before ``scripts/vendor_assets.py`` runs:
    without the bundled JSON Schemas. Returns the folder to put on ``PYTHONPATH``."""
    root = tmp_path / "install"
    package = Path(asyncapi_tools.__file__).resolve().parent
    skip = shutil.ignore_patterns("__pycache__", "asyncapi-*.json")
    shutil.copytree(package, root / "asyncapi_tools", ignore=skip)
    (tmp_path / "chat.yaml").write_text(GOOD, encoding="utf-8")
    return root


def env_with(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root)}


def test_missing_schemas_raise_assets_missing_with_the_fix(installed_copy: Path) -> None:
    folder = installed_copy.parent
    result = subprocess.run(
        [sys.executable, "-m", "asyncapi_tools", "validate", "chat.yaml"],
        cwd=folder, env=env_with(installed_copy), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    missing = "error[assets-missing]: the official JSON Schema for AsyncAPI 3.0.0 is not installed"
    assert missing in result.stderr
    assert str(installed_copy / "asyncapi_tools" / "_schemas" / "asyncapi-3.0.0.json") in result.stderr
    assert "python scripts/vendor_assets.py" in result.stderr and "reinstall" in result.stderr
    caught = run_python(
        """
        import asyncapi_tools
        try:
            asyncapi_tools.validate(asyncapi_tools.load("chat.yaml"))
        except asyncapi_tools.AssetsMissing as error:
            print(asyncapi_tools.__file__, error.hint, sep="\\n")
        """,
        cwd=folder,
        env=env_with(installed_copy),
    )
    where, hint = caught.splitlines()
    assert Path(where).is_relative_to(installed_copy)
    assert "python scripts/vendor_assets.py" in hint and "reinstall" in hint


def test_the_bundled_schema_never_fetches_a_remote_definition(installed_copy: Path) -> None:
    """A bundled schema that points outside itself is refused, not fetched (no socket opened)."""
    schema = {
        "$id": "http://asyncapi.com/definitions/3.0.0/asyncapi.json",
        "$schema": "http://json-schema.org/draft-07/schema",
        "$ref": "http://example.com/schema.json",
    }
    bundled = installed_copy / "asyncapi_tools" / "_schemas" / "asyncapi-3.0.0.json"
    bundled.write_text(json.dumps(schema), encoding="utf-8")
    caught = run_python(
        """
        import socket
        attempts = []
        def no_network(*args, **kwargs):
            attempts.append(args)
            raise OSError("network access attempted")
        socket.getaddrinfo = no_network
        socket.socket.connect = no_network
        import asyncapi_tools
        try:
            asyncapi_tools.validate(asyncapi_tools.load("chat.yaml"))
        except asyncapi_tools.AssetsMissing as error:
            print(error.message.splitlines()[0])
            print(error.file)
        print(attempts)
        """,
        cwd=installed_copy.parent,
        env=env_with(installed_copy),
    )
    message, file, attempts = caught.splitlines()
    assert "the bundled JSON Schema for AsyncAPI 3.0.0 does not compile" in message
    assert (installed_copy.parent / file).resolve() == bundled.resolve()  # the broken file, not the document
    assert "refusing to fetch http://example.com/schema.json" in message
    assert attempts == "[]"


def test_every_diagnostic_serialises_for_python_callers() -> None:
    text = GOOD.replace("action: receive", "action: publish")
    (diagnostic,) = errors(validate(doc_of(text)))
    data = diagnostic.to_dict()
    assert set(data) >= {"code", "severity", "pointer", "file", "line", "column", "message", "hint"}
    assert data["code"] == "schema" and data["severity"] == "error"


DOC_PAGE = REPO_ROOT / "docs" / "validate.md"
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_the_docs_page_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = [code for language, code in FENCE.findall(DOC_PAGE.read_text(encoding="utf-8")) if language == "python"]
    assert blocks
    namespace: dict[str, object] = {"__name__": "docs_validate"}
    for code in blocks:
        exec(compile(code, str(DOC_PAGE), "exec"), namespace)


def every_rule_broken() -> dict[str, Any]:
    """GOOD, broken once for every rule validate() has."""
    data = doc_of(GOOD).plain()
    data["operations"]["sayHello"]["action"] = "publish"  # schema
    data["servers"] = {"prod": {"host": "chat.example.com", "protocol": "wss"}}
    components = data["components"]
    components["servers"] = {"staging": {"host": "staging.example.com", "protocol": "wss"}}
    components["channels"] = {"Lobby": {"address": "/lobby", "messages": {}}}
    components["messages"]["Again"] = {"name": "hello", "payload": {"type": "string"}}
    # remote-ref
    components["messages"]["Remote"] = {"$ref": "https://example.com/messages.yaml#/Remote"}
    # duplicate-name: a second message named hello on the room channel
    data["channels"]["room"]["messages"]["again"] = {"$ref": "#/components/messages/Again"}
    data["channels"]["room"]["servers"] = [{"$ref": "#/components/servers/staging"}]  # server-ref
    data["channels"]["hall"] = {
        "address": "/halls/{hallId}",  # address-parameter
        "messages": {"gone": {"$ref": "#/components/messages/Gone"}},  # unresolved-ref
    }
    # operation-channel: a channel under components, not under the root channels
    lobby = {"$ref": "#/components/channels/Lobby"}
    data["operations"]["toLobby"] = {"action": "send", "channel": lobby}
    say_hello = data["operations"]["sayHello"]
    say_hello["messages"].append({"$ref": "#/channels/hall/messages/gone"})  # operation-message
    say_hello["reply"] = {"channel": {"$ref": "#/components/messages/Hello"}}  # reply
    return data


def test_the_docs_page_lists_every_code() -> None:
    page = DOC_PAGE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", page, re.MULTILINE))
    broken = loads(dumps(from_data(every_rule_broken())), source="broken.yaml")
    reported = {d.code for d in validate(broken)}
    reported |= {d.code for d in validate(doc_of(GOOD.replace("asyncapi: 3.0.0", "asyncapi: 2.6.0")))}
    assert reported == documented
