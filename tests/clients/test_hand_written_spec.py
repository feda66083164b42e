"""A hand-written document with shapes our generator never writes (tests/clients/fixtures/
ticker.yaml): the Python client against a real `websockets` server on the loopback, mypy --strict
on it, and tsc --strict on its TypeScript twin."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from tests.demo.ws_client import run

from ._support import generate, imported_client, mypy_strict, tsc

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


async def _server(handler: Any) -> Any:
    return await serve(handler, "127.0.0.1", 0)


def test_credentials_a_union_reply_frames_without_a_key_and_an_undocumented_frame(ticker: Any) -> None:
    seen: dict[str, Any] = {}

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

    async def scenario() -> tuple[Any, Any, Any, BaseException]:
        server = await _server(handler)
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
