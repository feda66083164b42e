"""Generate, write and check a client folder, deterministically: same document, same bytes."""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .._document import Document
from .._errors import InputError
from .._files import atomic_write_bytes
from ._modelina import run_modelina, type_names
from ._python import python_files
from ._spec import read_spec
from ._typescript import typescript_files

Language = Literal["typescript", "python"]
LANGUAGES: tuple[Language, ...] = ("typescript", "python")


def generate_client(document: Document, lang: Language) -> dict[str, str]:
    """File name -> text of the client of ``document`` in ``lang``."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown client language {lang!r}", hint=f"use one of: {', '.join(LANGUAGES)}")
    data = document.plain()
    source = document.source or "<document>"
    models = run_modelina(json.dumps(data, ensure_ascii=False), lang, source=source)
    spec = read_spec(data, type_names(models), source=source)
    files = python_files(spec, models) if lang == "python" else typescript_files(spec, models)
    return dict(sorted(files.items()))


def write_client(files: dict[str, str], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write every file that changed (atomically, one by one); returns the ones written."""
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError("the output is not a folder", file=os.fspath(folder), hint="give -o a folder for the client's files")
    written = []
    for name, text in files.items():
        target = folder / name
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        atomic_write_bytes(target, data)
        written.append(target)
    return written


@dataclass(frozen=True)
class ClientCheck:
    stale: list[str]
    diff: str

    @property
    def ok(self) -> bool:
        return not self.stale


def check_client(files: dict[str, str], out_dir: str | os.PathLike[str]) -> ClientCheck:
    """Compare the generated files with the folder: which differ or are missing, and the diff."""
    folder = Path(out_dir)
    stale: list[str] = []
    diff: list[str] = []
    for name, text in files.items():
        target = folder / name
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        stale.append(name)
        diff += difflib.unified_diff(
            (current or "").splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"{os.fspath(target)}" if current is not None else "/dev/null",
            tofile=f"{os.fspath(target)} (generated)",
        )
    return ClientCheck(stale, "".join(diff))
