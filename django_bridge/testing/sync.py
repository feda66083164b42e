"""Run a coroutine to completion from synchronous test code, whatever the thread is doing.

``asyncio.run()`` refuses to start when the calling thread already runs an event loop, and
some session-wide test tools leave one there (Playwright's synchronous API does). The generated
contract tests, and tests that want the same safety, run their conversation here instead: in this
thread when it is free, else in a short-lived worker thread with its own loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)``, moved to a worker thread when this thread has a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="asyncapi-contract") as pool:
        return pool.submit(asyncio.run, coroutine).result()
