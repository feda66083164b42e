"""The AsyncAPI versions ``validate()`` supports, as docs/validate.md promises (3.0.0 or 3.1.0).

A test pins this list to the one ``validate()`` names in its hint for an unsupported version,
so supporting another version fails there until the list (and the docs) say so.
"""

from __future__ import annotations

SUPPORTED_VERSIONS: tuple[str, ...] = ("3.0.0", "3.1.0")
