"""Docs pages without Django: one self-contained HTML file (``asyncapi-tools html``) and a live
preview (``asyncapi-tools serve``), both around the official ``@asyncapi/react-component`` viewer.

- :mod:`._page` builds the page: the viewer, our search/dark-mode/deep-link features
  (``assets/features.js``, shared with the Django docs page) and the spec as an escaped JSON data
  block, under a Content-Security-Policy that admits exactly the page's own scripts and styles.
- :mod:`._serve` serves that page from a stdlib HTTP server and rebuilds it when the spec changes.
"""

from __future__ import annotations

from ._page import Page, build_page, write_page

__all__ = ["Page", "build_page", "write_page"]
