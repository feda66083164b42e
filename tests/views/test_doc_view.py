"""AsyncAPIDocView: spec URLs, the switcher, json_script only, try-it-out's DEBUG guard, assets, CSP."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import RequestFactory

from django_bridge import VIEWER_CSS, VIEWER_JS, VIEWER_VERSION, AsyncAPIDocView

from .conftest import bridge_settings

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "django_bridge" / "static" / "django_bridge" / "vendor" / "asyncapi-react"
HOSTILE = "</script><script>window.__xss=1</script>"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def page_config(html: str) -> dict[str, Any]:
    for attrs, text in parse(html).scripts:
        if attrs.get("id") == "dbx-config":
            assert attrs.get("type") == "application/json"
            return json.loads(text)  # type: ignore[no-any-return]
    raise AssertionError("no #dbx-config block")


def test_page_points_at_the_spec_beside_it(client: Any) -> None:
    response = client.get("/docs/")
    assert response.status_code == 200
    config = page_config(response.content.decode())
    assert config["specs"] == [{"label": "Echo API", "url": "/docs/asyncapi.yaml"}]
    assert "<title>Echo API</title>" in response.content.decode()


def test_explicit_spec_url_and_url_names() -> None:
    request = RequestFactory().get("/anything/")
    for given, expected in [("/static/api.yaml", "/static/api.yaml"), ("echo-spec", "/docs/asyncapi.yaml")]:
        response = AsyncAPIDocView.as_view(spec_url=given)(request)
        assert page_config(response.rendered_content)["specs"][0]["url"] == expected


def test_switcher_lists_every_spec_and_escapes_labels(client: Any) -> None:
    html = client.get("/switch/").content.decode()
    config = page_config(html)
    assert config["specs"] == [
        {"label": "Echo", "url": "/docs/asyncapi.yaml"},
        {"label": "Rooms <b>&</b>", "url": "/rooms/asyncapi.yaml"},
    ]
    options = [attrs for tag, attrs in parse(html).tags if tag == "option"]
    assert [o["value"] for o in options] == ["0", "1"]
    assert "Rooms &lt;b&gt;&amp;&lt;/b&gt;" in html
    assert "<b>&</b>" not in html


def test_single_spec_has_no_switcher(client: Any) -> None:
    assert 'id="dbx-spec-select"' not in client.get("/docs/").content.decode()


def test_no_inline_script_and_hostile_text_stays_inert(settings: Any) -> None:
    bridge_settings(settings, TITLE=HOSTILE)
    view = AsyncAPIDocView.as_view(specs=[(HOSTILE, "/a.yaml"), ("two", "/b.yaml")])
    html = view(RequestFactory().get("/docs/")).rendered_content
    assert HOSTILE not in html
    assert "<script>window.__xss" not in html
    for attrs, text in parse(html).scripts:
        if attrs.get("type") == "application/json":
            assert "</" not in text and "<" not in text
        else:
            assert attrs.get("src") and not text.strip(), "inline executable script"
    assert page_config(html)["specs"][0]["label"] == HOSTILE


# -- try-it-out and its DEBUG guard -------------------------------------------------------------
def test_try_it_out_is_off_by_default(client: Any) -> None:
    html = client.get("/docs/").content.decode()
    assert page_config(html)["tryItOut"] is None
    assert 'id="dbx-tryit"' not in html


def test_try_it_out_in_debug(client: Any, settings: Any) -> None:
    bridge_settings(settings, TRY_IT_OUT_ENABLED=True, AUTH_QUERY_PARAM="token", TRY_IT_OUT_EXPANDED=True)
    html = client.get("/docs/").content.decode()
    assert page_config(html)["tryItOut"] == {
        "expanded": True,
        "authQueryParam": "token",
        "authCookieName": None,
        "sessionCookieName": "sessionid",
    }
    assert 'id="dbx-tryit"' in html


def test_try_it_out_is_refused_when_debug_is_off(client: Any, settings: Any) -> None:
    settings.DEBUG = False
    bridge_settings(settings, TRY_IT_OUT_ENABLED=True)
    html = client.get("/docs/").content.decode()
    assert page_config(html)["tryItOut"] is None
    assert 'id="dbx-tryit"' not in html
    assert page_config(html)["debug"] is False


def test_try_it_out_in_production_needs_the_explicit_setting(client: Any, settings: Any) -> None:
    settings.DEBUG = False
    bridge_settings(settings, TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_ALLOW_IN_PRODUCTION=True)
    assert page_config(client.get("/docs/").content.decode())["tryItOut"] is not None


# -- viewer assets --------------------------------------------------------------------------------
def asset_tags(html: str) -> dict[str, dict[str, str | None]]:
    found = {}
    for tag, attrs in parse(html).tags:
        ref = attrs.get("src") or attrs.get("href") or ""
        if tag in {"script", "link"} and ("asyncapi-react" in ref or "react-component" in ref):
            found["js" if tag == "script" else "css"] = attrs
    return found


def test_local_assets_are_static_files(client: Any) -> None:
    tags = asset_tags(client.get("/docs/").content.decode())
    assert tags["js"]["src"] == "/static/" + VIEWER_JS.static_path
    assert tags["css"]["href"] == "/static/" + VIEWER_CSS.static_path
    assert "integrity" not in tags["js"]


def test_cdn_assets_are_pinned_with_sri(client: Any, settings: Any) -> None:
    bridge_settings(settings, VIEWER_ASSETS="cdn")
    tags = asset_tags(client.get("/docs/").content.decode())
    for kind, asset in (("js", VIEWER_JS), ("css", VIEWER_CSS)):
        attrs = tags[kind]
        assert (attrs.get("src") or attrs.get("href")) == asset.cdn_url
        assert f"@{VIEWER_VERSION}/" in asset.cdn_url
        assert attrs["integrity"] == asset.integrity
        assert attrs["crossorigin"] == "anonymous"


def test_unknown_viewer_assets_value_is_refused(client: Any, settings: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    bridge_settings(settings, VIEWER_ASSETS="unpkg")
    with pytest.raises(ImproperlyConfigured, match="VIEWER_ASSETS"):
        client.get("/docs/")


@pytest.mark.parametrize("asset", [VIEWER_JS, VIEWER_CSS], ids=["js", "css"])
def test_sri_hashes_match_the_vendored_files(asset: Any) -> None:
    data = (REPO / "django_bridge" / "static" / asset.static_path).read_bytes()
    assert asset.integrity == "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def test_viewer_version_is_the_npm_pin() -> None:
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["@asyncapi/react-component"] == VIEWER_VERSION
    assert (VENDOR / "VERSION").read_text(encoding="utf-8").strip() == f"@asyncapi/react-component@{VIEWER_VERSION}"


def test_csp_nonce_is_put_on_every_script_and_stylesheet() -> None:
    request = RequestFactory().get("/docs/")
    request.csp_nonce = "n0nce-123"  # what django-csp's middleware sets
    html = AsyncAPIDocView.as_view()(request).rendered_content
    tags = parse(html).tags
    scripts = [attrs for tag, attrs in tags if tag == "script" and attrs.get("src")]
    styles = [attrs for tag, attrs in tags if tag == "link" and attrs.get("rel") == "stylesheet"]
    assert len(scripts) == 3 and len(styles) == 3  # viewer, features (search, dark mode), ours
    assert all(attrs.get("nonce") == "n0nce-123" for attrs in scripts + styles)


def test_no_nonce_attribute_without_csp(client: Any, settings: Any) -> None:
    bridge_settings(settings, DOCS_CSP=None)  # the page's own policy off, and no django-csp
    assert "nonce=" not in client.get("/docs/").content.decode()


def test_docs_script_never_uses_inner_html() -> None:
    script = (REPO / "django_bridge" / "static" / "django_bridge" / "docs.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write", script)
    assert "textContent" in script
