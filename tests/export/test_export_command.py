"""``manage.py export_asyncapi``: every mode, every flag's help, and every bad input answered cleanly."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

import asyncapi_tools
from tests.conftest import REPO_ROOT

GREETER = "tests.export.consumers.GreeterConsumer"
DISPATCH = "tests.django_bridge.consumers.DispatchConsumer"
TEMPLATE = REPO_ROOT / "examples" / "dispatch" / "asyncapi.template.yaml"
COMMITTED = b"# hand-written: do not lose me\nasyncapi: 3.0.0\n"


def export(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_asyncapi", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_every_flag_has_help() -> None:
    command = load_command_class(get_commands()["export_asyncapi"], "export_asyncapi")
    parser = command.create_parser("manage.py", "export_asyncapi")
    ours = [a for a in parser._actions if a.dest not in {"help", "version", "verbosity", "settings", "pythonpath", "traceback", "no_color", "force_color", "skip_checks"}]
    assert {a.dest for a in ours} >= {"consumer", "discover", "template", "overlay", "output", "host", "protocol", "format", "var", "no_validate", "fail_on_warn", "check", "overwrite"}
    help_text = parser.format_help()
    for action in ours:
        assert action.help, f"{action.option_strings} has no help"
        assert action.option_strings[0] in help_text


def test_generator_mode_writes_a_valid_titled_spec(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "asyncapi.yaml"
    stdout, _ = export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out))
    assert f"Written {out}" in stdout
    doc = asyncapi_tools.load(out)
    assert not [d for d in asyncapi_tools.validate(doc) if d.severity == "error"]
    plain = doc.plain()
    assert plain["servers"] == {"default": {"host": "localhost:8000", "protocol": "ws"}}
    assert [c["address"] for c in plain["channels"].values()] == ["/ws/greet/"]
    assert {op["action"] for op in plain["operations"].values()} == {"receive", "send"}


def test_settings_servers_are_honoured_and_host_overrides(tmp_path: Path, settings) -> None:
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"SERVERS": {"production": {"host": "api.example.com", "protocol": "wss"}}}
    out = tmp_path / "a.yaml"
    export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out))
    assert asyncapi_tools.load(out).plain()["servers"] == {"production": {"host": "api.example.com", "protocol": "wss"}}
    export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out), "--host", "staging.example.com:8443")
    assert asyncapi_tools.load(out).plain()["servers"]["production"]["host"] == "staging.example.com:8443"


def test_several_consumers_and_the_channel_path_setting(tmp_path: Path, settings) -> None:
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"CHANNEL_PATH": "/ws/tree/"}
    out = tmp_path / "a.yaml"
    export("--consumer", f"{GREETER}:/ws/rooms/<int:room_id>/", "--consumer", "tests.export.consumers.TreeConsumer", "-o", str(out))
    channels = asyncapi_tools.load(out).plain()["channels"]
    addresses = sorted(c["address"] for c in channels.values())
    assert addresses == ["/ws/rooms/{room_id}/", "/ws/tree/"]
    room = next(c for c in channels.values() if "room_id" in c["address"])
    assert "room_id" in room["parameters"]


def test_self_referencing_payload_works(tmp_path: Path) -> None:
    out = tmp_path / "tree.yaml"
    export("--consumer", "tests.export.consumers.TreeConsumer:/ws/tree/", "-o", str(out))
    assert "$ref" in out.read_text(encoding="utf-8")


def test_template_mode_renders_titles_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.yaml"
    export("--template", str(TEMPLATE), "--host", "ws.example.com", "--protocol", "wss", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "host: 'ws.example.com'" in text
    assert "title: RequestRide" in text
    assert "# server → client pushes are operations the server *sends*" in text


def test_merged_mode_hand_written_text_wins(tmp_path: Path) -> None:
    template = tmp_path / "info.yaml"
    template.write_text(
        "asyncapi: 3.0.0\ninfo:\n  title: Greeter ({{ WS_HOST }})\n  version: '2.0.0'\n  x-owner: team-chat\n",
        encoding="utf-8",
    )
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("info:\n  version: '2.1.0'\n  x-owner: null\n", encoding="utf-8")
    out = tmp_path / "asyncapi.yaml"
    export("--consumer", f"{GREETER}:/ws/greet/", "--template", str(template), "--overlay", str(overlay), "-o", str(out), "--host", "h.example")
    info = asyncapi_tools.load(out).plain()["info"]
    assert info["title"] == "Greeter (h.example)"  # template over generated
    assert info["version"] == "2.1.0"  # overlay over template
    assert "x-owner" not in info  # null deletes
    assert asyncapi_tools.load(out).plain()["channels"], "generated channels kept"


def test_re_export_is_idempotent_and_keeps_hand_written_comments(tmp_path: Path, settings) -> None:
    out = tmp_path / "asyncapi.yaml"
    export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out))
    first = out.read_bytes()
    mtime = out.stat().st_mtime_ns
    stdout, _ = export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out))
    assert "up to date" in stdout
    assert out.read_bytes() == first and out.stat().st_mtime_ns == mtime
    out.write_text("# owned by the chat team\n" + first.decode().replace("info:\n", "info:  # edit the title in settings\n", 1), encoding="utf-8")
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"TITLE": "Greeter API"}
    export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "# owned by the chat team" in text
    assert "info:  # edit the title in settings" in text
    assert "title: Greeter API" in text


def test_check_in_both_states(tmp_path: Path, settings) -> None:
    out = tmp_path / "asyncapi.yaml"
    export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out))
    before = out.read_bytes()
    stdout, _ = export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out), "--check")
    assert "up to date" in stdout
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"VERSION": "9.9.9"}
    with pytest.raises(CommandError, match="stale; refresh it with"):
        export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out), "--check")
    assert out.read_bytes() == before


def test_json_format(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.json"
    export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out), "--format", "json")
    assert out.read_text(encoding="utf-8").startswith('{\n  "asyncapi": "3.0.0"')


def test_plain_consumer_warns_and_fails_on_warn(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.yaml"
    _, stderr = export("--consumer", "tests.export.consumers.PlainConsumer:/ws/plain/", "-o", str(out), "--no-validate")
    assert "PlainConsumer" in stderr and "warning" in stderr
    out.write_bytes(COMMITTED)
    with pytest.raises(CommandError, match="fail-on-warn"):
        export("--consumer", "tests.export.consumers.PlainConsumer:/ws/plain/", "-o", str(out), "--fail-on-warn")
    assert out.read_bytes() == COMMITTED


BAD = {
    "missing module": (["--consumer", "nosuch.module.Consumer"], "there is no module 'nosuch'"),
    "missing attribute": (["--consumer", "tests.export.consumers.NoSuchConsumer"], "has no attribute 'NoSuchConsumer'"),
    "not a dotted path": (["--consumer", "Consumer"], "not a dotted path"),
    "a function": (["--consumer", "tests.export.consumers.not_a_class:/ws/x/"], "not a consumer class"),
    "a non-consumer class": (["--consumer", "tests.export.consumers.NotAConsumer:/ws/x/"], "not a Channels consumer"),
    "empty channel path": (["--consumer", f"{GREETER}:"], "empty channel path"),
    "unsupported payload": (["--consumer", "tests.export.consumers.BadPayloadConsumer:/ws/x/"], "int"),
    "missing template": (["--template", "{tmp}/nope.yaml"], "not found"),
    "template is a directory": (["--template", "{tmp}"], "directory"),
    "malformed YAML": (["--template", "{tmp}/bad.yaml"], "bad.yaml:3:11"),
    "empty template": (["--template", "{tmp}/empty.yaml"], "empty"),
    "list at the root": (["--template", "{tmp}/list.yaml"], "not a mapping"),
    "non-UTF-8": (["--template", "{tmp}/latin1.yaml"], "UTF-8"),
    "undefined placeholder": (["--template", "{tmp}/undefined.yaml"], "SITE_NAME"),
    "no routing to discover": ([], "ASGI_APPLICATION"),
}


def test_without_consumer_or_template_the_routing_is_discovered(tmp_path: Path, settings) -> None:
    settings.ASGI_APPLICATION = "tests.routing_project.asgi.application"
    out = tmp_path / "asyncapi.yaml"
    export("-o", str(out))
    plain = asyncapi_tools.load(out).plain()
    assert "RideUpdates" in plain["channels"]
    assert not [d for d in asyncapi_tools.validate(asyncapi_tools.load(out)) if d.severity == "error"]
    again = tmp_path / "again.yaml"
    export("--discover", "--overlay", str(TEMPLATE), "-o", str(again))
    assert asyncapi_tools.load(again).plain()["info"]["title"] == "Dispatch API"


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_a_one_line_command_error_and_nothing_is_written(tmp_path: Path, case: str, settings) -> None:
    if hasattr(settings, "ASGI_APPLICATION"):
        del settings.ASGI_APPLICATION
    (tmp_path / "bad.yaml").write_text("asyncapi: 3.0.0\ninfo:\n  title: a: b\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (tmp_path / "latin1.yaml").write_bytes(b"asyncapi: 3.0.0\ninfo:\n  title: caf\xe9\n")
    (tmp_path / "undefined.yaml").write_text("asyncapi: 3.0.0\ninfo:\n  title: {{ SITE_NAME }}\n", encoding="utf-8")
    args, expected = BAD[case]
    out = tmp_path / "out" / "asyncapi.yaml"
    out.parent.mkdir()
    out.write_bytes(COMMITTED)
    with pytest.raises(CommandError) as info:
        export(*[a.format(tmp=tmp_path) for a in args], "-o", str(out))
    assert expected in str(info.value)
    assert "\n" not in str(info.value)
    assert out.read_bytes() == COMMITTED


def test_output_path_that_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="directory"):
        export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(tmp_path))


def manage(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{REPO_ROOT / 'examples' / 'dispatch'}{os.pathsep}{REPO_ROOT}", "DJANGO_SETTINGS_MODULE": "dispatch_demo.settings"}
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "examples" / "dispatch" / "manage.py"), "export_asyncapi", *args],
        capture_output=True, text=True, cwd=cwd, env=env, check=False,
    )


def test_real_manage_py_subprocess_and_usage_errors(tmp_path: Path) -> None:
    ok = manage("--consumer", "rides.consumers.DispatchConsumer:/ws/dispatch/", "-o", "out/asyncapi.yaml", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "out" / "asyncapi.yaml").is_file()
    bad = manage("--consumer", "nosuch.module.Consumer", cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.startswith("CommandError: ")
    assert "Traceback" not in bad.stderr
    usage = manage("--consumer", "rides.consumers.DispatchConsumer", "--protocol", "http", cwd=tmp_path)
    assert usage.returncode == 2
    assert "invalid choice: 'http'" in usage.stderr


@pytest.mark.node
def test_exported_dispatch_example_passes_the_official_parser(tmp_path: Path) -> None:
    from tests._support.official import official_errors

    out = tmp_path / "asyncapi.yaml"
    export("--consumer", f"{DISPATCH}:/ws/dispatch/", "-o", str(out))
    assert official_errors(out) == []


def test_check_of_a_stale_spec_lists_what_the_refresh_breaks(tmp_path: Path) -> None:
    """A committed spec that documents more than the code does: the drift report names the
    breaking changes the regeneration would bring (issue 15), on stderr, and writes nothing."""
    out = tmp_path / "asyncapi.yaml"
    export("--consumer", f"{DISPATCH}:/ws/greet/", "-o", str(out))
    before = out.read_bytes()
    err = io.StringIO()
    with pytest.raises(CommandError, match="stale; refresh it with"):
        call_command("export_asyncapi", "--consumer", f"{GREETER}:/ws/greet/", "-o", str(out), "--check", stdout=io.StringIO(), stderr=err)
    report = err.getvalue()
    assert f"what the refresh changes for clients ({out} -> regenerated):" in report
    assert "error[operation-removed]" in report
    assert out.read_bytes() == before


def test_html_writes_the_self_contained_docs_page(tmp_path: Path) -> None:
    out, page = tmp_path / "asyncapi.yaml", tmp_path / "docs" / "api.html"
    stdout, _ = export("--consumer", f"{GREETER}:/ws/greet/", "-o", str(out), "--html", str(page))
    assert f"Written {page}" in stdout
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", html)  # nothing from the network
    assert '"Hello"' in html  # the spec rides along as data


def test_html_beside_a_spec_on_stdout_keeps_stdout_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "api.html"
    command_stdout, stderr = export("--consumer", f"{GREETER}:/ws/greet/", "-o", "-", "--html", str(page))
    assert capsys.readouterr().out.startswith("asyncapi: 3.0.0")  # the spec streams to the real stdout
    assert command_stdout == ""
    assert f"Written {page}" in stderr
