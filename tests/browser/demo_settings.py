"""The demo's settings plus a few test-only pages (tests.browser.extra_urls); the demo itself is unchanged."""

from dispatch_demo.settings import *  # noqa: F403

ROOT_URLCONF = "tests.browser.extra_urls"
