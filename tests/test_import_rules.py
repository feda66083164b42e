"""The import rules between the two packages, checked on the source of every module.

- The core (``asyncapi_tools``) is framework-free: it imports no Django, Channels or DRF, and
  never ``django_bridge`` (the bridge depends on the core, not the other way round).
- Outside the core, nothing imports ``asyncapi_tools._*``: the bridge, the examples and the
  Django half's tests use the names in ``asyncapi_tools.__all__``, so the core's private modules
  can move without breaking them.
- The Django half's tests import ``django_bridge`` only through ``django_bridge.__all__``, so the
  rooms of the package can move without breaking them either.

An import is found wherever it is written (module level, inside functions, under
``TYPE_CHECKING``), by walking each module's syntax tree rather than importing it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import asyncapi_tools
import django_bridge

REPO = Path(__file__).resolve().parents[1]
CORE = REPO / "asyncapi_tools"
FRAMEWORKS = ("django", "channels", "rest_framework", "daphne", "django_bridge")
#: Where the core's private modules are off limits (the core's own tests are not listed yet).
OUTSIDE_CORE = [
    REPO / "django_bridge",
    REPO / "examples",
    *(REPO / "tests" / name for name in ("django_bridge", "views", "export", "browser", "demo", "routing_project", "wire_project")),
    *sorted((REPO / "tests").glob("test_routing*.py")),
    REPO / "tests" / "test_wire_project.py",
    REPO / "tests" / "test_import_rules.py",
    REPO / "tests" / "test_public_api.py",
]
#: The Django half's tests, which see django_bridge only through its public names.
BRIDGE_TESTS = [path for path in OUTSIDE_CORE if path.is_relative_to(REPO / "tests")]
#: White-box imports a bridge test may make, each with the reason it cannot go through the API.
WHITE_BOX = {
    # the payload-schema cache must hold no reference of its own: the test empties the type-hint
    # reader's cache (which keeps handlers on purpose) to see that nothing else does
    ("tests/django_bridge/test_bridge_payload_cache.py", "django_bridge.annotations"),
    # numbering 300 same-named types through the generator would need 300 consumers' worth of setup
    ("tests/django_bridge/test_bridge_payload_cache.py", "django_bridge.payloads"),
}


def python_files(*roots: Path) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        files.extend([root] if root.is_file() else sorted(root.rglob("*.py")))
    return [path for path in files if "node_modules" not in path.parts and "out" not in path.parts]


def imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """``(line, module, names)`` for every import in ``path`` (``names`` empty for ``import x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, [alias.name for alias in node.names]


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(REPO)}:{line}"


def test_the_rules_see_every_file_they_name() -> None:
    assert all(path.exists() for path in OUTSIDE_CORE)
    assert len(python_files(CORE)) > 20
    assert len(python_files(*BRIDGE_TESTS)) > 30


def test_the_core_imports_no_framework() -> None:
    found = [
        f"{where(path, line)}: import {module}"
        for path in python_files(CORE)
        for line, module, _ in imports(path)
        if module.split(".")[0] in FRAMEWORKS
    ]
    assert found == []


def test_nothing_outside_the_core_imports_its_private_modules() -> None:
    found = [
        f"{where(path, line)}: import {module}"
        for path in python_files(*OUTSIDE_CORE)
        for line, module, names in imports(path)
        if module.startswith("asyncapi_tools._") or (module == "asyncapi_tools" and any(n.startswith("_") for n in names))
    ]
    assert found == [], "use the names in asyncapi_tools.__all__ (add one there if the bridge needs it)"


def test_bridge_tests_use_public_names_only() -> None:
    found = [
        f"{where(path, line)}: from {module} import {', '.join(names) or '*'}"
        for path in python_files(*BRIDGE_TESTS)
        for line, module, names in imports(path)
        if (path.as_posix().removeprefix(f"{REPO.as_posix()}/"), module) not in WHITE_BOX
        if (module.startswith("django_bridge.") or (module == "django_bridge" and not set(names) <= set(django_bridge.__all__)))
        or (module.startswith("asyncapi_tools.") or (module == "asyncapi_tools" and not set(names) <= set(asyncapi_tools.__all__)))
    ]
    assert found == [], "import from django_bridge / asyncapi_tools, and only names in their __all__"


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ("from asyncapi_tools._errors import AsyncAPIToolsError\n", test_nothing_outside_the_core_imports_its_private_modules),
        ("def f():\n    from django.conf import settings\n", test_the_core_imports_no_framework),
        ("from django_bridge.web.spec_view import AsyncAPISpecView\n", test_bridge_tests_use_public_names_only),
    ],
    ids=["private-core-module", "django-in-core", "private-bridge-module"],
)
def test_a_violation_is_caught(source: str, rule: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each rule fails on a file that breaks it (here planted in the set of files it reads)."""
    planted = tmp_path / "planted.py"
    planted.write_text(source, encoding="utf-8")
    real = python_files
    monkeypatch.setattr(__import__(__name__, fromlist=["*"]), "python_files", lambda *roots: [*real(*roots), planted])
    monkeypatch.setattr(__import__(__name__, fromlist=["*"]), "where", lambda path, line: f"{path.name}:{line}")
    with pytest.raises(AssertionError, match=r"planted\.py"):
        rule()  # type: ignore[operator]
