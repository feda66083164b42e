"""Shared fixtures: the official AsyncAPI example corpus beside the checkout, and the repo root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = Path(os.environ.get("ASYNCAPI_CORPUS", REPO_ROOT.parent / "shared" / "corpus")).resolve()
EXAMPLES_DIR = CORPUS_DIR / "asyncapi-examples"


def complete_documents() -> list[Path]:
    """Every complete corpus document (the social-media/common fragments are not documents)."""
    if not EXAMPLES_DIR.is_dir():
        raise RuntimeError(
            f"the AsyncAPI example corpus is missing at {EXAMPLES_DIR}; "
            "check out shared/ beside the repository or set ASYNCAPI_CORPUS"
        )
    return sorted(
        path
        for path in EXAMPLES_DIR.rglob("*")
        if path.suffix in {".yml", ".yaml"} and "common" not in path.relative_to(EXAMPLES_DIR).parts
    )


def corpus_id(path: Path) -> str:
    return str(path.relative_to(EXAMPLES_DIR))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT
