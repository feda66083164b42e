"""Developer sessions. ``nox`` creates a virtualenv per session; ``scripts/bootstrap test`` runs
``tests lint typecheck docs`` with ``--no-venv`` inside the project's .venv, which it has already
set up, then ``lowest`` in its own virtualenv.

``lowest`` installs every runtime dependency at the lower bound ``pyproject.toml`` declares (so a
bound that is too low fails here, not on a user's machine); ``newest`` upgrades everything to the
newest versions the bounds allow.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nox
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # nox itself depends on tomli before Python 3.11
    import tomli as tomllib

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).resolve().parent
SOURCES = ["asyncapi_tools", "django_bridge", "tests", "benchmarks", "scripts", "noxfile.py", "hatch_build.py"]
#: the extras a user installs; ``dev`` is tooling, resolved normally in every session
RUNTIME_EXTRAS = ("django", "drf", "pydantic", "all")
#: builds a wheel in its own fresh venv with the newest dependencies: the same in every session
VERSION_INDEPENDENT = ["--ignore=tests/test_install.py"]


def install(session: nox.Session) -> None:
    """Install the project unless running in the caller's environment (``--no-venv``)."""
    if session.venv_backend != "none":
        session.install("-e", ".[all,dev]")


def lowest_pins() -> list[str]:
    """``name==lower bound`` (with its marker) for every runtime requirement in pyproject.toml.

    A requirement without a ``>=`` bound is an error: an unbounded dependency is a guess.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in RUNTIME_EXTRAS:
        requirements += project["optional-dependencies"][extra]
    pins = set()
    for text in requirements:
        requirement = Requirement(text)
        if canonicalize_name(requirement.name) == canonicalize_name(project["name"]):
            continue  # a self-reference that only combines extras
        bounds = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        if len(bounds) != 1:
            raise ValueError(f"pyproject.toml: {text!r} needs exactly one '>=' lower bound")
        marker = f"; {requirement.marker}" if requirement.marker else ""
        pins.add(f"{requirement.name}=={bounds[0]}{marker}")
    return sorted(pins)


@nox.session
def tests(session: nox.Session) -> None:
    """The whole pytest suite (needs node_modules and the corpus: run scripts/bootstrap setup first)."""
    install(session)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def fast(session: nox.Session) -> None:
    """The laptop loop: everything but the slow and browser tests (CI's ``tests`` runs all)."""
    install(session)
    session.run("python", "-m", "pytest", "-m", "not slow and not browser", *session.posargs)


#: The suite's temporary files where the main run has them: nox points TMPDIR into .nox/ inside
#: the repository, where paths in messages would be shown relative to the working directory.
OUTSIDE_TMP = {"TMPDIR": tempfile.gettempdir()}


@nox.session(venv_backend="virtualenv")
def lowest(session: nox.Session) -> None:
    """The suite with every runtime dependency at its declared lower bound."""
    constraints = Path(session.create_tmp()) / "lowest-constraints.txt"
    constraints.write_text("\n".join(lowest_pins()) + "\n", encoding="utf-8")
    # a constraint that cannot be met (a dev tool needing more) fails the install, loudly
    session.install("--constraint", str(constraints), "-e", ".[all,dev]")
    session.run("python", "-m", "pip", "check")
    session.run("python", "-m", "pip", "freeze", "--exclude-editable", silent=False)
    session.run("python", "-m", "pytest", *VERSION_INDEPENDENT, *session.posargs, env=OUTSIDE_TMP)


@nox.session(venv_backend="virtualenv")
def newest(session: nox.Session) -> None:
    """The suite with everything upgraded to the newest versions the bounds allow."""
    session.install("--upgrade", "--upgrade-strategy", "eager", "-e", ".[all,dev]")
    session.run("python", "-m", "pip", "check")
    session.run("python", "-m", "pip", "freeze", "--exclude-editable", silent=False)
    session.run("python", "-m", "pytest", *VERSION_INDEPENDENT, *session.posargs, env=OUTSIDE_TMP)


@nox.session
def lint(session: nox.Session) -> None:
    install(session)
    session.run("ruff", "check", *SOURCES)


@nox.session
def typecheck(session: nox.Session) -> None:
    install(session)
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the docs site with warnings as errors."""
    install(session)
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")
