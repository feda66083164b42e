"""Test helpers shared across test modules (independent checkers, fixtures that are not fixtures)."""
