"""The wire project under the contract plugin: its application, URL parameters and handshake.

``pytest -p django_bridge.testing.plugin --ds tests.wire_project.settings --asyncapi-contract
tests/testing/wire_run`` runs a contract test for each documented client operation of the
project (tests/testing/test_contract_runs.py does exactly that).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from asyncapi_tools import Contract

# The plugin's fixtures, for runs where the plugin is not registered (an environment installed
# before the pytest11 entry point existed); where it is, these names are the same fixtures.
from django_bridge.testing.plugin import (  # noqa: F401
    asyncapi_error_messages,
    contract_communicator,
)

WIRE_SETTINGS = {"TITLE": "Wire project", "AUTH_QUERY_PARAM": "token"}


@pytest.fixture(scope="module")
def asyncapi_application() -> Iterator[Any]:
    """The project's application, built under its settings (the origin validator reads
    ALLOWED_HOSTS when the application is built). Module-scoped: the settings it overrides must
    not outlive this folder's tests."""
    from django.test import override_settings

    with override_settings(ASGI_APPLICATION="tests.wire_project.asgi.application", ALLOWED_HOSTS=["localhost"], CHANNELS_SPECTACULAR_SETTINGS=WIRE_SETTINGS):
        module = sys.modules.get("tests.wire_project.asgi")
        module = importlib.reload(module) if module else importlib.import_module("tests.wire_project.asgi")
        yield module.application


@pytest.fixture(scope="module")
def asyncapi_spec(asyncapi_application: Any) -> Contract:
    """The spec generated from the project's routing, under the project's settings."""
    from django_bridge.testing import contract_for

    return contract_for(application=asyncapi_application)[0]


@pytest.fixture
def asyncapi_url_params() -> dict[str, str]:
    return {"room": "lobby", "team": "core", "feed_id": "7"}


@pytest.fixture
def asyncapi_handshake() -> dict[str, Any]:
    return {"query": {"token": "ann-token"}, "headers": [("origin", "http://localhost")]}
