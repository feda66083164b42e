"""The pinned docs viewer: the ``@asyncapi/react-component`` files, served locally or from a CDN.

The version is pinned in package.json and the files are vendored by scripts/vendor_assets.py
into ``static/django_bridge/vendor/``, so the docs work offline; the CDN form loads the same
bytes, checked by their Subresource Integrity hashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: ``@asyncapi/react-component``, pinned in package.json and vendored by scripts/vendor_assets.py.
VIEWER_VERSION = "3.2.1"
_CDN = f"https://cdn.jsdelivr.net/npm/@asyncapi/react-component@{VIEWER_VERSION}"


@dataclass(frozen=True)
class ViewerAsset:
    """One file of the viewer: where it is vendored, and the same bytes on the CDN with their SRI."""

    static_path: str
    cdn_url: str
    integrity: str


VIEWER_JS = ViewerAsset(
    static_path="django_bridge/vendor/asyncapi-react/standalone.js",
    cdn_url=f"{_CDN}/browser/standalone/index.js",
    integrity="sha384-wy5bSOazlkSKMGH7XMW6+pK8ho8+rCPr7mTqKdAb/dvfwXAPWCFivgr3C7wJMFAh",
)
VIEWER_CSS = ViewerAsset(
    static_path="django_bridge/vendor/asyncapi-react/default.min.css",
    cdn_url=f"{_CDN}/styles/default.min.css",
    integrity="sha384-oo9RoQcacP++XdMX6CjTucTvASEORHX3chFik0/V2kHcsHiVboGyWZztGeq/0bum",
)

#: The viewer's ``config`` unless a view passes its own: sidebar, errors and every section shown.
DEFAULT_VIEWER_CONFIG: dict[str, Any] = {
    "show": {
        "sidebar": True,
        "info": True,
        "servers": True,
        "operations": True,
        "messages": True,
        "schemas": True,
        "errors": True,
    },
}
