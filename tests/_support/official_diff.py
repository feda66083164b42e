"""The official ``@asyncapi/diff`` (what ``asyncapi diff`` runs), through node, for comparison.

Like the CLI, each side is parsed (and dereferenced) by ``@asyncapi/parser`` first. One node
process runs every pair: start-up costs seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .official import REPO_ROOT, OfficialParserUnavailable, _node

SCRIPT = Path(__file__).resolve().with_name("asyncapi_diff.js")
DIFF_DIR = REPO_ROOT / "node_modules" / "@asyncapi" / "diff"


@dataclass(frozen=True)
class OfficialVerdict:
    """What @asyncapi/diff said: the JSON paths it classified as breaking, non-breaking, unclassified."""

    breaking: list[str]
    non_breaking: list[str]
    unclassified: list[str]

    @property
    def verdict(self) -> str:
        """``breaking`` if anything is, else ``unclassified`` if anything is, else ``safe``."""
        return "breaking" if self.breaking else "unclassified" if self.unclassified else "safe"


def official_diff_many(pairs: list[tuple[str, str]], *, timeout: float = 300.0) -> list[OfficialVerdict]:
    """The verdict of @asyncapi/diff on each (old text, new text) pair."""
    if not DIFF_DIR.is_dir():
        raise OfficialParserUnavailable(f"{DIFF_DIR} is missing; run `npm ci` in {REPO_ROOT}")
    jobs = [
        {"old": old, "new": new, "oldSource": os.path.abspath(f"old{i}.yaml"), "newSource": os.path.abspath(f"new{i}.yaml")}
        for i, (old, new) in enumerate(pairs)
    ]
    completed = subprocess.run(
        [_node(), str(SCRIPT)], input=json.dumps(jobs), capture_output=True, text=True, cwd=REPO_ROOT, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{SCRIPT.name} failed ({completed.returncode}):\n{completed.stderr}")
    results = []
    for result in json.loads(completed.stdout):
        if "error" in result:
            raise RuntimeError(f"@asyncapi/diff could not compare a pair: {result['error']}")
        results.append(OfficialVerdict(result["breaking"], result["nonBreaking"], result["unclassified"]))
    return results
