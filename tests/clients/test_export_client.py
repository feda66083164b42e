"""The Django face: ``manage.py export_asyncapi --client typescript -o DIR`` writes the client of
the generated document, and ``--check`` fails while that client is stale."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.demo.server import DEMO

CONSUMER = ["--consumer", "rides.consumers.DispatchConsumer:/ws/dispatch/"]


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_asyncapi", *CONSUMER, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_export_writes_a_client_and_checks_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(DEMO))
    folder = tmp_path / "frontend" / "src" / "api"
    assert "Written 4 of 4 client files" in export("--client", "typescript", "-o", str(folder))
    assert "sendRequestRide(" in (folder / "dispatch.ts").read_text()
    assert not (tmp_path / "asyncapi.yaml").exists()
    assert "is up to date" in export("--client", "typescript", "-o", str(folder), "--check")
    (folder / "models.ts").write_text("// edited by hand\n")
    with pytest.raises(CommandError, match=r"the client in .* \(models.ts\) is stale"):
        export("--client", "typescript", "-o", str(folder), "--check")
    assert (folder / "models.ts").read_text() == "// edited by hand\n"  # --check writes nothing
