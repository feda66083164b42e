"""A small real Channels project whose consumers speak the frame shapes real projects use.

Each consumer documents its wire format, and ``tests/test_wire_project.py`` proves the generated
spec right by talking to the consumers with the spec's own examples:

- ``RoomConsumer``: ``{"type": ...}`` both ways, dispatch inside ``receive_json``, the wire name
  ``typing`` in both directions, mounted at two ``re_path`` routes;
- ``PresenceConsumer``: no discriminator, frames told apart by their fields;
- ``FeedConsumer``: envelopes ``{"event": ..., "payload": {...}}`` handled by ``handle_*``
  methods, and one flat ``{"type": "heartbeat"}`` frame (a handler-level wire format).

The routing is a real project's: AllowedHostsOriginValidator → AuthMiddlewareStack → a token
middleware → URLRouter of regex routes with named groups.
"""
