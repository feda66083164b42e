"""AsyncAPISpecView: formats, caching with ETags, servers without Host reflection, file source, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import RequestFactory

import asyncapi_tools
from django_bridge import AsyncAPIGenerator, AsyncAPISpecView, spec_cache

from .conftest import bridge_settings

SPEC = "/docs/asyncapi.yaml"


def load_yaml(body: bytes) -> dict[str, Any]:
    return asyncapi_tools.loads(body.decode("utf-8")).plain()


def test_yaml_by_default_with_the_consumers_operations(client: Any) -> None:
    response = client.get(SPEC)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    spec = load_yaml(response.content)
    assert spec["info"]["title"] == "Echo API"
    assert spec["channels"][next(iter(spec["channels"]))]["address"] == "/ws/echo/"
    actions = sorted(op["action"] for op in spec["operations"].values())
    assert actions == ["receive", "send"]


@pytest.mark.parametrize(
    ("query", "accept"),
    [("?format=json", ""), ("", "application/json"), ("", "application/yaml;q=0.5, application/json")],
)
def test_json_on_request_is_the_same_document(client: Any, query: str, accept: str) -> None:
    yaml_spec = load_yaml(client.get(SPEC).content)
    response = client.get(SPEC + query, HTTP_ACCEPT=accept)
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == yaml_spec


def test_yaml_when_the_client_prefers_it(client: Any) -> None:
    response = client.get(SPEC, HTTP_ACCEPT="application/json;q=0.2, application/yaml")
    assert response["Content-Type"].startswith("application/yaml")


def test_unknown_format_is_a_bad_request(client: Any) -> None:
    response = client.get(SPEC + "?format=xml")
    assert response.status_code == 400
    assert b"yaml" in response.content


def test_second_request_is_served_from_the_cache(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = []
    original = AsyncAPIGenerator.get_spec

    def counting(self: AsyncAPIGenerator) -> dict[str, Any]:
        builds.append(self)
        return original(self)

    monkeypatch.setattr(AsyncAPIGenerator, "get_spec", counting)
    first = client.get(SPEC)
    built_once = len(builds)
    misses, hits = spec_cache.misses, spec_cache.hits
    second = client.get(SPEC)
    assert built_once >= 1
    assert len(builds) == built_once, "the second request built the spec again"
    assert (spec_cache.misses, spec_cache.hits) == (misses, hits + 1)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_if_none_match_gets_304_and_other_etags_get_the_body(client: Any) -> None:
    etag = client.get(SPEC)["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    not_modified = client.get(SPEC, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    stale = client.get(SPEC, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200 and stale.content


def test_json_and_yaml_have_different_etags_and_vary_on_accept(client: Any) -> None:
    yaml_response = client.get(SPEC)
    json_response = client.get(SPEC, HTTP_ACCEPT="application/json")
    assert yaml_response["ETag"] != json_response["ETag"]
    assert "Accept" in yaml_response["Vary"]
    assert client.get(SPEC, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=json_response["ETag"]).status_code == 304


def test_changing_a_setting_clears_the_cache(client: Any, settings: Any) -> None:
    before = client.get(SPEC)
    bridge_settings(settings, TITLE="Renamed API")
    after = client.get(SPEC)
    assert load_yaml(after.content)["info"]["title"] == "Renamed API"
    assert after["ETag"] != before["ETag"]
    assert client.get(SPEC, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


# -- servers -----------------------------------------------------------------------------------
def test_server_derived_from_an_explicitly_allowed_host(client: Any) -> None:
    spec = load_yaml(client.get(SPEC).content)
    assert spec["servers"] == {"default": {"host": "testserver", "protocol": "ws"}}


def test_https_requests_get_wss(client: Any) -> None:
    spec = load_yaml(client.get(SPEC, secure=True).content)
    assert spec["servers"]["default"]["protocol"] == "wss"


@pytest.mark.parametrize("allowed", [["*"], [".example.com"]])
def test_wildcard_hosts_are_never_reflected(client: Any, settings: Any, allowed: list[str]) -> None:
    settings.ALLOWED_HOSTS = allowed
    response = client.get(SPEC, HTTP_HOST="evil.example.com")
    assert response.status_code == 200
    assert b"evil" not in response.content
    assert "servers" not in load_yaml(response.content)


def test_wildcard_hosts_fall_back_to_ws_host(client: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    bridge_settings(settings, WS_HOST="api.example.com", WS_PROTOCOL="wss")
    spec = load_yaml(client.get(SPEC, HTTP_HOST="evil.example.com").content)
    assert spec["servers"] == {"default": {"host": "api.example.com", "protocol": "wss"}}


def test_servers_setting_wins_over_the_request(client: Any, settings: Any) -> None:
    bridge_settings(settings, SERVERS={"production": {"host": "ws.example.com", "protocol": "wss"}})
    spec = load_yaml(client.get(SPEC).content)
    assert list(spec["servers"]) == ["production"]
    assert spec["servers"]["production"]["host"] == "ws.example.com"


def test_view_servers_override_everything(settings: Any) -> None:
    bridge_settings(settings, SERVERS={"production": {"host": "ws.example.com", "protocol": "wss"}})
    view = AsyncAPISpecView.as_view(consumer="tests.views.consumers.EchoConsumer", servers={"lab": {"host": "lab:9000", "protocol": "ws"}})
    response = view(RequestFactory().get("/x"))
    assert load_yaml(response.content)["servers"] == {"lab": {"host": "lab:9000", "protocol": "ws"}}


def test_multi_consumer_spec_has_a_channel_per_consumer(client: Any) -> None:
    spec = load_yaml(client.get("/rooms/asyncapi.yaml").content)
    addresses = sorted(channel["address"] for channel in spec["channels"].values())
    assert addresses == ["/ws/echo/", "/ws/rooms/{room}/"]


# -- source="file" -------------------------------------------------------------------------------
COMMITTED = """\
# committed by hand: this comment must reach the client
asyncapi: 3.0.0
info:
  title: Committed API
  version: '2.0.0'
channels: {}
"""


def test_file_source_serves_the_committed_text(tmp_path: Path) -> None:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(COMMITTED, encoding="utf-8")
    view = AsyncAPISpecView.as_view(source="file", spec_file=path)
    response = view(RequestFactory().get("/spec"))
    assert response.content.decode("utf-8") == COMMITTED
    as_json = view(RequestFactory().get("/spec?format=json"))
    assert json.loads(as_json.content)["info"] == {"title": "Committed API", "version": "2.0.0"}


def test_file_source_notices_an_edited_file(tmp_path: Path) -> None:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(COMMITTED, encoding="utf-8")
    view = AsyncAPISpecView.as_view(source="file", spec_file=path)
    first = view(RequestFactory().get("/spec"))
    path.write_text(COMMITTED.replace("2.0.0", "2.1.0"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = view(RequestFactory().get("/spec"))
    assert b"2.1.0" in second.content
    assert second["ETag"] != first["ETag"]


def test_missing_file_names_the_path_in_debug(tmp_path: Path) -> None:
    view = AsyncAPISpecView.as_view(source="file", spec_file=tmp_path / "nope.yaml")
    response = view(RequestFactory().get("/spec"))
    assert response.status_code == 500
    assert "nope.yaml" in response.content.decode()
    assert response["Content-Type"].startswith("text/plain")


def test_missing_file_raises_when_debug_is_off(tmp_path: Path, settings: Any) -> None:
    settings.DEBUG = False
    view = AsyncAPISpecView.as_view(source="file", spec_file=tmp_path / "nope.yaml")
    with pytest.raises(asyncapi_tools.InputError):
        view(RequestFactory().get("/spec"))


# -- errors and diagnostics ---------------------------------------------------------------------
def test_generator_errors_are_shown_in_debug(client: Any) -> None:
    response = client.get("/broken/asyncapi.yaml")
    assert response.status_code == 500
    text = response.content.decode()
    assert "BrokenConsumer" in text and "handle_broken" in text


def test_diagnostics_report_generator_errors_as_json(client: Any) -> None:
    report = client.get("/broken/asyncapi.yaml?diagnostics=1").json()
    assert report["valid"] is False
    assert report["errors"] == 1
    assert "handle_broken" in report["diagnostics"][0]["text"]


def test_diagnostics_are_refused_when_debug_is_off(client: Any, settings: Any) -> None:
    settings.DEBUG = False
    assert client.get(SPEC + "?diagnostics=1").status_code == 404
    assert client.get(SPEC).status_code == 200


INVALID = """\
asyncapi: 3.0.0
info:
  title: Invalid API
  version: '1.0.0'
channels:
  room:
    address: /ws/room/
operations:
  post:
    action: receive
    deprecated: true
    channel:
      $ref: '#/channels/room'
"""


def test_diagnostics_locate_validation_errors_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "invalid.yaml"
    path.write_text(INVALID, encoding="utf-8")
    view = AsyncAPISpecView.as_view(source="file", spec_file=path)
    report = json.loads(view(RequestFactory().get("/spec?diagnostics=1")).content)
    assert report["valid"] is False
    assert report["errors"] >= 1
    lines = {d["line"] for d in report["diagnostics"] if d["severity"] == "error"}
    assert lines & {9, 10, 11}, report


def test_diagnostics_of_a_valid_spec(client: Any) -> None:
    report = client.get(SPEC + "?diagnostics=1").json()
    assert report["valid"] is True
    assert report["errors"] == 0


def test_debug_with_no_allowed_hosts_trusts_only_what_django_admits(client: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = []
    spec = load_yaml(client.get(SPEC, HTTP_HOST="localhost:8000", SERVER_PORT="8000").content)
    assert spec["servers"]["default"]["host"] == "localhost:8000"
    assert client.get(SPEC, HTTP_HOST="sub.localhost").status_code == 200
    assert "servers" not in load_yaml(client.get(SPEC, HTTP_HOST="sub.localhost").content)


def test_cache_drops_the_least_recently_used_spec() -> None:
    from django_bridge import BuiltSpec, SpecCache

    cache = SpecCache(max_entries=2)
    built: list[str] = []

    def builder(name: str) -> Any:
        return lambda: built.append(name) or BuiltSpec(data={"name": name})

    for name in ("a", "b", "a", "c", "a", "b"):
        cache.get(name, builder(name))
    assert built == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" arrived
    assert len(cache) == 2
    cache.clear()
    assert len(cache) == 0
