"""The import rules between the two packages, checked on the source of every module.

- The core (``asyncapi_tools``) is framework-free: it imports no Django, Channels or DRF, and
  never ``django_bridge`` (the bridge depends on the core, not the other way round).
- Outside the core, nothing imports ``asyncapi_tools._*``: the bridge, the examples and the
  Django half's tests use the names in ``asyncapi_tools.__all__``, so the core's private modules
  can move without breaking them.
- Every test imports ``django_bridge`` only through its public names: ``django_bridge.__all__`` and
  ``django_bridge.testing.__all__`` (plus the pytest plugin by its module name, in a conftest.py),
  so the rooms of the package can move without breaking them either. The Django half's tests may
  see inside only where ``WHITE_BOX`` says, with the reason.
- The core's own tests import only names in ``asyncapi_tools.__all__``, except the files in
  ``CORE_WHITE_BOX`` (each says why it must see inside: what it checks has no public face). An
  entry a file no longer needs fails too, so the lists only shrink.
- Every test module is under one of the two rules: a core test or the Django half's.

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
import django_bridge.testing

REPO = Path(__file__).resolve().parents[1]
CORE = REPO / "asyncapi_tools"
FRAMEWORKS = ("django", "channels", "rest_framework", "daphne", "django_bridge")
#: tests/testing/ is the contract-testing half's, but for the core test of frame_strategy() there.
CORE_TESTS_IN_TESTING = [REPO / "tests" / "testing" / "test_frames.py"]
#: Where the core's private modules are off limits (the core's own tests are not listed yet).
OUTSIDE_CORE = [
    REPO / "django_bridge",
    REPO / "examples",
    *(REPO / "tests" / name for name in ("django_bridge", "views", "export", "browser", "demo", "routing_project", "wire_project")),
    *sorted((REPO / "tests").glob("test_routing*.py")),
    REPO / "tests" / "test_wire_project.py",
    REPO / "tests" / "test_import_rules.py",
    REPO / "tests" / "test_public_api.py",
    *(path for path in sorted((REPO / "tests" / "testing").rglob("*.py")) if path not in CORE_TESTS_IN_TESTING),
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
    # the DRF conversion cache must not keep classes alive: the same emptying of the hint cache
    ("tests/django_bridge/test_generation_reuse.py", "django_bridge.annotations"),
    # examples checked in one pass must find exactly what checking each alone finds (the per-example
    # check is the reference, and no public face runs it alone); the garbage-collection pause's
    # nesting and thread counting, which no output shows
    ("tests/django_bridge/test_generation_reuse.py", "django_bridge.generation"),
    # the plain-dataclass shortcut must write what Pydantic writes: each case runs both paths, and
    # no public face chooses the path (nor shows which one a class took, nor the calibration)
    ("tests/django_bridge/test_plain_dataclass_payloads.py", "django_bridge.payloads"),
}
#: The Django half's public names, per public package: what any test may import from it.
BRIDGE_PUBLIC = {"django_bridge": django_bridge.__all__, "django_bridge.testing": django_bridge.testing.__all__}
#: The pytest plugin, public by its module name (the pytest11 entry point): a conftest.py may
#: import its fixtures, for an environment where that entry point is not registered.
PLUGIN = "django_bridge.testing.plugin"


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
    assert all(path.exists() for path in [*OUTSIDE_CORE, *CORE_TESTS_IN_TESTING])
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


#: Core tests that must see inside: what they check has no public face, on purpose.
CORE_WHITE_BOX: dict[str, str] = {
    "tests/test_emit.py": "the fast YAML emitter's output must equal ruamel's byte for byte: a property of _yaml.emit itself",
    "tests/test_comment_tokens.py": "where ruamel hangs comment tokens (docs/design-rules.md); rewrite() is the unit under test",
    "tests/test_comment_count_properties.py": "property tests of rewrite(): no comment lost or duplicated, on generated trees",
    "tests/test_merge_properties.py": "property tests of rewrite()/data_equal() on generated trees, faster than files",
    "tests/test_rewrite.py": "the in-place rewriter's edge cases, node by node",
    "tests/test_read_limit_option.py": "read_text's max_bytes= option and its in-bytes message; no public function passes another bound",
    "tests/test_schema_loader.py": "load_schema() returns a fresh dict for the validator to patch and refuses an unsupported version validate() rejects first",
    "tests/test_yaml_units.py": "insert_key's existing-key branch and rewrite()'s linear cost on alias DAGs, which write() does not show",
    "tests/test_patch.py": "the line patcher (_yaml.patch, _yaml.patch_text) and its refusals (Unpatchable), below write()",
    "tests/test_patch_corpus.py": "the line patcher on every corpus document, compared with the fast loader",
    "tests/test_yaml_threads.py": "the C loader and the patcher from many threads at once",
    "tests/test_check.py": "the fast loader's YAML 1.2 reading and which parser module it picked",
    "tests/test_output_files.py": "the temporary-file names and their clean-up, which users never name",
    "tests/diff/test_corpus.py": "the diff's node model and direction rules on the corpus",
    "tests/diff/test_checks_page.py": "the generated checks reference page is built from the catalog",
    "tests/html/test_page.py": "how the page escapes inlined scripts and the JSON data block, below write_html()",
}


def core_tests() -> list[Path]:
    """Every test module that is not the Django half's (``OUTSIDE_CORE``)."""
    return [
        path
        for path in python_files(REPO / "tests")
        if not any(path == root or path.is_relative_to(root) for root in OUTSIDE_CORE)
    ]


def _private_imports(path: Path) -> list[str]:
    return [
        f"{where(path, line)}: from {module} import {', '.join(names) or '*'}"
        for line, module, names in imports(path)
        # asyncapi_tools.cli is public (the typer app); any step that starts with _ is not
        if (module.startswith("asyncapi_tools.") and any(step.startswith("_") for step in module.split(".")))
        or (module == "asyncapi_tools" and not set(names) <= set(asyncapi_tools.__all__))
    ]


def _private_bridge_imports(path: Path, white_box: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Imports of the Django half that go past its public names (modules in ``white_box`` aside)."""
    return [
        f"{where(path, line)}: from {module} import {', '.join(names) or '*'}"
        for line, module, names in imports(path)
        if module.split(".")[0] == "django_bridge" and module not in white_box
        if not (module in BRIDGE_PUBLIC and set(names) <= set(BRIDGE_PUBLIC[module]))
        if not (module == PLUGIN and path.name == "conftest.py")
    ]


def test_core_tests_use_public_names_only() -> None:
    allowed = CORE_WHITE_BOX
    found = [
        line
        for path in core_tests()
        if not (path.is_relative_to(REPO) and str(path.relative_to(REPO)) in allowed)
        for line in _private_imports(path)
    ]
    assert found == [], "import from asyncapi_tools, and only names in its __all__"


def test_core_tests_see_the_django_half_through_its_public_names_only() -> None:
    found = [line for path in core_tests() for line in _private_bridge_imports(path)]
    assert found == [], "import from django_bridge / django_bridge.testing, and only names in their __all__"


def test_the_core_allow_lists_hold_no_stale_entry() -> None:
    stale = [name for name in CORE_WHITE_BOX if not (REPO / name).exists() or not _private_imports(REPO / name)]
    assert stale == [], "these files use public names only now: remove them from the allow-list"


def _white_box_of(path: Path) -> set[str]:
    """The modules ``WHITE_BOX`` lets ``path`` import past the public names."""
    return {module for file, module in WHITE_BOX if file == path.as_posix().removeprefix(f"{REPO.as_posix()}/")}


def test_bridge_tests_use_public_names_only() -> None:
    found = [
        *(line for path in python_files(*BRIDGE_TESTS) for line in _private_bridge_imports(path, _white_box_of(path))),
        *(
            f"{where(path, line)}: from {module} import {', '.join(names) or '*'}"
            for path in python_files(*BRIDGE_TESTS)
            for line, module, names in imports(path)
            if module not in _white_box_of(path)
            if module.startswith("asyncapi_tools.") or (module == "asyncapi_tools" and not set(names) <= set(asyncapi_tools.__all__))
        ),
    ]
    assert found == [], "import from django_bridge / django_bridge.testing / asyncapi_tools, and only names in their __all__"


def test_the_bridge_white_box_holds_no_stale_entry() -> None:
    stale = [
        (name, module)
        for name, module in sorted(WHITE_BOX)
        if not (REPO / name).exists() or all(found != module for _, found, _ in imports(REPO / name))
    ]
    assert stale == [], "these files no longer import these modules: remove them from WHITE_BOX"


def test_every_test_file_is_under_one_rule() -> None:
    """A core test or the Django half's, never both, never neither: both rules read its imports."""
    core, bridge = set(core_tests()), set(python_files(*BRIDGE_TESTS))
    assert core | bridge == set(python_files(REPO / "tests")) and not core & bridge
    assert set(CORE_TESTS_IN_TESTING) <= core and REPO / "tests" / "testing" / "wire_run" / "conftest.py" in bridge


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ("from asyncapi_tools._errors import AsyncAPIToolsError\n", test_nothing_outside_the_core_imports_its_private_modules),
        ("def f():\n    from django.conf import settings\n", test_the_core_imports_no_framework),
        ("from django_bridge.web.spec_view import AsyncAPISpecView\n", test_bridge_tests_use_public_names_only),
        ("from asyncapi_tools._pointer import join\n", test_core_tests_use_public_names_only),
        ("from django_bridge.annotations.wire import frame_schema\n", test_core_tests_see_the_django_half_through_its_public_names_only),
        ("import django_bridge.testing.sync\n", test_core_tests_see_the_django_half_through_its_public_names_only),
        ("from django_bridge.testing.contract_run import run_operation\n", test_bridge_tests_use_public_names_only),
        ("from django_bridge.testing import run_operation\n", test_bridge_tests_use_public_names_only),
        ("from django_bridge.testing.plugin import contract_communicator\n", test_bridge_tests_use_public_names_only),
    ],
    ids=[
        "private-core-module",
        "django-in-core",
        "private-bridge-module",
        "private-name-in-core-test",
        "private-bridge-module-in-core-test",
        "private-testing-module-imported-whole",
        "private-testing-module",
        "private-name-of-testing",
        "plugin-outside-a-conftest",
    ],
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


@pytest.mark.parametrize("rule", [test_bridge_tests_use_public_names_only, test_core_tests_see_the_django_half_through_its_public_names_only])
def test_public_names_and_the_plugin_in_a_conftest_pass(rule: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the rules allow: both packages' public names, and a conftest.py loading the plugin's fixtures."""
    planted = [tmp_path / "planted.py", tmp_path / "conftest.py"]
    planted[0].write_text("import django_bridge.testing\nfrom django_bridge import WireFormat\nfrom django_bridge.testing import run_sync\n", encoding="utf-8")
    planted[1].write_text("from django_bridge.testing.plugin import contract_communicator\n", encoding="utf-8")
    real = python_files
    monkeypatch.setattr(__import__(__name__, fromlist=["*"]), "python_files", lambda *roots: [*real(*roots), *planted])
    rule()  # type: ignore[operator]
