"""Dotted paths on the command line: ``module.Class`` and ``module:Class``, and a did-you-mean
naming the module's real classes (or the package's real modules) when one is mistyped."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import asyncapi_tools

NESTED = (
    "from channels.generic.websocket import AsyncJsonWebsocketConsumer\n"
    "from django_bridge import document_action\n"
    "class Outer:\n"
    "    class Ride(AsyncJsonWebsocketConsumer):\n"
    "        @document_action(summary='Go.')\n"
    "        async def handle_go(self, content): ...\n"
)


def exported_addresses(consumer: str, tmp_path: Path) -> list[str]:
    """The channel addresses ``export_asyncapi --consumer <consumer>`` writes."""
    output = tmp_path / "asyncapi.yaml"
    call_command("export_asyncapi", "--consumer", consumer, "-o", str(output), "--overwrite", stdout=io.StringIO())
    return [channel["address"] for channel in asyncapi_tools.load(output).plain()["channels"].values()]


def export_error(consumer: str, tmp_path: Path) -> str:
    """The one-line error ``export_asyncapi --consumer <consumer>`` stops with."""
    with pytest.raises(CommandError) as caught:
        call_command("export_asyncapi", "--consumer", consumer, "-o", str(tmp_path / "asyncapi.yaml"))
    return str(caught.value)


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("tests.export.consumers.GreeterConsumer", "/"),  # no path: the CHANNEL_PATH setting
        ("tests.export.consumers.GreeterConsumer:/ws/ride/", "/ws/ride/"),
        ("tests.export.consumers:GreeterConsumer", "/"),
        ("tests.export.consumers:GreeterConsumer:/ws/ride/", "/ws/ride/"),
        # a Django converter keeps its colon, in both spellings
        ("tests.export.consumers.GreeterConsumer:/ws/rides/<int:ride_id>/", "/ws/rides/{ride_id}/"),
        ("tests.export.consumers:GreeterConsumer:/ws/rides/<int:ride_id>/", "/ws/rides/{ride_id}/"),
        # a nested class after the colon; a path never is an identifier (it has a '/')
        ("nested_consumers:Outer.Ride:ws/ride/", "ws/ride/"),
    ],
)
def test_the_colon_means_a_class_only_when_an_identifier_follows(
    value: str, address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "nested_consumers.py").write_text(NESTED, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert exported_addresses(value, tmp_path) == [address]


def test_both_spellings_document_the_same_class(tmp_path: Path) -> None:
    documents = []
    for spelling in ("tests.export.consumers.GreeterConsumer:/ws/greet/", "tests.export.consumers:GreeterConsumer:/ws/greet/"):
        output = tmp_path / "asyncapi.yaml"
        call_command("export_asyncapi", "--consumer", spelling, "-o", str(output), "--overwrite", stdout=io.StringIO())
        documents.append(output.read_text(encoding="utf-8"))
    assert documents[0] == documents[1]
    assert "Greet" in asyncapi_tools.load(tmp_path / "asyncapi.yaml").plain()["channels"]


@pytest.mark.parametrize(
    ("dotted", "message", "hint"),
    [
        (
            "tests.export.consumers.GreeterConsumr",
            "--consumer 'tests.export.consumers.GreeterConsumr': tests.export.consumers has no attribute 'GreeterConsumr'",
            "did you mean 'tests.export.consumers.GreeterConsumer' or 'tests.export.consumers.TreeConsumer'?",
        ),
        (
            "tests.export.consumers:GreeterConsumr",
            "--consumer 'tests.export.consumers:GreeterConsumr': tests.export.consumers has no attribute 'GreeterConsumr'",
            "did you mean 'tests.export.consumers:GreeterConsumer' or 'tests.export.consumers:TreeConsumer'?",
        ),
        (
            "tests.export.consumer.GreeterConsumer",
            "--consumer 'tests.export.consumer.GreeterConsumer': there is no module 'tests.export.consumer'",
            "did you mean 'tests.export.consumers'?",
        ),
        (
            "tests.export.consumers.Zzz",
            "--consumer 'tests.export.consumers.Zzz': tests.export.consumers has no attribute 'Zzz'",
            "tests.export.consumers defines: BadPayloadConsumer, GreeterConsumer, Hello, Node, NotAConsumer, "
            "PlainConsumer, TreeConsumer",
        ),
        (
            "Consumer",
            "--consumer 'Consumer' is not a dotted path",
            "write the module and the name, e.g. --consumer rides.consumers.DispatchConsumer",
        ),
    ],
)
def test_a_typo_gets_the_real_names(dotted: str, message: str, hint: str, tmp_path: Path) -> None:
    assert export_error(dotted, tmp_path) == f"error: {message}; hint: {hint}"


BROKEN_MODULES = {
    "a dependency that is not installed": (
        "import not_installed_anywhere\n",
        "No module named 'not_installed_anywhere'",
        "broken imports 'not_installed_anywhere', which is not installed",
        1,
    ),
    # Channels 2 projects import channels.http, which Channels 4 removed (andrewgodwin/channels-examples)
    "written for another Channels version": (
        "from django.urls import path\nfrom channels.http import AsgiHandler\n",
        "No module named 'channels.http'",
        "broken imports 'channels.http', which the installed channels does not have (written for another version?)",
        2,
    ),
    "code that raises": (
        "x = 1\nraise RuntimeError('settings not ready')\n",
        "RuntimeError: settings not ready",
        "fix the error there; run `python -c \"import broken\"` to see the traceback",
        2,
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_MODULES))
def test_a_module_that_fails_to_import_shows_its_own_error_at_its_line(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, error, hint, line = BROKEN_MODULES[case]
    (tmp_path / "broken.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "broken", raising=False)
    assert export_error("broken:Chat", tmp_path) == (
        # shown as every found path is: relative when below the working directory (a tmp_path can
        # be, e.g. under nox's session folder), else absolute
        f"{asyncapi_tools.display_path(tmp_path / 'broken.py')}:{line}: error: --consumer 'broken:Chat': importing broken failed: {error}; hint: {hint}"
    )


def test_a_refused_decorator_in_the_module_is_reported_as_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lifecycle_consumers.py").write_text(
        "from channels.generic.websocket import AsyncJsonWebsocketConsumer\n"
        "from django_bridge import document_action\n"
        "class Chat(AsyncJsonWebsocketConsumer):\n"
        "    @document_action\n"
        "    async def connect(self): ...\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert export_error("lifecycle_consumers.Chat", tmp_path).startswith(
        f"{tmp_path / 'lifecycle_consumers.py'}:4: error: "
        "@document_action cannot document Chat.connect: Channels calls connect() when the client opens the WebSocket"
    )


def test_the_command_accepts_module_colon_class_and_reports_typos_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.yaml"
    call_command("export_asyncapi", "--consumer", "tests.export.consumers:GreeterConsumer:/ws/greet/", "-o", str(out), stdout=io.StringIO())
    assert [c["address"] for c in asyncapi_tools.load(out).plain()["channels"].values()] == ["/ws/greet/"]
    with pytest.raises(CommandError) as caught:
        call_command("export_asyncapi", "--consumer", "tests.export.consumers.GreeterConsumr:/ws/greet/", "-o", str(out))
    assert str(caught.value) == (
        "error: --consumer 'tests.export.consumers.GreeterConsumr': tests.export.consumers has no attribute "
        "'GreeterConsumr'; hint: did you mean 'tests.export.consumers.GreeterConsumer' or "
        "'tests.export.consumers.TreeConsumer'?"
    )
