"""A custom path converter, registered as ``yyyy`` by asgi.py."""

from __future__ import annotations


class FourDigitYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"
