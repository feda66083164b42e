"""Custom middleware that wraps an application and exposes it as ``inner``, like Channels' own."""

from __future__ import annotations

from typing import Any


class TenantMiddleware:
    """Puts the tenant slug from the URL into the scope under ``tenant``."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        tenant = scope.get("url_route", {}).get("kwargs", {}).get("tenant")
        return await self.inner(dict(scope, tenant=tenant), receive, send)
