"""Every ```python block of the django_bridge docs pages runs, in order, one namespace per page."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "django"
PAGES = ["decorators.md", "payloads.md", "settings.md", "generator.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", PAGES)
def test_page_examples_run(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks, f"{page} has no python examples"
    # a real module, so that dataclasses and Pydantic can resolve the examples' annotations
    module = types.ModuleType(f"docs_django_{page.removesuffix('.md')}")
    sys.modules[module.__name__] = module
    try:
        for index, block in enumerate(blocks):
            code = compile(block, f"{DOCS / page}[block {index}]", "exec")
            exec(code, module.__dict__)
    finally:
        del sys.modules[module.__name__]


def test_every_page_is_plain_markdown_with_known_fences() -> None:
    for page in PAGES:
        fences = re.findall(r"^```(\w*)", (DOCS / page).read_text(encoding="utf-8"), re.MULTILINE)
        assert set(fences) <= {"python", "text", ""}, page
