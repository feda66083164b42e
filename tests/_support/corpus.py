"""The AsyncAPI example corpus the tests run on: the official examples, plus ``../shared`` when present.

Two sources, one layout (``<root>/<asyncapi version>/…``):

- ``tests/corpus/official/``: the specification's complete examples as the AsyncAPI CLI publishes
  them on npm, fetched pinned by ``scripts/fetch_corpus.py`` (``scripts/bootstrap`` runs it). It is
  required: a clone alone runs the whole suite once set up.
- ``../shared/corpus/asyncapi-examples/`` beside the checkout (or ``$ASYNCAPI_CORPUS``): more
  documents (other revisions, the multi-file social-media example). It only adds; a document whose
  bytes equal the official one at the same place is not run twice.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
OFFICIAL_DIR = REPO_ROOT / "tests" / "corpus" / "official"
SHARED_DIR = (
    Path(os.environ.get("ASYNCAPI_CORPUS", REPO_ROOT.parent / "shared" / "corpus")).resolve() / "asyncapi-examples"
)

#: the documents the pinned releases ship, per AsyncAPI version: fewer means a broken fetch
OFFICIAL_COUNTS = {"3.0.0": 21, "3.1.0": 20}

#: folders that hold fragments other documents reference, not complete documents
FRAGMENT_FOLDERS = frozenset({"common"})


class CorpusMissing(RuntimeError):
    """The official examples were never fetched: the suite must stop, not run on nothing."""


def corpus_roots() -> list[Path]:
    """The official folder (required), then the shared one when it exists."""
    if not any(OFFICIAL_DIR.glob("*/*.y*ml")):
        raise CorpusMissing(
            f"the official AsyncAPI examples are missing at {OFFICIAL_DIR}; "
            "run `python scripts/fetch_corpus.py` (scripts/bootstrap setup does it)"
        )
    return [OFFICIAL_DIR, SHARED_DIR] if SHARED_DIR.is_dir() else [OFFICIAL_DIR]


def _documents_under(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in {".yml", ".yaml"} and not FRAGMENT_FOLDERS & set(path.relative_to(root).parts)
    )


def complete_documents(roots: Sequence[Path] | None = None) -> list[Path]:
    """Every complete document under ``roots`` (default :func:`corpus_roots`), first root first.

    A later root's document is left out when an earlier root has the same bytes at the same
    relative path, so ``../shared`` adds only what the official folder lacks.
    """
    found: list[Path] = []
    seen: dict[Path, bytes] = {}
    for root in corpus_roots() if roots is None else roots:
        for path in _documents_under(root):
            relative = path.relative_to(root)
            data = path.read_bytes()
            if seen.get(relative) == data:
                continue
            seen.setdefault(relative, data)
            found.append(path)
    return found


def corpus_root(path: Path) -> Path:
    """The corpus folder ``path`` belongs to."""
    for root in (OFFICIAL_DIR, SHARED_DIR):
        if path.is_relative_to(root):
            return root
    raise ValueError(f"{path} is in no corpus folder")


def corpus_id(path: Path) -> str:
    """A short test id that says which source a document came from: ``official/3.0.0/x.yml``."""
    root = corpus_root(path)
    return f"{'official' if root == OFFICIAL_DIR else 'shared'}/{path.relative_to(root)}"


def version_of(path: Path) -> str:
    """The AsyncAPI version a corpus document is filed under (its first folder)."""
    return path.relative_to(corpus_root(path)).parts[0]


def official_document(version: str, name: str) -> Path:
    """One official example, e.g. ``official_document("3.0.0", "streetlights-mqtt-asyncapi.yml")``."""
    path = OFFICIAL_DIR / version / name
    if not path.is_file():
        raise CorpusMissing(f"{path} is missing; run `python scripts/fetch_corpus.py`")
    return path


#: a multi-file example written for these tests: services whose servers, channels, messages and
#: schemas are ``$ref``s into ``../common/`` fragments, which reference each other in turn
MULTI_FILE_EXAMPLE = REPO_ROOT / "tests" / "_support" / "multi_file"


def multi_file_documents() -> list[Path]:
    """Documents that reference other files: ours, plus the shared social-media ones when present."""
    shared = sorted(SHARED_DIR.glob("*/social-media/*/asyncapi.yaml")) if SHARED_DIR.is_dir() else []
    return sorted(MULTI_FILE_EXAMPLE.glob("*/asyncapi.yaml")) + shared


def example_id(path: Path) -> str:
    """A test id for a corpus document or a document of the multi-file example."""
    if path.is_relative_to(MULTI_FILE_EXAMPLE):
        return f"multi_file/{path.relative_to(MULTI_FILE_EXAMPLE)}"
    return corpus_id(path)
