"""A spec that cannot be built is a located message: in the view (DEBUG), in ``?diagnostics=1``
and in ``manage.py check`` (W004) before any request; never Django's HTML 500 page."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory

from django_bridge import AsyncAPISpecView

from .conftest import bridge_checks

URLS = "tests/views/broken_urls.py"


def line_of(text: str) -> int:
    """The line of ``tests/views/broken_urls.py`` that mounts ``text``."""
    with open(URLS, encoding="utf-8") as handle:
        return next(number for number, line in enumerate(handle, start=1) if text in line)


@pytest.fixture
def broken_urls(settings: Any) -> Any:
    settings.ROOT_URLCONF = "tests.views.broken_urls"
    return settings


def test_bad_dotted_path_is_located_plain_text_in_debug(client: Any, broken_urls: Any) -> None:
    response = client.get("/docs/asyncapi.yaml")
    assert response.status_code == 500
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith(f"{URLS}:{line_of('EchoConsumr')}: error: AsyncAPISpecView: consumer 'tests.views.consumers.EchoConsumr' cannot be imported")
    assert "hint: check the module and class name" in text
    assert "<html" not in text.lower()


def test_bad_dotted_path_in_diagnostics(client: Any, broken_urls: Any) -> None:
    report = client.get("/docs/asyncapi.yaml?diagnostics=1").json()
    assert report["valid"] is False
    [found] = report["diagnostics"]
    assert (found["file"], found["line"], found["code"]) == (URLS, line_of("EchoConsumr"), "configuration")


def test_payload_pydantic_cannot_describe_is_located_at_the_handler(client: Any, broken_urls: Any) -> None:
    response = client.get("/claims/asyncapi.yaml")
    assert response.status_code == 500
    text = response.content.decode()
    assert text.startswith("tests/views/consumers.py:")
    assert "ForwardRefConsumer > handle_claim: cannot describe payload Unresolved" in text
    assert "hint: give every field a type Pydantic can describe" in text


def test_a_bad_source_is_located_at_as_view() -> None:
    line = sys._getframe().f_lineno + 1
    view = AsyncAPISpecView.as_view(source="database")
    response = view(RequestFactory().get("/spec"))
    assert response.status_code == 500
    expected = f"tests/views/test_build_errors.py:{line}: error: AsyncAPISpecView: source is 'database'"
    assert response.content.decode().startswith(expected)


def test_check_reports_every_spec_view_that_cannot_be_built(broken_urls: Any) -> None:
    errors = bridge_checks()
    assert [error.id for error in errors] == ["django_bridge.W004", "django_bridge.W004"]
    typo, claims = errors
    assert typo.msg.startswith(f"the AsyncAPI spec at /docs/asyncapi.yaml cannot be built: {URLS}:{line_of('EchoConsumr')}: ")
    assert typo.hint == "check the module and class name of the consumer"
    assert "/claims/asyncapi.yaml" in claims.msg and "tests/views/consumers.py:" in claims.msg


def test_manage_py_check_reports_it_before_any_request(broken_urls: Any, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("check")  # a warning: runserver and migrate still start
    reported = capsys.readouterr().err
    assert f"(django_bridge.W004) the AsyncAPI spec at /docs/asyncapi.yaml cannot be built: {URLS}:{line_of('EchoConsumr')}: " in reported
    with pytest.raises(SystemCheckError, match=r"django_bridge\.W004"):
        call_command("check", "--fail-level", "WARNING")


def test_check_builds_into_the_cache_the_first_request_uses(settings: Any) -> None:
    """With WS_HOST set the served servers do not depend on the request: the check's build is reused."""
    from django_bridge import spec_cache

    from .conftest import bridge_settings

    bridge_settings(settings, WS_HOST="api.example.com")
    settings.ROOT_URLCONF = "tests.views.broken_urls"
    bridge_checks()
    builds = spec_cache.builds
    view = AsyncAPISpecView.as_view(consumer="tests.views.consumers.EchoConsumer")
    assert view(RequestFactory().get("/good/asyncapi.yaml")).status_code == 200
    assert spec_cache.builds == builds


# -- an invalid regex with an example -------------------------------------------------------------
def test_invalid_regex_pattern_with_an_example_is_served_and_diagnosed() -> None:
    view = AsyncAPISpecView.as_view(consumer="tests.views.consumers.RegexConsumer", channel_path="/ws/codes/")
    assert view(RequestFactory().get("/spec")).status_code == 200
    report = json.loads(view(RequestFactory().get("/spec?diagnostics=1")).content)
    by_code = {d["code"]: d for d in report["diagnostics"]}
    example = by_code["example-invalid"]
    assert example["file"] == "tests/views/consumers.py"
    assert "example 'lookup' of message" in example["message"]
    assert "payload schema is invalid at /properties/code/pattern" in example["message"]
    assert by_code["schema"]["severity"] == "error"
    assert by_code["schema"]["pointer"].endswith("/payload/properties/code/pattern")


def test_python_only_regex_from_pydantic_is_served_and_diagnosed() -> None:
    view = AsyncAPISpecView.as_view(consumer="tests.views.consumers.ReleaseConsumer", channel_path="/ws/releases/")
    assert view(RequestFactory().get("/spec")).status_code == 200
    report = json.loads(view(RequestFactory().get("/spec?diagnostics=1")).content)
    [example] = [d for d in report["diagnostics"] if d["code"] == "example-invalid"]
    assert "payload schema is invalid at /properties/checksum/pattern" in example["message"]
    assert example["breadcrumb"] == "ReleaseConsumer > handle_publish"
    pointers = {d["pointer"] for d in report["diagnostics"] if d["severity"] == "error"}
    assert any(pointer.endswith("/properties/checksum/pattern") for pointer in pointers), pointers
