"""The demo's URLs: the docs at /ws-docs/ with a switcher between three specs.

- ``/ws-docs/dispatch/asyncapi.yaml``: the Dispatch consumer alone;
- ``/ws-docs/notifications/asyncapi.yaml``: the Notifications consumer (a path parameter);
- ``/ws-docs/asyncapi.yaml``: both in one document, a channel each.

Each spec URL also answers JSON (``?format=json``), which the docs page's try-it-out reads.
"""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView
from rides.consumers import DispatchConsumer, NotificationsConsumer

from django_bridge import AsyncAPIDocView, AsyncAPISpecView

DISPATCH_PATH = "/ws/dispatch/"
NOTIFICATIONS_PATH = "/ws/notifications/<slug:topic>/"

urlpatterns = [
    path("", RedirectView.as_view(url="/ws-docs/", permanent=False)),
    path("admin/", admin.site.urls),
    path(
        "ws-docs/",
        AsyncAPIDocView.as_view(
            specs=[
                ("Dispatch · /ws/dispatch/", "dispatch-spec"),
                ("Notifications · /ws/notifications/{topic}/", "notifications-spec"),
                ("Everything (one document)", "all-spec"),
            ],
        ),
        name="ws-docs",
    ),
    path(
        "ws-docs/dispatch/asyncapi.yaml",
        AsyncAPISpecView.as_view(consumer=DispatchConsumer, channel_path=DISPATCH_PATH),
        name="dispatch-spec",
    ),
    path(
        "ws-docs/notifications/asyncapi.yaml",
        AsyncAPISpecView.as_view(
            consumer=NotificationsConsumer,
            channel_path=NOTIFICATIONS_PATH,
            info={"title": "Notifications API", "description": "Follow a topic; sign in first (token or session)."},
        ),
        name="notifications-spec",
    ),
    path(
        "ws-docs/asyncapi.yaml",
        AsyncAPISpecView.as_view(consumers=[(DispatchConsumer, DISPATCH_PATH), (NotificationsConsumer, NOTIFICATIONS_PATH)]),
        name="all-spec",
    ),
]
