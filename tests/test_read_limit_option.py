"""White-box: ``read_text``'s ``max_bytes=`` option, which no public function passes on.

Every face reads with the default bound (64 MiB, tested through ``load()`` and the CLI in
``tests/test_input_errors.py``); docs/cli.md offers ``read_text(..., max_bytes=)`` to library
callers for another bound, so the option and its message in bytes are checked here, on the unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from asyncapi_tools import InputError
from asyncapi_tools._source import read_text

HEAD = "asyncapi: 3.0.0\ninfo:\n  title: Demo\n  version: '1.0.0'\n"


def test_read_limit_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(HEAD, encoding="utf-8")
    assert read_text(path, max_bytes=len(HEAD)) == HEAD
    with pytest.raises(InputError, match=f"larger than {len(HEAD) - 1:,} bytes"):
        read_text(path, max_bytes=len(HEAD) - 1)
