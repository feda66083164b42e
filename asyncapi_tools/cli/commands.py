"""Importing this module registers every command on the shared app."""

from . import check, client, merge, render, titles, validate  # noqa: F401
