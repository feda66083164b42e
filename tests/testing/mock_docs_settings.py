"""The browser tests' demo settings, plus one documented server: the mock at ``MOCK_PORT``.

The docs page's try-it-out panel offers every server of the spec, so pointing it at the mock is
a matter of documenting the mock as a server (tests/browser/test_try_it_out_mock.py)."""

import os

from tests.browser.demo_settings import *  # noqa: F403
from tests.browser.demo_settings import CHANNELS_SPECTACULAR_SETTINGS as _DEMO

CHANNELS_SPECTACULAR_SETTINGS = {
    **_DEMO,
    "SERVERS": {"mock": {"host": f"127.0.0.1:{os.environ['MOCK_PORT']}", "protocol": "ws", "description": "asyncapi-tools mock"}},
}
