"""validate(): version check, JSON Schema diagnostics that a person can act on, the compile cache."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import jsonschema_rs
import pytest

import asyncapi_tools
from asyncapi_tools import AssetsMissing, Document, _schemas, loads
from asyncapi_tools._diagnostics import errors, sort_key
from asyncapi_tools._validate import VALIDATORS, ValidatorCache, _refuse_retrieval, validate
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


@pytest.mark.parametrize("version", _schemas.SUPPORTED_VERSIONS)
def test_each_supported_version_validates(version: str) -> None:
    assert validate(doc_of(GOOD.replace("asyncapi: 3.0.0", f"asyncapi: {version}"))) == []


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
    assert all(version in (diagnostic.hint or "") for version in _schemas.SUPPORTED_VERSIONS)


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
    text = GOOD.replace("action: receive", "action: publish").replace("  title: Chat\n", "").replace("$ref: '#/channels/room'", "$ref: '#/channels/rom'")
    found = validate(doc_of(text))
    assert len(found) >= 3
    assert found == sorted(found, key=sort_key)
    assert len(set(found)) == len(found)
    assert {d.code for d in found} == {"schema", "unresolved-ref"}


def test_semantic_false_runs_the_schema_only() -> None:
    text = GOOD.replace("$ref: '#/channels/room'", "$ref: '#/channels/rom'")
    assert [d.code for d in validate(doc_of(text))] == ["unresolved-ref"]
    assert validate(doc_of(text), semantic=False) == []


def test_json_documents_validate_too() -> None:
    import json

    data = doc_of(GOOD).plain()
    data["operations"]["sayHello"]["action"] = "publish"
    text = json.dumps(data, indent=2)
    (diagnostic,) = validate(loads(text, source="chat.json"))
    assert diagnostic.file == "chat.json"
    assert (diagnostic.line, diagnostic.column) == line_col(text, '"action"')


def test_the_validator_compiles_once_per_version(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = jsonschema_rs.validator_for

    def counting(schema: dict[str, object], **kwargs: object) -> object:
        calls.append(str(schema.get("$id")))
        return real(schema, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jsonschema_rs, "validator_for", counting)
    cache = ValidatorCache()
    monkeypatch.setattr("asyncapi_tools._validate.VALIDATORS", cache)
    validate(doc_of(GOOD))
    validate(doc_of(GOOD.replace("action: receive", "action: publish")))
    assert len(calls) == 1 and cache.compiled == 1
    validate(doc_of(GOOD.replace("asyncapi: 3.0.0", "asyncapi: 3.1.0")))
    assert len(calls) == 2 and cache.compiled == 2
    assert "3.0.0" in calls[0] and "3.1.0" in calls[1]


def test_the_process_cache_is_shared() -> None:
    validate(doc_of(GOOD))
    before = VALIDATORS.compiled
    validate(doc_of(GOOD))
    assert VALIDATORS.compiled == before


def test_the_retriever_refuses_every_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    with pytest.raises(ValueError, match="refusing to fetch"):
        _refuse_retrieval("http://example.com/schema.json")
    with pytest.raises(Exception, match="refusing to fetch"):
        jsonschema_rs.validator_for({"$ref": "http://example.com/schema.json"}, retriever=_refuse_retrieval)


def test_load_schema_reads_the_bundled_schemas() -> None:
    for version in _schemas.SUPPORTED_VERSIONS:
        schema = _schemas.load_schema(version)
        assert schema["$id"] == f"http://asyncapi.com/definitions/{version}/asyncapi.json"
        assert schema["$schema"].startswith("http://json-schema.org/draft-07/schema")
    assert _schemas.load_schema("3.0.0") is not _schemas.load_schema("3.0.0")
    with pytest.raises(ValueError, match=r"3\.0\.0, 3\.1\.0"):
        _schemas.load_schema("2.6.0")


def test_missing_schemas_raise_assets_missing_with_the_install_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(_schemas, "SCHEMA_DIR", tmp_path)
    with pytest.raises(AssetsMissing) as caught:
        _schemas.load_schema("3.0.0")
    assert "python scripts/vendor_assets.py" in (caught.value.hint or "")
    assert "reinstall" in (caught.value.hint or "")
    monkeypatch.setattr("asyncapi_tools._validate.VALIDATORS", ValidatorCache())
    with pytest.raises(AssetsMissing):
        validate(doc_of(GOOD))


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


def test_the_docs_page_lists_every_code() -> None:
    from asyncapi_tools import _semantic

    page = DOC_PAGE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", page, re.MULTILINE))
    in_module = set(re.findall(r"^([a-z-]+)\s+(?:error|warning)\s", _semantic.__doc__ or "", re.MULTILINE))
    assert in_module <= documented
    assert {"schema", "asyncapi-version"} <= documented
