"""Render step: placeholders, variables and their precedence, and templates that must not misfire."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_tools import (
    BUILTIN_VARIABLES,
    AsyncAPIToolsError,
    InputError,
    TemplateError,
    YAMLSyntaxError,
    parse_var,
    render_file,
    render_text,
)

SERVERS = "servers:\n  dev:\n    host: '{{ WS_HOST }}'\n    protocol: '{{ WS_PROTOCOL }}'\n"


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def values_seen(vars_file: Path, *names: str) -> dict[str, str]:
    """The value of each of ``names`` that a template rendered with ``vars_file`` sees, exactly
    (``tojson`` quotes it, so YAML reads back the string the template was given)."""
    template = vars_file.with_name("echo.yaml")
    echo = "".join(f"{name}: {{{{ {name} | tojson }}}}\n" for name in names)
    template.write_text(echo, encoding="utf-8")
    return render_file(template, vars_file=vars_file).plain()


# -- built-in variables --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "placeholder", ["{{WS_HOST}}", "{{ WS_HOST }}", "{{ws_host}}", "{{  ws_host\t}}", "{{ WS_HOST}}"]
)
def test_every_spelling_of_the_host_placeholder(placeholder: str) -> None:
    assert render_text(f"host: '{placeholder}'\n") == "host: 'localhost:8000'\n"
    assert render_text(f"host: {placeholder}\n", host="api.example.com:443") == "host: api.example.com:443\n"


def test_defaults_are_those_of_django_channels_spectacular() -> None:
    assert render_text("{{ WS_HOST }} {{ WS_PROTOCOL }}") == "localhost:8000 ws"
    assert render_text(SERVERS) == SERVERS.replace("{{ WS_HOST }}", "localhost:8000").replace("{{ WS_PROTOCOL }}", "ws")
    assert dict(BUILTIN_VARIABLES) == {
        "WS_HOST": "localhost:8000",
        "WS_PROTOCOL": "ws",
        "ws_host": "localhost:8000",
        "ws_protocol": "ws",
    }
    with pytest.raises(TypeError):
        BUILTIN_VARIABLES["WS_HOST"] = "elsewhere"  # type: ignore[index]


def test_host_and_protocol_override_variables_which_override_defaults() -> None:
    text = "{{ WS_HOST }} {{ ws_protocol }} {{ ws_host }}"
    assert render_text(text, variables={"ws_host": "a.example", "WS_PROTOCOL": "wss"}) == "a.example wss a.example"
    assert render_text(text, variables={"WS_HOST": "a.example"}, host="b.example", protocol="wss") == "b.example wss b.example"


@pytest.mark.parametrize("protocol", ["http", "WS", "wss ", "", "ws://"])
def test_protocol_must_be_ws_or_wss(protocol: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render_text("no placeholders here\n", protocol=protocol)
    assert "ws or wss" in caught.value.message
    assert caught.value.hint and "--protocol wss" in caught.value.hint
    with pytest.raises(TemplateError):
        render_text(SERVERS, variables={"ws_protocol": protocol})


@pytest.mark.parametrize("host", ["", "a b", "api.example.com # prod", "x\ny", "'quoted'", "{{ x }}"])
def test_a_host_that_would_change_the_yaml_is_refused(host: str) -> None:
    with pytest.raises(TemplateError, match="invalid host") as caught:
        render_text(SERVERS, host=host)
    assert caught.value.hint and "--host" in caught.value.hint


def test_two_spellings_with_different_values_in_one_place_are_refused() -> None:
    with pytest.raises(TemplateError, match="WS_HOST twice") as caught:
        render_text(SERVERS, variables={"WS_HOST": "a.example", "ws_host": "b.example"})
    assert caught.value.hint and "one variable" in caught.value.hint


# -- user variables ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("API=1.2.0", ("API", "1.2.0")), ("Q=a=b", ("Q", "a=b")), ("EMPTY=", ("EMPTY", "")), (" name =x y", ("name", "x y"))],
)
def test_parse_var(text: str, expected: tuple[str, str]) -> None:
    assert parse_var(text) == expected


@pytest.mark.parametrize(("text", "problem"), [("API", "no '='"), ("1API=x", "not a valid variable name"), ("=x", "not a valid"), ("a-b=x", "not a valid")])
def test_parse_var_refuses_malformed_arguments(text: str, problem: str) -> None:
    with pytest.raises(TemplateError, match=problem) as caught:
        parse_var(text)
    assert caught.value.hint


def test_vars_file_yaml_keeps_numbers_and_booleans_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path / "vars.yaml",
        """\
        # deployment values
        API_VERSION: 1.10   # not 1.1
        PORT: 0o17
        DEBUG: True
        TITLE: Dispatch API
        QUOTED: '010'
        """,
    )
    assert values_seen(path, "API_VERSION", "PORT", "DEBUG", "TITLE", "QUOTED") == {
        "API_VERSION": "1.10",
        "PORT": "0o17",
        "DEBUG": "True",
        "TITLE": "Dispatch API",
        "QUOTED": "010",
    }


def test_vars_file_json(tmp_path: Path) -> None:
    path = write(tmp_path / "vars.json", '{"API_VERSION": "2.0.0", "RETRIES": 3, "ON": false}\n')
    seen = values_seen(path, "API_VERSION", "RETRIES", "ON")
    assert seen == {"API_VERSION": "2.0.0", "RETRIES": "3", "ON": "false"}


@pytest.mark.parametrize("text", ["# nothing yet\n", "", "\n\n"])
def test_empty_vars_file_has_no_variables(tmp_path: Path, text: str) -> None:
    vars_file = write(tmp_path / "vars.yaml", text)
    template = write(tmp_path / "t.yaml", "h: '{{ WS_HOST }}'\nv: '{{ API_VERSION | default(0) }}'\n")
    assert render_file(template, vars_file=vars_file).plain() == {"h": "localhost:8000", "v": "0"}
    with pytest.raises(TemplateError, match="undefined template variable 'API_VERSION'"):
        render_file(write(tmp_path / "u.yaml", "v: '{{ API_VERSION }}'\n"), vars_file=vars_file)


@pytest.mark.parametrize(
    ("text", "error", "message", "line"),
    [
        ("A: 1\nB:\n", InputError, "'B' has no value", 2),
        ("A: 1\nB: [1, 2]\n", InputError, "'B' is a list", 2),
        ("A: 1\nB: {c: 1}\n", InputError, "'B' is a mapping", 2),
        ("A: 1\nbad-name: 1\n", TemplateError, "'bad-name' is not a valid variable name", 2),
        ("- A\n- B\n", InputError, "not a mapping", 1),
        ("A: [\n", YAMLSyntaxError, "malformed YAML", 2),
    ],
)
def test_bad_vars_files_name_file_and_line(
    tmp_path: Path, text: str, error: type[AsyncAPIToolsError], message: str, line: int
) -> None:
    path = write(tmp_path / "vars.yaml", text)
    template = write(tmp_path / "t.yaml", "v: '{{ A }}'\n")
    with pytest.raises(error) as caught:
        render_file(template, vars_file=path)
    assert message in caught.value.message
    assert (caught.value.file, caught.value.line) == (str(path), line)


def test_missing_vars_file(tmp_path: Path) -> None:
    template = write(tmp_path / "t.yaml", "v: 1\n")
    with pytest.raises(InputError, match="vars file not found") as caught:
        render_file(template, vars_file=tmp_path / "nope.yaml")
    assert caught.value.file == str(tmp_path / "nope.yaml")


def test_render_file_precedence_file_then_var_then_host(tmp_path: Path) -> None:
    template = write(
        tmp_path / "t.yaml",
        """\
        info:
          title: '{{ TITLE }}'
          version: '{{ VERSION }}'
        servers:
          dev:
            host: '{{ ws_host }}'
            protocol: '{{ WS_PROTOCOL }}'
        """,
    )
    vars_file = write(tmp_path / "vars.yaml", "TITLE: From file\nVERSION: 1.0.0\nWS_HOST: file.example\nws_protocol: wss\n")
    data = render_file(template, vars_file=vars_file, variables={"VERSION": "2.0.0", "ws_host": "var.example"}).plain()
    assert data["info"] == {"title": "From file", "version": "2.0.0"}
    assert data["servers"]["dev"] == {"host": "var.example", "protocol": "wss"}
    data = render_file(template, vars_file=vars_file, variables={"ws_host": "var.example"}, host="flag.example", protocol="ws").plain()
    assert data["servers"]["dev"] == {"host": "flag.example", "protocol": "ws"}


# -- errors with file and line ------------------------------------------------------------------


def test_undefined_variable_names_variable_file_line_and_the_way_out() -> None:
    text = "info:\n  title: x\n  description: Hello {{ user.name }}!\n"
    with pytest.raises(TemplateError) as caught:
        render_text(text, source="api.yaml")
    error = caught.value
    assert "undefined template variable 'user'" in error.message
    assert (error.file, error.line, error.column) == ("api.yaml", 3, 25)
    assert error.hint and "{% raw %}" in error.hint and "--no-template" in error.hint and "--var user=" in error.hint
    assert str(error).startswith("api.yaml:3:25: error: undefined template variable 'user'")


def test_undefined_variable_inside_a_block_is_located() -> None:
    text = "a: 1\n{% if FEATURE is defined %}\nb: 2\n{% endif %}\nc: '{{ MISSING }}'\n"
    assert render_text(text, variables={"MISSING": "m"}) == "a: 1\n\nc: 'm'\n"
    with pytest.raises(TemplateError) as caught:
        render_text(text, source="t.yaml")
    assert (caught.value.line, caught.value.message) == (5, "undefined template variable 'MISSING'")


def test_github_actions_expressions_are_caught_as_undefined() -> None:
    with pytest.raises(TemplateError, match="'github'") as caught:
        render_text("x-ci: ${{ github.sha }}\n", source="t.yaml")
    assert caught.value.line == 1


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: 1\n{% if %}\n", 2, 1),
        ("a: 1\nb: 2\nc: {{ WS_HOST\n", 3, 4),
        ("a: '^[{%].*$'\n", 1, 7),
        ("a: 1\n{% for x in y %}\n", 2, 1),
        ("a: {{ WS_HOST }} and {{ foo( }}\n", 1, 22),
        ("a: x {{ WS_HOST\nb: 2\n", 2, 1),
    ],
)
def test_template_syntax_errors_name_file_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(TemplateError) as caught:
        render_text(text, source="t.yaml")
    assert caught.value.message.startswith("template syntax error")
    assert (caught.value.file, caught.value.line, caught.value.column) == ("t.yaml", line, column)
    assert caught.value.hint and "{% raw %}" in caught.value.hint


@pytest.mark.parametrize(
    "expression",
    [
        "''.__class__.__mro__",
        "''.__class__.__mro__[1].__subclasses__()",
        "cycler.__init__.__globals__",
        "WS_HOST.__class__",
        "range.__self__",
    ],
)
def test_sandbox_escape_is_a_template_error_not_a_traceback(expression: str) -> None:
    text = "a: 1\nb: 2\nc: '{{ " + expression + " }}'\n"
    with pytest.raises(TemplateError) as caught:
        render_text(text, source="evil.yaml")
    assert (caught.value.file, caught.value.line) == ("evil.yaml", 3)
    assert "Traceback" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_runtime_errors_in_templates_are_template_errors() -> None:
    with pytest.raises(TemplateError, match="template error") as caught:
        render_text("a: 1\nb: {{ range(10**9) | list }}\n", source="t.yaml")
    assert (caught.value.line, caught.value.column) == (2, 4)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("t: {{ 1/0 }}\n", "division by zero", 4),
        ("t: {{ WS_HOST }} {{ WS_HOST.nope.deeper }}\n", "has no attribute 'nope'", 18),
        ("t: '{{ WS_HOST }}' {{ ''.__class__ }}\n", "unsafe template expression", 20),
    ],
)
def test_runtime_errors_name_the_failing_expression(text: str, message: str, column: int) -> None:
    with pytest.raises(TemplateError, match=message) as caught:
        render_text(text, source="t.yaml")
    assert str(caught.value).startswith(f"t.yaml:1:{column}: error: ")


def test_yaml_errors_after_rendering_quote_the_rendered_line(tmp_path: Path) -> None:
    template = write(tmp_path / "t.yaml", "info:\n  title: {{ TITLE }}\n  version: '1'\n")
    with pytest.raises(YAMLSyntaxError) as caught:
        render_file(template, variables={"TITLE": "a: b"})
    error = caught.value
    assert (error.file, error.line) == (str(template), 2)
    assert error.hint and "rendered template" in error.hint and "'title: a: b'" in error.hint and "tojson" in error.hint
    assert render_file(write(tmp_path / "q.yaml", "t: {{ TITLE | tojson }}\n"), variables={"TITLE": "a: b"}).plain() == {"t": "a: b"}


# -- ordinary YAML is not template syntax --------------------------------------------------------


def test_comment_opener_in_a_regex_is_not_a_jinja_comment() -> None:
    text = "host: '{{ WS_HOST }}'\npattern: '^[{#].*$'\nother: '#}'\n"
    assert render_text(text) == "host: 'localhost:8000'\npattern: '^[{#].*$'\nother: '#}'\n"


def test_raw_blocks_keep_literal_braces() -> None:
    text = "description: '{% raw %}Hello {{ user.name }}{% endraw %}'\nhost: '{{ WS_HOST }}'\n"
    assert render_text(text) == "description: 'Hello {{ user.name }}'\nhost: 'localhost:8000'\n"


@pytest.mark.parametrize("ending", ["\n", "\n\n", ""])
def test_the_final_newline_is_kept(ending: str) -> None:
    assert render_text("host: '{{ WS_HOST }}'" + ending) == "host: 'localhost:8000'" + ending


def test_text_without_template_syntax_is_returned_byte_for_byte() -> None:
    text = "a: '{#'\r\nb: '}}'\r\nc: '%}'\r\n\r\n"
    assert render_text(text) == text
    # With a placeholder, Jinja normalises line breaks to LF (the writer does so anyway).
    assert render_text("a: 1\r\nb: '{{ WS_HOST }}'\r\n") == "a: 1\nb: 'localhost:8000'\n"


def test_placeholders_in_yaml_comments_are_rendered_too() -> None:
    assert render_text("# served at {{ WS_HOST }}\na: 1\n") == "# served at localhost:8000\na: 1\n"


def test_default_filter_works_with_strict_undefined() -> None:
    assert render_text("v: '{{ API_VERSION | default(\"1.0.0\") }}'\n") == "v: '1.0.0'\n"


def test_render_file_parses_and_records_the_source(tmp_path: Path) -> None:
    template = write(tmp_path / "t.yaml", "# Dispatch\nasyncapi: 3.0.0\n" + SERVERS)
    document = render_file(template, host="ws.example.com", protocol="wss")
    assert document.source == str(template)
    assert document.base_dir == tmp_path.resolve()
    assert document.text == "# Dispatch\nasyncapi: 3.0.0\n" + SERVERS.replace("{{ WS_HOST }}", "ws.example.com").replace("{{ WS_PROTOCOL }}", "wss")
    assert document.plain()["servers"]["dev"] == {"host": "ws.example.com", "protocol": "wss"}


def test_render_file_without_template_reads_plain_yaml(tmp_path: Path) -> None:
    template = write(tmp_path / "t.yaml", "description: 'Hello {{ user.name }}'\npattern: '^[{%].*$'\n")
    document = render_file(template, template=False, host="ignored.example")
    assert document.plain() == {"description": "Hello {{ user.name }}", "pattern": "^[{%].*$"}
    with pytest.raises(TemplateError):
        render_file(template)


# -- properties ----------------------------------------------------------------------------------

# Literal YAML-ish text: braces, hashes and percent signs included, but never a Jinja opener.
literal = st.text(alphabet="ab :#{}%$'\"-\n\t|>*&!", max_size=12).filter(
    lambda s: "{{" not in s and "{%" not in s and not s.endswith("{")
)
names = st.sampled_from(["WS_HOST", "ws_host", "WS_PROTOCOL", "ws_protocol", "API_VERSION"])
spaces = st.sampled_from(["", " ", "  ", "\t"])
hosts = st.from_regex(r"[a-z0-9][a-z0-9.\-]{0,15}(:[0-9]{1,5})?", fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(literal, names, spaces, spaces), max_size=5),
    literal,
    hosts,
    st.sampled_from(["ws", "wss"]),
    st.text(max_size=10),
)
def test_placeholders_are_substituted_and_nothing_else_changes(
    parts: list[tuple[str, str, str, str]], tail: str, host: str, protocol: str, version: str
) -> None:
    values = {"WS_HOST": host, "ws_host": host, "WS_PROTOCOL": protocol, "ws_protocol": protocol, "API_VERSION": version}
    template = "".join(f"{text}{{{{{left}{name}{right}}}}}" for text, name, left, right in parts) + tail
    expected = "".join(text + values[name] for text, name, _, _ in parts) + tail
    assert render_text(template, variables={"API_VERSION": version}, host=host, protocol=protocol) == expected


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_values_are_inserted_verbatim_never_escaped_or_rendered_again(value: str) -> None:
    assert render_text("x: {{ V }}\n", variables={"V": value}) == f"x: {value}\n"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\r\x00", blacklist_categories=("Cs",)), max_size=40))
def test_text_without_openers_is_untouched(text: str) -> None:
    # NUL cannot occur in YAML; the render step uses it to switch Jinja comments off.
    text = text.replace("{{", "{ {").replace("{%", "{ %")
    assert render_text(text) == text
    assert render_text(text + " {{ WS_HOST }}") == text + " " + BUILTIN_VARIABLES["WS_HOST"]


@pytest.mark.parametrize("expression", ["'x' * 10**10", "[1] * 10000000", "2 ** 100000"])
def test_runaway_expressions_are_refused_quickly(expression: str) -> None:
    with pytest.raises(TemplateError, match="unsafe template expression"):
        render_text("v: '{{ " + expression + " }}'\n", source="t.yaml")
