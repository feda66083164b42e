"""CHANNELS_SPECTACULAR_SETTINGS: typed defaults, did-you-mean, cache cleared on change."""

from __future__ import annotations

import ast
import inspect
from dataclasses import fields

import pytest
from django.test import override_settings

from django_bridge import (
    AsyncAPIGenerator,
    BridgeSettings,
    ConfigurationError,
    build_settings,
    get_settings,
)
from tests.django_bridge import consumers

REFERENCE_KEYS = {
    "TITLE", "VERSION", "DESCRIPTION", "CHANNEL_PATH", "SERVERS", "WS_HOST", "WS_PROTOCOL",
    "AUTH_QUERY_PARAM", "AUTH_COOKIE_NAME", "TRY_IT_OUT_ENABLED", "TRY_IT_OUT_EXPANDED",
    "ASYNCAPI_VERSION",
}  # fmt: skip


def test_every_reference_key_exists_with_reference_defaults() -> None:
    defaults = BridgeSettings()
    assert {f.name for f in fields(BridgeSettings)} >= REFERENCE_KEYS
    assert (defaults.TITLE, defaults.VERSION, defaults.DESCRIPTION, defaults.CHANNEL_PATH) == ("WebSocket API", "1.0.0", "", "/")
    assert defaults.SERVERS is None and defaults.WS_HOST is None and defaults.WS_PROTOCOL is None
    assert defaults.ASYNCAPI_VERSION == "3.0.0"
    assert defaults.TRY_IT_OUT_ENABLED is False and defaults.TRY_IT_OUT_EXPANDED is False


def test_every_key_has_a_comment_above_it() -> None:
    source = inspect.getsource(BridgeSettings).splitlines()
    tree = ast.parse(inspect.getsource(BridgeSettings))
    body = tree.body[0].body  # type: ignore[attr-defined]
    for node in body:
        if isinstance(node, ast.AnnAssign):
            above = source[node.lineno - 2].strip()
            assert above.startswith("#"), f"{node.target.id} has no comment"  # type: ignore[attr-defined]


def test_settings_are_read_and_cache_cleared_when_they_change() -> None:
    assert get_settings().TITLE == "WebSocket API"
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"TITLE": "Dispatch API", "ASYNCAPI_VERSION": "3.1.0"}):
        assert get_settings().TITLE == "Dispatch API"
        spec = AsyncAPIGenerator(consumers.RoomConsumer).get_spec()
        assert spec["asyncapi"] == "3.1.0"
        assert spec["info"] == {"title": "Dispatch API", "version": "1.0.0"}
    assert get_settings().TITLE == "WebSocket API"


@pytest.mark.parametrize(
    ("user", "message", "hint"),
    [
        ({"TITEL": "x"}, "unknown key 'TITEL'", "did you mean 'TITLE'?"),
        ({"auth_query_param": "t"}, "unknown key 'auth_query_param'", "did you mean 'AUTH_QUERY_PARAM'?"),
        ({"NOPE_NOTHING": 1}, "unknown key", "known keys: TITLE"),
        ({"ASYNCAPI_VERSION": "2.6.0"}, "'ASYNCAPI_VERSION'] is '2.6.0'", "'3.0.0', '3.1.0'"),
        ({"WS_PROTOCOL": "http"}, "'WS_PROTOCOL'] is 'http'", "'ws', 'wss'"),
        ({"TRY_IT_OUT_ENABLED": "yes"}, "must be bool, not str", "TRY_IT_OUT_ENABLED"),
        ({"SERVERS": ["a"]}, "must be dict or None", "SERVERS"),
        ({"VIEWER_ASSETS": "unpkg"}, "'VIEWER_ASSETS'] is 'unpkg'", "'local', 'cdn'"),
        ({"DOCS_PERMISSION": 3}, "must be a dotted path or a callable", "allow_staff"),
    ],
)
def test_bad_settings_are_refused_with_a_fix(user, message, hint) -> None:
    with pytest.raises(ConfigurationError) as info:
        build_settings(user)
    assert message in info.value.message
    assert hint in (info.value.hint or "")


def test_bad_settings_surface_through_django() -> None:
    from django.core.exceptions import ImproperlyConfigured

    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"CHANEL_PATH": "/ws/"}):
        with pytest.raises(ImproperlyConfigured, match="CHANEL_PATH") as info:
            get_settings()
        assert isinstance(info.value, ConfigurationError)
        assert info.value.hint == "did you mean 'CHANNEL_PATH'?"


def test_channel_path_and_servers_come_from_settings() -> None:
    servers = {"production": {"host": "api.example.com", "protocol": "wss"}}
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"CHANNEL_PATH": "/ws/rooms/<slug:room>/", "SERVERS": servers}):
        spec = AsyncAPIGenerator(consumers.RoomConsumer).get_spec()
    (channel,) = spec["channels"].values()
    assert channel["address"] == "/ws/rooms/{room}/"
    assert spec["servers"] == servers
