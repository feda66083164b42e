"""The docs page of the Dispatch demo in a real browser: viewer, switcher, try-it-out, offline, XSS.

Debian's chromium (``/usr/bin/chromium``) through Playwright, against the demo under daphne; see
conftest.py. Screenshots land in ``artifacts/browser/``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import ARTIFACTS, DemoServer, Offline
from .hostile_text import HOSTILE

pytestmark = pytest.mark.slow


def open_docs(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-spec-state=loaded]")


def log_items(page: Any, direction: str) -> Any:
    return page.locator(f"#dbx-log li[data-direction={direction}]")


def frame_with_label(page: Any, label: str) -> dict[str, Any]:
    item = page.locator("#dbx-log li[data-direction=in]", has=page.locator(".dbx-label", has_text=label)).first
    item.wait_for()
    return json.loads(item.locator("pre").inner_text())  # type: ignore[no-any-return]


def connect(page: Any) -> None:
    page.click("#dbx-connect")
    page.wait_for_selector("#dbx-status[data-state=open]")


def test_viewer_shows_the_dispatch_operations_offline(page: Any, demo: DemoServer, offline: Offline) -> None:
    open_docs(page, demo.url + "/ws-docs/")
    viewer = page.locator("#dbx-viewer")
    viewer.locator("#introduction").get_by_text("Dispatch API 1.0.0").wait_for()
    for text in ("Request a ride", "Accept a driver offer", "Cancel an active ride request", "A driver offers to take the ride"):
        assert viewer.get_by_text(text).count() >= 1, text
    # the official component rendered it (its own root class), from local files only
    assert page.locator("#dbx-viewer .aui-root").count() == 1
    assert offline.blocked == []
    page.screenshot(path=str(ARTIFACTS / "docs-full-page.png"), full_page=True)


def test_switcher_switches_specs_and_closes_the_socket(page: Any, demo: DemoServer) -> None:
    open_docs(page, demo.url + "/ws-docs/")
    connect(page)
    page.select_option("#dbx-spec-select", "1")
    page.wait_for_selector("body[data-spec-index='1'][data-spec-state=loaded]")
    viewer = page.locator("#dbx-viewer")
    viewer.locator("#introduction").get_by_text("Notifications API").wait_for()
    assert viewer.get_by_text("Mark a notification as read").count() >= 1
    assert viewer.get_by_text("Request a ride").count() == 0
    assert page.get_attribute("#dbx-raw-link", "href") == "/ws-docs/notifications/asyncapi.yaml"
    assert "spec=1" in page.url
    # the open socket was closed, and try-it-out follows the new spec
    assert page.get_attribute("#dbx-status", "data-state") == "closed"
    assert page.locator("#dbx-log li", has_text="Disconnected (switched spec)").count() == 1
    assert page.locator("#dbx-params input[data-param=topic]").count() == 1
    assert page.is_disabled("#dbx-connect"), "connect needs the {topic} parameter first"
    page.fill("#dbx-params input[data-param=topic]", "rides")
    assert page.is_enabled("#dbx-connect")


def test_try_it_out_request_ride_then_accept_the_offer(page: Any, demo: DemoServer) -> None:
    open_docs(page, demo.url + "/ws-docs/")
    host = demo.url.removeprefix("http://")
    assert page.inner_text("#dbx-url") == f"ws://{host}/ws/dispatch/"
    connect(page)
    # the composer starts on the first receive operation, pre-filled from its documented example
    assert page.input_value("#dbx-operation") == "0"
    assert json.loads(page.input_value("#dbx-payload"))["action"] == "request_ride"
    page.click("#dbx-send")
    requested = frame_with_label(page, "ride.requested")
    offer = frame_with_label(page, "ride.offer")  # pushed later through the channel layer
    assert offer["ride_id"] == requested["ride_id"]
    page.select_option("#dbx-operation", label="Accept a driver offer")
    skeleton = json.loads(page.input_value("#dbx-payload"))
    assert skeleton["action"] == "accept_offer" and set(skeleton) == {"action", "ride_id", "driver_id"}
    page.fill("#dbx-payload", json.dumps({**skeleton, "ride_id": offer["ride_id"], "driver_id": offer["driver_id"]}))
    page.click("#dbx-send")
    accepted = frame_with_label(page, "ride.accepted")
    assert accepted == {"type": "ride.accepted", "ride_id": offer["ride_id"], "driver_name": "Emeka"}
    assert log_items(page, "out").count() == 2
    assert page.locator("#dbx-log li[data-flag]").count() == 0


def test_undocumented_frame_is_flagged(page: Any, demo: DemoServer) -> None:
    open_docs(page, demo.url + "/ws-docs/")
    connect(page)
    page.select_option("#dbx-operation", label="Health check: the server answers with a pong")
    page.click("#dbx-send")
    frame_with_label(page, "pong")
    page.fill("#dbx-payload", '{"action": "echo", "text": "hi"}')
    page.click("#dbx-send")
    flagged = page.locator("#dbx-log li[data-flag=undocumented]")
    flagged.wait_for()
    assert flagged.count() == 1
    assert json.loads(flagged.locator("pre").inner_text())["type"] == "echo"
    assert "not in the spec" in flagged.inner_text()


def test_query_token_auth_on_the_notifications_channel(page: Any, demo: DemoServer) -> None:
    token = demo.manage("demo_token", "rider")
    open_docs(page, demo.url + "/ws-docs/?spec=1")
    page.fill("#dbx-params input[data-param=topic]", "rides")
    assert page.inner_text("#dbx-url").endswith("/ws/notifications/rides/")
    page.click("#dbx-connect")  # anonymous: the consumer refuses the handshake
    page.locator("#dbx-log li", has_text="refused the handshake").first.wait_for()
    page.select_option("#dbx-auth", "query")
    page.fill("#dbx-token", token)
    connect(page)
    page.click("#dbx-send")  # the documented example of mark_read
    assert frame_with_label(page, "notification.read") == {"type": "notification.read", "notification_id": 42}
    log = page.inner_text("#dbx-log")
    assert token not in log, "the token must not be written to the log"
    assert "/ws/notifications/rides/?token=…" in log


def test_script_in_spec_text_never_runs(page: Any, demo: DemoServer) -> None:
    open_docs(page, demo.url + "/hostile-docs/")
    page.locator("#dbx-viewer").get_by_text("Hostile text:").first.wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.inner_text(".dbx-title") == HOSTILE
    assert page.title() == HOSTILE
    assert page.locator("#dbx-spec-select option").first.inner_text() == HOSTILE
    assert page.locator("#dbx-viewer h1").first.inner_text().startswith(HOSTILE)


def test_generation_errors_are_shown_instead_of_a_blank_page(page: Any, demo: DemoServer) -> None:
    page.goto(demo.url + "/broken-docs/?spec=1")
    page.wait_for_selector("body[data-spec-state=failed]")
    problem = page.locator("#dbx-diagnostics")
    problem.get_by_text("answered HTTP 500").wait_for()
    assert "BrokenConsumer > handle_broken" in problem.inner_text()


def test_validation_errors_are_shown_in_debug(page: Any, demo: DemoServer) -> None:
    open_docs(page, demo.url + "/broken-docs/")
    panel = page.locator("#dbx-diagnostics")
    panel.get_by_text("This spec has").wait_for()
    assert "invalid_spec.yaml:" in panel.inner_text()
