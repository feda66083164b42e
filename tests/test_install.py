"""A user's install: a wheel built from a fresh clone, with no node_modules, works in a fresh venv.

The JSON Schemas and the viewer bundle are git-ignored and come from npm at build time
(``hatch_build.py`` runs ``scripts/vendor_assets.py``), so only a build from a clone without any of
them proves ``pip install .`` / ``pip wheel .`` work for someone who has just the repository. The
clone is of the committed HEAD of this checkout. pip's cache is kept, so a second run is quick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow

SHIPPED = [
    "asyncapi_tools/_schemas/asyncapi-3.0.0.json",
    "asyncapi_tools/_schemas/asyncapi-3.1.0.json",
    "asyncapi_tools/_schemas/VERSION",
    "django_bridge/static/django_bridge/vendor/asyncapi-react/standalone.js",
    "django_bridge/static/django_bridge/vendor/asyncapi-react/default.min.css",
    "django_bridge/static/django_bridge/vendor/asyncapi-react/LICENSE",
    "django_bridge/static/django_bridge/vendor/asyncapi-react/THIRD-PARTY-LICENSES.txt",
]

VALID = """\
asyncapi: 3.0.0
info:
  title: Rides
  version: 1.0.0
channels:
  rides:
    address: /ws/rides/
operations:
  receiveRide:
    action: receive
    channel:
      $ref: '#/channels/rides'
"""


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # the installed package only: nothing of this checkout may shadow it
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel built from a fresh clone, the bin folder of a fresh venv it is installed into)."""
    tmp = tmp_path_factory.mktemp("install")
    clone = tmp / "clone"
    ok(run("git", "clone", "--quiet", REPO_ROOT, clone, cwd=tmp))
    assert not (clone / "node_modules").exists()
    assert not any((clone / path).exists() for path in SHIPPED)

    ok(run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", tmp / "dist", clone, cwd=tmp))
    (wheel,) = (tmp / "dist").glob("asyncapi_tools-*.whl")

    venv.create(tmp / "venv", with_pip=False)
    bin_dir = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    ok(run(sys.executable, "-m", "pip", "--python", bin_dir / "python", "install", "--quiet", wheel, cwd=tmp))
    return wheel, bin_dir


def test_the_wheel_ships_the_npm_assets(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert set(SHIPPED) <= names
        assert archive.read("asyncapi_tools/_schemas/VERSION").decode() == "@asyncapi/specs@6.11.1\n"


def test_both_packages_tell_type_checkers_they_are_typed(installed: tuple[Path, Path]) -> None:
    """PEP 561 markers: a user's mypy then checks their decorators and settings against our hints."""
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as archive:
        assert {"asyncapi_tools/py.typed", "django_bridge/py.typed"} <= set(archive.namelist())


def test_the_installed_package_finds_its_schemas_and_viewer(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, bin_dir = installed
    probe = textwrap.dedent(
        """\
        import pathlib, asyncapi_tools, django_bridge
        from asyncapi_tools._schemas import SUPPORTED_VERSIONS, load_schema
        for version in SUPPORTED_VERSIONS:
            assert load_schema(version)["$id"] == f"http://asyncapi.com/definitions/{version}/asyncapi.json"
        static = pathlib.Path(django_bridge.__file__).parent / "static/django_bridge/vendor/asyncapi-react"
        print(asyncapi_tools.__file__)
        print(sorted(p.name for p in static.iterdir()))
        """
    )
    location, files = ok(run(bin_dir / "python", "-c", probe, cwd=tmp_path)).splitlines()
    assert Path(location).is_relative_to(bin_dir.parent)
    assert files == "['LICENSE', 'THIRD-PARTY-LICENSES.txt', 'VERSION', 'default.min.css', 'standalone.js']"


def test_the_installed_command_validates(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, bin_dir = installed
    (tmp_path / "rides.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(VALID.replace("action: receive", "action: recieve"), encoding="utf-8")

    good = run(bin_dir / "asyncapi-tools", "validate", "rides.yaml", cwd=tmp_path)
    assert (good.returncode, (good.stdout + good.stderr).strip()) == (0, "rides.yaml: valid (0 errors, 0 warnings)")

    bad = run(bin_dir / "asyncapi-tools", "validate", "broken.yaml", cwd=tmp_path)
    assert bad.returncode == 1
    assert "broken.yaml:10:5: error[schema]: 'recieve' is not one of 'send', 'receive'" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stderr
