"""Serving the docs over HTTP: the spec and viewer views, who may see them, the page's
Content-Security-Policy, and the system checks of the mounted views."""
