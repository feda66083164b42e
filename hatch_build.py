"""Hatchling build hook: make sure the npm-pinned assets (AsyncAPI JSON Schemas, viewer bundle) are in the package.

They are git-ignored, so a wheel built from a clean clone (``pip install .`` or ``pip install
git+URL``) would otherwise ship without them. The hook runs ``scripts/vendor_assets.py``.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class VendorAssetsHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name not in ("wheel", "sdist"):
            return
        script = Path(self.root) / "scripts" / "vendor_assets.py"
        vendor = runpy.run_path(str(script))
        if vendor["missing"]():
            vendor["vendor_assets"]()
