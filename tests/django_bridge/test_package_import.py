"""``import django_bridge`` stays cheap: Django imports the app at start-up, every process pays it."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["pydantic", "rest_framework", "ruamel", "ruamel.yaml", "jinja2", "jsonschema_rs"]


def loaded_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter and list the heavy modules it left in sys.modules."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def test_importing_the_package_loads_no_pydantic_ruamel_or_jinja2() -> None:
    assert loaded_after("import django_bridge") == []


def test_listing_the_public_names_imports_none_of_them() -> None:
    code = (
        "import sys, django_bridge\n"
        "names = dir(django_bridge)\n"
        "assert names == sorted(django_bridge.__all__), names\n"
        "rooms = [m for m in sys.modules if m.startswith('django_bridge.')]\n"
        "assert rooms == [], rooms\n"
    )
    assert loaded_after(code) == []
