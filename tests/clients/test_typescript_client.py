"""The generated TypeScript compiles under `tsc --strict`, with types a caller cannot misuse, for
the demo and for the wire project (flat frames, `type` both ways, an envelope, no discriminator);
and regenerating changes no byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import client_command, demo_spec, generate, tsc, wire_spec

DEMO_USAGE = """
import { DispatchClient, NotificationsClient, DispatchServerMessage } from './index';

export async function ride(client: DispatchClient): Promise<string> {
  const reply = await client.sendRequestRide({ pickup_address: '23 Marina Rd', fare: '1500.00', passenger_count: 1 });
  const id: string = reply.ride_id;
  client.on('ride.offer', (offer) => { const minutes: number = offer.eta_minutes; void minutes; });
  const pong = await client.sendPing();
  const time: number = pong.server_time;
  void time;
  // @ts-expect-error pickup_address is required
  void client.sendRequestRide({ fare: '1', passenger_count: 1 });
  // @ts-expect-error passenger_count is a number
  void client.sendRequestRide({ pickup_address: 'x', fare: '1', passenger_count: 'one' });
  // @ts-expect-error no such server message
  client.on('ride.lost', () => undefined);
  return id;
}

export function narrow(message: DispatchServerMessage): string {
  switch (message.type) {
    case 'ride.offer':
      return message.driver_name;
    case 'error':
      return message.code;
    default:
      return message.type;
  }
}

// @ts-expect-error the topic address parameter is required
export const missing = new NotificationsClient({});
"""

WIRE_USAGE = """
import { FeedsClient, PresenceClient, RoomClient } from './index';

export async function shapes(): Promise<void> {
  const feeds = new FeedsClient({ baseUrl: 'ws://localhost', feed_id: 7, token: 't' });
  const subscribed = await feeds.sendSubscribe({ payload: { topics: ['news'] } });
  const topics: string[] = subscribed.payload.topics;
  void topics;
  const presence = new PresenceClient({ baseUrl: 'ws://localhost', team: 'core' });
  const reply = await presence.sendSetStatus({ status: 'away' });
  void reply;
  // @ts-expect-error not one of the documented statuses
  void presence.sendSetStatus({ status: 'asleep' });
  const room = new RoomClient({ baseUrl: 'ws://localhost', room: 'lobby' });
  room.sendMessage({ text: 'hi' });
}
"""


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("specs")
    return {"demo": demo_spec(tmp), "wire": wire_spec(tmp)}


@pytest.mark.parametrize(("name", "usage"), [("demo", DEMO_USAGE), ("wire", WIRE_USAGE)])
def test_generated_typescript_compiles_strict_and_is_typed(specs: dict[str, Path], tmp_path: Path, name: str, usage: str) -> None:
    out = generate(specs[name], "typescript", tmp_path / "client")
    text = "\n".join(path.read_text() for path in sorted(out.glob("*.ts")))
    assert "AnonymousSchema" not in text and "additionalProperties" not in text
    (out / "usage.ts").write_text(usage)
    result = tsc(out)
    assert result.returncode == 0, result.stdout + result.stderr


def test_regenerating_is_byte_identical_and_check_reports_stale_files(specs: dict[str, Path], tmp_path: Path) -> None:
    out = generate(specs["demo"], "typescript", tmp_path / "client")
    before = {path.name: path.read_bytes() for path in sorted(out.iterdir())}
    again = client_command(specs["demo"], "typescript", out)
    assert again.returncode == 0 and "0 of 5 files written" in again.stderr
    assert {path.name: path.read_bytes() for path in sorted(out.iterdir())} == before
    assert client_command(specs["demo"], "typescript", out, "--check").returncode == 0
    (out / "dispatch.ts").write_text(before["dispatch.ts"].decode().replace("sendPing", "sendPong"))
    stale = client_command(specs["demo"], "typescript", out, "--check")
    assert stale.returncode == 1
    assert "-  sendPong(" in stale.stdout and "+  sendPing(" in stale.stdout
    assert "stale (dispatch.ts)" in stale.stderr


def test_a_payload_without_a_name_is_refused_with_the_fix(tmp_path: Path) -> None:
    spec = tmp_path / "untitled.yaml"
    spec.write_text(
        "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n"
        "channels:\n  c:\n    address: /ws/\n    messages:\n      m:\n        payload:\n          type: object\n"
        "          properties: {a: {type: string}}\n"
        "operations:\n  o:\n    action: receive\n    channel: {$ref: '#/channels/c'}\n    messages: [{$ref: '#/channels/c/messages/m'}]\n"
    )
    result = client_command(spec, "typescript", tmp_path / "out")
    assert result.returncode == 1
    assert "AnonymousSchema" in result.stderr and "inject-titles" in result.stderr
    assert not (tmp_path / "out").exists()


def test_files_of_a_removed_channel_go_and_other_files_stay(specs: dict[str, Path], tmp_path: Path) -> None:
    out = generate(specs["wire"], "typescript", tmp_path / "client")
    assert (out / "feeds.ts").is_file()
    (out / "hand-written.ts").write_text("export const mine = 1;\n")
    stale = client_command(specs["demo"], "typescript", out, "--check")
    assert stale.returncode == 1 and "feeds.ts" in stale.stderr and "hand-written.ts" not in stale.stderr
    assert (out / "feeds.ts").is_file()  # --check writes nothing
    result = client_command(specs["demo"], "typescript", out)
    assert result.returncode == 0 and "no longer generated removed" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["dispatch.ts", "hand-written.ts", "index.ts", "models.ts", "notifications.ts", "runtime.ts"]


def test_modelina_missing_is_a_clear_error(specs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASYNCAPI_TOOLS_NODE_MODULES", str(tmp_path))
    result = client_command(specs["demo"], "typescript", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"@asyncapi/modelina is not installed in {tmp_path}" in result.stderr and "npm install" in result.stderr


def test_a_channel_called_models_gets_a_name_of_its_own(tmp_path: Path) -> None:
    spec = tmp_path / "models.yaml"
    spec.write_text(
        "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n"
        "channels:\n  models:\n    address: /ws/models/\n    messages:\n      ping:\n        payload:\n          title: Ping\n"
        "          type: object\n          properties: {op: {type: string, const: ping}}\n          required: [op]\n"
        "operations:\n  ping:\n    action: receive\n    channel: {$ref: '#/channels/models'}\n    messages: [{$ref: '#/channels/models/messages/ping'}]\n"
    )
    out = generate(spec, "typescript", tmp_path / "client")
    assert sorted(path.name for path in out.iterdir()) == ["index.ts", "models-client-2.ts", "models.ts", "runtime.ts"]
    assert "export class ModelsClient2 extends TypedSocket" in (out / "models-client-2.ts").read_text()
    assert "interface Ping {" in (out / "models.ts").read_text()
    result = tsc(out)
    assert result.returncode == 0, result.stdout
