#!/usr/bin/env python3
"""Copy the pinned third-party files this package ships from npm into the package.

The official AsyncAPI JSON Schemas (``@asyncapi/specs``) and the docs viewer
(``@asyncapi/react-component``'s standalone bundle and CSS) come from npm at the exact versions
pinned in ``package.json``. They are never committed: this script copies them at setup (``scripts/bootstrap``)
and the wheel build hook (``hatch_build.py``) calls it, so ``pip install .`` from a clean clone works.

Where the files come from, in order:
1. ``node_modules/`` beside this repository, when ``npm ci`` has run and the version matches;
2. otherwise ``npm pack`` of the pinned version into a temporary folder (needs only npm).

Run ``python scripts/vendor_assets.py`` by hand to refresh them; ``--check`` only reports.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (npm package, file inside the package, destination relative to the repository root)
ASSETS: tuple[tuple[str, str, str], ...] = (
    ("@asyncapi/specs", "schemas/3.0.0.json", "asyncapi_tools/_schemas/asyncapi-3.0.0.json"),
    ("@asyncapi/specs", "schemas/3.1.0.json", "asyncapi_tools/_schemas/asyncapi-3.1.0.json"),
    (
        "@asyncapi/react-component",
        "browser/standalone/index.js",
        "django_bridge/static/django_bridge/vendor/asyncapi-react/standalone.js",
    ),
    (
        "@asyncapi/react-component",
        "styles/default.min.css",
        "django_bridge/static/django_bridge/vendor/asyncapi-react/default.min.css",
    ),
    (
        "@asyncapi/react-component",
        "browser/standalone/index.js.LICENSE.txt",
        "django_bridge/static/django_bridge/vendor/asyncapi-react/THIRD-PARTY-LICENSES.txt",
    ),
    ("@asyncapi/react-component", "LICENSE", "django_bridge/static/django_bridge/vendor/asyncapi-react/LICENSE"),
    # the same viewer for the framework-free pages of `asyncapi-tools html` and `serve`
    ("@asyncapi/react-component", "browser/standalone/index.js", "asyncapi_tools/_html/vendor/standalone.js"),
    ("@asyncapi/react-component", "styles/default.min.css", "asyncapi_tools/_html/vendor/default.min.css"),
    ("@asyncapi/react-component", "LICENSE", "asyncapi_tools/_html/vendor/LICENSE"),
)

#: Our own files copied beside the vendored viewer: the search/dark-mode/deep-link features live
#: in the core (asyncapi_tools/_html/assets/), and the Django page serves this copy as static files.
LOCAL_COPIES: tuple[tuple[str, str], ...] = (
    ("asyncapi_tools/_html/assets/features.js", "django_bridge/static/django_bridge/vendor/features/features.js"),
    ("asyncapi_tools/_html/assets/features.css", "django_bridge/static/django_bridge/vendor/features/features.css"),
)


def pinned_version(package: str) -> str:
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for section in ("dependencies", "devDependencies"):
        version = manifest.get(section, {}).get(package)
        if version:
            return str(version)
    raise SystemExit(f"package.json pins no version of {package}")


def installed_package_dir(package: str, version: str) -> Path | None:
    directory = ROOT / "node_modules" / package
    try:
        manifest = json.loads((directory / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return directory if manifest.get("version") == version else None


def npm_pack(package: str, version: str, destination: Path, *, purpose: str) -> tuple[Path, str]:
    """Download one npm package tarball (no dependencies, no install scripts) into ``destination``.

    Returns the tarball's path and its integrity (``sha512-…``) as npm computed it. npm's own
    message is passed on when it fails: a network, proxy or registry error must say so.
    """
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            f"npm is needed to fetch {package}@{version} ({purpose}); "
            "install Node.js 20+ with npm, then run the command again"
        )
    # npm pack writes into --pack-destination but never creates it
    destination.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "pack", f"{package}@{version}", "--json", "--loglevel=error", "--pack-destination", str(destination)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.strip() or result.stdout.strip() or f"exit status {result.returncode}"
        raise SystemExit(f"npm pack {package}@{version} failed:\n{message}")
    try:
        (packed,) = json.loads(result.stdout)
        tarball, integrity = destination / packed["filename"], str(packed["integrity"])
    except (ValueError, KeyError, TypeError) as error:
        raise SystemExit(f"npm pack {package}@{version}: unexpected output ({error}):\n{result.stdout}") from None
    if not tarball.is_file():
        raise SystemExit(f"npm pack {package}@{version} reported {tarball.name} but did not write it")
    return tarball, integrity


def locked_integrity(package: str) -> str | None:
    """The integrity ``package-lock.json`` records for ``package`` (None when it records none)."""
    try:
        lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = lock.get("packages", {}).get(f"node_modules/{package}", {})
    return entry.get("integrity") if isinstance(entry, dict) else None


def packed_package_dir(package: str, version: str, workdir: Path) -> Path:
    tarball, integrity = npm_pack(package, version, workdir, purpose="the AsyncAPI JSON Schemas and the docs viewer")
    # the same bytes npm ci would install: a tampered mirror or a re-published tarball is refused
    expected = locked_integrity(package)
    if expected is not None and integrity != expected:
        raise SystemExit(
            f"{package}@{version} from npm has integrity {integrity}, "
            f"but package-lock.json records {expected}; refusing to vendor it"
        )
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir / "unpacked", filter="data")
    return workdir / "unpacked" / "package"


def vendor_assets() -> list[Path]:
    """Copy every pinned asset into place (unchanged files are left untouched)."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        sources: dict[str, Path] = {}
        for package, inner, destination in ASSETS:
            if package not in sources:
                version = pinned_version(package)
                sources[package] = installed_package_dir(package, version) or packed_package_dir(
                    package, version, Path(tmp) / package.replace("/", "_")
                )
            target = ROOT / destination
            target.parent.mkdir(parents=True, exist_ok=True)
            data = (sources[package] / inner).read_bytes()
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            written.append(target)
        for source, destination in LOCAL_COPIES:
            target = ROOT / destination
            target.parent.mkdir(parents=True, exist_ok=True)
            data = (ROOT / source).read_bytes()
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            written.append(target)
        for package in sources:
            stamp = ROOT / Path(next(d for p, _, d in ASSETS if p == package)).parent / "VERSION"
            stamp.write_text(f"{package}@{pinned_version(package)}\n", encoding="utf-8")
    return written


def missing() -> list[Path]:
    """Assets absent, and local copies that differ from their source (stale after an edit)."""
    absent = [ROOT / destination for _, _, destination in ASSETS if not (ROOT / destination).is_file()]
    for source, destination in LOCAL_COPIES:
        target = ROOT / destination
        if not target.is_file() or target.read_bytes() != (ROOT / source).read_bytes():
            absent.append(target)
    return absent


def main(argv: list[str]) -> int:
    if "--check" in argv:
        absent = missing()
        for path in absent:
            print(f"missing: {path.relative_to(ROOT)}")
        return 1 if absent else 0
    for path in vendor_assets():
        print(f"vendored {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
