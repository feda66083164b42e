"""Importing this module registers every command on the shared app."""

from . import check, merge, mock, render, titles, validate  # noqa: F401
