"""What the demo's contract tests need to connect: URL parameters and a signed-in rider.

The notifications socket refuses anonymous handshakes, so every connection carries a handshake
token (``?token=...``, read by ``rides.middleware.QueryTokenAuthMiddleware``) for a fresh user.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def rider(transactional_db: None) -> Any:
    # transactional_db: the token middleware looks the user up from another thread, which sees
    # only committed rows
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("ada", password="not-used")


@pytest.fixture
def asyncapi_url_params() -> dict[str, str]:
    return {"topic": "rides"}


@pytest.fixture
def asyncapi_handshake(rider: Any) -> dict[str, Any]:
    from rides.tokens import make_token

    # the demo's WebSocket stack checks the Origin against ALLOWED_HOSTS, as a browser sends it
    return {"query": {"token": make_token(rider)}, "headers": [("origin", "http://localhost")]}


@pytest.fixture
def asyncapi_error_messages() -> list[str]:
    # a valid accept_offer for a ride this connection never requested is refused with `error`
    return ["error"]
