"""``AsyncAPIDocView``: the HTML page that hosts the viewer, the spec switcher and try-it-out.

The page renders the official ``@asyncapi/react-component`` viewer (vendored, served as static
files, so the docs work offline), our switcher and the try-it-out panel
(``static/django_bridge/docs.js``). Values reach the page's JavaScript through ``json_script``
only; the page carries no inline script, so a CSP nonce is all it needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings as django_settings
from django.http import HttpResponse
from django.views.generic import TemplateView

from . import csp
from .access import DocsAccessMixin
from .assets import DEFAULT_VIEWER_CONFIG, VIEWER_CSS, VIEWER_JS, ViewerAsset

if TYPE_CHECKING:
    from ..conf import BridgeSettings


def try_it_out_allowed(bridge: BridgeSettings) -> bool:
    """TRY_IT_OUT_ENABLED, and either DEBUG or the explicit production opt-in."""
    return bool(bridge.TRY_IT_OUT_ENABLED and (django_settings.DEBUG or bridge.TRY_IT_OUT_ALLOW_IN_PRODUCTION))


class AsyncAPIDocView(DocsAccessMixin, TemplateView):
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
        """The page's context: the specs to show, the viewer's assets (static or pinned CDN with
        integrity), the try-it-out settings when allowed, and the CSP nonce. The page receives
        this as one JSON data block, never as text spliced into HTML or JS."""
        from django.templatetags.static import static

        from ..conf import get_settings

        context = super().get_context_data(**kwargs)
        bridge = get_settings()
        specs = self.get_specs()
        try_it_out = try_it_out_allowed(bridge)
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
        cdn = bridge.VIEWER_ASSETS == "cdn"

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
        from ..conf import get_settings

        if self.specs:
            return [{"label": str(label), "url": _url(url)} for label, url in self.specs]
        url = _url(self.spec_url) if self.spec_url else self.request.path.rstrip("/") + "/asyncapi.yaml"
        return [{"label": self.title or get_settings().TITLE, "url": url}]


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
