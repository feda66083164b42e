"""A plain ``daphne`` deployment of the demo (DEBUG off) serves the docs viewer once the static
files are collected, and explains itself when they are not (docs/django/deployment.md).

Production mode as a user runs it: ``DJANGO_DEBUG=0``, a secret key, ``manage.py migrate``, then
daphne alone, with no web server in front. The demo's settings add WhiteNoise when DEBUG is off.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.demo.server import demo_env, manage, running_demo

pytestmark = pytest.mark.slow

BUNDLE = "/static/django_bridge/vendor/asyncapi-react/standalone.js"


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_viewer_needs_collectstatic_and_then_works(page: Any, tmp_path: Path) -> None:
    static_root = tmp_path / "static"
    env = demo_env(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="a-production-like-key-" + "x" * 40, DJANGO_STATIC_ROOT=str(static_root))
    manage(env, "migrate", "--noinput", "-v", "0")

    # Before collectstatic: the page still answers, and says what is missing instead of going blank.
    with running_demo(env, tmp_path / "before.log") as server:
        assert status_of(server.url + BUNDLE) == 404
        page.goto(server.url + "/ws-docs/")
        hint = page.locator(".dbx-static-missing")
        hint.wait_for()  # visible: docs.css, which hides it, did not load either
        assert "Run manage.py collectstatic and serve STATIC_ROOT" in " ".join(hint.inner_text().split())
        assert page.locator("#dbx-tryit").count() == 0, "try-it-out is off in production"

    manage(env, "collectstatic", "--noinput", "-v", "0")
    assert (static_root / BUNDLE.removeprefix("/static/")).is_file()

    with running_demo(env, tmp_path / "after.log") as server:
        assert status_of(server.url + BUNDLE) == 200
        page.goto(server.url + "/ws-docs/")
        page.wait_for_selector("body[data-spec-state=loaded]")
        viewer = page.locator("#dbx-viewer")
        viewer.locator("#introduction").get_by_text("Dispatch API 1.0.0").wait_for()
        assert viewer.locator(".aui-root").count() == 1
        assert page.locator("#dbx-diagnostics").is_hidden()
        assert page.locator(".dbx-static-missing").count() == 0, "docs.js replaced the placeholder"
