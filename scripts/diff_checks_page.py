"""Regenerate docs/diff-checks.md from the diff checks catalog.

Run: ``python scripts/diff_checks_page.py`` (tests/diff/test_checks_page.py fails when the
committed page differs from what this writes).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asyncapi_tools._diff._reference import PAGE, checks_markdown  # noqa: E402


def main() -> None:
    target = ROOT / PAGE
    target.write_text(checks_markdown(), encoding="utf-8")
    print(f"wrote {PAGE}")


if __name__ == "__main__":
    main()
