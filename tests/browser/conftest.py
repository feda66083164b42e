"""The Dispatch demo under a real ASGI server (daphne), and Debian's chromium driven by Playwright.

The server (``tests.demo.server``) runs in a subprocess on a free 127.0.0.1 port with its own
SQLite file; it is started once per test session and stopped afterwards. Its settings are the
demo's plus a few test-only pages (``demo_settings.py``). One browser context is shared, so the 3 MB viewer bundle is parsed
from the code cache after the first page. The context refuses requests to any host but the
loopback (no CDN, no font service) and records what it refused; every test leaves a screenshot
in ``artifacts/browser/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.demo.server import REPO, DemoServer, start_demo

__all__ = ["ARTIFACTS", "DemoServer", "Offline"]

ARTIFACTS = REPO / "artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from start_demo(tmp_path_factory.mktemp("demo"), settings_module="tests.browser.demo_settings")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Offline:
    """What a page tried to fetch from anywhere but the loopback (all of it was refused)."""

    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def offline() -> Offline:
    return Offline()


@pytest.fixture(scope="session")
def context(browser: Any, offline: Offline) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host in LOOPBACK:
            route.continue_()
        else:
            offline.blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    yield context
    context.close()


@pytest.fixture
def page(context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(20_000)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
    finally:
        page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
