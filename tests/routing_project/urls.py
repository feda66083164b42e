"""The project's HTTP URLs: none are needed, the WebSocket routing lives in asgi.py."""

urlpatterns: list[object] = []
