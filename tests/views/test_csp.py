"""The docs page's Content-Security-Policy: defaults, DOCS_CSP overrides, nonces, bad settings.

That the policy makes spec HTML inert is shown in a real browser (tests/browser/test_active_html.py);
these tests pin what the header says and how the setting changes it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import RequestFactory

from django_bridge import AsyncAPIDocView, ConfigurationError, get_settings

from .conftest import bridge_checks, bridge_settings


def directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def page_nonces(html: str) -> set[str]:
    return set(re.findall(r'nonce="([^"]+)"', html))


def test_the_page_sends_the_default_policy_with_its_nonce(client: Any) -> None:
    response = client.get("/docs/")
    policy = directives(response["Content-Security-Policy"])
    (nonce,) = page_nonces(response.content.decode())
    assert policy["script-src"] == ["'self'", "'unsafe-eval'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["form-action"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["connect-src"] == ["'self'"]
    assert set(policy) == {
        "default-src", "script-src", "style-src", "img-src", "font-src", "connect-src",
        "form-action", "base-uri", "object-src", "frame-src",
    }  # fmt: skip


def test_every_page_gets_a_fresh_nonce(client: Any) -> None:
    first = page_nonces(client.get("/docs/").content.decode())
    second = page_nonces(client.get("/docs/").content.decode())
    assert len(first) == len(second) == 1 and first != second


def test_try_it_out_may_connect_to_the_servers_of_the_spec(client: Any, settings: Any) -> None:
    bridge_settings(settings, TRY_IT_OUT_ENABLED=True)
    policy = directives(client.get("/docs/")["Content-Security-Policy"])
    assert policy["connect-src"] == ["'self'", "ws:", "wss:"]
    settings.DEBUG = False  # try-it-out is refused in production, and so are its sources
    policy = directives(client.get("/docs/")["Content-Security-Policy"])
    assert policy["connect-src"] == ["'self'"]


def test_a_spec_on_another_host_is_allowed_to_load() -> None:
    request = RequestFactory().get("/docs/")
    view = AsyncAPIDocView.as_view(
        specs=[("Remote", "https://specs.example.com/chat.yaml"), ("Here", "/docs/asyncapi.yaml")]
    )
    policy = directives(view(request)["Content-Security-Policy"])
    assert "https://specs.example.com" in policy["connect-src"]


def test_overrides_replace_or_drop_directives(client: Any, settings: Any) -> None:
    bridge_settings(
        settings,
        DOCS_CSP={
            "img-src": ["'self'", "https://img.example.com"],
            "frame-src": None,
            "frame-ancestors": ["'self'"],
        },
    )
    response = client.get("/docs/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'", "https://img.example.com"]
    assert "frame-src" not in policy
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'none'"], "keys not named keep their defaults"


def test_the_nonce_is_added_to_replaced_script_sources(client: Any, settings: Any) -> None:
    bridge_settings(settings, DOCS_CSP={"script-src": ["'self'"]})
    response = client.get("/docs/")
    (nonce,) = page_nonces(response.content.decode())
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'", f"'nonce-{nonce}'"]


def test_none_sends_no_header_and_no_nonce(client: Any, settings: Any) -> None:
    bridge_settings(settings, DOCS_CSP=None)
    response = client.get("/docs/")
    assert "Content-Security-Policy" not in response
    assert page_nonces(response.content.decode()) == set()


def test_django_csp_nonce_is_reused() -> None:
    request = RequestFactory().get("/docs/")
    request.csp_nonce = "from-django-csp"  # what django-csp's middleware sets
    response = AsyncAPIDocView.as_view()(request)
    assert page_nonces(response.rendered_content) == {"from-django-csp"}
    assert (
        "'nonce-from-django-csp'" in directives(response["Content-Security-Policy"])["script-src"]
    )


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        (
            {"img-src": "'self'"},
            "['img-src'] must be a list of sources or None, not str",
            "write [\"'self'\"]",
        ),
        (
            {"Img Src": ["'self'"]},
            "has the key 'Img Src', which is not a CSP directive",
            "lower-case directive names",
        ),
        (
            {"img-src": ["'self' https://a.example"]},
            "has the source \"'self' https://a.example\"",
            "one source per list item",
        ),
        (
            {"img-src": ["x; script-src *"]},
            "has the source 'x; script-src *'",
            "without spaces, commas or semicolons",
        ),
        ({"img-src": [7]}, "has the source 7", "one source per list item"),
    ],
)
def test_a_malformed_policy_is_a_configuration_error(
    settings: Any, value: dict[str, Any], message: str, hint: str
) -> None:
    bridge_settings(settings, DOCS_CSP=value)
    with pytest.raises(ConfigurationError) as caught:
        get_settings()
    assert message in caught.value.message
    assert hint in (caught.value.hint or "")


def test_a_policy_of_the_wrong_type_is_refused(settings: Any) -> None:
    bridge_settings(settings, DOCS_CSP=["img-src 'self'"])
    with pytest.raises(ConfigurationError, match=r"DOCS_CSP'\] must be dict or None, not list"):
        get_settings()


def test_manage_py_check_reports_a_malformed_policy(settings: Any) -> None:
    bridge_settings(settings, DOCS_CSP={"img-src": "'self'"})
    (error,) = bridge_checks()
    assert error.id == "django_bridge.E001"
    assert "DOCS_CSP" in error.msg and "must be a list of sources" in error.msg
