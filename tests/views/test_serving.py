"""Serving under load: the client cannot mint cache entries through Host, one build per key
however many requests arrive cold at once (threads, and ASGI's sync_to_async), one servers
policy for the view and ``export_asyncapi``."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command
from django.test import RequestFactory

import asyncapi_tools
from django_bridge import AsyncAPIGenerator, AsyncAPISpecView, BuiltSpec, SpecCache, spec_cache

from .conftest import bridge_settings

SPEC = "/docs/asyncapi.yaml"


@pytest.fixture(autouse=True)
def _counting_from_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """``spec_cache``'s counters live as long as the process: each test counts its own builds."""
    monkeypatch.setattr(spec_cache, "builds", 0)


def servers_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    return asyncapi_tools.loads(response.content.decode("utf-8")).plain().get("servers", {})


# -- the served host -------------------------------------------------------------------------------
def test_random_host_ports_never_reach_the_spec_nor_the_cache(client: Any) -> None:
    hosts = {servers_of(client.get(SPEC, HTTP_HOST=f"testserver:{port}"))["default"]["host"] for port in range(6000, 6040)}
    assert hosts == {"testserver"}
    assert spec_cache.builds == 1
    assert len(spec_cache) == 1


def test_the_port_the_server_listens_on_is_kept(client: Any) -> None:
    response = client.get(SPEC, HTTP_HOST="testserver:8000", SERVER_PORT="8000")
    assert servers_of(response) == {"default": {"host": "testserver:8000", "protocol": "ws"}}


def test_letter_case_and_trailing_dot_are_one_host(client: Any) -> None:
    for host in ("TestServer", "testserver.", "TESTSERVER"):
        assert servers_of(client.get(SPEC, HTTP_HOST=host))["default"]["host"] == "testserver"
    assert spec_cache.builds == 1


def test_trusted_x_forwarded_host_follows_the_same_rule(client: Any, settings: Any) -> None:
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = ["testserver", "docs.example.com"]
    for port in (6666, 7777):
        response = client.get(SPEC, HTTP_X_FORWARDED_HOST=f"docs.example.com:{port}")
        assert servers_of(response)["default"]["host"] == "docs.example.com"
    assert spec_cache.builds == 1


def test_ws_host_wins_over_the_request(client: Any, settings: Any) -> None:
    bridge_settings(settings, WS_HOST="api.example.com:8443", WS_PROTOCOL="wss")
    for port in (1, 2, 3):
        assert servers_of(client.get(SPEC, HTTP_HOST=f"testserver:{port}")) == {
            "default": {"host": "api.example.com:8443", "protocol": "wss"}
        }
    assert spec_cache.builds == 1


@pytest.mark.parametrize("ws_host", [None, "api.example.com"])
def test_view_and_export_name_the_derived_server_alike(settings: Any, ws_host: str | None, tmp_path: Path) -> None:
    settings.ALLOWED_HOSTS = ["localhost"]
    bridge_settings(settings, WS_HOST=ws_host, WS_PROTOCOL="wss")
    view = AsyncAPISpecView.as_view(consumer="tests.export.consumers.GreeterConsumer", channel_path="/ws/greet/")
    served = servers_of(view(RequestFactory().get(SPEC, HTTP_HOST="localhost:8000", SERVER_PORT="8000")))
    output = tmp_path / "asyncapi.yaml"
    call_command("export_asyncapi", "--consumer", "tests.export.consumers.GreeterConsumer:/ws/greet/", "--output", str(output), stdout=io.StringIO())
    assert served == asyncapi_tools.load(output).plain()["servers"]
    assert served == {"default": {"host": ws_host or "localhost:8000", "protocol": "wss"}}


# -- one build per key ------------------------------------------------------------------------------
@pytest.fixture
def slow_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every generator build, made slow enough (0.3 s) that cold requests overlap it."""
    calls: list[str] = []
    real = AsyncAPIGenerator.get_document

    def slow(self: AsyncAPIGenerator) -> Any:
        calls.append(threading.current_thread().name)
        time.sleep(0.3)
        return real(self)

    monkeypatch.setattr(AsyncAPIGenerator, "get_document", slow)
    return calls


def in_threads(count: int, call: Callable[[], Any]) -> list[Any]:
    """``call()`` in ``count`` threads released together; their results (or exceptions)."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(index,), name=f"cold-{index}") for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_eight_cold_threads_build_once(slow_builds: list[str]) -> None:
    view = AsyncAPISpecView.as_view(consumer="tests.views.consumers.EchoConsumer", channel_path="/ws/echo/")
    responses = in_threads(8, lambda: view(RequestFactory().get(SPEC)))
    assert len(slow_builds) == 1
    assert {response.status_code for response in responses} == {200}
    assert len({response["ETag"] for response in responses}) == 1
    assert len({response.content for response in responses}) == 1


def test_waiters_share_the_builders_error(slow_builds: list[str]) -> None:
    view = AsyncAPISpecView.as_view(consumer="tests.views.consumers.BrokenConsumer")
    responses = in_threads(8, lambda: view(RequestFactory().get(SPEC)))
    assert len(slow_builds) == 1
    assert {response.status_code for response in responses} == {500}
    assert all(b"handle_broken" in response.content for response in responses)
    # an error is not cached: the next request builds again (a fixed payload would be seen)
    view(RequestFactory().get(SPEC))
    assert len(slow_builds) == 2


def test_eight_cold_requests_under_asgi_threads_build_once(slow_builds: list[str]) -> None:
    """Under ASGI a sync view runs through sync_to_async; with thread_sensitive=False (or several
    workers' thread pools) the requests really run in parallel threads."""
    view = AsyncAPISpecView.as_view(consumer="tests.views.consumers.EchoConsumer", channel_path="/ws/echo/")

    async def cold_requests() -> list[Any]:
        call = sync_to_async(view, thread_sensitive=False)
        return await asyncio.gather(*(call(RequestFactory().get(SPEC)) for _ in range(8)))

    responses = asyncio.run(cold_requests())
    assert len(slow_builds) == 1
    assert len(set(slow_builds)) == 1
    assert {response.status_code for response in responses} == {200}
    assert len({response.content for response in responses}) == 1


def test_yaml_is_rendered_once_for_concurrent_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    renders: list[str] = []
    real = asyncapi_tools.dumps

    def slow_dumps(document: Any, **options: Any) -> str:
        renders.append(options.get("format", "yaml"))
        time.sleep(0.2)
        return real(document, **options)

    monkeypatch.setattr(asyncapi_tools, "dumps", slow_dumps)
    cache = SpecCache()
    spec = cache.get("k", lambda: BuiltSpec(data={"asyncapi": "3.0.0", "info": {"title": "T", "version": "1"}}))
    bodies = in_threads(8, lambda: cache.render(spec, "yaml").body)
    assert renders == ["yaml"]
    assert len(set(bodies)) == 1


def test_a_build_overtaken_by_a_settings_change_is_not_stored() -> None:
    cache = SpecCache()
    started, release = threading.Event(), threading.Event()

    def build() -> Any:
        started.set()
        release.wait(5)
        return BuiltSpec(data={"stale": True})

    worker = threading.Thread(target=cache.get, args=("k", build))
    worker.start()
    started.wait(5)
    cache.clear()  # what setting_changed does
    release.set()
    worker.join(5)
    assert len(cache) == 0
    assert cache.get("k", lambda: BuiltSpec(data={"fresh": True})).data == {"fresh": True}


def test_the_cache_is_bounded_under_many_keys() -> None:
    cache = SpecCache(max_entries=4)
    for index in range(50):
        cache.get(("view", index), lambda: BuiltSpec(data={}))
    assert len(cache) == 4
