"""Developer sessions. ``nox`` creates a virtualenv per session; ``scripts/bootstrap test`` runs the
same sessions with ``--no-venv`` inside the project's .venv, which it has already set up."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True

SOURCES = ["asyncapi_tools", "django_bridge", "tests", "benchmarks", "scripts", "noxfile.py", "hatch_build.py"]


def install(session: nox.Session) -> None:
    """Install the project unless running in the caller's environment (``--no-venv``)."""
    if session.venv_backend != "none":
        session.install("-e", ".[all,dev]")


@nox.session
def tests(session: nox.Session) -> None:
    """The whole pytest suite (needs node_modules: run `npm ci` first)."""
    install(session)
    session.run("python", "-m", "pytest", *session.posargs)


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
