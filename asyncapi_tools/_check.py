"""Is a committed spec up to date? Cheap when it is, precise when it is not.

The fast path loads the committed file with the C YAML 1.2 loader and compares plain data with
the document (type-aware: ``1``, ``1.0`` and ``true`` differ). Only when the data differ is the
committed file parsed round-trip and rewritten in place, exactly as ``write`` would, so the diff
shows the real change and nothing the writer would keep (comments, quoting, layout).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ._document import Document
from ._source import display_name, read_text


@dataclass(frozen=True)
class CheckResult:
    """``up_to_date`` or not; ``diff`` is a unified diff (committed → expected) when stale."""

    up_to_date: bool
    diff: str
    path: str
    message: str = ""


def check(doc: Document, against: str | os.PathLike[str], *, format: Literal["yaml", "json"] = "yaml") -> CheckResult:
    """Compare ``doc`` with the committed file ``against`` without writing anything.

    A committed file holding the same data with other comments or layout is up to date. A missing
    file is stale, with the whole expected text as the diff.
    """
    from ._write import dumps, holds_same_data, rendered_for

    name = display_name(against)
    path = Path(against)
    if not path.is_file():
        expected = dumps(doc, format=format)
        diff = "".join(difflib.unified_diff([], expected.splitlines(keepends=True), "/dev/null", name))
        return CheckResult(False, diff, name, message=f"{name} does not exist yet")
    if holds_same_data(path, doc, format=format):
        return CheckResult(True, "", name)
    committed = read_text(path, what="committed file", allow_empty=True)
    expected = rendered_for(doc, path, format=format)
    diff = "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            f"{name} (committed)",
            f"{name} (expected)",
        )
    )
    return CheckResult(False, diff, name, message=f"{name} is stale")
