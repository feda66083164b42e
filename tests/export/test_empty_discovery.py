"""A discovery that documents nothing says so, with the count and each route's reason, instead of
silently writing a document without channels; ``--fail-on-warn`` turns that into a failure."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import asyncapi_tools

COMMITTED = b"# hand-written: do not lose me\nasyncapi: 3.0.0\n"


def export(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_asyncapi", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_nothing_documented_is_a_warning_with_every_reason(tmp_path: Path, settings) -> None:
    settings.ASGI_APPLICATION = "tests.export.undocumented_routing.application"
    out = tmp_path / "asyncapi.yaml"
    stdout, stderr = export("-o", str(out))
    assert stdout == f"Written {out}\n"
    assert asyncapi_tools.load(out).plain()["channels"] == {}
    assert stderr == (
        "<document>: warning[discovery-empty]: routing discovery found 2 consumer routes, and none documents "
        "anything: the document has no channels\n"
        "  hint: decorate the handlers with @document_action / @document_event (or the class with "
        "@document_channel); the warnings around this one say why each route was skipped\n"
        "tests/export/consumers.py:43: warning[route-undocumented]: PlainConsumer at '/ws/chat/{room}/' documents "
        "nothing; it is left out of the document\n"
        "  in: websocket > OriginValidator > AuthMiddlewareStack > URLRouter > re_path '^ws/chat/(?P<room>\\w+)/$'\n"
        "  hint: decorate its handlers with @document_action / @document_event, or the class with @document_channel\n"
        "tests/export/undocumented_routing.py:16: warning[route-undocumented]: LobbyConsumer at '/ws/lobby/' "
        "documents nothing; it is left out of the document\n"
        "  in: websocket > OriginValidator > AuthMiddlewareStack > URLRouter > path 'ws/lobby/'\n"
        "  hint: decorate its handlers with @document_action / @document_event, or the class with @document_channel\n"
    )


def test_fail_on_warn_fails_and_writes_nothing(tmp_path: Path, settings) -> None:
    settings.ASGI_APPLICATION = "tests.export.undocumented_routing.application"
    out = tmp_path / "asyncapi.yaml"
    out.write_bytes(COMMITTED)
    with pytest.raises(CommandError) as caught:
        export("-o", str(out), "--fail-on-warn")
    assert str(caught.value) == "3 warning(s) and --fail-on-warn: nothing written"
    assert out.read_bytes() == COMMITTED


def test_no_consumer_route_at_all_says_what_discovery_met(tmp_path: Path, settings) -> None:
    settings.ASGI_APPLICATION = "tests.export.undocumented_routing.no_router"
    _, stderr = export("-o", str(tmp_path / "asyncapi.yaml"))
    assert "warning[route-not-consumer]: echo is not a consumer (no consumer_class) nor a router or middleware; it is skipped" in stderr
    assert (
        "<document>: warning[discovery-empty]: routing discovery found no consumer route: the document has no channels\n"
        "  hint: mount Consumer.as_asgi() in a URLRouter under the \"websocket\" key of the ProtocolTypeRouter; "
        "the warnings around this one say what discovery met instead\n"
    ) in stderr


def test_a_partly_documented_routing_keeps_its_skips_as_notes(tmp_path: Path, settings) -> None:
    """The usual project: some consumers documented, others not. Skips stay quiet (info)."""
    settings.ASGI_APPLICATION = "tests.routing_project.asgi.application"
    _, stderr = export("-o", str(tmp_path / "asyncapi.yaml"))
    assert "discovery-empty" not in stderr


def test_consumer_mistakes_are_reported_for_discovered_and_given_consumers(tmp_path: Path, settings) -> None:
    expected = (
        "warning[handler-not-async]: SyncOnAsync.chat_message is a plain def on the async consumer SyncOnAsync: "
        "Channels awaits the handler of a group message, so it fails with TypeError"
    )
    _, stderr = export("--consumer", "tests.django_bridge.test_bridge_misuse:SyncOnAsync:/ws/x/", "-o", str(tmp_path / "a.yaml"))
    assert expected in stderr
    settings.ASGI_APPLICATION = "tests.export.misuse_routing.application"
    _, stderr = export("-o", str(tmp_path / "b.yaml"))
    assert expected in stderr


def test_verbosity_2_shows_the_routes_skipped_next_to_documented_ones(tmp_path: Path, settings) -> None:
    settings.ASGI_APPLICATION = "tests.routing_project.asgi.application"
    _, quiet = export("-o", str(tmp_path / "a.yaml"))
    _, verbose = export("-o", str(tmp_path / "b.yaml"), "-v", "2")
    assert "info[" not in quiet
    assert "info[route-undocumented]: PlainConsumer at '/ws/plain/' documents nothing; it is left out of the document" in verbose
    export("-o", str(tmp_path / "c.yaml"), "-v", "2", "--fail-on-warn")  # notes are not warnings
