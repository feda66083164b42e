"""docs/django/code-map.md names every module of django_bridge, and every module says its job."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "django_bridge"
CODE_MAP = REPO / "docs" / "django" / "code-map.md"


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "static" not in path.parts and "templates" not in path.parts)


def test_every_module_is_on_the_code_map() -> None:
    text = CODE_MAP.read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(PACKAGE))
        for path in modules()
        if path.name != "__init__.py" and f"`{path.name}`" not in text
    ]
    rooms = sorted({path.parent.relative_to(PACKAGE).parts[0] for path in modules() if path.parent != PACKAGE})
    missing += [room for room in rooms if f"`{room}/" not in text]
    assert missing == []


def test_every_module_and_room_opens_with_its_job() -> None:
    silent = [
        str(path.relative_to(REPO))
        for path in modules()
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert silent == []
