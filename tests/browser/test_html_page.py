"""The docs page without Django, in a real browser: the single file of ``asyncapi-tools html``
opened from file:// with the network blocked, the live preview of ``asyncapi-tools serve``, and
the features they share with the Django page (search, dark mode, deep links).

The screenshots docs/html.md shows are written here, into ``artifacts/browser/html-*.png``.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from asyncapi_tools import load
from tests.demo.server import REPO

from .conftest import ARTIFACTS, LOOPBACK, DemoServer
from .hostile_text import HOSTILE

pytestmark = pytest.mark.slow

TEMPLATE = REPO / "examples" / "dispatch" / "asyncapi.template.yaml"
CLI = [sys.executable, "-m", "asyncapi_tools"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo spec, rendered from its template (the single file is built from this YAML)."""
    out = tmp_path_factory.mktemp("html") / "asyncapi.yaml"
    subprocess.run([*CLI, "render", str(TEMPLATE), "-o", str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def single_file(rendered: Path) -> Path:
    out = rendered.parent / "api.html"
    subprocess.run([*CLI, "html", str(rendered), "-o", str(out)], check=True, capture_output=True)
    return out


def viewer_ids(spec_path: Path) -> list[str]:
    """The viewer's element id of every operation and message of the spec (from the data)."""
    spec = load(spec_path).plain()
    ids = []
    for name, operation in spec["operations"].items():
        kind = ("request" if operation.get("reply") else "send") if operation["action"] == "send" else ("reply" if operation.get("reply") else "receive")
        ids.append(f"operation-{kind}-{name}")
    ids.extend(f"message-{name}" for name in spec["components"]["messages"])
    return ids


@pytest.fixture
def fresh(browser: Any) -> Iterator[Any]:
    """A context of its own (clean localStorage), offline: only file:// and the loopback load."""
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme="light")

    def route(route: Any) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme == "file" or (parts.hostname or "") in LOOPBACK:
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", route)
    context.on("request", lambda request: requests.append(request.url))
    context.requests = requests
    yield context
    context.close()


def open_page(page: Any, url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("body[data-features-ready=true][data-spec-state=loaded]")
    assert not errors, errors


def test_single_file_offline_shows_every_operation_and_message(fresh: Any, single_file: Path, rendered: Path) -> None:
    page = fresh.new_page()
    open_page(page, single_file.as_uri())
    for element_id in viewer_ids(rendered):
        assert page.locator(f'[id="{element_id}"]').count() == 1, element_id
    for text in ("Request a ride", "Keep the connection alive", "A driver offers to take the ride"):
        assert page.get_by_text(text).count() >= 1, text
    assert page.title() == "Dispatch API"
    # nothing but the file itself was requested: no CDN, no font service, no data URL fetch
    assert [url for url in fresh.requests if not url.startswith("data:")] == [single_file.as_uri()]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-single-file.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / "html-light.png"))


def test_search_finds_a_payload_field_and_jumps_to_its_message(fresh: Any, single_file: Path) -> None:
    page = fresh.new_page()
    open_page(page, single_file.as_uri())
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "aat-search"
    page.keyboard.type("dropoff")
    result = page.locator("#aat-results li[data-kind=field]").first
    result.wait_for()
    assert result.locator(".aat-label").inner_text() == "dropoff"
    assert "RequestRide" in result.locator(".aat-detail").inner_text()
    page.screenshot(path=str(ARTIFACTS / "html-search.png"))
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#message-requestRide'")
    target = page.locator('[id="message-requestRide"]')
    assert "aat-target" in (target.get_attribute("class") or "")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 1000, box  # scrolled into view
    # operations, channels and messages are found by their text too
    page.fill("#aat-search", "driver offers")
    page.locator("#aat-results li[data-kind=operation]").first.wait_for()
    page.fill("#aat-search", "/ws/dispatch/")
    page.locator("#aat-results li[data-kind=channel]").first.wait_for()


def test_dark_mode_switches_and_persists(fresh: Any, single_file: Path) -> None:
    page = fresh.new_page()
    open_page(page, single_file.as_uri())
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.click("#aat-theme")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    assert "invert" in page.evaluate("getComputedStyle(document.querySelector('.aui-root')).filter")
    page.reload()
    page.wait_for_selector("body[data-features-ready=true]")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.get_attribute("#aat-theme", "aria-pressed") == "true"
    page.screenshot(path=str(ARTIFACTS / "html-dark.png"))
    page.click("#aat-theme")
    page.reload()
    page.wait_for_selector("body[data-features-ready=true]")
    assert page.evaluate("document.documentElement.dataset.theme") == "light"


def test_dark_mode_follows_the_system_until_toggled(browser: Any, single_file: Path) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        open_page(page, single_file.as_uri())
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    finally:
        context.close()


@pytest.mark.parametrize("element_id", ["operation-send-driverOffer", "message-pong"])
def test_a_deep_link_opens_the_item_and_survives_a_reload(fresh: Any, single_file: Path, element_id: str) -> None:
    page = fresh.new_page()
    open_page(page, f"{single_file.as_uri()}#{element_id}")
    for _ in range(2):
        page.wait_for_selector(f"body[data-deep-link='{element_id}']")
        target = page.locator(f'[id="{element_id}"]')
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 1000, box  # scrolled into the window (the last items cannot reach its top)
        assert "aat-target" in (target.get_attribute("class") or "")
        page.reload()
    # each item carries its own link
    href = page.locator(f'[id="{element_id}"] > .aat-permalink').get_attribute("href")
    assert href == f"#{element_id}"


def test_the_folder_form_works_from_file_too(fresh: Any, rendered: Path) -> None:
    folder = rendered.parent / "site"
    subprocess.run([*CLI, "html", str(rendered), "-o", f"{folder}/"], check=True, capture_output=True)
    page = fresh.new_page()
    open_page(page, (folder / "index.html").as_uri())
    assert page.locator('[id="message-driverOffer"]').count() == 1


# -- the live preview ------------------------------------------------------------------------------
@pytest.fixture
def preview(rendered: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    spec = tmp_path / "asyncapi.yaml"
    spec.write_bytes(rendered.read_bytes())
    process = subprocess.Popen([*CLI, "serve", str(spec), "--port", "0"], stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        url = None
        while url is None and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stderr], [], [], 1.0)
            if ready:
                line = process.stderr.readline().decode()
                found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
                url = found.group(1) if found else None
                assert line or process.poll() is None, "serve exited"
        assert url, "serve did not start"
        yield url, spec
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_preview_reloads_when_the_spec_changes_on_disk(fresh: Any, preview: tuple[str, Path]) -> None:
    url, spec = preview
    page = fresh.new_page()
    open_page(page, url + "#operation-send-driverOffer")
    assert page.get_by_text("A driver offers to take the ride").count() >= 1
    page.wait_for_selector("#aat-live[data-state=connected]")
    spec.write_text(spec.read_text(encoding="utf-8").replace("A driver offers to take the ride", "A driver bids for the ride"), encoding="utf-8")
    page.get_by_text("A driver bids for the ride").first.wait_for(timeout=30_000)
    page.wait_for_selector("body[data-deep-link='operation-send-driverOffer']")  # the reload kept the place
    # a validation error shows in the page, with the file and line to fix
    spec.write_text(spec.read_text(encoding="utf-8").replace("action: send", "action: publish"), encoding="utf-8")
    panel = page.locator("#aat-diagnostics .aat-problem").first
    panel.wait_for(timeout=30_000)
    assert re.search(r"asyncapi\.yaml:\d+:\d+: error", panel.inner_text())
    box = panel.bounding_box()
    assert box is not None and 0 <= box["y"] < 200, box  # in sight, though the page is scrolled down
    assert page.get_by_text("A driver bids for the ride").count() >= 1  # the last good spec stays
    page.screenshot(path=str(ARTIFACTS / "html-preview-diagnostics.png"))


# -- the Django page has the same features ------------------------------------------------------------
def test_the_django_docs_page_has_search_dark_mode_and_deep_links(page: Any, demo: DemoServer) -> None:
    page.goto(demo.url + "/ws-docs/#message-RideOffer")
    page.wait_for_selector("body[data-spec-state=loaded][data-features-ready=true]")
    page.wait_for_selector("body[data-deep-link='message-RideOffer']")
    page.keyboard.press("/")
    page.keyboard.type("pickup")  # the generated payloads' field is pickup_address
    field = page.locator("#aat-results li[data-kind=field]").first
    field.wait_for()
    assert field.locator(".aat-label").inner_text() == "pickup_address"
    page.keyboard.press("Escape")
    page.click("#aat-theme")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.screenshot(path=str(ARTIFACTS / "html-django-dark.png"))
    page.click("#aat-theme")  # the shared context keeps localStorage: leave it light for others


def test_spec_text_never_runs_in_the_single_file(fresh: Any, tmp_path: Path) -> None:
    """Script-looking text in every place the page or the search shows it stays text; a
    javascript: link from a description does not run (the file's CSP has no 'unsafe-inline')."""
    hostile_field = "zip" + HOSTILE
    spec = {
        "asyncapi": "3.0.0",
        "info": {"title": HOSTILE, "version": "1.0.0", "description": f"{HOSTILE}\n\n[click](javascript:window.__xss=2)"},
        "channels": {"c": {"address": "/ws/", "messages": {"m": {"title": HOSTILE, "payload": {
            "type": "object", "properties": {hostile_field: {"type": "string", "description": HOSTILE}}}}}}},
        "operations": {"op": {"action": "receive", "channel": {"$ref": "#/channels/c"}, "summary": HOSTILE,
                              "messages": [{"$ref": "#/channels/c/messages/m"}]}},
    }
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(spec), encoding="utf-8")
    out = tmp_path / "hostile.html"
    subprocess.run([*CLI, "html", str(source), "-o", str(out), "--no-template"], check=True, capture_output=True)
    page = fresh.new_page()
    open_page(page, out.as_uri())
    assert page.title() == HOSTILE
    assert page.inner_text("#aat-title") == HOSTILE
    page.fill("#aat-search", "zip")
    label = page.locator("#aat-results li[data-kind=field] .aat-label").first
    label.wait_for()
    assert label.inner_text() == hostile_field
    page.keyboard.press("Escape")
    # the viewer's Markdown sanitiser keeps the link text; whatever href survives, a click runs nothing
    page.locator("#aat-viewer", has_text="click").get_by_text("click").first.click()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
