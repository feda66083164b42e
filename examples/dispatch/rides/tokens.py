"""Short-lived handshake tokens for ``?token=...`` (signed user ids; a real project would use JWT)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing

SALT = "dispatch-demo.websocket-token"
MAX_AGE_SECONDS = 24 * 60 * 60


def make_token(user: Any) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(user.pk))


def user_for_token(token: str) -> Any | None:
    """The active user the token was made for, or None (bad signature, expired, unknown user)."""
    try:
        pk = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()
