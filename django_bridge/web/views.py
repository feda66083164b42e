"""The docs views: ``AsyncAPISpecView`` serves the spec, ``AsyncAPIDocView`` the HTML viewer.

``AsyncAPISpecView`` generates the document from decorated consumers (or serves a committed file
with ``source="file"``), as YAML by default and JSON on ``?format=json`` or
``Accept: application/json``. Rendered bytes are cached per process in :data:`spec_cache`, keyed
only by what shapes them (never by a value the client alone chose: see :func:`served_host`), built
once per key however many requests arrive at once, and dropped whenever Django reports a settings
change; every answer has an ETag, so a browser revalidating gets a 304. A spec that cannot be
built is an error naming the file and line to fix (``manage.py check`` warns about it too, W004).

``AsyncAPIDocView`` renders the page that hosts the official ``@asyncapi/react-component``
viewer (vendored, served as static files, so the docs work offline), our switcher and the
try-it-out panel (``static/django_bridge/docs.js``). Values reach the page's JavaScript through
``json_script`` only; the page carries no inline script, so a CSP nonce is all it needs.

Both views ask the ``DOCS_PERMISSION`` callable (:mod:`django_bridge.web.access`) first: refused → 403.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.decorators import classonlymethod
from django.views import View
from django.views.generic import TemplateView

from ..locations import display_path
from . import csp
from .access import ALLOW_ANY, Permission, check_access, is_public

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic, Document

    from ..conf import BridgeSettings
    from ..errors import ConfigurationError

Format = Literal["yaml", "json"]
CONTENT_TYPES: dict[str, str] = {"yaml": "application/yaml; charset=utf-8", "json": "application/json"}

# -- the pinned viewer ------------------------------------------------------------------------
#: ``@asyncapi/react-component``, pinned in package.json and vendored by scripts/vendor_assets.py.
VIEWER_VERSION = "3.2.1"
_CDN = f"https://cdn.jsdelivr.net/npm/@asyncapi/react-component@{VIEWER_VERSION}"


@dataclass(frozen=True)
class ViewerAsset:
    """One file of the viewer: where it is vendored, and the same bytes on the CDN with their SRI."""

    static_path: str
    cdn_url: str
    integrity: str


VIEWER_JS = ViewerAsset(
    static_path="django_bridge/vendor/asyncapi-react/standalone.js",
    cdn_url=f"{_CDN}/browser/standalone/index.js",
    integrity="sha384-wy5bSOazlkSKMGH7XMW6+pK8ho8+rCPr7mTqKdAb/dvfwXAPWCFivgr3C7wJMFAh",
)
VIEWER_CSS = ViewerAsset(
    static_path="django_bridge/vendor/asyncapi-react/default.min.css",
    cdn_url=f"{_CDN}/styles/default.min.css",
    integrity="sha384-oo9RoQcacP++XdMX6CjTucTvASEORHX3chFik0/V2kHcsHiVboGyWZztGeq/0bum",
)


# -- settings these views add to CHANNELS_SPECTACULAR_SETTINGS -----------------------------------
@dataclass(frozen=True)
class DocsSettings:
    """The bridge settings plus the keys only the docs views read (and their defaults)."""

    bridge: BridgeSettings
    # Who may see the docs and the spec: a dotted path to a callable taking the request (or the
    # callable). Built-ins: django_bridge.web.access.allow_any / allow_authenticated / allow_staff.
    DOCS_PERMISSION: str | Callable[..., bool] = ALLOW_ANY
    # "local": the vendored viewer files, served as static files (works offline). "cdn": the
    # same pinned version from jsDelivr, with Subresource Integrity hashes.
    VIEWER_ASSETS: Literal["local", "cdn"] = "local"
    # Try-it-out opens real WebSocket connections from the docs page, so it is refused when
    # DEBUG is False unless this is True as well.
    TRY_IT_OUT_ALLOW_IN_PRODUCTION: bool = False


_DOCS_KEYS = tuple(f.name for f in fields(DocsSettings) if f.name != "bridge")


@functools.lru_cache(maxsize=1)
def docs_settings() -> DocsSettings:
    """The settings the docs views use, read once and cached until a setting changes.

    Keys the settings module does not know yet (the three above) are taken out of
    ``CHANNELS_SPECTACULAR_SETTINGS`` before the rest is checked as usual; once ``conf`` knows a
    key, its value comes from there.
    """
    from ..conf import KEYS, SETTINGS_NAME, build_settings

    user = getattr(django_settings, SETTINGS_NAME, None)
    user = dict(user) if isinstance(user, Mapping) else user
    ours: dict[str, Any] = {}
    if isinstance(user, dict):
        ours = {key: user.pop(key) for key in _DOCS_KEYS if key in user and key not in KEYS}
    bridge = build_settings(user)
    values = {key: getattr(bridge, key) if key in KEYS else ours[key] for key in _DOCS_KEYS if key in KEYS or key in ours}
    if values.get("VIEWER_ASSETS", "local") not in ("local", "cdn"):
        raise ImproperlyConfigured(f"{SETTINGS_NAME}['VIEWER_ASSETS'] is {values['VIEWER_ASSETS']!r}: use 'local' or 'cdn'")
    if not isinstance(values.get("TRY_IT_OUT_ALLOW_IN_PRODUCTION", False), bool):
        raise ImproperlyConfigured(f"{SETTINGS_NAME}['TRY_IT_OUT_ALLOW_IN_PRODUCTION'] must be True or False")
    return DocsSettings(bridge=bridge, **values)


def try_it_out_allowed(docs: DocsSettings) -> bool:
    """TRY_IT_OUT_ENABLED, and either DEBUG or the explicit production opt-in."""
    return bool(docs.bridge.TRY_IT_OUT_ENABLED and (django_settings.DEBUG or docs.TRY_IT_OUT_ALLOW_IN_PRODUCTION))


# -- the cache of rendered specs ----------------------------------------------------------------
@dataclass(frozen=True)
class Rendered:
    """One spec in one format, ready to send."""

    body: bytes
    etag: str
    content_type: str


@dataclass
class _Spec:
    """A built spec: its plain data, the text of a served file, and what building it reported."""

    data: dict[str, Any]
    document: Document | None = None
    #: A committed file's own text, served byte for byte as YAML (its comments kept).
    file_text: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    rendered: dict[str, Rendered] = field(default_factory=dict)
    validation: list[Diagnostic] | None = None
    #: Held while rendering or validating, so concurrent requests do that work once.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


class _Flight:
    """One build in progress: the requests that want the same key wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.spec: _Spec | None = None
        self.error: BaseException | None = None


class SpecCache:
    """Built specs by key, least recently used dropped beyond ``max_entries``; one build per key.

    Keys hold only what shapes the bytes (view attributes, servers, a file's mtime); settings are
    not in the key because :func:`clear` runs on every ``setting_changed``, and the request is not
    in it at all: the servers come from settings or from a short list of hosts the site declares
    (:func:`served_host`), so a client cannot mint new keys. Concurrent cold requests for one key
    run one build (single flight): the first builds, the others wait and share its result, or its
    error. A build that a :meth:`clear` overtook is handed to its waiters but not stored. ``hits``,
    ``misses`` and ``builds`` count, so tests (and curious operators) can see the cache working.
    """

    def __init__(self, *, max_entries: int = 64) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, _Spec] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._generation = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.builds = 0

    def get(self, key: Hashable, build: Callable[[], _Spec]) -> _Spec:
        with self._lock:
            spec = self._entries.get(key)
            if spec is not None:
                self.hits += 1
                self._entries.move_to_end(key)
                return spec
            self.misses += 1
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
                self.builds += 1
            generation = self._generation
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            assert flight.spec is not None
            return flight.spec
        try:
            # Outside the lock: a slow build must not hold up cached answers for other keys.
            flight.spec = build()
        except BaseException as exc:
            flight.error = exc  # not cached: a fixed file or payload is seen on the next request
            raise
        finally:
            with self._lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]
                if flight.spec is not None and generation == self._generation:
                    self._entries[key] = flight.spec
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            flight.done.set()
        return flight.spec

    def render(self, spec: _Spec, fmt: Format) -> Rendered:
        """The spec's bytes in ``fmt``: rendered once (concurrent requests wait), then kept."""
        rendered = spec.rendered.get(fmt)
        if rendered is not None:
            return rendered
        with spec.lock:
            rendered = spec.rendered.get(fmt)
            if rendered is None:
                body = _render_text(spec, fmt).encode("utf-8")
                rendered = Rendered(body=body, etag=f'"{hashlib.sha256(body).hexdigest()[:40]}"', content_type=CONTENT_TYPES[fmt])
                spec.rendered[fmt] = rendered
        return rendered

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1

    def __len__(self) -> int:
        return len(self._entries)


#: The one cache of the process.
spec_cache = SpecCache()


def _render_text(spec: _Spec, fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(spec.data, indent=2, ensure_ascii=False) + "\n"
    if spec.file_text is not None:
        return spec.file_text
    from asyncapi_tools import dumps, from_data

    return dumps(spec.document or from_data(spec.data))


def _settings_changed(**_: Any) -> None:
    docs_settings.cache_clear()
    spec_cache.clear()


setting_changed.connect(_settings_changed, dispatch_uid="django_bridge.web.views.settings_changed")


# -- views ----------------------------------------------------------------------------------------
class _DocsAccessMixin:
    """Ask the docs permission before anything else; the view's ``permission`` wins over the setting."""

    permission: str | Permission | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        check_access(request, self.permission if self.permission is not None else docs_settings().DOCS_PERMISSION)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class AsyncAPISpecView(_DocsAccessMixin, View):
    """``GET`` → the AsyncAPI document (YAML, or JSON on ``?format=json`` / ``Accept: application/json``).

    ``?diagnostics=1`` (DEBUG only) answers JSON with the generator's warnings and the validation
    findings, which the docs page shows above the viewer.
    """

    http_method_names: ClassVar[list[str]] = ["get", "head", "options"]

    #: A decorated consumer class (or its dotted path) for a one-consumer spec.
    consumer: type | str | None = None
    #: ``[(consumer, "/ws/path/"), ...]`` for one spec with a channel per consumer.
    consumers: Sequence[tuple[type | str, str]] | None = None
    #: Merged over TITLE/VERSION/DESCRIPTION.
    info: Mapping[str, Any] | None = None
    #: The servers block; None → the SERVERS setting, else one server derived from the request.
    servers: Mapping[str, Any] | None = None
    #: The WebSocket path of ``consumer`` (default: the CHANNEL_PATH setting).
    channel_path: str | None = None
    #: ``"generator"`` builds from the consumers; ``"file"`` serves ``spec_file`` as committed.
    source: Literal["generator", "file"] = "generator"
    #: The committed spec for ``source="file"`` (YAML or JSON; relative paths from BASE_DIR or cwd).
    spec_file: str | Path | None = None
    #: ``(file, line)`` of the ``as_view(...)`` call that mounted this view (set by :meth:`as_view`),
    #: so a bad dotted path or ``source`` is reported where it is written.
    declared_at: tuple[str | None, int | None] = (None, None)

    @classonlymethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponse]:
        """Django's ``as_view``, also remembering where it was called (usually a urls.py line)."""
        if "declared_at" not in initkwargs:
            caller = sys._getframe(1)
            initkwargs["declared_at"] = (display_path(caller.f_code.co_filename), caller.f_lineno)
        return super().as_view(**initkwargs)

    def prepare(self, request: HttpRequest | None = None) -> _Spec:
        """The built spec this view serves (from :data:`spec_cache`, built there if missing).

        ``request`` only chooses the derived server's host; without one (``manage.py check``) the
        servers come from settings alone. Raises :class:`~asyncapi_tools.AsyncAPIToolsError` with
        the file and line of whatever is wrong: the consumer's handler, the committed file, or the
        ``as_view(...)`` call.
        """
        key, build = self._source(request)
        return spec_cache.get(key, build)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = _negotiate(request)
        if fmt is None:
            return HttpResponseBadRequest("format must be 'yaml' or 'json'\n", content_type="text/plain; charset=utf-8")
        want_diagnostics = "diagnostics" in request.GET
        if want_diagnostics and not django_settings.DEBUG:
            raise Http404("diagnostics are shown only when DEBUG is on")
        from asyncapi_tools import AsyncAPIToolsError

        try:
            spec = self.prepare(request)
        except AsyncAPIToolsError as error:
            if want_diagnostics:
                return _json_response(_diagnostics_payload([error.as_diagnostic()]))
            if not django_settings.DEBUG:
                raise
            return HttpResponse(f"{error}\n", status=500, content_type="text/plain; charset=utf-8")
        if want_diagnostics:
            return _json_response(_diagnostics_payload([*spec.warnings, *_validation(spec)]))
        rendered = spec_cache.render(spec, fmt)
        response = HttpResponse(rendered.body, content_type=rendered.content_type)
        response["ETag"] = rendered.etag
        # Revalidate every time (a cheap 304); never shared when the docs are not public.
        response["Cache-Control"] = "no-cache" if is_public(self._permission()) else "private, no-cache"
        patch_vary_headers(response, ["Accept"])
        return get_conditional_response(request, etag=rendered.etag, response=response)

    def _permission(self) -> Any:
        return self.permission if self.permission is not None else docs_settings().DOCS_PERMISSION

    # -- where the spec comes from ------------------------------------------------------------
    def _source(self, request: HttpRequest | None) -> tuple[Hashable, Callable[[], _Spec]]:
        if self.source == "file":
            return self._file_source()
        if self.source != "generator":
            raise self._misconfigured(f"source is {self.source!r}", hint="use source='generator' or source='file'")
        return self._generator_source(request)

    def _misconfigured(self, text: str, *, hint: str) -> ConfigurationError:
        """An error about this view's own arguments, located at its ``as_view(...)`` call."""
        from ..errors import ConfigurationError

        file, line = self.declared_at
        return ConfigurationError(f"{type(self).__name__}: {text}", file=file, line=line, hint=hint)

    def _import(self, target: type | str, attribute: str) -> type:
        """A consumer class, or the class a dotted path names (``module.Class`` or ``module:Class``)."""
        if not isinstance(target, str):
            return target
        from django.utils.module_loading import import_string

        dotted = target.replace(":", ".", 1) if ":" in target else target
        try:
            found = import_string(dotted)
        except ImportError as exc:
            raise self._misconfigured(
                f"{attribute} {target!r} cannot be imported: {exc}", hint="check the module and class name of the consumer"
            ) from None
        if not isinstance(found, type):
            raise self._misconfigured(f"{attribute} {target!r} is a {type(found).__name__}, not a class", hint="point it at a consumer class")
        return found

    def _file_source(self) -> tuple[Hashable, Callable[[], _Spec]]:
        from asyncapi_tools import InputError, load

        if not self.spec_file:
            raise self._misconfigured("source='file' but no spec_file", hint="pass spec_file='path/to/asyncapi.yaml' (relative to BASE_DIR)")
        path = _spec_path(self.spec_file)
        try:
            stat = path.stat()
        except OSError as exc:
            raise InputError(f"cannot read the spec file: {exc.strerror}", file=str(path), hint="check spec_file, relative to BASE_DIR") from None

        def build() -> _Spec:
            document = load(path)
            return _Spec(data=document.plain(), document=document, file_text=document.text)

        return ("file", str(path), stat.st_mtime_ns, stat.st_size), build

    def _generator_source(self, request: HttpRequest | None) -> tuple[Hashable, Callable[[], _Spec]]:
        from ..generation.generator import AsyncAPIGenerator

        bridge = docs_settings().bridge
        consumer = self._import(self.consumer, "consumer") if self.consumer is not None else None
        consumers = None
        if self.consumers is not None:
            consumers = [(self._import(klass, f"consumers[{index}]"), path) for index, (klass, path) in enumerate(self.consumers)]
        servers = self._servers(request, bridge)
        key: tuple[Hashable, ...] = (
            "generator",
            consumer,
            tuple(consumers) if consumers is not None else None,
            _freeze(self.info),
            _freeze(servers),
            self.channel_path,
        )

        discover = consumer is None and consumers is None
        if discover:  # neither attribute: document every consumer of the ASGI routing
            key = (*key, getattr(django_settings, "ASGI_APPLICATION", None))

        def build() -> _Spec:
            if discover:
                generator = AsyncAPIGenerator.from_routing(info=self.info, servers=servers, settings=bridge)
            else:
                generator = AsyncAPIGenerator(
                    consumer,
                    consumers=consumers,
                    info=self.info,
                    servers=servers,
                    channel_path=self.channel_path,
                    settings=bridge,
                )
            document = generator.get_document()
            return _Spec(data=generator.get_spec(), document=document, warnings=list(generator.diagnostics))

        return key, build

    def _servers(self, request: HttpRequest | None, bridge: BridgeSettings) -> dict[str, Any]:
        """The view's servers, else the policy ``export_asyncapi`` follows too (``servers_for``):
        SERVERS, else one ``default`` server on WS_HOST, else on :func:`served_host`, else none
        (the page's try-it-out then connects to its own origin)."""
        if self.servers is not None:
            return dict(self.servers)
        from ..generation.sources import servers_for

        return servers_for(
            host=None,
            protocol=None,
            fallback_host=served_host(request) if request is not None else None,
            fallback_protocol="wss" if request is not None and request.is_secure() else "ws",
            settings=bridge,
        )


class AsyncAPIDocView(_DocsAccessMixin, TemplateView):
    """The HTML docs: the official viewer, a switcher between specs, and try-it-out (development)."""

    #: The spec to show (a URL or a URL name); default: ``asyncapi.yaml`` beside this page.
    spec_url: str | None = None
    #: ``[(label, url or URL name), ...]``: several specs behind a switcher; the first is shown first.
    specs: Sequence[tuple[str, str]] | None = None
    template_name = "django_bridge/asyncapi_viewer.html"
    #: The page title (default: the TITLE setting).
    title: str | None = None
    #: Passed to the viewer as its ``config`` (default: sidebar, errors and every section shown).
    viewer_config: Mapping[str, Any] | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.templatetags.static import static

        context = super().get_context_data(**kwargs)
        docs = docs_settings()
        bridge = docs.bridge
        specs = self.get_specs()
        try_it_out = try_it_out_allowed(docs)
        config: dict[str, Any] = {
            "specs": specs,
            "debug": bool(django_settings.DEBUG),
            "viewer": dict(self.viewer_config) if self.viewer_config is not None else DEFAULT_VIEWER_CONFIG,
            "tryItOut": None,
        }
        if try_it_out:
            config["tryItOut"] = {
                "expanded": bridge.TRY_IT_OUT_EXPANDED,
                "authQueryParam": bridge.AUTH_QUERY_PARAM,
                "authCookieName": bridge.AUTH_COOKIE_NAME,
                "sessionCookieName": django_settings.SESSION_COOKIE_NAME,
            }
        cdn = docs.VIEWER_ASSETS == "cdn"

        def asset(item: ViewerAsset) -> dict[str, str | None]:
            if cdn:
                return {"url": item.cdn_url, "integrity": item.integrity}
            return {"url": static(item.static_path), "integrity": None}

        context.update(
            title=self.title or bridge.TITLE,
            specs=specs,
            docs_config=config,
            try_it_out=try_it_out,
            viewer_js=asset(VIEWER_JS),
            viewer_css=asset(VIEWER_CSS),
            csp_nonce=csp.page_nonce(self.request),
        )
        return context

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        """The page with its Content-Security-Policy, which keeps HTML in spec text inert (:mod:`.csp`)."""
        response = super().render_to_response(context, **response_kwargs)
        spec_urls = [spec["url"] for spec in context.get("specs", [])]
        return csp.protect(self.request, response, try_it_out=bool(context.get("try_it_out")), spec_urls=spec_urls)

    def get_specs(self) -> list[dict[str, str]]:
        """``[{"label", "url"}]`` for the page: the switcher's entries, or the one spec."""
        if self.specs:
            return [{"label": str(label), "url": _url(url)} for label, url in self.specs]
        url = _url(self.spec_url) if self.spec_url else self.request.path.rstrip("/") + "/asyncapi.yaml"
        return [{"label": self.title or docs_settings().bridge.TITLE, "url": url}]


DEFAULT_VIEWER_CONFIG: dict[str, Any] = {
    "show": {
        "sidebar": True,
        "info": True,
        "servers": True,
        "operations": True,
        "messages": True,
        "schemas": True,
        "errors": True,
    },
}


# -- helpers --------------------------------------------------------------------------------------
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


def _negotiate(request: HttpRequest) -> Format | None:
    """``?format=`` wins; else JSON when Accept prefers application/json; else YAML."""
    explicit = request.GET.get("format")
    if explicit is not None:
        if explicit == "yaml" or explicit == "json":
            return explicit
        return None
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


def _validation(spec: _Spec) -> list[Diagnostic]:
    if spec.validation is None:
        with spec.lock:
            if spec.validation is None:
                from asyncapi_tools import from_data, validate

                spec.validation = list(validate(spec.document or from_data(spec.data)))
    return spec.validation


def _diagnostics_payload(found: Sequence[Diagnostic]) -> dict[str, Any]:
    errors = [d for d in found if d.severity == "error"]
    return {
        "valid": not errors,
        "errors": len(errors),
        "warnings": sum(1 for d in found if d.severity == "warning"),
        "diagnostics": [{**d.to_dict(), "location": d.location, "text": d.format()} for d in found],
    }


def _json_response(data: Any) -> HttpResponse:
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def _spec_path(value: str | Path) -> Path:
    path = Path(value)
    if path.is_absolute():
        return path
    base = getattr(django_settings, "BASE_DIR", None)
    return Path(base) / path if base is not None else path.resolve()


def _url(value: str) -> str:
    """A URL as given, or the path of a URL name (``"ws-docs-spec"``)."""
    text = str(value)
    if "/" in text or "://" in text:
        return text
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(text)
    except NoReverseMatch:
        return text


def _freeze(value: Any) -> Hashable:
    """A hashable stand-in for a JSON-like value (dict order ignored), for cache keys."""
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, default=repr)
