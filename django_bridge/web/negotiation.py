"""What a request may choose about the spec it gets: the format, and (bounded) the server host.

The format follows ``?format=`` or the ``Accept`` header. The host of a derived server comes from
the request only when the site's own settings name it, so a client cannot make the spec (or the
cache) say anything the site did not declare.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.http import HttpRequest

from .spec_cache import Format

_FORMATS: dict[str, Format] = {"yaml": "yaml", "json": "json"}


def negotiate(request: HttpRequest) -> Format | None:
    """``?format=`` wins; else JSON when Accept prefers application/json; else YAML.

    None for a ``?format=`` that is neither (the view answers 400)."""
    explicit = request.GET.get("format")
    if explicit is not None:
        return _FORMATS.get(explicit)
    weights: dict[str, float] = {}
    for part in request.headers.get("Accept", "").split(","):
        media, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weights[media.strip().lower()] = quality
    json_q = weights.get("application/json", 0.0)
    yaml_q = max((weights.get(m, 0.0) for m in ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")), default=0.0)
    return "json" if json_q > 0 and json_q >= yaml_q else "yaml"


def served_host(request: HttpRequest) -> str | None:
    """The host a derived server may name: never a value the client alone chose.

    The domain of ``request.get_host()`` (the Host header, or X-Forwarded-Host when
    USE_X_FORWARDED_HOST trusts it) counts only when ALLOWED_HOSTS names it exactly: with ``'*'``
    or a ``.domain`` pattern any client could choose it. Its port counts only when it is the port
    this server listens on (``SERVER_PORT``, set by the server, not by the client); any other
    port is dropped. So the values a client can produce are bounded by the site's own settings,
    and so are the cache entries and builds they cost.
    """
    from django.http.request import split_domain_port

    host = request.get_host()  # already checked against ALLOWED_HOSTS (DisallowedHost → 400)
    domain, port = split_domain_port(host)
    allowed = list(django_settings.ALLOWED_HOSTS)
    if django_settings.DEBUG and not allowed:
        allowed = ["localhost", "127.0.0.1", "[::1]"]  # what Django itself admits then
    explicit = {entry.lower().rstrip(".") for entry in allowed if entry != "*" and not entry.startswith(".")}
    if not domain or domain not in explicit:
        return None
    # The normalised domain (lower case, no trailing dot), so letter case mints no new values either.
    if port and port == str(request.META.get("SERVER_PORT", "")):
        return f"{domain}:{port}"
    return domain
