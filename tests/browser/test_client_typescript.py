"""The generated TypeScript client, compiled by tsc --strict, drives the Dispatch demo in Chromium:
request a ride, get the documented reply, receive the pushed offer (issue 17); a request whose
reply never comes times out, and an undocumented frame reaches ``onUndocumented``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.clients._support import generate, tsc

from .conftest import DemoServer

#: Runs in a page the demo itself serves (its 404 page, which has no CSP): Chromium's local
#: network access checks refuse a WebSocket to 127.0.0.1 from a page that Playwright fulfilled.
SCRIPT = """
import { DispatchClient } from '/__client__/index.js';
const undocumented = [];
const errors = [];
const client = new DispatchClient({
  baseUrl: `ws://${location.host}`,
  replyTimeoutMs: 2000,
  onUndocumented: (error) => undocumented.push(`${error.name}: ${error.message}`),
});
const offer = new Promise((resolve) => client.on('ride.offer', resolve));
client.on('error', (error) => errors.push(error.code));
await client.opened;
const reply = await client.sendRequestRide({ pickup_address: '23 Marina Rd, Lagos', fare: '1500.00', passenger_count: 1 });
const pushed = await offer;
const pong = await client.sendPing();
client.sendFrame({ action: 'echo' });  // the demo answers with a frame its spec does not document
let timeout = null;
try {
  // an unknown ride: the server answers with a documented `error`, never the `ride.accepted` reply
  await client.sendAcceptOffer({ ride_id: '00000000-0000-4000-8000-000000000000', driver_id: '6f1c2a8e-4b1d-4f3a-9c55-0d6b1f1e2a77' });
} catch (error) {
  timeout = `${error.name}: ${error.message}`;
}
client.close();
window.clientResult = { reply, pushed, pong, undocumented, errors, timeout };
"""


@pytest.fixture(scope="module")
def compiled(demo: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("ts-client")
    spec = tmp / "demo.yaml"
    demo.manage("export_asyncapi", "-o", str(spec))
    out = generate(spec, "typescript", tmp / "client")
    result = tsc(out, emit=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_typescript_client_requests_a_ride_and_receives_the_reply_and_the_push(page: Any, demo: DemoServer, compiled: Path) -> None:
    def serve(route: Any) -> None:
        name = urlsplit(route.request.url).path.removeprefix("/__client__/")
        target = compiled / (name if "." in name else f"{name}.js")
        if not target.is_file():
            route.fulfill(status=404, body="not found")
            return
        route.fulfill(status=200, body=target.read_text(encoding="utf-8"), content_type="text/javascript")

    page.route(f"{demo.url}/__client__/**", serve)
    page.goto(f"{demo.url}/client-under-test/")
    page.add_script_tag(content=SCRIPT, type="module")
    page.wait_for_function("window.clientResult !== undefined", timeout=20_000)
    result = page.evaluate("JSON.stringify(window.clientResult)")
    data = json.loads(result)
    assert data["reply"]["type"] == "ride.requested" and len(data["reply"]["ride_id"]) == 36
    assert data["pushed"]["type"] == "ride.offer" and data["pushed"]["ride_id"] == data["reply"]["ride_id"]
    assert data["pushed"]["driver_name"] == "Emeka"
    assert data["pong"]["type"] == "pong"
    assert data["errors"] == ["unknown_ride"]
    assert data["timeout"] == "ReplyTimeoutError: channel Dispatch: no ride.accepted reply within 2000 ms"
    assert len(data["undocumented"]) == 1
    assert data["undocumented"][0].startswith("UndocumentedFrameError: channel Dispatch: the server sent an undocumented frame")
    assert '"type":"echo"' in data["undocumented"][0]
