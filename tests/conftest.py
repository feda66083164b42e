"""Shared fixtures: the AsyncAPI example corpus (see tests/_support/corpus.py) and the repo root."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._support.corpus import OFFICIAL_DIR, REPO_ROOT, complete_documents, corpus_id

__all__ = ["OFFICIAL_DIR", "REPO_ROOT", "complete_documents", "corpus_id"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT
