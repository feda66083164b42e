"""A small but real Channels project whose routing exercises discovery: nested routers, two
middleware levels, every path converter, regex routes, a consumer mounted twice, a plain
undocumented consumer and a plain ASGI function. ``python -m tests.routing_project.live``
serves it for real (see live.py)."""
