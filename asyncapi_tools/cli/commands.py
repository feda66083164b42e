"""Importing this module registers every command on the shared app."""

from . import render, titles, validate  # noqa: F401
