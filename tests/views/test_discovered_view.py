"""``AsyncAPISpecView`` with neither ``consumer`` nor ``consumers`` documents the ASGI routing."""

from __future__ import annotations

import json

from django.test import RequestFactory

from django_bridge import AsyncAPISpecView, spec_cache


def test_spec_view_without_consumers_discovers_the_routing(settings) -> None:
    settings.ASGI_APPLICATION = "tests.routing_project.asgi.application"
    spec_cache.clear()
    view = AsyncAPISpecView.as_view()
    response = view(RequestFactory().get("/asyncapi.yaml", {"format": "json"}))
    assert response.status_code == 200
    spec = json.loads(response.content)
    assert "RideUpdates" in spec["channels"]
    assert all(
        set(channel.get("parameters", {})) == {part.split("}")[0] for part in channel["address"].split("{")[1:]}
        for channel in spec["channels"].values()
    )
