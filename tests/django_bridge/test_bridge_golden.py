"""Golden files, and the verdict of tools nobody on this project wrote.

Each case renders to YAML and is compared with ``golden/<case>.yaml``; on a mismatch the test
fails with a unified diff. ``pytest --update-golden`` rewrites the golden files instead: review
the change in ``git diff`` and commit it if it is right.
Every generated document must also pass our validator and the official ``@asyncapi/parser`` with
zero errors, and Modelina must name every type of the README's Dispatch example.
"""

from __future__ import annotations

import difflib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import override_settings

import asyncapi_tools
from django_bridge import AsyncAPIGenerator
from tests._support.official import official_errors_many
from tests.django_bridge import consumers

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
MODELINA_SCRIPT = HERE / "modelina_check.js"
SERVERS = {"production": {"host": "api.example.com", "protocol": "wss"}}


def _dispatch() -> AsyncAPIGenerator:
    # the reference README's "Using the generator directly", on its full Dispatch example
    return AsyncAPIGenerator(
        consumers.DispatchConsumer,
        info={"title": "Dispatch API", "version": "1.0.0"},
        servers=SERVERS,
        channel_path="/ws/dispatch/",
    )


def _dispatch_with_auth() -> AsyncAPIGenerator:
    settings = {
        "TITLE": "Dispatch API",
        "DESCRIPTION": "Real-time ride and delivery dispatch.",
        "SERVERS": SERVERS,
        "CHANNEL_PATH": "/ws/dispatch/",
        "AUTH_QUERY_PARAM": "token",
        "AUTH_COOKIE_NAME": "sessionid",
    }
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=settings):
        generator = AsyncAPIGenerator(consumers.DispatchConsumer)
        generator.get_spec()
    return generator


CASES: dict[str, Callable[[], AsyncAPIGenerator]] = {
    "dispatch": _dispatch,
    "dispatch_auth": _dispatch_with_auth,
    "types": lambda: AsyncAPIGenerator(consumers.TypesConsumer, channel_path="/ws/types/"),
    "drf": lambda: AsyncAPIGenerator(consumers.DriverConsumer, channel_path="ws/fleets/<int:fleet_id>/drivers/"),
    "multi": lambda: AsyncAPIGenerator(
        consumers=[
            (consumers.DispatchConsumer, "/ws/dispatch/"),
            (consumers.ChatConsumer, "/ws/chat/{room}/"),
            (consumers.CollidingConsumer, r"^ws/collide/(?P<key>\w+)/$"),
        ],
        info={"title": "All consumers", "version": "2.0.0"},
        servers=SERVERS,
    ),
}


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return {name: make().get_yaml() for name, make in CASES.items()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_matches_golden_file(case: str, generated: dict[str, str], update_golden: bool) -> None:
    expected_path = GOLDEN / f"{case}.yaml"
    actual = generated[case]
    expected = expected_path.read_text(encoding="utf-8") if expected_path.exists() else ""
    if actual == expected:
        return
    if update_golden:
        expected_path.write_text(actual, encoding="utf-8")
        return
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{expected_path.relative_to(HERE)} (golden)",
            tofile=f"{expected_path.relative_to(HERE)} (generated)",
        )
    )
    pytest.fail(f"generated YAML differs from the golden file (rerun with --update-golden to accept):\n{diff}")


@pytest.mark.parametrize("case", sorted(CASES))
def test_our_validator_finds_no_errors(case: str, generated: dict[str, str]) -> None:
    document = asyncapi_tools.loads(generated[case], source=f"{case}.yaml")
    errors = [d.format() for d in asyncapi_tools.validate(document) if d.severity == "error"]
    assert errors == []


@pytest.mark.node
def test_official_parser_finds_no_errors(generated: dict[str, str], tmp_path: Path) -> None:
    paths = []
    for name, text in sorted(generated.items()):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    results = official_errors_many(paths)
    assert {Path(key).name: errors for key, errors in results.items()} == {path.name: [] for path in paths}


@pytest.mark.node
def test_modelina_names_every_type_of_the_dispatch_example(generated: dict[str, str], tmp_path: Path) -> None:
    spec = tmp_path / "dispatch.yaml"
    spec.write_text(generated["dispatch"], encoding="utf-8")
    out = tmp_path / "models"
    result = subprocess.run(
        ["node", str(MODELINA_SCRIPT), str(spec), str(out)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    files = json.loads(result.stdout)["files"]
    assert [name for name in files if name.startswith("AnonymousSchema_")] == []
    expected = {f"{title}.ts" for title in _payload_titles(generated["dispatch"])}
    assert expected <= set(files)


def _payload_titles(text: str) -> list[str]:
    spec = asyncapi_tools.loads(text).plain()
    return [message["payload"]["title"] for message in spec["components"]["messages"].values()]
