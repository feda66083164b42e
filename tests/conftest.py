"""Shared fixtures: the AsyncAPI example corpus (see tests/_support/corpus.py), the repo root, the
test markers and the ``--update-golden`` option.

Markers: ``slow`` (seconds or more), ``node`` (needs node_modules), ``browser`` (drives Chromium;
applied here to every test that uses the ``browser`` fixture, directly or through another
fixture). ``nox -s fast`` runs ``-m "not slow and not browser"``; CI runs everything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._support.corpus import OFFICIAL_DIR, REPO_ROOT, complete_documents, corpus_id

__all__ = ["OFFICIAL_DIR", "REPO_ROOT", "complete_documents", "corpus_id"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files with the current output instead of failing; review the git diff.",
    )


def pytest_configure(config: pytest.Config) -> None:
    # slow and node are declared in pyproject.toml; browser is applied by fixture, below
    config.addinivalue_line("markers", "browser: drives a real Chromium through Playwright (run last)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether ``--update-golden`` was given: golden tests then write their files and pass."""
    return bool(request.config.getoption("--update-golden"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that use the ``browser`` fixture get the ``browser`` marker, and run last. Playwright's sync API keeps an event loop running in the main thread
    for as long as the session's browser is open, and every later ``asyncio.run`` (Channels'
    communicators, the docs examples) would then fail with "cannot be called from a running event
    loop". The sort is stable: every other test keeps its order."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))
