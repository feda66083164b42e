"""The official ``@asyncapi/parser`` as an independent checker, run through node.

Nobody on this project wrote it, so "the official parser agrees" is the strongest evidence a test
can give. The parser's start-up costs ~2.5 s: batch documents into one node process with
:func:`official_errors_many` (or :func:`official_diagnostics_many` for every severity).

Each diagnostic is a dict: ``code`` (the Spectral rule, e.g. ``asyncapi-document-resolved``,
``invalid-ref``), ``severity`` (``error``/``warning``/``info``/``hint``), ``path`` (list of str),
``line`` and ``column`` (1-based), ``message``, ``source`` (the file it was found in). The
``asyncapi-latest-version`` info is switched off; remote (http/https) references are never
fetched and show up as ``invalid-ref`` errors. Relative references resolve from each document's
own path (for text, from the ``source`` path you give).

Known limit: the parser never returns on a document whose ``$ref``s form a cycle; the call then
fails with a timeout instead of hanging the test run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).resolve().with_name("asyncapi_parse.js")
PARSER_DIR = REPO_ROOT / "node_modules" / "@asyncapi" / "parser"

Diagnostics = list[dict[str, Any]]


class OfficialParserUnavailable(RuntimeError):
    """node or the npm packages are missing: install them, tests must not silently skip."""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise OfficialParserUnavailable("node is not on PATH; install Node.js 20+ (the setup script does)")
    if not PARSER_DIR.is_dir():
        raise OfficialParserUnavailable(f"{PARSER_DIR} is missing; run `npm ci` in {REPO_ROOT}")
    return node


def _run(jobs: list[dict[str, str]], *, timeout: float | None) -> list[Diagnostics]:
    if not jobs:
        return []
    limit = timeout if timeout is not None else 60.0 + 10.0 * len(jobs)
    try:
        completed = subprocess.run(
            [_node(), str(SCRIPT)],
            input=json.dumps(jobs),
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        sources = ", ".join(job.get("path") or job.get("source", "?") for job in jobs)
        raise TimeoutError(
            f"@asyncapi/parser did not finish within {limit:.0f} s on: {sources} "
            "(it never returns on circular $refs)"
        ) from None
    if completed.returncode != 0:
        raise RuntimeError(f"{SCRIPT.name} failed ({completed.returncode}):\n{completed.stderr}")
    results = json.loads(completed.stdout)
    return [result["diagnostics"] for result in results]


def official_diagnostics_many(paths: Iterable[str | os.PathLike[str]], *, timeout: float | None = None) -> dict[str, Diagnostics]:
    """Every diagnostic (all severities) per file, keyed by the path as given; one node process."""
    keys = [os.fspath(path) for path in paths]
    results = _run([{"path": os.path.abspath(key)} for key in keys], timeout=timeout)
    return dict(zip(keys, results, strict=True))


def official_errors_many(paths: Iterable[str | os.PathLike[str]], *, timeout: float | None = None) -> dict[str, Diagnostics]:
    """Error diagnostics per file, keyed by the path as given; one node process for all."""
    return {key: _errors(found) for key, found in official_diagnostics_many(paths, timeout=timeout).items()}


def official_errors(path: str | os.PathLike[str], *, timeout: float | None = None) -> Diagnostics:
    """Error diagnostics of one file (prefer the batched :func:`official_errors_many`)."""
    return official_errors_many([path], timeout=timeout)[os.fspath(path)]


def official_errors_texts(texts: Mapping[str, str], *, timeout: float | None = None) -> dict[str, Diagnostics]:
    """Error diagnostics of documents given as text, keyed by ``source`` (an absolute path that
    relative references resolve from; the file need not exist)."""
    keys = list(texts)
    results = _run([{"text": texts[key], "source": os.path.abspath(key)} for key in keys], timeout=timeout)
    return {key: _errors(found) for key, found in zip(keys, results, strict=True)}


def _errors(diagnostics: Diagnostics) -> Diagnostics:
    return [d for d in diagnostics if d["severity"] == "error"]
