"""``AsyncAPISpecView``: the AsyncAPI document over HTTP, generated or served as committed.

The view generates the document from decorated consumers (or serves a committed file with
``source="file"``), as YAML by default and JSON on ``?format=json`` or ``Accept:
application/json``. Built specs and their bytes come from :data:`~.spec_cache.spec_cache`;
every answer has an ETag, so a browser revalidating gets a 304. A spec that cannot be built is an
error naming the file and line to fix (``manage.py check`` warns about it too, W004). The
``DOCS_PERMISSION`` callable (:mod:`.access`) is asked first: refused → 403.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings as django_settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.decorators import classonlymethod
from django.views import View

from ..locations import display_path
from .access import DocsAccessMixin, is_public
from .negotiation import negotiate, served_host
from .spec_cache import BuiltSpec, spec_cache, validation

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic

    from ..conf import BridgeSettings
    from ..errors import ConfigurationError


class AsyncAPISpecView(DocsAccessMixin, View):
    """``GET`` → the AsyncAPI document (YAML, or JSON on ``?format=json`` / ``Accept: application/json``).

    ``?diagnostics=1`` (DEBUG only) answers JSON with the generator's warnings and the validation
    findings, which the docs page shows above the viewer.
    """

    http_method_names = ("get", "head", "options")

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
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponseBase]:
        """Django's ``as_view``, also remembering where it was called (usually a urls.py line)."""
        if "declared_at" not in initkwargs:
            caller = sys._getframe(1)
            initkwargs["declared_at"] = (display_path(caller.f_code.co_filename), caller.f_lineno)
        return super().as_view(**initkwargs)

    def prepare(self, request: HttpRequest | None = None) -> BuiltSpec:
        """The built spec this view serves (from :data:`spec_cache`, built there if missing).

        ``request`` only chooses the derived server's host; without one (``manage.py check``) the
        servers come from settings alone. Raises :class:`~asyncapi_tools.AsyncAPIToolsError` with
        the file and line of whatever is wrong: the consumer's handler, the committed file, or the
        ``as_view(...)`` call.
        """
        key, build = self._source(request)
        return spec_cache.get(key, build)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The cached document in the negotiated format, with an ETag (a 304 when it matches);
        400 for an unknown ``?format=``; the build's error as text in DEBUG, else a 500."""
        fmt = negotiate(request)
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
            return _json_response(_diagnostics_payload([*spec.warnings, *validation(spec)]))
        rendered = spec_cache.render(spec, fmt)
        response = HttpResponse(rendered.body, content_type=rendered.content_type)
        response["ETag"] = rendered.etag
        # Revalidate every time (a cheap 304); never shared when the docs are not public.
        response["Cache-Control"] = "no-cache" if is_public(self.docs_permission()) else "private, no-cache"
        patch_vary_headers(response, ["Accept"])
        # given a response, Django answers it, a 304 or a 412: never None
        conditional = get_conditional_response(request, etag=rendered.etag, response=response)
        return conditional if conditional is not None else response

    # -- where the spec comes from ------------------------------------------------------------
    def _source(self, request: HttpRequest | None) -> tuple[Hashable, Callable[[], BuiltSpec]]:
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

    def _file_source(self) -> tuple[Hashable, Callable[[], BuiltSpec]]:
        from asyncapi_tools import InputError, load

        if not self.spec_file:
            raise self._misconfigured("source='file' but no spec_file", hint="pass spec_file='path/to/asyncapi.yaml' (relative to BASE_DIR)")
        path = _spec_path(self.spec_file)
        try:
            stat = path.stat()
        except OSError as exc:
            raise InputError(f"cannot read the spec file: {exc.strerror}", file=str(path), hint="check spec_file, relative to BASE_DIR") from None

        def build() -> BuiltSpec:
            document = load(path)
            return BuiltSpec(data=document.plain(), document=document, file_text=document.text)

        return ("file", str(path), stat.st_mtime_ns, stat.st_size), build

    def _generator_source(self, request: HttpRequest | None) -> tuple[Hashable, Callable[[], BuiltSpec]]:
        from ..conf import get_settings
        from ..generation.generator import AsyncAPIGenerator

        bridge = get_settings()
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

        def build() -> BuiltSpec:
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
            return BuiltSpec(data=generator.get_spec(), document=document, warnings=list(generator.diagnostics))

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


# -- helpers --------------------------------------------------------------------------------------
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


def _freeze(value: Any) -> Hashable:
    """A hashable stand-in for a JSON-like value (dict order ignored), for cache keys."""
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, default=repr)
