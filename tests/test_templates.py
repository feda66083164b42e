"""Includes and imports through the sandboxed loader, the built-in macros, `templates` and `init`."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

import asyncapi_tools
from asyncapi_tools import TemplateError, render_file, render_text
from asyncapi_tools.cli import app
from tests.conftest import REPO_ROOT

runner = CliRunner()
HEAD = "asyncapi: 3.0.0\ninfo:\n  title: T\n  version: '1'\n"


def run(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render_error(path: Path) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render_file(path)
    return caught.value


# --- include and import ---------------------------------------------------------------------


def test_include_and_import_from_the_templates_own_folder(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "info.yaml", "info:\n  title: {{ TITLE }}\n  version: '1'\n")
    write(tmp_path / "partials" / "m.j2", "{% macro server(host) %}host: {{ host }}{% endmacro %}")
    main = write(
        tmp_path / "spec.yaml",
        '{% set TITLE = "From a partial" %}{% import "partials/m.j2" as m %}asyncapi: 3.0.0\n'
        '{% include "partials/info.yaml" %}servers:\n  dev:\n    {{ m.server("h.example") }}\n    protocol: ws\n',
    )
    plain = render_file(main).plain()
    assert plain["info"]["title"] == "From a partial"  # the include sees the includer's variables
    assert plain["servers"]["dev"]["host"] == "h.example"


def test_include_and_import_the_built_ins_from_any_folder(tmp_path: Path) -> None:
    main = write(
        tmp_path / "deep" / "spec.yaml",
        '{% import "asyncapi/macros.j2" as api %}' + HEAD + '{% set PRODUCTION_HOST = "prod.example" %}'
        '{% include "asyncapi/servers.yaml" %}components:\n  messages:\n'
        '    {{ api.message("hello", "hello", "in") | indent(4) }}\n',
    )
    plain = render_file(main, host="dev.example").plain()
    assert plain["servers"]["development"]["host"] == "dev.example"
    assert plain["servers"]["production"]["host"] == "prod.example"
    assert plain["components"]["messages"]["hello"]["payload"]["properties"]["action"]["const"] == "hello"


def test_the_templates_own_folder_shadows_a_built_in(tmp_path: Path) -> None:
    write(tmp_path / "asyncapi" / "servers.yaml", "servers:\n  mine:\n    host: mine.example\n    protocol: ws\n")
    main = write(tmp_path / "spec.yaml", HEAD + '{% include "asyncapi/servers.yaml" %}')
    assert list(render_file(main).plain()["servers"]) == ["mine"]


def test_render_text_without_a_folder_still_reads_the_built_ins() -> None:
    text = '{% import "asyncapi/macros.j2" as api %}{{ api.pointer("a/b~c") }}'
    assert render_text(text) == "a~1b~0c"


ESCAPES = {
    "dot-dot": ('{% include "../secret.yaml" %}', "'..' may not leave the template's folder"),
    "dot-dot inside": ('{% include "partials/../../secret.yaml" %}', "'..' may not leave"),
    "absolute": ('{% include "/etc/passwd" %}', "absolute paths are not allowed"),
    "backslash": ('{% include "..\\\\secret.yaml" %}', "not '\\'"),
    "drive": ('{% include "C:/secret.yaml" %}', "absolute paths are not allowed"),
    "symlink out": ('{% include "link.yaml" %}', "symlink"),
    "symlinked folder out": ('{% import "linked/secret.yaml" as s %}', "symlink"),
}


@pytest.mark.parametrize("case", list(ESCAPES), ids=list(ESCAPES))
def test_every_escape_attempt_is_refused_at_the_include(case: str, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.yaml", "stolen: true\n")
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(secret)
    (folder / "linked").symlink_to(tmp_path)
    statement, message = ESCAPES[case]
    main = write(folder / "spec.yaml", HEAD + "x: 1\n" + statement + "\n")
    error = render_error(main)
    assert message in error.message
    assert (error.file, error.line) == (str(main), 6)
    assert error.column == 1 + statement.index('"')  # the quoted name in the include statement
    assert "stolen" not in str(error)
    assert "asyncapi-tools templates" in (error.hint or "")


def test_a_symlink_that_stays_inside_the_folder_is_allowed(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "info.yaml", "info:\n  title: Linked\n  version: '1'\n")
    (tmp_path / "info.yaml").symlink_to(tmp_path / "partials" / "info.yaml")
    main = write(tmp_path / "spec.yaml", 'asyncapi: 3.0.0\n{% include "info.yaml" %}')
    assert render_file(main).plain()["info"]["title"] == "Linked"


def test_a_missing_include_names_both_folders(tmp_path: Path) -> None:
    main = write(tmp_path / "spec.yaml", HEAD + '{% include "nope.yaml" %}\n')
    error = render_error(main)
    assert "included template not found: 'nope.yaml'" in error.message
    assert (error.line, error.column) == (5, 12)
    assert str(tmp_path) in error.message and "templates" in error.message


# --- errors inside included files ---------------------------------------------------------------


def test_an_undefined_variable_in_a_nested_include_names_its_file_line_column_and_chain(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "outer.yaml", "servers:\n{% include 'partials/inner.yaml' %}")
    write(tmp_path / "partials" / "inner.yaml", "  dev:\n    host: {{ STAGING_HOST }}\n    protocol: ws\n")
    main = write(tmp_path / "spec.yaml", HEAD + '{% include "partials/outer.yaml" %}\n')
    error = render_error(main)
    inner = os.path.join(str(tmp_path), "partials", "inner.yaml")
    assert (error.file, error.line, error.column) == (inner, 2, 14)
    assert "undefined template variable 'STAGING_HOST'" in error.message
    outer = os.path.join(str(tmp_path), "partials", "outer.yaml")
    assert f"[include chain: {main}:5 → {outer}:2 → {inner}:2]" in error.message
    assert "--var STAGING_HOST=VALUE" in (error.hint or "")
    assert str(error).startswith(f"{inner}:2:14: error:")


def test_a_syntax_error_in_an_imported_file_names_that_file(tmp_path: Path) -> None:
    write(tmp_path / "m.j2", "{% macro ok() %}fine{% endmacro %}\n\n  {{ broken( }}\n")
    main = write(tmp_path / "spec.yaml", HEAD + '{% import "m.j2" as m %}\n')
    error = render_error(main)
    assert (error.file, error.line, error.column) == (str(tmp_path / "m.j2"), 3, 3)
    assert error.message.startswith("template syntax error:")
    assert f"[include chain: {main}:5 → {tmp_path / 'm.j2'}:3]" in error.message


def test_an_error_inside_a_built_in_macro_names_the_macro_file_and_the_call(tmp_path: Path) -> None:
    main = write(tmp_path / "spec.yaml", HEAD + '{% import "asyncapi/macros.j2" as api %}\nx:\n  {{ api.message("a", "a", "sideways") }}\n')
    error = render_error(main)
    assert error.file is not None and error.file.endswith(os.path.join("asyncapi", "macros.j2"))
    assert "direction must be 'in' (client to server) or 'out' (server to client), not \"sideways\"" in error.message
    assert f"[include chain: {main}:7 → " in error.message


def test_an_error_in_the_top_level_template_is_reported_as_before(tmp_path: Path) -> None:
    main = write(tmp_path / "spec.yaml", HEAD + '{% import "asyncapi/macros.j2" as api %}\nx: {{ MISSING }}\n')
    error = render_error(main)
    assert (error.file, error.line, error.column) == (str(main), 6, 7)
    assert "include chain" not in error.message


# --- the macros write frames the way django_bridge's wire model does ---------------------------------

WIRES: dict[str, dict[str, str | None]] = {
    "default": {},
    "type both ways": {"client_key": "type"},
    "event": {"client_key": "event", "server_key": "event"},
    "envelope": {"client_key": "type", "envelope": "data"},
    "no discriminator": {"client_key": None, "server_key": None},
    "envelope without key": {"client_key": None, "server_key": None, "envelope": "payload"},
}


@pytest.mark.parametrize("wire", list(WIRES), ids=list(WIRES))
@pytest.mark.parametrize("direction", ["in", "out"])
def test_message_macro_agrees_with_the_declared_wire_model(wire: str, direction: str) -> None:
    declared = WIRES[wire]
    fields = {"text": {"type": "string"}, "count": {"type": "integer"}}
    examples = [{"name": "fieldsOnly", "payload": {"text": "hi"}}]
    template = (
        '{% import "asyncapi/macros.j2" as api %}messages:\n  '
        "{{ api.message('M', 'say.hello', direction, wire, fields=fields, required=['text'], examples=examples) | indent(2) }}\n"
    )
    text = render_text(
        "{% set wire = " + _jinja(declared) + " %}{% set fields = " + _jinja(fields) + " %}"
        "{% set examples = " + _jinja(examples) + " %}{% set direction = '" + direction + "' %}" + template
    )
    message = asyncapi_tools.loads(text).plain()["messages"]["M"]
    generated = generated_message(declared, direction, "say.hello", {"type": "object", "properties": fields, "required": ["text"]}, {"text": "hi"})
    assert message["payload"] == untitled(generated["payload"])
    assert message["examples"][0]["payload"] == generated["examples"][0]["payload"]
    assert message["name"] == generated["name"] == "say.hello"


def generated_message(wire: dict[str, Any], direction: str, name: str, body: dict[str, Any], example: dict[str, Any]) -> dict[str, Any]:
    """The message django_bridge's generator writes for ``name`` (with ``body``'s fields and one
    example) on a consumer that declares ``wire``: the oracle the macros must agree with."""
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from django_bridge import AsyncAPIGenerator, client_message, document_channel, server_message

    declare = client_message if direction == "in" else server_message

    @document_channel("probe", wire=wire, messages=[declare(name, payload=body, examples=[{"name": "e", "payload": example}])])
    class Probe(AsyncJsonWebsocketConsumer):
        pass

    (message,) = AsyncAPIGenerator(Probe, channel_path="/ws/probe/").get_spec()["components"]["messages"].values()
    return message  # type: ignore[no-any-return]


def untitled(schema: Any) -> Any:
    """``schema`` without its ``title`` keywords: the generator names every object schema after
    its message, the macros leave names out; the frame's shape is what must agree."""
    if not isinstance(schema, dict):
        return schema
    out = {key: value for key, value in schema.items() if key != "title"}
    if isinstance(out.get("properties"), dict):
        # keys of ``properties`` are field names (a field may be called "title"), not keywords
        out["properties"] = {field: untitled(value) for field, value in out["properties"].items()}
    for key in ("allOf", "anyOf", "oneOf"):
        if isinstance(out.get(key), list):
            out[key] = [untitled(item) for item in out[key]]
    if "items" in out:
        out["items"] = untitled(out["items"])
    return out


def _jinja(value: object) -> str:
    """A Python value as a Jinja literal (None is `none` there, strings are JSON-escaped)."""
    import json

    if isinstance(value, dict):
        return "{" + ", ".join(f"{_jinja(k)}: {_jinja(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_jinja(item) for item in value) + "]"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


NAMES = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=12)
KEYS = st.sampled_from(["action", "type", "event", "op", None])


@settings(max_examples=60, deadline=None)
@given(
    name=NAMES,
    fields=st.dictionaries(st.one_of(NAMES, st.sampled_from(["action", "type", "event"])), st.sampled_from([{"type": "string"}, {"type": "integer", "minimum": 0}]), max_size=4),
    client_key=KEYS,
    server_key=KEYS,
    envelope=st.sampled_from([None, "data", "payload"]),
    direction=st.sampled_from(["in", "out"]),
)
def test_message_macro_agrees_with_the_wire_model_on_any_names(
    name: str, fields: dict[str, Any], client_key: str | None, server_key: str | None, envelope: str | None, direction: str
) -> None:
    wire = {"client_key": client_key, "server_key": server_key, "envelope": envelope}
    required = sorted(fields)[:1]
    example = {key: ("x" if schema["type"] == "string" else 1) for key, schema in fields.items()}
    text = render_text(
        '{% import "asyncapi/macros.j2" as api %}messages:\n  '
        "{{ api.message('M', " + _jinja(name) + ", " + _jinja(direction) + ", " + _jinja(wire)
        + ", fields=" + _jinja(fields) + ", required=" + _jinja(required)
        + ", examples=[{'name': 'e', 'payload': " + _jinja(example) + "}]) | indent(2) }}\n"
    )
    message = asyncapi_tools.loads(text).plain()["messages"]["M"]
    body = {"type": "object", "properties": fields, **({"required": required} if required else {})}
    generated = generated_message(wire, direction, name, body, example)
    assert message["name"] == generated["name"] == name
    assert message["payload"] == untitled(generated["payload"])
    assert message["examples"][0]["payload"] == generated["examples"][0]["payload"]


def test_operation_macros_escape_json_pointers() -> None:
    text = render_text(
        '{% import "asyncapi/macros.j2" as api %}ops:\n  '
        '{{ api.request_reply("op", "rooms/{id}", "a~b", ["c/d"], security=["queryToken"]) | indent(2) }}\n'
    )
    op = asyncapi_tools.loads(text).plain()["ops"]["op"]
    assert op["channel"] == {"$ref": "#/channels/rooms~1{id}"}
    assert op["messages"] == [{"$ref": "#/channels/rooms~1{id}/messages/a~0b"}]
    assert op["reply"]["messages"] == [{"$ref": "#/channels/rooms~1{id}/messages/c~1d"}]
    assert op["security"] == [{"$ref": "#/components/securitySchemes/queryToken"}]


def test_to_yaml_is_sandboxed_data_only(tmp_path: Path) -> None:
    main = write(tmp_path / "spec.yaml", HEAD + "x:\n  {{ {'a': [1, 'two', none, true]} | to_yaml | indent(2) }}\n")
    assert render_file(main).plain()["x"] == {"a": [1, "two", None, True]}
    evil = write(tmp_path / "evil.yaml", HEAD + "x: {{ to_yaml.__globals__ }}\n")
    assert "template" in render_error(evil).message


# --- the commands -----------------------------------------------------------------------------


def test_templates_lists_every_builtin_with_a_description() -> None:
    result = run("templates")
    assert result.exit_code == 0, result.output
    for template in asyncapi_tools.builtin_templates():
        line = next(line for line in result.output.splitlines() if line.strip().startswith(template.name.removesuffix(".yaml")))
        assert template.description and template.description in line
    assert {"channels-websocket", "channels-multi", "overlay-environments"} <= {
        t.name.removesuffix(".yaml") for t in asyncapi_tools.builtin_templates() if t.is_starter
    }


def test_init_writes_a_starter_and_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.template.yaml"
    result = run("init", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (REPO_ROOT / "templates" / "channels-websocket.yaml").read_bytes()

    out.write_bytes(b"# mine: keep me\n")
    refused = run("init", "channels-multi", "-o", str(out))
    assert refused.exit_code == 1
    assert "already exists; not overwritten" in refused.output and "--force" in refused.output
    assert out.read_bytes() == b"# mine: keep me\n"

    forced = run("init", "channels-multi", "-o", str(out), "--force", "--var", "API_TITLE=Shop \"Live\" API")
    assert forced.exit_code == 0, forced.output
    assert '{%- set API_TITLE = API_TITLE | default("Shop \\"Live\\" API") %}' in out.read_text(encoding="utf-8")
    assert render_file(out).plain()["info"]["title"] == 'Shop "Live" API'
    assert render_file(out, variables={"API_TITLE": "Override"}).plain()["info"]["title"] == "Override"


def test_init_refuses_unknown_variables_and_values_that_break_the_yaml(tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    unknown = run("init", "-o", str(out), "--var", "NOPE=1")
    assert unknown.exit_code == 1 and "declares no variable 'NOPE'" in unknown.output
    assert "API_TITLE" in unknown.output
    unknown_name = run("init", "no-such-starter", "-o", str(out))
    assert unknown_name.exit_code == 1 and "channels-websocket" in unknown_name.output
    assert not out.exists()



def test_init_values_are_data_never_template_code_or_yaml(tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    value = 'a: b # {{ 7 * 7 }} {% raw %}\n  x: ['
    result = run("init", "-o", str(out), "--var", f"API_TITLE={value}")
    assert result.exit_code == 0, result.output
    assert render_file(out).plain()["info"]["title"] == value


def test_render_and_export_accept_a_builtin_name(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.yaml"
    result = run("render", "channels-websocket", "--host", "h.example:9000", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert asyncapi_tools.load(out).plain()["servers"]["development"]["host"] == "h.example:9000"
    typo = run("render", "channels-websockets", "-o", str(out))
    assert typo.exit_code == 1 and "give a built-in name: channels-multi, channels-websocket" in typo.output

    from django.core.management import call_command

    exported = tmp_path / "exported.yaml"
    call_command("export_asyncapi", "--template", "channels-multi", "-o", str(exported), stdout=io.StringIO())
    assert asyncapi_tools.load(exported).plain()["info"]["title"] == "Shop API"


def test_a_path_wins_over_a_builtin_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "channels-websocket", HEAD)
    assert asyncapi_tools.resolve_template("channels-websocket") == Path("channels-websocket")


def test_message_correlation_points_into_the_frame_the_wire_format_builds() -> None:
    """Kraken-style `reqid` correlation: flat frames point at the field, envelopes inside it."""
    template = (
        '{% import "asyncapi/macros.j2" as api %}messages:\n'
        "  {{ api.message('ping', 'ping', 'in', {'client_key': 'event'}, fields={'reqid': {'type': 'integer'}}, correlation='reqid') | indent(2) }}\n"
        "  {{ api.message('typing', 'typing', 'in', {'envelope': 'data'}, fields={'reqid': {'type': 'integer'}}, correlation='reqid') | indent(2) }}\n"
    )
    messages = asyncapi_tools.loads(render_text(template)).plain()["messages"]
    assert messages["ping"]["correlationId"] == {"location": "$message.payload#/reqid"}
    assert messages["ping"]["payload"]["properties"]["reqid"] == {"type": "integer"}
    assert messages["typing"]["correlationId"] == {"location": "$message.payload#/data/reqid"}
