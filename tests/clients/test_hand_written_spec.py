"""A hand-written document with shapes our generator never writes (tests/clients/fixtures/
ticker.yaml): the Python client against a real `websockets` server on the loopback, mypy --strict
on it, and tsc --strict on its TypeScript twin."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from tests.demo.ws_client import run

from ._support import client_command, generate, imported_client, mypy_strict, tsc

SPEC = Path(__file__).with_name("fixtures") / "ticker.yaml"


@pytest.fixture(scope="module")
def ticker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with imported_client(SPEC, tmp_path_factory.mktemp("ticker"), "ticker_client") as package:
        yield package


def test_names_come_from_component_keys_and_the_client_type_checks(ticker: Any) -> None:
    models = Path(ticker.__file__).with_name("models.py").read_text()
    assert "class Subscribe(BaseModel)" in models and "class Price(BaseModel)" in models
    assert "SubscriptionStatus = Union[Subscribed, Refused]" in models
    assert "AnonymousSchema" not in models
    channel = Path(ticker.__file__).with_name("ticker.py").read_text()
    assert "x_api_key: str | None = None, session: str | None = None" in channel
    assert "never_applied" not in channel  # a scheme no server or operation applies
    result = mypy_strict(Path(ticker.__file__).parent.parent, "ticker_client")
    assert result.returncode == 0, result.stdout


def test_typescript_twin_compiles_strict(tmp_path: Path) -> None:
    out = generate(SPEC, "typescript", tmp_path / "ticker")
    assert "type SubscriptionStatus = Subscribed | Refused;" in (out / "models.ts").read_text()
    # the union's members share `event: subscriptionStatus`, so its frames are discriminated too;
    # `price` has no discriminator and is recognised by its required properties
    channel = (out / "ticker.ts").read_text()
    assert '"subscriptionStatus": { key: "event", value: "subscriptionStatus", required: ["event", "status"] }' in channel
    assert '"price": { key: null, value: "price", required: ["pair", "last"] }' in channel
    result = tsc(out)
    assert result.returncode == 0, result.stdout + result.stderr


def ticker_server(seen: dict[str, Any]) -> Any:
    """A real WebSocket server speaking the fixture's protocol, recording what it was sent."""

    async def handler(connection: ServerConnection) -> None:
        assert connection.request is not None
        seen["path"] = connection.request.path
        seen["api_key"] = connection.request.headers.get("X-Api-Key")
        seen["cookie"] = connection.request.headers.get("Cookie")
        async for text in connection:
            frame = json.loads(text)
            seen.setdefault("frames", []).append(frame)
            if frame["pair"] == "XBT/EUR":
                await connection.send(json.dumps({"pair": "XBT/EUR", "last": 61000.5}))
                await connection.send(json.dumps({"event": "subscriptionStatus", "status": "subscribed", "pair": "XBT/EUR"}))
            elif frame["pair"] == "SILENT":
                pass  # no reply at all
            elif frame["pair"] == "NOPE":
                await connection.send(json.dumps({"event": "subscriptionStatus", "status": "error", "errorMessage": "unknown pair"}))
            else:
                await connection.send(json.dumps({"surprise": True}))

    return serve(handler, "127.0.0.1", 0)


def test_credentials_a_union_reply_frames_without_a_key_and_an_undocumented_frame(ticker: Any) -> None:
    seen: dict[str, Any] = {}

    async def scenario() -> tuple[Any, Any, Any, BaseException]:
        server = await ticker_server(seen)
        port = server.sockets[0].getsockname()[1]
        prices: asyncio.Queue[Any] = asyncio.Queue()
        try:
            client = ticker.TickerClient(base_url=f"ws://127.0.0.1:{port}", market="spot eu", x_api_key="k-1", session="s-2", reply_timeout=0.5)
            client.on("price", prices.put_nowait)
            async with client:
                subscribed = await client.send_subscribe(ticker.models.Subscribe(pair="XBT/EUR"))
                price = await asyncio.wait_for(prices.get(), 10)
                refused = await client.send_subscribe(ticker.models.Subscribe(pair="NOPE"))
                with pytest.raises(ticker.ReplyTimeoutError, match=r"no subscriptionStatus reply within 0\.5 s"):
                    await client.send_subscribe(ticker.models.Subscribe(pair="SILENT"))
                with pytest.raises(ticker.UndocumentedFrameError) as undocumented:
                    await client.send_subscribe(ticker.models.Subscribe(pair="ODD"))
        finally:
            server.close()
            await server.wait_closed()
        return subscribed, price, refused, undocumented.value

    subscribed, price, refused, undocumented = run(scenario())
    assert seen["path"] == "/ticker/spot%20eu"
    assert (seen["api_key"], seen["cookie"]) == ("k-1", "session=s-2")
    assert seen["frames"][0] == {"event": "subscribe", "pair": "XBT/EUR"}
    assert type(subscribed).__name__ == "Subscribed" and subscribed.pair == "XBT/EUR"
    assert type(price).__name__ == "Price" and price.last == 61000.5
    assert type(refused).__name__ == "Refused" and refused.error_message == "unknown pair"
    assert undocumented.frame == {"surprise": True} and "matches no documented message" in str(undocumented)


NODE_SCRIPT = """
const { TickerClient } = require('./index.js');
(async () => {
  const undocumented = [];
  const client = new TickerClient({
    baseUrl: process.argv[2], market: 'spot eu', replyTimeoutMs: 1000,
    onUndocumented: (error) => undocumented.push(error.frame),
  });
  const prices = [];
  client.on('price', (price) => prices.push(price));
  await client.opened;
  const subscribed = await client.sendSubscribe({ pair: 'XBT/EUR' });
  const refused = await client.sendSubscribe({ pair: 'NOPE' });
  const timeout = await client.sendSubscribe({ pair: 'SILENT' }).catch((error) => error.name);
  client.close();
  await client.closed;
  process.stdout.write(JSON.stringify({ subscribed, refused, timeout, prices, undocumented }));
})().catch((error) => { console.error(error); process.exit(1); });
"""


def test_the_typescript_client_runs_in_node(tmp_path: Path) -> None:
    """Node 22 has a global WebSocket; Node 20 gets it with --experimental-websocket."""
    out = generate(SPEC, "typescript", tmp_path / "ticker")
    compiled = tsc(out, emit=True, module="commonjs")
    assert compiled.returncode == 0, compiled.stdout
    (out / "run.js").write_text(NODE_SCRIPT)
    node = shutil.which("node")
    assert node is not None
    major = int(subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.lstrip("v").split(".")[0])
    flags = ["--experimental-websocket"] if major < 22 else []

    async def scenario() -> subprocess.CompletedProcess[str]:
        server = await ticker_server({})
        port = server.sockets[0].getsockname()[1]
        try:
            process = await asyncio.create_subprocess_exec(
                node, *flags, "run.js", f"ws://127.0.0.1:{port}", cwd=out, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
            )
            stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
        finally:
            server.close()
            await server.wait_closed()
        return subprocess.CompletedProcess(["node"], process.returncode or 0, stdout.decode(), stderr.decode())

    result = run(scenario())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["subscribed"] == {"event": "subscriptionStatus", "status": "subscribed", "pair": "XBT/EUR"}
    assert data["refused"]["errorMessage"] == "unknown pair"
    assert data["timeout"] == "ReplyTimeoutError"
    assert data["prices"] == [{"pair": "XBT/EUR", "last": 61000.5}]
    assert data["undocumented"] == []


def test_a_parameter_and_a_credential_with_one_argument_name_are_refused(tmp_path: Path) -> None:
    spec = tmp_path / "clash.yaml"
    spec.write_text(
        SPEC.read_text()
        .replace("/ticker/{market}", "/ticker/{session}")
        .replace("      market: {}", "      session: {}")
    )
    result = client_command(spec, "python", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "would share the argument name 'session'" in result.stderr and "hint: rename" in result.stderr
    assert not (tmp_path / "out").exists()
