"""HTML in spec text stays inert on the docs page: the CSP and the link guard, in a real browser.

The spec (``active_html.yaml``, served at ``/active-html-docs/``) carries a ``<style>``, a
``style`` attribute, a form with a password field posting to a foreign host, a remote image and
``javascript:`` URLs. Each test first shows that the vector reached the page (the viewer keeps HTML
in Markdown), then that it does nothing. The browser reports every CSP violation to the page,
where an init script collects them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import DemoServer

pytestmark = pytest.mark.slow

COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
});
"""


FOREIGN_HOSTS = {"collector.example", "tracker.example"}


@dataclass
class Network:
    """What left the page for the spec's foreign hosts, and why the browser failed what it refused."""

    sent: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def network(page: Any) -> Network:
    """Requests to the spec's hosts reach this router only if the browser really sends them.

    (Chromium announces a request before its CSP check, so the ``request`` event alone proves
    nothing; a refused one ends in ``requestfailed`` with the reason ``csp``.)
    """
    seen = Network()

    def route(route: Any) -> None:
        seen.sent.append(route.request.url)
        route.abort("internetdisconnected")

    page.route(lambda url: urlsplit(url).hostname in FOREIGN_HOSTS, route)
    page.on(
        "requestfailed",
        lambda request: seen.failures.__setitem__(request.url, request.failure or ""),
    )
    return seen


def open_active_html(page: Any, demo: DemoServer) -> Any:
    page.add_init_script(COLLECT_VIOLATIONS)
    response = page.goto(demo.url + "/active-html-docs/")
    page.wait_for_selector("body[data-spec-state=loaded]")
    page.locator("#dbx-viewer").get_by_text("Spec text with active HTML in it.").first.wait_for()
    return response


def violations(page: Any, directive: str) -> list[str]:
    found = page.evaluate("window.__violations")
    return [item["blocked"] for item in found if item["directive"] == directive]


def test_the_docs_page_sends_its_policy(page: Any, demo: DemoServer) -> None:
    response = open_active_html(page, demo)
    policy = response.headers["content-security-policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    nonces = set(re.findall(r'nonce="([^"]+)"', response.text()))
    assert len(nonces) == 1, "one nonce per page, on its scripts and stylesheets"
    assert f"'nonce-{nonces.pop()}'" in directives["script-src"]
    assert directives["form-action"] == ["'none'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in directives["style-src"] + directives["script-src"]


def test_a_style_in_the_description_does_not_apply(page: Any, demo: DemoServer) -> None:
    open_active_html(page, demo)
    assert page.locator("#dbx-viewer style#injected-style").count() >= 1, (
        "the viewer rendered the <style>"
    )
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('.dbx-bar')).display") != "none"
    covering = page.locator("#styled-paragraph").first
    assert covering.get_attribute("style") is not None, "the style attribute reached the page"
    assert covering.evaluate("node => getComputedStyle(node).position") == "static"
    assert violations(page, "style-src-elem") and violations(page, "style-src-attr")


def test_a_form_in_the_description_cannot_submit_anywhere(
    page: Any, demo: DemoServer, network: Network
) -> None:
    open_active_html(page, demo)
    form = page.locator("#phishing-form").first
    assert form.get_attribute("action") == "https://collector.example/steal"
    page.locator("#phishing-password").first.fill("hunter2")
    # a real click; the mouse API does not wait for the navigation the CSP is about to refuse
    button = page.locator("#phishing-submit").first
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("window.__violations.some((v) => v.directive === 'form-action')")
    assert violations(page, "form-action") == ["https://collector.example/steal"]
    assert network.sent == []
    assert urlsplit(page.url).path == "/active-html-docs/", "the page was not navigated away"


def test_a_remote_image_is_never_requested(page: Any, demo: DemoServer, network: Network) -> None:
    open_active_html(page, demo)
    pixel = page.locator("#tracking-pixel").first
    assert pixel.get_attribute("src") == "https://tracker.example/pixel.gif?reader=1"
    page.wait_for_function("window.__violations.some((v) => v.directive === 'img-src')")
    assert set(violations(page, "img-src")) == {"https://tracker.example/pixel.gif?reader=1"}
    assert network.sent == []
    assert network.failures["https://tracker.example/pixel.gif?reader=1"] == "csp"
    assert pixel.evaluate("node => node.naturalWidth") == 0


@pytest.mark.parametrize("label", ["Contact", "License", "External Docs"])
def test_a_javascript_link_does_nothing(page: Any, demo: DemoServer, label: str) -> None:
    open_active_html(page, demo)
    link = page.locator("#dbx-viewer a", has_text=label).first
    # the viewer made the spec's URL a link; the guard in docs.js took its target away
    assert link.get_attribute("href") is None
    assert link.get_attribute("data-dbx-unsafe-url", timeout=1000).startswith(
        "javascript:window.__clicked="
    )
    link.click()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__clicked") == "undefined"
    assert urlsplit(page.url).path == "/active-html-docs/"


def test_links_the_viewer_adds_later_are_guarded_too(page: Any, demo: DemoServer) -> None:
    open_active_html(page, demo)
    hrefs = page.evaluate(
        """() => {
          const viewer = document.querySelector("#dbx-viewer");
          const late = Object.assign(document.createElement("a"), { textContent: "late" });
          late.setAttribute("href", "  java\\tscript:window.__clicked='late'");
          const plain = Object.assign(document.createElement("a"), { textContent: "plain" });
          plain.setAttribute("href", "https://www.asyncapi.com/docs");
          viewer.append(late, plain);
          const changed = viewer.querySelector("a[href='#introduction']");
          changed.setAttribute("href", "data:text/html,<script>parent.__clicked='data'</script>");
          const read = () => [late, changed, plain].map((link) => link.getAttribute("href"));
          return new Promise((resolve) => setTimeout(() => resolve(read()), 0));
        }"""
    )
    # a hidden scheme and a changed attribute lose their target; an ordinary link keeps it
    assert hrefs == [None, None, "https://www.asyncapi.com/docs"]
