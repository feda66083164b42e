"""Finding the consumers to document: the project's ASGI routing, WebSocket paths turned into
channel addresses, and the dotted paths that settings and options name."""
