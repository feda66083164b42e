"""The Django docs page reads specs with features.js's helpers (one JSON-pointer resolver for
every page), and says so plainly when features.js is not served."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import DemoServer

pytestmark = pytest.mark.slow

FEATURES = "**/django_bridge/vendor/features/features.js"


def test_the_django_page_uses_the_shared_pointer_resolver(page: Any, demo: DemoServer) -> None:
    page.goto(demo.url + "/ws-docs/")
    page.wait_for_selector("body[data-spec-state=loaded][data-features-ready=true]")
    results = page.evaluate(
        """() => {
          const { resolvePointer, deref, escapePointer } = window.AsyncApiDocsFeatures;
          const doc = {
            "a/b": { "c~d": { "e f": 1 } },
            loop: { $ref: "#/loop" },
            alias: { $ref: "#/target" },
            target: { $ref: "#/real" },
            real: { type: "object" },
          };
          return {
            escaped: resolvePointer(doc, "#/a~1b/c~0d/e%20f"),
            built: resolvePointer(doc, `#/${escapePointer("a/b")}/${escapePointer("c~d")}`),
            missing: resolvePointer(doc, "#/a~1b/nope") === undefined,
            remote: resolvePointer(doc, "other.yaml#/a~1b") === undefined,
            chain: deref(doc, doc.alias),
            cycle: deref(doc, doc.loop),
          };
        }"""
    )
    assert results == {
        "escaped": 1,
        "built": {"e f": 1},
        "missing": True,
        "remote": True,
        "chain": {"type": "object"},
        "cycle": {"$ref": "#/loop"},  # a $ref loop ends (after 32 steps) instead of hanging the page
    }
    # try-it-out builds its model with the same helpers: the demo's operations and examples are there
    assert page.locator("#dbx-operation option").count() >= 1
    assert page.input_value("#dbx-payload").strip().startswith("{")


def test_without_features_js_the_page_says_what_is_missing(page: Any, demo: DemoServer) -> None:
    page.route(FEATURES, lambda route: route.fulfill(status=404, body="not found"))
    page.goto(demo.url + "/ws-docs/")
    alert = page.locator("#dbx-viewer [role=alert]")
    alert.wait_for()
    text = " ".join(alert.inner_text().split())
    assert "features.js" in text and "did not load" in text
    assert "manage.py collectstatic" in text
    assert page.locator(".dbx-loading").count() == 0
