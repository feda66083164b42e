"""URLs for the view tests (ROOT_URLCONF is set per test by tests/views/conftest.py)."""

from django.urls import path

from django_bridge import AsyncAPIDocView, AsyncAPISpecView

from .consumers import BrokenConsumer, EchoConsumer, RoomConsumer

urlpatterns = [
    path("docs/", AsyncAPIDocView.as_view(), name="docs"),
    path("docs/asyncapi.yaml", AsyncAPISpecView.as_view(consumer=EchoConsumer, channel_path="/ws/echo/"), name="echo-spec"),
    path(
        "switch/",
        AsyncAPIDocView.as_view(specs=[("Echo", "echo-spec"), ("Rooms <b>&</b>", "/rooms/asyncapi.yaml")]),
        name="switch",
    ),
    path(
        "rooms/asyncapi.yaml",
        AsyncAPISpecView.as_view(consumers=[(EchoConsumer, "/ws/echo/"), ("tests.views.consumers.RoomConsumer", "/ws/rooms/<slug:room>/")]),
    ),
    path("rooms-only/asyncapi.yaml", AsyncAPISpecView.as_view(consumer=RoomConsumer, channel_path="/ws/rooms/")),
    path("broken/asyncapi.yaml", AsyncAPISpecView.as_view(consumer=BrokenConsumer)),
    path("staff/asyncapi.yaml", AsyncAPISpecView.as_view(consumer=EchoConsumer, permission="django_bridge.allow_staff")),
]
