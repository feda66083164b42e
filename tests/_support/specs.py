"""What the official AsyncAPI specs say, for tests: the versions ``validate()`` supports (as
docs/validate.md promises: 3.0.0 or 3.1.0) and their JSON Schemas as ``@asyncapi/specs`` publishes
them in node_modules, read there rather than from the copy bundled in the package.

tests/test_validate.py pins :data:`SUPPORTED_VERSIONS` to the list ``validate()`` names in its hint
for an unsupported version, so supporting another version fails there until it is listed here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
SPECS_DIR = REPO_ROOT / "node_modules" / "@asyncapi" / "specs" / "schemas"

SUPPORTED_VERSIONS: tuple[str, ...] = ("3.0.0", "3.1.0")


def official_schema(version: str) -> dict[str, Any]:
    """The JSON Schema (draft-07, every definition bundled) that ``@asyncapi/specs`` ships for
    ``version`` (needs node_modules: ``npm ci``)."""
    path = SPECS_DIR / f"{version}.json"
    assert path.is_file(), f"{path} is missing: run `npm ci` in the repository"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema
