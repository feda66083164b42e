"""ruamel's YAML objects keep parser state: threads (threaded WSGI servers) must never share one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from asyncapi_tools import _yaml
from asyncapi_tools._yaml.fast import fast_load
from asyncapi_tools._yaml.patch import patch

# A few kB of nested, commented YAML: long enough that four parsers overlap in time.
TEXT = "asyncapi: 3.0.0\ninfo: {title: T, version: '1.0.0'}\nchannels:\n" + "".join(
    f"  # channel {i}\n  c{i}:\n    address: /c/{i}  # path\n    messages:\n      m:\n"
    f"        payload:\n          type: object\n          required: [a, b]\n"
    f"          properties:\n            a: {{type: string}}\n            b:\n              - {i}\n"
    for i in range(20)
)


def run_in_threads(call: Callable[[], Any], *, threads: int = 4, calls: int = 15) -> list[BaseException]:
    """Run ``call`` ``calls`` times in each of ``threads`` threads started together; the failures."""
    failures: list[BaseException] = []
    start = threading.Barrier(threads)

    def worker() -> None:
        start.wait()
        for _ in range(calls):
            try:
                call()
            except BaseException as exc:
                failures.append(exc)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return failures


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: _yaml.to_plain(_yaml.parse(TEXT)), id="round-trip parse"),
        pytest.param(lambda: _yaml.dump(_yaml.parse(TEXT)), id="parse and dump"),
        pytest.param(lambda: fast_load(TEXT), id="fast C load"),
        pytest.param(lambda: patch(TEXT, {**fast_load(TEXT), "x-added": 1}), id="patch"),
    ],
)
def test_parsing_in_four_threads_at_once_never_fails(call: Callable[[], Any]) -> None:
    expected = call()
    failures = run_in_threads(call)
    assert failures == [], f"{len(failures)} of 60 calls failed, first: {failures[0]!r}"
    assert call() == expected
