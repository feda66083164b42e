from django.urls import path

from .consumers import DispatchConsumer, NotificationsConsumer

websocket_urlpatterns = [
    path("ws/dispatch/", DispatchConsumer.as_asgi()),
    path("ws/notifications/<slug:topic>/", NotificationsConsumer.as_asgi()),
]
