"""The Content-Security-Policy of the docs page: spec text may show HTML, never act through it.

The viewer renders Markdown from the spec (descriptions, summaries) and keeps the HTML in it:
``<style>``, ``<form>``, ``<img>`` and links all reach the page. Escaping cannot help there,
since HTML in Markdown is a feature, so the browser is told what the page itself needs and
refuses the rest:

- scripts and styles only from the page's own origin or with its nonce: a ``<style>`` or a
  ``style="..."`` attribute in a description does not apply, a ``javascript:`` URL does not run;
- images only from the page's origin (and ``data:``): a remote image cannot track readers;
- ``form-action 'none'``: a form in a description cannot send what a reader types anywhere;
- ``base-uri 'none'``, ``object-src 'none'``, ``frame-src 'none'``: no ``<base>`` that moves
  relative URLs, no plugins, no frames.

The viewer's bundled parser compiles JSON Schemas with ``new Function``, so ``script-src`` has
``'unsafe-eval'``; spec text still cannot run script, because it can add no ``<script>`` that
carries the nonce. ``DOCS_CSP`` in ``CHANNELS_SPECTACULAR_SETTINGS`` replaces the sources of any
directive (``None`` drops one) or, set to ``None``, leaves the header to the project.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

from ..conf import SETTINGS_NAME, get_settings
from ..errors import ConfigurationError

HEADER = "Content-Security-Policy"

#: What the docs page needs, directive by directive (the nonce and the additions below come on top).
DEFAULT_POLICY: Mapping[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # 'unsafe-eval': the viewer's parser compiles JSON Schemas at run time (new Function).
    "script-src": ("'self'", "'unsafe-eval'"),
    "style-src": ("'self'",),
    # data: for the icons the viewer's stylesheet inlines; never a remote host.
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'", "data:"),
    # the spec itself (and its diagnostics) from this origin; try-it-out adds ws: and wss:.
    "connect-src": ("'self'",),
    "form-action": ("'none'",),
    "base-uri": ("'none'",),
    "object-src": ("'none'",),
    "frame-src": ("'none'",),
}

#: Directives that get the page's nonce, so its own scripts and stylesheets load from any host.
NONCE_DIRECTIVES = ("script-src", "style-src")

_DIRECTIVE = re.compile(r"^[a-z][a-z-]*$")
#: Characters that would end a source or a directive inside the header.
_UNSAFE_SOURCE = re.compile(r"[\s;,]")
_NONCE_ATTRIBUTE = "_django_bridge_csp_nonce"


def policy_enabled() -> bool:
    """False when ``DOCS_CSP`` is ``None``: the project sends its own policy (or none)."""
    return get_settings().DOCS_CSP is not None


def page_nonce(request: HttpRequest) -> str | None:
    """The nonce for the page's script and stylesheet tags, the same for the whole request.

    django-csp's ``request.csp_nonce`` is reused when its middleware runs, so one nonce serves
    both policies; otherwise one is made here, unless ``DOCS_CSP`` is ``None`` (then no nonce).
    """
    existing = getattr(request, "csp_nonce", None)
    if existing is not None:
        return str(existing)
    if not policy_enabled():
        return None
    nonce = getattr(request, _NONCE_ATTRIBUTE, None)
    if nonce is None:
        nonce = secrets.token_urlsafe(18)
        setattr(request, _NONCE_ATTRIBUTE, nonce)
    return str(nonce)


def build_policy(
    overrides: Mapping[str, Sequence[str] | None],
    *,
    nonce: str,
    try_it_out: bool = False,
    connect_urls: Iterable[str] = (),
) -> str:
    """The header value: the defaults with ``overrides`` applied, then what the page itself needs.

    ``overrides`` replaces a directive's sources (``None`` drops the directive). Whatever they say,
    the nonce is added to ``script-src`` and ``style-src``, try-it-out adds ``ws:`` and ``wss:``
    to ``connect-src`` (it connects to the servers the spec names), and every absolute URL in
    ``connect_urls`` (specs served from another host) adds its origin there.
    """
    directives = {name: list(sources) for name, sources in DEFAULT_POLICY.items()}
    for name, sources in check_overrides(overrides).items():
        if sources is None:
            directives.pop(name, None)
        else:
            directives[name] = list(sources)
    for name in NONCE_DIRECTIVES:
        if name in directives:
            directives[name].append(f"'nonce-{nonce}'")
    if "connect-src" in directives:
        extra = ["ws:", "wss:"] if try_it_out else []
        extra += [origin for origin in map(_origin, connect_urls) if origin]
        directives["connect-src"] += [
            source for source in dict.fromkeys(extra) if source not in directives["connect-src"]
        ]
    return "; ".join(f"{name} {' '.join(sources)}".rstrip() for name, sources in directives.items())


def protect(
    request: HttpRequest, response: HttpResponse, *, try_it_out: bool, spec_urls: Iterable[str] = ()
) -> HttpResponse:
    """Send the docs page's policy with ``response`` (unless ``DOCS_CSP`` is ``None``)."""
    overrides = get_settings().DOCS_CSP
    nonce = page_nonce(request)
    if overrides is not None and nonce is not None:
        response[HEADER] = build_policy(
            overrides, nonce=nonce, try_it_out=try_it_out, connect_urls=spec_urls
        )
    return response


def check_overrides(overrides: Mapping[str, Any]) -> Mapping[str, Sequence[str] | None]:
    """``overrides`` if every directive is a name and every source a plain string.

    Raises ConfigurationError otherwise; ``conf`` calls it when the settings are read, so a bad
    policy is reported by ``manage.py check`` rather than on the first docs request.
    """
    for name, sources in overrides.items():
        where = f"{SETTINGS_NAME}['DOCS_CSP'][{name!r}]"
        if not isinstance(name, str) or not _DIRECTIVE.match(name):
            raise ConfigurationError(
                f"{SETTINGS_NAME}['DOCS_CSP'] has the key {name!r}, which is not a CSP directive",
                hint="use lower-case directive names such as 'img-src' or 'connect-src'",
            )
        if sources is None:
            continue
        if isinstance(sources, str) or not isinstance(sources, Sequence):
            raise ConfigurationError(
                f"{where} must be a list of sources or None, not {type(sources).__name__}",
                hint=f"write [{sources!r}]"
                if isinstance(sources, str)
                else "e.g. [\"'self'\", 'https://images.example.com']",
            )
        for source in sources:
            if not isinstance(source, str) or not source or _UNSAFE_SOURCE.search(source):
                raise ConfigurationError(
                    f"{where} has the source {source!r}",
                    hint="one source per list item, without spaces, commas or semicolons",
                )
    return overrides


def _origin(url: str) -> str | None:
    """``scheme://host[:port]`` of an absolute URL; None for a path (already covered by 'self')."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None
