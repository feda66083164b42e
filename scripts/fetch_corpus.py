#!/usr/bin/env python3
"""Fetch the official AsyncAPI example documents the test suite runs on, pinned, from npm.

The AsyncAPI CLI publishes the complete examples of the specification under ``assets/examples/``:
``@asyncapi/cli`` 5.x ships the AsyncAPI 3.0.0 set, 6.x the 3.1.0 set. Only those two tarballs
are downloaded (``npm pack``: no dependencies, no install scripts; about 0.5 MB each) rather than
adding the CLI to ``package.json``, whose ``npm ci`` would install hundreds of packages the tests
never run. Each tarball must match the integrity pinned below, so the documents are the same
bytes on every machine.

The documents land in ``tests/corpus/official/<asyncapi version>/`` (git-ignored), sorted by each
document's own ``asyncapi:`` field. ``scripts/bootstrap`` runs this script; a second run with
the same pins does nothing. ``--check`` only reports whether the folder is up to date.
"""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

from vendor_assets import ROOT, npm_pack

OFFICIAL_DIR = ROOT / "tests" / "corpus" / "official"
#: the pins the folder was filled from, one ``package@version integrity`` line each
STAMP = OFFICIAL_DIR / "SOURCES"
EXAMPLES = "package/assets/examples/"

#: (npm package, version, integrity as ``npm view <package>@<version> dist.integrity`` prints it)
SOURCES: tuple[tuple[str, str, str], ...] = (
    # the AsyncAPI 3.0.0 examples
    (
        "@asyncapi/cli",
        "5.0.5",
        "sha512-t5peR38dGhXx2xrIi9EfRLB3VfrSKiT8fWlkubkn+zSo82VE6OI8sJm6ayd/STBIDfzt1FiBvWA+7KFyDk3ZkQ==",
    ),
    # the AsyncAPI 3.1.0 examples
    (
        "@asyncapi/cli",
        "6.2.0",
        "sha512-uAHKi86tXC/mMDzPCtUHZ27sf/TnZCt9CkzmCkdTnQGOrSkR5pCi8yTgJdhX94yexroJ5WOjnpdvBAeowmqjig==",
    ),
)

ASYNCAPI_FIELD = re.compile(rb"^asyncapi:\s*['\"]?(\d+\.\d+\.\d+)['\"]?\s*$", re.MULTILINE)


def stamp_text() -> str:
    return "".join(f"{package}@{version} {integrity}\n" for package, version, integrity in SOURCES)


def up_to_date() -> bool:
    try:
        return STAMP.read_text(encoding="utf-8") == stamp_text()
    except OSError:
        return False


def extract_examples(tarball: Path, into: Path) -> list[Path]:
    """Copy every YAML example of one CLI tarball to ``into/<its asyncapi version>/<name>``."""
    written = []
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix(EXAMPLES)
            if not member.isfile() or name == member.name or "/" in name or not name.endswith((".yml", ".yaml")):
                continue
            reader = archive.extractfile(member)
            assert reader is not None  # a regular file always has content
            data = reader.read()
            version = ASYNCAPI_FIELD.search(data)
            if version is None:
                raise SystemExit(f"{tarball.name}: {member.name} has no 'asyncapi: X.Y.Z' line")
            target = into / version.group(1).decode() / name
            # the two releases share some files (tutorial.yml): they must agree byte for byte
            if target.exists() and target.read_bytes() != data:
                raise SystemExit(f"{tarball.name}: {member.name} differs from the copy another pinned release ships")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
        license_member = archive.extractfile("package/LICENSE")
        if license_member is not None:
            (into / "LICENSE").write_bytes(license_member.read())
    if not written:
        raise SystemExit(f"{tarball.name} has no examples under {EXAMPLES}")
    return written


def fetch_corpus() -> int:
    """Fill ``tests/corpus/official/`` from the pinned tarballs; returns the number of documents."""
    # staged beside its final place, so the last step is a rename on one file system
    OFFICIAL_DIR.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=OFFICIAL_DIR.parent, prefix=".fetch-") as tmp:
        staging = Path(tmp) / "official"
        staging.mkdir()
        documents: set[Path] = set()
        for package, version, integrity in SOURCES:
            tarball, actual = npm_pack(package, version, Path(tmp) / "packs", purpose="the AsyncAPI example corpus the tests run on")
            if actual != integrity:
                raise SystemExit(
                    f"{package}@{version} from npm has integrity {actual}, but scripts/fetch_corpus.py pins {integrity}"
                )
            documents.update(extract_examples(tarball, staging))
        (staging / "SOURCES").write_text(stamp_text(), encoding="utf-8")
        # swap the complete folder in: an interrupted run never leaves half a corpus behind
        if OFFICIAL_DIR.exists():
            shutil.rmtree(OFFICIAL_DIR)
        staging.rename(OFFICIAL_DIR)
    return len(documents)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if up_to_date():
            return 0
        print(f"{OFFICIAL_DIR.relative_to(ROOT)} is missing or stale: run python scripts/fetch_corpus.py")
        return 1
    if up_to_date():
        print(f"{OFFICIAL_DIR.relative_to(ROOT)} is up to date")
        return 0
    count = fetch_corpus()
    print(f"fetched {count} example documents into {OFFICIAL_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
