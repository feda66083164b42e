"""Fetching pinned npm tarballs: the schemas/viewer (vendor_assets.py) and the example corpus (fetch_corpus.py)."""

from __future__ import annotations

import io
import json
import re
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))
# the scripts folder is not a package
import fetch_corpus
import vendor_assets


def tarball(path: Path, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, text in files.items():
            data = text.encode()
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return path


def test_npm_pack_creates_its_destination_and_matches_the_lock(tmp_path: Path) -> None:
    destination = tmp_path / "not" / "there"
    packed, integrity = vendor_assets.npm_pack("@asyncapi/specs", "6.11.1", destination, purpose="test")
    assert packed.parent == destination and packed.is_file()
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert integrity == lock["packages"]["node_modules/@asyncapi/specs"]["integrity"]


def test_npm_failures_carry_npms_own_message(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as failure:
        vendor_assets.npm_pack("@asyncapi/specs", "0.0.999", tmp_path, purpose="test")
    message = str(failure.value)
    assert message.startswith("npm pack @asyncapi/specs@0.0.999 failed:\n")
    assert "No matching version found for @asyncapi/specs@0.0.999" in message


def test_examples_are_filed_by_their_own_asyncapi_version(tmp_path: Path) -> None:
    cli = tarball(
        tmp_path / "cli.tgz",
        {
            "package/LICENSE": "Apache-2.0",
            "package/assets/examples/a.yml": "asyncapi: 3.0.0\ninfo: {}\n",
            "package/assets/examples/b.yaml": "# comment\nasyncapi: '3.1.0'\n",
            "package/assets/examples/examples.json": "[]",
            "package/assets/examples/nested/c.yml": "asyncapi: 3.1.0\n",
            "package/other/d.yml": "asyncapi: 3.1.0\n",
        },
    )
    written = fetch_corpus.extract_examples(cli, tmp_path / "out")
    assert sorted(str(path.relative_to(tmp_path / "out")) for path in written) == ["3.0.0/a.yml", "3.1.0/b.yaml"]
    assert (tmp_path / "out" / "LICENSE").read_text() == "Apache-2.0"


def test_two_releases_that_disagree_on_a_shared_file_are_refused(tmp_path: Path) -> None:
    first = tarball(tmp_path / "1.tgz", {"package/LICENSE": "", "package/assets/examples/t.yml": "asyncapi: 3.0.0\n"})
    second = tarball(tmp_path / "2.tgz", {"package/LICENSE": "", "package/assets/examples/t.yml": "asyncapi: 3.0.0\n# changed\n"})
    fetch_corpus.extract_examples(first, tmp_path / "out")
    with pytest.raises(SystemExit, match=re.escape("t.yml differs from the copy another pinned release ships")):
        fetch_corpus.extract_examples(second, tmp_path / "out")


def test_an_example_without_a_version_is_refused(tmp_path: Path) -> None:
    cli = tarball(tmp_path / "cli.tgz", {"package/LICENSE": "", "package/assets/examples/x.yml": "info: {}\n"})
    with pytest.raises(SystemExit, match=re.escape("x.yml has no 'asyncapi: X.Y.Z' line")):
        fetch_corpus.extract_examples(cli, tmp_path / "out")


def test_the_fetched_corpus_matches_the_pins() -> None:
    assert fetch_corpus.up_to_date(), "run python scripts/fetch_corpus.py"
    assert fetch_corpus.STAMP.read_text(encoding="utf-8") == "".join(
        f"{package}@{version} {integrity}\n" for package, version, integrity in fetch_corpus.SOURCES
    )
