"""Importing this module registers every command on the shared app."""

from . import check, client, diff, html, merge, mock, render, templates, titles, validate  # noqa: F401
