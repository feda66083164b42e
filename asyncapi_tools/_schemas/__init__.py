"""The official AsyncAPI JSON Schemas, as pinned from npm (``@asyncapi/specs``).

The files are copied into this folder by ``scripts/vendor_assets.py`` (at setup and by the wheel
build hook); they are git-ignored, so a checkout without them gets :class:`AssetsMissing` with
the command that installs them rather than a bare ``FileNotFoundError``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .._errors import AssetsMissing

#: The AsyncAPI versions whose schema ships with the package, oldest first.
SUPPORTED_VERSIONS: tuple[str, ...] = ("3.0.0", "3.1.0")

SCHEMA_DIR = Path(__file__).resolve().parent


def schema_path(version: str) -> Path:
    """Where the bundled schema of ``version`` lives (whether or not it is installed)."""
    return SCHEMA_DIR / f"asyncapi-{version}.json"


def load_schema(version: str) -> dict[str, Any]:
    """The official JSON Schema (draft-07, every definition bundled) of an AsyncAPI version.

    A fresh dict each call: callers may patch it before compiling. Raises ``ValueError`` for a
    version outside :data:`SUPPORTED_VERSIONS` and :class:`AssetsMissing` when the file is absent.
    """
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"no bundled schema for AsyncAPI {version!r}; supported: {', '.join(SUPPORTED_VERSIONS)}")
    path = schema_path(version)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssetsMissing(
            f"the official JSON Schema for AsyncAPI {version} is not installed",
            file=str(path),
            hint="run `python scripts/vendor_assets.py` from a checkout, or reinstall asyncapi-tools",
        ) from None
    data = json.loads(text)
    if not isinstance(data, dict):
        raise AssetsMissing(
            f"the bundled JSON Schema for AsyncAPI {version} is not a JSON object",
            file=str(path),
            hint="run `python scripts/vendor_assets.py` from a checkout, or reinstall asyncapi-tools",
        )
    return data
